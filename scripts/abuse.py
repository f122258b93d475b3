#!/usr/bin/env python3
"""Replays the abuse of issue 12 (items 1, 2, 4, 5, 6) against a running newsstore on loopback
and prints one summary table. Run by scripts/abuse.sh, which starts the server and loads it.

Every request comes as a remote client arriving through the local proxy would: from loopback,
with X-Forwarded-For naming the client (the health checks excepted: Docker's runs on the
machine itself). Every loop is bounded in count and in time, and every socket has a timeout.

usage: abuse.py --host 127.0.0.1 --port PORT --pid SERVER_PID --token TOKEN --slugs FILE
Standard library only.
"""
import argparse
import json
import os
import random
import socket
import statistics
import sys
import threading
import time
import urllib.parse

# ----------------------------------------------------------------------------- plumbing


def log(message):
    print("abuse: " + message, file=sys.stderr, flush=True)


def rss_mib(pid):
    """Resident memory of `pid` in MiB, from /proc."""
    with open("/proc/%d/status" % pid) as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


class Closed(Exception):
    pass


class Connection:
    """One keep-alive HTTP/1.1 connection that sends exact bytes and reads Content-Length framed
    responses (as newsstore always sends)."""

    def __init__(self, host, port, timeout=10.0, source=None):
        # `source`: connect from another loopback address, as a client that reaches the server
        # directly (not through the trusted proxy) would.
        self.sock = socket.create_connection((host, port), timeout=timeout, source_address=(source, 0) if source else None)
        self.buffer = b""

    def close(self):
        try:
            self.sock.close()
        except OSError:
            pass

    def send(self, data):
        self.sock.sendall(data)

    def _fill(self):
        chunk = self.sock.recv(65536)
        if not chunk:
            raise Closed()
        self.buffer += chunk

    def read_response(self, interim=False):
        """(status, headers dict lower-cased, body). Skips 1xx unless `interim`."""
        while True:
            while b"\r\n\r\n" not in self.buffer:
                self._fill()
            head, self.buffer = self.buffer.split(b"\r\n\r\n", 1)
            lines = head.decode("latin-1").split("\r\n")
            status = int(lines[0].split(" ")[1])
            headers = {}
            for line in lines[1:]:
                name, _, value = line.partition(":")
                headers[name.strip().lower()] = value.strip()
            if 100 <= status < 200 and not interim:
                continue
            length = int(headers.get("content-length", "0"))
            while len(self.buffer) < length:
                self._fill()
            body, self.buffer = self.buffer[:length], self.buffer[length:]
            return status, headers, body

    def request(self, method, target, headers=(), body=b""):
        head = "%s %s HTTP/1.1\r\nHost: newsstore\r\n" % (method, target)
        for name, value in headers:
            head += "%s: %s\r\n" % (name, value)
        if body or method in ("POST", "PUT", "PATCH"):
            head += "Content-Length: %d\r\n" % len(body)
        self.send(head.encode("utf-8") + b"\r\n" + body)
        return self.read_response()


def client(address):
    """The header a loopback proxy adds for a remote client at `address`."""
    return ("X-Forwarded-For", address)


def percentile(values, fraction):
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def count(statuses):
    """'200×5 429×3' from a list of statuses (or error names)."""
    tally = {}
    for status in statuses:
        tally[status] = tally.get(status, 0) + 1
    return " ".join("%s×%d" % (key, tally[key]) for key in sorted(tally, key=str)) or "-"


# ----------------------------------------------------------------------------- the replays


