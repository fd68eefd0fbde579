/* plan_forms.c - the forms behind every change to a plan: a new plan,
 * concern, goals, steps, people, services leaving, meetings, consent and
 * refusal, level, hand-over and acceptance, closing and export. Each form
 * is one row of plan_forms[]: its action, title, a table of fields bound
 * by name to members of struct pf_values, and the one function that
 * passes those values to the plan model (corrections included). A refusal is shown in the form
 * under the field it is about. The consent's services are picked from a
 * list; the export form follows the format with the file's extension,
 * asks before writing over a file and can write a meeting's minutes. */
#include "ui.h"
#include "trapp/catalog.h"
#include "trapp/plan.h"
#include "trapp/plan_export.h"
#include "trapp/plan_refusal.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* What the user typed or chose, by name. Text fields fill a string ("" when
 * empty), choice fields an int (the index in the field's choices). */
struct pf_values {
	const char *child, *born, *unit, *holder, *holder_service;
	const char *text, *date, *noticed_by, *no;
	const char *what, *who, *due, *evaluate, *service, *evaluation;
	const char *name, *role, *contact;
	const char *attended, *notes, *steps;
	const char *scope, *expires, *why, *to, *file, *item, *value, *guardians, *summary;
	int status, by, level, reason, format, audit, fix, content;
};
#define AT(member) offsetof(struct pf_values, member)
#define PF_NONE SIZE_MAX  /* a refusal about no one field */
#define PF_ASKED 100  /* a call asked a question instead of saving (not a plan result) */

/* Where a field's first value comes from. */
enum pf_init { INIT_EMPTY, INIT_TODAY, INIT_ONLY_GOAL, INIT_ONLY_SERVICE, INIT_NEXT_LEVEL,
	       INIT_EXPORT_PATH, INIT_LEVEL_1 };
/* The choices of a choice field. */
enum pf_choices { CH_NONE, CH_LEVEL, CH_LEVEL_NAMED, CH_YES_NO, CH_FORMAT, CH_CONSENT_BY, CH_CLOSE,
		  CH_GOAL_OR_SAME, CH_STEP_OR_SAME, CH_FIX, CH_CONTENT };

struct pf_field {
	const char *label;
	enum form_kind kind;
	size_t at;               /* AT(member) of struct pf_values it fills */
	const char *hint;
	enum pf_init init;
	enum pf_choices choices;
};

/* A version the user saw when the form opened: goal or step no. */
struct pf_seen {
	int goal;                /* 1: a goal, 0: a step */
	int no;
	long version;
};

struct pf_def;

#define PF_MEETINGS 8            /* the export form offers the last meetings' minutes */

/* The form's context (one allocation, freed with the form). */
struct pf_ctx {
	const struct pf_def *def;
	struct form *form;       /* the form this context belongs to */
	long plan;               /* 0: a new plan */
	long opened;             /* set by a call: the plan to open when the form closes */
	/* the export form: a yes to writing over the file; what it can hold
	 * (0: the whole log, else the minutes of that meeting) */
	int overwrite;
	int meeting_no[PF_MEETINGS + 1];
	char meeting_label[PF_MEETINGS + 1][64];
	const char *meeting_choice[PF_MEETINGS + 2];
	enum ui_action next;     /* set by a call: the plan's form to open instead of saving */
	int asked;               /* the closing form asked about open steps once */
	size_t n_seen;
	struct pf_seen seen[];
};

/* Pass the values to the model. Returns PLAN_OK, or PLAN_REFUSED /
 * PLAN_FAIL with the message in err and *bad = AT(member) of the field it
 * is about (PF_NONE: the form finds the field whose value it quotes). */
typedef int (*pf_call_fn)(struct app *a, struct pf_ctx *c, const struct pf_values *v, struct strbuf *err,
			  size_t *bad);

struct pf_def {
	enum ui_action act;
	const char *title;
	const struct pf_field *fields;
	size_t n;
	pf_call_fn call;
};

static const char *opt(const char *s) { return *s ? s : NULL; }

/* The number in a "no" field (1, 2 ...), or a refusal on that field. */
static int parse_no(const struct pf_values *v, long *no, struct strbuf *err, size_t *bad)
{
	if (parse_int(v->no, 1, 100000, no) == 0)
		return PLAN_OK;
	sb_printf(err, "Skriv nummeret (1, 2 ...), ikke «%s».", v->no);
	*bad = AT(no);
	return PLAN_REFUSED;
}

/* The version of goal or step no the user saw (slot to update), or NULL. */
static long *seen_version(struct pf_ctx *c, int goal, long no)
{
	for (size_t i = 0; i < c->n_seen; i++)
		if (c->seen[i].goal == goal && c->seen[i].no == no)
			return &c->seen[i].version;
	return NULL;
}

/* A row of the conflict screen when the user set this field. */
static void conflict_row(struct strvec *rows, const char *label, const char *stored, const char *yours)
{
	sv_push(rows, label);
	sv_push(rows, stored);
	sv_push(rows, yours);
}

/* After a refused change to goal (goal = 1) or step no: when the item moved
 * since the form opened, show the values stored now beside the user's
 * (only the fields the user set), say who changed it and when, and take
 * the new version as seen, so Ctrl-S saves the user's values over it. */
static void conflict(struct app *a, struct pf_ctx *c, int goal, int no, const struct pf_values *v,
		     long *seen, struct strbuf *err)
{
	struct plan now;
	struct strbuf lerr = {0};
	if (plan_load(a->db, c->plan, &now, &lerr) != PLAN_OK) {
		sb_free(&lerr);
		return;
	}
	char item[32];
	snprintf(item, sizeof item, "%s %d", goal ? "mål" : "steg", no);
	struct strvec rows = {0};
	long version = *seen;
	for (size_t i = 0; goal && i < now.n_goals; i++) {
		const struct plan_goal *g = &now.goals[i];
		if (g->no != no)
			continue;
		version = g->version;
		if (v->status > 0)
			conflict_row(&rows, "Status", plan_label(VOCAB_GOAL, (int)g->status),
				     plan_label(VOCAB_GOAL, v->status - 1));
		if (*v->text)
			conflict_row(&rows, "Tekst", g->text, v->text);
	}
	for (size_t i = 0; !goal && i < now.n_steps; i++) {
		const struct plan_step *s = &now.steps[i];
		if (s->no != no)
			continue;
		version = s->version;
		if (v->status > 0)
			conflict_row(&rows, "Status", plan_label(VOCAB_STEP, (int)s->status),
				     plan_label(VOCAB_STEP, v->status - 1));
		if (*v->evaluation)
			conflict_row(&rows, "Evaluering", s->evaluation, v->evaluation);
		if (*v->due)
			conflict_row(&rows, "Frist", s->due, v->due);
		if (*v->evaluate)
			conflict_row(&rows, "Evalueres", s->evaluate, v->evaluate);
		if (*v->what)
			conflict_row(&rows, "Tekst", s->what, v->what);
		if (*v->who)
			conflict_row(&rows, "Ansvarlig", s->who, v->who);
	}
	if (version != *seen) {
		const char *who = "en annen", *at = "ukjent tid";
		for (size_t i = 0; i < now.n_audit; i++)
			if (now.audit[i].item && strcmp(now.audit[i].item, item) == 0) {
				who = now.audit[i].who;
				at = now.audit[i].at;
			}
		sb_reset(err);
		const char *what = goal ? "Mål" : "Steg";  /* as the plan screen numbers them */
		char local[32];
		time_local(at, local, sizeof local);  /* stored in UTC */
		sb_printf(err, "%s %d er endret av %s (%s) etter at du åpnet skjemaet. Ingenting er lagret "
			  "ennå: Ctrl-S lagrer ditt over det som står, Esc beholder det som står.",
			  what, no, who, local);
		char *kept = xasprintf("%s %d: du beholdt det %s lagret; ingenting av ditt er lagret.", what, no, who);
		form_conflict(c->form, sb_str(err), &rows, kept);
		free(kept);
		*seen = version;  /* the next save keeps yours */
	}
	sv_free(&rows);
	plan_free(&now);
	sb_free(&lerr);
}

static int new_plan_call(struct app *a, struct pf_ctx *c, const struct pf_values *v, struct strbuf *err,
			 size_t *bad)
{
	if (!*v->child) {
		sb_puts(err, "Skriv barnets navn eller et pseudonym.");
		*bad = AT(child);
		return PLAN_REFUSED;
	}
	if (!*v->born) {
		sb_puts(err, "Skriv fødselsår (ÅÅÅÅ) eller fødselsdato (ÅÅÅÅ-MM-DD).");
		*bad = AT(born);
		return PLAN_REFUSED;
	}
	struct plan_new in = {.child = v->child, .born = v->born, .unit = v->unit,
			      .kommune = a->cat.kommune.code, .level = v->level, .holder = opt(v->holder),
			      .holder_service = opt(v->holder_service)};
	int rc = plan_new(a->db, &in, &c->opened, err);  /* a refusal names its field */
	if (rc == PLAN_OK)
		app_set_message(a, 0, "Stafettlogg %ld er opprettet.", c->opened);
	return rc;
}

static int concern_call(struct app *a, struct pf_ctx *c, const struct pf_values *v, struct strbuf *err,
			size_t *bad)
{
	(void)bad;
	return plan_add_concern(a->db, c->plan, v->text, v->date, v->noticed_by, err);
}

static int goal_call(struct app *a, struct pf_ctx *c, const struct pf_values *v, struct strbuf *err,
		     size_t *bad)
{
	int no;
	*bad = AT(text);
	return plan_add_goal(a->db, c->plan, v->text, &no, err);
}

static int goal_change_call(struct app *a, struct pf_ctx *c, const struct pf_values *v, struct strbuf *err,
			    size_t *bad)
{
	long no;
	if (parse_no(v, &no, err, bad) != PLAN_OK)
		return PLAN_REFUSED;
	struct plan_goal_change ch = {v->status - 1, opt(v->text)};  /* choice 0: unchanged */
	if (ch.status < 0 && !ch.text) {
		sb_puts(err, "Velg en ny status eller skriv en ny tekst.");
		*bad = AT(status);
		return PLAN_REFUSED;
	}
	*bad = ch.text ? AT(text) : AT(status);
	long *seen = seen_version(c, 1, no);
	if (seen)
		plan_expect_version(*seen);
	int rc = plan_update_goal(a->db, c->plan, (int)no, &ch, err);
	if (rc == PLAN_REFUSED && seen)
		conflict(a, c, 1, (int)no, v, seen, err);
	return rc;
}

static int step_call(struct app *a, struct pf_ctx *c, const struct pf_values *v, struct strbuf *err,
		     size_t *bad)
{
	(void)bad;
	struct plan_step_input in = {v->what, v->who, v->due, opt(v->evaluate), opt(v->service)};
	int no;
	return plan_add_step(a->db, c->plan, &in, &no, err);
}

static int step_change_call(struct app *a, struct pf_ctx *c, const struct pf_values *v, struct strbuf *err,
			    size_t *bad)
{
	long no;
	if (parse_no(v, &no, err, bad) != PLAN_OK)
		return PLAN_REFUSED;
	/* choice 0 is "uendret": -1 keeps the stored status; an empty text
	 * field keeps the stored value */
	struct plan_step_change ch = {v->status - 1, opt(v->evaluation), opt(v->due), opt(v->evaluate),
				      opt(v->what), opt(v->who)};
	/* optimistic: saved only if nobody changed the step since the form
	 * opened; else both values are shown and the user keeps one */
	long *seen = seen_version(c, 0, no);
	if (seen)
		plan_expect_version(*seen);
	int rc = plan_update_step(a->db, c->plan, (int)no, &ch, err);
	if (rc == PLAN_REFUSED && seen)
		conflict(a, c, 0, (int)no, v, seen, err);
	return rc;
}

static int person_call(struct app *a, struct pf_ctx *c, const struct pf_values *v, struct strbuf *err,
		       size_t *bad)
{
	(void)bad;
	return plan_add_person(a->db, c->plan, v->name, v->role, v->contact, err);
}

static int remove_service_call(struct app *a, struct pf_ctx *c, const struct pf_values *v,
			       struct strbuf *err, size_t *bad)
{
	*bad = AT(service);
	return plan_remove_service(a->db, c->plan, v->service, err);
}

static int remove_person_call(struct app *a, struct pf_ctx *c, const struct pf_values *v,
			      struct strbuf *err, size_t *bad)
{
	*bad = AT(name);
	return plan_remove_person(a->db, c->plan, v->name, err);
}

static int consent_call(struct app *a, struct pf_ctx *c, const struct pf_values *v, struct strbuf *err,
			size_t *bad)
{
	(void)bad;
	struct strvec scope = {0};
	sv_split(&scope, v->scope, ',');
	struct plan_consent_input in = {v->by, v->date, opt(v->expires), (const char *const *)scope.v, scope.n,
					opt(v->guardians)};
	int rc = plan_add_consent(a->db, c->plan, &in, err);
	sv_free(&scope);
	return rc;
}

static int refuse_call(struct app *a, struct pf_ctx *c, const struct pf_values *v, struct strbuf *err,
		       size_t *bad)
{
	(void)bad;
	return plan_add_refusal(a->db, c->plan, v->by, v->date, err);
}

static int withdraw_call(struct app *a, struct pf_ctx *c, const struct pf_values *v, struct strbuf *err,
			 size_t *bad)
{
	(void)bad;
	return plan_withdraw(a->db, c->plan, v->date, err);
}

static int level_call(struct app *a, struct pf_ctx *c, const struct pf_values *v, struct strbuf *err,
		      size_t *bad)
{
	struct plan p;
	if (plan_load(a->db, c->plan, &p, err) != PLAN_OK)
		return PLAN_FAIL;
	char today[PLAN_DATE_LEN];
	plan_today(today);
	/* consent as recorded now (see plan_set_level) */
	if (v->level >= 2 && v->level > p.level && plan_consent_state(&p, today, NULL) != CONSENT_VALID) {
		/* the way forward: the consent form, then the level again */
		struct strbuf why = {0};
		plan_consent_gap(&p, "", today, &why);
		app_set_message(a, 1, "Nivå %d krever gyldig samtykke (%s). Registrer samtykket her, og hev "
				"så nivået igjen.", v->level, sb_str(&why));
		sb_free(&why);
		plan_free(&p);
		c->next = ACT_P_CONSENT;
		return PLAN_OK;
	}
	plan_free(&p);
	*bad = AT(why);
	return plan_set_level(a->db, c->plan, v->level, v->why, v->date, err);
}

static int handover_call(struct app *a, struct pf_ctx *c, const struct pf_values *v, struct strbuf *err,
			 size_t *bad)
{
	(void)bad;
	return plan_handover(a->db, c->plan, v->to, v->service, v->date, err);
}

static int accept_call(struct app *a, struct pf_ctx *c, const struct pf_values *v, struct strbuf *err,
		       size_t *bad)
{
	(void)bad;
	return plan_accept(a->db, c->plan, v->date, err);
}

static int close_call(struct app *a, struct pf_ctx *c, const struct pf_values *v, struct strbuf *err,
		      size_t *bad)
{
	(void)bad;
	struct plan p;
	struct strbuf open = {0};
	if (plan_load(a->db, c->plan, &p, err) != PLAN_OK)
		return PLAN_FAIL;
	size_t n_open = plan_open_steps(&p, &open);
	plan_free(&p);
	if (n_open && !c->asked) {
		/* ask once; saving again closes the plan anyway */
		c->asked = 1;
		sb_printf(err, "Stafettloggen har %zu åpne steg (%s). Lukke likevel? Lagre igjen for å lukke, "
			  "eller Esc og sett stegene til fullført eller avbrutt først.", n_open, sb_str(&open));
		sb_free(&open);
		return PLAN_REFUSED;
	}
	sb_free(&open);
	struct plan_close_input in = {(enum plan_close_reason)v->reason, opt(v->why), opt(v->summary), v->date,
				      c->asked};
	int rc = plan_close_with(a->db, c->plan, &in, err);
	if (rc == PLAN_OK)
		app_set_message(a, 0, "Stafettloggen er lukket. Skriv den ut for arkivet med e (eksport).");
	return rc;
}

static const char *const export_formats[] = {"html", "md", "txt", "pdf", NULL};

/* The format moved: the file name follows (Markdown is never written
 * into a .html file). */
static void export_format_changed(struct form *f, struct form_field *fd)
{
	struct form_field *file = form_field(f, 1);
	const char *path = sb_str(&file->value);
	const char *slash = strrchr(path, '/'), *dot = strrchr(path, '.');
	size_t keep = dot && (!slash || dot > slash) ? (size_t)(dot - path) : strlen(path);
	char *now = xasprintf("%.*s.%s", (int)keep, path, export_formats[fd->choice]);
	sb_reset(&file->value);
	sb_puts(&file->value, now);
	free(now);
}

static void export_overwrite(struct app *a, void *ctx)
{
	(void)ctx;
	form_save_top(a);  /* the export form, with overwrite set */
}

static void export_keep(struct app *a, void *ctx)
{
	((struct pf_ctx *)ctx)->overwrite = 0;
	app_set_message(a, 0, "Filen er ikke endret: skriv et annet filnavn.");
}

static int export_call(struct app *a, struct pf_ctx *c, const struct pf_values *v, struct strbuf *err,
		       size_t *bad)
{
	*bad = AT(file);
	if (!*v->file) {
		sb_puts(err, "Skriv hvor filen skal lagres.");
		return PLAN_REFUSED;
	}
	if (!c->overwrite && access(v->file, F_OK) == 0) {
		/* asked once; a yes saves again with the file written over */
		char *q = xasprintf("Filen %s finnes fra før. Skrive over den?", v->file);
		c->overwrite = 1;
		app_push(a, ask_new(q, "skriv over", "velg et annet filnavn", export_overwrite, export_keep, c, NULL));
		free(q);
		return PF_ASKED;  /* no message: the question says it */
	}
	enum plan_format fmt;
	plan_format_parse(export_formats[v->format], &fmt);
	struct plan p;
	/* the export is in the plan's read log (html is the print format) */
	int how = fmt == PLAN_HTML || fmt == PLAN_PDF ? ACCESS_PRINT : ACCESS_EXPORT;
	if (plan_open(a->db, c->plan, (enum plan_access_how)how, &p, err) != PLAN_OK)
		return PLAN_FAIL;
	/* names, not codes: the plan's own catalogue gives the kommune's
	 * name and the need labels, also when another is on screen */
	struct catalog own;
	const struct catalog *cat = NULL;
	if (strcmp(a->cat.kommune.code, p.kommune) == 0)
		cat = &a->cat;
	else if (session_load_catalog(a->ss, p.kommune, &own, err) == SESSION_OK)
		cat = &own;
	sb_reset(err);
	/* anything exported while presenting is masked */
	struct plan_doc pd;
	struct plan_doc_opts po = {.mask = a->present, .audit = v->audit, .child_word = a->child_word,
				   .cat = cat, .meeting = c->meeting_no[v->content]};
	plan_doc_build(&pd, &p, &po);
	plan_free(&p);
	if (cat == &own)
		catalog_free(&own);
	struct plan_export_opts o = {fmt, NULL};
	struct strbuf doc = {0};
	int rc = PLAN_FAIL;
	if (plan_export(&doc, &pd, &o) != 0)
		sb_add(err, doc.buf, doc.len);
	else
		rc = plan_export_write(v->file, c->overwrite, doc.buf, doc.len, err);
	plan_doc_free(&pd);
	sb_free(&doc);
	c->overwrite = 0;
	if (rc == PLAN_OK)
		app_set_message(a, 0, "%s er skrevet til %s%s", po.meeting ? "Referatet" : "Stafettloggen", v->file,
				a->present ? " (maskert)" : "");
	return rc;
}

/* --- the services a consent covers: chosen from a list ------------------- */

struct scope_pick {
	struct strvec chosen;    /* first: the picker frees it with the context */
	struct form *f;
	int field;
};

/* The list closed: the field holds the ids, and shows the names. */
static void scope_done(struct app *a, void *ctx)
{
	struct scope_pick *sp = ctx;
	struct form_field *fd = form_field(sp->f, sp->field);
	sb_reset(&fd->value);
	sb_reset(&fd->shown);
	for (size_t i = 0; i < sp->chosen.n; i++) {
		const struct service *svc = catalog_find_slug(&a->cat, sp->chosen.v[i]);
		sb_printf(&fd->value, "%s%s", i ? "," : "", sp->chosen.v[i]);
		sb_printf(&fd->shown, "%s%s", i ? ", " : "", svc ? svc->name : sp->chosen.v[i]);
	}
}

/* The plan's services first, then the catalogue as the browser's filters
 * show it now (the plan's kommune). */
static void scope_pick(struct app *a, struct form *f, int field)
{
	struct pf_ctx *c = form_ctx(f);
	struct plan p;
	struct strbuf err = {0};
	int rc = plan_load(a->db, c->plan, &p, &err);
	if (rc != PLAN_OK) {
		ui_refusal_phrase(rc, &err);
		form_error(f, field, "%s", sb_str(&err));
		sb_free(&err);
		return;
	}
	sb_free(&err);
	if (strcmp(a->cat.kommune.code, p.kommune) != 0 && app_load_kommune(a, p.kommune) != 0) {
		plan_free(&p);
		return;
	}
	struct strvec labels = {0}, codes = {0};
	for (size_t i = 0; i < p.n_services; i++) {
		sv_push_owned(&labels, xasprintf("%s (med i stafettloggen)", p.services[i].name));
		sv_push(&codes, p.services[i].slug);
	}
	for (size_t k = 0; k < a->n_matches; k++) {
		const struct service *svc = &a->cat.svc[a->matches[k]];
		int in_plan = 0;
		for (size_t i = 0; i < p.n_services && !in_plan; i++)
			in_plan = strcmp(p.services[i].slug, svc->slug) == 0;
		if (!in_plan) {
			sv_push(&labels, svc->name);
			sv_push(&codes, svc->slug);
		}
	}
	plan_free(&p);
	struct scope_pick *sp = xcalloc(1, sizeof *sp);
	sp->f = f;
	sp->field = field;
	sv_split(&sp->chosen, form_value(f, field), ',');
	static char title[200];
	struct strbuf filt = {0};
	ui_filter_text(a, &filt);
	if (filt.len)
		snprintf(title, sizeof title, "Samtykket gjelder (katalogen: %s)", sb_str(&filt));
	else  /* no filter: the whole catalogue */
		snprintf(title, sizeof title, "Samtykket gjelder (hele katalogen for %s)", a->cat.kommune.name);
	sb_free(&filt);
	app_push(a, picker_strings_new(title, &labels, &codes, &sp->chosen, scope_done, sp));
	sv_free(&labels);
	sv_free(&codes);
}

static int correct_call(struct app *a, struct pf_ctx *c, const struct pf_values *v, struct strbuf *err,
			size_t *bad)
{
	long item = 0;
	if (*v->item && parse_int(v->item, 1, 100000, &item) != 0) {
		sb_puts(err, "Skriv nummeret (1, 2 ...) i rekkefølgen på skjermen, eller la feltet stå tomt");
		*bad = AT(item);
		return PLAN_REFUSED;
	}
	int rc = plan_correct(a->db, c->plan, (enum plan_fix)v->fix, (int)item, v->value, v->why, err);
	if (rc == PLAN_OK)
		app_set_message(a, 0, "Rettet. Den gamle verdien og begrunnelsen står i historikken.");
	return rc;
}

/* --- the forms: one table of named fields each ------------------------------ */

#define FIELDS(a) a, sizeof a / sizeof a[0]
#define DATE_HINT "ÅÅÅÅ-MM-DD"

static const struct pf_field new_plan_fields[] = {
	{"Barn", FIELD_TEXT, AT(child), "navn eller pseudonym", 0, 0},
	{"Født", FIELD_DATE, AT(born), "ÅÅÅÅ eller ÅÅÅÅ-MM-DD", 0, 0},
	{"Enhet", FIELD_TEXT, AT(unit), "barnehage, skole ...", 0, 0},
	{"BTI-nivå", FIELD_CHOICE, AT(level), NULL, INIT_LEVEL_1, CH_LEVEL_NAMED},
	{"Stafettholder", FIELD_TEXT, AT(holder), "tomt: deg selv", 0, 0},
	{"Tjeneste", FIELD_TEXT, AT(holder_service), "stafettholderens tjeneste", 0, 0},
};
static const struct pf_field concern_fields[] = {
	{"Hva", FIELD_TEXT, AT(text), "hva er observert, konkret", 0, 0},
	{"Dato", FIELD_DATE, AT(date), NULL, INIT_TODAY, 0},
	{"Lagt merke til av", FIELD_TEXT, AT(noticed_by), "rolle, f.eks. kontaktlærer", 0, 0},
};
static const struct pf_field goal_fields[] = {
	{"Mål", FIELD_TEXT, AT(text), NULL, 0, 0},
};
static const struct pf_field goal_change_fields[] = {
	{"Mål nr", FIELD_NUMBER, AT(no), NULL, INIT_ONLY_GOAL, 0},
	{"Status", FIELD_CHOICE, AT(status), NULL, 0, CH_GOAL_OR_SAME},
	{"Ny tekst", FIELD_TEXT, AT(text), "tomt: uendret", 0, 0},
};
static const struct pf_field step_fields[] = {
	{"Hva", FIELD_TEXT, AT(what), NULL, 0, 0},
	{"Ansvarlig", FIELD_TEXT, AT(who), NULL, 0, 0},
	{"Frist", FIELD_DATE, AT(due), DATE_HINT, 0, 0},
	{"Evalueres", FIELD_DATE, AT(evaluate), DATE_HINT " (valgfritt)", 0, 0},
	{"Tjeneste (id)", FIELD_TEXT, AT(service), "valgfritt, en av stafettloggens tjenester", 0, 0},
};
static const struct pf_field step_change_fields[] = {
	{"Steg nr", FIELD_NUMBER, AT(no), NULL, 0, 0},
	{"Status", FIELD_CHOICE, AT(status), NULL, 0, CH_STEP_OR_SAME},
	{"Evaluering", FIELD_TEXT, AT(evaluation), "virket steget? (valgfritt)", 0, 0},
	{"Ny frist", FIELD_DATE, AT(due), DATE_HINT " (tomt: uendret)", 0, 0},
	{"Evalueres", FIELD_DATE, AT(evaluate), DATE_HINT " (tomt: uendret)", 0, 0},
	{"Ny tekst", FIELD_TEXT, AT(what), "hva steget er (tomt: uendret)", 0, 0},
	{"Ny ansvarlig", FIELD_TEXT, AT(who), "tomt: uendret", 0, 0},
};
static const struct pf_field person_fields[] = {
	{"Navn", FIELD_TEXT, AT(name), NULL, 0, 0},
	{"Rolle", FIELD_TEXT, AT(role), "mor, far, barnet, helsesykepleier ...", 0, 0},
	{"Kontakt", FIELD_TEXT, AT(contact), "telefon eller e-post (valgfritt)", 0, 0},
};
static const struct pf_field remove_service_fields[] = {
	{"Tjeneste (id)", FIELD_TEXT, AT(service), "id-en i [klammer] under Tjenester", INIT_ONLY_SERVICE, 0},
};
static const struct pf_field remove_person_fields[] = {
	{"Navn", FIELD_TEXT, AT(name), "som det står under Personer", 0, 0},
};
static const struct pf_field consent_fields[] = {
	{"Gitt av", FIELD_CHOICE, AT(by), NULL, 0, CH_CONSENT_BY},
	{"Dato", FIELD_DATE, AT(date), NULL, INIT_TODAY, 0},
	{"Tjenester", FIELD_PICK, AT(scope), "Enter: velg fra stafettloggens tjenester og katalogen", 0, 0},
	{"Utløper", FIELD_DATE, AT(expires), DATE_HINT " (valgfritt)", 0, 0},
	{"Foresatte (navn)", FIELD_TEXT, AT(guardians), "de som samtykket, skilt med komma", 0, 0},
};
static const struct pf_field refuse_fields[] = {
	{"Avslått av", FIELD_CHOICE, AT(by), NULL, 0, CH_CONSENT_BY},
	{"Dato", FIELD_DATE, AT(date), NULL, INIT_TODAY, 0},
};
static const struct pf_field date_fields[] = {
	{"Dato", FIELD_DATE, AT(date), NULL, INIT_TODAY, 0},
};
static const struct pf_field level_fields[] = {
	{"Nytt nivå", FIELD_CHOICE, AT(level), NULL, INIT_NEXT_LEVEL, CH_LEVEL},
	{"Begrunnelse", FIELD_TEXT, AT(why), NULL, 0, 0},
	{"Dato", FIELD_DATE, AT(date), NULL, INIT_TODAY, 0},
};
static const struct pf_field handover_fields[] = {
	{"Til (brukernavn)", FIELD_TEXT, AT(to), "påloggingen til den nye stafettholderen", 0, 0},
	{"Tjeneste", FIELD_TEXT, AT(service), "f.eks. Skolen", 0, 0},
	{"Dato", FIELD_DATE, AT(date), NULL, INIT_TODAY, 0},
};
static const struct pf_field correct_fields[] = {
	{"Hva", FIELD_CHOICE, AT(fix), NULL, 0, CH_FIX},
	{"Nr", FIELD_NUMBER, AT(item), "hvilken bekymring / person (tomt: den eneste)", 0, 0},
	{"Ny verdi", FIELD_TEXT, AT(value), NULL, 0, 0},
	{"Begrunnelse", FIELD_TEXT, AT(why), "hvorfor (står i historikken)", 0, 0},
};
static const struct pf_field close_fields[] = {
	{"Årsak", FIELD_CHOICE, AT(reason), NULL, 0, CH_CLOSE},
	{"Dato", FIELD_DATE, AT(date), NULL, INIT_TODAY, 0},
	{"Begrunnelse", FIELD_TEXT, AT(why), "påkrevd ved «annet»", 0, 0},
	{"Oppsummering", FIELD_TEXT, AT(summary), "evaluering av målene", 0, 0},
};
static const struct pf_field export_fields[] = {
	{"Format", FIELD_CHOICE, AT(format), NULL, 0, CH_FORMAT},
	{"Fil", FIELD_TEXT, AT(file), NULL, INIT_EXPORT_PATH, 0},
	{"Med endringslogg", FIELD_CHOICE, AT(audit), NULL, 0, CH_YES_NO},
	{"Innhold", FIELD_CHOICE, AT(content), NULL, 0, CH_CONTENT},
};

/* Every plan form: the action that opens it, and the call it makes. */
static const struct pf_def plan_forms[] = {
	{ACT_NEW_PLAN, "Ny stafettlogg", FIELDS(new_plan_fields), new_plan_call},
	{ACT_P_CONCERN, "Bekymring / undring", FIELDS(concern_fields), concern_call},
	{ACT_P_GOAL, "Nytt mål", FIELDS(goal_fields), goal_call},
	{ACT_P_GOAL_STATUS, "Endre mål: status eller tekst", FIELDS(goal_change_fields), goal_change_call},
	{ACT_P_STEP, "Nytt steg", FIELDS(step_fields), step_call},
	{ACT_P_STEP_STATUS, "Endre steg: status, evaluering, datoer, ansvarlig", FIELDS(step_change_fields),
	 step_change_call},
	{ACT_P_PERSON, "Ny person", FIELDS(person_fields), person_call},
	{ACT_P_REMOVE_SERVICE, "En tjeneste går ut av stafettloggen", FIELDS(remove_service_fields),
	 remove_service_call},
	{ACT_P_REMOVE_PERSON, "En person går ut av stafettloggen", FIELDS(remove_person_fields),
	 remove_person_call},
	{ACT_P_CONSENT, "Samtykke", FIELDS(consent_fields), consent_call},
	{ACT_P_REFUSE, "Avslag på samtykke", FIELDS(refuse_fields), refuse_call},
	{ACT_P_WITHDRAW, "Samtykket trekkes", FIELDS(date_fields), withdraw_call},
	{ACT_P_LEVEL, "Endre BTI-nivå", FIELDS(level_fields), level_call},
	{ACT_P_HANDOVER, "Overfør stafettpinnen", FIELDS(handover_fields), handover_call},
	{ACT_P_ACCEPT, "Ny stafettholder godtar", FIELDS(date_fields), accept_call},
	{ACT_P_CORRECT, "Rett en opplysning", FIELDS(correct_fields), correct_call},
	{ACT_P_CLOSE, "Lukk stafettloggen", FIELDS(close_fields), close_call},
	{ACT_P_EXPORT, "Eksporter stafettloggen", FIELDS(export_fields), export_call},
};

/* --- from a table to a form, and from a form to the call --------------------- */

/* Vocabulary labels as a NULL-terminated choice list (static per vocab);
 * with unchanged, "uendret" first: a change form changes only what the
 * user changed (choice 0 keeps the status as it is). */
static const char *const *vocab_choices(enum plan_vocab v, int unchanged)
{
	static const char *lists[2][VOCAB_COUNT][16];
	const char **l = lists[unchanged][v];
	if (!l[0]) {
		int k = 0;
		if (unchanged)
			l[k++] = "uendret";
		for (int i = 0; i < plan_vocab_count(v) && k < 15; i++)
			l[k++] = plan_label(v, i);
	}
	return l;
}

/* The fields a correction can change, as choices. */
static const char *const *fix_choices(void)
{
	static const char *list[FIX_COUNT + 1];
	if (!list[0])
		for (int i = 0; i < FIX_COUNT; i++)
			list[i] = plan_fix_label((enum plan_fix)i);
	return list;
}

/* One label per level, the same everywhere (plan_level_label). */
static const char *const *level_choices(void)
{
	static const char *list[PLAN_LEVEL_MAX + 2];
	for (int i = 0; i <= PLAN_LEVEL_MAX; i++)
		list[i] = plan_level_label(i);
	return list;
}

static const char *const *choice_list(enum pf_choices ch)
{
	static const char *const yes_no[] = {"nei", "ja", NULL};
	switch (ch) {
	case CH_LEVEL: return level_choices();
	case CH_LEVEL_NAMED: return level_choices();
	case CH_YES_NO: return yes_no;
	case CH_FORMAT: return export_formats;
	case CH_CONSENT_BY: return vocab_choices(VOCAB_CONSENT_BY, 0);
	case CH_CLOSE: return vocab_choices(VOCAB_CLOSE, 0);
	case CH_GOAL_OR_SAME: return vocab_choices(VOCAB_GOAL, 1);
	case CH_STEP_OR_SAME: return vocab_choices(VOCAB_STEP, 1);
	case CH_FIX: return fix_choices();
	case CH_CONTENT: /* per plan: set in plan_open_form */
	case CH_NONE: break;
	}
	return NULL;
}

static void field_init(struct app *a, const struct plan *p, const struct pf_field *fd, struct form_field *ff)
{
	char today[PLAN_DATE_LEN];
	switch (fd->init) {
	case INIT_TODAY:
		plan_today(today);
		sb_puts(&ff->value, today);
		break;
	case INIT_ONLY_GOAL:
		if (p->n_goals == 1)
			sb_printf(&ff->value, "%d", p->goals[0].no);
		break;
	case INIT_ONLY_SERVICE:
		if (p->n_services == 1)
			sb_puts(&ff->value, p->services[0].slug);
		break;
	case INIT_NEXT_LEVEL:
		ff->choice = p->level < 3 ? p->level + 1 : 3;
		break;
	case INIT_LEVEL_1:
		ff->choice = 1;
		break;
	case INIT_EXPORT_PATH: {
		(void)a;
		const char *home = getenv("HOME");
		sb_printf(&ff->value, "%s/stafettlogg-%ld.html", home && *home ? home : ".", p->id);
		break;
	}
	case INIT_EMPTY:
		break;
	}
}

/* The form field bound to member at, or -1. */
static int field_index(const struct pf_def *d, size_t at)
{
	for (size_t i = 0; i < d->n; i++)
		if (d->fields[i].at == at)
			return (int)i;
	return -1;
}

static void bind_values(const struct form *f, const struct pf_def *d, struct pf_values *v)
{
	/* a call reads only the members its own table binds */
	memset(v, 0, sizeof *v);
	for (size_t i = 0; i < d->n; i++) {
		char *m = (char *)v + d->fields[i].at;
		if (d->fields[i].kind == FIELD_CHOICE)
			*(int *)(void *)m = form_choice(f, (int)i);
		else
			*(const char **)(void *)m = form_value(f, (int)i);
	}
}

/* The member of struct pf_values a coded refusal is about, or PF_NONE. */
static size_t refusal_field_at(const struct plan_refusal *r)
{
	if (r->code == PR_NO_GOAL || r->code == PR_NO_STEP)
		return AT(no);
	if (r->code == PR_FIX_WHICH || r->code == PR_FIX_NO_ITEM)
		return AT(item);
	if (r->code == PR_BAD_BORN)
		return AT(born);
	static const size_t at[PRF_COUNT] = {
		[PRF_CHILD] = AT(child), [PRF_BORN] = AT(born), [PRF_UNIT] = AT(unit), [PRF_HOLDER] = AT(holder),
		[PRF_HOLDER_SERVICE] = AT(holder_service), [PRF_LEVEL_WHY] = AT(why), [PRF_DATE] = AT(date),
		[PRF_CONCERN] = AT(text), [PRF_NOTICED_BY] = AT(noticed_by), [PRF_GUARDIANS] = AT(guardians),
		[PRF_CONSENT_BY] = AT(by), [PRF_CONSENT_DATE] = AT(date), [PRF_EXPIRES] = AT(expires),
		[PRF_REFUSAL_DATE] = AT(date), [PRF_WITHDRAW_DATE] = AT(date), [PRF_SERVICE_ROLE] = AT(role),
		[PRF_PERSON_NAME] = AT(name), [PRF_PERSON_ROLE] = AT(role), [PRF_CONTACT] = AT(contact),
		[PRF_GOAL] = AT(text), [PRF_GOAL_STATUS] = AT(status), [PRF_STEP_WHAT] = AT(what),
		[PRF_STEP_WHO] = AT(who), [PRF_DUE] = AT(due), [PRF_EVALUATE] = AT(evaluate),
		[PRF_EVALUATION] = AT(evaluation), [PRF_STEP_STATUS] = AT(status), [PRF_MEETING_DATE] = AT(date),
		[PRF_NOTES] = AT(notes), [PRF_ATTENDED] = AT(attended), [PRF_HANDOVER_TO] = AT(to),
		[PRF_HANDOVER_SERVICE] = AT(service), [PRF_CLOSE_REASON] = AT(reason), [PRF_CLOSE_WHY] = AT(why),
		[PRF_SUMMARY] = AT(summary), [PRF_FIX] = AT(fix), [PRF_FIX_VALUE] = AT(value), [PRF_FIX_WHY] = AT(why),
	};
	/* AT(child) is 0: the only member at offset 0, so 0 elsewhere means none */
	if ((unsigned)r->field >= PRF_COUNT || r->field == PRF_NONE || (r->field != PRF_CHILD && !at[r->field]))
		return PF_NONE;
	return at[r->field];
}

static int pf_submit(struct app *a, struct form *f)
{
	struct pf_ctx *c = form_ctx(f);
	struct pf_values v;
	bind_values(f, c->def, &v);
	struct strbuf err = {0};
	size_t bad = PF_NONE;
	int rc = c->def->call(a, c, &v, &err, &bad);
	if (rc == PF_ASKED) {
		sb_free(&err);
		return -1;  /* a question is asked instead (writing over a file) */
	}
	if (rc != PLAN_OK && !err.len) {
		/* a coded refusal: phrased here, on the field it is about */
		const struct plan_refusal *r = plan_refusal();
		size_t at = refusal_field_at(r);
		if (at != PF_NONE && field_index(c->def, at) >= 0)
			bad = at;
		ui_refusal_phrase(rc, &err);
	}
	if (rc != PLAN_OK) {
		form_error(f, bad == PF_NONE ? -1 : field_index(c->def, bad), "%s", sb_str(&err));
		sb_free(&err);
		return -1;
	}
	sb_free(&err);
	if (c->next) {
		/* the call sent the user to another form of the plan first */
		long plan = c->plan;
		enum ui_action next = c->next;
		app_pop(a);  /* the form (and c with it) */
		struct plan p;
		struct strbuf lerr = {0};
		if (plan_load(a->db, plan, &p, &lerr) == PLAN_OK) {
			plan_open_form(a, &p, next);
			plan_free(&p);
		}
		sb_free(&lerr);
		return 1;
	}
	if (!c->opened)
		return 0;
	long id = c->opened;
	app_pop(a);  /* the form (and c with it); the list stays below */
	app_push(a, plan_view_new(id, 0));
	return 1;
}

static struct pf_ctx *ctx_new(const struct pf_def *d, const struct plan *p)
{
	size_t n = p ? p->n_goals + p->n_steps : 0;
	struct pf_ctx *c = xcalloc(1, sizeof *c + n * sizeof c->seen[0]);
	c->def = d;
	c->plan = p ? p->id : 0;
	for (size_t i = 0; p && i < p->n_goals; i++)
		c->seen[c->n_seen++] = (struct pf_seen){1, p->goals[i].no, p->goals[i].version};
	for (size_t i = 0; p && i < p->n_steps; i++)
		c->seen[c->n_seen++] = (struct pf_seen){0, p->steps[i].no, p->steps[i].version};
	return c;
}

void plan_open_form(struct app *a, const struct plan *p, enum ui_action act)
{
	const struct pf_def *d = NULL;
	for (size_t i = 0; i < sizeof plan_forms / sizeof plan_forms[0] && !d; i++)
		if (plan_forms[i].act == act)
			d = &plan_forms[i];
	if (!d || (!p && act != ACT_NEW_PLAN))
		return;
	struct pf_ctx *c = ctx_new(d, p);
	/* the export's contents: the whole log, or a recent meeting's minutes */
	snprintf(c->meeting_label[0], sizeof c->meeting_label[0], "hele stafettloggen");
	c->meeting_choice[0] = c->meeting_label[0];
	for (size_t i = 0, k = 1; p && i < p->n_meetings && k <= PF_MEETINGS; i++, k++) {
		const struct plan_meeting *m = &p->meetings[p->n_meetings - 1 - i];  /* newest first */
		c->meeting_no[k] = m->no;
		snprintf(c->meeting_label[k], sizeof c->meeting_label[k], "referat fra møte %d (%s)", m->no, m->date);
		c->meeting_choice[k] = c->meeting_label[k];
	}
	char *title = act == ACT_P_EXPORT && a->present ? xasprintf("%s (maskert)", d->title) : xstrdup(d->title);
	struct form *f = form_new(title, pf_submit, c);
	c->form = f;
	free(title);
	for (size_t i = 0; i < d->n; i++) {
		const struct pf_field *fd = &d->fields[i];
		struct form_field *ff = form_add(f, fd->label, fd->kind, NULL);
		ff->hint = fd->hint;
		ff->choices = fd->choices == CH_CONTENT ? c->meeting_choice : choice_list(fd->choices);
		if (fd->choices == CH_FORMAT)
			ff->changed = export_format_changed;
		if (fd->kind == FIELD_PICK)
			ff->pick = scope_pick;
		if (p || fd->init == INIT_LEVEL_1)
			field_init(a, p, fd, ff);
	}
	app_push(a, form_view(f));
}
