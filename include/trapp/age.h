/* age.h - the age rules: turning a service's age text ("13 - 20 år",
 * "0 - 18 (25) år", "Over 18 år", "Gravide, barn 0 - 6 år ...") into age
 * ranges, formatting ranges as "0-6;18-20", and matching an age. */
#ifndef TRAPP_AGE_H
#define TRAPP_AGE_H

#include "trapp/catalog_record.h"

#define AGE_MAX 120
#define AGE_MAX_RANGES 8


struct age_range {
	int lo, hi;
};

struct age_set {
	int n;
	struct age_range r[AGE_MAX_RANGES];
	const char *target_hint; /* "gravide", "ansatte", "familie", "alle" or NULL */
};

/* Parse an age text under the rules. Returns 0 when the text was
 * recognised (out->n may still be 0, e.g. "Ansatte"), -1 when not. */
int age_parse(const char *text, struct age_set *out);
/* Parse "A-B;C-D" (the curated/exported form). 0 or -1. */
int age_ranges_parse(const char *s, struct age_set *out);
/* Append "A-B;C-D" for the set. */
struct strbuf;
void age_ranges_format(struct strbuf *sb, const struct age_set *set);
/* 1 when a service with these ranges and basis matches age a. */
int age_match(const struct age_set *set, enum age_basis basis, int a);

/* enum age_basis and its codes: catalog_record.h. */

#endif
