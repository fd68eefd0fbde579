/* demo.c - demo / training mode: a database in a private temporary
 * directory (never the user's own), the real catalogues, and four
 * fictional children at BTI levels 0, 1, 2 and 3 with plans built through
 * the plan model from real services of the Tromsø catalogue. Dates are
 * relative to today, so the cases always look current. Everything is
 * removed on exit, also after a fatal error (atexit). The people are
 * plainly fictional by their names (Lise Lærer, Per Pedagog) and every
 * unit starts with "Demo"; a name carries no "(demo)" of its own, as the
 * screens and exports put a role or service in brackets after a name. */
#include "trapp/demo.h"
#include "trapp/db.h"
#include "trapp/db_access.h"
#include "trapp/ident.h"
#include "trapp/load.h"
#include "trapp/plan.h"
#include "trapp/util.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char demo_dir[512];

static void remove_dir(void)
{
	if (!demo_dir[0])
		return;
	DIR *d = opendir(demo_dir);
	if (d) {
		struct dirent *e;
		while ((e = readdir(d)) != NULL) {
			if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
				continue;
			char path[1024];
			snprintf(path, sizeof path, "%s/%s", demo_dir, e->d_name);
			unlink(path);
		}
		closedir(d);
	}
	rmdir(demo_dir);
	demo_dir[0] = '\0';
}

void demo_close(struct db *db)
{
	db_close(db);
	remove_dir();
}

struct db *demo_open(struct strbuf *err)
{
	const char *tmp = getenv("TMPDIR");
	snprintf(demo_dir, sizeof demo_dir, "%s/trapp-demo-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(demo_dir)) {
		sb_printf(err, "Kan ikke lage en midlertidig mappe for demoen i %s", tmp && *tmp ? tmp : "/tmp");
		demo_dir[0] = '\0';
		return NULL;
	}
	atexit(remove_dir);
	char *path = xasprintf("%s/demo.db", demo_dir);
	struct db *db = db_open(path, 0, load_seed, err);
	free(path);
	if (!db) {
		remove_dir();
		return NULL;
	}
	/* the demo's own login reads as "Demo-bruker"; the hand-over waits
	 * for a fictional login with a display name */
	if (db_user_set_name(db, ident_login(), "Demo-bruker") != 0 ||
	    db_user_set_name(db, "viggo.demo", "Viggo Videregående") != 0 || demo_seed(db, err) != 0) {
		demo_close(db);
		return NULL;
	}
	return db;
}

/* --- the cases ------------------------------------------------------------ */

struct ctx {
	struct db *db;
	struct strbuf *err;
	char today[PLAN_DATE_LEN];
	int failed;
};

static const char *day(struct ctx *c, int offset, char buf[PLAN_DATE_LEN])
{
	plan_date_add(c->today, offset, buf);
	return buf;
}

/* Stop at the first refusal: the demo must be built exactly as written. */
static void ok(struct ctx *c, int rc, const char *what)
{
	if (rc != PLAN_OK && !c->failed) {
		char *m = sb_steal(c->err);
		/* a coded refusal has no words below the front ends: its code */
		if (*m)
			sb_printf(c->err, "Demoplanen kunne ikke bygges (%s): %s", what, m);
		else
			sb_printf(c->err, "Demoplanen kunne ikke bygges (%s): avvist med kode %d (plan_refusal.h)",
				  what, (int)plan_refusal()->code);
		free(m);
		c->failed = 1;
	}
}

static long new_plan(struct ctx *c, const char *child, const char *born, const char *unit, int level,
		     const char *holder, const char *holder_service)
{
	struct plan_new in = {child, born, unit, "tromso", level, holder, holder_service};
	long id = 0;
	if (!c->failed)
		ok(c, plan_new(c->db, &in, &id, c->err), "ny plan");
	return id;
}

static void consent(struct ctx *c, long id, enum plan_consent_by by, const char *date, const char *expires,
		    const char *const *scope, size_t n, const char *guardians)
{
	struct plan_consent_input in = {by, date, expires, scope, n, guardians};
	if (!c->failed)
		ok(c, plan_add_consent(c->db, id, &in, c->err), "samtykke");
}

static void step(struct ctx *c, long id, const char *what, const char *who, const char *due,
		 const char *evaluate, const char *service)
{
	struct plan_step_input in = {what, who, due, evaluate, service};
	int no;
	if (!c->failed)
		ok(c, plan_add_step(c->db, id, &in, &no, c->err), "tiltak");
}

static void goal(struct ctx *c, long id, const char *text)
{
	int no;
	if (!c->failed)
		ok(c, plan_add_goal(c->db, id, text, &no, c->err), "mål");
}

#define DO(call, what) do { if (!c->failed) ok(c, (call), what); } while (0)

/* The needs the case is about, so suggestions (f) have something to go on. */
static void needs(struct ctx *c, long id, const char *const *codes, size_t n)
{
	DO(plan_set_needs(c->db, id, codes, n, c->err), "behov");
}

