/* plans.c - the plan list (open plans first, with level, consent,
 * stafettholder and next due date; / searches the child's name or the
 * unit as it is typed, n filters on level, f shows mine / awaiting my
 * acceptance / overdue; N makes a new plan) and the "due" view (open steps and
 * evaluations across every plan, overdue first, marked "! forfalt"). In
 * presentation mode both take their rows masked from the model
 * (plan_field_show: child, step text, owner, stafettholder). */
#include "ui.h"
#include "trapp/plan.h"
#include "trapp/text.h"

#include <stdlib.h>
#include <string.h>

/* --- plan list ------------------------------------------------------------- */

/* Only the rows around the screen are read (plan_list_page), so the list
 * opens as fast with 100 000 plans as with ten; moving past them reads
 * the next screenful. */
struct plans {
	struct plan_summary *rows;  /* plans first .. first + n - 1 */
	size_t n, first;
	long total;                 /* plans the filter lets through */
	long all;                   /* plans the login sees */
	int failed;                 /* the last load failed (its message is shown) */
	int loaded_present;
	/* the filter: search text, level (-1 any), which plans */
	struct strbuf text;
	int searching;              /* typed keys go to the search */
	int level;
	int which;                  /* WHICH_* */
};

enum { WHICH_ALL, WHICH_MINE, WHICH_AWAITING, WHICH_OVERDUE, WHICH_COUNT };
static const char *const which_label[] = {"alle", "mine (jeg er stafettholder)",
					  "venter på min aksept", "med forfalte frister"};

static struct plan_list_filter list_filter(const struct plans *p)
{
	return (struct plan_list_filter){sb_str(&p->text), p->level, p->which == WHICH_MINE,
					 p->which == WHICH_AWAITING, p->which == WHICH_OVERDUE};
}

/* 1 when the rows on screen (top .. top + body_h) are loaded. */
static int plans_cover(const struct plans *p, const struct view *v)
{
	size_t h = v->body_h > 0 ? (size_t)v->body_h : 1;
	size_t end = v->top + h < (size_t)p->total ? v->top + h : (size_t)p->total;
	return v->top >= p->first && end <= p->first + p->n;
}

static void plans_load(struct app *a, struct view *v)
{
	struct plans *p = v->data;
	plan_list_free(p->rows, p->n);
	p->rows = NULL;
	p->n = 0;
	struct strbuf err = {0};
	struct plan_list_filter f = list_filter(p);
	if (plan_count(a->db, &p->all, &err) != PLAN_OK || plan_count_find(a->db, &f, &p->total, &err) != PLAN_OK)
		p->total = p->all = 0;
	if (v->sel >= (size_t)p->total)
		v->sel = p->total ? (size_t)p->total - 1 : 0;
	ui_scroll_to_sel(v, v->body_h > 0 ? v->body_h : LINES);
	/* a screenful from the top row: taller than any body (LINES) */
	p->first = v->top;
	if (!err.len && plan_list_find(a->db, a->present, a->child_word, &f, (long)p->first, LINES > 0 ? LINES : 1,
				       &p->rows, &p->n, &err) != PLAN_OK)
		p->n = 0;
	p->failed = err.len > 0;
	if (err.len)
		app_set_message(a, 1, "%s", sb_str(&err));
	sb_free(&err);
	p->loaded_present = a->present;
}

/* "2026-11-10 ! forfalt" (static buffer, one use at a time). */
static const char *buf_due(const char *date)
{
	static char buf[48];
	snprintf(buf, sizeof buf, "%s ! forfalt", date);
	return buf;
}

