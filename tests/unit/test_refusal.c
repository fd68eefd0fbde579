/* test_refusal.c - every coded refusal of the plan model (plan_refusal.h)
 * has words in both phrasebooks: the command line's (cli_refusal.c) and
 * the full-screen view's (ui/refusal.c). Each is a sentence (not empty,
 * a capital first), names no unknown field, and the screen's names no
 * command or option and fits the status line at 80 columns (four wrapped
 * lines). A new code or field without its words fails here. */
#include "check.h"
#include "trapp/cli.h"
#include "trapp/plan.h"
#include "trapp/plan_refusal.h"
#include "trapp/text.h"
#include "../../src/ui/ui.h"

#include <stdio.h>
#include <string.h>

/* A refusal with every parameter set to something a real one could hold. */
static struct plan_refusal sample(enum plan_refusal_code code)
{
	struct plan_refusal r;
	memset(&r, 0, sizeof r);
	r.code = code;
	r.field = PRF_DUE;
	r.item = PRI_GOAL;
	r.task = PRT_CATALOGUE;
	r.plan = 7;
	r.no = 2;
	r.count = 3;
	r.limit = 200;
	r.level = 1;
	r.age = 14;
	r.approx = 1;
	r.consent_state = CONSENT_WITHDRAWN;
	r.role = ROLE_READER;
	r.status = GOAL_MET;
	r.close_reason = CLOSE_GOALS_MET;
	r.fix = FIX_CONCERN;
	r.codepoint = 0x0D;
	r.have = 3;
	r.expect = 2;
	snprintf(r.who, sizeof r.who, "Kari Lærer");
	snprintf(r.at, sizeof r.at, "2025-09-01T10:00:00Z");
	snprintf(r.date, sizeof r.date, "2025-09-01");
	snprintf(r.date2, sizeof r.date2, "2025-08-01");
	snprintf(r.login, sizeof r.login, "ola");
	snprintf(r.me, sizeof r.me, "kari");
	snprintf(r.value, sizeof r.value, "2025-09-31");
	snprintf(r.slug, sizeof r.slug, "logopedtjenesten");
	snprintf(r.kommune, sizeof r.kommune, "tromso");
	snprintf(r.covered, sizeof r.covered, "ressursteam-i-skole,ppt");
	snprintf(r.list, sizeof r.list, "1, 2");
	snprintf(r.detail, sizeof r.detail, "disk I/O error");
	return r;
}

/* A sentence: not empty, a capital letter first (A-Z, Æ Ø Å). */
static int capital_first(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;
	return (u[0] >= 'A' && u[0] <= 'Z') ||
	       (u[0] == 0xC3 && (u[1] == 0x86 || u[1] == 0x98 || u[1] == 0x85));
}

static void check_one(const struct plan_refusal *r, const char *what)
{
	struct strbuf cli = {0}, ui = {0};
	cli_refusal_text(&cli, r);
	ui_refusal_text(&ui, r);
	const char *c = sb_str(&cli), *u = sb_str(&ui);
	CHECK(cli.len > 0 && capital_first(c), "%s: the CLI says a sentence: «%s»", what, c);
	CHECK(ui.len > 0 && capital_first(u), "%s: the screen says a sentence: «%s»", what, u);
	CHECK(!strstr(c, "(ukjent felt)") && !strstr(u, "(ukjent felt)") && !strstr(c, "(null)") &&
	      !strstr(u, "(null)"), "%s: every field has a name: «%s» / «%s»", what, c, u);
	/* the screen names keys, never a command or an option */
	CHECK(!strstr(u, "trapp ") && !strstr(u, " --"), "%s: the screen names no command: «%s»", what, u);
	struct strvec lines = {0};
	ui_wrap(&lines, u, 78);
	CHECK(lines.n <= 4, "%s: fits the status line at 80 columns (%zu lines): «%s»", what, lines.n, u);
	sv_free(&lines);
	sb_free(&cli);
	sb_free(&ui);
}

void test_refusal(void)
{
	char what[64];
	for (int code = PR_NONE + 1; code < PR_CODE_COUNT; code++) {
		struct plan_refusal r = sample((enum plan_refusal_code)code);
		snprintf(what, sizeof what, "code %d", code);
		check_one(&r, what);
		CHECK(plan_refusal_group((enum plan_refusal_code)code) != PRG_NONE, "%s has a group", what);
		/* the codes that say why consent does not cover: every state */
		for (int st = CONSENT_NONE; st <= CONSENT_REFUSED; st++) {
			r.consent_state = st;
			snprintf(what, sizeof what, "code %d, consent state %d", code, st);
			check_one(&r, what);
		}
	}
	/* every field by its name, in a refusal that names it */
	for (int f = PRF_NONE; f < PRF_COUNT; f++) {
		struct plan_refusal r = sample(PR_TEXT_MISSING);
		r.field = (enum plan_refusal_field)f;
		snprintf(what, sizeof what, "field %d", f);
		check_one(&r, what);
	}
	/* no code: no words (the message is in err) */
	struct plan_refusal none = sample(PR_NONE);
	struct strbuf sb = {0};
	cli_refusal_text(&sb, &none);
	ui_refusal_text(&sb, &none);
	CHECK(sb.len == 0, "PR_NONE adds nothing: «%s»", sb_str(&sb));
	CHECK(plan_refusal_group(PR_NONE) == PRG_NONE && plan_refusal_group(PR_CODE_COUNT) == PRG_NONE,
	      "PR_NONE has no group");
	/* a person's name is never a parameter: the refusal says there is none */
	struct plan_refusal person = sample(PR_NO_PERSON);
	cli_refusal_text(&sb, &person);
	ui_refusal_text(&sb, &person);
	CHECK(!strstr(sb_str(&sb), "Kari") && !strstr(sb_str(&sb), "ola"), "no name echoed: «%s»", sb_str(&sb));
	sb_free(&sb);
}
