/* plan_doc.h - a plan as one document: sections of rows, each row made of
 * fields with a kind (plan_mask.h). Built once from a loaded plan, masked
 * or not, and then rendered by every output: the plan screen, the meeting
 * view, the history, and the txt/md/html (and later PDF) exports, so they
 * always say the same thing. Masking happens here, while building, never
 * in a renderer: a renderer only lays out the text it is given. Outputs
 * plug in through struct plan_writer. */
#ifndef TRAPP_PLAN_DOC_H
#define TRAPP_PLAN_DOC_H

#include "trapp/plan.h"
#include "trapp/plan_mask.h"

struct catalog;
struct plan_access_entry;

enum plan_section_id {
	PS_CHILD, PS_HOLDER, PS_CONCERN, PS_CONSENT, PS_SERVICES, PS_PEOPLE, PS_MEMBERS, PS_GOALS,
	PS_STEPS, PS_MEETINGS, PS_LEVELS, PS_AUDIT, PS_READS, PS_COUNT
};

enum plan_row_style {
	PR_FIELD,    /* "Label: value" */
	PR_ITEM,     /* a list item */
	PR_BLOCK,    /* the heading of a block (a step, a meeting); the PR_FIELD
		      * rows after it belong to it */
};

/* One value: pre and post are trapp's own words around it, left out
 * with it when the value is empty. */
struct plan_field {
	enum plan_field_kind kind;
	const char *pre, *post;
	char *value;             /* as it may be shown (masked when built so) */
};

struct plan_row {
	enum plan_row_style style;
	const char *label;       /* PR_FIELD */
	struct plan_field *fields;
	size_t n_fields;
	int overdue;             /* an open step past its date (the text says so too) */
};

struct plan_section {
	enum plan_section_id id;
	const char *title;       /* "Neste steg" */
	const char *empty;       /* said when there are no rows */
	struct plan_row *rows;
	size_t n_rows;
};

struct plan_doc {
	long id;
	int masked;
	char *title;             /* "Stafettlogg 7" */
	char *child;             /* the child as it may be shown */
	struct plan_section sections[PS_COUNT];
};

struct plan_doc_opts {
	int mask;                /* mask identities (presentation, --mask) */
	const char *child_word;  /* masked child: this word, or NULL for initials */
	int audit;               /* include the audit trail (PS_AUDIT) */
	const char *today;       /* overdue and consent state; NULL: plan_today() */
	const struct catalog *cat; /* need labels, kommune name; NULL: codes */
	int meeting;             /* > 0: the minutes (referat) of this meeting
				  * only; the whole log when it has no such meeting */
	/* the read log (PS_READS; the stafettholder's and a leder's screen);
	 * never shown in a masked document */
	const struct plan_access_entry *reads;
	size_t n_reads;
};

/* Build the document of p. Free with plan_doc_free. */
void plan_doc_build(struct plan_doc *d, const struct plan *p, const struct plan_doc_opts *o);
void plan_doc_free(struct plan_doc *d);
/* A row's fields as one line of text. Caller frees. */
char *plan_row_text(const struct plan_row *r);
/* The note a masked document carries. */
extern const char plan_doc_masked_note[];

/* An output. Every callback gets text to lay out as it is (data or
 * trapp's own words; escaping for the format is the writer's job). */
struct plan_writer {
	void (*begin)(void *w, const char *title);
	void (*note)(void *w, const char *text);       /* a paragraph of trapp's own */
	void (*section)(void *w, const char *title);
	void (*block)(void *w, const char *heading);
	void (*field)(void *w, const char *label, const char *value);
	void (*item)(void *w, const char *text);
	void (*end)(void *w);
};

/* Walk d through a writer: begin, the masked note, every section (its
 * empty note when it has no rows), end. */
void plan_doc_write(const struct plan_doc *d, const struct plan_writer *wr, void *w);

#endif
