/* pg.c - the PostgreSQL backend's connection: recognising a conninfo,
 * connecting (the server authenticates: peer, SCRAM, GSSAPI), the schema
 * version check, `trapp admin init`, transactions, settings, the
 * generation counter, and the statement helpers (every statement with
 * bound parameters, prepared once per connection) with errors in bokmål. */
#include "pg_internal.h"
#include "trapp/ident.h"

#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>

/* Writers take this transaction-level advisory lock first: one writer at a
 * time, as SQLite's BEGIN IMMEDIATE gives, so a version check and the
 * write it guards can never interleave with another writer's, and no
 * serialization failure ever reaches the user. Readers never wait. */
#define PG_WRITE_LOCK "SELECT pg_advisory_xact_lock(7312640001)"

int pg_is_conninfo(const char *s)
{
	if (!s)
		return 0;
	if (strncmp(s, "postgresql://", 13) == 0 || strncmp(s, "postgres://", 11) == 0)
		return 1;
	/* a conninfo: keyword=value pairs; a file name never starts so */
	size_t k = strspn(s, "abcdefghijklmnopqrstuvwxyz_");
	return k > 0 && (s[k] == '=' || (s[k] == ' ' && strchr(s + k, '=') != NULL));
}

const char *pgx_ll(char *buf, long long v)
{
	snprintf(buf, 24, "%lld", v);
	return buf;
}

const char *pgx_val(const PGresult *r, int row, int col)
{
	if (PQgetisnull(r, row, col))
		return "";
	return PQgetvalue(r, row, col);
}

char *pgx_dup(const PGresult *r, int row, int col) { return xstrdup(pgx_val(r, row, col)); }

long long pgx_ll_at(const PGresult *r, int row, int col) { return strtoll(pgx_val(r, row, col), NULL, 10); }

/* Bokmål for the failures a user can act on, or NULL. */
static const char *plain_state(const char *state)
{
	if (!state)
		return NULL;
	if (strcmp(state, "42501") == 0)
		return "PostgreSQL nekter deg dette: innloggingen din mangler rettigheten. Katalogendringer "
		       "(import) og kontroll av hele endringsloggen krever rollen trapp_admin; planer bare "
		       "dem du er medlem av";
	if (strcmp(state, "42P01") == 0 || strcmp(state, "42883") == 0)
		return "databasen er ikke klargjort for trapp: databasens eier må kjøre «trapp --db ... admin init»";
	if (strcmp(state, "40001") == 0 || strcmp(state, "40P01") == 0 || strcmp(state, "55P03") == 0)
		return "databasen er opptatt av en annen endring: ingenting er endret. Prøv igjen";
	if (strcmp(state, "53100") == 0)
		return "databaseserveren har fullt lager: ingenting er endret";
	if (strcmp(state, "25006") == 0)
		return "databaseserveren tar bare imot lesing (en kopi i beredskap): ingenting er endret";
	/* connection exceptions, and the server shutting down, crashing or
	 * starting (operator intervention, except a cancelled query) */
	if (strncmp(state, "08", 2) == 0 || strncmp(state, "57P", 3) == 0)
		return "forbindelsen til databaseserveren ble brutt: ingenting er endret. Prøv igjen "
		       "(trapp kobler seg til på nytt)";
	if (strcmp(state, "53300") == 0)
		return "databaseserveren har for mange forbindelser nå: ingenting er endret. Prøv igjen";
	/* a time limit the database's owner set (statement_timeout,
	 * lock_timeout), or a statement cancelled by the server's operator */
	if (strcmp(state, "57014") == 0)
		return "databaseserveren avbrøt forespørselen (en tidsgrense satt av den som drifter "
		       "databasen, eller avbrutt av driften): ingenting er endret. Prøv igjen";
	if (strncmp(state, "53", 2) == 0)
		return "databaseserveren er tom for minne eller andre ressurser: ingenting er endret. "
		       "Prøv igjen, og si fra til den som drifter databasen";
	return NULL;
}

/* What kind of refusal an SQLSTATE class is, in bokmål, for a server
 * error trapp has no sentence of its own for. */
