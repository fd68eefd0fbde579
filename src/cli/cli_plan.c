/* cli_plan.c - the plan commands (trapp plan new, list, show, export,
 * consent, refuse, withdraw, add-service, add-person, add-goal, goal,
 * add-step, step, level, concern, handover, accept, meeting, close,
 * members, member, remove-member, access-log, correct, delete), trapp due
 * and trapp retention. Each parses its options, calls one model function
 * from plan.h or access.h and maps the answer to the exit status: refused
 * or bad value 2, storage failure 1, no access for a kommune
 * administrator 3 (everyone else gets 2, as for a plan that does not
 * exist, so plan ids cannot be probed). Errors name plans by id, never by the child. */
#include "cli_internal.h"
#include "trapp/session.h"
#include "trapp/plan.h"
#include "trapp/access.h"
#include "trapp/plan_export.h"
#include "trapp/due_ics.h"
#include "trapp/util.h"

#include <getopt.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* One option: --name VALUE (meta set) or a flag (meta NULL; value "1"). */
struct popt {
	const char *name, *meta;
	int required;
	int shortc;              /* also -c; 0 = none */
};

#define MAX_OPTS 8

struct pcmd;

/* What a command got on its command line. */
struct pargs {
	const struct pcmd *cmd;
	struct app_opts *o;
	struct session *ss;      /* the open session (kommune lookups) */
	long id;                 /* the plan ID, for commands that take one */
	const char *pos[2];      /* positionals after the ID */
	const char *val[MAX_OPTS];
	struct strvec all[MAX_OPTS]; /* every value of a repeated option, in order */
	long if_version;         /* --if-version N on a change, 0 = none */
};

/* A command: its positionals and options, and what it does with the
 * open database. run returns a PLAN_* answer with the message in err. */
struct pcmd {
	const char *name;        /* for messages: "plan add-step" */
	int takes_id;
	const char *pos[3];      /* names of positionals after the ID */
	struct popt opts[MAX_OPTS];
	int (*run)(struct db *db, const struct pargs *a, struct strbuf *err);
};

/* The value of --name, or NULL. */
static const char *opt(const struct pargs *a, const char *name)
{
	for (int i = 0; i < MAX_OPTS && a->cmd->opts[i].name; i++)
		if (strcmp(a->cmd->opts[i].name, name) == 0)
			return a->val[i];
	return NULL;
}

static int usage_positionals(const struct pcmd *c)
{
	struct strbuf names = {0};
	sb_puts(&names, c->takes_id ? "ID" : "");
	for (int k = 0; c->pos[k]; k++)
		sb_printf(&names, "%s%s", names.len ? " " : "", c->pos[k]);
	int rc = cli_bad("%s trenger %s (se trapp --help)", c->name, sb_str(&names));
	sb_free(&names);
	return rc;
}

static int run_export(struct db *db, const struct pargs *a, struct strbuf *err);
static int run_list(struct db *db, const struct pargs *a, struct strbuf *err);
static int run_new(struct db *db, const struct pargs *a, struct strbuf *err);
static int run_due(struct db *db, const struct pargs *a, struct strbuf *err);

/* A command that changes an existing plan (takes --if-version). */
static int run_consent_age(struct db *db, const struct pargs *a, struct strbuf *err);

static int is_change(const struct pcmd *c)
{
	return c->run != run_export && c->run != run_list && c->run != run_new && c->run != run_due &&
	       c->run != run_consent_age;
}

/* Parse argv (argv[0] is the command word) for c into a. 0 or EXIT_USAGE. */
static int parse_args(struct app_opts *o, int argc, char **argv, const struct pcmd *c, struct pargs *a)
{
	struct option lo[MAX_OPTS + 3];
	char shorts[MAX_OPTS * 2 + 2] = ":";
	int n = 0, ns = 1;
	for (; n < MAX_OPTS && c->opts[n].name; n++) {
		lo[n] = (struct option){c->opts[n].name, c->opts[n].meta ? required_argument : no_argument,
					NULL, 256 + n};
		if (c->opts[n].shortc) {
			shorts[ns++] = (char)c->opts[n].shortc;
			shorts[ns++] = ':';
		}
	}
	lo[n] = (struct option){"db", required_argument, NULL, 'D'};
	lo[n + 1] = (struct option){0, 0, 0, 0};
	if (is_change(c))
		lo[n + 1] = (struct option){"if-version", required_argument, NULL, 'V'},
		lo[n + 2] = (struct option){0, 0, 0, 0};
	int ch;
	optind = 0;  /* full reset: main() parsed in order with "+"; options may follow the ID */
	while ((ch = getopt_long(argc, argv, shorts, lo, NULL)) != -1) {
		int k = ch >= 256 ? ch - 256 : 0;
		while (ch < 256 && k < n && c->opts[k].shortc != ch)
			k++;
		if (ch == 'D')
			o->db_path = optarg;
		else if (ch == 'V' && parse_int(optarg, 1, 2000000000L, &a->if_version) != 0)
			return cli_bad("Ugyldig versjon «%s» for --if-version: bruk tallet fra «trapp plan "
				       "show ID»", optarg);
		else if (ch == 'V')
			;
		else if (k < n) {
			a->val[k] = c->opts[k].meta ? optarg : "1";
			sv_push(&a->all[k], a->val[k]);
		}
		else
			return cli_bad_option(argv, ch);
	}
	for (int k = 0; k < n; k++)
		if (c->opts[k].required && !a->val[k])
			return cli_bad("%s trenger --%s %s (se trapp --help)", c->name, c->opts[k].name,
				       c->opts[k].meta);
	int want = c->takes_id;
	for (int k = 0; c->pos[k]; k++)
		want++;
	if (argc - optind < want)
		return usage_positionals(c);
	if (argc - optind > want)
		return cli_bad("Uventet argument «%s» til %s", argv[optind + want], c->name);
	if (c->takes_id && parse_int(argv[optind], 1, 999999999, &a->id) != 0)
		return cli_bad("Ugyldig stafettlogg-id «%s»: oppgi tallet fra «trapp plan list»", argv[optind]);
	for (int k = c->takes_id; k < want; k++)
		a->pos[k - c->takes_id] = argv[optind + k];
	return 0;
}

