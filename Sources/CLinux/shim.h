// Linux's epoll, eventfd and sched_getcpu, which Swift's Glibc module leaves out. The epoll
// wrappers take and give plain integers: `struct epoll_event` is packed on x86_64, and arrays
// of it are easier to get wrong from Swift than two arrays of integers.
#ifndef CLINUX_SHIM_H
#define CLINUX_SHIM_H

#include <stdint.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <unistd.h>

// Adds, changes or removes (`EPOLL_CTL_*`) `fd` in `epoll` with the interest `events`.
static inline int clinux_epoll_ctl(int epoll, int operation, int fd, uint32_t events) {
    struct epoll_event event = { .events = events, .data = { .fd = fd } };
    return epoll_ctl(epoll, operation, fd, &event);
}

// Waits up to `timeout` ms for at most `capacity` events; writes each one's descriptor and
// event bits to `fds` and `events`. Returns their number, or -1 with errno set.
static inline int clinux_epoll_wait(int epoll, int *fds, uint32_t *events, int capacity, int timeout) {
    struct epoll_event ready[256];
    if (capacity > 256) capacity = 256;
    int count = epoll_wait(epoll, ready, capacity, timeout);
    for (int index = 0; index < count; index++) {
        fds[index] = ready[index].data.fd;
        events[index] = ready[index].events;
    }
    return count;
}

// glibc's, declared here: <sched.h> declares it only with _GNU_SOURCE, and defining that in
// this module changes the system types it shares with Swift's Glibc module (`fd_set`).
extern int sched_getcpu(void);

// The processor the calling thread runs on (a vDSO read, no system call), or -1.
static inline int clinux_current_cpu(void) {
    return sched_getcpu();
}

#endif