static const char *state_class(const char *state)
{
	if (!state)
		return "en feil";
	if (strncmp(state, "23", 2) == 0)
		return "en endring som bryter en regel i databasen";
	if (strncmp(state, "22", 2) == 0)
		return "en verdi den ikke kan lagre";
	if (strncmp(state, "42", 2) == 0)
		return "en forespørsel som ikke passer databasens skjema (er trapp og databasen på samme versjon?)";
	return "en feil";
}

int pgx_fail(struct db *db, const PGresult *r)
{
	sb_reset(&db->err);
	const char *state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : NULL;
	const char *plain = plain_state(state);
	/* no SQLSTATE: libpq's own error, which is the connection failing
	 * (a write to a server that died says "server closed the connection
	 * unexpectedly" while the status still reads OK) */
	if (!plain && (!state || PQstatus(db->pg) != CONNECTION_OK))
		plain = plain_state("08000");
	if (plain) {
		sb_printf(&db->err, "%s: %s", db->path, plain);
		return -1;
	}
	/* our own triggers raise bokmål sentences (P0001): shown as they are */
	const char *primary = r ? PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY) : NULL;
	if (state && strcmp(state, "P0001") == 0 && primary) {
		sb_puts(&db->err, primary);
		return -1;
	}
	/* anything else: said in bokmål, with the server's error code for
	 * whoever runs the database, never the server's English or the SQL
	 * (which would put a statement, and its table names, on a screen a
	 * meeting may see) */
	sb_printf(&db->err, "%s: databaseserveren avviste %s (feilkode %s): ingenting er endret. Gi "
		  "feilkoden til den som drifter databasen; serverens logg har detaljene",
		  db->path, state_class(state), state ? state : "ukjent");
	return -1;
}

/* The statement's slot in the cache (by the address of the SQL constant,
 * checked against a copy of its text); *first_use when it was not there
 * before (now it is), or the cache is full (-1). */
static int slot_of(struct pg_state *ps, const char *sql, int n, int *first_use)
{
	size_t h = (size_t)(uintptr_t)sql;
	h ^= h >> 17;
	for (size_t k = 0; k < PGX_CACHE; k++) {
		size_t i = (h + k) % PGX_CACHE;
		if (ps->key[i] && !(ps->key[i] == sql && strcmp(ps->text[i], sql) == 0 && ps->nparams[i] == n))
			continue;
		*first_use = !ps->key[i];
		if (*first_use) {
			ps->key[i] = sql;
			ps->text[i] = xstrdup(sql);
			ps->nparams[i] = n;
		}
		return (int)i;
	}
	*first_use = 1;  /* the cache is full: always unprepared */
	return -1;
}

/* A statement is prepared on the server the second time it runs: a
 * one-off query (most of a short command's) costs one round trip
 * unprepared, where preparing would cost two; one that repeats (an
 * import, a screen loading again) is parsed once. The slot of the
 * prepared statement; -1: run it unprepared; -2 on error. */
static int prepared(struct db *db, const char *sql, int n)
{
	struct pg_state *ps = db->pgs;
	int first_use;
	int i = slot_of(ps, sql, n, &first_use);
	if (first_use)
		return -1;
	if (ps->ready[i])
		return i;
	char name[16];
	snprintf(name, sizeof name, "t%d", i);
	PGresult *r = PQprepare(db->pg, name, sql, n, NULL);
	int ok = PQresultStatus(r) == PGRES_COMMAND_OK;
	if (!ok)
		pgx_fail(db, r);
	PQclear(r);
	if (!ok)
		return -2;
	ps->ready[i] = 1;
	return i;
}

/* A session's settings: dates and text as trapp writes them, whatever
 * the server's defaults; no JIT: trapp's statements run in milliseconds,
 * and the row-level security subplans raise their estimated cost past
 * jit_above_cost, so the server compiled each for longer than it ran
 * (1.5 s of a 6 s `trapp due` over 1 000 000 steps) */
static const char session_sql[] =
	"SET client_encoding = 'UTF8'; SET DateStyle = 'ISO, YMD';"
	" SET TimeZone = 'UTC'; SET search_path = public; SET client_min_messages = warning;"
	" SET jit = off";

