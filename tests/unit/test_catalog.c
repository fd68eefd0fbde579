/* test_catalog.c - the filter both the CLI and the TUI use: age, needs,
 * levels across level models, target, search with æ/ø/å. */
#include "check.h"
#include "trapp/db.h"
#include "trapp/load.h"
#include "trapp/util.h"

#include <stdlib.h>
#include <string.h>

static int has(const struct catalog *c, const size_t *idx, size_t n, const char *slug)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(c->svc[idx[i]].slug, slug) == 0)
			return 1;
	return 0;
}

void test_catalog(void)
{
	struct strbuf err = {0};
	char *path = xasprintf("%s/catalog.db", test_tmpdir());
	struct db *db = db_open(path, 0, load_seed, &err);
	free(path);
	CHECK(db != NULL, "open: %s", sb_str(&err));
	sb_free(&err);
	if (!db)
		return;
	struct catalog c;
	CHECK(catalog_load(db, "tromso", &c) == 0, "load tromso");
	size_t *idx = xcalloc(c.n_svc + 1, sizeof *idx);
	struct filter f;
	filter_init(&f);
	CHECK(catalog_filter(&c, &f, NULL, 0, idx) == c.n_svc, "empty filter matches all");

	f.age = 14;
	size_t n = catalog_filter(&c, &f, NULL, 0, idx);
	CHECK(has(&c, idx, n, "audiator"), "13 - 20 år holds 14");
	CHECK(!has(&c, idx, n, "helsestasjon-for-barn-0-5-ar"), "0 - 5 år does not hold 14");
	CHECK(has(&c, idx, n, "fastlege-og-legekontorer"), "Alle aldre holds 14");
	CHECK(has(&c, idx, n, "slt-koordinator"), "unknown age matches every age");
	for (size_t i = 0; i < c.n_svc; i++)
		if (strcmp(c.svc[i].age_text, "Ansatte") == 0)
			CHECK(!has(&c, idx, n, c.svc[i].slug), "Ansatte never matches an age: %s", c.svc[i].slug);
	f.age = 0;
	n = catalog_filter(&c, &f, NULL, 0, idx);
	for (size_t i = 0; i < c.n_svc; i++)
		if (strcmp(c.svc[i].age_text, "Gravide og barsel") == 0)
			CHECK(has(&c, idx, n, c.svc[i].slug), "Gravide og barsel is age 0");

	filter_init(&f);
	int rus = catalog_need_index(&c, "rus");
	f.needs = 1u << rus;
	n = catalog_filter(&c, &f, NULL, 0, idx);
	CHECK(n > 5, "several rus services (%zu)", n);
	for (size_t i = 0; i < n; i++)
		CHECK(strstr(c.svc[idx[i]].need_codes, "rus") != NULL, "need filter exact");

	filter_init(&f);
	filter_set_search(&f, "ØKONOMISK STØTTE");
	n = catalog_filter(&c, &f, NULL, 0, idx);
	CHECK(has(&c, idx, n, "okonomisk-stotte-til-fritidsaktiviteter") &&
	      has(&c, idx, n, "okonomisk-stotte-til-fritidsaktiviteter-2"),
	      "case-insensitive search with æ/ø/å finds both rows of the same name (%zu)", n);
	filter_set_search(&f, "økonomisk støtte til fritid");
	size_t narrowed = catalog_filter(&c, &f, idx, n, idx);
	CHECK(narrowed >= 2 && strncmp(c.svc[idx[0]].slug, "okonomisk-stotte-til-fritidsaktiviteter", 39) == 0 &&
	      strncmp(c.svc[idx[1]].slug, "okonomisk-stotte-til-fritidsaktiviteter", 39) == 0,
	      "narrowing pass ranks both rows with every word first (%zu)", narrowed);
	filter_free(&f);

	filter_init(&f);
	CHECK(catalog_level_mask(&c, "selektivt", &f.levels) == 0, "selektivt is a level");
	n = catalog_filter(&c, &f, NULL, 0, idx);
	CHECK(n == 64, "64 selektivt services (%zu)", n);
	uint32_t m = 0;
	CHECK(catalog_level_mask(&c, "trinn4", &m) == -1, "trinn4 is not a Tromsø level");
	free(idx);
	catalog_free(&c);

	/* cross-model: universelt on Elverum = trinn 1, on Senja = grønn */
	CHECK(catalog_load(db, "elverum", &c) == 0, "load elverum");
	filter_init(&f);
	catalog_level_mask(&c, "universelt", &f.levels);
	CHECK(f.levels == 1, "universelt = trinn1 on Elverum");
	f.levels = 0;
	catalog_level_mask(&c, "indikert", &f.levels);
	CHECK(f.levels == 0x7C, "indikert = trinn3-7 on Elverum (trinn 3 is selektivt;indikert)");
	catalog_free(&c);
	CHECK(catalog_load(db, "senja", &c) == 0, "load senja");
	f.levels = 0;
	CHECK(catalog_level_mask(&c, "gul", &f.levels) == 0 && f.levels == 2, "gul is Senja's level 2");
	f.levels = 0;
	catalog_level_mask(&c, "selektivt", &f.levels);
	CHECK(f.levels == 2, "selektivt = gul on Senja");
	catalog_free(&c);
	db_close(db);
}
