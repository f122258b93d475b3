// The system SQLite header, as installed by Debian's libsqlite3-dev.
#include <sqlite3.h>

// sqlite3_config is variadic, which Swift cannot call; this fixed-argument wrapper can.
// Turning memory statistics off removes the global mutex every SQLite allocation would
// otherwise take, which serialized all reader connections. It must run before SQLite
// initializes (before the first connection opens); later it returns SQLITE_MISUSE.
static inline int csqlite_disable_memory_statistics(void) {
    return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

// The FTS5 extension API of this connection, for registering a tokenizer, or NULL when SQLite
// was built without FTS5. SQLite hands it out only through a pointer bound with
// sqlite3_bind_pointer under the type name "fts5_api_ptr" (a string SQLite compares by value,
// so it must outlive the statement: a C literal does).
static inline fts5_api *csqlite_fts5_api(sqlite3 *db) {
    fts5_api *api = 0;
    sqlite3_stmt *statement = 0;
    if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &statement, 0) != SQLITE_OK) {
        return 0;
    }
    sqlite3_bind_pointer(statement, 1, (void *)&api, "fts5_api_ptr", 0);
    sqlite3_step(statement);
    sqlite3_finalize(statement);
    return api;
}

// sqlite3_db_config is variadic too. With `enabled` 0, closing the last connection to the
// database leaves the write-ahead log as it is instead of checkpointing it into the database
// file and deleting it: for a process that leaves all checkpoints to another (Litestream).
static inline int csqlite_set_checkpoint_on_close(sqlite3 *db, int enabled) {
    return sqlite3_db_config(db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, enabled ? 0 : 1, (int *)0);
}
