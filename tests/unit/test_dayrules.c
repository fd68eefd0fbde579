/* test_dayrules.c - the BTI rules of a coordinator's day: consent checked
 * against the plan after the fact (withdrawal marks services and blocks
 * their new steps until renewed), level 2 and 3 need valid consent, the
 * kommune's youth consent age, consent by foresatte with names, closing
 * reasons, summary and the open-steps refusal, consent expiry and
 * waiting hand-overs in "due" and today's reminders, local time, and the
 * 8 -> 9 migration of an older file. Names are fictional. */
#include "check.h"
#include "trapp/cli.h"
#include "trapp/db.h"
#include "trapp/load.h"
#include "trapp/plan.h"
#include "trapp/plan_doc.h"
#include "trapp/util.h"
#include "trapp/ident.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#define PPT "pedagogisk-psykologisk-tjeneste-ppt"
#define RT "ressursteam-i-skole"
#define LOGO "logopedtjenesten"

/* A coded refusal (plan_refusal.h) is read in the CLI's words. */
#define REFUSED(rc, err, want)                                                              \
	do {                                                                                \
		int rc_ = (rc);                                                             \
		cli_refusal_phrase(rc_, (err));                                             \
		CHECK(rc_ == PLAN_REFUSED && strstr(sb_str(err), (want)) != NULL,           \
		      "refused with «%s»: rc %d, «%s»", (want), rc_, sb_str(err));          \
	} while (0)
#define OK(rc, err) CHECK((rc) == PLAN_OK, "ok: rc %d, «%s»", (rc), sb_str(err))

static long plan_at(struct db *db, const char *born, int level)
{
	struct plan_new in = {"Tora Testesen", born, "Solsikken skole", "tromso", level, "Kari Lærer",
			      "Ressursteam i skole"};
	long id = 0;
	struct strbuf err = {0};
	OK(plan_new(db, &in, &id, &err), &err);
	sb_free(&err);
	return id;
}

static int consent(struct db *db, long id, enum plan_consent_by by, const char *date, const char *expires,
		   const char *guardians, struct strbuf *err)
{
	static const char *const scope[] = {RT, PPT};
	struct plan_consent_input in = {by, date, expires, scope, 2, guardians};
	return plan_add_consent(db, id, &in, err);
}

/* The text of the plan document's section, rows joined by newlines. */
static char *section_text(struct db *db, long id, enum plan_section_id sec)
{
	struct plan p;
	struct strbuf err = {0}, out = {0};
	if (plan_load(db, id, &p, &err) != PLAN_OK)
		return xstrdup(sb_str(&err));
	struct plan_doc d;
	struct plan_doc_opts o = {0};
	plan_doc_build(&d, &p, &o);
	for (size_t r = 0; r < d.sections[sec].n_rows; r++) {
		char *t = plan_row_text(&d.sections[sec].rows[r]);
		sb_printf(&out, "%s\n", t);
		free(t);
	}
	plan_doc_free(&d);
	plan_free(&p);
	sb_free(&err);
	return sb_steal(&out);
}

static void test_level_needs_consent(struct db *db)
{
	struct strbuf err = {0};
	long id = plan_at(db, "2015-05-01", 1);
	REFUSED(plan_set_level(db, id, 2, "Trenger PPT", NULL, &err), &err, "krever gyldig, registrert samtykke");
	CHECK(strstr(sb_str(&err), "trapp plan consent") != NULL, "names the command: %s", sb_str(&err));
	REFUSED(plan_set_level(db, id, 3, "Trenger mer", NULL, &err), &err, "ikke registrert samtykke");
	OK(consent(db, id, CONSENT_BY_PARENTS, "2025-08-20", NULL, "Mona Testesen", &err), &err);
	OK(plan_set_level(db, id, 2, "Trenger PPT", NULL, &err), &err);
	OK(plan_withdraw(db, id, "2025-08-30", &err), &err);
	REFUSED(plan_set_level(db, id, 3, "Trenger mer", NULL, &err), &err, "samtykket ble trukket 2025-08-30");
	OK(plan_set_level(db, id, 1, "Tilbake til egen tjeneste", NULL, &err), &err);  /* lowering is fine */
	sb_free(&err);
}

