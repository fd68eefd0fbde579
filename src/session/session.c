/* session.c - the one way the front ends open trapp's data: the database
 * (user's own, or the demo's throwaway one), the kommune and its
 * catalogue, settings, kommuner and knowledge rows, and the generation
 * counter that tells screens when to load again. This is the composition
 * root: it may use storage, the model and the seed loader; nothing above
 * it (src/cli, src/ui) includes a storage header. */
#include "trapp/session.h"
#include "trapp/audit.h"
#include "trapp/db.h"
#include "trapp/db_backup.h"
#include "trapp/demo.h"
#include "trapp/load.h"
#include "trapp/util.h"

#include <stdlib.h>
#include <string.h>

static void fail_db(struct session *s, struct strbuf *err)
{
	if (err)
		sb_puts(err, db_error(s->db));
}

int session_open(struct session *s, const struct session_opts *o, struct strbuf *err)
{
	memset(s, 0, sizeof *s);
	s->demo = o->demo;
	if (o->demo) {
		s->db = demo_open(err);
	} else {
		int is_default;
		char *path = db_default_path(o->db_path, &is_default);
		int target = 0;  /* the current schema */
#ifdef TRAPP_TEST_HOOKS
		/* test builds only: create a file at an older schema, made by the
		 * real migrations, to test upgrades (never in a release build) */
		const char *schema = getenv("TRAPP_TEST_SCHEMA");
		if (schema)
			target = atoi(schema);
#endif
		s->db = db_open(path, target, load_seed, err);
		free(path);
	}
	if (!s->db)
		return SESSION_FAIL;
	db_allow_shared(s->db, o->allow_shared);
	s->seen_data_version = db_data_version(s->db);
	s->seen_commits = db_commits(s->db);
	if (o->catalog) {
		char *code;
		int rc = session_kommune(s, o->kommune, &code, err);
		if (rc == SESSION_OK) {
			rc = session_use_kommune(s, code, 0, err);
			free(code);
		}
		if (rc != SESSION_OK) {
			session_close(s);
			return rc;
		}
	}
	return SESSION_OK;
}

void session_close(struct session *s)
{
	if (s->has_catalog)
		catalog_free(&s->cat);
	free(s->kommune);
	if (s->db) {
		if (s->demo)
			demo_close(s->db);  /* nothing of the demo is left behind */
		else
			db_close(s->db);
	}
	memset(s, 0, sizeof *s);
}

int session_kommune(struct session *s, const char *explicit_code, char **code, struct strbuf *err)
{
	*code = !str_empty(explicit_code) ? xstrdup(explicit_code) : db_setting_get(s->db, "kommune");
	if (!*code)
		*code = xstrdup("tromso");
	int ok = db_kommune_exists(s->db, *code);
	if (ok == 1)
		return SESSION_OK;
	if (ok < 0) {
		fail_db(s, err);
	} else {
		struct kommune *k;
		size_t n;
		sb_printf(err, "Ukjent kommune «%s»; gyldige: ", *code);
		if (db_kommune_list(s->db, &k, &n) == 0) {
			for (size_t i = 0; i < n; i++)
				sb_printf(err, "%s%s", i ? ", " : "", k[i].code);
			db_kommune_list_free(k, n);
		}
	}
	free(*code);
	*code = NULL;
	return ok < 0 ? SESSION_FAIL : SESSION_BAD_VALUE;
}

int session_load_catalog(struct session *s, const char *code, struct catalog *out, struct strbuf *err)
{
	if (catalog_load(s->db, code, out) != 0) {
		fail_db(s, err);
		return SESSION_FAIL;
	}
	catalog_index_words(out);
	/* the search's synonyms come with every catalogue */
	struct strbuf why = {0};
	if (load_synonyms(out, &why) != 0) {
		if (err)
			sb_puts(err, sb_str(&why));
		sb_free(&why);
		catalog_free(out);
		return SESSION_FAIL;
	}
	sb_free(&why);
	return SESSION_OK;
}

int session_use_kommune(struct session *s, const char *code, int remember, struct strbuf *err)
{
	struct catalog c;
	if (session_load_catalog(s, code, &c, err) != SESSION_OK)
		return SESSION_FAIL;
	if (s->has_catalog)
		catalog_free(&s->cat);
	s->cat = c;
	s->has_catalog = 1;
	free(s->kommune);
	s->kommune = xstrdup(code);
	if (remember) {
		const char *key = "kommune";
		if (session_settings_put(s, &key, &code, 1, err) != SESSION_OK)
			return SESSION_FAIL;
	}
	return SESSION_OK;
}

