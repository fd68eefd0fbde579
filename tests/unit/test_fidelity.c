/* test_fidelity.c - the shipped catalogues against the source documents in
 * tests/fixtures/seeds (copies of /work/shared/seeds):
 *  - every need tag and every target has evidence in the service's own
 *    words (tests/need-evidence.csv, tests/target-evidence.csv) or a
 *    reason in the row's notes; every inferred level and age has one too;
 *  - no row only points to another table (Senja's "se egen tabell");
 *  - the source rows of Senja's tables 2-7 and of Tromsø's appendix 2 are
 *    counted and found in the catalogue, so a lost row (or a lost last
 *    line) fails;
 *  - every spelling of an Elverum service in the source is its name or one
 *    of its aliases, and a search for it finds the service.
 * See data/FORMAT.md for the rules. */
#include "check.h"
#include "trapp/curation.h"
#include "trapp/db.h"
#include "trapp/load.h"
#include "trapp/svcfile.h"
#include "trapp/text.h"
#include "trapp/util.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

static const char *const KOMMUNER[] = {"tromso", "elverum", "senja", "tromso-2011"};

static struct db *open_db(void)
{
	struct strbuf err = {0};
	char *path = xasprintf("%s/fidelity.db", test_tmpdir());
	struct db *db = db_open(path, 0, load_seed, &err);
	CHECK(db != NULL, "open: %s", sb_str(&err));
	free(path);
	sb_free(&err);
	return db;
}

/* Every field of s between seps, empty ones and white space kept (sv_split
 * trims and drops empty fields; a table's cells need their positions). */
static void split_all(struct strvec *out, const char *s, char sep)
{
	for (;;) {
		const char *e = strchr(s, sep);
		if (!e) {
			sv_push(out, s);
			return;
		}
		sv_push_owned(out, xstrndup(s, (size_t)(e - s)));
		s = e + 1;
	}
}

/* The lines of a file, the last one kept even without a line break. */
static void read_lines(const char *path, struct strvec *out)
{
	char *buf;
	size_t len;
	CHECK(read_file(path, &buf, &len) == 0, "%s readable", path);
	if (!buf)
		return;
	split_all(out, buf, '\n');
	free(buf);
}

/* An evidence list: "code,word;word;..." per line after the header. */
struct evidence {
	struct strvec codes, words;  /* words.v[i]: the ';'-list of codes.v[i] */
};

static void evidence_read(const char *path, struct evidence *e)
{
	struct strvec lines = {0};
	read_lines(path, &lines);
	for (size_t i = 1; i < lines.n; i++) {
		char *comma = strchr(lines.v[i], ',');
		if (!comma)
			continue;
		sv_push_owned(&e->codes, xstrndup(lines.v[i], (size_t)(comma - lines.v[i])));
		sv_push(&e->words, comma + 1);
	}
	sv_free(&lines);
	CHECK(e->codes.n >= 8, "%s has evidence words (%zu codes)", path, e->codes.n);
}

static void evidence_free(struct evidence *e)
{
	sv_free(&e->codes);
	sv_free(&e->words);
}

/* The evidence word of code found in folded text, or NULL. */
static const char *evidence_hit(const struct evidence *e, const char *code, const char *folded)
{
	static char hit[128];
	for (size_t i = 0; i < e->codes.n; i++) {
		if (strcmp(e->codes.v[i], code) != 0)
			continue;
		struct strvec w = {0};
		sv_split(&w, e->words.v[i], ';');
		const char *found = NULL;
		for (size_t k = 0; k < w.n && !found; k++)
			if (*w.v[k] && strstr(folded, w.v[k])) {
				snprintf(hit, sizeof hit, "%s", w.v[k]);
				found = hit;
			}
		sv_free(&w);
		return found;
	}
	return NULL;
}

/* The service's own words: name, description, target group, age text, the
 * heading it is listed under and Senja's description of the measure; never
 * the responsible unit. */
static char *own_words(const struct service *s)
{
	char *all = xasprintf("%s\n%s\n%s\n%s\n%s\n%s", s->name, s->description, s->target_group,
			      s->age_text, s->category, s->organisation);
	char *f = text_fold(all);
	free(all);
	return f;
}

