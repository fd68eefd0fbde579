/* catalog_record.c - the catalogue as the store keeps it and the model
 * reads it: the record free functions (a level, a service, a catalogue's
 * records) and the code lists storage writes and parses (prevention levels,
 * where a service's ages come from). Below the store and the model, so
 * storage calls no model function; the filters, sorting and the search
 * index over these records are the model's (catalog.c, search.c). */
#include "trapp/catalog.h"
#include "trapp/catalog_record.h"
#include "trapp/util.h"

#include <stdlib.h>
#include <string.h>

static const char *const prev_codes[PREV_COUNT] = {"universelt", "selektivt", "indikert"};
static const char *const prev_labels[PREV_COUNT] = {"Universelt", "Selektivt", "Indikert"};

void level_free(struct level *l)
{
	free(l->code);
	free(l->name);
	free(l->subtitle);
	free(l->goal);
	free(l->commitments);
	free(l->access);
	free(l->description);
	free(l->source);
}

const char *level_prevention_code(int i) { return prev_codes[i]; }
const char *level_prevention_label(int i) { return prev_labels[i]; }

int level_prevention_parse(const char *codes, unsigned *mask, char **bad)
{
	struct strvec sv = {0};
	sv_split(&sv, codes, ';');
	*mask = 0;
	for (size_t i = 0; i < sv.n; i++) {
		unsigned m = 0;
		for (int p = 0; p < PREV_COUNT; p++)
			if (strcmp(sv.v[i], prev_codes[p]) == 0)
				m = 1u << p;
		if (!m) {
			if (bad)
				*bad = xstrdup(sv.v[i]);
			sv_free(&sv);
			return -1;
		}
		*mask |= m;
	}
	sv_free(&sv);
	return 0;
}

static const char *const basis_codes[] = {"stated", "text", "inferred", "unknown"};

const char *age_basis_code(enum age_basis b) { return basis_codes[b]; }

int age_basis_parse(const char *code, enum age_basis *out)
{
	if (str_empty(code)) {
		*out = AGE_STATED;
		return 0;
	}
	for (size_t i = 0; i < ARRAY_LEN(basis_codes); i++)
		if (strcmp(code, basis_codes[i]) == 0) {
			*out = (enum age_basis)i;
			return 0;
		}
	return -1;
}

void service_free(struct service *s)
{
	char **fields[] = {&s->slug, &s->name, &s->description, &s->age_text,
			   &s->target_group, &s->target, &s->level_text, &s->responsible,
			   &s->category, &s->organisation, &s->cooperation, &s->implementation,
			   &s->evaluation, &s->address, &s->opening_hours, &s->source,
			   &s->level_codes, &s->need_codes, &s->aliases, &s->notes};
	for (size_t i = 0; i < ARRAY_LEN(fields); i++) {
		free(*fields[i]);
		*fields[i] = NULL;
	}
}

void catalog_record_free(struct catalog *c)
{
	free(c->kommune.code);
	free(c->kommune.name);
	free(c->kommune.level_model);
	free(c->kommune.source);
	for (size_t i = 0; i < c->n_levels; i++)
		level_free(&c->levels[i]);
	free(c->levels);
	for (size_t i = 0; i < c->n_needs; i++) {
		free(c->needs[i].code);
		free(c->needs[i].label);
		free(c->needs[i].description);
	}
	free(c->needs);
	for (size_t i = 0; i < c->n_svc; i++)
		service_free(&c->svc[i]);
	free(c->svc);
	free(c->keys);
	free(c->arena);
	memset(c, 0, sizeof *c);
}

struct service *catalog_service_by_id(struct catalog *c, long long id)
{
	size_t lo = 0, hi = c->n_svc;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (c->svc[mid].id < id)
			lo = mid + 1;
		else if (c->svc[mid].id > id)
			hi = mid;
		else
			return &c->svc[mid];
	}
	return NULL;
}

void catalog_code_append(char **slot, const char *code)
{
	size_t a = *slot ? strlen(*slot) : 0, b = strlen(code);
	char *s = xrealloc(*slot, a + b + 2);
	if (a)
		s[a++] = ';';
	memcpy(s + a, code, b + 1);
	*slot = s;
}
