/* cli_refusal.c - the plan model's coded refusals (plan_refusal.h) in the
 * words of the command line: what was wrong, and the command that helps. */
#include "trapp/cli.h"
#include "trapp/plan.h"
#include "trapp/plan_refusal.h"
#include "trapp/util.h"

#include <stdlib.h>
#include <string.h>

static void consent_why(struct strbuf *sb, const struct plan_refusal *r)
{
	switch ((enum plan_consent_state)r->consent_state) {
	case CONSENT_NONE: sb_printf(sb, "plan %ld har ikke samtykke", r->plan); break;
	case CONSENT_REFUSED: sb_printf(sb, "samtykke ble nektet %s i plan %ld", r->date, r->plan); break;
	case CONSENT_WITHDRAWN: sb_printf(sb, "samtykket i plan %ld ble trukket %s", r->plan, r->date); break;
	case CONSENT_EXPIRED: sb_printf(sb, "samtykket i plan %ld gikk ut %s", r->plan, r->date); break;
	case CONSENT_VALID: {
		struct strvec ids = {0};
		sv_split(&ids, r->covered, ',');
		char *shown = sv_join(&ids, ", ");
		sb_printf(sb, "samtykket i plan %ld gjelder bare %s", r->plan, shown);
		free(shown);
		sv_free(&ids);
		break;
	}
	}
}

void cli_refusal_text(struct strbuf *sb, const struct plan_refusal *r)
{
	switch (r->code) {
	case PR_NONE:
		break;
	case PR_STALE:
		if (strcmp(r->item, "plan") == 0)
			sb_printf(sb, "plan %ld", r->plan);
		else
			sb_printf(sb, "%s i plan %ld", r->item, r->plan);
		{
			char local[40];
			time_local(*r->at ? r->at : "ukjent tid", local, sizeof local);  /* stored in UTC */
			sb_printf(sb, " er endret av %s (%s) etter at du leste den (versjon %ld, du hadde %ld): "
				  "ingenting er lagret. Se den nye verdien med «trapp plan show %ld» og prøv igjen "
				  "med --if-version %ld", *r->who ? r->who : "en annen", local, r->have, r->expect,
				  r->plan, r->have);
		}
		break;
	case PR_NO_GOAL:
		sb_printf(sb, "plan %ld har ikke mål %d (se «trapp plan show %ld»)", r->plan, r->no, r->plan);
		break;
	case PR_NO_STEP:
		sb_printf(sb, "plan %ld har ikke steg %d (se «trapp plan show %ld»)", r->plan, r->no, r->plan);
		break;
	case PR_NO_PERSON:
		sb_printf(sb, "plan %ld har ingen person med det navnet (se «trapp plan show %ld»)", r->plan, r->plan);
		break;
	case PR_NO_SERVICE:
		sb_printf(sb, "plan %ld har ikke tjenesten «%s» (se «trapp plan show %ld»)", r->plan, r->slug, r->plan);
		break;
	case PR_STEP_SERVICE:
		sb_printf(sb, "«%s» er ikke med i plan %ld: legg den til først med «trapp plan add-service %ld %s»",
			  r->slug, r->plan, r->plan, r->slug);
		break;
	case PR_UNKNOWN_SERVICE:
		sb_printf(sb, "ukjent tjeneste «%s» i %s: finn id-en med «trapp services --kommune %s --search ORD»",
			  r->slug, r->kommune, r->kommune);
		break;
	case PR_SERVICE_MISSING:
		sb_puts(sb, "tjeneste-id mangler (finn den med «trapp services --search ORD»)");
		break;
	case PR_CONSENT_EMPTY:
		sb_puts(sb, "samtykket må gjelde minst én tjeneste (id-er fra «trapp services»)");
		break;
	case PR_NO_CONSENT:
		consent_why(sb, r);
		sb_printf(sb, ", så «%s» kan ikke legges til: registrer nytt samtykke med «trapp plan consent %ld "
			  "--by foresatte|ungdom|begge --date ÅÅÅÅ-MM-DD --scope %s%s%s»", r->slug, r->plan, r->covered,
			  *r->covered ? "," : "", r->slug);
		break;
	case PR_LEVEL_BELOW_2:
		sb_printf(sb, "plan %ld er på nivå %d, der bare stafettholderens egen tjeneste er med: hev nivået "
			  "til 2 med en begrunnelse («trapp plan level %ld 2 --why TEKST») før «%s» legges til",
			  r->plan, r->level, r->plan, r->slug);
		break;
	case PR_UNKNOWN_KOMMUNE:
		sb_printf(sb, "ukjent kommune «%s» (se «trapp kommuner»)", r->kommune);
		break;
	case PR_NO_PROPOSAL:
		sb_printf(sb, "plan %ld har ingen foreslått overføring å akseptere: foreslå med «trapp plan handover "
			  "%ld --to BRUKERNAVN --service TEKST»", r->plan, r->plan);
		break;
	}
}

void cli_refusal_phrase(int rc, struct strbuf *err)
{
	if (rc == PLAN_REFUSED && !err->len)
		cli_refusal_text(err, plan_refusal());
}
