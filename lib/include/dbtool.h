/*
 * dbtool.h - the public interface of libdbtool, the schema-migration library
 * behind the dbtool command.
 *
 * A C program can embed the same migrations the command runs: load the
 * configuration, load the revision chain, connect, and upgrade at start-up.
 *
 * Conventions, for every function below unless its comment says otherwise:
 * - it returns 0 on success, a negative DBT_E* code on failure;
 * - on failure it leaves a one-line message in a per-thread buffer that
 *   dbt_error_last() returns, and its out-parameter holds nothing to free;
 * - strings it hands out belong to the struct they sit in and are released
 *   with that struct's _release / _free function.
 */
#ifndef DBTOOL_H
#define DBTOOL_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* DBT_VERSION_STRING, the version of this header: "0.1.0". */
#include "dbtool_version.h"

/*
 * Marks the functions libdbtool exports.  The library is built with
 * -fvisibility=hidden, so that libdbtool.so exports these and nothing
 * else: every function declared here carries it, and no other.
 */
#if defined(__GNUC__) && __GNUC__ >= 4
#define DBT_EXTERN __attribute__((visibility("default")))
#else
#define DBT_EXTERN
#endif

/* Error codes. */
#define DBT_OK 0
#define DBT_ERROR -1	  /* anything not listed below */
#define DBT_ENOTFOUND -2  /* a file, revision or target does not exist */
#define DBT_EPARSE -3	  /* malformed input: URL, config, revision file */
#define DBT_EAMBIGUOUS -4 /* a revision prefix matches several revisions */
#define DBT_ECHAIN -5	  /* the revision chain is broken */
#define DBT_ELOCKED \
	-6		/* waited too long for the migration lock, or a
                           * statement for a table lock */
#define DBT_EEXISTS -7	/* refusing to overwrite something that exists */
#define DBT_EDB -8	/* the database reported an error */
#define DBT_ECONNECT -9 /* cannot connect to the database */

/* The version of the library that is running ("0.1.0"), which may differ
 * from the DBT_VERSION_STRING a program was compiled with. */
DBT_EXTERN const char *dbt_version(void);

/* The message of the last failure on this thread; never NULL. */
DBT_EXTERN const char *dbt_error_last(void);

/*
 * Process-wide settings for a program in which dbtool is SQLite's only
 * user, such as the dbtool command: call it first in main(), before any
 * thread starts and before SQLite is used.  It turns off SQLite's memory
 * statistics (SQLITE_CONFIG_MEMSTATUS), which take a process-wide mutex
 * at every allocation SQLite makes (4% of the instructions of `check` on
 * a large SQLite schema), and gives SQLite memory methods of its own
 * (SQLITE_CONFIG_MALLOC), with which SQLite's hash tables of a schema's
 * names grow past the 64 buckets its build allows them, so that reading a
 * schema of thousands of tables no longer grows with the square of their
 * number.  sqlite3_memory_used() and a soft heap limit no longer work then,
 * and SQLite allocates with the system's malloc, so a program that uses
 * those or sets SQLite's memory methods itself must not call it.
 * Calling it is never needed: without it, everything works the same.
 * Returns 0, or DBT_ERROR when SQLite was in use already (nothing is
 * changed then).
 */
DBT_EXTERN int dbt_global_init(void);

/* ------------------------------------------------------------------ URLs */

typedef enum {
	DBT_DIALECT_SQLITE = 1,
	DBT_DIALECT_POSTGRES = 2,
	DBT_DIALECT_MYSQL = 3 /* MariaDB and MySQL */
} dbt_dialect_kind;
#define DBT_DIALECT_MAX 3 /* the largest dbt_dialect_kind */

/*
 * A parsed database URL, as SQLAlchemy writes them:
 *   sqlite:///relative.db  sqlite:////abs/path.db  sqlite://  (memory)
 *   postgresql://user:password@host:port/database?key=value
 *   postgres://...  postgresql+psycopg2://... (the driver is ignored)
 *   mysql://user:password@host:port/database?unix_socket=...
 *   mariadb://...  mysql+pymysql://... (MariaDB and MySQL alike)
 * Every field is percent-decoded; absent parts are NULL.  For SQLite,
 * `database` is the file path (relative paths stay relative) or NULL for
 * an in-memory database.  For PostgreSQL, `host` may be a socket folder.
 */
typedef struct dbt_url {
	dbt_dialect_kind kind;
	char *scheme; /* as written, e.g. "postgresql+psycopg2" */
	char *user;
	char *password; /* never print it: use dbt_url_redact() */
	char *host;
	char *port;
	char *database;
	size_t nparams; /* query parameters, in order */
	char **keys;
	char **values;
} dbt_url;

/* Parses `text` into `out`.  DBT_EPARSE with a message that never contains
 * the password when the URL is malformed or its dialect is unknown. */
DBT_EXTERN int dbt_url_parse(dbt_url *out, const char *text);

/* The URL as text with the password replaced by "***"; caller frees.
 * NULL only when out of memory. */
DBT_EXTERN char *dbt_url_redact(const dbt_url *url);

/* The dialect a name stands for: "sqlite", "postgresql" or "postgres",
 * "mysql" or "mariadb" (as in a URL's scheme, without a driver).  DBT_EPARSE naming the
 * choices for any other name. */
DBT_EXTERN int dbt_dialect_parse(dbt_dialect_kind *out, const char *name);

DBT_EXTERN void dbt_url_release(dbt_url *url);

/* --------------------------------------------------------- configuration */

struct dbt_config_unset; /* internal */

/*
 * The [dbtool] section of dbtool.ini, with ${VAR} expanded from the
 * environment and relative paths made relative to the config file's folder.
 *
 * A value whose ${VAR} is not set is no error until it is used: its field
 * is NULL, and dbt_config_need() (or dbt_config_pick_url() for the url)
 * fails with the file and line.  So a CI job that gives the URL with --url
 * or DATABASE_URL needs none of the variables the file's url names.
 */
typedef struct dbt_config {
	char *path;			/* the config file, or NULL when none was read */
	char *dir;			/* its folder ("." when none was read) */
	char *url;			/* url = ..., NULL when absent or unexpanded */
	char *script_location;		/* default <dir>/migrations; NULL when unexpanded */
	char *model;			/* default <dir>/schema.sql; NULL when unexpanded */
	char *schema;			/* PostgreSQL schema to manage; default "public";
				  NULL when unexpanded */
	char *version_schema;		/* PostgreSQL schema of the version and history
				* tables; default "public" */
	int statement_lock_timeout_s;	/* statement_lock_timeout = SECS (0: no
				       * limit); -1 when not given */
	struct dbt_config_unset *unset; /* the unexpanded keys and why */
	size_t nunset;
	char *dev_url;		/* dev_url = ...: the scratch database; NULL when absent
				* or unexpanded */
	int single_transaction; /* single_transaction = true|false: upgrade and
				 * downgrade in one transaction; -1 when not given */
	char **exclude;		/* exclude = a, b*, ...: the names and globs of
				* the tables and objects dbtool never touches
				* (see dbt_conn_set_exclude); NULL when none */
	size_t nexclude;
	char *model_command; /* model_command = ...: a shell command that prints
				* the model; NULL when absent or unexpanded.  When
				* given, `model` is "model_command" (the name the
				* model's errors carry) and no file is read. */
	dbt_dialect_kind dialects[DBT_DIALECT_MAX]; /* dialects = sqlite, postgresql:
						     * the dialects migrate writes
						     * sections for, in that order */
	size_t ndialects;			    /* 0 when not given: the URL's dialect alone */
	int safe;				    /* safe = true|false: migrate writes the
				 * lock-friendly PostgreSQL forms (see
				 * dbt_autogen_opts); -1 when not given */
	char **roles; /* roles = a, b*, ...: the PostgreSQL roles dbtool
		       * manages besides the model's (dbt_conn_set_roles);
		       * NULL when none */
	size_t nroles;
} dbt_config;

