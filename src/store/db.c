/* db.c - opening the database: path resolution, file modes (0600 file in a
 * 0700 directory), pragmas, the schema version check, forward migrations
 * run in one transaction together with the seed data, transactions and
 * settings. See db_catalog.c for the catalogue tables. */
#include "pg_internal.h"
#include "trapp/ident.h"
#include "trapp/text.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Each entry migrates from version i to i+1. Never edit a shipped entry:
 * add a new one. */
static const char *const migrations[] = {
	/* 0 -> 1: catalogue */
	"CREATE TABLE level_model(id INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE);"
	"CREATE TABLE level(id INTEGER PRIMARY KEY,"
	" model_id INTEGER NOT NULL REFERENCES level_model(id) ON DELETE CASCADE,"
	" code TEXT NOT NULL, ord INTEGER NOT NULL, name TEXT NOT NULL,"
	" subtitle TEXT NOT NULL DEFAULT '', goal TEXT NOT NULL DEFAULT '',"
	" commitments TEXT NOT NULL DEFAULT '', access TEXT NOT NULL DEFAULT '',"
	" description TEXT NOT NULL DEFAULT '', prevention TEXT NOT NULL,"
	" source TEXT NOT NULL DEFAULT '', UNIQUE(model_id, code));"
	"CREATE TABLE kommune(id INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE,"
	" name TEXT NOT NULL, model_id INTEGER NOT NULL REFERENCES level_model(id),"
	" historical INTEGER NOT NULL DEFAULT 0, source TEXT NOT NULL DEFAULT '');"
	"CREATE TABLE need(id INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE,"
	" label TEXT NOT NULL, description TEXT NOT NULL DEFAULT '');"
	"CREATE TABLE service(id INTEGER PRIMARY KEY,"
	" kommune_id INTEGER NOT NULL REFERENCES kommune(id) ON DELETE CASCADE,"
	" slug TEXT NOT NULL, name TEXT NOT NULL, description TEXT NOT NULL DEFAULT '',"
	" age_text TEXT NOT NULL DEFAULT '',"
	" age_basis TEXT NOT NULL CHECK(age_basis IN ('stated','text','inferred','unknown')),"
	" target_group TEXT NOT NULL DEFAULT '', target TEXT NOT NULL,"
	" level_text TEXT NOT NULL DEFAULT '', responsible TEXT NOT NULL DEFAULT '',"
	" category TEXT NOT NULL DEFAULT '', organisation TEXT NOT NULL DEFAULT '',"
	" cooperation TEXT NOT NULL DEFAULT '', implementation TEXT NOT NULL DEFAULT '',"
	" evaluation TEXT NOT NULL DEFAULT '', address TEXT NOT NULL DEFAULT '',"
	" opening_hours TEXT NOT NULL DEFAULT '', source TEXT NOT NULL DEFAULT '',"
	" UNIQUE(kommune_id, slug));"
	"CREATE TABLE service_level(service_id INTEGER NOT NULL REFERENCES service(id) ON DELETE CASCADE,"
	" level_id INTEGER NOT NULL REFERENCES level(id), PRIMARY KEY(service_id, level_id)) WITHOUT ROWID;"
	"CREATE TABLE service_age(service_id INTEGER NOT NULL REFERENCES service(id) ON DELETE CASCADE,"
	" lo INTEGER NOT NULL, hi INTEGER NOT NULL, CHECK(lo >= 0 AND lo <= hi AND hi <= 120));"
	"CREATE INDEX service_age_sid ON service_age(service_id);"
	"CREATE TABLE service_need(service_id INTEGER NOT NULL REFERENCES service(id) ON DELETE CASCADE,"
	" need_id INTEGER NOT NULL REFERENCES need(id), PRIMARY KEY(service_id, need_id)) WITHOUT ROWID;"
	"CREATE TABLE setting(key TEXT PRIMARY KEY, value TEXT NOT NULL);",

	/* 1 -> 2: knowledge from the plans: factors, forums, grips, table 8 */
	"CREATE TABLE factor(id INTEGER PRIMARY KEY,"
	" kommune_id INTEGER NOT NULL REFERENCES kommune(id) ON DELETE CASCADE,"
	" kind TEXT NOT NULL CHECK(kind IN ('risiko','beskyttelse')), ord INTEGER NOT NULL,"
	" name TEXT NOT NULL, description TEXT NOT NULL DEFAULT '', source TEXT NOT NULL DEFAULT '');"
	"CREATE TABLE forum(id INTEGER PRIMARY KEY,"
	" kommune_id INTEGER NOT NULL REFERENCES kommune(id) ON DELETE CASCADE,"
	" ord INTEGER NOT NULL, name TEXT NOT NULL, level TEXT NOT NULL DEFAULT '',"
	" function TEXT NOT NULL DEFAULT '', case_types TEXT NOT NULL DEFAULT '',"
	" participants TEXT NOT NULL DEFAULT '', responsible TEXT NOT NULL DEFAULT '',"
	" frequency TEXT NOT NULL DEFAULT '', source TEXT NOT NULL DEFAULT '');"
	"CREATE TABLE grip(id INTEGER PRIMARY KEY,"
	" kommune_id INTEGER NOT NULL REFERENCES kommune(id) ON DELETE CASCADE,"
	" area_ord INTEGER NOT NULL, area TEXT NOT NULL,"
	" kind TEXT NOT NULL CHECK(kind IN ('grep','tiltak')), ord INTEGER NOT NULL,"
	" text TEXT NOT NULL, responsible TEXT NOT NULL DEFAULT '', source TEXT NOT NULL DEFAULT '');"
	"CREATE TABLE behaviour_rule(id INTEGER PRIMARY KEY,"
	" kommune_id INTEGER NOT NULL REFERENCES kommune(id) ON DELETE CASCADE,"
	" severity TEXT NOT NULL CHECK(severity IN ('alvorlig','moderat','disiplin')),"
	" severity_text TEXT NOT NULL DEFAULT '', age_min INTEGER NOT NULL, age_max INTEGER NOT NULL,"
	" age_band TEXT NOT NULL DEFAULT '', help TEXT NOT NULL DEFAULT '',"
	" method TEXT NOT NULL DEFAULT '', source TEXT NOT NULL DEFAULT '');",

	/* 2 -> 3: plans (stafettlogg). Services are referenced by (the plan's
	 * kommune, slug) with the name kept, never by row id, so catalogue
	 * re-imports never break a plan. */
#define ISO_DATE "GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'"
#define PLAN_REF " plan_id INTEGER NOT NULL REFERENCES plan(id),"
	"CREATE TABLE plan(id INTEGER PRIMARY KEY, child TEXT NOT NULL CHECK(child <> ''),"
	" born TEXT NOT NULL CHECK(born GLOB '[12][0-9][0-9][0-9]' OR born " ISO_DATE "),"
	" unit TEXT NOT NULL DEFAULT '', kommune TEXT NOT NULL CHECK(kommune <> ''),"
	" level INTEGER NOT NULL CHECK(level BETWEEN 0 AND 3),"
	" created TEXT NOT NULL CHECK(created " ISO_DATE "), closed TEXT CHECK(closed " ISO_DATE "),"
	" close_reason TEXT CHECK(close_reason IN ('mal-nadd','samtykke-trukket','overfort-ip',"
	"'overfort-barnekoordinator','flyttet')), CHECK((closed IS NULL) = (close_reason IS NULL)));"
	"CREATE TRIGGER plan_closed_read_only BEFORE UPDATE ON plan WHEN OLD.closed IS NOT NULL"
	" BEGIN SELECT RAISE(ABORT, 'planen er avsluttet og kan ikke endres'); END;"
	"CREATE TABLE plan_level(id INTEGER PRIMARY KEY," PLAN_REF
	" date TEXT NOT NULL CHECK(date " ISO_DATE "),"
	" from_level INTEGER CHECK(from_level BETWEEN 0 AND 3),"
	" to_level INTEGER NOT NULL CHECK(to_level BETWEEN 0 AND 3), why TEXT NOT NULL CHECK(why <> ''),"
	" CHECK(from_level IS NULL OR from_level <> to_level));"
	"CREATE TABLE plan_concern(id INTEGER PRIMARY KEY," PLAN_REF
	" date TEXT NOT NULL CHECK(date " ISO_DATE "), text TEXT NOT NULL CHECK(text <> ''),"
	" noticed_by TEXT NOT NULL CHECK(noticed_by <> ''));"
	"CREATE TABLE plan_holder(id INTEGER PRIMARY KEY," PLAN_REF
	" name TEXT NOT NULL CHECK(name <> ''), service TEXT NOT NULL DEFAULT '',"
	" proposed TEXT NOT NULL CHECK(proposed " ISO_DATE "), accepted TEXT CHECK(accepted " ISO_DATE "),"
	" state TEXT NOT NULL CHECK(state IN ('foreslatt','akseptert','erstattet')),"
	" CHECK((state = 'akseptert') = (accepted IS NOT NULL)));"
	"CREATE UNIQUE INDEX plan_holder_one_proposal ON plan_holder(plan_id) WHERE state = 'foreslatt';"
	"CREATE TABLE plan_consent(id INTEGER PRIMARY KEY," PLAN_REF
	" kind TEXT NOT NULL CHECK(kind IN ('samtykke','nekting')),"
	" given_by TEXT NOT NULL CHECK(given_by IN ('foreldre','ungdom')),"
	" date TEXT NOT NULL CHECK(date " ISO_DATE "), expires TEXT CHECK(expires " ISO_DATE "),"
	" withdrawn TEXT CHECK(withdrawn " ISO_DATE "),"
	" CHECK(kind = 'samtykke' OR (expires IS NULL AND withdrawn IS NULL)),"
	" CHECK(expires IS NULL OR expires >= date), CHECK(withdrawn IS NULL OR withdrawn >= date));"
	"CREATE TABLE plan_consent_scope(id INTEGER PRIMARY KEY,"
	" consent_id INTEGER NOT NULL REFERENCES plan_consent(id),"
	" slug TEXT NOT NULL CHECK(slug <> ''), name TEXT NOT NULL, UNIQUE(consent_id, slug));"
	"CREATE TABLE plan_service(id INTEGER PRIMARY KEY," PLAN_REF
	" slug TEXT NOT NULL CHECK(slug <> ''), name TEXT NOT NULL, role TEXT NOT NULL DEFAULT '',"
	" added TEXT NOT NULL CHECK(added " ISO_DATE "), UNIQUE(plan_id, slug));"
	"CREATE TABLE plan_person(id INTEGER PRIMARY KEY," PLAN_REF
	" name TEXT NOT NULL CHECK(name <> ''), role TEXT NOT NULL CHECK(role <> ''),"
	" contact TEXT NOT NULL DEFAULT '', added TEXT NOT NULL CHECK(added " ISO_DATE "));"
	"CREATE TABLE plan_goal(id INTEGER PRIMARY KEY," PLAN_REF
	" no INTEGER NOT NULL CHECK(no > 0), text TEXT NOT NULL CHECK(text <> ''),"
	" status TEXT NOT NULL CHECK(status IN ('aktiv','nadd','delvis-nadd','ikke-nadd','avbrutt')),"
	" created TEXT NOT NULL CHECK(created " ISO_DATE "), UNIQUE(plan_id, no));"
	"CREATE TABLE plan_step(id INTEGER PRIMARY KEY," PLAN_REF
	" no INTEGER NOT NULL CHECK(no > 0), what TEXT NOT NULL CHECK(what <> ''),"
	" who TEXT NOT NULL CHECK(who <> ''), service_slug TEXT NOT NULL DEFAULT '',"
	" service_name TEXT NOT NULL DEFAULT '', due TEXT NOT NULL CHECK(due " ISO_DATE "),"
	" evaluate TEXT CHECK(evaluate " ISO_DATE "),"
	" status TEXT NOT NULL CHECK(status IN ('planlagt','pagar','fullfort','avbrutt')),"
	" evaluation TEXT NOT NULL DEFAULT '', created TEXT NOT NULL CHECK(created " ISO_DATE "),"
	" UNIQUE(plan_id, no));"
	"CREATE TABLE plan_meeting(id INTEGER PRIMARY KEY," PLAN_REF
	" no INTEGER NOT NULL CHECK(no > 0), date TEXT NOT NULL CHECK(date " ISO_DATE "),"
	" attended TEXT NOT NULL DEFAULT '', notes TEXT NOT NULL CHECK(notes <> ''), UNIQUE(plan_id, no));"
	"CREATE TABLE plan_meeting_step(meeting_id INTEGER NOT NULL REFERENCES plan_meeting(id),"
	" step_id INTEGER NOT NULL REFERENCES plan_step(id), PRIMARY KEY(meeting_id, step_id)) WITHOUT ROWID;"
	"CREATE TABLE plan_audit(id INTEGER PRIMARY KEY," PLAN_REF
	" at TEXT NOT NULL CHECK(at GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-6][0-9]Z'),"
	" who TEXT NOT NULL CHECK(who <> ''), what TEXT NOT NULL CHECK(what <> ''));"
	"CREATE TRIGGER plan_audit_no_update BEFORE UPDATE ON plan_audit"
	" BEGIN SELECT RAISE(ABORT, 'endringsloggen kan bare utvides'); END;"
	"CREATE TRIGGER plan_audit_no_delete BEFORE DELETE ON plan_audit"
	" BEGIN SELECT RAISE(ABORT, 'endringsloggen kan bare utvides'); END;"
	"CREATE INDEX plan_level_plan ON plan_level(plan_id);"
	"CREATE INDEX plan_concern_plan ON plan_concern(plan_id);"
	"CREATE INDEX plan_consent_plan ON plan_consent(plan_id);"
	"CREATE INDEX plan_person_plan ON plan_person(plan_id);"
	"CREATE INDEX plan_audit_plan ON plan_audit(plan_id);",
#undef PLAN_REF
#undef ISO_DATE

	/* 3 -> 4: the needs a plan is about (need codes), for suggestions */
	("CREATE TABLE plan_need(plan_id INTEGER NOT NULL REFERENCES plan(id),"
	 " need TEXT NOT NULL REFERENCES need(code), PRIMARY KEY(plan_id, need)) WITHOUT ROWID;"),

	/* 4 -> 5: a service's other spellings in the source and the curation
	 * notes (what was inferred and why); the seed fills them for the
	 * shipped catalogues */
	("ALTER TABLE service ADD COLUMN aliases TEXT NOT NULL DEFAULT '';"
	 "ALTER TABLE service ADD COLUMN notes TEXT NOT NULL DEFAULT '';"),

	/* 5 -> 6: indexes for national scale: a plan's stafettholders (the
	 * table was scanned once per plan), the open plans (due), and the plan
	 * list's order (open first, then by id) so a page is read in order. */
	("CREATE INDEX plan_holder_plan ON plan_holder(plan_id);"
	 "CREATE INDEX plan_open ON plan(id) WHERE closed IS NULL;"
	 "CREATE INDEX plan_list_order ON plan(closed IS NOT NULL, id);"),

	/* 6 -> 7: optimistic versions. Every plan item has a version that a
	 * trigger raises on each change (the plan's own is raised by every
	 * change to the plan, in plan_change.c); audit rows hold the item and
	 * its old and new value. */
	("ALTER TABLE plan ADD COLUMN version INTEGER NOT NULL DEFAULT 1;"
	 "ALTER TABLE plan_goal ADD COLUMN version INTEGER NOT NULL DEFAULT 1;"
	 "CREATE TRIGGER plan_goal_version AFTER UPDATE ON plan_goal WHEN NEW.version = OLD.version"
	 " BEGIN UPDATE plan_goal SET version = OLD.version + 1 WHERE id = NEW.id; END;"
	 "ALTER TABLE plan_step ADD COLUMN version INTEGER NOT NULL DEFAULT 1;"
	 "CREATE TRIGGER plan_step_version AFTER UPDATE ON plan_step WHEN NEW.version = OLD.version"
	 " BEGIN UPDATE plan_step SET version = OLD.version + 1 WHERE id = NEW.id; END;"
	 "ALTER TABLE plan_consent ADD COLUMN version INTEGER NOT NULL DEFAULT 1;"
	 "CREATE TRIGGER plan_consent_version AFTER UPDATE ON plan_consent WHEN NEW.version = OLD.version"
	 " BEGIN UPDATE plan_consent SET version = OLD.version + 1 WHERE id = NEW.id; END;"
	 "ALTER TABLE plan_holder ADD COLUMN version INTEGER NOT NULL DEFAULT 1;"
	 "CREATE TRIGGER plan_holder_version AFTER UPDATE ON plan_holder WHEN NEW.version = OLD.version"
	 " BEGIN UPDATE plan_holder SET version = OLD.version + 1 WHERE id = NEW.id; END;"
	 "ALTER TABLE plan_service ADD COLUMN version INTEGER NOT NULL DEFAULT 1;"
	 "CREATE TRIGGER plan_service_version AFTER UPDATE ON plan_service WHEN NEW.version = OLD.version"
	 " BEGIN UPDATE plan_service SET version = OLD.version + 1 WHERE id = NEW.id; END;"
	 "ALTER TABLE plan_person ADD COLUMN version INTEGER NOT NULL DEFAULT 1;"
	 "CREATE TRIGGER plan_person_version AFTER UPDATE ON plan_person WHEN NEW.version = OLD.version"
	 " BEGIN UPDATE plan_person SET version = OLD.version + 1 WHERE id = NEW.id; END;"
	 "ALTER TABLE plan_meeting ADD COLUMN version INTEGER NOT NULL DEFAULT 1;"
	 "CREATE TRIGGER plan_meeting_version AFTER UPDATE ON plan_meeting WHEN NEW.version = OLD.version"
	 " BEGIN UPDATE plan_meeting SET version = OLD.version + 1 WHERE id = NEW.id; END;"
	 "ALTER TABLE plan_concern ADD COLUMN version INTEGER NOT NULL DEFAULT 1;"
	 "CREATE TRIGGER plan_concern_version AFTER UPDATE ON plan_concern WHEN NEW.version = OLD.version"
	 " BEGIN UPDATE plan_concern SET version = OLD.version + 1 WHERE id = NEW.id; END;"
	 "ALTER TABLE plan_audit ADD COLUMN item TEXT NOT NULL DEFAULT '';"
	 "ALTER TABLE plan_audit ADD COLUMN old_value TEXT NOT NULL DEFAULT '';"
	 "ALTER TABLE plan_audit ADD COLUMN new_value TEXT NOT NULL DEFAULT '';"
	 "CREATE INDEX plan_audit_item ON plan_audit(plan_id, item);"),

	/* 7 -> 8: the curated values of services an import removed (target,
	 * needs, curated ages, notes, aliases), so that a later import bringing
	 * the service back restores them and its id */
	("CREATE TABLE service_removed(id INTEGER PRIMARY KEY,"
	 " kommune_id INTEGER NOT NULL REFERENCES kommune(id) ON DELETE CASCADE,"
	 " slug TEXT NOT NULL, name TEXT NOT NULL, target TEXT NOT NULL, needs TEXT NOT NULL,"
	 " age_ranges TEXT NOT NULL, age_basis TEXT NOT NULL, notes TEXT NOT NULL,"
	 " aliases TEXT NOT NULL, source TEXT NOT NULL, UNIQUE(kommune_id, slug));"),

	/* 8 -> 9: who is who. Users (display name, kommune administrator) by
	 * login; plan members with roles; the read log; corrections; erasure;
	 * the SHA-256 chain over audit and read-log rows. trapp_login() and
	 * trapp_sha256() are this connection's SQL functions (db_open). The
	 * login that migrates becomes the administrator and the stafettholder
	 * member of every existing plan: until now whoever could open the file
	 * saw every plan. The shared "user.name" setting becomes that login's
	 * display name. Existing audit rows are chained in id order; the content
	 * hash covers the text, the item and its old and new value. */
	("CREATE TABLE app_user(login TEXT PRIMARY KEY CHECK(login <> ''),"
	 " name TEXT NOT NULL DEFAULT '', admin INTEGER NOT NULL DEFAULT 0 CHECK(admin IN (0, 1)));"
	 "INSERT INTO app_user(login, name, admin) VALUES(trapp_login(),"
	 " coalesce((SELECT value FROM setting WHERE key = 'user.name'), ''), 1);"
	 "DELETE FROM setting WHERE key = 'user.name';"
	 "CREATE TABLE plan_member(id INTEGER PRIMARY KEY, plan_id INTEGER NOT NULL REFERENCES plan(id),"
	 " login TEXT NOT NULL CHECK(login <> ''),"
	 " role TEXT NOT NULL CHECK(role IN ('stafettholder','aktor','leder','lesetilgang')),"
	 " service TEXT NOT NULL DEFAULT '', added TEXT NOT NULL, UNIQUE(plan_id, login),"
	 " CHECK((role = 'aktor') = (service <> '')));"
	 "CREATE UNIQUE INDEX plan_member_one_holder ON plan_member(plan_id) WHERE role = 'stafettholder';"
	 "CREATE INDEX plan_member_login ON plan_member(login);"
	 "INSERT INTO plan_member(plan_id, login, role, added)"
	 " SELECT id, trapp_login(), 'stafettholder', date('now') FROM plan;"
	 "ALTER TABLE plan_holder ADD COLUMN login TEXT;"
	 "ALTER TABLE plan ADD COLUMN erased TEXT;"
	 "DROP TRIGGER plan_closed_read_only;"
	 "CREATE TRIGGER plan_closed_read_only BEFORE UPDATE ON plan WHEN OLD.closed IS NOT NULL"
	 " AND NOT (OLD.erased IS NULL AND NEW.erased IS NOT NULL)"
	 " BEGIN SELECT RAISE(ABORT, 'planen er avsluttet og kan ikke endres'); END;"
	 "CREATE TABLE plan_correction(id INTEGER PRIMARY KEY, plan_id INTEGER NOT NULL REFERENCES plan(id),"
	 " field TEXT NOT NULL CHECK(field <> ''), row_id INTEGER NOT NULL DEFAULT 0);"
	 "CREATE TABLE plan_access(id INTEGER PRIMARY KEY, plan_id INTEGER NOT NULL REFERENCES plan(id),"
	 " at TEXT NOT NULL, who TEXT NOT NULL CHECK(who <> ''),"
	 " how TEXT NOT NULL CHECK(how IN ('vis','eksport','motevisning','utskrift')),"
	 " hash TEXT NOT NULL);"
	 "CREATE INDEX plan_access_plan ON plan_access(plan_id);"
	 "CREATE TRIGGER plan_access_no_update BEFORE UPDATE ON plan_access"
	 " BEGIN SELECT RAISE(ABORT, 'lesingsloggen kan bare utvides'); END;"
	 "CREATE TRIGGER plan_access_no_delete BEFORE DELETE ON plan_access"
	 " BEGIN SELECT RAISE(ABORT, 'lesingsloggen kan bare utvides'); END;"
	 "ALTER TABLE plan_audit ADD COLUMN action TEXT NOT NULL DEFAULT 'endring';"
	 "ALTER TABLE plan_audit ADD COLUMN erased INTEGER NOT NULL DEFAULT 0;"
	 "ALTER TABLE plan_audit ADD COLUMN content_hash TEXT;"
	 "ALTER TABLE plan_audit ADD COLUMN hash TEXT;"
	 "DROP TRIGGER plan_audit_no_update;"
	 "UPDATE plan_audit SET content_hash = trapp_sha256(what || char(31) || item || char(31) || old_value"
	 " || char(31) || new_value);"
	 "CREATE TEMP TABLE audit_chain AS WITH RECURSIVE c(id, h) AS (SELECT 0, ''"
	 " UNION ALL SELECT a.id, trapp_sha256(c.h || '|' || a.id || '|' || a.plan_id || '|' || a.at"
	 " || '|' || a.who || '|' || a.action || '|' || a.content_hash)"
	 " FROM c JOIN plan_audit a ON a.id = (SELECT min(id) FROM plan_audit WHERE id > c.id))"
	 " SELECT id, h FROM c WHERE id > 0;"
	 "UPDATE plan_audit SET hash = (SELECT h FROM temp.audit_chain c WHERE c.id = plan_audit.id);"
	 "DROP TABLE temp.audit_chain;"
	 "CREATE TRIGGER plan_audit_no_update BEFORE UPDATE ON plan_audit WHEN NOT (OLD.erased = 0"
	 " AND NEW.erased = 1 AND NEW.what = 'slettet' AND NEW.id = OLD.id AND NEW.plan_id = OLD.plan_id"
	 " AND NEW.at = OLD.at AND NEW.who = OLD.who AND NEW.action = OLD.action"
	 " AND NEW.content_hash IS OLD.content_hash AND NEW.hash IS OLD.hash AND NEW.item = OLD.item"
	 " AND NEW.old_value = '' AND NEW.new_value = '')"
	 " BEGIN SELECT RAISE(ABORT, 'endringsloggen kan bare utvides'); END;"),

	/* 9 -> 10: the coordinator's day. Two more closing reasons
	 * (overfort-barnevern, annet) and consent given by foresatte and
	 * the youth together (begge): the CHECK lists in plan and
	 * plan_consent are widened in place with writable_schema, SQLite's
	 * documented way to change a CHECK without rebuilding the table
	 * (a rebuild would drop columns that other migrations add); migrate()
	 * then raises the schema version so every connection reads the new
	 * definitions (the columns are added first: ALTER TABLE
	 * works from the parsed definition), and the temporary guard fails the migration if a
	 * definition did not read as expected. A plan keeps why it was
	 * closed ("annet") and its closing summary (the evaluation of the
	 * goals); a consent keeps the names of the foresatte who gave it. */
	("ALTER TABLE plan ADD COLUMN close_why TEXT NOT NULL DEFAULT '';"
	 "ALTER TABLE plan ADD COLUMN close_summary TEXT NOT NULL DEFAULT '';"
	 "ALTER TABLE plan_consent ADD COLUMN guardians TEXT NOT NULL DEFAULT '';"
	 "PRAGMA writable_schema = ON;"
	 "UPDATE sqlite_schema SET sql = replace(sql, '''overfort-barnekoordinator'',''flyttet'')',"
	 " '''overfort-barnekoordinator'',''flyttet'',''overfort-barnevern'',''annet'')')"
	 " WHERE type = 'table' AND name = 'plan';"
	 "UPDATE sqlite_schema SET sql = replace(sql, 'given_by IN (''foreldre'',''ungdom'')',"
	 " 'given_by IN (''foreldre'',''ungdom'',''begge'')') WHERE type = 'table' AND name = 'plan_consent';"
	 "PRAGMA writable_schema = OFF;"
	 "CREATE TEMP TABLE migration_guard(ok INTEGER CHECK(ok = 1));"
	 "INSERT INTO temp.migration_guard SELECT instr(sql, '''annet''') > 0 FROM sqlite_schema"
	 " WHERE type = 'table' AND name = 'plan';"
	 "INSERT INTO temp.migration_guard SELECT instr(sql, '''begge''') > 0 FROM sqlite_schema"
	 " WHERE type = 'table' AND name = 'plan_consent';"
	 "DROP TABLE temp.migration_guard;"),
};

