/* plan_view.c - one child's plan (stafettlogg) on screen: sections for the
 * child, stafettholder, concern, goals, services, people, steps, meetings,
 * consent and history (the forms behind the changes are in plan_forms.c);
 * suggestions from the catalogue; and the meeting view, calm and large for
 * a projected screen, where the meeting is recorded from start to end
 * (the panel at its bottom: meeting.c). Both are laid out from the plan's
 * document (plan_doc.h), built masked in presentation mode. Opening the
 * plan and switching to the meeting view write a row in the plan's read
 * log; the stafettholder and a leder see that log under the history (not
 * when presenting). */
#include "ui.h"
#include "trapp/access.h"
#include "trapp/plan.h"
#include "trapp/plan_doc.h"
#include "trapp/text.h"

#include <stdlib.h>
#include <string.h>

struct plan_ui {
	long id;
	int meeting;             /* meeting view */
	struct plan p;           /* as stored: for the forms' choices, never drawn */
	struct plan_doc doc;     /* what is drawn: built once per change, masked
				  * when presenting */
	int loaded;
	int built_width;         /* COLS the lines were laid out for; 0 = not yet */
	struct strvec lines;     /* \1 heading, \2 overdue, else plain */
	struct meeting_draft *draft;  /* the meeting being recorded */
	/* A meeting just saved in the meeting view: the plan scrolls to it.
	 * The target is taken from the document loaded after the save
	 * (seek_ready, set by load), and every layout of that document (a
	 * resize included) scrolls to it again until the user moves. */
	int seek_meeting;
	int seek_ready;
	int logged;              /* the opening is in the read log */
	int logged_meeting;      /* this meeting view is in the read log */
	struct plan_access_entry *reads;  /* the read log (holder, leder) */
	size_t n_reads;
};

static const struct view_ops plan_ops, meeting_ops;

/* Switch between the plan and the meeting view (one view, two key sets). */
static void set_meeting(struct view *v, int on)
{
	struct plan_ui *u = v->data;
	u->meeting = on;
	u->built_width = 0;
	v->ops = on ? &meeting_ops : &plan_ops;
	v->top = 0;
}