/* The target the stated ages alone give (as svcfile derives it), or NULL. */
static const char *age_target(const struct service *s)
{
	if (s->age_basis != AGE_STATED && s->age_basis != AGE_TEXT)
		return NULL;
	if (!s->ages.n)
		return NULL;
	int lo = s->ages.r[0].lo, hi = s->ages.r[s->ages.n - 1].hi;
	return lo >= 18 ? "voksne" : lo >= 13 ? "ungdom" : hi <= 12 ? "barn" : "alle";
}

static int has_note(const struct service *s, const char *key)
{
	char *n = curation_note(s, key);
	if (!n)
		return 0;
	free(n);
	return 1;
}

static void check_evidence(struct db *db, const struct evidence *needs, const struct evidence *targets)
{
	size_t tags = 0, with_reason = 0;
	for (size_t k = 0; k < ARRAY_LEN(KOMMUNER); k++) {
		struct svc_list l;
		struct diag d = {0};
		load_embedded_services(db, KOMMUNER[k], &l, &d);
		int judged_levels = strcmp(KOMMUNER[k], "senja") == 0 || strcmp(KOMMUNER[k], "tromso-2011") == 0;
		for (size_t i = 0; i < l.n; i++) {
			const struct service *s = &l.v[i];
			char *own = own_words(s);
			struct strvec codes = {0};
			sv_split(&codes, s->need_codes, ';');
			for (size_t c = 0; c < codes.n; c++) {
				char *key = xasprintf("need %s", codes.v[c]);
				int reason = has_note(s, key);
				tags++;
				with_reason += reason;
				CHECK(evidence_hit(needs, codes.v[c], own) || reason,
				      "%s/%s: need «%s» has no evidence in the service's own words and no reason",
				      KOMMUNER[k], s->slug, codes.v[c]);
				free(key);
			}
			/* a reason for a tag the row does not carry is stale */
			for (const char *p = s->notes; (p = strstr(p, "need ")) != NULL; p += 5) {
				char code[32] = {0};
				sscanf(p + 5, "%31[a-z]", code);
				int carried = 0;
				for (size_t c = 0; c < codes.n; c++)
					carried |= strcmp(codes.v[c], code) == 0;
				CHECK(carried, "%s/%s: a reason for need «%s», which the row does not carry",
				      KOMMUNER[k], s->slug, code);
			}
			const char *at = age_target(s);
			CHECK(evidence_hit(targets, s->target, own) || (at && strcmp(at, s->target) == 0) ||
				      curation_target_inferred(s),
			      "%s/%s: target «%s» is not in its own words nor its ages, and has no reason",
			      KOMMUNER[k], s->slug, s->target);
			CHECK(curation_level_inferred(s) == judged_levels,
			      "%s/%s: level %s (levels are judged only in Senja and Tromsø 2011)", KOMMUNER[k],
			      s->slug, judged_levels ? "judged without a reason" : "marked as judged");
			CHECK((s->age_basis == AGE_INFERRED) == has_note(s, "age"),
			      "%s/%s: an inferred age needs a reason, and only an inferred one", KOMMUNER[k],
			      s->slug);
			sv_free(&codes);
			free(own);
		}
		svc_list_free(&l);
		diag_free(&d);
	}
	CHECK(tags > 500 && with_reason < tags / 10, "%zu need tags, %zu of them by a reason", tags, with_reason);
}

/* The two rows the audit found tagged from their responsible unit. */
static void check_responsible_not_evidence(struct db *db)
{
	struct catalog c;
	if (catalog_load(db, "tromso", &c) != 0)
		return;
	struct filter f;
	filter_init(&f);
	f.needs = 1u << catalog_need_index(&c, "rus");
	size_t *idx = xcalloc(c.n_svc + 1, sizeof *idx);
	size_t n = catalog_filter(&c, &f, NULL, 0, idx);
	for (size_t i = 0; i < n; i++) {
		const char *slug = c.svc[idx[i]].slug;
		CHECK(strcmp(slug, "livskrisehjelpen") != 0 && strcmp(slug, "lanterna-oppfolgingstjeneste") != 0,
		      "--need rus does not list %s (only its responsible unit says rus)", slug);
	}
	CHECK(n > 5, "--need rus still lists the services about rus (%zu)", n);
	free(idx);
	catalog_free(&c);
}

