/* stairs.c - the start screen: the kommune's staircase of services, the
 * lowest and widest step at the bottom, each step with its name and the
 * number of services matching the current filters, and the selected step's
 * goal, access rule and description above it. When something in the plans
 * needs the user today (steps overdue, evaluations, consent expiring,
 * hand-overs waiting), one line under the filters says so, with the key
 * to the due view. */
#include "ui.h"
#include "trapp/plan.h"
#include "trapp/text.h"

#include <stdlib.h>
#include <string.h>

#define MAX_STEPS 32

struct stairs {
	int y0[MAX_STEPS], y1[MAX_STEPS], x0[MAX_STEPS];  /* band geometry for the mouse */
	char *reminders;         /* today's line, or NULL when nothing is due */
	int urgent;              /* something is overdue or expired */
};

/* Today's reminders: the start screen's only read. */
static void stairs_load(struct app *a, struct view *v)
{
	struct stairs *st = v->data;
	free(st->reminders);
	st->reminders = NULL;
	char today[PLAN_DATE_LEN];
	plan_today(today);
	struct plan_reminders r;
	struct strbuf err = {0}, line = {0};
	if (plan_reminders(a->db, today, &r, &err) != PLAN_OK) {
		app_set_message(a, 1, "%s", sb_str(&err));
	} else if (r.overdue + r.due_today + r.evaluations + r.consents + r.handovers) {
		struct strbuf key = {0};
		ui_action_keys(&key, ACT_DUE, VIEW_STAIRS);
		sb_printf(&line, "%s frister: ", sb_str(&key));  /* the key first: never cut off */
		plan_reminders_text(&r, &line);
		st->reminders = sb_steal(&line);
		st->urgent = r.overdue > 0 || r.consents > 0;
		sb_free(&key);
	}
	sb_free(&line);
	sb_free(&err);
}

static enum ui_color level_color(const struct level *l)
{
	if (l->prevention & PREV_IND)
		return COL_INDICATED;
	if (l->prevention & PREV_SEL)
		return COL_SELECTIVE;
	return COL_UNIVERSAL;
}

/* "Trinn 4: Meningsfull ..." for numbered models, else the name. */
static void step_label(struct strbuf *sb, const struct level *l)
{
	if (strncmp(l->code, "trinn", 5) == 0)
		sb_printf(sb, "Trinn %d: %s", l->ord, l->name);
	else
		sb_puts(sb, l->name);
}

static void draw_info(struct app *a, struct view *v, int y, int h)
{
	if (h <= 0 || !a->cat.n_levels)
		return;
	const struct level *l = &a->cat.levels[v->sel];
	struct strbuf sb = {0};
	step_label(&sb, l);
	if (*l->subtitle)
		sb_printf(&sb, " – %s", l->subtitle);
	ui_put(y++, 1, COLS - 2, sb_str(&sb), ui_attr(COL_HEADING), 0);
	sb_reset(&sb);
	if (*l->goal)
		sb_printf(&sb, "Mål: %s\n", l->goal);
	if (*l->access)
		sb_printf(&sb, "%s\n", l->access);
	if (*l->description)
		sb_printf(&sb, "%s\n", l->description);
	struct strvec lines = {0};
	ui_wrap(&lines, sb_str(&sb), COLS - 4);
	for (size_t i = 0; i < lines.n && (int)i < h - 2; i++)
		ui_put(y + (int)i, 2, COLS - 4, lines.v[i], A_NORMAL, 0);
	if ((int)lines.n > h - 2 && h > 2)
		ui_put(y + h - 3, COLS - 6, 4, " …", A_NORMAL, 0);
	sv_free(&lines);
	sb_free(&sb);
}

