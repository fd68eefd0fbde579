/* db_access.c - the tables of who is who: app_user (display name and the
 * kommune administrator flag by login), plan_member, plan_access (the read
 * log), the rows of both hash chains (plan_audit, plan_access), the
 * correction marks, and erasing a plan's personal content. Statements
 * only; access.c and audit.c hold the rules. */
#include "pg_internal.h"
#include "trapp/db_access.h"

#include <stdlib.h>
#include <string.h>

/* Bind texts in order (NULL binds SQL NULL). */
static sqlite3_stmt *prep_texts(struct db *db, const char *sql, int n, const char *const *v)
{
	sqlite3_stmt *st = dbi_prep(db, sql);
	if (!st)
		return NULL;
	for (int i = 0; i < n; i++) {
		if (v[i])
			dbi_text(st, i + 1, v[i]);
		else
			sqlite3_bind_null(st, i + 1);
	}
	return st;
}

/* Run a write whose ?1 is the plan id and ?2... are texts. */
static int run_plan(struct db *db, const char *sql, long plan, int n, const char *const *v)
{
	sqlite3_stmt *st = dbi_prep(db, sql);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, plan);
	for (int i = 0; i < n; i++) {
		if (v[i])
			dbi_text(st, i + 2, v[i]);
		else
			sqlite3_bind_null(st, i + 2);
	}
	return dbi_exec_stmt(db, st);
}

static int ids_of(struct db *db, sqlite3_stmt *st, long **ids, size_t *n)
{
	*ids = NULL;
	*n = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*ids = xrealloc(*ids, (*n + 1) * sizeof **ids);
		(*ids)[(*n)++] = (long)sqlite3_column_int64(st, 0);
	}
	int ret = rc == SQLITE_DONE ? 0 : dbi_fail(db, sqlite3_sql(st));
	sqlite3_finalize(st);
	return ret;
}

/* --- users ---------------------------------------------------------- */

int db_user_get(struct db *db, const char *login, char **name, int *admin)
{
	if (db->pg)
		return pg_user_get(db, login, name, admin);
	const char *v[] = {login};
	sqlite3_stmt *st = prep_texts(db, "SELECT name, admin FROM app_user WHERE login = ?1", 1, v);
	if (!st)
		return -1;
	int rc = sqlite3_step(st), ret = 1;
	*name = NULL;
	*admin = 0;
	if (rc == SQLITE_ROW) {
		*name = dbi_col(st, 0);
		*admin = sqlite3_column_int(st, 1);
		ret = 0;
	} else if (rc != SQLITE_DONE) {
		ret = dbi_fail(db, sqlite3_sql(st));
	}
	sqlite3_finalize(st);
	return ret;
}

int db_user_set_name(struct db *db, const char *login, const char *name)
{
	if (db->pg)
		return pg_user_set_name(db, login, name);
	const char *v[] = {login, name};
	sqlite3_stmt *st = prep_texts(db, "INSERT INTO app_user(login, name) VALUES(?1, ?2)"
				      " ON CONFLICT(login) DO UPDATE SET name = excluded.name", 2, v);
	return st ? dbi_exec_stmt(db, st) : -1;
}

int db_user_set_admin(struct db *db, const char *login, int admin)
{
	if (db->pg)
		return pg_user_set_admin(db, login, admin);
	const char *v[] = {login, admin ? "1" : "0"};
	sqlite3_stmt *st = prep_texts(db, "INSERT INTO app_user(login, admin) VALUES(?1, CAST(?2 AS INTEGER))"
				      " ON CONFLICT(login) DO UPDATE SET admin = excluded.admin", 2, v);
	return st ? dbi_exec_stmt(db, st) : -1;
}

int db_user_list(struct db *db, db_user_fn fn, void *ctx)
{
	if (db->pg)
		return pg_user_list(db, fn, ctx);
	sqlite3_stmt *st = dbi_prep(db, "SELECT login, name, admin FROM app_user ORDER BY login");
	if (!st)
		return -1;
	int rc, stop = 0;
	while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW)
		stop = fn(ctx, (const char *)sqlite3_column_text(st, 0), (const char *)sqlite3_column_text(st, 1),
			  sqlite3_column_int(st, 2));
	int ret = stop || rc == SQLITE_DONE ? 0 : dbi_fail(db, sqlite3_sql(st));
	sqlite3_finalize(st);
	return ret;
}

