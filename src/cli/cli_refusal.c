/* cli_refusal.c - the plan model's coded refusals (plan_refusal.h) in the
 * words of the command line: what was wrong, with the value and the
 * option it came from, and the command that helps. Every code has its
 * sentence here, in the function of its group (plan_refusal_group routes
 * it: a new code without a group does not build, and one without words
 * here fails tests/unit/test_refusal.c); the model holds no words for the
 * user. Values from the data are escaped on the way out
 * (cli_safe_streams). */
#include "trapp/cli.h"
#include "trapp/plan.h"
#include "trapp/plan_refusal.h"
#include "trapp/text.h"
#include "trapp/util.h"

#include <stdlib.h>
#include <string.h>

/* The value a refusal is about, as the command line names it. */
static const char *const field_name[PRF_COUNT] = {
	[PRF_NONE] = "verdien",
	[PRF_CHILD] = "barnets navn eller pseudonym",
	[PRF_BORN] = "fødselsdatoen (--born)",
	[PRF_UNIT] = "enheten",
	[PRF_HOLDER] = "stafettholderens navn",
	[PRF_HOLDER_SERVICE] = "stafettholderens tjeneste",
	[PRF_LEVEL_WHY] = "begrunnelsen for nivåendringen (--why)",
	[PRF_DATE] = "dato",
	[PRF_CONCERN] = "teksten om bekymringen",
	[PRF_NOTICED_BY] = "hvem som la merke til det",
	[PRF_GUARDIANS] = "navnene på de foresatte",
	[PRF_CONSENT_BY] = "samtykkegiver (--by)",
	[PRF_CONSENT_DATE] = "samtykkedatoen",
	[PRF_EXPIRES] = "utløpsdato",
	[PRF_REFUSAL_DATE] = "datoen for nektingen",
	[PRF_WITHDRAW_DATE] = "datoen for tilbaketrekkingen",
	[PRF_SERVICE_ROLE] = "rollen",
	[PRF_PERSON_NAME] = "navnet",
	[PRF_PERSON_ROLE] = "rollen (for eksempel mor, far, barnet, kontaktlærer)",
	[PRF_CONTACT] = "kontaktinformasjonen",
	[PRF_GOAL] = "målet",
	[PRF_GOAL_STATUS] = "status for mål",
	[PRF_STEP_WHAT] = "hva steget er",
	[PRF_STEP_WHO] = "hvem som er ansvarlig",
	[PRF_DUE] = "frist",
	[PRF_EVALUATE] = "evalueringsdato",
	[PRF_EVALUATION] = "evalueringen",
	[PRF_STEP_STATUS] = "status for steg",
	[PRF_MEETING_DATE] = "møtedato",
	[PRF_NOTES] = "referatet (notater fra møtet)",
	[PRF_ATTENDED] = "deltakerne",
	[PRF_HANDOVER_TO] = "brukernavnet (pålogging) til ny stafettholder (--to)",
	[PRF_HANDOVER_SERVICE] = "tjenesten til ny stafettholder",
	[PRF_CLOSE_REASON] = "årsak til avslutning",
	[PRF_CLOSE_WHY] = "begrunnelsen for avslutningen",
	[PRF_SUMMARY] = "oppsummeringen (evaluering av målene)",
	[PRF_FIX] = "felt å rette",
	[PRF_FIX_VALUE] = "den nye verdien",
	[PRF_FIX_WHY] = "begrunnelsen for rettingen (--why)",
	[PRF_ERASE_WHY] = "begrunnelsen for å slette uten arkivutskrift (--why)",
	[PRF_CLOSED_BEFORE] = "dato for --closed-before",
	[PRF_DISPLAY_NAME] = "navnet",
	[PRF_LOGIN] = "brukernavnet (pålogging)",
	[PRF_ROLE] = "rolle",
};

static const char *field(const struct plan_refusal *r)
{
	const char *f = (unsigned)r->field < PRF_COUNT ? field_name[r->field] : NULL;
	return f ? f : "(ukjent felt)";
}

