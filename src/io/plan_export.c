/* plan_export.c - a plan's document (plan_doc.h) written through a small
 * document writer (a struct plan_writer) with four outputs: plain text wrapped at 78 columns, Markdown,
 * self-contained HTML with print CSS for A4 (headings, paragraphs and
 * lists only, so nothing is cut at the page edge), and a typeset A4 PDF
 * (pdf.c, fed the same calls). Also the 0600 file writer that never
 * leaves a half-written file. */
#include "trapp/plan_export.h"
#include "trapp/pdf.h"
#include "trapp/afile.h"
#include "trapp/text.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define TXT_WIDTH 78
#define TXT_LABEL 16

int plan_format_parse(const char *s, enum plan_format *out)
{
	static const char *const names[] = {"txt", "md", "html", "pdf"};
	for (size_t i = 0; i < ARRAY_LEN(names); i++)
		if (str_eq(s, names[i])) {
			*out = (enum plan_format)i;
			return 0;
		}
	return -1;
}

/* --- the document writer ------------------------------------------------ */

struct doc {
	struct strbuf *sb;
	enum plan_format fmt;
	int indent;              /* txt: columns before fields and items */
	int list, block;         /* html: an open <ul> / <section>; pdf: in a block */
	struct pdf_doc *pdf;     /* pdf: the typeset document being fed */
};

static void spaces(struct strbuf *sb, int n)
{
	while (n-- > 0)
		sb_putc(sb, ' ');
}

/* Plain text wrapped at TXT_WIDTH: the first line continues after `used`
 * columns, later lines start at `indent`. Line breaks in s are kept;
 * a word longer than a line stands alone, uncut. */
static void wrap(struct strbuf *sb, const char *s, int used, int indent)
{
	int col = used, first = 1;
	while (*s) {
		if (*s == '\n') {
			sb_putc(sb, '\n');
			spaces(sb, indent);
			col = indent;
			first = 1;
			s++;
			continue;
		}
		if (*s == ' ' || *s == '\t' || *s == '\r') {
			s++;
			continue;
		}
		size_t len = strcspn(s, " \t\r\n");
		char *word = xstrndup(s, len);
		int w = text_width(word);
		if (!first && col + 1 + w > TXT_WIDTH) {
			sb_putc(sb, '\n');
			spaces(sb, indent);
			col = indent;
			first = 1;
		}
		if (!first) {
			sb_putc(sb, ' ');
			col++;
		}
		sb_puts(sb, word);
		col += w;
		first = 0;
		free(word);
		s += len;
	}
}

/* Text escaped for the format; line breaks kept. */
static void esc(struct doc *d, const char *s)
{
	for (; *s; s++) {
		if (d->fmt == PLAN_HTML) {
			switch (*s) {
			case '&': sb_puts(d->sb, "&amp;"); break;
			case '<': sb_puts(d->sb, "&lt;"); break;
			case '>': sb_puts(d->sb, "&gt;"); break;
			case '"': sb_puts(d->sb, "&quot;"); break;
			case '\n': sb_puts(d->sb, "<br>\n"); break;
			case '\r': break;
			default: sb_putc(d->sb, *s);
			}
		} else if (d->fmt == PLAN_MD) {
			if (*s == '\n')
				sb_puts(d->sb, "  \n  ");
			else if (*s != '\r') {
				if (strchr("\\`*_[]<>#|", *s))
					sb_putc(d->sb, '\\');
				sb_putc(d->sb, *s);
			}
		} else {
			sb_putc(d->sb, *s);
		}
	}
}

static void close_list(struct doc *d)
{
	if (d->list && d->fmt == PLAN_HTML)
		sb_puts(d->sb, "</ul>\n");
	d->list = 0;
}

static void close_block(struct doc *d)
{
	close_list(d);
	if (d->block && d->fmt == PLAN_HTML)
		sb_puts(d->sb, "</section>\n");
	d->block = 0;
	d->indent = 0;
}

/* A plain-text heading: the line, then c under every column of it. */
static void underline(struct strbuf *sb, const char *text, char c)
{
	sb_printf(sb, "%s\n", text);
	for (int i = text_width(text); i > 0; i--)
		sb_putc(sb, c);
	sb_putc(sb, '\n');
}

