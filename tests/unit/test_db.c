/* test_db.c - storage: file modes, the first-run seed, migrations from an
 * older schema, and refusing a newer database unchanged. */
#include "check.h"
#include "trapp/db.h"
#include "trapp/load.h"
#include "trapp/plan.h"
#include "trapp/access.h"
#include "trapp/audit.h"
#include "trapp/ident.h"
#include "trapp/util.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static char *slurp(const char *path, size_t *len)
{
	char *buf = NULL;
	if (read_file(path, &buf, len) != 0)
		return NULL;
	return buf;
}

void test_db(void)
{
	struct strbuf err = {0};
	char *dir = xasprintf("%s/new/sub", test_tmpdir());
	char *path = xasprintf("%s/trapp.db", dir);
	struct db *db = db_open(path, 0, load_seed, &err);
	CHECK(db != NULL, "open: %s", sb_str(&err));
	if (!db)
		return;
	struct stat st;
	CHECK(stat(path, &st) == 0 && (st.st_mode & 0777) == 0600, "db file 0600 (%o)", st.st_mode & 0777);
	CHECK(stat(dir, &st) == 0 && (st.st_mode & 0777) == 0700, "directory 0700 (%o)", st.st_mode & 0777);
	CHECK(db_version(db) == DB_SCHEMA_VERSION, "at current version");
	CHECK(db_kommune_exists(db, "tromso") == 1, "seeded tromso");
	CHECK(db_setting_set(db, "kommune", "senja") == 0, "setting set");
	char *v = db_setting_get(db, "kommune");
	CHECK_STR(v, "senja");
	free(v);
	db_close(db);

	/* migration: a database created at version 1 gains version 2 */
	char *old = xasprintf("%s/old.db", test_tmpdir());
	db = db_open(old, 1, load_seed, &err);
	CHECK(db && db_version(db) == 1, "created at version 1");
	db_close(db);
	db = db_open(old, 0, load_seed, &err);
	CHECK(db && db_version(db) == DB_SCHEMA_VERSION, "migrated to current: %s", sb_str(&err));
	if (db) {
		struct catalog c;
		CHECK(catalog_load(db, "tromso", &c) == 0 && c.n_svc == 124, "catalogue kept");
		catalog_free(&c);
		int rows = 0;
		CHECK(db_kommune_exists(db, "senja") == 1, "senja present");
		(void)rows;
		db_close(db);
	}

	/* the previous version with a plan in it: migrating keeps the plan */
	char *v3 = xasprintf("%s/v3.db", test_tmpdir());
	/* the version before who-is-who (8 -> 9), whose plans have no members */
	enum { BEFORE_IDENTITY = 8 };
	db = db_open(v3, BEFORE_IDENTITY, load_seed, &err);
	CHECK(db && db_version(db) == BEFORE_IDENTITY, "created at the version before who-is-who");
	long pid = 1;
	if (db) {
		db_close(db);
		/* a plan as the previous version wrote it, with two audit rows */
		char *sql = xasprintf(
			"sqlite3 '%s' \"INSERT INTO plan(child, born, unit, kommune, level, created)"
			" VALUES('Ola Testesen','2017','Demo skole','tromso',1,'2025-09-01');"
			" INSERT INTO plan_holder(plan_id, name, service, proposed, accepted, state)"
			" VALUES(1,'Lise Lærer','Demo skole','2025-09-01','2025-09-01','akseptert');"
			" INSERT INTO plan_audit(plan_id, at, who, what) VALUES(1,'2025-09-01T10:00:00Z','lise','ny');"
			" INSERT INTO plan_audit(plan_id, at, who, what) VALUES(1,'2025-09-01T10:01:00Z','lise','to');"
			" INSERT INTO setting(key, value) VALUES('user.name','Lise Lærer')\"", v3);
		CHECK(system(sql) == 0, "plan at the previous version (sqlite3 shell)");
		free(sql);
	}
	db = db_open(v3, 0, load_seed, &err);
	CHECK(db && db_version(db) == DB_SCHEMA_VERSION, "migrated from the previous version: %s", sb_str(&err));
	if (db) {
		struct plan p;
		struct strbuf perr = {0};
		CHECK(plan_load(db, pid, &p, &perr) == PLAN_OK && strcmp(p.child, "Ola Testesen") == 0 &&
		      p.needs.n == 0 && p.version == 1 && p.n_audit == 2 && strcmp(p.audit[0].item, "") == 0,
		      "the plan survives the migration, at version 1: %s", sb_str(&perr));
		plan_free(&p);
		static const char *const needs[] = {"skole"};
		CHECK(plan_set_needs(db, pid, needs, 1, &perr) == PLAN_OK, "the new table works: %s", sb_str(&perr));
		/* the migrating login becomes administrator and stafettholder,
		 * with the old shared name; the old rows are chained */
		CHECK(plan_load(db, pid, &p, &perr) == PLAN_OK && p.n_members == 1 &&
		      strcmp(p.members[0].login, ident_login()) == 0 && p.members[0].role == ROLE_HOLDER &&
		      strcmp(p.members[0].name, "Lise Lærer") == 0, "the migrating login is the stafettholder");
		CHECK(p.n_audit == 3 && strcmp(p.audit[0].action, "endring") == 0 && strlen(p.audit[0].hash) == 64,
		      "old audit rows hashed (%zu)", p.n_audit);
		plan_free(&p);
		CHECK(access_is_admin(db, ident_login()) == 1, "the migrating login is administrator");
		struct audit_report r = {0};
		CHECK(audit_verify(db, &r, &perr) == PLAN_OK && !r.broken && r.audit_rows == 3,
		      "the migrated chain verifies: broken %d, why %d", r.broken, (int)r.why);
		audit_report_free(&r);
		sb_free(&perr);
		db_close(db);
	}
	free(v3);

	/* a newer database is refused and left byte-for-byte unchanged */
	db = db_open(path, 0, load_seed, &err);
	CHECK(db != NULL, "reopen");
	db_close(db);
	char *cmd = xasprintf("sqlite3 '%s' 'PRAGMA user_version = 99'", path);
	CHECK(system(cmd) == 0, "set a future version with the sqlite3 shell");
	free(cmd);
	size_t len1, len2;
	char *before = slurp(path, &len1);
	sb_reset(&err);
	db = db_open(path, 0, load_seed, &err);
	CHECK(db == NULL, "newer database refused");
	CHECK(strstr(sb_str(&err), "versjon 99") != NULL, "message names the version: %s", sb_str(&err));
	char *after = slurp(path, &len2);
	CHECK(before && after && len1 == len2 && memcmp(before, after, len1) == 0, "file unchanged");
	free(before);
	free(after);

	free(old);
	free(path);
	free(dir);
	sb_free(&err);
}