/*
 * Reads the config file at `path`.  When `path` does not exist and
 * `missing_ok` is set, fills defaults relative to "." and returns 0.
 * DBT_ENOTFOUND when it is missing otherwise; DBT_EPARSE with
 * "file:line: ..." for a malformed file or an unknown key.  A ${VAR} that
 * is not set is not an error here (see dbt_config_need).
 */
DBT_EXTERN int dbt_config_load(dbt_config *out, const char *path, int missing_ok);

/*
 * 0 when the value of `key` ("url", "script_location", "model", "schema",
 * "model_command", ...)
 * can be used; DBT_EPARSE with "file:line: environment variable 'X' is not
 * set" when its ${VAR} is not set.  Call it before using the field.
 */
DBT_EXTERN int dbt_config_need(const dbt_config *cfg, const char *key);

/*
 * Reads the .env file at `path` (KEY=VALUE lines, as dbmate and Flask read
 * them; see lib/dotenv.c) and sets each variable the environment lacks,
 * never one it has.  0 when the file does not exist.  DBT_EPARSE
 * "path:line: ..." for a malformed line; nothing is set then.
 */
DBT_EXTERN int dbt_env_load(const char *path);

/* The URL to use: `cli_url` if given, else $DATABASE_URL, else the config
 * file's; NULL (with a message) when none is set, or when the config
 * file's is picked and names a ${VAR} that is not set.  Not a copy. */
DBT_EXTERN const char *dbt_config_pick_url(const dbt_config *cfg, const char *cli_url);

/*
 * The database URL to use, parsed into `out`: `url` if given (a command
 * line's), else $DATABASE_URL, else the config file's, as
 * dbt_config_pick_url() picks it.  A relative SQLite path in the config
 * file's url is relative to the config file's folder (cfg->dir), as the
 * file's other paths are; one in `url` or DATABASE_URL stays relative to
 * the current folder.  So a program that embeds dbtool opens the database
 * file that the dbtool command would.  Fails as dbt_config_pick_url()
 * when no URL is set, and as dbt_url_parse() for a malformed one, whose
 * message then starts with "<config file>: url: " when it is the config
 * file's.  Release `out` with dbt_url_release(); after a failure it holds
 * nothing.
 */
DBT_EXTERN int dbt_config_url(dbt_url *out, const dbt_config *cfg, const char *url);

/*
 * The scratch database's URL (see dbt_conn_set_dev_url): `dev_url` if
 * given (a command line's), else the config file's dev_url, whose relative
 * SQLite path is made relative to the config file's folder as in
 * dbt_config_url() (unless the URL has a query); `*out` is NULL when
 * neither is set.  DBT_EPARSE when the config file's dev_url is used and
 * names a ${VAR} that is not set.  Caller frees `*out`.
 */
DBT_EXTERN int dbt_config_dev_url(char **out, const dbt_config *cfg, const char *dev_url);

DBT_EXTERN void dbt_config_release(dbt_config *cfg);

/* ------------------------------------------------------------- revisions */

/*
 * One revision file: a header of "-- key: value" lines (id, parent,
 * message, created, transaction, lock_timeout, journal), then "-- migrate:upgrade" and
 * "-- migrate:downgrade" sections of plain SQL.
 */
typedef struct dbt_revision {
	char *path; /* the file it was read from */
	char *id;
	char *parent;	     /* NULL for the first revision */
	char *message;	     /* "" when absent */
	char *created;	     /* "" when absent */
	int transactional;   /* 0 when the header says "transaction: false" */
	int lock_timeout_ms; /* "lock_timeout: SECS": how long each statement
			       * may wait for a lock, 0 for no limit; -1 when
			       * the header does not say (the connection's
			       * statement lock timeout holds) */
	char *upgrade;	     /* the unlabelled upgrade section's SQL, maybe "";
			       * NULL when the file has only sections labelled
			       * with a dialect (see dbt_revision_section) */
	int upgrade_line;    /* the file line on which that SQL starts */
	char *downgrade;
	int downgrade_line;
	char checksum[65]; /* SHA-256 of the file's bytes as parsed, in 64
			       * lowercase hex digits: what the history table
			       * records when the revision is applied.  Empty
			       * ("") in a revision of a chain until
			       * dbt_chain_checksum() computes it */
	/* Set by the chain: */
	struct dbt_revision *up;   /* the child, NULL at head */
	struct dbt_revision *down; /* the parent, NULL at base */
	size_t pos;		   /* 1 for the first revision, n for head */
	/* The sections labelled with a dialect ("-- migrate:upgrade
	 * postgresql"), indexed by dbt_dialect_kind: [kind][0] the upgrade,
	 * [kind][1] the downgrade, NULL where the file has none; and the file
	 * line on which each one's SQL starts. */
	char *dialect_sections[DBT_DIALECT_MAX + 1][2];
	int dialect_section_lines[DBT_DIALECT_MAX + 1][2];
	int inverse; /* "journal: inverse": the downgrade's statements undo the
		      * upgrade's one by one, in reverse order (the last
		      * downgrade statement undoes the first upgrade
		      * statement), so that a revision that stopped halfway
		      * where DDL commits at once can be undone */
} dbt_revision;

/* Parses a revision from `text` (`len` bytes) and computes its checksum
 * over those bytes; `path` names it in errors ("path:line: ...").
 * DBT_EPARSE on a malformed header or section. */
DBT_EXTERN int dbt_revision_parse(dbt_revision *out, const char *path, const char *text,
				  size_t len);

/* Reads and parses the file at `path`. */
DBT_EXTERN int dbt_revision_load(dbt_revision *out, const char *path);

DBT_EXTERN void dbt_revision_release(dbt_revision *rev);

/*
 * The SQL of the upgrade (`downgrade` 0) or downgrade section that serves
 * dialect `kind`: the one labelled with that dialect, else the unlabelled
 * one; NULL when the revision has neither.  `line`, when not NULL,
 * receives the file line on which that SQL starts.  The string belongs to
 * `rev`.
 */
DBT_EXTERN const char *dbt_revision_section(const dbt_revision *rev, dbt_dialect_kind kind,
					    int downgrade, int *line);

/*
 * 0 when `rev` has an upgrade and a downgrade section for dialect `kind`
 * (see dbt_revision_section); DBT_ENOTFOUND otherwise, with a message
 * naming the revision, its file and the dialects it has sections for.
 */
DBT_EXTERN int dbt_revision_require_dialect(const dbt_revision *rev, dbt_dialect_kind kind);

/* The name a section label gives a dialect: "sqlite", "postgresql". */
DBT_EXTERN const char *dbt_dialect_label(dbt_dialect_kind kind);

/* A new revision id: 12 lowercase hex digits from a random UUID. */
DBT_EXTERN void dbt_revision_new_id(char out[13]);

/* True when `id` is a valid revision id: [0-9a-z_]+, at most 64 bytes,
 * and not one of the words that targets use (see below). */
DBT_EXTERN int dbt_revision_id_valid(const char *id);

/* True when `id` is "head", "heads" or "base": a target, never an id. */
DBT_EXTERN int dbt_revision_id_reserved(const char *id);

/* ------------------------------------------------------------------ chain */

/*
 * Every revision file of a versions/ folder, linked into one linear chain
 * ordered from base to head.  Loading reads each file once and links them
 * through a hash map, so it is linear in the number of revisions; it
 * computes no checksum (see dbt_chain_checksum).
 */
