/*
 * pqload.c - the PQ* functions of libpq that libdbtool calls, each calling
 * libpq's own, which is opened with dlopen() on first use (see pqload.h).
 * A SQLite command never opens it.
 */
#include "pqload.h"

#include "error.h"

#include <dlfcn.h>
#include <libpq-fe.h>
#include <pthread.h>
#include <stddef.h>

/* The soname of libpq's stable ABI, version 5 since PostgreSQL 8.2. */
#define LIBPQ "libpq.so.5"

/*
 * X(return type, name, (parameters), (arguments)) for each function, V(name,
 * (parameters), (arguments)) for each that returns nothing: one line to
 * add when the library calls a function of libpq it did not call.
 */
#define PQ_FUNCTIONS(X, V) \
	V(PQclear, (PGresult *res), (res)) \
	X(char *, PQcmdStatus, (PGresult *res), (res)) \
	X(PostgresPollingStatusType, PQconnectPoll, (PGconn *conn), (conn)) \
	X(PGconn *, PQconnectStartParams, \
	  (const char *const *keywords, const char *const *values, int expand_dbname), \
	  (keywords, values, expand_dbname)) \
	X(char *, PQdb, (const PGconn *conn), (conn)) \
	X(char *, PQerrorMessage, (const PGconn *conn), (conn)) \
	X(PGresult *, PQexec, (PGconn *conn, const char *query), (conn, query)) \
	X(PGresult *, PQexecParams, \
	  (PGconn *conn, const char *command, int nParams, const Oid *paramTypes, \
	   const char *const *paramValues, const int *paramLengths, const int *paramFormats, \
	   int resultFormat), \
	  (conn, command, nParams, paramTypes, paramValues, paramLengths, paramFormats, \
	   resultFormat)) \
	V(PQfinish, (PGconn *conn), (conn)) \
	V(PQfreemem, (void *ptr), (ptr)) \
	X(int, PQgetCopyData, (PGconn *conn, char **buffer, int async), (conn, buffer, async)) \
	X(PGresult *, PQgetResult, (PGconn *conn), (conn)) \
	X(int, PQgetisnull, (const PGresult *res, int tup_num, int field_num), \
	  (res, tup_num, field_num)) \
	X(char *, PQgetvalue, (const PGresult *res, int tup_num, int field_num), \
	  (res, tup_num, field_num)) \
	X(char *, PQhost, (const PGconn *conn), (conn)) \
	X(int, PQnfields, (const PGresult *res), (res)) \
	X(int, PQntuples, (const PGresult *res), (res)) \
	X(char *, PQport, (const PGconn *conn), (conn)) \
	X(int, PQputCopyEnd, (PGconn *conn, const char *errormsg), (conn, errormsg)) \
	X(char *, PQresultErrorField, (const PGresult *res, int fieldcode), (res, fieldcode)) \
	X(char *, PQresultErrorMessage, (const PGresult *res), (res)) \
	X(ExecStatusType, PQresultStatus, (const PGresult *res), (res)) \
	X(int, PQsendQuery, (PGconn *conn, const char *query), (conn, query)) \
	X(int, PQserverVersion, (const PGconn *conn), (conn)) \
	X(PQnoticeProcessor, PQsetNoticeProcessor, \
	  (PGconn *conn, PQnoticeProcessor proc, void *arg), (conn, proc, arg)) \
	X(int, PQsocket, (const PGconn *conn), (conn)) \
	X(ConnStatusType, PQstatus, (const PGconn *conn), (conn)) \
	X(PGTransactionStatusType, PQtransactionStatus, (const PGconn *conn), (conn))

/* libpq's functions, set together once it is open. */
static struct {
#define POINTER(ret, name, params, args) ret(*name) params;
#define VOID_POINTER(name, params, args) void(*name) params;
	PQ_FUNCTIONS(POINTER, VOID_POINTER)
#undef POINTER
#undef VOID_POINTER
} pq;

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
/* Set, under `lock`, once every pointer of `pq` is; read without it. */
static int loaded;

int dbt_pq_load(void)
{
	const char *missing = NULL;
	void *handle;
	int rc = 0;

	if (__atomic_load_n(&loaded, __ATOMIC_ACQUIRE))
		return 0;
	pthread_mutex_lock(&lock);
	if (loaded)
		goto cleanup;
	/* RTLD_LOCAL: libpq's symbols do not join the program's.  Never
	 * closed: results and connections may outlive any caller. */
	handle = dlopen(LIBPQ, RTLD_NOW | RTLD_LOCAL);
	if (!handle) {
		const char *why = dlerror();

		rc = dbt_error_set(DBT_ECONNECT,
				   "cannot load the PostgreSQL client library '%s': %s", LIBPQ,
				   why ? why : "unknown error");
		goto cleanup;
	}
#define RESOLVE(name) \
	if (!missing && !(*(void **)&pq.name = dlsym(handle, #name))) \
		missing = #name;
#define RESOLVE_X(ret, name, params, args) RESOLVE(name)
#define RESOLVE_V(name, params, args) RESOLVE(name)
	PQ_FUNCTIONS(RESOLVE_X, RESOLVE_V)
#undef RESOLVE_X
#undef RESOLVE_V
#undef RESOLVE
	if (missing) {
		rc = dbt_error_set(DBT_ECONNECT,
				   "the PostgreSQL client library '%s' has no function '%s': it is too old",
				   LIBPQ, missing);
		goto cleanup;
	}
	__atomic_store_n(&loaded, 1, __ATOMIC_RELEASE);

cleanup:
	pthread_mutex_unlock(&lock);
	return rc;
}

/*
 * Each function opens libpq if need be.  Only the first connection's can
 * find it closed (the others take a connection or a result, which only an
 * open libpq makes), so a failure to open it shows as that call's failure:
 * PQconnectStartParams returns NULL, and PQclear and PQfinish of NULL do
 * nothing, as libpq's own do.  (The 0 that the others would return is
 * never seen.)
 */
#define WRAPPER(ret, name, params, args) \
	__attribute__((visibility("hidden"))) ret name params \
	{ \
		if (dbt_pq_load() < 0) \
			return (ret)0; \
		return pq.name args; \
	}
#define VOID_WRAPPER(name, params, args) \
	__attribute__((visibility("hidden"))) void name params \
	{ \
		if (dbt_pq_load() < 0) \
			return; \
		pq.name args; \
	}
PQ_FUNCTIONS(WRAPPER, VOID_WRAPPER)
