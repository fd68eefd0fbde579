/* plan_mask.h - what a projected screen or a masked export may show of a
 * plan. Every value of a plan has a field kind; one function turns a value
 * of a kind into what may be shown. Masked, the child is one set of
 * initials ("S.T.") or a word the user chose ("Barnet"); other persons are
 * initials; a birth date and contact details are dropped (the age stays);
 * and inside free text every name of every person in the plan (any case,
 * genitive -s / -es / -'s, hyphenated parts, first name or surname alone),
 * dates, phone numbers, e-mail addresses, fødselsnummer, street addresses
 * and postcodes with place are each replaced by one visible marker, so the
 * text still reads as a sentence. Unmasked (no masker), values pass as they
 * are. */
#ifndef TRAPP_PLAN_MASK_H
#define TRAPP_PLAN_MASK_H

#include "trapp/plan.h"

enum plan_field_kind {
	PF_CHILD,    /* the child's name */
	PF_PERSON,   /* another person's name */
	PF_BORN,     /* a birth date or year */
	PF_CONTACT,  /* phone, e-mail, address of a person */
	PF_TEXT,     /* free text written by people */
	PF_DATE,     /* a date of the plan's own (a due date, a meeting) */
	PF_CODE,     /* an id or code (service slug, plan number) */
	PF_LABEL,    /* trapp's own words (a status, a level, an age) */
};

struct plan_masker;

/* A masker for plan p (which must outlive it). child_word: what the child
 * is called when masked; NULL or "" for the initials. */
struct plan_masker *plan_masker_new(const struct plan *p, const char *child_word);
void plan_masker_free(struct plan_masker *m);

/* value as it may be shown; m NULL: a copy of value. Caller frees; "" for
 * a value that is hidden completely. */
char *plan_field_show(const struct plan_masker *m, enum plan_field_kind kind, const char *value);

/* Free text with every secret replaced by its marker (see above). */
char *plan_mask_text(const struct plan_masker *m, const char *s);

/* One set of initials: the first letters of the first and the last part
 * of the name ("Ola van der Testesen-Li" -> "O.T."); "Barn" when there is
 * no letter. Caller frees. */
char *plan_mask_initials(const char *name);

#endif
