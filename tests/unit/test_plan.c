/* test_plan.c - the plan model: dates and age, the word lists, every guard
 * rail (consent scope, expiry, withdrawal, refusal, youth consent, the
 * level < 2 rule, hand-over acceptance, closed read-only), level history,
 * audit rows per change, rollback on failure, due ordering, the list,
 * masking, and the export formats and file modes. Names are fictional. */
#include "check.h"
#include "trapp/db.h"
#include "trapp/load.h"
#include "trapp/plan.h"
#include "trapp/cli.h"
#include "trapp/plan_export.h"
#include "trapp/access.h"
#include "trapp/audit.h"
#include "trapp/ident.h"
#include "trapp/plan_mask.h"
#include "trapp/util.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define PPT "pedagogisk-psykologisk-tjeneste-ppt"
#define RT "ressursteam-i-skole"
#define LOGO "logopedtjenesten"

static void today(const char *d) { setenv("TRAPP_TODAY", d, 1); }

/* Load plan id (must exist). */
static struct plan load(struct db *db, long id)
{
	struct plan p;
	struct strbuf err = {0};
	int rc = plan_load(db, id, &p, &err);
	CHECK(rc == PLAN_OK, "load plan %ld: %s", id, sb_str(&err));
	sb_free(&err);
	return p;
}

static size_t audit_rows(struct db *db, long id)
{
	struct plan p = load(db, id);
	size_t n = p.n_audit;
	plan_free(&p);
	return n;
}

/* rc must be PLAN_REFUSED with a message containing want. */
/* A coded refusal (plan_refusal.h) is read in the CLI's words. */
#define REFUSED(rc, err, want)                                                              \
	do {                                                                                \
		int rc_ = (rc);                                                             \
		cli_refusal_phrase(rc_, (err));                                             \
		CHECK(rc_ == PLAN_REFUSED && strstr(sb_str(err), (want)) != NULL,           \
		      "refused with «%s»: rc %d, «%s»", (want), rc_, sb_str(err));          \
	} while (0)
#define OK(rc, err) CHECK((rc) == PLAN_OK, "ok: rc %d, «%s»", (rc), sb_str(err))

static void date_is(const char *got, const char *want) { CHECK_STR(got, want); }

static void test_dates(void)
{
	CHECK(plan_date_valid("2025-09-01"), "plain date");
	CHECK(plan_date_valid("2024-02-29"), "leap day 2024");
	CHECK(plan_date_valid("2000-02-29"), "leap day 2000");
	CHECK(!plan_date_valid("2025-02-29"), "no leap day 2025");
	CHECK(!plan_date_valid("1900-02-29"), "1900 is not a leap year");
	CHECK(!plan_date_valid("2025-04-31"), "April has 30 days");
	CHECK(!plan_date_valid("2025-13-01"), "month 13");
	CHECK(!plan_date_valid("2025-00-10"), "month 0");
	CHECK(!plan_date_valid("2025-1-01"), "short month");
	CHECK(!plan_date_valid("2025-01-01x"), "trailing text");
	CHECK(!plan_date_valid("01.09.2025"), "Norwegian style");
	CHECK(!plan_date_valid(""), "empty");
	CHECK(!plan_date_valid(NULL), "NULL");
	char d[PLAN_DATE_LEN];
	plan_date_add("2025-12-25", 7, d);
	date_is(d, "2026-01-01");
	plan_date_add("2024-03-01", -1, d);
	date_is(d, "2024-02-29");
	plan_date_add("2025-09-01", 0, d);
	date_is(d, "2025-09-01");
	int approx;
	CHECK(plan_age("2016-03-14", "2025-09-01", &approx) == 9 && !approx, "9 after birthday");
	CHECK(plan_age("2016-09-02", "2025-09-01", &approx) == 8, "8 the day before the birthday");
	CHECK(plan_age("2016-09-01", "2025-09-01", &approx) == 9, "9 on the birthday");
	CHECK(plan_age("2016", "2025-09-01", &approx) == 9 && approx, "year only: age reached this year");
	CHECK(plan_age("2025-09-02", "2025-09-01", &approx) == -1, "born tomorrow");
	CHECK(plan_age("2026", "2025-09-01", &approx) == -1, "born next year");
	CHECK(plan_age("2016-02-30", "2025-09-01", &approx) == -1, "no such birth date");
	CHECK(plan_age("16", "2025-09-01", &approx) == -1, "two-digit year");
	today("2025-09-01");
	plan_today(d);
	date_is(d, "2025-09-01");
}

static void test_words(void)
{
	CHECK(plan_parse(VOCAB_STEP, "pågår") == STEP_ONGOING, "pågår");
	CHECK(plan_parse(VOCAB_STEP, "pagar") == STEP_ONGOING, "pagar");
	CHECK(plan_parse(VOCAB_STEP, "PÅGÅR") == STEP_ONGOING, "PÅGÅR");
	CHECK(plan_parse(VOCAB_STEP, "fullført") == STEP_DONE, "fullført");
	CHECK(plan_parse(VOCAB_STEP, "ferdig") == -1, "ferdig is not a status");
	CHECK(plan_parse(VOCAB_CLOSE, "mal-nadd") == CLOSE_GOALS_MET, "mal-nadd");
	CHECK(plan_parse(VOCAB_CLOSE, "mål nådd") == CLOSE_GOALS_MET, "mål nådd");
	CHECK(plan_parse(VOCAB_CLOSE, "overfort-barnekoordinator") == CLOSE_TO_CHILD_COORDINATOR, "barnekoordinator");
	CHECK(plan_parse(VOCAB_GOAL, "delvis nådd") == GOAL_PARTLY_MET, "delvis nådd");
	CHECK(plan_parse(VOCAB_CONSENT_BY, "ungdom") == CONSENT_BY_YOUTH, "ungdom");
	CHECK(plan_parse(VOCAB_CONSENT_BY, "") == -1, "empty");
	struct strbuf sb = {0};
	plan_choices(&sb, VOCAB_STEP);
	CHECK_STR(sb_str(&sb), "planlagt, pågår, fullført, avbrutt");
	sb_reset(&sb);
	plan_choices(&sb, VOCAB_CLOSE);
	CHECK(strstr(sb_str(&sb), "mal-nadd") && strstr(sb_str(&sb), "flyttet"), "close choices: %s", sb_str(&sb));
	sb_free(&sb);
	char *m = plan_mask_initials("Ola Testesen");
	CHECK_STR(m, "O.T.");
	free(m);
	m = plan_mask_initials("Øystein Åsen-Ås");
	CHECK_STR(m, "Ø.Å.");
	free(m);
}