static long case_level0(struct ctx *c)
{
	char d[PLAN_DATE_LEN], e[PLAN_DATE_LEN], born[16];
	snprintf(born, sizeof born, "%.4d", atoi(c->today) - 9);
	long id = new_plan(c, "Emil Eksempelsen", born, "Demo barneskole, 4. trinn", 0,
			   "Lise Lærer", "Kontaktlærer, Demo barneskole");
	DO(plan_add_concern(c->db, id, "Urolig i timene de siste ukene: forstyrrer medelever, "
			    "kommer sjelden i gang med oppgavene og er ofte alene i friminuttene.",
			    day(c, -6, d), "kontaktlærer", c->err), "bekymring");
	DO(plan_add_person(c->db, id, "Eva og Erik Eksempelsen", "foresatte", "", c->err), "person");
	static const char *const need[] = {"skole", "atferd"};
	needs(c, id, need, 2);
	/* the parents agreed to the school's resource team: the way on to
	 * level 1 and, with more services, to level 2 */
	static const char *const scope[] = {"ressursteam-i-skole"};
	consent(c, id, CONSENT_BY_PARENTS, day(c, -2, d), NULL, scope, 1, "Eva Eksempelsen, Erik Eksempelsen");
	step(c, id, "Gjøre undringen konkret: notere hva, når og hvor ofte i to uker", "kontaktlærer",
	     day(c, 4, d), NULL, NULL);
	step(c, id, "Samtale med Emil og foreldrene om det skolen ser", "kontaktlærer", day(c, 6, d), NULL, NULL);
	step(c, id, "Beslutning innen 14 dager: avslutte, nivå 1, 2 eller 3 (eller melding til barnevernet)",
	     "kontaktlærer og rektor", day(c, 8, d), day(c, 8, e), NULL);
	return id;
}

static long case_level1(struct ctx *c)
{
	char d[PLAN_DATE_LEN], e[PLAN_DATE_LEN], born[16];
	snprintf(born, sizeof born, "%.4d", atoi(c->today) - 2);
	long id = new_plan(c, "Ida Illustrasjon", born, "Demo barnehage, småbarnsavdeling", 1,
			   "Per Pedagog", "Ressursteam i barnehage");
	DO(plan_add_concern(c->db, id, "Familien har dårlig råd og trangboddhet; Ida kommer ofte sent og "
			    "sulten, og foreldrene virker slitne.", day(c, -30, d), "pedagogisk leder", c->err),
	   "bekymring");
	static const char *const scope[] = {"ressursteam-i-barnehage"};
	/* expires within a month: the reminder at start and in the due view */
	consent(c, id, CONSENT_BY_PARENTS, day(c, -25, d), day(c, 20, e), scope, 1, "Inga Illustrasjon");
	static const char *const need[] = {"levekar", "foreldre"};
	needs(c, id, need, 2);
	DO(plan_add_service(c->db, id, "ressursteam-i-barnehage", "drøfter tiltak i egen barnehage", c->err),
	   "tjeneste");
	DO(plan_add_person(c->db, id, "Inga Illustrasjon", "foresatt", "", c->err), "person");
	goal(c, id, "Ida har et stabilt og trygt oppmøte i barnehagen, med frokost.");
	goal(c, id, "Foreldrene kjenner støtteordningene de har rett til.");
	step(c, id, "Drøfte Ida i barnehagens ressursteam", "pedagogisk leder", day(c, -10, d), NULL,
	     "ressursteam-i-barnehage");
	step(c, id, "Informere foreldrene om redusert foreldrebetaling og økonomisk rådgivning",
	     "styrer", day(c, 5, d), day(c, 40, e), NULL);
	step(c, id, "Frokost i barnehagen når Ida kommer sent", "pedagogisk leder", day(c, -3, d),
	     day(c, 25, e), NULL);
	return id;
}

static long case_level2(struct ctx *c)
{
	char d[PLAN_DATE_LEN], e[PLAN_DATE_LEN], born[16];
	snprintf(born, sizeof born, "%.4d", atoi(c->today) - 17);
	long id = new_plan(c, "Sara Scenario", born, "Demo videregående skole", 1,
			   "Hanne Helsesykepleier", "Helsestasjon for ungdom");
	DO(plan_add_concern(c->db, id, "Gravid i uke 14, bor hos en slitt mor, og vet ikke hvem hun kan "
			    "snakke med om svangerskapet og skolen.", day(c, -21, d), "helsesykepleier", c->err),
	   "bekymring");
	static const char *const scope[] = {"helsestasjon-for-ungdom", "jordmortjenesten",
					    "oppfolgingstjenesten-i-troms"};
	consent(c, id, CONSENT_BY_YOUTH, day(c, -20, d), NULL, scope, 3, NULL);
	static const char *const need[] = {"gravid", "skole"};
	needs(c, id, need, 2);
	DO(plan_add_service(c->db, id, "helsestasjon-for-ungdom", "stafettholder, samtaler", c->err), "tjeneste");
	DO(plan_set_level(c->db, id, 2, "Trenger jordmor og oppfølging av skolegangen i tillegg til helsestasjonen",
			  day(c, -18, d), c->err), "nivå");
	DO(plan_add_service(c->db, id, "jordmortjenesten", "svangerskapsoppfølging", c->err), "tjeneste");
	DO(plan_add_service(c->db, id, "oppfolgingstjenesten-i-troms", "skolegang", c->err), "tjeneste");
	goal(c, id, "Sara følger svangerskapskontrollene.");
	goal(c, id, "Sara fullfører skoleåret, med tilrettelegging.");
	step(c, id, "Første svangerskapskontroll hos jordmor", "jordmor", day(c, -7, d), NULL, "jordmortjenesten");
	step(c, id, "Møte med skolen om tilrettelegging", "Oppfølgingstjenesten", day(c, 10, d), day(c, 45, e),
	     "oppfolgingstjenesten-i-troms");
	step(c, id, "Samtaler annenhver uke", "helsesykepleier", day(c, 3, d), day(c, 30, e),
	     "helsestasjon-for-ungdom");
	int agreed[] = {1, 2, 3};
	struct plan_meeting_input m = {day(c, -14, d), "Sara, helsesykepleier, jordmor",
				       "Oppstartsmøte. Sara ønsker å fortsette på skolen.", agreed, 3, NULL, 0};
	int no;
	DO(plan_add_meeting(c->db, id, &m, &no, c->err), "møte");
	return id;
}

