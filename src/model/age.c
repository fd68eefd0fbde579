/* age.c - the age parser. The text is folded, stripped of markup and split
 * on commas; each part is tokenised into numbers, dashes, brackets, plus
 * signs and words, and matched against the patterns the Tromsø list uses:
 * "A - B år", "A - B (C)" (top extended to C), "over/fra N", "N+",
 * "under N" (0..N-1), "N år", and the keywords gravide/barsel (0-0),
 * alle aldre / familier (0-120) and ansatte (no range). */
#include "trapp/age.h"
#include "trapp/text.h"
#include "trapp/util.h"

#include <stdlib.h>
#include <string.h>

enum tok_kind { T_NUM, T_DASH, T_LP, T_RP, T_PLUS, T_WORD };
struct tok {
	enum tok_kind k;
	long num;
	char word[24];
};
#define MAX_TOKS 32

/* Returns 1 when the range was valid and added. */
static int add_range(struct age_set *out, long lo, long hi)
{
	if (lo < 0 || hi > AGE_MAX || lo > hi || out->n >= AGE_MAX_RANGES)
		return 0;
	out->r[out->n].lo = (int)lo;
	out->r[out->n].hi = (int)hi;
	out->n++;
	return 1;
}

/* Tokenise one folded part. Returns the number of tokens. */
static int tokenise(const char *s, struct tok *t)
{
	int n = 0;
	size_t len = strlen(s);
	while (len && n < MAX_TOKS) {
		uint32_t cp;
		size_t k = utf8_decode(s, len, &cp);
		if (cp >= '0' && cp <= '9') {
			long v = 0;
			while (len && *s >= '0' && *s <= '9') {
				if (v < 100000)
					v = v * 10 + (*s - '0');
				s++;
				len--;
			}
			t[n].k = T_NUM;
			t[n++].num = v;
			continue;
		}
		if (cp == '-' || cp == 0x2013 || cp == 0x2014) {
			t[n++].k = T_DASH;
		} else if (cp == '(') {
			t[n++].k = T_LP;
		} else if (cp == ')') {
			t[n++].k = T_RP;
		} else if (cp == '+') {
			t[n++].k = T_PLUS;
		} else if ((cp >= 'a' && cp <= 'z') || cp >= 0xC0) {
			size_t w = 0;
			while (len) {
				k = utf8_decode(s, len, &cp);
				if (!((cp >= 'a' && cp <= 'z') || cp >= 0xC0))
					break;
				if (w + k < sizeof t[n].word) {
					memcpy(t[n].word + w, s, k);
					w += k;
				}
				s += k;
				len -= k;
			}
			t[n].word[w] = '\0';
			t[n++].k = T_WORD;
			continue;
		}
		s += k;
		len -= k;
	}
	return n;
}

static int is_word(const struct tok *t, const char *w)
{
	return t->k == T_WORD && strcmp(t->word, w) == 0;
}

static int word_starts(const struct tok *t, const char *prefix)
{
	return t->k == T_WORD && strncmp(t->word, prefix, strlen(prefix)) == 0;
}

/* Match number patterns in one part; returns how many ranges were added. */
static int parse_numbers(const struct tok *t, int n, struct age_set *out)
{
	int added = 0;
	for (int i = 0; i < n; i++) {
		if (t[i].k != T_NUM)
			continue;
		long a = t[i].num;
		if (i + 2 < n && t[i + 1].k == T_DASH && t[i + 2].k == T_NUM) {
			long b = t[i + 2].num;
			int j = i + 3;
			if (j + 1 < n && t[j].k == T_LP && t[j + 1].k == T_NUM) {
				/* "0 - 18 (25) år": the bracket extends the top */
				if (t[j + 1].num > b)
					b = t[j + 1].num;
				j += 2;
				if (j < n && t[j].k == T_RP)
					j++;
			}
			added += add_range(out, a, b);
			i = j - 1;
		} else if (i + 1 < n && t[i + 1].k == T_PLUS) {
			added += add_range(out, a, AGE_MAX);
			i++;
		} else if (i > 0 && (is_word(&t[i - 1], "over") || is_word(&t[i - 1], "fra") ||
				     is_word(&t[i - 1], "fom") || is_word(&t[i - 1], "etter"))) {
			added += add_range(out, a, AGE_MAX);
		} else if (i > 0 && is_word(&t[i - 1], "under") && a > 0) {
			added += add_range(out, 0, a - 1);
		} else if (i + 1 < n && is_word(&t[i + 1], "år")) {
			added += add_range(out, a, a);
		}
	}
	return added;
}