static long new_plan(struct db *db, const char *child, const char *born, int level, struct strbuf *err)
{
	struct plan_new in = {child, born, "Solsikken skole", "tromso", level, NULL, NULL};
	long id = 0;
	int rc = plan_new(db, &in, &id, err);
	CHECK(rc == PLAN_OK && id > 0, "plan_new: %s", sb_str(err));
	return id;
}

static int consent(struct db *db, long id, const char *date, const char *expires,
		   const char *const *scope, size_t n, struct strbuf *err)
{
	struct plan_consent_input in = {CONSENT_BY_PARENTS, date, expires, scope, n, NULL};
	return plan_add_consent(db, id, &in, err);
}

static void test_new(struct db *db)
{
	struct strbuf err = {0};
	today("2025-09-01");
	long id = 0;
	struct plan_new bad = {"Ola Testesen", "2016-02-30", NULL, "tromso", 1, NULL, NULL};
	REFUSED(plan_new(db, &bad, &id, &err), &err, "fødselsdato");
	CHECK(!strstr(sb_str(&err), "2016"), "birth date not echoed: %s", sb_str(&err));
	bad.born = "2026";
	REFUSED(plan_new(db, &bad, &id, &err), &err, "fram i tid");
	bad.born = "2016";
	bad.level = 4;
	REFUSED(plan_new(db, &bad, &id, &err), &err, "Ugyldig nivå 4");
	bad.level = 1;
	bad.kommune = "oslo";
	REFUSED(plan_new(db, &bad, &id, &err), &err, "Ukjent kommune «oslo»");
	bad.kommune = "tromso";
	bad.child = "   ";
	REFUSED(plan_new(db, &bad, &id, &err), &err, "Barnets navn");
	struct plan_summary *s;
	size_t n;
	CHECK(plan_list(db, 0, NULL, &s, &n, &err) == PLAN_OK && n == 0, "refusals wrote no plan (%zu)", n);
	plan_list_free(s, n);

	CHECK(access_set_name(db, "Kari Koordinator", &err) == PLAN_OK, "display name of the login");
	id = new_plan(db, "Ola Testesen", "2016-03-14", 1, &err);
	struct plan p = load(db, id);
	CHECK_STR(p.child, "Ola Testesen");
	CHECK(p.level == 1 && p.age == 9 && !p.age_approx, "level 1, age 9 (%d)", p.age);
	CHECK_STR(p.created, "2025-09-01");
	CHECK(p.n_levels == 1 && p.levels[0].from == -1 && p.levels[0].to == 1, "level history starts");
	const struct plan_holder *h = plan_holder(&p);
	CHECK(h && strcmp(h->name, "Kari Koordinator") == 0, "holder defaults to the login's display name");
	CHECK(h && strcmp(h->login, ident_login()) == 0, "holder is the login");
	CHECK(p.n_members == 1 && p.members[0].role == ROLE_HOLDER && strcmp(p.members[0].login, ident_login()) == 0,
	      "the creator is the stafettholder member");
	CHECK(p.role == ROLE_HOLDER, "role of the acting login");
	CHECK(h && strcmp(h->service, "Solsikken skole") == 0, "holder service defaults to unit");
	CHECK(p.n_audit == 1 && strcmp(p.audit[0].who, ident_login()) == 0, "one audit row by the login");
	CHECK(p.n_audit == 1 && strlen(p.audit[0].at) == 20 && p.audit[0].at[10] == 'T' &&
	      p.audit[0].at[19] == 'Z', "audit time is UTC ISO: %s", p.n_audit ? p.audit[0].at : "");
	CHECK(p.closed[0] == '\0' && p.close_reason == -1, "open");
	plan_free(&p);
	CHECK(plan_load(db, 999, &p, &err) == PLAN_REFUSED && plan_refusal()->plan == 999 &&
	      (plan_refusal()->code == PR_NO_PLAN || plan_refusal()->code == PR_NO_ACCESS), "no plan 999 (%d)",
	      plan_refusal()->code);
	sb_free(&err);
}

