/* services.c - the service list: one line per service matching the filters
 * (name, age, levels, responsible), best first when searching with the
 * words found underlined in the name, with markers for inferred (~) and
 * unknown (?) ages, a count of matches, and Enter to read a service. */
#include "ui.h"
#include "trapp/curation.h"
#include "trapp/search.h"
#include "trapp/text.h"

#include <stdlib.h>
#include <string.h>

/* Age cell: the stated text, "~13-19" inferred, "?" unknown. */
static void age_cell(struct strbuf *sb, const struct service *s)
{
	if (s->age_basis == AGE_STATED && *s->age_text) {
		/* drop markup such as <p> and squeeze spaces */
		int in_tag = 0, space = 0;
		for (const char *p = s->age_text; *p; p++) {
			if (*p == '<')
				in_tag = 1;
			else if (*p == '>')
				in_tag = 0;
			else if (!in_tag && (*p == ' ' || *p == '\n')) {
				space = sb->len > 0;
			} else if (!in_tag) {
				if (space)
					sb_putc(sb, ' ');
				space = 0;
				sb_putc(sb, *p);
			}
		}
	} else {
		service_age_display(sb, s);
	}
}

/* Level names in w columns: spelled out where they fit ("Selektivt og
 * indikert", "Trinn 4 og 5"), else shortened ("Sel+Ind", "T4,T5"). */
static void levels_cell(struct strbuf *sb, const struct catalog *c, const struct service *s, int w)
{
	int several = (s->levels & (s->levels - 1)) != 0, n = 0, total = 0;
	for (size_t l = 0; l < c->n_levels; l++)
		total += (s->levels & (1u << l)) != 0;
	size_t start = sb->len;
	for (size_t l = 0; l < c->n_levels; l++) {  /* in full */
		if (!(s->levels & (1u << l)))
			continue;
		int trinn = strncmp(c->levels[l].code, "trinn", 5) == 0;
		const char *sep = !n ? "" : n == total - 1 ? " og " : ", ";
		n++;
		if (trinn)
			sb_printf(sb, "%s%s%d", sep, n == 1 ? "Trinn " : "", c->levels[l].ord);
		else if (n == 1)
			sb_printf(sb, "%s%s", sep, c->levels[l].name);
		else {  /* "Selektivt og indikert": the later ones in lower case */
			char *low = xstrdup(c->levels[l].name);
			if (low[0] >= 'A' && low[0] <= 'Z')
				low[0] = (char)(low[0] - 'A' + 'a');
			sb_printf(sb, "%s%s", sep, low);
			free(low);
		}
	}
	if (curation_level_inferred(s))
		sb_putc(sb, '~');
	if (text_width(sb_str(sb) + start) <= w || !several)
		return;
	sb->len = start;
	sb->buf[start] = '\0';
	for (size_t l = 0; l < c->n_levels; l++) {  /* shortened */
		if (!(s->levels & (1u << l)))
			continue;
		int trinn = strncmp(c->levels[l].code, "trinn", 5) == 0;
		if (sb->len > start)
			sb_puts(sb, trinn ? "," : "+");
		if (trinn)
			sb_printf(sb, "T%d", c->levels[l].ord);
		else
			sb_add(sb, c->levels[l].name, text_prefix_for_width(c->levels[l].name, 3, NULL));
	}
	if (curation_level_inferred(s))
		sb_putc(sb, '~');
}

static void where(struct app *a, struct strbuf *sb)
{
	int one = -1, count = 0;
	for (size_t l = 0; l < a->cat.n_levels; l++)
		if (a->filter.levels & (1u << l)) {
			one = (int)l;
			count++;
		}
	if (count == 1)
		sb_puts(sb, a->cat.levels[one].name);
	else
		sb_puts(sb, "Tiltak");
}

