/* db_backup.c - backup (sqlite3_backup_* from a live connection), restore
 * (the same API the other way, after a check of the copy), the file check
 * and the salvage of a damaged file into a new one, table by table. */
#include "pg_internal.h"
#include "trapp/db_backup.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* Run a whole backup from src to dst ("main" to "main"), retrying while
 * the source is busy. SQLITE_OK or the failing code. */
static int copy_all(sqlite3 *dst, sqlite3 *src)
{
	sqlite3_backup *b = sqlite3_backup_init(dst, "main", src, "main");
	if (!b)
		return sqlite3_errcode(dst);
	int rc;
	for (int tries = 0;; tries++) {
		rc = sqlite3_backup_step(b, -1);  /* all pages in one read transaction */
		if ((rc == SQLITE_BUSY || rc == SQLITE_LOCKED) && tries < 200) {
			sqlite3_sleep(25);
			continue;
		}
		break;
	}
	int fin = sqlite3_backup_finish(b);
	return rc == SQLITE_DONE ? fin : rc;
}

static char *tmp_beside(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return xasprintf(".trapp-tmp-%ld-backup", (long)getpid());
	return xasprintf("%.*s/.trapp-tmp-%ld-backup", (int)(slash - path), path, (long)getpid());
}

int db_backup_to(struct db *db, const char *dest, struct strbuf *err)
{
	if (db->pg)
		return pg_not_a_file(err, "backup");
	struct stat st;
	if (lstat(dest, &st) == 0) {
		sb_printf(err, "%s finnes allerede: velg et nytt filnavn for sikkerhetskopien", dest);
		return -1;
	}
	/* written under a temporary name (swept if killed), renamed when whole */
	char *tmp = tmp_beside(dest);
	unlink(tmp);
	sqlite3 *out = NULL;
	mode_t old = umask(077);
	int rc = sqlite3_open_v2(tmp, &out, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
	umask(old);
	if (rc == SQLITE_OK)
		rc = copy_all(out, db->h);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(out, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		sb_printf(err, "Sikkerhetskopien til %s feilet: %s", dest, out ? sqlite3_errmsg(out) : "tomt for minne");
	sqlite3_close(out);
	if (rc == SQLITE_OK && (chmod(tmp, 0600) != 0 || rename(tmp, dest) != 0)) {
		sb_printf(err, "Kan ikke skrive %s: %s", dest, strerror(errno));
		rc = SQLITE_ERROR;
	}
	if (rc != SQLITE_OK)
		unlink(tmp);
	char *j = xasprintf("%s-journal", tmp);
	unlink(j);
	free(j);
	free(tmp);
	return rc == SQLITE_OK ? 0 : -1;
}

/* --- check ----------------------------------------------------------------- */

/* Rows of a one-column or several-column pragma, as report lines. Returns
 * the number of rows that are not the single word "ok". */
static int pragma_lines(sqlite3 *h, const char *sql, const char *prefix, struct strbuf *report)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) != SQLITE_OK) {
		sb_printf(report, "%s: kunne ikke kjøres (%s)\n", prefix, sqlite3_errmsg(h));
		return 1;
	}
	int bad = 0, rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *first = (const char *)sqlite3_column_text(st, 0);
		if (sqlite3_column_count(st) == 1 && first && strcmp(first, "ok") == 0)
			continue;
		if (++bad > 20)
			continue;
		sb_printf(report, "  FEIL %s:", prefix);
		for (int i = 0; i < sqlite3_column_count(st); i++) {
			const char *t = (const char *)sqlite3_column_text(st, i);
			sb_printf(report, " %s", t ? t : "-");
		}
		sb_putc(report, '\n');
	}
	if (rc != SQLITE_DONE) {
		sb_printf(report, "  FEIL %s: lesingen stoppet (%s)\n", prefix, sqlite3_errmsg(h));
		bad++;
	}
	sqlite3_finalize(st);
	if (bad > 20)
		sb_printf(report, "  ... og %d til\n", bad - 20);
	return bad;
}

static long count_rows(sqlite3 *h, const char *table)
{
	char *sql = sqlite3_mprintf("SELECT count(*) FROM \"%w\"", table);
	sqlite3_stmt *st;
	long n = -1;
	if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) == SQLITE_OK) {
		if (sqlite3_step(st) == SQLITE_ROW)
			n = (long)sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
	}
	sqlite3_free(sql);
	return n;
}

