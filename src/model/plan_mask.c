/* plan_mask.c - masking a plan's values for a projected screen or a
 * masked export (see plan_mask.h): initials, and one scan over free text
 * that replaces names, dates, phone numbers, e-mail addresses,
 * fødselsnummer and addresses, each by one marker. Names are compared as
 * ASCII keys (text_key: case and accents ignored, "Æsøy" = "AESOY"). */
#include "trapp/plan_mask.h"
#include "trapp/text.h"

#include <stdlib.h>
#include <string.h>

#define MARK_DATE "[dato]"
#define MARK_PHONE "[telefon]"
#define MARK_EMAIL "[e-post]"
#define MARK_FNR "[fødselsnummer]"
#define MARK_ADDRESS "[adresse]"
#define MARK_PERSON "[person]"

/* One person to hide: the keys of the parts of the name, and what stands
 * in their place in free text. */
struct mask_person {
	struct strvec keys;
	char *repl;
	int child;               /* the replacement takes a genitive s */
};

struct plan_masker {
	struct mask_person *people;
	size_t n;
	char *child;             /* the child as shown */
};

/* --- characters ------------------------------------------------------------- */

static int word_byte(unsigned char c)
{
	return c >= 0x80 || (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

static int digit(char c) { return c >= '0' && c <= '9'; }

static size_t digits(const char *s)
{
	size_t n = 0;
	while (digit(s[n]))
		n++;
	return n;
}

/* Bytes of an apostrophe at s (' or ’), or 0. */
static size_t apostrophe(const char *s)
{
	if (*s == '\'')
		return 1;
	return strncmp(s, "\xe2\x80\x99", 3) == 0 ? 3 : 0;
}

/* The word at s: word bytes, with an apostrophe and what follows it
 * ("Jonas's", "Jonas'"). */
static size_t word_len(const char *s)
{
	size_t n = 0;
	while (word_byte((unsigned char)s[n]))
		n++;
	size_t a = n ? apostrophe(s + n) : 0;
	if (a) {
		n += a;
		while (word_byte((unsigned char)s[n]))
			n++;
	}
	return n;
}

static uint32_t upper_cp(uint32_t cp)
{
	if (cp >= 'a' && cp <= 'z')
		return cp - 32;
	if (cp >= 0xE0 && cp <= 0xFE && cp != 0xF7)
		return cp - 32;
	return cp;
}

static int is_upper(const char *s)
{
	uint32_t cp;
	utf8_decode(s, strlen(s), &cp);
	return text_fold_cp(cp) != cp;
}

static int is_letter(uint32_t cp)
{
	return text_fold_cp(cp) != cp || upper_cp(cp) != cp || (cp >= 0xDF && cp <= 0x24F);
}

/* --- initials ------------------------------------------------------------------ */

/* The first letter of the space-separated part of name at s into sb. */
static int first_letter(struct strbuf *sb, const char *s, size_t len)
{
	while (len) {
		uint32_t cp;
		size_t k = utf8_decode(s, len, &cp);
		if (is_letter(cp)) {
			char buf[4];
			sb_add(sb, buf, utf8_encode(upper_cp(cp), buf));
			sb_putc(sb, '.');
			return 1;
		}
		s += k;
		len -= k;
	}
	return 0;
}

static int particle(const char *key)
{
	static const char *const words[] = {"van", "von", "der", "den", "de", "da", "di", "la", "le",
					    "af", "av", "til", "bin", "al", "el", "og"};
	for (size_t i = 0; i < ARRAY_LEN(words); i++)
		if (strcmp(key, words[i]) == 0)
			return 1;
	return 0;
}

char *plan_mask_initials(const char *name)
{
	struct strvec parts = {0};
	sv_split(&parts, name, ' ');
	const char *first = NULL, *last = NULL;
	for (size_t i = 0; i < parts.n; i++) {
		char *key = text_key(parts.v[i], 0);
		if (*key && (!first || !particle(key))) {
			if (!first)
				first = parts.v[i];
			else
				last = parts.v[i];
		}
		free(key);
	}
	struct strbuf sb = {0};
	if (first)
		first_letter(&sb, first, strlen(first));
	if (last)
		first_letter(&sb, last, strlen(last));
	sv_free(&parts);
	if (!sb.len)
		sb_puts(&sb, "Barn");
	return sb_steal(&sb);
}

/* --- the people of a plan ---------------------------------------------------- */

/* 1 when name had a part long enough to look for. */
static int add_person(struct plan_masker *m, const char *name, const char *repl, int child)
{
	if (str_empty(name))
		return 0;
	struct mask_person mp = {{0}, xstrdup(repl), child};
	for (const char *s = name; *s;) {
		size_t len = 0;
		while (s[len] && word_byte((unsigned char)s[len]))
			len++;
		if (len) {
			char *part = xstrndup(s, len);
			char *key = text_key(part, 0);
			free(part);
			if (strlen(key) >= 2 && !particle(key))
				sv_push_owned(&mp.keys, key);
			else
				free(key);
		}
		s += len ? len : 1;
	}
	if (!mp.keys.n) {
		free(mp.repl);
		return 0;
	}
	m->people = xrealloc(m->people, (m->n + 1) * sizeof *m->people);
	m->people[m->n++] = mp;
	return 1;
}

/* "[mor]" for a person with a short role, else "[person]". */
static char *role_marker(struct plan_masker *m, const char *role)
{
	char *r = plan_mask_text(m, role ? role : "");
	str_trim(r);
	char *out = *r && text_width(r) <= 24 && !strchr(r, '[') ? xasprintf("[%s]", r) : xstrdup(MARK_PERSON);
	free(r);
	return out;
}

struct plan_masker *plan_masker_new(const struct plan *p, const char *child_word)
{
	struct plan_masker *m = xcalloc(1, sizeof *m);
	m->child = !str_empty(child_word) ? xstrdup(child_word) : plan_mask_initials(p->child);
	add_person(m, p->child, m->child, 1);
	/* names first, so a role that names someone is masked too */
	size_t *at = xcalloc(p->n_people + 1, sizeof *at);  /* person i's entry + 1, or 0 */
	for (size_t i = 0; i < p->n_people; i++)
		if (add_person(m, p->people[i].name, MARK_PERSON, 0))
			at[i] = m->n;
	for (size_t i = 0; i < p->n_holders; i++)
		add_person(m, p->holders[i].name, "[stafettholder]", 0);
	/* the foresatte named on a consent: "Mona Testesen, Ole Testesen" */
	for (size_t i = 0; i < p->n_consents; i++) {
		struct strvec names = {0};
		sv_split(&names, p->consents[i].guardians ? p->consents[i].guardians : "", ',');
		for (size_t k = 0; k < names.n; k++)
			add_person(m, names.v[k], "[foresatt]", 0);
		sv_free(&names);
	}
	for (size_t i = 0; i < p->n_audit; i++)
		add_person(m, p->audit[i].who, MARK_PERSON, 0);
	/* then each person's marker: their role where they have one */
	for (size_t i = 0; i < p->n_people; i++) {
		if (at[i] && !str_empty(p->people[i].role)) {
			char *r = role_marker(m, p->people[i].role);
			free(m->people[at[i] - 1].repl);
			m->people[at[i] - 1].repl = r;
		}
	}
	free(at);
	return m;
}

void plan_masker_free(struct plan_masker *m)
{
	if (!m)
		return;
	for (size_t i = 0; i < m->n; i++) {
		sv_free(&m->people[i].keys);
		free(m->people[i].repl);
	}
	free(m->people);
	free(m->child);
	free(m);
}

/* --- secrets in free text ---------------------------------------------------- */

/* An e-mail address at s: local@domain.tld. */
static size_t match_email(const char *s)
{
	size_t n = 0;
	while (word_byte((unsigned char)s[n]) || (n && s[n] && strchr("._%+-", s[n])))
		n++;
	if (!n || s[n] != '@')
		return 0;
	size_t at = ++n;
	while (word_byte((unsigned char)s[n]) || ((s[n] == '.' || s[n] == '-') && n > at))
		n++;
	while (n > at && (s[n - 1] == '.' || s[n - 1] == '-'))
		n--;
	const char *dot = memchr(s + at, '.', n - at);
	return dot ? n : 0;
}

/* A run of digit groups apart by single spaces or hyphens: the bytes
 * taken and the digits counted (stops before a separator not followed by
 * a digit). */
static size_t digit_run(const char *s, int *count)
{
	size_t n = 0;
	*count = 0;
	for (;;) {
		size_t d = digits(s + n);
		if (!d)
			break;
		n += d;
		*count += (int)d;
		if ((s[n] == ' ' || s[n] == '-') && digit(s[n + 1]))
			n++;
		else
			break;
	}
	return n;
}

/* +47 / 0047 and a Norwegian number, or 8 digits in groups. */
static size_t match_phone(const char *s)
{
	size_t pre = 0;
	if (strncmp(s, "+47", 3) == 0)
		pre = 3;
	else if (strncmp(s, "0047", 4) == 0)
		pre = 4;
	if (pre && (s[pre] == ' ' || s[pre] == '-'))
		pre++;
	int count;
	size_t n = digit_run(s + pre, &count);
	return count == 8 ? pre + n : 0;
}

/* 11 digits, also as "DDMMYY NNNNN". */
static size_t match_fnr(const char *s)
{
	size_t d = digits(s);
	if (d == 11)
		return 11;
	if (d == 6 && s[6] == ' ' && digits(s + 7) == 5)
		return 12;
	return 0;
}

static const char *const months[] = {"januar", "februar", "mars", "april", "mai", "juni", "juli",
				     "august", "september", "oktober", "november", "desember"};

/* A month name or its abbreviation ("jan", "jan.", "sept") at s. */
static size_t match_month(const char *s)
{
	size_t n = 0;
	while ((s[n] | 0x20) >= 'a' && (s[n] | 0x20) <= 'z')
		n++;
	if (n < 3)
		return 0;
	char w[16];
	if (n >= sizeof w)
		return 0;
	for (size_t i = 0; i < n; i++)
		w[i] = (char)(s[i] | 0x20);
	w[n] = '\0';
	for (size_t i = 0; i < ARRAY_LEN(months); i++)
		if (strncmp(months[i], w, n) == 0)
			return n + (s[n] == '.');
	return 0;
}

/* 2016-03-14, 14.03.2016, 14.3.16, 14/3/2016, 14. mars 2016, 14. mars. */
static size_t match_date(const char *s)
{
	size_t a = digits(s);
	if (a == 4 && s[4] == '-' && digits(s + 5) >= 1 && digits(s + 5) <= 2) {
		size_t b = 5 + digits(s + 5);
		if (s[b] == '-' && digits(s + b + 1) >= 1 && digits(s + b + 1) <= 2)
			return b + 1 + digits(s + b + 1);
	}
	if (a < 1 || a > 2)
		return 0;
	char sep = s[a];
	if (atoi(s) < 1 || atoi(s) > 31)
		return 0;
	if ((sep == '.' || sep == '/') && digits(s + a + 1) >= 1 && digits(s + a + 1) <= 2 &&
	    atoi(s + a + 1) >= 1 && atoi(s + a + 1) <= 12) {
		size_t b = a + 1 + digits(s + a + 1);
		size_t c = s[b] == sep ? digits(s + b + 1) : 0;
		if (c == 2 || c == 4)
			return b + 1 + c;
		if (sep == '.' && (s[b] == '.' || s[b] == ' ' || !s[b] || s[b] == ','))
			return b;  /* "14.03" */
		return 0;
	}
	if (sep == '.' && s[a + 1] == ' ') {
		size_t mo = match_month(s + a + 2);
		if (!mo)
			return 0;
		size_t n = a + 2 + mo;
		if (s[n] == ' ' && digits(s + n + 1) == 4)
			n += 5;
		return n;
	}
	return 0;
}

/* A capitalised word at s (a place name): its length, or 0. */
static size_t place_word(const char *s)
{
	if (!is_upper(s))
		return 0;
	size_t n = 0;
	while (word_byte((unsigned char)s[n]) || (n && s[n] == '-' && word_byte((unsigned char)s[n + 1])))
		n++;
	return n;
}

/* "9008 Tromsø" (and "Mo i Rana": further capitalised words or "i"). */
static size_t match_postcode(const char *s)
{
	if (digits(s) != 4 || s[4] != ' ')
		return 0;
	size_t w = place_word(s + 5);
	if (!w)
		return 0;
	size_t n = 5 + w;
	for (;;) {
		size_t m = 0;
		if (s[n] == ' ' && s[n + 1] == 'i' && s[n + 2] == ' ' && (m = place_word(s + n + 3)))
			n += 3 + m;
		else if (s[n] == ' ' && (m = place_word(s + n + 1)))
			n += 1 + m;
		else
			break;
	}
	return n;
}

static int street_word(const char *s, size_t len)
{
	static const char *const ends[] = {"gata", "gate", "gaten", "veien", "vegen", "vei", "veg",
					   "allé", "alle", "plass", "plassen", "stien", "sti", "bakken",
					   "lia", "ringen", "svingen", "tunet", "brygga", "torget",
					   "haugen", "jordet", "kroken", "løkka", "vollen", "stubben"};
	char *w = xstrndup(s, len);
	char *f = text_fold(w);
	size_t fl = strlen(f);
	int yes = 0;
	for (size_t i = 0; i < ARRAY_LEN(ends) && !yes; i++) {
		size_t el = strlen(ends[i]);
		yes = fl >= el && strcmp(f + fl - el, ends[i]) == 0;
	}
	free(f);
	free(w);
	return yes;
}

/* "Storgata 12B", "Dronning Eufemias gate 16 A", then maybe ", 9008
 * Tromsø". Words before the street word must be capitalised. */
static size_t match_address(const char *s)
{
	size_t n = 0;
	for (int k = 0; k < 4; k++) {
		size_t w = word_len(s + n);
		if (!w)
			return 0;
		if (k && !street_word(s + n, w) && !is_upper(s + n))
			return 0;
		if (!k && !is_upper(s))
			return 0;
		int street = street_word(s + n, w);
		n += w;
		if (street && s[n] == ' ' && digits(s + n + 1) >= 1 && digits(s + n + 1) <= 4) {
			n += 1 + digits(s + n + 1);
			if (s[n] == ' ' && (s[n + 1] | 0x20) >= 'a' && (s[n + 1] | 0x20) <= 'h' &&
			    !word_byte((unsigned char)s[n + 2]))
				n += 2;  /* "16 A" */
			else if ((s[n] | 0x20) >= 'a' && (s[n] | 0x20) <= 'h' && !word_byte((unsigned char)s[n + 1]))
				n += 1;  /* "12B" */
			size_t gap = s[n] == ',' && s[n + 1] == ' ' ? 2 : s[n] == ' ' ? 1 : 0;
			size_t pc = gap ? match_postcode(s + n + gap) : 0;
			return pc ? n + gap + pc : n;
		}
		if (s[n] != ' ')
			return 0;
		n++;
	}
	return 0;
}

/* --- names ----------------------------------------------------------------------- */

/* Does the word at s (len bytes) name person p? *gen: a genitive form. */
static int word_names(const char *s, size_t len, const struct mask_person *p, int *gen)
{
	char *w = xstrndup(s, len);
	char *key = text_key(w, 0);
	size_t kl = strlen(key);
	int yes = 0;
	for (size_t i = 0; i < p->keys.n && !yes; i++) {
		const char *t = p->keys.v[i];
		size_t tl = strlen(t);
		if (kl < tl || strncmp(key, t, tl) != 0)
			continue;
		const char *rest = key + tl;
		if (!*rest) {
			yes = 1;
			*gen = strchr(w, '\'') || strstr(w, "\xe2\x80\x99");  /* "Jonas'" */
		} else if (strcmp(rest, "s") == 0 || strcmp(rest, "es") == 0) {
			yes = 1;
			*gen = 1;
		}
	}
	free(key);
	free(w);
	return yes;
}

/* A name (one or more parts of one person, apart by spaces or hyphens)
 * at s: its length, the person and whether it ends in a genitive. */
static size_t match_name(const struct plan_masker *m, const char *s, size_t *who, int *gen)
{
	size_t w = word_len(s);
	if (!w)
		return 0;
	for (size_t i = 0; i < m->n; i++) {
		if (!word_names(s, w, &m->people[i], gen))
			continue;
		size_t n = w;
		while (!*gen && (s[n] == ' ' || s[n] == '-')) {
			size_t gap = 1;
			while (s[n + gap] == ' ' || s[n + gap] == '-')
				gap++;
			size_t w2 = word_len(s + n + gap);
			int g2 = 0;
			if (!w2 || !word_names(s + n + gap, w2, &m->people[i], &g2))
				break;
			n += gap + w2;
			*gen = g2;
		}
		*who = i;
		return n;
	}
	return 0;
}

char *plan_mask_text(const struct plan_masker *m, const char *s)
{
	struct strbuf sb = {0};
	int boundary = 1;
	while (*s) {
		size_t n = 0;
		const char *mark = NULL;
		if (boundary && word_byte((unsigned char)*s) && (n = match_email(s)))
			mark = MARK_EMAIL;
		else if (boundary && (*s == '+' || digit(*s))) {
			if ((n = match_fnr(s)))
				mark = MARK_FNR;
			else if ((n = match_date(s)))
				mark = MARK_DATE;
			else if ((n = match_phone(s)))
				mark = MARK_PHONE;
			else if ((n = match_postcode(s)))
				mark = MARK_ADDRESS;
		} else if (boundary && word_byte((unsigned char)*s)) {
			size_t who;
			int gen = 0;
			if ((n = match_address(s))) {
				mark = MARK_ADDRESS;
			} else if (m && (n = match_name(m, s, &who, &gen))) {
				sb_puts(&sb, m->people[who].repl);
				if (gen && m->people[who].child)
					sb_putc(&sb, 's');
				s += n;
				boundary = 0;
				continue;
			}
		}
		if (mark) {
			sb_puts(&sb, mark);
			s += n;
			boundary = 0;
			continue;
		}
		/* nothing here: copy the word, or one byte */
		n = word_byte((unsigned char)*s) ? word_len(s) : 1;
		if (boundary && digit(*s))
			n = digits(s);
		sb_add(&sb, s, n);
		s += n;
		boundary = !word_byte((unsigned char)s[-1]);
	}
	return sb_steal(&sb);
}

char *plan_field_show(const struct plan_masker *m, enum plan_field_kind kind, const char *value)
{
	if (!value)
		value = "";
	if (!m)
		return xstrdup(value);
	switch (kind) {
	case PF_CHILD: return xstrdup(*value ? m->child : "");
	case PF_PERSON: return *value ? plan_mask_initials(value) : xstrdup("");
	case PF_BORN:
	case PF_CONTACT: return xstrdup("");
	case PF_TEXT: return plan_mask_text(m, value);
	case PF_DATE:
	case PF_CODE:
	case PF_LABEL: return xstrdup(value);
	}
	return xstrdup("");
}
