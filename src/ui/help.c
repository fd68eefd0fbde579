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
	for (const struct ui_action_def *d = ui_actions; d->label; d++)
		n += ui_action_in_view(d->act, scope);
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
	for (const struct ui_action_def *d = ui_actions; d->label; d++) {
		if (!ui_action_in_view(d->act, h->scope))
			continue;
		if (row >= v->top && row < v->top + (size_t)v->body_h) {
			int ry = v->body_y + (int)(row - v->top);
			struct strbuf keys = {0};
			ui_action_keys(&keys, d->act, h->scope);
			ui_put(ry, x, 18, sb_str(&keys), A_BOLD, 1);
			ui_put(ry, x + 19, w - 23, d->label, A_NORMAL, 0);
			sb_free(&keys);
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
	else if (act != ACT_BACK && act != ACT_PRESENT)
		return UI_HANDLED;  /* other keys do nothing while help is open */
	else
		return UI_UNHANDLED;
	return UI_HANDLED;
}

static void help_done(struct view *v) { free(v->data); }

static const struct view_ops help_ops = {
	.title = "Hjelp",
	.scope = VIEW_HELP,
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

static void roff_escape(FILE *fp, const char *s)
{
	for (; *s; s++) {
		if (*s == '\\' || *s == '-')
			fputc('\\', fp);
		fputc(*s, fp);
	}
}

/* Every view of UI_VIEWS with the keys that work there, generated from
 * the bindings: as a table, or as roff for the man page's KEYS section. */
int ui_cmd_keys(int argc, char **argv)
{
	int roff = argc == 3 && strcmp(argv[1], "--format") == 0 && strcmp(argv[2], "roff") == 0;
	int table = argc == 1 || (argc == 3 && strcmp(argv[1], "--format") == 0 && strcmp(argv[2], "table") == 0);
	if (!roff && !table) {
		util_error("Bruk: trapp keys [--format table|roff]");
		return EXIT_USAGE;
	}
	static const struct {
		unsigned scope;
		const char *title;
	} views[] = {
#define UI_VIEW_ROW(code, scope, title) {scope, title},
		UI_VIEWS(UI_VIEW_ROW)
#undef UI_VIEW_ROW
	};
	for (size_t v = 0; v < ARRAY_LEN(views); v++) {
		if (roff) {
			fputs(".SS ", stdout);
			roff_escape(stdout, views[v].title);
			fputc('\n', stdout);
		} else {
			printf("%s%s\n", v ? "\n" : "", views[v].title);
		}
		for (const struct ui_action_def *d = ui_actions; d->label; d++) {
			struct strbuf keys = {0};
			ui_action_keys(&keys, d->act, views[v].scope);
			if (!keys.len) {
				sb_free(&keys);
				continue;
			}
			if (roff) {
				fputs(".TP\n.B ", stdout);
				roff_escape(stdout, sb_str(&keys));
				fputc('\n', stdout);
				roff_escape(stdout, d->label);
				fputc('\n', stdout);
			} else {
				struct strbuf sb = {0};
				text_fit(&sb, sb_str(&keys), 24, 1);
				printf("  %s  %s\n", sb_str(&sb), d->label);
				sb_free(&sb);
			}
			sb_free(&keys);
		}
	}
	return EXIT_OK;
}
