/* plan_forms.c - the forms behind every change to a plan: concern, goals,
 * steps, people, services leaving, meetings, consent and refusal, level,
 * hand-over and acceptance, closing and export. Each submit calls the plan
 * model; a refusal is shown in the form under the field it is about. */
#include "ui.h"
#include "trapp/plan.h"
#include "trapp/plan_export.h"

#include <stdlib.h>
#include <string.h>


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

static int meeting_submit(struct app *a, struct form *f)
{
	struct strvec parts = {0};
	sv_split(&parts, form_value(f, 3), ',');
	int steps[64];
	size_t n = 0;
	for (size_t i = 0; i < parts.n && n < 64; i++) {
		long v;
		if (parse_int(parts.v[i], 1, 100000, &v) != 0) {
			form_error(f, 3, "«%s» er ikke et tiltaksnummer; skriv f.eks. 1, 2", parts.v[i]);
			sv_free(&parts);
			return -1;
		}
		steps[n++] = (int)v;
	}
	sv_free(&parts);
	struct plan_meeting_input in = {form_value(f, 0), form_value(f, 1), form_value(f, 2), steps, n};
	struct strbuf err = {0};
	int no;
	return refused(f, -1, plan_add_meeting(a->db, ctx_id(f), &in, &no, &err), &err);
}