static void test_consent_and_services(struct db *db)
{
	struct strbuf err = {0};
	today("2025-09-01");
	long id = new_plan(db, "Kari Nordmann", "2016-05-01", 1, &err);
	size_t audits = audit_rows(db, id);

	/* missing consent */
	REFUSED(plan_add_service(db, id, PPT, NULL, &err), &err, "har ikke samtykke");
	CHECK(strstr(sb_str(&err), "trapp plan consent") != NULL, "says how: %s", sb_str(&err));
	CHECK(!strstr(sb_str(&err), "Nordmann"), "no child name in the message");

	/* bad consents */
	const char *unknown[] = {"finnes-ikke"};
	REFUSED(consent(db, id, "2025-09-01", NULL, unknown, 1, &err), &err, "Ukjent tjeneste «finnes-ikke»");
	CHECK(strstr(sb_str(&err), "trapp services") != NULL, "says how to find ids");
	const char *scope[] = {PPT, RT};
	REFUSED(consent(db, id, "2025-09-02", NULL, scope, 2, &err), &err, "fram i tid");
	REFUSED(consent(db, id, "2025-09-31", NULL, scope, 2, &err), &err, "Ugyldig");
	REFUSED(consent(db, id, "2025-09-01", "2025-08-01", scope, 2, &err), &err, "før samtykkedatoen");
	REFUSED(consent(db, id, "2025-09-01", NULL, scope, 0, &err), &err, "minst én");
	struct plan_consent_input youth = {CONSENT_BY_YOUTH, "2025-09-01", NULL, scope, 2, NULL};
	REFUSED(plan_add_consent(db, id, &youth, &err), &err, "foresatte");
	CHECK(audit_rows(db, id) == audits, "refusals leave no audit row");

	OK(consent(db, id, "2025-08-30", NULL, scope, 2, &err), &err);
	struct plan p = load(db, id);
	CHECK(plan_consent_state(&p, "2025-09-01", NULL) == CONSENT_VALID, "valid");
	CHECK(plan_consent_covers(&p, PPT, "2025-09-01"), "covers PPT");
	CHECK(!plan_consent_covers(&p, LOGO, "2025-09-01"), "not logoped");
	CHECK(plan_consent_state(&p, "2025-08-29", NULL) == CONSENT_NONE, "not yet given the day before");
	CHECK(p.n_consents == 1 && p.consents[0].scope_names.n == 2 &&
	      strcmp(p.consents[0].scope_names.v[0], "Pedagogisk psykologisk tjeneste (PPT)") == 0,
	      "names kept with the scope");
	plan_free(&p);

	/* level 1: only the stafettholder's own service */
	REFUSED(plan_add_service(db, id, PPT, NULL, &err), &err, "nivå 1");
	CHECK(strstr(sb_str(&err), "trapp plan level") != NULL, "says how to raise: %s", sb_str(&err));
	REFUSED(plan_set_level(db, id, 2, "  ", NULL, &err), &err, "Begrunnelsen");
	REFUSED(plan_set_level(db, id, 1, "samme", NULL, &err), &err, "allerede på nivå 1");
	REFUSED(plan_set_level(db, id, 5, "for høyt", NULL, &err), &err, "Ugyldig nivå 5");
	OK(plan_set_level(db, id, 2, "Trenger PPT i tillegg til skolen", "2025-09-01", &err), &err);
	p = load(db, id);
	CHECK(p.level == 2 && p.n_levels == 2 && p.levels[1].from == 1 && p.levels[1].to == 2 &&
	      strcmp(p.levels[1].why, "Trenger PPT i tillegg til skolen") == 0, "level history");
	plan_free(&p);

	/* in scope, out of scope, twice */
	OK(plan_add_service(db, id, PPT, "utredning", &err), &err);
	OK(plan_add_service(db, id, RT, NULL, &err), &err);
	REFUSED(plan_add_service(db, id, LOGO, NULL, &err), &err, "gjelder bare");
	CHECK(strstr(sb_str(&err), "--scope " PPT "," RT "," LOGO) != NULL, "suggests the wider scope: %s",
	      sb_str(&err));
	REFUSED(plan_add_service(db, id, PPT, NULL, &err), &err, "allerede med");
	REFUSED(plan_add_service(db, id, "finnes-ikke", NULL, &err), &err, "Ukjent tjeneste");

	/* new consent widens the scope */
	const char *wider[] = {LOGO};
	OK(consent(db, id, "2025-09-01", "2025-09-10", wider, 1, &err), &err);
	p = load(db, id);
	CHECK(plan_consent_covers(&p, LOGO, "2025-09-01") && plan_consent_covers(&p, PPT, "2025-09-01"),
	      "both consents count");
	CHECK(plan_consent_covers(&p, LOGO, "2025-09-10") && !plan_consent_covers(&p, LOGO, "2025-09-11"),
	      "expiry day still valid, the day after not");
	CHECK(p.n_services == 2 && strcmp(p.services[0].role, "utredning") == 0, "services kept with role");
	plan_free(&p);

	/* expiry */
	today("2025-09-11");
	REFUSED(plan_add_service(db, id, LOGO, NULL, &err), &err, "gjelder bare");
	today("2025-09-01");

	/* withdrawal */
	REFUSED(plan_withdraw(db, id, "2025-09-05", &err), &err, "fram i tid");
	OK(plan_withdraw(db, id, "2025-09-01", &err), &err);
	p = load(db, id);
	const struct plan_consent *last;
	CHECK(plan_consent_state(&p, "2025-09-01", &last) == CONSENT_WITHDRAWN && last &&
	      strcmp(last->withdrawn, "2025-09-01") == 0, "withdrawn");
	plan_free(&p);
	REFUSED(plan_add_service(db, id, LOGO, NULL, &err), &err, "trukket 2025-09-01");
	REFUSED(plan_withdraw(db, id, "2025-09-01", &err), &err, "ikke noe gyldig samtykke");

	/* refusal wins over older consents; a new consent after it counts */
	OK(consent(db, id, "2025-09-01", NULL, wider, 1, &err), &err);
	OK(plan_add_refusal(db, id, CONSENT_BY_PARENTS, "2025-09-01", &err), &err);
	p = load(db, id);
	CHECK(plan_consent_state(&p, "2025-09-01", NULL) == CONSENT_REFUSED, "refused");
	plan_free(&p);
	REFUSED(plan_add_service(db, id, LOGO, NULL, &err), &err, "nektet 2025-09-01");
	today("2025-09-02");
	const char *ppt_only[] = {PPT};
	OK(consent(db, id, "2025-09-02", NULL, ppt_only, 1, &err), &err);
	p = load(db, id);
	CHECK(plan_consent_state(&p, "2025-09-02", NULL) == CONSENT_VALID, "valid again");
	CHECK(!plan_consent_covers(&p, LOGO, "2025-09-02"), "consent before the refusal no longer counts");
	plan_free(&p);

	/* youth consent from 15 */
	long teen = new_plan(db, "Ola Testesen", "2010-01-01", 2, &err);
	youth.date = "2025-09-02";
	OK(plan_add_consent(db, teen, &youth, &err), &err);
	CHECK(db_setting_set(db, "consent.youth_age", "16") == 0, "set youth age 16");
	REFUSED(plan_add_consent(db, teen, &youth, &err), &err, "fra 16 år");
	CHECK(db_setting_set(db, "consent.youth_age", "15") == 0, "reset youth age");
	today("2025-09-01");
	sb_free(&err);
}

static void test_own_service(struct db *db)
{
	struct strbuf err = {0};
	today("2025-09-01");
	struct plan_new in = {"Per Testesen", "2019", "Solsikken barnehage", "tromso", 1, "Lise Lærer",
			      "Ressursteam i barnehage"};
	long id = 0;
	OK(plan_new(db, &in, &id, &err), &err);
	const char *scope[] = {"ressursteam-i-barnehage", PPT};
	OK(consent(db, id, "2025-09-01", NULL, scope, 2, &err), &err);
	OK(plan_add_service(db, id, "ressursteam-i-barnehage", NULL, &err), &err);
	REFUSED(plan_add_service(db, id, PPT, NULL, &err), &err, "nivå 1");
	sb_free(&err);
}

