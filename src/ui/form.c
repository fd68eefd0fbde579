/* form.c - small forms drawn over the current screen: labelled fields for
 * text, dates, numbers and fixed choices, moved through with Tab/↑/↓, saved
 * with Enter on the last field (or Ctrl-S anywhere), cancelled with Esc.
 * The save callback validates through the model; its message is shown in
 * place, under the field it names, and nothing the user typed is lost:
 * Esc on a form with changes asks before it discards them. When someone
 * else changed the item since the form opened, the form shows the stored
 * values beside the user's (form_conflict): Ctrl-S keeps the user's, Esc
 * keeps the stored ones, any other key goes back to the form. */
#include "ui.h"
#include "trapp/text.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#define FORM_MAX_FIELDS 10

struct form {
	char *title;             /* owned copy */
	int fresh;               /* the current field's text is replaced by typing */
	struct form_field fields[FORM_MAX_FIELDS];
	int n, cur;
	char *error;
	int error_field;
	form_submit_fn submit;
	void *ctx;
	char *initial[FORM_MAX_FIELDS];  /* the values the form opened with */
	int initial_choice[FORM_MAX_FIELDS];
	/* a conflict on screen: heading, then label, stored, yours per row */
	struct strvec conflict;
	char *kept;              /* the message when Esc keeps the stored values */
};

struct form *form_new(const char *title, form_submit_fn submit, void *ctx)
{
	struct form *f = xcalloc(1, sizeof *f);
	f->title = xstrdup(title);
	f->submit = submit;
	f->ctx = ctx;
	f->error_field = -1;
	f->fresh = 1;
	return f;
}

struct form_field *form_add(struct form *f, const char *label, enum form_kind kind, const char *initial)
{
	if (f->n == FORM_MAX_FIELDS)
		die("Skjemaet «%s» har for mange felt", f->title);
	struct form_field *fd = &f->fields[f->n++];
	fd->label = label;
	fd->kind = kind;
	if (initial)
		sb_puts(&fd->value, initial);
	return fd;
}

void form_error(struct form *f, int field, const char *fmt, ...)
{
	free(f->error);
	struct strbuf sb = {0};
	va_list ap;
	va_start(ap, fmt);
	sb_vprintf(&sb, fmt, ap);
	va_end(ap);
	f->error = sb_steal(&sb);
	ui_sentence(f->error);
	/* no field named: the one whose value the message quotes («value») */
	for (int i = 0; field < 0 && i < f->n; i++) {
		const char *val = sb_str(&f->fields[i].value);
		if (*val) {
			char *q = xasprintf("«%s»", val);
			if (strstr(f->error, q))
				field = i;
			free(q);
		}
	}
	f->error_field = field;
	if (field >= 0 && field < f->n) {
		f->cur = field;
		f->fresh = 0;
	}
}

void form_conflict(struct form *f, const char *heading, const struct strvec *rows, const char *kept)
{
	sv_free(&f->conflict);
	sv_push(&f->conflict, heading);
	for (size_t i = 0; i < rows->n; i++)
		sv_push(&f->conflict, rows->v[i]);
	free(f->kept);
	f->kept = xstrdup(kept);
}

/* At most max lines of text wrapped to w; a cut is marked with "…". */
static void wrap_cut(struct strvec *out, const char *text, int w, size_t max)
{
	ui_wrap(out, *text ? text : "(tomt)", w);
	if (out->n <= max)
		return;
	while (out->n > max)
		free(out->v[--out->n]);
	char *last = xasprintf("%s…", out->v[max - 1]);
	free(out->v[max - 1]);
	out->v[max - 1] = last;
}

/* The conflict screen: who changed what, then each value the user set
 * beside the one stored now. */