int db_admin_count(struct db *db)
{
	if (db->pg)
		return pg_admin_count(db);
	sqlite3_stmt *st = dbi_prep(db, "SELECT count(*) FROM app_user WHERE admin = 1");
	if (!st)
		return -1;
	int n = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : -1;
	if (n < 0)
		dbi_fail(db, sqlite3_sql(st));
	sqlite3_finalize(st);
	return n;
}

/* --- members -------------------------------------------------------- */

int db_member_add(struct db *db, long plan, const char *login, const char *role, const char *service,
		  const char *added)
{
	if (db->pg)
		return pg_member_add(db, plan, login, role, service, added);
	const char *v[] = {login, role, service ? service : "", added};
	return run_plan(db, "INSERT INTO plan_member(plan_id, login, role, service, added)"
			    " VALUES(?1,?2,?3,?4,?5)", plan, 4, v);
}

int db_member_set(struct db *db, long plan, const char *login, const char *role, const char *service)
{
	if (db->pg)
		return pg_member_set(db, plan, login, role, service);
	const char *v[] = {login, role, service ? service : ""};
	if (run_plan(db, "UPDATE plan_member SET role = ?3, service = ?4 WHERE plan_id = ?1 AND login = ?2",
		     plan, 3, v) != 0)
		return -1;
	return sqlite3_changes(db->h) == 1 ? 0 : dbi_fail(db, "UPDATE plan_member: no such member");
}

int db_member_remove(struct db *db, long plan, const char *login)
{
	if (db->pg)
		return pg_member_remove(db, plan, login);
	const char *v[] = {login};
	return run_plan(db, "DELETE FROM plan_member WHERE plan_id = ?1 AND login = ?2", plan, 1, v);
}

int db_member_plans(struct db *db, const char *login, int open_only, long **ids, size_t *n)
{
	if (db->pg)
		return pg_member_plans(db, login, open_only, ids, n);
	static const char sql[] =
		"SELECT id FROM plan WHERE erased IS NULL AND (?2 = 0 OR closed IS NULL) AND id IN"
		" (SELECT plan_id FROM plan_member WHERE login = ?1 UNION"
		"  SELECT plan_id FROM plan_holder WHERE login = ?1 AND state = 'foreslatt')"
		" ORDER BY closed IS NOT NULL, id";
	const char *v[] = {login};
	sqlite3_stmt *st = prep_texts(db, sql, 1, v);
	if (!st)
		return -1;
	sqlite3_bind_int(st, 2, open_only);
	return ids_of(db, st, ids, n);
}

/* --- the chains ------------------------------------------------------- */

static const char *const chain_last_sql[] = {
	[DB_CHAIN_AUDIT] = "SELECT id, hash FROM plan_audit ORDER BY id DESC LIMIT 1",
	[DB_CHAIN_ACCESS] = "SELECT id, hash FROM plan_access ORDER BY id DESC LIMIT 1",
};

int db_chain_last(struct db *db, enum db_chain c, long long *id, char **hash)
{
	if (db->pg)
		return pg_chain_last(db, c, id, hash);
	sqlite3_stmt *st = dbi_prep(db, chain_last_sql[c]);
	if (!st)
		return -1;
	*id = 0;
	*hash = NULL;
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*id = sqlite3_column_int64(st, 0);
		*hash = dbi_col(st, 1);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return dbi_fail(db, chain_last_sql[c]);
	if (!*hash)
		*hash = xstrdup("");
	return 0;
}

static const char *const chain_walk_sql[] = {
	[DB_CHAIN_AUDIT] = "SELECT a.id, a.plan_id, a.at, a.who, a.action, a.what, a.content_hash, a.hash,"
			   " a.erased, p.erased IS NOT NULL, a.item, a.old_value, a.new_value"
			   " FROM plan_audit a LEFT JOIN plan p ON p.id = a.plan_id"
			   " WHERE ?1 = 0 OR a.plan_id = ?1 ORDER BY a.id",
	[DB_CHAIN_ACCESS] = "SELECT a.id, a.plan_id, a.at, a.who, a.how, NULL, NULL, a.hash, 0,"
			    " p.erased IS NOT NULL, NULL, NULL, NULL FROM plan_access a LEFT JOIN plan p ON p.id = a.plan_id"
			    " WHERE ?1 = 0 OR a.plan_id = ?1 ORDER BY a.id",
};

static const char *text_or_null(sqlite3_stmt *st, int i)
{
	return sqlite3_column_type(st, i) == SQLITE_NULL ? NULL : (const char *)sqlite3_column_text(st, i);
}