static void test_handover(struct db *db)
{
	struct strbuf err = {0};
	today("2025-09-01");
	long id = new_plan(db, "Ola Testesen", "2016-03-14", 1, &err);
	REFUSED(plan_accept(db, id, NULL, &err), &err, "ingen foreslått overføring");
	REFUSED(plan_handover(db, id, "", "Skolen", NULL, &err), &err, "Brukernavnet");
	REFUSED(plan_handover(db, id, "Lise Lærer", "Skolen", NULL, &err), &err, "ikke et gyldig brukernavn");
	REFUSED(plan_handover(db, id, ident_login(), "Solsikken skole", NULL, &err), &err, "allerede stafettholder");
	CHECK(access_set_name(db, "Kari Koordinator", &err) == PLAN_OK, "name");
	OK(plan_handover(db, id, "lise", "Solsikken skole", "2025-09-01", &err), &err);
	struct plan p = load(db, id);
	const struct plan_holder *h = plan_holder(&p), *prop = plan_proposed(&p);
	CHECK(h && strcmp(h->login, ident_login()) == 0, "the baton stays until accepted");
	CHECK(prop && strcmp(prop->login, "lise") == 0 && strcmp(prop->name, "lise") == 0, "proposal pending");
	plan_free(&p);
	OK(plan_handover(db, id, "nils", "Fjellet skole", "2025-09-01", &err), &err);
	p = load(db, id);
	prop = plan_proposed(&p);
	CHECK(prop && strcmp(prop->login, "nils") == 0, "a new proposal replaces the old");
	CHECK(p.n_holders == 3 && p.holders[1].state == HANDOVER_REPLACED, "old proposal kept as erstattet");
	plan_free(&p);
	/* only the named login accepts: this process is someone else */
	REFUSED(plan_accept(db, id, "2025-09-01", &err), &err, "bare den brukeren kan akseptere");
	p = load(db, id);
	CHECK(plan_proposed(&p) != NULL && p.n_audit == 3, "still pending, refusal not audited (%zu)", p.n_audit);
	plan_free(&p);
	sb_free(&err);
}

/* Members and roles: the stafettholder adds and removes, an aktør names
 * one of the plan's services, the holder cannot be removed. */
static void test_members(struct db *db)
{
	struct strbuf err = {0};
	today("2025-09-01");
	long id = new_plan(db, "Ola Testesen", "2016-03-14", 2, &err);
	REFUSED(plan_add_member(db, id, "ola", ROLE_ACTOR, "ppt", &err), &err, "En aktør hører til");
	REFUSED(plan_add_member(db, id, "ola", ROLE_HOLDER, NULL, &err), &err, "Ugyldig rolle");
	REFUSED(plan_add_member(db, id, "o la", ROLE_READER, NULL, &err), &err, "ikke et gyldig brukernavn");
	OK(plan_add_member(db, id, "per", ROLE_LEADER, NULL, &err), &err);
	OK(plan_add_member(db, id, "per", ROLE_READER, NULL, &err), &err);
	REFUSED(plan_add_member(db, id, "per", ROLE_READER, NULL, &err), &err, "allerede lesetilgang");
	REFUSED(plan_remove_member(db, id, ident_login(), &err), &err, "kan ikke fjernes");
	REFUSED(plan_remove_member(db, id, "nobody", &err), &err, "ikke medlem");
	struct plan p = load(db, id);
	CHECK(p.n_members == 2 && p.members[1].role == ROLE_READER, "per reads (%zu)", p.n_members);
	CHECK(plan_role_of(&p, "per") == ROLE_READER && plan_role_of(&p, "nobody") == -1, "roles");
	plan_free(&p);
	OK(plan_remove_member(db, id, "per", &err), &err);
	p = load(db, id);
	CHECK(p.n_members == 1 && p.n_audit == 4, "removed, audited (%zu)", p.n_audit);
	plan_free(&p);
	struct audit_report r = {0};
	CHECK(audit_verify(db, &r, &err) == PLAN_OK && !r.broken && r.audit_rows > 4, "the chain verifies");
	audit_report_free(&r);
	sb_free(&err);
}

/* Corrections keep the old value and why in the audit trail and mark
 * the value as corrected. */
static void test_correct(struct db *db)
{
	struct strbuf err = {0};
	today("2025-09-01");
	long id = new_plan(db, "Ola Testesen", "2016-03-14", 1, &err);
	OK(plan_add_concern(db, id, "Ola er trist", "2025-08-20", "Kari", &err), &err);
	OK(plan_add_concern(db, id, "Ola sover dårlig", "2025-08-21", "Kari", &err), &err);
	OK(plan_add_person(db, id, "Mor Testesen", "mor", "900 00 000", &err), &err);
	REFUSED(plan_correct(db, id, FIX_CONCERN, 0, "Ola er lei seg", "feil ord", &err), &err, "--item");
	REFUSED(plan_correct(db, id, FIX_CONCERN, 3, "Ola er lei seg", "feil ord", &err), &err, "nummer 3");
	REFUSED(plan_correct(db, id, FIX_CONCERN, 1, "Ola er lei seg", "", &err), &err, "Begrunnelsen");
	REFUSED(plan_correct(db, id, FIX_BORN, 0, "2016-02-30", "feil", &err), &err, "Ugyldig fødselsdato");
	REFUSED(plan_correct(db, id, FIX_CHILD, 0, "Ola Testesen", "feil", &err), &err, "allerede den verdien");
	OK(plan_correct(db, id, FIX_CONCERN, 1, "Ola er lei seg", "feil ord", &err), &err);
	OK(plan_correct(db, id, FIX_BORN, 0, "2016-03-15", "feil dag", &err), &err);
	OK(plan_correct(db, id, FIX_PERSON_CONTACT, 0, "900 00 001", "nytt nummer", &err), &err);
	struct plan p = load(db, id);
	CHECK_STR(p.concerns[0].text, "Ola er lei seg");
	CHECK(p.concerns[0].corrected && !p.concerns[1].corrected, "first concern marked rettet");
	CHECK(p.corrected == PLAN_FIX_BORN && strcmp(p.born, "2016-03-15") == 0, "born corrected");
	CHECK(p.people[0].corrected == PLAN_FIX_CONTACT, "contact corrected");
	const char *last = p.n_audit ? p.audit[p.n_audit - 3].what : "";
	CHECK(strstr(last, "«Ola er trist» → «Ola er lei seg»") && strstr(last, "feil ord"),
	      "old value and why audited: %s", last);
	plan_free(&p);
	sb_free(&err);
}

