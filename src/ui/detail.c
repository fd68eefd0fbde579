/* detail.c - one service, every field: wrapped to the window width, the raw
 * age text beside the parsed ranges (with how they were found), levels and
 * needs by name, the source, Senja's organisation/cooperation/evaluation
 * fields, and for Elverum the goal of the service's trinn. Scrolls. */
#include "ui.h"
#include "trapp/curation.h"
#include "trapp/text.h"

#include <stdlib.h>
#include <string.h>

struct detail {
	const struct service *s;
	struct strvec lines;   /* rendered lines; a leading \1 marks a label */
	int width;             /* COLS the lines were built for */
};

static void add_field(struct detail *d, const char *label, const char *value, int w)
{
	if (str_empty(value))
		return;
	int lw = w >= 70 ? 18 : 0;
	struct strvec wrapped = {0};
	ui_wrap(&wrapped, value, lw ? w - lw - 2 : w - 4);
	/* wide: "\1LABEL\tVALUE" then "\2\tVALUE"; narrow: "\1LABEL" then "\2  VALUE" */
	for (size_t i = 0; i < wrapped.n; i++) {
		if (lw) {
			sv_push_owned(&d->lines, xasprintf("%s\t%s", i ? "\2" : "\1", wrapped.v[i]));
			if (!i) {
				char *first = d->lines.v[d->lines.n - 1];
				d->lines.v[d->lines.n - 1] = xasprintf("\1%s%s", label, first + 1);
				free(first);
			}
		} else {
			if (i == 0)
				sv_push_owned(&d->lines, xasprintf("\1%s", label));
			sv_push_owned(&d->lines, xasprintf("\2  %s", wrapped.v[i]));
		}
	}
	sv_free(&wrapped);
}

static void build(struct app *a, struct detail *d)
{
	const struct service *s = d->s;
	int w = COLS - 2;
	sv_free(&d->lines);
	d->width = COLS;
	struct strbuf sb = {0};

	if (a->cat.kommune.historical)
		add_field(d, "Historisk", "ja – katalogen er et historisk dokument og beskriver ikke dagens tilbud", w);
	add_field(d, "Beskrivelse", s->description, w);
	if (*s->age_text)
		add_field(d, "Alder (tekst)", s->age_text, w);
	sb_reset(&sb);
	service_age_display(&sb, s);
	static const char *const basis[] = {
		[AGE_STATED] = "tolket fra aldersteksten", [AGE_TEXT] = "hentet fra tjenestens tekst",
		[AGE_INFERRED] = "utledet fra målgruppen", [AGE_UNKNOWN] = "alder ikke oppgitt – passer alle aldre",
	};
	if (s->age_basis == AGE_UNKNOWN)
		sb_reset(&sb);
	else if (s->ages.n == 0)
		sb_printf(&sb, " (ingen aldersgrense – passer ikke et aldersfilter)");
	sb_printf(&sb, "%s%s", sb.len ? " år – " : "", basis[s->age_basis]);
	add_field(d, "Aldersspenn", sb_str(&sb), w);
	sb_reset(&sb);
	curation_child_age(&sb, s);
	add_field(d, "Barnets alder", sb_str(&sb), w);
	add_field(d, "Målgruppe", s->target_group, w);
	sb_reset(&sb);
	sb_printf(&sb, "%s%s", s->target, curation_target_inferred(s) ? " (utledet)" : "");
	add_field(d, "Målgruppetype", sb_str(&sb), w);

	sb_reset(&sb);
	service_levels_display(&sb, &a->cat, s);
	if (*s->level_text && strcmp(s->level_text, sb_str(&sb)) != 0)
		sb_printf(&sb, " (kilden: «%s»)", s->level_text);
	if (curation_level_inferred(s))
		sb_puts(&sb, " (utledet)");
	add_field(d, "Nivå", sb_str(&sb), w);
	for (size_t l = 0; l < a->cat.n_levels; l++) {
		const struct level *lv = &a->cat.levels[l];
		if ((s->levels & (1u << l)) && *lv->goal) {
			char *label = xasprintf("Mål for trinn %d", lv->ord);
			add_field(d, label, lv->goal, w);
			free(label);
		}
	}
	sb_reset(&sb);
	for (size_t n = 0; n < a->cat.n_needs; n++)
		if (s->needs & (1u << n))
			sb_printf(&sb, "%s%s", sb.len ? ", " : "", a->cat.needs[n].label);
	add_field(d, "Behov", sb_str(&sb), w);
	struct strvec labels = {0}, values = {0};
	curation_rows(&labels, &values, &a->cat, s);
	for (size_t i = 0; i < labels.n; i++)
		add_field(d, labels.v[i], values.v[i], w);
	sv_free(&labels);
	sv_free(&values);
	add_field(d, "Ansvar", s->responsible, w);
	add_field(d, "Kategori", s->category, w);
	add_field(d, "Organisering", s->organisation, w);
	add_field(d, "Samarbeid", s->cooperation, w);
	add_field(d, "Implementering", s->implementation, w);
	add_field(d, "Evaluering", s->evaluation, w);
	add_field(d, "Adresse", s->address, w);
	add_field(d, "Åpningstider", s->opening_hours, w);
	struct strbuf src = {0};
	catalog_source_text(&src, s->source);  /* the document's title, not its file name */
	add_field(d, "Kilde", sb_str(&src), w);
	sb_free(&src);
	add_field(d, "Id", s->slug, w);
	sb_free(&sb);
}

