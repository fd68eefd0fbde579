/* pg_access.c - who is who on PostgreSQL (db_access.h): display names,
 * the kommune administrator (membership of the server role trapp_admin,
 * granted by the database's owner, never a row a user can write), plan
 * members, the read log and the audit chains (their ids, times, logins
 * and hashes are set by the server's trigger), corrections and erasure
 * (the audit content of an erased plan through the server function
 * trapp_erase_audit, the only way past the revoked UPDATE). */
#include "pg_internal.h"
#include "trapp/db_access.h"

#include <stdlib.h>
#include <string.h>

/* --- users ---------------------------------------------------------- */

#define IS_ADMIN "EXISTS (SELECT FROM pg_roles r WHERE r.rolname = $1" \
		 " AND pg_has_role(r.oid, 'trapp_admin', 'MEMBER'))"

int pg_user_get(struct db *db, const char *login, char **name, int *admin)
{
	*name = NULL;
	*admin = 0;
	PGresult *r = pg_q(db, "SELECT (SELECT name FROM app_user WHERE login = $1), " IS_ADMIN, "s", login);
	if (!r)
		return -1;
	int known = !PQgetisnull(r, 0, 0);
	*admin = strcmp(pgx_val(r, 0, 1), "t") == 0;
	if (known)
		*name = pgx_dup(r, 0, 0);
	PQclear(r);
	return known || *admin ? 0 : 1;
}

int pg_user_set_name(struct db *db, const char *login, const char *name)
{
	return pg_run(db, "INSERT INTO app_user(login, name) VALUES($1, $2)"
		      " ON CONFLICT(login) DO UPDATE SET name = excluded.name", "ss", login, name);
}

int pg_user_set_admin(struct db *db, const char *login, int admin)
{
	sb_reset(&db->err);
	sb_printf(&db->err, "med PostgreSQL er kommuneadministratorer medlemmer av rollen trapp_admin: "
		  "databasens eier skriver «%s trapp_admin %s %s;» i psql", admin ? "GRANT" : "REVOKE",
		  admin ? "TO" : "FROM", login);
	return -1;
}

int pg_user_list(struct db *db, db_user_fn fn, void *ctx)
{
	PGresult *r = pg_q(db, "SELECT l.login, coalesce(u.name, ''), pg_has_role(l.login, 'trapp_admin', 'MEMBER')"
			   " FROM (SELECT r.rolname::text AS login FROM pg_roles r WHERE r.rolcanlogin"
			   "  AND NOT r.rolsuper AND pg_has_role(r.oid, 'trapp_coordinator', 'MEMBER')"
			   "  UNION SELECT login FROM app_user) l LEFT JOIN app_user u ON u.login = l.login"
			   " WHERE EXISTS (SELECT FROM pg_roles WHERE rolname = l.login)"
			   " ORDER BY l.login COLLATE \"C\"", "");
	if (!r)
		return -1;
	for (int i = 0; i < PQntuples(r); i++)
		if (fn(ctx, pgx_val(r, i, 0), pgx_val(r, i, 1), strcmp(pgx_val(r, i, 2), "t") == 0))
			break;
	PQclear(r);
	return 0;
}

int pg_admin_count(struct db *db)
{
	PGresult *r = pg_q(db, "SELECT count(*) FROM pg_roles r WHERE r.rolcanlogin AND NOT r.rolsuper"
			   " AND pg_has_role(r.oid, 'trapp_admin', 'MEMBER')", "");
	if (!r)
		return -1;
	int n = (int)pgx_ll_at(r, 0, 0);
	PQclear(r);
	return n;
}

/* --- members -------------------------------------------------------- */

int pg_member_add(struct db *db, long plan, const char *login, const char *role, const char *service,
		  const char *added)
{
	return pg_run(db, "INSERT INTO plan_member(plan_id, login, role, service, added) VALUES($1,$2,$3,$4,$5)",
		      "lssss", plan, login, role, service, added);
}

int pg_member_set(struct db *db, long plan, const char *login, const char *role, const char *service)
{
	return pg_run_one(db, "UPDATE plan_member SET role = $3, service = $4 WHERE plan_id = $1 AND login = $2",
			  "lsss", plan, login, role, service);
}

