/*
 * schema.h - the metadata model: the one in-memory representation of a
 * database schema that the model parser and every dialect's reflection
 * produce, and that the differ compares.
 *
 * Both sources hand over a schema that is already normalised, so that equal
 * schemas compare equal field by field:
 * - types are as the database stores them (dbt_type): a portable kind with
 *   length, precision and scale made explicit where the database would,
 *   and the database's own text where the kind does not say it all;
 * - unquoted names are folded to lower case as PostgreSQL folds them (the
 *   `quoted` flags say whether they were written in double quotes);
 * - default, CHECK, index and WHERE expressions are canonical text (see
 *   dbt_schema_normalize_expr);
 * - primary-key columns are NOT NULL; SERIAL and identity columns are NOT
 *   NULL; DEFAULT NULL is no default;
 * - a unique constraint that repeats the primary key or an earlier unique
 *   constraint is dropped, as PostgreSQL drops it;
 * - constraints and indexes the user left unnamed get the name PostgreSQL
 *   would choose, and `name_given` is 0 for them: names are to be compared
 *   only where the user gave them.
 *
 * Ownership: a schema owns every table, index, constraint and string it
 * holds, all of it released by one call to dbt_schema_free().  The structs
 * are held by pointer, so a pointer to a table, column or constraint stays
 * valid while more are added.  Every char * field is a malloc'd copy that
 * the schema frees; code that fills fields directly must store such a copy.
 */
#ifndef DBT_SCHEMA_H
#define DBT_SCHEMA_H

#include <stddef.h>

#include "buf.h"

/* The longest name, in bytes, that PostgreSQL keeps (NAMEDATALEN - 1). */
#define DBT_NAME_MAX 63

/* ------------------------------------------------------------------ types */

typedef enum dbt_type_kind {
	DBT_TYPE_NONE = 0,
	DBT_TYPE_SMALLINT,
	DBT_TYPE_INTEGER,
	DBT_TYPE_BIGINT,
	DBT_TYPE_BOOLEAN,
	DBT_TYPE_REAL,
	DBT_TYPE_DOUBLE, /* DOUBLE PRECISION */
	DBT_TYPE_NUMERIC,
	DBT_TYPE_VARCHAR,
	DBT_TYPE_CHAR,
	DBT_TYPE_TEXT,
	DBT_TYPE_DATE,
	DBT_TYPE_TIME,
	DBT_TYPE_TIMETZ, /* TIME WITH TIME ZONE */
	DBT_TYPE_TIMESTAMP,
	DBT_TYPE_TIMESTAMPTZ, /* TIMESTAMP WITH TIME ZONE */
	DBT_TYPE_BLOB,
	DBT_TYPE_JSON,
	DBT_TYPE_UUID,
	DBT_TYPE_OTHER, /* any other type: `text` says which */
} dbt_type_kind;

/*
 * A column type.  The kinds up to UUID are the portable types, which one
 * model spells alike for every database; -1 means "not given" in each
 * number:
 * - length: VARCHAR(n) and CHAR(n) (CHAR alone is CHAR(1));
 * - precision, scale: NUMERIC(p,s) (NUMERIC(p) is NUMERIC(p,0));
 * - precision: fractional digits of TIME(p) and TIMESTAMP(p).
 *
 * `text` is the type as the database stores it, where the kind and its
 * numbers do not say it: NULL when the type is exactly the kind's
 * canonical spelling on its database (dbt_type_format's, or on
 * PostgreSQL what format_type() prints for it); otherwise, on SQLite, the
 * declared type ("INT", "DATETIME", "DECIMAL(12)", "" for none: the kind
 * is then the one dbt_type_parse gives, or OTHER) and on PostgreSQL
 * format_type()'s text ("jsonb", "text[]", "bit varying(5)", "inet",
 * "interval year to month", a user-defined type's name; kind OTHER).
 * Types compare equal when kind, numbers and text are equal (see
 * dbt_type_equal).
 *
 * `decl` is the spelling a model declared, kept only by the model parser
 * (NULL elsewhere) so that dbt_schema_adapt can give each database its
 * form; it takes no part in comparisons.
 *
 * Both strings are malloc'd and owned by whatever holds the type: a
 * column frees its own; a dbt_type filled by a function below is released
 * with dbt_type_release().
 */
typedef struct dbt_type {
	dbt_type_kind kind;
	int length;
	int precision;
	int scale;
	char *text;
	char *decl;
} dbt_type;