int db_check_file(const char *path, struct strbuf *report, struct strbuf *err, int *version)
{
	if (pg_is_conninfo(path))
		return pg_not_a_file(err, "check");
	struct stat st;
	if (stat(path, &st) != 0) {
		sb_printf(err, "Finner ikke databasen %s: %s", path, strerror(errno));
		return -1;
	}
	int problems = 0;
	sb_printf(report, "Database: %s\n", path);
	if (st.st_mode & 007) {
		sb_printf(report, "FEIL rettigheter: %03o, andre brukere kan lese den. Rett det med: chmod 600 %s\n",
			  (unsigned)(st.st_mode & 0777), path);
		problems++;
	} else if (st.st_mode & 070) {
		sb_printf(report, "ok   rettigheter: %03o (eieren og gruppen: ett team som deler filen; "
			  "alle i gruppen kan lese alle planene)\n", (unsigned)(st.st_mode & 0777));
	} else {
		sb_printf(report, "ok   rettigheter: %03o (bare eieren)\n", (unsigned)(st.st_mode & 0777));
	}
	sqlite3 *h = NULL;
	if (sqlite3_open_v2(path, &h, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		sb_printf(err, "Kan ikke åpne %s: %s", path, h ? sqlite3_errmsg(h) : "tomt for minne");
		sqlite3_close(h);
		return -1;
	}
	sqlite3_busy_timeout(h, 5000);
	sqlite3_stmt *vs;
	int v = -1;
	if (sqlite3_prepare_v2(h, "PRAGMA user_version", -1, &vs, NULL) == SQLITE_OK) {
		if (sqlite3_step(vs) == SQLITE_ROW)
			v = sqlite3_column_int(vs, 0);
		sqlite3_finalize(vs);
	}
	if (version)
		*version = v;
	if (v < 0) {
		sb_printf(report, "FEIL skjemaversjon: kan ikke leses (%s)\n", sqlite3_errmsg(h));
		problems++;
	} else if (v == 0 || v > DB_SCHEMA_VERSION) {
		sb_printf(report, "FEIL skjemaversjon: %d, denne trapp kjenner 1-%d%s\n", v, DB_SCHEMA_VERSION,
			  v == 0 ? " (ikke en trapp-database)" : ": oppgrader trapp");
		problems++;
	} else {
		sb_printf(report, "ok   skjemaversjon: %d%s\n", v,
			  v < DB_SCHEMA_VERSION ? " (oppgraderes ved neste åpning)" : "");
	}
	int bad = pragma_lines(h, "PRAGMA integrity_check", "integritet", report);
	if (!bad)
		sb_puts(report, "ok   integritet (PRAGMA integrity_check)\n");
	problems += bad;
	bad = pragma_lines(h, "PRAGMA foreign_key_check", "fremmednøkkel (tabell, rad, peker på)", report);
	if (!bad)
		sb_puts(report, "ok   fremmednøkler (PRAGMA foreign_key_check)\n");
	problems += bad;
	if (v >= 3) {
		long plans = count_rows(h, "plan"), steps = count_rows(h, "plan_step"),
		     audit = count_rows(h, "plan_audit"), svc = count_rows(h, "service");
		sb_printf(report, "Innhold: %ld planer, %ld steg, %ld endringer i loggen, %ld tiltak i katalogen\n",
			  plans, steps, audit, svc);
	}
	sqlite3_close(h);
	return problems;
}

/* --- salvage ---------------------------------------------------------------- */

/* Column names of table in the destination that the source also has,
 * quoted for SQL ("a","b"). */
static char *shared_columns(sqlite3 *src, sqlite3 *dst, const char *table)
{
	struct strbuf cols = {0};
	char *sql = sqlite3_mprintf("SELECT name FROM pragma_table_info(%Q)", table);
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(dst, sql, -1, &st, NULL) == SQLITE_OK) {
		while (sqlite3_step(st) == SQLITE_ROW) {
			const char *name = (const char *)sqlite3_column_text(st, 0);
			char *probe = sqlite3_mprintf("SELECT \"%w\" FROM \"%w\" LIMIT 0", name, table);
			sqlite3_stmt *p;
			if (sqlite3_prepare_v2(src, probe, -1, &p, NULL) == SQLITE_OK) {
				char *q = sqlite3_mprintf("%s\"%w\"", cols.len ? "," : "", name);
				sb_puts(&cols, q);
				sqlite3_free(q);
				sqlite3_finalize(p);
			}
			sqlite3_free(probe);
		}
		sqlite3_finalize(st);
	}
	sqlite3_free(sql);
	return sb_steal(&cols);
}

/* Copy one table: rows in rowid order; after a read error, start again
 * further on (doubling the jump) until the end of the rowid space. */
