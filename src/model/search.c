/* search.c - the ranked search behind the live filter, `services --search`
 * and the suggestions: the word index built once per catalogue (vocabulary
 * with stems, postings per word), query words with their synonyms, how a
 * query word meets a catalogue word (whole, start, compound part, typo),
 * the per-service scores and the rank order, and the matched words of a
 * name for highlighting. See search.h for the rules. Stems come from the
 * Snowball Norwegian stemmer (libstemmer); irregular plurals it leaves
 * apart go through the small lemma list below. */
#include "trapp/search.h"
#include "trapp/catalog.h"
#include "trapp/text.h"
#include "trapp/util.h"

#include <libstemmer.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define WORD_MAX 48          /* bytes of a normal form or stem, with NUL */
#define MAX_GROUPS 8         /* query words searched for */
#define MAX_ATOMS 24         /* words searched for, synonyms included */
#define MAX_ALTS 8           /* alternatives of one query word */
#define GROUP_WEIGHT 1024    /* score = words found * 1024 + sum of hits */
#define KEY_LIMIT ((MAX_GROUPS + 1) * GROUP_WEIGHT)

/* posting = service << 2 | where */
enum { P_FIRST = 1, P_NAME = 2 };
/* K_HEAD: the word starts a compound whose rest is a word too (psykolog →
 * psykolog|teamet, gjeld → gjeld|s|rådgivning); K_START: it only starts
 * a longer word (psykolog → psykologisk). */
enum kind { K_NONE, K_PART, K_START, K_HEAD, K_WHOLE };
enum exactness { E_TYPO, E_SYNONYM, E_TYPED };

struct term {
	uint32_t norm, stem;     /* offsets into words */
	uint8_t nlen, slen;
	uint32_t post;           /* first posting, those in names first */
	uint32_t post_rest;      /* first posting in a description; the next
				  * term's post ends them */
};

struct atom {
	char norm[WORD_MAX], stem[WORD_MAX];
	uint8_t nlen, slen, exact, typo;
};

struct alt {
	uint8_t a0, a1;          /* atoms [a0, a1), all must be found */
};

struct group {
	struct alt alt[MAX_ALTS];
	int n_alt;
};

struct search_index {
	const struct service *svc;  /* what to index, until built */
	int built;
	size_t n_svc, n_terms;
	struct term *terms;      /* n_terms + 1 (the last one ends the postings) */
	char *words;
	uint32_t *post;
	uint32_t *hash;          /* term + 1; 0 = empty */
	size_t hash_cap;
	/* the prepared query and its scratch */
	char *query;
	const struct search_synonyms *query_syn;
	struct atom atom[MAX_ATOMS];
	int n_atoms;
	struct group group[MAX_GROUPS];
	int n_groups;
	uint8_t *hit;            /* n_svc * MAX_ATOMS best hits */
	uint8_t *seen;           /* per service: touched by the last query */
	uint32_t *touched;
	size_t n_touched;
	uint16_t *score;
	uint8_t *term_hit;       /* per term: found by the last query */
	size_t *tmp;
	uint32_t *counts;
};

/* --- words ------------------------------------------------------------- */

static struct sb_stemmer *stemmer(void)
{
	static struct sb_stemmer *st;
	if (!st && !(st = sb_stemmer_new("norwegian", "UTF_8")))
		die("libstemmer har ingen norsk stemmer");
	return st;
}

static int is_word_cp(uint32_t cp)
{
	if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9'))
		return 1;
	if (cp < 0xC0 || cp == 0xD7 || cp == 0xF7 || cp == 0xFFFD)
		return 0;
	if ((cp >= 0x2000 && cp <= 0x2BFF) || (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFE00 && cp <= 0xFE0F))
		return 0;
	return 1;
}

/* Append the ASCII-leaning spelling of one folded code point. */
static size_t loose_cp(uint32_t cp, char *out)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp >= 0x300 && cp <= 0x36F)
		return 0;  /* a combining accent left by a decomposed letter */
	const char *b = text_ascii_base(cp);
	if (b) {
		size_t n = strlen(b);
		memcpy(out, b, n);
		return n;
	}
	return utf8_encode(cp, out);
}