/* A cell that only points elsewhere: "se egen tabell", "Se Tidlig inn
 * plattform", "Egen tabell for atferdsvansker". */
static int pointer_text(const char *measure, const char *responsible)
{
	char *m = text_fold(measure), *r = text_fold(responsible);
	int p = strstr(m, "egen tabell") || strncmp(m, "se ", 3) == 0 || strstr(r, "egen tabell");
	free(m);
	free(r);
	return p;
}

static char *trimmed(const char *s)
{
	return str_trim(xstrdup(s));
}

/* The row of table src that a source cell names: the same name, else a
 * name the cell is part of (a line the PDF broke), else -1. */
static long senja_row(const struct svc_list *l, const char *src, const char *cell)
{
	for (int exact = 1; exact >= 0; exact--)
		for (size_t k = 0; k < l->n; k++)
			if (strcmp(l->v[k].source, src) == 0 &&
			    (exact ? strcmp(l->v[k].name, cell) == 0
				   : strstr(l->v[k].name, cell) || strstr(cell, l->v[k].name)))
				return (long)k;
	return -1;
}

static void check_senja_tables(struct db *db)
{
	struct strvec lines = {0};
	read_lines("tests/fixtures/seeds/002_0623eadc016e3d83.txt", &lines);
	struct svc_list l;
	struct diag d = {0};
	load_embedded_services(db, "senja", &l, &d);
	for (size_t i = 0; i < l.n; i++)
		CHECK(!pointer_text(l.v[i].name, l.v[i].responsible),
		      "senja/%s only points to another table or measure", l.v[i].slug);
	unsigned char *seen = xcalloc(l.n + 1, 1);
	int table = 0, pointers = 0;
	static const int rows_in_source[8] = {0, 0, 13, 7, 11, 12, 14, 6};
	int rows[8] = {0};
	for (size_t i = 0; i < lines.n; i++) {
		int t;
		if (sscanf(lines.v[i], "Tabell %d ", &t) == 1) {
			table = t;
			continue;
		}
		if (table < 2 || table > 7 || !strchr(lines.v[i], '\t'))
			continue;
		struct strvec cells = {0};
		split_all(&cells, lines.v[i], '\t');
		char *cell = cells.n > 1 ? trimmed(cells.v[1]) : xstrdup("");
		const char *resp = cells.n > 2 ? cells.v[2] : "";
		if (*cell && strcmp(cell, "Tiltak") != 0 && strspn(cell, "-") != strlen(cell)) {
			char *src = xasprintf("002_0623eadc016e3d83.txt, Tabell %d", table);
			long k = pointer_text(cell, resp) ? -1 : senja_row(&l, src, cell);
			int found = k >= 0;
			if (found) {
				rows[table] += !seen[k];  /* a continuation line adds nothing */
				seen[k] = 1;
			} else if (pointer_text(cell, resp)) {
				pointers++;
				rows[table]++;
				found = 1;
			}
			CHECK(found, "Senja table %d: source row «%s» is not in the catalogue", table, cell);
			free(src);
		}
		free(cell);
		sv_free(&cells);
	}
	for (int t = 2; t <= 7; t++)
		CHECK(rows[t] == rows_in_source[t], "Senja table %d: %d rows found, the document has %d", t,
		      rows[t], rows_in_source[t]);
	CHECK(pointers == 4, "Senja: 4 rows only point elsewhere and are left out (%d)", pointers);
	for (size_t k = 0; k < l.n; k++)
		CHECK(seen[k] || strstr(l.v[k].source, "Tabell") == NULL, "senja/%s is not a row of its table",
		      l.v[k].slug);
	CHECK(l.n == 59, "Senja: 59 measures (63 rows less 4 pointers), catalogue %zu", l.n);
	free(seen);
	svc_list_free(&l);
	diag_free(&d);
	sv_free(&lines);
}

struct grips {
	struct strvec grep, tiltak;
	int kind_col, text_col;
};

static int grip_row(void *p, const char *const *v)
{
	struct grips *g = p;
	sv_push(strcmp(v[g->kind_col], "grep") == 0 ? &g->grep : &g->tiltak, v[g->text_col]);
	return 0;
}