static void conflict_draw(struct app *a, struct form *f)
{
	int w = COLS > 90 ? 86 : COLS - 4;
	int lw = 12, cw = (w - 4 - lw - 2) / 2;
	size_t rows = (f->conflict.n - 1) / 3;
	size_t room = (size_t)(LINES > 16 ? LINES - 12 : 4);
	size_t per = rows ? room / rows : 1;
	if (per < 1)
		per = 1;
	if (per > 6)
		per = 6;
	struct strvec head = {0};
	ui_wrap(&head, f->conflict.v[0], w - 4);
	/* measure, then draw */
	int h = (int)head.n + 7;  /* borders, blank, heading, blank, column heads, blank, keys */
	struct strvec *cells = xcalloc(rows * 2, sizeof *cells);
	for (size_t r = 0; r < rows; r++) {
		wrap_cut(&cells[2 * r], f->conflict.v[2 + 3 * r], cw, per);
		wrap_cut(&cells[2 * r + 1], f->conflict.v[3 + 3 * r], cw, per);
		size_t n = cells[2 * r].n > cells[2 * r + 1].n ? cells[2 * r].n : cells[2 * r + 1].n;
		h += (int)n + 1;
	}
	int y, x;
	ui_box(h, w, f->title, &y, &x);
	y++;
	for (size_t l = 0; l < head.n; l++)
		ui_put(y++, x, w - 4, head.v[l], ui_attr(COL_ERROR), 0);
	y++;
	ui_put(y, x, lw, "", A_BOLD, 1);
	ui_put(y, x + lw + 1, cw, "Lagret nå", A_BOLD | A_UNDERLINE, 1);
	ui_put(y, x + lw + 2 + cw, cw, "Ditt", A_BOLD | A_UNDERLINE, 1);
	y += 2;
	for (size_t r = 0; r < rows; r++) {
		ui_put(y, x, lw, f->conflict.v[1 + 3 * r], A_BOLD, 1);
		size_t n = 0;
		for (int k = 0; k < 2; k++) {
			struct strvec *c = &cells[2 * r + (size_t)k];
			for (size_t l = 0; l < c->n; l++)
				ui_put(y + (int)l, x + lw + 1 + k * (cw + 1), cw, c->v[l], A_NORMAL, 1);
			if (c->n > n)
				n = c->n;
			sv_free(c);
		}
		y += (int)n + 1;
	}
	free(cells);
	sv_free(&head);
	ui_put(y, x, w - 4, "Ctrl-S: lagre ditt · Esc: behold det lagrede · Tab: tilbake til skjemaet",
	       ui_attr(COL_DIM), 0);
	a->cursor_y = -1;
}

const char *form_value(const struct form *f, int field) { return sb_str(&f->fields[field].value); }
struct form_field *form_field(struct form *f, int field) { return &f->fields[field]; }

int form_dirty(const struct form *f)
{
	for (int i = 0; i < f->n; i++) {
		const struct form_field *fd = &f->fields[i];
		if (fd->kind == FIELD_CHOICE ? fd->choice != f->initial_choice[i]
					     : strcmp(sb_str(&fd->value), f->initial[i] ? f->initial[i] : ""))
			return 1;
	}
	return 0;
}
int form_choice(const struct form *f, int field) { return f->fields[field].choice; }
void *form_ctx(const struct form *f) { return f->ctx; }

