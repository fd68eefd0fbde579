/* refusal.c - the plan model's coded refusals (plan_refusal.h) in the
 * words of the full-screen view: short enough for a status line at 80
 * columns where it can be, naming the form field (as the form labels it)
 * and the key that helps (from the bindings, never typed by hand) instead
 * of a command. Every code has its sentence here, in the function of its
 * group (plan_refusal_group routes it: a new code without a group does
 * not build, and one without words here fails tests/unit/test_refusal.c).
 * ui_put escapes what comes from the data when it is drawn. */
#include "ui.h"
#include "trapp/plan.h"
#include "trapp/plan_refusal.h"
#include "trapp/text.h"
#include "trapp/util.h"

#include <stdlib.h>
#include <string.h>

/* The key for act in a view of scope ("c"), into a static buffer. */
static const char *key_in(enum ui_action act, unsigned scope)
{
	static char buf[4][48];
	static int slot;
	struct strbuf sb = {0};
	ui_action_keys(&sb, act, scope);
	char *out = buf[slot++ % 4];
	snprintf(out, sizeof buf[0], "%s", sb.len ? sb_str(&sb) : "?");
	sb_free(&sb);
	return out;
}

static const char *key(enum ui_action act) { return key_in(act, VIEW_PLAN); }

/* The value a refusal is about, as the forms label it. */
static const char *const field_label[PRF_COUNT] = {
	[PRF_NONE] = "Verdi", [PRF_CHILD] = "Barn", [PRF_BORN] = "Født", [PRF_UNIT] = "Enhet",
	[PRF_HOLDER] = "Stafettholder", [PRF_HOLDER_SERVICE] = "Tjeneste", [PRF_LEVEL_WHY] = "Begrunnelse",
	[PRF_DATE] = "Dato", [PRF_CONCERN] = "Hva", [PRF_NOTICED_BY] = "Lagt merke til av",
	[PRF_GUARDIANS] = "Foresatte (navn)", [PRF_CONSENT_BY] = "Gitt av", [PRF_CONSENT_DATE] = "Dato",
	[PRF_EXPIRES] = "Utløper", [PRF_REFUSAL_DATE] = "Dato", [PRF_WITHDRAW_DATE] = "Dato",
	[PRF_SERVICE_ROLE] = "Rolle", [PRF_PERSON_NAME] = "Navn", [PRF_PERSON_ROLE] = "Rolle",
	[PRF_CONTACT] = "Kontakt", [PRF_GOAL] = "Mål", [PRF_GOAL_STATUS] = "Status", [PRF_STEP_WHAT] = "Hva",
	[PRF_STEP_WHO] = "Ansvarlig", [PRF_DUE] = "Frist", [PRF_EVALUATE] = "Evalueres",
	[PRF_EVALUATION] = "Evaluering", [PRF_STEP_STATUS] = "Status", [PRF_MEETING_DATE] = "Dato",
	[PRF_NOTES] = "Referat", [PRF_ATTENDED] = "Til stede", [PRF_HANDOVER_TO] = "Til (brukernavn)",
	[PRF_HANDOVER_SERVICE] = "Tjeneste", [PRF_CLOSE_REASON] = "Årsak", [PRF_CLOSE_WHY] = "Begrunnelse",
	[PRF_SUMMARY] = "Oppsummering", [PRF_FIX] = "Hva", [PRF_FIX_VALUE] = "Ny verdi",
	[PRF_FIX_WHY] = "Begrunnelse", [PRF_ERASE_WHY] = "Begrunnelse", [PRF_CLOSED_BEFORE] = "Avsluttet før",
	[PRF_DISPLAY_NAME] = "Navn", [PRF_LOGIN] = "Brukernavn", [PRF_ROLE] = "Rolle",
};

static const char *field(const struct plan_refusal *r)
{
	const char *f = (unsigned)r->field < PRF_COUNT ? field_label[r->field] : NULL;
	return f ? f : "(ukjent felt)";
}

static const char *role(const struct plan_refusal *r)
{
	return r->role >= 0 && r->role < plan_vocab_count(VOCAB_ROLE) ? plan_label(VOCAB_ROLE, r->role) : "ingen rolle";
}

