/*
 * suggest.c - "did you mean ...?" for a mistyped command or option.
 */
#include "cmd.h"

#include <stdlib.h>
#include <string.h>

/* The edit distance of `a` and `b` (insert, delete, substitute, swap of
 * two neighbours), capped at 9: more is as good as no match. */
static size_t distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), i, j;
	size_t d[34][34];

	if (la > 32 || lb > 32)
		return 9;
	for (i = 0; i <= la; i++)
		d[i][0] = i;
	for (j = 0; j <= lb; j++)
		d[0][j] = j;
	for (i = 1; i <= la; i++) {
		for (j = 1; j <= lb; j++) {
			size_t best = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);

			if (d[i - 1][j] + 1 < best)
				best = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < best)
				best = d[i][j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
			    d[i - 2][j - 2] + 1 < best)
				best = d[i - 2][j - 2] + 1;
			d[i][j] = best;
		}
	}
	return d[la][lb] > 9 ? 9 : d[la][lb];
}

const char *cmd_suggest(const char *word, const char *const *cands, size_t n)
{
	const char *best = NULL, *prefixed = NULL;
	size_t i, best_d = 9, len = strlen(word), nprefixed = 0;

	for (i = 0; i < n; i++) {
		size_t d = distance(word, cands[i]);

		if (d < best_d) {
			best_d = d;
			best = cands[i];
		}
		if (len >= 3 && !strncmp(cands[i], word, len)) {
			prefixed = cands[i];
			nprefixed++;
		}
	}
	/* one or two edits, and fewer than half the word's letters */
	if (best && best_d <= 2 && best_d * 2 < len)
		return best;
	return nprefixed == 1 ? prefixed : NULL;
}
