// libpq opened on first use: see CLibPQ.h. Each function cstoq calls is
// defined here with libpq's name and signature (hidden: libpq's own calls of
// these stay within libpq) and calls libpq's, found by dlsym once.
#include "CLibPQ.h"
#include <dlfcn.h>
#include <pthread.h>
#include <stddef.h>

#pragma GCC visibility push(hidden)

static void *library;
static const char *failure;
static pthread_once_t once = PTHREAD_ONCE_INIT;

#define FUNCTIONS(X) \
    X(PQcancel) X(PQclear) X(PQconnectdb) X(PQdb) X(PQerrorMessage) X(PQexec) X(PQfinish) \
    X(PQfreeCancel) X(PQgetCancel) X(PQgetResult) X(PQgetisnull) X(PQgetvalue) X(PQhost) \
    X(PQnfields) X(PQparameterStatus) X(PQport) X(PQresultErrorField) X(PQresultStatus) \
    X(PQsendQueryParams) X(PQsetClientEncoding) X(PQsetSingleRowMode) X(PQstatus) X(PQuser)

#define POINTER(name) static __typeof__(&name) real_##name;
FUNCTIONS(POINTER)

static void load(void) {
    library = dlopen("libpq.so.5", RTLD_NOW | RTLD_LOCAL);
    if (!library) {
        failure = "libpq.so.5 is not installed (Debian's package libpq5)";
        return;
    }
#define FIND(name) \
    real_##name = (__typeof__(&name))dlsym(library, #name); \
    if (!real_##name) { failure = "libpq.so.5 lacks " #name "; it is older than cstoq needs"; return; }
    FUNCTIONS(FIND)
}

static int ready(void) {
    pthread_once(&once, load);
    return failure == NULL;
}

#pragma GCC visibility pop

const char *cstoq_libpq_unavailable(void) { return ready() ? NULL : failure; }

// Without libpq every call fails as a lost connection would: no connection,
// no result, an error status. PQconnectdb's null is seen first.
#pragma GCC visibility push(hidden)
int PQcancel(PGcancel *cancel, char *errbuf, int errbufsize) { return ready() ? real_PQcancel(cancel, errbuf, errbufsize) : 0; }
void PQclear(PGresult *res) { if (ready()) real_PQclear(res); }
PGconn *PQconnectdb(const char *conninfo) { return ready() ? real_PQconnectdb(conninfo) : NULL; }
char *PQdb(const PGconn *conn) { return ready() ? real_PQdb(conn) : NULL; }
char *PQerrorMessage(const PGconn *conn) { return ready() ? real_PQerrorMessage(conn) : (char *)failure; }
PGresult *PQexec(PGconn *conn, const char *query) { return ready() ? real_PQexec(conn, query) : NULL; }
void PQfinish(PGconn *conn) { if (ready()) real_PQfinish(conn); }
void PQfreeCancel(PGcancel *cancel) { if (ready()) real_PQfreeCancel(cancel); }
PGcancel *PQgetCancel(PGconn *conn) { return ready() ? real_PQgetCancel(conn) : NULL; }
PGresult *PQgetResult(PGconn *conn) { return ready() ? real_PQgetResult(conn) : NULL; }
int PQgetisnull(const PGresult *res, int tup_num, int field_num) { return ready() ? real_PQgetisnull(res, tup_num, field_num) : 1; }
char *PQgetvalue(const PGresult *res, int tup_num, int field_num) { return ready() ? real_PQgetvalue(res, tup_num, field_num) : NULL; }
char *PQhost(const PGconn *conn) { return ready() ? real_PQhost(conn) : NULL; }
int PQnfields(const PGresult *res) { return ready() ? real_PQnfields(res) : 0; }
const char *PQparameterStatus(const PGconn *conn, const char *paramName) { return ready() ? real_PQparameterStatus(conn, paramName) : NULL; }
char *PQport(const PGconn *conn) { return ready() ? real_PQport(conn) : NULL; }
char *PQresultErrorField(const PGresult *res, int fieldcode) { return ready() ? real_PQresultErrorField(res, fieldcode) : NULL; }
ExecStatusType PQresultStatus(const PGresult *res) { return ready() ? real_PQresultStatus(res) : PGRES_FATAL_ERROR; }
int PQsendQueryParams(PGconn *conn, const char *command, int nParams, const Oid *paramTypes, const char *const *paramValues,
                      const int *paramLengths, const int *paramFormats, int resultFormat) {
    return ready() ? real_PQsendQueryParams(conn, command, nParams, paramTypes, paramValues, paramLengths, paramFormats, resultFormat) : 0;
}
int PQsetClientEncoding(PGconn *conn, const char *encoding) { return ready() ? real_PQsetClientEncoding(conn, encoding) : -1; }
int PQsetSingleRowMode(PGconn *conn) { return ready() ? real_PQsetSingleRowMode(conn) : 0; }
ConnStatusType PQstatus(const PGconn *conn) { return ready() ? real_PQstatus(conn) : CONNECTION_BAD; }
char *PQuser(const PGconn *conn) { return ready() ? real_PQuser(conn) : NULL; }
#pragma GCC visibility pop