unsigned long session_generation(struct session *s)
{
	unsigned long commits = db_commits(s->db);
	long dv = db_data_version(s->db);
	/* -1: the database cannot say now (a server that went away): what
	 * the screens show stays, rather than loading into an error; when it
	 * answers again, every screen loads again (one may have failed to
	 * load meanwhile) */
	int back = 0;
	if (dv < 0) {
		dv = s->seen_data_version;
		if (!s->unreachable)
			s->reach_news = -1;
		s->unreachable = 1;
	} else if (s->unreachable) {
		s->unreachable = 0;
		back = s->reach_news = 1;
	}
	if (back || commits != s->seen_commits || dv != s->seen_data_version) {
		s->seen_commits = commits;
		s->seen_data_version = dv;
		s->gen++;
	}
	return s->gen;
}

int session_reach_news(struct session *s)
{
	int n = s->reach_news;
	s->reach_news = 0;
	return n;
}

void session_absorb_own_commits(struct session *s)
{
	s->seen_commits = db_commits(s->db);
	s->seen_data_version = db_data_version_after_own(s->db, s->seen_data_version);
}

char *session_setting(struct session *s, const char *key) { return db_setting_get(s->db, key); }

int session_settings_put(struct session *s, const char *const *keys, const char *const *values,
			 size_t n, struct strbuf *err)
{
	if (db_begin(s->db) != 0) {
		fail_db(s, err);
		return SESSION_FAIL;
	}
	for (size_t i = 0; i < n; i++)
		if (db_setting_set(s->db, keys[i], values[i]) != 0) {
			fail_db(s, err);
			db_rollback(s->db);
			return SESSION_FAIL;
		}
	if (db_commit(s->db) != 0) {
		fail_db(s, err);
		db_rollback(s->db);
		return SESSION_FAIL;
	}
	return SESSION_OK;
}

int session_kommuner(struct session *s, struct kommune **out, size_t *n, struct strbuf *err)
{
	if (db_kommune_list(s->db, out, n) != 0) {
		fail_db(s, err);
		return SESSION_FAIL;
	}
	return SESSION_OK;
}

void session_kommuner_free(struct kommune *k, size_t n) { db_kommune_list_free(k, n); }

void session_set_interrupt(struct session *s, int (*stop)(void)) { db_set_interrupt(s->db, stop); }

long session_service_count(struct session *s, const char *kommune)
{
	return db_service_count(s->db, kommune);
}

int session_knowledge(struct session *s, enum knowledge_table t, const char *kommune, knowledge_row_fn fn,
		      void *ctx, struct strbuf *err)
{
	if (kommune) {
		if (db_ktable_list(s->db, t, kommune, fn, ctx) != 0) {
			fail_db(s, err);
			return SESSION_FAIL;
		}
		return SESSION_OK;
	}
	struct kommune *k;
	size_t n;
	if (session_kommuner(s, &k, &n, err) != SESSION_OK)
		return SESSION_FAIL;
	int rc = SESSION_OK;
	for (size_t i = 0; i < n && rc == SESSION_OK; i++)
		if (db_ktable_list(s->db, t, k[i].code, fn, ctx) != 0) {
			fail_db(s, err);
			rc = SESSION_FAIL;
		}
	session_kommuner_free(k, n);
	return rc;
}

/* The first broken row of a chain (audit_verify), in words: "endringsloggen
 * er brutt ved rad 3 (plan 1)" then why, after sep. */
static void chain_broken(struct strbuf *sb, const struct audit_report *r, const char *sep)
{
	static const char *const why[] = {
		[AUDIT_NO_FIELDS] = "raden mangler felt eller hash",
		[AUDIT_NO_CONTENT] = "raden mangler innhold eller innholdshash",
		[AUDIT_ERASED_NOT_DELETED] = "innholdet er fjernet, men planen er ikke slettet",
		[AUDIT_CONTENT_HASH] = "innholdet stemmer ikke med hashen (endret etter at det ble skrevet)",
		[AUDIT_CHAIN_HASH] = ("hashen stemmer ikke med raden og raden før (endret, satt inn eller "
				      "en rad før er fjernet)"),
	};
	sb_printf(sb, "%s er brutt ved rad %lld (plan %ld)%s%s", r->read_log ? "lesingsloggen" : "endringsloggen",
		  r->row, r->plan, sep, why[r->why]);
}

/* The chains as they arrived in the migration's target: 1 when they
 * verify, 0 with err naming the first broken row. */
