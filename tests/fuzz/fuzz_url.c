/*
 * fuzz_url.c - libFuzzer harness for the database URL parser
 * (dbt_url_parse and dbt_url_redact in dbtool.h).
 *
 * Every input, cut at its first NUL byte, is parsed as a URL.  A failure
 * must be a parse error with a one-line message and the URL left empty.
 * A success must give a URL of a known dialect whose redacted form hides
 * the password and parses back to the same URL, the password (and any
 * "password" query parameter) then reading "***": messages print URLs
 * only in that form, so it must name the same database.
 */
#include "fuzz.h"

#include "dbtool.h"

#include <string.h>
#include <strings.h>

static int same(const char *a, const char *b)
{
	if (!a || !b)
		return a == b;
	return !strcmp(a, b);
}

/* What the redacted URL shows of parameter `i` of `url`. */
static const char *shown_value(const dbt_url *url, size_t i)
{
	return strcasecmp(url->keys[i], "password") ? url->values[i] : "***";
}

static void check_redacted(const dbt_url *url)
{
	dbt_url back;
	char *text;
	size_t i;
	int rc;

	text = dbt_url_redact(url);
	FUZZ_CHECK(text, "dbt_url_redact returned NULL");
	rc = dbt_url_parse(&back, text);
	FUZZ_CHECK(rc == 0, "the redacted url '%s' does not parse: %s", text, dbt_error_last());
	FUZZ_CHECK(back.kind == url->kind, "the redacted url '%s' changes the dialect", text);
	FUZZ_CHECK(same(back.scheme, url->scheme), "the redacted url '%s' changes the scheme",
		   text);
	FUZZ_CHECK(same(back.user, url->user), "the redacted url '%s' changes the user", text);
	FUZZ_CHECK(same(back.password, url->password ? "***" : NULL),
		   "the redacted url '%s' does not hide the password as '***'", text);
	FUZZ_CHECK(same(back.host, url->host), "the redacted url '%s' changes the host", text);
	FUZZ_CHECK(same(back.port, url->port), "the redacted url '%s' changes the port", text);
	FUZZ_CHECK(same(back.database, url->database), "the redacted url '%s' changes the database",
		   text);
	FUZZ_CHECK(back.nparams == url->nparams,
		   "the redacted url '%s' has %zu parameters, not %zu", text, back.nparams,
		   url->nparams);
	for (i = 0; i < url->nparams; i++) {
		FUZZ_CHECK(same(back.keys[i], url->keys[i]),
			   "the redacted url '%s' changes the name of parameter %zu", text, i);
		FUZZ_CHECK(same(back.values[i], shown_value(url, i)),
			   "the redacted url '%s' changes the value of parameter '%s'", text,
			   url->keys[i]);
	}
	dbt_url_release(&back);
	free(text);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	dbt_url url;
	char *text;
	int rc;

	text = malloc(size + 1);
	FUZZ_CHECK(text, "out of memory");
	memcpy(text, data, size);
	text[size] = '\0';

	rc = dbt_url_parse(&url, text);
	if (rc < 0) {
		FUZZ_CHECK(rc == DBT_EPARSE || rc == DBT_ERROR, "dbt_url_parse returned %d", rc);
		FUZZ_CHECK(!url.scheme && !url.user && !url.password && !url.host && !url.port &&
				   !url.database && !url.nparams && !url.keys && !url.values,
			   "the url holds memory after a failure");
		fuzz_check_message(rc, NULL);
		goto cleanup;
	}
	FUZZ_CHECK(rc == 0, "dbt_url_parse returned %d", rc);
	FUZZ_CHECK(url.kind == DBT_DIALECT_SQLITE || url.kind == DBT_DIALECT_POSTGRES ||
			   url.kind == DBT_DIALECT_MYSQL,
		   "unknown dialect %d", (int)url.kind);
	FUZZ_CHECK(url.scheme, "no scheme");
	FUZZ_CHECK(!url.nparams || (url.keys && url.values), "parameters without arrays");
	check_redacted(&url);
	dbt_url_release(&url);
cleanup:
	free(text);
	return 0;
}
