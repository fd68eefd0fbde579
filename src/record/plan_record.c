/* plan_record.c - the plan as the store keeps it and the model reads it:
 * the closed word lists (step and goal status, closing reasons, who gave
 * consent, hand-over states) as code <-> label, the level labels, and the
 * strings a plan owns (plan_keep, plan_free). Below the store and the
 * model, so storage calls no model function. */
#include "trapp/plan_record.h"
#include "trapp/text.h"

#include <stdlib.h>
#include <string.h>

/* --- word lists ------------------------------------------------------ */

struct word {
	const char *code, *label;
};

static const struct word step_words[] = {
	{"planlagt", "planlagt"}, {"pagar", "pågår"}, {"fullfort", "fullført"}, {"avbrutt", "avbrutt"},
};
static const struct word goal_words[] = {
	{"aktiv", "aktiv"}, {"nadd", "nådd"}, {"delvis-nadd", "delvis nådd"},
	{"ikke-nadd", "ikke nådd"}, {"avbrutt", "avbrutt"},
};
static const struct word close_words[] = {
	{"mal-nadd", "mål nådd"}, {"samtykke-trukket", "samtykke trukket"},
	{"overfort-ip", "overført til individuell plan"},
	{"overfort-barnekoordinator", "overført til barnekoordinator"}, {"flyttet", "flyttet"},
	{"overfort-barnevern", "overført til barneverntjenesten"}, {"annet", "annet (med begrunnelse)"},
};
/* "foreldre" is the stored code; the word coordinators use is foresatte */
static const struct word by_words[] = {
	{"foreldre", "foresatte"}, {"ungdom", "ungdom"}, {"begge", "foresatte og ungdom"},
};
static const struct word handover_words[] = {
	{"foreslatt", "foreslått"}, {"akseptert", "akseptert"}, {"erstattet", "erstattet"},
};

static const struct word role_words[] = {
	{"stafettholder", "stafettholder"}, {"aktor", "aktør"}, {"leder", "leder"},
	{"lesetilgang", "lesetilgang"},
};
static const struct word access_words[] = {
	{"vis", "vis"}, {"eksport", "eksport"}, {"motevisning", "møtevisning"}, {"utskrift", "utskrift"},
};

static const struct {
	const struct word *w;
	int n;
} vocabs[VOCAB_COUNT] = {
	[VOCAB_STEP] = {step_words, (int)ARRAY_LEN(step_words)},
	[VOCAB_GOAL] = {goal_words, (int)ARRAY_LEN(goal_words)},
	[VOCAB_CLOSE] = {close_words, (int)ARRAY_LEN(close_words)},
	[VOCAB_CONSENT_BY] = {by_words, (int)ARRAY_LEN(by_words)},
	[VOCAB_HANDOVER] = {handover_words, (int)ARRAY_LEN(handover_words)},
	[VOCAB_ROLE] = {role_words, (int)ARRAY_LEN(role_words)},
	[VOCAB_ACCESS] = {access_words, (int)ARRAY_LEN(access_words)},
};

int plan_vocab_count(enum plan_vocab v) { return vocabs[v].n; }

const char *plan_code(enum plan_vocab v, int i)
{
	return i >= 0 && i < vocabs[v].n ? vocabs[v].w[i].code : "?";
}

const char *plan_label(enum plan_vocab v, int i)
{
	return i >= 0 && i < vocabs[v].n ? vocabs[v].w[i].label : "?";
}

/* 1 when the label is one word (plan_parse takes it as it is), so the
 * label reads better and can be typed instead of the code. */
static int label_is_code(const struct word *w)
{
	return !strchr(w->label, ' ');
}

int plan_parse(enum plan_vocab v, const char *s)
{
	if (str_empty(s))
		return -1;
	char *key = text_slug(s);
	int found = -1;
	for (int i = 0; i < vocabs[v].n && found < 0; i++) {
		char *label = text_slug(vocabs[v].w[i].label);
		if (strcmp(key, vocabs[v].w[i].code) == 0 || strcmp(key, label) == 0)
			found = i;
		free(label);
	}
	free(key);
	return found;
}

void plan_choices(struct strbuf *sb, enum plan_vocab v)
{
	for (int i = 0; i < vocabs[v].n; i++) {
		const struct word *w = &vocabs[v].w[i];
		sb_printf(sb, "%s%s", i ? ", " : "", label_is_code(w) ? w->label : w->code);
	}
}

const char *plan_level_label(int level)
{
	static const char *const labels[] = {
		"Nivå 0 – undring og bekymring",
		"Nivå 1 – innsats i egen tjeneste",
		"Nivå 2 – enkel tverrfaglig samhandling",
		"Nivå 3 – bred tverrfaglig samhandling",
	};
	return level >= 0 && level <= PLAN_LEVEL_MAX ? labels[level] : "ukjent nivå";
}

/* --- strings owned by a plan ------------------------------------------ */

char *plan_keep(struct plan *p, char *s)
{
	sv_push_owned(&p->strings, s);
	return s;
}

void plan_free(struct plan *p)
{
	for (size_t i = 0; i < p->n_consents; i++) {
		sv_free(&p->consents[i].scope);
		sv_free(&p->consents[i].scope_names);
	}
	for (size_t i = 0; i < p->n_meetings; i++)
		free(p->meetings[i].steps);
	free(p->concerns);
	free(p->levels);
	free(p->holders);
	free(p->consents);
	free(p->services);
	free(p->people);
	free(p->goals);
	free(p->steps);
	free(p->meetings);
	free(p->audit);
	free(p->members);
	sv_free(&p->needs);
	sv_free(&p->strings);
	memset(p, 0, sizeof *p);
}

void plan_mark_corrected(struct plan *p, const char *field, long row)
{
	if (strcmp(field, "child") == 0)
		p->corrected |= PLAN_FIX_CHILD;
	else if (strcmp(field, "born") == 0)
		p->corrected |= PLAN_FIX_BORN;
	else if (strcmp(field, "unit") == 0)
		p->corrected |= PLAN_FIX_UNIT;
	for (size_t i = 0; i < p->n_concerns; i++)
		if (p->concerns[i].id == row && strcmp(field, "concern") == 0)
			p->concerns[i].corrected = 1;
	for (size_t i = 0; i < p->n_people; i++)
		if (p->people[i].id == row && strncmp(field, "person-", 7) == 0)
			p->people[i].corrected |= strcmp(field, "person-name") == 0 ? PLAN_FIX_NAME
						 : strcmp(field, "person-role") == 0 ? PLAN_FIX_ROLE
						 : PLAN_FIX_CONTACT;
}
