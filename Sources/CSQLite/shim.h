// The system SQLite header, as installed by Debian's libsqlite3-dev.
#include <sqlite3.h>
