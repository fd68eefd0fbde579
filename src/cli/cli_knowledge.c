/* cli_knowledge.c - commands over what the plans say beyond the service
 * lists: suggest (Senja's table 8 methods for behaviour problems, and the
 * kommune's services for an age and need), forums (meeting structures),
 * grips (Tromsø's strategic grips and proposed measures) and factors (risk
 * and protective factors). */
#include "cli_internal.h"
#include "trapp/session.h"
#include "trapp/text.h"
#include "trapp/util.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

/* Print knowledge rows as a record list ("Felt: verdi") or csv/tsv. */
struct kprint {
	enum out_format fmt;
	const char *const *cols;     /* database columns to show */
	const char *const *labels;   /* their bokmål labels */
	int count;
	int header_done;
	const char *filter_kind;     /* grips: only this kind; NULL = all */
	const char *last_area;
};

static int col_index(const char *const *all, const char *name)
{
	for (int i = 0; all[i]; i++)
		if (strcmp(all[i], name) == 0)
			return i;
	return -1;
}

static int print_record(void *ctx, const char *const *values, const char *const *all)
{
	struct kprint *p = ctx;
	size_t n = 0;
	while (p->cols[n])
		n++;
	const char *v[16];
	for (size_t i = 0; i < n; i++) {
		int k = col_index(all, p->cols[i]);
		v[i] = k >= 0 ? values[k] : "";
	}
	if (p->fmt != FMT_TABLE) {
		if (!p->header_done)
			cli_print_row(stdout, p->fmt, p->cols, NULL, n);
		p->header_done = 1;
		cli_print_row(stdout, p->fmt, v, NULL, n);
	} else {
		printf("%s%s\n", p->count ? "\n" : "", v[0]);
		for (size_t i = 1; i < n; i++)
			if (*v[i]) {
				/* indent continuation lines of multi-line values */
				printf("  %s: ", p->labels[i]);
				for (const char *c = v[i]; *c; c++) {
					putchar(*c);
					if (*c == '\n')
						fputs("    ", stdout);
				}
				putchar('\n');
			}
	}
	p->count++;
	return 0;
}

static int print_forum(void *ctx, const char *const *values)
{
	return print_record(ctx, values, db_ktable_columns(KT_FORUM));
}

static int print_factor(void *ctx, const char *const *values)
{
	return print_record(ctx, values, db_ktable_columns(KT_FACTOR));
}

static int print_grip(void *ctx, const char *const *values)
{
	struct kprint *p = ctx;
	const char *const *all = db_ktable_columns(KT_GRIP);
	const char *area = values[col_index(all, "area")];
	const char *kind = values[col_index(all, "kind")];
	if (p->filter_kind && strcmp(kind, p->filter_kind) != 0)
		return 0;
	if (p->fmt != FMT_TABLE)
		return print_record(ctx, values, all);
	if (!p->last_area || strcmp(p->last_area, area) != 0) {
		printf("%s%s. %s\n", p->count ? "\n" : "", values[col_index(all, "area_ord")], area);
		free((char *)p->last_area);
		p->last_area = xstrdup(area);
	}
	const char *resp = values[col_index(all, "responsible")];
	printf("  %s %s%s%s%s\n", strcmp(kind, "grep") == 0 ? "Grep:  " : "Tiltak:",
	       values[col_index(all, "text")], *resp ? " (" : "", resp, *resp ? ")" : "");
	p->count++;
	return 0;
}