static void test_goals_steps_meetings(struct db *db)
{
	struct strbuf err = {0};
	today("2025-09-01");
	long id = new_plan(db, "Ola Testesen", "2016-03-14", 2, &err);
	int no = 0;
	OK(plan_add_goal(db, id, "Trives på skolen", &no, &err), &err);
	CHECK(no == 1, "goal 1");
	OK(plan_add_goal(db, id, "Leser alderstilpasset", &no, &err), &err);
	CHECK(no == 2, "goal 2");
	REFUSED(plan_add_goal(db, id, "", &no, &err), &err, "Målet mangler");
	OK(plan_set_goal_status(db, id, 1, GOAL_MET, &err), &err);
	REFUSED(plan_set_goal_status(db, id, 1, GOAL_MET, &err), &err, "allerede status «nådd»");
	REFUSED(plan_set_goal_status(db, id, 7, GOAL_MET, &err), &err, "ikke mål 7");
	{
		/* status and wording in one change: one version check, one audit row */
		long id2 = new_plan(db, "Kari Testesen", "2016-03-14", 2, &err);
		int g1;
		OK(plan_add_goal(db, id2, "Leser alderstilpasset", &g1, &err), &err);
		struct plan p;
		OK(plan_load(db, id2, &p, &err), &err);
		long v2 = p.goals[0].version;
		size_t audits = p.n_audit;
		plan_free(&p);
		struct plan_goal_change gc = {GOAL_PARTLY_MET, "Leser alderstilpasset tekst"};
		plan_expect_version(v2 + 1);
		REFUSED(plan_update_goal(db, id2, g1, &gc, &err), &err, "Mål 1 i stafettlogg");
		plan_expect_version(v2);
		OK(plan_update_goal(db, id2, g1, &gc, &err), &err);
		OK(plan_load(db, id2, &p, &err), &err);
		const struct plan_audit *last = &p.audit[p.n_audit - 1];
		CHECK(p.n_audit == audits + 1, "one audit row for status and text (%zu)", p.n_audit - audits);
		CHECK(strcmp(last->old_value, "status: aktiv\ntekst: Leser alderstilpasset") == 0 &&
		      strcmp(last->new_value, "status: delvis nådd\ntekst: Leser alderstilpasset tekst") == 0,
		      "old and new value of both: «%s» «%s»", last->old_value, last->new_value);
		CHECK(p.goals[0].status == GOAL_PARTLY_MET && strcmp(p.goals[0].text, "Leser alderstilpasset tekst") == 0,
		      "both stored");
		plan_free(&p);
		REFUSED(plan_update_goal(db, id2, g1, &gc, &err), &err, "Ingen endring for mål 1");
	}

	struct plan_step_input st = {"Samtale med PPT", "Kari Lærer", "2025-09-31", NULL, NULL};
	REFUSED(plan_add_step(db, id, &st, &no, &err), &err, "Ugyldig frist «2025-09-31»");
	st.due = NULL;
	REFUSED(plan_add_step(db, id, &st, &no, &err), &err, "Fristen mangler");
	st.due = "2025-09-15";
	st.evaluate = "15.10.2025";
	REFUSED(plan_add_step(db, id, &st, &no, &err), &err, "evalueringsdato");
	st.evaluate = "2025-10-15";
	st.service = PPT;
	REFUSED(plan_add_step(db, id, &st, &no, &err), &err, "ikke med i stafettlogg");
	st.who = " ";
	st.service = NULL;
	REFUSED(plan_add_step(db, id, &st, &no, &err), &err, "ansvarlig");
	st.who = "Kari Lærer";
	OK(plan_add_step(db, id, &st, &no, &err), &err);
	CHECK(no == 1, "step 1");
	struct plan_step_input st2 = {"Ukentlig samtale", "Per Helsesykepleier", "2025-08-25", NULL, NULL};
	OK(plan_add_step(db, id, &st2, &no, &err), &err);
	CHECK(no == 2, "step 2");

	struct plan_step_change ch = {-1, NULL, NULL, NULL, NULL, NULL};
	REFUSED(plan_update_step(db, id, 1, &ch, &err), &err, "Ingen endring");
	ch.status = STEP_ONGOING;
	REFUSED(plan_update_step(db, id, 9, &ch, &err), &err, "ikke steg 9");
	OK(plan_update_step(db, id, 1, &ch, &err), &err);
	REFUSED(plan_update_step(db, id, 1, &ch, &err), &err, "Ingen endring");
	ch.status = STEP_DONE;
	ch.evaluation = "Gikk bra";
	ch.due = "2025-02-29";
	REFUSED(plan_update_step(db, id, 1, &ch, &err), &err, "Ugyldig frist");
	ch.due = NULL;
	OK(plan_update_step(db, id, 1, &ch, &err), &err);

	int steps[] = {1, 2, 1};
	struct plan_meeting_input m = {"2025-09-01", "Anne Testesen, Kari Lærer", "Første møte", steps, 3, NULL, 0};
	OK(plan_add_meeting(db, id, &m, &no, &err), &err);
	CHECK(no == 1, "meeting 1");
	int bad[] = {5};
	struct plan_meeting_input m2 = {"2025-09-02", "Kari Lærer", "Andre møte", bad, 1, NULL, 0};
	REFUSED(plan_add_meeting(db, id, &m2, &no, &err), &err, "ikke steg 5");
	m2.notes = "";
	m2.n_steps = 0;
	REFUSED(plan_add_meeting(db, id, &m2, &no, &err), &err, "Referatet");
	/* minutes say who was there: nobody named is refused */
	m2.notes = "Andre møte";
	m2.attended = NULL;
	REFUSED(plan_add_meeting(db, id, &m2, &no, &err), &err, "Ingen er ført opp som til stede");
	m2.attended = " , ";
	REFUSED(plan_add_meeting(db, id, &m2, &no, &err), &err, "Ingen er ført opp som til stede");
	OK(plan_add_concern(db, id, "Urolig i timene", "2025-08-20", "Kari Lærer", &err), &err);
	REFUSED(plan_add_concern(db, id, "Urolig", "2025-08-32", "Kari Lærer", &err), &err, "Ugyldig dato");
	OK(plan_add_person(db, id, "Anne Testesen", "mor", "tlf 99 99 99 99", &err), &err);
	REFUSED(plan_add_person(db, id, "Anne Testesen", "", NULL, &err), &err, "Rollen");

	struct plan p = load(db, id);
	CHECK(p.n_goals == 2 && p.goals[0].status == GOAL_MET && p.goals[1].status == GOAL_ACTIVE, "goals");
	CHECK(p.n_steps == 2 && p.steps[0].status == STEP_DONE && strcmp(p.steps[0].evaluation, "Gikk bra") == 0,
	      "step 1 done with evaluation");
	CHECK(strcmp(p.steps[0].evaluate, "2025-10-15") == 0 && p.steps[1].evaluate[0] == '\0', "evaluation dates");
	CHECK(p.n_meetings == 1 && p.meetings[0].n_steps == 2 && p.meetings[0].steps[0] == 1 &&
	      p.meetings[0].steps[1] == 2, "agreed steps linked once each");
	CHECK(p.n_concerns == 1 && strcmp(p.concerns[0].noticed_by, "Kari Lærer") == 0, "concern");
	CHECK(p.n_people == 1 && strcmp(p.people[0].contact, "tlf 99 99 99 99") == 0, "person");
	/* new, 2 goals, goal status, 2 steps, 2 updates, meeting, concern, person */
	CHECK(p.n_audit == 11, "one audit row per change (%zu)", p.n_audit);
	CHECK(strstr(p.audit[6].what, "status planlagt → pågår") != NULL, "audit says what changed: %s",
	      p.audit[6].what);
	plan_free(&p);
	sb_free(&err);
}