static int in_list(const struct strvec *sv, const char *s)
{
	for (size_t i = 0; i < sv->n; i++)
		if (strcmp(sv->v[i], s) == 0)
			return 1;
	return 0;
}

/* A cell of appendix 2 without <b> tags and the "a. " numbering. */
static char *grip_text(const char *cell)
{
	struct strbuf sb = {0};
	for (const char *p = cell; *p;) {
		if (strncmp(p, "<b>", 3) == 0)
			p += 3;
		else if (strncmp(p, "</b>", 4) == 0)
			p += 4;
		else
			sb_putc(&sb, *p++);
	}
	char *t = str_trim(sb_steal(&sb));
	if (islower((unsigned char)t[0]) && t[1] == '.' && t[2] == ' ')
		memmove(t, t + 3, strlen(t + 3) + 1);
	return t;
}

static void check_appendix2(struct db *db)
{
	struct grips g = {0};
	const char *const *cols = db_ktable_columns(KT_GRIP);
	for (int i = 0; cols[i]; i++) {
		if (strcmp(cols[i], "kind") == 0)
			g.kind_col = i;
		if (strcmp(cols[i], "text") == 0)
			g.text_col = i;
	}
	CHECK(db_ktable_list(db, KT_GRIP, "tromso", grip_row, &g) == 0, "grips load");
	struct strvec lines = {0};
	read_lines("tests/fixtures/seeds/001_e45f497a65452c8b.txt", &lines);
	int in = 0;
	size_t n_grep = 0, n_tiltak = 0;
	for (size_t i = 0; i < lines.n; i++) {
		if (strstr(lines.v[i], "Strategiske grep og foreslåtte tiltak til de ulike"))
			in = 1;
		if (!in || !strchr(lines.v[i], '\t'))
			continue;
		struct strvec cells = {0};
		split_all(&cells, lines.v[i], '\t');
		char *grep = grip_text(cells.v[0]);
		char *tiltak = cells.n > 1 ? grip_text(cells.v[1]) : xstrdup("");
		if (strncmp(grep, "Strategiske grep", 16) != 0) {  /* not a heading row */
			if (*grep) {
				n_grep++;
				CHECK(in_list(&g.grep, grep), "appendix 2: strategic grip «%s» is not in grips-tromso.csv",
				      grep);
			}
			if (*tiltak) {
				n_tiltak++;
				CHECK(in_list(&g.tiltak, tiltak), "appendix 2: measure «%s» is not in grips-tromso.csv",
				      tiltak);
			}
		}
		free(grep);
		free(tiltak);
		sv_free(&cells);
	}
	CHECK(n_grep == 12 && n_tiltak == 40, "appendix 2 has 12 grips and 40 measures (read %zu and %zu)", n_grep,
	      n_tiltak);
	CHECK(g.grep.n == n_grep && g.tiltak.n == n_tiltak,
	      "grips-tromso.csv: %zu grips and %zu measures, the document %zu and %zu", g.grep.n, g.tiltak.n,
	      n_grep, n_tiltak);
	sv_free(&g.grep);
	sv_free(&g.tiltak);
	sv_free(&lines);
}

/* A category heading: letters, none of them lower case ("RÅD OG VEILEDNING"). */
static int upper_heading(const char *line)
{
	int letters = 0;
	char *f = text_fold(line);
	int same = strcmp(f, line) != 0;  /* folding changes every upper-case letter */
	for (const char *p = line; *p; p++)
		letters += isalpha((unsigned char)*p);
	for (const char *p = line; *p && same; p++)
		same = !islower((unsigned char)*p);
	free(f);
	return same && letters > 3;
}

/* The service of catalogue c on trinn t that a source line names, or NULL. */
static const struct service *elverum_service(const struct catalog *c, int t, const char *text)
{
	static const char *const seps[] = {", ", " – ", " - ", "; ", ": ", " "};
	for (size_t i = 0; i < c->n_svc; i++) {
		const struct service *s = &c->svc[i];
		if (!(s->levels & (1u << (t - 1))))
			continue;
		if (strcmp(s->name, text) == 0)
			return s;
		for (size_t k = 0; k < ARRAY_LEN(seps) && *s->description; k++) {
			char *joined = xasprintf("%s%s%s", s->name, seps[k], s->description);
			int eq = strcmp(joined, text) == 0;
			free(joined);
			if (eq)
				return s;
		}
		struct strvec al = {0};
		sv_split(&al, s->aliases, ';');
		int hit = in_list(&al, text);
		sv_free(&al);
		if (hit)
			return s;
	}
	return NULL;
}