static const char HTML_HEAD[] =
	"<!DOCTYPE html>\n<html lang=\"nb\">\n<head>\n<meta charset=\"utf-8\">\n"
	"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	"<title>%s</title>\n<style>\n"
	"@page { size: A4; margin: 18mm 16mm; }\n"
	"body { font-family: \"DejaVu Sans\", Arial, sans-serif; font-size: 11pt; line-height: 1.4;"
	" max-width: 46em; margin: 2em auto; padding: 0 1em; color: #000; background: #fff; }\n"
	"h1 { font-size: 18pt; margin: 0 0 .2em; }\n"
	"h2 { font-size: 13pt; border-bottom: 1px solid #888; margin: 1.4em 0 .5em; }\n"
	"h3 { font-size: 11pt; margin: .8em 0 .2em; }\n"
	"p, li, h1, h2, h3 { overflow-wrap: anywhere; word-wrap: break-word; }\n"
	"p { margin: .2em 0; }\n"
	".label { font-weight: bold; }\n"
	".note { font-style: italic; }\n"
	"ul { padding-left: 1.4em; margin: .3em 0; }\n"
	"section.block { margin: .6em 0; padding-left: .8em; border-left: 3px solid #bbb; }\n"
	"@media print {\n"
	"  body { max-width: none; margin: 0; padding: 0; font-size: 10.5pt; }\n"
	"  h2, h3 { break-after: avoid; page-break-after: avoid; }\n"
	"  section.block, li { break-inside: avoid; page-break-inside: avoid; }\n"
	"}\n</style>\n</head>\n<body>\n";

static void doc_begin(struct doc *d, const char *title, const char *today)
{
	switch (d->fmt) {
	case PLAN_PDF:
		d->pdf = pdf_doc_new(title, today);
		break;
	case PLAN_HTML:
		sb_printf(d->sb, HTML_HEAD, title);  /* title is our own text */
		sb_printf(d->sb, "<h1>%s</h1>\n", title);
		break;
	case PLAN_MD:
		sb_printf(d->sb, "# %s\n", title);
		break;
	case PLAN_TXT:
		underline(d->sb, title, '=');
	}
}

static void doc_end(struct doc *d)
{
	close_block(d);
	if (d->fmt == PLAN_HTML)
		sb_puts(d->sb, "</body>\n</html>\n");
}

static void doc_section(struct doc *d, const char *heading)
{
	close_block(d);
	if (d->pdf) {
		pdf_section(d->pdf, heading);
	} else if (d->fmt == PLAN_HTML) {
		sb_printf(d->sb, "<h2>%s</h2>\n", heading);
	} else if (d->fmt == PLAN_MD) {
		sb_printf(d->sb, "\n## %s\n\n", heading);
	} else {
		sb_putc(d->sb, '\n');
		underline(d->sb, heading, '-');
	}
}

/* A block within a section (a step, a meeting); heading is data. */
static void doc_block(struct doc *d, const char *heading)
{
	close_block(d);
	if (d->pdf) {
		pdf_block(d->pdf, heading);
		d->block = 1;
	} else if (d->fmt == PLAN_HTML) {
		sb_puts(d->sb, "<section class=\"block\"><h3>");
		esc(d, heading);
		sb_puts(d->sb, "</h3>\n");
		d->block = 1;
	} else if (d->fmt == PLAN_MD) {
		sb_puts(d->sb, "\n### ");
		esc(d, heading);
		sb_puts(d->sb, "\n\n");
	} else {
		sb_puts(d->sb, "\n  ");
		wrap(d->sb, heading, 2, 2);
		sb_putc(d->sb, '\n');
		d->indent = 4;
	}
}

/* "Label: value", skipped when value is empty. */
static void doc_field(struct doc *d, const char *label, const char *value)
{
	if (str_empty(value))
		return;
	close_list(d);
	if (d->pdf) {
		pdf_field(d->pdf, label, value, d->block);
	} else if (d->fmt == PLAN_HTML) {
		sb_printf(d->sb, "<p><span class=\"label\">%s:</span> ", label);
		esc(d, value);
		sb_puts(d->sb, "</p>\n");
	} else if (d->fmt == PLAN_MD) {
		sb_printf(d->sb, "- **%s:** ", label);
		esc(d, value);
		sb_putc(d->sb, '\n');
	} else {
		spaces(d->sb, d->indent);
		sb_printf(d->sb, "%s:", label);
		int used = d->indent + text_width(label) + 1;
		spaces(d->sb, d->indent + TXT_LABEL - used);
		used = used > d->indent + TXT_LABEL ? used : d->indent + TXT_LABEL;
		wrap(d->sb, value, used, d->indent + TXT_LABEL);
		sb_putc(d->sb, '\n');
	}
}