/* How long one attempt to reach the server again may take: a screen
 * waits for it, so not libpq's default of forever. */
#define PG_RECONNECT_MS 5000

/* The connection is gone (the server restarted, crashed, or cut it) and
 * no transaction of ours was open on it: connect again with the same
 * parameters, as the same login. 0 when connected again; -1, with the
 * reason in db_error(), when the server does not answer yet (the next
 * statement tries again). A transaction open when the connection broke
 * is not resumed: it was rolled back by the server, and its caller
 * reports that nothing was changed. */
static int reconnect(struct db *db)
{
	struct pg_state *ps = db->pgs;
	int ok = PQresetStart(db->pg);
	PostgresPollingStatusType st = PGRES_POLLING_WRITING;
	while (ok && PQstatus(db->pg) != CONNECTION_BAD && st != PGRES_POLLING_OK &&
	       st != PGRES_POLLING_FAILED) {
		struct pollfd pfd = {PQsocket(db->pg), st == PGRES_POLLING_READING ? POLLIN : POLLOUT, 0};
		int got = pfd.fd < 0 ? -1 : poll(&pfd, 1, PG_RECONNECT_MS);
		if (got == 0 || (got < 0 && errno != EINTR))
			break;
		st = PQresetPoll(db->pg);
	}
	/* the server forgot every statement prepared on the old connection */
	for (size_t i = 0; i < PGX_CACHE; i++)
		ps->ready[i] = 0;
	ps->in_tx = 0;
	if (PQstatus(db->pg) != CONNECTION_OK || st != PGRES_POLLING_OK) {
		sb_reset(&db->err);
		sb_printf(&db->err, "%s: databaseserveren svarer ikke: ingenting er endret. trapp kobler seg "
			  "til igjen ved neste forsøk; er serveren nede, spør den som drifter den", db->path);
		return -1;
	}
	PGresult *r = PQexec(db->pg, session_sql);
	int rc = PQresultStatus(r) == PGRES_COMMAND_OK ? 0 : pgx_fail(db, r);
	PQclear(r);
	return rc;
}

/* Before a statement outside a transaction: a connection already known
 * to be broken is made again first. */
static int usable(struct db *db)
{
	if (PQstatus(db->pg) == CONNECTION_OK || db->pgs->in_tx)
		return 0;
	return reconnect(db);
}

/* After a statement failed: 1 when it failed only because the connection
 * had gone away while idle and it can safely run again on a new one (a
 * read, or BEGIN, outside a transaction: nothing of it was done). */
static int retry_on_new_connection(struct db *db, const char *sql)
{
	if (db->pgs->in_tx || PQstatus(db->pg) == CONNECTION_OK)
		return 0;
	if (strncmp(sql, "SELECT", 6) != 0 && strncmp(sql, "BEGIN", 5) != 0)
		return 0;
	return reconnect(db) == 0;
}

static PGresult *run(struct db *db, const char *sql, int n, const char *const *params)
{
	int slot = prepared(db, sql, n);
	if (slot == -2)
		return NULL;
	if (slot >= 0) {
		char name[16];
		snprintf(name, sizeof name, "t%d", slot);
		return PQexecPrepared(db->pg, name, n, params, NULL, NULL, 0);
	}
	return PQexecParams(db->pg, sql, n, NULL, params, NULL, NULL, 0);
}

/* The user asked to stop (db_set_interrupt): said, and nothing sent. */
static int interrupted(struct db *db)
{
	if (!db->pgs->stop || !db->pgs->stop())
		return 0;
	sb_reset(&db->err);
	sb_puts(&db->err, "avbrutt");
	return 1;
}

static int failed_result(const PGresult *r)
{
	ExecStatusType st = PQresultStatus(r);
	return st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK;
}

