/* gen.c - the deterministic generator behind `make bench`: a synthetic
 * national trapp database (kommuner with their service catalogues, plans
 * with their steps) written straight into trapp's schema, and service lists
 * in the import format. Same seed, same bytes.
 *
 * The schema and the real seed data come from trapp itself (db_open with
 * load_seed); the bulk rows are inserted with prepared statements in one
 * transaction. Every synthetic service copies its age text, age ranges,
 * target, levels and needs from a randomly chosen real service of a
 * catalogue with the same level model, so ages, levels and needs are
 * distributed like the real catalogues; its texts are bokmål words (with
 * æ, ø and å) cut to the length of the real service's field.
 *
 *   bench-gen db FILE KOMMUNER SERVICES PLANS STEPS SEED
 *       KOMMUNER synthetic kommuner sharing SERVICES services (sizes vary
 *       60-240 % of the mean); PLANS plans in Tromsø with STEPS steps in
 *       all; 5 % of the plans are open. KOMMUNER 1 puts every service in
 *       one catalogue, code "bench-1".
 *   bench-gen csv FILE ROWS SEED
 *       a services CSV (data/FORMAT.md) of ROWS rows for a prevention3
 *       kommune. */
#include "trapp/catalog.h"
#include "trapp/db.h"
#include "trapp/ident.h"
#include "trapp/load.h"
#include "trapp/svcfile.h"
#include "trapp/text.h"
#include "trapp/util.h"

#include <sqlite3.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* --- random numbers (splitmix64: small, fast, the same everywhere) -------- */

static uint64_t rng_state;

static uint64_t rnd(void)
{
	uint64_t z = (rng_state += 0x9e3779b97f4a7c15u);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
	return z ^ (z >> 31);
}

/* Uniform in [0, n). */
static long pick(long n) { return n > 0 ? (long)(rnd() % (uint64_t)n) : 0; }
/* 1 with probability pct %. */
static int chance(int pct) { return pick(100) < pct; }

/* --- bokmål text ---------------------------------------------------------- */

static const char *const words[] = {
	"barn", "unge", "familie", "foreldre", "tilbud", "oppfølging", "samtale", "veiledning",
	"skole", "barnehage", "helsesykepleier", "fritid", "mestring", "gruppe", "kurs", "tiltak",
	"støtte", "trygghet", "nettverk", "læring", "omsorg", "psykisk", "helse", "rus", "vold",
	"forebygging", "tverrfaglig", "samarbeid", "kartlegging", "hjelp", "møte", "åpen", "lavterskel",
	"kommune", "tjeneste", "ungdom", "gravide", "småbarn", "søsken", "økonomi", "bolig", "arbeid",
	"språk", "integrering", "flyktninger", "fysioterapi", "ergoterapi", "utredning", "behandling",
	"rådgivning", "tilrettelegging", "elever", "lærere", "ansatte", "foreldreveiledning", "sorg",
	"krise", "overgang", "ungdomsskole", "videregående", "fylke", "stat", "frivillig", "lag",
	"forening", "idrett", "kultur", "bibliotek", "natur", "friluftsliv", "kosthold", "søvn",
	"skjermbruk", "mobbing", "fravær", "trivsel", "relasjon", "tilknytning", "samspill", "lek",
	"fellesskap", "inkludering", "på", "for", "og", "med", "til", "i", "av", "som", "når", "både",
	"være", "få", "gjøre", "bidra", "styrke", "øke", "redusere", "tidlig", "innsats", "nær", "hverdag",
	"Tromsø", "Bodø", "Ålesund", "Førde", "Nærøysund", "Ørland", "Sør-Varanger", "Ås", "Bø",
};

/* Words up to about len bytes (at least one word); a sentence per ~12
 * words, starting with a capital when it is ASCII. */
