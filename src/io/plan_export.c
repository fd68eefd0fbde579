/* plan_export.c - a plan as a document: one walk over the plan (child,
 * stafettholder, concern, consent, services and people, goals, steps,
 * meetings, level history, audit trail) written through a small document
 * writer with four outputs: plain text wrapped at 78 columns, Markdown,
 * self-contained HTML with print CSS for A4 (headings, paragraphs and
 * lists only, so nothing is cut at the page edge), and a typeset A4 PDF
 * (pdf.c, fed the same calls). Also the 0600 file writer that never
 * leaves a half-written file. */
#include "trapp/plan_export.h"
#include "trapp/pdf.h"
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

static void doc_itemf(struct doc *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void doc_itemf(struct doc *d, const char *fmt, ...)
{
	struct strbuf sb = {0};
	va_list ap;
	va_start(ap, fmt);
	sb_vprintf(&sb, fmt, ap);
	va_end(ap);
	doc_item(d, sb_str(&sb));
	sb_free(&sb);
}

/* A paragraph of our own text (never data). */
static void doc_note(struct doc *d, const char *text)
{
	close_list(d);
	if (d->pdf) {
		pdf_note(d->pdf, text, d->block);
	} else if (d->fmt == PLAN_HTML) {
		sb_printf(d->sb, "<p class=\"note\">%s</p>\n", text);
	} else if (d->fmt == PLAN_MD) {
		sb_printf(d->sb, "*%s*\n", text);
	} else {
		spaces(d->sb, d->indent);
		wrap(d->sb, text, d->indent, d->indent);
		sb_putc(d->sb, '\n');
	}
}

/* --- the plan -------------------------------------------------------------- */

static void child_section(struct doc *d, const struct plan *p)
{
	char age[32] = "ukjent";
	if (p->age >= 0)
		snprintf(age, sizeof age, "%s%d år", p->age_approx ? "ca. " : "", p->age);
	doc_section(d, "Barnet");
	/* a corrected value says so; the old one is in the history */
	char *child = xasprintf("%s%s", p->child, p->corrected & PLAN_FIX_CHILD ? " (rettet)" : "");
	char *born = xasprintf("%s%s", p->born, *p->born && (p->corrected & PLAN_FIX_BORN) ? " (rettet)" : "");
	char *unit = xasprintf("%s%s", p->unit, p->corrected & PLAN_FIX_UNIT ? " (rettet)" : "");
	doc_field(d, p->masked ? "Barn" : "Navn", child);
	doc_field(d, "Født", born);
	doc_field(d, "Alder", age);
	doc_field(d, "Enhet", unit);
	free(child);
	free(born);
	free(unit);
	doc_field(d, "Kommune", p->kommune);
	doc_field(d, "Nivå", plan_level_label(p->level));
	if (p->needs.n) {
		char *needs = sv_join(&p->needs, ", ");
		doc_field(d, "Behov", needs);
		free(needs);
	}
	doc_field(d, "Opprettet", p->created);
	if (p->closed[0]) {
		char *closed = xasprintf("%s, %s", p->closed, plan_label(VOCAB_CLOSE, p->close_reason));
		doc_field(d, "Avsluttet", closed);
		free(closed);
	}
}

static void holder_section(struct doc *d, const struct plan *p)
{
	const struct plan_holder *cur = plan_holder(p), *prop = plan_proposed(p);
	doc_section(d, "Stafettholder");
	if (cur) {
		char *s = xasprintf("%s%s%s%s, siden %s", cur->name, *cur->service ? " (" : "", cur->service,
				    *cur->service ? ")" : "", cur->accepted);
		doc_field(d, "Nå", s);
		free(s);
	}
	if (prop) {
		char *s = xasprintf("%s (%s), foreslått %s – stafettpinnen blir hos nåværende "
				    "stafettholder til overføringen er akseptert", prop->name, prop->service,
				    prop->proposed);
		doc_field(d, "Overføring", s);
		free(s);
	}
	if (p->n_holders < 2)
		return;
	for (size_t i = 0; i < p->n_holders; i++) {
		const struct plan_holder *h = &p->holders[i];
		const char *until = NULL;  /* when the next accepted holder took over */
		for (size_t k = i + 1; k < p->n_holders && !until; k++)
			if (p->holders[k].state == HANDOVER_ACCEPTED)
				until = p->holders[k].accepted;
		if (h->state == HANDOVER_ACCEPTED)
			doc_itemf(d, "%s%s%s%s: fra %s%s%s", h->name, *h->service ? " (" : "", h->service,
				  *h->service ? ")" : "", h->accepted, until ? " til " : " (nå)", until ? until : "");
		else
			doc_itemf(d, "%s (%s): foreslått %s, %s", h->name, h->service, h->proposed,
				  plan_label(VOCAB_HANDOVER, (int)h->state));
	}
}

static void concern_section(struct doc *d, const struct plan *p)
{
	doc_section(d, "Bekymring");
	if (!p->n_concerns)
		doc_note(d, "Ingen bekymring registrert.");
	for (size_t i = 0; i < p->n_concerns; i++)
		doc_itemf(d, "%s, lagt merke til av %s: %s%s", p->concerns[i].date, p->concerns[i].noticed_by,
			  p->concerns[i].text, p->concerns[i].corrected ? " (rettet)" : "");
}

static void consent_section(struct doc *d, const struct plan *p, const char *today)
{
	static const char *const states[] = {"mangler", "gyldig", "utløpt", "trukket", "nektet"};
	const struct plan_consent *last;
	enum plan_consent_state st = plan_consent_state(p, today, &last);
	doc_section(d, "Samtykke");
	doc_field(d, "Status", states[st]);
	for (size_t i = 0; i < p->n_consents; i++) {
		const struct plan_consent *c = &p->consents[i];
		if (c->refused) {
			doc_itemf(d, "%s: nektet av %s", c->date, plan_label(VOCAB_CONSENT_BY, (int)c->by));
			continue;
		}
		struct strbuf sb = {0};
		sb_printf(&sb, "%s: samtykke fra %s for ", c->date, plan_label(VOCAB_CONSENT_BY, (int)c->by));
		for (size_t k = 0; k < c->scope.n; k++)
			sb_printf(&sb, "%s%s (%s)", k ? ", " : "", c->scope_names.v[k], c->scope.v[k]);
		if (c->expires[0])
			sb_printf(&sb, "; utløper %s", c->expires);
		if (c->withdrawn[0])
			sb_printf(&sb, "; trukket %s", c->withdrawn);
		doc_item(d, sb_str(&sb));
		sb_free(&sb);
	}
}

static void people_sections(struct doc *d, const struct plan *p)
{
	doc_section(d, "Tjenester");
	if (!p->n_services)
		doc_note(d, "Ingen tjenester lagt til.");
	for (size_t i = 0; i < p->n_services; i++) {
		const struct plan_service *s = &p->services[i];
		doc_itemf(d, "%s (%s)%s%s, med fra %s", s->name, s->slug, *s->role ? ": " : "", s->role, s->added);
	}
	doc_section(d, "Personer");
	if (!p->n_people)
		doc_note(d, "Ingen personer lagt til.");
	for (size_t i = 0; i < p->n_people; i++) {
		const struct plan_person *pp = &p->people[i];
		doc_itemf(d, "%s, %s%s%s%s", pp->name, pp->role, *pp->contact ? ", " : "", pp->contact,
			  pp->corrected ? " (rettet)" : "");
	}
}

static void goal_section(struct doc *d, const struct plan *p)
{
	doc_section(d, "Mål");
	if (!p->n_goals)
		doc_note(d, "Ingen mål registrert.");
	for (size_t i = 0; i < p->n_goals; i++)
		doc_itemf(d, "%d. %s (%s)", p->goals[i].no, p->goals[i].text,
			  plan_label(VOCAB_GOAL, (int)p->goals[i].status));
}

static void step_section(struct doc *d, const struct plan *p, const char *today)
{
	doc_section(d, "Tiltak og neste steg");
	if (!p->n_steps)
		doc_note(d, "Ingen steg registrert.");
	for (size_t i = 0; i < p->n_steps; i++) {
		const struct plan_step *s = &p->steps[i];
		int open = s->status == STEP_PLANNED || s->status == STEP_ONGOING;
		char *head = xasprintf("Steg %d: %s", s->no, s->what);
		char *due = xasprintf("%s%s", s->due, open && strcmp(s->due, today) < 0 ? " (forfalt)" : "");
		char *svc = *s->service_slug ? xasprintf("%s (%s)", s->service_name, s->service_slug) : xstrdup("");
		doc_block(d, head);
		doc_field(d, "Ansvarlig", s->who);
		doc_field(d, "Tjeneste", svc);
		doc_field(d, "Frist", due);
		doc_field(d, "Evalueres", s->evaluate);
		doc_field(d, "Status", plan_label(VOCAB_STEP, (int)s->status));
		doc_field(d, "Evaluering", s->evaluation);
		free(head);
		free(due);
		free(svc);
	}
}

static void meeting_section(struct doc *d, const struct plan *p)
{
	doc_section(d, "Møter");
	if (!p->n_meetings)
		doc_note(d, "Ingen møter registrert.");
	for (size_t i = 0; i < p->n_meetings; i++) {
		const struct plan_meeting *m = &p->meetings[i];
		char *head = xasprintf("Møte %d, %s", m->no, m->date);
		struct strbuf steps = {0};
		for (size_t k = 0; k < m->n_steps; k++)
			sb_printf(&steps, "%s%d", k ? ", " : "", m->steps[k]);
		doc_block(d, head);
		doc_field(d, "Til stede", m->attended);
		doc_field(d, "Notater", m->notes);
		doc_field(d, "Avtalte steg", sb_str(&steps));
		sb_free(&steps);
		free(head);
	}
}

static void history_sections(struct doc *d, const struct plan *p, int audit)
{
	doc_section(d, "Nivåhistorikk");
	for (size_t i = 0; i < p->n_levels; i++) {
		const struct plan_level_change *c = &p->levels[i];
		if (c->from < 0)
			doc_itemf(d, "%s: startet på nivå %d (%s)", c->date, c->to, c->why);
		else
			doc_itemf(d, "%s: nivå %d → %d: %s", c->date, c->from, c->to, c->why);
	}
	if (!audit)
		return;
	doc_section(d, "Endringslogg");
	for (size_t i = 0; i < p->n_audit; i++)
		doc_itemf(d, "%s %s: %s", p->audit[i].at, p->audit[i].who, p->audit[i].what);
}

int plan_export(struct strbuf *out, const struct plan *p, const struct plan_export_opts *o)
{
	char today[PLAN_DATE_LEN];
	if (o->today)
		snprintf(today, sizeof today, "%.10s", o->today);
	else
		plan_today(today);
	struct doc d = {.sb = out, .fmt = o->format};
	char title[64];
	snprintf(title, sizeof title, "Stafettlogg – plan %ld", p->id);
	doc_begin(&d, title, today);
	if (p->masked)
		doc_note(&d, "Maskert: barnets navn og personers navn som initialer, fødselsdato og "
			     "kontaktinformasjon skjult.");
	child_section(&d, p);
	holder_section(&d, p);
	concern_section(&d, p);
	consent_section(&d, p, today);
	people_sections(&d, p);
	goal_section(&d, p);
	step_section(&d, p, today);
	meeting_section(&d, p);
	history_sections(&d, p, o->audit);
	close_block(&d);
	char foot[96];
	snprintf(foot, sizeof foot, "Skrevet ut %s fra trapp. Inneholder taushetsbelagte opplysninger.", today);
	if (d.fmt == PLAN_TXT)
		sb_putc(out, '\n');
	else if (d.fmt != PLAN_PDF)  /* in the PDF the date heads every page */
		doc_section(&d, "Utskrift");
	doc_note(&d, foot);
	doc_end(&d);
	if (!d.pdf)
		return 0;
	struct strbuf err = {0};
	int rc = pdf_doc_finish(d.pdf, out, &err);
	if (rc != 0)
		sb_printf(out, "%s", sb_str(&err));
	sb_free(&err);
	return rc;
}

/* --- files ---------------------------------------------------------------- */

static int write_all(int fd, const char *data, size_t len)
{
	while (len) {
		ssize_t n = write(fd, data, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		data += n;
		len -= (size_t)n;
	}
	return fsync(fd);
}

static int write_fail(struct strbuf *err, const char *path)
{
	sb_reset(err);
	sb_printf(err, "kan ikke skrive %s: %s", path, strerror(errno));
	return PLAN_FAIL;
}

int plan_export_write(const char *path, int force, const char *data, size_t len, struct strbuf *err)
{
	if (!force) {
		int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
		if (fd < 0 && errno == EEXIST) {
			sb_reset(err);
			sb_printf(err, "%s finnes allerede: velg et annet filnavn eller bruk --force for å "
				  "overskrive", path);
			return PLAN_REFUSED;
		}
		if (fd < 0)
			return write_fail(err, path);
		if (fchmod(fd, 0600) != 0 || write_all(fd, data, len) != 0) {
			int e = errno;
			close(fd);
			unlink(path);
			errno = e;
			return write_fail(err, path);
		}
		return close(fd) == 0 ? PLAN_OK : (unlink(path), write_fail(err, path));
	}
	/* replace atomically: a 0600 temporary file beside it, then rename */
	const char *slash = strrchr(path, '/');
	char *tmp = slash ? xasprintf("%.*s/.trapp-export-XXXXXX", (int)(slash - path), path)
			  : xstrdup(".trapp-export-XXXXXX");
	int fd = mkstemp(tmp);  /* mode 0600 */
	int rc = PLAN_OK;
	if (fd < 0) {
		rc = write_fail(err, path);
	} else {
		int bad = write_all(fd, data, len) != 0;
		int e = errno;
		if (close(fd) != 0 && !bad)
			bad = 1, e = errno;
		if (!bad && rename(tmp, path) != 0)
			bad = 1, e = errno;
		if (bad) {
			unlink(tmp);
			errno = e;
			rc = write_fail(err, path);
		}
	}
	free(tmp);
	return rc;
}
