/* draw.c - drawing helpers shared by the screens: colour slots with a
 * monochrome theme, width-aware text (pad and truncate by display columns,
 * never bytes), word wrapping, the header, filter and footer lines, and
 * centred boxes for overlays. */
#include "ui.h"
#include "trapp/search.h"
#include "trapp/text.h"

#include <stdlib.h>
#include <string.h>

static attr_t attrs[COL_COUNT];
static void projector_init(void);

void ui_colors_init(int mono)
{
	/* monochrome: meaning carried by bold, reverse and underline */
	attrs[COL_NORMAL] = A_NORMAL;
	attrs[COL_TITLE] = A_BOLD | A_REVERSE;
	attrs[COL_HEADING] = A_BOLD | A_UNDERLINE;
	attrs[COL_SELECTED] = A_REVERSE;
	attrs[COL_STATUS] = A_REVERSE;
	attrs[COL_FILTER] = A_BOLD;
	attrs[COL_UNIVERSAL] = A_REVERSE;
	attrs[COL_SELECTIVE] = A_REVERSE;
	attrs[COL_INDICATED] = A_REVERSE;
	attrs[COL_MARK] = A_BOLD;
	attrs[COL_DIM] = A_NORMAL;
	attrs[COL_ERROR] = A_BOLD;
	if (mono || !has_colors())
		return;
	start_color();
	use_default_colors();
	short bg = COLORS >= 8 ? COLOR_BLUE : COLOR_BLACK;
	init_pair(1, COLOR_WHITE, bg);            /* title / status */
	init_pair(2, COLOR_BLACK, COLOR_GREEN);   /* universal */
	init_pair(3, COLOR_BLACK, COLOR_YELLOW);  /* selective */
	init_pair(4, COLOR_WHITE, COLOR_RED);     /* indicated */
	init_pair(5, COLOR_CYAN, -1);             /* filters */
	init_pair(6, COLOR_YELLOW, -1);           /* marks */
	init_pair(7, COLOR_RED, -1);              /* errors */
	init_pair(8, COLOR_BLACK, COLOR_CYAN);    /* selection */
	attrs[COL_TITLE] = COLOR_PAIR(1) | A_BOLD;
	attrs[COL_STATUS] = COLOR_PAIR(1);
	attrs[COL_UNIVERSAL] = COLOR_PAIR(2);
	attrs[COL_SELECTIVE] = COLOR_PAIR(3);
	attrs[COL_INDICATED] = COLOR_PAIR(4);
	attrs[COL_FILTER] = COLOR_PAIR(5) | A_BOLD;
	attrs[COL_MARK] = COLOR_PAIR(6) | A_BOLD;
	attrs[COL_ERROR] = COLOR_PAIR(7) | A_BOLD;
	attrs[COL_SELECTED] = COLOR_PAIR(8);
	attrs[COL_DIM] = A_DIM;
	projector_init();
}

/* The projector theme (presentation mode). Every pair has an explicit
 * background, so a light or a dark terminal gives the same contrast; with
 * xterm's default palette each is at least 7:1 (WCAG AAA), also when bold
 * turns a foreground into its bright variant. Pairs with a black
 * foreground never get bold (xterm would draw bright black, grey).
 * tests/contrast.py reads the pairs between the two PROJECTOR markers and
 * computes the figures printed in README.md and trapp(1). */
enum {
	PP_NORMAL = 9, PP_TITLE, PP_HEADING, PP_SELECTED, PP_ERROR, PP_FILTER, PP_UNIVERSAL,
	PP_SELECTIVE, PP_INDICATED, PP_END
};
static const short projector[][3] = {
	/* PROJECTOR BEGIN: pair, foreground, background */
	{PP_NORMAL, COLOR_WHITE, COLOR_BLACK},
	{PP_TITLE, COLOR_BLACK, COLOR_WHITE},
	{PP_HEADING, COLOR_YELLOW, COLOR_BLACK},
	{PP_SELECTED, COLOR_BLACK, COLOR_CYAN},
	{PP_ERROR, COLOR_BLACK, COLOR_YELLOW},
	{PP_FILTER, COLOR_CYAN, COLOR_BLACK},
	{PP_UNIVERSAL, COLOR_BLACK, COLOR_GREEN},
	{PP_SELECTIVE, COLOR_BLACK, COLOR_YELLOW},
	{PP_INDICATED, COLOR_BLACK, COLOR_WHITE},
	/* PROJECTOR END */
};
static attr_t projector_attrs[COL_COUNT];
static int have_projector;