_Static_assert(sizeof migrations / sizeof migrations[0] == DB_SCHEMA_VERSION,
	       "one migration per schema version");

/* The statement cache: open addressing on the address of the SQL text
 * (callers pass string constants), checked against the statement's text. */
sqlite3_stmt *dbi_cached(struct db *db, const char *sql)
{
	uintptr_t h = (uintptr_t)sql;
	h ^= h >> 17;
	for (size_t k = 0; k < DBI_CACHE; k++) {
		size_t i = (h + k) % DBI_CACHE;
		sqlite3_stmt *st = db->cache[i];
		if (!st) {
			st = dbi_prep(db, sql);
			if (st) {
				db->cache[i] = st;
				db->cache_key[i] = sql;
			}
			return st;
		}
		if (db->cache_key[i] == sql) {
			sqlite3_reset(st);
			return st;
		}
	}
	return dbi_prep(db, sql);  /* full: an ordinary statement */
}

void dbi_done(struct db *db, sqlite3_stmt *st)
{
	if (!st)
		return;
	for (size_t i = 0; i < DBI_CACHE; i++)
		if (db->cache[i] == st) {
			sqlite3_reset(st);
			sqlite3_clear_bindings(st);  /* no pointer to the caller's text kept */
			return;
		}
	sqlite3_finalize(st);
}

