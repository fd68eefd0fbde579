/* curation.c - reading a service's curation notes and aliases, and the
 * rule that a service for staff or adults matches a child's age only when
 * its own age ranges say it also reaches the child. See curation.h. */
#include "trapp/curation.h"

#include <stdlib.h>
#include <string.h>

char *curation_note(const struct service *s, const char *key)
{
	size_t klen = strlen(key);
	for (const char *p = s->notes; p && *p;) {
		const char *end = strchr(p, '\n');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		if (len > klen && strncmp(p, key, klen) == 0 && p[klen] == ':') {
			const char *v = p + klen + 1;
			while (*v == ' ')
				v++;
			return xstrndup(v, len - (size_t)(v - p));
		}
		p = end ? end + 1 : p + len;
	}
	return NULL;
}

static int has_note(const struct service *s, const char *key)
{
	char *n = curation_note(s, key);
	if (!n)
		return 0;
	free(n);
	return 1;
}

int curation_level_inferred(const struct service *s) { return has_note(s, "level"); }
int curation_target_inferred(const struct service *s) { return has_note(s, "target"); }

int curation_for_adults(const char *target)
{
	return target && (strcmp(target, "ansatte") == 0 || strcmp(target, "voksne") == 0);
}

void curation_child_age(struct strbuf *sb, const struct service *s)
{
	if (!curation_for_adults(s->target))
		return;
	const char *who = strcmp(s->target, "ansatte") == 0 ? "ansatte" : "voksne";
	if (s->ages.n == 0) {
		sb_printf(sb, "nei – en tjeneste for %s uten alder for barnet; den vises ikke når det "
			  "filtreres på et barns alder", who);
		return;
	}
	if (s->age_basis == AGE_INFERRED) {
		sb_printf(sb, "nei – en tjeneste for %s; alderen er anslått, ikke oppgitt i kilden, så den "
			  "vises ikke når det filtreres på et barns alder", who);
		return;
	}
	if (s->ages.r[0].lo >= CURATION_ADULT_AGE) {
		sb_printf(sb, "nei – for %s fra %d år", who, s->ages.r[0].lo);
		return;
	}
	struct strbuf ages = {0};
	service_age_display(&ages, s);
	sb_printf(sb, "ja, %s år – en tjeneste for %s som også når barn og unge i denne alderen", sb_str(&ages),
		  who);
	sb_free(&ages);
}

static void push(struct strvec *labels, struct strvec *values, const char *label, char *value)
{
	sv_push(labels, label);
	sv_push_owned(values, value);
}

void curation_rows(struct strvec *labels, struct strvec *values, const struct catalog *c,
		   const struct service *s)
{
	static const struct {
		const char *key, *label;
	} fixed[] = {
		{"level", "Nivå utledet"}, {"age", "Alder utledet"}, {"target", "Målgruppe utledet"},
	};
	for (size_t i = 0; i < ARRAY_LEN(fixed); i++) {
		char *n = curation_note(s, fixed[i].key);
		if (n)
			push(labels, values, fixed[i].label, n);
	}
	for (size_t i = 0; i < c->n_needs; i++) {
		char *key = xasprintf("need %s", c->needs[i].code);
		char *n = curation_note(s, key);
		if (n) {
			char *label = xasprintf("Behov %s", c->needs[i].label);
			push(labels, values, label, n);
			free(label);
		}
		free(key);
	}
	if (s->aliases && *s->aliases) {
		struct strvec sv = {0};
		sv_split(&sv, s->aliases, ';');
		char *joined = sv_join(&sv, " · ");
		push(labels, values, "Også skrevet", joined);
		sv_free(&sv);
	}
}