/* aa → a and oe → o, so Aasen meets Åsen and stoette meets støtte. */
static size_t collapse(char *w, size_t n)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		if (k && ((w[i] == 'a' && w[k - 1] == 'a') || (w[i] == 'e' && w[k - 1] == 'o')))
			continue;
		w[k++] = w[i];
	}
	w[k] = '\0';
	return k;
}

/* The next word of s[*pos..n): byte range [*start, *end) and its normal
 * form in out (WORD_MAX). Returns the form's length, or -1 at the end. */
static int next_word(const char *s, size_t n, size_t *pos, size_t *start, size_t *end, char *out)
{
	size_t i = *pos, k = 0;
	uint32_t cp = 0;
	while (i < n) {
		size_t l = utf8_decode(s + i, n - i, &cp);
		if (is_word_cp(cp))
			break;
		i += l;
	}
	if (i >= n) {
		*pos = n;
		return -1;
	}
	*start = i;
	while (i < n) {
		unsigned char ch = (unsigned char)s[i];
		if (ch < 0x80) {  /* most letters: no decoding, no tables */
			if (!is_word_cp(ch))
				break;
			if (k + 1 < WORD_MAX)
				out[k++] = (char)(ch >= 'A' && ch <= 'Z' ? ch + 32 : ch);
			i++;
			continue;
		}
		size_t l = utf8_decode(s + i, n - i, &cp);
		if (!is_word_cp(cp))
			break;
		char b[8];
		size_t m = loose_cp(text_fold_cp(cp), b);
		if (k + m < WORD_MAX) {
			memcpy(out + k, b, m);
			k += m;
		}
		i += l;
	}
	*end = *pos = i;
	return (int)collapse(out, k);
}

/* Irregular plurals the stemmer leaves apart, by ending (so compounds
 * such as legemidler follow), in normal form. */
static const char *const lemmas[][2] = {
	{"midlene", "middel"}, {"midler", "middel"}, {"foreldrene", "forelder"},
	{"foreldre", "forelder"}, {"brodrene", "bror"}, {"brodre", "bror"},
	{"dotrene", "datter"}, {"dotre", "datter"}, {"mennene", "mann"}, {"menn", "mann"},
	{"bokene", "bok"}, {"boker", "bok"}, {"stedene", "sted"}, {"steder", "sted"},
	{"nettene", "natt"}, {"netter", "natt"}, {"fottene", "fot"}, {"fotter", "fot"},
};

size_t search_word_stem(const char *norm, char *out, size_t cap)
{
	char buf[WORD_MAX + 8];
	size_t n = strlen(norm);
	if (n >= WORD_MAX)
		n = WORD_MAX - 1;
	memcpy(buf, norm, n);
	buf[n] = '\0';
	for (size_t i = 0; i < ARRAY_LEN(lemmas); i++) {
		size_t e = strlen(lemmas[i][0]), r = strlen(lemmas[i][1]);
		if (n >= e && memcmp(buf + n - e, lemmas[i][0], e) == 0 && n - e + r < WORD_MAX) {
			memcpy(buf + n - e, lemmas[i][1], r + 1);
			n = n - e + r;
			break;
		}
	}
	const sb_symbol *s = sb_stemmer_stem(stemmer(), (const sb_symbol *)buf, (int)n);
	size_t len = s ? (size_t)sb_stemmer_length(stemmer()) : n;
	const char *src = s ? (const char *)s : buf;
	if (len >= cap)
		len = cap - 1;
	memcpy(out, src, len);
	out[len] = '\0';
	return len;
}

size_t search_word_norm(const char *text, char *out, size_t cap)
{
	char w[WORD_MAX];
	size_t pos = 0, a, b;
	int n = next_word(text, strlen(text), &pos, &a, &b, w);
	if (n < 0)
		n = 0;
	size_t len = (size_t)n < cap ? (size_t)n : cap - 1;
	memcpy(out, w, len);
	out[len] = '\0';
	return len;
}

/* Words too common to rank by; dropped from a query that has other words. */
static int is_stop_word(const char *w)
{
	static const char *const stop[] = {"og", "i", "pa", "til", "for", "med", "av", "en", "et",
					   "ei", "som", "er", "den", "det", "de", "a", "om", "fra",
					   "ved", "hos", "eller", "at", "seg", "sin", "sine", "har",
					   "kan", "mot", "under", "etter"};
	for (size_t i = 0; i < ARRAY_LEN(stop); i++)
		if (strcmp(stop[i], w) == 0)
			return 1;
	return 0;
}