static void detail_draw(struct app *a, struct view *v)
{
	struct detail *d = v->data;
	if (d->width != COLS)
		build(a, d);
	ui_draw_header(a, d->s->name);
	ui_put(1, 1, COLS - 2, d->s->name, A_BOLD | A_UNDERLINE, 0);
	v->body_y = 3;
	v->body_h = LINES - 4;
	size_t n = d->lines.n;
	if (v->top + (size_t)v->body_h > n)
		v->top = n > (size_t)v->body_h ? n - (size_t)v->body_h : 0;
	int lw = COLS - 2 >= 70 ? 18 : 0;
	for (int r = 0; r < v->body_h && v->top + (size_t)r < n; r++) {
		const char *line = d->lines.v[v->top + (size_t)r];
		int y = v->body_y + r;
		const char *tab = strchr(line, '\t');
		if (lw && tab) {
			char *label = xstrndup(line + 1, (size_t)(tab - line - 1));
			ui_put(y, 1, lw, label, ui_attr(COL_HEADING), 0);
			ui_put(y, lw + 3, COLS - lw - 4, tab + 1, A_NORMAL, 0);
			free(label);
		} else if (line[0] == '\1') {
			ui_put(y, 1, COLS - 2, line + 1, ui_attr(COL_HEADING), 0);
		} else {
			ui_put(y, 1, COLS - 2, line + 1, A_NORMAL, 0);
		}
	}
	if (v->top + (size_t)v->body_h < n)
		ui_put(LINES - 2, COLS - 12, 11, "↓ mer", ui_attr(COL_MARK), 0);
}

static int detail_request(struct app *a, struct view *v, enum ui_action act)
{
	(void)a;
	struct detail *d = v->data;
	return ui_scroll_driver(v, d->lines.n, act);
}

static int detail_mouse(struct app *a, struct view *v, const MEVENT *ev)
{
	if (ev->bstate & BUTTON4_PRESSED)
		return detail_request(a, v, ACT_UP);
	if (ev->bstate & BUTTON5_PRESSED)
		return detail_request(a, v, ACT_DOWN);
	return UI_UNHANDLED;
}

static size_t detail_rows(struct app *a, struct view *v)
{
	(void)a;
	return ((struct detail *)v->data)->lines.n;
}

static void detail_done(struct view *v)
{
	struct detail *d = v->data;
	sv_free(&d->lines);
	free(d);
}

static const struct view_ops detail_ops = {
	.title = "Tiltaket",
	.scope = VIEW_DETAIL,
	.draw = detail_draw,
	.request = detail_request,
	.rows = detail_rows,
	.mouse = detail_mouse,
	.done = detail_done,
};

struct view *detail_new(const struct service *s)
{
	struct view *v = view_new(&detail_ops);
	struct detail *d = xcalloc(1, sizeof *d);
	d->s = s;
	v->data = d;
	return v;
}
