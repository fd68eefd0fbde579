/* svcfile.h - service lists as files: reading a CSV/TSV service list (trapp's
 * own columns or a Tromsø-style sheet: Tiltak, Hva er dette?, Alder,
 * Målgruppe, Nivå, Ansvar) into validated service records, and writing a
 * catalogue back in exactly the columns the reader accepts. */
#ifndef TRAPP_SVCFILE_H
#define TRAPP_SVCFILE_H

#include "trapp/catalog.h"
#include "trapp/csvin.h"
#include "trapp/diag.h"

#include <stdio.h>

enum svc_col {
	SC_ID, SC_NAME, SC_DESCRIPTION, SC_AGE, SC_AGE_RANGES, SC_AGE_BASIS, SC_TARGET_GROUP,
	SC_TARGET, SC_LEVEL_TEXT, SC_LEVELS, SC_NEEDS, SC_RESPONSIBLE, SC_CATEGORY,
	SC_ORGANISATION, SC_COOPERATION, SC_IMPLEMENTATION, SC_EVALUATION, SC_ADDRESS,
	SC_OPENING_HOURS, SC_SOURCE, SC_ALIASES, SC_NOTES, SC_COUNT
};
extern const char *const svc_col_names[SC_COUNT];
/* The export's last column: "1" on every row of a historical catalogue
 * (Tromsø 2011). The reader accepts and ignores it. */
#define SVC_HISTORICAL_COL "historical"

struct svc_list {
	struct service *v;
	long *line;       /* source line of each record */
	unsigned char *id_given;  /* 1 when the record's id came from the file */
	size_t n;
	int have[SC_COUNT];       /* columns the header names */
};
void svc_list_free(struct svc_list *l);

/* What the reader validates against: the target kommune's levels and the
 * need codes. */
struct svc_context {
	const struct level *levels;
	size_t n_levels;
	const struct need *needs;
	size_t n_needs;
};

/* Read a service list. Every problem goes to d (errors and warnings, each
 * with line and column). Returns 0 when the file could be read as CSV at all
 * (check d->errors), -1 when not (one error in d). */
int svcfile_read(const char *buf, size_t len, const struct csvin_opts *o,
		 const struct svc_context *ctx, struct svc_list *out, struct diag *d,
		 struct csvin_info *info);

/* The cells of one service in svc_col_names order, as svcfile_write writes
 * them (before escaping). ranges receives the text of age_ranges, which
 * v[SC_AGE_RANGES] points into; free it after use. */
void svcfile_values(const struct service *s, const char *v[SC_COUNT], struct strbuf *ranges);

/* Write services (indices into c->svc, or all when idx is NULL) with the
 * svc_col_names header.
 *
 * Plain (excel = 0): comma, LF, UTF-8 without BOM, values verbatim, so that
 * svcfile_read gives back exactly the same services. Excel (excel = 1):
 * UTF-8 with BOM, semicolon, CRLF, and every cell that a spreadsheet would
 * run as a formula (starting with = + - @ TAB CR) gets a leading apostrophe.
 *
 * Both modes stay reversible: a value that already starts with apostrophes
 * followed by a formula character gets one more, and svcfile_read removes
 * exactly one apostrophe from every such cell. */
void svcfile_write(FILE *fp, const struct catalog *c, const size_t *idx, size_t n, int excel);

#endif
