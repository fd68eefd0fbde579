/* plan_view.c - one child's plan (stafettlogg) on screen: sections for the
 * child, stafettholder, concern, goals, services, people, steps, meetings,
 * consent and history; a form behind each change, validated by the plan
 * model (its refusals are shown in place); and the meeting view, calm and
 * large for a projected screen, with a quick entry line for the steps
 * agreed in the meeting. In presentation mode identities are masked. */
#include "ui.h"
#include "trapp/db.h"
#include "trapp/plan.h"
#include "trapp/plan_export.h"
#include "trapp/text.h"

#include <stdlib.h>
#include <string.h>

struct plan_ui {
	long id;
	int meeting;             /* meeting view */
	struct plan p;
	int loaded;
	struct strvec lines;     /* \1 heading, \2 emphasis, else plain */
	struct strbuf entry;     /* meeting view: the quick entry line */
	char *entry_error;
};

static void add(struct strvec *out, int w, const char *prefix, const char *text)
{
	struct strvec wrapped = {0};
	int pw = text_width(prefix);
	ui_wrap(&wrapped, text, w - pw);
	for (size_t i = 0; i < wrapped.n; i++) {
		sv_push_owned(out, xasprintf("%*s%s", i ? pw : 0, i ? "" : prefix, wrapped.v[i]));
	}
	if (!wrapped.n)
		sv_push(out, prefix);
	sv_free(&wrapped);
}

static void heading(struct strvec *out, const char *title, int air)
{
	if (out->n)
		sv_push(out, "");
	if (air && out->n)
		sv_push(out, "");
	sv_push_owned(out, xasprintf("\1%s", title));
}

static const char *step_status(const struct plan_step *s) { return plan_label(VOCAB_STEP, s->status); }

static void build_steps(struct plan_ui *u, int w)
{
	const struct plan *p = &u->p;
	heading(&u->lines, "Tiltak og neste steg", u->meeting);
	if (!p->n_steps)
		add(&u->lines, w, "  ", "Ingen ennå (t legger til).");
	for (size_t i = 0; i < p->n_steps; i++) {
		const struct plan_step *s = &p->steps[i];
		char *pre = xasprintf("  %d. ", s->no);
		struct strbuf sb = {0};
		sb_printf(&sb, "%s — ansvarlig: %s — frist %s — %s", s->what, s->who, s->due, step_status(s));
		if (*s->evaluate)
			sb_printf(&sb, " — evalueres %s", s->evaluate);
		if (*s->service_name)
			sb_printf(&sb, " — tjeneste: %s", s->service_name);
		add(&u->lines, w, pre, sb_str(&sb));
		if (*s->evaluation) {
			char *ev = xasprintf("Evaluering: %s", s->evaluation);
			add(&u->lines, w, "       ", ev);
			free(ev);
		}
		if (u->meeting)
			sv_push(&u->lines, "");
		sb_free(&sb);
		free(pre);
	}
}

