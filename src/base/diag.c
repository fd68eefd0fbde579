/* diag.c - collecting and printing input-file problems. */
#include "trapp/diag.h"

#include <stdio.h>

void diag_add(struct diag *d, enum diag_sev sev, long line, const char *column,
	      const char *fmt, ...)
{
	if (sev == DIAG_ERROR)
		d->errors++;
	else
		d->warnings++;
	if (d->msgs.n >= DIAG_MAX_MSGS) {
		d->dropped++;
		return;
	}
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
}

void diag_print(const struct diag *d, FILE *fp)
{
	for (size_t i = 0; i < d->msgs.n; i++)
		fprintf(fp, "%s\n", d->msgs.v[i]);
	if (d->dropped)
		fprintf(fp, "%s: ... og %d flere meldinger av samme slag (%d feil og %d advarsler i alt)\n",
			d->file ? d->file : "-", d->dropped, d->errors, d->warnings);
}

void diag_free(struct diag *d)
{
	sv_free(&d->msgs);
	d->errors = d->warnings = d->dropped = 0;
}
