// The system SQLite (Debian's libsqlite3-dev), for the differential test:
// an engine independent of cstoq that runs the SQL `explain sql` writes.
#include <sqlite3.h>