int dbi_step_done(struct db *db, sqlite3_stmt *st)
{
	int rc = sqlite3_step(st);
	int ret = 0;
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		ret = dbi_fail(db, sqlite3_sql(st));
	dbi_done(db, st);
	return ret;
}

sqlite3_stmt *dbi_prep(struct db *db, const char *sql)
{
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(db->h, sql, -1, &st, NULL) != SQLITE_OK) {
		dbi_fail(db, sql);
		return NULL;
	}
	return st;
}

/* A bokmål sentence for the errors a user can act on, or NULL. */
static const char *plain_error(struct db *db)
{
	switch (sqlite3_errcode(db->h) & 0xff) {
	case SQLITE_READONLY:
		return "databasen kan ikke skrives (skrivebeskyttet fil, mappe eller -wal/-shm-fil): "
		       "ingenting er endret. Sjekk rettighetene med ls -l og gi deg skrivetilgang";
	case SQLITE_FULL:
		return "disken er full: ingenting er endret. Frigjør plass og prøv igjen";
	case SQLITE_BUSY:
		return "databasen er opptatt av et annet trapp-vindu for lenge: ingenting er endret. "
		       "Prøv igjen";
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB:
		return "databasefilen er skadet: kjør «trapp check» (og «trapp check --salvage NY.db»)";
	default:
		return NULL;
	}
}

