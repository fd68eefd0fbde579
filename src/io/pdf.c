/* pdf.c - typesetting a document as an A4 PDF with cairo and pango. The
 * writer feeds boxes in reading order (title, headings, label/value rows,
 * list items, notes); each is laid out once with pango at 72 dpi (so
 * sizes are PDF points) and kept until pdf_doc_finish. Pagination runs
 * twice over the same boxes: once to count the pages, once to draw them,
 * so every page can say "Side N av M". A box goes whole onto the page
 * where it fits, else onto the next; only a box taller than a page is
 * split, between lines. Headings keep with what follows them.
 *
 * Why cairo + pango: both are the typesetting stack of GTK and GNOME,
 * packaged everywhere; pango shapes and wraps UTF-8 text (æøå, emoji via
 * fontconfig fallback) and cairo's PDF backend embeds font subsets, so the
 * file prints the same on any machine. */
#include "trapp/pdf.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>
#include <stdlib.h>
#include <string.h>

#define PAGE_W 595.276  /* A4 in points */
#define PAGE_H 841.890
#define MARGIN 56.0     /* ~20 mm left and right */
#define TOP 78.0        /* body starts below the running head */
#define BOTTOM (PAGE_H - 60.0)
#define BODY_W (PAGE_W - 2 * MARGIN)
#define BODY_H (BOTTOM - TOP)
#define INDENT 14.0
#define LABEL_W 92.0
#define BULLET_W 11.0
#define ROW_PAD 2.5

#define FONT "DejaVu Sans, Symbola"

enum box_kind { B_TITLE, B_SECTION, B_BLOCK, B_ROW, B_NOTE };

struct box {
	enum box_kind kind;
	PangoLayout *label;   /* left column of a row (a label or a bullet), or NULL */
	PangoLayout *text;
	double x;             /* of text, from the left margin */
	double before;        /* space above */
	int keep;             /* keep with the next box (headings) */
	int rule;             /* hairline above (table rows) */
};

struct pdf_doc {
	char *title, *date;
	cairo_surface_t *surface;
	cairo_t *cr;
	PangoFontMap *fonts;
	PangoContext *ctx;
	struct strbuf bytes;
	struct box *boxes;
	size_t n, cap;
	int in_table;         /* the previous box was a row of the same table */
};

static cairo_status_t to_strbuf(void *closure, const unsigned char *data, unsigned int len)
{
	sb_add(closure, (const char *)data, len);
	return CAIRO_STATUS_SUCCESS;
}

/* Valid UTF-8 without control characters (but line breaks): pango
 * renders what it gets, and the data may hold anything. */
static char *clean(const char *s)
{
	char *v = g_utf8_make_valid(s ? s : "", -1);
	struct strbuf sb = {0};
	for (const char *p = v; *p; p++) {
		unsigned char c = (unsigned char)*p;
		if (c == '\r')
			continue;
		if (c == '\t')
			sb_putc(&sb, ' ');
		else if (c < 0x20 && c != '\n')
			sb_puts(&sb, "\xef\xbf\xbd");
		else
			sb_putc(&sb, (char)c);
	}
	g_free(v);
	return sb_steal(&sb);
}

static PangoLayout *layout(struct pdf_doc *d, const char *text, const char *font, double width)
{
	PangoLayout *l = pango_layout_new(d->ctx);
	PangoFontDescription *fd = pango_font_description_from_string(font);
	pango_layout_set_font_description(l, fd);
	pango_font_description_free(fd);
	pango_layout_set_width(l, (int)(width * PANGO_SCALE));
	pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	PangoAttrList *attrs = pango_attr_list_new();
	pango_attr_list_insert(attrs, pango_attr_insert_hyphens_new(FALSE));  /* no invented hyphens */
	pango_layout_set_attributes(l, attrs);
	pango_attr_list_unref(attrs);
	char *t = clean(text);
	pango_layout_set_text(l, t, -1);
	free(t);
	return l;
}