static void projector_init(void)
{
	if (COLORS < 8 || COLOR_PAIRS < PP_END)
		return;
	for (size_t i = 0; i < ARRAY_LEN(projector); i++)
		init_pair(projector[i][0], projector[i][1], projector[i][2]);
	projector_attrs[COL_NORMAL] = COLOR_PAIR(PP_NORMAL);
	projector_attrs[COL_TITLE] = COLOR_PAIR(PP_TITLE);
	projector_attrs[COL_STATUS] = COLOR_PAIR(PP_TITLE);
	projector_attrs[COL_HEADING] = COLOR_PAIR(PP_HEADING) | A_BOLD | A_UNDERLINE;
	projector_attrs[COL_MARK] = COLOR_PAIR(PP_HEADING) | A_BOLD;
	projector_attrs[COL_SELECTED] = COLOR_PAIR(PP_SELECTED);
	projector_attrs[COL_ERROR] = COLOR_PAIR(PP_ERROR);
	projector_attrs[COL_FILTER] = COLOR_PAIR(PP_FILTER) | A_BOLD;
	projector_attrs[COL_UNIVERSAL] = COLOR_PAIR(PP_UNIVERSAL);
	projector_attrs[COL_SELECTIVE] = COLOR_PAIR(PP_SELECTIVE);
	projector_attrs[COL_INDICATED] = COLOR_PAIR(PP_INDICATED);
	projector_attrs[COL_DIM] = COLOR_PAIR(PP_NORMAL);
	have_projector = 1;
}

/* Presentation mode is for projectors, where dim text and pale colours
 * wash out: the projector theme, or (no colours) dim becomes normal and
 * the selection bold. */
static int high_contrast;

void ui_set_high_contrast(int on)
{
	if (on == high_contrast)
		return;
	high_contrast = on;
	if (have_projector)
		bkgd(on ? COLOR_PAIR(PP_NORMAL) : A_NORMAL);
}

attr_t ui_attr(enum ui_color c)
{
	if (!high_contrast)
		return attrs[c];
	if (have_projector)
		return projector_attrs[c];
	switch (c) {
	case COL_DIM: return A_NORMAL;
	case COL_HEADING: return A_BOLD | A_UNDERLINE;
	case COL_SELECTED: return A_REVERSE | A_BOLD;
	default: return attrs[c];
	}
}

/* What the projector theme draws for attr: no dim (faint text washes
 * out), no bold where the foreground is black or the pair is reversed. */
static attr_t projector_fix(attr_t attr)
{
	if (!high_contrast || !have_projector)
		return attr;
	attr &= ~A_DIM;
	short pair = (short)PAIR_NUMBER(attr);
	if (pair > 0 && pair < PP_NORMAL)
		attr = (attr & ~A_COLOR) | COLOR_PAIR(PP_NORMAL);  /* a normal-theme pair */
	pair = (short)PAIR_NUMBER(attr);
	int dark_fg = 0;
	for (size_t i = 0; i < ARRAY_LEN(projector); i++)
		if (projector[i][0] == pair)
			dark_fg = projector[i][1] == COLOR_BLACK;
	if (dark_fg || (attr & A_REVERSE))
		attr &= ~A_BOLD;
	return attr;
}

int ui_put(int y, int x, int w, const char *text, attr_t attr, int pad)
{
	if (w <= 0 || y < 0 || y >= LINES || x >= COLS)
		return 0;
	if (x + w > COLS)
		w = COLS - x;
	struct strbuf flat = {0};
	for (const char *p = text ? text : ""; *p; p++)
		sb_putc(&flat, (*p == '\n' || *p == '\t' || *p == '\r') ? ' ' : *p);
	/* any other control character from the data is drawn as text (\e,
	 * \u202E ...), never passed to the terminal */
	if (text_control_at(flat.buf ? flat.buf : "", flat.len, 0) < flat.len) {
		struct strbuf vis = {0};
		text_escape_controls(&vis, flat.buf, flat.len, 0);
		sb_free(&flat);
		flat = vis;
	}
	struct strbuf sb = {0};
	text_fit(&sb, sb_str(&flat), w, pad);
	attr_t old;
	short pair;
	attr_get(&old, &pair, NULL);
	attrset(projector_fix(attr));
	mvaddstr(y, x, sb_str(&sb));
	attrset(old);
	int used = text_width(sb_str(&sb));
	sb_free(&sb);
	sb_free(&flat);
	return used;
}