int dbi_fail(struct db *db, const char *sql)
{
	sb_reset(&db->err);
	const char *plain = plain_error(db);
	if (plain)
		sb_printf(&db->err, "%s: %s", db->path, plain);
	else
		sb_printf(&db->err, "Databasefeil: %s [SQL: %.200s]", sqlite3_errmsg(db->h), sql);
	return -1;
}

void dbi_text(sqlite3_stmt *st, int i, const char *s)
{
	sqlite3_bind_text(st, i, s ? s : "", -1, SQLITE_TRANSIENT);
}

int dbi_exec_stmt(struct db *db, sqlite3_stmt *st)
{
	int rc = sqlite3_step(st);
	int ret = 0;
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		ret = dbi_fail(db, sqlite3_sql(st));
	sqlite3_finalize(st);
	return ret;
}

int dbi_exec(struct db *db, const char *sql)
{
	char *msg = NULL;
	if (sqlite3_exec(db->h, sql, NULL, NULL, &msg) != SQLITE_OK) {
		sb_reset(&db->err);
		const char *plain = plain_error(db);
		if (plain)
			sb_printf(&db->err, "%s: %s", db->path, plain);
		else
			sb_printf(&db->err, "Databasefeil: %s [SQL: %.200s]", msg ? msg : "?", sql);
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

char *dbi_col(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);
	return xstrdup(t ? (const char *)t : "");
}

long long dbi_id(struct db *db, const char *sql, const char *param)
{
	sqlite3_stmt *st = dbi_prep(db, sql);
	if (!st)
		return -2;
	dbi_text(st, 1, param);
	long long id = -1;
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		id = sqlite3_column_int64(st, 0);
	else if (rc != SQLITE_DONE)
		id = -2, dbi_fail(db, sql);
	sqlite3_finalize(st);
	return id;
}

char *db_default_path(const char *explicit_path, int *is_default)
{
	*is_default = 0;
	if (explicit_path)  /* "" too: db_open refuses it rather than guess */
		return xstrdup(explicit_path);
	const char *env = getenv("TRAPP_DB");
	if (!str_empty(env))
		return xstrdup(env);
	*is_default = 1;
	const char *xdg = getenv("XDG_DATA_HOME");
	if (!str_empty(xdg) && xdg[0] == '/')
		return xasprintf("%s/trapp/trapp.db", xdg);
	const char *home = getenv("HOME");
	return xasprintf("%s/.local/share/trapp/trapp.db", str_empty(home) ? "." : home);
}

/* mkdir -p for the directory part of path, new directories 0700. */
static int make_parent_dirs(const char *path, struct strbuf *err)
{
	char *dir = xstrdup(path);
	char *slash = strrchr(dir, '/');
	if (!slash || slash == dir) {
		free(dir);
		return 0;
	}
	*slash = '\0';
	for (char *p = dir + 1;; p++) {
		if (*p == '/' || *p == '\0') {
			char c = *p;
			*p = '\0';
			if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
				sb_printf(err, "Kan ikke opprette mappen %s: %s", dir, strerror(errno));
				free(dir);
				return -1;
			}
			*p = c;
			if (!c)
				break;
		}
	}
	free(dir);
	return 0;
}