static void check_elverum_spellings(struct db *db)
{
	struct catalog c;
	if (catalog_load(db, "elverum", &c) != 0)
		return;
	struct strvec lines = {0};
	read_lines("tests/fixtures/seeds/003_3ab6193fe0b6bdf2.txt", &lines);
	int trinn = 0, services = 0;
	size_t n = 0, aliased = 0;
	size_t *idx = xcalloc(c.n_svc + 1, sizeof *idx);
	for (size_t i = 0; i < lines.n; i++) {
		int t;
		if (sscanf(lines.v[i], "TRINN %d", &t) == 1) {
			trinn = t;
			services = 0;
			continue;
		}
		if (trinn && upper_heading(lines.v[i]))
			services = 1;  /* the bullets before the first heading are the trinn's commitments */
		if (!services || strncmp(lines.v[i], "- ", 2) != 0)
			continue;
		char *text = trimmed(lines.v[i] + 2);
		/* a line the PDF broke: the rest starts in lower case after a blank line */
		for (size_t k = i + 1; k < lines.n && k < i + 3 && strncmp(lines.v[k], "- ", 2) != 0; k++)
			if (islower((unsigned char)lines.v[k][0])) {
				char *joined = xasprintf("%s %s", text, lines.v[k]);
				free(text);
				text = str_trim(joined);
				break;
			}
		const struct service *s = elverum_service(&c, trinn, text);
		CHECK(s != NULL, "Elverum trinn %d: «%s» is neither a name nor an alias on that trinn", trinn, text);
		if (s && strcmp(s->name, text) != 0 && strstr(s->aliases, text)) {
			aliased++;
			struct filter f;
			filter_init(&f);
			filter_set_search(&f, text);
			size_t m = catalog_filter(&c, &f, NULL, 0, idx);
			int found = 0;
			for (size_t k = 0; k < m; k++)
				found |= &c.svc[idx[k]] == s;
			CHECK(found, "a search for «%s» finds %s", text, s->slug);
			filter_free(&f);
		}
		n++;
		free(text);
	}
	/* 28, 38, 23, 23, 22, 8, 3 lines less the four without a bullet (trinn 1:
	 * "Elverum folkehøgskole", "Aktiv for andre"; trinn 4: BTI, BUP) */
	CHECK(n == 141, "Elverum: 141 bulleted service lines (%zu)", n);
	CHECK(aliased >= 8, "Elverum: the variant spellings are aliases (%zu)", aliased);

	/* different legal bases stay apart */
	int bv = 0, health = 0;
	for (size_t i = 0; i < c.n_svc; i++) {
		const struct service *s = &c.svc[i];
		if (strcmp(s->name, "Støttekontakt") != 0 && strcmp(s->name, "Avlastning") != 0)
			continue;
		if (strstr(s->category, "BARNEVERN")) {
			bv++;
			CHECK(!strstr(s->category, "HELSE") && s->age_basis == AGE_INFERRED,
			      "%s: child welfare only, without the health heading's 0-25", s->slug);
		} else if (strstr(s->category, "HELSE- OG OMSORGSTJENESTER 0-25 år")) {
			health++;
			CHECK(s->ages.n == 1 && s->ages.r[0].hi == 25, "%s: 0-25 from its heading", s->slug);
		}
	}
	CHECK(bv == 2 && health == 2, "Støttekontakt and Avlastning under barnevern (%d) and under helse (%d)", bv,
	      health);
	free(idx);
	sv_free(&lines);
	catalog_free(&c);
}

void test_fidelity(void)
{
	struct db *db = open_db();
	if (!db)
		return;
	struct evidence needs = {0}, targets = {0};
	evidence_read("tests/need-evidence.csv", &needs);
	evidence_read("tests/target-evidence.csv", &targets);
	check_evidence(db, &needs, &targets);
	check_responsible_not_evidence(db);
	check_senja_tables(db);
	check_appendix2(db);
	check_elverum_spellings(db);
	evidence_free(&needs);
	evidence_free(&targets);
	db_close(db);
}