PGresult *pgx(struct db *db, const char *sql, int n, const char *const *params)
{
	if (interrupted(db))
		return NULL;
	if (usable(db) != 0)
		return NULL;
	PGresult *r = run(db, sql, n, params);
	if (failed_result(r) && retry_on_new_connection(db, sql)) {
		PQclear(r);
		r = run(db, sql, n, params);
	}
	if (failed_result(r)) {
		pgx_fail(db, r);
		PQclear(r);
		return NULL;
	}
	ExecStatusType st = PQresultStatus(r);
	const char *t = PQcmdTuples(r);
	if (st == PGRES_COMMAND_OK && t && *t)
		db->pgs->changes += strtoll(t, NULL, 10);
	return r;
}

static int batch_once(struct db *db, size_t count, const char *const *sqls, int n, const char *const *params,
		      PGresult **out)
{
	if (!PQenterPipelineMode(db->pg))
		return pgx_fail(db, NULL);
	/* send: each statement prepared from its second use, as pgx does,
	 * the preparing itself in the same round trip */
	int rc = 0;
	int *prepping = xcalloc(count, sizeof *prepping);
	for (size_t k = 0; k < count && rc == 0; k++) {
		struct pg_state *ps = db->pgs;
		int first_use;
		int slot = slot_of(ps, sqls[k], n, &first_use);
		if (first_use)
			slot = -1;
		char name[16];
		snprintf(name, sizeof name, "t%d", slot);
		if (slot >= 0 && !ps->ready[slot]) {
			if (!PQsendPrepare(db->pg, name, sqls[k], n, NULL))
				rc = -1;
			prepping[k] = slot + 1;
		}
		if (rc == 0 && !(slot >= 0 ? PQsendQueryPrepared(db->pg, name, n, params, NULL, NULL, 0)
					   : PQsendQueryParams(db->pg, sqls[k], n, NULL, params, NULL, NULL, 0)))
			rc = -1;
	}
	if (rc == 0 && !PQpipelineSync(db->pg))
		rc = -1;
	if (rc != 0) {
		pgx_fail(db, NULL);
		free(prepping);
		/* the connection is in an unknown state: nothing more is read */
		return -1;
	}
	/* receive: every result up to the sync, keeping the first error */
	int failed = 0;
	for (size_t k = 0; k <= count; k++) {
		int steps = k < count && prepping[k] ? 2 : 1;
		for (int step = 0; step < steps; step++) {
			PGresult *r;
			PGresult *got = NULL;
			while ((r = PQgetResult(db->pg)) != NULL) {
				ExecStatusType st = PQresultStatus(r);
				if (st == PGRES_PIPELINE_SYNC) {
					PQclear(r);
					goto synced;
				}
				if (!got)
					got = r;
				else
					PQclear(r);
			}
			ExecStatusType st = got ? PQresultStatus(got) : PGRES_FATAL_ERROR;
			if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
				if (!failed && st != PGRES_PIPELINE_ABORTED)
					pgx_fail(db, got);
				failed = 1;
				PQclear(got);
			} else if (step == 0 && steps == 2) {
				db->pgs->ready[prepping[k] - 1] = 1;
				PQclear(got);
			} else {
				out[k] = got;
			}
		}
	}
	/* the sync's own result */
	for (PGresult *r; (r = PQgetResult(db->pg)) != NULL;) {
		int sync = PQresultStatus(r) == PGRES_PIPELINE_SYNC;
		PQclear(r);
		if (sync)
			break;
	}
synced:
	free(prepping);
	PQexitPipelineMode(db->pg);
	if (failed) {
		for (size_t k = 0; k < count; k++) {
			PQclear(out[k]);
			out[k] = NULL;
		}
		return -1;
	}
	return 0;
}

int pgx_batch(struct db *db, size_t count, const char *const *sqls, int n, const char *const *params,
	      PGresult **out)
{
	for (size_t k = 0; k < count; k++)
		out[k] = NULL;
	if (interrupted(db))
		return -1;
	if (usable(db) != 0)
		return -1;
	int rc = batch_once(db, count, sqls, n, params, out);
	/* reads outside a transaction, sent on a connection that had gone
	 * away while idle (the server restarted): once more on a new one */
	if (rc != 0 && !db->pgs->in_tx && PQstatus(db->pg) != CONNECTION_OK && reconnect(db) == 0)
		rc = batch_once(db, count, sqls, n, params, out);
	return rc;
}