/* --- the index --------------------------------------------------------- */

static uint32_t hash_word(const char *w, size_t n)
{
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)w[i]) * 16777619u;
	return h;
}

/* Term id of a normal form, or -1. */
static long term_find(const struct search_index *ix, const char *w, size_t n)
{
	if (!ix->hash_cap)
		return -1;
	for (size_t h = hash_word(w, n) & (ix->hash_cap - 1);; h = (h + 1) & (ix->hash_cap - 1)) {
		uint32_t e = ix->hash[h];
		if (!e)
			return -1;
		const struct term *t = &ix->terms[e - 1];
		if (t->nlen == n && memcmp(ix->words + t->norm, w, n) == 0)
			return (long)e - 1;
	}
}

struct builder {
	struct strbuf words;
	size_t cap_terms;
	uint32_t *last;          /* per term: service + 1 that last posted it */
	uint64_t *pairs;         /* term << 32 | posting */
	size_t n_pairs, cap_pairs;
};

static void hash_grow(struct search_index *ix)
{
	size_t cap = ix->hash_cap ? ix->hash_cap * 2 : 4096;
	free(ix->hash);
	ix->hash = xcalloc(cap, sizeof *ix->hash);
	ix->hash_cap = cap;
	for (size_t t = 0; t < ix->n_terms; t++) {
		const struct term *e = &ix->terms[t];
		size_t h = hash_word(ix->words + e->norm, e->nlen) & (cap - 1);
		while (ix->hash[h])
			h = (h + 1) & (cap - 1);
		ix->hash[h] = (uint32_t)t + 1;
	}
}

static size_t term_add(struct search_index *ix, struct builder *b, const char *w, size_t n)
{
	ix->words = b->words.buf;  /* term_find reads the growing arena */
	long found = term_find(ix, w, n);
	if (found >= 0)
		return (size_t)found;
	if (ix->n_terms + 1 >= b->cap_terms) {
		b->cap_terms = b->cap_terms ? b->cap_terms * 2 : 4096;
		ix->terms = xrealloc(ix->terms, b->cap_terms * sizeof *ix->terms);
		b->last = xrealloc(b->last, b->cap_terms * sizeof *b->last);
	}
	char stem[WORD_MAX];
	size_t sl = search_word_stem(w, stem, sizeof stem);
	struct term *t = &ix->terms[ix->n_terms];
	t->norm = (uint32_t)b->words.len;
	t->nlen = (uint8_t)n;
	sb_add(&b->words, w, n);
	sb_putc(&b->words, '\0');
	t->stem = (uint32_t)b->words.len;
	t->slen = (uint8_t)sl;
	sb_add(&b->words, stem, sl);
	sb_putc(&b->words, '\0');
	ix->words = b->words.buf;
	b->last[ix->n_terms] = 0;
	ix->n_terms++;
	if (ix->n_terms * 2 > ix->hash_cap)
		hash_grow(ix);
	else {
		size_t h = hash_word(w, n) & (ix->hash_cap - 1);
		while (ix->hash[h])
			h = (h + 1) & (ix->hash_cap - 1);
		ix->hash[h] = (uint32_t)ix->n_terms;
	}
	return ix->n_terms - 1;
}

static void index_text(struct search_index *ix, struct builder *b, const char *text, size_t svc, int name)
{
	char *nfc = text_nfc(text);
	size_t n = strlen(nfc), pos = 0, s, e;
	char w[WORD_MAX];
	int len;
	for (int k = 0; (len = next_word(nfc, n, &pos, &s, &e, w)) >= 0; k++) {
		if (!len)
			continue;
		size_t t = term_add(ix, b, w, (size_t)len);
		if (b->last[t] == svc + 1)
			continue;  /* once per service; the name comes first */
		b->last[t] = (uint32_t)svc + 1;
		if (b->n_pairs == b->cap_pairs) {
			b->cap_pairs = b->cap_pairs ? b->cap_pairs * 2 : 65536;
			b->pairs = xrealloc(b->pairs, b->cap_pairs * sizeof *b->pairs);
		}
		uint32_t p = (uint32_t)svc << 2 | (name ? P_NAME : 0) | (name && k == 0 ? P_FIRST : 0);
		b->pairs[b->n_pairs++] = (uint64_t)t << 32 | p;
	}
	free(nfc);
}

