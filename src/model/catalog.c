/* catalog.c - filtering, counting and display helpers over an in-memory
 * catalogue. This is the hot path of the live filters: catalog_finish()
 * builds one compact key per service, one arena of folded text and the
 * word index of the ranked search (search.c), and a scan then reads them
 * sequentially, with no allocation and no SQLite (bench/filter.c
 * measures it at 55 000 services). */
#include "trapp/catalog.h"
#include "trapp/curation.h"
#include "trapp/db.h"
#include "trapp/search.h"
#include "trapp/text.h"
#include "trapp/util.h"

#include <stdlib.h>
#include <string.h>

const char *const TARGETS[] = {"barn", "ungdom", "foreldre", "familie", "gravide",
			       "ansatte", "voksne", "alle", NULL};
enum { TARGET_ANSATTE = 5, TARGET_VOKSNE = 6 };  /* indices in TARGETS */

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

void catalog_free(struct catalog *c)
{
	/* the search's own index and synonyms, then the records */
	search_index_free(c->search);
	search_synonyms_free(c->synonyms);
	c->search = NULL;
	c->synonyms = NULL;
	catalog_record_free(c);
}

int catalog_load(struct db *db, const char *kommune, struct catalog *out)
{
	if (db_catalog_read(db, kommune, out) != 0)
		return -1;
	catalog_finish(out);
	return 0;
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

/* Sort by a precomputed collation key (see text_collate_key). */
struct sortable {
	char *key;
	struct service s;
};

static int cmp_sortable(const void *a, const void *b)
{
	const struct sortable *x = a, *y = b;
	int r = strcmp(x->key, y->key);
	return r ? r : strcmp(x->s.slug, y->s.slug);
}

static void sort_services(struct catalog *c)
{
	if (!c->n_svc)
		return;
	struct sortable *tmp = xcalloc(c->n_svc, sizeof *tmp);
	for (size_t i = 0; i < c->n_svc; i++) {
		tmp[i].key = text_collate_key(c->svc[i].name);
		tmp[i].s = c->svc[i];
	}
	qsort(tmp, c->n_svc, sizeof *tmp, cmp_sortable);
	for (size_t i = 0; i < c->n_svc; i++) {
		c->svc[i] = tmp[i].s;
		free(tmp[i].key);
	}
	free(tmp);
}

static uint32_t arena_add(struct strbuf *arena, const char *text, uint32_t *len)
{
	uint32_t off = (uint32_t)arena->len;
	char *f = text_fold(text);
	sb_puts(arena, f);
	sb_putc(arena, '\0');
	*len = (uint32_t)strlen(f);
	free(f);
	return off;
}

static uint8_t target_index(const char *t)
{
	for (uint8_t i = 0; TARGETS[i]; i++)
		if (strcmp(TARGETS[i], t) == 0)
			return i;
	return 0xFF;
}

static void build_key(struct catalog *c, size_t i, struct strbuf *arena)
{
	const struct service *s = &c->svc[i];
	struct service_key *k = &c->keys[i];
	memset(k, 0, sizeof *k);
	k->levels = s->levels;
	k->needs = s->needs;
	k->resp_off = arena_add(arena, s->responsible, &k->resp_len);
	k->basis = (uint8_t)s->age_basis;
	k->n_ages = (uint8_t)s->ages.n;
	for (int r = 0; r < s->ages.n; r++) {
		k->lo[r] = (uint8_t)s->ages.r[r].lo;
		k->hi[r] = (uint8_t)s->ages.r[r].hi;
	}
	k->target = target_index(s->target);
}

/* Bits for ';'-separated codes: code(i) names bit i. */
static uint32_t codes_mask(const char *codes, size_t n, const char *(*code)(const struct catalog *, size_t),
			   const struct catalog *c)
{
	uint32_t m = 0;
	struct strvec sv = {0};
	sv_split(&sv, codes, ';');
	for (size_t k = 0; k < sv.n; k++)
		for (size_t l = 0; l < n; l++)
			if (strcmp(code(c, l), sv.v[k]) == 0)
				m |= 1u << l;
	sv_free(&sv);
	return m;
}

static const char *level_code_at(const struct catalog *c, size_t i) { return c->levels[i].code; }
static const char *need_code_at(const struct catalog *c, size_t i) { return c->needs[i].code; }

void catalog_finish(struct catalog *c)
{
	for (size_t i = 0; i < c->n_svc; i++) {
		struct service *s = &c->svc[i];
		s->levels = codes_mask(s->level_codes, c->n_levels, level_code_at, c);
		s->needs = codes_mask(s->need_codes, c->n_needs, need_code_at, c);
	}
	sort_services(c);
	free(c->keys);
	free(c->arena);
	c->keys = xcalloc(c->n_svc + 1, sizeof *c->keys);
	struct strbuf arena = {0};
	for (size_t i = 0; i < c->n_svc; i++)
		build_key(c, i, &arena);
	c->arena = sb_steal(&arena);
	search_index_free(c->search);
	c->search = search_index_new(c->svc, c->n_svc);
}

void catalog_index_words(struct catalog *c)
{
	if (c->search)
		search_index_build(c->search);
}

/* A filter prepared for scanning: lengths and the target index computed
 * once per scan instead of once per service. */
struct prepared {
	const struct filter *f;
	const struct search_index *search;  /* scored for f->search; NULL = no words */
	size_t resp_len;
	int target;  /* -1 = any, 0xFF = matches nothing */
};

static void prepare(const struct catalog *c, const struct filter *f, struct prepared *p)
{
	p->f = f;
	p->search = NULL;
	if (!str_empty(f->search) && c->search && search_prepare(c->search, c->synonyms, f->search) > 0)
		p->search = c->search;
	p->resp_len = f->responsible ? strlen(f->responsible) : 0;
	p->target = f->target[0] ? target_index(f->target) : -1;
}

/* Substring test tuned for short needles typed in the search line: memchr
 * finds the first byte, memcmp the rest (glibc's memmem pays a setup cost
 * per call that dominates at 55 000 short texts). */
static int has_text(const char *hay, size_t hlen, const char *needle, size_t nlen)
{
	if (nlen > hlen)
		return 0;
	const char *p = hay, *last = hay + hlen - nlen;
	while (p <= last) {
		p = memchr(p, needle[0], (size_t)(last - p) + 1);
		if (!p)
			return 0;
		if (memcmp(p + 1, needle + 1, nlen - 1) == 0)
			return 1;
		p++;
	}
	return 0;
}

/* Every filter but the level filter. */
static int key_match(const struct catalog *c, const struct service_key *k, const struct prepared *p)
{
	const struct filter *f = p->f;
	if (p->search && !search_score(p->search, (size_t)(k - c->keys)))
		return 0;
	if (f->needs && !(k->needs & f->needs))
		return 0;
	if (p->target >= 0 && k->target != p->target)
		return 0;
	/* a service for staff or adults comes up for a child's age only when
	 * the source gives it ages that reach the child; ranges the curators
	 * inferred do not count (curation.h) */
	if (f->age >= 0 && f->age < CURATION_ADULT_AGE && (k->n_ages == 0 || k->basis == AGE_INFERRED) &&
	    (k->target == TARGET_ANSATTE || k->target == TARGET_VOKSNE))
		return 0;
	if (f->age >= 0 && k->basis != AGE_UNKNOWN) {
		int hit = 0;
		for (int r = 0; r < k->n_ages && !hit; r++)
			hit = f->age >= k->lo[r] && f->age <= k->hi[r];
		if (!hit)
			return 0;
	}
	if (p->resp_len && !has_text(c->arena + k->resp_off, k->resp_len, f->responsible, p->resp_len))
		return 0;
	return 1;
}

int catalog_match(const struct catalog *c, size_t i, const struct filter *f)
{
	struct prepared p;
	prepare(c, f, &p);
	const struct service_key *k = &c->keys[i];
	return (!f->levels || (k->levels & f->levels)) && key_match(c, k, &p);
}

size_t catalog_filter(const struct catalog *c, const struct filter *f,
		      const size_t *in, size_t n_in, size_t *out)
{
	struct prepared p;
	prepare(c, f, &p);
	size_t n = 0, count = in ? n_in : c->n_svc;
	for (size_t k = 0; k < count; k++) {
		size_t i = in ? in[k] : k;
		const struct service_key *key = &c->keys[i];
		if ((!f->levels || (key->levels & f->levels)) && key_match(c, key, &p))
			out[n++] = i;
	}
	if (p.search)
		search_rank(c->search, out, n);
	return n;
}

void catalog_level_counts(const struct catalog *c, const struct filter *f, size_t *counts)
{
	size_t *tmp = xcalloc(c->n_svc + 1, sizeof *tmp), *tmp2 = xcalloc(c->n_svc + 1, sizeof *tmp2);
	size_t nb, nm;
	catalog_scan(c, f, NULL, 0, tmp, &nb, tmp2, &nm, counts);
	free(tmp);
	free(tmp2);
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
	struct prepared p;
	prepare(c, f, &p);
	size_t nb = 0, nm = 0, n = in ? n_in : c->n_svc;
	memset(counts, 0, c->n_levels * sizeof *counts);
	for (size_t k = 0; k < n; k++) {
		size_t i = in ? in[k] : k;
		const struct service_key *key = &c->keys[i];
		if (!key_match(c, key, &p))
			continue;
		base[nb++] = i;
		for (uint32_t lv = key->levels, l = 0; lv; lv >>= 1, l++)
			if (lv & 1)
				counts[l]++;
		if (!f->levels || (key->levels & f->levels))
			matches[nm++] = i;
	}
	if (p.search)
		search_rank(c->search, matches, nm);
	*n_base = nb;
	*n_matches = nm;
}

size_t catalog_search_marks(const struct catalog *c, const struct filter *f, size_t i,
			    struct search_span *out, size_t max)
{
	if (str_empty(f->search) || !c->search || search_prepare(c->search, c->synonyms, f->search) == 0)
		return 0;
	return search_marks(c->search, c->svc[i].name, out, max);
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
	/* a ranked search may find more with more letters (another word, a
	 * synonym, a typo): only the same words narrow; a longer responsible
	 * text containing the old one can only match fewer */
	return str_eq(narrow->search, wide->search) &&
	       contains_or_empty(narrow->responsible, wide->responsible);
}

void filter_copy(struct filter *dst, const struct filter *src)
{
	filter_free(dst);
	*dst = *src;
	dst->search = src->search ? xstrdup(src->search) : NULL;
	dst->responsible = src->responsible ? xstrdup(src->responsible) : NULL;
}

/* The source documents (/work/shared/seeds) by file name. */
static const struct {
	const char *file, *title;
} source_titles[] = {
	{"000_c7c085d2ee37a2d8.txt", "Eksisterende tiltak og tjenester i Tromsø kommune (mars 2024)"},
	{"001_e45f497a65452c8b.txt", "Trygg oppvekst 2024–2030, Tromsø kommune"},
	{"002_0623eadc016e3d83.txt", "Plan for forebygging av omsorgssvikt og atferdsproblemer, Senja kommune"},
	{"003_3ab6193fe0b6bdf2.txt", "Tiltakstrapp for barn og unge i Elverum kommune"},
	{"004_fe64f625bac0e67d.txt", "Rus- og psykiatritjenesten, Tromsø kommune (2011)"},
};

void catalog_source_text(struct strbuf *sb, const char *source)
{
	if (!source)
		return;
	for (size_t i = 0; i < sizeof source_titles / sizeof source_titles[0]; i++) {
		size_t n = strlen(source_titles[i].file);
		if (strncmp(source, source_titles[i].file, n) != 0)
			continue;
		const char *rest = source + n;
		rest += strspn(rest, ", ");
		sb_puts(sb, source_titles[i].title);
		if (*rest)
			sb_printf(sb, ": %s", rest);
		return;
	}
	sb_puts(sb, source);
}