/* Shared frame: open db, resolve kommune, list one table. */
static int list_ktable(struct app_opts *o, enum out_format fmt, enum knowledge_table t, knowledge_row_fn fn,
		       struct kprint *p, const char *what)
{
	struct session ss;
	if (cli_open(o, &ss) != EXIT_OK)
		return EXIT_FAIL;
	char *kom = cli_kommune(&ss, o->kommune);
	int rc = EXIT_USAGE;
	if (kom) {
		p->fmt = fmt;
		struct strbuf err = {0};
		rc = session_knowledge(&ss, t, kom, fn, p, &err) == SESSION_OK ? EXIT_OK : EXIT_FAIL;
		if (rc == EXIT_FAIL)
			util_error("%s", sb_str(&err));
		else if (p->count == 0 && fmt == FMT_TABLE)
			printf("Kildene har ingen %s for %s.\n", what, kom);
		else
			cli_print_end(stdout, fmt);
		sb_free(&err);
	}
	free((char *)p->last_area);
	free(kom);
	session_close(&ss);
	return rc;
}

int cmd_forums(struct app_opts *o, int argc, char **argv)
{
	static const char *const cols[] = {"name", "level", "function", "case_types", "participants",
					   "responsible", "frequency", "source", NULL};
	static const char *const labels[] = {"Navn", "Nivå", "Funksjon", "Sakstyper", "Deltakere",
					     "Ansvar", "Hyppighet", "Kilde"};
	enum out_format fmt;
	int rc = cli_simple_opts(o, argc, argv, &fmt);
	if (rc)
		return rc;
	struct kprint p = {.cols = cols, .labels = labels};
	return list_ktable(o, fmt, KT_FORUM, print_forum, &p, "møtefora");
}

int cmd_factors(struct app_opts *o, int argc, char **argv)
{
	static const char *const cols[] = {"name", "kind", "description", "source", NULL};
	static const char *const labels[] = {"Navn", "Type", "Beskrivelse", "Kilde"};
	enum out_format fmt;
	int rc = cli_simple_opts(o, argc, argv, &fmt);
	if (rc)
		return rc;
	struct kprint p = {.cols = cols, .labels = labels};
	return list_ktable(o, fmt, KT_FACTOR, print_factor, &p, "risiko- og beskyttelsesfaktorer");
}

int cmd_grips(struct app_opts *o, int argc, char **argv)
{
	static const char *const cols[] = {"area_ord", "area", "kind", "ord", "text", "responsible",
					   "source", NULL};
	enum out_format fmt;
	int rc = cli_simple_opts(o, argc, argv, &fmt);
	if (rc)
		return rc;
	struct kprint p = {.cols = cols, .labels = cols};
	return list_ktable(o, fmt, KT_GRIP, print_grip, &p, "strategiske grep");
}

/* --- suggest --------------------------------------------------------- */

struct suggest {
	int age;
	const char *severity;
	enum out_format fmt;
	int count;
};

static int print_rule(void *ctx, const char *const *v)
{
	struct suggest *s = ctx;
	const char *const *all = db_ktable_columns(KT_BEHAVIOUR);
	long lo = atol(v[col_index(all, "age_min")]), hi = atol(v[col_index(all, "age_max")]);
	const char *sev = v[col_index(all, "severity")];
	if (s->age < lo || s->age > hi || (s->severity && strcmp(sev, s->severity) != 0))
		return 0;
	const char *band = v[col_index(all, "age_band")], *help = v[col_index(all, "help")];
	if (s->fmt != FMT_TABLE) {
		static const char *const head[] = {"kommune", "severity", "age_band", "help", "method", "source"};
		const char *row[] = {v[0], sev, band, help, v[col_index(all, "method")],
				     v[col_index(all, "source")]};
		if (!s->count)
			cli_print_row(stdout, s->fmt, head, NULL, 6);
		cli_print_row(stdout, s->fmt, row, NULL, 6);
	} else {
		if (!s->count)
			printf("Metoder for atferdsvansker (%s, tabell 8):\n", v[0]);
		printf("\n  %s, %s\n  Hjelp/metode: %s\n  Kilde: %s\n", v[col_index(all, "severity_text")],
		       band, help, v[col_index(all, "source")]);
	}
	s->count++;
	return 0;
}

