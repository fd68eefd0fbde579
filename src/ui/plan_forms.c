/* plan_forms.c - the forms behind every change to a plan: concern, goals,
 * steps, people, services leaving, meetings, consent and refusal, level,
 * hand-over and acceptance, closing and export. Each submit calls the plan
 * model; a refusal is shown in the form under the field it is about. */
#include "ui.h"
#include "trapp/catalog.h"
#include "trapp/plan.h"
#include "trapp/plan_export.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>


static long ctx_id(struct form *f) { return *(long *)form_ctx(f); }

static long *id_ctx(long id)
{
	long *p = xmalloc(sizeof *p);
	*p = id;
	return p;
}

/* The step form's context: the plan id first (ctx_id), then the number of
 * steps and, per step, its number and the version the user saw when the
 * form opened: [id, n, no1, v1, no2, v2 ...]. */
static long *steps_ctx(const struct plan *p)
{
	long *c = xcalloc(2 + 2 * p->n_steps, sizeof *c);
	c[0] = p->id;
	c[1] = (long)p->n_steps;
	for (size_t i = 0; i < p->n_steps; i++) {
		c[2 + 2 * i] = p->steps[i].no;
		c[3 + 2 * i] = p->steps[i].version;
	}
	return c;
}

/* The version of step no the user saw (slot to update), or NULL. */
static long *seen_version(struct form *f, long no)
{
	long *c = form_ctx(f);
	for (long i = 0; i < c[1]; i++)
		if (c[2 + 2 * i] == no)
			return &c[3 + 2 * i];
	return NULL;
}

/* Show a model refusal in the form, on the field the message is about. */
static int refused(struct form *f, int field, int rc, struct strbuf *err)
{
	if (rc == PLAN_OK) {
		sb_free(err);
		return 0;
	}
	form_error(f, field, "%s", sb_str(err));
	sb_free(err);
	return -1;
}

static const char *opt(const char *s) { return *s ? s : NULL; }

static int concern_submit(struct app *a, struct form *f)
{
	(void)a;
	struct strbuf err = {0};
	return refused(f, -1, plan_add_concern(a->db, ctx_id(f), form_value(f, 0), form_value(f, 1),
					       form_value(f, 2), &err), &err);
}

static int goal_submit(struct app *a, struct form *f)
{
	struct strbuf err = {0};
	int no;
	return refused(f, 0, plan_add_goal(a->db, ctx_id(f), form_value(f, 0), &no, &err), &err);
}

static int parse_no(struct form *f, int field, long *no)
{
	if (parse_int(form_value(f, field), 1, 100000, no) != 0) {
		form_error(f, field, "Skriv nummeret (1, 2 ...), ikke «%s».", form_value(f, field));
		return -1;
	}
	return 0;
}

static int goal_status_submit(struct app *a, struct form *f)
{
	long no;
	if (parse_no(f, 0, &no) != 0)
		return -1;
	int status = form_choice(f, 1) - 1;  /* choice 0: unchanged */
	const char *text = form_value(f, 2);
	if (status < 0 && !*text) {
		form_error(f, 1, "Velg en ny status eller skriv en ny tekst.");
		return -1;
	}
	struct strbuf err = {0};
	if (*text && refused(f, 2, plan_set_goal_text(a->db, ctx_id(f), (int)no, text, &err), &err) != 0)
		return -1;
	if (status >= 0)
		return refused(f, 1, plan_set_goal_status(a->db, ctx_id(f), (int)no, status, &err), &err);
	return 0;
}

static int step_submit(struct app *a, struct form *f)
{
	struct plan_step_input in = {form_value(f, 0), form_value(f, 1), form_value(f, 2),
				     opt(form_value(f, 3)), opt(form_value(f, 4))};
	struct strbuf err = {0};
	int no;
	return refused(f, -1, plan_add_step(a->db, ctx_id(f), &in, &no, &err), &err);
}