/* A type of kind `kind` without numbers or text. */
#define DBT_TYPE_INIT(kind)                    \
	{                                      \
		(kind), -1, -1, -1, NULL, NULL \
	}

/*
 * Parses a portable type name such as "int4", "CHARACTER VARYING(20)",
 * "numeric(10, 2)" or "timestamp(3) with time zone" (`len` bytes, any case,
 * comments allowed) into its canonical type, whose strings stay NULL.
 * `serial`, when not NULL, is set to 1 for SERIAL, BIGSERIAL and
 * SMALLSERIAL (whose kind is INTEGER, BIGINT and SMALLINT) and to 0
 * otherwise.
 *
 * DBT_EPARSE for an unknown type, a malformed or out-of-range parameter or
 * trailing text, with a message that carries no position (such as
 * "expected a type, found 'strnig'" or "VARCHAR length 0 must be between 1
 * and 10485760"); `errpos`, when not NULL, then receives the byte offset
 * in `text` of the fault.
 */
int dbt_type_parse(dbt_type *out, int *serial, const char *text, size_t len, size_t *errpos);

/* 1 when the word `word` (`len` bytes, any case) starts a portable
 * type's name: "int", "varchar", "timestamp", ... */
int dbt_type_name_is_portable(const char *word, size_t len);

/*
 * A model's declared type, whatever it names (`len` bytes; empty for a
 * column declared without a type): the kind and numbers of
 * dbt_type_parse when it knows the type, else OTHER; `decl` holds the
 * declared text with blanks normalised (words one space apart, none
 * around parentheses, brackets, commas and dots, comments dropped), and
 * `text` that same text when the kind is OTHER.  Caller releases `out`.
 *
 * A type whose first word names a portable type is that type, spelled as
 * dbt_type_parse reads it, optionally followed by array brackets (then it
 * is OTHER): "INT(11)", "TIMESTAMP WITH ZONE" and VARCHAR(0) are
 * DBT_EPARSE with dbt_type_parse's message and `errpos`; so is text that
 * does not tokenize.  DBT_ERROR when out of memory.
 */
int dbt_type_declare(dbt_type *out, int *serial, const char *text, size_t len, size_t *errpos);

/*
 * The type that SQLite stores for the declared type `decl` (as
 * PRAGMA table_info gives it, or as a model declares it): `text` is the
 * declared text with blanks normalised, NULL when it is the canonical
 * spelling of its kind ignoring case.  Caller releases `out`; DBT_ERROR
 * when out of memory.
 */
int dbt_type_from_sqlite(dbt_type *out, const char *decl);

/*
 * The type that PostgreSQL stores for `text`, either format_type()'s
 * output or a type as a model declares it ("int4", "varchar(20)[]",
 * "JSONB", "bit varying(5)", "Interval Day To Second(3)", "public.mood"):
 * a portable kind with NULL text when PostgreSQL's own normal form of it
 * is the kind's (its aliases are one type: int4 is integer, timestamptz
 * is timestamp with time zone); otherwise kind OTHER and `text` in
 * format_type()'s form: unquoted words in lower case, PostgreSQL's names
 * for its built-in aliases, an array as "<element>[]".  Caller releases
 * `out`; DBT_EPARSE when `text` does not tokenize, DBT_ERROR when out of
 * memory.
 */
int dbt_type_from_postgres(dbt_type *out, const char *text);

/* Deep copy; DBT_ERROR when out of memory (`out` then holds no strings). */
int dbt_type_copy(dbt_type *out, const dbt_type *type);

/* Frees the strings of `type` and sets them to NULL. */
void dbt_type_release(dbt_type *type);

/*
 * 1 when `a` and `b` are one type: kind and numbers equal, and either
 * both texts NULL or the texts equal ignoring ASCII case outside double
 * quotes and ignoring a schema qualifier ("public.mood" is "mood").
 */
int dbt_type_equal(const dbt_type *a, const dbt_type *b);

/* Appends how the type reads: `text` when it has one, else the canonical
 * spelling: "INTEGER", "VARCHAR(50)", "NUMERIC(10,2)",
 * "TIMESTAMP(3) WITH TIME ZONE", "DOUBLE PRECISION". */
void dbt_type_format(dbt_buf *out, const dbt_type *type);