static void doc_item(struct doc *d, const char *text)
{
	if (d->pdf) {
		pdf_item(d->pdf, text, d->block);
	} else if (d->fmt == PLAN_HTML) {
		if (!d->list)
			sb_puts(d->sb, "<ul>\n");
		d->list = 1;
		sb_puts(d->sb, "<li>");
		esc(d, text);
		sb_puts(d->sb, "</li>\n");
	} else if (d->fmt == PLAN_MD) {
		sb_puts(d->sb, "- ");
		esc(d, text);
		sb_putc(d->sb, '\n');
	} else {
		spaces(d->sb, d->indent);
		sb_puts(d->sb, "- ");
		wrap(d->sb, text, d->indent + 2, d->indent + 2);
		sb_putc(d->sb, '\n');
	}
}

/* A paragraph of our own text (never data). */
static void doc_note(struct doc *d, const char *text)
{
	close_list(d);
	if (d->pdf) {
		pdf_note(d->pdf, text, d->block);
	} else if (d->fmt == PLAN_HTML) {
		sb_puts(d->sb, "<p class=\"note\">");
		esc(d, text);
		sb_puts(d->sb, "</p>\n");
	} else if (d->fmt == PLAN_MD) {
		sb_putc(d->sb, '*');
		esc(d, text);
		sb_puts(d->sb, "*\n");
	} else {
		spaces(d->sb, d->indent);
		wrap(d->sb, text, d->indent, d->indent);
		sb_putc(d->sb, '\n');
	}
}

/* --- the writer behind plan_doc_write --------------------------------------- */

struct export_ctx {
	struct doc d;
	char today[PLAN_DATE_LEN];
};

static void w_begin(void *w, const char *title)
{
	struct export_ctx *c = w;
	doc_begin(&c->d, title, c->today);
}

static void w_note(void *w, const char *text) { doc_note(&((struct export_ctx *)w)->d, text); }
static void w_section(void *w, const char *title) { doc_section(&((struct export_ctx *)w)->d, title); }
static void w_block(void *w, const char *heading) { doc_block(&((struct export_ctx *)w)->d, heading); }
static void w_item(void *w, const char *text) { doc_item(&((struct export_ctx *)w)->d, text); }

static void w_field(void *w, const char *label, const char *value)
{
	doc_field(&((struct export_ctx *)w)->d, label, value);
}

static void w_end(void *w)
{
	struct export_ctx *c = w;
	close_block(&c->d);
	char foot[96];
	snprintf(foot, sizeof foot, "Skrevet ut %s fra trapp. Inneholder taushetsbelagte opplysninger.", c->today);
	if (c->d.fmt == PLAN_TXT)
		sb_putc(c->d.sb, '\n');
	else if (c->d.fmt != PLAN_PDF)  /* in the PDF the date heads every page */
		doc_section(&c->d, "Utskrift");
	doc_note(&c->d, foot);
	doc_end(&c->d);
}

static const struct plan_writer export_writer = {
	w_begin, w_note, w_section, w_block, w_field, w_item, w_end,
};

int plan_export(struct strbuf *out, const struct plan_doc *doc, const struct plan_export_opts *o)
{
	/* built raw, then every control character from the data made visible
	 * (text_escape_controls): a txt, md or html file opened in a terminal
	 * or a browser shows \e[2J as text and runs nothing */
	struct strbuf raw = {0};
	struct export_ctx c = {.d = {.sb = &raw, .fmt = o->format}};
	if (o->today)
		snprintf(c.today, sizeof c.today, "%.10s", o->today);
	else
		plan_today(c.today);
	plan_doc_write(doc, &export_writer, &c);
	if (c.d.pdf) {
		sb_free(&raw);
		struct strbuf err = {0};
		int rc = pdf_doc_finish(c.d.pdf, out, &err);
		if (rc != 0)
			sb_printf(out, "%s", sb_str(&err));
		sb_free(&err);
		return rc;
	}
	text_escape_controls(out, raw.buf ? raw.buf : "", raw.len, TEXT_KEEP_LINES);
	sb_free(&raw);
	return 0;
}

/* --- files ---------------------------------------------------------------- */

int plan_export_write(const char *path, int force, const char *data, size_t len, struct strbuf *err)
{
	struct afile af;
	sb_reset(err);
	int rc = afile_open(&af, path, force, err);
	if (rc != 0)
		return rc > 0 ? PLAN_REFUSED : PLAN_FAIL;
	fwrite(data, 1, len, af.fp);
	rc = afile_commit(&af, err);
	return rc == 0 ? PLAN_OK : rc > 0 ? PLAN_REFUSED : PLAN_FAIL;
}