typedef struct dbt_chain {
	char *dir;
	dbt_revision **revs; /* revs[0] is the first revision, revs[n-1] the head */
	size_t n;
	void *index; /* id -> revision map (private) */
	/* Set when loaded with DBT_CHAIN_LENIENT and the chain is broken: */
	int broken;
	dbt_revision **heads; /* every revision that has no child */
	size_t nheads;
	int diverged; /* several heads are the chain's only problem */
} dbt_chain;

#define DBT_CHAIN_LENIENT 1 /* keep a broken chain for inspection (heads) */
/* Computes every revision's checksum from the bytes it parses, for a
 * program that verifies or records the history (an upgrade or downgrade
 * does both), instead of dbt_chain_checksum() reading each file again
 * when it is asked for: a file read once, not twice. */
#define DBT_CHAIN_CHECKSUMS 2

/*
 * Loads every *.sql file in `dir`.  DBT_EPARSE for a file that does not
 * parse; DBT_ECHAIN, naming the files involved, for a duplicate id, a
 * missing parent, a cycle, several heads or several roots.  Several heads
 * (two revisions with one parent, or two first revisions) are reported
 * with the heads, the revision where their lines part, and the
 * 'dbtool rebase' commands that make the chain one line again.  With
 * DBT_CHAIN_LENIENT a structural problem (not a parse error) returns 0,
 * sets `broken`, fills `heads` and leaves `revs` empty; the message is in
 * dbt_error_last().  `diverged` is also set when several heads are the
 * only problem.  With DBT_CHAIN_CHECKSUMS every revision has its checksum
 * (otherwise "" until dbt_chain_checksum()).
 */
DBT_EXTERN int dbt_chain_load(dbt_chain *out, const char *dir, int flags);

/*
 * On a chain loaded with DBT_CHAIN_LENIENT that is `diverged`, makes the
 * line from base up to `tip` (NULL: base, an empty line) the chain: `revs`,
 * `n`, each revision's up, down and pos, and clears `broken`, so that the
 * runner can walk down that line (a downgrade below the point where the
 * heads part).  The revisions off the line keep position 0: no target
 * resolves to them, and dbt_chain_position() does not find them.
 * `diverged` and `heads` stay as loaded.  Does nothing on a chain that is
 * not diverged.  DBT_ENOTFOUND when no revision has the id `tip`.
 */
DBT_EXTERN int dbt_chain_select_line(dbt_chain *chain, const char *tip);

/* The revision whose id is `id` or starts with it (at least 1 character).
 * DBT_ENOTFOUND, or DBT_EAMBIGUOUS listing the candidates. */
DBT_EXTERN int dbt_chain_find(dbt_revision **out, const dbt_chain *chain, const char *id);

/*
 * Resolves a target to a position in the chain: 0 is base (nothing
 * applied), k means revs[k-1] is the latest applied.  Targets: "head",
 * "base", an id or unique prefix, "+N" and "-N" (relative to `current`).
 * DBT_ENOTFOUND when it names no revision or moves past either end.
 */
DBT_EXTERN int dbt_chain_resolve(size_t *out, const dbt_chain *chain, const char *target,
				 size_t current);

/* The position of the revision `id` (0 for NULL, meaning base);
 * DBT_ENOTFOUND when no file of the chain defines it. */
DBT_EXTERN int dbt_chain_position(size_t *out, const dbt_chain *chain, const char *id);

/*
 * The checksum of `rev`, a revision of `chain` (see dbt_revision): loading
 * a chain computes none, so that commands that only list it do not hash
 * every file.  The first call reads the file again and computes it; it
 * then stays in rev->checksum, and `out` points there.  DBT_ERROR, naming
 * the file, when its bytes are no longer those the chain parsed (edited
 * since the chain was loaded: the checksum must describe the SQL that
 * runs), or DBT_ENOTFOUND when it is gone; rev->checksum stays empty.
 */
DBT_EXTERN int dbt_chain_checksum(const char **out, const dbt_chain *chain,
				  const dbt_revision *rev);

/* dbt_chain_checksum() for every revision of the chain's line (`revs`);
 * the first failure is returned. */
DBT_EXTERN int dbt_chain_checksums(const dbt_chain *chain);

DBT_EXTERN void dbt_chain_release(dbt_chain *chain);

/* ---------------------------------------------------------------- project */

/*
 * Lays down a migrations folder from the built-in template: `dir`/versions/,
 * `dir`/script.sql.tmpl, and in the current folder dbtool.ini and
 * schema.sql when absent.  `dir` NULL is the script_location of an
 * existing ./dbtool.ini, else "migrations"; the model file written when
 * absent is the one dbtool.ini names (none for model_command).
 * DBT_EEXISTS when the folder exists and is not empty.
 * `created` receives each path written, one per line (may be NULL);
 * caller frees.
 */
DBT_EXTERN int dbt_project_init(const char *dir, char **created);

/*
 * Writes a new revision file in `script_location`/versions/ from
 * `script_location`/script.sql.tmpl, whose parent is the chain's head.
 * `rev_id` may be NULL for a fresh id; `upgrade` and `downgrade` may be
 * NULL for empty sections.  The chain must load cleanly.  The head is read
 * and the file written under an exclusive lock on `versions/.dbtool.lock`
 * (DBT_ELOCKED after 60 s), so parallel writers make a chain; temporary
 * files that killed writers left there are removed.  The file is written
 * atomically; its path is returned in `out` (caller frees).  `rev_id`
 * "head", "heads" or "base" is refused.
 */
DBT_EXTERN int dbt_project_new_revision(char **out, const char *script_location,
					const char *message, const char *rev_id,
					const char *upgrade, const char *downgrade);

/* --------------------------------------------------------------- database */

/* A connection is used by one thread at a time, as a libpq connection is;
 * several threads may each use a connection of their own at once. */
typedef struct dbt_conn dbt_conn;

/* Connects to the database `url` names.  DBT_ECONNECT with a message that
 * names the database (never the password) when it cannot. */
DBT_EXTERN int dbt_conn_open(dbt_conn **out, const dbt_url *url);

/* Connects to read only: nothing is written, and an SQLite database file
 * that does not exist is not created (it reads as an empty database). */
DBT_EXTERN int dbt_conn_open_readonly(dbt_conn **out, const dbt_url *url);

/* Connects like dbt_conn_open(), but never creates a database, so that a
 * typo in a path is not taken for a new, empty database: an SQLite file
 * that does not exist is DBT_ENOTFOUND ("database file '...' does not
 * exist"), or, with `missing_is_empty`, an empty in-memory database
 * (nothing is created on disk; what is written to it is lost). */
DBT_EXTERN int dbt_conn_open_existing(dbt_conn **out, const dbt_url *url, int missing_is_empty);

/* Connects like dbt_conn_open_existing(), for a connection whose first
 * use is a comparison of the whole database with the model
 * (dbt_model_compare, dbt_autogenerate*): an SQLite connection keeps the
 * rows of its schema that SQLite reads as it connects, and that
 * comparison takes them instead of reading them again (as long as the
 * database's schema has not changed since). */
DBT_EXTERN int dbt_conn_open_to_compare(dbt_conn **out, const dbt_url *url, int missing_is_empty);

DBT_EXTERN void dbt_conn_close(dbt_conn *conn);

/*
 * Names the scratch database that normalizes the model for this
 * connection (see "The declared model" in README.md): `url` must name an
 * empty database of the same dialect, checked when it is first used; NULL
 * returns to the default (SQLite: in memory; PostgreSQL: a schema of a
 * random name on the connection's server, inside a transaction that is
 * always rolled back).  The URL is copied.  DBT_ERROR only when out of
 * memory.
 */
