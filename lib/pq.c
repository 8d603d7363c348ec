/*
 * pq.c - the libpq functions the library calls, forwarded to libpq.so.5
 * opened with dlopen() on the first PostgreSQL connection (see pq.h).
 *
 * Each function below has the name and prototype <libpq-fe.h> declares,
 * so the rest of the library calls libpq as if it were linked.  They are
 * hidden: libdbtool.so exports only its own API (libdbtool.map), and a
 * program that links libpq itself keeps its own.
 */
#include "pq.h"

#include "error.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

/* After <stdio.h>, which libpq-fe.h includes: only libpq's own
 * declarations are to be hidden. */
#pragma GCC visibility push(hidden)
#include <libpq-fe.h>
#pragma GCC visibility pop

/*
 * The forwarded functions: F(return type, name, (parameters), (arguments))
 * and V(name, (parameters), (arguments)) for those returning nothing.
 */
/* clang-format off */
#define PQ_FUNCTIONS(F, V)                                                                          \
	V(PQclear, (PGresult * res), (res))                                                          \
	F(char *, PQcmdStatus, (PGresult * res), (res))                                              \
	F(PostgresPollingStatusType, PQconnectPoll, (PGconn * conn), (conn))                         \
	F(PGconn *, PQconnectStartParams,                                                            \
	  (const char *const *keywords, const char *const *values, int expand_dbname),               \
	  (keywords, values, expand_dbname))                                                         \
	F(PGconn *, PQconnectdbParams,                                                               \
	  (const char *const *keywords, const char *const *values, int expand_dbname),               \
	  (keywords, values, expand_dbname))                                                         \
	F(char *, PQdb, (const PGconn *conn), (conn))                                                \
	F(char *, PQerrorMessage, (const PGconn *conn), (conn))                                      \
	F(PGresult *, PQexec, (PGconn * conn, const char *query), (conn, query))                     \
	F(PGresult *, PQexecParams,                                                                  \
	  (PGconn * conn, const char *command, int nParams, const Oid *paramTypes,                   \
	   const char *const *paramValues, const int *paramLengths, const int *paramFormats,         \
	   int resultFormat),                                                                        \
	  (conn, command, nParams, paramTypes, paramValues, paramLengths, paramFormats, resultFormat)) \
	V(PQfinish, (PGconn * conn), (conn))                                                         \
	V(PQfreemem, (void *ptr), (ptr))                                                             \
	F(int, PQgetCopyData, (PGconn * conn, char **buffer, int async), (conn, buffer, async))      \
	F(PGresult *, PQgetResult, (PGconn * conn), (conn))                                          \
	F(int, PQgetisnull, (const PGresult *res, int tup_num, int field_num),                       \
	  (res, tup_num, field_num))                                                                 \
	F(char *, PQgetvalue, (const PGresult *res, int tup_num, int field_num),                     \
	  (res, tup_num, field_num))                                                                 \
	F(char *, PQhost, (const PGconn *conn), (conn))                                              \
	F(int, PQnfields, (const PGresult *res), (res))                                              \
	F(int, PQntuples, (const PGresult *res), (res))                                              \
	F(char *, PQport, (const PGconn *conn), (conn))                                              \
	F(int, PQputCopyEnd, (PGconn * conn, const char *errormsg), (conn, errormsg))                \
	F(char *, PQresultErrorField, (const PGresult *res, int fieldcode), (res, fieldcode))        \
	F(char *, PQresultErrorMessage, (const PGresult *res), (res))                                \
	F(ExecStatusType, PQresultStatus, (const PGresult *res), (res))                              \
	F(int, PQsendQuery, (PGconn * conn, const char *query), (conn, query))                       \
	F(int, PQsendQueryParams,                                                                    \
	  (PGconn * conn, const char *command, int nParams, const Oid *paramTypes,                   \
	   const char *const *paramValues, const int *paramLengths, const int *paramFormats,         \
	   int resultFormat),                                                                        \
	  (conn, command, nParams, paramTypes, paramValues, paramLengths, paramFormats, resultFormat)) \
	F(int, PQserverVersion, (const PGconn *conn), (conn))                                        \
	F(int, PQsetSingleRowMode, (PGconn * conn), (conn))                                          \
	F(PQnoticeProcessor, PQsetNoticeProcessor,                                                   \
	  (PGconn * conn, PQnoticeProcessor proc, void *arg), (conn, proc, arg))                     \
	F(int, PQsocket, (const PGconn *conn), (conn))                                               \
	F(ConnStatusType, PQstatus, (const PGconn *conn), (conn))                                    \
	F(PGTransactionStatusType, PQtransactionStatus, (const PGconn *conn), (conn))
/* clang-format on */

#define POINTER(ret, name, params, args) ret(*name) params;
#define VPOINTER(name, params, args) void(*name) params;
static struct {
	PQ_FUNCTIONS(POINTER, VPOINTER)
} pq;

static pthread_once_t load_once = PTHREAD_ONCE_INIT;
static int loaded;
static char load_error[512];

static void load(void)
{
	const char *file = getenv("DBTOOL_LIBPQ");
	const char *missing = NULL;
	void *h;

	if (!file || !*file)
		file = DBT_PQ_SONAME;
	h = dlopen(file, RTLD_NOW | RTLD_LOCAL);
	if (!h) {
		const char *why = dlerror();

		snprintf(load_error, sizeof(load_error),
			 "cannot load the postgresql client library '%s', which postgresql urls "
			 "need: %s",
			 file, why ? why : "unknown error");
		return;
	}
	/* POSIX lets dlsym's void * be converted to a function pointer. */
/* clang-format off */
#define RESOLVE(name)                                                  \
	if (!missing && !(*(void **)&pq.name = dlsym(h, #name)))       \
		missing = #name;
/* clang-format on */
#define FRESOLVE(ret, name, params, args) RESOLVE(name)
#define VRESOLVE(name, params, args) RESOLVE(name)
	PQ_FUNCTIONS(FRESOLVE, VRESOLVE)
	if (missing) {
		snprintf(load_error, sizeof(load_error),
			 "the postgresql client library '%s' has no function '%s': it is too old",
			 file, missing);
		dlclose(h);
		return;
	}
	loaded = 1;
}

int dbt_pq_load(void)
{
	if (pthread_once(&load_once, load) != 0)
		return dbt_error_set(DBT_ECONNECT, "cannot load the postgresql client library '%s'",
				     DBT_PQ_SONAME);
	if (!loaded)
		return dbt_error_set(DBT_ECONNECT, "%s", load_error);
	return 0;
}

/*
 * Every function but the ones that open a connection is called with a
 * connection or result that libpq made, so libpq is loaded by then; the
 * ones that free something have nothing to free before.  pthread_once()
 * makes `loaded` and the pointers visible to every thread.
 */
/* clang-format off */
#define FORWARD(ret, name, params, args)                                  \
	ret name params                                                   \
	{                                                                 \
		if (dbt_pq_load() < 0)                                    \
			return (ret)0;                                    \
		return pq.name args;                                      \
	}
#define VFORWARD(name, params, args)                                      \
	void name params                                                  \
	{                                                                 \
		if (pthread_once(&load_once, load) == 0 && loaded)        \
			pq.name args;                                     \
	}
/* clang-format on */
PQ_FUNCTIONS(FORWARD, VFORWARD)