/* Why the consent does not cover what was asked, mid-sentence. */
static void consent_why(struct strbuf *sb, const struct plan_refusal *r)
{
	switch ((enum plan_consent_state)r->consent_state) {
	case CONSENT_NONE: sb_printf(sb, "stafettlogg %ld har ikke samtykke", r->plan); break;
	case CONSENT_REFUSED: sb_printf(sb, "samtykke ble nektet %s i stafettlogg %ld", r->date, r->plan); break;
	case CONSENT_WITHDRAWN: sb_printf(sb, "samtykket i stafettlogg %ld ble trukket %s", r->plan, r->date); break;
	case CONSENT_EXPIRED: sb_printf(sb, "samtykket i stafettlogg %ld gikk ut %s", r->plan, r->date); break;
	case CONSENT_VALID: {
		struct strvec ids = {0};
		sv_split(&ids, r->covered, ',');
		char *shown = sv_join(&ids, ", ");
		if (ids.n)
			sb_printf(sb, "samtykket i stafettlogg %ld gjelder bare %s", r->plan, shown);
		else
			sb_printf(sb, "samtykket i stafettlogg %ld gjelder ikke «%s»", r->plan, r->slug);
		free(shown);
		sv_free(&ids);
		break;
	}
	}
}

/* The consent's state alone, mid-sentence (the plan is named before). */
static void consent_state(struct strbuf *sb, const struct plan_refusal *r)
{
	switch ((enum plan_consent_state)r->consent_state) {
	case CONSENT_NONE: sb_puts(sb, "stafettloggen har ikke registrert samtykke"); break;
	case CONSENT_REFUSED: sb_printf(sb, "samtykke ble nektet %s", r->date); break;
	case CONSENT_WITHDRAWN: sb_printf(sb, "samtykket ble trukket %s", r->date); break;
	case CONSENT_EXPIRED: sb_printf(sb, "samtykket gikk ut %s", r->date); break;
	case CONSENT_VALID: sb_printf(sb, "samtykket gjelder ikke «%s»", r->slug); break;
	}
}

/* The command that records a new consent for scope. */
static void consent_cmd(struct strbuf *sb, long plan, const char *scope)
{
	sb_printf(sb, "«trapp plan consent %ld --by foresatte|ungdom|begge --date ÅÅÅÅ-MM-DD --scope %s»", plan,
		  scope);
}

/* What a correction of field fix picks among, in the plural and one. */
static const char *fix_things(int fix) { return fix == FIX_CONCERN ? "bekymringer" : "personer"; }
static const char *fix_thing(int fix) { return fix == FIX_CONCERN ? "bekymring" : "person"; }

static void admin_only(struct strbuf *sb, const struct plan_refusal *r)
{
	static const char *const task[] = {
		[PRT_CATALOGUE] = "endre katalogen (importere en tiltaksliste)",
		[PRT_ADMIN_ROLE] = "gi eller ta administratorrollen",
		[PRT_USERS] = "se brukerne",
		[PRT_CONSENT_AGE] = "endre samtykkealderen",
	};
	const char *what = (unsigned)r->task < ARRAY_LEN(task) ? task[r->task] : "gjøre dette";
	if (r->task == PRT_CONSENT_AGE)  /* the kommune's own policy: its administrator */
		sb_printf(sb, "Bare kommuneadministratoren kan %s", what);
	else
		sb_printf(sb, "Bare en kommuneadministrator kan %s", what);
	if (*r->me)
		sb_printf(sb, "; du er logget inn som %s", r->me);
	sb_puts(sb, " (se «trapp users»)");
}

static void stale(struct strbuf *sb, const struct plan_refusal *r)
{
	if (r->item == PRI_PLAN)
		sb_printf(sb, "Stafettlogg %ld", r->plan);
	else
		sb_printf(sb, "%s %d i stafettlogg %ld", r->item == PRI_GOAL ? "Mål" : "Steg", r->no, r->plan);
	char local[40];
	time_local(*r->at ? r->at : "ukjent tid", local, sizeof local);  /* stored in UTC */
	sb_printf(sb, " er endret av %s (%s) etter at du leste den (versjon %ld, du hadde %ld): "
		  "ingenting er lagret. Se den nye verdien med «trapp plan show %ld» og prøv igjen "
		  "med --if-version %ld", *r->who ? r->who : "en annen", local, r->have, r->expect, r->plan,
		  r->have);
}

