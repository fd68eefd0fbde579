/* test_search.c - the ranked search on a small made-up catalogue: word
 * forms (æøå spellings, NFC, case), stems and lemmas, how a word meets a
 * name (whole, compound head, start, part, typo) and the rank order, all
 * words before some, Norwegian order for ties, synonyms, highlighting,
 * and every shipped synonym file. */
#include "check.h"
#include "trapp/catalog.h"
#include "trapp/db.h"
#include "trapp/load.h"
#include "trapp/search.h"
#include "trapp/text.h"
#include "trapp/util.h"

#include <stdlib.h>
#include <string.h>

static void add(struct catalog *c, const char *name, const char *desc)
{
	c->svc = xrealloc(c->svc, (c->n_svc + 1) * sizeof *c->svc);
	struct service *s = &c->svc[c->n_svc];
	memset(s, 0, sizeof *s);
	s->id = (int)++c->n_svc;
	char **fields[] = {&s->description, &s->age_text, &s->target_group, &s->target,
			   &s->level_text, &s->responsible, &s->category, &s->organisation,
			   &s->cooperation, &s->implementation, &s->evaluation, &s->address,
			   &s->opening_hours, &s->source, &s->level_codes, &s->need_codes};
	for (size_t i = 0; i < ARRAY_LEN(fields); i++)
		*fields[i] = xstrdup("");
	free(s->description);
	s->description = xstrdup(desc);
	s->name = xstrdup(name);
	s->slug = text_slug(name);
	s->age_basis = AGE_UNKNOWN;
}

/* The ranked names for query, joined with " | ". */
static char *ranked(const struct catalog *c, const char *query)
{
	struct filter f;
	filter_init(&f);
	filter_set_search(&f, query);
	size_t *idx = xcalloc(c->n_svc + 1, sizeof *idx);
	size_t n = catalog_filter(c, &f, NULL, 0, idx);
	struct strvec names = {0};
	for (size_t i = 0; i < n; i++)
		sv_push(&names, c->svc[idx[i]].name);
	char *out = sv_join(&names, " | ");
	sv_free(&names);
	free(idx);
	filter_free(&f);
	return out;
}

#define RANKED(c, q, want)                 \
	do {                               \
		char *got_ = ranked(c, q); \
		CHECK_STR(got_, want);     \
		free(got_);                \
	} while (0)

static void word_forms(void)
{
	char w[64], s1[64], s2[64];
	struct {
		const char *in, *want;
	} forms[] = {
		{"Støtte", "stotte"}, {"STØTTE", "stotte"}, {"stoette", "stotte"}, {"Åpen", "apen"},
		{"Aapen", "apen"},    {"særskilt", "saerskilt"}, {"pa\xcc\x8ar\xc3\xb8rende", "parorende"},
		{"  (Gjelds-", "gjelds"},
	};
	for (size_t i = 0; i < ARRAY_LEN(forms); i++) {
		search_word_norm(forms[i].in, w, sizeof w);
		CHECK(strcmp(w, forms[i].want) == 0, "«%s» → «%s», want «%s»", forms[i].in, w, forms[i].want);
	}
	char *nfc = text_nfc("pa\xcc\x8ar\xc3\xb8rende");
	CHECK_STR(nfc, "pårørende");
	free(nfc);
	struct {
		const char *a, *b;
	} same[] = {{"gravide", "gravid"}, {"rusmidler", "rusmiddel"}, {"spiseforstyrrelser", "spiseforstyrrelse"},
		    {"hjelpemidler", "hjelpemiddel"}, {"foreldre", "forelder"}};
	for (size_t i = 0; i < ARRAY_LEN(same); i++) {
		search_word_stem(same[i].a, s1, sizeof s1);
		search_word_stem(same[i].b, s2, sizeof s2);
		CHECK(strcmp(s1, s2) == 0, "%s and %s share a stem (%s, %s)", same[i].a, same[i].b, s1, s2);
	}
}