static size_t pair_key(uint64_t pair)
{
	return (size_t)(pair >> 32) * 2 + !((uint32_t)pair & P_NAME);
}

struct search_index *search_index_new(const struct service *svc, size_t n)
{
	struct search_index *ix = xcalloc(1, sizeof *ix);
	ix->svc = svc;
	ix->n_svc = n;
	return ix;
}

void search_index_build(struct search_index *ix)
{
	if (ix->built)
		return;
	ix->built = 1;
	const struct service *svc = ix->svc;
	size_t n = ix->n_svc;
	struct builder b = {0};
	hash_grow(ix);
	for (size_t i = 0; i < n; i++) {
		index_text(ix, &b, svc[i].name, i, 1);
		/* the source's other spellings count as the name */
		if (svc[i].aliases && *svc[i].aliases)
			index_text(ix, &b, svc[i].aliases, i, 1);
		char *rest = xasprintf("%s\n%s", svc[i].description, svc[i].target_group);
		index_text(ix, &b, rest, i, 0);
		free(rest);
	}
	if (!ix->terms)
		ix->terms = xcalloc(1, sizeof *ix->terms);
	/* postings grouped by term, names before descriptions (a counting
	 * sort on term * 2 + in-description keeps service order) */
	size_t nk = 2 * ix->n_terms + 1;
	uint32_t *start = xcalloc(nk + 1, sizeof *start);
	for (size_t i = 0; i < b.n_pairs; i++)
		start[pair_key(b.pairs[i]) + 1]++;
	for (size_t k = 0; k < nk; k++)
		start[k + 1] += start[k];
	ix->post = xcalloc(b.n_pairs + 1, sizeof *ix->post);
	for (size_t t = 0; t <= ix->n_terms; t++) {
		ix->terms[t].post = start[2 * t];
		ix->terms[t].post_rest = start[2 * t + 1 < nk ? 2 * t + 1 : 2 * t];
	}
	for (size_t i = 0; i < b.n_pairs; i++)
		ix->post[start[pair_key(b.pairs[i])]++] = (uint32_t)b.pairs[i];
	free(start);
	free(b.pairs);
	free(b.last);
	ix->words = sb_steal(&b.words);
	ix->hit = xcalloc(n * MAX_ATOMS + 1, 1);
	ix->seen = xcalloc(n + 1, 1);
	ix->touched = xcalloc(n + 1, sizeof *ix->touched);
	ix->score = xcalloc(n + 1, sizeof *ix->score);
	ix->term_hit = xcalloc(ix->n_terms + 1, 1);
	ix->tmp = xcalloc(n + 1, sizeof *ix->tmp);
	ix->counts = xcalloc(KEY_LIMIT, sizeof *ix->counts);
	ix->svc = NULL;
}

void search_index_free(struct search_index *ix)
{
	if (!ix)
		return;
	free(ix->terms);
	free(ix->words);
	free(ix->post);
	free(ix->hash);
	free(ix->query);
	free(ix->hit);
	free(ix->seen);
	free(ix->touched);
	free(ix->score);
	free(ix->term_hit);
	free(ix->tmp);
	free(ix->counts);
	free(ix);
}

/* --- synonyms ---------------------------------------------------------- */

struct synonym {
	char norm[WORD_MAX], stem[WORD_MAX];
	char *expands;           /* alternatives separated by ';' */
};

struct search_synonyms {
	struct synonym *v;
	size_t n, cap;
};

struct search_synonyms *search_synonyms_new(void) { return xcalloc(1, sizeof(struct search_synonyms)); }

void search_synonyms_free(struct search_synonyms *syn)
{
	if (!syn)
		return;
	for (size_t i = 0; i < syn->n; i++)
		free(syn->v[i].expands);
	free(syn->v);
	free(syn);
}

size_t search_synonyms_count(const struct search_synonyms *syn) { return syn ? syn->n : 0; }

static int count_words(const char *s, size_t n)
{
	size_t pos = 0, a, b;
	char w[WORD_MAX];
	int k = 0;
	while (next_word(s, n, &pos, &a, &b, w) >= 0)
		k++;
	return k;
}