/* SQL functions the migrations use: trapp_login() (the acting login) and
 * trapp_sha256(text) (lowercase hex; NULL for NULL), and trapp_fold(text)
 * for searching. Not used in any
 * table definition, so the stock sqlite3 shell still reads the schema. */
static void sql_login(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	(void)argc, (void)argv;
	sqlite3_result_text(cx, ident_login(), -1, SQLITE_TRANSIENT);
}

static void sql_sha256(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	(void)argc;
	if (sqlite3_value_type(argv[0]) == SQLITE_NULL) {
		sqlite3_result_null(cx);
		return;
	}
	const unsigned char *t = sqlite3_value_text(argv[0]);
	char hex[IDENT_SHA256_HEX];
	ident_sha256_hex(t ? (const char *)t : "", (size_t)sqlite3_value_bytes(argv[0]), hex);
	sqlite3_result_text(cx, hex, -1, SQLITE_TRANSIENT);
}

/* trapp_fold(text): case and accents folded as the search folds them
 * (text_fold: "PRØVE" = "prøve"), for the plan list's search. */
static void sql_fold(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	(void)argc;
	const unsigned char *t = sqlite3_value_text(argv[0]);
	if (!t) {
		sqlite3_result_null(cx);
		return;
	}
	char *f = text_fold((const char *)t);
	sqlite3_result_text(cx, f, -1, free);
}