/* 1 for VARCHAR, CHAR and TEXT, the types a collation applies to. */
int dbt_type_is_text(dbt_type_kind kind);

/* 1 for SMALLINT, INTEGER and BIGINT. */
int dbt_type_is_integer(dbt_type_kind kind);

/* 1 for the portable kinds (neither NONE nor OTHER). */
int dbt_type_is_portable(dbt_type_kind kind);

/* ------------------------------------------------------------ the model */

/* How a column's values are generated. */
typedef enum dbt_identity {
	DBT_IDENTITY_NONE = 0,	 /* none, or SQLite's AUTOINCREMENT */
	DBT_IDENTITY_SERIAL,	 /* SERIAL, BIGSERIAL, SMALLSERIAL */
	DBT_IDENTITY_ALWAYS,	 /* GENERATED ALWAYS AS IDENTITY */
	DBT_IDENTITY_BY_DEFAULT, /* GENERATED BY DEFAULT AS IDENTITY */
} dbt_identity;

typedef struct dbt_column {
	char *name;
	int quoted;
	dbt_type type;
	int not_null;
	int implied_not_null; /* NOT NULL only because the column is in the
			       * primary key (dbt_table_normalize) */
	char *default_expr;   /* canonical text; NULL when none */
	int autoincrement;    /* the database generates the values: SERIAL,
			       * AUTOINCREMENT or an identity */
	dbt_identity identity;
	char *collation;		   /* NULL when none; folded like a name */
	int line, col;			   /* where the column is declared; 0 when reflected */
	char *generated_expr;		   /* a generated column's expression, canonical
			       * text; NULL for a column that is not generated */
	int generated_stored;		   /* STORED (1) or VIRTUAL (0) */
	int generated_line, generated_col; /* where GENERATED or AS stands */
	char *renamed_from;		   /* the model's hint "-- renamed from: OLD" on the
			       * line before the column: OLD, folded like a
			       * name; NULL when none (and when reflected) */
	int renamed_line, renamed_col;	   /* where the hint's name stands */
	int identity_implicit;		   /* the identity comes from the auto-increment rule,
				* not from the model's words: a column of the
				* database that generates its values some other
				* way, or not at all, is not changed for it */
	int no_autoincrement;		   /* the model's "-- dbtool: no-autoincrement" hint:
			       * the column keeps out of the auto-increment rule
			       * (dbt_schema_adapt); 0 when reflected */
} dbt_column;

/* A primary key or unique constraint. */
typedef struct dbt_unique {
	char *name;
	int name_given; /* 0 when generated */
	char **columns; /* in key order */
	size_t ncolumns;
	int line, col;
} dbt_unique;

typedef enum dbt_fk_action {
	DBT_FK_NO_ACTION = 0,
	DBT_FK_RESTRICT,
	DBT_FK_CASCADE,
	DBT_FK_SET_NULL,
	DBT_FK_SET_DEFAULT,
} dbt_fk_action;

/* MATCH: how a foreign key of several columns treats NULLs. */
typedef enum dbt_fk_match {
	DBT_FK_MATCH_SIMPLE = 0, /* the default */
	DBT_FK_MATCH_FULL,
	DBT_FK_MATCH_PARTIAL,
} dbt_fk_match;

typedef struct dbt_fk {
	char *name;
	int name_given;
	char **columns;
	size_t ncolumns;
	char *ref_table;
	char **ref_columns; /* the referenced table's primary key when not written */
	size_t nref_columns;
	int ref_columns_given;
	dbt_fk_action on_delete;
	dbt_fk_action on_update;
	int deferrable;
	int initially_deferred;
	int line, col;	       /* the constraint */
	int ref_line, ref_col; /* the referenced table's name */
	dbt_fk_match match;    /* SQLite stores it in the table's SQL and ignores it */
} dbt_fk;

typedef struct dbt_check {
	char *name;
	int name_given;
	char *expr; /* canonical text */
	int line, col;
} dbt_check;

/* One key of an index: a column or an expression, exactly one non-NULL. */
/*
 * An exclusion constraint (PostgreSQL): `def` is the canonical text of
 * what follows EXCLUDE, as dbt_schema_normalize_expr gives it:
 * "USING gist(room WITH =, during WITH &&) WHERE ((room > 2))".  The
 * model's and the database's spellings meet in the scratch database.
 */
typedef struct dbt_exclude {
	char *name;
	int name_given;
	char *def;
	int line, col;
} dbt_exclude;