static void build(const struct catalog *cat, struct plan_ui *u)
{
	sv_free(&u->lines);
	const struct plan *p = &u->p;
	int w = COLS - 4;
	char today[PLAN_DATE_LEN];
	plan_today(today);
	struct strbuf sb = {0};

	if (!u->meeting) {
		heading(&u->lines, "Barnet", 0);
		sb_printf(&sb, "%s", p->child);
		if (p->age >= 0)
			sb_printf(&sb, ", %s%d år", p->age_approx ? "ca. " : "", p->age);
		if (*p->born && !p->masked)
			sb_printf(&sb, " (født %s)", p->born);
		if (*p->unit)
			sb_printf(&sb, " — %s", p->unit);
		add(&u->lines, w, "  ", sb_str(&sb));
		sb_reset(&sb);
		sb_printf(&sb, "%s%s", plan_level_label(p->level),
			  *p->closed ? " — LUKKET" : "");
		add(&u->lines, w, "  ", sb_str(&sb));
		sb_reset(&sb);
		sb_puts(&sb, "Behov: ");
		for (size_t i = 0; i < p->needs.n; i++) {
			int ni = catalog_need_index(cat, p->needs.v[i]);
			sb_printf(&sb, "%s%s", i ? ", " : "", ni >= 0 ? cat->needs[ni].label : p->needs.v[i]);
		}
		if (!p->needs.n)
			sb_puts(&sb, "ikke satt (B velger; f gir forslag ut fra alder og behov)");
		add(&u->lines, w, "  ", sb_str(&sb));
		sb_reset(&sb);
		const struct plan_holder *h = plan_holder(p), *prop = plan_proposed(p);
		sb_printf(&sb, "Stafettholder: %s%s%s", h ? h->name : "ingen",
			  h && *h->service ? ", " : "", h && *h->service ? h->service : "");
		add(&u->lines, w, "  ", sb_str(&sb));
		if (prop) {
			sb_reset(&sb);
			sb_printf(&sb, "Foreslått ny stafettholder: %s, %s (%s) — venter på at hen godtar (a)",
				  prop->name, prop->service, prop->proposed);
			add(&u->lines, w, "  ", sb_str(&sb));
		}
		sb_reset(&sb);
	}

	heading(&u->lines, "Bekymring", u->meeting);
	if (!p->n_concerns)
		add(&u->lines, w, "  ", "Ingen registrert (b legger til).");
	for (size_t i = 0; i < p->n_concerns; i++) {
		const struct plan_concern *c = &p->concerns[i];
		char *pre = xasprintf("  %s  ", c->date);
		sb_reset(&sb);
		sb_printf(&sb, "%s%s%s", c->text, *c->noticed_by ? " — meldt av " : "", c->noticed_by);
		add(&u->lines, w, pre, sb_str(&sb));
		free(pre);
	}

	heading(&u->lines, "Mål", u->meeting);
	if (!p->n_goals)
		add(&u->lines, w, "  ", "Ingen ennå (m legger til).");
	for (size_t i = 0; i < p->n_goals; i++) {
		char *pre = xasprintf("  %d. ", p->goals[i].no);
		sb_reset(&sb);
		sb_printf(&sb, "%s — %s", p->goals[i].text, plan_label(VOCAB_GOAL, p->goals[i].status));
		add(&u->lines, w, pre, sb_str(&sb));
		free(pre);
		if (u->meeting)
			sv_push(&u->lines, "");
	}

	if (!u->meeting) {
		heading(&u->lines, "Tjenester", 0);
		if (!p->n_services)
			add(&u->lines, w, "  ", "Ingen ennå (+ åpner katalogen, f gir forslag).");
		for (size_t i = 0; i < p->n_services; i++) {
			sb_reset(&sb);
			sb_printf(&sb, "%s%s%s [%s]", p->services[i].name, *p->services[i].role ? " — " : "",
				  p->services[i].role, p->services[i].slug);
			add(&u->lines, w, "  - ", sb_str(&sb));
		}
		heading(&u->lines, "Personer", 0);
		if (!p->n_people)
			add(&u->lines, w, "  ", "Ingen ennå (o legger til).");
		for (size_t i = 0; i < p->n_people; i++) {
			sb_reset(&sb);
			sb_printf(&sb, "%s — %s", p->people[i].name, p->people[i].role);
			if (*p->people[i].contact)
				sb_printf(&sb, " — %s", p->people[i].contact);
			add(&u->lines, w, "  - ", sb_str(&sb));
		}
	}

	build_steps(u, w);

	if (!u->meeting) {
		heading(&u->lines, "Møter", 0);
		if (!p->n_meetings)
			add(&u->lines, w, "  ", "Ingen ennå (T registrerer et møte).");
		for (size_t i = 0; i < p->n_meetings; i++) {
			const struct plan_meeting *m = &p->meetings[i];
			char *pre = xasprintf("  %d. %s  ", m->no, m->date);
			sb_reset(&sb);
			if (*m->attended)
				sb_printf(&sb, "Til stede: %s. ", m->attended);
			sb_puts(&sb, m->notes);
			if (*m->notes && !strchr(".!?", m->notes[strlen(m->notes) - 1]))
				sb_putc(&sb, '.');
			if (m->n_steps) {
				sb_puts(&sb, " Avtalte tiltak:");
				for (size_t k = 0; k < m->n_steps; k++)
					sb_printf(&sb, "%s %d", k ? "," : "", m->steps[k]);
				sb_putc(&sb, '.');
			}
			add(&u->lines, w, pre, sb_str(&sb));
			free(pre);
		}

		heading(&u->lines, "Samtykke", 0);
		const struct plan_consent *last = NULL;
		enum plan_consent_state st = plan_consent_state(p, today, &last);
		static const char *const state[] = {
			[CONSENT_NONE] = "Mangler – registrer samtykke (c) før andre tjenester kobles på",
			[CONSENT_VALID] = "Gyldig", [CONSENT_EXPIRED] = "Utløpt – nytt samtykke trengs",
			[CONSENT_WITHDRAWN] = "Trukket", [CONSENT_REFUSED] = "Avslått",
		};
		add(&u->lines, w, "  ", state[st]);
		for (size_t i = 0; i < p->n_consents; i++) {
			const struct plan_consent *c = &p->consents[i];
			sb_reset(&sb);
			if (c->refused) {
				sb_printf(&sb, "%s: avslag fra %s", c->date, plan_label(VOCAB_CONSENT_BY, c->by));
			} else {
				sb_printf(&sb, "%s: gitt av %s", c->date, plan_label(VOCAB_CONSENT_BY, c->by));
				if (*c->expires)
					sb_printf(&sb, ", utløper %s", c->expires);
				if (*c->withdrawn)
					sb_printf(&sb, ", trukket %s", c->withdrawn);
				sb_puts(&sb, ". Omfatter: ");
				for (size_t k = 0; k < c->scope_names.n; k++)
					sb_printf(&sb, "%s%s", k ? ", " : "", c->scope_names.v[k]);
			}
			add(&u->lines, w, "  - ", sb_str(&sb));
		}

		heading(&u->lines, "Historikk", 0);
		for (size_t i = 0; i < p->n_levels; i++) {
			const struct plan_level_change *l = &p->levels[i];
			sb_reset(&sb);
			if (l->from < 0)
				sb_printf(&sb, "%s: startet på nivå %d", l->date, l->to);
			else
				sb_printf(&sb, "%s: nivå %d → %d: %s", l->date, l->from, l->to, l->why);
			add(&u->lines, w, "  - ", sb_str(&sb));
		}
		for (size_t i = 0; i < p->n_holders; i++) {
			const struct plan_holder *h = &p->holders[i];
			sb_reset(&sb);
			sb_printf(&sb, "Stafettholder %s (%s): foreslått %s%s%s", h->name, h->service, h->proposed,
				  *h->accepted ? ", godtatt " : "", h->accepted);
			add(&u->lines, w, "  - ", sb_str(&sb));
		}
		for (size_t i = 0; i < p->n_audit; i++) {
			sb_reset(&sb);
			sb_printf(&sb, "%s %s: %s", p->audit[i].at, p->audit[i].who, p->audit[i].what);
			add(&u->lines, w, "  · ", sb_str(&sb));
		}
	}
	sb_free(&sb);
}