static void plans_draw(struct app *a, struct view *v)
{
	struct plans *p = v->data;
	ui_draw_header(a, "Stafettlogger");
	/* the filter line: what is shown, and how to change it */
	struct strbuf fl = {0};
	if (p->searching || p->text.len)
		sb_printf(&fl, "Søk: %s%s · ", sb_str(&p->text), p->searching ? "▏" : "");
	if (p->level >= 0)
		sb_printf(&fl, "nivå %d · ", p->level);
	sb_printf(&fl, "%s%s: %ld av %ld", fl.len ? "" : "Viser ", which_label[p->which], p->total, p->all);
	if (!p->searching)
		sb_puts(&fl, "   (/ søk  n nivå  f mine/venter/forfalte  x alle)");
	ui_put(1, 1, COLS - 2, sb_str(&fl), p->searching ? A_BOLD : ui_attr(COL_FILTER), 1);
	if (p->searching) {
		a->cursor_y = 1;
		a->cursor_x = 1 + 5 + text_width(sb_str(&p->text));
	}
	sb_free(&fl);
	int y = 2;
	if (p->failed) {  /* not "no plans yet": they could not be read */
		ui_put(y + 1, 2, COLS - 4, "Stafettloggene kunne ikke leses nå: se meldingen nederst.", A_BOLD, 0);
		return;
	}
	if (!p->all) {
		ui_put(y + 1, 2, COLS - 4, "Ingen stafettlogger ennå. N lager en ny.", A_BOLD, 0);
		return;
	}
	if (!p->total) {
		ui_put(y + 1, 2, COLS - 4, "Ingen stafettlogger passer til filteret; x viser alle.", A_BOLD, 0);
		return;
	}
	int present = a->present;
	int w_child = COLS >= 100 ? (present ? 26 : 24) : 18, w_age = 6, w_lvl = 4, w_cons = 8, w_due = 20;
	int w_holder = COLS - w_child - w_age - w_lvl - w_cons - w_due - 13;
	attr_t h = ui_attr(COL_HEADING);
	int x = 1;
	ui_put(y, x, 5, "NR", h, 0); x += 6;
	ui_put(y, x, w_child, "BARN", h, 0); x += w_child + 1;
	ui_put(y, x, w_age, "ALDER", h, 0); x += w_age + 1;
	ui_put(y, x, w_lvl, "NIVÅ", h, 0); x += w_lvl + 1;
	ui_put(y, x, w_cons, "SAMTYKKE", h, 0); x += w_cons + 1;
	ui_put(y, x, w_holder, "STAFETTHOLDER", h, 0); x += w_holder + 1;
	ui_put(y, x, w_due, "NESTE FRIST", h, 0);
	v->body_y = y + (present ? 2 : 1);
	int step = present ? 2 : 1;  /* presentation: more air between rows */
	v->body_h = (LINES - 2 - v->body_y) / step;
	ui_scroll_to_sel(v, v->body_h);
	if (!plans_cover(p, v))
		v->stale = 1;  /* a resize: read the rows on the next turn */
	for (int r = 0; r < v->body_h; r++) {
		size_t i = v->top + (size_t)r;
		if (i < p->first || i - p->first >= p->n)
			break;
		const struct plan_summary *s = &p->rows[i - p->first];
		int sel = i == v->sel, ry = v->body_y + r * step;
		attr_t at = sel ? ui_attr(COL_SELECTED) : *s->closed ? ui_attr(COL_DIM) : A_NORMAL;
		ui_put(ry, 0, COLS, "", at, 1);
		char buf[32];
		x = 1;
		snprintf(buf, sizeof buf, "%ld", s->id);
		ui_put(ry, x, 5, buf, at, 0); x += 6;
		ui_put(ry, x, w_child, s->child, at | A_BOLD, 1); x += w_child + 1;
		if (s->age >= 0)
			snprintf(buf, sizeof buf, "%s%d år", s->age_approx ? "~" : "", s->age);
		else
			snprintf(buf, sizeof buf, "?");
		ui_put(ry, x, w_age, buf, at, 1); x += w_age + 1;
		snprintf(buf, sizeof buf, "%d", s->level);
		ui_put(ry, x, w_lvl, buf, at, 1); x += w_lvl + 1;
		/* a word, not only a colour: anything but gyldig is marked */
		ui_put(ry, x, w_cons, s->consent, sel || !strcmp(s->consent, "gyldig") ? at : ui_attr(COL_ERROR), 1);
		x += w_cons + 1;
		ui_put(ry, x, w_holder, s->holder, at, 1); x += w_holder + 1;
		if (*s->closed)
			ui_put(ry, x, w_due, "lukket", at, 1);
		else if (s->overdue)  /* a mark and a word, not only a colour */
			ui_put(ry, x, w_due, (buf_due(s->next_due)), sel ? at : ui_attr(COL_ERROR), 1);
		else
			ui_put(ry, x, w_due, *s->next_due ? s->next_due : "–", at, 1);
	}
}