static int consent_submit(struct app *a, struct form *f)
{
	struct strvec scope = {0};
	sv_split(&scope, form_value(f, 2), ',');
	struct plan_consent_input in = {form_choice(f, 0), form_value(f, 1), opt(form_value(f, 3)),
					(const char *const *)scope.v, scope.n, opt(form_value(f, 4))};
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
	int level = form_choice(f, 0);
	struct plan p;
	if (plan_load(a->db, ctx_id(f), &p, &err) != PLAN_OK)
		return refused(f, -1, PLAN_FAIL, &err);
	char today[PLAN_DATE_LEN];
	plan_today(today);
	const char *date = today;  /* consent as recorded now (see plan_set_level) */
	if (level >= 2 && level > p.level && plan_consent_state(&p, date, NULL) != CONSENT_VALID) {
		/* the way forward: the consent form, then the level again */
		struct strbuf why = {0};
		plan_consent_gap(&p, "", date, &why, NULL);
		app_pop(a);
		plan_open_form(a, &p, ACT_P_CONSENT);
		app_set_message(a, 1, "Nivå %d krever gyldig samtykke (%s). Registrer samtykket her, og hev "
				"så nivået igjen.", level, sb_str(&why));
		sb_free(&why);
		plan_free(&p);
		return 1;
	}
	plan_free(&p);
	return refused(f, 1, plan_set_level(a->db, ctx_id(f), level, form_value(f, 1),
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

/* The closing form's context: the plan, and whether the user was told
 * about open steps and saved again (then the plan closes anyway). */
struct close_ctx {
	long id;                 /* first: ctx_id */
	int asked;
};

static int close_submit(struct app *a, struct form *f)
{
	struct close_ctx *c = form_ctx(f);
	struct strbuf err = {0}, open = {0};
	struct plan p;
	if (plan_load(a->db, c->id, &p, &err) != PLAN_OK)
		return refused(f, -1, PLAN_FAIL, &err);
	size_t n_open = plan_open_steps(&p, &open);
	plan_free(&p);
	if (n_open && !c->asked) {
		c->asked = 1;
		form_error(f, -1, "Planen har %zu åpne tiltak (steg %s). Lukke likevel? Lagre igjen for å "
			   "lukke, eller Esc og sett tiltakene til fullført eller avbrutt først.", n_open,
			   sb_str(&open));
		sb_free(&open);
		return -1;
	}
	sb_free(&open);
	struct plan_close_input in = {(enum plan_close_reason)form_choice(f, 0), opt(form_value(f, 2)),
				      opt(form_value(f, 3)), form_value(f, 1), c->asked};
	int rc = refused(f, -1, plan_close_with(a->db, c->id, &in, &err), &err);
	if (rc == 0)
		app_set_message(a, 0, "Planen er lukket. Skriv den ut for arkivet med e (eksport).");
	return rc;
}

static const char *const export_formats[] = {"html", "md", "txt", "pdf", NULL};

static int export_submit(struct app *a, struct form *f)
{
	enum plan_format fmt;
	plan_format_parse(export_formats[form_choice(f, 0)], &fmt);
	struct plan p;
	struct strbuf err = {0};
	if (plan_load(a->db, ctx_id(f), &p, &err) != PLAN_OK)
		return refused(f, -1, PLAN_FAIL, &err);
	/* anything exported while presenting is masked */
	struct plan_doc pd;
	struct plan_doc_opts po = {.mask = a->present, .audit = form_choice(f, 2), .child_word = a->child_word,
				   .cat = strcmp(a->cat.kommune.code, p.kommune) == 0 ? &a->cat : NULL};
	plan_doc_build(&pd, &p, &po);
	plan_free(&p);
	struct plan_export_opts o = {fmt, NULL};
	struct strbuf doc = {0};
	int rc = PLAN_FAIL;
	if (plan_export(&doc, &pd, &o) != 0)
		sb_add(&err, doc.buf, doc.len);
	else
		rc = plan_export_write(form_value(f, 1), 0, doc.buf, doc.len, &err);
	plan_doc_free(&pd);
	sb_free(&doc);
	if (rc == PLAN_OK)
		app_set_message(a, 0, "Planen er skrevet til %s%s", form_value(f, 1),
				a->present ? " (maskert)" : "");
	return refused(f, 1, rc, &err);
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

static const char *const level_choices[] = {"0", "1", "2", "3", NULL};

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
		form_add(f, "Meldt av", FIELD_TEXT, NULL)->hint = "rolle, f.eks. kontaktlærer";
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
		f = form_new("Nytt tiltak / neste steg", step_submit, ctx);
		form_add(f, "Hva", FIELD_TEXT, NULL);
		form_add(f, "Ansvarlig", FIELD_TEXT, NULL);
		form_add(f, "Frist", FIELD_DATE, NULL)->hint = "ÅÅÅÅ-MM-DD";
		form_add(f, "Evalueres", FIELD_DATE, NULL)->hint = "ÅÅÅÅ-MM-DD (valgfritt)";
		form_add(f, "Tjeneste (id)", FIELD_TEXT, NULL)->hint = "valgfritt, en av planens tjenester";
		break;
	case ACT_P_STEP_STATUS:
		free(ctx);
		ctx = steps_ctx(p);
		f = form_new("Endre tiltak: status, evaluering, datoer, ansvarlig", step_status_submit, ctx);
		form_add(f, "Tiltak nr", FIELD_NUMBER, NULL);
		fd = form_add(f, "Status", FIELD_CHOICE, NULL);
		fd->choices = unchanged_choices(VOCAB_STEP);
		form_add(f, "Evaluering", FIELD_TEXT, NULL)->hint = "virket tiltaket? (valgfritt)";
		form_add(f, "Ny frist", FIELD_DATE, NULL)->hint = "ÅÅÅÅ-MM-DD (tomt: uendret)";
		form_add(f, "Evalueres", FIELD_DATE, NULL)->hint = "ÅÅÅÅ-MM-DD (tomt: uendret)";
		form_add(f, "Ny tekst", FIELD_TEXT, NULL)->hint = "hva tiltaket er (tomt: uendret)";
		form_add(f, "Ny ansvarlig", FIELD_TEXT, NULL)->hint = "tomt: uendret";
		break;
	case ACT_P_PERSON:
		f = form_new("Ny person", person_submit, ctx);
		form_add(f, "Navn", FIELD_TEXT, NULL);
		form_add(f, "Rolle", FIELD_TEXT, NULL)->hint = "mor, far, barnet, helsesykepleier ...";
		form_add(f, "Kontakt", FIELD_TEXT, NULL)->hint = "telefon eller e-post (valgfritt)";
		break;
	case ACT_P_REMOVE_SERVICE:
		f = form_new("En tjeneste går ut av planen", remove_service_submit, ctx);
		form_add(f, "Tjeneste (id)", FIELD_TEXT, p->n_services == 1 ? p->services[0].slug : NULL)
			->hint = "id-en i [klammer] under Tjenester";
		break;
	case ACT_P_REMOVE_PERSON:
		f = form_new("En person går ut av planen", remove_person_submit, ctx);
		form_add(f, "Navn", FIELD_TEXT, NULL)->hint = "som det står under Personer";
		break;
	case ACT_P_MEETING:
		f = form_new("Møte", meeting_submit, ctx);
		form_add(f, "Dato", FIELD_DATE, today);
		form_add(f, "Til stede", FIELD_TEXT, NULL);
		form_add(f, "Notater", FIELD_TEXT, NULL);
		form_add(f, "Avtalte tiltak", FIELD_TEXT, NULL)->hint = "nummer, f.eks. 1, 2";
		break;
	case ACT_P_CONSENT:
		f = form_new("Samtykke", consent_submit, ctx);
		fd = form_add(f, "Gitt av", FIELD_CHOICE, NULL);
		fd->choices = vocab_choices(VOCAB_CONSENT_BY);
		form_add(f, "Dato", FIELD_DATE, today);
		form_add(f, "Tjenester (id)", FIELD_TEXT, NULL)->hint = "id-er skilt med komma";
		form_add(f, "Utløper", FIELD_DATE, NULL)->hint = "ÅÅÅÅ-MM-DD (valgfritt)";
		form_add(f, "Foresatte (navn)", FIELD_TEXT, NULL)->hint = "de som samtykket, skilt med komma";
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
		fd->choices = level_choices;
		fd->choice = p->level < 3 ? p->level + 1 : 3;
		form_add(f, "Begrunnelse", FIELD_TEXT, NULL);
		form_add(f, "Dato", FIELD_DATE, today);
		break;
	case ACT_P_HANDOVER:
		f = form_new("Overlever stafettpinnen", handover_submit, ctx);
		form_add(f, "Til (navn)", FIELD_TEXT, NULL);
		form_add(f, "Tjeneste", FIELD_TEXT, NULL)->hint = "f.eks. Skolen";
		form_add(f, "Dato", FIELD_DATE, today);
		break;
	case ACT_P_ACCEPT:
		f = form_new("Ny stafettholder godtar", accept_submit, ctx);
		form_add(f, "Dato", FIELD_DATE, today);
		break;
	case ACT_P_CLOSE: {
		free(ctx);
		struct close_ctx *cc = xcalloc(1, sizeof *cc);
		cc->id = p->id;
		f = form_new("Lukk planen", close_submit, cc);
		fd = form_add(f, "Årsak", FIELD_CHOICE, NULL);
		fd->choices = vocab_choices(VOCAB_CLOSE);
		form_add(f, "Dato", FIELD_DATE, today);
		form_add(f, "Begrunnelse", FIELD_TEXT, NULL)->hint = "påkrevd ved «annet»";
		form_add(f, "Oppsummering", FIELD_TEXT, NULL)->hint = "evaluering av målene";
		break;
	}
	case ACT_P_EXPORT: {
		f = form_new(a->present ? "Eksporter planen (maskert)" : "Eksporter planen", export_submit, ctx);
		fd = form_add(f, "Format", FIELD_CHOICE, NULL);
		fd->choices = export_formats;
		const char *home = getenv("HOME");
		char *path = xasprintf("%s/stafettlogg-%ld.html", home && *home ? home : ".", p->id);
		form_add(f, "Fil", FIELD_TEXT, path);
		free(path);
		fd = form_add(f, "Med logg", FIELD_CHOICE, NULL);
		fd->choices = yes_no;
		break;
	}
	default:
		free(ctx);
		return;
	}
	app_push(a, form_view(f));
}

