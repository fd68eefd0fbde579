/* pickers.c - small menus drawn over the current screen: the need picker
 * (multi-select over the 16 needs), the level picker, the target-type
 * picker, the kommune switch, and lists of strings chosen into a form or
 * a meeting (who is present, the services a consent covers), which a
 * search line (/) narrows as it is typed. Multi-select pickers apply each toggle at
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
	struct strvec *chosen;   /* string pickers: the codes chosen (caller's) */
	void (*done_fn)(struct app *a, void *ctx);  /* string pickers: on close */
	void *ctx;
	/* rows shown: indices into labels, narrowed by the search */
	size_t *vis, n_vis;
	struct strbuf search;
	int searching;           /* typed keys go to the search line */
};

/* Recompute the rows shown for the search text (every row without one). */
static void narrow(struct picker *p)
{
	free(p->vis);
	p->vis = xcalloc(p->labels.n + 1, sizeof *p->vis);
	p->n_vis = 0;
	char *want = p->search.len ? text_fold(sb_str(&p->search)) : NULL;
	for (size_t i = 0; i < p->labels.n; i++) {
		char *have = want ? text_fold(p->labels.v[i]) : NULL;
		if (!want || strstr(have, want))
			p->vis[p->n_vis++] = i;
		free(have);
	}
	free(want);
}

/* The label index of row r, or (size_t)-1. */
static size_t row_item(struct picker *p, size_t r)
{
	if (!p->vis)
		narrow(p);
	return r < p->n_vis ? p->vis[r] : (size_t)-1;
}

static void picker_draw(struct app *a, struct view *v)
{
	struct picker *p = v->data;
	row_item(p, 0);
	size_t n = p->n_vis;
	int w = 8;
	for (size_t i = 0; i < n; i++) {
		int lw = text_width(p->labels.v[i]) + 8;
		if (lw > w)
			w = lw;
	}
	if (w < 44)
		w = 44;
	if (p->chosen && w < 56)
		w = 56;  /* the search line and the hint under the list */
	if (w > COLS - 4)
		w = COLS - 4;
	int y, x, search_h = p->chosen ? 1 : 0;
	size_t box_n = p->chosen ? p->labels.n : n;  /* a string picker keeps its size while searching */
	ui_box((int)box_n + 4 + search_h, w, p->title, &y, &x);
	if (search_h) {
		char *line = xasprintf("Søk: %s%s", sb_str(&p->search), p->searching ? "" : "   (/ søker i listen)");
		ui_put(y, x, w - 4, line, p->searching ? A_BOLD : ui_attr(COL_DIM), 1);
		if (p->searching) {
			a->cursor_y = y;
			a->cursor_x = x + 5 + text_width(sb_str(&p->search));
		}
		free(line);
	}
	v->body_y = y + 1 + search_h;
	v->body_h = LINES - 4 - 4 - search_h;
	if (v->body_h > (int)box_n)
		v->body_h = (int)box_n;
	ui_scroll_to_sel(v, v->body_h);
	if (!n)
		ui_put(v->body_y, x, w - 4, "Ingen treff.", ui_attr(COL_DIM), 1);
	for (int r = 0; r < v->body_h && v->top + (size_t)r < n; r++) {
		size_t row = v->top + (size_t)r, i = p->vis[row];
		int sel = row == v->sel;
		attr_t at = sel ? ui_attr(COL_SELECTED) : A_NORMAL;
		char *line = xasprintf("%s %s", p->multi ? (p->is_on(a, p, i) ? "[x]" : "[ ]")
						  : (p->is_on(a, p, i) ? "(•)" : "( )"),
				       p->labels.v[i]);
		ui_put(v->body_y + r, x, w - 4, line, at, 1);
		free(line);
	}
	for (int r = (int)n; r < v->body_h; r++)
		ui_put(v->body_y + r, x, w - 4, "", A_NORMAL, 1);
	ui_put(v->body_y + v->body_h, x, w - 4,
	       p->searching ? "Enter/Esc: ferdig med søket"
	       : p->multi ? "mellomrom: velg   Enter/Esc: lukk   x: ingen" : "Enter: velg   Esc: avbryt",
	       ui_attr(COL_DIM), 0);
}

static int strings_accept(struct app *a, struct picker *p);

static int picker_request(struct app *a, struct view *v, enum ui_action act)
{
	struct picker *p = v->data;
	size_t item = row_item(p, v->sel);
	switch (act) {
	case ACT_TOGGLE:
		if (item != (size_t)-1 && p->choose(a, p, item) == 0 && !p->multi)
			app_pop(a);
		return UI_HANDLED;
	case ACT_ACCEPT:
	case ACT_OPEN:
		if (p->multi && p->accept && p->accept(a, p) != 0)
			return UI_HANDLED;
		if (p->multi || (item != (size_t)-1 && p->choose(a, p, item) == 0))
			app_pop(a);
		return UI_HANDLED;
	case ACT_BACK:
		if (!p->chosen)
			return UI_UNHANDLED;
		strings_accept(a, p);  /* the choices are made as they are toggled */
		app_pop(a);
		return UI_HANDLED;
	case ACT_PICK_SEARCH:
		if (!p->chosen)
			return UI_UNHANDLED;
		p->searching = 1;
		return UI_HANDLED;
	default:
		return UI_UNHANDLED;
	}
}

