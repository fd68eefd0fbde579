/* test_import.c - the import model against a real database: a new kommune
 * by import, matching by id and by name (two services with one name),
 * columns the file lacks kept, ids of new services kept unique, bad
 * kommune/model values, the stale-preview check, and the reversible
 * formula escaping of the export. */
#include "check.h"
#include "trapp/db.h"
#include "trapp/import.h"
#include "trapp/load.h"
#include "trapp/util.h"

#include <stdlib.h>
#include <string.h>

static struct db *open_db(void)
{
	struct strbuf err = {0};
	char *path = xasprintf("%s/import.db", test_tmpdir());
	struct db *db = db_open(path, 0, load_seed, &err);
	CHECK(db != NULL, "open: %s", sb_str(&err));
	free(path);
	sb_free(&err);
	return db;
}

/* Prepare text for kommune (model for a new one); returns the status. */
static int prepare(struct db *db, const char *kommune, const char *model, const char *text,
		   struct import_plan *p)
{
	struct import_opts o = {.kommune = kommune, .level_model = model};
	struct strbuf err = {0};
	int rc = import_prepare(db, &o, "liste.csv", text, strlen(text), p, &err);
	CHECK(rc == IMPORT_OK || err.len, "a refusal says why");
	sb_free(&err);
	return rc;
}

static int run(struct db *db, const char *kommune, const char *model, const char *text,
	       struct import_plan *p)
{
	int rc = prepare(db, kommune, model, text, p);
	struct strbuf err = {0};
	if (rc == IMPORT_OK && !p->diag.errors && import_apply(db, p, &err) != 0)
		rc = -1;
	CHECK(rc == IMPORT_OK, "import applied: %s (%s)", sb_str(&err),
	      p->diag.msgs.n ? p->diag.msgs.v[0] : "");
	sb_free(&err);
	return rc;
}

static const struct import_change *find(const struct import_plan *p, enum import_kind k,
					const char *name)
{
	for (size_t i = 0; i < p->n_changes; i++) {
		const struct service *s = p->changes[i].after ? p->changes[i].after : p->changes[i].before;
		if (p->changes[i].kind == k && strcmp(s->name, name) == 0)
			return &p->changes[i];
	}
	return NULL;
}

static const char OWN[] =
	"id,name,description,age,levels,needs,responsible\n"
	"klubb,Ungdomsklubb,Møteplass,13 - 18 år,universelt,fritid,Fritid\n"
	"stotte,Støtte,Penger,0 - 18 år,selektivt,levekar,NAV\n"
	"stotte-voksen,Støtte,Penger,Over 18 år,selektivt,levekar,NAV voksen\n"
	"a,Bbb,Annet navn enn id,,indikert,,\n";

static void test_matching(struct db *db)
{
	struct import_plan p;
	run(db, "imp", "prevention3", OWN, &p);
	CHECK(p.new_kommune && p.n_added == 4, "new kommune with 4 services (%zu)", p.n_added);
	import_plan_free(&p);

	/* a Tromsø sheet: no ids, no needs; the two «Støtte» rows swapped */
	const char *sheet = "Tiltak;Hva er dette?;Alder;Nivå;Ansvar\n"
			    "Støtte;Penger;Over 18 år;Selektivt;NAV voksen\n"
			    "STØTTE;Penger;0 - 18 år;Selektivt;NAV\n"
			    "Ungdomsklubb;Møteplass for ungdom;13 - 18 år;Universelt;Fritid\n"
			    "A;Ny;;Indikert;\n";
	prepare(db, "imp", NULL, sheet, &p);
	CHECK(p.diag.errors == 0, "sheet reads");
	CHECK(p.n_changed == 3 && p.n_added == 1 && p.n_removed == 1,
	      "changed 3, added 1, removed 1 (%zu %zu %zu)", p.n_changed, p.n_added, p.n_removed);
	const struct import_change *ch = find(&p, IMPORT_CHANGED, "Ungdomsklubb");
	CHECK(ch && ch->n_fields == 2, "klubb: description and level text changed");
	if (ch) {
		CHECK(ch->fields[0].col == SC_DESCRIPTION, "first changed field is the description");
		CHECK_STR(ch->after->slug, "klubb");
		CHECK_STR(ch->after->need_codes, "fritid");  /* kept: the sheet has no needs */
	}
	ch = find(&p, IMPORT_CHANGED, "STØTTE");
	CHECK(ch && ch->before && strcmp(ch->before->slug, "stotte") == 0,
	      "upper-case name matched to the 0-18 «Støtte», not the adult one");
	CHECK(ch && ch->n_fields == 2, "name changed (case) and level text filled in");
	CHECK(find(&p, IMPORT_REMOVED, "Bbb") != NULL, "Bbb removed");
	ch = find(&p, IMPORT_ADDED, "A");
	CHECK(ch && strcmp(ch->after->slug, "a-2") == 0, "new «A» gets a free id (%s)",
	      ch ? ch->after->slug : "-");
	CHECK(ch && strcmp(ch->after->source, "liste.csv") == 0, "new service names the file");
	ch = find(&p, IMPORT_CHANGED, "Støtte");
	CHECK(ch && strcmp(ch->before->slug, "stotte-voksen") == 0 && ch->n_fields == 1 &&
	      ch->fields[0].col == SC_LEVEL_TEXT, "adult «Støtte» only gets its level text");

	/* the catalogue changes between preview and apply: refused */
	struct import_plan other;
	run(db, "imp", NULL, "id,name,levels\nklubb,Klubb,universelt\n", &other);
	import_plan_free(&other);
	struct strbuf err = {0};
	CHECK(import_apply(db, &p, &err) != 0 && strstr(sb_str(&err), "endret siden"),
	      "stale preview refused: %s", sb_str(&err));
	sb_free(&err);
	import_plan_free(&p);

	/* ... also when another connection (another trapp) changed it */
	prepare(db, "imp", NULL, "id,name,levels\nklubb,Klubb,universelt\nny,Ny,universelt\n", &p);
	struct strbuf oerr = {0};
	struct db *db2 = db_open(db_path(db), 0, load_seed, &oerr);
	CHECK(db2 && db_service_delete(db2, "imp", "klubb") == 0, "other connection writes: %s",
	      db2 ? db_error(db2) : sb_str(&oerr));
	db_close(db2);
	sb_free(&oerr);
	CHECK(import_apply(db, &p, &err) != 0 && strstr(sb_str(&err), "endret siden"),
	      "preview made stale by another connection refused: %s", sb_str(&err));
	sb_free(&err);
	import_plan_free(&p);
	/* and an untouched preview applies */
	prepare(db, "imp", NULL, "id,name,levels\nny,Ny,universelt\n", &p);
	CHECK(import_apply(db, &p, &err) == 0, "untouched preview applies: %s", sb_str(&err));
	sb_free(&err);
	import_plan_free(&p);

	run(db, "imp", NULL, OWN, &other);
	import_plan_free(&other);

	/* by id: a rename is a change of the same service */
	const char *renamed = "id,name,levels\nklubb,Ungdomsklubben,universelt\n";
	prepare(db, "imp", NULL, renamed, &p);
	ch = find(&p, IMPORT_CHANGED, "Ungdomsklubben");
	CHECK(ch && ch->by_id && ch->fields[0].col == SC_NAME, "rename by id is a change");
	CHECK(p.n_removed == 3, "the others are removed (%zu)", p.n_removed);
	import_plan_free(&p);
}

