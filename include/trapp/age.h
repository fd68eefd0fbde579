/* age.h - the age rules: turning a service's age text ("13 - 20 år",
 * "0 - 18 (25) år", "Over 18 år", "Gravide, barn 0 - 6 år ...") into age
 * ranges, formatting ranges as "0-6;18-20", and matching an age. */
#ifndef TRAPP_AGE_H
#define TRAPP_AGE_H

#define AGE_MAX 120
#define AGE_MAX_RANGES 8

/* Where a service's ranges come from. */
enum age_basis {
	AGE_STATED,   /* parsed from the age text */
	AGE_TEXT,     /* curated from the service's other text */
	AGE_INFERRED, /* judged from target group; marked everywhere */
	AGE_UNKNOWN,  /* no age: matches every age, marked everywhere */
};

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

const char *age_basis_code(enum age_basis b);
/* "" and "stated" → AGE_STATED; returns -1 for an unknown code. */
int age_basis_parse(const char *code, enum age_basis *out);

#endif