static int migrate_verify(struct db *dst, struct strbuf *report, struct strbuf *err)
{
	struct audit_report r = {0};
	struct strbuf e = {0};
	int ok = 0;
	if (audit_verify(dst, &r, &e) != PLAN_OK) {
		sb_printf(err, "Endringsloggen kunne ikke kontrolleres etter kopieringen: %s", sb_str(&e));
	} else if (r.broken) {
		chain_broken(err, &r, " etter kopieringen: ");
	} else {
		sb_printf(report, "endringsloggen: %lld rader, lesingsloggen: %lld rader: hashkjedene er hele\n",
			  r.audit_rows, r.access_rows);
		ok = 1;
	}
	audit_report_free(&r);
	sb_free(&e);
	return ok;
}

int session_admin_init(const struct session_opts *o, struct strbuf *report, struct strbuf *err)
{
	int is_default;
	char *path = db_default_path(o->db_path, &is_default);
	int rc = db_admin_init(path, load_seed, report, err);
	free(path);
	return rc;
}

int session_migrate(const char *from, const char *to, struct strbuf *report, struct strbuf *err)
{
	if (str_empty(from) || db_is_server(from) || str_empty(to) || !db_is_server(to)) {
		sb_puts(err, "«trapp migrate» flytter fra en SQLite-fil til en PostgreSQL-database: "
			"trapp migrate --from FIL.db --to postgresql:///DATABASE");
		return SESSION_BAD_VALUE;
	}
	struct db *src = db_open(from, 0, load_seed, err);
	if (!src)
		return SESSION_FAIL;
	struct db *dst = db_migrate_start(src, to, report, err);
	db_close(src);
	if (!dst)
		return SESSION_FAIL;
	int ok = migrate_verify(dst, report, err);
	if (db_migrate_finish(dst, ok, err) != 0 || !ok)
		return SESSION_FAIL;
	return SESSION_OK;
}

const char *session_path(const struct session *s) { return db_path(s->db); }
int session_backup(struct session *s, const char *dest, struct strbuf *err)
{
	return db_backup_to(s->db, dest, err);
}

int session_restore(struct session *s, const char *src, char **saved_to, struct strbuf *err)
{
	return db_restore_from(s->db, src, saved_to, err);
}

/* The audit trail's and the read log's hash chains (audit_verify), on a
 * file at this trapp's schema (nothing to migrate, so nothing changes).
 * Returns the number of problems (0 or 1) appended to report. */
static int check_chains(const char *path, struct strbuf *report)
{
	struct strbuf e = {0};
	struct db *db = db_open(path, 0, NULL, &e);
	int bad = 0;
	if (!db) {
		sb_printf(report, "FEIL hashkjedene: databasen kan ikke åpnes (%s)\n", sb_str(&e));
		sb_free(&e);
		return 1;
	}
	struct audit_report r = {0};
	if (audit_verify(db, &r, &e) != PLAN_OK) {
		sb_printf(report, "FEIL hashkjedene: kan ikke leses (%s)\n", sb_str(&e));
		bad = 1;
	} else if (r.broken) {
		sb_puts(report, "FEIL ");
		chain_broken(report, &r, ": ");
		sb_putc(report, '\n');
		bad = 1;
	} else {
		sb_printf(report, "ok   endringsloggen: %lld rader, hashkjeden er hel\n", r.audit_rows);
		sb_printf(report, "ok   lesingsloggen: %lld rader, hashkjeden er hel\n", r.access_rows);
	}
	audit_report_free(&r);
	sb_free(&e);
	db_close(db);
	return bad;
}

int session_check(const struct session_opts *o, struct strbuf *report, struct strbuf *err)
{
	int is_default;
	char *path = db_default_path(o->db_path, &is_default);
	int version = -1;
	if (db_is_server(path)) {
		/* the server keeps its own pages whole (checksums, WAL); what is
		 * trapp's to check there is the audit chain it wrote */
		int rc = check_chains(path, report);
		free(path);
		return rc;
	}
	int rc = db_check_file(path, report, err, &version);
	if (rc >= 0 && version == DB_SCHEMA_VERSION)
		rc += check_chains(path, report);
	free(path);
	return rc;
}

int session_salvage(const struct session_opts *o, const char *out, struct strbuf *report,
		    struct strbuf *err)
{
	int is_default;
	char *path = db_default_path(o->db_path, &is_default);
	int rc = db_salvage(path, out, report, err);
	free(path);
	return rc;
}

const char *session_notes(const struct session *s) { return s->db ? db_notes(s->db) : ""; }

const char *session_error(const struct session *s) { return db_error(s->db); }

int session_needs(struct session *s, struct need **out, size_t *n, struct strbuf *err)
{
	if (db_needs_load(s->db, out, n) != 0) {
		fail_db(s, err);
		return SESSION_FAIL;
	}
	return SESSION_OK;
}

void session_needs_free(struct need *nd, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(nd[i].code);
		free(nd[i].label);
		free(nd[i].description);
	}
	free(nd);
}
