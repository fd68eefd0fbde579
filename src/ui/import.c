/* import.c - importing a service list from the full-screen view: a form
 * (file, kommune, level model for a new kommune), then the same preview the
 * CLI prints (added, removed, changed field by field) as a screen to read
 * and scroll, and Enter to write it in one transaction or q to cancel. A
 * file with errors shows every problem and writes nothing. */
#include "ui.h"
#include "trapp/import.h"
#include "trapp/plan.h"
#include "trapp/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct preview {
	struct import_plan plan;
	struct strvec lines;
	int width;
};

static void build(struct preview *p)
{
	sv_free(&p->lines);
	p->width = COLS;
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	if (!fp)
		return;
	import_print(fp, &p->plan);
	if (p->plan.diag.warnings) {
		fprintf(fp, "\nAdvarsler (%d) – de stopper ikke importen:\n", p->plan.diag.warnings);
		for (size_t i = 0; i < p->plan.diag.msgs.n; i++)
			fprintf(fp, "  %s\n", p->plan.diag.msgs.v[i]);
	}
	fclose(fp);
	struct strvec raw = {0};
	const char *s = buf;
	for (;;) {
		const char *e = strchr(s, '\n');
		if (!e) {
			if (*s)
				sv_push(&raw, s);
			break;
		}
		sv_push_owned(&raw, xstrndup(s, (size_t)(e - s)));
		s = e + 1;
	}
	free(buf);
	for (size_t i = 0; i < raw.n; i++) {
		/* keep the indentation of the field lines under their service */
		int indent = (int)strspn(raw.v[i], " ");
		struct strvec w = {0};
		ui_wrap(&w, raw.v[i] + indent, COLS - 8 - indent);
		for (size_t k = 0; k < w.n; k++)
			sv_push_owned(&p->lines, xasprintf("%*s%s", indent + (k ? 4 : 0), "", w.v[k]));
		if (!w.n)
			sv_push(&p->lines, "");
		sv_free(&w);
	}
	sv_free(&raw);
}

static void preview_draw(struct app *a, struct view *v)
{
	struct preview *p = v->data;
	if (p->width != COLS)
		build(p);
	char *where = xasprintf("Import til %s – forhåndsvisning", p->plan.current.kommune.code);
	ui_draw_header(a, where);
	free(where);
	v->body_y = 2;
	v->body_h = LINES - 5;
	size_t n = p->lines.n;
	if (v->top + (size_t)v->body_h > n)
		v->top = n > (size_t)v->body_h ? n - (size_t)v->body_h : 0;
	for (int r = 0; r < v->body_h && v->top + (size_t)r < n; r++) {
		const char *line = p->lines.v[v->top + (size_t)r];
		attr_t at = line[0] == '+' ? ui_attr(COL_UNIVERSAL) & ~A_REVERSE
			  : line[0] == '-' ? ui_attr(COL_ERROR) : line[0] == '~' ? ui_attr(COL_MARK) : A_NORMAL;
		ui_put(v->body_y + r, 2, COLS - 3, line, at, 0);
	}
	const char *ask = p->plan.n_changes ? "Enter / j: importer   q / Esc: avbryt (ingenting skrives)"
					    : "Ingen endringer. q / Esc: tilbake";
	ui_put(LINES - 2, 1, COLS - 2, ask, A_BOLD | A_REVERSE, 1);
}

static int preview_request(struct app *a, struct view *v, enum ui_action act)
{
	struct preview *p = v->data;
	if (ui_scroll_driver(v, p->lines.n, act) == UI_HANDLED)
		return UI_HANDLED;
	switch (act) {
	case ACT_CONFIRM: {
		if (!p->plan.n_changes)
			return UI_HANDLED;
		struct strbuf err = {0};
		if (import_apply(a->db, &p->plan, &err) != 0) {
			ui_refusal_phrase(PLAN_FAIL, &err);  /* a coded refusal: who may import */
			app_set_message(a, 1, "Ingenting er importert: %s", sb_str(&err));
			sb_free(&err);
			return UI_HANDLED;
		}
		sb_free(&err);
		char *code = xstrdup(p->plan.current.kommune.code);
		size_t added = p->plan.n_added, removed = p->plan.n_removed, changed = p->plan.n_changed;
		app_pop(a);  /* frees p */
		if (app_load_kommune(a, code) == 0) {
			while (a->depth > 1)
				app_pop(a);
			app_set_message(a, 0, "Importert til %s: %zu nye, %zu fjernet, %zu endret.", code,
					added, removed, changed);
		}
		free(code);
		return UI_HANDLED;
	}
	default: return UI_UNHANDLED;
	}
}

static void preview_done(struct view *v)
{
	struct preview *p = v->data;
	import_plan_free(&p->plan);
	sv_free(&p->lines);
	free(p);
}

static const struct view_ops preview_ops = {
	.title = "Forhåndsvisning av import",
	.scope = VIEW_CONFIRM,
	.draw = preview_draw,
	.request = preview_request,
	.done = preview_done,
};

/* --- the form ------------------------------------------------------------- */

/* The import form's fields, in the order form_add adds them. */
enum { IMPORT_FILE, IMPORT_KOMMUNE, IMPORT_LEVEL_MODEL };

static int import_submit(struct app *a, struct form *f)
{
	const char *path = form_value(f, IMPORT_FILE);
	if (!*path) {
		form_error(f, IMPORT_FILE, "Skriv stien til filen (CSV eller TSV).");
		return -1;
	}
	struct import_opts o = {0};
	o.kommune = form_value(f, IMPORT_KOMMUNE);
	o.level_model = *form_value(f, IMPORT_LEVEL_MODEL) ? form_value(f, IMPORT_LEVEL_MODEL) : NULL;
	struct preview *p = xcalloc(1, sizeof *p);
	struct strbuf err = {0};
	int rc = import_prepare_file(a->db, &o, path, &p->plan, &err);
	if (rc != IMPORT_OK) {
		form_error(f, -1, "%s", sb_str(&err));
		sb_free(&err);
		import_plan_free(&p->plan);
		free(p);
		return -1;
	}
	sb_free(&err);
	if (p->plan.diag.errors) {
		/* every problem, with file:line: column, and nothing written */
		struct strbuf sb = {0};
		sb_printf(&sb, "Filen har %d feil; ingenting importeres. Rett filen og prøv igjen.\n\n",
			  p->plan.diag.errors);
		for (size_t i = 0; i < p->plan.diag.msgs.n; i++)
			sb_printf(&sb, "%s\n", p->plan.diag.msgs.v[i]);
		import_plan_free(&p->plan);
		free(p);
		app_pop(a);  /* the form */
		app_push(a, textbox_new("Import avvist", sb_str(&sb)));
		sb_free(&sb);
		return 1;
	}
	app_pop(a);  /* the form */
	struct view *v = view_new(&preview_ops);
	v->data = p;
	app_push(a, v);
	return 1;
}

struct view *import_form_new(struct app *a)
{
	struct form *f = form_new("Importer tiltaksliste", import_submit, NULL);
	form_add(f, "Fil", FIELD_TEXT, NULL)->hint = "sti til CSV/TSV (Tiltak, Alder, Nivå ...)";
	form_add(f, "Kommune (kode)", FIELD_TEXT, a->cat.kommune.code);
	form_add(f, "Nivåmodell", FIELD_TEXT, NULL)->hint = "bare for ny kommune: prevention3";
	return form_view(f);
}
