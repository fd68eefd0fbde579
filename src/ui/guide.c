/* guide.c - the BTI guide: a guided tour, page by page (next / back), of
 * levels 0-3 and the decision at the end of level 0, the roles, the
 * stafettlogg, the consent rules, and the kommune's own risk and protective
 * factors and meeting forums from the knowledge tables. Pages come from
 * data/guide.csv (compiled in); a level page can open its demo case. The
 * consent page shows the kommune's youth consent age with its basis, and
 * the kommune administrator changes it there (15 or 16). */
#include "ui.h"
#include "trapp/csvin.h"
#include "trapp/plan.h"
#include "trapp/embedded.h"
#include "trapp/text.h"

#include <stdlib.h>
#include <string.h>

struct page {
	char *id, *title, *text;
	int demo_level;          /* -1 = none */
};

struct guide {
	struct page *pages;
	size_t n;
	size_t cur;
	struct strvec lines;     /* the current page, wrapped */
	int width;
	size_t built_for;
	char *factors, *forums;  /* the knowledge pages' text (load) */
	char *consent;           /* the consent page's text with the kommune's age (load) */
};

static int read_page(void *ctx, const struct csv_record *rec)
{
	struct guide *g = ctx;
	if (rec->line == 1 || rec->n < 4)
		return 0;  /* header */
	g->pages = xrealloc(g->pages, (g->n + 1) * sizeof *g->pages);
	struct page *p = &g->pages[g->n++];
	p->id = xstrdup(rec->f[0]);
	p->title = xstrdup(rec->f[1]);
	p->demo_level = *rec->f[2] ? atoi(rec->f[2]) : -1;
	p->text = xstrdup(rec->f[3]);
	return 0;
}

/* Knowledge rows as text: "- name\n  description". */
struct kctx {
	struct strbuf *sb;
	enum knowledge_table t;
	const char *last_kind;
	int rows;
};

static int factor_row(void *ctx, const char *const *v)
{
	struct kctx *k = ctx;
	const char *kind = knowledge_get(KT_FACTOR, v, "kind");
	const char *desc = knowledge_get(KT_FACTOR, v, "description");
	if (!k->last_kind || strcmp(k->last_kind, kind) != 0) {
		sb_printf(k->sb, "%s%s:\n", k->rows ? "\n" : "",
			  strcmp(kind, "risiko") == 0 ? "Risikofaktorer" : "Beskyttelsesfaktorer");
		free((char *)k->last_kind);
		k->last_kind = xstrdup(kind);
	}
	sb_printf(k->sb, "- %s%s%s\n", knowledge_get(KT_FACTOR, v, "name"), *desc ? ": " : "", desc);
	k->rows++;
	return 0;
}

static int forum_row(void *ctx, const char *const *v)
{
	struct kctx *k = ctx;
	sb_printf(k->sb, "%s%s\n", k->rows ? "\n" : "", knowledge_get(KT_FORUM, v, "name"));
	static const char *const field[][2] = {
		{"level", "Nivå"}, {"function", "Funksjon"}, {"case_types", "Saker"},
		{"participants", "Deltakere"}, {"responsible", "Ansvar"}, {"frequency", "Hyppighet"},
	};
	for (size_t i = 0; i < ARRAY_LEN(field); i++) {
		const char *val = knowledge_get(KT_FORUM, v, field[i][0]);
		if (*val)
			sb_printf(k->sb, "  %s: %s\n", field[i][1], val);
	}
	k->rows++;
	return 0;
}

/* The kommune's rows of a knowledge table; when it has none, those of the
 * kommuner that do, named. */
static void knowledge(struct app *a, enum knowledge_table t, struct strbuf *sb)
{
	knowledge_row_fn fn = t == KT_FACTOR ? factor_row : forum_row;
	struct kctx k = {sb, t, NULL, 0};
	struct strbuf err = {0};
	session_knowledge(a->ss, t, a->cat.kommune.code, fn, &k, &err);
	if (k.rows) {
		sb_printf(sb, "\n(Kilde: %s kommunes plan.)", a->cat.kommune.name);
	} else {
		struct kommune *ks;
		size_t n;
		if (session_kommuner(a->ss, &ks, &n, &err) == SESSION_OK) {
			sb_printf(sb, "%s har ingen slike data i kildene. Fra de andre kommunene:\n\n",
				  a->cat.kommune.name);
			for (size_t i = 0; i < n; i++) {
				struct strbuf part = {0};
				struct kctx kk = {&part, t, NULL, 0};
				session_knowledge(a->ss, t, ks[i].code, fn, &kk, &err);
				if (kk.rows)
					sb_printf(sb, "%s:\n%s\n", ks[i].name, sb_str(&part));
				sb_free(&part);
				free((char *)kk.last_kind);
			}
			session_kommuner_free(ks, n);
		}
	}
	if (err.len)
		sb_printf(sb, "\n(Kunne ikke lese alt: %s)", sb_str(&err));
	sb_free(&err);
	free((char *)k.last_kind);
}