int pg_member_remove(struct db *db, long plan, const char *login)
{
	return pg_run(db, "DELETE FROM plan_member WHERE plan_id = $1 AND login = $2", "ls", plan, login);
}

static int ids_of(PGresult *r, long **ids, size_t *n)
{
	*ids = NULL;
	*n = 0;
	if (!r)
		return -1;
	int rows = PQntuples(r);
	if (rows)
		*ids = xcalloc((size_t)rows, sizeof **ids);
	for (int i = 0; i < rows; i++)
		(*ids)[i] = (long)pgx_ll_at(r, i, 0);
	*n = (size_t)rows;
	PQclear(r);
	return 0;
}

int pg_member_plans(struct db *db, const char *login, int open_only, long **ids, size_t *n)
{
	return ids_of(pg_q(db, "SELECT id FROM plan WHERE erased IS NULL AND ($2 = 0 OR closed IS NULL) AND id IN"
			   " (SELECT plan_id FROM plan_member WHERE login = $1 UNION"
			   "  SELECT plan_id FROM plan_holder WHERE login = $1 AND state = 'foreslatt')"
			   " ORDER BY closed IS NOT NULL, id", "si", login, open_only), ids, n);
}

/* --- the chains ------------------------------------------------------- */

int pg_chain_last(struct db *db, enum db_chain c, long long *id, char **hash)
{
	(void)db, (void)c;
	/* the server's trigger finds the chain's end itself (under a lock,
	 * past row-level security); what the model computes from this is
	 * replaced there */
	*id = 0;
	*hash = xstrdup("");
	return 0;
}

int pg_chain_walk(struct db *db, enum db_chain c, long plan, db_chain_fn fn, void *ctx)
{
	/* one plan's rows: the login's own plan, as row-level security lets
	 * it read them; the whole chain: through the server function that
	 * gives every row's hashes and only the visible plans' content
	 * (trapp_admin only: it shows who read which plan when) */
	static const char *const sql[] = {
		[DB_CHAIN_AUDIT] = "SELECT a.id, a.plan_id, a.at, a.who, a.action, a.what, a.content_hash, a.hash,"
				   " a.erased, p.erased IS NOT NULL, a.item, a.old_value, a.new_value"
				   " FROM plan_audit a LEFT JOIN plan p ON p.id = a.plan_id"
				   " WHERE a.plan_id = $1 ORDER BY a.id",
		[DB_CHAIN_ACCESS] = "SELECT a.id, a.plan_id, a.at, a.who, a.how, NULL, NULL, a.hash, 0,"
				    " p.erased IS NOT NULL, NULL, NULL, NULL FROM plan_access a"
				    " LEFT JOIN plan p ON p.id = a.plan_id WHERE a.plan_id = $1 ORDER BY a.id",
	};
	PGresult *r = plan > 0 ? pg_q(db, sql[c], "l", plan)
			       : pg_q(db, "SELECT * FROM trapp_chain($1)", "s", c == DB_CHAIN_AUDIT ? "audit" : "access");
	if (!r)
		return -1;
	int stop = 0;
	for (int i = 0; i < PQntuples(r) && !stop; i++) {
		const char *t[13];
		for (int k = 0; k < 13; k++)
			t[k] = PQgetisnull(r, i, k) ? NULL : PQgetvalue(r, i, k);
		struct db_chain_row row = {
			pgx_ll_at(r, i, 0), (long)pgx_ll_at(r, i, 1), t[2], t[3], t[4], t[5], t[6], t[7],
			atoi(pgx_val(r, i, 8)), strcmp(pgx_val(r, i, 9), "t") == 0, t[10], t[11], t[12],
		};
		stop = fn(ctx, &row);
	}
	PQclear(r);
	return stop;
}

int pg_access_add(struct db *db, long long id, long plan, const char *at, const char *who, const char *how,
		  const char *hash)
{
	(void)id, (void)at, (void)who, (void)hash;  /* the server's */
	return pg_run(db, "INSERT INTO plan_access(id, plan_id, at, who, how, hash) VALUES(0, $1, '', '-', $2, '')",
		      "ls", plan, how);
}