static struct box *add(struct pdf_doc *d, enum box_kind kind)
{
	if (d->n == d->cap) {
		d->cap = d->cap ? 2 * d->cap : 64;
		d->boxes = xrealloc(d->boxes, d->cap * sizeof *d->boxes);
	}
	struct box *b = &d->boxes[d->n++];
	memset(b, 0, sizeof *b);
	b->kind = kind;
	return b;
}

/* The system's fonts less colour (bitmap) fonts: emoji then come from an
 * outline font (Symbola), whose glyphs print on any printer and keep
 * their text (pdftotext, search, screen readers); a colour emoji font
 * would be embedded as pictures. One font map per document, released with
 * it. */
static PangoFontMap *outline_fonts(void)
{
	PangoFontMap *map = pango_cairo_font_map_new();
	FcConfig *cfg = FcInitLoadConfigAndFonts();
	static const char reject_colour[] =
		"<?xml version=\"1.0\"?><!DOCTYPE fontconfig SYSTEM \"fonts.dtd\"><fontconfig>"
		"<selectfont><rejectfont><pattern><patelt name=\"color\"><bool>true</bool></patelt>"
		"</pattern></rejectfont></selectfont></fontconfig>";
	if (cfg && FcConfigParseAndLoadFromMemory(cfg, (const FcChar8 *)reject_colour, FcFalse) &&
	    FcConfigBuildFonts(cfg) && PANGO_IS_FC_FONT_MAP(map))
		pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(map), cfg);
	if (cfg)
		FcConfigDestroy(cfg);
	return map;
}

struct pdf_doc *pdf_doc_new(const char *title, const char *date)
{
	struct pdf_doc *d = xcalloc(1, sizeof *d);
	d->title = xstrdup(title);
	d->date = xstrdup(date);
	d->surface = cairo_pdf_surface_create_for_stream(to_strbuf, &d->bytes, PAGE_W, PAGE_H);
	cairo_pdf_surface_set_metadata(d->surface, CAIRO_PDF_METADATA_TITLE, title);
	cairo_pdf_surface_set_metadata(d->surface, CAIRO_PDF_METADATA_CREATOR, "trapp");
	d->cr = cairo_create(d->surface);
	d->fonts = outline_fonts();
	d->ctx = pango_font_map_create_context(d->fonts);
	pango_cairo_update_context(d->cr, d->ctx);
	pango_cairo_context_set_resolution(d->ctx, 72);
	pango_context_set_language(d->ctx, pango_language_from_string("nb"));
	struct box *b = add(d, B_TITLE);
	b->text = layout(d, title, FONT " Bold 17", BODY_W);
	b->keep = 1;
	return d;
}

void pdf_section(struct pdf_doc *d, const char *heading)
{
	struct box *b = add(d, B_SECTION);
	b->text = layout(d, heading, FONT " Bold 13", BODY_W);
	b->before = 16;
	b->keep = 1;
	d->in_table = 0;
}

void pdf_block(struct pdf_doc *d, const char *heading)
{
	struct box *b = add(d, B_BLOCK);
	b->x = INDENT;
	b->text = layout(d, heading, FONT " Bold 10.5", BODY_W - INDENT);
	b->before = 9;
	b->keep = 1;
	d->in_table = 0;
}

static void row(struct pdf_doc *d, const char *label, double label_w, const char *label_font,
		const char *text, const char *font, int indent, int rule)
{
	struct box *b = add(d, B_ROW);
	double x = indent * INDENT;
	b->label = layout(d, label, label_font, label_w - 4);
	b->x = x + label_w;
	b->text = layout(d, text, font, BODY_W - b->x);
	b->before = d->in_table ? 0 : 4;
	b->rule = rule;
	d->in_table = 1;
}

void pdf_field(struct pdf_doc *d, const char *label, const char *value, int indent)
{
	char *l = xasprintf("%s:", label);
	row(d, l, LABEL_W, FONT " Bold 9.5", value, FONT " 9.5", indent, 1);
	free(l);
}