static void register_functions(struct db *db)
{
	sqlite3_create_function(db->h, "trapp_fold", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL, sql_fold, NULL,
				NULL);
	sqlite3_create_function(db->h, "trapp_login", 0, SQLITE_UTF8, NULL, sql_login, NULL, NULL);
	sqlite3_create_function(db->h, "trapp_sha256", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
				sql_sha256, NULL, NULL);
}

int db_file_shared(const struct db *db)
{
	struct stat sb;
	if (stat(db->path, &sb) != 0)
		return 0;
	return (int)(sb.st_mode & 0077);
}

/* An int from a one-row query (PRAGMA, COUNT); -1 with the error set. */
static int query_int(struct db *db, const char *sql)
{
	sqlite3_stmt *st = dbi_prep(db, sql);
	if (!st)
		return -1;
	int v = -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	else
		dbi_fail(db, sql);
	sqlite3_finalize(st);
	return v;
}

static int read_version(struct db *db)
{
	if (db->pg)
		return db->schema;
	return query_int(db, "PRAGMA user_version");
}

/* Tables, indexes, views and triggers in the file: 0 for an empty file. */
static int count_objects(struct db *db) { return query_int(db, "SELECT count(*) FROM sqlite_master"); }

int db_version(struct db *db) { return read_version(db); }

/* The message for a file that is an SQLite database but not ours. */
static void not_ours(struct strbuf *err, const char *path, int objects)
{
	sb_printf(err, "%s er en annen SQLite-database (%d tabeller og andre objekter, "
		  "skjemaversjon 0), ikke en trapp-database: den er ikke endret. Velg en annen fil "
		  "med --db FIL (en ny fil blir en trapp-database)", path, objects);
}

/* After a migration changed table definitions through writable_schema:
 * raise the schema version by one (SQLite's documented procedure), so
 * this and every other connection parse the schema again. */
static int bump_schema_version(struct db *db)
{
	sqlite3_stmt *st = dbi_prep(db, "PRAGMA schema_version");
	if (!st)
		return -1;
	long long v = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
	dbi_done(db, st);
	if (v < 0)
		return dbi_fail(db, "PRAGMA schema_version");
	char sql[64];  /* a pragma value cannot be bound; the value is our own integer */
	snprintf(sql, sizeof sql, "PRAGMA schema_version = %lld", v + 1);
	return dbi_exec(db, sql);
}

/* Migrate to version `to` in one BEGIN IMMEDIATE transaction. The version
 * is read again inside it: of several processes starting at once on a new
 * or older file, the first to take the write lock migrates and the others
 * then find the work done (reading it before the lock raced: "table
 * level_model already exists"). */
static int migrate(struct db *db, int to, db_seed_fn seed, struct strbuf *err)
{
	if (db_begin(db) != 0)
		goto fail;
	int from = read_version(db);
	int objects = from == 0 ? count_objects(db) : 0;
	if (from < 0 || objects < 0)
		goto fail;
	if (from == 0 && objects > 0) {
		db_rollback(db);
		not_ours(err, db->path, objects);
		return -1;
	}
	if (from >= to) {
		db_rollback(db);
		db->schema = from;  /* another process migrated meanwhile */
		return 0;
	}
	for (int v = from; v < to; v++) {
		if (dbi_exec(db, migrations[v]) != 0)
			goto fail;
		/* edited sqlite_schema itself: parse again before the next one */
		if (strstr(migrations[v], "writable_schema") && bump_schema_version(db) != 0)
			goto fail;
	}
	/* user_version cannot be bound; the value is our own integer */
	char sql[64];
	snprintf(sql, sizeof sql, "PRAGMA user_version = %d", to);
	if (dbi_exec(db, sql) != 0)
		goto fail;
	db->schema = to;
	if (seed) {
		struct strbuf serr = {0};
		if (seed(db, from, to, &serr) != 0) {
			sb_reset(&db->err);
			sb_printf(&db->err, "Innlasting av katalogen feilet: %s", sb_str(&serr));
			sb_free(&serr);
			goto fail;
		}
		sb_free(&serr);
	}
	if (db_commit(db) != 0)
		goto fail;
	return 0;
fail:
	db_rollback(db);
	sb_printf(err, "%s: %s", db->path, db_error(db));
	return -1;
}