int db_chain_walk(struct db *db, enum db_chain c, long plan, db_chain_fn fn, void *ctx)
{
	if (db->pg)
		return pg_chain_walk(db, c, plan, fn, ctx);
	sqlite3_stmt *st = dbi_prep(db, chain_walk_sql[c]);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, plan);
	int rc, stop = 0;
	while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct db_chain_row r = {
			sqlite3_column_int64(st, 0), (long)sqlite3_column_int64(st, 1), text_or_null(st, 2),
			text_or_null(st, 3), text_or_null(st, 4), text_or_null(st, 5), text_or_null(st, 6),
			text_or_null(st, 7), sqlite3_column_int(st, 8), sqlite3_column_int(st, 9),
			text_or_null(st, 10), text_or_null(st, 11), text_or_null(st, 12),
		};
		stop = fn(ctx, &r);
	}
	int ret = stop ? stop : rc == SQLITE_DONE ? 0 : dbi_fail(db, chain_walk_sql[c]);
	sqlite3_finalize(st);
	return ret;
}

int db_access_add(struct db *db, long long id, long plan, const char *at, const char *who,
		  const char *how, const char *hash)
{
	if (db->pg)
		return pg_access_add(db, id, plan, at, who, how, hash);
	const char *v[] = {at, who, how, hash};
	sqlite3_stmt *st = prep_texts(db, "INSERT INTO plan_access(plan_id, at, who, how, hash, id)"
				      " VALUES(?5, ?1, ?2, ?3, ?4, ?6)", 4, v);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 5, plan);
	sqlite3_bind_int64(st, 6, id);
	return dbi_exec_stmt(db, st);
}

int db_audit_after(struct db *db, long plan, const char *action, const char *after_action)
{
	if (db->pg)
		return pg_audit_after(db, plan, action, after_action);
	const char *v[] = {action, after_action};
	sqlite3_stmt *st = prep_texts(db, "SELECT count(*) FROM plan_audit WHERE plan_id = ?3 AND action = ?1"
				      " AND id > coalesce((SELECT max(id) FROM plan_audit WHERE plan_id = ?3"
				      " AND action = ?2), 0)", 2, v);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 3, plan);
	int n = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : -1;
	if (n < 0)
		dbi_fail(db, sqlite3_sql(st));
	sqlite3_finalize(st);
	return n < 0 ? -1 : n > 0;
}

/* --- corrections ------------------------------------------------------ */

int db_plan_field_set(struct db *db, long plan, const char *field, const char *value)
{
	if (db->pg)
		return pg_plan_field_set(db, plan, field, value);
	static const char *const sql[] = {
		"UPDATE plan SET child = ?2 WHERE id = ?1", "UPDATE plan SET born = ?2 WHERE id = ?1",
		"UPDATE plan SET unit = ?2 WHERE id = ?1",
	};
	int k = strcmp(field, "child") == 0 ? 0 : strcmp(field, "born") == 0 ? 1 : 2;
	const char *v[] = {value};
	return run_plan(db, sql[k], plan, 1, v);
}

int db_plan_concern_text_set(struct db *db, long plan, long concern, const char *text)
{
	if (db->pg)
		return pg_plan_concern_text_set(db, plan, concern, text);
	sqlite3_stmt *st = dbi_prep(db, "UPDATE plan_concern SET text = ?3 WHERE plan_id = ?1 AND id = ?2");
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, plan);
	sqlite3_bind_int64(st, 2, concern);
	dbi_text(st, 3, text);
	return dbi_exec_stmt(db, st);
}

int db_plan_person_field_set(struct db *db, long plan, long person, const char *field, const char *value)
{
	if (db->pg)
		return pg_plan_person_field_set(db, plan, person, field, value);
	static const char *const sql[] = {
		"UPDATE plan_person SET name = ?3 WHERE plan_id = ?1 AND id = ?2",
		"UPDATE plan_person SET role = ?3 WHERE plan_id = ?1 AND id = ?2",
		"UPDATE plan_person SET contact = ?3 WHERE plan_id = ?1 AND id = ?2",
	};
	int k = strcmp(field, "name") == 0 ? 0 : strcmp(field, "role") == 0 ? 1 : 2;
	sqlite3_stmt *st = dbi_prep(db, sql[k]);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, plan);
	sqlite3_bind_int64(st, 2, person);
	dbi_text(st, 3, value);
	return dbi_exec_stmt(db, st);
}

