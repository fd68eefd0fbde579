/* cli.c - the catalogue commands: services, levels, needs, kommuner, and
 * the shared plumbing (opening the database, choosing the kommune, option
 * errors). Values are validated before anything is written; a bad value
 * exits 2 with one line naming the value and the valid choices. */
#include "trapp/cli.h"
#include "cli_internal.h"
#include "trapp/csvin.h"
#include "trapp/curation.h"
#include "trapp/session.h"
#include "trapp/plan.h"
#include "trapp/access.h"
#include "trapp/ident.h"
#include "trapp/text.h"
#include "trapp/util.h"

#include <getopt.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int cli_bad(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	struct strbuf sb = {0};
	sb_vprintf(&sb, fmt, ap);
	va_end(ap);
	util_error("%s", sb_str(&sb));
	sb_free(&sb);
	return EXIT_USAGE;
}

int cli_open(const struct app_opts *o, struct session *ss)
{
	struct session_opts so = {.db_path = o->db_path, .demo = o->demo,
				  .allow_shared = o->allow_shared};
	struct strbuf err = {0};
	int rc = session_open(ss, &so, &err);
	if (rc != SESSION_OK)
		util_error("%s", sb_str(&err));
	else
		cli_print_notes(ss, stderr);
	sb_free(&err);
	return rc == SESSION_OK ? EXIT_OK : EXIT_FAIL;
}

void cli_print_notes(const struct session *ss, FILE *fp)
{
	const char *n = session_notes(ss);
	while (*n) {
		const char *nl = strchr(n, '\n');
		size_t len = nl ? (size_t)(nl - n) : strlen(n);
		fprintf(fp, "trapp: %.*s\n", (int)len, n);
		n += len + (nl != NULL);
	}
}

char *cli_kommune(struct session *ss, const char *explicit_code)
{
	char *code;
	struct strbuf err = {0};
	if (session_kommune(ss, explicit_code, &code, &err) != SESSION_OK)
		util_error("%s", sb_str(&err));
	sb_free(&err);
	return code;
}

int cli_catalog(struct session *ss, const char *kommune, struct catalog *out)
{
	struct strbuf err = {0};
	int rc = session_load_catalog(ss, kommune, out, &err);
	if (rc != SESSION_OK)
		util_error("%s", sb_str(&err));
	sb_free(&err);
	return rc == SESSION_OK ? 0 : -1;
}

/* Write a field for tsv: tabs and line breaks become spaces. */
static void tsv_field(FILE *fp, const char *s, int first)
{
	if (!first)
		fputc('\t', fp);
	for (; *s; s++)
		fputc(*s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s, fp);
}

/* --format json: the first row of a listing names the keys; each later
 * row is one object of the array, written by jansson as it comes (no
 * listing is held in memory). cli_print_end closes the array. */
static struct {
	json_t *keys;
	size_t rows;
} json_out;

