/* audit.h - the tamper-evident audit trail (src/model/audit.c). Every
 * audit row (a change) and every read-log row carries a SHA-256 hash over
 * its content and the previous row's hash, one chain per table:
 *   audit:  content_hash = SHA-256(what US item US old_value US new_value)
 *           (US: the unit separator 0x1f)
 *           hash = SHA-256(prev | id | plan | at | who | action | content_hash)
 *   access: hash = SHA-256(prev | id | plan | at | who | how)
 * (prev is "" for the first row; fields joined by '|'; lowercase hex).
 * Erasing a plan drops the content ("slettet") but keeps content_hash,
 * so the chain still verifies. Editing, inserting or deleting a row, or
 * dropping the content of a plan that was not erased, breaks it. Removing
 * the newest rows is not detectable from the file alone. */
#ifndef TRAPP_AUDIT_H
#define TRAPP_AUDIT_H

#include "trapp/plan.h"

struct db;

/* Append a change row for plan by the acting login, inside the caller's
 * transaction: the text, the item changed ("plan", "steg 2"; NULL:
 * "plan") and its old and new value (NULL: ""). 0 or -1 (db_error). The
 * one place audit rows are written. */
int audit_append(struct db *db, long plan, const char *action, const char *what, const char *item,
		 const char *old_value, const char *new_value);
/* Append a read-log row (inside the caller's transaction). */
int audit_access_append(struct db *db, long plan, enum plan_access_how how);

/* What is wrong with the first broken row (a code: the caller words it). */
enum audit_break {
	AUDIT_NO_FIELDS,         /* a field or the hash is missing */
	AUDIT_NO_CONTENT,        /* the content or its hash is missing */
	AUDIT_ERASED_NOT_DELETED,  /* the content is gone, but the plan was not erased */
	AUDIT_CONTENT_HASH,      /* the content does not match its hash (changed after writing) */
	AUDIT_CHAIN_HASH,        /* the hash does not match the row and the one before */
};

/* The result of a check. */
struct audit_report {
	long long audit_rows, access_rows;
	int broken;              /* 1: the first broken row is described below */
	int read_log;            /* it is in the read log (0: the audit trail) */
	long long row;           /* its id */
	long plan;
	enum audit_break why;
};
/* Verify both chains. PLAN_OK (see r->broken) or PLAN_FAIL (storage). */
int audit_verify(struct db *db, struct audit_report *r, struct strbuf *err);
void audit_report_free(struct audit_report *r);

#endif
