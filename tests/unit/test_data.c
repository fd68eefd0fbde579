/* test_data.c - the shipped catalogues: every file reads without errors,
 * row counts match the source documents, every service has a level and a
 * source, ids are unique, and the Tromsø names are the appendix's names in
 * the appendix's order. Counts were taken from the documents:
 *  - 001 appendix 1: 124 data rows (tests/fixtures/tromso-2024-06.tsv);
 *  - 003 Elverum: service lines per trinn 28, 38, 23, 23, 22, 8, 3, where
 *    trinn 4 lists Støttekontakt and Avlastning under child welfare and
 *    again under health (different services) and trinn 5 lists BPA twice,
 *    so 28, 38, 23, 23, 21, 8, 3 distinct services per trinn;
 *  - 002 Senja tables 2-7: 13, 7, 11, 12, 14, 6 rows, four of which only
 *    point to other tables or measures ("se egen tabell"): 59 measures
 *    (test_fidelity.c reads the tables themselves);
 *  - 004 Tromsø 2011: 5 projects, 7 departments, 7 named sub-offers. */
#include "check.h"
#include "trapp/db.h"
#include "trapp/load.h"
#include "trapp/svcfile.h"
#include "trapp/util.h"

#include <stdlib.h>
#include <string.h>

static struct db *seeded(void)
{
	static struct db *db;
	if (!db) {
		struct strbuf err = {0};
		char *path = xasprintf("%s/data.db", test_tmpdir());
		db = db_open(path, 0, load_seed, &err);
		CHECK(db != NULL, "open: %s", sb_str(&err));
		free(path);
		sb_free(&err);
	}
	return db;
}

static void check_kommune(struct db *db, const char *kommune, size_t want)
{
	struct svc_list l;
	struct diag d = {0};
	int rc = load_embedded_services(db, kommune, &l, &d);
	CHECK(rc == 0 && d.errors == 0, "%s reads without errors (%d; first: %s)", kommune, d.errors,
	      d.msgs.n ? d.msgs.v[0] : "");
	CHECK(l.n == want, "%s: %zu services, document has %zu", kommune, l.n, want);
	for (size_t i = 0; i < l.n; i++) {
		CHECK(l.v[i].levels != 0, "%s/%s has a level", kommune, l.v[i].slug);
		CHECK(*l.v[i].source, "%s/%s has a source", kommune, l.v[i].slug);
		CHECK(*l.v[i].name, "%s line %ld has a name", kommune, l.line[i]);
		for (size_t j = 0; j < i; j++)
			if (strcmp(l.v[i].slug, l.v[j].slug) == 0)
				CHECK(0, "%s: id %s twice", kommune, l.v[i].slug);
	}
	svc_list_free(&l);
	diag_free(&d);
}

static void check_tromso_names(struct db *db)
{
	char *buf;
	size_t len;
	CHECK(read_file("tests/fixtures/tromso-2024-06.tsv", &buf, &len) == 0, "June fixture readable");
	struct catalog c;
	if (catalog_load(db, "tromso", &c) != 0)
		return;
	struct svc_context ctx = {c.levels, c.n_levels, c.needs, c.n_needs};
	struct svc_list l;
	struct diag d = {0};
	struct csvin_opts o = {0};
	svcfile_read(buf, len, &o, &ctx, &l, &d, NULL);
	CHECK(d.errors == 0 && l.n == 124, "June appendix: 124 rows read from the document (%zu, %d errors)",
	      l.n, d.errors);
	struct svc_list e;
	struct diag d2 = {0};
	load_embedded_services(db, "tromso", &e, &d2);
	for (size_t i = 0; i < l.n && i < e.n; i++) {
		CHECK(strcmp(l.v[i].name, e.v[i].name) == 0, "row %zu name «%s» vs document «%s»", i + 1,
		      e.v[i].name, l.v[i].name);
		CHECK(strcmp(l.v[i].level_codes, e.v[i].level_codes) == 0,
		      "row %zu «%s» levels %s, parsed from document %s", i + 1, e.v[i].name,
		      e.v[i].level_codes, l.v[i].level_codes);
		CHECK(strcmp(l.v[i].age_text, e.v[i].age_text) == 0, "row %zu age text", i + 1);
	}
	svc_list_free(&l);
	svc_list_free(&e);
	diag_free(&d);
	diag_free(&d2);
	catalog_free(&c);
	free(buf);
}

void test_data(void)
{
	struct db *db = seeded();
	if (!db)
		return;
	check_kommune(db, "tromso", 124);
	check_kommune(db, "elverum", 128);
	check_kommune(db, "senja", 59);
	check_kommune(db, "tromso-2011", 19);
	check_tromso_names(db);

	struct catalog c;
	CHECK(catalog_load(db, "elverum", &c) == 0, "elverum loads");
	static const size_t per_trinn[7] = {28, 38, 23, 23, 21, 8, 3};
	size_t counts[7] = {0};
	struct filter f;
	filter_init(&f);
	CHECK(c.n_levels == 7, "Elverum has 7 trinn");
	if (c.n_levels == 7) {
		catalog_level_counts(&c, &f, counts);
		for (int i = 0; i < 7; i++)
			CHECK(counts[i] == per_trinn[i], "trinn %d: %zu services, document %zu", i + 1,
			      counts[i], per_trinn[i]);
		CHECK(*c.levels[0].goal && *c.levels[6].access, "trinn have goal and access rule");
	}
	const struct service *s = catalog_find_slug(&c, "stottekontakt");
	CHECK(s && s->levels == ((1u << 3) | (1u << 4)), "Støttekontakt is one service on trinn 4 and 5");
	catalog_free(&c);

	CHECK(catalog_load(db, "senja", &c) == 0 && c.n_levels == 3, "senja has 3 levels");
	catalog_free(&c);
	CHECK(catalog_load(db, "tromso", &c) == 0 && c.n_levels == 3, "tromso has 3 levels");
	size_t n_uni = 0, n_sel = 0, n_ind = 0;
	for (size_t i = 0; i < c.n_svc; i++) {
		n_uni += (c.svc[i].levels & 1) != 0;
		n_sel += (c.svc[i].levels & 2) != 0;
		n_ind += (c.svc[i].levels & 4) != 0;
	}
	/* appendix 1: 29 Universelt, 3 Universelt og selektivt, 46 Selektivt,
	 * 15 Selektivt og indikert (one spelled Selktivt), 31 Indikert */
	CHECK(n_uni == 32 && n_sel == 64 && n_ind == 46, "levels per step %zu/%zu/%zu", n_uni, n_sel, n_ind);
	catalog_free(&c);
	db_close(db);
}
