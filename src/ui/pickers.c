/* pickers.c - small menus drawn over the current screen: the need picker
 * (multi-select over the 16 needs), the level picker, the target-type
 * picker and the kommune switch. Multi-select pickers apply each toggle at
 * once, so the list and the staircase counts behind them follow live. */
#include "ui.h"
#include "trapp/plan.h"
#include "trapp/text.h"

#include <stdlib.h>
#include <string.h>

struct picker {
	const char *title;
	struct strvec labels, codes;
	int multi;
	int (*is_on)(struct app *a, struct picker *p, size_t i);
	/* Toggle (multi) or choose (single) item i; (size_t)-1 clears a multi
	 * picker. Returns 1 when it closed the picker itself (p is gone). */
	int (*choose)(struct app *a, struct picker *p, size_t i);
	/* Multi pickers: called on Enter; non-zero keeps the picker open. */
	int (*accept)(struct app *a, struct picker *p);
	uint32_t *bits;          /* need and level pickers: the filter mask */
	long plan_id;            /* the plan-needs picker */
	unsigned char on[64];    /* the plan-needs picker's own selection */
};

static void picker_draw(struct app *a, struct view *v)
{
	struct picker *p = v->data;
	size_t n = p->labels.n;
	int w = 8;
	for (size_t i = 0; i < n; i++) {
		int lw = text_width(p->labels.v[i]) + 8;
		if (lw > w)
			w = lw;
	}
	if (w < 44)
		w = 44;
	int y, x;
	ui_box((int)n + 4, w, p->title, &y, &x);
	v->body_y = y + 1;
	v->body_h = LINES - 4 - 4;
	if (v->body_h > (int)n)
		v->body_h = (int)n;
	ui_scroll_to_sel(v, v->body_h);
	for (int r = 0; r < v->body_h && v->top + (size_t)r < n; r++) {
		size_t i = v->top + (size_t)r;
		int sel = i == v->sel;
		attr_t at = sel ? ui_attr(COL_SELECTED) : A_NORMAL;
		char *line = xasprintf("%s %s", p->multi ? (p->is_on(a, p, i) ? "[x]" : "[ ]")
						  : (p->is_on(a, p, i) ? "(•)" : "( )"),
				       p->labels.v[i]);
		ui_put(v->body_y + r, x, w - 4, line, at, 1);
		free(line);
	}
	ui_put(v->body_y + v->body_h, x, w - 4,
	       p->multi ? "mellomrom: velg   Enter/Esc: lukk   x: ingen" : "Enter: velg   Esc: avbryt",
	       ui_attr(COL_DIM), 0);
}

static int picker_request(struct app *a, struct view *v, enum ui_action act)
{
	struct picker *p = v->data;
	switch (act) {
	case ACT_TOGGLE:
		if (p->choose(a, p, v->sel) == 0 && !p->multi)
			app_pop(a);
		return UI_HANDLED;
	case ACT_ACCEPT:
	case ACT_OPEN:
		if (p->multi && p->accept && p->accept(a, p) != 0)
			return UI_HANDLED;
		if (p->multi || p->choose(a, p, v->sel) == 0)
			app_pop(a);
		return UI_HANDLED;
	default:
		return UI_UNHANDLED;
	}
}

/* x clears a multi-select picker (the hint under the list says so). */
static int picker_key(struct app *a, struct view *v, wint_t ch, int is_code)
{
	struct picker *p = v->data;
	if (is_code || ch != 'x' || !p->multi)
		return UI_UNHANDLED;
	p->choose(a, p, (size_t)-1);
	return UI_HANDLED;
}

static size_t picker_rows(struct app *a, struct view *v)
{
	(void)a;
	return ((struct picker *)v->data)->labels.n;
}

static int picker_mouse(struct app *a, struct view *v, const MEVENT *ev)
{
	int r = ev->y - v->body_y;
	if (r < 0 || r >= v->body_h)
		return UI_UNHANDLED;
	v->sel = v->top + (size_t)r;
	return picker_request(a, v, ACT_TOGGLE);
}

static void picker_done(struct view *v)
{
	struct picker *p = v->data;
	sv_free(&p->labels);
	sv_free(&p->codes);
	free(p);
}

static const struct view_ops picker_ops = {
	.title = "Valg",
	.scope = VIEW_PICKER,
	.overlay = 1,
	.draw = picker_draw,
	.request = picker_request,
	.rows = picker_rows,
	.mouse = picker_mouse,
	.key = picker_key,
	.done = picker_done,
};

static struct view *picker_new(struct picker *p)
{
	struct view *v = view_new(&picker_ops);
	v->data = p;
	return v;
}

/* --- needs and levels: toggles on a bit mask of the filter ------------------ */

static int bit_on(struct app *a, struct picker *p, size_t i)
{
	(void)a;
	return (*p->bits & (1u << i)) != 0;
}

static int bit_choose(struct app *a, struct picker *p, size_t i)
{
	if (i == (size_t)-1)
		*p->bits = 0;
	else
		*p->bits ^= 1u << i;
	app_refilter(a);
	return 0;
}

static struct picker *bits_picker(const char *title, uint32_t *bits)
{
	struct picker *p = xcalloc(1, sizeof *p);
	p->title = title;
	p->multi = 1;
	p->bits = bits;
	p->is_on = bit_on;
	p->choose = bit_choose;
	return p;
}