static long case_level3(struct ctx *c)
{
	char d[PLAN_DATE_LEN], e[PLAN_DATE_LEN], born[16];
	snprintf(born, sizeof born, "%.4d", atoi(c->today) - 15);
	long id = new_plan(c, "Jonas Jobbøvelse", born, "Demo ungdomsskole, 10. trinn", 1,
			   "Siri Sosiallærer", "Sosiallærere i ungdomsskolen");
	DO(plan_add_concern(c->db, id, "Høyt fravær siden jul (over 20 %), og flere har sett ham ruse seg "
			    "i helgene.", day(c, -60, d), "kontaktlærer", c->err), "bekymring");
	static const char *const scope[] = {"sosiallaerere-i-ungdomsskolen", "skolehelsetjeneste", "u16",
					    "utekontakten", "psykhjelpa-for-ungdom"};
	consent(c, id, CONSENT_BY_PARENTS, day(c, -55, d), NULL, scope, 5, "Janne Jobbøvelse, Jon Jobbøvelse");
	static const char *const need[] = {"rus", "skole", "fritid"};
	needs(c, id, need, 3);
	DO(plan_add_service(c->db, id, "sosiallaerere-i-ungdomsskolen", "stafettholder", c->err), "tjeneste");
	DO(plan_set_level(c->db, id, 2, "Fraværet øker; trenger helsesykepleier", day(c, -50, d), c->err), "nivå");
	DO(plan_add_service(c->db, id, "skolehelsetjeneste", "samtaler om helse og rus", c->err), "tjeneste");
	DO(plan_set_level(c->db, id, 3, "Tidlig rusbruk: U16 og Utekontakten trengs i tillegg", day(c, -30, d),
			  c->err), "nivå");
	DO(plan_add_service(c->db, id, "u16", "rusforebyggende oppfølging", c->err), "tjeneste");
	DO(plan_add_service(c->db, id, "utekontakten", "kontakt i helgene", c->err), "tjeneste");
	DO(plan_add_person(c->db, id, "Janne og Jon Jobbøvelse", "foresatte", "", c->err), "person");
	goal(c, id, "Jonas er på skolen minst 90 % av timene.");
	goal(c, id, "Jonas slutter å ruse seg, og har en trygg fritid.");
	step(c, id, "Daglig innsjekk med sosiallærer", "sosiallærer", day(c, -20, d), day(c, -2, e),
	     "sosiallaerere-i-ungdomsskolen");
	step(c, id, "Samtaler om rus og helse", "helsesykepleier", day(c, 7, d), day(c, 35, e), "skolehelsetjeneste");
	step(c, id, "Oppstart i U16", "U16", day(c, 14, d), day(c, 60, e), "u16");
	int agreed[] = {1, 2, 3};
	struct plan_meeting_input m = {day(c, -28, d), "Jonas, foreldrene, sosiallærer, helsesykepleier, U16",
				       "Jonas vil prøve U16. Foreldrene følger opp fraværet hjemme.", agreed, 3, NULL, 0};
	int no;
	DO(plan_add_meeting(c->db, id, &m, &no, c->err), "møte");
	DO(plan_handover(c->db, id, "viggo.demo", "Demo videregående skole", day(c, -1, d), c->err),
	   "overlevering");
	return id;
}

int demo_seed(struct db *db, struct strbuf *err)
{
	struct ctx c = {db, err, "", 0};
	plan_today(c.today);
	long ids[4] = {case_level0(&c), case_level1(&c), case_level2(&c), case_level3(&c)};
	for (int lvl = 0; lvl < 4 && !c.failed; lvl++) {
		char key[32], val[32];
		snprintf(key, sizeof key, "demo.case.%d", lvl);
		snprintf(val, sizeof val, "%ld", ids[lvl]);
		if (db_setting_set(db, key, val) != 0) {
			sb_printf(err, "%s", db_error(db));
			return -1;
		}
	}
	return c.failed ? -1 : 0;
}
