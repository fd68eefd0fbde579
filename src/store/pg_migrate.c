/* pg_migrate.c - trapp migrate: copying a coordinator's SQLite database
 * into a PostgreSQL database prepared by `trapp admin init`, in one
 * server transaction. The catalogue goes through the same put functions
 * an import uses (the shipped catalogues are there already); the plan
 * tables are copied row by row with their ids, the audit and read-log
 * rows with their original times, logins and hashes (the table owner
 * runs it, and the chain trigger keeps what the owner copies). The
 * caller verifies the chains before db_migrate_finish commits. */
#include "pg_internal.h"

#include <stdlib.h>
#include <string.h>

/* The plan tables in an order that satisfies their foreign keys. */
static const char *const plan_tables[] = {
	"plan", "plan_level", "plan_concern", "plan_holder", "plan_consent", "plan_consent_scope",
	"plan_service", "plan_person", "plan_goal", "plan_step", "plan_meeting", "plan_meeting_step",
	"plan_need", "app_user", "plan_member", "plan_correction", "plan_audit", "plan_access",
};

/* Tables whose id the server numbers: their sequence continues after the
 * copied ids. */
static const char *const identity_tables[] = {
	"plan", "plan_level", "plan_concern", "plan_holder", "plan_consent", "plan_consent_scope",
	"plan_service", "plan_person", "plan_goal", "plan_step", "plan_meeting", "plan_member",
	"plan_correction",
};

/* One field in COPY's text format: backslash escapes, \N for NULL. */
static void copy_field(struct strbuf *sb, const char *v)
{
	if (!v) {
		sb_puts(sb, "\\N");
		return;
	}
	for (; *v; v++)
		switch (*v) {
		case '\\': sb_puts(sb, "\\\\"); break;
		case '\n': sb_puts(sb, "\\n"); break;
		case '\r': sb_puts(sb, "\\r"); break;
		case '\t': sb_puts(sb, "\\t"); break;
		default: sb_putc(sb, *v);
		}
}

/* Copy every row of table from src (SQLite) to dst with the same columns,
 * through COPY (one statement for the whole table, not a round trip per
 * row); *rows counts them. 0 or -1 (dst's error). */
static int copy_table(struct db *src, struct db *dst, const char *table, long *rows)
{
	*rows = 0;
	/* the table name is one of ours above, never data */
	char sql[160];
	snprintf(sql, sizeof sql, "SELECT * FROM \"%s\"", table);
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(src->h, sql, -1, &st, NULL) != SQLITE_OK) {
		sb_reset(&dst->err);
		sb_printf(&dst->err, "kan ikke lese tabellen %s i SQLite-filen: %s", table, sqlite3_errmsg(src->h));
		return -1;
	}
	int ncol = sqlite3_column_count(st);
	struct strbuf cmd = {0}, line = {0};
	sb_printf(&cmd, "COPY %s(", table);
	for (int i = 0; i < ncol; i++)
		sb_printf(&cmd, "%s%s", i ? ", " : "", sqlite3_column_name(st, i));
	sb_puts(&cmd, ") FROM STDIN");
	PGresult *r = PQexec(dst->pg, sb_str(&cmd));
	int rc = 0, step = SQLITE_DONE;
	int copying = PQresultStatus(r) == PGRES_COPY_IN;
	if (!copying)
		rc = pgx_fail(dst, r);
	PQclear(r);
	while (rc == 0 && (step = sqlite3_step(st)) == SQLITE_ROW) {
		sb_reset(&line);
		for (int i = 0; i < ncol; i++) {
			if (i)
				sb_putc(&line, '\t');
			copy_field(&line, sqlite3_column_type(st, i) == SQLITE_NULL ? NULL
					  : (const char *)sqlite3_column_text(st, i));
		}
		sb_putc(&line, '\n');
		if (PQputCopyData(dst->pg, sb_str(&line), (int)line.len) != 1)
			rc = pgx_fail(dst, NULL);
		(*rows)++;
	}
	const char *why = rc == 0 && step != SQLITE_DONE ? sqlite3_errmsg(src->h) : NULL;
	if (copying) {
		/* a failed read ends the copy with an error: nothing of it stays */
		PQputCopyEnd(dst->pg, rc != 0 || why ? "lesing fra SQLite-filen feilet" : NULL);
		r = PQgetResult(dst->pg);
		if (rc == 0 && !why && PQresultStatus(r) != PGRES_COMMAND_OK)
			rc = pgx_fail(dst, r);
		PQclear(r);
		while ((r = PQgetResult(dst->pg)))
			PQclear(r);
	}
	if (why) {
		sb_reset(&dst->err);
		sb_printf(&dst->err, "kan ikke lese tabellen %s i SQLite-filen: %s", table, why);
		rc = -1;
	}
	sqlite3_finalize(st);
	sb_free(&cmd);
	sb_free(&line);
	return rc;
}