int pgx_cmd(struct db *db, const char *sql, int n, const char *const *params)
{
	PGresult *r = pgx(db, sql, n, params);
	if (!r)
		return -1;
	PQclear(r);
	return 0;
}

int pgx_exec(struct db *db, const char *sql)
{
	if (usable(db) != 0)
		return -1;
	PGresult *r = PQexec(db->pg, sql);
	if (failed_result(r) && retry_on_new_connection(db, sql)) {
		PQclear(r);
		r = PQexec(db->pg, sql);
	}
	int rc = 0;
	if (failed_result(r))
		rc = pgx_fail(db, r);
	PQclear(r);
	return rc;
}

int pg_not_a_file(struct strbuf *err, const char *command)
{
	sb_printf(err, "«trapp %s» gjelder en SQLite-fil. En PostgreSQL-database sikkerhetskopieres og "
		  "kontrolleres av serveren: pg_dump og point-in-time recovery (se docs/DEPLOY.md)", command);
	return -1;
}

/* What to call the database in messages: the URI or conninfo without any
 * password in it. */
static char *describe(const char *conninfo)
{
	struct strbuf sb = {0};
	const char *pw = strstr(conninfo, "password");
	if (!pw) {
		sb_puts(&sb, conninfo);
	} else {
		sb_add(&sb, conninfo, (size_t)(pw - conninfo));
		sb_puts(&sb, "password=***");
		const char *end = pw + strcspn(pw, " &");
		sb_puts(&sb, end);
	}
	/* a URI's user:password@ part */
	char *s = sb_steal(&sb);
	char *at = strchr(s, '@');
	char *scheme = strstr(s, "://");
	if (at && scheme && at > scheme) {
		char *colon = memchr(scheme + 3, ':', (size_t)(at - scheme - 3));
		if (colon) {
			char *t = xasprintf("%.*s:***%s", (int)(colon - s), s, at);
			free(s);
			s = t;
		}
	}
	return s;
}

/* Notices and warnings from the server (a shutdown, a role that already
 * had a grant) are not the user's business: errors come with results. */
static void quiet(void *arg, const char *message)
{
	(void)arg, (void)message;
}

/* PQconnectdb, with the notice processor set before the first message
 * can arrive (a server shutting down warns during the handshake). */
static PGconn *connect_quietly(const char *conninfo)
{
	PGconn *c = PQconnectStart(conninfo);
	if (!c)
		return NULL;
	PQsetNoticeProcessor(c, quiet, NULL);
	PostgresPollingStatusType st = PGRES_POLLING_WRITING;
	while (PQstatus(c) != CONNECTION_BAD && st != PGRES_POLLING_OK && st != PGRES_POLLING_FAILED) {
		struct pollfd pfd = {PQsocket(c), st == PGRES_POLLING_READING ? POLLIN : POLLOUT, 0};
		if (pfd.fd < 0 || (poll(&pfd, 1, -1) < 0 && errno != EINTR))
			break;
		st = PQconnectPoll(c);
	}
	return c;
}

/* Why a connection failed, in bokmål. libpq gives no SQLSTATE for a
 * refused connection, only its text (the server's in English, whatever
 * the coordinator's language): the cases a new kommune meets are told
 * apart by it and said with what to do; the English never reaches the
 * screen. */