/* The codes about who may do what. 1 when r was one of them. */
static int access_text(struct strbuf *sb, const struct plan_refusal *r)
{
	const char *role = r->role >= 0 && r->role < plan_vocab_count(VOCAB_ROLE) ? plan_label(VOCAB_ROLE, r->role)
										 : "ingen rolle";
	switch (r->code) {
	case PR_ADMIN_ONLY:
		admin_only(sb, r);
		break;
	case PR_LAST_ADMIN:
		sb_printf(sb, "Brukeren %s er den eneste kommuneadministratoren: gi rollen til en annen først "
			  "(«trapp user BRUKERNAVN --admin yes»)", r->login);
		break;
	case PR_NO_PLAN:
		sb_printf(sb, "Finner ingen stafettlogg med id %ld (se «trapp plan list»)", r->plan);
		break;
	case PR_NO_ACCESS:
		sb_printf(sb, "Ingen tilgang til stafettlogg %ld: stafettloggen finnes ikke, eller du er ikke medlem "
			  "av den (se «trapp plan list»)", r->plan);
		break;
	case PR_ADMIN_NOT_MEMBER:
		sb_printf(sb, "Ingen tilgang til stafettlogg %ld: du er ikke medlem av stafettloggen (en "
			  "kommuneadministrator ser ikke innholdet uten å være medlem)", r->plan);
		break;
	case PR_READ_ONLY:
		sb_printf(sb, "Du har %s i stafettlogg %ld og kan ikke endre den: stafettholderen kan gjøre deg til "
			  "aktør («trapp plan member %ld %s --role aktør --service ID»)", role, r->plan, r->plan,
			  *r->me ? r->me : "BRUKER");
		break;
	case PR_LOG_ONLY:
		sb_printf(sb, "Bare stafettholderen og leder ser lesingsloggen til stafettlogg %ld (din rolle: %s)",
			  r->plan, role);
		break;
	case PR_ACCEPT_OTHER:
		sb_printf(sb, "Overføringen i stafettlogg %ld venter på %s: bare den brukeren kan akseptere (du er "
			  "logget inn som %s)", r->plan, *r->login ? r->login : "en ukjent bruker", r->me);
		break;
	case PR_HOLDER_ONLY:
		sb_printf(sb, "Bare stafettholderen i stafettlogg %ld kan gjøre dette (din rolle: %s)", r->plan, role);
		break;
	case PR_BAD_ROLE:
		sb_puts(sb, "Ugyldig rolle: gyldige er aktør, leder og lesetilgang (stafettholderen byttes med "
			"«trapp plan handover»)");
		break;
	case PR_ACTOR_SERVICE:
		sb_printf(sb, "En aktør hører til en av stafettloggens tjenester: oppgi --service med en tjeneste-id "
			  "fra «trapp plan show %ld»", r->plan);
		break;
	case PR_MEMBER_IS_HOLDER:
		sb_printf(sb, "Brukeren %s er stafettholder i stafettlogg %ld: overfør stafettpinnen med "
			  "«trapp plan handover %ld» først", r->login, r->plan, r->plan);
		break;
	case PR_ALREADY_MEMBER:
		sb_printf(sb, "Brukeren %s er allerede %s i stafettlogg %ld", r->login, role, r->plan);
		break;
	case PR_NOT_MEMBER:
		sb_printf(sb, "Brukeren %s er ikke medlem av stafettlogg %ld (se «trapp plan members %ld»)", r->login,
			  r->plan, r->plan);
		break;
	case PR_REMOVE_HOLDER:
		sb_printf(sb, "Stafettholderen kan ikke fjernes: overfør stafettpinnen med «trapp plan handover %ld» "
			  "først", r->plan);
		break;
	case PR_BAD_LOGIN:
		/* not echoed: what was typed may be a person's name */
		sb_printf(sb, "Verdien av %s er ikke et gyldig brukernavn (pålogging): ingen mellomrom, ingen "
			  "skilletegn som : / |", r->field == PRF_HANDOVER_TO ? "--to" : "BRUKER");
		break;
	default:
		return 0;
	}
	return 1;
}

