/* import.c - the import model: reading a service list file against a
 * kommune's catalogue, matching its rows to the catalogue's services (by
 * id, else by name), merging the columns the file lacks, computing the
 * changes field by field, printing them, and applying them in one
 * transaction. Matching is O(n log n) so that 100 000-row files stay fast;
 * the rules are in import.h. */
#include "trapp/import.h"
#include "trapp/access.h"
#include "trapp/db.h"
#include "trapp/text.h"
#include "trapp/util.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* At most this many same-name candidates are compared for one row. */
#define MAX_CANDIDATES 64

static const char *const field_labels[SC_COUNT] = {
	"id", "navn", "beskrivelse", "alder", "aldersspenn", "aldersgrunnlag", "målgruppe",
	"målgruppetype", "nivåtekst", "nivå", "behov", "ansvar", "kategori", "organisering",
	"samarbeid", "implementering", "evaluering", "adresse", "åpningstider", "kilde",
	"alias", "merknader",
};

const char *import_field_label(enum svc_col col)
{
	return col < SC_COUNT ? field_labels[col] : "?";
}

static uint64_t fnv(const char *s, uint64_t h)
{
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return (h ^ 0xff) * 1099511628211u;  /* field separator */
}

#define FNV_SEED 14695981039346656037u

/* Hash of the cells in the columns of mask (have[]), id excluded unless
 * with_id. */
static uint64_t service_sum(const struct service *s, const int *have, int with_id)
{
	struct strbuf ranges = {0};
	const char *v[SC_COUNT];
	svcfile_values(s, v, &ranges);
	uint64_t h = FNV_SEED;
	for (int c = with_id ? 0 : 1; c < SC_COUNT; c++)
		if (!have || have[c])
			h = fnv(v[c], h);
	sb_free(&ranges);
	return h;
}

/* Order-independent fingerprint of a whole catalogue. */
static uint64_t catalog_sum(const struct catalog *c)
{
	uint64_t sum = c->n_svc;
	for (size_t i = 0; i < c->n_svc; i++)
		sum += service_sum(&c->svc[i], NULL, 1);
	return sum;
}

/* Number of equal cells in the columns of have (id excluded); all = every
 * one of them equal. */
static int equal_cells(const struct service *a, const struct service *b, const int *have, int *all)
{
	struct strbuf ra = {0}, rb = {0};
	const char *va[SC_COUNT], *vb[SC_COUNT];
	svcfile_values(a, va, &ra);
	svcfile_values(b, vb, &rb);
	int n = 0, total = 0;
	for (int c = 1; c < SC_COUNT; c++)
		if (have[c]) {
			total++;
			n += strcmp(va[c], vb[c]) == 0;
		}
	sb_free(&ra);
	sb_free(&rb);
	if (all)
		*all = n == total;
	return n;
}

/* --- matching ------------------------------------------------------- */

struct keyed {
	char *key;      /* slug of the name */
	uint64_t sum;   /* service_sum over the file's columns */
	size_t i;       /* index in current.svc */
};

static int keyed_cmp(const void *pa, const void *pb)
{
	const struct keyed *a = pa, *b = pb;
	int c = strcmp(a->key, b->key);
	if (c)
		return c;
	if (a->sum != b->sum)
		return a->sum < b->sum ? -1 : 1;
	return a->i < b->i ? -1 : a->i > b->i;
}

/* First position in k[0..n) not less than (key, sum); sum 0 with
 * any_sum = first of the key. */
static size_t keyed_lower(const struct keyed *k, size_t n, const char *key, uint64_t sum, int any_sum)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(k[mid].key, key);
		if (c < 0 || (c == 0 && !any_sum && k[mid].sum < sum))
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

struct matcher {
	struct import_plan *p;
	struct keyed *byname;      /* current, sorted by (key, sum) */
	size_t *pos;               /* current index -> position in byname */
	size_t *next;              /* next unmatched position >= i (union-find) */
	struct keyed *slugs;       /* current, sorted by slug (in key) */
	long *cur_match;           /* current index -> incoming index, -1 */
	long *inc_match;           /* incoming index -> current index, -1 */
	unsigned char *by_id;      /* incoming index: matched by id */
	unsigned char *renamed;    /* incoming index: matched as a renamed service */
	unsigned char *restored;   /* incoming index: a service an earlier import removed */
};

static size_t next_free(struct matcher *m, size_t i)
{
	size_t r = i;
	while (m->next[r] != r)
		r = m->next[r];
	while (m->next[i] != r) {  /* path compression */
		size_t n = m->next[i];
		m->next[i] = r;
		i = n;
	}
	return r;
}