/* The kommune's factors and forums as text: the guide's only reads. */
static void guide_load(struct app *a, struct view *v)
{
	struct guide *g = v->data;
	struct strbuf f = {0}, m = {0};
	knowledge(a, KT_FACTOR, &f);
	knowledge(a, KT_FORUM, &m);
	free(g->factors);
	free(g->forums);
	g->factors = sb_steal(&f);
	g->forums = sb_steal(&m);
	/* the consent page: the kommune's own youth consent age, and why */
	free(g->consent);
	g->consent = NULL;
	struct strbuf key = {0};
	ui_action_keys(&key, ACT_G_CONSENT_AGE, SC_GUIDE);
	for (size_t i = 0; i < g->n; i++)
		if (strcmp(g->pages[i].id, "samtykke") == 0)
			g->consent = xasprintf("%s\n\nI %s samtykker ungdom selv fra %d år. Kommuneadministratoren "
					       "endrer samtykkealderen (15 eller 16 år) med %s her eller med "
					       "«trapp consent-age --set 15|16».\n\n%s", g->pages[i].text,
					       a->cat.kommune.name, plan_youth_consent_age(a->db, a->cat.kommune.code),
					       sb_str(&key), plan_youth_consent_basis);
	sb_free(&key);
	g->built_for = (size_t)-1;  /* lay out again */
}

/* The kommune's youth consent age: the other of 15 and 16, asked first. */
struct age_change {
	char *kommune, *name;
	int age;
};

static void age_change_free(void *ctx)
{
	struct age_change *c = ctx;
	free(c->kommune);
	free(c->name);
	free(c);
}

static void age_change_yes(struct app *a, void *ctx)
{
	struct age_change *c = ctx;
	struct strbuf err = {0};
	int rc = plan_set_youth_consent_age(a->db, c->kommune, c->age, &err);
	if (rc != PLAN_OK) {
		ui_refusal_phrase(rc, &err);  /* a refusal comes coded: a coordinator is not the administrator */
		app_set_message(a, 1, "%s", sb_str(&err));
	} else
		app_set_message(a, 0, "Samtykkealderen i %s er nå %d år: ungdom fra %d år samtykker selv.",
				c->name, c->age, c->age);
	sb_free(&err);
	app_invalidate(a);  /* the consent page shows the new age */
}

static void ask_consent_age(struct app *a)
{
	int now = plan_youth_consent_age(a->db, a->cat.kommune.code);
	struct age_change *c = xcalloc(1, sizeof *c);
	c->kommune = xstrdup(a->cat.kommune.code);
	c->name = xstrdup(a->cat.kommune.name);
	c->age = now == 15 ? 16 : 15;
	char *q = xasprintf("Samtykkealderen i %s er %d år. Endre den til %d år?",
			    c->name, now, c->age);
	char *yes = xasprintf("endre til %d år", c->age), *no = xasprintf("behold %d år", now);
	app_push(a, ask_new(q, yes, no, age_change_yes, NULL, c, age_change_free));
	free(q);
	free(yes);
	free(no);
}

/* Wrap the current page for the screen width: layout only, no I/O. */
static void build(struct guide *g)
{
	sv_free(&g->lines);
	g->width = COLS;
	g->built_for = g->cur;
	const struct page *p = &g->pages[g->cur];
	const char *text = strcmp(p->text, "@factors") == 0  ? g->factors
			   : strcmp(p->text, "@forums") == 0 ? g->forums
			   : strcmp(p->id, "samtykke") == 0 && g->consent ? g->consent
							     : p->text;
	ui_wrap(&g->lines, text ? text : "", COLS - 6);
}