static void test_withdrawal_marks(struct db *db)
{
	struct strbuf err = {0};
	long id = plan_at(db, "2015-05-01", 1);
	OK(consent(db, id, CONSENT_BY_PARENTS, "2025-08-20", NULL, "Mona Testesen, Ole Testesen", &err), &err);
	OK(plan_set_level(db, id, 2, "Trenger PPT", NULL, &err), &err);
	OK(plan_add_service(db, id, PPT, "utredning", &err), &err);
	struct plan_step_input st = {"Utredning", "PPT", "2025-09-20", NULL, PPT};
	int no;
	OK(plan_add_step(db, id, &st, &no, &err), &err);
	char *svc = section_text(db, id, PS_SERVICES);
	CHECK(strstr(svc, "samtykke: dekket") && !strstr(svc, "ikke dekket"), "covered: %s", svc);
	free(svc);
	char *cons = section_text(db, id, PS_CONSENT);
	CHECK(strstr(cons, "samtykke fra foresatte (Mona Testesen, Ole Testesen)"), "guardians shown: %s", cons);
	free(cons);

	OK(plan_withdraw(db, id, "2025-08-31", &err), &err);
	svc = section_text(db, id, PS_SERVICES);
	CHECK(strstr(svc, "! ikke dekket av samtykket (samtykket ble trukket 2025-08-31)"), "marked: %s", svc);
	free(svc);
	char *steps = section_text(db, id, PS_STEPS);
	CHECK(strstr(steps, "! dekker ikke tjenesten"), "open step marked: %s", steps);
	free(steps);
	REFUSED(plan_add_step(db, id, &st, &no, &err), &err, "stanset til samtykket er fornyet");
	CHECK(strstr(sb_str(&err), "trapp plan consent") != NULL, "the way forward: %s", sb_str(&err));
	/* a step without a service is the plan's own work and goes on */
	struct plan_step_input own = {"Samtale med foresatte", "Kari Lærer", "2025-09-10", NULL, NULL};
	OK(plan_add_step(db, id, &own, &no, &err), &err);
	/* renewed: covered again, new steps allowed */
	OK(consent(db, id, CONSENT_BY_PARENTS, "2025-09-01", NULL, "Mona Testesen", &err), &err);
	svc = section_text(db, id, PS_SERVICES);
	CHECK(strstr(svc, "samtykke: dekket") && !strstr(svc, "ikke dekket"), "covered again: %s", svc);
	free(svc);
	OK(plan_add_step(db, id, &st, &no, &err), &err);
	sb_free(&err);
}