static void stairs_draw(struct app *a, struct view *v)
{
	struct stairs *st = v->data;
	ui_draw_header(a, "Innsatstrapp");
	ui_draw_filters(a, 1);
	int n = (int)a->cat.n_levels;
	if (n == 0) {
		ui_put(3, 1, COLS - 2, "Kommunen har ingen trinn.", A_BOLD, 0);
		return;
	}
	int bottom = LINES - 2, avail = LINES - 3;
	int sh = (avail - 6) / n;  /* keep room for the step's description */
	if (sh > 5)
		sh = 5;
	if (sh < 1)
		sh = 1;
	int dx = (COLS / 2) / n;
	if (dx > 10)
		dx = 10;
	for (int i = 0; i < n && i < MAX_STEPS; i++) {
		const struct level *l = &a->cat.levels[i];
		int y1 = bottom - i * sh, y0 = y1 - sh + 1, x = i * dx;
		st->y0[i] = y0;
		st->y1[i] = y1;
		st->x0[i] = x;
		int selected = (size_t)i == v->sel;
		attr_t at = ui_attr(level_color(l)) | (selected ? A_BOLD : 0);
		for (int y = y0; y <= y1; y++)
			ui_put(y, x, COLS - x, "", at, 1);
		struct strbuf label = {0}, count = {0};
		sb_puts(&label, selected ? " ▶ " : "   ");
		step_label(&label, l);
		sb_printf(&count, "%zu tiltak ", a->level_counts[i]);
		int ly = y0 + (sh - 1) / 2, cw = text_width(sb_str(&count));
		ui_put(ly, x, COLS - x - cw - 1, sb_str(&label), at, 0);
		ui_put(ly, COLS - cw, cw, sb_str(&count), at, 0);
		sb_free(&label);
		sb_free(&count);
	}
	int top_of_stairs = bottom - n * sh + 1, info = 2;
	if (st->reminders) {
		ui_put(2, 1, COLS - 2, st->reminders, ui_attr(st->urgent ? COL_ERROR : COL_MARK) | A_BOLD, 0);
		info = 3;
	}
	draw_info(a, v, info, top_of_stairs - info);
}

static int stairs_request(struct app *a, struct view *v, enum ui_action act)
{
	size_t n = a->cat.n_levels;
	switch (act) {
	case ACT_UP: if (v->sel + 1 < n) v->sel++; return UI_HANDLED;      /* climb */
	case ACT_DOWN: if (v->sel > 0) v->sel--; return UI_HANDLED;
	case ACT_HOME: v->sel = n ? n - 1 : 0; return UI_HANDLED;
	case ACT_END: v->sel = 0; return UI_HANDLED;
	case ACT_PGUP: case ACT_PGDN: return UI_HANDLED;
	case ACT_OPEN:
		if (!n)
			return UI_HANDLED;
		a->filter.levels = 1u << v->sel;
		app_refilter(a);
		app_push(a, services_new(1));
		return UI_HANDLED;
	default: return UI_UNHANDLED;
	}
}

static size_t stairs_rows(struct app *a, struct view *v)
{
	(void)v;
	return a->cat.n_levels;
}

static int stairs_mouse(struct app *a, struct view *v, const MEVENT *ev)
{
	struct stairs *st = v->data;
	for (size_t i = 0; i < a->cat.n_levels && i < MAX_STEPS; i++) {
		if (ev->y < st->y0[i] || ev->y > st->y1[i] || ev->x < st->x0[i])
			continue;
		int again = v->sel == i;
		v->sel = i;
		if (ev->bstate & BUTTON1_DOUBLE_CLICKED || (again && (ev->bstate & BUTTON1_CLICKED)))
			stairs_request(a, v, ACT_OPEN);
		return UI_HANDLED;
	}
	return UI_UNHANDLED;
}

static void stairs_refresh(struct app *a, struct view *v)
{
	if (v->sel >= a->cat.n_levels)
		v->sel = 0;
}

static void stairs_done(struct view *v)
{
	struct stairs *st = v->data;
	free(st->reminders);
	free(st);
}

static const struct view_ops stairs_ops = {
	.title = "Innsatstrappen",
	.scope = VIEW_STAIRS,
	.load = stairs_load,
	.draw = stairs_draw,
	.request = stairs_request,
	.rows = stairs_rows,
	.mouse = stairs_mouse,
	.on_filter = stairs_refresh,
	.done = stairs_done,
};

struct view *stairs_new(void)
{
	struct view *v = view_new(&stairs_ops);
	v->data = xcalloc(1, sizeof(struct stairs));
	return v;
}