int search_synonyms_add(struct search_synonyms *syn, const char *word, const char *expands_to,
			const char **why)
{
	if (count_words(word, strlen(word)) != 1) {
		*why = "ordet må være ett ord";
		return -1;
	}
	struct strvec alts = {0};
	sv_split(&alts, expands_to, ';');
	int ok = alts.n > 0;
	for (size_t i = 0; i < alts.n && ok; i++)
		ok = count_words(alts.v[i], strlen(alts.v[i])) > 0;
	sv_free(&alts);
	if (!ok) {
		*why = "utvidelsen må ha minst ett ord i hvert alternativ (skilt med ;)";
		return -1;
	}
	if (syn->n == syn->cap) {
		syn->cap = syn->cap ? syn->cap * 2 : 64;
		syn->v = xrealloc(syn->v, syn->cap * sizeof *syn->v);
	}
	struct synonym *e = &syn->v[syn->n++];
	char *nfc = text_nfc(word);
	search_word_norm(nfc, e->norm, sizeof e->norm);
	free(nfc);
	search_word_stem(e->norm, e->stem, sizeof e->stem);
	e->expands = text_nfc(expands_to);
	return 0;
}

/* --- the query --------------------------------------------------------- */

static int add_atom(struct search_index *ix, const char *w, size_t n, int exact)
{
	if (ix->n_atoms == MAX_ATOMS)
		return -1;
	struct atom *a = &ix->atom[ix->n_atoms++];
	memcpy(a->norm, w, n);
	a->norm[n] = '\0';
	a->nlen = (uint8_t)n;
	a->slen = (uint8_t)search_word_stem(a->norm, a->stem, sizeof a->stem);
	a->exact = (uint8_t)exact;
	a->typo = exact == E_TYPED && n >= 5;
	return 0;
}

/* One alternative of group g: every word of phrase s[0..n). */
static void add_alt(struct search_index *ix, struct group *g, const char *s, size_t n, int exact)
{
	if (g->n_alt == MAX_ALTS)
		return;
	int a0 = ix->n_atoms;
	size_t pos = 0, x, y;
	char w[WORD_MAX];
	int len;
	while ((len = next_word(s, n, &pos, &x, &y, w)) >= 0)
		if (len && add_atom(ix, w, (size_t)len, exact) != 0)
			break;
	if (ix->n_atoms == a0)
		return;
	g->alt[g->n_alt].a0 = (uint8_t)a0;
	g->alt[g->n_alt].a1 = (uint8_t)ix->n_atoms;
	g->n_alt++;
}

static void add_synonyms(struct search_index *ix, struct group *g, const struct search_synonyms *syn,
			 const struct atom *typed)
{
	for (size_t i = 0; syn && i < syn->n; i++) {
		const struct synonym *e = &syn->v[i];
		if (strcmp(e->norm, typed->norm) != 0 && strcmp(e->stem, typed->stem) != 0)
			continue;
		for (const char *p = e->expands; *p;) {
			const char *q = strchr(p, ';');
			size_t n = q ? (size_t)(q - p) : strlen(p);
			add_alt(ix, g, p, n, E_SYNONYM);
			p += n + (q ? 1 : 0);
		}
	}
}

static void compile(struct search_index *ix, const struct search_synonyms *syn, const char *query)
{
	ix->n_atoms = ix->n_groups = 0;
	size_t n = strlen(query), pos = 0, s, e;
	char w[WORD_MAX];
	int len, content = 0;
	/* stop words count only when the query has nothing else */
	while ((len = next_word(query, n, &pos, &s, &e, w)) >= 0)
		content |= len > 0 && !is_stop_word(w);
	pos = 0;
	while (ix->n_groups < MAX_GROUPS && (len = next_word(query, n, &pos, &s, &e, w)) >= 0) {
		if (!len || (content && is_stop_word(w)))
			continue;
		struct group *g = &ix->group[ix->n_groups];
		g->n_alt = 0;
		int a0 = ix->n_atoms;
		add_alt(ix, g, query + s, e - s, E_TYPED);
		if (!g->n_alt)
			break;  /* no room for more words */
		add_synonyms(ix, g, syn, &ix->atom[a0]);
		ix->n_groups++;
	}
}

/* --- how a query word meets a catalogue word --------------------------- */

/* needle inside hay after a head of three bytes or more that is not a
 * prefix such as om- or for- (omsorg is not a compound of sorg). */