static int step_status_submit(struct app *a, struct form *f)
{
	long no;
	if (parse_no(f, 0, &no) != 0)
		return -1;
	/* choice 0 is "uendret": -1 keeps the stored status */
	struct plan_step_change ch = {form_choice(f, 1) - 1, opt(form_value(f, 2)), opt(form_value(f, 3)),
				      opt(form_value(f, 4)), opt(form_value(f, 5)), opt(form_value(f, 6))};
	struct strbuf err = {0};
	/* optimistic: saved only if nobody changed the step since the form
	 * opened; else both values are shown and the user keeps one */
	long *seen = seen_version(f, no);
	if (seen)
		plan_expect_version(*seen);
	int rc = plan_update_step(a->db, ctx_id(f), (int)no, &ch, &err);
	struct plan now;
	struct strbuf lerr = {0};
	if (rc == PLAN_REFUSED && seen && plan_load(a->db, ctx_id(f), &now, &lerr) == PLAN_OK) {
		for (size_t i = 0; i < now.n_steps; i++) {
			const struct plan_step *s = &now.steps[i];
			if (s->no != no || s->version == *seen)
				continue;
			sb_printf(&err, ". Nå står det: status %s, evaluering «%s», frist %s, ansvarlig %s. "
				  "Ctrl-S lagrer dine verdier over dette; Esc beholder det som står",
				  plan_label(VOCAB_STEP, (int)s->status), s->evaluation, s->due, s->who);
			*seen = s->version;  /* the next save keeps yours */
		}
		plan_free(&now);
	}
	sb_free(&lerr);
	return refused(f, -1, rc, &err);
}

static int person_submit(struct app *a, struct form *f)
{
	struct strbuf err = {0};
	return refused(f, -1, plan_add_person(a->db, ctx_id(f), form_value(f, 0), form_value(f, 1),
					      form_value(f, 2), &err), &err);
}

static int remove_service_submit(struct app *a, struct form *f)
{
	struct strbuf err = {0};
	return refused(f, 0, plan_remove_service(a->db, ctx_id(f), form_value(f, 0), &err), &err);
}