/* The search line of a string picker: typed text narrows the list at
 * once; Enter or Esc ends the search (the narrowed list stays). */
static int search_key(struct picker *p, struct view *v, wint_t ch, int is_code)
{
	if (!is_code && (ch == 27 || ch == '\n' || ch == '\r')) {
		p->searching = 0;
		return UI_HANDLED;
	}
	if (!is_code && ch == 21) {  /* Ctrl-U empties the search */
		sb_reset(&p->search);
	} else if ((is_code && ch == KEY_BACKSPACE) || (!is_code && (ch == 127 || ch == 8))) {
		while (p->search.len && (p->search.buf[p->search.len - 1] & 0xC0) == 0x80)
			p->search.len--;
		if (p->search.len)
			p->search.buf[--p->search.len] = '\0';
	} else if (!is_code && ch >= 32 && !text_is_control((uint32_t)ch) && p->search.len < 200) {
		char buf[4];
		sb_add(&p->search, buf, utf8_encode(ch, buf));
	} else {
		return is_code ? UI_UNHANDLED : UI_HANDLED;  /* arrows still move */
	}
	narrow(p);
	v->sel = v->top = 0;
	return UI_HANDLED;
}

/* x clears a multi-select picker (the hint under the list says so). */
static int picker_key(struct app *a, struct view *v, wint_t ch, int is_code)
{
	struct picker *p = v->data;
	if (p->searching)
		return search_key(p, v, ch, is_code);
	if (is_code || ch != 'x' || !p->multi)
		return UI_UNHANDLED;
	p->choose(a, p, (size_t)-1);
	return UI_HANDLED;
}

static size_t picker_rows(struct app *a, struct view *v)
{
	(void)a;
	struct picker *p = v->data;
	row_item(p, 0);
	return p->n_vis;
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
	sb_free(&p->search);
	free(p->vis);
	if (p->ctx && (void *)p->chosen == p->ctx)
		sv_free(p->chosen);  /* a list kept in the context itself */
	free(p->ctx);
	free(p);
}

/* A string picker closes: tell its owner before the picker is gone. */
static int strings_accept(struct app *a, struct picker *p)
{
	if (p->done_fn)
		p->done_fn(a, p->ctx);
	return 0;
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
		app_set_message(a, 0, "Stafettloggens behov er lagret (%zu).", n);
	else
		app_set_message(a, 1, "%s", sb_str(&err));
	sb_free(&err);
	return 0;
}

struct view *picker_plan_needs_new(struct app *a, long plan_id, const struct strvec *current)
{
	struct picker *p = xcalloc(1, sizeof *p);
	p->title = "Stafettloggens behov (Enter lagrer)";
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

/* --- strings chosen into the caller's list ----------------------------------- */

static int strings_on(struct app *a, struct picker *p, size_t i)
{
	(void)a;
	for (size_t k = 0; k < p->chosen->n; k++)
		if (strcmp(p->chosen->v[k], p->codes.v[i]) == 0)
			return 1;
	return 0;
}

static int strings_choose(struct app *a, struct picker *p, size_t i)
{
	(void)a;
	struct strvec *c = p->chosen;
	if (i == (size_t)-1) {
		sv_free(c);
		return 0;
	}
	for (size_t k = 0; k < c->n; k++)
		if (strcmp(c->v[k], p->codes.v[i]) == 0) {
			free(c->v[k]);
			memmove(&c->v[k], &c->v[k + 1], (c->n - k - 1) * sizeof *c->v);
			c->n--;
			return 0;
		}
	sv_push(c, p->codes.v[i]);
	return 0;
}

struct view *picker_strings_new(const char *title, const struct strvec *labels, const struct strvec *codes,
				struct strvec *chosen, void (*done)(struct app *a, void *ctx), void *ctx)
{
	struct picker *p = xcalloc(1, sizeof *p);
	p->title = title;
	p->multi = 1;
	p->is_on = strings_on;
	p->choose = strings_choose;
	p->accept = strings_accept;
	p->chosen = chosen;
	p->done_fn = done;
	p->ctx = ctx;
	for (size_t i = 0; i < labels->n; i++) {
		sv_push(&p->labels, labels->v[i]);
		sv_push(&p->codes, codes->v[i]);
	}
	return picker_new(p);
}
