/* help.c - the `?` overlay: every key of the view it was opened from, read
 * from the same action table that dispatches the keys. */
#include "trapp/ui.h"
#include "ui.h"
#include "trapp/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct help {
	unsigned scope;
	const char *title;
};

static size_t count_for(unsigned scope)
{
	size_t n = 0;
	for (const struct ui_action_def *d = ui_actions; d->keyname; d++)
		n += (d->scope & (scope | SC_ALL)) != 0;
	return n;
}

static void help_draw(struct app *a, struct view *v)
{
	(void)a;
	struct help *h = v->data;
	size_t n = count_for(h->scope);
	int y, x, w = COLS > 84 ? 76 : COLS - 4;
	char *title = xasprintf("Taster – %s", h->title);
	int box_h = (int)n + 4 > LINES - 2 ? LINES - 2 : (int)n + 4;
	ui_box(box_h, w, title, &y, &x);
	free(title);
	v->body_y = y + 1;
	v->body_h = box_h - 4;  /* rows for keys inside the box */
	if (v->top + (size_t)v->body_h > n)
		v->top = n > (size_t)v->body_h ? n - (size_t)v->body_h : 0;
	size_t row = 0;
	for (const struct ui_action_def *d = ui_actions; d->keyname; d++) {
		if (!(d->scope & (h->scope | SC_ALL)))
			continue;
		if (row >= v->top && row < v->top + (size_t)v->body_h) {
			int ry = v->body_y + (int)(row - v->top);
			ui_put(ry, x, 18, d->keyname, A_BOLD, 1);
			ui_put(ry, x + 19, w - 23, d->label, A_NORMAL, 0);
		}
		row++;
	}
	/* more keys than rows: say so on the frame */
	if (v->top + (size_t)v->body_h < n)
		ui_put(y + box_h - 2, x + w - 20, 16, " ↓ flere taster ", ui_attr(COL_MARK), 0);
	if (v->top > 0)
		ui_put(y - 1, x + w - 20, 16, " ↑ flere taster ", ui_attr(COL_MARK), 0);
}

static int help_request(struct app *a, struct view *v, enum ui_action act)
{
	struct help *h = v->data;
	if (ui_scroll_driver(v, count_for(h->scope), act) == UI_HANDLED)
		return UI_HANDLED;
	if (act == ACT_HELP || act == ACT_OPEN || act == ACT_ACCEPT)
		app_pop(a);
	else if (act != ACT_BACK)
		return UI_HANDLED;  /* other keys do nothing while help is open */
	else
		return UI_UNHANDLED;
	return UI_HANDLED;
}

static void help_done(struct view *v) { free(v->data); }

static const struct view_ops help_ops = {
	.title = "Hjelp",
	.scope = SC_ALL | SC_NAV,
	.overlay = 1,
	.draw = help_draw,
	.request = help_request,
	.done = help_done,
};

struct view *help_new(unsigned scope, const char *title)
{
	struct view *v = view_new(&help_ops);
	struct help *h = xcalloc(1, sizeof *h);
	h->scope = scope;
	h->title = title;
	v->data = h;
	return v;
}

/* Where an action applies, for the key table. */
static const char *scope_text(unsigned scope)
{
	if (scope & SC_ALL)
		return "overalt";
	if (scope & SC_NAV)
		return "lister";
	if (scope & SC_PICKER)
		return "valgmenyer";
	if (scope & SC_FILTER)
		return "trapp og liste";
	return "trapp og liste";
}

static void roff_escape(FILE *fp, const char *s)
{
	for (; *s; s++) {
		if (*s == '\\' || *s == '-')
			fputc('\\', fp);
		fputc(*s, fp);
	}
}

int ui_cmd_keys(int argc, char **argv)
{
	int roff = argc == 3 && strcmp(argv[1], "--format") == 0 && strcmp(argv[2], "roff") == 0;
	int table = argc == 1 || (argc == 3 && strcmp(argv[1], "--format") == 0 && strcmp(argv[2], "table") == 0);
	if (!roff && !table) {
		fprintf(stderr, "trapp: bruk: trapp keys [--format table|roff]\n");
		return EXIT_USAGE;
	}
	for (const struct ui_action_def *d = ui_actions; d->keyname; d++) {
		if (roff) {
			fputs(".TP\n.B ", stdout);
			roff_escape(stdout, d->keyname);
			fputc('\n', stdout);
			roff_escape(stdout, d->label);
			printf(" (%s)\n", scope_text(d->scope));
		} else {
			struct strbuf sb = {0};
			text_fit(&sb, d->keyname, 18, 1);
			printf("%s  %s (%s)\n", sb_str(&sb), d->label, scope_text(d->scope));
			sb_free(&sb);
		}
	}
	return EXIT_OK;
}