/* The codes about values. 1 when r was one of them. */
static int value_text(struct strbuf *sb, const struct plan_refusal *r)
{
	switch (r->code) {
	case PR_TEXT_MISSING:
		sb_printf(sb, "%s mangler", field(r));
		break;
	case PR_TEXT_UTF8:
		sb_printf(sb, "%s er ikke gyldig UTF-8", field(r));
		break;
	case PR_TEXT_CONTROL:
		sb_printf(sb, "%s inneholder et kontrolltegn (U+%04X) etter %d tegn: bare vanlig tekst%s er lov",
			  field(r), r->codepoint, r->count, r->one_line ? " på én linje" : ", linjeskift og tabulator");
		break;
	case PR_TEXT_LONG:
		sb_printf(sb, "%s er for lang (%d tegn; høyst %d)", field(r), r->count, r->limit);
		break;
	case PR_BAD_DATE:
		sb_printf(sb, "Ugyldig %s «%s»: skriv ÅÅÅÅ-MM-DD, en dato som finnes", field(r), r->value);
		break;
	case PR_FUTURE_DATE:
		sb_printf(sb, "%s %s ligger fram i tid (i dag er %s)", field(r), r->date, r->date2);
		break;
	case PR_DUE_MISSING:
		sb_puts(sb, "Fristen mangler (--due ÅÅÅÅ-MM-DD)");
		break;
	case PR_ATTENDED_MISSING:
		sb_puts(sb, "Ingen er ført opp som til stede på møtet: skriv hvem som var med, for eksempel "
			"--attended \"mor, kontaktlærer, PPT\"");
		break;
	case PR_BAD_BORN:
		sb_puts(sb, "Ugyldig fødselsdato eller fødselsår: skriv ÅÅÅÅ eller ÅÅÅÅ-MM-DD, en dato som finnes og "
			"ikke ligger fram i tid");
		break;
	case PR_BAD_CHOICE:
		sb_printf(sb, "Ugyldig %s: gyldige er %s", field(r), r->list);
		break;
	case PR_BAD_NEED:
		sb_printf(sb, "Ukjent behov «%s»; gyldige: %s", r->value, r->list);
		break;
	case PR_BAD_LEVEL:
		sb_printf(sb, "Ugyldig nivå %d: gyldige er 0, 1, 2 og 3", r->level);
		break;
	case PR_CLOSED:
		sb_printf(sb, "Stafettlogg %ld ble avsluttet %s (%s) og kan ikke endres", r->plan, r->date,
			  plan_label(VOCAB_CLOSE, r->close_reason));
		break;
	case PR_BAD_CONSENT_AGE:
		sb_printf(sb, "Ugyldig samtykkealder %d: kommunen velger 15 eller 16 år (--set 15 eller --set 16)",
			  r->age);
		break;
	default:
		return 0;
	}
	return 1;
}

