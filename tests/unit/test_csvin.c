/* test_csvin.c - the CSV reader: line numbers, delimiters, encodings, BOM,
 * CRLF, quoted line breaks and hostile input. */
#include "check.h"
#include "trapp/csvin.h"
#include "trapp/util.h"

#include <string.h>

struct got {
	int n;
	long lines[16];
	char fields[16][4][64];
	size_t nf[16];
};

static int collect(void *ctx, const struct csv_record *rec)
{
	struct got *g = ctx;
	if (g->n < 16) {
		g->lines[g->n] = rec->line;
		g->nf[g->n] = rec->n;
		for (size_t i = 0; i < rec->n && i < 4; i++)
			snprintf(g->fields[g->n][i], 64, "%s", rec->f[i]);
	}
	g->n++;
	return 0;
}

static int parse(const char *text, size_t len, struct got *g, struct csvin_info *info,
		 struct strbuf *err)
{
	memset(g, 0, sizeof *g);
	struct csvin_opts o = {0};
	return csvin_parse(text, len, &o, collect, g, info, err);
}

void test_csvin(void)
{
	struct got g;
	struct csvin_info info;
	struct strbuf err = {0};

	const char *t1 = "a,b\n\"x\ny\",2\n3,4\n";
	CHECK(parse(t1, strlen(t1), &g, &info, &err) == 0, "parse: %s", sb_str(&err));
	CHECK(g.n == 3 && g.lines[1] == 2 && g.lines[2] == 4, "record lines 1,2,4 (got %ld,%ld)",
	      g.lines[1], g.lines[2]);
	CHECK_STR(g.fields[1][0], "x\ny");

	/* semicolon + Windows-1252 + CRLF + BOM-less; Excel style */
	const char *t2 = "Tiltak;Alder\r\nBj\xf8rn \x96 test;\"13 - 20 \xe5r\"\r\n";
	CHECK(parse(t2, strlen(t2), &g, &info, &err) == 0, "cp1252: %s", sb_str(&err));
	CHECK(info.delim == ';', "semicolon detected");
	CHECK(strcmp(info.encoding, "WINDOWS-1252") == 0, "encoding detected: %s", info.encoding);
	CHECK_STR(g.fields[1][0], "Bjørn – test");
	CHECK_STR(g.fields[1][1], "13 - 20 år");

	/* UTF-8 with BOM, tab separated */
	const char *t3 = "\xEF\xBB\xBFTiltak\tAlder\nÅpen barnehage\t0 - 6 år\n";
	CHECK(parse(t3, strlen(t3), &g, &info, &err) == 0, "bom: %s", sb_str(&err));
	CHECK(info.had_bom && info.delim == '\t', "bom and tab detected");
	CHECK_STR(g.fields[0][0], "Tiltak");

	/* unbalanced quote: error names the line where the record starts */
	sb_reset(&err);
	const char *t4 = "a,b\n1,2\n\"open,3\n4,5\n";
	CHECK(parse(t4, strlen(t4), &g, &info, &err) == -1, "unbalanced quote refused");
	CHECK(strstr(sb_str(&err), "linje 3") != NULL, "names line 3: %s", sb_str(&err));

	/* NUL byte: binary file */
	sb_reset(&err);
	const char t5[] = "a,b\n1,\0\n";
	CHECK(parse(t5, sizeof t5 - 1, &g, &info, &err) == -1, "NUL refused");
	CHECK(strstr(sb_str(&err), "linje 2") != NULL, "NUL line: %s", sb_str(&err));

	/* a field larger than the limit */
	sb_reset(&err);
	struct strbuf big = {0};
	sb_puts(&big, "a\n\"");
	for (int i = 0; i < 300000; i++)
		sb_puts(&big, "xxxx");
	sb_puts(&big, "\"\n");
	CHECK(parse(big.buf, big.len, &g, &info, &err) == -1, "huge field refused");
	CHECK(strstr(sb_str(&err), "større enn") != NULL, "huge field message: %s", sb_str(&err));
	sb_free(&big);

	/* empty input: no records, no error */
	sb_reset(&err);
	CHECK(parse("", 0, &g, &info, &err) == 0 && g.n == 0, "empty input");
	sb_free(&err);
}