DBT_EXTERN int dbt_conn_set_dev_url(dbt_conn *conn, const char *url);

/*
 * Names and globs (fnmatch(3), case-sensitive on the names as the
 * database stores them) of tables and other objects that the commands
 * which set the model against the database (check, migrate, create-all,
 * drop-all, inspect) never touch: whatever matches is taken out of the
 * live database's schema and out of the model's as soon as each is read.
 * A pattern matches a table's, index's or object's name (a function's
 * without its arguments, a trigger's or policy's without "ON table"), or
 * that name qualified by the managed schema ("public.tmp_*" on
 * PostgreSQL, "main.tmp_*" on SQLite).  The indexes, triggers, policies,
 * comments and grants on an excluded table, its partitions, and every
 * object that depends on an excluded one go with it.  The patterns are
 * copied; n = 0 clears them.  DBT_ERROR only when out of memory.
 */
DBT_EXTERN int dbt_conn_set_exclude(dbt_conn *conn, char *const *patterns, size_t n);

/*
 * Names and globs (as for dbt_conn_set_exclude) of the PostgreSQL roles
 * that dbtool manages besides those the model declares: such a role that
 * the model does not declare is dropped by migrate.  Any other role the
 * model does not declare is left alone (roles belong to the whole
 * cluster).  The patterns are copied; n = 0 clears them.  DBT_ERROR only
 * when out of memory.
 */
DBT_EXTERN int dbt_conn_set_roles(dbt_conn *conn, char *const *patterns, size_t n);

/*
 * The question dbt_autogenerate asks when a change looks like a rename
 * that the model does not hint: a table loses one column and gains one of
 * a compatible type (`table` names it; `old_name` and `new_name` are the
 * columns'), or a table is dropped and one with the same columns created
 * (`table` is NULL; the names are the tables').  It returns 1 for a
 * rename, anything else for a drop and an add.  The names are the
 * database's, unescaped: a terminal must escape them.
 */
typedef int (*dbt_rename_question)(const char *table, const char *old_name, const char *new_name,
				   void *arg);

/*
 * Sets the question (NULL, the default: none) for this connection's
 * dbt_autogenerate; `arg` is passed to it.  Without a question, or when
 * it answers no, dbt_autogenerate writes the drop and the add and adds a
 * warning of kind "maybe_rename" saying which hint would make it a rename.
 */
DBT_EXTERN void dbt_conn_set_rename_question(dbt_conn *conn, dbt_rename_question fn, void *arg);

/* The dialect's name: "sqlite" or "postgresql". */
DBT_EXTERN const char *dbt_conn_dialect(const dbt_conn *conn);

/* The database's current revision id (NULL at base or when the version
 * table does not exist yet); caller frees. */
DBT_EXTERN int dbt_conn_current(char **out, dbt_conn *conn);

/*
 * The schema of the version and history tables (PostgreSQL; SQLite
 * ignores it): "public" unless set.  Every statement dbtool runs on those
 * tables names the schema, so no search_path, the user's or one a
 * revision sets, moves them.  The schema must exist by the first upgrade
 * or stamp.  DBT_EPARSE for an empty name or one longer than 63 bytes.
 */
DBT_EXTERN int dbt_conn_set_version_schema(dbt_conn *conn, const char *schema);

/* The statement lock timeout when none is set: 5 seconds. */
#define DBT_STATEMENT_LOCK_TIMEOUT_MS 5000

/*
 * How long each statement of a migration (revisions, the version and
 * history tables, create-all, drop-all) may wait for a lock that another
 * session holds before it fails, in milliseconds; 0 for no limit.  It
 * takes effect once the migration lock is held; a revision's
 * "lock_timeout" header overrides it for that revision.  A statement that
 * runs out of time fails with DBT_ELOCKED, naming the statement and, where
 * it can tell, the table.  PostgreSQL's lock_timeout; SQLite takes its
 * write lock once, at the start of each transaction (the migration lock
 * timeout), and ignores it.
 */
DBT_EXTERN void dbt_conn_set_statement_lock_timeout(dbt_conn *conn, int ms);

/*
 * Gives a connection what the config file says about it, as the dbtool
 * command does after connecting: the scratch database (dbt_config_dev_url
 * with `dev_url`), the version schema (an error about it starts with
 * "<config file>: version_schema: "), the exclude patterns, and the
 * statement lock timeout: `statement_lock_timeout_ms` when >= 0, else the
 * config file's statement_lock_timeout when given.  DBT_EPARSE when a value
 * it uses names a ${VAR} that is not set.  On failure the connection may
 * have some of the settings; close it.
 */
DBT_EXTERN int dbt_config_apply(dbt_conn *conn, const dbt_config *cfg, const char *dev_url,
				int statement_lock_timeout_ms);

/* ----------------------------------------------------------------- runner */

/* What the runner reports after each revision it applied or reverted. */
typedef struct dbt_step {
	int upgrade;		 /* 1 upgrade, 0 downgrade */
	const dbt_revision *rev; /* the revision run */
	const char *from;	 /* id before the step, NULL for base */
	const char *to;		 /* id after the step, NULL for base */
	double ms;		 /* how long it took */
	int missing;		 /* 1: a revision below the current one that
				     * was never applied, applied by
				     * apply_missing; the version did not move
				     * (from and to are both the current id) */
} dbt_step;

typedef void (*dbt_step_fn)(const dbt_step *step, void *arg);

/* One statement of a revision, after it ran (dbt_run_opts.on_statement). */
typedef struct dbt_run_statement {
	const dbt_revision *rev; /* the revision it belongs to */
	const char *text;	 /* a one-line excerpt of it: blank runs folded to
				  * one space, cut with "..." past 100 bytes; may
				  * hold any byte of the file, so escape it */
	int line;		 /* its line in rev->path */
	double ms;		 /* how long it took */
} dbt_run_statement;

typedef void (*dbt_run_statement_fn)(const dbt_run_statement *stmt, void *arg);

/* Called before a revision is applied or reverted: `left` revisions of
 * the run remain, this one included (so the first call gives the run's
 * length). */
typedef void (*dbt_revision_fn)(const dbt_revision *rev, int upgrade, size_t left, void *arg);

/* Called before a revision that stopped halfway resumes, where DDL
 * commits at once: it runs in direction `upgrade` from its statement
 * `next` of `total` on (see "journal: inverse" for a revision undone the
 * other way). */
typedef void (*dbt_resume_fn)(const dbt_revision *rev, int upgrade, size_t next, size_t total,
			      void *arg);

/* The options of a run; start from DBT_RUN_OPTS_INIT.  A struct zeroed
 * by a program written before `version` existed is taken for version 1. */
typedef struct dbt_run_opts {
	unsigned version;    /* DBT_RUN_OPTS_VERSION */
	int lock_timeout_ms; /* how long to wait for the lock; <= 0: 60 s */
	dbt_step_fn on_step; /* may be NULL */
	void *arg;
	int apply_missing;		   /* upgrade: first apply, in chain order, the
				     * revisions that lie below the current one
				     * but were never applied (see "history") */
	int single_transaction;		   /* upgrade, downgrade: the whole run in one
				     * transaction, committed at the end or not
				     * at all; refused (nothing run) when a
				     * revision of the run is marked
				     * '-- transaction: false'.  Steps are
				     * reported after the commit. */
	dbt_run_statement_fn on_statement; /* may be NULL; when set, the sections run
					* one statement at a time, each reported
					* after it succeeded (with `arg`) */
	dbt_revision_fn on_revision;	   /* may be NULL; called with `arg` */
	dbt_resume_fn on_resume;	   /* version 2; may be NULL; called with `arg` */
} dbt_run_opts;

