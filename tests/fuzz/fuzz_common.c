/*
 * fuzz_common.c - the helpers of fuzz.h, linked into every harness.
 */
#include "fuzz.h"

#include "dbtool.h"

#include <string.h>

static int message_checks(void)
{
	static int state = -1;

	if (state < 0) {
		const char *skip = getenv("DBTOOL_FUZZ_SKIP_MESSAGE_CHECKS");

		state = !(skip && !strcmp(skip, "1"));
	}
	return state;
}

void fuzz_check_message(int rc, const char *prefix)
{
	const char *msg = dbt_error_last();

	FUZZ_CHECK(msg != NULL, "failure %d without a message", rc);
	if (!message_checks())
		return;
	FUZZ_CHECK(*msg, "failure %d with an empty message", rc);
	FUZZ_CHECK(!strchr(msg, '\n'), "the message of failure %d is not one line: '%s'", rc, msg);
	if (rc == DBT_EPARSE && prefix)
		FUZZ_CHECK(!strncmp(msg, prefix, strlen(prefix)),
			   "the message does not start with '%s': '%s'", prefix, msg);
}