static int copy_catalogue(struct db *src, struct db *dst, struct strbuf *report)
{
	struct need *nd;
	size_t n;
	if (db_needs_load(src, &nd, &n) != 0)
		return -1;
	int rc = 0;
	for (size_t i = 0; i < n && rc == 0; i++)
		rc = pg_need_put(dst, nd[i].code, nd[i].label, nd[i].description);
	for (size_t i = 0; i < n; i++) {
		free(nd[i].code);
		free(nd[i].label);
		free(nd[i].description);
	}
	free(nd);
	struct strvec models = {0};
	if (rc == 0)
		rc = db_level_models(src, &models);
	for (size_t m = 0; m < models.n && rc == 0; m++) {
		struct level *lv;
		size_t nl;
		if ((rc = db_levels_load(src, models.v[m], &lv, &nl)) != 0)
			break;
		for (size_t i = 0; i < nl && rc == 0; i++)
			rc = pg_level_put(dst, models.v[m], &lv[i]);
		for (size_t i = 0; i < nl; i++)
			level_free(&lv[i]);
		free(lv);
	}
	sv_free(&models);
	struct kommune *k = NULL;
	size_t nk = 0;
	if (rc == 0)
		rc = db_kommune_list(src, &k, &nk);
	long services = 0;
	for (size_t i = 0; i < nk && rc == 0; i++) {
		rc = pg_kommune_put(dst, &k[i]);
		struct catalog c;
		if (rc == 0 && (rc = db_catalog_read(src, k[i].code, &c)) == 0) {
			for (size_t s = 0; s < c.n_svc && rc == 0; s++)
				rc = pg_service_put(dst, k[i].code, &c.svc[s]);
			services += (long)c.n_svc;
			catalog_record_free(&c);
		}
		struct db_removed *rm;
		size_t nr;
		if (rc == 0 && (rc = db_removed_load(src, k[i].code, &rm, &nr)) == 0) {
			for (size_t r = 0; r < nr && rc == 0; r++)
				rc = pg_removed_put(dst, k[i].code, &rm[r]);
			db_removed_free(rm, nr);
		}
	}
	if (rc == 0)
		sb_printf(report, "katalogen: %zu kommuner, %ld tiltak\n", nk, services);
	db_kommune_list_free(k, nk);
	return rc;
}

struct db *db_migrate_start(struct db *src, const char *conninfo, struct strbuf *report, struct strbuf *err)
{
	if (src->pg || !pg_is_conninfo(conninfo)) {
		sb_puts(err, "bruk: trapp migrate --from FIL.db --to postgresql:///DATABASE");
		return NULL;
	}
	struct db *dst = pg_open(conninfo, 0, NULL, err);
	if (!dst)
		return NULL;
	if (pg_begin(dst) != 0)
		goto fail;
	PGresult *r = pgx(dst, "SELECT (SELECT count(*) FROM plan), session_user = (SELECT tableowner FROM"
			  " pg_tables WHERE schemaname = 'public' AND tablename = 'plan_audit')", 0, NULL);
	if (!r)
		goto fail;
	long plans = (long)pgx_ll_at(r, 0, 0);
	int owner = strcmp(pgx_val(r, 0, 1), "t") == 0;
	PQclear(r);
	if (!owner) {
		sb_printf(err, "trapp migrate må kjøres av eieren av PostgreSQL-databasen %s (den som kjørte "
			  "«trapp admin init»): bare eieren kan skrive endringsloggen slik den var", dst->path);
		goto out;
	}
	if (plans > 0) {
		sb_printf(err, "PostgreSQL-databasen %s har allerede %ld planer: trapp migrate flytter bare inn i "
			  "en database uten planer: flytt filene inn før koordinatorene begynner på serveren", dst->path, plans);
		goto out;
	}
	if (copy_catalogue(src, dst, report) != 0)
		goto fail;
	/* the plans of the file's every user: the owner bypasses row-level
	 * security, and the copied members decide who sees what afterwards */
	for (size_t i = 0; i < ARRAY_LEN(plan_tables); i++) {
		long rows;
		if (copy_table(src, dst, plan_tables[i], &rows) != 0)
			goto fail;
		sb_printf(report, "%s: %ld rader\n", plan_tables[i], rows);
	}
	/* a file's administrators are not the server's: there they are the
	 * members of trapp_admin (GRANT), and a row marked admin could no
	 * longer be changed by its own login (the policy keeps admin 0) */
	if (pgx_exec(dst, "UPDATE app_user SET admin = 0 WHERE admin <> 0") != 0)
		goto fail;
	for (size_t i = 0; i < ARRAY_LEN(identity_tables); i++) {
		/* the names are the constants above, not data */
		char sql[256];
		snprintf(sql, sizeof sql, "SELECT setval(pg_get_serial_sequence('%s', 'id'),"
			 " coalesce((SELECT max(id) FROM %s), 0) + 1, false)", identity_tables[i], identity_tables[i]);
		if (pgx_exec(dst, sql) != 0)
			goto fail;
	}
	return dst;
fail:
	sb_printf(err, "%s", db_error(dst));
out:
	pg_rollback(dst);
	pg_close(dst);
	return NULL;
}

int db_migrate_finish(struct db *dst, int commit, struct strbuf *err)
{
	int rc = 0;
	if (commit && pg_commit(dst) != 0) {
		sb_printf(err, "%s", db_error(dst));
		rc = -1;
	}
	pg_rollback(dst);
	pg_close(dst);
	return rc;
}