static void test_closed(struct db *db)
{
	struct strbuf err = {0};
	today("2025-09-01");
	long id = new_plan(db, "Ola Testesen", "2016-03-14", 2, &err);
	REFUSED(plan_close(db, id, CLOSE_GOALS_MET, "2025-08-01", &err), &err, "før stafettloggen ble opprettet");
	REFUSED(plan_close(db, id, (enum plan_close_reason)9, NULL, &err), &err, "Ugyldig årsak");
	OK(plan_close(db, id, CLOSE_GOALS_MET, NULL, &err), &err);
	size_t audits = audit_rows(db, id);
	const char *scope[] = {PPT};
	struct plan_step_input st = {"x", "y", "2025-09-15", NULL, NULL};
	struct plan_step_change ch = {STEP_DONE, NULL, NULL, NULL, NULL, NULL};
	struct plan_meeting_input m = {"2025-09-01", NULL, "notater", NULL, 0, NULL, 0};
	int no;
	REFUSED(plan_set_level(db, id, 3, "mer", NULL, &err), &err, "avsluttet");
	REFUSED(plan_add_concern(db, id, "t", NULL, "x", &err), &err, "avsluttet");
	REFUSED(consent(db, id, "2025-09-01", NULL, scope, 1, &err), &err, "avsluttet");
	REFUSED(plan_add_refusal(db, id, CONSENT_BY_PARENTS, NULL, &err), &err, "avsluttet");
	REFUSED(plan_withdraw(db, id, NULL, &err), &err, "avsluttet");
	REFUSED(plan_add_service(db, id, PPT, NULL, &err), &err, "avsluttet");
	REFUSED(plan_add_person(db, id, "a", "b", NULL, &err), &err, "avsluttet");
	REFUSED(plan_add_goal(db, id, "g", &no, &err), &err, "avsluttet");
	REFUSED(plan_set_goal_status(db, id, 1, GOAL_MET, &err), &err, "avsluttet");
	REFUSED(plan_add_step(db, id, &st, &no, &err), &err, "avsluttet");
	REFUSED(plan_update_step(db, id, 1, &ch, &err), &err, "avsluttet");
	REFUSED(plan_add_meeting(db, id, &m, &no, &err), &err, "avsluttet");
	REFUSED(plan_handover(db, id, "a", "b", NULL, &err), &err, "avsluttet");
	REFUSED(plan_accept(db, id, NULL, &err), &err, "avsluttet");
	REFUSED(plan_close(db, id, CLOSE_MOVED, NULL, &err), &err, "ble avsluttet 2025-09-01 (mål nådd)");
	CHECK(audit_rows(db, id) == audits, "nothing written to a closed plan");
	/* the database refuses too, and the audit trail is append-only */
	char *cmd = xasprintf("sqlite3 '%s' \"UPDATE plan SET level = 0 WHERE id = %ld\" 2>/dev/null",
			      db_path(db), id);
	CHECK(system(cmd) != 0, "trigger keeps a closed plan read-only");
	free(cmd);
	cmd = xasprintf("sqlite3 '%s' \"DELETE FROM plan_audit WHERE plan_id = %ld\" 2>/dev/null", db_path(db), id);
	CHECK(system(cmd) != 0, "audit rows cannot be deleted");
	free(cmd);
	cmd = xasprintf("sqlite3 '%s' \"UPDATE plan_audit SET who = 'x'\" 2>/dev/null", db_path(db));
	CHECK(system(cmd) != 0, "audit rows cannot be updated");
	free(cmd);
	CHECK(audit_rows(db, id) == audits, "audit rows intact");
	sb_free(&err);
}