static void text_of(struct strbuf *sb, size_t len)
{
	sb_reset(sb);
	if (!len)
		return;
	int in_sentence = 0;
	while (sb->len < len) {
		const char *w = words[pick((long)ARRAY_LEN(words))];
		if (sb->len)
			sb_putc(sb, ' ');
		size_t at = sb->len;
		sb_puts(sb, w);
		if (!in_sentence && sb->buf[at] >= 'a' && sb->buf[at] <= 'z')
			sb->buf[at] = (char)(sb->buf[at] - 32);
		in_sentence = !chance(8);
		if (!in_sentence)
			sb_putc(sb, '.');
	}
}

static const char *const given[] = {"Åse", "Øyvind", "Ærlig", "Ola", "Kari", "Sølve", "Mia", "Jonas",
				    "Emma", "Håkon", "Ingrid", "Bjørn", "Sofie", "Jørgen", "Nora", "Aksel"};
static const char *const family[] = {"Testesen", "Sørli", "Ødegård", "Fjærli", "Åsheim", "Bakke",
				     "Nærland", "Haugen", "Strøm", "Lie", "Dahl", "Vik"};

static char *person(void)
{
	return xasprintf("%s %s", given[pick(ARRAY_LEN(given))], family[pick(ARRAY_LEN(family))]);
}

/* --- dates ---------------------------------------------------------------- */

static long days_from_civil(int y, int m, int d)
{
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	return era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468;
}

static void date_of(long z, char out[11])
{
	z += 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	int d = (int)(doy - (153 * mp + 2) / 5 + 1), m = (int)(mp < 10 ? mp + 3 : mp - 9);
	int y = (int)(yoe + era * 400 + (m <= 2));
	snprintf(out, 11, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u, (unsigned)d % 100u);
}

/* --- database helpers ----------------------------------------------------- */

static sqlite3 *h;

static void check(int rc, const char *what)
{
	if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW) {
		fprintf(stderr, "bench-gen: %s: %s\n", what, sqlite3_errmsg(h));
		exit(1);
	}
}

static sqlite3_stmt *prep(const char *sql)
{
	sqlite3_stmt *st;
	check(sqlite3_prepare_v2(h, sql, -1, &st, NULL), sql);
	return st;
}

static void exec(const char *sql) { check(sqlite3_exec(h, sql, NULL, NULL, NULL), sql); }

/* Bind by format ('i' int64, 's' text, 'o' text or NULL when empty), step
 * and reset. Returns the new row id. */
static long long put(sqlite3_stmt *st, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	for (int i = 0; fmt[i]; i++) {
		if (fmt[i] == 'i') {
			sqlite3_bind_int64(st, i + 1, va_arg(ap, long long));
		} else {
			const char *s = va_arg(ap, const char *);
			if (fmt[i] == 'o' && (!s || !*s))
				sqlite3_bind_null(st, i + 1);
			else
				sqlite3_bind_text(st, i + 1, s ? s : "", -1, SQLITE_TRANSIENT);
		}
	}
	va_end(ap);
	check(sqlite3_step(st), sqlite3_sql(st));
	sqlite3_reset(st);
	return sqlite3_last_insert_rowid(h);
}

/* --- templates: the real catalogues --------------------------------------- */

static const char *const real[] = {"tromso", "elverum", "senja", "tromso-2011"};
static struct catalog tpl[ARRAY_LEN(real)];

static void load_templates(struct db *db)
{
	for (size_t i = 0; i < ARRAY_LEN(real); i++)
		if (catalog_load(db, real[i], &tpl[i]) != 0) {
			fprintf(stderr, "bench-gen: %s\n", db_error(db));
			exit(1);
		}
}

/* A synthetic service modelled on a random real service of catalogue t;
 * the slug is made unique with n. */