static void match(struct matcher *m, size_t inc, size_t cur, int by_id)
{
	m->cur_match[cur] = (long)inc;
	m->inc_match[inc] = (long)cur;
	m->by_id[inc] = (unsigned char)by_id;
	m->next[m->pos[cur]] = m->pos[cur] + 1;
}

static void match_by_id(struct matcher *m)
{
	const struct catalog *c = &m->p->current;
	const struct svc_list *in = &m->p->incoming;
	for (size_t i = 0; i < in->n; i++) {
		if (!in->id_given[i])
			continue;
		size_t lo = 0, hi = c->n_svc;
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			int cmp = strcmp(m->slugs[mid].key, in->v[i].slug);
			if (cmp == 0) {
				if (m->cur_match[m->slugs[mid].i] < 0)
					match(m, i, m->slugs[mid].i, 1);
				break;
			}
			if (cmp < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
	}
}

/* exact: take a same-name service equal in every column of the file;
 * else the one with the most equal columns. */
static void match_by_name(struct matcher *m, int exact)
{
	const struct catalog *c = &m->p->current;
	const struct svc_list *in = &m->p->incoming;
	size_t n = c->n_svc;
	for (size_t i = 0; i < in->n; i++) {
		if (in->id_given[i] || m->inc_match[i] >= 0)
			continue;
		char *key = text_slug(in->v[i].name);
		uint64_t sum = exact ? service_sum(&in->v[i], in->have, 0) : 0;
		size_t pos = next_free(m, keyed_lower(m->byname, n, key, sum, !exact));
		long best = -1;
		int best_score = -1;
		for (int tries = 0; pos < n && tries < MAX_CANDIDATES &&
				    strcmp(m->byname[pos].key, key) == 0 &&
				    (!exact || m->byname[pos].sum == sum);
		     tries++, pos = next_free(m, pos + 1)) {
			int all;
			int score = equal_cells(&c->svc[m->byname[pos].i], &in->v[i], in->have, &all);
			if (exact ? all : score > best_score) {
				best = (long)m->byname[pos].i;
				best_score = score;
				if (exact)
					break;
			}
		}
		if (best >= 0)
			match(m, i, (size_t)best, 0);
		free(key);
	}
}

/* Edit distance of a and b, or limit + 1 when it is larger (rows of at
 * most 255 bytes; longer names are never renames of each other here). */
static int edit_distance(const char *a, const char *b, int limit)
{
	size_t la = strlen(a), lb = strlen(b);
	if (la > 255 || lb > 255 || (la > lb ? la - lb : lb - la) > (size_t)limit)
		return limit + 1;
	int prev[256], cur[256];
	for (size_t j = 0; j <= lb; j++)
		prev[j] = (int)j;
	for (size_t i = 1; i <= la; i++) {
		cur[0] = (int)i;
		int best = cur[0];
		for (size_t j = 1; j <= lb; j++) {
			int sub = prev[j - 1] + (a[i - 1] != b[j - 1]);
			int del = prev[j] + 1, ins = cur[j - 1] + 1;
			cur[j] = sub < del ? (sub < ins ? sub : ins) : (del < ins ? del : ins);
			if (cur[j] < best)
				best = cur[j];
		}
		if (best > limit)
			return limit + 1;
		memcpy(prev, cur, (lb + 1) * sizeof *prev);
	}
	return prev[lb];
}

/* A renamed service: a row no name matched and a service no row matched
 * whose names differ by a few letters ("Flyktingtjenesten") and that agree
 * in another column, or whose names differ more but agree in every other
 * column of the file but one (at least three). Only tried while the
 * unmatched rows are few: a rename is an edit, not a new catalogue. */
#define RENAME_MAX_PAIRS 250000
#define RENAME_MAX_EDITS 3

static int rename_score(const struct service *cur, const struct service *in, const int *have)
{
	struct strbuf ra = {0}, rb = {0};
	const char *va[SC_COUNT], *vb[SC_COUNT];
	svcfile_values(cur, va, &ra);
	svcfile_values(in, vb, &rb);
	int equal = 0, differ = 0;
	for (int c = SC_NAME + 1; c < SC_COUNT; c++) {
		if (!have[c] || (!*va[c] && !*vb[c]))
			continue;
		if (strcmp(va[c], vb[c]) == 0)
			equal++;
		else
			differ++;
	}
	sb_free(&ra);
	sb_free(&rb);
	char *ka = text_slug(cur->name), *kb = text_slug(in->name);
	int close = edit_distance(ka, kb, RENAME_MAX_EDITS) <= RENAME_MAX_EDITS;
	free(ka);
	free(kb);
	if (close && equal >= 1)
		return 100 + equal;
	return equal >= 3 && differ <= 1 ? equal : 0;
}

static void match_renamed(struct matcher *m)
{
	const struct catalog *c = &m->p->current;
	const struct svc_list *in = &m->p->incoming;
	size_t free_in = 0, free_cur = 0;
	for (size_t i = 0; i < in->n; i++)
		free_in += m->inc_match[i] < 0 && !in->id_given[i];
	for (size_t k = 0; k < c->n_svc; k++)
		free_cur += m->cur_match[k] < 0;
	if (!free_in || !free_cur || free_in * free_cur > RENAME_MAX_PAIRS)
		return;
	for (size_t i = 0; i < in->n; i++) {
		if (m->inc_match[i] >= 0 || in->id_given[i])
			continue;
		long best = -1;
		int best_score = 0;
		for (size_t k = 0; k < c->n_svc; k++) {
			if (m->cur_match[k] >= 0)
				continue;
			int score = rename_score(&c->svc[k], &in->v[i], in->have);
			if (score > best_score) {
				best_score = score;
				best = (long)k;
			}
		}
		if (best >= 0) {
			match(m, i, (size_t)best, 0);
			m->renamed[i] = 1;
		}
	}
}

static void matcher_init(struct matcher *m, struct import_plan *p)
{
	const struct catalog *c = &p->current;
	size_t n = c->n_svc;
	m->p = p;
	m->byname = xcalloc(n + 1, sizeof *m->byname);
	m->pos = xcalloc(n + 1, sizeof *m->pos);
	m->next = xcalloc(n + 1, sizeof *m->next);
	m->slugs = xcalloc(n + 1, sizeof *m->slugs);
	m->cur_match = xcalloc(n + 1, sizeof *m->cur_match);
	m->inc_match = xcalloc(p->incoming.n + 1, sizeof *m->inc_match);
	m->by_id = xcalloc(p->incoming.n + 1, 1);
	m->renamed = xcalloc(p->incoming.n + 1, 1);
	m->restored = xcalloc(p->incoming.n + 1, 1);
	for (size_t i = 0; i < n; i++) {
		m->byname[i].key = text_slug(c->svc[i].name);
		m->byname[i].sum = service_sum(&c->svc[i], p->incoming.have, 0);
		m->byname[i].i = i;
		m->slugs[i].key = c->svc[i].slug;  /* not owned */
		m->slugs[i].i = i;
		m->cur_match[i] = -1;
	}
	for (size_t i = 0; i < p->incoming.n; i++)
		m->inc_match[i] = -1;
	if (n) {
		qsort(m->byname, n, sizeof *m->byname, keyed_cmp);
		qsort(m->slugs, n, sizeof *m->slugs, keyed_cmp);
	}
	for (size_t k = 0; k <= n; k++)
		m->next[k] = k;
	for (size_t k = 0; k < n; k++)
		m->pos[m->byname[k].i] = k;
}

static void matcher_free(struct matcher *m)
{
	for (size_t i = 0; i < m->p->current.n_svc; i++)
		free(m->byname[i].key);
	free(m->byname);
	free(m->pos);
	free(m->next);
	free(m->slugs);
	free(m->cur_match);
	free(m->inc_match);
	free(m->by_id);
	free(m->renamed);
	free(m->restored);
}

/* --- merging --------------------------------------------------------- */

static void take(char **dst, const char *src)
{
	free(*dst);
	*dst = xstrdup(src ? src : "");  /* a catalogue built in memory may lack aliases/notes */
}

/* Remove the "key: ..." line from notes. */
static void drop_note(char **notes, const char *key)
{
	size_t klen = strlen(key);
	struct strbuf sb = {0};
	for (const char *p = *notes; p && *p;) {
		const char *end = strchr(p, '\n');
		size_t len = end ? (size_t)(end - p) + 1 : strlen(p);
		if (!(strncmp(p, key, klen) == 0 && p[klen] == ':'))
			sb_add(&sb, p, len);
		p += len;
	}
	while (sb.len && sb_str(&sb)[sb.len - 1] == '\n')
		sb.buf[--sb.len] = '\0';
	free(*notes);
	*notes = sb_steal(&sb);
}

/* Give the matched row the catalogue's id and the values of the columns
 * the file lacks (see import.h for the tied columns). */
static void merge(struct service *s, const struct service *old, const int *have)
{
	take(&s->slug, old->slug);
	struct strbuf a = {0}, b = {0};
	age_ranges_format(&a, &s->ages);
	age_ranges_format(&b, &old->ages);
	int ranges_same = strcmp(sb_str(&a), sb_str(&b)) == 0 && s->age_basis == old->age_basis;
	sb_free(&a);
	sb_free(&b);
	if (!have[SC_AGE] && (!have[SC_AGE_RANGES] || ranges_same))
		take(&s->age_text, old->age_text);
	int age_same = str_eq(s->age_text, old->age_text);
	if (!have[SC_AGE_RANGES] && age_same) {
		s->ages = old->ages;
		s->age_basis = old->age_basis;
	}
	/* the target is curated: a file without the column never changes it,
	 * whatever happens to the age text (import_print says it was kept) */
	if (!have[SC_TARGET])
		take(&s->target, old->target);
	int lt_same = str_eq(s->level_text, old->level_text);
	if (!have[SC_LEVELS] && lt_same) {
		take(&s->level_codes, old->level_codes);
		s->levels = old->levels;
	}
	if (!have[SC_LEVEL_TEXT] && str_eq(s->level_codes, old->level_codes))
		take(&s->level_text, old->level_text);
	struct {
		enum svc_col col;
		char **dst;
		const char *src;
	} plain[] = {
		{SC_DESCRIPTION, &s->description, old->description},
		{SC_TARGET_GROUP, &s->target_group, old->target_group},
		{SC_NEEDS, &s->need_codes, old->need_codes},
		{SC_RESPONSIBLE, &s->responsible, old->responsible},
		{SC_CATEGORY, &s->category, old->category},
		{SC_ORGANISATION, &s->organisation, old->organisation},
		{SC_COOPERATION, &s->cooperation, old->cooperation},
		{SC_IMPLEMENTATION, &s->implementation, old->implementation},
		{SC_EVALUATION, &s->evaluation, old->evaluation},
		{SC_ADDRESS, &s->address, old->address},
		{SC_OPENING_HOURS, &s->opening_hours, old->opening_hours},
		{SC_SOURCE, &s->source, old->source},
		{SC_ALIASES, &s->aliases, old->aliases},
		{SC_NOTES, &s->notes, old->notes},
	};
	for (size_t i = 0; i < ARRAY_LEN(plain); i++)
		if (!have[plain[i].col])
			take(plain[i].dst, plain[i].src);
	if (!have[SC_NEEDS])
		s->needs = old->needs;
	if (s->age_basis != AGE_INFERRED)
		drop_note(&s->notes, "age");  /* the file now states the age */
}

/* A column whose value the curators chose rather than copied. */
static int curated_col(enum svc_col c, const struct service *old)
{
	return c == SC_TARGET || c == SC_NEEDS || c == SC_NOTES || c == SC_ALIASES ||
	       ((c == SC_AGE_RANGES || c == SC_AGE_BASIS) &&
		(old->age_basis == AGE_TEXT || old->age_basis == AGE_INFERRED));
}

/* The curated values s keeps from old because the file lacks their
 * columns, for the preview; NULL when none. */
static char *kept_curated(const struct service *old, const struct service *s, const int *have)
{
	struct strbuf sb = {0};
	if (!have[SC_TARGET] && *old->target)
		sb_printf(&sb, "målgruppetype «%s»", old->target);
	if (!have[SC_NEEDS] && *old->need_codes)
		sb_printf(&sb, "%sbehov «%s»", sb.len ? ", " : "", old->need_codes);
	if (!have[SC_AGE_RANGES] && curated_col(SC_AGE_RANGES, old) && s->age_basis == old->age_basis) {
		struct strbuf r = {0};
		age_ranges_format(&r, &old->ages);
		sb_printf(&sb, "%saldersspenn «%s» (%s)", sb.len ? ", " : "", sb_str(&r),
			  age_basis_code(old->age_basis));
		sb_free(&r);
	}
	if (!have[SC_NOTES] && !str_empty(old->notes))
		sb_printf(&sb, "%smerknader", sb.len ? ", " : "");
	if (!have[SC_ALIASES] && !str_empty(old->aliases))
		sb_printf(&sb, "%salias «%s»", sb.len ? ", " : "", old->aliases);
	return sb.len ? sb_steal(&sb) : (sb_free(&sb), NULL);
}

/* The changed columns of a matched pair; returns how many. */
static size_t diff_fields(const struct service *old, const struct service *s, struct import_field **out)
{
	struct strbuf ra = {0}, rb = {0};
	const char *va[SC_COUNT], *vb[SC_COUNT];
	svcfile_values(old, va, &ra);
	svcfile_values(s, vb, &rb);
	size_t n = 0;
	*out = xcalloc(SC_COUNT, sizeof **out);
	for (int c = 1; c < SC_COUNT; c++) {
		if (strcmp(va[c], vb[c]) == 0)
			continue;
		(*out)[n++] = (struct import_field){(enum svc_col)c, xstrdup(va[c]), xstrdup(vb[c])};
	}
	sb_free(&ra);
	sb_free(&rb);
	if (!n) {
		free(*out);
		*out = NULL;
	}
	return n;
}

/* --- unique ids for new services ------------------------------------ */

struct strset {
	const char **v;
	size_t cap, n;
};

static int strset_has(const struct strset *s, const char *str)
{
	if (!s->cap)
		return 0;
	for (size_t i = fnv(str, FNV_SEED) & (s->cap - 1);; i = (i + 1) & (s->cap - 1)) {
		if (!s->v[i])
			return 0;
		if (strcmp(s->v[i], str) == 0)
			return 1;
	}
}

static void strset_add(struct strset *s, const char *str)
{
	if ((s->n + 1) * 2 > s->cap) {
		struct strset bigger = {xcalloc(s->cap ? s->cap * 2 : 256, sizeof *s->v),
					s->cap ? s->cap * 2 : 256, 0};
		for (size_t i = 0; i < s->cap; i++)
			if (s->v[i])
				strset_add(&bigger, s->v[i]);
		free(s->v);
		*s = bigger;
	}
	size_t i = fnv(str, FNV_SEED) & (s->cap - 1);
	while (s->v[i])
		i = (i + 1) & (s->cap - 1);
	s->v[i] = str;
	s->n++;
}

/* New services: an id not used by the catalogue or another row. */
static void unique_new_ids(struct import_plan *p, const struct matcher *m)
{
	struct strset used = {0};
	for (size_t i = 0; i < p->current.n_svc; i++)
		strset_add(&used, p->current.svc[i].slug);
	for (size_t i = 0; i < p->incoming.n; i++)  /* new rows with ids from the file */
		if (m->inc_match[i] < 0 && p->incoming.id_given[i])
			strset_add(&used, p->incoming.v[i].slug);
	for (size_t i = 0; i < p->incoming.n; i++) {
		struct service *s = &p->incoming.v[i];
		if (m->inc_match[i] >= 0 || p->incoming.id_given[i])
			continue;
		if (strset_has(&used, s->slug)) {
			char *base = text_slug(s->name);
			for (int k = 2; strset_has(&used, s->slug); k++) {
				free(s->slug);
				s->slug = xasprintf("%s-%d", *base ? base : "tiltak", k);
			}
			free(base);
		}
		strset_add(&used, s->slug);
	}
	free(used.v);
}

/* --- services an earlier import removed ----------------------------------- */

/* A new row with the name of a service an earlier import removed gets its
 * id back (plans refer to it) and the curated values the file lacks. */
static int restore(const struct keyed *removed, size_t n, struct import_plan *p, struct service *s,
		   const int *have)
{
	char *key = text_slug(s->name);
	size_t pos = keyed_lower(removed, n, key, 0, 1);
	const struct db_removed *r = NULL;
	for (; pos < n && strcmp(removed[pos].key, key) == 0 && !r; pos++)
		if (!catalog_find_slug(&p->current, p->removed[removed[pos].i].slug))
			r = &p->removed[removed[pos].i];
	free(key);
	if (!r)
		return 0;
	take(&s->slug, r->slug);
	if (!have[SC_TARGET] && target_valid(r->target))
		take(&s->target, r->target);
	if (!have[SC_NEEDS])
		take(&s->need_codes, r->needs);
	if (!have[SC_NOTES])
		take(&s->notes, r->notes);
	if (!have[SC_ALIASES])
		take(&s->aliases, r->aliases);
	if (!have[SC_SOURCE])
		take(&s->source, r->source);
	enum age_basis basis;
	struct age_set ages;
	if (!have[SC_AGE_RANGES] && str_empty(s->age_text) && age_basis_parse(r->age_basis, &basis) == 0 &&
	    (basis == AGE_TEXT || basis == AGE_INFERRED) && age_ranges_parse(r->age_ranges, &ages) == 0) {
		s->ages = ages;
		s->age_basis = basis;
	}
	return 1;
}

/* Keep the curated values of a service the import removes. */
static int keep_removed(struct db *db, const char *kommune, const struct service *s)
{
	struct strbuf ranges = {0};
	age_ranges_format(&ranges, &s->ages);
	struct db_removed r = {s->slug, s->name, s->target, s->need_codes, (char *)sb_str(&ranges),
			       (char *)age_basis_code(s->age_basis), s->notes, s->aliases, s->source};
	int rc = db_removed_put(db, kommune, &r);
	sb_free(&ranges);
	return rc;
}

/* --- the diff ---------------------------------------------------------- */

static struct import_change *add_change(struct import_plan *p, enum import_kind kind, size_t *cap)
{
	if (p->n_changes == *cap) {  /* doubling: 100 000 changes must not copy 100 000 times */
		*cap = *cap ? *cap * 2 : 64;
		p->changes = xrealloc(p->changes, *cap * sizeof *p->changes);
	}
	struct import_change *ch = &p->changes[p->n_changes++];
	memset(ch, 0, sizeof *ch);
	ch->kind = kind;
	return ch;
}

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? slash + 1 : path;
}

