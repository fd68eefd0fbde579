/* diag.c - collecting and printing input-file problems. */
#include "trapp/diag.h"

#include <stdio.h>

void diag_add(struct diag *d, enum diag_sev sev, long line, const char *column,
	      const char *fmt, ...)
{
	struct strbuf sb = {0};
	sb_printf(&sb, "%s:%ld: ", d->file ? d->file : "-", line);
	if (column)
		sb_printf(&sb, "%s: ", column);
	if (sev == DIAG_WARNING)
		sb_puts(&sb, "advarsel: ");
	va_list ap;
	va_start(ap, fmt);
	sb_vprintf(&sb, fmt, ap);
	va_end(ap);
	sv_push_owned(&d->msgs, sb_steal(&sb));
	if (sev == DIAG_ERROR)
		d->errors++;
	else
		d->warnings++;
}

void diag_print(const struct diag *d, FILE *fp)
{
	for (size_t i = 0; i < d->msgs.n; i++)
		fprintf(fp, "%s\n", d->msgs.v[i]);
}

void diag_free(struct diag *d)
{
	sv_free(&d->msgs);
	d->errors = d->warnings = 0;
}