static void services_draw(struct app *a, struct view *v)
{
	struct strbuf sb = {0};
	where(a, &sb);
	ui_draw_header(a, sb_str(&sb));
	sb_reset(&sb);
	sb_printf(&sb, "%zu av %zu tiltak%s ", a->n_matches, a->cat.n_svc,
		  a->cat.kommune.historical ? " · historisk" : "");
	int cw = text_width(sb_str(&sb));
	ui_put(0, COLS - cw, cw, sb_str(&sb), ui_attr(COL_TITLE), 0);
	ui_draw_filters(a, 1);

	/* presentation: fewer columns and a blank line between rows */
	int present = a->present, step = present ? 2 : 1;
	int w_age = 13, w_lvl = COLS >= 100 ? 20 : 14;
	int w_resp = present ? 0 : (COLS - w_age - w_lvl - 4) * 2 / 5;
	if (COLS >= 100) {  /* two levels in full ("Universelt og selektivt~"), */
		w_lvl += 4;  /* the room taken from the responsible unit */
		w_resp -= present ? 0 : 4;
	}
	int w_name = COLS - w_age - w_lvl - w_resp - 4;
	int y = 2;
	attr_t h = ui_attr(COL_HEADING);
	int x = 1;
	ui_put(y, x, w_name, "NAVN", h, 0);
	x += w_name + 1;
	ui_put(y, x, w_age, "ALDER", h, 0);
	x += w_age + 1;
	ui_put(y, x, w_lvl, "NIVÅ", h, 0);
	x += w_lvl + 1;
	if (w_resp)
		ui_put(y, x, w_resp, "ANSVAR", h, 0);

	v->body_y = 3;
	v->body_h = (LINES - 5) / step;  /* header, filters, column titles, legend, footer */
	if (v->sel >= a->n_matches)
		v->sel = a->n_matches ? a->n_matches - 1 : 0;
	ui_scroll_to_sel(v, v->body_h);
	int marks = 0;
	for (int r = 0; r < v->body_h && v->top + (size_t)r < a->n_matches; r++) {
		size_t idx = v->top + (size_t)r;
		const struct service *s = &a->cat.svc[a->matches[idx]];
		int sel = idx == v->sel;
		attr_t at = sel ? ui_attr(COL_SELECTED) : A_NORMAL;
		int ry = v->body_y + r * step;
		ui_put(ry, 0, COLS, "", at, 1);
		x = 1;
		struct search_span found[8];
		size_t n_found = catalog_search_marks(&a->cat, &a->filter, a->matches[idx], found, 8);
		ui_put_marked(ry, x, w_name, s->name, at | (sel ? A_BOLD : 0), A_BOLD | A_UNDERLINE, found, n_found);
		x += w_name + 1;
		sb_reset(&sb);
		age_cell(&sb, s);
		attr_t age_at = at;
		if (s->age_basis == AGE_UNKNOWN || s->age_basis == AGE_INFERRED) {
			age_at |= sel ? A_BOLD : ui_attr(COL_MARK);
			marks = 1;
		}
		ui_put(ry, x, w_age, sb_str(&sb), age_at, 1);
		x += w_age + 1;
		sb_reset(&sb);
		levels_cell(&sb, &a->cat, s, w_lvl);
		marks |= curation_level_inferred(s);
		ui_put(ry, x, w_lvl, sb_str(&sb), at, 1);
		x += w_lvl + 1;
		if (w_resp)
			ui_put(ry, x, w_resp, s->responsible, at, 1);
	}
	if (a->n_matches == 0)
		ui_put(v->body_y + 1, 2, COLS - 4, "Ingen tiltak passer filtrene. x fjerner alle filtre.",
		       A_BOLD, 0);
	if (marks)
		ui_put(LINES - 2, 1, COLS - 2, "~ = utledet (alder eller nivå; se tiltaket)   ? = alder ikke oppgitt (passer alle aldre)",
		       ui_attr(COL_DIM), 0);
	sb_free(&sb);
}

static int services_request(struct app *a, struct view *v, enum ui_action act)
{
	if (act == ACT_OPEN) {
		if (a->n_matches)
			app_push(a, detail_new(&a->cat.svc[a->matches[v->sel]]));
		return UI_HANDLED;
	}
	if (act == ACT_ADD_TO_PLAN) {
		if (a->n_matches)
			app_add_service_to_plan(a, &a->cat.svc[a->matches[v->sel]]);
		return UI_HANDLED;
	}
	if (act == ACT_BACK && v->data) {
		/* the step chose the level; back on the staircase it no longer applies */
		a->filter.levels = 0;
		app_refilter(a);
	}
	return UI_UNHANDLED;
}

static size_t services_rows(struct app *a, struct view *v)
{
	(void)v;
	return a->n_matches;
}

static int services_mouse(struct app *a, struct view *v, const MEVENT *ev)
{
	if (ev->bstate & BUTTON4_PRESSED) {
		for (int i = 0; i < 3; i++)
			ui_view_driver(a, v, ACT_UP);
		return UI_HANDLED;
	}
	if (ev->bstate & BUTTON5_PRESSED) {
		for (int i = 0; i < 3; i++)
			ui_view_driver(a, v, ACT_DOWN);
		return UI_HANDLED;
	}
	int r = (ev->y - v->body_y) / (a->present ? 2 : 1);
	if (ev->y < v->body_y || r >= v->body_h || v->top + (size_t)r >= a->n_matches)
		return UI_UNHANDLED;
	size_t idx = v->top + (size_t)r;
	int again = idx == v->sel;
	v->sel = idx;
	if (ev->bstate & BUTTON1_DOUBLE_CLICKED || (again && (ev->bstate & BUTTON1_CLICKED)))
		services_request(a, v, ACT_OPEN);
	return UI_HANDLED;
}

static void services_refresh(struct app *a, struct view *v)
{
	(void)a;
	v->sel = 0;
	v->top = 0;
}

static const struct view_ops services_ops = {
	.title = "Tiltaksliste",
	.scope = VIEW_LIST,
	.draw = services_draw,
	.request = services_request,
	.rows = services_rows,
	.mouse = services_mouse,
	.on_filter = services_refresh,
};

/* from_step: the list was opened from a step of the staircase. */
struct view *services_new(int from_step)
{
	struct view *v = view_new(&services_ops);
	v->data = from_step ? (void *)1 : NULL;  /* a flag, never freed */
	return v;
}
