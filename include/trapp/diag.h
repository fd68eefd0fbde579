/* diag.h - collected problems in an input file, each reported as
 * "FILE:LINE: column: message" so a user can find and fix every one. */
#ifndef TRAPP_DIAG_H
#define TRAPP_DIAG_H

#include "trapp/util.h"

#include <stdio.h>

struct diag {
	const char *file;
	struct strvec msgs;
	int errors, warnings;
};

enum diag_sev { DIAG_ERROR, DIAG_WARNING };

/* column may be NULL. */
void diag_add(struct diag *d, enum diag_sev sev, long line, const char *column,
	      const char *fmt, ...) __attribute__((format(printf, 5, 6)));
void diag_print(const struct diag *d, FILE *fp);
void diag_free(struct diag *d);

#endif