void pdf_item(struct pdf_doc *d, const char *text, int indent)
{
	row(d, "•", BULLET_W, FONT " 9.5", text, FONT " 9.5", indent, 0);
}

void pdf_note(struct pdf_doc *d, const char *text, int indent)
{
	struct box *b = add(d, B_NOTE);
	b->x = indent * INDENT;
	b->text = layout(d, text, FONT " Italic 9.5", BODY_W - b->x);
	b->before = 4;
	d->in_table = 0;
}

/* --- pages ----------------------------------------------------------------- */

static double height(const PangoLayout *l)
{
	int w, h;
	pango_layout_get_size((PangoLayout *)l, &w, &h);
	return (double)h / PANGO_SCALE;
}

static double box_height(const struct box *b)
{
	double h = height(b->text);
	if (b->label && height(b->label) > h)
		h = height(b->label);
	return b->kind == B_ROW ? h + 2 * ROW_PAD : h + 3;
}

static double first_line(const struct box *b)
{
	PangoLayoutLine *line = pango_layout_get_line_readonly(b->text, 0);
	PangoRectangle ink, logical;
	pango_layout_line_get_extents(line, &ink, &logical);
	return (double)logical.height / PANGO_SCALE + 2 * ROW_PAD;
}

struct pager {
	struct pdf_doc *d;
	cairo_t *cr;          /* NULL while counting */
	int page, total;
	double y;
};

static void show(cairo_t *cr, PangoLayout *l, double x, double y)
{
	cairo_move_to(cr, x, y);
	pango_cairo_show_layout(cr, l);
}

static void running_head(struct pager *pg)
{
	cairo_t *cr = pg->cr;
	if (!cr)
		return;
	struct pdf_doc *d = pg->d;
	PangoLayout *t = layout(d, d->title, FONT " 8.5", BODY_W * 0.7);
	PangoLayout *dt = layout(d, d->date, FONT " 8.5", BODY_W * 0.3);
	pango_layout_set_alignment(dt, PANGO_ALIGN_RIGHT);
	cairo_set_source_rgb(cr, 0.25, 0.25, 0.25);
	show(cr, t, MARGIN, 36);
	show(cr, dt, MARGIN + BODY_W * 0.7, 36);
	cairo_set_line_width(cr, 0.5);
	cairo_move_to(cr, MARGIN, 52);
	cairo_line_to(cr, PAGE_W - MARGIN, 52);
	cairo_stroke(cr);
	char *foot = xasprintf("Side %d av %d", pg->page, pg->total);
	PangoLayout *f = layout(d, foot, FONT " 8.5", BODY_W);
	pango_layout_set_alignment(f, PANGO_ALIGN_CENTER);
	show(cr, f, MARGIN, PAGE_H - 40);
	cairo_set_source_rgb(cr, 0, 0, 0);
	free(foot);
	g_object_unref(t);
	g_object_unref(dt);
	g_object_unref(f);
}

static void new_page(struct pager *pg)
{
	if (pg->cr && pg->page > 0)
		cairo_show_page(pg->cr);
	pg->page++;
	pg->y = TOP;
	running_head(pg);
}

static void rule(struct pager *pg, double x)
{
	if (!pg->cr)
		return;
	cairo_set_source_rgb(pg->cr, 0.78, 0.78, 0.78);
	cairo_set_line_width(pg->cr, 0.4);
	cairo_move_to(pg->cr, MARGIN + x, pg->y);
	cairo_line_to(pg->cr, PAGE_W - MARGIN, pg->y);
	cairo_stroke(pg->cr);
	cairo_set_source_rgb(pg->cr, 0, 0, 0);
}