/* Single-quote path for a shell command when it needs it. */
static void shell_word(struct strbuf *sb, const char *s)
{
	if (s[strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/._-+")] == '\0') {
		sb_puts(sb, s);
		return;
	}
	sb_putc(sb, '\'');
	for (; *s; s++)
		if (*s == '\'')
			sb_puts(sb, "'\\''");
		else
			sb_putc(sb, *s);
	sb_putc(sb, '\'');
}

static char *parent_dir(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	return xstrndup(path, (size_t)(slash - path));
}

/* Open the file read-only; a WAL database in a directory nobody may write
 * to (no -shm can be made) is opened as immutable. */
static int open_read_only(struct db *db)
{
	int rc = sqlite3_open_v2(db->path, &db->h, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL);
	if (rc == SQLITE_OK && read_version(db) >= 0 && count_objects(db) >= 0)
		return 0;
	sqlite3_close(db->h);
	db->h = NULL;
	sqlite3_str *uri = sqlite3_str_new(NULL);
	sqlite3_str_appendall(uri, "file:");
	for (const unsigned char *p = (const unsigned char *)db->path; *p; p++)
		if (*p == '?' || *p == '#' || *p == '%' || *p < 0x20)
			sqlite3_str_appendf(uri, "%%%02X", *p);
		else
			sqlite3_str_appendchar(uri, 1, (char)*p);
	sqlite3_str_appendall(uri, "?immutable=1");
	char *u = sqlite3_str_finish(uri);
	rc = sqlite3_open_v2(u ? u : "", &db->h,
			     SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, NULL);
	sqlite3_free(u);
	return rc == SQLITE_OK ? 0 : -1;
}

/* Why the file cannot be written (bokmål), or NULL when it can. */
static const char *write_block(const char *path, const char *dir)
{
	if (access(path, W_OK) != 0)
		return "filen er skrivebeskyttet";
	if (access(dir, W_OK) != 0)
		return "mappen den ligger i er skrivebeskyttet";
	return NULL;
}

struct db *db_open(const char *path, int target_version, db_seed_fn seed, struct strbuf *err)
{
	if (pg_is_conninfo(path))
		return pg_open(path, target_version, seed, err);
	int target = target_version > 0 ? target_version : DB_SCHEMA_VERSION;
	if (str_empty(path)) {
		sb_puts(err, "Databasefilen er tom («--db \"\"»): skriv navnet på en fil, "
			"eller sløyfe --db for standardfilen");
		return NULL;
	}
	struct stat sbuf;
	int existed = stat(path, &sbuf) == 0;
	if (existed && !S_ISREG(sbuf.st_mode)) {
		sb_printf(err, "%s er ikke en vanlig fil: velg en databasefil med --db FIL", path);
		return NULL;
	}
	if (!existed && make_parent_dirs(path, err) != 0)
		return NULL;
	struct db *db = xcalloc(1, sizeof *db);
	db->path = xstrdup(path);
	char *dir = parent_dir(path);
	const char *block = existed ? write_block(path, dir) : NULL;
	if (!existed && access(dir, W_OK) != 0) {
		sb_printf(err, "Kan ikke opprette databasen %s: mappen %s er skrivebeskyttet. "
			  "Velg en annen fil med --db FIL, eller gi deg skrivetilgang: chmod u+w ",
			  path, dir);
		shell_word(err, dir);
		goto fail;
	}
	int rc;
	if (block) {
		db->read_only = 1;
		rc = open_read_only(db) == 0 ? SQLITE_OK : SQLITE_CANTOPEN;
	} else {
		mode_t old = umask(077);  /* the file, -wal and -shm are created 0600 */
		rc = sqlite3_open_v2(path, &db->h,
				     SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
		umask(old);
	}
	if (rc != SQLITE_OK) {
		sb_printf(err, "Kan ikke åpne databasen %s: %s", path,
			  db->h ? sqlite3_errmsg(db->h) : "tomt for minne");
		goto fail;
	}
	sqlite3_busy_timeout(db->h, 5000);
	register_functions(db);
	sqlite3_extended_result_codes(db->h, 1);
	/* Read before anything that writes (WAL switches the file header), so
	 * a newer or a foreign database stays byte-for-byte unchanged. */
	int v = read_version(db);
	db->schema = v;
	int objects = v == 0 ? count_objects(db) : 0;
	if (v < 0 || objects < 0) {
		if ((sqlite3_errcode(db->h) & 0xff) == SQLITE_NOTADB)
			sb_printf(err, "%s er ikke en trapp-database (ikke en SQLite-fil); den er ikke "
				  "endret. Velg en annen fil med --db FIL", path);
		else
			sb_printf(err, "Kan ikke lese databasen %s: %s", path, sqlite3_errmsg(db->h));
		goto fail;
	}
	if (v > DB_SCHEMA_VERSION) {
		sb_printf(err, "Databasen %s har skjemaversjon %d, men denne trapp kjenner bare "
			  "til versjon %d: oppgrader trapp (databasen er ikke endret)",
			  path, v, DB_SCHEMA_VERSION);
		goto fail;
	}
	if (v == 0 && objects > 0) {
		not_ours(err, path, objects);
		goto fail;
	}
	if (existed && (sbuf.st_mode & 007)) {
		/* anyone on the machine: refuse plan writes */
		db->exposed = 1;
		sb_printf(&db->notes, "advarsel: databasen %s kan leses av andre brukere "
			  "(rettigheter %03o), og den inneholder opplysninger om barn. Rett det med: "
			  "chmod 600 ", path, (unsigned)(sbuf.st_mode & 0777));
		shell_word(&db->notes, path);
		sb_puts(&db->notes, "\nMed SQLite er filrettighetene grensen: alle som kan lese filen, kan lese "
			"alle planene i den, uansett medlemskap i trapp. Til da lagrer trapp ingen endringer i "
			"planene (--allow-shared tillater det likevel)\n");
	} else if (existed && (sbuf.st_mode & 070)) {
		/* one trusted team sharing the file through its group: allowed,
		 * and said */
		sb_printf(&db->notes, "advarsel: med SQLite er filrettighetene grensen: databasen %s kan "
			  "brukes av gruppen (rettigheter %03o), og alle i gruppen kan lese alle planene i den, "
			  "uansett medlemskap i trapp. Bare for ett team; ellers: chmod 600 ", path,
			  (unsigned)(sbuf.st_mode & 0777));
		shell_word(&db->notes, path);
		sb_putc(&db->notes, '\n');
	}
	if (db->read_only) {
		if (v < target) {
			sb_printf(err, "Databasen %s må oppgraderes (skjemaversjon %d til %d), men %s. "
				  "Gi deg skrivetilgang (chmod u+w ", path, v, target, block);
			shell_word(err, strcmp(block, "filen er skrivebeskyttet") == 0 ? path : dir);
			sb_puts(err, ") og prøv igjen");
			goto fail;
		}
		sb_printf(&db->notes, "merk: %s er åpnet bare for lesing fordi %s: endringer er ikke "
			  "mulige, og lesing av planer kan ikke føres i lesingsloggen. Gi deg skrivetilgang med chmod u+w ", path, block);
		shell_word(&db->notes, strcmp(block, "filen er skrivebeskyttet") == 0 ? path : dir);
		sb_putc(&db->notes, '\n');
		if (dbi_exec(db, "PRAGMA foreign_keys = ON;") != 0)
			goto fail_db;
		free(dir);
		return db;
	}
	if (dbi_exec(db, "PRAGMA foreign_keys = ON; PRAGMA secure_delete = ON;"
			 " PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;") != 0)
		goto fail_db;
	db->schema = v;
	if (v < target && migrate(db, target, seed, err) != 0)
		goto fail;
	free(dir);
	return db;
fail_db:
	sb_printf(err, "%s: %s", path, db_error(db));
fail:
	free(dir);
	db_close(db);
	return NULL;
}

int db_is_server(const char *path) { return pg_is_conninfo(path); }

int db_admin_init(const char *conninfo, db_seed_fn seed, struct strbuf *report, struct strbuf *err)
{
	if (!pg_is_conninfo(conninfo)) {
		sb_printf(err, "«admin init» gjelder en PostgreSQL-database (--db postgresql:///trapp eller "
			  "--db service=trapp); en SQLite-fil (%s) klargjøres av seg selv første gang den åpnes",
			  conninfo);
		return -1;
	}
	return pg_admin_init(conninfo, seed, report, err);
}

const char *db_notes(const struct db *db) { return sb_str(&db->notes); }
int db_read_only(const struct db *db) { return db->read_only; }
void db_allow_shared(struct db *db, int allow) { db->allow_shared = allow; }

int db_begin_private(struct db *db)
{
	if (db->exposed && !db->allow_shared) {
		sb_reset(&db->err);
		sb_printf(&db->err, "Databasen %s kan leses av andre brukere: stafettloggen er ikke endret. "
			  "Kjør chmod 600 ", db->path);
		shell_word(&db->err, db->path);
		sb_puts(&db->err, " (eller bruk --allow-shared)");
		return -1;
	}
	return db_begin(db);
}

static int progress(void *stop)
{
	int (*fn)(void) = (int (*)(void))(uintptr_t)stop;
	return fn() != 0;
}

void db_set_interrupt(struct db *db, int (*stop)(void))
{
	if (db->pg) {  /* checked before each statement */
		db->pgs->stop = stop;
		return;
	}
	/* about every 10 000 virtual-machine steps: well under a millisecond */
	if (stop)
		sqlite3_progress_handler(db->h, 10000, progress, (void *)(uintptr_t)stop);
	else
		sqlite3_progress_handler(db->h, 0, NULL, NULL);
}

void db_close(struct db *db)
{
	if (!db)
		return;
	if (db->pg) {
		pg_close(db);
		return;
	}
	for (size_t i = 0; i < DBI_CACHE; i++)
		sqlite3_finalize(db->cache[i]);
	if (db->h)
		sqlite3_close(db->h);
	free(db->path);
	free(db->kom_code);
	sb_free(&db->err);
	sb_free(&db->notes);
	free(db);
}

const char *db_error(const struct db *db) { return sb_str(&db->err); }
const char *db_path(const struct db *db) { return db->path; }

int db_begin(struct db *db)
{
	if (db->pg)
		return pg_begin(db);
	if (db->read_only) {
		sb_reset(&db->err);
		sb_printf(&db->err, "Databasen %s er åpnet bare for lesing (skrivebeskyttet fil eller "
			  "mappe): ingenting er endret. Gi deg skrivetilgang og prøv igjen", db->path);
		return -1;
	}
	return dbi_exec(db, "BEGIN IMMEDIATE");
}
int db_commit(struct db *db)
{
	if (db->pg)
		return pg_commit(db);
	int rc = dbi_exec(db, "COMMIT");
	if (rc == 0)
		db->commits++;
	return rc;
}

unsigned long db_commits(const struct db *db) { return db->commits; }

long db_data_version(struct db *db)
{
	if (db->pg)
		return pg_data_version(db);
	sqlite3_stmt *st = dbi_prep(db, "PRAGMA data_version");
	long v = -1;
	if (st && sqlite3_step(st) == SQLITE_ROW)
		v = (long)sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

long db_data_version_after_own(struct db *db, long seen)
{
	return db->pg ? pg_data_version_after_own(db, seen) : seen;
}

long long db_total_changes(struct db *db)
{
	if (db->pg)
		return db->pgs->changes;
	return (long long)sqlite3_total_changes64(db->h);
}

void db_rollback(struct db *db)
{
	if (db->pg) {
		pg_rollback(db);
		return;
	}
	free(db->kom_code);  /* the row may be gone */
	db->kom_code = NULL;
	if (!sqlite3_get_autocommit(db->h))
		sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
}

char *db_setting_get(struct db *db, const char *key)
{
	if (db->pg)
		return pg_setting_get(db, key);
	sqlite3_stmt *st = dbi_prep(db, "SELECT value FROM setting WHERE key = ?1");
	if (!st)
		return NULL;
	dbi_text(st, 1, key);
	char *v = NULL;
	if (sqlite3_step(st) == SQLITE_ROW)
		v = dbi_col(st, 0);
	sqlite3_finalize(st);
	return v;
}

int db_setting_set(struct db *db, const char *key, const char *value)
{
	if (db->pg)
		return pg_setting_set(db, key, value);
	sqlite3_stmt *st = dbi_prep(db, "INSERT INTO setting(key, value) VALUES(?1, ?2)"
				    " ON CONFLICT(key) DO UPDATE SET value = excluded.value");
	if (!st)
		return -1;
	dbi_text(st, 1, key);
	dbi_text(st, 2, value);
	return dbi_exec_stmt(db, st);
}