static void why_not_connected(struct strbuf *err, PGconn *c)
{
	const char *m = c ? PQerrorMessage(c) : "";
	const char *user = c && PQuser(c) ? PQuser(c) : "?";
	const char *dbname = c && PQdb(c) ? PQdb(c) : "?";
	if (!c)
		sb_puts(err, "tomt for minne");
	else if (strstr(m, "role \"") && strstr(m, "does not exist"))
		sb_printf(err, "serveren har ingen innlogging «%s»: databasens eier må lage den og gi den rollen "
			  "trapp_coordinator (CREATE ROLE %s LOGIN; GRANT trapp_coordinator TO %s; se "
			  "docs/DEPLOY.md)", user, user, user);
	else if (strstr(m, "database \"") && strstr(m, "does not exist"))
		sb_printf(err, "serveren har ingen database «%s»: sjekk navnet, eller lag den (createdb, se "
			  "docs/DEPLOY.md)", dbname);
	else if (strstr(m, "authentication failed") || strstr(m, "no pg_hba.conf entry") ||
		 strstr(m, "password"))
		sb_printf(err, "serveren godtok ikke innloggingen «%s» (peer, passord eller Kerberos, se "
			  "pg_hba.conf og docs/DEPLOY.md)", user);
	else if (strstr(m, "permission denied for database") || strstr(m, "not permitted to log in"))
		sb_printf(err, "innloggingen «%s» har ikke lov til å koble til databasen «%s»", user, dbname);
	else if (strstr(m, "too many") && strstr(m, "connections"))
		sb_puts(err, plain_state("53300"));
	else if (strstr(m, "starting up") || strstr(m, "shutting down") || strstr(m, "recovery"))
		sb_puts(err, "databaseserveren starter eller stopper akkurat nå: prøv igjen om litt");
	else if (strstr(m, "FATAL"))
		sb_puts(err, "serveren avviste tilkoblingen; serverens logg har grunnen");
	else
		sb_puts(err, "ingen PostgreSQL-server svarer der: er serveren startet, og er adressen "
			  "(host, port) riktig?");
}

static struct db *connect_db(const char *conninfo, struct strbuf *err)
{
	struct db *db = xcalloc(1, sizeof *db);
	db->path = describe(conninfo);
	db->pgs = xcalloc(1, sizeof *db->pgs);
	db->pg = connect_quietly(conninfo);
	if (!db->pg || PQstatus(db->pg) != CONNECTION_OK) {
		sb_printf(err, "kan ikke koble til PostgreSQL-databasen %s: ", db->path);
		why_not_connected(err, db->pg);
		pg_close(db);
		return NULL;
	}
	if (pgx_exec(db, session_sql) != 0) {
		sb_printf(err, "%s", db_error(db));
		pg_close(db);
		return NULL;
	}
	return db;
}

/* The schema version stored, 0 when trapp's tables are not there, -1 on
 * error. */
static int stored_version(struct db *db)
{
	PGresult *r = PQexec(db->pg, "SELECT to_regclass('trapp_schema') IS NOT NULL");
	if (PQresultStatus(r) != PGRES_TUPLES_OK) {
		pgx_fail(db, r);
		PQclear(r);
		return -1;
	}
	int exists = strcmp(PQgetvalue(r, 0, 0), "t") == 0;
	PQclear(r);
	if (!exists)
		return 0;
	r = PQexec(db->pg, "SELECT version FROM trapp_schema");
	int v = -1;
	if (PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) == 1)
		v = atoi(PQgetvalue(r, 0, 0));
	else
		pgx_fail(db, r);
	PQclear(r);
	return v;
}

struct db *pg_open(const char *conninfo, int target_version, db_seed_fn seed, struct strbuf *err)
{
	(void)target_version, (void)seed;  /* the schema is made by admin init */
	struct db *db = connect_db(conninfo, err);
	if (!db)
		return NULL;
	int v = stored_version(db);
	if (v < 0) {
		sb_printf(err, "%s", db_error(db));
	} else if (v == 0) {
		sb_printf(err, "PostgreSQL-databasen %s er ikke klargjort for trapp: databasens eier må "
			  "kjøre «trapp --db '%s' admin init» først", db->path, db->path);
	} else if (v > pg_schema_version) {
		sb_printf(err, "PostgreSQL-databasen %s har trapp-skjemaversjon %d, men denne trapp kjenner "
			  "bare til versjon %d: oppgrader trapp (databasen er ikke endret)",
			  db->path, v, pg_schema_version);
	} else if (v < pg_schema_version) {
		sb_printf(err, "PostgreSQL-databasen %s må oppgraderes (skjemaversjon %d til %d): databasens "
			  "eier må kjøre «trapp --db '%s' admin init»", db->path, v, pg_schema_version, db->path);
	} else {
		db->schema = DB_SCHEMA_VERSION;  /* every feature of the SQLite schema is there */
		/* the acting user is the login the server authenticated */
		PGresult *r = pgx(db, "SELECT current_user", 0, NULL);
		if (r) {
			ident_use_server_login(pgx_val(r, 0, 0));
			PQclear(r);
			return db;
		}
		sb_printf(err, "%s", db_error(db));
	}
	pg_close(db);
	return NULL;
}