static void form_draw(struct app *a, struct view *v)
{
	struct form *f = v->data;
	if (f->conflict.n) {
		conflict_draw(a, f);
		return;
	}
	int w = COLS > 90 ? 80 : COLS - 4;
	int errlines = 0;
	struct strvec err = {0};
	if (f->error) {
		ui_wrap(&err, f->error, w - 6);
		errlines = (int)err.n;
	}
	int h = f->n * 2 + 4 + errlines;
	int y, x;
	ui_box(h, w, f->title, &y, &x);
	y++;
	int lw = 18;
	for (int i = 0; i < f->n; i++) {
		struct form_field *fd = &f->fields[i];
		int cur = i == f->cur;
		ui_put(y, x, lw, fd->label, cur ? A_BOLD : A_NORMAL, 1);
		const char *val = sb_str(&fd->value);
		if (fd->kind == FIELD_CHOICE)
			val = fd->choices[fd->choice];
		else if (fd->kind == FIELD_PICK)
			val = fd->shown.len ? sb_str(&fd->shown) : "";
		int fw = w - lw - 5;
		attr_t at = cur ? ui_attr(COL_SELECTED) : A_UNDERLINE;
		/* show the end of a long value while typing: one pass, dropping
		 * characters from the front until the rest fits (it was a
		 * width computation per byte: a 3 000-character paste took 80 s) */
		const char *shown = val;
		if (cur && fd->kind != FIELD_PICK) {
			int width = text_width(val);
			size_t len = strlen(val);
			while (width > fw - 1 && *shown) {
				uint32_t cp;
				size_t k = utf8_decode(shown, len - (size_t)(shown - val), &cp);
				width -= text_cp_width(cp);
				shown += k ? k : 1;
			}
		}
		ui_put(y, x + lw, fw, fd->kind == FIELD_CHOICE ? "" : shown, at, 1);
		if (fd->kind == FIELD_CHOICE) {
			char *c = xasprintf("◀ %s ▶", val);
			ui_put(y, x + lw, fw, c, at, 1);
			free(c);
		}
		if (cur && fd->kind == FIELD_PICK && !*val)
			ui_put(y, x + lw + 1, fw - 1, "Enter: velg fra listen", at | A_DIM, 0);
		if (cur && fd->kind != FIELD_CHOICE && fd->kind != FIELD_PICK) {
			a->cursor_y = y;
			a->cursor_x = x + lw + text_width(shown);
		}
		if (fd->hint && !*sb_str(&fd->value) && !cur)
			ui_put(y, x + lw + 1, fw - 1, fd->hint, ui_attr(COL_DIM), 0);
		y++;
		if (i == f->error_field && errlines) {
			for (size_t l = 0; l < err.n; l++)
				ui_put(y++, x + 2, w - 6, err.v[l], ui_attr(COL_ERROR), 0);
		}
		y++;
	}
	if (f->error && f->error_field < 0)
		for (size_t l = 0; l < err.n; l++)
			ui_put(y++, x + 2, w - 6, err.v[l], ui_attr(COL_ERROR), 0);
	ui_put(y, x, w - 4, "Tab/↓ neste felt · Enter på siste felt eller Ctrl-S lagrer · Esc avbryter",
	       ui_attr(COL_DIM), 0);
	sv_free(&err);
}

/* Longest value a field takes, in characters (the model's limit for free
 * texts; names are checked shorter by the model, with its own message). */
#define FORM_MAX_CHARS 20000

static size_t char_count(const struct strbuf *sb)
{
	size_t n = 0;
	for (size_t i = 0; i < sb->len; i++)
		n += ((unsigned char)sb->buf[i] & 0xC0) != 0x80;
	return n;
}

/* Returns 1 when a character was refused because the field is full. */
static int field_key(struct form_field *fd, wint_t ch, int is_code, int *fresh)
{
	/* the first character typed into a field just entered replaces a
	 * suggested value such as today's date; editing keys keep it */
	if (fd->kind == FIELD_PICK)
		return 0;  /* chosen from a list (Enter), never typed */
	if (*fresh && !is_code && ch >= 32 && fd->kind != FIELD_CHOICE)
		sb_reset(&fd->value);
	*fresh = 0;
	if (fd->kind == FIELD_CHOICE) {
		int n = 0;
		while (fd->choices[n])
			n++;
		if ((is_code && ch == KEY_RIGHT) || (!is_code && ch == ' '))
			fd->choice = (fd->choice + 1) % n;
		else if (is_code && ch == KEY_LEFT)
			fd->choice = (fd->choice + n - 1) % n;
		return 0;
	}
	struct strbuf *sb = &fd->value;
	if ((is_code && ch == KEY_BACKSPACE) || (!is_code && (ch == 127 || ch == 8))) {
		while (sb->len && (sb->buf[sb->len - 1] & 0xC0) == 0x80)
			sb->len--;
		if (sb->len)
			sb->len--;
		if (sb->buf)
			sb->buf[sb->len] = '\0';
	} else if (!is_code && ch == 21) {
		sb_reset(sb);
	} else if (!is_code && ch >= 32 && !text_is_control((uint32_t)ch)) {
		if ((fd->kind == FIELD_NUMBER && (ch < '0' || ch > '9')) ||
		    (fd->kind == FIELD_DATE && !((ch >= '0' && ch <= '9') || ch == '-')))
			return 0;
		/* counted only near the limit: typing stays O(1) per character */
		if (sb->len >= FORM_MAX_CHARS && char_count(sb) >= FORM_MAX_CHARS)
			return 1;
		char buf[4];
		sb_add(sb, buf, utf8_encode(ch, buf));
	}
	return 0;
}

static void save(struct app *a, struct view *v)
{
	struct form *f = v->data;
	free(f->error);
	f->error = NULL;
	f->error_field = -1;
	sv_free(&f->conflict);
	if (f->submit(a, f) == 0) {
		app_pop(a);  /* frees the form */
	}
}