/* The codes about consent, services and levels. 1 when r was one of them. */
static int consent_text(struct strbuf *sb, const struct plan_refusal *r)
{
	switch (r->code) {
	case PR_NO_SERVICE:
		sb_printf(sb, "Stafettlogg %ld har ikke tjenesten «%s» (se «trapp plan show %ld»)", r->plan, r->slug,
			  r->plan);
		break;
	case PR_STEP_SERVICE:
		sb_printf(sb, "Tjenesten «%s» er ikke med i stafettlogg %ld: legg den til først med «trapp plan "
			  "add-service %ld %s»", r->slug, r->plan, r->plan, r->slug);
		break;
	case PR_UNKNOWN_SERVICE:
		sb_printf(sb, "Ukjent tjeneste «%s» i %s: finn id-en med «trapp services --kommune %s --search ORD»",
			  r->slug, r->kommune, r->kommune);
		break;
	case PR_SERVICE_MISSING:
		sb_puts(sb, "Tjeneste-id mangler (finn den med «trapp services --search ORD»)");
		break;
	case PR_CONSENT_EMPTY:
		sb_puts(sb, "Samtykket må gjelde minst én tjeneste (--scope med id-er fra «trapp services»)");
		break;
	case PR_NO_CONSENT: {
		consent_why(sb, r);
		sb_printf(sb, ", så «%s» kan ikke legges til: registrer nytt samtykke med ", r->slug);
		struct strbuf scope = {0};
		sb_printf(&scope, "%s%s%s", r->covered, *r->covered ? "," : "", r->slug);
		consent_cmd(sb, r->plan, sb_str(&scope));
		sb_free(&scope);
		break;
	}
	case PR_LEVEL_BELOW_2:
		sb_printf(sb, "Stafettlogg %ld er på nivå %d, der bare stafettholderens egen tjeneste er med: hev "
			  "nivået til 2 med en begrunnelse («trapp plan level %ld 2 --why TEKST») før «%s» legges til",
			  r->plan, r->level, r->plan, r->slug);
		break;
	case PR_UNKNOWN_KOMMUNE:
		sb_printf(sb, "Ukjent kommune «%s» (se «trapp kommuner»)", r->kommune);
		break;
	case PR_SAME_LEVEL:
		sb_printf(sb, "Stafettlogg %ld er allerede på nivå %d", r->plan, r->level);
		break;
	case PR_LEVEL_NO_CONSENT:
		sb_printf(sb, "Stafettlogg %ld kan ikke heves til nivå %d: en stafettlogg for samarbeid på tvers av "
			  "tjenester (nivå 2 og 3) krever gyldig, registrert samtykke, og ", r->plan, r->level);
		consent_state(sb, r);
		sb_puts(sb, ". Registrer samtykke først med ");
		consent_cmd(sb, r->plan, "TJENESTE-ID,...");
		sb_puts(sb, ", og hev så nivået");
		break;
	case PR_YOUTH_AGE:
		sb_printf(sb, "Ungdom samtykker selv fra %d år i kommunen %s (kommunens valg; se «trapp "
			  "consent-age»), og barnet i stafettlogg %ld er %s%d: samtykket må gis av foresatte "
			  "(--by foresatte)", r->limit, r->kommune, r->plan, r->approx ? "kanskje bare " : "", r->age);
		break;
	case PR_YOUTH_GUARDIANS:
		sb_puts(sb, "Samtykket er gitt av ungdommen alene, men navn på foresatte er oppgitt: velg «begge» "
			"(--by begge) når foresatte og ungdom samtykker sammen");
		break;
	case PR_EXPIRES_BEFORE:
		sb_printf(sb, "Utløpsdatoen %s er før samtykkedatoen %s", r->date, r->date2);
		break;
	case PR_NOTHING_TO_WITHDRAW:
		sb_printf(sb, "Stafettlogg %ld har ikke noe gyldig samtykke å trekke per %s", r->plan, r->date);
		break;
	case PR_ALREADY_SERVICE:
		sb_printf(sb, "Tjenesten «%s» er allerede med i stafettlogg %ld", r->slug, r->plan);
		break;
	case PR_SERVICE_OPEN_STEPS:
		sb_printf(sb, "Tjenesten «%s» har åpne steg i stafettlogg %ld (%s): sett dem til fullført eller "
			  "avbrutt først («trapp plan step %ld N --status fullfort»)", r->slug, r->plan, r->list,
			  r->plan);
		break;
	case PR_STEP_NO_CONSENT:
		sb_printf(sb, "Nye tiltak for «%s» i stafettlogg %ld er stanset til samtykket er fornyet: ", r->slug,
			  r->plan);
		consent_state(sb, r);
		sb_puts(sb, ". Registrer nytt samtykke med ");
		consent_cmd(sb, r->plan, r->slug);
		break;
	default:
		return 0;
	}
	return 1;
}

/* The codes about the plan's own items: goals, steps, hand-over, closing,
 * correcting, erasing. 1 when r was one of them. */
