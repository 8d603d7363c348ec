/*
 * fuzz_config.c - libFuzzer harness for the config file reader
 * (dbt_config_load in dbtool.h), and for the URL parser on the url it
 * yields.
 *
 * dbt_config_load reads a file, so each input is written to one file in
 * a folder made at start-up under $TMPDIR (or /tmp) and removed at exit.
 * A failure must be a parse error naming that file, with a one-line
 * message and the config left empty; a success must give the defaults
 * or the values made absolute against the file's folder, as dbtool.h
 * says.  A few environment variables are set for ${VAR} to expand.
 */
#include "fuzz.h"

#include "dbtool.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

static char dir[4096];
static char path[4200];
static char prefix[4300];

static void remove_files(void)
{
	unlink(path);
	rmdir(dir);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *tmp = getenv("TMPDIR");

	(void)argc;
	(void)argv;
	if (!tmp || !*tmp)
		tmp = "/tmp";
	snprintf(dir, sizeof(dir), "%s/dbtool-fuzz-config.XXXXXX", tmp);
	FUZZ_CHECK(mkdtemp(dir), "cannot make a folder in '%s': %s", tmp, strerror(errno));
	snprintf(path, sizeof(path), "%s/dbtool.ini", dir);
	snprintf(prefix, sizeof(prefix), "%s:", path);
	atexit(remove_files);

	/* The url a config may take from the environment is not wanted here:
	 * dbt_config_pick_url must return the file's. */
	unsetenv("DATABASE_URL");
	setenv("DBTOOL_FUZZ_URL", "postgresql://fuzz:s3cret@localhost/fuzz", 1);
	setenv("DBTOOL_FUZZ_DIR", "sub/dir", 1);
	setenv("DBTOOL_FUZZ_EMPTY", "", 1);
	setenv("DBTOOL_FUZZ_DOLLAR", "$${x}", 1);
	return 0;
}

static void write_input(const uint8_t *data, size_t size)
{
	size_t done = 0;
	int fd;

	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	FUZZ_CHECK(fd >= 0, "cannot write '%s': %s", path, strerror(errno));
	while (done < size) {
		ssize_t n = write(fd, data + done, size - done);

		FUZZ_CHECK(n > 0, "cannot write '%s': %s", path, strerror(errno));
		done += (size_t)n;
	}
	FUZZ_CHECK(close(fd) == 0, "cannot write '%s': %s", path, strerror(errno));
}

/*
 * A value left NULL because its ${VAR} is not set: using it must fail
 * with a one-line message naming the file; a value that is set must be
 * usable.
 */
static int check_need(const dbt_config *cfg, const void *value, const char *key)
{
	int rc = dbt_config_need(cfg, key);

	if (value) {
		FUZZ_CHECK(rc == 0, "%s is set but dbt_config_need fails: %d", key, rc);
		return 1;
	}
	FUZZ_CHECK(rc == DBT_EPARSE, "%s is NULL but dbt_config_need returned %d", key, rc);
	fuzz_check_message(rc, prefix);
	return 0;
}

/* A path the config made absolute against the file's folder. */
static void check_path(const dbt_config *cfg, const char *value, const char *key)
{
	if (!check_need(cfg, value, key))
		return;
	FUZZ_CHECK(value[0] == '/', "%s '%s' is not absolute (the config file is '%s')", key, value,
		   path);
}

/*
 * The model: a file made absolute, or, when model_command is in the file,
 * the name "model_command" its errors carry, the command itself non-empty
 * or left NULL by an unset ${VAR} (which dbt_config_need then reports).
 */
static void check_model(const dbt_config *cfg)
{
	if (!cfg->model || strcmp(cfg->model, "model_command") != 0) {
		FUZZ_CHECK(!cfg->model_command, "model_command '%s' is set beside the model '%s'",
			   cfg->model_command, cfg->model ? cfg->model : "(null)");
		check_path(cfg, cfg->model, "model");
		return;
	}
	if (check_need(cfg, cfg->model_command, "model_command"))
		FUZZ_CHECK(*cfg->model_command, "an empty model_command");
}

static void check_url(const dbt_config *cfg)
{
	const char *text = dbt_config_pick_url(cfg, NULL);
	dbt_url url;
	int rc;

	if (!cfg->url) {
		FUZZ_CHECK(!text, "a url is picked from a config without one");
		return;
	}
	FUZZ_CHECK(text == cfg->url, "the picked url is not the config's");
	rc = dbt_url_parse(&url, text);
	if (rc < 0) {
		fuzz_check_message(rc, NULL);
		return;
	}
	dbt_url_release(&url);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	dbt_config cfg;
	int rc;

	write_input(data, size);
	rc = dbt_config_load(&cfg, path, 0);
	if (rc < 0) {
		FUZZ_CHECK(rc == DBT_EPARSE || rc == DBT_ERROR, "dbt_config_load returned %d", rc);
		FUZZ_CHECK(!cfg.path && !cfg.dir && !cfg.url && !cfg.script_location &&
				   !cfg.model && !cfg.model_command && !cfg.schema,
			   "the config holds memory after a failure");
		fuzz_check_message(rc, prefix);
		return 0;
	}
	FUZZ_CHECK(rc == 0, "dbt_config_load returned %d", rc);
	FUZZ_CHECK(cfg.path && !strcmp(cfg.path, path), "the path is not kept");
	FUZZ_CHECK(cfg.dir && !strcmp(cfg.dir, dir), "the folder '%s' is not the file's",
		   cfg.dir ? cfg.dir : "(null)");
	FUZZ_CHECK(!cfg.url || *cfg.url, "an empty url is kept instead of none");
	check_path(&cfg, cfg.script_location, "script_location");
	check_model(&cfg);
	if (check_need(&cfg, cfg.schema, "schema"))
		FUZZ_CHECK(*cfg.schema, "an empty schema");
	check_url(&cfg);
	dbt_config_release(&cfg);
	return 0;
}