void import_diff(struct import_plan *p)
{
	struct matcher m;
	struct svc_list *in = &p->incoming;
	size_t cap = 0;
	matcher_init(&m, p);
	if (in->have[SC_ID])
		match_by_id(&m);
	match_by_name(&m, 1);
	match_by_name(&m, 0);
	match_renamed(&m);
	/* the removed services by name key, for a binary search per new row */
	struct keyed *removed = xcalloc(p->n_removed_before + 1, sizeof *removed);
	for (size_t k = 0; k < p->n_removed_before; k++)
		removed[k] = (struct keyed){text_slug(p->removed[k].name), 0, k};
	if (p->n_removed_before)
		qsort(removed, p->n_removed_before, sizeof *removed, keyed_cmp);
	for (size_t i = 0; i < in->n; i++)
		if (m.inc_match[i] < 0 && !in->id_given[i] && p->n_removed_before)
			m.restored[i] = (unsigned char)restore(removed, p->n_removed_before, p, &in->v[i], in->have);
	for (size_t k = 0; k < p->n_removed_before; k++)
		free(removed[k].key);
	free(removed);
	unique_new_ids(p, &m);
	for (size_t i = 0; i < p->current.n_svc; i++)
		if (m.cur_match[i] < 0) {
			struct import_change *ch = add_change(p, IMPORT_REMOVED, &cap);
			ch->before = &p->current.svc[i];
			p->n_removed++;
		}
	for (size_t i = 0; i < in->n; i++) {
		if (m.inc_match[i] < 0)
			continue;
		const struct service *old = &p->current.svc[m.inc_match[i]];
		merge(&in->v[i], old, in->have);
		struct import_field *fields;
		size_t nf = diff_fields(old, &in->v[i], &fields);
		if (!nf) {
			p->n_unchanged++;
			continue;
		}
		struct import_change *ch = add_change(p, IMPORT_CHANGED, &cap);
		ch->before = old;
		ch->after = &in->v[i];
		ch->line = in->line[i];
		ch->by_id = m.by_id[i];
		ch->renamed = m.renamed[i];
		ch->kept = kept_curated(old, &in->v[i], in->have);
		ch->fields = fields;
		ch->n_fields = nf;
		p->n_changed++;
	}
	for (size_t i = 0; i < in->n; i++) {
		if (m.inc_match[i] >= 0)
			continue;
		struct service *s = &in->v[i];
		if (!in->have[SC_SOURCE] && str_empty(s->source) && p->file)
			take(&s->source, base_name(p->file));
		struct import_change *ch = add_change(p, IMPORT_ADDED, &cap);
		ch->after = s;
		ch->line = in->line[i];
		ch->restored = m.restored[i];
		p->n_added++;
	}
	matcher_free(&m);
}

