// The system SQLite header, as installed by Debian's libsqlite3-dev.
#include <sqlite3.h>

// sqlite3_config is variadic, which Swift cannot call; this fixed-argument wrapper can.
// Turning memory statistics off removes the global mutex every SQLite allocation would
// otherwise take, which serialized all reader connections. It must run before SQLite
// initializes (before the first connection opens); later it returns SQLITE_MISUSE.
static inline int csqlite_disable_memory_statistics(void) {
    return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}
