/*
 * embed.c - a program that brings its database up to date at start-up
 * through libdbtool, as an application embedding dbtool would.
 *
 *   cc embed.c $(pkg-config --cflags --libs dbtool) -o embed
 *   ./embed [PROJECT_DIR]
 *
 * Reads PROJECT_DIR/dbtool.ini (default: the current folder), connects to
 * DATABASE_URL or the config's url (a relative SQLite path there being
 * relative to PROJECT_DIR, as for the dbtool command), with the config's
 * settings (version_schema, statement_lock_timeout, ...), applies every
 * revision up to head, and
 * prints each step and the revision it ends at.  Exits 1, with dbtool's
 * one-line message, when anything fails; a failed revision is rolled back.
 */
#include <dbtool.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void on_step(const dbt_step *step, void *arg)
{
	(void)arg;
	printf("embed: applied %s (%s) in %.1f ms\n", step->rev->id, step->rev->message, step->ms);
}

int main(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : ".";
	char ini[4096], versions[4096];
	dbt_config cfg;
	dbt_chain chain;
	dbt_url url;
	dbt_conn *conn = NULL;
	dbt_run_opts opts = DBT_RUN_OPTS_INIT;
	char *current = NULL;
	int status = 1;

	printf("embed: libdbtool %s (built against %s)\n", dbt_version(), DBT_VERSION_STRING);
	snprintf(ini, sizeof(ini), "%s/dbtool.ini", dir);
	if (dbt_config_load(&cfg, ini, 0) < 0) {
		fprintf(stderr, "embed: %s\n", dbt_error_last());
		return 1;
	}
	memset(&chain, 0, sizeof(chain));
	memset(&url, 0, sizeof(url));
	snprintf(versions, sizeof(versions), "%s/versions", cfg.script_location);
	/* The database the dbtool command would open with -c PROJECT_DIR/dbtool.ini. */
	if (dbt_chain_load(&chain, versions, 0) < 0 || dbt_config_url(&url, &cfg, NULL) < 0 ||
	    dbt_conn_open(&conn, &url) < 0 || dbt_config_apply(conn, &cfg, NULL, -1) < 0)
		goto fail;
	opts.on_step = on_step;
	if (dbt_run_upgrade(conn, &chain, "head", &opts) < 0 ||
	    dbt_conn_current(&current, conn) < 0)
		goto fail;
	printf("embed: the database is at %s\n", current && *current ? current : "base");
	status = 0;
	goto done;
fail:
	fprintf(stderr, "embed: migration failed: %s\n", dbt_error_last());
done:
	free(current);
	if (conn)
		dbt_conn_close(conn);
	dbt_url_release(&url);
	dbt_chain_release(&chain);
	dbt_config_release(&cfg);
	return status;
}
