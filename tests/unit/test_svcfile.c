/* test_svcfile.c - reading service lists as people export them: every bad
 * row reported with its line, warnings for unknown ages, Tromsø headers. */
#include "check.h"
#include "trapp/svcfile.h"
#include "trapp/util.h"

#include <string.h>

static struct level prev3[] = {
	{.ord = 1, .code = "universelt", .name = "Universelt", .prevention = PREV_UNI},
	{.ord = 2, .code = "selektivt", .name = "Selektivt", .prevention = PREV_SEL},
	{.ord = 3, .code = "indikert", .name = "Indikert", .prevention = PREV_IND},
};
static struct need needs[] = {{.code = "rus"}, {.code = "skole"}};

static int read_text(const char *text, struct svc_list *l, struct diag *d)
{
	struct svc_context ctx = {prev3, 3, needs, 2};
	struct csvin_opts o = {0};
	d->file = "liste.csv";
	return svcfile_read(text, strlen(text), &o, &ctx, l, d, NULL);
}

static int has_msg(const struct diag *d, const char *prefix)
{
	for (size_t i = 0; i < d->msgs.n; i++)
		if (strncmp(d->msgs.v[i], prefix, strlen(prefix)) == 0)
			return 1;
	return 0;
}

void test_svcfile(void)
{
	struct svc_list l;
	struct diag d = {0};
	const char *good = "Tiltak;Hva er dette?;ALDER;Målgruppe;NIVÅ;Ansvar;Farge\n"
			   "Ungdomsklubb;Møteplass;13 - 18 år;Ungdom;Universelt;Fritid;blå\n"
			   "Gatemegling;\"Konflikt; megling\nover to linjer\";13 - 25 år;Ungdom;Selektivt og indikert;SLT;\n"
			   "Ungdomsklubb;Annen;Etter avtale;;Selktivt;;\n";
	CHECK(read_text(good, &l, &d) == 0, "reads");
	CHECK(d.errors == 0, "no errors (%d: %s)", d.errors, d.msgs.n ? d.msgs.v[0] : "");
	CHECK(l.n == 3, "three services (%zu)", l.n);
	CHECK(has_msg(&d, "liste.csv:1: Farge: advarsel: ukjent kolonne"), "unknown column reported");
	CHECK(has_msg(&d, "liste.csv:5: Alder: advarsel:"), "unparseable age is a warning on line 5");
	if (l.n == 3) {
		CHECK_STR(l.v[1].level_codes, "selektivt;indikert");
		CHECK_STR(l.v[1].description, "Konflikt; megling\nover to linjer");
		CHECK_STR(l.v[2].slug, "ungdomsklubb-2");
		CHECK(l.v[2].age_basis == AGE_UNKNOWN, "kept as alder ikke oppgitt");
		CHECK(l.line[2] == 5, "line of the third record is 5 (%ld)", l.line[2]);
		CHECK_STR(l.v[0].target, "ungdom");
	}
	svc_list_free(&l);
	diag_free(&d);

	/* three bad rows: all reported with their lines */
	const char *bad = "name,levels,age,needs\n"
			  "Ok,universelt,0 - 6 år,rus\n"
			  ",universelt,0 - 6 år,\n"
			  "Feil nivå,lilla,0 - 6 år,\n"
			  "Feil behov,indikert,6 - 12 år,rus;hobby\n";
	read_text(bad, &l, &d);
	CHECK(d.errors == 3, "three errors (%d)", d.errors);
	CHECK(has_msg(&d, "liste.csv:3: Tiltak: navn mangler"), "missing name on line 3");
	CHECK(has_msg(&d, "liste.csv:4: levels: ukjent nivå «lilla»"), "bad level on line 4");
	CHECK(has_msg(&d, "liste.csv:5: needs: ukjent behov «hobby»"), "bad need on line 5");
	svc_list_free(&l);
	diag_free(&d);

	read_text("Hva er dette?,Alder\nx,1 år\n", &l, &d);
	CHECK(has_msg(&d, "liste.csv:1: Tiltak: mangler påkrevd kolonne"), "missing name column");
	CHECK(has_msg(&d, "liste.csv:1: Nivå: mangler påkrevd kolonne"), "missing level column");
	svc_list_free(&l);
	diag_free(&d);

	CHECK(read_text("", &l, &d) == -1 && has_msg(&d, "liste.csv:1:"), "empty file refused");
	svc_list_free(&l);
	diag_free(&d);
}