/* Refuse with a message (values checked after the database is open). */
static int refuse(struct strbuf *err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int refuse(struct strbuf *err, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	sb_vprintf(err, fmt, ap);
	va_end(ap);
	return PLAN_REFUSED;
}

static int number(const char *s, const char *what, int *out, struct strbuf *err)
{
	long v;
	if (parse_int(s, 0, 999999, &v) != 0)
		return refuse(err, "Ugyldig %s «%s»: oppgi et helt tall", what, s);
	*out = (int)v;
	return PLAN_OK;
}

/* A closed word (status, reason, consent giver); NULL s leaves *out. */
static int word(enum plan_vocab v, const char *s, const char *option, int *out, struct strbuf *err)
{
	if (!s)
		return PLAN_OK;
	*out = plan_parse(v, s);
	if (*out >= 0)
		return PLAN_OK;
	struct strbuf ch = {0};
	plan_choices(&ch, v);
	refuse(err, "Ukjent verdi «%s» for %s; gyldige: %s", s, option, sb_str(&ch));
	sb_free(&ch);
	return PLAN_REFUSED;
}

/* --- creating and reading --------------------------------------------- */

static int run_new(struct db *db, const struct pargs *a, struct strbuf *err)
{
	int level = 1;
	if (opt(a, "level") && number(opt(a, "level"), "nivå", &level, err) != PLAN_OK)
		return PLAN_REFUSED;
	char *code = cli_kommune(a->ss, opt(a, "kommune") ? opt(a, "kommune") : a->o->kommune);
	if (!code)
		return PLAN_REFUSED;  /* cli_kommune said why */
	struct plan_new in = {opt(a, "child"), opt(a, "born"), opt(a, "unit"), code, level,
			      opt(a, "holder"), opt(a, "holder-service")};
	long id = 0;
	int rc = plan_new(db, &in, &id, err);
	if (rc == PLAN_OK)
		printf("%ld\n", id);
	free(code);
	return rc;
}

static const char *status_text(struct strbuf *sb, const char *closed, int reason, int overdue)
{
	sb_reset(sb);
	if (closed[0])
		sb_printf(sb, "avsluttet %s: %s", closed, plan_label(VOCAB_CLOSE, reason));
	else
		sb_puts(sb, overdue ? "åpen, frist passert" : "åpen");
	return sb_str(sb);
}

static int table_format(const struct pargs *a, enum out_format *fmt, struct strbuf *err)
{
	*fmt = FMT_TABLE;
	const char *f = opt(a, "format");
	if (!f || strcmp(f, "table") == 0)
		return PLAN_OK;
	if (strcmp(f, "csv") == 0)
		*fmt = FMT_CSV;
	else if (strcmp(f, "tsv") == 0)
		*fmt = FMT_TSV;
	else if (strcmp(f, "json") == 0)
		*fmt = FMT_JSON;
	else
		return refuse(err, "Ukjent format «%s» for --format; gyldige: table, csv, tsv, json", f);
	return PLAN_OK;
}

struct list_out {
	enum out_format fmt;
	size_t n;
	struct strbuf st;
};

static const char *const list_head_tbl[] = {"ID", "BARN", "ALDER", "NIVÅ", "STAFETTHOLDER", "NESTE FRIST", "STATUS"};
static const char *const list_head_csv[] = {"id", "child", "age", "level", "holder", "next_due", "status", "unit"};
static const int list_w[] = {4, 20, 7, 4, 20, 11, 0};

/* One plan line, printed as it is read (the header before the first). */
static int list_line(void *ctx, const struct plan_summary *s)
{
	struct list_out *o = ctx;
	enum out_format fmt = o->fmt;
	size_t cols = fmt == FMT_TABLE ? 7 : 8;
	if (!o->n++)
		cli_print_row(stdout, fmt, fmt == FMT_TABLE ? list_head_tbl : list_head_csv, list_w, cols);
	char id[24], age[16], level[8];
	snprintf(id, sizeof id, "%ld", s->id);
	snprintf(age, sizeof age, "%s%d", s->age_approx && fmt == FMT_TABLE ? "ca. " : "", s->age);
	snprintf(level, sizeof level, "%d", s->level);
	sb_reset(&o->st);
	const char *v[] = {id, s->child, age, level, s->holder, s->next_due,
			   status_text(&o->st, s->closed, s->close_reason, s->overdue), s->unit};
	cli_print_row(stdout, fmt, v, list_w, cols);
	return 0;
}

static int run_list(struct db *db, const struct pargs *a, struct strbuf *err)
{
	struct list_out o = {0};
	int rc = table_format(a, &o.fmt, err);
	if (rc != PLAN_OK || (rc = plan_list_each(db, opt(a, "mask") != NULL, a->o->child_word, 0, -1, list_line, &o, err)) != PLAN_OK) {
		sb_free(&o.st);
		return rc;
	}
	if (!o.n && o.fmt != FMT_TABLE)
		cli_print_row(stdout, o.fmt, list_head_csv, list_w, 8);
	else if (!o.n)
		printf("Ingen stafettlogger ennå. Opprett en med «trapp plan new --child NAVN --born ÅÅÅÅ».\n");
	cli_print_end(stdout, o.fmt);
	sb_free(&o.st);
	return PLAN_OK;
}

/* The versions --if-version takes, after plan show. */
static void print_versions(const struct plan *p)
{
	printf("\nVersjoner (for --if-version): stafettlogg %ld", p->version);
	for (size_t i = 0; i < p->n_goals; i++)
		printf("%s mål %d: %ld", i ? "," : ";", p->goals[i].no, p->goals[i].version);
	for (size_t i = 0; i < p->n_steps; i++)
		printf("%s steg %d: %ld", i ? "," : ";", p->steps[i].no, p->steps[i].version);
	putchar('\n');
}

/* show and export: the plan as a document, to stdout or a 0600 file. */
static int run_export(struct db *db, const struct pargs *a, struct strbuf *err)
{
	enum plan_format fmt = PLAN_TXT;
	const char *format = opt(a, "format"), *file = opt(a, "output");
	if (format && plan_format_parse(format, &fmt) != 0)
		return refuse(err, "Ukjent format «%s» for --format; gyldige: txt, md, html, pdf", format);
	if (file && !*file)
		return refuse(err, "-o trenger et filnavn");
	if (fmt == PLAN_PDF && !file && isatty(STDOUT_FILENO))
		return refuse(err, "En PDF skrives ikke til terminalen: bruk -o FIL.pdf eller send den videre med |");
	struct plan p;
	/* every show and export is in the plan's read log */
	enum plan_access_how how = strcmp(a->cmd->name, "plan show") == 0 ? ACCESS_VIEW
				   : fmt == PLAN_HTML || fmt == PLAN_PDF ? ACCESS_PRINT : ACCESS_EXPORT;
	int rc = plan_open(db, a->id, how, &p, err);
	if (rc != PLAN_OK)
		return rc;
	/* the need labels of the plan's own catalogue, as on the plan screen */
	struct catalog cat;
	struct strbuf cat_err = {0};
	int have_cat = session_load_catalog(a->ss, p.kommune, &cat, &cat_err) == SESSION_OK;
	sb_free(&cat_err);  /* without it, the needs show as codes */
	/* --meeting N: the minutes (referat) of that meeting only */
	int meeting = 0;
	if (opt(a, "meeting") && number(opt(a, "meeting"), "møtenummer for --meeting", &meeting, err) == PLAN_OK) {
		int found = 0;
		for (size_t i = 0; i < p.n_meetings; i++)
			found |= p.meetings[i].no == meeting;
		if (!found)
			rc = refuse(err, "Stafettlogg %ld har ikke møte %d (se Møter i «trapp plan show %ld»)", a->id,
				    meeting, a->id);
	} else if (opt(a, "meeting")) {
		rc = PLAN_REFUSED;
	}
	if (rc != PLAN_OK) {
		if (have_cat)
			catalog_free(&cat);
		plan_free(&p);
		return rc;
	}
	struct plan_doc pd;
	struct plan_doc_opts po = {.mask = opt(a, "mask") != NULL, .audit = opt(a, "audit") != NULL,
				   .child_word = a->o->child_word, .cat = have_cat ? &cat : NULL,
				   .meeting = meeting};
	plan_doc_build(&pd, &p, &po);
	if (have_cat)
		catalog_free(&cat);
	struct strbuf doc = {0};
	struct plan_export_opts eo = {fmt, NULL};
	int made = plan_export(&doc, &pd, &eo);
	plan_doc_free(&pd);
	if (made != 0) {
		sb_reset(err);
		sb_add(err, doc.buf, doc.len);
		rc = PLAN_FAIL;
	} else if (!file && fmt == PLAN_PDF) {
		if (cli_write_binary(doc.buf, doc.len) != 0) {
			sb_reset(err);
			sb_puts(err, "Kunne ikke skrive PDF-en til standard ut");
			rc = PLAN_FAIL;
		}
	} else if (!file) {
		fwrite(doc.buf, 1, doc.len, stdout);
		if (strcmp(a->cmd->name, "plan show") == 0)
			print_versions(&p);
	} else {
		rc = plan_export_write(file, opt(a, "force") != NULL, doc.buf, doc.len, err);
		if (rc == PLAN_OK)
			printf("Stafettlogg %ld skrevet til %s (lesbar bare for deg).\n", a->id, file);
	}
	sb_free(&doc);
	plan_free(&p);
	return rc;
}

/* --- consent ------------------------------------------------------------ */

static int run_consent(struct db *db, const struct pargs *a, struct strbuf *err)
{
	int who = 0;
	if (word(VOCAB_CONSENT_BY, opt(a, "by"), "--by", &who, err) != PLAN_OK)
		return PLAN_REFUSED;
	struct strvec sv = {0};
	sv_split(&sv, opt(a, "scope"), ',');
	struct plan_consent_input in = {(enum plan_consent_by)who, opt(a, "date"), opt(a, "expires"),
					(const char *const *)sv.v, sv.n, opt(a, "guardians")};
	int rc = plan_add_consent(db, a->id, &in, err);
	if (rc == PLAN_OK)
		printf("Samtykke registrert i stafettlogg %ld for %zu tjeneste%s.\n", a->id, sv.n, sv.n == 1 ? "" : "r");
	sv_free(&sv);
	return rc;
}

static int run_refuse(struct db *db, const struct pargs *a, struct strbuf *err)
{
	int who = 0, rc = word(VOCAB_CONSENT_BY, opt(a, "by"), "--by", &who, err);
	if (rc == PLAN_OK && (rc = plan_add_refusal(db, a->id, (enum plan_consent_by)who, opt(a, "date"),
						    err)) == PLAN_OK)
		printf("Nektet samtykke registrert i stafettlogg %ld.\n", a->id);
	return rc;
}

static int run_withdraw(struct db *db, const struct pargs *a, struct strbuf *err)
{
	int rc = plan_withdraw(db, a->id, opt(a, "date"), err);
	if (rc == PLAN_OK)
		printf("Samtykket i stafettlogg %ld er trukket. Avslutt stafettloggen med «trapp plan close %ld "
		       "--reason samtykke-trukket» når samarbeidet stopper.\n", a->id, a->id);
	return rc;
}

/* --- services, people, goals, concern ---------------------------------- */

static int run_add_service(struct db *db, const struct pargs *a, struct strbuf *err)
{
	int rc = plan_add_service(db, a->id, a->pos[0], opt(a, "role"), err);
	if (rc == PLAN_OK)
		printf("«%s» lagt til i stafettlogg %ld.\n", a->pos[0], a->id);
	return rc;
}

static int run_add_person(struct db *db, const struct pargs *a, struct strbuf *err)
{
	int rc = plan_add_person(db, a->id, opt(a, "name"), opt(a, "role"), opt(a, "contact"), err);
	if (rc == PLAN_OK)
		printf("Person lagt til i stafettlogg %ld.\n", a->id);
	return rc;
}

static int run_concern(struct db *db, const struct pargs *a, struct strbuf *err)
{
	int rc = plan_add_concern(db, a->id, opt(a, "text"), opt(a, "date"), opt(a, "by"), err);
	if (rc == PLAN_OK)
		printf("Bekymring registrert i stafettlogg %ld.\n", a->id);
	return rc;
}

/* Print a new number (goal, step, meeting) alone, for scripts. */
static int print_no(int rc, const int *no)
{
	if (rc == PLAN_OK)
		printf("%d\n", *no);
	return rc;
}

static int run_add_goal(struct db *db, const struct pargs *a, struct strbuf *err)
{
	int no = 0;
	return print_no(plan_add_goal(db, a->id, opt(a, "text"), &no, err), &no);
}

static int run_remove_service(struct db *db, const struct pargs *a, struct strbuf *err)
{
	int rc = plan_remove_service(db, a->id, a->pos[0], err);
	if (rc == PLAN_OK)
		printf("Tjenesten %s er fjernet fra stafettlogg %ld.\n", a->pos[0], a->id);
	return rc;
}

static int run_remove_person(struct db *db, const struct pargs *a, struct strbuf *err)
{
	int rc = plan_remove_person(db, a->id, opt(a, "name"), err);
	if (rc == PLAN_OK)
		printf("Personen er fjernet fra stafettlogg %ld.\n", a->id);
	return rc;
}

static int run_needs(struct db *db, const struct pargs *a, struct strbuf *err)
{
	struct strvec codes = {0};
	sv_split(&codes, opt(a, "set"), ',');
	int rc = plan_set_needs(db, a->id, (const char *const *)codes.v, codes.n, err);
	if (rc == PLAN_OK)
		printf("Behov for stafettlogg %ld: %s.\n", a->id, codes.n ? opt(a, "set") : "ingen");
	sv_free(&codes);
	return rc;
}

static int run_goal(struct db *db, const struct pargs *a, struct strbuf *err)
{
	int no = 0, st = -1;
	int rc = number(a->pos[0], "målnummer", &no, err);
	if (rc == PLAN_OK && !opt(a, "status") && !opt(a, "text")) {
		sb_printf(err, "«trapp plan goal» trenger --status eller --text");
		return PLAN_REFUSED;
	}
	if (rc == PLAN_OK && opt(a, "status"))
		rc = word(VOCAB_GOAL, opt(a, "status"), "--status", &st, err);
	/* status and wording in one change: one version check, one audit row */
	struct plan_goal_change ch = {st, opt(a, "text")};
	if (rc == PLAN_OK && (rc = plan_update_goal(db, a->id, no, &ch, err)) == PLAN_OK) {
		if (ch.text)
			printf("Mål %d i stafettlogg %ld har ny tekst.\n", no, a->id);
		if (st >= 0)
			printf("Mål %d i stafettlogg %ld: %s.\n", no, a->id, plan_label(VOCAB_GOAL, st));
	}
	return rc;
}

/* --- steps, level, meeting ----------------------------------------------- */

static int run_add_step(struct db *db, const struct pargs *a, struct strbuf *err)
{
	struct plan_step_input in = {opt(a, "what"), opt(a, "who"), opt(a, "due"), opt(a, "evaluate"),
				     opt(a, "service")};
	int no = 0;
	return print_no(plan_add_step(db, a->id, &in, &no, err), &no);
}

static int run_step(struct db *db, const struct pargs *a, struct strbuf *err)
{
	int no = 0, st = -1;
	int rc = number(a->pos[0], "stegnummer", &no, err);
	if (rc == PLAN_OK)
		rc = word(VOCAB_STEP, opt(a, "status"), "--status", &st, err);
	struct plan_step_change ch = {st, opt(a, "evaluation"), opt(a, "due"), opt(a, "evaluate"),
				      opt(a, "what"), opt(a, "who")};
	if (rc == PLAN_OK && (rc = plan_update_step(db, a->id, no, &ch, err)) == PLAN_OK)
		printf("Steg %d i stafettlogg %ld er oppdatert.\n", no, a->id);
	return rc;
}

static int run_level(struct db *db, const struct pargs *a, struct strbuf *err)
{
	int level = 0;
	int rc = number(a->pos[0], "nivå", &level, err);
	if (rc == PLAN_OK && (rc = plan_set_level(db, a->id, level, opt(a, "why"), opt(a, "date"), err)) == PLAN_OK)
		printf("Stafettlogg %ld: %s.\n", a->id, plan_level_label(level));
	return rc;
}

/* Every value of the repeated option name. */
static const struct strvec *opt_all(const struct pargs *a, const char *name)
{
	for (int i = 0; i < MAX_OPTS && a->cmd->opts[i].name; i++)
		if (strcmp(a->cmd->opts[i].name, name) == 0)
			return &a->all[i];
	return NULL;
}

static int run_meeting(struct db *db, const struct pargs *a, struct strbuf *err)
{
	struct strvec sv = {0};
	sv_split(&sv, opt(a, "steps"), ',');
	int *steps = xcalloc(sv.n + 1, sizeof *steps), no = 0, rc = PLAN_OK;
	for (size_t i = 0; i < sv.n && rc == PLAN_OK; i++)
		rc = number(sv.v[i], "stegnummer i --steps", &steps[i], err);
	/* --agree "hva ; ansvarlig ; frist", once per step agreed */
	const struct strvec *agreed = opt_all(a, "agree");
	struct plan_step_input *made = xcalloc(agreed->n + 1, sizeof *made);
	struct strvec parts[16] = {{0}};
	for (size_t i = 0; i < agreed->n && i < 16 && rc == PLAN_OK; i++) {
		sv_split(&parts[i], agreed->v[i], ';');
		if (parts[i].n != 3)
			rc = refuse(err, "--agree «%s» trenger tre deler skilt med semikolon: hva ; ansvarlig ; "
				    "frist (ÅÅÅÅ-MM-DD)", agreed->v[i]);
		else
			made[i] = (struct plan_step_input){parts[i].v[0], parts[i].v[1], parts[i].v[2], NULL, NULL};
	}
	if (rc == PLAN_OK && agreed->n > 16)
		rc = refuse(err, "Høyst 16 --agree i ett møte (fikk %zu)", agreed->n);
	struct plan_meeting_input in = {opt(a, "date"), opt(a, "attended"), opt(a, "notes"), steps, sv.n,
					made, agreed->n};
	if (rc == PLAN_OK)
		rc = print_no(plan_add_meeting(db, a->id, &in, &no, err), &no);
	for (size_t i = 0; i < 16; i++)
		sv_free(&parts[i]);
	free(made);
	free(steps);
	sv_free(&sv);
	return rc;
}

/* --- hand-over and closing ---------------------------------------------- */

static int run_handover(struct db *db, const struct pargs *a, struct strbuf *err)
{
	int rc = plan_handover(db, a->id, opt(a, "to"), opt(a, "service"), opt(a, "date"), err);
	if (rc == PLAN_OK)
		printf("Overføring foreslått i stafettlogg %ld. Stafettpinnen blir hos nåværende stafettholder "
		       "til den nye aksepterer («trapp plan accept %ld»).\n", a->id, a->id);
	return rc;
}

static int run_accept(struct db *db, const struct pargs *a, struct strbuf *err)
{
	int rc = plan_accept(db, a->id, opt(a, "date"), err);
	if (rc == PLAN_OK)
		printf("Overføringen i stafettlogg %ld er akseptert: ny stafettholder har stafettpinnen.\n", a->id);
	return rc;
}

static int run_close(struct db *db, const struct pargs *a, struct strbuf *err)
{
	int why = 0, rc = word(VOCAB_CLOSE, opt(a, "reason"), "--reason", &why, err);
	struct plan_close_input in = {(enum plan_close_reason)why, opt(a, "why"), opt(a, "summary"),
				      opt(a, "date"), opt(a, "force") != NULL};
	if (rc == PLAN_OK && (rc = plan_close_with(db, a->id, &in, err)) == PLAN_OK)
		printf("Stafettlogg %ld er avsluttet (%s). Skriv den ut for arkivet med «trapp plan export %ld "
		       "--format pdf -o FIL.pdf».\n", a->id, plan_label(VOCAB_CLOSE, why), a->id);
	return rc;
}

/* --- members, read log, corrections, erasure ------------------------------ */

static int run_members(struct db *db, const struct pargs *a, struct strbuf *err)
{
	struct plan p;
	int rc = plan_load(db, a->id, &p, err);
	if (rc != PLAN_OK)
		return rc;
	static const char *const head[] = {"BRUKER", "NAVN", "ROLLE", "TJENESTE", "SIDEN"};
	static const int w[] = {16, 24, 14, 24, 0};
	cli_print_row(stdout, FMT_TABLE, head, w, 5);
	for (size_t i = 0; i < p.n_members; i++) {
		const struct plan_member *m = &p.members[i];
		const char *v[] = {m->login, m->name, plan_label(VOCAB_ROLE, (int)m->role), m->service, m->added};
		cli_print_row(stdout, FMT_TABLE, v, w, 5);
	}
	const struct plan_holder *pending = plan_proposed(&p);
	if (pending && *pending->login)
		printf("Venter på at %s aksepterer stafettpinnen («trapp plan accept %ld»).\n", pending->login, p.id);
	plan_free(&p);
	return PLAN_OK;
}

static int run_member(struct db *db, const struct pargs *a, struct strbuf *err)
{
	int role = 0;
	if (word(VOCAB_ROLE, opt(a, "role"), "--role", &role, err) != PLAN_OK)
		return PLAN_REFUSED;
	int rc = plan_add_member(db, a->id, a->pos[0], (enum plan_role)role, opt(a, "service"), err);
	if (rc == PLAN_OK)
		printf("%s er %s i stafettlogg %ld.\n", a->pos[0], plan_label(VOCAB_ROLE, role), a->id);
	return rc;
}

static int run_remove_member(struct db *db, const struct pargs *a, struct strbuf *err)
{
	int rc = plan_remove_member(db, a->id, a->pos[0], err);
	if (rc == PLAN_OK)
		printf("%s er ikke lenger medlem av stafettlogg %ld.\n", a->pos[0], a->id);
	return rc;
}

static int run_access_log(struct db *db, const struct pargs *a, struct strbuf *err)
{
	const char *f = opt(a, "format");
	int csv = f && strcmp(f, "csv") == 0;
	if (f && !csv && strcmp(f, "txt") != 0)
		return refuse(err, "Ukjent format «%s» for --format; gyldige: txt, csv", f);
	struct plan_access_entry *e;
	size_t n;
	int rc = plan_access_log(db, a->id, &e, &n, err);
	if (rc != PLAN_OK)
		return rc;
	static const char *const head_tbl[] = {"TIDSPUNKT", "BRUKER", "HVORDAN"};
	static const char *const head_csv[] = {"at", "who", "how"};
	static const int w[] = {22, 16, 0};
	enum out_format fmt = csv ? FMT_CSV : FMT_TABLE;
	if (!csv)
		printf("Lesingslogg for stafettlogg %ld (%zu oppslag)\n", a->id, n);
	cli_print_row(stdout, fmt, csv ? head_csv : head_tbl, w, 3);
	for (size_t i = 0; i < n; i++) {
		char local[32];  /* the table in local time; csv keeps the stored UTC */
		time_local(e[i].at, local, sizeof local);
		const char *v[] = {csv ? e[i].at : local, e[i].who, plan_label(VOCAB_ACCESS, (int)e[i].how)};
		cli_print_row(stdout, fmt, v, w, 3);
	}
	plan_access_log_free(e, n);
	return PLAN_OK;
}

static int run_correct(struct db *db, const struct pargs *a, struct strbuf *err)
{
	struct strbuf valid = {0};
	int field = plan_fix_parse(opt(a, "field"), &valid), item = 0, rc = PLAN_OK;
	if (field < 0)
		rc = refuse(err, "Ukjent felt «%s» for --field; gyldige: %s", opt(a, "field"), sb_str(&valid));
	sb_free(&valid);
	if (rc == PLAN_OK && opt(a, "item"))
		rc = number(opt(a, "item"), "nummer for --item", &item, err);
	if (rc == PLAN_OK && opt(a, "item") && item < 1)
		rc = refuse(err, "--item teller fra 1");
	if (rc == PLAN_OK && (rc = plan_correct(db, a->id, (enum plan_fix)field, item, opt(a, "value"),
						opt(a, "why"), err)) == PLAN_OK)
		printf("Rettet i stafettlogg %ld; den gamle verdien og begrunnelsen står i historikken.\n", a->id);
	return rc;
}

static int run_delete(struct db *db, const struct pargs *a, struct strbuf *err)
{
	if (opt(a, "no-archive") && !opt(a, "why"))
		return refuse(err, "--no-archive trenger --why TEKST (hvorfor stafettloggen slettes uten arkivutskrift)");
	int rc = plan_delete(db, a->id, opt(a, "no-archive") != NULL, opt(a, "why"), err);
	if (rc == PLAN_OK)
		printf("Stafettlogg %ld er slettet: personopplysningene er fjernet; endringsloggen beholder bare "
		       "handling, tidspunkt og hvem.\n", a->id);
	return rc;
}

/* trapp retention --closed-before DATO [--dry-run] [--no-archive --why T] */
static int run_retention(struct db *db, const struct pargs *a, struct strbuf *err)
{
	int dry = opt(a, "dry-run") != NULL, no_archive = opt(a, "no-archive") != NULL;
	if (no_archive && !opt(a, "why"))
		return refuse(err, "--no-archive trenger --why TEKST");
	struct plan_retention_item *v;
	size_t n;
	int rc = plan_retention(db, opt(a, "closed-before"), dry, no_archive, opt(a, "why"), &v, &n, err);
	if (rc != PLAN_OK && !n)
		return rc;  /* refused (a bad date) or failed before any plan */
	if (!n)
		printf("Ingen avsluttede stafettlogger før %s som du kan slette.\n", opt(a, "closed-before"));
	static const char *const head[] = {"PLAN", "AVSLUTTET", "ARKIVERT", "RESULTAT"};
	static const int w[] = {6, 11, 9, 0};
	if (n)
		cli_print_row(stdout, FMT_TABLE, head, w, 4);
	int refused = 0;
	for (size_t i = 0; i < n; i++) {
		char id[24];
		snprintf(id, sizeof id, "%ld", v[i].id);
		struct strbuf why = {0};
		cli_refusal_text(&why, &v[i].refusal);
		const char *res = dry ? "ville blitt slettet" : v[i].erased ? "slettet" : sb_str(&why);
		if (dry && !v[i].archived && !no_archive)
			res = "mangler arkivutskrift";
		refused += !dry && !v[i].erased;
		const char *row[] = {id, v[i].closed, v[i].archived ? "ja" : "nei", res};
		cli_print_row(stdout, FMT_TABLE, row, w, 4);
		sb_free(&why);
	}
	plan_retention_free(v, n);
	if (rc == PLAN_OK && refused)
		rc = refuse(err, "%d stafettlogg%s ble ikke slettet (se RESULTAT)", refused, refused == 1 ? "" : "er");
	return rc;
}

/* --- due ------------------------------------------------------------------- */

/* trapp due --format ics: the calendar, always masked (the file leaves
 * the machine), due dates and meetings, to stdout or a 0600 file. */
static int due_ics(struct db *db, const struct pargs *a, const char *today, struct strbuf *err)
{
	const char *file = opt(a, "output");
	if (file && !*file)
		return refuse(err, "-o trenger et filnavn");
	struct plan_due *d = NULL, *m = NULL;
	size_t n = 0, nm = 0;
	int rc = plan_due(db, today, -1, 1, a->o->child_word, &d, &n, err);
	if (rc == PLAN_OK)
		rc = plan_due_meetings(db, today, 1, a->o->child_word, &m, &nm, err);
	if (rc == PLAN_OK) {
		d = xrealloc(d, (n + nm + 1) * sizeof *d);
		if (nm)
			memcpy(d + n, m, nm * sizeof *m);
		n += nm;
		free(m);
		m = NULL;
		nm = 0;
	}
	struct strbuf cal = {0};
	if (rc == PLAN_OK && due_ics_write(&cal, d, n, err) != 0)
		rc = PLAN_FAIL;
	if (rc == PLAN_OK && !file)
		fwrite(cal.buf, 1, cal.len, stdout);
	else if (rc == PLAN_OK && (rc = plan_export_write(file, opt(a, "force") != NULL, cal.buf, cal.len, err)) == PLAN_OK)
		printf("Kalenderen med %zu hendelse%s er skrevet til %s (lesbar bare for deg; barnet vises "
		       "med initialer og plannummer).\n", n, n == 1 ? "" : "r", file);
	sb_free(&cal);
	plan_due_free(d, n);
	plan_due_free(m, nm);
	return rc;
}

/* The due row's kind and item as the table shows them. */
static char *due_item(const struct plan_due *d)
{
	switch (d->kind) {
	case DUE_STEP:
	case DUE_EVALUATION: return xasprintf("%d: %s", d->step, d->what);
	case DUE_HANDOVER: return xasprintf("til %s – %s", d->who, d->what);
	default: return xstrdup(d->what);
	}
}

static int run_due(struct db *db, const struct pargs *a, struct strbuf *err)
{
	enum out_format fmt;
	int days = -1, rc = PLAN_OK, ics = opt(a, "format") && strcmp(opt(a, "format"), "ics") == 0;
	if (!ics)
		rc = table_format(a, &fmt, err);
	if (rc == PLAN_OK && opt(a, "days"))
		rc = number(opt(a, "days"), "antall dager for --days", &days, err);
	if (rc == PLAN_OK && !ics && (opt(a, "output") || opt(a, "force")))
		rc = refuse(err, "-o og --force gjelder bare --format ics (kalenderfil)");
	char today[PLAN_DATE_LEN];
	plan_today(today);
	if (rc == PLAN_OK && ics)
		return due_ics(db, a, today, err);
	struct plan_due *d;
	size_t n;
	if (rc != PLAN_OK || (rc = plan_due(db, today, days, opt(a, "mask") != NULL, a->o->child_word, &d, &n, err)) != PLAN_OK)
		return rc;
	static const char *const head_tbl[] = {"DATO", "PLAN", "BARN", "HVA", "STEG", "ANSVARLIG"};
	static const char *const head_csv[] = {"date", "overdue", "plan", "child", "kind", "step", "what", "who"};
	static const int w[] = {10, 4, 16, 18, 36, 0};
	if (n || fmt != FMT_TABLE)
		cli_print_row(stdout, fmt, fmt == FMT_TABLE ? head_tbl : head_csv, w, fmt == FMT_TABLE ? 6 : 8);
	else if (days >= 0)
		printf("Ingen åpne frister, evalueringer, samtykker som utløper eller overføringer de neste %d dagene.\n", days);
	else
		printf("Ingen åpne frister, evalueringer, samtykker som utløper eller overføringer.\n");
	for (size_t i = 0; i < n; i++) {
		char plan[24], step[16];
		snprintf(plan, sizeof plan, "%ld", d[i].plan_id);
		snprintf(step, sizeof step, "%d", d[i].step);
		const char *kind = due_kind_word(d[i].kind);
		if (fmt == FMT_TABLE) {
			char *what = xasprintf("%s%s", d[i].overdue ? "FORFALT " : "", kind);
			char *desc = due_item(&d[i]);
			const char *v[] = {d[i].date, plan, d[i].child, what, desc,
					   d[i].kind == DUE_HANDOVER ? "" : d[i].who};
			cli_print_row(stdout, fmt, v, w, 6);
			free(what);
			free(desc);
		} else {
			const char *v[] = {d[i].date, d[i].overdue ? "1" : "0", plan, d[i].child, kind, step,
					   d[i].what, d[i].who};
			cli_print_row(stdout, fmt, v, NULL, 8);
		}
	}
	cli_print_end(stdout, fmt);
	plan_due_free(d, n);
	return PLAN_OK;
}

/* --- the youth consent age ----------------------------------------------- */

/* trapp consent-age [--kommune K] [--set 15|16]: the age from which a
 * youth consents alone in the kommune, with its basis. */
static int run_consent_age(struct db *db, const struct pargs *a, struct strbuf *err)
{
	char *code = cli_kommune(a->ss, opt(a, "kommune") ? opt(a, "kommune") : a->o->kommune);
	if (!code)
		return PLAN_REFUSED;  /* cli_kommune said why */
	int rc = PLAN_OK, age = 0;
	if (opt(a, "set") && (rc = number(opt(a, "set"), "alder for --set", &age, err)) == PLAN_OK)
		rc = plan_set_youth_consent_age(db, code, age, err);
	struct kommune *ks = NULL;
	size_t n = 0;
	const char *name = code;  /* the kommune's name where it is known */
	if (rc == PLAN_OK && session_kommuner(a->ss, &ks, &n, err) == SESSION_OK)
		for (size_t i = 0; i < n; i++)
			if (strcmp(ks[i].code, code) == 0)
				name = ks[i].name;
	if (rc == PLAN_OK)
		sb_reset(err);  /* without the list, the code names the kommune */
	if (rc == PLAN_OK)
		printf("%s: ungdom samtykker selv fra %d år%s.\n\n%s\n", name, plan_youth_consent_age(db, code),
		       opt(a, "set") ? " (lagret)" : "", plan_youth_consent_basis);
	session_kommuner_free(ks, n);
	free(code);
	return rc;
}

/* --- the table ------------------------------------------------------------ */

#define EXPORT_OPTS {"mask", NULL, 0, 0}, {"audit", NULL, 0, 0}, {"meeting", "N", 0, 0}
#define BY_DATE {"by", "foresatte|ungdom|begge", 1, 0}, {"date", "DATO", 1, 0}

static const struct pcmd plan_cmds[] = {
	{"plan new", 0, {NULL}, {{"child", "NAVN", 1, 0}, {"born", "ÅÅÅÅ[-MM-DD]", 1, 0},
		{"unit", "TEKST", 0, 0}, {"level", "N", 0, 0}, {"kommune", "K", 0, 0},
		{"holder", "NAVN", 0, 0}, {"holder-service", "TEKST", 0, 0}}, run_new},
	{"plan list", 0, {NULL}, {{"format", "FORMAT", 0, 0}, {"mask", NULL, 0, 0}}, run_list},
	{"plan show", 1, {NULL}, {EXPORT_OPTS}, run_export},
	{"plan export", 1, {NULL}, {EXPORT_OPTS, {"format", "txt|md|html|pdf", 0, 0},
		{"output", "FIL", 0, 'o'}, {"force", NULL, 0, 0}}, run_export},
	{"plan consent", 1, {NULL}, {BY_DATE, {"scope", "TJENESTE-ID,...", 1, 0},
		{"expires", "DATO", 0, 0}, {"guardians", "NAVN,...", 0, 0}}, run_consent},
	{"plan refuse", 1, {NULL}, {BY_DATE}, run_refuse},
	{"plan withdraw", 1, {NULL}, {{"date", "DATO", 1, 0}}, run_withdraw},
	{"plan add-service", 1, {"TJENESTE-ID", NULL}, {{"role", "TEKST", 0, 0}}, run_add_service},
	{"plan add-person", 1, {NULL}, {{"name", "NAVN", 1, 0}, {"role", "ROLLE", 1, 0},
		{"contact", "TEKST", 0, 0}}, run_add_person},
	{"plan remove-service", 1, {"TJENESTE-ID", NULL}, {{NULL, NULL, 0, 0}}, run_remove_service},
	{"plan remove-person", 1, {NULL}, {{"name", "NAVN", 1, 0}}, run_remove_person},
	{"plan add-goal", 1, {NULL}, {{"text", "TEKST", 1, 0}}, run_add_goal},
	{"plan goal", 1, {"MÅL", NULL}, {{"status", "STATUS", 0, 0}, {"text", "TEKST", 0, 0}}, run_goal},
	{"plan needs", 1, {NULL}, {{"set", "BEHOV,...", 1, 0}}, run_needs},
	{"plan add-step", 1, {NULL}, {{"what", "TEKST", 1, 0}, {"who", "TEKST", 1, 0}, {"due", "DATO", 1, 0},
		{"evaluate", "DATO", 0, 0}, {"service", "TJENESTE-ID", 0, 0}}, run_add_step},
	{"plan step", 1, {"STEG", NULL}, {{"status", "STATUS", 0, 0}, {"evaluation", "TEKST", 0, 0},
		{"due", "DATO", 0, 0}, {"evaluate", "DATO", 0, 0}, {"what", "TEKST", 0, 0},
		{"who", "TEKST", 0, 0}}, run_step},
	{"plan level", 1, {"NIVÅ", NULL}, {{"why", "TEKST", 1, 0}, {"date", "DATO", 0, 0}}, run_level},
	{"plan concern", 1, {NULL}, {{"text", "TEKST", 1, 0}, {"date", "DATO", 1, 0},
		{"by", "HVEM", 1, 0}}, run_concern},
	{"plan meeting", 1, {NULL}, {{"date", "DATO", 1, 0}, {"notes", "TEKST", 1, 0},
		{"attended", "TEKST", 0, 0}, {"steps", "N,N", 0, 0}, {"agree", "HVA;HVEM;FRIST", 0, 0}}, run_meeting},
	{"plan handover", 1, {NULL}, {{"to", "BRUKERNAVN", 1, 0}, {"service", "TEKST", 1, 0},
		{"date", "DATO", 0, 0}}, run_handover},
	{"plan accept", 1, {NULL}, {{"date", "DATO", 0, 0}}, run_accept},
	{"plan close", 1, {NULL}, {{"reason", "ÅRSAK", 1, 0}, {"date", "DATO", 0, 0},
		{"why", "TEKST", 0, 0}, {"summary", "TEKST", 0, 0}, {"force", NULL, 0, 0}}, run_close},
	{"plan members", 1, {NULL}, {{NULL, NULL, 0, 0}}, run_members},
	{"plan member", 1, {"BRUKER", NULL}, {{"role", "aktør|leder|lesetilgang", 1, 0},
		{"service", "TJENESTE-ID", 0, 0}}, run_member},
	{"plan remove-member", 1, {"BRUKER", NULL}, {{NULL, NULL, 0, 0}}, run_remove_member},
	{"plan access-log", 1, {NULL}, {{"format", "txt|csv", 0, 0}}, run_access_log},
	{"plan correct", 1, {NULL}, {{"field", "FELT", 1, 0}, {"value", "VERDI", 1, 0},
		{"why", "TEKST", 1, 0}, {"item", "N", 0, 0}}, run_correct},
	{"plan delete", 1, {NULL}, {{"no-archive", NULL, 0, 0}, {"why", "TEKST", 0, 0}}, run_delete},
};

static const struct pcmd retention_cmd = {
	"retention", 0, {NULL}, {{"closed-before", "DATO", 1, 0}, {"dry-run", NULL, 0, 0},
		{"no-archive", NULL, 0, 0}, {"why", "TEKST", 0, 0}}, run_retention,
};

static const struct pcmd due_cmd = {
	"due", 0, {NULL}, {{"days", "N", 0, 0}, {"format", "FORMAT", 0, 0}, {"mask", NULL, 0, 0},
		{"output", "FIL", 0, 'o'}, {"force", NULL, 0, 0}}, run_due,
};

static const struct pcmd consent_age_cmd = {
	"consent-age", 0, {NULL}, {{"kommune", "K", 0, 0}, {"set", "15|16", 0, 0}}, run_consent_age,
};

/* Parse, open the database, run; refused or bad value 2, failure 1. */
static int run_cmd(const struct pcmd *c, struct app_opts *o, int argc, char **argv)
{
	struct pargs a = {.cmd = c, .o = o};
	int rc = parse_args(o, argc, argv, c, &a);
	struct session ss;
	if (rc || cli_open(o, &ss) != EXIT_OK) {
		for (int k = 0; k < MAX_OPTS; k++)
			sv_free(&a.all[k]);
		return rc ? rc : EXIT_FAIL;
	}
	struct strbuf err = {0};
	a.ss = &ss;
	plan_expect_version(a.if_version);
	rc = c->run(ss.db, &a, &err);
	for (int k = 0; k < MAX_OPTS; k++)
		sv_free(&a.all[k]);
	cli_refusal_phrase(rc, &err);
	if (rc != PLAN_OK && err.len)
		util_error("%s", sb_str(&err));
	sb_free(&err);
	session_close(&ss);
	return rc == PLAN_OK ? EXIT_OK : rc == PLAN_REFUSED ? EXIT_USAGE : rc == PLAN_DENIED ? EXIT_DENIED
												 : EXIT_FAIL;
}

int cmd_plan(struct app_opts *o, int argc, char **argv)
{
	struct strbuf names = {0};
	for (size_t i = 0; i < ARRAY_LEN(plan_cmds); i++) {
		const char *word_ = plan_cmds[i].name + strlen("plan ");
		if (argc > 1 && strcmp(argv[1], word_) == 0) {
			sb_free(&names);
			return run_cmd(&plan_cmds[i], o, argc - 1, argv + 1);
		}
		sb_printf(&names, "%s%s", i ? ", " : "", word_);
	}
	int rc = argc > 1 ? cli_bad("Ukjent plan-kommando «%s»; gyldige: %s", argv[1], sb_str(&names))
			  : cli_bad("«trapp plan» trenger en kommando: %s", sb_str(&names));
	sb_free(&names);
	return rc;
}

int cmd_due(struct app_opts *o, int argc, char **argv) { return run_cmd(&due_cmd, o, argc, argv); }
int cmd_retention(struct app_opts *o, int argc, char **argv) { return run_cmd(&retention_cmd, o, argc, argv); }

int cmd_consent_age(struct app_opts *o, int argc, char **argv) { return run_cmd(&consent_age_cmd, o, argc, argv); }