static void json_row(FILE *fp, const char *const *v, size_t n)
{
	if (!json_out.keys) {
		json_out.keys = json_array();
		for (size_t i = 0; i < n; i++)
			json_array_append_new(json_out.keys, json_string(v[i]));
		fputs("[", fp);
		return;
	}
	json_t *obj = json_object();
	for (size_t i = 0; i < n && i < json_array_size(json_out.keys); i++)
		json_object_set_new(obj, json_string_value(json_array_get(json_out.keys, i)),
				    json_string(v[i] ? v[i] : ""));
	fputs(json_out.rows++ ? ",\n  " : "\n  ", fp);
	json_dumpf(obj, fp, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(obj);
}

void cli_print_end(FILE *fp, enum out_format fmt)
{
	if (fmt != FMT_JSON)
		return;
	fputs(!json_out.keys ? "[]\n" : json_out.rows ? "\n]\n" : "]\n", fp);
	json_decref(json_out.keys);
	json_out.keys = NULL;
	json_out.rows = 0;
}

/* A table cell: cut to the column on a terminal; piped or redirected,
 * the whole field (padded, so short columns still line up). */
static void table_cell(struct strbuf *sb, const char *s, int w, int last, int tty)
{
	if (last && w <= 0) {
		sb_puts(sb, s);
	} else if (tty) {
		text_fit(sb, s, w, !last);
	} else {
		sb_puts(sb, s);
		for (int k = text_width(s); !last && k < w; k++)
			sb_putc(sb, ' ');
	}
}

void cli_print_row(FILE *fp, enum out_format fmt, const char *const *v, const int *w, size_t n)
{
	if (fmt == FMT_JSON) {
		json_row(fp, v, n);
		return;
	}
	int tty = fmt == FMT_TABLE && cli_is_tty(fp);
	struct strbuf sb = {0};
	for (size_t i = 0; i < n; i++) {
		/* control characters from the data shown as text (\e, \x07 ...),
		 * before the width is measured */
		char *vis = text_visible(v[i], TEXT_KEEP_LINES);
		if (fmt == FMT_CSV) {
			csvout_field(fp, vis, ',', i == 0, 0);
		} else if (fmt == FMT_TSV) {
			tsv_field(fp, vis, i == 0);
		} else {
			/* flatten line breaks, then fit to the column */
			char *flat = xstrdup(vis);
			for (char *p = flat; *p; p++)
				if (*p == '\n' || *p == '\t' || *p == '\r')
					*p = ' ';
			if (i)
				sb_puts(&sb, "  ");
			table_cell(&sb, flat, w[i], i + 1 == n, tty);
			free(flat);
		}
		free(vis);
	}
	if (fmt == FMT_TABLE)
		fprintf(fp, "%s", sb_str(&sb));
	fputc('\n', fp);
	sb_free(&sb);
}

int cli_parse_format(const char *s, enum out_format *out)
{
	if (strcmp(s, "table") == 0)
		*out = FMT_TABLE;
	else if (strcmp(s, "csv") == 0)
		*out = FMT_CSV;
	else if (strcmp(s, "tsv") == 0)
		*out = FMT_TSV;
	else if (strcmp(s, "json") == 0)
		*out = FMT_JSON;
	else
		return cli_bad("Ukjent format «%s» for --format; gyldige: table, csv, tsv, json", s);
	return 0;
}

/* Human age text for tables: the stated text, or the ranges with markers. */
void cli_age_text(struct strbuf *sb, const struct service *s)
{
	if (s->age_basis == AGE_UNKNOWN) {
		sb_puts(sb, "alder ikke oppgitt");
	} else if (s->age_basis == AGE_STATED && !str_empty(s->age_text)) {
		sb_puts(sb, s->age_text);
	} else {
		service_age_display(sb, s);
		if (s->age_basis == AGE_INFERRED)
			sb_puts(sb, " (utledet)");
	}
}

static void need_choices(struct strbuf *sb, const struct catalog *c)
{
	for (size_t i = 0; i < c->n_needs; i++)
		sb_printf(sb, "%s%s", i ? ", " : "", c->needs[i].code);
}

static void level_choices(struct strbuf *sb, const struct catalog *c)
{
	for (size_t i = 0; i < c->n_levels; i++)
		sb_printf(sb, "%s, ", c->levels[i].code);
	sb_puts(sb, "universelt, selektivt, indikert");
}

/* Options of `services`, validated against the catalogue. */
struct svc_args {
	const char *age, *target, *search, *responsible, *format;
	struct strvec needs, levels;
};

static int build_filter(const struct catalog *c, const struct svc_args *a, struct filter *f)
{
	filter_init(f);
	if (a->age) {
		long v;
		if (parse_int(a->age, 0, AGE_MAX, &v) != 0)
			return cli_bad("Ugyldig alder «%s» for --age; oppgi et helt tall 0–%d", a->age, AGE_MAX);
		f->age = (int)v;
	}
	for (size_t i = 0; i < a->needs.n; i++) {
		int ni = catalog_need_index(c, a->needs.v[i]);
		if (ni < 0) {
			struct strbuf sb = {0};
			need_choices(&sb, c);
			int rc = cli_bad("Ukjent behov «%s» for --need; gyldige: %s", a->needs.v[i], sb_str(&sb));
			sb_free(&sb);
			return rc;
		}
		f->needs |= 1u << ni;
	}
	for (size_t i = 0; i < a->levels.n; i++) {
		if (catalog_level_mask(c, a->levels.v[i], &f->levels) != 0) {
			struct strbuf sb = {0};
			level_choices(&sb, c);
			int rc = cli_bad("Ukjent nivå «%s» for --level i %s; gyldige: %s", a->levels.v[i],
					 c->kommune.code, sb_str(&sb));
			sb_free(&sb);
			return rc;
		}
	}
	if (a->target) {
		if (!target_valid(a->target))
			return cli_bad("Ukjent målgruppetype «%s» for --target; gyldige: barn, ungdom, "
				       "foreldre, familie, gravide, ansatte, voksne, alle", a->target);
		snprintf(f->target, sizeof f->target, "%s", a->target);
	}
	filter_set_search(f, a->search);
	filter_set_responsible(f, a->responsible);
	return 0;
}

static void print_services(const struct catalog *c, const size_t *idx, size_t n, enum out_format fmt)
{
	static const char *const head_csv[] = {"id", "name", "levels", "age", "age_ranges",
					       "age_basis", "target", "needs", "responsible", "historical"};
	static const char *const head_tbl[] = {"ID", "NAVN", "ALDER", "NIVÅ", "MÅLGRUPPE", "ANSVAR"};
	static const int w[] = {30, 40, 22, 24, 9, 0};
	int marks = 0;
	if (fmt == FMT_TABLE)
		cli_print_row(stdout, fmt, head_tbl, w, 6);
	else
		cli_print_row(stdout, fmt, head_csv, NULL, 10);
	for (size_t i = 0; i < n; i++) {
		const struct service *s = &c->svc[idx[i]];
		struct strbuf ranges = {0}, age = {0}, lv = {0};
		age_ranges_format(&ranges, &s->ages);
		if (fmt == FMT_TABLE) {
			struct strbuf name = {0}, target = {0};
			cli_age_text(&age, s);
			service_levels_display(&lv, c, s);
			if (curation_level_inferred(s))
				sb_puts(&lv, " (utledet)");
			sb_printf(&target, "%s%s", s->target, curation_target_inferred(s) ? "~" : "");
			sb_printf(&name, "%s%s", c->kommune.historical ? "(historisk) " : "", s->name);
			const char *v[] = {s->slug, sb_str(&name), sb_str(&age), sb_str(&lv), sb_str(&target),
					   s->responsible};
			cli_print_row(stdout, fmt, v, w, 6);
			marks |= s->age_basis == AGE_UNKNOWN || s->age_basis == AGE_INFERRED ||
				 curation_target_inferred(s);
			sb_free(&name);
			sb_free(&target);
		} else {
			const char *v[] = {s->slug, s->name, s->level_codes, s->age_text, sb_str(&ranges),
					   age_basis_code(s->age_basis), s->target, s->need_codes, s->responsible,
					   c->kommune.historical ? "1" : "0"};
			cli_print_row(stdout, fmt, v, NULL, 10);
		}
		sb_free(&ranges);
		sb_free(&age);
		sb_free(&lv);
	}
	cli_print_end(stdout, fmt);
	if (fmt == FMT_TABLE)
		printf("%zu tiltak%s%s\n", n,
		       c->kommune.historical ? " i en historisk katalog (beskriver ikke dagens tilbud)" : "",
		       marks ? " (utledet = anslått av dem som la inn katalogen, se «trapp service ID»;"
			       " målgruppe~ = utledet; alder ikke oppgitt = gjelder alle aldre)" : "");
}

static int cmd_services(struct app_opts *o, int argc, char **argv)
{
	static const struct option longopts[] = {
		{"kommune", required_argument, NULL, 'k'}, {"age", required_argument, NULL, 'a'},
		{"need", required_argument, NULL, 'n'}, {"level", required_argument, NULL, 'l'},
		{"target", required_argument, NULL, 't'}, {"search", required_argument, NULL, 's'},
		{"responsible", required_argument, NULL, 'r'}, {"format", required_argument, NULL, 'f'},
		{"db", required_argument, NULL, 'D'}, {0, 0, 0, 0},
	};
	struct svc_args a = {0};
	enum out_format fmt = FMT_TABLE;
	int rc = EXIT_USAGE, c;
	optind = 1;
	while ((c = getopt_long(argc, argv, ":", longopts, NULL)) != -1) {
		switch (c) {
		case 'k': o->kommune = optarg; break;
		case 'a': a.age = optarg; break;
		case 'n': sv_push(&a.needs, optarg); break;
		case 'l': sv_push(&a.levels, optarg); break;
		case 't': a.target = optarg; break;
		case 's': a.search = optarg; break;
		case 'r': a.responsible = optarg; break;
		case 'f': a.format = optarg; break;
		case 'D': o->db_path = optarg; break;
		default: rc = cli_bad_option(argv, c); goto out;
		}
	}
	if (optind < argc) {
		rc = cli_bad("Uventet argument «%s» til services", argv[optind]);
		goto out;
	}
	if (a.format && cli_parse_format(a.format, &fmt) != 0)
		goto out;
	struct session ss;
	if (cli_open(o, &ss) != EXIT_OK) {
		rc = EXIT_FAIL;
		goto out;
	}
	char *kom = cli_kommune(&ss, o->kommune);
	struct catalog cat;
	if (!kom) {
		rc = EXIT_USAGE;
	} else if (cli_catalog(&ss, kom, &cat) != 0) {
		rc = EXIT_FAIL;
	} else {
		struct filter f;
		if (build_filter(&cat, &a, &f) == 0) {
			size_t *idx = xcalloc(cat.n_svc + 1, sizeof *idx);
			size_t n = catalog_filter(&cat, &f, NULL, 0, idx);
			print_services(&cat, idx, n, fmt);
			free(idx);
			rc = EXIT_OK;
		}
		filter_free(&f);
		catalog_free(&cat);
	}
	free(kom);
	session_close(&ss);
out:
	sv_free(&a.needs);
	sv_free(&a.levels);
	return rc;
}

/* One "Label           value" row of `trapp service`; continuation lines
 * indented under the value. */
static void print_detail_row(const char *label, const char *value)
{
	if (!*value)
		return;
	struct strbuf sb = {0};
	text_fit(&sb, label, 16, 1);  /* pad by display width */
	printf("%s ", sb_str(&sb));
	sb_free(&sb);
	for (const char *p = value; *p; p++) {
		putchar(*p);
		if (*p == '\n')
			printf("%-16s ", "");
	}
	putchar('\n');
}

/* `trapp service ID`: every field of one service. */
static int cmd_service(struct app_opts *o, int argc, char **argv)
{
	static const struct option longopts[] = {
		{"kommune", required_argument, NULL, 'k'}, {"db", required_argument, NULL, 'D'},
		{0, 0, 0, 0},
	};
	int c;
	optind = 0;  /* 0: re-initialise GNU getopt so the ID may come before --kommune */
	while ((c = getopt_long(argc, argv, ":", longopts, NULL)) != -1) {
		switch (c) {
		case 'k': o->kommune = optarg; break;
		case 'D': o->db_path = optarg; break;
		default: return cli_bad_option(argv, c);
		}
	}
	if (optind + 1 != argc)
		return cli_bad("Bruk: trapp service ID [--kommune K] (id-er: trapp services --search ORD)");
	const char *slug = argv[optind];
	struct session ss;
	if (cli_open(o, &ss) != EXIT_OK)
		return EXIT_FAIL;
	int rc = EXIT_USAGE;
	char *kom = cli_kommune(&ss, o->kommune);
	struct catalog cat;
	if (kom && cli_catalog(&ss, kom, &cat) == 0) {
		const struct service *s = catalog_find_slug(&cat, slug);
		if (!s) {
			cli_bad("Ukjent tjeneste «%s» i %s; finn id-en med «trapp services --kommune %s --search ORD»",
				slug, kom, kom);
		} else {
			struct strbuf age = {0}, ranges = {0}, lv = {0}, needs = {0}, goals = {0};
			cli_age_text(&age, s);
			age_ranges_format(&ranges, &s->ages);
			service_levels_display(&lv, &cat, s);
			for (size_t i = 0; i < cat.n_needs; i++)
				if (s->needs & (1u << i))
					sb_printf(&needs, "%s%s (%s)", needs.len ? ", " : "", cat.needs[i].label,
						  cat.needs[i].code);
			for (size_t l = 0; l < cat.n_levels; l++)
				if ((s->levels & (1u << l)) && *cat.levels[l].goal)
					sb_printf(&goals, "%sTrinn %d: %s", goals.len ? "\n" : "", cat.levels[l].ord,
						  cat.levels[l].goal);
			struct strbuf child = {0}, target = {0};
			curation_child_age(&child, s);
			sb_printf(&target, "%s%s", s->target, curation_target_inferred(s) ? " (utledet)" : "");
			if (curation_level_inferred(s))
				sb_puts(&lv, " (utledet)");
			struct strbuf src = {0};
			catalog_source_text(&src, s->source);  /* the document's title, not its file */
			const char *const rows[][2] = {
				{"Navn", s->name}, {"Id", s->slug}, {"Kommune", cat.kommune.name},
				{"Historisk", cat.kommune.historical ? "ja – katalogen er et historisk dokument"
								       " og beskriver ikke dagens tilbud" : ""},
				{"Beskrivelse", s->description}, {"Alder (tekst)", s->age_text},
				{"Alder", sb_str(&age)}, {"Aldersspenn", sb_str(&ranges)},
				{"Aldersgrunnlag", age_basis_code(s->age_basis)},
				{"Barnets alder", sb_str(&child)}, {"Målgruppe", s->target_group},
				{"Målgruppetype", sb_str(&target)}, {"Nivå (tekst)", s->level_text},
				{"Nivå", sb_str(&lv)}, {"Mål for trinnet", sb_str(&goals)}, {"Behov", sb_str(&needs)},
				{"Ansvar", s->responsible}, {"Kategori", s->category},
				{"Organisering", s->organisation}, {"Samarbeid", s->cooperation},
				{"Implementering", s->implementation}, {"Evaluering", s->evaluation},
				{"Adresse", s->address}, {"Åpningstider", s->opening_hours}, {"Kilde", sb_str(&src)},
			};
			struct strvec labels = {0}, values = {0};
			for (size_t i = 0; i < ARRAY_LEN(rows); i++) {
				sv_push(&labels, rows[i][0]);
				sv_push(&values, rows[i][1]);
				if (strcmp(rows[i][0], "Behov") == 0)  /* the reasons follow the needs */
					curation_rows(&labels, &values, &cat, s);
			}
			for (size_t i = 0; i < labels.n; i++)
				print_detail_row(labels.v[i], values.v[i]);
			sv_free(&labels);
			sv_free(&values);
			sb_free(&src);
			sb_free(&child);
			sb_free(&target);
			sb_free(&age);
			sb_free(&ranges);
			sb_free(&lv);
			sb_free(&needs);
			sb_free(&goals);
			rc = EXIT_OK;
		}
		catalog_free(&cat);
	} else if (kom) {
		rc = EXIT_FAIL;  /* cli_catalog said why */
	}
	free(kom);
	session_close(&ss);
	return rc;
}

/* `trapp whoami [--set NAME]`: the login changes and reads are recorded
 * under (the OS login), and its display name, which --set changes for
 * one's own login only. */
static int cmd_whoami(struct app_opts *o, int argc, char **argv)
{
	static const struct option longopts[] = {
		{"set", required_argument, NULL, 's'}, {"db", required_argument, NULL, 'D'},
		{0, 0, 0, 0},
	};
	const char *set = NULL;
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, ":", longopts, NULL)) != -1) {
		switch (c) {
		case 's': set = optarg; break;
		case 'D': o->db_path = optarg; break;
		default: return cli_bad_option(argv, c);
		}
	}
	if (optind < argc)
		return cli_bad("Uventet argument «%s» til whoami", argv[optind]);
	if (set && !*str_trim((char *)set))
		return cli_bad("--set trenger et navn");
	if (set && text_control_at(set, strlen(set), 0) < strlen(set))
		return cli_bad("Navnet til --set inneholder et kontrolltegn eller ugyldig UTF-8: bare vanlig "
			       "tekst på én linje er lov");
	if (set && strlen(set) > 200)
		return cli_bad("Navnet til --set er for langt (høyst 200 tegn)");
	struct session ss;
	if (cli_open(o, &ss) != EXIT_OK)
		return EXIT_FAIL;
	int rc = EXIT_OK;
	struct strbuf err = {0};
	int set_rc = set ? access_set_name(ss.db, set, &err) : PLAN_OK;
	if (set_rc != PLAN_OK) {
		cli_refusal_phrase(set_rc, &err);
		util_error("%s", sb_str(&err));
		rc = set_rc == PLAN_REFUSED ? EXIT_USAGE : EXIT_FAIL;
	} else {
		/* the login is who; the display name is only how it reads */
		const char *login = ident_login();
		char *name = access_display_name(ss.db, login);
		if (strcmp(name, login) == 0)
			printf("%s", login);
		else
			printf("%s (%s)", name, login);
		printf("%s\n", access_is_admin(ss.db, login) == 1 ? ", kommuneadministrator" : "");
		free(name);
	}
	sb_free(&err);
	session_close(&ss);
	return rc;
}