/* --- preparing --------------------------------------------------------- */

static void model_choices(struct db *db, struct strbuf *sb)
{
	struct strvec models = {0};
	if (db_level_models(db, &models) == 0) {
		char *list = sv_join(&models, ", ");
		sb_puts(sb, list);
		free(list);
	}
	sv_free(&models);
}

/* The target: the existing kommune's catalogue, or an empty one on the
 * requested model. */
static int load_target(struct db *db, const struct import_opts *o, struct import_plan *p,
		       struct strbuf *err)
{
	struct catalog *c = &p->current;
	int exists = db_kommune_exists(db, o->kommune);
	if (exists < 0) {
		sb_puts(err, db_error(db));
		return IMPORT_FAILED;
	}
	if (exists) {
		if (catalog_load(db, o->kommune, c) != 0) {
			sb_puts(err, db_error(db));
			return IMPORT_FAILED;
		}
		if (!str_empty(o->level_model) && strcmp(o->level_model, c->kommune.level_model) != 0) {
			sb_printf(err, "Kommunen %s bruker nivåmodellen %s, ikke «%s» (--level-model kan"
				  " bare velges for en ny kommune)", o->kommune, c->kommune.level_model,
				  o->level_model);
			return IMPORT_BAD_VALUE;
		}
		return IMPORT_OK;
	}
	char *slug = text_slug(o->kommune);
	int valid = strcmp(slug, o->kommune) == 0 && *slug && strlen(slug) <= 40;
	free(slug);
	if (!valid) {
		sb_printf(err, "Ugyldig kommunekode «%s»; bruk små bokstaver a-z, 0-9 og - (høyst 40 tegn)",
			  o->kommune);
		return IMPORT_BAD_VALUE;
	}
	if (str_empty(o->level_model)) {
		sb_printf(err, "Ukjent kommune «%s»; oppgi --level-model for å opprette den (gyldige: ",
			  o->kommune);
		model_choices(db, err);
		sb_puts(err, ")");
		return IMPORT_BAD_VALUE;
	}
	if (db_levels_load(db, o->level_model, &c->levels, &c->n_levels) != 0 ||
	    db_needs_load(db, &c->needs, &c->n_needs) != 0) {
		sb_puts(err, db_error(db));
		return IMPORT_FAILED;
	}
	if (!c->n_levels) {
		sb_printf(err, "Ukjent nivåmodell «%s» for --level-model; gyldige: ", o->level_model);
		model_choices(db, err);
		return IMPORT_BAD_VALUE;
	}
	c->kommune.code = xstrdup(o->kommune);
	c->kommune.name = xstrdup(!str_empty(o->name) ? o->name : o->kommune);
	c->kommune.level_model = xstrdup(o->level_model);
	c->kommune.source = xasprintf("import av %s", base_name(p->file));
	p->new_kommune = 1;
	return IMPORT_OK;
}