#define DBT_RUN_OPTS_VERSION 2
#define DBT_RUN_OPTS_INIT                                                   \
	{                                                                   \
		DBT_RUN_OPTS_VERSION, 0, NULL, NULL, 0, 0, NULL, NULL, NULL \
	}

/*
 * Upgrades (or downgrades) the database to `target`, one transaction per
 * revision that also updates the version table (or one for the whole run:
 * single_transaction), under the migration lock.
 * On a failing statement that revision is rolled back, the ones before it
 * stay applied (with single_transaction: none stays applied), and the
 * message names the revision, the file and line of the statement and the
 * database's error.  DBT_ENOTFOUND for an unknown
 * target; DBT_ERROR when the target lies in the wrong direction, or for
 * `opts` of a version this library does not know (nothing is run);
 * DBT_ELOCKED when the lock was not had in time.
 */
DBT_EXTERN int dbt_run_upgrade(dbt_conn *conn, const dbt_chain *chain, const char *target,
			       const dbt_run_opts *opts);
DBT_EXTERN int dbt_run_downgrade(dbt_conn *conn, const dbt_chain *chain, const char *target,
				 const dbt_run_opts *opts);

/*
 * Sets the database's revision to `target` without running anything, and
 * the history to match: the revisions at or below the target that have no
 * row get one (their current checksum, the time of the stamp), every other
 * row is removed.  Also works when the database is at a revision that no
 * file defines, for any target but +N and -N.
 */
DBT_EXTERN int dbt_run_stamp(dbt_conn *conn, const dbt_chain *chain, const char *target,
			     const dbt_run_opts *opts);

/*
 * Offline mode: the SQL that dbt_run_upgrade / dbt_run_downgrade would run
 * from position `from` to the target, transaction boundaries and
 * version-table statements included, for the dialect `kind`, with the
 * version and history tables in `version_schema` (PostgreSQL; NULL:
 * "public").  The script neither resets the session between revisions nor
 * sets a lock timeout: the session that runs it decides.
 * `out` receives the script; caller frees.
 */
DBT_EXTERN int dbt_run_script(char **out, dbt_dialect_kind kind, const char *version_schema,
			      const dbt_chain *chain, size_t from, const char *target, int upgrade);

/*
 * dbt_run_script from the revision `conn`'s database is at, after the same
 * verification as dbt_run_upgrade / dbt_run_downgrade: refuses (DBT_ERROR,
 * no script) while an applied revision's file differs from its recorded
 * checksum or the history records a revision that no file defines.  Only
 * reads the database.  `out` receives the script; caller frees.
 */
DBT_EXTERN int dbt_run_script_for(char **out, dbt_conn *conn, const dbt_chain *chain,
				  const char *target, int upgrade);

/* ----------------------------------------------------------------- rebase */

/*
 * Two developers who branch from one revision leave a chain with two
 * heads.  The chain stays linear: rebase moves the branch that the
 * database has not applied onto the other head, by rewriting the
 * "-- parent:" header line of the branch's first revision (nothing else
 * in the file changes).  A branch is the revisions above the revision
 * where the heads' lines part (or from a first revision) up to one head.
 */

/* What dbt_rebase_run did. */
typedef struct dbt_rebase {
	char *first;	  /* the branch's first revision, whose parent changed;
			   * NULL when there was nothing to rebase */
	char *head;	  /* the branch's head */
	char *path;	  /* first's file, rewritten */
	char *old_parent; /* first's parent before; NULL for a first revision */
	char *onto;	  /* first's parent now: the other head */
	size_t n;	  /* how many revisions the branch holds */
	char *only_head;  /* nothing to rebase: the chain's one head (NULL
			   * when the chain is empty) */
} dbt_rebase;

/*
 * Moves one branch of the chain in `versions_dir` onto another head.
 * `rev` (an id or unique prefix; may be NULL) names a revision of the
 * branch to move, `onto` (may be NULL) the head it goes on.  Without
 * either, on a chain of two heads, the branch that the database `conn`
 * has not applied goes onto the one it has; when it has applied neither
 * (it is at or below the revision where they part), nothing is moved and
 * the message lists both moves.  With one of them, the other is the
 * second head of the two.  With more than two heads both must be given.
 *
 * Refuses (DBT_ERROR, nothing written) to move a branch that holds a
 * revision the database applied: one its version is at or above, or one
 * its history records.  DBT_ENOTFOUND or DBT_EAMBIGUOUS for an unknown
 * `rev` or `onto`; DBT_ERROR for an `onto` that is not a head, or a `rev`
 * at or below the revision where the heads part; DBT_ECHAIN for a chain
 * that is broken otherwise (duplicate id, missing parent, cycle).  A
 * chain with one head is no error: `first` stays NULL and `only_head`
 * names it.  The file is written atomically under the versions folder's
 * lock (DBT_ELOCKED after 60 s).  Reads the database only.  Release
 * `out` with dbt_rebase_release(); after a failure it holds nothing.
 */
DBT_EXTERN int dbt_rebase_run(dbt_rebase *out, dbt_conn *conn, const char *versions_dir,
			      const char *rev, const char *onto);

DBT_EXTERN void dbt_rebase_release(dbt_rebase *rebase);
/*
 * Offline mode without a database: dbt_run_script for the dialect `kind`
 * from `range`, "[FROM:]TO": the script starts at FROM (a target resolved
 * from base: "base", an id or unique prefix, "+N") or, without it, at
 * base, and runs to TO (resolved from FROM, so "-1" counts from there).
 * A downgrade needs FROM.  Connects to nothing, so it cannot compare the
 * applied revisions with their recorded checksums.  `out` receives the
 * script; caller frees.  DBT_ENOTFOUND for a FROM or TO that names no
 * revision; DBT_EPARSE for a malformed range.
 */
DBT_EXTERN int dbt_run_script_offline(char **out, dbt_dialect_kind kind, const char *version_schema,
				      const dbt_chain *chain, const char *range, int upgrade);

/* ------------------------------------------------------------------ model */

/*
 * The declared model (the SQL file `model =` names) against the live
 * database.  Each function parses the model (DBT_EPARSE with
 * "path:line:column: ..." when it is malformed), adapts it to the
 * connection's database, and reflects that database's schema
 * (`schema_name`: the PostgreSQL schema, NULL for "public").
 */

/*
 * What a finding is about.  A difference between the model and the
 * database is named by the operation that would remove it (the first
 * group); the others come from checking the revision files against the
 * history, from migrate's warnings, from repair and from the roundtrip.
 * dbt_finding_kind_name() gives the stable name that `check --format
 * json` and `roundtrip --format json` print.
 */