void pg_close(struct db *db)
{
	if (db->pg)
		PQfinish(db->pg);
	if (db->pgs)
		for (size_t i = 0; i < PGX_CACHE; i++)
			free(db->pgs->text[i]);
	free(db->pgs);
	free(db->path);
	free(db->kom_code);
	sb_free(&db->err);
	sb_free(&db->notes);
	free(db);
}

int pg_begin(struct db *db)
{
	/* one round trip: on a busy machine each one waits for the server
	 * process's turn. A lock that failed after the BEGIN leaves the
	 * transaction open (aborted): rolled back here. */
	if (pgx_exec(db, "BEGIN ISOLATION LEVEL READ COMMITTED; " PG_WRITE_LOCK) != 0) {
		pg_rollback(db);
		return -1;
	}
	db->pgs->in_tx = 1;
	return 0;
}

/* The generation values this transaction took, as trapp_bump keeps
 * them in the transaction-local trapp.gen ("first,last" while each
 * followed the one before, "-" once another's came between), read in
 * the COMMIT's round trip. */
static void own_moves(struct pg_state *ps, const char *s)
{
	ps->own_first = ps->own_last = 0;
	long first, last;
	if (s && sscanf(s, "%ld,%ld", &first, &last) == 2 && first > 0 && last >= first) {
		ps->own_first = first;
		ps->own_last = last;
	}
}

int pg_commit(struct db *db)
{
	/* a failed transaction's COMMIT answers ROLLBACK without an error;
	 * a healthy one also tells which generation values it took, in the
	 * same round trip (an error before COMMIT in one query string would
	 * skip the COMMIT, so a failed transaction sends COMMIT alone) */
	int healthy = PQtransactionStatus(db->pg) == PQTRANS_INTRANS;
	own_moves(db->pgs, NULL);
	PGresult *r;
	if (healthy && PQsendQuery(db->pg, "SELECT current_setting('trapp.gen', true); COMMIT")) {
		PGresult *last = NULL;
		while ((r = PQgetResult(db->pg)) != NULL) {
			if (PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) == 1 && !last) {
				own_moves(db->pgs, PQgetisnull(r, 0, 0) ? NULL : PQgetvalue(r, 0, 0));
				PQclear(r);
				continue;
			}
			PQclear(last);
			last = r;
		}
		r = last;
	} else {
		r = PQexec(db->pg, "COMMIT");
	}
	int rc = 0;
	db->pgs->in_tx = 0;
	if (PQresultStatus(r) != PGRES_COMMAND_OK && healthy && PQstatus(db->pg) != CONNECTION_OK) {
		/* the COMMIT went out and no answer came back: the server may
		 * have made it durable just before it went away */
		sb_reset(&db->err);
		sb_printf(&db->err, "%s: forbindelsen til databaseserveren ble brutt mens endringen ble lagret: "
			  "se etter om den er kommet med før du prøver igjen (trapp kobler seg til på nytt)",
			  db->path);
		rc = -1;
	} else if (PQresultStatus(r) != PGRES_COMMAND_OK)
		rc = pgx_fail(db, r);
	else if (strcmp(PQcmdStatus(r), "COMMIT") != 0) {
		sb_reset(&db->err);
		sb_printf(&db->err, "%s: transaksjonen ble rullet tilbake av serveren: ingenting er endret",
			  db->path);
		rc = -1;
	}
	PQclear(r);
	if (rc == 0)
		db->commits++;
	else
		own_moves(db->pgs, NULL);
	return rc;
}

void pg_rollback(struct db *db)
{
	free(db->kom_code);
	db->kom_code = NULL;
	db->pgs->in_tx = 0;
	if (PQstatus(db->pg) == CONNECTION_OK && PQtransactionStatus(db->pg) != PQTRANS_IDLE)
		PQclear(PQexec(db->pg, "ROLLBACK"));
}