static void test_youth_age(struct db *db)
{
	struct strbuf err = {0};
	CHECK(plan_youth_consent_age(db, "tromso") == 15, "15 by default");
	CHECK(strstr(plan_youth_consent_basis, "§ 4-3") && strstr(plan_youth_consent_basis, "barnevernsloven"),
	      "basis in law");
	long id = plan_at(db, "2010-03-01", 1);  /* 15 on 2025-09-01 */
	OK(consent(db, id, CONSENT_BY_YOUTH, "2025-08-20", NULL, NULL, &err), &err);
	CHECK(plan_set_youth_consent_age(db, "tromso", 17, &err) == PLAN_REFUSED, "17 refused");
	CHECK(plan_set_youth_consent_age(db, "atlantis", 16, &err) == PLAN_REFUSED, "unknown kommune");
	OK(plan_set_youth_consent_age(db, "tromso", 16, &err), &err);
	CHECK(plan_youth_consent_age(db, "tromso") == 16, "16 set");
	CHECK(plan_youth_consent_age(db, "senja") == 15, "other kommune keeps 15");
	REFUSED(consent(db, id, CONSENT_BY_YOUTH, "2025-08-21", NULL, NULL, &err), &err, "fra 16 år i kommunen Tromsø");
	REFUSED(consent(db, id, CONSENT_BY_BOTH, "2025-08-21", NULL, "Mona Testesen", &err), &err, "foresatte");
	OK(consent(db, id, CONSENT_BY_PARENTS, "2025-08-21", NULL, "Mona Testesen", &err), &err);
	OK(plan_set_youth_consent_age(db, "tromso", 15, &err), &err);
	OK(consent(db, id, CONSENT_BY_BOTH, "2025-08-22", NULL, "Mona Testesen", &err), &err);
	REFUSED(consent(db, id, CONSENT_BY_YOUTH, "2025-08-22", NULL, "Mona Testesen", &err), &err, "velg «begge»");
	CHECK(plan_parse(VOCAB_CONSENT_BY, "foresatte") == CONSENT_BY_PARENTS, "foresatte");
	CHECK(plan_parse(VOCAB_CONSENT_BY, "foreldre") == CONSENT_BY_PARENTS, "foreldre still read");
	CHECK(plan_parse(VOCAB_CONSENT_BY, "begge") == CONSENT_BY_BOTH, "begge");
	sb_free(&err);
}

static void test_closing(struct db *db)
{
	struct strbuf err = {0};
	CHECK(plan_parse(VOCAB_CLOSE, "overfort-barnevern") == CLOSE_TO_CHILD_WELFARE, "barnevern");
	CHECK(plan_parse(VOCAB_CLOSE, "overført til barneverntjenesten") == CLOSE_TO_CHILD_WELFARE, "label");
	CHECK(plan_parse(VOCAB_CLOSE, "annet") == CLOSE_OTHER, "annet");
	long id = plan_at(db, "2015-05-01", 1);
	struct plan_step_input st = {"Samtale", "Kari Lærer", "2025-09-20", NULL, NULL};
	int no;
	OK(plan_add_step(db, id, &st, &no, &err), &err);
	OK(plan_add_step(db, id, &st, &no, &err), &err);
	struct plan_close_input in = {CLOSE_OTHER, NULL, "Målene er delvis nådd.", NULL, 0};
	REFUSED(plan_close_with(db, id, &in, &err), &err, "trenger en begrunnelse");
	in.why = "Familien ønsket å avslutte";
	REFUSED(plan_close_with(db, id, &in, &err), &err, "2 åpne tiltak (steg 1, 2)");
	CHECK(strstr(sb_str(&err), "--force") != NULL, "says how: %s", sb_str(&err));
	in.force = 1;
	OK(plan_close_with(db, id, &in, &err), &err);
	struct plan p;
	OK(plan_load(db, id, &p, &err), &err);
	CHECK(p.close_reason == CLOSE_OTHER && strcmp(p.close_why, "Familien ønsket å avslutte") == 0 &&
	      strcmp(p.close_summary, "Målene er delvis nådd.") == 0, "kept: %s / %s", p.close_why, p.close_summary);
	plan_free(&p);
	char *child = section_text(db, id, PS_CHILD);
	CHECK(strstr(child, "annet (med begrunnelse): Familien ønsket å avslutte") &&
	      strstr(child, "Målene er delvis nådd."), "shown: %s", child);
	free(child);
	long b = plan_at(db, "2015-05-01", 1);
	struct plan_close_input bv = {CLOSE_TO_CHILD_WELFARE, NULL, NULL, NULL, 0};
	OK(plan_close_with(db, b, &bv, &err), &err);
	sb_free(&err);
}