typedef struct dbt_index_elem {
	char *column;
	char *expr; /* canonical text */
	int desc;
	char *opclass; /* PostgreSQL operator class, folded like a name;
			       * NULL for the type's default */
	int nulls;     /* DBT_NULLS_FIRST or DBT_NULLS_LAST when the key
			       * says the order its direction does not have by
			       * default (ASC NULLS FIRST, DESC NULLS LAST);
			       * 0 otherwise, whatever was written */
	int prefix;    /* MariaDB/MySQL: the key's prefix length, name(10);
			       * 0 for the whole column */
} dbt_index_elem;

#define DBT_NULLS_FIRST 1
#define DBT_NULLS_LAST 2

typedef struct dbt_index {
	char *name;
	int quoted;
	int name_given;
	char *table;
	int unique;
	char *method; /* PostgreSQL access method (gin, gist, hash, brin,
			       * ...), folded like a name; NULL for btree */
	dbt_index_elem *elems;
	size_t nelems;
	char *where;   /* canonical text of a partial index; NULL when none */
	int line, col; /* the index's name, or ON when it has none */
	int table_line, table_col;
} dbt_index;

typedef struct dbt_table {
	char *name;
	int quoted;
	dbt_column **columns; /* in declaration order */
	size_t ncolumns;
	dbt_unique *pk; /* NULL when the table has none */
	dbt_unique **uniques;
	size_t nuniques;
	dbt_fk **fks;
	size_t nfks;
	dbt_check **checks;
	size_t nchecks;
	int line, col;		     /* the table's name */
	int strict;		     /* SQLite's STRICT table option */
	int without_rowid;	     /* SQLite's WITHOUT ROWID table option */
	int strict_line, strict_col; /* where the model writes each option; 0 */
	int wr_line, wr_col;	     /* when it does not or when reflected */
	dbt_exclude **excludes;	     /* PostgreSQL exclusion constraints */
	size_t nexcludes;
	/*
	 * PostgreSQL partitioning, each NULL when it does not apply:
	 * - partition_by: the partition key of a partitioned table, as
	 *   dbt_partition_key_canon gives it: "RANGE (logdate)";
	 * - partition_of: the partitioned table this table is a partition of;
	 * - partition_bound: its bound, as dbt_partition_bound_canon gives
	 *   it: "FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')", "DEFAULT".
	 * A partition's columns, and the constraints and indexes it takes from
	 * its parent, are the parent's: neither the model nor reflection holds
	 * them on the partition, which has no columns (only constraints and
	 * indexes of its own).
	 */
	char *partition_by;
	char *partition_of;
	char *partition_bound;
	/* The model's hint "-- renamed from: OLD" on the line before CREATE
	 * TABLE: OLD, folded like a name; NULL when none (and when reflected).
	 * The differ renames the database's table OLD to this one while the
	 * database has OLD and not this name (diff.h). */
	char *renamed_from;
	int renamed_line, renamed_col; /* where the hint's name stands */
} dbt_table;

/*
 * A model statement that the schema does not hold field by field (a view,
 * function, trigger, comment, grant, extension, type, sequence ...), kept
 * verbatim for the scratch database to build.  The differ does not compare
 * them yet; reflection produces none.
 */
typedef struct dbt_statement {
	char *kind;    /* lower case: "view", "function", "trigger", "comment", ... */
	char *name;    /* the object's name as written (folded unless quoted);
			       * NULL when the statement names none (GRANT) */
	char *sql;     /* the statement's text, without the final ';' */
	int line, col; /* where the statement starts in the model */
} dbt_statement;

/*
 * Objects that the schema holds as the database's own definition rather
 * than field by field.  The kinds are in the order they are created: an
 * object may depend on objects of its own or an earlier kind and on
 * tables (see `deps`); drops go in the reverse order.
 */