/* What a correction of field fix picks among, in the plural and one. */
static const char *fix_things(int fix) { return fix == FIX_CONCERN ? "bekymringer" : "personer"; }
static const char *fix_thing(int fix) { return fix == FIX_CONCERN ? "bekymring" : "person"; }

/* Why the consent does not cover what was asked, as a sentence's start. */
static void consent_why(struct strbuf *sb, const struct plan_refusal *r)
{
	switch ((enum plan_consent_state)r->consent_state) {
	case CONSENT_NONE: sb_puts(sb, "Stafettloggen har ikke samtykke"); break;
	case CONSENT_REFUSED: sb_printf(sb, "Samtykke ble nektet %s", r->date); break;
	case CONSENT_WITHDRAWN: sb_printf(sb, "Samtykket ble trukket %s", r->date); break;
	case CONSENT_EXPIRED: sb_printf(sb, "Samtykket gikk ut %s", r->date); break;
	case CONSENT_VALID: sb_printf(sb, "Samtykket gjelder ikke «%s»", r->slug); break;
	}
}

/* The codes about who may do what. 1 when r was one of them. */
static int access_text(struct strbuf *sb, const struct plan_refusal *r)
{
	static const char *const task[] = {
		[PRT_CATALOGUE] = "endre katalogen", [PRT_ADMIN_ROLE] = "gi eller ta administratorrollen",
		[PRT_USERS] = "se brukerne", [PRT_CONSENT_AGE] = "endre samtykkealderen",
	};
	switch (r->code) {
	case PR_ADMIN_ONLY:
		sb_printf(sb, "Bare en kommuneadministrator kan %s", (unsigned)r->task < ARRAY_LEN(task)
			  ? task[r->task] : "gjøre dette");
		if (*r->me)
			sb_printf(sb, " (du er logget inn som %s)", r->me);
		sb_putc(sb, '.');
		break;
	case PR_LAST_ADMIN:
		sb_printf(sb, "Brukeren %s er den eneste kommuneadministratoren: gi rollen til en annen først.",
			  r->login);
		break;
	case PR_NO_PLAN:
		sb_printf(sb, "Finner ingen stafettlogg med id %ld: velg en i listen (%s).", r->plan,
			  key_in(ACT_PLANS, VIEW_STAIRS));
		break;
	case PR_NO_ACCESS:
		sb_printf(sb, "Ingen tilgang til stafettlogg %ld: den finnes ikke, eller du er ikke medlem. Dine "
			  "står i listen (%s).", r->plan, key_in(ACT_PLANS, VIEW_STAIRS));
		break;
	case PR_ADMIN_NOT_MEMBER:
		sb_printf(sb, "Ingen tilgang til stafettlogg %ld: du er ikke medlem (en kommuneadministrator ser "
			  "ikke innholdet uten å være medlem).", r->plan);
		break;
	case PR_READ_ONLY:
		sb_printf(sb, "Du har %s i stafettloggen og kan ikke endre den: stafettholderen kan gjøre deg til "
			  "aktør.", role(r));
		break;
	case PR_LOG_ONLY:
		sb_printf(sb, "Bare stafettholderen og leder ser lesingsloggen (din rolle: %s).", role(r));
		break;
	case PR_ACCEPT_OTHER:
		sb_printf(sb, "Overføringen venter på %s: bare den brukeren kan akseptere (du er %s).",
			  *r->login ? r->login : "en ukjent bruker", r->me);
		break;
	case PR_HOLDER_ONLY:
		sb_printf(sb, "Bare stafettholderen kan gjøre dette (din rolle: %s).", role(r));
		break;
	case PR_BAD_ROLE:
		sb_printf(sb, "Ugyldig rolle: velg aktør, leder eller lesetilgang (stafettholderen byttes med %s).",
			  key(ACT_P_HANDOVER));
		break;
	case PR_ACTOR_SERVICE:
		sb_puts(sb, "En aktør hører til en av stafettloggens tjenester: velg en fra Tjenester.");
		break;
	case PR_MEMBER_IS_HOLDER:
		sb_printf(sb, "Brukeren %s er stafettholder: overfør stafettpinnen med %s først.", r->login,
			  key(ACT_P_HANDOVER));
		break;
	case PR_ALREADY_MEMBER:
		sb_printf(sb, "Brukeren %s er allerede %s i stafettloggen.", r->login, role(r));
		break;
	case PR_NOT_MEMBER:
		sb_printf(sb, "Brukeren %s er ikke medlem av stafettloggen.", r->login);
		break;
	case PR_REMOVE_HOLDER:
		sb_printf(sb, "Stafettholderen kan ikke fjernes: overfør stafettpinnen med %s først.",
			  key(ACT_P_HANDOVER));
		break;
	case PR_BAD_LOGIN:
		/* not echoed: what was typed may be a person's name */
		sb_printf(sb, "Det i «%s» er ikke et gyldig brukernavn: ingen mellomrom eller : / |.", field(r));
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
		sb_printf(sb, "Feltet «%s» mangler: fyll det ut.", field(r));
		break;
	case PR_TEXT_UTF8:
		sb_printf(sb, "Feltet «%s» er ikke gyldig UTF-8.", field(r));
		break;
	case PR_TEXT_CONTROL:
		sb_printf(sb, "Feltet «%s» har et kontrolltegn (U+%04X) etter %d tegn: bare vanlig tekst%s.", field(r),
			  r->codepoint, r->count, r->one_line ? " på én linje" : ", linjeskift og tabulator");
		break;
	case PR_TEXT_LONG:
		sb_printf(sb, "Feltet «%s» er for langt (%d tegn; høyst %d).", field(r), r->count, r->limit);
		break;
	case PR_BAD_DATE:
		sb_printf(sb, "Ugyldig dato «%s» i «%s»: skriv ÅÅÅÅ-MM-DD, en dato som finnes.", r->value, field(r));
		break;
	case PR_FUTURE_DATE:
		sb_printf(sb, "Datoen %s i «%s» ligger fram i tid (i dag er %s).", r->date, field(r), r->date2);
		break;
	case PR_DUE_MISSING:
		sb_puts(sb, "Fristen mangler: skriv den i «Frist» (ÅÅÅÅ-MM-DD).");
		break;
	case PR_ATTENDED_MISSING:
		sb_puts(sb, "Ingen er markert til stede: velg hvem som var med i «Til stede» (Enter).");
		break;
	case PR_BAD_BORN:
		sb_puts(sb, "Ugyldig fødselsdato: skriv ÅÅÅÅ eller ÅÅÅÅ-MM-DD, en dato som finnes og ikke ligger fram "
			"i tid.");
		break;
	case PR_BAD_CHOICE:
		sb_printf(sb, "Ugyldig valg i «%s»: gyldige er %s.", field(r), r->list);
		break;
	case PR_BAD_NEED:
		sb_printf(sb, "Ukjent behov «%s»; gyldige: %s.", r->value, r->list);
		break;
	case PR_BAD_LEVEL:
		sb_printf(sb, "Ugyldig nivå %d: velg 0, 1, 2 eller 3.", r->level);
		break;
	case PR_CLOSED:
		sb_printf(sb, "Stafettloggen ble avsluttet %s (%s) og kan ikke endres.", r->date,
			  plan_label(VOCAB_CLOSE, r->close_reason));
		break;
	case PR_BAD_CONSENT_AGE:
		sb_printf(sb, "Ugyldig samtykkealder %d: kommunen velger 15 eller 16 år.", r->age);
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
		sb_printf(sb, "Stafettloggen har ikke tjenesten «%s»: id-en står i [klammer] under Tjenester.",
			  r->slug);
		break;
	case PR_STEP_SERVICE:
		sb_printf(sb, "Tjenesten «%s» er ikke med i stafettloggen: legg den til med %s først.", r->slug,
			  key(ACT_P_SERVICE));
		break;
	case PR_UNKNOWN_SERVICE:
		sb_printf(sb, "Ukjent tjeneste «%s» i %s: trykk %s i stafettloggen, finn tjenesten og trykk %s på den.",
			  r->slug, r->kommune, key(ACT_P_SERVICE), key_in(ACT_ADD_TO_PLAN, VIEW_LIST));
		break;
	case PR_SERVICE_MISSING:
		sb_printf(sb, "Tjeneste-id mangler: finn tjenesten med %s i stafettloggen.", key(ACT_P_SERVICE));
		break;
	case PR_CONSENT_EMPTY:
		sb_puts(sb, "Samtykket må gjelde minst én tjeneste: velg dem i «Tjenester».");
		break;
	case PR_NO_CONSENT:
		/* short: the whole of it fits the status line at 80 columns */
		consent_why(sb, r);
		sb_printf(sb, ": registrer nytt samtykke med %s i stafettloggen%s.", key(ACT_P_CONSENT),
			  r->consent_state == CONSENT_VALID ? " (med tjenestene det gjelder nå)" : "");
		break;
	case PR_LEVEL_BELOW_2:
		sb_printf(sb, "Stafettloggen er på nivå %d: bare stafettholderens egen tjeneste er med. Hev nivået "
			  "til 2 med %s først.", r->level, key(ACT_P_LEVEL));
		break;
	case PR_UNKNOWN_KOMMUNE:
		sb_printf(sb, "Ukjent kommune «%s»: velg en med %s på startsiden.", r->kommune,
			  key_in(ACT_KOMMUNE, VIEW_STAIRS));
		break;
	case PR_SAME_LEVEL:
		sb_printf(sb, "Stafettloggen er allerede på nivå %d.", r->level);
		break;
	case PR_LEVEL_NO_CONSENT:
		sb_printf(sb, "Nivå %d krever gyldig samtykke (", r->level);
		{
			size_t at = sb->len;
			consent_why(sb, r);
			sb->buf[at] = (char)(sb->buf[at] == 'S' ? 's' : sb->buf[at]);
		}
		sb_printf(sb, "): registrer det med %s, og hev så nivået.", key(ACT_P_CONSENT));
		break;
	case PR_YOUTH_AGE:
		sb_printf(sb, "Ungdom samtykker selv fra %d år i %s, og barnet er %s%d: velg foresatte i «Gitt av».",
			  r->limit, r->kommune, r->approx ? "kanskje bare " : "", r->age);
		break;
	case PR_YOUTH_GUARDIANS:
		sb_puts(sb, "Ungdommen samtykker alene, men foresatte er navngitt: velg «begge» i «Gitt av».");
		break;
	case PR_EXPIRES_BEFORE:
		sb_printf(sb, "Utløpsdatoen %s er før samtykkedatoen %s.", r->date, r->date2);
		break;
	case PR_NOTHING_TO_WITHDRAW:
		sb_printf(sb, "Stafettloggen har ikke noe gyldig samtykke å trekke per %s.", r->date);
		break;
	case PR_ALREADY_SERVICE:
		sb_printf(sb, "Tjenesten «%s» er allerede med i stafettloggen.", r->slug);
		break;
	case PR_SERVICE_OPEN_STEPS:
		sb_printf(sb, "Tjenesten «%s» har åpne steg i stafettlogg %ld (%s): sett dem til fullført eller "
			  "avbrutt med %s først.", r->slug, r->plan, r->list, key(ACT_P_STEP_STATUS));
		break;
	case PR_STEP_NO_CONSENT:
		sb_printf(sb, "Nye tiltak for «%s» er stanset til samtykket er fornyet. ", r->slug);
		consent_why(sb, r);
		sb_printf(sb, ": registrer nytt samtykke med %s.", key(ACT_P_CONSENT));
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
	case PR_STALE: {
		char local[40], item[48];
		time_local(*r->at ? r->at : "ukjent tid", local, sizeof local);  /* stored in UTC */
		if (r->item == PRI_PLAN)
			snprintf(item, sizeof item, "stafettloggen");
		else
			snprintf(item, sizeof item, "%s %d", r->item == PRI_GOAL ? "mål" : "steg", r->no);
		sb_printf(sb, "Noen andre (%s, %s) endret %s etter at du åpnet det; ingenting er lagret. "
			  "Åpne skjemaet igjen for å se det nye.", *r->who ? r->who : "en annen", local, item);
		break;
	}
	case PR_NO_GOAL:
		sb_printf(sb, "Stafettloggen har ikke mål %d: numrene står under Mål.", r->no);
		break;
	case PR_NO_STEP:
		sb_printf(sb, "Stafettloggen har ikke tiltak %d: numrene står under Tiltak.", r->no);
		break;
	case PR_NO_PERSON:
		/* the name is not repeated: it is personal data */
		sb_puts(sb, "Stafettloggen har ingen person med det navnet: skriv det som under Personer.");
		break;
	case PR_NO_PROPOSAL:
		sb_printf(sb, "Ingen overføring venter på aksept: foreslå en med %s først.", key(ACT_P_HANDOVER));
		break;
	case PR_GOAL_SAME_TEXT:
		sb_printf(sb, "Mål %d har allerede den teksten.", r->no);
		break;
	case PR_GOAL_SAME_STATUS:
		sb_printf(sb, "Mål %d har allerede status «%s».", r->no, plan_label(VOCAB_GOAL, r->status));
		break;
	case PR_GOAL_NO_CHANGE:
		sb_printf(sb, "Ingen endring for mål %d: velg ny status eller skriv ny tekst.", r->no);
		break;
	case PR_STEP_NO_CHANGE:
		sb_printf(sb, "Ingen endring for steg %d: endre status, evaluering, frist, dato, tekst eller ansvarlig.",
			  r->no);
		break;
	case PR_ALREADY_HOLDER:
		sb_printf(sb, "Brukeren %s er allerede stafettholder.", r->login);
		break;
	case PR_ACCEPT_BEFORE:
		sb_printf(sb, "Akseptdatoen %s er før overføringen ble foreslått (%s).", r->date, r->date2);
		break;
	case PR_CLOSE_BEFORE:
		sb_printf(sb, "Avslutningsdatoen %s er før stafettloggen ble opprettet (%s).", r->date, r->date2);
		break;
	case PR_CLOSE_WHY:
		sb_puts(sb, "Årsaken «annet» trenger en begrunnelse: skriv hvorfor i «Begrunnelse».");
		break;
	case PR_OPEN_STEPS:
		sb_printf(sb, "Stafettloggen har %d åpne tiltak (steg %s): sett dem til fullført eller avbrutt med %s "
			  "først.", r->count, r->list, key(ACT_P_STEP_STATUS));
		break;
	case PR_FIX_NONE:
		sb_printf(sb, "Stafettloggen har ingen %s å rette.", fix_things(r->fix));
		break;
	case PR_FIX_WHICH:
		sb_printf(sb, "Stafettloggen har %d %s: skriv nummeret i «Nr» (rekkefølgen i stafettloggen).", r->count,
			  fix_things(r->fix));
		break;
	case PR_FIX_NO_ITEM:
		sb_printf(sb, "Stafettloggen har ikke %s nummer %d (det er %d).", fix_thing(r->fix), r->no, r->count);
		break;
	case PR_FIX_SAME:
		sb_printf(sb, "%s har allerede den verdien.", plan_fix_label((enum plan_fix)r->fix));
		break;
	case PR_ERASE_OPEN:
		sb_printf(sb, "Stafettloggen er åpen: lukk den med %s først; bare avsluttede stafettlogger kan slettes.",
			  key(ACT_P_CLOSE));
		break;
	case PR_ERASE_NO_ARCHIVE:
		sb_printf(sb, "Stafettloggen er ikke skrevet ut for arkivet etter at den ble avsluttet: skriv den ut "
			  "med %s først.", key(ACT_P_EXPORT));
		break;
	case PR_SCRUB:
		sb_printf(sb, "Stafettloggen er slettet, men databasen kunne ikke ryddes: %s.", r->detail);
		break;
	default:
		return 0;
	}
	return 1;
}

void ui_refusal_text(struct strbuf *sb, const struct plan_refusal *r)
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

void ui_refusal_phrase(int rc, struct strbuf *err)
{
	if (rc != PLAN_OK && !err->len)
		ui_refusal_text(err, plan_refusal());
}