int import_prepare(struct db *db, const struct import_opts *o, const char *file,
		   const char *buf, size_t len, struct import_plan *p, struct strbuf *err)
{
	memset(p, 0, sizeof *p);
	p->file = xstrdup(file);
	p->diag.file = p->file;
	p->stamp_version = db_data_version(db);  /* before the read: a later write moves it */
	p->stamp_changes = db_total_changes(db);
	int rc = load_target(db, o, p, err);
	if (rc != IMPORT_OK)
		return rc;
	if (!p->new_kommune && db_removed_load(db, o->kommune, &p->removed, &p->n_removed_before) != 0) {
		sb_puts(err, db_error(db));
		return IMPORT_FAILED;
	}
	p->current_sum = catalog_sum(&p->current);
	struct svc_context ctx = {p->current.levels, p->current.n_levels, p->current.needs,
				  p->current.n_needs};
	if (svcfile_read(buf ? buf : "", buf ? len : 0, &o->csv, &ctx, &p->incoming, &p->diag,
			 &p->info) == 0 && !p->diag.errors)
		import_diff(p);
	return IMPORT_OK;
}

int import_prepare_file(struct db *db, const struct import_opts *o, const char *path,
			struct import_plan *p, struct strbuf *err)
{
	memset(p, 0, sizeof *p);
	struct stat st;
	if (stat(path, &st) != 0) {
		sb_printf(err, "Kan ikke lese %s: %s", path, strerror(errno));
		return IMPORT_FAILED;
	}
	if (!S_ISREG(st.st_mode)) {
		sb_printf(err, "%s er ikke en vanlig fil", path);
		return IMPORT_FAILED;
	}
	if ((unsigned long long)st.st_size > IMPORT_MAX_BYTES) {
		sb_printf(err, "%s er %lld byte; en tiltaksliste kan være høyst %u MiB", path,
			  (long long)st.st_size, IMPORT_MAX_BYTES >> 20);
		return IMPORT_FAILED;
	}
	char *buf = NULL;
	size_t len = 0;
	if (read_file(path, &buf, &len) != 0) {
		sb_printf(err, "Kan ikke lese %s: %s", path, strerror(errno));
		return IMPORT_FAILED;
	}
	int rc = import_prepare(db, o, path, buf, len, p, err);
	free(buf);
	return rc;
}