static void test_rollback(struct db *db)
{
	struct strbuf err = {0};
	today("2025-09-01");
	long id = new_plan(db, "Ola Testesen", "2016-03-14", 2, &err);
	struct plan_summary *s;
	size_t before, n;
	CHECK(plan_list(db, 0, NULL, &s, &before, &err) == PLAN_OK, "list");
	plan_list_free(s, before);
	/* make the audit insert fail: the change must leave nothing */
	char *cmd = xasprintf("sqlite3 '%s' \"CREATE TRIGGER fail_audit BEFORE INSERT ON plan_audit"
			      " BEGIN SELECT RAISE(ABORT, 'testfeil'); END\"", db_path(db));
	CHECK(system(cmd) == 0, "install failing trigger");
	free(cmd);
	struct plan_step_input st = {"Samtale", "Kari Lærer", "2025-09-15", NULL, NULL};
	int no;
	int rc = plan_add_step(db, id, &st, &no, &err);
	CHECK(rc == PLAN_FAIL && strstr(sb_str(&err), "testfeil"), "storage failure reported: %d %s", rc, sb_str(&err));
	CHECK(plan_set_level(db, id, 1, "mindre hjelp", NULL, &err) == PLAN_FAIL, "level change fails too");
	long id2 = 0;
	struct plan_new in = {"Per Testesen", "2015", NULL, "tromso", 1, NULL, NULL};
	CHECK(plan_new(db, &in, &id2, &err) == PLAN_FAIL, "new plan fails");
	cmd = xasprintf("sqlite3 '%s' \"DROP TRIGGER fail_audit\"", db_path(db));
	CHECK(system(cmd) == 0, "drop failing trigger");
	free(cmd);
	struct plan p = load(db, id);
	CHECK(p.n_steps == 0 && p.level == 2 && p.n_levels == 1 && p.n_audit == 1, "nothing half-written");
	plan_free(&p);
	CHECK(plan_list(db, 0, NULL, &s, &n, &err) == PLAN_OK && n == before, "no plan row left (%zu, %zu)", n, before);
	plan_list_free(s, n);
	OK(plan_add_step(db, id, &st, &no, &err), &err);
	CHECK(no == 1, "works again afterwards");
	sb_free(&err);
}

static void test_due(struct db *db)
{
	struct strbuf err = {0};
	today("2025-09-01");
	/* a database of its own, so other tests' plans do not count */
	char *path = xasprintf("%s/due.db", test_tmpdir());
	struct db *d2 = db_open(path, 0, load_seed, &err);
	free(path);
	CHECK(d2 != NULL, "open due db: %s", sb_str(&err));
	if (!d2)
		return;
	(void)db;
	long a = new_plan(d2, "Ola Testesen", "2016-03-14", 2, &err);
	long b = new_plan(d2, "Kari Nordmann", "2012", 2, &err);
	long c = new_plan(d2, "Per Testesen", "2019", 2, &err);
	int no;
	struct plan_step_input s1 = {"Samtale", "Kari Lærer", "2025-09-20", "2025-10-01", NULL};
	struct plan_step_input s2 = {"Kartlegging", "PPT", "2025-08-20", NULL, NULL};
	struct plan_step_input s3 = {"Hjemmebesøk", "Helsesykepleier", "2025-09-05", NULL, NULL};
	struct plan_step_input s4 = {"Gammelt", "Noen", "2025-08-01", "2025-08-15", NULL};
	OK(plan_add_step(d2, a, &s1, &no, &err), &err);
	OK(plan_add_step(d2, b, &s2, &no, &err), &err);
	OK(plan_add_step(d2, b, &s3, &no, &err), &err);
	OK(plan_add_step(d2, a, &s4, &no, &err), &err);
	OK(plan_add_step(d2, c, &s3, &no, &err), &err);
	struct plan_step_change done = {STEP_DONE, NULL, NULL, NULL, NULL, NULL};
	OK(plan_update_step(d2, a, 2, &done, &err), &err);  /* done, evaluation still due */
	struct plan_close_input anyway = {CLOSE_MOVED, NULL, NULL, NULL, 1};  /* step 1 is open */
	OK(plan_close_with(d2, c, &anyway, &err), &err);

	struct plan_due *d;
	size_t n;
	CHECK(plan_due(d2, "2025-09-01", -1, 0, NULL, &d, &n, &err) == PLAN_OK, "due: %s", sb_str(&err));
	static const char *const want[] = {"2025-08-15", "2025-08-20", "2025-09-05", "2025-09-20", "2025-10-01"};
	CHECK(n == ARRAY_LEN(want), "five open items (closed plan left out): %zu", n);
	for (size_t i = 0; i < n && i < ARRAY_LEN(want); i++)
		date_is(d[i].date, want[i]);
	if (n == 5) {
		CHECK(d[0].overdue && d[1].overdue && !d[2].overdue, "overdue first");
		CHECK(d[0].evaluation && d[0].plan_id == a && d[0].step == 2, "evaluation of a done step");
		CHECK(strcmp(d[1].child, "Kari Nordmann") == 0 && strcmp(d[1].who, "PPT") == 0, "child and owner");
		CHECK(d[4].evaluation && !d[3].evaluation, "due date and evaluation of step 1");
	}
	plan_due_free(d, n);
	CHECK(plan_due(d2, "2025-09-01", 7, 1, NULL, &d, &n, &err) == PLAN_OK && n == 3, "--days 7 keeps overdue + 1 (%zu)", n);
	if (n == 3)
		CHECK(strcmp(d[1].child, "K.N.") == 0, "masked child: %s", d[1].child);
	plan_due_free(d, n);

	struct plan_summary *s;
	CHECK(plan_list(d2, 0, NULL, &s, &n, &err) == PLAN_OK && n == 3, "three plans");
	if (n == 3) {
		CHECK(s[0].id == a && s[1].id == b && s[2].id == c, "open first, then by id");
		CHECK(strcmp(s[0].next_due, "2025-08-15") == 0 && s[0].overdue, "next due of plan a");
		CHECK(strcmp(s[2].closed, "2025-09-01") == 0 && s[2].close_reason == CLOSE_MOVED, "closed last");
		CHECK(s[1].age == 13 && s[1].age_approx, "age from a year");
	}
	/* a page (what the TUI reads for one screen) is the same rows */
	struct plan_summary *pg;
	size_t np;
	long total = -1;
	CHECK(plan_count(d2, &total, &err) == PLAN_OK && total == 3, "three plans counted (%ld)", total);
	CHECK(plan_list_page(d2, 1, NULL, 1, 2, &pg, &np, &err) == PLAN_OK && np == 2, "page of two from the second (%zu)", np);
	if (np == 2 && n == 3) {
		CHECK(pg[0].id == b && pg[1].id == c, "page rows in list order");
		char *holder = plan_mask_initials(s[1].holder);  /* the page is masked */
		CHECK(strcmp(pg[0].next_due, s[1].next_due) == 0 && strcmp(pg[0].holder, holder) == 0 &&
		      pg[0].age == s[1].age, "page row equals the list row, masked");
		free(holder);
		CHECK(strcmp(pg[0].child, "K.N.") == 0, "page masked: %s", pg[0].child);
	}
	plan_list_free(pg, np);
	CHECK(plan_list_page(d2, 0, NULL, 3, 10, &pg, &np, &err) == PLAN_OK && np == 0, "page past the end is empty");
	plan_list_free(pg, np);
	plan_list_free(s, n);
	db_close(d2);
	sb_free(&err);
}