static void add(struct strvec *out, int w, const char *prefix, const char *text, int overdue)
{
	struct strvec wrapped = {0};
	int pw = text_width(prefix);
	ui_wrap(&wrapped, text, w - pw);
	for (size_t i = 0; i < wrapped.n; i++) {
		sv_push_owned(out, xasprintf("%s%*s%s", overdue ? "\2" : "", i ? pw : 0, i ? "" : prefix,
					     wrapped.v[i]));
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

/* The sections the meeting view shows: the case, not the people. */
static int in_meeting(enum plan_section_id id)
{
	return id == PS_CONCERN || id == PS_GOALS || id == PS_STEPS;
}

/* Lay the document out in lines for the screen width: the same sections,
 * rows and words as the export (see plan_doc_write). */
static void layout(struct plan_ui *u, int w)
{
	sv_free(&u->lines);
	for (int s = 0; s < PS_COUNT; s++) {
		const struct plan_section *sec = &u->doc.sections[s];
		if (!sec->title || (u->meeting && !in_meeting(sec->id)))
			continue;
		heading(&u->lines, sec->title, u->meeting);
		if (!sec->n_rows && sec->empty)
			add(&u->lines, w, "  ", sec->empty, 0);
		int in_block = 0;
		for (size_t r = 0; r < sec->n_rows; r++) {
			const struct plan_row *row = &sec->rows[r];
			char *text = plan_row_text(row);
			if (row->style == PR_FIELD) {
				char *line = xasprintf("%s: %s", row->label, text);
				add(&u->lines, w, in_block ? "      " : "  ", line, row->overdue);
				free(line);
			} else {
				if (in_block && u->meeting)
					sv_push(&u->lines, "");
				in_block = row->style == PR_BLOCK;
				add(&u->lines, w, row->style == PR_BLOCK ? "  " : "  - ", text, row->overdue);
			}
			free(text);
		}
	}
}

static void plan_load_view(struct app *a, struct view *v)
{
	struct plan_ui *u = v->data;
	u->seek_ready = 0;
	if (u->loaded) {
		plan_free(&u->p);
		plan_doc_free(&u->doc);
	}
	u->loaded = 0;
	u->built_width = 0;
	struct strbuf err = {0};
	/* the first load and each meeting view go to the read log */
	int log = !u->logged || (u->meeting && !u->logged_meeting);
	int rc = log ? plan_open(a->db, u->id, u->meeting ? ACCESS_MEETING : ACCESS_VIEW, &u->p, &err)
		     : plan_load(a->db, u->id, &u->p, &err);
	if (rc != PLAN_OK) {
		ui_refusal_phrase(rc, &err);
		app_set_message(a, 1, "%s", sb_str(&err));
		sb_free(&err);
		return;
	}
	if (log)  /* the read-log row is in what was just loaded: no second load for it */
		session_absorb_own_commits(a->ss);
	u->logged = 1;
	u->logged_meeting |= u->meeting;
	plan_access_log_free(u->reads, u->n_reads);
	u->reads = NULL;
	u->n_reads = 0;
	/* logins are identities: not on a projected screen */
	if ((u->p.role == ROLE_HOLDER || u->p.role == ROLE_LEADER) && !a->present)
		plan_access_log_of(a->db, &u->p, &u->reads, &u->n_reads, &err);
	sb_free(&err);
	/* the document is built once here, masked when presenting; drawing
	 * only lays it out */
	struct plan_doc_opts o = {.mask = a->present, .audit = 1, .child_word = a->child_word,
				  .cat = strcmp(a->cat.kommune.code, u->p.kommune) == 0 ? &a->cat : NULL,
				  .reads = u->reads, .n_reads = u->n_reads};
	plan_doc_build(&u->doc, &u->p, &o);
	u->loaded = 1;
	for (size_t i = 0; u->seek_meeting && i < u->p.n_meetings; i++)
		u->seek_ready |= u->p.meetings[i].no == u->seek_meeting;
}

/* Scroll to the saved meeting's block in the lines just laid out. */
static void seek_meeting(struct view *v, struct plan_ui *u)
{
	char head[32];
	snprintf(head, sizeof head, "Møte %d,", u->seek_meeting);
	for (size_t i = 0; i < u->lines.n; i++)
		if (strncmp(u->lines.v[i] + strspn(u->lines.v[i], "\1\2 "), head, strlen(head)) == 0) {
			v->top = i ? i - 1 : 0;  /* the heading's blank line above */
			return;
		}
}

static void plan_draw(struct app *a, struct view *v)
{
	struct plan_ui *u = v->data;
	a->plan_id = u->id;
	if (!u->loaded) {
		ui_draw_header(a, "Stafettlogg");
		return;
	}
	if (u->built_width != COLS) {  /* layout only: no I/O */
		layout(u, COLS - 4);
		u->built_width = COLS;
		if (u->seek_ready && !u->meeting)
			seek_meeting(v, u);
	}
	char *where = xasprintf("Stafettlogg %ld · %s%s", u->doc.id, u->doc.child, u->meeting ? " · møte" : "");
	ui_draw_header(a, where);
	free(where);
	int entry_h = u->meeting ? meeting_draft_height(u->draft) + 1 : 0;
	v->body_y = 2;
	v->body_h = LINES - 3 - v->body_y - entry_h + 1;
	size_t n = u->lines.n;
	if (v->top + (size_t)v->body_h > n)
		v->top = n > (size_t)v->body_h ? n - (size_t)v->body_h : 0;
	for (int r = 0; r < v->body_h && v->top + (size_t)r < n; r++) {
		const char *line = u->lines.v[v->top + (size_t)r];
		if (line[0] == '\1')
			ui_put(v->body_y + r, 1, COLS - 2, line + 1, ui_attr(COL_HEADING) | A_BOLD, 0);
		else if (line[0] == '\2')
			ui_put(v->body_y + r, 2, COLS - 3, line + 1, ui_attr(COL_ERROR), 0);
		else
			ui_put(v->body_y + r, 2, COLS - 3, line, A_NORMAL, 0);
	}
	if (v->top + (size_t)v->body_h < n && !u->meeting)
		ui_put(LINES - 2, COLS - 8, 7, "↓ mer", ui_attr(COL_MARK), 0);
	if (u->meeting)
		meeting_draft_draw(a, u->draft, &u->p, LINES - 1 - meeting_draft_height(u->draft));
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
	struct method_ctx *m = ctx;
	if (m->age < atoi(knowledge_get(KT_BEHAVIOUR, v, "age_min")) ||
	    m->age > atoi(knowledge_get(KT_BEHAVIOUR, v, "age_max")))
		return 0;
	sb_printf(m->sb, "%s (%s):\n%s\n\n", knowledge_get(KT_BEHAVIOUR, v, "severity_text"),
		  knowledge_get(KT_BEHAVIOUR, v, "age_band"), knowledge_get(KT_BEHAVIOUR, v, "help"));
	return 0;
}

static void behaviour_methods(struct app *a, int age)
{
	struct strbuf sb = {0};
	struct method_ctx m = {age, &sb};
	struct strbuf err = {0};
	if (session_knowledge(a->ss, KT_BEHAVIOUR, NULL, method_row, &m, &err) != SESSION_OK)
		app_set_message(a, 1, "%s", sb_str(&err));
	sb_free(&err);
	if (sb.len) {
		sb_puts(&sb, "Kilde: Plan for forebygging av omsorgssvikt og atferdsproblemer, Senja kommune, "
			"tabell 8.");
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
	app_set_message(a, 0, "Forslag for alder %d%s; + legger valgt tiltak til stafettloggen", u->p.age,
			a->filter.needs ? " og stafettloggens behov" : "");
	int atferd = catalog_need_index(&a->cat, "atferd");
	if (atferd >= 0 && (a->filter.needs & (1u << atferd)) && u->p.age >= 0)
		behaviour_methods(a, u->p.age);
}

/* Leaving the meeting view with a meeting half recorded: asked first. */
static void discard_meeting(struct app *a, void *ctx)
{
	(void)ctx;
	struct view *v = a->stack[a->depth - 1];
	meeting_draft_reset(((struct plan_ui *)v->data)->draft);
	set_meeting(v, 0);
	app_set_message(a, 0, "Møtet ble ikke lagret.");
}

static int leave_meeting(struct app *a, struct view *v)
{
	struct plan_ui *u = v->data;
	if (!meeting_draft_dirty(u->draft)) {
		set_meeting(v, 0);
		return UI_HANDLED;
	}
	app_push(a, ask_new("Møtet er ikke lagret (Ctrl-S lagrer det). Forkaste det du har ført?",
			    "forkast møtet", "fortsett møtet", discard_meeting, NULL, NULL, NULL));
	return UI_HANDLED;
}

static int meeting_request(struct app *a, struct view *v, enum ui_action act)
{
	struct plan_ui *u = v->data;
	if (ui_scroll_driver(v, u->lines.n, act) == UI_HANDLED)
		return UI_HANDLED;
	if (!u->loaded)
		return UI_UNHANDLED;
	u->seek_meeting = u->seek_ready = 0;
	if (act == ACT_BACK || act == ACT_P_MEETING_VIEW)
		return leave_meeting(a, v);
	int no = 0;
	if (meeting_draft_request(a, u->draft, &u->p, act, &no) != UI_HANDLED)
		return UI_UNHANDLED;
	if (no) {  /* saved: the plan shows the meeting, its people, notes and steps */
		set_meeting(v, 0);
		u->seek_meeting = no;
		v->stale = 1;  /* load again (the scroll target comes from that load) */
	}
	return UI_HANDLED;
}

static int plan_request(struct app *a, struct view *v, enum ui_action act)
{
	struct plan_ui *u = v->data;
	u->seek_meeting = u->seek_ready = 0;  /* the user moves on: resizes keep this place */
	if (ui_scroll_driver(v, u->lines.n, act) == UI_HANDLED)
		return UI_HANDLED;
	u->built_width = 0;  /* an action may change the layout (meeting view ...) */
	switch (act) {
	case ACT_P_MEETING_VIEW:
	case ACT_P_MEETING:
		if (act == ACT_P_MEETING && *u->p.closed) {
			app_set_message(a, 1, "Stafettloggen er lukket: møter kan ikke føres i den.");
			return UI_HANDLED;
		}
		set_meeting(v, 1);
		u->logged_meeting = 0;  /* each meeting view is a read */
		plan_load_view(a, v);
		if (act == ACT_P_MEETING)
			app_set_message(a, 0, "Før møtet her: velg hvem som er til stede, skriv notater og avtalte "
					"steg, og lagre med Ctrl-S.");
		return UI_HANDLED;
	case ACT_P_SERVICE:
		if (use_plan_kommune(a, u) != 0)
			return UI_HANDLED;
		filter_free(&a->filter);
		app_refilter(a);
		app_push(a, services_new(0));
		app_set_message(a, 0, "Finn tjenesten og trykk + for å legge den til stafettlogg %ld", u->id);
		return UI_HANDLED;
	case ACT_P_SUGGEST:
		suggest(a, u);
		return UI_HANDLED;
	case ACT_P_NEEDS:
		if (*u->p.closed)
			app_set_message(a, 1, "Stafettloggen er lukket og kan ikke endres.");
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
				app_set_message(a, 1, "Stafettloggen er lukket og kan ikke endres; e skriver den ut for arkivet.");
				return UI_HANDLED;
			}
			plan_open_form(a, &u->p, act);
			return UI_HANDLED;
		}
		return UI_UNHANDLED;
	}
}

/* Meeting view: text goes into the meeting's notes or step line. */
static int plan_key(struct app *a, struct view *v, wint_t ch, int is_code)
{
	struct plan_ui *u = v->data;
	if (!u->meeting || !u->loaded)
		return UI_UNHANDLED;
	return meeting_draft_key(a, u->draft, ch, is_code);
}

static const char *plan_unsaved(struct view *v)
{
	struct plan_ui *u = v->data;
	return meeting_draft_dirty(u->draft) ? "møtet som føres i møtevisningen" : NULL;
}

static void plan_done(struct view *v)
{
	struct plan_ui *u = v->data;
	if (u->loaded) {
		plan_free(&u->p);
		plan_doc_free(&u->doc);
	}
	plan_access_log_free(u->reads, u->n_reads);
	sv_free(&u->lines);
	meeting_draft_free(u->draft);
	free(u);
}

static const struct view_ops plan_ops = {
	.title = "Stafettloggen",
	.scope = VIEW_PLAN,
	.load = plan_load_view,
	.draw = plan_draw,
	.request = plan_request,
	.key = plan_key,
	.unsaved = plan_unsaved,
	.done = plan_done,
};

static const struct view_ops meeting_ops = {
	.title = "Møtevisningen",
	.scope = VIEW_MEETING,
	.load = plan_load_view,
	.draw = plan_draw,
	.request = meeting_request,
	.key = plan_key,
	.unsaved = plan_unsaved,
	.done = plan_done,
};

struct view *plan_view_new(long id, int meeting)
{
	struct view *v = view_new(&plan_ops);
	struct plan_ui *u = xcalloc(1, sizeof *u);
	u->id = id;
	u->draft = meeting_draft_new();
	v->data = u;
	set_meeting(v, meeting);
	return v;
}