typedef enum dbt_finding_kind {
	DBT_FINDING_CREATE_TABLE,	/* "create_table" */
	DBT_FINDING_DROP_TABLE,		/* "drop_table" */
	DBT_FINDING_ALTER_OPTIONS,	/* "alter_options" */
	DBT_FINDING_ADD_COLUMN,		/* "add_column" */
	DBT_FINDING_DROP_COLUMN,	/* "drop_column" */
	DBT_FINDING_ALTER_TYPE,		/* "alter_type" */
	DBT_FINDING_ALTER_NULL,		/* "alter_null" */
	DBT_FINDING_ALTER_DEFAULT,	/* "alter_default" */
	DBT_FINDING_ALTER_IDENTITY,	/* "alter_identity" */
	DBT_FINDING_ALTER_GENERATED,	/* "alter_generated" */
	DBT_FINDING_ADD_PK,		/* "add_primary_key" */
	DBT_FINDING_DROP_PK,		/* "drop_primary_key" */
	DBT_FINDING_ADD_UNIQUE,		/* "add_unique" */
	DBT_FINDING_DROP_UNIQUE,	/* "drop_unique" */
	DBT_FINDING_ADD_FK,		/* "add_foreign_key" */
	DBT_FINDING_DROP_FK,		/* "drop_foreign_key" */
	DBT_FINDING_ADD_CHECK,		/* "add_check" */
	DBT_FINDING_DROP_CHECK,		/* "drop_check" */
	DBT_FINDING_ADD_INDEX,		/* "add_index" */
	DBT_FINDING_DROP_INDEX,		/* "drop_index" */
	DBT_FINDING_CREATE_OBJECT,	/* "create_object" */
	DBT_FINDING_DROP_OBJECT,	/* "drop_object" */
	DBT_FINDING_REPLACE_OBJECT,	/* "replace_object" */
	DBT_FINDING_ADD_EXCLUDE,	/* "add_exclude" */
	DBT_FINDING_DROP_EXCLUDE,	/* "drop_exclude" */
	DBT_FINDING_ALTER_PARTITION,	/* "alter_partition" */
	DBT_FINDING_RENAME_TABLE,	/* "rename_table" */
	DBT_FINDING_RENAME_COLUMN,	/* "rename_column" */
	DBT_FINDING_UNAPPLIED_REVISION, /* "unapplied_revision" */
	DBT_FINDING_CHANGED_REVISION,	/* "changed_revision" */
	DBT_FINDING_MISSING_REVISION,	/* "missing_revision" */
	DBT_FINDING_NOT_AT_HEAD,	/* "not_at_head" */
	DBT_FINDING_WILL_FAIL,		/* "will_fail" */
	DBT_FINDING_DESTROYS,		/* "destroys" */
	DBT_FINDING_MAYBE_RENAME,	/* "maybe_rename" */
	DBT_FINDING_CHECKSUM_RECORDED,	/* "checksum recorded" */
	DBT_FINDING_CHECKSUM_UPDATED,	/* "checksum updated" */
	DBT_FINDING_CHECKSUM_UNCHANGED, /* "checksum unchanged" */
	DBT_FINDING_FORGOTTEN,		/* "forgotten" */
	DBT_FINDING_DOWNGRADE_DIFFERS,	/* "downgrade_differs" */
	DBT_FINDING_UPGRADE_DIFFERS,	/* "upgrade_differs" */
	DBT_FINDING_HEAD_DIFFERS,	/* "head_differs" */
	DBT_FINDING_SECRET,		/* "secret": a revision file holds a password */
	DBT_FINDING_RENAME_INDEX,	/* "rename_index": of the first group, last
				 * so that the values above stay */
	DBT_FINDING_ALTER_COMMENT,	/* "alter_comment": MariaDB's COMMENT of a
				 * column or a table; of the first group too */
} dbt_finding_kind;

/* The stable name of `kind` (above); "unknown" for a value outside the
 * enum. */
DBT_EXTERN const char *dbt_finding_kind_name(dbt_finding_kind kind);

/* One difference between the model and the database. */
typedef struct dbt_finding {
	dbt_finding_kind kind;
	char *text; /* "+ column users.age INTEGER NULL" */
} dbt_finding;

typedef struct dbt_findings {
	dbt_finding *v;
	size_t n;
} dbt_findings;

/*
 * Makes every command that reads the model (check, migrate, create-all,
 * the roundtrip) run `command` through /bin/sh -c in the folder `dir`
 * (NULL: ".") and read the model from its standard output instead of the
 * model file; the environment variable DBTOOL_DIALECT tells it the target
 * database ("sqlite" or "postgresql").  The model path those functions take
 * is then only the name in errors ("model_command:LINE:COL").  Process-wide;
 * NULL returns to model files.  0, or DBT_ERROR when out of memory.
 */
DBT_EXTERN int dbt_model_set_command(const char *command, const char *dir);

/* Lists what the database lacks or has more than the model ("+" the model
 * has it, "-" only the database has it, "~" both, differently); n = 0
 * when they agree.  The model is parsed on a second thread while the
 * database is read (or taken from the connection's preload, below), and
 * once read, the connection lets go of what it caches (SQLite: its parsed
 * schema, read again by the next statement that needs it), to keep the
 * peak of memory down.  A model of 2,000 tables or more is freed at the
 * end on a thread of its own, joined before the call returns. */
DBT_EXTERN int dbt_model_compare(dbt_findings *out, dbt_conn *conn, const char *model_path,
				 const char *schema_name);

DBT_EXTERN void dbt_findings_release(dbt_findings *findings);

/*
 * A model file parsed ahead, on a second thread, while the caller
 * connects: dbt_model_preload_start() begins parsing `model_path` for
 * databases of `kind` and returns at once; dbt_conn_set_model_preload()
 * hands it to a connection of that kind (which owns it from then on), and
 * the connection's next dbt_model_compare() or dbt_autogenerate*() for the
 * same path takes the parsed model instead of parsing the file again (the
 * connection's exclude patterns are applied then), reporting the parse's
 * error if it failed.  dbt_conn_close() frees one that was not taken, as
 * does dbt_model_preload_free() one never handed over (both wait for the
 * parse to end).  NULL when nothing was started: a model command is set
 * (dbt_model_set_command), the file is missing or larger than 4 MiB (it
 * is then parsed after the database is read, to keep the peak of memory
 * down), or no thread could be started; NULL is accepted by the other two.
 * Useful where connecting costs time: SQLite parses its whole schema when
 * a connection is made.
 */
typedef struct dbt_model_preload dbt_model_preload;
DBT_EXTERN dbt_model_preload *dbt_model_preload_start(dbt_dialect_kind kind,
						      const char *model_path);
DBT_EXTERN void dbt_conn_set_model_preload(dbt_conn *conn, dbt_model_preload *pre);
DBT_EXTERN void dbt_model_preload_free(dbt_model_preload *pre);

/* Called for each object created or dropped: verb "create" or "drop",
 * kind "table", "index" or an object's kind ("view", "trigger",
 * "function", ...), and its name. */
typedef void (*dbt_object_fn)(const char *verb, const char *kind, const char *name, void *arg);

/*
 * Creates every model table the database lacks, with its constraints and
 * indexes, every model index missing on an existing table, and every
 * object of the model (view, function, trigger, type ...) that the
 * database lacks, in dependency order (types a table may use before the
 * tables, the other objects after them), in one transaction under the
 * migration lock.  On any failure nothing is created.
 */
DBT_EXTERN int dbt_model_create_all(dbt_conn *conn, const char *model_path, const char *schema_name,
				    int lock_timeout_ms, dbt_object_fn on_object, void *arg);

/*
 * Drops every object (views, triggers, functions ...: dependents first)
 * and every table of the database (reflected: not only the model's) and
 * the version and history tables, in one transaction under the migration
 * lock; types that tables use go after the tables.  on_object hears of
 * the history table as part of the version table.  On any failure nothing
 * is dropped.
 */
DBT_EXTERN int dbt_model_drop_all(dbt_conn *conn, const char *schema_name, int lock_timeout_ms,
				  dbt_object_fn on_object, void *arg);

/* ---------------------------------------------------------------- inspect */

/*
 * The live database as a model file (`dbtool inspect`): every table of
 * the managed schema (`schema_name`, NULL for "public") with its columns,
 * constraints and indexes, and every object held as a definition (types,
 * functions, views, triggers, policies, comments, grants, ...), in
 * dependency order, names quoted where SQL needs it.  Reading that file
 * back as the model finds nothing to change.  dbtool's version and
 * history tables and what dbt_conn_set_exclude excludes are left out.
 * Reads only.  `out` receives the text; caller frees.
 */
DBT_EXTERN int dbt_inspect(char **out, dbt_conn *conn, const char *schema_name);

