/* fuzz_import.c - libFuzzer harness for the importer: any bytes go through
 * the CSV reader, the service-list validation, the diff against a small
 * catalogue (with two services of the same name) and the preview printer.
 * Whatever is accepted must also survive the export round trip: written
 * with svcfile_write (plain and for spreadsheets) and read back, every
 * cell must be the same. The first byte picks delimiter and encoding. */
#include "trapp/import.h"
#include "trapp/svcfile.h"
#include "trapp/util.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct level levels[] = {
	{.ord = 1, .code = "universelt", .name = "Universelt", .prevention = PREV_UNI},
	{.ord = 2, .code = "selektivt", .name = "Selektivt", .prevention = PREV_SEL},
	{.ord = 3, .code = "indikert", .name = "Indikert", .prevention = PREV_IND},
};
static struct need needs[] = {{.code = "rus"}, {.code = "skole"}, {.code = "vold"}};

static struct service make(const char *slug, const char *name, const char *age, const char *lv)
{
	struct service s = {0};
	s.slug = xstrdup(slug);
	s.name = xstrdup(name);
	s.age_text = xstrdup(age);
	s.level_codes = xstrdup(lv);
	s.level_text = xstrdup("");
	s.need_codes = xstrdup("rus");
	s.target = xstrdup("ungdom");
	char **rest[] = {&s.description, &s.target_group, &s.responsible, &s.category,
			 &s.organisation, &s.cooperation, &s.implementation, &s.evaluation,
			 &s.address, &s.opening_hours, &s.source, &s.aliases, &s.notes};
	for (size_t i = 0; i < ARRAY_LEN(rest); i++)
		*rest[i] = xstrdup("");
	age_parse(age, &s.ages);
	return s;
}

static void current_catalog(struct catalog *c)
{
	memset(c, 0, sizeof *c);
	c->kommune.code = xstrdup("fuzz");
	c->kommune.name = xstrdup("Fuzz");
	c->kommune.level_model = xstrdup("prevention3");
	c->kommune.source = xstrdup("");
	c->levels = xcalloc(ARRAY_LEN(levels), sizeof *c->levels);
	for (size_t i = 0; i < ARRAY_LEN(levels); i++) {
		c->levels[i] = levels[i];
		c->levels[i].code = xstrdup(levels[i].code);
		c->levels[i].name = xstrdup(levels[i].name);
	}
	c->n_levels = ARRAY_LEN(levels);
	c->needs = xcalloc(ARRAY_LEN(needs), sizeof *c->needs);
	for (size_t i = 0; i < ARRAY_LEN(needs); i++)
		c->needs[i].code = xstrdup(needs[i].code);
	c->n_needs = ARRAY_LEN(needs);
	c->svc = xcalloc(4, sizeof *c->svc);
	c->svc[c->n_svc++] = make("ungdomsklubb", "Ungdomsklubb", "13 - 18 år", "universelt");
	c->svc[c->n_svc++] = make("stotte", "Støtte", "0 - 18 år", "selektivt");
	c->svc[c->n_svc++] = make("stotte-2", "Støtte", "Over 18 år", "selektivt");
	c->svc[c->n_svc++] = make("mst", "MST", "12 - 17 år", "indikert");
	catalog_finish(c);
}

/* Write the accepted services and read them back: same cells. */
static void round_trip(const struct import_plan *p, const struct svc_context *ctx, int excel)
{
	struct catalog view = {0};
	view.svc = p->incoming.v;
	view.n_svc = p->incoming.n;
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	svcfile_write(fp, &view, NULL, 0, excel);
	fclose(fp);
	struct svc_list back;
	struct diag d = {.file = "rundtur"};
	struct csvin_opts o = {0};
	if (svcfile_read(buf, len, &o, ctx, &back, &d, NULL) != 0 || d.errors || back.n != view.n_svc) {
		diag_print(&d, stderr);
		fprintf(stderr, "round trip (excel=%d): %zu services, read back %zu\n", excel,
			view.n_svc, back.n);
		abort();
	}
	for (size_t i = 0; i < back.n; i++) {
		struct strbuf ra = {0}, rb = {0};
		const char *va[SC_COUNT], *vb[SC_COUNT];
		svcfile_values(&view.svc[i], va, &ra);
		svcfile_values(&back.v[i], vb, &rb);
		for (int c = 0; c < SC_COUNT; c++)
			if (strcmp(va[c], vb[c]) != 0) {
				fprintf(stderr, "round trip (excel=%d): row %zu %s «%s» became «%s»\n",
					excel, i, svc_col_names[c], va[c], vb[c]);
				abort();
			}
		sb_free(&ra);
		sb_free(&rb);
	}
	svc_list_free(&back);
	diag_free(&d);
	free(buf);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char delims[] = {0, ',', ';', '\t'};
	static const char *const encodings[] = {NULL, "UTF-8", "WINDOWS-1252", "ISO-8859-1"};
	static FILE *devnull;
	if (!devnull)
		devnull = fopen("/dev/null", "w");
	if (size < 1)
		return 0;
	struct csvin_opts o = {0};
	o.delim = delims[data[0] & 3];
	o.encoding = encodings[(data[0] >> 2) & 3];
	o.max_field = 4096;

	struct import_plan p;
	memset(&p, 0, sizeof p);
	p.file = xstrdup("fuzz.csv");
	p.diag.file = p.file;
	current_catalog(&p.current);
	struct svc_context ctx = {p.current.levels, p.current.n_levels, p.current.needs,
				  p.current.n_needs};
	if (svcfile_read((const char *)data + 1, size - 1, &o, &ctx, &p.incoming, &p.diag,
			 &p.info) == 0 && !p.diag.errors) {
		import_diff(&p);
		import_print(devnull, &p);
		round_trip(&p, &ctx, 0);
		round_trip(&p, &ctx, 1);
	}
	diag_print(&p.diag, devnull);
	import_plan_free(&p);
	return 0;
}
