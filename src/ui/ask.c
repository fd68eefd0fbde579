/* ask.c - a yes-or-no question over the screen, for what a stray key must
 * not do on its own: discard a filled form, quit with something unsaved,
 * write over an existing file. j (ja) does it, n or Esc keeps things as
 * they were; the keys come from the action table (ACT_ASK_YES/NO). */
#include "ui.h"
#include "trapp/text.h"

#include <stdlib.h>
#include <string.h>

struct ask {
	char *question, *yes_label, *no_label;
	ask_fn yes, no;
	void *ctx;
	void (*free_ctx)(void *);
};

static void ask_draw(struct app *a, struct view *v)
{
	struct ask *q = v->data;
	int w = COLS > 80 ? 70 : COLS - 6;
	struct strvec lines = {0};
	ui_wrap(&lines, q->question, w - 4);
	int y, x;
	ui_box((int)lines.n + 5, w, "Sikker?", &y, &x);
	y++;
	for (size_t i = 0; i < lines.n; i++)
		ui_put(y++, x, w - 4, lines.v[i], A_BOLD, 0);
	y++;
	/* the first key of each answer, from the action table */
	struct strbuf sb = {0}, keys = {0};
	ui_action_keys(&keys, ACT_ASK_YES, VIEW_ASK);
	sb_printf(&sb, "%.*s: %s   ", (int)strcspn(sb_str(&keys), " "), sb_str(&keys), q->yes_label);
	sb_reset(&keys);
	ui_action_keys(&keys, ACT_ASK_NO, VIEW_ASK);
	sb_printf(&sb, "%.*s: %s", (int)strcspn(sb_str(&keys), " "), sb_str(&keys), q->no_label);
	ui_put(y, x, w - 4, sb_str(&sb), ui_attr(COL_MARK) | A_BOLD, 0);
	a->footer = " j: ja   n / Esc: nei";
	sb_free(&sb);
	sb_free(&keys);
	sv_free(&lines);
}

/* Pop the question first, then act: yes and no act on the view below. */
static void answer(struct app *a, struct view *v, int yes)
{
	struct ask *q = v->data;
	ask_fn fn = yes ? q->yes : q->no;
	void *ctx = q->ctx;
	void (*free_ctx)(void *) = q->free_ctx;
	q->ctx = NULL;
	app_pop(a);
	if (fn)
		fn(a, ctx);
	if (free_ctx)
		free_ctx(ctx);
}

static int ask_request(struct app *a, struct view *v, enum ui_action act)
{
	switch (act) {
	case ACT_ASK_YES: answer(a, v, 1); return UI_HANDLED;
	case ACT_ASK_NO: case ACT_BACK: answer(a, v, 0); return UI_HANDLED;
	default: return UI_UNHANDLED;
	}
}

static void ask_done(struct view *v)
{
	struct ask *q = v->data;
	if (q->ctx && q->free_ctx)
		q->free_ctx(q->ctx);
	free(q->question);
	free(q->yes_label);
	free(q->no_label);
	free(q);
}

static const struct view_ops ask_ops = {
	.title = "Spørsmål",
	.scope = VIEW_ASK,
	.overlay = 1,
	.draw = ask_draw,
	.request = ask_request,
	.done = ask_done,
};

struct view *ask_new(const char *question, const char *yes_label, const char *no_label, ask_fn yes,
		     ask_fn no, void *ctx, void (*free_ctx)(void *))
{
	struct view *v = view_new(&ask_ops);
	struct ask *q = xcalloc(1, sizeof *q);
	q->question = xstrdup(question);
	q->yes_label = xstrdup(yes_label);
	q->no_label = xstrdup(no_label);
	q->yes = yes;
	q->no = no;
	q->ctx = ctx;
	q->free_ctx = free_ctx;
	v->data = q;
	return v;
}

int ask_is(const struct view *v) { return v->ops == &ask_ops; }

const char *ask_question(const struct view *v) { return ((const struct ask *)v->data)->question; }