static void synth(struct service *s, const struct catalog *t, long n)
{
	const struct service *r = &t->svc[pick((long)t->n_svc)];
	memset(s, 0, sizeof *s);
	struct strbuf sb = {0};
	char **to[] = {&s->name, &s->description, &s->target_group, &s->responsible, &s->category,
		       &s->organisation, &s->cooperation, &s->implementation, &s->evaluation,
		       &s->address, &s->opening_hours};
	const char *from[] = {r->name, r->description, r->target_group, r->responsible, r->category,
			      r->organisation, r->cooperation, r->implementation, r->evaluation,
			      r->address, r->opening_hours};
	for (size_t k = 0; k < ARRAY_LEN(to); k++) {
		text_of(&sb, strlen(from[k]));
		*to[k] = xstrdup(sb_str(&sb));
	}
	sb_free(&sb);
	char *slug = text_slug(s->name);
	size_t k = strlen(slug) < 40 ? strlen(slug) : 40;
	while (k && slug[k - 1] == '-')
		k--;
	s->slug = xasprintf("%.*s-%ld", (int)k, slug, n);
	free(slug);
	s->age_text = xstrdup(r->age_text);
	s->age_basis = r->age_basis;
	s->ages = r->ages;
	s->target = xstrdup(r->target);
	s->level_text = xstrdup(r->level_text);
	s->level_codes = xstrdup(r->level_codes);
	s->need_codes = xstrdup(r->need_codes);
	s->source = xstrdup("syntetisk (bench/gen.c)");
}

/* --- the database --------------------------------------------------------- */

struct idmap {
	char code[48];
	long long id;
};
static struct idmap levels[64], needs[32];
static size_t n_levels, n_needs;

static long long id_of(const struct idmap *m, size_t n, const char *code)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(m[i].code, code) == 0)
			return m[i].id;
	fprintf(stderr, "bench-gen: unknown code %s\n", code);
	exit(1);
}

static void load_ids(void)
{
	sqlite3_stmt *st = prep("SELECT m.code || '/' || l.code, l.id FROM level l JOIN level_model m"
				" ON m.id = l.model_id");
	while (sqlite3_step(st) == SQLITE_ROW && n_levels < ARRAY_LEN(levels)) {
		snprintf(levels[n_levels].code, sizeof levels[0].code, "%s", sqlite3_column_text(st, 0));
		levels[n_levels++].id = sqlite3_column_int64(st, 1);
	}
	sqlite3_finalize(st);
	st = prep("SELECT code, id FROM need");
	while (sqlite3_step(st) == SQLITE_ROW && n_needs < ARRAY_LEN(needs)) {
		snprintf(needs[n_needs].code, sizeof needs[0].code, "%s", sqlite3_column_text(st, 0));
		needs[n_needs++].id = sqlite3_column_int64(st, 1);
	}
	sqlite3_finalize(st);
}

static const char *const places[] = {"Nord", "Sør", "Øst", "Vest", "Stor", "Lille", "Indre", "Ytre", ""};
static const char *const stems[] = {"fjord", "dal", "vik", "øy", "å", "bø", "næs", "strand", "ås",
				    "heim", "land", "sand", "berg", "haug", "ør", "tjønn", "li", "stø"};