int cmd_suggest(struct app_opts *o, int argc, char **argv)
{
	static const struct option longopts[] = {
		{"age", required_argument, NULL, 'a'}, {"need", required_argument, NULL, 'n'},
		{"severity", required_argument, NULL, 's'}, {"kommune", required_argument, NULL, 'k'},
		{"format", required_argument, NULL, 'f'}, {"db", required_argument, NULL, 'D'},
		{"search", required_argument, NULL, 'S'}, {0, 0, 0, 0},
	};
	const char *age = NULL, *need = NULL, *search = NULL;
	struct suggest s = {.fmt = FMT_TABLE};
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, ":", longopts, NULL)) != -1) {
		switch (c) {
		case 'a': age = optarg; break;
		case 'n': need = optarg; break;
		case 's': s.severity = optarg; break;
		case 'k': o->kommune = optarg; break;
		case 'D': o->db_path = optarg; break;
		case 'S': search = optarg; break;
		case 'f':
			if (cli_parse_format(optarg, &s.fmt) != 0)
				return EXIT_USAGE;
			break;
		default: return cli_bad_option(argv, c);
		}
	}
	long a;
	if (!age || parse_int(age, 0, AGE_MAX, &a) != 0)
		return cli_bad("«trapp suggest» trenger --age N (helt tall 0–%d)%s%s%s", AGE_MAX,
			       age ? ", ikke «" : "", age ? age : "", age ? "»" : "");
	if (!need)
		return cli_bad("«trapp suggest» trenger --need KODE (se «trapp needs»)");
	if (s.severity && strcmp(s.severity, "alvorlig") && strcmp(s.severity, "moderat") &&
	    strcmp(s.severity, "disiplin"))
		return cli_bad("Ukjent alvorlighetsgrad «%s» for --severity; gyldige: alvorlig, moderat, disiplin",
			       s.severity);
	s.age = (int)a;
	struct session ss;
	if (cli_open(o, &ss) != EXIT_OK)
		return EXIT_FAIL;
	int rc = EXIT_OK;
	char *kom = cli_kommune(&ss, o->kommune);
	struct catalog cat;
	if (!kom) {
		rc = EXIT_USAGE;
	} else if (cli_catalog(&ss, kom, &cat) != 0) {
		rc = EXIT_FAIL;
	} else {
		int ni = catalog_need_index(&cat, need);
		if (ni < 0) {
			rc = cli_bad("Ukjent behov «%s» for --need (se «trapp needs» for gyldige koder)", need);
		} else {
			if (strcmp(need, "atferd") == 0) {
				/* Table 8 belongs to Senja but the method advice holds anywhere */
				struct strbuf err = {0};
				if (session_knowledge(&ss, KT_BEHAVIOUR, NULL, print_rule, &s, &err) != SESSION_OK)
					util_error("%s", sb_str(&err));
				sb_free(&err);
			}
			if (s.fmt == FMT_TABLE) {
				struct filter f;
				filter_init(&f);
				f.age = s.age;
				f.needs = 1u << ni;
				filter_set_search(&f, search);  /* ranked, best first */
				size_t *idx = xcalloc(cat.n_svc + 1, sizeof *idx);
				size_t n = catalog_filter(&cat, &f, NULL, 0, idx);
				printf("%sTiltak i %s for %ld år med behov «%s»%s%s%s (%zu):\n", s.count ? "\n" : "",
				       cat.kommune.name, a, cat.needs[ni].label, f.search ? ", søk «" : "",
				       f.search ? search : "", f.search ? "», beste treff først" : "", n);
				for (size_t i = 0; i < n; i++) {
					struct strbuf sb = {0};
					cli_age_text(&sb, &cat.svc[idx[i]]);
					printf("  %s (%s)\n", cat.svc[idx[i]].name, sb_str(&sb));
					sb_free(&sb);
				}
				free(idx);
				filter_free(&f);
			}
		}
		catalog_free(&cat);
	}
	if (rc == EXIT_OK)
		cli_print_end(stdout, s.fmt);
	free(kom);
	session_close(&ss);
	return rc;
}