static void test_mask_and_export(struct db *db)
{
	struct strbuf err = {0};
	today("2025-09-01");
	long id = new_plan(db, "Kari Nordmann", "2016-03-14", 2, &err);
	OK(plan_add_person(db, id, "Per Nordmann", "far", "per@example.no", &err), &err);
	OK(plan_add_concern(db, id, "Karis lærer ser at Kari Nordmann er sliten; far Per sier det samme",
			    NULL, "Lise Lærer", &err), &err);
	struct plan_step_input st = {"Samtale med Kari", "Lise Lærer", "2025-09-15", NULL, NULL};
	int no;
	OK(plan_add_step(db, id, &st, &no, &err), &err);

	struct plan p = load(db, id);
	struct strbuf doc = {0};
	struct plan_doc pd;
	struct plan_doc_opts po = {.audit = 1, .today = "2025-09-01"};
	plan_doc_build(&pd, &p, &po);
	struct plan_export_opts eo = {PLAN_TXT, "2025-09-01"};
	plan_export(&doc, &pd, &eo);
	plan_doc_free(&pd);
	CHECK(strstr(sb_str(&doc), "Kari Nordmann") && strstr(sb_str(&doc), "2016-03-14"), "plain export names the child");
	CHECK(strstr(sb_str(&doc), "Endringslogg"), "audit trail on request");
	po.mask = 1;
	plan_doc_build(&pd, &p, &po);
	sb_reset(&doc);
	for (int f = PLAN_TXT; f <= PLAN_HTML; f++) {
		eo.format = (enum plan_format)f;
		plan_export(&doc, &pd, &eo);
	}
	plan_doc_free(&pd);
	const char *out = sb_str(&doc);
	CHECK(!strstr(out, "Nordmann") && !strstr(out, "Kari ") && !strstr(out, "Karis"), "no child name when masked");
	CHECK(!strstr(out, "2016-03-14") && !strstr(out, "example.no") && !strstr(out, " Per "), "no birth date, contact, parent");
	CHECK(strstr(out, "K.N.s lærer ser at K.N. er sliten; far [far] sier det samme") != NULL,
	      "free text masked: %s", out);
	CHECK(strstr(out, "9 år") && strstr(out, "Maskert"), "age kept, marked as masked");
	CHECK(strstr(out, "Lise Lærer") != NULL, "people not in the plan are not guessed at");
	plan_free(&p);

	p = load(db, id);
	sb_reset(&doc);
	eo.format = PLAN_HTML;
	po.mask = 0;
	plan_doc_build(&pd, &p, &po);
	plan_export(&doc, &pd, &eo);
	out = sb_str(&doc);
	CHECK(strncmp(out, "<!DOCTYPE html>", 15) == 0 && strstr(out, "</html>"), "html document");
	CHECK(strstr(out, "@page { size: A4") && strstr(out, "overflow-wrap"), "print CSS for A4");
	CHECK(!strstr(out, "<table"), "no tables");
	CHECK(!strstr(out, "<script") && !strstr(out, "http"), "self-contained");
	sb_reset(&doc);
	eo.format = PLAN_MD;
	plan_export(&doc, &pd, &eo);
	CHECK(strstr(sb_str(&doc), "## Neste steg") && strstr(sb_str(&doc), "### Steg 1: Samtale med Kari"), "md");
	plan_doc_free(&pd);
	plan_free(&p);

	/* files: 0600, no clobber, --force replaces */
	char *file = xasprintf("%s/plan.html", test_tmpdir());
	OK(plan_export_write(file, 0, "a", 1, &err), &err);
	struct stat sbuf;
	CHECK(stat(file, &sbuf) == 0 && (sbuf.st_mode & 0777) == 0600, "file 0600");
	REFUSED(plan_export_write(file, 0, "b", 1, &err), &err, "finnes allerede");
	CHECK(chmod(file, 0644) == 0, "loosen mode");
	OK(plan_export_write(file, 1, "bc", 2, &err), &err);
	char *text = NULL;
	size_t len;
	CHECK(read_file(file, &text, &len) == 0 && len == 2 && memcmp(text, "bc", 2) == 0, "replaced");
	CHECK(stat(file, &sbuf) == 0 && (sbuf.st_mode & 0777) == 0600, "replaced file 0600");
	free(text);
	free(file);
	file = xasprintf("%s/no/such/dir/plan.txt", test_tmpdir());
	CHECK(plan_export_write(file, 0, "a", 1, &err) == PLAN_FAIL && strstr(sb_str(&err), "Kan ikke skrive"), "bad dir");
	free(file);
	sb_free(&doc);
	sb_free(&err);
}

void test_plan(void)
{
	char *old = getenv("TRAPP_TODAY") ? xstrdup(getenv("TRAPP_TODAY")) : NULL;
	test_dates();
	test_words();
	struct strbuf err = {0};
	char *path = xasprintf("%s/plan.db", test_tmpdir());
	struct db *db = db_open(path, 0, load_seed, &err);
	free(path);
	CHECK(db != NULL, "open: %s", sb_str(&err));
	sb_free(&err);
	if (db) {
		test_new(db);
		test_consent_and_services(db);
		test_own_service(db);
		test_handover(db);
		test_members(db);
		test_correct(db);
		test_goals_steps_meetings(db);
		test_closed(db);
		test_rollback(db);
		test_due(db);
		test_mask_and_export(db);
		db_close(db);
	}
	if (old)
		setenv("TRAPP_TODAY", old, 1);
	else
		unsetenv("TRAPP_TODAY");
	free(old);
}