/*
 * `dbtool init --from-database`: adopts a database that already has a
 * schema.  Lays down `dir` as dbt_project_init() does, writes the model
 * file `model_path` as dbt_inspect() prints the database, writes a
 * baseline revision in `dir`/versions/ whose upgrade creates that schema
 * and whose downgrade drops it, and stamps the database at it without
 * running it.  Refuses (DBT_EEXISTS), before writing anything, when
 * `model_path` exists and holds more than blanks, when the database is
 * at a revision already, or as dbt_project_init() refuses `dir`.  On any
 * failure no file it made is left and the database is not stamped.
 * `created` receives each path written, one per line (may be NULL), and
 * `rev_id` the baseline's id (may be NULL); caller frees both.
 */
DBT_EXTERN int dbt_inspect_adopt(char **created, char **rev_id, dbt_conn *conn, const char *dir,
				 const char *model_path, const char *schema_name,
				 const dbt_run_opts *opts);

/*
 * dbt_inspect_adopt, with the baseline's upgrade and downgrade sections
 * labelled for each of `dialects` (in the order given) when it lists more
 * than one; the list must hold the connection's dialect.  Each other
 * dialect's sections create the model file's schema as adapted to that
 * dialect, as dbt_autogenerate_dialects writes a revision's; a view of
 * SQLite is written as it is.  Refuses (DBT_ERROR or DBT_EPARSE, before
 * writing anything), naming the object, what cannot be written for another
 * listed dialect: an object other than a SQLite view (a PostgreSQL view,
 * function, trigger, type, comment, ...), or what that dialect does not
 * have (an index method, a column without a type, ...).  With `ndialects` 0 or 1, the same as
 * dbt_inspect_adopt (unlabelled sections).
 */
DBT_EXTERN int dbt_inspect_adopt_dialects(char **created, char **rev_id, dbt_conn *conn,
					  const char *dir, const char *model_path,
					  const char *schema_name, const dbt_run_opts *opts,
					  const dbt_dialect_kind *dialects, size_t ndialects);

/* ---------------------------------------------------------- autogenerate */

/* What dbt_autogenerate did. */
typedef struct dbt_autogen {
	char *path;	       /* the revision file written; NULL when the database
				* already matches the model */
	dbt_findings changes;  /* one line per change, as check prints them */
	dbt_findings warnings; /* changes that lose data, or that will fail on the
				* data the database has now (kind "destroys",
				* "will_fail") */
	char *next_path;       /* with `safe`: the second revision written, the
				* one marked "transaction: false" whose parent
				* is `path`; NULL when only one was written */
} dbt_autogen;

/*
 * Writes the next revision from the difference between the model and the
 * database: its upgrade applies the changes, its downgrade reverts them
 * (inverses in reverse order), each change preceded by a comment line and
 * a destructive one by a WARNING comment.  The database must be at the
 * chain's head.  Refuses (DBT_ERROR, nothing written) to add a NOT NULL
 * column without a default to a table that has rows.  `rev_id` may be
 * NULL.  Release `out` with dbt_autogen_release(), also after a failure.
 * With nothing to do, a SQLite connection gives back the memory of
 * SQLite's parsed schema (outside a transaction), which SQLite reads again
 * when a later statement needs it.
 */
DBT_EXTERN int dbt_autogenerate(dbt_autogen *out, dbt_conn *conn, const dbt_chain *chain,
				const char *script_location, const char *model_path,
				const char *schema_name, const char *message, const char *rev_id);

/*
 * dbt_autogenerate, with an upgrade and a downgrade section for each of
 * `dialects` ("-- migrate:upgrade postgresql", in the order given), when
 * it lists more than one; the list must hold the connection's dialect.
 * The changes are those between the model and the connected database;
 * each other dialect's sections apply them in its own SQL, leading to the
 * model as adapted to that dialect.  With `ndialects` 0 or 1, the same as
 * dbt_autogenerate (unlabelled sections).
 */
DBT_EXTERN int dbt_autogenerate_dialects(dbt_autogen *out, dbt_conn *conn, const dbt_chain *chain,
					 const char *script_location, const char *model_path,
					 const char *schema_name, const char *message,
					 const char *rev_id, const dbt_dialect_kind *dialects,
					 size_t ndialects);

/* The options of dbt_autogenerate_opts; start from DBT_AUTOGEN_OPTS_INIT. */
typedef struct dbt_autogen_opts {
	unsigned version;		  /* DBT_AUTOGEN_OPTS_VERSION */
	const dbt_dialect_kind *dialects; /* as for dbt_autogenerate_dialects */
	size_t ndialects;
	/*
	 * The lock-friendly PostgreSQL forms, for the PostgreSQL sections: an
	 * index on an existing table is built with CREATE INDEX CONCURRENTLY
	 * (after DROP INDEX CONCURRENTLY IF EXISTS, which clears the INVALID
	 * index a failed build leaves); a foreign key or check added to an
	 * existing table is added NOT VALID, then validated; SET NOT NULL on
	 * an existing column is proven first by a validated CHECK (col IS NOT
	 * NULL), dropped after.  Those statements go into a revision of their
	 * own, marked "transaction: false", whose parent is the revision of
	 * the other changes (which runs in a transaction as usual); each of
	 * them can run again after a failure part-way.  When every change
	 * takes such a form, that revision is the only one.  Changes nothing
	 * for SQLite: its sections are the ordinary ones, in the first
	 * revision (the second's SQLite sections are a comment).
	 */
	int safe;
} dbt_autogen_opts;

#define DBT_AUTOGEN_OPTS_VERSION 1
#define DBT_AUTOGEN_OPTS_INIT                        \
	{                                            \
		DBT_AUTOGEN_OPTS_VERSION, NULL, 0, 0 \
	}

/*
 * dbt_autogenerate_dialects with `opts` (NULL: the defaults).  With
 * `safe` and two revisions to write, the second's id is `rev_id` followed
 * by "_safe" when `rev_id` is given; if writing it fails, the first is
 * removed again, so that nothing is left.
 */
DBT_EXTERN int dbt_autogenerate_opts(dbt_autogen *out, dbt_conn *conn, const dbt_chain *chain,
				     const char *script_location, const char *model_path,
				     const char *schema_name, const char *message,
				     const char *rev_id, const dbt_autogen_opts *opts);

DBT_EXTERN void dbt_autogen_release(dbt_autogen *autogen);

/* Fails (DBT_ERROR) unless the database is at the chain's head: "database
 * is at <id>, not at head <id>: run 'dbtool upgrade' first". */
DBT_EXTERN int dbt_run_require_head(dbt_conn *conn, const dbt_chain *chain);

/* Fails (DBT_ERROR) while an applied revision's file differs from its
 * recorded checksum or the history records a revision that no file
 * defines, with the message dbt_run_upgrade would give; reads only. */
DBT_EXTERN int dbt_run_require_verified(dbt_conn *conn, const dbt_chain *chain);

/* --------------------------------------------------------------- history */

/*
 * The history table, dbtool_history, beside the version table, holds one
 * row per applied revision: its id, the checksum of its file when it was
 * applied (dbt_revision.checksum) and when that was, as UTC text
 * "YYYY-MM-DDTHH:MM:SSZ".  Upgrade, downgrade and stamp keep it in the
 * transaction that updates the version.  dbt_run_upgrade and
 * dbt_run_downgrade refuse (DBT_ERROR, nothing run) while an applied
 * revision's file differs from its recorded checksum or while the history
 * records a revision that no file defines.  Revisions applied before
 * dbtool kept a history have no row: they are not verified until
 * dbt_run_repair (or a stamp) records them.
 */