int db_correction_add(struct db *db, long plan, const char *field, long row)
{
	if (db->pg)
		return pg_correction_add(db, plan, field, row);
	sqlite3_stmt *st = dbi_prep(db, "INSERT INTO plan_correction(plan_id, field, row_id) VALUES(?1, ?2, ?3)");
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, plan);
	dbi_text(st, 2, field);
	sqlite3_bind_int64(st, 3, row);
	return dbi_exec_stmt(db, st);
}

/* --- erasure ----------------------------------------------------------- */

int db_plan_erase(struct db *db, long plan, const char *date)
{
	if (db->pg)
		return pg_plan_erase(db, plan, date);
	static const char *const del[] = {
		"DELETE FROM plan_meeting_step WHERE meeting_id IN (SELECT id FROM plan_meeting WHERE plan_id = ?1)",
		"DELETE FROM plan_meeting WHERE plan_id = ?1",
		"DELETE FROM plan_step WHERE plan_id = ?1",
		"DELETE FROM plan_goal WHERE plan_id = ?1",
		"DELETE FROM plan_person WHERE plan_id = ?1",
		"DELETE FROM plan_service WHERE plan_id = ?1",
		"DELETE FROM plan_consent_scope WHERE consent_id IN (SELECT id FROM plan_consent WHERE plan_id = ?1)",
		"DELETE FROM plan_consent WHERE plan_id = ?1",
		"DELETE FROM plan_holder WHERE plan_id = ?1",
		"DELETE FROM plan_concern WHERE plan_id = ?1",
		"DELETE FROM plan_level WHERE plan_id = ?1",
		"DELETE FROM plan_need WHERE plan_id = ?1",
		"DELETE FROM plan_correction WHERE plan_id = ?1",
		"DELETE FROM plan_member WHERE plan_id = ?1",
		("UPDATE plan_audit SET what = 'slettet', old_value = '', new_value = '', erased = 1"
		 " WHERE plan_id = ?1 AND erased = 0"),
	};
	for (size_t i = 0; i < ARRAY_LEN(del); i++)
		if (run_plan(db, del[i], plan, 0, NULL) != 0)
			return -1;
	const char *v[] = {date};
	return run_plan(db, "UPDATE plan SET child = 'slettet', born = '1900', unit = '', close_why = '',"
			    " close_summary = '', erased = ?2 WHERE id = ?1", plan, 1, v);
}

int db_scrub(struct db *db)
{
	if (db->pg)
		return pg_scrub(db);
	/* full-text indexes keep deleted terms until optimised */
	sqlite3_stmt *st = dbi_prep(db, "SELECT name FROM sqlite_schema WHERE type = 'table'"
				    " AND sql LIKE 'CREATE VIRTUAL TABLE%USING fts%'");
	if (!st)
		return -1;
	struct strvec fts = {0};
	while (sqlite3_step(st) == SQLITE_ROW)
		sv_push(&fts, (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	int rc = 0;
	for (size_t i = 0; i < fts.n && rc == 0; i++) {
		/* the name is the schema's own, not data; quoted as an identifier */
		char *sql = sqlite3_mprintf("INSERT INTO \"%w\"(\"%w\") VALUES('optimize')", fts.v[i], fts.v[i]);
		rc = dbi_exec(db, sql);
		sqlite3_free(sql);
	}
	sv_free(&fts);
	if (rc != 0)
		return rc;
	/* the first column is 1 when another connection kept the checkpoint
	 * from finishing: then the -wal may still hold the old pages */
	st = dbi_prep(db, "PRAGMA wal_checkpoint(TRUNCATE)");
	if (!st)
		return -1;
	int step = sqlite3_step(st), busy = step == SQLITE_ROW ? sqlite3_column_int(st, 0) : -1;
	sqlite3_finalize(st);
	if (step != SQLITE_ROW)
		return dbi_fail(db, "PRAGMA wal_checkpoint(TRUNCATE)");
	if (busy) {
		sb_reset(&db->err);
		sb_puts(&db->err, "En annen prosess har databasen åpen, så loggfilen (-wal) kunne ikke tømmes");
		return -1;
	}
	return 0;
}

int db_plans_closed_before(struct db *db, const char *date, long **ids, size_t *n)
{
	if (db->pg)
		return pg_plans_closed_before(db, date, ids, n);
	const char *v[] = {date};
	sqlite3_stmt *st = prep_texts(db, "SELECT id FROM plan WHERE closed IS NOT NULL AND closed < ?1"
				      " AND erased IS NULL ORDER BY id", 1, v);
	return st ? ids_of(db, st, ids, n) : -1;
}