static void salvage_table(sqlite3 *src, sqlite3 *dst, const char *table, int without_rowid,
			  struct strbuf *report)
{
	char *cols = shared_columns(src, dst, table);
	if (!*cols) {
		sb_printf(report, "  %-22s kan ikke leses (kolonnene mangler)\n", table);
		free(cols);
		return;
	}
	int ncol = 1;
	for (const char *c = cols; *c; c++)
		ncol += *c == ',';
	struct strbuf marks = {0};
	for (int i = 0; i < ncol; i++)
		sb_puts(&marks, i ? ",?" : "?");
	char *ins = sqlite3_mprintf("INSERT OR IGNORE INTO \"%w\"(%s) VALUES(%s)", table, cols, sb_str(&marks));
	char *sel = without_rowid
		? sqlite3_mprintf("SELECT 0, %s FROM \"%w\"", cols, table)
		: sqlite3_mprintf("SELECT rowid, %s FROM \"%w\" WHERE rowid >= ?1 ORDER BY rowid", cols, table);
	sqlite3_stmt *is = NULL, *ss = NULL;
	long copied = 0, gaps = 0;
	sqlite3_int64 from = -((sqlite3_int64)1 << 62), jump = 1;
	if (sqlite3_prepare_v2(dst, ins, -1, &is, NULL) != SQLITE_OK) {
		sb_printf(report, "  %-22s kan ikke skrives: %s\n", table, sqlite3_errmsg(dst));
		goto out;
	}
	for (int round = 0; round < 4096; round++) {
		if (sqlite3_prepare_v2(src, sel, -1, &ss, NULL) != SQLITE_OK) {
			gaps++;
			break;
		}
		if (!without_rowid)
			sqlite3_bind_int64(ss, 1, from);
		int rc;
		while ((rc = sqlite3_step(ss)) == SQLITE_ROW) {
			from = sqlite3_column_int64(ss, 0) + 1;
			jump = 1;
			for (int i = 0; i < ncol; i++)
				sqlite3_bind_value(is, i + 1, sqlite3_column_value(ss, i + 1));
			if (sqlite3_step(is) == SQLITE_DONE)
				copied++;
			sqlite3_reset(is);
		}
		sqlite3_finalize(ss);
		ss = NULL;
		if (rc == SQLITE_DONE || without_rowid) {
			if (rc != SQLITE_DONE)
				gaps++;
			break;
		}
		gaps++;
		if (from < 0)
			from = 1;
		from += jump;  /* past the page that failed */
		jump *= 2;
		if (jump > ((sqlite3_int64)1 << 40))
			break;
	}
	sb_printf(report, "  %-22s %ld rader berget%s\n", table, copied,
		  gaps ? " (noe kunne ikke leses)" : "");
out:
	sqlite3_finalize(is);
	sqlite3_free(ins);
	sqlite3_free(sel);
	sb_free(&marks);
	free(cols);
}

/* Delete rows whose parent row was lost, until none is left (a lost plan
 * takes its steps, their meeting links ...). The audit trail's guard
 * triggers are lifted for it in this new file and put back. Returns the
 * number of rows deleted. */
static long drop_orphans(sqlite3 *h)
{
	struct strvec triggers = {0};
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(h, "SELECT name, sql FROM sqlite_master WHERE type = 'trigger'"
				  " AND tbl_name = 'plan_audit'", -1, &st, NULL) == SQLITE_OK) {
		while (sqlite3_step(st) == SQLITE_ROW) {
			sv_push(&triggers, (const char *)sqlite3_column_text(st, 1));
			char *drop = sqlite3_mprintf("DROP TRIGGER \"%w\"", (const char *)sqlite3_column_text(st, 0));
			sqlite3_exec(h, drop, NULL, NULL, NULL);
			sqlite3_free(drop);
		}
		sqlite3_finalize(st);
	}
	/* every (child table, column, parent table, parent column) */
	struct strvec fk = {0};
	if (sqlite3_prepare_v2(h, "SELECT m.name, f.\"from\", f.\"table\", f.\"to\" FROM sqlite_master m,"
				  " pragma_foreign_key_list(m.name) f WHERE m.type = 'table'", -1, &st, NULL) == SQLITE_OK) {
		while (sqlite3_step(st) == SQLITE_ROW)
			for (int i = 0; i < 4; i++) {
				const unsigned char *t = sqlite3_column_text(st, i);
				sv_push(&fk, t ? (const char *)t : "id");
			}
		sqlite3_finalize(st);
	}
	long total = 0;
	for (int round = 0; round < 16; round++) {
		long n = 0;
		for (size_t i = 0; i + 3 < fk.n; i += 4) {
			char *sql = sqlite3_mprintf("DELETE FROM \"%w\" WHERE \"%w\" IS NOT NULL AND \"%w\" NOT IN"
						    " (SELECT \"%w\" FROM \"%w\")", fk.v[i], fk.v[i + 1],
						    fk.v[i + 1], fk.v[i + 3], fk.v[i + 2]);
			if (sqlite3_exec(h, sql, NULL, NULL, NULL) == SQLITE_OK)
				n += sqlite3_changes(h);
			sqlite3_free(sql);
		}
		total += n;
		if (!n)
			break;
	}
	for (size_t i = 0; i < triggers.n; i++)
		sqlite3_exec(h, triggers.v[i], NULL, NULL, NULL);
	sv_free(&triggers);
	sv_free(&fk);
	return total;
}

