/* diag.h - collected problems in an input file, each reported as
 * "FILE:LINE: column: message" so a user can find and fix every one. */
#ifndef TRAPP_DIAG_H
#define TRAPP_DIAG_H

#include "trapp/util.h"

#include <stdio.h>

/* At most this many messages are kept; the rest are counted (a file with
 * 100 000 unknown columns gives 20 lines and a summary, not 100 000). */
#define DIAG_MAX_MSGS 20

struct diag {
	const char *file;
	struct strvec msgs;
	int errors, warnings;
	int dropped;             /* messages beyond DIAG_MAX_MSGS */
};

enum diag_sev { DIAG_ERROR, DIAG_WARNING };

/* column may be NULL. */
void diag_add(struct diag *d, enum diag_sev sev, long line, const char *column,
	      const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* The kept messages, then "... og N flere" when some were dropped. */
void diag_print(const struct diag *d, FILE *fp);
void diag_free(struct diag *d);

#endif
