/*
 * corpus_run.h - what the parts of the in-process corpus runner share.
 *
 * The runner (tests/corpus_run*.c) runs the corpus cases of
 * tests/e2e/test_corpus.sh, test_migrate.sh, test_dump.sh and
 * test_inspect_corpus.sh in one process per worker,
 * through the library calls the dbtool commands make, with one library
 * connection and one plain connection (sqlite3 or libpq, for the rows and
 * the catalog) per worker.  Each command is emulated as the CLI runs it:
 * an exit status and what it prints on stdout and stderr (the line
 * naming the database left out, as the shell tests set it aside), written
 * through the CLI's own escaping (cmd/common.c), so that the expected
 * files of the corpus compare byte for byte.
 */
#ifndef CORPUS_RUN_H
#define CORPUS_RUN_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

#include "dbtool.h"

/* A growable list of strings, each owned by the list. */
struct strlist {
	char **v;
	size_t n, cap;
};

/* strdup and asprintf that end the run when out of memory. */
char *xstrdup(const char *s);
char *fmt(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *vfmt(const char *fmt, va_list ap);

/* The test cluster's password, decoded and as the URL writes it: no
 * output may hold it.  NULL when none. */
extern const char *g_pg_password;
extern const char *g_pg_password_raw;

void sl_push(struct strlist *l, const char *s);
void sl_pushf(struct strlist *l, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void sl_sort(struct strlist *l);
void sl_clear(struct strlist *l);
/* The lines of `text`, without their newlines. */
void sl_lines(struct strlist *l, const char *text);
/* The items joined by `sep`; caller frees. */
char *sl_join(const struct strlist *l, const char *sep);
int sl_eq(const struct strlist *a, const struct strlist *b);

/* What one emulated command left: its exit status and output. */
struct res {
	int status;
	char *out;
	char *err;
	char *cmd; /* the command line, as the shell tests describe it */
};

void res_clear(struct res *r);

/* One worker: a project folder, its database and the connections. */
struct worker {
	int postgres;	/* 0 SQLite, 1 PostgreSQL */
	int mysql;	/* 1 MariaDB/MySQL (postgres 0) */
	char *dir;	/* the project folder (the current folder) */
	char *held;	/* a folder outside the project, for a revision set aside */
	char *url;	/* the database's URL */
	char *db_file;	/* SQLite: the database file */
	dbt_config cfg; /* dbtool.ini of the project */
	dbt_conn *conn; /* the library's connection */
	void *raw;	/* sqlite3 *, PGconn * or (MariaDB) a dbt_conn *: the plain
			 * connection */
	char *why;	/* why the current case failed; NULL while it holds */
};

/* The dialect's name as the corpus files write it: sqlite, postgres or
 * mysql. */
const char *w_dialect(const struct worker *w);

/* Fails the current case with the formatted detail, unless it failed
 * already (the first failure is the one reported).  Returns -1. */
int why(struct worker *w, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* 1 while the current case holds. */
int ok(const struct worker *w);

/* The command's exit status and output, indented, for a failure. */
char *show_output(const struct res *r);

/*
 * step: unless the case failed already, runs the emulated command
 * (cmd_* below) into `r`; a status other than `want`, or the cluster's
 * password in its output, fails the case naming `what`.  Returns 0 when
 * the step ran and exited `want`.
 */
typedef void (*cmd_fn)(struct worker *w, struct res *r, const char *arg);
int step(struct worker *w, struct res *r, int want, const char *what, cmd_fn fn, const char *arg);

/* The emulated commands (arg is -m's message or the target when they
 * take one). */
void cmd_check_(struct worker *w, struct res *r, const char *arg);
void cmd_create_all_(struct worker *w, struct res *r, const char *arg);
void cmd_drop_all_(struct worker *w, struct res *r, const char *arg);
void cmd_migrate_(struct worker *w, struct res *r, const char *arg);
void cmd_upgrade_(struct worker *w, struct res *r, const char *arg);
void cmd_downgrade_(struct worker *w, struct res *r, const char *arg);

/* The plain connection: runs `sql` (one statement; several when `script`)
 * and appends each row as "v|v|...", NULL as "", to `rows` (may be NULL).
 * Returns 0, or -1 with the database's message in *err (caller frees). */
int raw_query(struct worker *w, const char *sql, struct strlist *rows, char **err);
int raw_script(struct worker *w, const char *sql, char **err);

/* The database's tables, sorted, the history table left out. */
int db_tables(struct worker *w, struct strlist *out);

/* Empties the database and the versions folder whatever state a failed
 * case left them in, without the library. */
void force_empty(struct worker *w);

/* Files. */
char *slurp(const char *path); /* NULL when it cannot be read */
int copy_file(const char *from, const char *to);
int file_exists(const char *path);
/* FILE.<dialect> when it exists, else FILE; caller frees. */
char *for_dialect(const struct worker *w, const char *file);
/* 1 when the model's first line does not keep it from `dialect`: "-- dialect:
 * NAME..." or "-- only: NAME..." lists the dialects it runs on, "--
 * not-dialect: NAME... (reason)" those it does not. */
int for_this_dialect(const char *dialect, const char *model);

/* The migrate corpus (corpus_run_migrate.c). */
int migrate_min_pairs(void);
void migrate_pair(struct worker *w, const char *pair);

/* The schemas read back as models (corpus_run_dump.c). */
void dump_case(struct worker *w, const char *schema, struct strlist *report);
void inspect_case(struct worker *w, const char *schema, struct strlist *report);
void dump_use_pg_bindir(const char *src_root, const char *tmp);

#endif