typedef enum dbt_object_kind {
	DBT_OBJ_SCHEMA = 0, /* CREATE SCHEMA: another schema than the managed one */
	DBT_OBJ_EXTENSION,  /* CREATE EXTENSION */
	DBT_OBJ_ENUM,	    /* CREATE TYPE ... AS ENUM */
	DBT_OBJ_TYPE,	    /* another CREATE TYPE: composite, range */
	DBT_OBJ_DOMAIN,	    /* CREATE DOMAIN */
	DBT_OBJ_SEQUENCE,   /* CREATE SEQUENCE not owned by a column */
	DBT_OBJ_FUNCTION,   /* CREATE FUNCTION */
	DBT_OBJ_PROCEDURE,  /* CREATE PROCEDURE */
	DBT_OBJ_VIEW,	    /* CREATE VIEW */
	DBT_OBJ_MATVIEW,    /* CREATE MATERIALIZED VIEW */
	DBT_OBJ_TRIGGER,    /* CREATE TRIGGER */
	DBT_OBJ_RLS,	    /* ALTER TABLE ... ENABLE/FORCE ROW LEVEL SECURITY */
	DBT_OBJ_POLICY,	    /* CREATE POLICY */
	DBT_OBJ_COMMENT,    /* COMMENT ON */
	DBT_OBJ_GRANT,	    /* GRANT: one privilege set of one grantee on one object */
	DBT_OBJ_NKINDS
} dbt_object_kind;

/*
 * One object held as a definition.  Both sides come from reflection: the
 * live database's, and the scratch database's for the model (whose
 * statements are built there, see scratch.h), so that two objects are the
 * same when their `definition`s are equal byte for byte.
 *
 * - name: the object's identity among the objects of its kind, unique
 *   in the schema and the same on both sides: "active_users" (view),
 *   "add(integer, integer)" (function: name and argument types),
 *   "trg_audit ON orders" (trigger, policy), "TABLE orders",
 *   "COLUMN orders.total", "FUNCTION add(integer, integer)" (comment),
 *   "SELECT ON TABLE orders TO reader" (grant), "orders" (rls);
 *   names quoted as the database would need them in SQL;
 * - table: the table the object is on (trigger, policy, rls, a comment or
 *   grant on a table or its column), NULL for others;
 * - definition: the database's normal form of all that the object is,
 *   compared as is; names of the managed schema unqualified;
 * - create_sql: the statements that create the object as it is, each
 *   ending in ';', separated by newlines; the managed schema's names
 *   unqualified (search_path points there);
 * - drop_sql: the statements that drop it, likewise;
 * - replace_sql: the statements that turn any other definition of the
 *   same object into this one in place (CREATE OR REPLACE ..., COMMENT ON
 *   ... IS ..., ALTER TYPE ... ADD VALUE when only values were added), or
 *   NULL when a change takes drop_sql of the old then create_sql of the
 *   new;
 * - deps: "kind name" of each object (dbt_object_kind_name, then a blank,
 *   then its name) and the plain name of each table that it depends on;
 * - line, col: where the model declares it; 0 when reflected live.
 */
typedef struct dbt_object {
	dbt_object_kind kind;
	char *name;
	char *table;
	char *definition;
	char *create_sql;
	char *drop_sql;
	char *replace_sql;
	char **deps;
	size_t ndeps;
	int line, col;
	int replace_rewrites; /* replace_sql gives the columns that use the
			       * object a new type (an enum made again), which
			       * the views on their tables do not survive */
} dbt_object;

typedef struct dbt_schema {
	dbt_table **tables; /* in declaration order */
	size_t ntables;
	dbt_index **indexes; /* every table's, in declaration order */
	size_t nindexes;
	dbt_statement **statements; /* in declaration order; models only */
	size_t nstatements;
	dbt_object **objects; /* in creation order (kind, then dependencies) */
	size_t nobjects;
} dbt_schema;

/* ---------------------------------------------------------- construction */

/*
 * Each function below returns 0, or DBT_ERROR when out of memory (and
 * DBT_EPARSE where it normalises an expression that does not tokenize); on
 * failure nothing was added.  Names are copied as given: callers fold them.
 * A NULL constraint or index name means "generate one" (name_given 0).
 */

int dbt_schema_new(dbt_schema **out);

/* Releases the schema and everything in it; NULL is allowed. */
void dbt_schema_free(dbt_schema *schema);

int dbt_schema_add_table(dbt_table **out, dbt_schema *schema, const char *name, int quoted);

/* Keeps the statement `sql` (`len` bytes) of `kind` and `name` (NULL when
 * none); the strings are copied. */
int dbt_schema_add_statement(dbt_statement **out, dbt_schema *schema, const char *kind,
			     const char *name, const char *sql, size_t len);

/* Removes and frees `st`, one of the schema's statements. */
void dbt_schema_remove_statement(dbt_schema *schema, dbt_statement *st);