static void guide_draw(struct app *a, struct view *v)
{
	struct guide *g = v->data;
	ui_draw_header(a, "BTI-veileder");
	if (!g->n) {
		ui_put(2, 2, COLS - 4, "Veilederen mangler i programmet.", A_BOLD, 0);
		return;
	}
	if (g->width != COLS || g->built_for != g->cur)
		build(g);
	const struct page *p = &g->pages[g->cur];
	char *pos = xasprintf("Side %zu av %zu ", g->cur + 1, g->n);
	int pw = text_width(pos);
	ui_put(0, COLS - pw, pw, pos, ui_attr(COL_TITLE), 0);
	free(pos);
	ui_put(2, 2, COLS - 4, p->title, ui_attr(COL_HEADING) | A_BOLD, 0);
	v->body_y = 4;
	v->body_h = LINES - 6;
	size_t n = g->lines.n;
	if (v->top + (size_t)v->body_h > n)
		v->top = n > (size_t)v->body_h ? n - (size_t)v->body_h : 0;
	for (int r = 0; r < v->body_h && v->top + (size_t)r < n; r++)
		ui_put(v->body_y + r, 3, COLS - 6, g->lines.v[v->top + (size_t)r], A_NORMAL, 0);
	struct strbuf nav = {0};
	if (g->cur > 0)
		sb_printf(&nav, "← %s   ", g->pages[g->cur - 1].title);
	if (g->cur + 1 < g->n)
		sb_printf(&nav, "→ %s", g->pages[g->cur + 1].title);
	if (p->demo_level >= 0)
		sb_printf(&nav, "   d: demosak på nivå %d", p->demo_level);
	if (strcmp(p->id, "samtykke") == 0) {
		sb_puts(&nav, "   ");
		ui_action_keys(&nav, ACT_G_CONSENT_AGE, SC_GUIDE);
		sb_puts(&nav, ": endre samtykkealderen");
	}
	ui_put(LINES - 2, 2, COLS - 4, sb_str(&nav), ui_attr(COL_FILTER), 0);
	sb_free(&nav);
}

static int guide_request(struct app *a, struct view *v, enum ui_action act)
{
	struct guide *g = v->data;
	switch (act) {
	case ACT_NEXT:
		if (g->cur + 1 < g->n) {
			g->cur++;
			v->top = 0;
		} else {
			app_set_message(a, 0, "Siste side. ← går tilbake, q lukker veilederen.");
		}
		return UI_HANDLED;
	case ACT_PREV:
		if (g->cur > 0) {
			g->cur--;
			v->top = 0;
		}
		return UI_HANDLED;
	case ACT_UP: case ACT_DOWN: case ACT_PGUP: case ACT_PGDN:
		return ui_scroll_driver(v, g->lines.n, act);
	case ACT_HOME: g->cur = 0; v->top = 0; return UI_HANDLED;
	case ACT_END: g->cur = g->n ? g->n - 1 : 0; v->top = 0; return UI_HANDLED;
	case ACT_DEMO_CASE: {
		int lvl = g->n ? g->pages[g->cur].demo_level : -1;
		if (lvl < 0)
			app_set_message(a, 0, "Denne siden har ingen demosak; se sidene om nivå 0–3.");
		else
			app_open_demo_case(a, lvl);
		return UI_HANDLED;
	}
	case ACT_G_CONSENT_AGE:
		ask_consent_age(a);
		return UI_HANDLED;
	default: return UI_UNHANDLED;
	}
}

static void guide_done(struct view *v)
{
	struct guide *g = v->data;
	for (size_t i = 0; i < g->n; i++) {
		free(g->pages[i].id);
		free(g->pages[i].title);
		free(g->pages[i].text);
	}
	free(g->pages);
	sv_free(&g->lines);
	free(g->factors);
	free(g->forums);
	free(g->consent);
	free(g);
}

static const struct view_ops guide_ops = {
	.title = "BTI-veilederen",
	.scope = VIEW_GUIDE,
	.load = guide_load,
	.draw = guide_draw,
	.request = guide_request,
	.done = guide_done,
};

struct view *guide_new(struct app *a)
{
	(void)a;
	struct view *v = view_new(&guide_ops);
	struct guide *g = xcalloc(1, sizeof *g);
	g->built_for = (size_t)-1;
	const struct embedded_file *f = embedded_find("guide.csv");
	if (f) {
		struct csvin_opts o = {.delim = ',', .encoding = "UTF-8"};
		struct strbuf err = {0};
		csvin_parse((const char *)f->data, f->len, &o, read_page, g, NULL, &err);
		sb_free(&err);
	}
	v->data = g;
	return v;
}