int db_salvage(const char *src_path, const char *out, struct strbuf *report, struct strbuf *err)
{
	if (pg_is_conninfo(src_path))
		return pg_not_a_file(err, "check --salvage");
	struct stat st;
	if (lstat(out, &st) == 0) {
		sb_printf(err, "%s finnes allerede: velg et nytt filnavn for den bergede databasen", out);
		return -1;
	}
	struct db *dst = db_open(out, 0, NULL, err);  /* the current schema, empty */
	if (!dst)
		return -1;
	sqlite3 *src = NULL;
	if (sqlite3_open_v2(src_path, &src, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		sb_printf(err, "Kan ikke åpne %s: %s", src_path, src ? sqlite3_errmsg(src) : "tomt for minne");
		sqlite3_close(src);
		db_close(dst);
		unlink(out);
		return -1;
	}
	sb_printf(report, "Berger fra %s til %s (tabell for tabell, rad for rad; SQLite 3.40 har ikke "
		  "sqlite3_recover):\n", src_path, out);
	sqlite3_exec(dst->h, "PRAGMA foreign_keys = OFF; BEGIN", NULL, NULL, NULL);
	/* the tables of the new file, parents before children (creation order) */
	sqlite3_stmt *t;
	if (sqlite3_prepare_v2(dst->h, "SELECT name, sql LIKE '%WITHOUT ROWID%' FROM sqlite_master"
				       " WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY rowid",
			       -1, &t, NULL) == SQLITE_OK) {
		struct strvec names = {0};
		struct strvec wr = {0};
		while (sqlite3_step(t) == SQLITE_ROW) {
			sv_push(&names, (const char *)sqlite3_column_text(t, 0));
			sv_push(&wr, sqlite3_column_int(t, 1) ? "1" : "0");
		}
		sqlite3_finalize(t);
		/* the audit trail accepts no change but appends: copy it as is */
		for (size_t i = 0; i < names.n; i++)
			salvage_table(src, dst->h, names.v[i], wr.v[i][0] == '1', report);
		sv_free(&names);
		sv_free(&wr);
	}
	long orphans = drop_orphans(dst->h);
	if (orphans)
		sb_printf(report, "  %ld rader uten forelder (den lå på en skadet side) er utelatt, så "
			  "fremmednøklene stemmer\n", orphans);
	int rc = sqlite3_exec(dst->h, "COMMIT", NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		sb_printf(err, "Kan ikke skrive %s: %s", out, sqlite3_errmsg(dst->h));
	/* rows whose parent was lost are reported by trapp check */
	sqlite3_close(src);
	db_close(dst);
	chmod(out, 0600);
	return rc == SQLITE_OK ? 0 : -1;
}

/* --- restore ---------------------------------------------------------------- */

int db_restore_from(struct db *db, const char *src_path, char **saved_to, struct strbuf *err)
{
	if (db->pg)
		return pg_not_a_file(err, "restore");
	*saved_to = NULL;
	struct strbuf report = {0};
	int problems = db_check_file(src_path, &report, err, NULL);
	if (problems < 0) {
		sb_free(&report);
		return -1;
	}
	/* a copy readable by others is still a good copy: only content counts */
	if (strstr(sb_str(&report), "FEIL integritet") || strstr(sb_str(&report), "FEIL fremmednøkkel") ||
	    strstr(sb_str(&report), "FEIL skjemaversjon")) {
		sb_printf(err, "%s består ikke kontrollen, og databasen er ikke endret:\n%s", src_path,
			  sb_str(&report));
		sb_free(&report);
		return -1;
	}
	sb_free(&report);
	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	char stamp[32];
	strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", &tm);
	char *saved = xasprintf("%s.before-restore-%s", db->path, stamp);
	if (db_backup_to(db, saved, err) != 0) {
		free(saved);
		return -1;
	}
	sqlite3 *src = NULL;
	int rc = sqlite3_open_v2(src_path, &src, SQLITE_OPEN_READONLY, NULL);
	if (rc == SQLITE_OK)
		rc = copy_all(db->h, src);
	if (rc != SQLITE_OK)
		sb_printf(err, "Gjenopprettingen fra %s feilet (%s); den forrige databasen er lagret som %s",
			  src_path, sqlite3_errmsg(src ? src : db->h), saved);
	sqlite3_close(src);
	if (rc != SQLITE_OK) {
		free(saved);
		return -1;
	}
	*saved_to = saved;
	return 0;
}