/*
 * Adds an object of `kind` named `name`; every string is copied, `table`,
 * `replace_sql` may be NULL.  Dependencies are added with
 * dbt_object_add_dep.
 */
int dbt_schema_add_object(dbt_object **out, dbt_schema *schema, dbt_object_kind kind,
			  const char *name, const char *table, const char *definition,
			  const char *create_sql, const char *drop_sql, const char *replace_sql);

/* Adds `dep` ("kind name" or a table name) to what `obj` depends on,
 * unless it is there already. */
int dbt_object_add_dep(dbt_object *obj, const char *dep);

/* Removes and frees `obj`, one of the schema's objects. */
void dbt_schema_remove_object(dbt_schema *schema, dbt_object *obj);

/* Removes and frees `table` (its indexes stay: they are the schema's) and
 * `index`, one of the schema's tables or indexes. */
void dbt_schema_remove_table(dbt_schema *schema, dbt_table *table);
void dbt_schema_remove_index(dbt_schema *schema, dbt_index *index);

/* The kind's name as deps and messages write it: "schema", "extension",
 * "enum", "type", "domain", "sequence", "function", "procedure", "view",
 * "materialized view", "trigger", "row level security", "policy",
 * "comment", "grant". */
const char *dbt_object_kind_name(dbt_object_kind kind);

/* Adds an index on `table` (a table name, which need not be declared yet). */
int dbt_schema_add_index(dbt_index **out, dbt_schema *schema, const char *name, int quoted,
			 const char *table, int unique);

/* A column of `type` (copied), nullable, without default. */
int dbt_table_add_column(dbt_column **out, dbt_table *table, const char *name, int quoted,
			 const dbt_type *type);

/* Makes an empty primary key; DBT_EEXISTS when the table has one. */
int dbt_table_set_pk(dbt_unique **out, dbt_table *table, const char *name);

int dbt_table_add_unique(dbt_unique **out, dbt_table *table, const char *name);
int dbt_table_add_fk(dbt_fk **out, dbt_table *table, const char *name, const char *ref_table);

/* A CHECK constraint on the expression `expr` (`len` bytes), normalised. */
int dbt_table_add_check(dbt_check **out, dbt_table *table, const char *name, const char *expr,
			size_t len);

/* An exclusion constraint: `def` (`len` bytes) is what follows EXCLUDE,
 * normalised. */
int dbt_table_add_exclude(dbt_exclude **out, dbt_table *table, const char *name, const char *def,
			  size_t len);

/*
 * The canonical text of a partition key ("range ( LogDate )" gives
 * "RANGE (logdate)") and of a partition bound ("for values in ('a','b')"
 * gives "FOR VALUES IN ('a', 'b')", "default" gives "DEFAULT"), as both
 * the model and pg_get_partkeydef/pg_get_expr spell them; caller frees.
 * The lists in parentheses are canonical expressions.  DBT_EPARSE when
 * the text is not of that form (the message names no place), DBT_ERROR
 * when out of memory.
 */
int dbt_partition_key_canon(char **out, const char *text, size_t len);
int dbt_partition_bound_canon(char **out, const char *text, size_t len);

/*
 * Moving objects between schemas, for the parser: a table that becomes a
 * partition hands its columns and constraints (the parent's, as pg_dump
 * repeats them) to `to`, and an index or key that ALTER INDEX ... ATTACH
 * PARTITION makes the parent's goes there too, so that pointers into them
 * stay valid until `to` is freed.  The pk moves among `to`'s uniques.
 * dbt_table_take_contents leaves in `from` the checks whose names
 * `parent` (may be NULL) has none of: the partition's own.
 * dbt_table_take_key, _take_exclude and dbt_schema_take_index return 1
 * when they moved the object, 0 when `from` does not hold it; all return
 * DBT_ERROR when out of memory, having moved nothing.
 */
int dbt_table_take_contents(dbt_table *to, dbt_table *from, const dbt_table *parent);
int dbt_table_take_key(dbt_table *to, dbt_table *from, const dbt_unique *key);
int dbt_table_take_exclude(dbt_table *to, dbt_table *from, const dbt_exclude *x);
int dbt_schema_take_index(dbt_schema *to, dbt_schema *from, const dbt_index *ix);

int dbt_unique_add_column(dbt_unique *key, const char *column);
int dbt_fk_add_column(dbt_fk *fk, const char *column);
int dbt_fk_add_ref_column(dbt_fk *fk, const char *column);

