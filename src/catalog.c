/* catalog.c - filtering, counting and display helpers over an in-memory
 * catalogue. This is the hot path of the live filters: catalog_match() does
 * no allocation and no SQLite; text search is a byte search in a folded
 * copy of the service text prepared once by catalog_finish(). */
#include "trapp/catalog.h"
#include "trapp/text.h"
#include "trapp/util.h"

#include <stdlib.h>
#include <string.h>

const char *const TARGETS[] = {"barn", "ungdom", "foreldre", "familie", "gravide",
			       "ansatte", "voksne", "alle", NULL};

int target_valid(const char *code)
{
	for (size_t i = 0; TARGETS[i]; i++)
		if (strcmp(TARGETS[i], code) == 0)
			return 1;
	return 0;
}

void filter_init(struct filter *f)
{
	memset(f, 0, sizeof *f);
	f->age = -1;
}

void filter_free(struct filter *f)
{
	free(f->search);
	free(f->responsible);
	filter_init(f);
}

static void set_folded(char **slot, const char *text)
{
	free(*slot);
	*slot = str_empty(text) ? NULL : text_fold(text);
}

void filter_set_search(struct filter *f, const char *text) { set_folded(&f->search, text); }
void filter_set_responsible(struct filter *f, const char *text) { set_folded(&f->responsible, text); }

int filter_is_empty(const struct filter *f)
{
	return f->age < 0 && !f->needs && !f->levels && !f->target[0] &&
	       str_empty(f->search) && str_empty(f->responsible);
}

void service_free(struct service *s)
{
	char **fields[] = {&s->slug, &s->name, &s->description, &s->age_text,
			   &s->target_group, &s->target, &s->level_text, &s->responsible,
			   &s->category, &s->organisation, &s->cooperation, &s->implementation,
			   &s->evaluation, &s->address, &s->opening_hours, &s->source,
			   &s->level_codes, &s->need_codes, &s->fold, &s->resp_fold};
	for (size_t i = 0; i < ARRAY_LEN(fields); i++) {
		free(*fields[i]);
		*fields[i] = NULL;
	}
}

void catalog_free(struct catalog *c)
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
	memset(c, 0, sizeof *c);
}

int catalog_need_index(const struct catalog *c, const char *code)
{
	for (size_t i = 0; i < c->n_needs; i++)
		if (strcmp(c->needs[i].code, code) == 0)
			return (int)i;
	return -1;
}

int catalog_level_mask(const struct catalog *c, const char *code, uint32_t *mask)
{
	return level_code_mask(c->levels, c->n_levels, code, mask);
}

static int cmp_service(const void *a, const void *b)
{
	const struct service *x = a, *y = b;
	int r = text_collate(x->name, y->name);
	return r ? r : strcmp(x->slug, y->slug);
}

void catalog_finish(struct catalog *c)
{
	for (size_t i = 0; i < c->n_svc; i++) {
		struct service *s = &c->svc[i];
		struct strvec sv = {0};
		s->levels = 0;
		sv_split(&sv, s->level_codes, ';');
		for (size_t k = 0; k < sv.n; k++)
			for (size_t l = 0; l < c->n_levels; l++)
				if (strcmp(c->levels[l].code, sv.v[k]) == 0)
					s->levels |= 1u << l;
		sv_free(&sv);
		s->needs = 0;
		sv_split(&sv, s->need_codes, ';');
		for (size_t k = 0; k < sv.n; k++) {
			int ni = catalog_need_index(c, sv.v[k]);
			if (ni >= 0)
				s->needs |= 1u << ni;
		}
		sv_free(&sv);
		s->min_level = 32;
		for (int l = 0; l < 32; l++)
			if (s->levels & (1u << l)) {
				s->min_level = l;
				break;
			}
		char *all = xasprintf("%s\n%s\n%s", s->name, s->description, s->target_group);
		free(s->fold);
		s->fold = text_fold(all);
		free(all);
		free(s->resp_fold);
		s->resp_fold = text_fold(s->responsible);
	}
	if (c->n_svc)
		qsort(c->svc, c->n_svc, sizeof c->svc[0], cmp_service);
}

/* Byte substring search (both folded); memmem is a GNU extension. */
static int contains(const char *hay, const char *needle)
{
	return strstr(hay, needle) != NULL;
}