int cli_bad_option(char **argv, int c)
{
	if (c == ':')
		return cli_bad("Valget «%s» trenger en verdi", argv[optind - 1]);
	return cli_bad("Ukjent valg «%s» (se trapp --help)", argv[optind - 1]);
}

/* Parse the options every simple listing command takes: --kommune, --db,
 * --format. Returns 0 or the exit status. */
int cli_simple_opts(struct app_opts *o, int argc, char **argv, enum out_format *fmt)
{
	static const struct option longopts[] = {
		{"kommune", required_argument, NULL, 'k'}, {"format", required_argument, NULL, 'f'},
		{"db", required_argument, NULL, 'D'}, {0, 0, 0, 0},
	};
	int c;
	optind = 1;
	*fmt = FMT_TABLE;
	while ((c = getopt_long(argc, argv, ":", longopts, NULL)) != -1) {
		switch (c) {
		case 'k': o->kommune = optarg; break;
		case 'D': o->db_path = optarg; break;
		case 'f':
			if (cli_parse_format(optarg, fmt) != 0)
				return EXIT_USAGE;
			break;
		default: return cli_bad_option(argv, c);
		}
	}
	if (optind < argc)
		return cli_bad("Uventet argument «%s» til %s", argv[optind], argv[0]);
	return 0;
}