struct view *picker_needs_new(struct app *a)
{
	struct picker *p = bits_picker("Behov (ett av de valgte)", &a->filter.needs);
	for (size_t i = 0; i < a->cat.n_needs; i++)
		sv_push_owned(&p->labels, xasprintf("%-13s %s", a->cat.needs[i].code, a->cat.needs[i].label));
	return picker_new(p);
}

struct view *picker_levels_new(struct app *a)
{
	struct picker *p = bits_picker("Nivå / trinn", &a->filter.levels);
	for (size_t i = 0; i < a->cat.n_levels; i++)
		sv_push(&p->labels, a->cat.levels[i].name);
	return picker_new(p);
}

/* --- target type -------------------------------------------------------------- */

static int target_on(struct app *a, struct picker *p, size_t i)
{
	return strcmp(a->filter.target, p->codes.v[i]) == 0;
}

static int target_choose(struct app *a, struct picker *p, size_t i)
{
	snprintf(a->filter.target, sizeof a->filter.target, "%s", p->codes.v[i]);
	app_refilter(a);
	return 0;
}

struct view *picker_target_new(void)
{
	struct picker *p = xcalloc(1, sizeof *p);
	p->title = "Målgruppetype";
	p->is_on = target_on;
	p->choose = target_choose;
	sv_push(&p->labels, "Alle typer");
	sv_push(&p->codes, "");
	for (size_t i = 0; TARGETS[i]; i++) {
		sv_push(&p->labels, TARGETS[i]);
		sv_push(&p->codes, TARGETS[i]);
	}
	return picker_new(p);
}

/* --- kommune ------------------------------------------------------------------ */

static int kommune_on(struct app *a, struct picker *p, size_t i)
{
	return strcmp(a->cat.kommune.code, p->codes.v[i]) == 0;
}

static int kommune_choose(struct app *a, struct picker *p, size_t i)
{
	char *code = xstrdup(p->codes.v[i]);
	int rc = app_load_kommune(a, code);
	free(code);
	if (rc != 0)
		return 0;
	/* back to the new kommune's staircase; this pops the picker too */
	while (a->depth > 1)
		app_pop(a);
	app_set_message(a, 0, "Byttet til %s", a->cat.kommune.name);
	return 1;
}

struct view *picker_kommune_new(struct app *a)
{
	struct picker *p = xcalloc(1, sizeof *p);
	p->title = "Kommune";
	p->is_on = kommune_on;
	p->choose = kommune_choose;
	struct kommune *k;
	size_t n;
	struct strbuf err = {0};
	if (session_kommuner(a->ss, &k, &n, &err) == SESSION_OK) {
		for (size_t i = 0; i < n; i++) {
			sv_push_owned(&p->labels, xasprintf("%s (%s)", k[i].name, k[i].code));
			sv_push(&p->codes, k[i].code);
		}
		session_kommuner_free(k, n);
	} else {
		app_set_message(a, 1, "%s", sb_str(&err));
	}
	sb_free(&err);
	struct view *v = picker_new(p);
	for (size_t i = 0; i < p->codes.n; i++)
		if (strcmp(p->codes.v[i], a->cat.kommune.code) == 0)
			v->sel = i;
	return v;
}

/* --- a plan's needs ----------------------------------------------------------- */

static int plan_need_on(struct app *a, struct picker *p, size_t i)
{
	(void)a;
	return i < sizeof p->on && p->on[i];
}

static int plan_need_choose(struct app *a, struct picker *p, size_t i)
{
	(void)a;
	if (i == (size_t)-1)
		memset(p->on, 0, sizeof p->on);
	else if (i < sizeof p->on)
		p->on[i] = !p->on[i];
	return 0;
}

static int plan_need_accept(struct app *a, struct picker *p)
{
	const char *codes[64];
	size_t n = 0;
	for (size_t i = 0; i < p->codes.n && i < sizeof p->on; i++)
		if (p->on[i])
			codes[n++] = p->codes.v[i];
	struct strbuf err = {0};
	int rc = plan_set_needs(a->db, p->plan_id, codes, n, &err);
	ui_refusal_phrase(rc, &err);
	if (rc == PLAN_OK)
		app_set_message(a, 0, "Planens behov er lagret (%zu).", n);
	else
		app_set_message(a, 1, "%s", sb_str(&err));
	sb_free(&err);
	return 0;
}

struct view *picker_plan_needs_new(struct app *a, long plan_id, const struct strvec *current)
{
	struct picker *p = xcalloc(1, sizeof *p);
	p->title = "Planens behov (Enter lagrer)";
	p->multi = 1;
	p->is_on = plan_need_on;
	p->choose = plan_need_choose;
	p->accept = plan_need_accept;
	p->plan_id = plan_id;
	for (size_t i = 0; i < a->cat.n_needs && i < sizeof p->on; i++) {
		sv_push_owned(&p->labels, xasprintf("%-13s %s", a->cat.needs[i].code, a->cat.needs[i].label));
		sv_push(&p->codes, a->cat.needs[i].code);
		for (size_t k = 0; k < current->n; k++)
			if (strcmp(current->v[k], a->cat.needs[i].code) == 0)
				p->on[i] = 1;
	}
	return picker_new(p);
}