static void test_refusals(struct db *db)
{
	struct import_plan p;
	CHECK(prepare(db, "ny-kommune", NULL, "Tiltak,Nivå\nA,Universelt\n", &p) == IMPORT_BAD_VALUE,
	      "unknown kommune without a level model");
	import_plan_free(&p);
	CHECK(prepare(db, "ny-kommune", "lilla9", "Tiltak,Nivå\nA,Universelt\n", &p) == IMPORT_BAD_VALUE,
	      "unknown level model");
	import_plan_free(&p);
	CHECK(prepare(db, "tromso", "elverum7", "Tiltak,Nivå\nA,Universelt\n", &p) == IMPORT_BAD_VALUE,
	      "level model of an existing kommune cannot change");
	import_plan_free(&p);
	CHECK(prepare(db, "Ny Kommune", "prevention3", "Tiltak,Nivå\nA,Universelt\n", &p) == IMPORT_BAD_VALUE,
	      "kommune code must be a slug");
	import_plan_free(&p);
	prepare(db, "tromso", NULL, "Tiltak,Nivå\n,Universelt\nB,Lilla\nC,\n", &p);
	CHECK(p.diag.errors == 3 && p.n_changes == 0, "three bad rows, no changes (%d)", p.diag.errors);
	struct strbuf err = {0};
	CHECK(import_apply(db, &p, &err) != 0, "a plan with errors is not applied");
	sb_free(&err);
	import_plan_free(&p);
}

/* Export (plain and for spreadsheets) and read back: the same cells. */
static void test_formula_escape(struct db *db)
{
	const char *text = "id,name,description,responsible,levels\n"
			   "f1,=SUM(A1),'=1+2,''@x,universelt\n"
			   "f2,Navn,-liste,+47 123,selektivt\n";
	struct import_plan p;
	run(db, "formler", "prevention3", text, &p);
	import_plan_free(&p);
	struct catalog c;
	if (catalog_load(db, "formler", &c) != 0)
		return;
	const struct service *s = catalog_find_slug(&c, "f1");
	CHECK(s && strcmp(s->name, "=SUM(A1)") == 0, "plain formula text kept");
	CHECK(s && strcmp(s->description, "=1+2") == 0, "one apostrophe removed on import");
	CHECK(s && strcmp(s->responsible, "'@x") == 0, "only one apostrophe removed");
	for (int excel = 0; excel < 2; excel++) {
		char *buf = NULL;
		size_t len = 0;
		FILE *fp = open_memstream(&buf, &len);
		svcfile_write(fp, &c, NULL, 0, excel);
		fclose(fp);
		if (excel) {
			CHECK(strncmp(buf, "\xEF\xBB\xBFid;name;", 11) == 0, "excel: BOM and semicolons");
			CHECK(strstr(buf, ";'=SUM(A1);") != NULL, "excel: formula neutralised");
			CHECK(strstr(buf, "\r\n") != NULL, "excel: CRLF");
		} else {
			CHECK(strstr(buf, ",=SUM(A1),") != NULL, "plain: value verbatim");
			CHECK(strstr(buf, ",''@x,") != NULL, "plain: escaped value escaped again");
		}
		prepare(db, "formler", NULL, buf, &p);
		CHECK(p.diag.errors == 0 && p.n_changes == 0, "excel=%d export reads back unchanged (%zu)",
		      excel, p.n_changes);
		import_plan_free(&p);
		free(buf);
	}
	catalog_free(&c);
}

void test_import(void)
{
	struct db *db = open_db();
	if (!db)
		return;
	test_matching(db);
	test_refusals(db);
	test_formula_escape(db);
	db_close(db);
}