static int plan_text(struct strbuf *sb, const struct plan_refusal *r)
{
	switch (r->code) {
	case PR_STALE:
		stale(sb, r);
		break;
	case PR_NO_GOAL:
		sb_printf(sb, "Stafettlogg %ld har ikke mål %d (se «trapp plan show %ld»)", r->plan, r->no, r->plan);
		break;
	case PR_NO_STEP:
		sb_printf(sb, "Stafettlogg %ld har ikke steg %d (se «trapp plan show %ld»)", r->plan, r->no, r->plan);
		break;
	case PR_NO_PERSON:
		/* the name is not repeated: it is personal data */
		sb_printf(sb, "Stafettlogg %ld har ingen person med det navnet (se «trapp plan show %ld»)", r->plan,
			  r->plan);
		break;
	case PR_NO_PROPOSAL:
		sb_printf(sb, "Stafettlogg %ld har ingen foreslått overføring å akseptere: foreslå med «trapp plan "
			  "handover %ld --to BRUKERNAVN --service TEKST»", r->plan, r->plan);
		break;
	case PR_GOAL_SAME_TEXT:
		sb_printf(sb, "Mål %d i stafettlogg %ld har allerede den teksten", r->no, r->plan);
		break;
	case PR_GOAL_SAME_STATUS:
		sb_printf(sb, "Mål %d i stafettlogg %ld har allerede status «%s»", r->no, r->plan,
			  plan_label(VOCAB_GOAL, r->status));
		break;
	case PR_GOAL_NO_CHANGE:
		sb_printf(sb, "Ingen endring for mål %d i stafettlogg %ld: oppgi ny status (--status) eller tekst "
			  "(--text)", r->no, r->plan);
		break;
	case PR_STEP_NO_CHANGE:
		sb_printf(sb, "Ingen endring for steg %d i stafettlogg %ld: oppgi ny status, evaluering, frist, "
			  "evalueringsdato, tekst eller ansvarlig", r->no, r->plan);
		break;
	case PR_ALREADY_HOLDER:
		sb_printf(sb, "Brukeren %s er allerede stafettholder i stafettlogg %ld", r->login, r->plan);
		break;
	case PR_ACCEPT_BEFORE:
		sb_printf(sb, "Akseptdatoen %s er før overføringen ble foreslått (%s)", r->date, r->date2);
		break;
	case PR_CLOSE_BEFORE:
		sb_printf(sb, "Avslutningsdatoen %s er før stafettloggen ble opprettet (%s)", r->date, r->date2);
		break;
	case PR_CLOSE_WHY:
		sb_puts(sb, "Årsaken «annet» trenger en begrunnelse: skriv hvorfor stafettloggen avsluttes (--why "
			"TEKST)");
		break;
	case PR_OPEN_STEPS:
		sb_printf(sb, "Stafettlogg %ld har %d åpne tiltak (steg %s): sett dem til fullført eller avbrutt "
			  "først, eller avslutt likevel med --force", r->plan, r->count, r->list);
		break;
	case PR_FIX_NONE:
		sb_printf(sb, "Stafettlogg %ld har ingen %s å rette", r->plan, fix_things(r->fix));
		break;
	case PR_FIX_WHICH:
		sb_printf(sb, "Stafettlogg %ld har %d %s: oppgi hvilken med --item N (nummeret i rekkefølgen i "
			  "«trapp plan show %ld»)", r->plan, r->count, fix_things(r->fix), r->plan);
		break;
	case PR_FIX_NO_ITEM:
		sb_printf(sb, "Stafettlogg %ld har ikke %s nummer %d (det er %d)", r->plan, fix_thing(r->fix), r->no,
			  r->count);
		break;
	case PR_FIX_SAME:
		sb_printf(sb, "%s i stafettlogg %ld har allerede den verdien", plan_fix_label((enum plan_fix)r->fix),
			  r->plan);
		break;
	case PR_ERASE_OPEN:
		sb_printf(sb, "Stafettlogg %ld er åpen: avslutt den først («trapp plan close %ld --reason ÅRSAK»); "
			  "bare avsluttede stafettlogger kan slettes", r->plan, r->plan);
		break;
	case PR_ERASE_NO_ARCHIVE:
		sb_printf(sb, "Stafettlogg %ld er ikke skrevet ut for arkivet etter at den ble avsluttet: kjør «trapp "
			  "plan export %ld --format html -o FIL» først, eller oppgi --no-archive --why TEKST", r->plan,
			  r->plan);
		break;
	case PR_SCRUB:
		sb_printf(sb, "Stafettloggen er slettet, men databasen kunne ikke ryddes (kjør kommandoen igjen når "
			  "ingen andre har den åpen): %s", r->detail);
		break;
	default:
		return 0;
	}
	return 1;
}

void cli_refusal_text(struct strbuf *sb, const struct plan_refusal *r)
{
	size_t start = sb->len;
	switch (plan_refusal_group(r->code)) {  /* no default: every group has its words */
	case PRG_NONE: return;
	case PRG_PLAN: plan_text(sb, r); break;
	case PRG_ACCESS: access_text(sb, r); break;
	case PRG_VALUE: value_text(sb, r); break;
	case PRG_CONSENT: consent_text(sb, r); break;
	}
	if (r->meeting_step)
		sb_printf(sb, " (avtalt steg nr. %d i møtet; ingenting er lagret)", r->meeting_step);
	text_capitalize(sb->buf ? sb->buf + start : NULL);
}

void cli_refusal_phrase(int rc, struct strbuf *err)
{
	if (rc != PLAN_OK && !err->len)
		cli_refusal_text(err, plan_refusal());
}