int ui_put_marked(int y, int x, int w, const char *text, attr_t attr, attr_t mark,
		  const struct search_span *marks, size_t n)
{
	int used = ui_put(y, x, w, text, attr, 1);
	for (size_t i = 0; i < n; i++) {
		char *head = xstrndup(text, marks[i].off), *word = xstrndup(text + marks[i].off, marks[i].len);
		int col = text_width(head), ww = text_width(word);
		/* a word cut by the column's "…" stays plain */
		if (text_width(text) <= w || col + ww < w)
			ui_put(y, x + col, ww < w - col ? ww : w - col, word, attr | mark, 0);
		free(head);
		free(word);
	}
	return used;
}

void ui_wrap(struct strvec *out, const char *text, int w)
{
	if (w < 4)
		w = 4;
	struct strvec paras = {0};
	/* keep paragraph breaks: split on '\n' without dropping empty lines */
	const char *s = text ? text : "";
	for (;;) {
		const char *e = strchr(s, '\n');
		sv_push_owned(&paras, xstrndup(s, e ? (size_t)(e - s) : strlen(s)));
		if (!e)
			break;
		s = e + 1;
	}
	for (size_t p = 0; p < paras.n; p++) {
		const char *t = paras.v[p];
		struct strbuf line = {0};
		int lw = 0;
		if (!*t)
			sv_push(out, "");
		while (*t) {
			while (*t == ' ')
				t++;
			const char *e = t;
			while (*e && *e != ' ')
				e++;
			char *word = xstrndup(t, (size_t)(e - t));
			int ww = text_width(word);
			if (lw && lw + 1 + ww > w) {
				sv_push_owned(out, sb_steal(&line));
				lw = 0;
			}
			while (ww > w) {  /* a word longer than the line: hard break */
				int used;
				size_t cut = text_prefix_for_width(word, w, &used);
				if (!cut)
					cut = 1;
				sv_push_owned(out, xstrndup(word, cut));
				memmove(word, word + cut, strlen(word + cut) + 1);
				ww = text_width(word);
			}
			if (*word) {
				if (lw)
					sb_putc(&line, ' '), lw++;
				sb_puts(&line, word);
				lw += ww;
			}
			free(word);
			t = e;
		}
		if (lw)
			sv_push_owned(out, sb_steal(&line));
		sb_free(&line);
	}
	sv_free(&paras);
}

/* ", "-joined names of the set bits (name(i) names bit i). */
static void bit_names(struct strbuf *sb, uint32_t bits, size_t n, const char *(*name)(const struct catalog *, size_t),
		      const struct catalog *c)
{
	int first = 1;
	for (size_t i = 0; i < n; i++)
		if (bits & (1u << i)) {
			sb_printf(sb, "%s%s", first ? "" : ", ", name(c, i));
			first = 0;
		}
}

static const char *need_label(const struct catalog *c, size_t i) { return c->needs[i].label; }
static const char *level_name(const struct catalog *c, size_t i) { return c->levels[i].name; }

void ui_filter_text(struct app *a, struct strbuf *sb)
{
	const struct filter *f = &a->filter;
	const char *sep = "";
	if (f->age >= 0) {
		sb_printf(sb, "alder %d", f->age);
		sep = " · ";
	}
	if (f->needs) {
		sb_printf(sb, "%sbehov: ", sep);
		bit_names(sb, f->needs, a->cat.n_needs, need_label, &a->cat);
		sep = " · ";
	}
	if (f->levels) {
		sb_printf(sb, "%snivå: ", sep);
		bit_names(sb, f->levels, a->cat.n_levels, level_name, &a->cat);
		sep = " · ";
	}
	if (f->target[0]) {
		sb_printf(sb, "%smålgruppe: %s", sep, f->target);
		sep = " · ";
	}
	if (!str_empty(f->responsible)) {
		sb_printf(sb, "%sansvar «%s»", sep, f->responsible);
		sep = " · ";
	}
	if (!str_empty(f->search))
		sb_printf(sb, "%ssøk «%s»", sep, f->search);
}

void ui_draw_header(struct app *a, const char *where)
{
	struct strbuf sb = {0};
	if (a->demo)
		sb_puts(&sb, " DEMO ·");
	if (a->present)
		sb_puts(&sb, " ◉ PRESENTASJON ·");
	sb_printf(&sb, " trapp · %s", a->cat.kommune.name);
	if (where && *where)
		sb_printf(&sb, " › %s", where);
	ui_put(0, 0, COLS, sb_str(&sb), ui_attr(COL_TITLE), 1);
	sb_free(&sb);
}