/* Keywords of a part without numbers. Returns 1 when recognised. */
static int parse_words(const struct tok *t, int n, struct age_set *out)
{
	int hit = 0;
	for (int i = 0; i < n; i++) {
		if (word_starts(&t[i], "gravid") || word_starts(&t[i], "barsel")) {
			add_range(out, 0, 0);
			if (!out->target_hint)
				out->target_hint = "gravide";
			return 1;
		}
		if (is_word(&t[i], "alle")) {
			add_range(out, 0, AGE_MAX);
			if (!out->target_hint)
				out->target_hint = "alle";
			return 1;
		}
		if (word_starts(&t[i], "famili")) {
			add_range(out, 0, AGE_MAX);
			if (!out->target_hint)
				out->target_hint = "familie";
			return 1;
		}
		if (word_starts(&t[i], "ansatt")) {
			if (!out->target_hint)
				out->target_hint = "ansatte";
			hit = 1;
		}
	}
	return hit;
}

static int cmp_range(const void *a, const void *b)
{
	const struct age_range *x = a, *y = b;
	if (x->lo != y->lo)
		return x->lo - y->lo;
	return x->hi - y->hi;
}

/* Sort and drop ranges contained in another. */
static void normalise(struct age_set *s)
{
	qsort(s->r, (size_t)s->n, sizeof s->r[0], cmp_range);
	int w = 0;
	for (int i = 0; i < s->n; i++) {
		int contained = 0;
		for (int j = 0; j < s->n; j++)
			if (j != i && s->r[j].lo <= s->r[i].lo && s->r[j].hi >= s->r[i].hi &&
			    (s->r[j].lo != s->r[i].lo || s->r[j].hi != s->r[i].hi || j < i))
				contained = 1;
		if (!contained)
			s->r[w++] = s->r[i];
	}
	s->n = w;
}

/* Remove <...> markup in place. */
static void strip_tags(char *s)
{
	char *w = s;
	for (char *p = s; *p; p++) {
		if (*p == '<') {
			char *e = strchr(p, '>');
			if (e) {
				p = e;
				continue;
			}
		}
		*w++ = *p;
	}
	*w = '\0';
}

int age_parse(const char *text, struct age_set *out)
{
	memset(out, 0, sizeof *out);
	if (str_empty(text))
		return -1;
	char *f = text_fold(text);
	strip_tags(f);
	int recognised = 0;
	struct strvec parts = {0};
	sv_split(&parts, f, ',');
	for (size_t p = 0; p < parts.n; p++) {
		struct tok t[MAX_TOKS];
		int n = tokenise(parts.v[p], t);
		if (parse_numbers(t, n, out) > 0) {
			recognised = 1;
			for (int i = 0; i < n; i++)
				if (word_starts(&t[i], "famili") && !out->target_hint)
					out->target_hint = "familie";
		} else if (parse_words(t, n, out)) {
			recognised = 1;
		}
	}
	sv_free(&parts);
	free(f);
	normalise(out);
	return recognised ? 0 : -1;
}

int age_ranges_parse(const char *s, struct age_set *out)
{
	memset(out, 0, sizeof *out);
	struct strvec parts = {0};
	sv_split(&parts, s, ';');
	int rc = 0;
	for (size_t i = 0; i < parts.n && rc == 0; i++) {
		char *dash = strchr(parts.v[i], '-');
		long lo, hi;
		if (!dash) {
			rc = -1;
			break;
		}
		*dash = '\0';
		if (parse_int(str_trim(parts.v[i]), 0, AGE_MAX, &lo) ||
		    parse_int(str_trim(dash + 1), 0, AGE_MAX, &hi) || lo > hi ||
		    out->n >= AGE_MAX_RANGES) {
			rc = -1;
			break;
		}
		add_range(out, lo, hi);
	}
	sv_free(&parts);
	if (rc == 0)
		normalise(out);
	return rc;
}

void age_ranges_format(struct strbuf *sb, const struct age_set *set)
{
	for (int i = 0; i < set->n; i++)
		sb_printf(sb, "%s%d-%d", i ? ";" : "", set->r[i].lo, set->r[i].hi);
}

int age_match(const struct age_set *set, enum age_basis basis, int a)
{
	if (basis == AGE_UNKNOWN)
		return 1;
	for (int i = 0; i < set->n; i++)
		if (a >= set->r[i].lo && a <= set->r[i].hi)
			return 1;
	return 0;
}