static void test_due_and_reminders(void)
{
	struct strbuf err = {0};
	char *path = xasprintf("%s/dayrules-due.db", test_tmpdir());
	struct db *db = db_open(path, 0, load_seed, &err);
	free(path);
	CHECK(db != NULL, "open: %s", sb_str(&err));
	if (!db)
		return;
	long a = plan_at(db, "2015-05-01", 1), b = plan_at(db, "2014", 1), c = plan_at(db, "2013", 1);
	OK(consent(db, a, CONSENT_BY_PARENTS, "2025-08-01", "2025-09-20", NULL, &err), &err);  /* within 30 days */
	OK(consent(db, b, CONSENT_BY_PARENTS, "2025-06-01", "2025-08-25", NULL, &err), &err);  /* expired */
	OK(consent(db, c, CONSENT_BY_PARENTS, "2025-08-01", "2026-03-01", NULL, &err), &err);  /* far off */
	OK(plan_handover(db, c, "viggo", "Videregående skole", "2025-08-31", &err), &err);
	struct plan_step_input late = {"Kartlegging", "PPT", "2025-08-20", NULL, NULL};
	int no;
	OK(plan_add_step(db, c, &late, &no, &err), &err);
	struct plan_due *d;
	size_t n;
	/* the hand-over waits for viggo, not for this login */
	OK(plan_due(db, "2025-09-01", -1, 0, NULL, &d, &n, &err), &err);
	for (size_t i = 0; i < n; i++)
		CHECK(d[i].kind != DUE_HANDOVER, "a hand-over for someone else is not this login's");
	plan_due_free(d, n);
	/* plan d is kari's, handed over to this login: it waits for us */
	long e = plan_at(db, "2012", 1);
	char *sql = xasprintf("sqlite3 '%s' \"UPDATE plan_member SET login = 'kari' WHERE plan_id = %ld;"
			      " INSERT INTO plan_holder(plan_id, name, service, proposed, state, login)"
			      " VALUES(%ld, 'Meg Selv', 'Videregående skole', '2025-08-31', 'foreslatt', '%s')\"",
			      db_path(db), e, e, ident_login());
	CHECK(system(sql) == 0, "kari's plan, handed over to this login (sqlite3 shell)");
	free(sql);
	OK(plan_due(db, "2025-09-01", -1, 0, NULL, &d, &n, &err), &err);
	int seen_exp = 0, seen_soon = 0, seen_hand = 0;
	for (size_t i = 0; i < n; i++) {
		if (d[i].kind == DUE_CONSENT && d[i].plan_id == b)
			seen_exp = d[i].overdue && strcmp(d[i].date, "2025-08-25") == 0;
		if (d[i].kind == DUE_CONSENT && d[i].plan_id == a)
			seen_soon = !d[i].overdue && strcmp(d[i].date, "2025-09-20") == 0;
		if (d[i].kind == DUE_CONSENT)
			CHECK(d[i].plan_id != c, "consent far off is not due");
		if (d[i].kind == DUE_HANDOVER)
			seen_hand = d[i].plan_id == e && strcmp(d[i].who, "Meg Selv") == 0;
	}
	CHECK(seen_exp && seen_soon && seen_hand, "expired %d, expiring %d, hand-over %d", seen_exp, seen_soon,
	      seen_hand);
	plan_due_free(d, n);
	OK(plan_due(db, "2025-09-01", -1, 1, NULL, &d, &n, &err), &err);
	for (size_t i = 0; i < n; i++)
		if (d[i].kind == DUE_HANDOVER)
			CHECK(strcmp(d[i].who, "M.S.") == 0 && strcmp(d[i].child, "T.T.") == 0, "masked: %s %s",
			      d[i].who, d[i].child);
	plan_due_free(d, n);
	struct plan_reminders r;
	OK(plan_reminders(db, "2025-09-01", &r, &err), &err);
	CHECK(r.overdue == 1 && r.consents == 2 && r.handovers == 1 && r.evaluations == 0, "counts %zu %zu %zu",
	      r.overdue, r.consents, r.handovers);
	struct strbuf line = {0};
	CHECK(plan_reminders_text(&r, &line) == 4, "four things");
	CHECK_STR(sb_str(&line), "1 forfalt · 2 samtykker utløper · 1 overføring venter");
	sb_free(&line);
	/* meetings from today for the calendar */
	int agreed[] = {1};
	struct plan_meeting_input m = {"2025-09-10", "Kari Lærer, PPT", "Planlagt oppfølgingsmøte", agreed, 1, NULL, 0};
	OK(plan_add_meeting(db, c, &m, &no, &err), &err);
	OK(plan_due_meetings(db, "2025-09-01", 1, NULL, &d, &n, &err), &err);
	CHECK(n == 1 && d[0].kind == DUE_MEETING && strcmp(d[0].date, "2025-09-10") == 0, "one meeting (%zu)", n);
	plan_due_free(d, n);
	db_close(db);
	sb_free(&err);
}

