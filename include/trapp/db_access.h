/* db_access.h - the storage of who is who (src/store/db_access.c): users
 * (display name, kommune administrator) by login, plan members, the read
 * log, the rows of the audit and read-log hash chains, corrections, and
 * erasing a plan's personal content. No rules: access.c and audit.c
 * decide. Every function returns 0, or -1 with the reason in db_error(),
 * unless it says otherwise; strings returned are owned by the caller. */
#ifndef TRAPP_DB_ACCESS_H
#define TRAPP_DB_ACCESS_H

#include "trapp/db.h"

#include <stddef.h>

/* --- users ---------------------------------------------------------- */
/* 0 and *name, *admin set; 1 when the login has no row. */
int db_user_get(struct db *db, const char *login, char **name, int *admin);
/* Insert or update the display name / the administrator flag. */
int db_user_set_name(struct db *db, const char *login, const char *name);
int db_user_set_admin(struct db *db, const char *login, int admin);
/* Calls fn for each user by login. */
typedef int (*db_user_fn)(void *ctx, const char *login, const char *name, int admin);
int db_user_list(struct db *db, db_user_fn fn, void *ctx);
/* Number of administrators, or -1. */
int db_admin_count(struct db *db);

/* --- members -------------------------------------------------------- */
/* role and service are stored codes ("aktor", a slug or ""). */
int db_member_add(struct db *db, long plan, const char *login, const char *role, const char *service,
		  const char *added);
int db_member_set(struct db *db, long plan, const char *login, const char *role, const char *service);
int db_member_remove(struct db *db, long plan, const char *login);
/* Ids of every plan login is a member of or is the proposed holder of
 * (open_only: only open plans), open first, then by id. */
int db_member_plans(struct db *db, const char *login, int open_only, long **ids, size_t *n);

/* --- the chains ------------------------------------------------------- */
enum db_chain { DB_CHAIN_AUDIT, DB_CHAIN_ACCESS };
/* One row of a chain as stored. For DB_CHAIN_ACCESS, action is the how
 * code and what/content_hash/item/old_value/new_value are NULL.
 * plan_erased: the plan was deleted. */
struct db_chain_row {
	long long id;
	long plan_id;
	const char *at, *who, *action, *what, *content_hash, *hash;
	int erased, plan_erased;
	const char *item, *old_value, *new_value;
};
/* Id and hash of the last row (0 and "" for an empty chain). */
int db_chain_last(struct db *db, enum db_chain c, long long *id, char **hash);
/* Every row in id order; plan > 0: only that plan's rows. fn returns
 * non-zero to stop (returned as is). */
typedef int (*db_chain_fn)(void *ctx, const struct db_chain_row *r);
int db_chain_walk(struct db *db, enum db_chain c, long plan, db_chain_fn fn, void *ctx);
/* Append a read-log row with its id and hash. */
int db_access_add(struct db *db, long long id, long plan, const char *at, const char *who,
		  const char *how, const char *hash);
/* 1 when the plan has an audit row of action after (in the chain's order,
 * not by time: two rows can share a second) its last audit row of
 * after_action, 0 when not, -1 on error. */
int db_audit_after(struct db *db, long plan, const char *action, const char *after_action);

/* --- corrections ------------------------------------------------------ */
/* field: child, born or unit of the plan row. */
int db_plan_field_set(struct db *db, long plan, const char *field, const char *value);
int db_plan_concern_text_set(struct db *db, long plan, long concern, const char *text);
/* field: name, role or contact. */
int db_plan_person_field_set(struct db *db, long plan, long person, const char *field, const char *value);
/* Record that field (child, born, unit, concern, person-name ...) of row
 * was corrected (no values: those are in the audit trail). */
int db_correction_add(struct db *db, long plan, const char *field, long row);

/* --- erasure ----------------------------------------------------------- */
/* Inside a transaction: delete every row under the plan, keep the plan row
 * as a tombstone (no child, birth year 1900, no unit, erased = date), and
 * replace the content of its audit rows with "slettet" (hashes kept). */
int db_plan_erase(struct db *db, long plan, const char *date);
/* Outside a transaction, after an erasure: optimise any full-text index,
 * checkpoint the WAL and truncate it to zero bytes, so no copy of the
 * erased content lingers in the -wal file. secure_delete is on for every
 * connection (db_open). */
int db_scrub(struct db *db);
/* Ids of plans closed before date and not yet erased. */
int db_plans_closed_before(struct db *db, const char *date, long **ids, size_t *n);

#endif