static size_t plans_rows(struct app *a, struct view *v)
{
	(void)a;
	return (size_t)((struct plans *)v->data)->total;
}

static int plans_request(struct app *a, struct view *v, enum ui_action act)
{
	struct plans *p = v->data;
	switch (act) {
	case ACT_OPEN:
		if (v->sel >= p->first && v->sel - p->first < p->n)
			app_push(a, plan_view_new(p->rows[v->sel - p->first].id, 0));
		return UI_HANDLED;
	case ACT_UP: case ACT_DOWN: case ACT_PGUP: case ACT_PGDN: case ACT_HOME: case ACT_END:
		ui_view_driver(a, v, act);
		if (!plans_cover(p, v))
			v->stale = 1;  /* read the new screenful before the next draw */
		return UI_HANDLED;
	case ACT_PL_SEARCH:
		p->searching = 1;
		return UI_HANDLED;
	case ACT_PL_LEVEL:
		p->level = p->level >= PLAN_LEVEL_MAX ? -1 : p->level + 1;
		v->sel = v->top = 0;
		v->stale = 1;
		return UI_HANDLED;
	case ACT_PL_WHICH:
		p->which = (p->which + 1) % WHICH_COUNT;
		v->sel = v->top = 0;
		v->stale = 1;
		return UI_HANDLED;
	case ACT_PL_CLEAR:
		sb_reset(&p->text);
		p->level = -1;
		p->which = WHICH_ALL;
		app_set_message(a, 0, "Viser alle stafettloggene: søk og filtre er fjernet.");
		v->sel = v->top = 0;
		v->stale = 1;
		return UI_HANDLED;
	case ACT_NEW_PLAN:
		plan_open_form(a, NULL, ACT_NEW_PLAN);  /* plan_forms.c */
		return UI_HANDLED;
	default: return UI_UNHANDLED;
	}
}

/* The search line: each key narrows the list at once; Enter or Esc ends
 * the search (Esc also empties it). */
static int plans_key(struct app *a, struct view *v, wint_t ch, int is_code)
{
	(void)a;
	struct plans *p = v->data;
	if (!p->searching)
		return UI_UNHANDLED;
	if (!is_code && (ch == 27 || ch == '\n' || ch == '\r')) {
		p->searching = 0;
		if (ch == 27)
			sb_reset(&p->text);
	} else if ((is_code && ch == KEY_BACKSPACE) || (!is_code && (ch == 127 || ch == 8))) {
		while (p->text.len && (p->text.buf[p->text.len - 1] & 0xC0) == 0x80)
			p->text.len--;
		if (p->text.len)
			p->text.buf[--p->text.len] = '\0';
	} else if (!is_code && ch >= 32 && !text_is_control((uint32_t)ch) && p->text.len < 200) {
		char buf[4];
		sb_add(&p->text, buf, utf8_encode(ch, buf));
	} else {
		return is_code ? UI_UNHANDLED : UI_HANDLED;
	}
	v->sel = v->top = 0;
	v->stale = 1;
	return UI_HANDLED;
}

static void plans_done(struct view *v)
{
	struct plans *p = v->data;
	plan_list_free(p->rows, p->n);
	sb_free(&p->text);
	free(p);
}

static const struct view_ops plans_ops = {
	.title = "Stafettloggene",
	.scope = VIEW_PLANLIST,
	.load = plans_load,
	.draw = plans_draw,
	.request = plans_request,
	.rows = plans_rows,
	.key = plans_key,
	.done = plans_done,
};

struct view *plans_new(void)
{
	struct view *v = view_new(&plans_ops);
	struct plans *p = xcalloc(1, sizeof *p);
	p->level = -1;
	v->data = p;
	return v;
}

/* --- due ------------------------------------------------------------------- */

struct due {
	struct plan_due *rows;
	size_t n;
	char today[PLAN_DATE_LEN];
};

static void due_load(struct app *a, struct view *v)
{
	struct due *d = v->data;
	plan_due_free(d->rows, d->n);
	d->rows = NULL;
	d->n = 0;
	plan_today(d->today);
	struct strbuf err = {0};
	if (plan_due(a->db, d->today, -1, a->present, a->child_word, &d->rows, &d->n, &err) != PLAN_OK)
		app_set_message(a, 1, "%s", sb_str(&err));
	sb_free(&err);
	if (v->sel >= d->n)
		v->sel = d->n ? d->n - 1 : 0;
}

