/* plan_export.h - a whole plan as a document for the meeting and the
 * archive: plain text, Markdown, self-contained HTML that prints on A4
 * without cut columns (no wide tables; text wraps) or a typeset A4 PDF,
 * and writing it to a file readable by its owner only. The CLI and the TUI
 * share it. */
#ifndef TRAPP_PLAN_EXPORT_H
#define TRAPP_PLAN_EXPORT_H

#include "trapp/plan_doc.h"

enum plan_format { PLAN_TXT, PLAN_MD, PLAN_HTML, PLAN_PDF };

/* "txt", "md", "html", "pdf" -> 0, else -1. */
int plan_format_parse(const char *s, enum plan_format *out);

struct plan_export_opts {
	enum plan_format format;
	const char *today;       /* for "skrevet ut"; NULL: plan_today() */
};

/* Append the plan's document (built masked or not, with or without the
 * audit trail: plan_doc_build) to out in the format (a PDF is binary: use
 * out.len). 0, or -1 when the PDF could not be made: out then ends with
 * the reason instead. Every format is a struct plan_writer fed by
 * plan_doc_write. */
int plan_export(struct strbuf *out, const struct plan_doc *doc, const struct plan_export_opts *o);

/* Write data to path, created 0600. An existing file is refused unless
 * force (then replaced atomically). On failure nothing is left behind;
 * returns PLAN_OK, PLAN_REFUSED (exists) or PLAN_FAIL with the reason. */
int plan_export_write(const char *path, int force, const char *data, size_t len, struct strbuf *err);

#endif