void test_search(void)
{
	word_forms();

	struct catalog c;
	memset(&c, 0, sizeof c);
	add(&c, "Sorg", "");
	add(&c, "Sorggruppe", "");
	add(&c, "Sorgfull dag", "");
	add(&c, "Livssorg", "");
	add(&c, "Omsorg", "sorgfritt");
	add(&c, "Annet tilbud", "Hjelp ved sorg i en gruppe.");
	add(&c, "Sorq", "");
	add(&c, "Avlastning", "");
	add(&c, "Avlastnign hjemme", "");
	add(&c, "Helsestasjon for ungdom", "");
	add(&c, "Helsestasjon for barn", "");
	add(&c, "Ungdomsklubb", "");
	add(&c, "Åpen hall", "");
	add(&c, "Zumba hall", "");
	add(&c, "Aktiv hall", "");
	add(&c, "Bbb", "Ved skilsmisse.");
	add(&c, "Aaa", "Ved samlivsbrudd.");
	add(&c, "Rusmiddelbruk", "");
	catalog_finish(&c);

	/* name: whole > compound head > start > part; then the description;
	 * om|sorg and the four-letter typo Sorq never */
	RANKED(&c, "sorg", "Sorg | Sorggruppe | Sorgfull dag | Livssorg | Annet tilbud | Omsorg");
	/* one edit from five letters, below the exact word */
	RANKED(&c, "avlastning", "Avlastning | Avlastnign hjemme");
	RANKED(&c, "avlastnign", "Avlastnign hjemme | Avlastning");
	RANKED(&c, "avlasning", "Avlastning");  /* two edits from Avlastnign */
	RANKED(&c, "sorq", "Sorq");
	/* all words before some */
	RANKED(&c, "helsestasjon ungdom", "Helsestasjon for ungdom | Helsestasjon for barn | Ungdomsklubb");
	/* ties in Norwegian order: å after z */
	RANKED(&c, "hall", "Aktiv hall | Zumba hall | Åpen hall");
	RANKED(&c, "AAPEN", "Åpen hall");
	/* irregular plural meets its singular inside a compound */
	RANKED(&c, "rusmidler", "Rusmiddelbruk");

	/* synonyms expand the query only, below the typed word */
	RANKED(&c, "skilsmisse", "Bbb");
	const char *why = NULL;
	c.synonyms = search_synonyms_new();
	CHECK(search_synonyms_add(c.synonyms, "skilsmisse", "samlivsbrudd;familievern", &why) == 0, "add");
	CHECK(search_synonyms_add(c.synonyms, "to ord", "x", &why) == -1 && why, "one word only");
	CHECK(search_synonyms_add(c.synonyms, "ord", " ; ", &why) == -1 && why, "an alternative needs a word");
	CHECK(search_synonyms_count(c.synonyms) == 1, "one synonym");
	RANKED(&c, "skilsmisse", "Bbb | Aaa");
	RANKED(&c, "skilsmissen", "Bbb | Aaa");
	RANKED(&c, "samlivsbrudd", "Aaa");

	/* the words found in a name, for highlighting */
	struct filter f;
	filter_init(&f);
	filter_set_search(&f, "ungdom");
	struct search_span sp[4];
	size_t i = 0;
	while (i < c.n_svc && strcmp(c.svc[i].name, "Helsestasjon for ungdom") != 0)
		i++;
	size_t n = catalog_search_marks(&c, &f, i, sp, 4);
	CHECK(n == 1 && sp[0].off == 17 && sp[0].len == 6, "ungdom marked at 17+6 (%zu)", n);
	filter_set_search(&f, "");
	CHECK(catalog_search_marks(&c, &f, i, sp, 4) == 0, "no search, no marks");
	filter_free(&f);
	catalog_free(&c);

	/* every shipped synonym file loads for every kommune */
	struct strbuf err = {0};
	char *path = xasprintf("%s/search.db", test_tmpdir());
	struct db *db = db_open(path, 0, load_seed, &err);
	free(path);
	const char *kommuner[] = {"tromso", "elverum", "senja", "tromso-2011"};
	for (size_t k = 0; db && k < ARRAY_LEN(kommuner); k++) {
		struct catalog kc;
		CHECK(catalog_load(db, kommuner[k], &kc) == 0, "load %s", kommuner[k]);
		sb_reset(&err);
		CHECK(load_synonyms(&kc, &err) == 0 && search_synonyms_count(kc.synonyms) >= 40,
		      "synonyms for %s: %s", kommuner[k], sb_str(&err));
		catalog_free(&kc);
	}
	if (db)
		db_close(db);
	sb_free(&err);
}