static void gen_services(long kommuner, long total)
{
	sqlite3_stmt *kom = prep("INSERT INTO kommune(code, name, model_id, historical, source)"
				 " VALUES(?1, ?2, (SELECT id FROM level_model WHERE code = ?3), 0, ?4)");
	sqlite3_stmt *svc = prep("INSERT INTO service(kommune_id, slug, name, description, age_text,"
				 " age_basis, target_group, target, level_text, responsible, category,"
				 " organisation, cooperation, implementation, evaluation, address,"
				 " opening_hours, source) VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,"
				 "?13,?14,?15,?16,?17,?18)");
	sqlite3_stmt *lvl = prep("INSERT INTO service_level(service_id, level_id) VALUES(?1, ?2)");
	sqlite3_stmt *need = prep("INSERT INTO service_need(service_id, need_id) VALUES(?1, ?2)");
	sqlite3_stmt *age = prep("INSERT INTO service_age(service_id, lo, hi) VALUES(?1, ?2, ?3)");
	/* sizes: 60-240 % of the mean, scaled to the total */
	long *size = xcalloc((size_t)kommuner, sizeof *size), sum = 0;
	for (long k = 0; k < kommuner; k++)
		sum += size[k] = 60 + pick(181);
	long left = total;
	for (long k = 0; k < kommuner; k++) {
		size[k] = k + 1 == kommuner ? left : size[k] * total / sum;
		left -= size[k];
	}
	long n = 0;
	for (long k = 0; k < kommuner; k++) {
		size_t t = (size_t)pick(ARRAY_LEN(real));
		char code[64], name[96];
		if (kommuner == 1) {
			snprintf(code, sizeof code, "bench-1");
			snprintf(name, sizeof name, "Benk %ld tiltak", total);
		} else {
			const char *p = places[pick(ARRAY_LEN(places))], *s = stems[pick(ARRAY_LEN(stems))];
			snprintf(name, sizeof name, "%s%s%s %ld", p, *p ? s : "", *p ? "" : s, k + 1);
			if (!*p)
				name[0] = (char)(name[0] >= 'a' && name[0] <= 'z' ? name[0] - 32 : name[0]);
			char *slug = text_slug(name);
			snprintf(code, sizeof code, "%s", slug);
			free(slug);
		}
		long long kid = put(kom, "ssss", code, name, tpl[t].kommune.level_model, "syntetisk");
		for (long i = 0; i < size[k]; i++, n++) {
			struct service s;
			synth(&s, &tpl[t], n);
			long long sid = put(svc, "isssssssssssssssss", kid, s.slug, s.name, s.description,
					    s.age_text, age_basis_code(s.age_basis), s.target_group,
					    s.target, s.level_text, s.responsible, s.category,
					    s.organisation, s.cooperation, s.implementation,
					    s.evaluation, s.address, s.opening_hours, s.source);
			struct strvec sv = {0};
			sv_split(&sv, s.level_codes, ';');
			for (size_t j = 0; j < sv.n; j++) {
				char key[96];
				snprintf(key, sizeof key, "%s/%s", tpl[t].kommune.level_model, sv.v[j]);
				put(lvl, "ii", sid, id_of(levels, n_levels, key));
			}
			sv_free(&sv);
			sv_split(&sv, s.need_codes, ';');
			for (size_t j = 0; j < sv.n; j++)
				put(need, "ii", sid, id_of(needs, n_needs, sv.v[j]));
			sv_free(&sv);
			for (int j = 0; j < s.ages.n; j++)
				put(age, "iii", sid, (long long)s.ages.r[j].lo, (long long)s.ages.r[j].hi);
			service_free(&s);
		}
	}
	free(size);
	sqlite3_stmt *all[] = {kom, svc, lvl, need, age};
	for (size_t i = 0; i < ARRAY_LEN(all); i++)
		sqlite3_finalize(all[i]);
}

/* Plans in Tromsø created 2016-01-01 .. 2026-05-31 (the bench runs with
 * TRAPP_TODAY=2026-06-01); 5 % open (created in the last two years), the
 * rest closed 100-900 days after they started. */