/* A box taller than the room left on a fresh page: line by line. */
static void place_split(struct pager *pg, const struct box *b)
{
	double label_x = MARGIN + b->x - (b->label ? pango_layout_get_width(b->label) / PANGO_SCALE + 4 : 0);
	PangoLayoutIter *it = pango_layout_get_iter(b->text);
	int first = 1;
	pg->y += b->kind == B_ROW ? ROW_PAD : 0;
	do {
		PangoRectangle logical;
		pango_layout_iter_get_line_extents(it, NULL, &logical);
		double lh = (double)logical.height / PANGO_SCALE;
		double base = (double)(pango_layout_iter_get_baseline(it) - logical.y) / PANGO_SCALE;
		if (pg->y + lh > BOTTOM)
			new_page(pg);
		if (pg->cr) {
			if (first && b->label)
				show(pg->cr, b->label, label_x, pg->y);
			cairo_move_to(pg->cr, MARGIN + b->x, pg->y + base);
			pango_cairo_show_layout_line(pg->cr, pango_layout_iter_get_line_readonly(it));
		}
		pg->y += lh;
		first = 0;
	} while (pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
	pg->y += b->kind == B_ROW ? ROW_PAD : 3;
}

static void place(struct pager *pg, const struct box *b)
{
	double h = box_height(b);
	if (h > BODY_H) {
		place_split(pg, b);
		return;
	}
	if (b->rule)
		rule(pg, b->x - LABEL_W);
	double top = pg->y + (b->kind == B_ROW ? ROW_PAD : 0);
	if (pg->cr) {
		if (b->label)
			show(pg->cr, b->label, MARGIN + b->x - pango_layout_get_width(b->label) / PANGO_SCALE - 4, top);
		show(pg->cr, b->text, MARGIN + b->x, top);
	}
	pg->y += h;
}

/* Lays out every box; draws when pg->cr is set. Returns the page count. */
static int paginate(struct pager *pg)
{
	struct pdf_doc *d = pg->d;
	pg->page = 0;
	new_page(pg);
	for (size_t i = 0; i < d->n; i++) {
		const struct box *b = &d->boxes[i];
		double h = box_height(b), need = b->before + h;
		if (b->keep && i + 1 < d->n) {  /* a heading and at least the next row */
			const struct box *nx = &d->boxes[i + 1];
			double nh = box_height(nx);
			need += nx->before + (nh <= BODY_H ? nh : first_line(nx));
		}
		int fits = pg->y + b->before + h <= BOTTOM, fits_kept = pg->y + need <= BOTTOM;
		if (pg->y > TOP && h <= BODY_H && (!fits || (!fits_kept && need - b->before <= BODY_H)))
			new_page(pg);
		if (pg->y > TOP)
			pg->y += b->before;
		place(pg, b);
	}
	return pg->page;
}

static void doc_free(struct pdf_doc *d)
{
	for (size_t i = 0; i < d->n; i++) {
		if (d->boxes[i].label)
			g_object_unref(d->boxes[i].label);
		g_object_unref(d->boxes[i].text);
	}
	free(d->boxes);
	g_object_unref(d->ctx);
	g_object_unref(d->fonts);
	cairo_destroy(d->cr);
	cairo_surface_destroy(d->surface);
	sb_free(&d->bytes);
	free(d->title);
	free(d->date);
	free(d);
}

int pdf_doc_finish(struct pdf_doc *d, struct strbuf *out, struct strbuf *err)
{
	struct pager count = {.d = d};
	int total = paginate(&count);
	struct pager draw = {.d = d, .cr = d->cr, .total = total};
	paginate(&draw);
	cairo_show_page(d->cr);
	cairo_surface_finish(d->surface);
	cairo_status_t st = cairo_surface_status(d->surface);
	int rc = 0;
	if (st != CAIRO_STATUS_SUCCESS) {
		sb_printf(err, "Kan ikke lage PDF: %s", cairo_status_to_string(st));
		rc = -1;
	} else {
		sb_add(out, d->bytes.buf, d->bytes.len);
	}
	doc_free(d);
	return rc;
}
