/* textbox.c - a box of wrapped text over the current screen, for advice
 * that does not fit a message line (Senja's table 8 methods for a plan). */
#include "ui.h"

#include <stdlib.h>

struct textbox {
	char *title, *text;
	size_t n_lines;          /* at the last draw, for scrolling */
};

static void textbox_draw(struct app *a, struct view *v)
{
	(void)a;
	struct textbox *t = v->data;
	int w = COLS > 90 ? 84 : COLS - 4;
	struct strvec lines = {0};
	ui_wrap(&lines, t->text, w - 4);
	t->n_lines = lines.n;
	int h = (int)lines.n + 4;
	if (h > LINES - 2)
		h = LINES - 2;
	int y, x;
	ui_box(h, w, t->title, &y, &x);
	v->body_y = y + 1;
	v->body_h = h - 3;
	if (v->top + (size_t)v->body_h > lines.n)
		v->top = lines.n > (size_t)v->body_h ? lines.n - (size_t)v->body_h : 0;
	for (int r = 0; r < v->body_h && v->top + (size_t)r < lines.n; r++)
		ui_put(v->body_y + r, x, w - 4, lines.v[v->top + (size_t)r], A_NORMAL, 0);
	sv_free(&lines);
}

static int textbox_request(struct app *a, struct view *v, enum ui_action act)
{
	struct textbox *t = v->data;
	if (act == ACT_OPEN || act == ACT_ACCEPT) {
		app_pop(a);
		return UI_HANDLED;
	}
	return ui_scroll_driver(v, t->n_lines, act);
}

static void textbox_done(struct view *v)
{
	struct textbox *t = v->data;
	free(t->title);
	free(t->text);
	free(t);
}

static const struct view_ops textbox_ops = {
	.title = "Tekst",
	.scope = VIEW_PICKER,
	.overlay = 1,
	.draw = textbox_draw,
	.request = textbox_request,
	.done = textbox_done,
};

struct view *textbox_new(const char *title, const char *text)
{
	struct view *v = view_new(&textbox_ops);
	struct textbox *t = xcalloc(1, sizeof *t);
	t->title = xstrdup(title);
	t->text = xstrdup(text);
	v->data = t;
	return v;
}
