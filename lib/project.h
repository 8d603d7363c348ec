/*
 * project.h - the migrations template compiled into the library.
 *
 * tools/embed.c turns the files of migrations-template/ into a generated
 * C file that defines these two symbols at build time, so that
 * `dbtool init` works the same from the build tree and once installed.
 */
#ifndef DBT_PROJECT_H
#define DBT_PROJECT_H

#include <stddef.h>

struct dbt_template_file {
	const char *name; /* the file's base name, e.g. "script.sql.tmpl" */
	const char *data; /* its bytes, followed by a NUL */
	size_t size;	  /* the number of bytes, without that NUL */
};

extern const struct dbt_template_file dbt_template_files[];
extern const size_t dbt_template_nfiles;

#endif