class Abuse:
    def __init__(self, options):
        self.host = options.host
        self.port = options.port
        self.pid = options.pid
        self.token = options.token
        with open(options.slugs, encoding="utf-8") as slugs:
            self.slugs = [line.strip() for line in slugs if line.strip()]
        self.results = []   # (item, measure, value) rows of the summary

    def connect(self, timeout=10.0, source=None):
        return Connection(self.host, self.port, timeout, source)

    def get_kept_alive(self, connection, target, headers, timeout=10.0):
        """GET `target` on `connection` (a new one when None), as a keep-alive client does:
        returns the connection to use next (None after a failure) and the status or "error"."""
        try:
            connection = connection or self.connect(timeout=timeout)
            return connection, connection.request("GET", target, headers)[0]
        except (OSError, Closed):
            if connection:
                connection.close()
            return None, "error"

    def health_check_seconds(self):
        """One GET /healthz on a new connection, as Docker's health check makes it: seconds
        until it was answered (or failed)."""
        started = time.monotonic()
        try:
            connection = self.connect(timeout=60)
            connection.request("GET", "/healthz")
            connection.close()
        except (OSError, Closed):
            pass
        return time.monotonic() - started

    def row(self, item, measure, value):
        self.results.append((item, measure, value))
        log("%s | %s | %s" % (item, measure, value))

    def editor(self, method, target, document):
        connection = self.connect()
        try:
            body = json.dumps(document).encode("utf-8")
            return connection.request(method, target, [("Authorization", "Bearer " + self.token),
                                                       ("Content-Type", "application/json")], body)
        finally:
            connection.close()

    # -- 1. prepared statements --------------------------------------------------------

    def statement_sweep(self, requests=2000, seconds=150.0, threads=4):
        """GET /api/v1/articles with 1..680 repeats of tag= and three filter combinations: every
        request a distinct SQL text, as an anonymous remote client."""
        self.editor("POST", "/api/v1/tags", {"name": "x", "slug": "x"})
        category = urllib.parse.quote(self.slugs_category())
        combinations = ["", "&category=%s&author=abuse&source=abuse" % category,
                        "&since=2001-01-01T00:00:00Z&until=2099-01-01T00:00:00Z&sort=published_at"]
        targets = []
        for index in range(requests):
            repeats = 1 + index % 680
            targets.append("/api/v1/articles?" + "&".join(["tag=x"] * repeats) + combinations[(index // 680) % 3])
        before = rss_mib(self.pid)
        statuses = []
        lock = threading.Lock()
        deadline = time.monotonic() + seconds
        queue = list(reversed(targets))

        def work(number):
            connection = None
            while time.monotonic() < deadline:
                with lock:
                    if not queue:
                        break
                    target = queue.pop()
                connection, status = self.get_kept_alive(connection, target, [client("198.51.100.%d" % (10 + number))])
                with lock:
                    statuses.append(status)
            if connection:
                connection.close()

        started = time.monotonic()
        workers = [threading.Thread(target=work, args=(number,)) for number in range(threads)]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()
        elapsed = time.monotonic() - started
        time.sleep(2)
        after = rss_mib(self.pid)
        self.row("1 statements", "requests (distinct SQL) in s", "%d in %.0f s: %s" % (len(statuses), elapsed, count(statuses)))
        self.row("1 statements", "RSS before -> after sweep", "%.0f MiB -> %.0f MiB" % (before, after))

    def slugs_category(self):
        connection = self.connect()
        try:
            status, _, body = connection.request("GET", "/api/v1/categories", [client("198.51.100.9")])
            items = json.loads(body).get("items", []) if status == 200 else []
            return items[0]["slug"] if items else "politics"
        finally:
            connection.close()

    # -- 2. search flood -----------------------------------------------------------------

    def search_flood(self, seconds=20.0, attackers=8, give_up=3.0):
        """Eight connections of one client search for twelve two-letter prefixes, each giving
        up after `give_up` seconds (the client goes; its search may not). Meanwhile another
        client reads random articles and a health check asks /healthz twice a second."""
        prefixes = ["ال", "وا", "في", "من", "عل", "لل", "با", "مع", "تع", "سي", "مس", "حك"]
        query = urllib.parse.quote(" ".join(p + "*" for p in prefixes))
        target = "/api/v1/search?limit=100&q=" + query
        stop = threading.Event()
        attacker_statuses, reader_latencies, reader_statuses, health_latencies = [], [], [], []
        lock = threading.Lock()

        def attack():
            while not stop.is_set():
                connection = None
                try:
                    connection = self.connect(timeout=give_up)
                    status = connection.request("GET", target, [client("203.0.113.50")])[0]
                    if status == 429:
                        time.sleep(0.2)   # a patient attacker: no busy loop on refusals
                except socket.timeout:
                    status = "gave up"
                except (OSError, Closed):
                    status = "error"
                finally:
                    if connection:
                        connection.close()
                with lock:
                    attacker_statuses.append(status)

        def read():
            connection = None
            while not stop.is_set():
                slug = urllib.parse.quote(random.choice(self.slugs))
                started = time.monotonic()
                connection, status = self.get_kept_alive(connection, "/api/v1/articles/" + slug, [client("198.51.100.200")], timeout=60)
                with lock:
                    reader_latencies.append(time.monotonic() - started)
                    reader_statuses.append(status)
                time.sleep(0.05)
            if connection:
                connection.close()

        def health():
            while not stop.is_set():
                with lock:
                    health_latencies.append(self.health_check_seconds())
                stop.wait(0.5)

        threads = [threading.Thread(target=attack) for _ in range(attackers)]
        threads += [threading.Thread(target=read), threading.Thread(target=health)]
        for thread in threads:
            thread.start()
        stop.wait(seconds)
        stop.set()
        for thread in threads:
            thread.join(timeout=70)
        # The attackers have all gone: how long until the server answers at once again?
        drained = self.health_check_seconds()
        self.row("2 search flood", "attacker searches (%d conns, %.0f s give-up)" % (attackers, give_up), count(attacker_statuses))
        self.row("2 search flood", "other client's article p50 / p99 / max",
                 "%.3f / %.3f / %.3f s (%d reads: %s)" % (percentile(reader_latencies, 0.5), percentile(reader_latencies, 0.99),
                                                         max(reader_latencies or [float("nan")]), len(reader_statuses),
                                                         count(reader_statuses)))
        self.row("2 search flood", "/healthz max during flood", "%.3f s (%d checks)" % (max(health_latencies or [float("nan")]),
                                                                                        len(health_latencies)))
        self.row("2 search flood", "/healthz just after the attackers left", "%.3f s" % drained)

    # -- 4. IPv6 /64 and connections -------------------------------------------------------

    def per_64(self, addresses=60):
        """The same cheap search from `addresses` addresses of one /64, then from one address."""
        target = "/api/v1/search?q=" + urllib.parse.quote("ديناصور")

        def searches(addresses_of_client):
            statuses = []
            connection = self.connect()
            try:
                for address in addresses_of_client:
                    statuses.append(connection.request("GET", target, [client(address)])[0])
            finally:
                connection.close()
            return statuses

        rotated = searches(["2001:db8:abcd:12::%x" % (index + 1) for index in range(addresses)])
        single = searches(["2001:db8:abcd:99::1"] * addresses)
        limited = rotated.count(429) > 0
        self.row("4 IPv6 /64", "searches from %d addresses of one /64" % addresses, count(rotated))
        self.row("4 IPv6 /64", "searches from one address (control)", count(single))
        self.row("4 IPv6 /64", "limited per /64", "yes" if limited else "no")

    def views_per_64(self, addresses=40):
        """Views of one article from `addresses` addresses of one /64: how many count?"""
        slug = urllib.parse.quote(self.slugs[len(self.slugs) // 2])
        connection = self.connect()
        try:
            before = json.loads(connection.request("GET", "/api/v1/articles/" + slug, [client("198.51.100.201")])[2]).get("views", 0)
            statuses = [connection.request("POST", "/api/v1/articles/%s/views" % slug, [client("2001:db8:abcd:34::%x" % (index + 1))])[0]
                        for index in range(addresses)]
            views = before
            deadline = time.monotonic() + 5
            while time.monotonic() < deadline:   # flushes run in the background (1 s by default)
                time.sleep(0.5)
                views = json.loads(connection.request("GET", "/api/v1/articles/" + slug, [client("198.51.100.201")])[2]).get("views", 0)
        finally:
            connection.close()
        self.row("4 IPv6 /64", "views from %d addresses of one /64" % addresses, "%s, counted %d" % (count(statuses), views - before))

    def connection_cap(self, connections=256, seconds=20.0):
        """One client opens `connections` connections and keeps them: how many does it hold?
        Once through the proxy (the proxy's connections carry many clients, so only the proxy's
        own limit, nginx's limit_conn say, can count them) and once directly, from 127.0.0.2."""
        for label, source, headers in [("through the proxy", None, [client("203.0.113.77")]), ("directly", "127.0.0.2", [])]:
            held, outcomes = [], []
            deadline = time.monotonic() + seconds
            for _ in range(connections):
                if time.monotonic() > deadline:
                    break
                try:
                    connection = self.connect(timeout=5, source=source)
                    held.append(connection)
                    status = connection.request("GET", "/api/v1/articles?limit=1", headers)[0]
                    outcomes.append(status)
                except socket.timeout:
                    outcomes.append("timeout")
                except (OSError, Closed):
                    outcomes.append("refused/closed")
            time.sleep(1)
            still_open = 0
            for connection in held:
                connection.sock.setblocking(False)
                try:
                    still_open += 0 if connection.sock.recv(1) == b"" else 1
                except BlockingIOError:
                    still_open += 1
                except OSError:
                    pass
            rss = rss_mib(self.pid)
            for connection in held:
                connection.close()
            self.row("4 connections", "one client opens %d, %s" % (connections, label), "%s; open after 1 s: %d" % (count(outcomes), still_open))
            self.row("4 connections", "RSS while they are held", "%.0f MiB" % rss)

    # -- 5. bodies before authentication -----------------------------------------------------

    def expect_continue(self):
        """An anonymous POST announcing 1 MB with Expect: 100-continue: what comes first?"""
        connection = self.connect(timeout=3)
        try:
            connection.send(("POST /api/v1/articles HTTP/1.1\r\nHost: newsstore\r\nContent-Type: application/json\r\n"
                             "Content-Length: 1000000\r\nExpect: 100-continue\r\nX-Forwarded-For: 203.0.113.88\r\n\r\n").encode())
            status = connection.read_response(interim=True)[0]
            first = "100 Continue" if status == 100 else "%d without 100" % status
        except socket.timeout:
            first = "nothing within 3 s"
        except (OSError, Closed):
            first = "closed"
        finally:
            connection.close()
        self.row("5 bodies", "anonymous POST with Expect: 100-continue", first)

    def anonymous_bodies(self, connections=64, size=1048576, seconds=15.0):
        """`connections` anonymous POSTs each sending all but the last byte of a `size` body, held
        open: how much does the server take in, and what does its memory do?"""
        before = rss_mib(self.pid)
        sockets, sent = [], []
        head = ("POST /api/v1/articles HTTP/1.1\r\nHost: newsstore\r\nContent-Type: application/json\r\n"
                "Content-Length: %d\r\nX-Forwarded-For: 203.0.113.99\r\n\r\n" % size).encode()
        for _ in range(connections):
            try:
                sock = socket.create_connection((self.host, self.port), timeout=5)
                # A small send buffer, so what counts as sent is mostly what the server read.
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 16384)
                sock.sendall(head)
                sock.setblocking(False)
                sockets.append(sock)
                sent.append(0)
            except OSError:
                pass
        payload = b"a" * 65536
        deadline = time.monotonic() + seconds
        open_sockets = set(range(len(sockets)))
        while open_sockets and time.monotonic() < deadline:
            progressed = False
            for index in list(open_sockets):
                remaining = size - 1 - sent[index]
                if remaining <= 0:
                    open_sockets.discard(index)
                    continue
                try:
                    written = sockets[index].send(payload[:remaining])
                    sent[index] += written
                    progressed = progressed or written > 0
                except BlockingIOError:
                    pass
                except OSError:
                    open_sockets.discard(index)
            if not progressed:
                time.sleep(0.01)
        time.sleep(1)
        during = rss_mib(self.pid)
        answers = []
        for sock in sockets:
            sock.setblocking(True)
            sock.settimeout(0.2)
            try:
                data = sock.recv(64)
                answers.append(data.split(b" ")[1].decode() if data.startswith(b"HTTP/1.1 ") else "closed")
            except socket.timeout:
                answers.append("no answer yet")
            except OSError:
                answers.append("reset")
            sock.close()
        time.sleep(1)
        after = rss_mib(self.pid)
        self.row("5 bodies", "%d anonymous %d-byte bodies: bytes sent" % (len(sockets), size),
                 "%.1f MiB of %.1f MiB (answers: %s)" % (sum(sent) / 1048576, len(sockets) * (size - 1) / 1048576, count(answers)))
        self.row("5 bodies", "RSS before / holding / after", "%.0f / %.0f / %.0f MiB" % (before, during, after))

    # -- 6. token guessing -------------------------------------------------------------------

    def token_guessing(self, seconds=3.0, limit=50000):
        """Wrong tokens on one keep-alive connection (reconnecting if closed) for `seconds`."""
        statuses = []
        connection = None
        started = time.monotonic()
        deadline = started + seconds
        while time.monotonic() < deadline and len(statuses) < limit:
            try:
                connection = connection or self.connect()
                guess = "ns_%032x" % random.getrandbits(128)
                statuses.append(connection.request("GET", "/api/v1/articles?status=draft",
                                                   [("Authorization", "Bearer " + guess), client("203.0.113.66")])[0])
            except (OSError, Closed):
                statuses.append("closed")
                if connection:
                    connection.close()
                connection = None
        elapsed = time.monotonic() - started
        if connection:
            connection.close()
        self.row("6 token guessing", "wrong tokens in %.0f s" % elapsed, count(statuses))
        self.row("6 token guessing", "tries/s, 401s/s", "%.0f, %.0f" % (len(statuses) / elapsed, statuses.count(401) / elapsed))

    # -- the table -----------------------------------------------------------------------------

    def table(self):
        width_item = max(len(r[0]) for r in self.results)
        width_measure = max(len(r[1]) for r in self.results)
        lines = ["%-*s  %-*s  %s" % (width_item, "item", width_measure, "measure", "value"),
                 "%s  %s  %s" % ("-" * width_item, "-" * width_measure, "-" * 5)]
        lines += ["%-*s  %-*s  %s" % (width_item, item, width_measure, measure, value) for item, measure, value in self.results]
        return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--pid", type=int, required=True, help="the server's process, for its resident memory")
    parser.add_argument("--token", required=True, help="an editor's token, for the set-up writes only")
    parser.add_argument("--slugs", required=True, help="the loaded articles' slugs, one a line")
    options = parser.parse_args()
    if not (options.host.startswith("127.") or options.host == "localhost"):
        sys.exit("abuse: --host must be a loopback address")
    random.seed(20250704)
    abuse = Abuse(options)
    abuse.row("-", "RSS after loading", "%.0f MiB" % rss_mib(options.pid))
    abuse.statement_sweep()
    abuse.per_64()
    abuse.views_per_64()
    abuse.token_guessing()
    abuse.expect_continue()
    abuse.anonymous_bodies()
    abuse.connection_cap()
    abuse.search_flood()
    abuse.row("-", "RSS at the end", "%.0f MiB" % rss_mib(options.pid))
    print(abuse.table())


if __name__ == "__main__":
    main()