static void gen_plans(long plans, long steps)
{
	static const char *const step_st[] = {"planlagt", "pagar", "fullfort", "avbrutt"};
	static const char *const reasons[] = {"mal-nadd", "samtykke-trukket", "overfort-ip",
					      "overfort-barnekoordinator", "flyttet"};
	static const char *const roles[] = {"mor", "far", "kontaktlærer", "helsesykepleier", "PPT"};
	sqlite3_stmt *plan = prep("INSERT INTO plan(child, born, unit, kommune, level, created, closed,"
				  " close_reason) VALUES(?1,?2,?3,'tromso',?4,?5,?6,?7)");
	sqlite3_stmt *lvl = prep("INSERT INTO plan_level(plan_id, date, from_level, to_level, why)"
				 " VALUES(?1,?2,NULL,?3,?4)");
	sqlite3_stmt *con = prep("INSERT INTO plan_concern(plan_id, date, text, noticed_by) VALUES(?1,?2,?3,?4)");
	sqlite3_stmt *hol = prep("INSERT INTO plan_holder(plan_id, name, service, proposed, accepted, state)"
				 " VALUES(?1,?2,?3,?4,?5,?6)");
	sqlite3_stmt *cst = prep("INSERT INTO plan_consent(plan_id, kind, given_by, date) VALUES(?1,'samtykke',?2,?3)");
	/* the login running the bench holds every plan: trapp shows a login
	 * only the plans it is a member of */
	sqlite3_stmt *mem = prep("INSERT INTO plan_member(plan_id, login, role, added)"
				 " VALUES(?1,?2,'stafettholder',?3)");
	sqlite3_stmt *scp = prep("INSERT INTO plan_consent_scope(consent_id, slug, name) VALUES(?1,?2,?3)");
	sqlite3_stmt *svc = prep("INSERT INTO plan_service(plan_id, slug, name, role, added) VALUES(?1,?2,?3,?4,?5)");
	sqlite3_stmt *per = prep("INSERT INTO plan_person(plan_id, name, role, contact, added) VALUES(?1,?2,?3,?4,?5)");
	sqlite3_stmt *goal = prep("INSERT INTO plan_goal(plan_id, no, text, status, created) VALUES(?1,?2,?3,?4,?5)");
	sqlite3_stmt *stp = prep("INSERT INTO plan_step(plan_id, no, what, who, service_slug, service_name, due,"
				 " evaluate, status, evaluation, created) VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11)");
	sqlite3_stmt *mtg = prep("INSERT INTO plan_meeting(plan_id, no, date, attended, notes) VALUES(?1,?2,?3,?4,?5)");
	sqlite3_stmt *mst = prep("INSERT INTO plan_meeting_step(meeting_id, step_id) VALUES(?1,?2)");
	sqlite3_stmt *aud = prep("INSERT INTO plan_audit(plan_id, at, who, what) VALUES(?1,?2,?3,?4)");
	sqlite3_stmt *pn = prep("INSERT INTO plan_need(plan_id, need) VALUES(?1,?2)");
	const struct catalog *tr = &tpl[0];
	long first = days_from_civil(2016, 1, 1), today = days_from_civil(2026, 6, 1);
	long steps_left = steps;
	struct strbuf t1 = {0}, t2 = {0};
	for (long p = 0; p < plans; p++) {
		int open = chance(5);
		long created = open ? today - 1 - pick(730) : first + pick(today - first - 101);
		long closed = open ? 0 : created + 100 + pick(801);
		if (closed >= today)
			closed = today - 1;
		char cd[11], cl[11], born[11], d[11], at[32];
		date_of(created, cd);
		date_of(closed, cl);
		date_of(created - 365 * (1 + pick(17)) - pick(365), born);
		char *child = person();
		int level = (int)pick(4);
		text_of(&t1, 10 + (size_t)pick(30));
		if (chance(20))
			born[4] = '\0';  /* a birth year only */
		long long pid = put(plan, "sssis" "oo", child, born, t1.buf, (long long)level,
				    cd, open ? "" : cl, open ? "" : reasons[pick(ARRAY_LEN(reasons))]);
		free(child);
		text_of(&t1, 40 + (size_t)pick(120));
		put(lvl, "isis", pid, cd, (long long)level, t1.buf);
		text_of(&t1, 60 + (size_t)pick(300));
		char *who = person();
		put(con, "isss", pid, cd, t1.buf, who);
		put(hol, "issss" "s", pid, who, "skole", cd, cd, "akseptert");
		put(mem, "iss", pid, ident_login(), cd);
		if (chance(30)) {
			char *h2 = person();
			date_of(created + 30 + pick(60), d);
			put(hol, "issss" "s", pid, h2, "helsestasjon", d, d, "akseptert");
			free(h2);
		}
		if (open && chance(5)) {
			char *h3 = person();
			put(hol, "isssos", pid, h3, "barnevern", cd, "", "foreslatt");
			free(h3);
		}
		free(who);
		long long cid = put(cst, "iss", pid, chance(80) ? "foreldre" : "ungdom", cd);
		int nsvc = 1 + (int)pick(3);
		const struct service *used[3];
		for (int i = 0; i < nsvc; i++) {
			used[i] = &tr->svc[pick((long)tr->n_svc)];
			int dup = 0;
			for (int j = 0; j < i; j++)
				dup |= used[j] == used[i];
			if (dup) {
				nsvc = i;
				break;
			}
			put(scp, "iss", cid, used[i]->slug, used[i]->name);
			put(svc, "issss", pid, used[i]->slug, used[i]->name, roles[pick(ARRAY_LEN(roles))], cd);
		}
		int npeople = 2 + (int)pick(2);
		for (int i = 0; i < npeople; i++) {
			char *nm = person();
			put(per, "issss", pid, nm, roles[pick(ARRAY_LEN(roles))], chance(50) ? "tlf. 900 00 000" : "", cd);
			free(nm);
		}
		int ngoals = 1 + (int)pick(3);
		for (int i = 0; i < ngoals; i++) {
			text_of(&t1, 30 + (size_t)pick(90));
			put(goal, "iisss", pid, (long long)(i + 1), t1.buf, open ? "aktiv" : "nadd", cd);
		}
		/* steps: the mean per plan, 1 .. 2 x mean - 1, the rest on the last plan */
		long mean = steps / plans;
		long ns = p + 1 == plans ? steps_left : 1 + pick(2 * mean - 1);
		if (ns > steps_left)
			ns = steps_left;
		steps_left -= ns;
		long long first_step = 0;
		for (long i = 0; i < ns; i++) {
			const char *status = open ? step_st[pick(100) < 30 ? 0 : pick(100) < 40 ? 1 : 2 + pick(2)]
						  : step_st[2 + (chance(15))];
			long due = created + 14 + 30 * i + pick(30);
			char ev[11] = "";
			int has_ev = chance(50);
			if (has_ev)
				date_of(due + 30 + pick(60), ev);
			date_of(due, d);
			text_of(&t1, 20 + (size_t)pick(100));
			char *w = person();
			const struct service *s = chance(50) ? used[pick(nsvc)] : NULL;
			text_of(&t2, has_ev && strcmp(status, "fullfort") == 0 && chance(70) ? 40 + (size_t)pick(200) : 0);
			long long sid = put(stp, "iisssss" "osss", pid, (long long)(i + 1), t1.buf, w,
					    s ? s->slug : "", s ? s->name : "", d, ev, status, sb_str(&t2), cd);
			if (!first_step)
				first_step = sid;
			free(w);
		}
		int nm = (int)pick(4);
		for (int i = 0; i < nm && ns > 0; i++) {
			date_of(created + 40 + 60 * i, d);
			text_of(&t1, 80 + (size_t)pick(400));
			long long mid = put(mtg, "iisss", pid, (long long)(i + 1), d, "foreldre, skole", t1.buf);
			put(mst, "ii", mid, first_step + pick(ns));
		}
		long na = 3 + ns + ngoals + nm;
		for (long i = 0; i < na; i++) {
			date_of(created + i, d);
			snprintf(at, sizeof at, "%sT%02ld:%02ld:00Z", d, 8 + pick(9), pick(60));
			put(aud, "isss", pid, at, "koordinator", i == 0 ? "plan opprettet" : "steg lagt til");
		}
		put(pn, "is", pid, needs[pick((long)n_needs)].code);
	}
	sb_free(&t1);
	sb_free(&t2);
	sqlite3_stmt *all[] = {plan, lvl, con, hol, mem, cst, scp, svc, per, goal, stp, mtg, mst, aud, pn};
	for (size_t i = 0; i < ARRAY_LEN(all); i++)
		sqlite3_finalize(all[i]);
}