/*
 * Compares the recorded checksums with the files, reading only (no lock,
 * no transaction).  Appends one finding per problem to `out`, which the
 * caller initialises to {NULL, 0} and releases with dbt_findings_release()
 * (also after a failure): kind "changed_revision" for an applied revision
 * whose file changed since, "unapplied_revision" for a revision below the
 * current one that was never applied (see below), "missing_revision" for
 * a recorded revision that no file defines anymore; each text starts with
 * "! ".  `unverified`
 * (may be NULL) receives the number of applied revisions without a
 * recorded checksum.  DBT_ENOTFOUND when the database is at a revision no
 * file defines.
 */
DBT_EXTERN int dbt_run_verify(dbt_findings *out, size_t *unverified, dbt_conn *conn,
			      const dbt_chain *chain);

/*
 * A revision below the database's current one that the history has no
 * row for, while a revision further down has one, was never applied: it
 * was placed there (re-parented) after the database had passed that
 * point.  The revisions below the lowest recorded one are taken for
 * revisions applied before dbtool kept a history.  dbt_run_upgrade and
 * dbt_run_downgrade refuse while there is such a revision, unless
 * dbt_run_opts.apply_missing is set for an upgrade, which applies each in
 * chain order, in a transaction of its own, before going on to the
 * target; dbt_run_verify reports each (kind "unapplied_revision").
 *
 * dbt_run_require_applied fails (DBT_ERROR) naming the first such
 * revision; it reads only, and returns 0 when there is none or when the
 * database is at a revision no file defines.
 */
DBT_EXTERN int dbt_run_require_applied(dbt_conn *conn, const dbt_chain *chain);

/* The ids of the revisions the history table records, one per line in
 * byte order; NULL when it records none or does not exist.  Reads only.
 * Caller frees. */
DBT_EXTERN int dbt_run_history_ids(char **out, dbt_conn *conn);

/* Called by dbt_run_repair for each history row it changed (or, for the
 * one revision asked for, left alone): `what` is "checksum updated",
 * "checksum recorded" (there was no row), "forgotten" (the row of a
 * revision that no file defines or that is not applied was removed) or
 * "checksum unchanged". */
typedef void (*dbt_repair_fn)(const char *id, const char *what, void *arg);

/*
 * Accepts the revision files as they are now.  With `rev` (an id or unique
 * prefix of an applied revision) records that revision's current checksum;
 * with the exact id of a revision that the history records but no file
 * defines, removes its row.  With `rev` NULL, records the checksum of every
 * applied revision (but not of one below the current revision that was
 * never applied: only naming it vouches for it) and removes every row that
 * no applied revision matches.
 * One transaction under the migration lock (`lock_timeout_ms` <= 0: 60 s);
 * on failure nothing changes.  DBT_ENOTFOUND for an unknown `rev`,
 * DBT_ERROR for one that is not applied, DBT_ELOCKED when the lock was not
 * had in time.
 */
DBT_EXTERN int dbt_run_repair(dbt_conn *conn, const dbt_chain *chain, const char *rev,
			      int lock_timeout_ms, dbt_repair_fn on_repair, void *arg);

/*
 * Round-trip verification on a scratch database, which must be empty
 * (DBT_EEXISTS otherwise): applies every revision up from base, then down
 * to base, then up again, comparing the reflected schema after each step
 * with the one it must equal, and the head's with the model.  Each
 * difference is a finding naming the revision ("downgrade 3f2a... does
 * not restore the schema of 1a2b...: + column users.age INTEGER NULL");
 * n = 0 when every revision round-trips.  `opts` may be NULL.
 */
DBT_EXTERN int dbt_roundtrip(dbt_findings *out, dbt_conn *scratch, const dbt_chain *chain,
			     const char *model_path, const char *schema_name,
			     const dbt_run_opts *opts);

/*
 * The scratch database a round trip of a project on a database of `kind`
 * works in when the caller names none: an empty one in memory
 * ("sqlite://"), for a database that has one.  DBT_ENOTFOUND otherwise,
 * with a message that asks for one (--scratch-url).  `*out` is static.
 */
DBT_EXTERN int dbt_roundtrip_scratch_url(const char **out, dbt_dialect_kind kind);

/* ------------------------------------------------------------------- lint */

/*
 * Static safety rules over the upgrade SQL of revision files: destructive
 * changes, PostgreSQL statements that lock an existing table for long,
 * statements that cannot run where they stand, and a missing downgrade.
 * A table that the same upgrade created before the statement is new (no
 * rows, no readers); any other table is taken to exist with rows.
 *
 * A comment line "-- lint:ignore RULE[,RULE] REASON" (RULE a code such as
 * L007 or a name such as index-not-concurrent) suppresses those rules for
 * the statement below it; one after the last statement suppresses L010.
 * The reason is required.
 */
typedef enum { DBT_LINT_WARNING = 1, DBT_LINT_ERROR = 2 } dbt_lint_level;

typedef struct dbt_lint_rule {
	const char *code; /* "L001" */
	const char *name; /* "drop-table" */
	dbt_lint_level level;
	const char *summary; /* what the rule finds, one line */
	const char *reason;  /* why it matters */
	const char *fix;     /* what to write instead */
	int postgres_only;   /* 1: only where the database is PostgreSQL */
} dbt_lint_rule;

/* Every rule, in code order; `*n` receives their number. */
DBT_EXTERN const dbt_lint_rule *dbt_lint_rules(size_t *n);

/* The rule with that code (any case) or name; NULL when none. */
DBT_EXTERN const dbt_lint_rule *dbt_lint_rule_find(const char *code_or_name);

typedef struct dbt_lint_finding {
	const dbt_lint_rule *rule;
	const dbt_revision *rev; /* the revision the finding is in */
	int line, col;		 /* in the revision's file, 1-based */
	char *message;		 /* one line; names may hold any character */
} dbt_lint_finding;

typedef struct dbt_lint_report {
	dbt_lint_finding *v; /* in file order */
	size_t n;
	size_t suppressed; /* findings a lint:ignore suppressed */
} dbt_lint_report;

/* The options of dbt_lint_revision; start from DBT_LINT_OPTS_INIT.  A
 * struct zeroed by a program written before `version` existed is taken
 * for version 1. */
typedef struct dbt_lint_opts {
	unsigned version;      /* DBT_LINT_OPTS_VERSION */
	dbt_dialect_kind kind; /* the database the revisions are for; 0 when
				* unknown: every rule applies */
	long rebuild_rows;     /* L012 fires above this many rows (<= 0: 10000) */
	/* The live database, for L012's row count: called at most once per
	 * revision, when a SQLite rebuild is first met; NULL (or a NULL
	 * connect) leaves L012 silent.  `release` closes what it opened. */
	dbt_conn *(*connect)(void *arg);
	void (*release)(void *arg, dbt_conn *conn);
	void *connect_arg;
} dbt_lint_opts;

#define DBT_LINT_OPTS_VERSION 1
#define DBT_LINT_OPTS_INIT                                                      \
	{                                                                       \
		DBT_LINT_OPTS_VERSION, (dbt_dialect_kind)0, 0, NULL, NULL, NULL \
	}

/*
 * Adds the findings of `rev` to `report` (zeroed by the caller before the
 * first call).  DBT_EPARSE for a lint:ignore naming no rule or giving no
 * reason ("path:line: ..."); the findings added so far stay.  DBT_ERROR,
 * adding nothing, for `opts` of a version this library does not know.
 */
DBT_EXTERN int dbt_lint_revision(dbt_lint_report *report, const dbt_revision *rev,
				 const dbt_lint_opts *opts);

DBT_EXTERN void dbt_lint_report_release(dbt_lint_report *report);

#ifdef __cplusplus
}
#endif

#endif