static int inside(const char *hay, size_t hn, const char *needle, size_t nn)
{
	if (nn < 3 || hn < nn + 3)
		return 0;
	for (size_t p = 3; p + nn <= hn; p++) {
		if (hay[p] != needle[0] || memcmp(hay + p, needle, nn) != 0)
			continue;
		static const char *const bound[] = {"om", "for", "mis", "van"};
		int ok = 1;
		for (size_t i = 0; i < ARRAY_LEN(bound) && ok; i++) {
			size_t bl = strlen(bound[i]);
			ok = !(p >= bl && memcmp(hay + p - bl, bound[i], bl) == 0);
		}
		if (ok)
			return 1;
	}
	return 0;
}

/* a[ai..m) equals t[ti..n) (or a prefix of it when prefix is set). */
static int tail_eq(const char *a, size_t m, size_t ai, const char *t, size_t n, size_t ti, int prefix)
{
	if (ai > m || ti > n)
		return 0;
	size_t ra = m - ai, rt = n - ti;
	if (prefix ? rt < ra : rt != ra)
		return 0;
	return memcmp(a + ai, t + ti, ra) == 0;
}

/* a is one edit (insertion, deletion, substitution, swap of neighbours)
 * from t, or with prefix set from some prefix of t; never when a is t or
 * a prefix of it. */
static int one_edit(const char *a, size_t m, const char *t, size_t n, int prefix)
{
	size_t i = 0;
	while (i < m && i < n && a[i] == t[i])
		i++;
	if (i == m)
		return 0;
	return tail_eq(a, m, i + 1, t, n, i + 1, prefix) || tail_eq(a, m, i + 1, t, n, i, prefix) ||
	       tail_eq(a, m, i, t, n, i + 1, prefix) ||
	       (i + 1 < m && i + 1 < n && a[i] == t[i + 1] && a[i + 1] == t[i] &&
		tail_eq(a, m, i + 2, t, n, i + 2, prefix));
}

/* The rest of w after its first at bytes, maybe after a linking s or e,
 * is a word of the catalogues. */
static int compound_head(const struct search_index *ix, const char *w, size_t n, size_t at)
{
	if (n - at >= 3 && term_find(ix, w + at, n - at) >= 0)
		return 1;
	return n - at >= 4 && (w[at] == 's' || w[at] == 'e') && term_find(ix, w + at + 1, n - at - 1) >= 0;
}

static enum kind meet(const struct search_index *ix, const struct atom *a, const char *norm, size_t nlen,
		      const char *stem, size_t slen, int *typo)
{
	*typo = 0;
	if (nlen == a->nlen && memcmp(norm, a->norm, nlen) == 0)
		return K_WHOLE;
	if (slen == a->slen && memcmp(stem, a->stem, slen) == 0)
		return K_WHOLE;
	if (nlen > a->nlen && memcmp(norm, a->norm, a->nlen) == 0)
		return compound_head(ix, norm, nlen, a->nlen) ? K_HEAD : K_START;
	if (a->slen >= 4 && nlen > a->slen && memcmp(norm, a->stem, a->slen) == 0)
		return compound_head(ix, norm, nlen, a->slen) ? K_HEAD : K_START;
	if (inside(norm, nlen, a->norm, a->nlen) || (a->slen >= 4 && inside(norm, nlen, a->stem, a->slen)))
		return K_PART;
	if (!a->typo)
		return K_NONE;
	*typo = 1;
	if (one_edit(a->norm, a->nlen, norm, nlen, 0) ||
	    (a->slen >= 5 && one_edit(a->stem, a->slen, stem, slen, 0)))
		return K_WHOLE;
	if (one_edit(a->norm, a->nlen, norm, nlen, 1) ||
	    (a->slen >= 5 && one_edit(a->stem, a->slen, norm, nlen, 1)))
		return K_START;
	*typo = 0;
	return K_NONE;
}

/* --- scoring ----------------------------------------------------------- */

static void clear_scores(struct search_index *ix)
{
	for (size_t k = 0; k < ix->n_touched; k++) {
		uint32_t s = ix->touched[k];
		memset(ix->hit + (size_t)s * MAX_ATOMS, 0, MAX_ATOMS);
		ix->seen[s] = 0;
		ix->score[s] = 0;
	}
	ix->n_touched = 0;
	memset(ix->term_hit, 0, ix->n_terms);
}