static int gen_db(const char *path, long kommuner, long services, long plans, long steps)
{
	struct strbuf err = {0};
	remove(path);
	struct db *db = db_open(path, 0, load_seed, &err);
	if (!db) {
		fprintf(stderr, "bench-gen: %s\n", sb_str(&err));
		return 1;
	}
	load_templates(db);
	db_close(db);
	check(sqlite3_open(path, &h), path);
	exec("PRAGMA synchronous = OFF; PRAGMA foreign_keys = OFF; BEGIN");
	load_ids();
	if (kommuner > 0 && services > 0)
		gen_services(kommuner, services);
	if (plans > 0)
		gen_plans(plans, steps);
	exec("COMMIT; ANALYZE; PRAGMA wal_checkpoint(TRUNCATE)");
	sqlite3_close(h);
	return 0;
}

/* --- the import file ------------------------------------------------------ */

static void csv_cell(FILE *fp, const char *s)
{
	if (!strpbrk(s, ",\"\n\r")) {
		fputs(s, fp);
		return;
	}
	fputc('"', fp);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', fp);
		fputc(*s, fp);
	}
	fputc('"', fp);
}

static int gen_csv(const char *path, long rows)
{
	struct strbuf err = {0};
	char tmp[] = "/tmp/trapp-bench-gen-XXXXXX";
	int fd = mkstemp(tmp);
	if (fd < 0)
		return 1;
	struct db *db = db_open(tmp, 0, load_seed, &err);
	if (!db) {
		fprintf(stderr, "bench-gen: %s\n", sb_str(&err));
		return 1;
	}
	load_templates(db);
	db_close(db);
	remove(tmp);
	char *wal = xasprintf("%s-wal", tmp), *shm = xasprintf("%s-shm", tmp);
	remove(wal);
	remove(shm);
	free(wal);
	free(shm);
	FILE *fp = fopen(path, "w");
	if (!fp)
		return 1;
	for (int c = 0; c < SC_COUNT; c++) {
		fputs(c ? "," : "", fp);
		fputs(svc_col_names[c], fp);
	}
	fputc('\n', fp);
	for (long i = 0; i < rows; i++) {
		struct service s;
		/* a service of Tromsø 2024 or 2011 (both prevention3), each
		 * service as likely as any other */
		long k = pick((long)(tpl[0].n_svc + tpl[3].n_svc));
		synth(&s, &tpl[k < (long)tpl[0].n_svc ? 0 : 3], i);
		const char *v[SC_COUNT];
		struct strbuf ranges = {0};
		svcfile_values(&s, v, &ranges);
		for (int c = 0; c < SC_COUNT; c++) {
			if (c)
				fputc(',', fp);
			csv_cell(fp, v[c]);
		}
		fputc('\n', fp);
		sb_free(&ranges);
		service_free(&s);
	}
	return fclose(fp) == 0 ? 0 : 1;
}

static long num(const char *s)
{
	long v;
	if (parse_int(s, 0, 100000000, &v) != 0) {
		fprintf(stderr, "bench-gen: not a number: %s\n", s);
		exit(2);
	}
	return v;
}

int main(int argc, char **argv)
{
	if (argc == 8 && strcmp(argv[1], "db") == 0) {
		rng_state = (uint64_t)num(argv[7]);
		return gen_db(argv[2], num(argv[3]), num(argv[4]), num(argv[5]), num(argv[6]));
	}
	if (argc == 5 && strcmp(argv[1], "csv") == 0) {
		rng_state = (uint64_t)num(argv[4]);
		return gen_csv(argv[2], num(argv[3]));
	}
	fprintf(stderr, "usage: bench-gen db FILE KOMMUNER SERVICES PLANS STEPS SEED\n"
			"       bench-gen csv FILE ROWS SEED\n");
	return 2;
}