static int reload(struct app *a, struct plan_ui *u)
{
	if (u->loaded)
		plan_free(&u->p);
	u->loaded = 0;
	struct strbuf err = {0};
	int rc = plan_load(a->db, u->id, &u->p, &err);
	if (rc != PLAN_OK) {
		app_set_message(a, 1, "%s", sb_str(&err));
		sb_free(&err);
		return -1;
	}
	sb_free(&err);
	if (a->present)
		plan_mask(&u->p);
	u->loaded = 1;
	build(&a->cat, u);
	return 0;
}

static void plan_draw(struct app *a, struct view *v)
{
	struct plan_ui *u = v->data;
	a->plan_id = u->id;
	/* reloaded on every draw: a few small queries, and the screen always
	 * shows what is stored after a form or another process changed it */
	if (reload(a, u) != 0) {
		ui_draw_header(a, "Plan");
		return;
	}
	const struct plan *p = &u->p;
	char *where = xasprintf("Plan %ld · %s%s", p->id, p->child, u->meeting ? " · møte" : "");
	ui_draw_header(a, where);
	free(where);
	int entry_h = u->meeting ? 3 : 0;
	v->body_y = 2;
	v->body_h = LINES - 3 - v->body_y - entry_h + 1;
	size_t n = u->lines.n;
	if (v->top + (size_t)v->body_h > n)
		v->top = n > (size_t)v->body_h ? n - (size_t)v->body_h : 0;
	for (int r = 0; r < v->body_h && v->top + (size_t)r < n; r++) {
		const char *line = u->lines.v[v->top + (size_t)r];
		if (line[0] == '\1')
			ui_put(v->body_y + r, 1, COLS - 2, line + 1, ui_attr(COL_HEADING) | A_BOLD, 0);
		else
			ui_put(v->body_y + r, 2, COLS - 3, line, A_NORMAL, 0);
	}
	if (v->top + (size_t)v->body_h < n && !u->meeting)
		ui_put(LINES - 2, COLS - 8, 7, "↓ mer", ui_attr(COL_MARK), 0);
	if (u->meeting) {
		int y = LINES - 4;
		if (u->entry_error)
			ui_put(y, 1, COLS - 2, u->entry_error, ui_attr(COL_ERROR), 1);
		else
			ui_put(y, 1, COLS - 2, "Skriv avtalt tiltak: hva ; ansvarlig ; frist (ÅÅÅÅ-MM-DD) – Enter lagrer",
			       ui_attr(COL_DIM), 1);
		int used = ui_put(y + 1, 1, COLS - 2, "Nytt tiltak: ", A_BOLD, 0);
		ui_put(y + 1, 1 + used, COLS - 2 - used, sb_str(&u->entry), A_UNDERLINE, 1);
		a->cursor_y = y + 1;
		a->cursor_x = 1 + used + text_width(sb_str(&u->entry));
		a->footer = " Enter lagrer tiltaket  Esc tømmer linjen / vanlig visning  "
			    "(tom linje: ? hjelp  q tilbake  V vanlig visning  P presentasjon)";
	}
}