/* Record every service containing term t as a hit of atom a. While one
 * or two letters are typed only names count: every description has a
 * word starting with almost any letter, and visiting them all would cost
 * the keystroke its budget at national scale. */
static void post_hits(struct search_index *ix, size_t t, int a, enum kind k, int typo)
{
	int exact = typo ? E_TYPO : ix->atom[a].exact;
	uint32_t end = ix->atom[a].nlen < 3 && k != K_WHOLE ? ix->terms[t].post_rest : ix->terms[t + 1].post;
	for (uint32_t p = ix->terms[t].post; p < end; p++) {
		uint32_t post = ix->post[p], s = post >> 2;
		int level = (post & P_NAME ? K_WHOLE : 0) + (int)k;  /* 1..8 */
		uint8_t hit = (uint8_t)(level * 8 + exact * 2 + (post & P_FIRST ? 1 : 0));
		if (!ix->seen[s]) {
			ix->seen[s] = 1;
			ix->touched[ix->n_touched++] = s;
		}
		uint8_t *row = ix->hit + (size_t)s * MAX_ATOMS;
		if (hit > row[a])
			row[a] = hit;
	}
}

static unsigned service_score(const struct search_index *ix, const uint8_t *row)
{
	unsigned found = 0, sum = 0;
	for (int g = 0; g < ix->n_groups; g++) {
		unsigned best = 0;
		for (int k = 0; k < ix->group[g].n_alt; k++) {
			const struct alt *alt = &ix->group[g].alt[k];
			unsigned m = 255;
			for (int a = alt->a0; a < alt->a1; a++)
				if (row[a] < m)
					m = row[a];
			if (m > best)
				best = m;
		}
		if (best) {
			found++;
			sum += best;
		}
	}
	return found ? found * GROUP_WEIGHT + sum : 0;
}

int search_prepare(struct search_index *ix, const struct search_synonyms *syn, const char *query)
{
	search_index_build(ix);
	if (ix->query && syn == ix->query_syn && strcmp(ix->query, query) == 0)
		return ix->n_groups;
	free(ix->query);
	ix->query = xstrdup(query);
	ix->query_syn = syn;
	clear_scores(ix);
	compile(ix, syn, query);
	for (size_t t = 0; t < ix->n_terms; t++) {
		const struct term *e = &ix->terms[t];
		const char *norm = ix->words + e->norm, *stem = ix->words + e->stem;
		for (int a = 0; a < ix->n_atoms; a++) {
			int typo;
			enum kind k = meet(ix, &ix->atom[a], norm, e->nlen, stem, e->slen, &typo);
			if (k == K_NONE)
				continue;
			ix->term_hit[t] = 1;
			post_hits(ix, t, a, k, typo);
		}
	}
	for (size_t k = 0; k < ix->n_touched; k++) {
		uint32_t s = ix->touched[k];
		ix->score[s] = (uint16_t)service_score(ix, ix->hit + (size_t)s * MAX_ATOMS);
	}
	return ix->n_groups;
}

unsigned search_score(const struct search_index *ix, size_t i) { return ix->score[i]; }

void search_rank(struct search_index *ix, size_t *idx, size_t n)
{
	memset(ix->counts, 0, KEY_LIMIT * sizeof *ix->counts);
	for (size_t i = 0; i < n; i++)
		ix->counts[ix->score[idx[i]]]++;
	uint32_t at = 0;  /* best first: the highest score starts at 0 */
	for (size_t k = KEY_LIMIT; k-- > 0;) {
		uint32_t c = ix->counts[k];
		ix->counts[k] = at;
		at += c;
	}
	for (size_t i = 0; i < n; i++)
		ix->tmp[ix->counts[ix->score[idx[i]]]++] = idx[i];
	memcpy(idx, ix->tmp, n * sizeof *idx);
}

size_t search_marks(const struct search_index *ix, const char *text, struct search_span *out, size_t max)
{
	if (!ix->built)
		return 0;
	size_t n = strlen(text), pos = 0, s, e, k = 0;
	char w[WORD_MAX];
	int len;
	while (k < max && (len = next_word(text, n, &pos, &s, &e, w)) >= 0) {
		long t = len ? term_find(ix, w, (size_t)len) : -1;
		if (t >= 0 && ix->term_hit[t]) {
			out[k].off = s;
			out[k].len = e - s;
			k++;
		}
	}
	return k;
}