static int remove_person_submit(struct app *a, struct form *f)
{
	struct strbuf err = {0};
	return refused(f, 0, plan_remove_person(a->db, ctx_id(f), form_value(f, 0), &err), &err);
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
	struct plan p;
	struct strbuf err = {0};
	if (plan_load(a->db, ctx_id(f), &p, &err) != PLAN_OK) {
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
		sv_push_owned(&labels, xasprintf("%s (med i planen)", p.services[i].name));
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
	snprintf(title, sizeof title, "Samtykket gjelder (katalogen: %s)", sb_str(&filt));
	sb_free(&filt);
	app_push(a, picker_strings_new(title, &labels, &codes, &sp->chosen, scope_done, sp));
	sv_free(&labels);
	sv_free(&codes);
}

static int consent_submit(struct app *a, struct form *f)
{
	struct strvec scope = {0};
	sv_split(&scope, form_value(f, 2), ',');
	struct plan_consent_input in = {form_choice(f, 0), form_value(f, 1), opt(form_value(f, 3)),
					(const char *const *)scope.v, scope.n};
	struct strbuf err = {0};
	int rc = plan_add_consent(a->db, ctx_id(f), &in, &err);
	sv_free(&scope);
	return refused(f, -1, rc, &err);
}

static int refuse_submit(struct app *a, struct form *f)
{
	struct strbuf err = {0};
	return refused(f, -1, plan_add_refusal(a->db, ctx_id(f), form_choice(f, 0), form_value(f, 1), &err),
		       &err);
}

static int withdraw_submit(struct app *a, struct form *f)
{
	struct strbuf err = {0};
	return refused(f, -1, plan_withdraw(a->db, ctx_id(f), form_value(f, 0), &err), &err);
}

static int level_submit(struct app *a, struct form *f)
{
	struct strbuf err = {0};
	return refused(f, 1, plan_set_level(a->db, ctx_id(f), form_choice(f, 0), form_value(f, 1),
					    form_value(f, 2), &err), &err);
}

static int handover_submit(struct app *a, struct form *f)
{
	struct strbuf err = {0};
	return refused(f, -1, plan_handover(a->db, ctx_id(f), form_value(f, 0), form_value(f, 1),
					    form_value(f, 2), &err), &err);
}

static int accept_submit(struct app *a, struct form *f)
{
	struct strbuf err = {0};
	return refused(f, -1, plan_accept(a->db, ctx_id(f), form_value(f, 0), &err), &err);
}

static int close_submit(struct app *a, struct form *f)
{
	struct strbuf err = {0};
	int rc = refused(f, -1, plan_close(a->db, ctx_id(f), form_choice(f, 0), form_value(f, 1), &err), &err);
	if (rc == 0)
		app_set_message(a, 0, "Stafettloggen er lukket. Skriv den ut for arkivet med e (eksport).");
	return rc;
}

static const char *const export_formats[] = {"html", "md", "txt", "pdf", NULL};

/* The export form's context: the plan id first (ctx_id), whether the
 * user said yes to writing over the file, and what it can hold: the
 * whole log or the minutes of one of its last meetings. */
#define EXPORT_MEETINGS 8
struct export_ctx {
	long id;
	int overwrite;
	int nos[EXPORT_MEETINGS + 1];          /* 0: the whole log, else a meeting */
	char labels[EXPORT_MEETINGS + 1][64];
	const char *choices[EXPORT_MEETINGS + 2];
};

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
	((struct export_ctx *)ctx)->overwrite = 0;
	app_set_message(a, 0, "Filen er ikke endret: skriv et annet filnavn.");
}