static void discard(struct app *a, void *ctx)
{
	(void)ctx;
	app_pop(a);  /* the form, now on top again */
	app_set_message(a, 0, "Skjemaet er forkastet.");
}

void form_save_top(struct app *a)
{
	if (a->depth && a->stack[a->depth - 1]->ops->scope == VIEW_FORM)
		save(a, a->stack[a->depth - 1]);
}

static int form_key(struct app *a, struct view *v, wint_t ch, int is_code)
{
	struct form *f = v->data;
	if (is_code && ch == KEY_RESIZE)
		return UI_UNHANDLED;
	struct form_field *cur = &f->fields[f->cur];
	/* a list field opens its list on Enter or mellomrom */
	if (cur->kind == FIELD_PICK && cur->pick && !is_code && (ch == '\n' || ch == '\r' || ch == ' ')) {
		cur->pick(a, f, f->cur);
		return UI_HANDLED;
	}
	/* the form's own keys come from the action table; the rest is text */
	enum ui_action act = ui_key_action((int)ch, is_code, VIEW_FORM);
	if (f->conflict.n && act != ACT_F_CANCEL && act != ACT_F_SAVE) {
		sv_free(&f->conflict);  /* back to the form; Ctrl-S still saves over */
		return UI_HANDLED;
	}
	switch (act) {
	case ACT_F_CANCEL:
		if (f->conflict.n) {  /* the choice the conflict screen offers: keep the stored */
			app_set_message(a, 0, "%s", f->kept);
			app_pop(a);
			return UI_HANDLED;
		}
		if (!form_dirty(f)) {
			app_pop(a);
			return UI_HANDLED;
		}
		char *q = xasprintf("«%s» har endringer som ikke er lagret. Forkaste dem?", f->title);
		app_push(a, ask_new(q, "forkast endringene", "fortsett å skrive", discard, NULL, NULL, NULL));
		free(q);
		return UI_HANDLED;
	case ACT_F_SAVE:
		save(a, v);
		return UI_HANDLED;
	case ACT_F_NEXT: {
		int tab = !is_code && ch == '\t';
		if (!tab && !(is_code && ch == KEY_DOWN) && f->cur == f->n - 1) {
			save(a, v);  /* Enter on the last field */
		} else if (f->cur < f->n - 1) {
			f->cur++;
			f->fresh = 1;
		}
		return UI_HANDLED;
	}
	case ACT_F_PREV:
		if (f->cur > 0) {
			f->cur--;
			f->fresh = 1;
		}
		return UI_HANDLED;
	default:
		break;
	}
	int was = cur->choice;
	int full = field_key(cur, ch, is_code, &f->fresh);
	if (cur->kind == FIELD_CHOICE && cur->choice != was && cur->changed)
		cur->changed(f, cur);
	if (full && f->error_field != f->cur) {
		free(f->error);
		f->error = xasprintf("Feltet «%s» er fullt: høyst %d tegn (resten ble ikke tatt med)",
				     f->fields[f->cur].label, FORM_MAX_CHARS);
		f->error_field = f->cur;
	}
	return UI_HANDLED;
}

static void form_done(struct view *v)
{
	struct form *f = v->data;
	for (int i = 0; i < f->n; i++) {
		sb_free(&f->fields[i].value);
		sb_free(&f->fields[i].shown);
		free(f->initial[i]);
	}
	free(f->error);
	sv_free(&f->conflict);
	free(f->kept);
	free(f->ctx);
	free(f->title);
	free(f);
}

static const char *form_unsaved(struct view *v)
{
	struct form *f = v->data;
	return form_dirty(f) ? f->title : NULL;
}

static const struct view_ops form_ops = {
	.title = "Skjema",
	.scope = VIEW_FORM,
	.overlay = 1,
	.draw = form_draw,
	.key = form_key,
	.unsaved = form_unsaved,
	.done = form_done,
};

struct view *form_view(struct form *f)
{
	struct view *v = view_new(&form_ops);
	v->data = f;
	for (int i = 0; i < f->n; i++) {
		f->initial[i] = xstrdup(sb_str(&f->fields[i].value));
		f->initial_choice[i] = f->fields[i].choice;
	}
	return v;
}
