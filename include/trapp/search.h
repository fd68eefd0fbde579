/* search.h - ranked search over a catalogue's services, the way a BTI
 * coordinator types. Words compare case-folded in NFC with æ/ø/å equal to
 * their ASCII spellings (ae, oe/o, aa/a); a query word meets a whole word,
 * the start of a word (gjeld → gjeldsrådgivning) or a part inside a
 * compound (not om|sorg); inflections meet through the Snowball Norwegian
 * stemmer and a small lemma list (rusmidler → rusmiddel); one typo is
 * tolerated in words of five letters or more; a synonym list expands the
 * query (helsesøster → helsesykepleier) and never the catalogue.
 *
 * Ranking, best first: more query words found; then, per word, a hit in
 * the name before one in the description, a whole word before a word start
 * before a compound part, the typed word before a synonym before a typo,
 * and the name's first word before a later one. Equal scores keep the
 * catalogue's Norwegian alphabetical order.
 *
 * search_index_build() precomputes one vocabulary of distinct words (their
 * normal form and stem) and, per word, the services that contain it. A
 * keystroke then compares the query with the vocabulary once and visits
 * only the services that contain a matching word: no allocation and no pass
 * over the catalogue's text. The index keeps its scratch (the last query's
 * scores): it is not reentrant. */
#ifndef TRAPP_SEARCH_H
#define TRAPP_SEARCH_H

#include <stddef.h>

struct service;
struct search_index;
struct search_synonyms;

/* An index of the names and descriptions (with target groups) of n
 * services (svc must stay in place). It is built by search_index_build or
 * on the first search, so loads that never search (import, export) do
 * not pay for it. */
struct search_index *search_index_new(const struct service *svc, size_t n);
void search_index_build(struct search_index *ix);
void search_index_free(struct search_index *ix);

/* The curated synonym list: a word expands the query with alternatives. */
struct search_synonyms *search_synonyms_new(void);
void search_synonyms_free(struct search_synonyms *syn);
/* word: one word; expands_to: alternatives separated by ';', each one word
 * or a phrase whose words must all be found ("psykisk helse"). Returns 0,
 * or -1 and a reason in bokmål in *why. */
int search_synonyms_add(struct search_synonyms *syn, const char *word, const char *expands_to,
			const char **why);
size_t search_synonyms_count(const struct search_synonyms *syn);

/* Score every service for query (syn may be NULL). Returns the number of
 * query words searched for; 0 means the query has no word and matches
 * everything. Repeating the last query costs nothing. */
int search_prepare(struct search_index *ix, const struct search_synonyms *syn, const char *query);
/* Service i's score for the prepared query: 0 = no match, higher = better. */
unsigned search_score(const struct search_index *ix, size_t i);
/* Order idx (service indices) by score, best first, keeping the given
 * order among equal scores. */
void search_rank(struct search_index *ix, size_t *idx, size_t n);

/* The words of text (a service's name) that the prepared query found, as
 * byte ranges of text; returns how many (at most max). */
struct search_span {
	size_t off, len;
};
size_t search_marks(const struct search_index *ix, const char *text, struct search_span *out, size_t max);

/* The normal form of the first word of text (folded, æ/ø/å spelt in ASCII
 * as the index compares them) and its stem; for tests. Return lengths. */
size_t search_word_norm(const char *text, char *out, size_t cap);
size_t search_word_stem(const char *norm, char *out, size_t cap);

#endif