/* --- applying ---------------------------------------------------------- */

/* Inside the transaction: is the catalogue still what the plan saw? */
static int unchanged_since(struct db *db, const struct import_plan *p, struct strbuf *err)
{
	const char *code = p->current.kommune.code;
	int exists = db_kommune_exists(db, code);
	if (exists < 0) {
		sb_puts(err, db_error(db));
		return -1;
	}
	int same = exists == !p->new_kommune;
	/* nothing written to the database since current was read (by anyone):
	 * no need to read the catalogue again */
	int untouched = p->stamp_version >= 0 && db_data_version(db) == p->stamp_version &&
			db_total_changes(db) == p->stamp_changes;
	if (same && exists && !untouched) {
		struct catalog now;
		if (catalog_load(db, code, &now) != 0) {
			sb_puts(err, db_error(db));
			return -1;
		}
		same = catalog_sum(&now) == p->current_sum;
		catalog_free(&now);
	}
	if (!same)
		sb_printf(err, "Katalogen for %s er endret siden forhåndsvisningen; les filen på nytt",
			  code);
	return same ? 0 : -1;
}

int import_apply(struct db *db, const struct import_plan *p, struct strbuf *err)
{
	if (p->diag.errors || !p->current.kommune.code) {
		sb_printf(err, "%s har feil; ingenting er importert", p->file ? p->file : "filen");
		return -1;
	}
	if (db_begin(db) != 0) {
		sb_puts(err, db_error(db));
		return -1;
	}
	const char *code = p->current.kommune.code;
	/* the catalogues are the kommune administrator's */
	int rc = access_need_admin(db, PRT_CATALOGUE, err) == PLAN_OK ? 0 : -1;
	if (rc == 0)
		rc = unchanged_since(db, p, err);
	if (rc == 0 && p->new_kommune)
		rc = db_kommune_put(db, &p->current.kommune);
	for (size_t i = 0; i < p->n_changes && rc == 0; i++) {
		const struct import_change *ch = &p->changes[i];
		if (ch->kind == IMPORT_REMOVED)
			rc = keep_removed(db, code, ch->before) || db_service_delete(db, code, ch->before->slug);
		else
			rc = db_service_put(db, code, ch->after);
		if (rc != 0)
			sb_printf(err, "%s:%ld: %s", p->file, ch->line, db_error(db));
	}
	if (rc == 0 && db_commit(db) != 0) {
		sb_puts(err, db_error(db));
		rc = -1;
	}
	if (rc != 0) {
		if (!err->len)
			sb_puts(err, db_error(db));
		db_rollback(db);
	}
	return rc;
}

