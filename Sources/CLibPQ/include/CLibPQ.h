// The system libpq (Debian's libpq-dev for this header, libpq5 at run time):
// the client library psql uses, so connection strings, ~/.pgpass, service
// files, TLS and cancel behave as PostgreSQL's users expect.
//
// cstoq is not linked with libpq: libpq brings OpenSSL, GnuTLS, Kerberos and
// LDAP, whose loading cost every run of cstoq 5 ms and 6 MB, database or not.
// The functions cstoq calls are defined in LazyLibPQ.c under their own names;
// the first call opens libpq.so.5 (dlopen) and each calls libpq's own.
#include <postgresql/libpq-fe.h>

// Null once libpq is loaded (or loads now); else why it could not be.
const char *cstoq_libpq_unavailable(void);