static int cmd_levels(struct app_opts *o, int argc, char **argv)
{
	enum out_format fmt;
	int rc = cli_simple_opts(o, argc, argv, &fmt);
	if (rc)
		return rc;
	struct session ss;
	if (cli_open(o, &ss) != EXIT_OK)
		return EXIT_FAIL;
	char *kom = cli_kommune(&ss, o->kommune);
	struct catalog cat;
	rc = EXIT_USAGE;
	if (kom && cli_catalog(&ss, kom, &cat) == 0) {
		static const char *const head_csv[] = {"ord", "code", "name", "subtitle", "prevention",
						       "services", "goal", "access"};
		static const char *const head_tbl[] = {"TRINN", "KODE", "NAVN", "FOREBYGGING", "TILTAK"};
		static const int w[] = {5, 10, 44, 24, 0};
		size_t *counts = xcalloc(cat.n_levels + 1, sizeof *counts);
		struct filter f;
		filter_init(&f);
		catalog_level_counts(&cat, &f, counts);
		if (fmt == FMT_TABLE) {
			printf("%s – %s\n", cat.kommune.name, cat.kommune.level_model);
			cli_print_row(stdout, fmt, head_tbl, w, 5);
		} else {
			cli_print_row(stdout, fmt, head_csv, NULL, 8);
		}
		for (size_t i = cat.n_levels; i-- > 0;) {
			const struct level *l = &cat.levels[i];
			struct strbuf prev = {0}, name = {0};
			char ord[16], cnt[16];
			snprintf(ord, sizeof ord, "%d", l->ord);
			snprintf(cnt, sizeof cnt, "%zu", counts[i]);
			for (int p = 0; p < PREV_COUNT; p++)
				if (l->prevention & (1u << p))
					sb_printf(&prev, "%s%s", prev.len ? ", " : "",
						  fmt == FMT_TABLE ? level_prevention_label(p) : level_prevention_code(p));
			sb_puts(&name, l->name);
			if (fmt == FMT_TABLE && *l->subtitle)
				sb_printf(&name, " – %s", l->subtitle);
			if (fmt == FMT_TABLE) {
				const char *v[] = {ord, l->code, sb_str(&name), sb_str(&prev), cnt};
				cli_print_row(stdout, fmt, v, w, 5);
			} else {
				const char *v[] = {ord, l->code, l->name, l->subtitle, sb_str(&prev), cnt,
						   l->goal, l->access};
				cli_print_row(stdout, fmt, v, NULL, 8);
			}
			sb_free(&prev);
			sb_free(&name);
		}
		cli_print_end(stdout, fmt);
		free(counts);
		catalog_free(&cat);
		rc = EXIT_OK;
	} else if (kom) {
		rc = EXIT_FAIL;  /* cli_catalog said why */
	}
	free(kom);
	session_close(&ss);
	return rc;
}