void import_plan_free(struct import_plan *p)
{
	for (size_t i = 0; i < p->n_changes; i++) {
		for (size_t f = 0; f < p->changes[i].n_fields; f++) {
			free(p->changes[i].fields[f].before);
			free(p->changes[i].fields[f].after);
		}
		free(p->changes[i].fields);
		free(p->changes[i].kept);
	}
	free(p->changes);
	db_removed_free(p->removed, p->n_removed_before);
	catalog_free(&p->current);
	svc_list_free(&p->incoming);
	diag_free(&p->diag);
	free(p->file);
	memset(p, 0, sizeof *p);
}

/* --- printing ---------------------------------------------------------- */

/* A value on one line: line breaks shown as ⏎. */
static void put_flat(FILE *fp, const char *s)
{
	fputs("«", fp);
	for (; *s; s++) {
		if (*s == '\r' && s[1] == '\n')
			continue;
		if (*s == '\n' || *s == '\r')
			fputs("⏎", fp);
		else
			fputc(*s, fp);
	}
	fputs("»", fp);
}

void import_print(FILE *fp, const struct import_plan *p)
{
	const struct kommune *k = &p->current.kommune;
	fprintf(fp, "%s%s (%s): %zu nye, %zu fjernet, %zu endret, %zu uendret (%zu rader i %s)\n",
		p->new_kommune ? "ny kommune " : "", k->code, k->name, p->n_added, p->n_removed,
		p->n_changed, p->n_unchanged, p->incoming.n, base_name(p->file));
	for (size_t i = 0; i < p->n_changes; i++) {
		const struct import_change *ch = &p->changes[i];
		const struct service *s = ch->after ? ch->after : ch->before;
		fprintf(fp, "%c %s [%s]", "-~+"[ch->kind], s->name, s->slug);
		if (ch->line)
			fprintf(fp, " (linje %ld)", ch->line);
		if (ch->renamed)
			fputs(" (nytt navn)", fp);
		if (ch->restored)
			fputs(" (tilbake: id og kuraterte verdier fra før den ble fjernet)", fp);
		fputc('\n', fp);
		for (size_t f = 0; f < ch->n_fields; f++) {
			fprintf(fp, "    %s%s: ", import_field_label(ch->fields[f].col),
				curated_col(ch->fields[f].col, ch->before) ? " (kuratert)" : "");
			put_flat(fp, ch->fields[f].before);
			fputs(" → ", fp);
			put_flat(fp, ch->fields[f].after);
			fputc('\n', fp);
		}
		if (ch->kept)
			fprintf(fp, "    beholder kuratert: %s\n", ch->kept);
	}
}