void ui_draw_filters(struct app *a, int y)
{
	struct strbuf sb = {0};
	ui_filter_text(a, &sb);
	if (sb.len) {
		int used = ui_put(y, 0, COLS, " Filter: ", ui_attr(COL_FILTER), 0);
		ui_put(y, used, COLS - used, sb_str(&sb), ui_attr(COL_FILTER), 1);
	} else {
		ui_put(y, 0, COLS, " Ingen filter – skriv en alder, / søk, b behov, ? hjelp",
		       ui_attr(COL_DIM), 1);
	}
	sb_free(&sb);
}

void ui_draw_footer(struct app *a, unsigned scope)
{
	int y = LINES - 1;
	if (a->prompt != PROMPT_NONE) {
		static const char *const label[] = {"", "Søk: ", "Alder: ", "Ansvar: "};
		int used = ui_put(y, 0, COLS, label[a->prompt], ui_attr(COL_STATUS) | A_BOLD, 0);
		used += ui_put(y, used, COLS - used, sb_str(&a->input), ui_attr(COL_STATUS), 0);
		ui_put(y, used, COLS - used, "▏  Enter: bruk  Esc: angre", ui_attr(COL_STATUS), 1);
		return;
	}
	if (a->message) {
		/* a long message (a refusal that says why and what to do) wraps
		 * upwards over the bottom of the screen rather than being cut */
		struct strvec lines = {0};
		ui_wrap(&lines, a->message, COLS - 2);
		int n = (int)lines.n > 4 ? 4 : (int)lines.n;
		attr_t at = a->message_error ? ui_attr(COL_ERROR) | A_REVERSE : ui_attr(COL_STATUS);
		for (int i = 0; i < n; i++)
			ui_put(y - n + 1 + i, 0, COLS, lines.v[i], at, 1);
		sv_free(&lines);
		return;
	}
	if (a->footer) {
		ui_put(y, 0, COLS, a->footer, ui_attr(COL_STATUS), 1);
		a->footer = NULL;
		return;
	}
	struct strbuf sb = {0};
	/* the most used keys of the view, in this order, as far as they fit */
	static const enum ui_action hints[] = {
		ACT_HELP, ACT_BACK, ACT_OPEN, ACT_NEXT, ACT_PREV, ACT_DEMO_CASE, ACT_SEARCH, ACT_AGE,
		ACT_NEEDS, ACT_ADD_TO_PLAN, ACT_NEW_PLAN, ACT_P_STEP, ACT_P_GOAL, ACT_P_SERVICE,
		ACT_P_MEETING_VIEW, ACT_P_MEETING, ACT_P_EXPORT, ACT_CLEAR, ACT_PLANS, ACT_GUIDE,
		ACT_KOMMUNE, ACT_TOGGLE, ACT_ACCEPT};
	static const char *const short_label[] = {
		[ACT_HELP] = "hjelp", [ACT_BACK] = "tilbake", [ACT_OPEN] = "åpne", [ACT_SEARCH] = "søk",
		[ACT_AGE] = "alder", [ACT_NEEDS] = "behov", [ACT_CLEAR] = "fjern filtre",
		[ACT_KOMMUNE] = "kommune", [ACT_TOGGLE] = "velg", [ACT_ACCEPT] = "bruk",
		[ACT_NEXT] = "neste", [ACT_PREV] = "forrige", [ACT_DEMO_CASE] = "demosak",
		[ACT_ADD_TO_PLAN] = "til stafettloggen", [ACT_NEW_PLAN] = "ny stafettlogg", [ACT_P_STEP] = "steg",
		[ACT_P_GOAL] = "mål", [ACT_P_SERVICE] = "tjeneste", [ACT_P_MEETING_VIEW] = "møtevisning",
		[ACT_P_MEETING] = "møte", [ACT_P_EXPORT] = "eksport", [ACT_PLANS] = "stafettlogger",
		[ACT_GUIDE] = "BTI-veileder",
	};
	for (size_t i = 0; i < ARRAY_LEN(hints); i++) {
		struct strbuf keys = {0};
		ui_action_keys(&keys, hints[i], scope);
		if (keys.len) {
			/* the first key the action really has in this view */
			size_t k = strcspn(sb_str(&keys), " ");
			sb_printf(&sb, " %.*s %s ", (int)k, sb_str(&keys), short_label[hints[i]]);
		}
		sb_free(&keys);
	}
	ui_put(y, 0, COLS, sb_str(&sb), ui_attr(COL_STATUS), 1);
	sb_free(&sb);
}

