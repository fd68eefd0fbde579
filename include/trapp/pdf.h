/* pdf.h - a typeset A4 PDF document, fed in reading order by a document
 * writer (plan_export.c): a title, section headings, block headings,
 * label/value rows, list items and notes. Every page carries the title and
 * the date at the top and "Side N av M" at the bottom; a row is never cut
 * across a page break (only a row taller than a whole page is split, by
 * lines), and a heading is never left alone at the foot of a page. Made
 * with cairo and pango; fonts are embedded (subset) in the file. */
#ifndef TRAPP_PDF_H
#define TRAPP_PDF_H

#include "trapp/util.h"

struct pdf_doc;

/* A new document; title and date head every page. */
struct pdf_doc *pdf_doc_new(const char *title, const char *date);
void pdf_section(struct pdf_doc *d, const char *heading);
void pdf_block(struct pdf_doc *d, const char *heading);
/* A row of the current table: label in the left column, value wrapped
 * in the right. indent is the nesting level (0 in a section, 1 in a block). */
void pdf_field(struct pdf_doc *d, const char *label, const char *value, int indent);
void pdf_item(struct pdf_doc *d, const char *text, int indent);
void pdf_note(struct pdf_doc *d, const char *text, int indent);
/* Lay out the pages and append the PDF to out; frees d. 0, or -1 with the
 * reason in err. */
int pdf_doc_finish(struct pdf_doc *d, struct strbuf *out, struct strbuf *err);

#endif