static int export_submit(struct app *a, struct form *f)
{
	struct export_ctx *c = form_ctx(f);
	const char *file = form_value(f, 1);
	if (!*file) {
		form_error(f, 1, "Skriv hvor filen skal lagres.");
		return -1;
	}
	if (!c->overwrite && access(file, F_OK) == 0) {
		/* asked once; a yes saves again with the file written over */
		char *q = xasprintf("Filen %s finnes fra før. Skrive over den?", file);
		c->overwrite = 1;
		app_push(a, ask_new(q, "skriv over", "velg et annet filnavn", export_overwrite, export_keep, c, NULL));
		free(q);
		return -1;
	}
	enum plan_format fmt;
	plan_format_parse(export_formats[form_choice(f, 0)], &fmt);
	struct plan p;
	struct strbuf err = {0};
	/* the export is in the plan's read log (html is the print format) */
	int how = fmt == PLAN_HTML || fmt == PLAN_PDF ? ACCESS_PRINT : ACCESS_EXPORT;
	if (plan_open(a->db, ctx_id(f), (enum plan_access_how)how, &p, &err) != PLAN_OK)
		return refused(f, -1, PLAN_FAIL, &err);
	/* names, not codes: the plan's own catalogue gives the kommune's
	 * name and the need labels, also when another is on screen */
	struct catalog own;
	const struct catalog *cat = NULL;
	if (strcmp(a->cat.kommune.code, p.kommune) == 0)
		cat = &a->cat;
	else if (session_load_catalog(a->ss, p.kommune, &own, &err) == SESSION_OK)
		cat = &own;
	sb_reset(&err);
	/* anything exported while presenting is masked */
	struct plan_doc pd;
	struct plan_doc_opts po = {.mask = a->present, .audit = form_choice(f, 2), .child_word = a->child_word,
				   .cat = cat, .meeting = c->nos[form_choice(f, 3)]};
	plan_doc_build(&pd, &p, &po);
	plan_free(&p);
	if (cat == &own)
		catalog_free(&own);
	struct plan_export_opts o = {fmt, NULL};
	struct strbuf doc = {0};
	int rc = PLAN_FAIL;
	if (plan_export(&doc, &pd, &o) != 0)
		sb_add(&err, doc.buf, doc.len);
	else
		rc = plan_export_write(file, c->overwrite, doc.buf, doc.len, &err);
	plan_doc_free(&pd);
	sb_free(&doc);
	c->overwrite = 0;
	if (rc == PLAN_OK)
		app_set_message(a, 0, "%s er skrevet til %s%s", po.meeting ? "Referatet" : "Stafettloggen", file,
				a->present ? " (maskert)" : "");
	return refused(f, 1, rc, &err);
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

static int correct_submit(struct app *a, struct form *f)
{
	struct strbuf err = {0};
	long item = 0;
	if (*form_value(f, 1) && parse_int(form_value(f, 1), 1, 100000, &item) != 0) {
		form_error(f, 1, "Skriv nummeret (1, 2 ...) i rekkefølgen på skjermen, eller la feltet stå tomt");
		return -1;
	}
	int rc = refused(f, -1, plan_correct(a->db, ctx_id(f), (enum plan_fix)form_choice(f, 0), (int)item,
					     form_value(f, 2), form_value(f, 3), &err), &err);
	if (rc == 0)
		app_set_message(a, 0, "Rettet. Den gamle verdien og begrunnelsen står i historikken.");
	return rc;
}

/* Vocabulary labels as a NULL-terminated choice list (static per vocab). */
static const char *const *vocab_choices(enum plan_vocab v)
{
	static const char *lists[VOCAB_COUNT][16];
	if (!lists[v][0]) {
		int n = plan_vocab_count(v);
		for (int i = 0; i < n && i < 15; i++)
			lists[v][i] = plan_label(v, i);
	}
	return lists[v];
}

/* One label per level, the same everywhere (plan_level_label). */
static const char *const *level_choices(void)
{
	static const char *list[PLAN_LEVEL_MAX + 2];
	for (int i = 0; i <= PLAN_LEVEL_MAX; i++)
		list[i] = plan_level_label(i);
	return list;
}

/* "uendret" and the statuses of a vocabulary: a change form changes only
 * what the user changed (choice 0 keeps the status as it is). */
static const char *const *unchanged_choices(enum plan_vocab v)
{
	static const char *lists[VOCAB_COUNT][16];
	if (!lists[v][0]) {
		lists[v][0] = "uendret";
		int n = plan_vocab_count(v);
		for (int i = 0; i < n && i < 14; i++)
			lists[v][i + 1] = plan_label(v, i);
	}
	return lists[v];
}

static const char *const *goal_choices(void) { return unchanged_choices(VOCAB_GOAL); }
static const char *const yes_no[] = {"nei", "ja", NULL};

void plan_open_form(struct app *a, const struct plan *p, enum ui_action act)
{
	char today[PLAN_DATE_LEN];
	plan_today(today);
	struct form *f = NULL;
	struct form_field *fd;
	long *ctx = id_ctx(p->id);
	switch (act) {
	case ACT_P_CONCERN:
		f = form_new("Bekymring / undring", concern_submit, ctx);
		form_add(f, "Hva", FIELD_TEXT, NULL)->hint = "hva er observert, konkret";
		form_add(f, "Dato", FIELD_DATE, today);
		form_add(f, "Lagt merke til av", FIELD_TEXT, NULL)->hint = "rolle, f.eks. kontaktlærer";
		break;
	case ACT_P_GOAL:
		f = form_new("Nytt mål", goal_submit, ctx);
		form_add(f, "Mål", FIELD_TEXT, NULL);
		break;
	case ACT_P_GOAL_STATUS:
		f = form_new("Endre mål: status eller tekst", goal_status_submit, ctx);
		form_add(f, "Mål nr", FIELD_NUMBER, p->n_goals == 1 ? "1" : NULL);
		fd = form_add(f, "Status", FIELD_CHOICE, NULL);
		fd->choices = goal_choices();
		form_add(f, "Ny tekst", FIELD_TEXT, NULL)->hint = "tomt: uendret";
		break;
	case ACT_P_STEP:
		f = form_new("Nytt steg", step_submit, ctx);
		form_add(f, "Hva", FIELD_TEXT, NULL);
		form_add(f, "Ansvarlig", FIELD_TEXT, NULL);
		form_add(f, "Frist", FIELD_DATE, NULL)->hint = "ÅÅÅÅ-MM-DD";
		form_add(f, "Evalueres", FIELD_DATE, NULL)->hint = "ÅÅÅÅ-MM-DD (valgfritt)";
		form_add(f, "Tjeneste (id)", FIELD_TEXT, NULL)->hint = "valgfritt, en av planens tjenester";
		break;
	case ACT_P_STEP_STATUS:
		free(ctx);
		ctx = steps_ctx(p);
		f = form_new("Endre steg: status, evaluering, datoer, ansvarlig", step_status_submit, ctx);
		form_add(f, "Steg nr", FIELD_NUMBER, NULL);
		fd = form_add(f, "Status", FIELD_CHOICE, NULL);
		fd->choices = unchanged_choices(VOCAB_STEP);
		form_add(f, "Evaluering", FIELD_TEXT, NULL)->hint = "virket steget? (valgfritt)";
		form_add(f, "Ny frist", FIELD_DATE, NULL)->hint = "ÅÅÅÅ-MM-DD (tomt: uendret)";
		form_add(f, "Evalueres", FIELD_DATE, NULL)->hint = "ÅÅÅÅ-MM-DD (tomt: uendret)";
		form_add(f, "Ny tekst", FIELD_TEXT, NULL)->hint = "hva steget er (tomt: uendret)";
		form_add(f, "Ny ansvarlig", FIELD_TEXT, NULL)->hint = "tomt: uendret";
		break;
	case ACT_P_PERSON:
		f = form_new("Ny person", person_submit, ctx);
		form_add(f, "Navn", FIELD_TEXT, NULL);
		form_add(f, "Rolle", FIELD_TEXT, NULL)->hint = "mor, far, barnet, helsesykepleier ...";
		form_add(f, "Kontakt", FIELD_TEXT, NULL)->hint = "telefon eller e-post (valgfritt)";
		break;
	case ACT_P_REMOVE_SERVICE:
		f = form_new("En tjeneste går ut av stafettloggen", remove_service_submit, ctx);
		form_add(f, "Tjeneste (id)", FIELD_TEXT, p->n_services == 1 ? p->services[0].slug : NULL)
			->hint = "id-en i [klammer] under Tjenester";
		break;
	case ACT_P_REMOVE_PERSON:
		f = form_new("En person går ut av stafettloggen", remove_person_submit, ctx);
		form_add(f, "Navn", FIELD_TEXT, NULL)->hint = "som det står under Personer";
		break;
	case ACT_P_CONSENT:
		f = form_new("Samtykke", consent_submit, ctx);
		fd = form_add(f, "Gitt av", FIELD_CHOICE, NULL);
		fd->choices = vocab_choices(VOCAB_CONSENT_BY);
		form_add(f, "Dato", FIELD_DATE, today);
		fd = form_add(f, "Tjenester", FIELD_PICK, NULL);
		fd->pick = scope_pick;
		fd->hint = "Enter: velg fra planens tjenester og katalogen";
		form_add(f, "Utløper", FIELD_DATE, NULL)->hint = "ÅÅÅÅ-MM-DD (valgfritt)";
		break;
	case ACT_P_REFUSE:
		f = form_new("Avslag på samtykke", refuse_submit, ctx);
		fd = form_add(f, "Avslått av", FIELD_CHOICE, NULL);
		fd->choices = vocab_choices(VOCAB_CONSENT_BY);
		form_add(f, "Dato", FIELD_DATE, today);
		break;
	case ACT_P_WITHDRAW:
		f = form_new("Samtykket trekkes", withdraw_submit, ctx);
		form_add(f, "Dato", FIELD_DATE, today);
		break;
	case ACT_P_LEVEL:
		f = form_new("Endre BTI-nivå", level_submit, ctx);
		fd = form_add(f, "Nytt nivå", FIELD_CHOICE, NULL);
		fd->choices = level_choices();
		fd->choice = p->level < 3 ? p->level + 1 : 3;
		form_add(f, "Begrunnelse", FIELD_TEXT, NULL);
		form_add(f, "Dato", FIELD_DATE, today);
		break;
	case ACT_P_HANDOVER:
		f = form_new("Overfør stafettpinnen", handover_submit, ctx);
		form_add(f, "Til (brukernavn)", FIELD_TEXT, NULL)->hint = "påloggingen til den nye stafettholderen";
		form_add(f, "Tjeneste", FIELD_TEXT, NULL)->hint = "f.eks. Skolen";
		form_add(f, "Dato", FIELD_DATE, today);
		break;
	case ACT_P_ACCEPT:
		f = form_new("Ny stafettholder godtar", accept_submit, ctx);
		form_add(f, "Dato", FIELD_DATE, today);
		break;
	case ACT_P_CORRECT:
		f = form_new("Rett en opplysning", correct_submit, ctx);
		fd = form_add(f, "Hva", FIELD_CHOICE, NULL);
		fd->choices = fix_choices();
		form_add(f, "Nr", FIELD_NUMBER, NULL)->hint = "hvilken bekymring / person (tomt: den eneste)";
		form_add(f, "Ny verdi", FIELD_TEXT, NULL);
		form_add(f, "Begrunnelse", FIELD_TEXT, NULL)->hint = "hvorfor (står i historikken)";
		break;
	case ACT_P_CLOSE:
		f = form_new("Lukk stafettloggen", close_submit, ctx);
		fd = form_add(f, "Årsak", FIELD_CHOICE, NULL);
		fd->choices = vocab_choices(VOCAB_CLOSE);
		form_add(f, "Dato", FIELD_DATE, today);
		break;
	case ACT_P_EXPORT: {
		free(ctx);
		struct export_ctx *ec = xcalloc(1, sizeof *ec);
		ec->id = p->id;
		snprintf(ec->labels[0], sizeof ec->labels[0], "hele stafettloggen");
		ec->choices[0] = ec->labels[0];
		for (size_t i = 0, k = 1; i < p->n_meetings && k <= EXPORT_MEETINGS; i++, k++) {
			const struct plan_meeting *m = &p->meetings[p->n_meetings - 1 - i];  /* newest first */
			ec->nos[k] = m->no;
			snprintf(ec->labels[k], sizeof ec->labels[k], "referat fra møte %d (%s)", m->no, m->date);
			ec->choices[k] = ec->labels[k];
		}
		f = form_new(a->present ? "Eksporter stafettloggen (maskert)" : "Eksporter stafettloggen",
			     export_submit, ec);
		fd = form_add(f, "Format", FIELD_CHOICE, NULL);
		fd->choices = export_formats;
		fd->changed = export_format_changed;
		const char *home = getenv("HOME");
		char *path = xasprintf("%s/stafettlogg-%ld.html", home && *home ? home : ".", p->id);
		form_add(f, "Fil", FIELD_TEXT, path);
		free(path);
		fd = form_add(f, "Med endringslogg", FIELD_CHOICE, NULL);
		fd->choices = yes_no;
		fd = form_add(f, "Innhold", FIELD_CHOICE, NULL);
		fd->choices = ec->choices;
		break;
	}
	default:
		free(ctx);
		return;
	}
	app_push(a, form_view(f));
}