void ui_box(int h, int w, const char *title, int *y, int *x)
{
	if (h > LINES - 2)
		h = LINES - 2;
	if (w > COLS - 2)
		w = COLS - 2;
	int y0 = (LINES - h) / 2, x0 = (COLS - w) / 2;
	for (int r = 0; r < h; r++)
		ui_put(y0 + r, x0, w, "", A_NORMAL, 1);
	attr_t old;
	short pair;
	attr_get(&old, &pair, NULL);
	attrset(A_NORMAL);
	mvhline(y0, x0, ACS_HLINE, w);
	mvhline(y0 + h - 1, x0, ACS_HLINE, w);
	mvvline(y0, x0, ACS_VLINE, h);
	mvvline(y0, x0 + w - 1, ACS_VLINE, h);
	mvaddch(y0, x0, ACS_ULCORNER);
	mvaddch(y0, x0 + w - 1, ACS_URCORNER);
	mvaddch(y0 + h - 1, x0, ACS_LLCORNER);
	mvaddch(y0 + h - 1, x0 + w - 1, ACS_LRCORNER);
	attrset(old);
	if (title) {
		struct strbuf sb = {0};
		sb_printf(&sb, " %s ", title);
		ui_put(y0, x0 + 2, w - 4, sb_str(&sb), A_BOLD, 0);
		sb_free(&sb);
	}
	*y = y0 + 1;
	*x = x0 + 2;
}

void ui_scroll_to_sel(struct view *v, int h)
{
	if (h <= 0)
		h = 1;
	if (v->sel < v->top)
		v->top = v->sel;
	if (v->sel >= v->top + (size_t)h)
		v->top = v->sel - (size_t)h + 1;
}

int ui_view_driver(struct app *a, struct view *v, enum ui_action act)
{
	if (!v->ops->rows)
		return UI_UNHANDLED;
	size_t n = v->ops->rows(a, v);
	size_t page = v->body_h > 1 ? (size_t)v->body_h - 1 : 1;
	switch (act) {
	case ACT_UP: if (v->sel > 0) v->sel--; break;
	case ACT_DOWN: if (v->sel + 1 < n) v->sel++; break;
	case ACT_PGUP: v->sel = v->sel > page ? v->sel - page : 0; break;
	case ACT_PGDN: v->sel = v->sel + page < n ? v->sel + page : (n ? n - 1 : 0); break;
	case ACT_HOME: v->sel = 0; break;
	case ACT_END: v->sel = n ? n - 1 : 0; break;
	default: return UI_UNHANDLED;
	}
	ui_scroll_to_sel(v, v->body_h);
	return UI_HANDLED;
}

int ui_scroll_driver(struct view *v, size_t n, enum ui_action act)
{
	size_t h = v->body_h > 0 ? (size_t)v->body_h : 1;
	size_t max = n > h ? n - h : 0;
	switch (act) {
	case ACT_UP: if (v->top) v->top--; break;
	case ACT_DOWN: if (v->top < max) v->top++; break;
	case ACT_PGUP: v->top = v->top > h ? v->top - h : 0; break;
	case ACT_PGDN: v->top = v->top + h < max ? v->top + h : max; break;
	case ACT_HOME: v->top = 0; break;
	case ACT_END: v->top = max; break;
	default: return UI_UNHANDLED;
	}
	return UI_HANDLED;
}

void ui_sentence(char *s)
{
	if (!s)
		return;
	s += strspn(s, " ");
	/* a message that begins with where (a database URI or conninfo, a
	 * file name) keeps it as typed: "postgresql:///trapp: ..." */
	size_t word = strcspn(s, " ");
	const char *dot = memchr(s, '.', word);
	if (memchr(s, '/', word) || memchr(s, '=', word) || (dot && dot + 1 < s + word && dot[1] != ':'))
		return;
	unsigned char *u = (unsigned char *)s;
	if (u[0] >= 'a' && u[0] <= 'z')
		u[0] = (unsigned char)(u[0] - 'a' + 'A');
	else if (u[0] == 0xC3 && (u[1] == 0xA6 || u[1] == 0xB8 || u[1] == 0xA5))
		u[1] = (unsigned char)(u[1] - 0x20);  /* æ ø å -> Æ Ø Å */
}
