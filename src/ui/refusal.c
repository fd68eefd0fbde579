/* refusal.c - the plan model's coded refusals (plan_refusal.h) in the
 * words of the full-screen view: short enough for a status line at 80
 * columns, naming the key that helps (from the bindings, never typed by
 * hand) instead of a command. */
#include "ui.h"
#include "trapp/plan.h"
#include "trapp/plan_refusal.h"
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

static void consent_why(struct strbuf *sb, const struct plan_refusal *r)
{
	switch ((enum plan_consent_state)r->consent_state) {
	case CONSENT_NONE: sb_puts(sb, "Planen har ikke samtykke"); break;
	case CONSENT_REFUSED: sb_printf(sb, "Samtykke ble nektet %s", r->date); break;
	case CONSENT_WITHDRAWN: sb_printf(sb, "Samtykket ble trukket %s", r->date); break;
	case CONSENT_EXPIRED: sb_printf(sb, "Samtykket gikk ut %s", r->date); break;
	case CONSENT_VALID: sb_printf(sb, "Samtykket gjelder ikke «%s»", r->slug); break;
	}
}

void ui_refusal_text(struct strbuf *sb, const struct plan_refusal *r)
{
	switch (r->code) {
	case PR_NONE:
		break;
	case PR_STALE:
		{
			char local[40];
			time_local(*r->at ? r->at : "ukjent tid", local, sizeof local);  /* stored in UTC */
			sb_printf(sb, "Noen andre (%s, %s) endret %s etter at du åpnet det; ingenting er lagret. "
				  "Åpne skjemaet igjen for å se det nye.", *r->who ? r->who : "en annen", local,
				  r->item);
		}
		break;
	case PR_NO_GOAL:
		sb_printf(sb, "Planen har ikke mål %d: numrene står under Mål.", r->no);
		break;
	case PR_NO_STEP:
		sb_printf(sb, "Planen har ikke tiltak %d: numrene står under Tiltak.", r->no);
		break;
	case PR_NO_PERSON:
		sb_puts(sb, "Planen har ingen person med det navnet: skriv det som under Personer.");
		break;
	case PR_NO_SERVICE:
		sb_printf(sb, "Planen har ikke tjenesten «%s»: id-en står i [klammer] under Tjenester.", r->slug);
		break;
	case PR_STEP_SERVICE:
		sb_printf(sb, "«%s» er ikke med i planen: legg den til med %s først.", r->slug, key(ACT_P_SERVICE));
		break;
	case PR_UNKNOWN_SERVICE:
		sb_printf(sb, "Ukjent tjeneste «%s» i %s: trykk %s i planen, finn tjenesten og trykk %s på den.",
			  r->slug, r->kommune, key(ACT_P_SERVICE), key_in(ACT_ADD_TO_PLAN, VIEW_LIST));
		break;
	case PR_SERVICE_MISSING:
		sb_printf(sb, "Tjeneste-id mangler: finn tjenesten med %s i planen.", key(ACT_P_SERVICE));
		break;
	case PR_CONSENT_EMPTY:
		sb_puts(sb, "Samtykket må gjelde minst én tjeneste: skriv id-ene fra [klammer] i tiltakslisten.");
		break;
	case PR_NO_CONSENT:
		/* short: the whole of it fits the status line at 80 columns */
		consent_why(sb, r);
		sb_printf(sb, ": registrer nytt samtykke med %s i planen%s.", key(ACT_P_CONSENT),
			  r->consent_state == CONSENT_VALID ? " (med tjenestene det gjelder nå)" : "");
		break;
	case PR_LEVEL_BELOW_2:
		sb_printf(sb, "Planen er på nivå %d: bare stafettholderens egen tjeneste er med. Hev nivået til 2 "
			  "med %s i planen først.", r->level, key(ACT_P_LEVEL));
		break;
	case PR_UNKNOWN_KOMMUNE:
		sb_printf(sb, "Ukjent kommune «%s»: velg en med %s på startsiden.", r->kommune,
			  key_in(ACT_KOMMUNE, VIEW_STAIRS));
		break;
	case PR_NO_PROPOSAL:
		sb_printf(sb, "Ingen overføring venter på aksept: foreslå en med %s først.", key(ACT_P_HANDOVER));
		break;
	}
}

void ui_refusal_phrase(int rc, struct strbuf *err)
{
	if (rc == PLAN_REFUSED && !err->len)
		ui_refusal_text(err, plan_refusal());
}
