/* curation.h - what the catalogue's curators judged rather than copied, and
 * why: the notes of a service ("key: reason" lines, keys `level`, `age`,
 * `target` and `need CODE`; see data/FORMAT.md), its other spellings in the
 * source, and the rule for services for staff or adults against a child's
 * age. The detail screen and `trapp service` show these the same way. */
#ifndef TRAPP_CURATION_H
#define TRAPP_CURATION_H

#include "trapp/catalog.h"
#include "trapp/util.h"

/* Ages from this one up are adults for the staff/adult rule. */
#define CURATION_ADULT_AGE 18

/* The reason recorded for key ("level", "age", "target", "need rus"), a
 * new string, or NULL when the notes have none. */
char *curation_note(const struct service *s, const char *key);

/* 1 when the level / target was inferred (the notes give the reason);
 * age: the ranges were inferred (age_basis inferred). */
int curation_level_inferred(const struct service *s);
int curation_target_inferred(const struct service *s);

/* 1 for a service for staff or adults (target ansatte or voksne). */
int curation_for_adults(const char *target);

/* The staff/adult rule in words for the detail: whether the service comes
 * up for a child's age (only when the source gives it ages that reach the
 * child: inferred ranges do not count), and why. Empty for other targets. */
void curation_child_age(struct strbuf *sb, const struct service *s);

/* Label/value pairs for the detail: every note with a label in bokmål
 * ("Nivå utledet", "Behov: Rus" ...) and the aliases. */
void curation_rows(struct strvec *labels, struct strvec *values, const struct catalog *c,
		   const struct service *s);

#endif