long pg_data_version(struct db *db)
{
	PGresult *r = pgx(db, "SELECT last_value FROM trapp_generation", 0, NULL);
	if (!r)
		return -1;
	long v = (long)pgx_ll_at(r, 0, 0);
	PQclear(r);
	return v;
}

long pg_data_version_after_own(struct db *db, long seen)
{
	struct pg_state *ps = db->pgs;
	if (ps->own_first && ps->own_first == seen + 1)
		return ps->own_last;
	return seen;
}

char *pg_setting_get(struct db *db, const char *key)
{
	const char *p[] = {key};
	/* the login's own value before the kommune's shared one */
	PGresult *r = pgx(db, "SELECT value FROM setting WHERE key = $1 AND login IN (current_user, '')"
			  " ORDER BY login = '' LIMIT 1", 1, p);
	if (!r)
		return NULL;
	char *v = PQntuples(r) ? pgx_dup(r, 0, 0) : NULL;
	PQclear(r);
	return v;
}

int pg_setting_set(struct db *db, const char *key, const char *value)
{
	const char *p[] = {key, value ? value : ""};
	return pgx_cmd(db, "INSERT INTO setting(login, key, value) VALUES(current_user, $1, $2)"
		       " ON CONFLICT(login, key) DO UPDATE SET value = excluded.value", 2, p);
}

/* Apply the migrations from the stored version up, and seed the data the
 * new versions bring, in one transaction. */
int pg_admin_init(const char *conninfo, db_seed_fn seed, struct strbuf *report, struct strbuf *err)
{
	struct db *db = connect_db(conninfo, err);
	if (!db)
		return -1;
	int to = pg_schema_version;
#ifdef TRAPP_TEST_HOOKS
	/* test builds only: a server at an older schema, made by the real
	 * migrations, to test upgrades (never in a release build) */
	const char *cap = getenv("TRAPP_TEST_PG_SCHEMA");
	if (cap && atoi(cap) > 0 && atoi(cap) < to)
		to = atoi(cap);
#endif
	int from = -1;
	if (pgx_exec(db, "BEGIN ISOLATION LEVEL READ COMMITTED") != 0 || pgx_exec(db, PG_WRITE_LOCK) != 0 ||
	    (from = stored_version(db)) < 0)
		goto fail;
	if (from > pg_schema_version) {
		sb_printf(err, "PostgreSQL-databasen %s har trapp-skjemaversjon %d, men denne trapp kjenner "
			  "bare til versjon %d: oppgrader trapp", db->path, from, pg_schema_version);
		goto out;
	}
	if (from >= to) {
		sb_printf(report, "PostgreSQL-databasen %s er allerede klargjort (skjemaversjon %d)\n",
			  db->path, from);
		pg_rollback(db);
		pg_close(db);
		return 0;
	}
	for (int v = from; v < to; v++)
		if (pgx_exec(db, pg_migrations[v]) != 0)
			goto fail;
	char ver[24];
	const char *p[] = {pgx_ll(ver, to)};
	if (pgx_cmd(db, "UPDATE trapp_schema SET version = $1", 1, p) != 0)
		goto fail;
	db->schema = DB_SCHEMA_VERSION;
	/* the shipped catalogues: what the SQLite schema's versions brought */
	if (from == 0 && seed) {
		struct strbuf serr = {0};
		if (seed(db, 0, DB_SCHEMA_VERSION, &serr) != 0) {
			sb_reset(&db->err);
			sb_printf(&db->err, "innlasting av katalogen feilet: %s", sb_str(&serr));
			sb_free(&serr);
			goto fail;
		}
		sb_free(&serr);
	}
	if (pg_commit(db) != 0)
		goto fail;
	sb_printf(report, "PostgreSQL-databasen %s er klargjort for trapp (skjemaversjon %d fra %d). "
		  "Gi hver koordinator rollen trapp_coordinator og administratorene trapp_admin, "
		  "for eksempel: GRANT trapp_coordinator TO kari;\n", db->path, to, from);
	pg_close(db);
	return 0;
fail:
	sb_printf(err, "%s", db_error(db));
out:
	pg_rollback(db);
	pg_close(db);
	return -1;
}