int pg_audit_after(struct db *db, long plan, const char *action, const char *after_action)
{
	PGresult *r = pg_q(db, "SELECT count(*) FROM plan_audit WHERE plan_id = $1 AND action = $2"
			   " AND id > coalesce((SELECT max(id) FROM plan_audit WHERE plan_id = $1"
			   " AND action = $3), 0)", "lss", plan, action, after_action);
	if (!r)
		return -1;
	int n = (int)pgx_ll_at(r, 0, 0);
	PQclear(r);
	return n > 0;
}

/* --- corrections ------------------------------------------------------ */

int pg_plan_field_set(struct db *db, long plan, const char *field, const char *value)
{
	static const char *const sql[] = {
		"UPDATE plan SET child = $2 WHERE id = $1", "UPDATE plan SET born = $2 WHERE id = $1",
		"UPDATE plan SET unit = $2 WHERE id = $1",
	};
	int k = strcmp(field, "child") == 0 ? 0 : strcmp(field, "born") == 0 ? 1 : 2;
	return pg_run(db, sql[k], "ls", plan, value);
}

int pg_plan_concern_text_set(struct db *db, long plan, long concern, const char *text)
{
	return pg_run(db, "UPDATE plan_concern SET text = $3 WHERE plan_id = $1 AND id = $2", "lls",
		      plan, concern, text);
}

int pg_plan_person_field_set(struct db *db, long plan, long person, const char *field, const char *value)
{
	static const char *const sql[] = {
		"UPDATE plan_person SET name = $3 WHERE plan_id = $1 AND id = $2",
		"UPDATE plan_person SET role = $3 WHERE plan_id = $1 AND id = $2",
		"UPDATE plan_person SET contact = $3 WHERE plan_id = $1 AND id = $2",
	};
	int k = strcmp(field, "name") == 0 ? 0 : strcmp(field, "role") == 0 ? 1 : 2;
	return pg_run(db, sql[k], "lls", plan, person, value);
}

int pg_correction_add(struct db *db, long plan, const char *field, long row)
{
	return pg_run(db, "INSERT INTO plan_correction(plan_id, field, row_id) VALUES($1, $2, $3)", "lsl",
		      plan, field, row);
}

/* --- erasure ----------------------------------------------------------- */

int pg_plan_erase(struct db *db, long plan, const char *date)
{
	/* the audit content and the tombstone first: once the members are
	 * gone, the plan is no longer the caller's to see */
	static const char *const del[] = {
		"DELETE FROM plan_meeting_step WHERE meeting_id IN (SELECT id FROM plan_meeting WHERE plan_id = $1)",
		"DELETE FROM plan_meeting WHERE plan_id = $1",
		"DELETE FROM plan_step WHERE plan_id = $1",
		"DELETE FROM plan_goal WHERE plan_id = $1",
		"DELETE FROM plan_person WHERE plan_id = $1",
		"DELETE FROM plan_service WHERE plan_id = $1",
		"DELETE FROM plan_consent_scope WHERE consent_id IN (SELECT id FROM plan_consent WHERE plan_id = $1)",
		"DELETE FROM plan_consent WHERE plan_id = $1",
		"DELETE FROM plan_holder WHERE plan_id = $1",
		"DELETE FROM plan_concern WHERE plan_id = $1",
		"DELETE FROM plan_level WHERE plan_id = $1",
		"DELETE FROM plan_need WHERE plan_id = $1",
		"DELETE FROM plan_correction WHERE plan_id = $1",
		"SELECT trapp_erase_audit($1)",
	};
	for (size_t i = 0; i < ARRAY_LEN(del); i++)
		if (pg_run(db, del[i], "l", plan) != 0)
			return -1;
	if (pg_run(db, "UPDATE plan SET child = 'slettet', born = '1900', unit = '', close_why = '',"
		   " close_summary = '', erased = $2,"
		   " erased_by = current_user WHERE id = $1", "ls", plan, date) != 0)
		return -1;
	return pg_run(db, "DELETE FROM plan_member WHERE plan_id = $1", "l", plan);
}

int pg_scrub(struct db *db)
{
	(void)db;  /* the server's VACUUM (autovacuum) reclaims dead rows */
	return 0;
}

int pg_plans_closed_before(struct db *db, const char *date, long **ids, size_t *n)
{
	return ids_of(pg_q(db, "SELECT id FROM plan WHERE closed IS NOT NULL AND closed < $1"
			   " AND erased IS NULL ORDER BY id", "s", date), ids, n);
}