static void due_draw(struct app *a, struct view *v)
{
	struct due *d = v->data;
	ui_draw_header(a, "Frister");
	char *t = xasprintf("I dag %s ", d->today);
	int tw = text_width(t);
	ui_put(0, COLS - tw, tw, t, ui_attr(COL_TITLE), 0);
	free(t);
	if (!d->n) {
		ui_put(2, 2, COLS - 4, "Ingen åpne steg, evalueringer, samtykker som utløper eller overføringer.", A_BOLD, 0);
		return;
	}
	int w_date = 20, w_plan = 18, w_kind = 10, w_who = 18;
	int w_what = COLS - w_date - w_plan - w_kind - w_who - 6;
	attr_t h = ui_attr(COL_HEADING);
	int x = 1;
	ui_put(2, x, w_date, "DATO", h, 0); x += w_date + 1;
	ui_put(2, x, w_plan, "STAFETTLOGG", h, 0); x += w_plan + 1;
	ui_put(2, x, w_kind, "HVA", h, 0); x += w_kind + 1;
	ui_put(2, x, w_what, "STEG", h, 0); x += w_what + 1;
	ui_put(2, x, w_who, "ANSVARLIG", h, 0);
	v->body_y = 3;
	v->body_h = LINES - 5;
	ui_scroll_to_sel(v, v->body_h);
	for (int r = 0; r < v->body_h && v->top + (size_t)r < d->n; r++) {
		size_t i = v->top + (size_t)r;
		const struct plan_due *e = &d->rows[i];
		int sel = i == v->sel, ry = v->body_y + r;
		attr_t at = sel ? ui_attr(COL_SELECTED) : A_NORMAL;
		ui_put(ry, 0, COLS, "", at, 1);
		x = 1;
		char *date = xasprintf("%s%s", e->date, e->overdue ? " ! forfalt" : "");
		ui_put(ry, x, w_date, date, e->overdue && !sel ? ui_attr(COL_ERROR) : at, 1);
		free(date);
		x += w_date + 1;
		char *plan = xasprintf("%ld %s", e->plan_id, e->child);
		ui_put(ry, x, w_plan, plan, at, 1);
		free(plan);
		x += w_plan + 1;
		char *kind = e->kind == DUE_STEP || e->kind == DUE_EVALUATION
				     ? xasprintf("%s %d", e->evaluation ? "evaluer" : "steg", e->step)
				     : xstrdup(e->kind == DUE_CONSENT ? "samtykke" : "overføring");
		ui_put(ry, x, w_kind, kind, at, 1);
		free(kind);
		x += w_kind + 1;
		char *what = e->kind == DUE_HANDOVER ? xasprintf("til %s – %s", e->who, e->what) : xstrdup(e->what);
		/* consent and hand-over rows have no owner: their words take
		 * both columns */
		int wide = e->kind == DUE_HANDOVER || e->kind == DUE_CONSENT;
		ui_put(ry, x, wide ? w_what + 1 + w_who : w_what, what, at, 1);
		free(what);
		x += w_what + 1;
		if (!wide)
			ui_put(ry, x, w_who, e->who, at, 1);
	}
	ui_put(LINES - 2, 1, COLS - 2, "! forfalt = over fristen · Enter åpner stafettloggen", ui_attr(COL_DIM), 0);
}

static size_t due_rows(struct app *a, struct view *v)
{
	(void)a;
	return ((struct due *)v->data)->n;
}

static int due_request(struct app *a, struct view *v, enum ui_action act)
{
	struct due *d = v->data;
	if (act == ACT_OPEN) {
		if (d->n)
			app_push(a, plan_view_new(d->rows[v->sel].plan_id, 0));
		return UI_HANDLED;
	}
	return UI_UNHANDLED;
}

static void due_done(struct view *v)
{
	struct due *d = v->data;
	plan_due_free(d->rows, d->n);
	free(d);
}

static const struct view_ops due_ops = {
	.title = "Frister",
	.scope = VIEW_DUE,
	.load = due_load,
	.draw = due_draw,
	.request = due_request,
	.rows = due_rows,
	.done = due_done,
};

struct view *due_new(void)
{
	struct view *v = view_new(&due_ops);
	v->data = xcalloc(1, sizeof(struct due));
	return v;
}