int catalog_match(const struct catalog *c, const struct service *s, const struct filter *f)
{
	(void)c;
	if (f->levels && !(s->levels & f->levels))
		return 0;
	if (f->needs && !(s->needs & f->needs))
		return 0;
	if (f->target[0] && strcmp(s->target, f->target) != 0)
		return 0;
	if (f->age >= 0 && !age_match(&s->ages, s->age_basis, f->age))
		return 0;
	if (!str_empty(f->responsible) && !contains(s->resp_fold, f->responsible))
		return 0;
	if (!str_empty(f->search) && !contains(s->fold, f->search))
		return 0;
	return 1;
}

size_t catalog_filter(const struct catalog *c, const struct filter *f,
		      const size_t *in, size_t n_in, size_t *out)
{
	size_t n = 0;
	if (in) {
		for (size_t i = 0; i < n_in; i++)
			if (catalog_match(c, &c->svc[in[i]], f))
				out[n++] = in[i];
	} else {
		for (size_t i = 0; i < c->n_svc; i++)
			if (catalog_match(c, &c->svc[i], f))
				out[n++] = i;
	}
	return n;
}

void catalog_level_counts(const struct catalog *c, const struct filter *f, size_t *counts)
{
	struct filter g = *f;
	g.levels = 0;  /* counts per level ignore the level filter itself */
	memset(counts, 0, c->n_levels * sizeof *counts);
	for (size_t i = 0; i < c->n_svc; i++) {
		const struct service *s = &c->svc[i];
		if (!catalog_match(c, s, &g))
			continue;
		for (size_t l = 0; l < c->n_levels; l++)
			if (s->levels & (1u << l))
				counts[l]++;
	}
}

const struct service *catalog_find_slug(const struct catalog *c, const char *slug)
{
	for (size_t i = 0; i < c->n_svc; i++)
		if (strcmp(c->svc[i].slug, slug) == 0)
			return &c->svc[i];
	return NULL;
}

void service_age_display(struct strbuf *sb, const struct service *s)
{
	if (s->age_basis == AGE_UNKNOWN) {
		sb_puts(sb, "?");
		return;
	}
	if (s->ages.n == 0) {
		sb_puts(sb, "–");
		return;
	}
	if (s->age_basis == AGE_INFERRED)
		sb_putc(sb, '~');
	for (int i = 0; i < s->ages.n; i++) {
		const struct age_range *r = &s->ages.r[i];
		if (i)
			sb_puts(sb, ", ");
		if (r->hi >= AGE_MAX)
			sb_printf(sb, "%d+", r->lo);
		else if (r->lo == r->hi)
			sb_printf(sb, "%d", r->lo);
		else
			sb_printf(sb, "%d-%d", r->lo, r->hi);
	}
}

void service_levels_display(struct strbuf *sb, const struct catalog *c, const struct service *s)
{
	int first = 1;
	for (size_t l = 0; l < c->n_levels; l++)
		if (s->levels & (1u << l)) {
			sb_printf(sb, "%s%s", first ? "" : ", ", c->levels[l].name);
			first = 0;
		}
}

void catalog_scan(const struct catalog *c, const struct filter *f, const size_t *in, size_t n_in,
		  size_t *base, size_t *n_base, size_t *matches, size_t *n_matches, size_t *counts)
{
	struct filter g = *f;
	g.levels = 0;
	size_t nb = 0, nm = 0, n = in ? n_in : c->n_svc;
	memset(counts, 0, c->n_levels * sizeof *counts);
	for (size_t k = 0; k < n; k++) {
		size_t i = in ? in[k] : k;
		const struct service *s = &c->svc[i];
		if (!catalog_match(c, s, &g))
			continue;
		base[nb++] = i;
		for (uint32_t lv = s->levels, l = 0; lv; lv >>= 1, l++)
			if (lv & 1)
				counts[l]++;
		if (!f->levels || (s->levels & f->levels))
			matches[nm++] = i;
	}
	*n_base = nb;
	*n_matches = nm;
}

static int contains_or_empty(const char *narrow, const char *wide)
{
	if (str_empty(wide))
		return 1;
	return !str_empty(narrow) && strstr(narrow, wide) != NULL;
}

int filter_narrows(const struct filter *narrow, const struct filter *wide)
{
	if (narrow->age != wide->age || narrow->needs != wide->needs ||
	    strcmp(narrow->target, wide->target) != 0)
		return 0;
	/* a longer search text containing the old one can only match fewer */
	return contains_or_empty(narrow->search, wide->search) &&
	       contains_or_empty(narrow->responsible, wide->responsible);
}

void filter_copy(struct filter *dst, const struct filter *src)
{
	filter_free(dst);
	*dst = *src;
	dst->search = src->search ? xstrdup(src->search) : NULL;
	dst->responsible = src->responsible ? xstrdup(src->responsible) : NULL;
}