/* Sets the default from the expression `expr` (`len` bytes), normalised;
 * a default of NULL leaves the column without one. */
int dbt_column_set_default(dbt_column *column, const char *expr, size_t len);

int dbt_column_set_collation(dbt_column *column, const char *collation);

/* Makes the column generated from the expression `expr` (`len` bytes),
 * normalised, STORED when `stored` is 1, VIRTUAL otherwise. */
int dbt_column_set_generated(dbt_column *column, const char *expr, size_t len, int stored);

int dbt_index_add_column(dbt_index *index, const char *column, int desc);

/* Adds an expression key (`len` bytes), normalised. */
int dbt_index_add_expr(dbt_index *index, const char *expr, size_t len, int desc);

/* Makes the index partial on `expr` (`len` bytes), normalised. */
int dbt_index_set_where(dbt_index *index, const char *expr, size_t len);

/* Removes column `i` of `table` (less than its ncolumns) and frees it;
 * what names the column elsewhere is the caller's to remove first. */
void dbt_table_remove_column(dbt_table *table, size_t i);

/* Removes CHECK constraint `i` of `table` (less than its nchecks) and frees it. */
void dbt_table_remove_check(dbt_table *table, size_t i);

/* --------------------------------------------------------------- lookups */

/* Exact (case-sensitive) lookups of folded names; NULL when absent. */
dbt_table *dbt_schema_find_table(const dbt_schema *schema, const char *name);
dbt_index *dbt_schema_find_index(const dbt_schema *schema, const char *name);
dbt_object *dbt_schema_find_object(const dbt_schema *schema, dbt_object_kind kind,
				   const char *name);
dbt_column *dbt_table_find_column(const dbt_table *table, const char *name);

/* ---------------------------------------------------------- normalising */

/*
 * Canonical text of a SQL expression (`len` bytes), in `out`, caller
 * frees: comments dropped; tokens separated by exactly one space except
 * around ( ) [ ] . :: and after a unary sign, and none before a comma;
 * keywords (dbt_sql_keyword) upper-case and other unquoted words lower-case;
 * a quoted identifier that needs no quotes unquoted; a type after :: or
 * CAST's AS spelled canonically; redundant outer parentheses removed.
 * So "( lower( Email ) )" becomes "lower(email)" and
 * "price>=0 and X is not null" becomes "price >= 0 AND x IS NOT NULL".
 * DBT_EPARSE (naming the expression) when the text does not tokenize or
 * holds no token.
 */
int dbt_schema_normalize_expr(char **out, const char *expr, size_t len);

/*
 * The normalisation of a table that needs no source: makes primary-key
 * columns NOT NULL and drops unique constraints that repeat the primary
 * key or an earlier unique constraint (as PostgreSQL does, the kept
 * constraint takes a user-given name of the dropped one when it has none).
 */
void dbt_table_normalize(dbt_table *table);

/*
 * 1 when `c` is SQLite's rowid alias in `table`: the sole primary-key
 * column, its type spelled exactly INTEGER, of a table that is not
 * WITHOUT ROWID.  Such a column never holds NULL; SQLite's other
 * primary-key columns hold NULL unless declared NOT NULL, or unless the
 * table is STRICT or WITHOUT ROWID, whose keys never hold NULL.
 */
int dbt_table_is_rowid_alias(const dbt_table *table, const dbt_column *c);

/*
 * What SQLite enforces of a table's primary key: undoes the NOT NULL that
 * dbt_table_normalize implied on every primary-key column but the rowid
 * alias, which it makes NOT NULL; a STRICT or WITHOUT ROWID table keeps
 * it on every key column.
 */
void dbt_table_sqlite_pk_nulls(dbt_table *table);

/*
 * Names every unnamed constraint and index as PostgreSQL would:
 * "<table>_pkey", "<table>_<columns>_key", "<table>_<columns>_fkey",
 * "<table>_<column>_check" (or "<table>_check" when the expression uses
 * other than one column), "<table>_<columns>_excl" (the columns of the
 * exclusion's "column WITH operator" elements), "<table>_<columns or
 * expressions>_idx", cut to
 * 63 bytes, with a number added to the suffix when the name is taken.
 * Table, index and key names are one name space, constraint names
 * another; names are compared ignoring ASCII case, as SQLite does.
 */
int dbt_schema_name_auto(dbt_schema *schema);

#endif