/* --- forms ------------------------------------------------------------------ */

static long ctx_id(struct form *f) { return *(long *)form_ctx(f); }

static long *id_ctx(long id)
{
	long *p = xmalloc(sizeof *p);
	*p = id;
	return p;
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
	struct plan_step_change ch = {form_choice(f, 1), opt(form_value(f, 2)), opt(form_value(f, 3)),
				      opt(form_value(f, 4)), opt(form_value(f, 5)), opt(form_value(f, 6))};
	struct strbuf err = {0};
	return refused(f, -1, plan_update_step(a->db, ctx_id(f), (int)no, &ch, &err), &err);
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
		app_set_message(a, 0, "Planen er lukket. Skriv den ut for arkivet med e (eksport).");
	return rc;
}

static const char *const export_formats[] = {"html", "md", "txt", NULL};

static int export_submit(struct app *a, struct form *f)
{
	enum plan_format fmt;
	plan_format_parse(export_formats[form_choice(f, 0)], &fmt);
	struct plan p;
	struct strbuf err = {0};
	if (plan_load(a->db, ctx_id(f), &p, &err) != PLAN_OK)
		return refused(f, -1, PLAN_FAIL, &err);
	if (a->present)
		plan_mask(&p);  /* anything exported while presenting is masked */
	struct plan_export_opts o = {fmt, form_choice(f, 2), NULL};
	struct strbuf doc = {0};
	plan_export(&doc, &p, &o);
	plan_free(&p);
	int rc = plan_export_write(form_value(f, 1), 0, doc.buf, doc.len, &err);
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

/* "uendret" and the goal statuses. */
static const char *const *goal_choices(void)
{
	static const char *list[16];
	if (!list[0]) {
		list[0] = "uendret";
		int n = plan_vocab_count(VOCAB_GOAL);
		for (int i = 0; i < n && i < 14; i++)
			list[i + 1] = plan_label(VOCAB_GOAL, i);
	}
	return list;
}
static const char *const yes_no[] = {"nei", "ja", NULL};

static void open_form(struct app *a, struct plan_ui *u, enum ui_action act)
{
	char today[PLAN_DATE_LEN];
	plan_today(today);
	struct form *f = NULL;
	struct form_field *fd;
	long *ctx = id_ctx(u->id);
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
		form_add(f, "Mål nr", FIELD_NUMBER, u->p.n_goals == 1 ? "1" : NULL);
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
		f = form_new("Endre tiltak: status, evaluering, datoer, ansvarlig", step_status_submit, ctx);
		form_add(f, "Tiltak nr", FIELD_NUMBER, NULL);
		fd = form_add(f, "Status", FIELD_CHOICE, NULL);
		fd->choices = vocab_choices(VOCAB_STEP);
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
		form_add(f, "Tjeneste (id)", FIELD_TEXT, u->p.n_services == 1 ? u->p.services[0].slug : NULL)
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
		fd->choice = u->p.level < 3 ? u->p.level + 1 : 3;
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
	case ACT_P_CLOSE:
		f = form_new("Lukk planen", close_submit, ctx);
		fd = form_add(f, "Årsak", FIELD_CHOICE, NULL);
		fd->choices = vocab_choices(VOCAB_CLOSE);
		form_add(f, "Dato", FIELD_DATE, today);
		break;
	case ACT_P_EXPORT: {
		f = form_new(a->present ? "Eksporter planen (maskert)" : "Eksporter planen", export_submit, ctx);
		fd = form_add(f, "Format", FIELD_CHOICE, NULL);
		fd->choices = export_formats;
		const char *home = getenv("HOME");
		char *path = xasprintf("%s/stafettlogg-%ld.html", home && *home ? home : ".", u->id);
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

/* The catalogue the plan's services come from must be the one on screen
 * before browsing for the plan. 0, or -1 (message set). */
static int use_plan_kommune(struct app *a, const struct plan_ui *u)
{
	if (strcmp(a->cat.kommune.code, u->p.kommune) == 0)
		return 0;
	if (app_load_kommune(a, u->p.kommune) != 0)
		return -1;
	return 0;
}

/* Senja's table 8 rows for the child's age, as text. */
struct method_ctx {
	int age;
	struct strbuf *sb;
};

static int method_row(void *ctx, const char *const *v)
{
	/* kommune, severity, severity_text, age_min, age_max, age_band, help, method, source */
	struct method_ctx *m = ctx;
	if (m->age < atoi(v[3]) || m->age > atoi(v[4]))
		return 0;
	sb_printf(m->sb, "%s (%s):\n%s\n\n", v[2], v[5], v[6]);
	return 0;
}

static void behaviour_methods(struct app *a, int age)
{
	struct strbuf sb = {0};
	struct method_ctx m = {age, &sb};
	struct kommune *k;
	size_t n;
	if (db_kommune_list(a->db, &k, &n) == 0) {
		for (size_t i = 0; i < n; i++)
			db_ktable_list(a->db, KT_BEHAVIOUR, k[i].code, method_row, &m);
		db_kommune_list_free(k, n);
	}
	if (sb.len) {
		sb_puts(&sb, "Kilde: Senja kommunes plan, tabell 8 (002_0623eadc016e3d83.txt).");
		char *title = xasprintf("Atferdsvansker, %d år: hjelp og metode", age);
		app_push(a, textbox_new(title, sb_str(&sb)));
		free(title);
	}
	sb_free(&sb);
}

/* The browser pre-filtered for this plan: the child's age and the plan's
 * needs (else the needs of its services); for atferd Senja's table 8
 * methods for the age are shown over it. */
static void suggest(struct app *a, struct plan_ui *u)
{
	if (use_plan_kommune(a, u) != 0)
		return;
	filter_free(&a->filter);
	if (u->p.age >= 0)
		a->filter.age = u->p.age;
	for (size_t i = 0; i < u->p.needs.n; i++) {
		int ni = catalog_need_index(&a->cat, u->p.needs.v[i]);
		if (ni >= 0)
			a->filter.needs |= 1u << ni;
	}
	for (size_t i = 0; !u->p.needs.n && i < u->p.n_services; i++) {
		const struct service *s = catalog_find_slug(&a->cat, u->p.services[i].slug);
		if (s)
			a->filter.needs |= s->needs;
	}
	app_refilter(a);
	app_push(a, services_new(0));
	app_set_message(a, 0, "Forslag for alder %d%s; + legger valgt tiltak til planen", u->p.age,
			a->filter.needs ? " og planens behov" : "");
	int atferd = catalog_need_index(&a->cat, "atferd");
	if (atferd >= 0 && (a->filter.needs & (1u << atferd)) && u->p.age >= 0)
		behaviour_methods(a, u->p.age);
}

static int plan_request(struct app *a, struct view *v, enum ui_action act)
{
	struct plan_ui *u = v->data;
	if (ui_scroll_driver(v, u->lines.n, act) == UI_HANDLED)
		return UI_HANDLED;
	switch (act) {
	case ACT_P_MEETING_VIEW:
		u->meeting = !u->meeting;
		v->top = 0;
		return UI_HANDLED;
	case ACT_P_SERVICE:
		if (use_plan_kommune(a, u) != 0)
			return UI_HANDLED;
		filter_free(&a->filter);
		app_refilter(a);
		app_push(a, services_new(0));
		app_set_message(a, 0, "Finn tjenesten og trykk + for å legge den til plan %ld", u->id);
		return UI_HANDLED;
	case ACT_P_SUGGEST:
		suggest(a, u);
		return UI_HANDLED;
	case ACT_P_NEEDS:
		if (*u->p.closed)
			app_set_message(a, 1, "Planen er lukket og kan ikke endres.");
		else
			app_push(a, picker_plan_needs_new(a, u->id, &u->p.needs));
		return UI_HANDLED;
	case ACT_BACK:
		a->plan_id = 0;
		return UI_UNHANDLED;
	default:
		if (act >= ACT_P_CONCERN && act <= ACT_P_CLOSE) {
			/* a closed plan is read-only, but is still printed for the archive */
			if (*u->p.closed && act != ACT_P_EXPORT) {
				app_set_message(a, 1, "Planen er lukket og kan ikke endres; e skriver den ut for arkivet.");
				return UI_HANDLED;
			}
			open_form(a, u, act);
			return UI_HANDLED;
		}
		return UI_UNHANDLED;
	}
}

/* Meeting view: printable keys go to the quick entry line. */
static int plan_key(struct app *a, struct view *v, wint_t ch, int is_code)
{
	struct plan_ui *u = v->data;
	if (!u->meeting)
		return UI_UNHANDLED;
	if (!is_code && (ch == '\r' || ch == '\n')) {
		if (!u->entry.len)
			return UI_HANDLED;
		struct strvec parts = {0};
		sv_split(&parts, sb_str(&u->entry), ';');
		free(u->entry_error);
		u->entry_error = NULL;
		if (parts.n != 3) {
			u->entry_error = xstrdup("Skriv tre deler skilt med semikolon: hva ; ansvarlig ; frist");
		} else {
			struct plan_step_input in = {parts.v[0], parts.v[1], parts.v[2], NULL, NULL};
			struct strbuf err = {0};
			int no;
			if (plan_add_step(a->db, u->id, &in, &no, &err) == PLAN_OK) {
				sb_reset(&u->entry);
				app_set_message(a, 0, "Tiltak %d er lagt til i stafettloggen.", no);
			} else {
				u->entry_error = sb_steal(&err);
			}
			sb_free(&err);
		}
		sv_free(&parts);
		return UI_HANDLED;
	}
	if ((is_code && ch == KEY_BACKSPACE) || (!is_code && (ch == 127 || ch == 8))) {
		while (u->entry.len && (u->entry.buf[u->entry.len - 1] & 0xC0) == 0x80)
			u->entry.len--;
		if (u->entry.len)
			u->entry.buf[--u->entry.len] = '\0';
		return UI_HANDLED;
	}
	if (!is_code && ch == 27) {
		if (u->entry.len) {
			sb_reset(&u->entry);
			return UI_HANDLED;
		}
		u->meeting = 0;   /* Esc with an empty line leaves the meeting view */
		return UI_HANDLED;
	}
	/* on an empty line these keys are commands, not the start of a step */
	if (!is_code && ch >= 32 && !(!u->entry.len && strchr("VPq?", (int)ch))) {
		char buf[4];
		sb_add(&u->entry, buf, utf8_encode(ch, buf));
		return UI_HANDLED;
	}
	return UI_UNHANDLED;
}

static void plan_done(struct view *v)
{
	struct plan_ui *u = v->data;
	if (u->loaded)
		plan_free(&u->p);
	sv_free(&u->lines);
	sb_free(&u->entry);
	free(u->entry_error);
	free(u);
}

static const struct view_ops plan_ops = {
	.title = "Planen",
	.scope = SC_PLAN | SC_NAV,
	.draw = plan_draw,
	.request = plan_request,
	.key = plan_key,
	.done = plan_done,
};

struct view *plan_view_new(long id, int meeting)
{
	struct view *v = view_new(&plan_ops);
	struct plan_ui *u = xcalloc(1, sizeof *u);
	u->id = id;
	u->meeting = meeting;
	v->data = u;
	return v;
}
