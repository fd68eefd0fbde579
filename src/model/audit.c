/* audit.c - the hash chains over the audit trail and the read log (see
 * audit.h for the formula): appending a row with its hashes in the
 * caller's transaction, and verifying both chains from the first row,
 * naming the first row that does not match. SHA-256 from libcrypto via
 * ident.h. */
#include "trapp/audit.h"
#include "trapp/db.h"
#include "trapp/db_access.h"
#include "trapp/db_plan.h"
#include "trapp/ident.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static void now_utc(char out[32])
{
	time_t t = time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static void sha_text(const char *s, char out[IDENT_SHA256_HEX])
{
	ident_sha256_hex(s, strlen(s), out);
}

/* The content an audit row's content_hash covers: the text and the item
 * with its old and new value, joined by the unit separator (0x1f), which
 * no stored text holds, so no field's text can move into another. */
static void content_hash(const char *what, const char *item, const char *old, const char *new,
			 char out[IDENT_SHA256_HEX])
{
	char *s = xasprintf("%s\x1f%s\x1f%s\x1f%s", what, item ? item : "", old ? old : "", new ? new : "");
	sha_text(s, out);
	free(s);
}

static void audit_hash(const char *prev, long long id, long plan, const char *at, const char *who,
		       const char *action, const char *content_hash, char out[IDENT_SHA256_HEX])
{
	char *s = xasprintf("%s|%lld|%ld|%s|%s|%s|%s", prev, id, plan, at, who, action, content_hash);
	sha_text(s, out);
	free(s);
}

static void access_hash(const char *prev, long long id, long plan, const char *at, const char *who,
			const char *how, char out[IDENT_SHA256_HEX])
{
	char *s = xasprintf("%s|%lld|%ld|%s|%s|%s", prev, id, plan, at, who, how);
	sha_text(s, out);
	free(s);
}

int audit_append(struct db *db, long plan, const char *action, const char *what, const char *item,
		 const char *old_value, const char *new_value)
{
	long long last;
	char *prev;
	if (db_chain_last(db, DB_CHAIN_AUDIT, &last, &prev) != 0)
		return -1;
	char at[32], content[IDENT_SHA256_HEX], hash[IDENT_SHA256_HEX];
	now_utc(at);
	const char *who = ident_login();
	if (!item)
		item = "plan";
	if (!old_value)
		old_value = "";
	if (!new_value)
		new_value = "";
	content_hash(what, item, old_value, new_value, content);
	audit_hash(prev, last + 1, plan, at, who, action, content, hash);
	struct plan_audit a = {.at = at, .who = (char *)who, .what = (char *)what, .action = (char *)action,
			       .row = last + 1, .content_hash = content, .hash = hash, .item = (char *)item,
			       .old_value = (char *)old_value, .new_value = (char *)new_value};
	int rc = db_plan_audit_add(db, plan, &a);
	free(prev);
	return rc;
}

int audit_access_append(struct db *db, long plan, enum plan_access_how how)
{
	long long last;
	char *prev;
	if (db_chain_last(db, DB_CHAIN_ACCESS, &last, &prev) != 0)
		return -1;
	char at[32], hash[IDENT_SHA256_HEX];
	now_utc(at);
	const char *who = ident_login(), *code = plan_code(VOCAB_ACCESS, (int)how);
	access_hash(prev, last + 1, plan, at, who, code, hash);
	int rc = db_access_add(db, last + 1, plan, at, who, code, hash);
	free(prev);
	return rc;
}

/* --- verifying ------------------------------------------------------------ */

struct walk {
	struct audit_report *r;
	enum db_chain chain;
	char prev[IDENT_SHA256_HEX];
	long long n;
};

static int broken(struct walk *w, const struct db_chain_row *row, enum audit_break why)
{
	struct audit_report *r = w->r;
	r->broken = 1;
	r->read_log = w->chain != DB_CHAIN_AUDIT;
	r->row = row->id;
	r->plan = row->plan_id;
	r->why = why;
	return 1;
}

static int walk_row(void *ctx, const struct db_chain_row *row)
{
	struct walk *w = ctx;
	char hash[IDENT_SHA256_HEX], content[IDENT_SHA256_HEX];
	w->n++;
	if (!row->at || !row->who || !row->action || !row->hash)
		return broken(w, row, AUDIT_NO_FIELDS);
	if (w->chain == DB_CHAIN_AUDIT) {
		if (!row->content_hash || !row->what)
			return broken(w, row, AUDIT_NO_CONTENT);
		if (row->erased) {
			/* content may only be gone where the plan was deleted */
			if (!row->plan_erased || strcmp(row->what, "slettet") != 0 ||
			    (row->old_value && *row->old_value) || (row->new_value && *row->new_value))
				return broken(w, row, AUDIT_ERASED_NOT_DELETED);
		} else {
			content_hash(row->what, row->item, row->old_value, row->new_value, content);
			if (strcmp(content, row->content_hash) != 0)
				return broken(w, row, AUDIT_CONTENT_HASH);
		}
		audit_hash(w->prev, row->id, row->plan_id, row->at, row->who, row->action, row->content_hash,
			   hash);
	} else {
		access_hash(w->prev, row->id, row->plan_id, row->at, row->who, row->action, hash);
	}
	if (strcmp(hash, row->hash) != 0)
		return broken(w, row, AUDIT_CHAIN_HASH);
	memcpy(w->prev, row->hash, IDENT_SHA256_HEX);
	return 0;
}

int audit_verify(struct db *db, struct audit_report *r, struct strbuf *err)
{
	memset(r, 0, sizeof *r);
	for (int c = DB_CHAIN_AUDIT; c <= DB_CHAIN_ACCESS && !r->broken; c++) {
		struct walk w = {.r = r, .chain = (enum db_chain)c};
		int rc = db_chain_walk(db, (enum db_chain)c, 0, walk_row, &w);
		if (rc < 0) {
			sb_puts(err, db_error(db));
			return PLAN_FAIL;
		}
		if (c == DB_CHAIN_AUDIT)
			r->audit_rows = w.n;
		else
			r->access_rows = w.n;
	}
	return PLAN_OK;
}

void audit_report_free(struct audit_report *r) { (void)r; /* owns nothing now; kept for callers */ }
