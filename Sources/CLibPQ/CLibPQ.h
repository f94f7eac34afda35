// The system libpq (Debian's libpq-dev): the client library psql uses, so
// connection strings, ~/.pgpass, service files, TLS and cancel behave as
// PostgreSQL's users expect.
#include <libpq-fe.h>