static void test_local_time(void)
{
	char *old = getenv("TZ") ? xstrdup(getenv("TZ")) : NULL;
	char buf[32];
	const char *out = buf;
	setenv("TZ", "Europe/Oslo", 1);
	tzset();
	time_local("2025-09-01T10:00:00Z", buf, sizeof buf);
	CHECK_STR(out, "2025-09-01 12:00");  /* summer time */
	time_local("2025-12-01T23:30:00Z", buf, sizeof buf);
	CHECK_STR(out, "2025-12-02 00:30");  /* winter time, next day */
	setenv("TZ", "UTC", 1);
	tzset();
	time_local("2025-09-01T10:00:00Z", buf, sizeof buf);
	CHECK_STR(out, "2025-09-01 10:00");
	time_local("ikke en tid", buf, sizeof buf);
	CHECK_STR(out, "ikke en tid");
	if (old)
		setenv("TZ", old, 1);
	else
		unsetenv("TZ");
	tzset();
	free(old);
}

/* A schema-8 file with a closed plan migrates; the new reasons then fit. */
static void test_migration(void)
{
	struct strbuf err = {0};
	char *path = xasprintf("%s/dayrules-v8.db", test_tmpdir());
	struct db *db = db_open(path, 8, load_seed, &err);
	CHECK(db != NULL, "open at 8: %s", sb_str(&err));
	if (!db) {
		free(path);
		return;
	}
	db_close(db);
	db = db_open(path, 0, load_seed, &err);
	free(path);
	CHECK(db != NULL, "migrate: %s", sb_str(&err));
	if (!db)
		return;
	long id = plan_at(db, "2015-05-01", 1);
	struct plan_close_input in = {CLOSE_OTHER, "Flyttet til utlandet", NULL, NULL, 0};
	OK(plan_close_with(db, id, &in, &err), &err);
	long b = plan_at(db, "2009", 1);
	OK(consent(db, b, CONSENT_BY_BOTH, "2025-08-20", NULL, "Mona Testesen", &err), &err);
	db_close(db);
	sb_free(&err);
}

void test_dayrules(void)
{
	char *old = getenv("TRAPP_TODAY") ? xstrdup(getenv("TRAPP_TODAY")) : NULL;
	setenv("TRAPP_TODAY", "2025-09-01", 1);
	test_local_time();
	struct strbuf err = {0};
	char *path = xasprintf("%s/dayrules.db", test_tmpdir());
	struct db *db = db_open(path, 0, load_seed, &err);
	free(path);
	CHECK(db != NULL, "open: %s", sb_str(&err));
	sb_free(&err);
	if (db) {
		test_level_needs_consent(db);
		test_withdrawal_marks(db);
		test_youth_age(db);
		test_closing(db);
		db_close(db);
	}
	test_due_and_reminders();
	test_migration();
	if (old)
		setenv("TRAPP_TODAY", old, 1);
	else
		unsetenv("TRAPP_TODAY");
	free(old);
}
