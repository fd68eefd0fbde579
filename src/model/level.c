/* level.c - prevention levels and level-text parsing. Texts are split on
 * commas, slashes, "og" and "&", each part reduced to an ASCII key and
 * matched against the model's codes and names, "trinn N", and the words for
 * the prevention levels (with Tromsø's typo "Selktivt"). The level record,
 * its free function and the prevention codes are in src/record/catalog_record.c. */
#include "trapp/level.h"
#include "trapp/text.h"
#include "trapp/util.h"

#include <stdlib.h>
#include <string.h>

unsigned level_prevention_word(const char *word)
{
	char *k = text_key(word, 0);
	unsigned m = 0;
	if (strncmp(k, "univers", 7) == 0)
		m = PREV_UNI;
	else if (strncmp(k, "selektiv", 8) == 0 || strncmp(k, "selktiv", 7) == 0)
		m = PREV_SEL;
	else if (strncmp(k, "indiker", 7) == 0)
		m = PREV_IND;
	free(k);
	return m;
}

int level_code_mask(const struct level *lv, size_t n, const char *code, uint32_t *mask)
{
	uint32_t m = 0;
	unsigned prev = 0;
	for (int p = 0; p < PREV_COUNT; p++)
		if (strcmp(code, level_prevention_code(p)) == 0)
			prev = 1u << p;
	for (size_t i = 0; i < n; i++)
		if (strcmp(lv[i].code, code) == 0 || (lv[i].prevention & prev))
			m |= 1u << i;
	*mask |= m;
	return m ? 0 : -1;
}

/* Match one part of a level text; returns the bits or 0. */
static uint32_t match_part(const struct level *lv, size_t n, const char *part)
{
	char *key = text_key(part, 0);
	uint32_t m = 0;
	for (size_t i = 0; i < n && !m; i++) {
		char *ck = text_key(lv[i].code, 0);
		char *nk = text_key(lv[i].name, 0);
		char *tk = xasprintf("trinn%d", lv[i].ord);
		if (strcmp(key, ck) == 0 || strcmp(key, nk) == 0 || strcmp(key, tk) == 0)
			m = 1u << i;
		free(ck);
		free(nk);
		free(tk);
	}
	if (!m) {
		unsigned prev = level_prevention_word(part);
		for (size_t i = 0; i < n && prev; i++)
			if (lv[i].prevention == prev)
				m |= 1u << i;
	}
	free(key);
	return m;
}

int level_text_mask(const struct level *lv, size_t n, const char *text, uint32_t *mask, char **bad)
{
	/* Normalise separators to ',' then split. */
	char *f = text_fold(text);
	struct strbuf sb = {0};
	for (const char *p = f; *p; p++) {
		if (*p == '/' || *p == ';' || *p == '&' || *p == '+')
			sb_putc(&sb, ',');
		else if (strncmp(p, " og ", 4) == 0) {
			sb_putc(&sb, ',');
			p += 3;
		} else
			sb_putc(&sb, *p);
	}
	free(f);
	struct strvec parts = {0};
	sv_split(&parts, sb_str(&sb), ',');
	sb_free(&sb);
	*mask = 0;
	int rc = parts.n ? 0 : -1;
	int in_trinn = 0;
	for (size_t i = 0; i < parts.n; i++) {
		const char *part = parts.v[i];
		char *fixed = NULL;
		/* "Trinn 4, 5": a bare number continues the trinn list */
		long num;
		if (in_trinn && parse_int(part, 1, 99, &num) == 0)
			part = fixed = xasprintf("trinn%ld", num);
		uint32_t m = match_part(lv, n, part);
		if (!m) {
			if (bad)
				*bad = xstrdup(parts.v[i]);
			free(fixed);
			rc = -1;
			break;
		}
		in_trinn = strstr(part, "trinn") != NULL;
		*mask |= m;
		free(fixed);
	}
	if (rc && bad && !*bad)
		*bad = xstrdup(text);
	sv_free(&parts);
	return rc;
}