static int cmd_needs(struct app_opts *o, int argc, char **argv)
{
	enum out_format fmt;
	int rc = cli_simple_opts(o, argc, argv, &fmt);
	if (rc)
		return rc;
	struct session ss;
	if (cli_open(o, &ss) != EXIT_OK)
		return EXIT_FAIL;
	struct need *nd;
	size_t n;
	struct strbuf err = {0};
	if (session_needs(&ss, &nd, &n, &err) != SESSION_OK) {
		util_error("%s", sb_str(&err));
		sb_free(&err);
		session_close(&ss);
		return EXIT_FAIL;
	}
	static const char *const head_csv[] = {"code", "label", "description"};
	static const char *const head_tbl[] = {"KODE", "BEHOV", "BESKRIVELSE"};
	static const int w[] = {13, 24, 0};
	cli_print_row(stdout, fmt, fmt == FMT_TABLE ? head_tbl : head_csv, w, 3);
	for (size_t i = 0; i < n; i++) {
		const char *v[] = {nd[i].code, nd[i].label, nd[i].description};
		cli_print_row(stdout, fmt, v, w, 3);
	}
	cli_print_end(stdout, fmt);
	session_needs_free(nd, n);
	session_close(&ss);
	return EXIT_OK;
}

static int cmd_kommuner(struct app_opts *o, int argc, char **argv)
{
	enum out_format fmt;
	int rc = cli_simple_opts(o, argc, argv, &fmt);
	if (rc)
		return rc;
	struct session ss;
	if (cli_open(o, &ss) != EXIT_OK)
		return EXIT_FAIL;
	struct kommune *k;
	size_t n;
	struct strbuf err = {0};
	if (session_kommuner(&ss, &k, &n, &err) != SESSION_OK) {
		util_error("%s", sb_str(&err));
		sb_free(&err);
		session_close(&ss);
		return EXIT_FAIL;
	}
	static const char *const head_csv[] = {"code", "name", "level_model", "services", "historical", "source"};
	static const char *const head_tbl[] = {"KODE", "NAVN", "NIVÅMODELL", "TILTAK", "KILDE"};
	static const int w[] = {12, 26, 12, 6, 0};
	cli_print_row(stdout, fmt, fmt == FMT_TABLE ? head_tbl : head_csv, w, fmt == FMT_TABLE ? 5 : 6);
	for (size_t i = 0; i < n; i++) {
		char cnt[24] = "?";
		long ns = session_service_count(&ss, k[i].code);
		if (ns >= 0)
			snprintf(cnt, sizeof cnt, "%ld", ns);
		if (fmt == FMT_TABLE) {
			const char *v[] = {k[i].code, k[i].name, k[i].level_model, cnt, k[i].source};
			cli_print_row(stdout, fmt, v, w, 5);
		} else {
			const char *v[] = {k[i].code, k[i].name, k[i].level_model, cnt,
					   k[i].historical ? "1" : "0", k[i].source};
			cli_print_row(stdout, fmt, v, NULL, 6);
		}
	}
	cli_print_end(stdout, fmt);
	session_kommuner_free(k, n);
	session_close(&ss);
	return EXIT_OK;
}

static const struct {
	const char *name;
	int (*fn)(struct app_opts *, int, char **);
} commands[] = {
	{"services", cmd_services},
	{"service", cmd_service},
	{"whoami", cmd_whoami},
	{"levels", cmd_levels},
	{"needs", cmd_needs},
	{"kommuner", cmd_kommuner},
	{"suggest", cmd_suggest},
	{"forums", cmd_forums},
	{"grips", cmd_grips},
	{"factors", cmd_factors},
	{"plan", cmd_plan},
	{"due", cmd_due},
	{"consent-age", cmd_consent_age},
	{"retention", cmd_retention},
	{"users", cmd_users},
	{"user", cmd_user},
	{"import", cmd_import},
	{"export", cmd_export},
	{"backup", cmd_backup},
	{"restore", cmd_restore},
	{"check", cmd_check},
	{"admin", cmd_admin},
	{"migrate", cmd_migrate},
};

int cli_run(struct app_opts *o, int argc, char **argv)
{
	for (size_t i = 0; i < ARRAY_LEN(commands); i++)
		if (strcmp(argv[0], commands[i].name) == 0)
			return commands[i].fn(o, argc, argv);
	return -1;
}
