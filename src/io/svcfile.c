/* svcfile.c - reading and writing service lists. The header decides which
 * column is which (case- and accent-insensitive, Norwegian sheet names and
 * trapp's own names); each row is validated into a struct service with
 * levels, age ranges, target and needs, and every problem is reported with
 * its file line and column. The writer produces exactly what the reader
 * takes back, with reversible formula escaping for spreadsheets. */
#include "trapp/svcfile.h"
#include "trapp/text.h"

#include <stdlib.h>
#include <string.h>

const char *const svc_col_names[SC_COUNT] = {
	"id", "name", "description", "age", "age_ranges", "age_basis", "target_group",
	"target", "level_text", "levels", "needs", "responsible", "category", "organisation",
	"cooperation", "implementation", "evaluation", "address", "opening_hours", "source",
	"aliases", "notes",
};

/* Norwegian sheet headers (as ASCII keys) and their columns. */
static const struct {
	const char *key;
	enum svc_col col;
} aliases[] = {
	{"tiltak", SC_NAME}, {"tjeneste", SC_NAME}, {"navn", SC_NAME},
	{"hvaerdette", SC_DESCRIPTION}, {"beskrivelse", SC_DESCRIPTION},
	{"alder", SC_AGE}, {"malgruppe", SC_TARGET_GROUP}, {"niva", SC_LEVEL_TEXT},
	{"ansvar", SC_RESPONSIBLE}, {"kategori", SC_CATEGORY}, {"kilde", SC_SOURCE},
	{"behov", SC_NEEDS}, {"alias", SC_ALIASES}, {"merknader", SC_NOTES},
};

void svc_list_free(struct svc_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		service_free(&l->v[i]);
	free(l->v);
	free(l->line);
	free(l->id_given);
	memset(l, 0, sizeof *l);
}

static int column_of(const char *header)
{
	char *k = text_key(header, 0);
	int col = -1;
	for (int c = 0; c < SC_COUNT && col < 0; c++) {
		char *ck = text_key(svc_col_names[c], 0);
		if (strcmp(k, ck) == 0)
			col = c;
		free(ck);
	}
	for (size_t i = 0; i < ARRAY_LEN(aliases) && col < 0; i++)
		if (strcmp(k, aliases[i].key) == 0)
			col = (int)aliases[i].col;
	free(k);
	return col;
}

struct reader {
	const struct svc_context *ctx;
	struct svc_list *out;
	struct diag *d;
	int *map;          /* field index → column, -1 = ignored */
	size_t n_map;
	int have[SC_COUNT];
	int header_done;
	size_t cap;
	size_t *hset, hcap;   /* slug set, see slug_seen() */
};

/* Header row: map the columns, report unknown and missing ones. */
static int read_header(struct reader *r, const struct csv_record *rec)
{
	r->map = xcalloc(rec->n, sizeof *r->map);
	r->n_map = rec->n;
	for (size_t i = 0; i < rec->n; i++) {
		char *h = str_trim(xstrdup(rec->f[i]));
		int col = column_of(h);
		r->map[i] = col;
		if (col < 0 && strcmp(h, SVC_HISTORICAL_COL) == 0)
			;  /* the export's mark of a historical catalogue: a kommune's, not a row's */
		else if (col < 0 && *h)
			diag_add(r->d, DIAG_WARNING, rec->line, h, "ukjent kolonne, ignoreres");
		else if (col >= 0 && r->have[col])
			diag_add(r->d, DIAG_ERROR, rec->line, h, "kolonnen finnes to ganger");
		if (col >= 0)
			r->have[col] = 1;
		free(h);
	}
	memcpy(r->out->have, r->have, sizeof r->have);
	if (!r->have[SC_NAME])
		diag_add(r->d, DIAG_ERROR, rec->line, "Tiltak",
			 "mangler påkrevd kolonne (navn på tiltaket: «Tiltak» eller «name»)");
	if (!r->have[SC_AGE] && !r->have[SC_AGE_RANGES])
		diag_add(r->d, DIAG_WARNING, rec->line, "Alder",
			 "ingen alderskolonne; alle tiltak lagres som «alder ikke oppgitt»");
	if (!r->have[SC_LEVELS] && !r->have[SC_LEVEL_TEXT])
		diag_add(r->d, DIAG_ERROR, rec->line, "Nivå",
			 "mangler påkrevd kolonne (nivå: «Nivå», «levels» eller «level_text»)");
	r->header_done = 1;
	return 0;
}

static const char *derive_target(const struct age_set *a)
{
	if (a->target_hint)
		return a->target_hint;
	if (a->n == 0)
		return "alle";
	int lo = a->r[0].lo, hi = a->r[a->n - 1].hi;
	if (lo >= 18)
		return "voksne";
	if (lo >= 13)
		return "ungdom";
	if (hi <= 12)
		return "barn";
	return "alle";
}

static void read_age(struct reader *r, long line, struct service *s, const char *ranges,
		     const char *basis)
{
	struct age_set parsed;
	if (!str_empty(ranges)) {
		if (age_ranges_parse(ranges, &s->ages) != 0) {
			diag_add(r->d, DIAG_ERROR, line, "age_ranges",
				 "«%s» er ikke aldersspenn på formen 0-6;18-20 (0–%d)", ranges, AGE_MAX);
			return;
		}
		if (str_empty(basis))
			s->age_basis = str_empty(s->age_text) ? AGE_TEXT : AGE_STATED;
		else if (age_basis_parse(basis, &s->age_basis) != 0 || s->age_basis == AGE_UNKNOWN)
			diag_add(r->d, DIAG_ERROR, line, "age_basis",
				 "«%s» er ukjent; bruk stated, text eller inferred", basis);
		return;
	}
	if (!str_empty(basis) && strcmp(basis, "unknown") != 0)
		diag_add(r->d, DIAG_ERROR, line, "age_basis",
			 "«%s» uten age_ranges; oppgi aldersspenn eller la feltet stå tomt", basis);
	if (str_empty(s->age_text)) {
		/* in trapp's own columns, no age and no ranges means unknown on purpose */
		if (r->have[SC_AGE] && !r->have[SC_AGE_RANGES])
			diag_add(r->d, DIAG_WARNING, line, "Alder",
				 "alder mangler; lagres som «alder ikke oppgitt» (passer alle aldre)");
		s->age_basis = AGE_UNKNOWN;
		return;
	}
	if (age_parse(s->age_text, &parsed) != 0) {
		diag_add(r->d, DIAG_WARNING, line, "Alder",
			 "«%s» kan ikke tolkes som alder; lagres som «alder ikke oppgitt»",
			 s->age_text);
		s->age_basis = AGE_UNKNOWN;
		return;
	}
	s->ages = parsed;
	s->age_basis = AGE_STATED;
}

static void read_levels(struct reader *r, long line, struct service *s, const char *codes)
{
	uint32_t mask = 0;
	const struct svc_context *c = r->ctx;
	if (!str_empty(codes)) {
		struct strvec sv = {0};
		sv_split(&sv, codes, ';');
		for (size_t i = 0; i < sv.n; i++) {
			int found = 0;
			for (size_t l = 0; l < c->n_levels; l++)
				if (strcmp(c->levels[l].code, sv.v[i]) == 0) {
					mask |= 1u << l;
					found = 1;
				}
			if (!found) {
				struct strbuf valid = {0};
				for (size_t l = 0; l < c->n_levels; l++)
					sb_printf(&valid, "%s%s", l ? ", " : "", c->levels[l].code);
				diag_add(r->d, DIAG_ERROR, line, "levels", "ukjent nivå «%s»; gyldige: %s",
					 sv.v[i], sb_str(&valid));
				sb_free(&valid);
			}
		}
		sv_free(&sv);
	} else if (!str_empty(s->level_text)) {
		char *bad = NULL;
		if (level_text_mask(c->levels, c->n_levels, s->level_text, &mask, &bad) != 0) {
			diag_add(r->d, DIAG_ERROR, line, "Nivå", "«%s» er ikke et kjent nivå (forstod ikke «%s»)",
				 s->level_text, bad ? bad : "");
			mask = 0;
		}
		free(bad);
	} else {
		diag_add(r->d, DIAG_ERROR, line, "Nivå", "mangler nivå for «%s»", s->name);
	}
	struct strbuf sb = {0};
	for (size_t l = 0; l < c->n_levels; l++)
		if (mask & (1u << l))
			sb_printf(&sb, "%s%s", sb.len ? ";" : "", c->levels[l].code);
	free(s->level_codes);
	s->level_codes = sb_steal(&sb);
	s->levels = mask;
}

static void read_needs(struct reader *r, long line, struct service *s, const char *codes)
{
	struct strvec sv = {0};
	struct strbuf ok = {0};
	sv_split(&sv, codes, ';');
	for (size_t i = 0; i < sv.n; i++) {
		int found = 0;
		for (size_t k = 0; k < r->ctx->n_needs; k++)
			if (strcmp(r->ctx->needs[k].code, sv.v[i]) == 0)
				found = 1;
		if (found)
			sb_printf(&ok, "%s%s", ok.len ? ";" : "", sv.v[i]);
		else
			diag_add(r->d, DIAG_ERROR, line, "needs", "ukjent behov «%s» (se «trapp needs»)",
				 sv.v[i]);
	}
	sv_free(&sv);
	free(s->need_codes);
	s->need_codes = sb_steal(&ok);
}

/* Open-addressing set of slugs seen so far (index+1 into out), so that
 * duplicate detection stays linear on 100 000-row files. */
static size_t slug_hash(const char *s)
{
	size_t h = 1469598103934665603u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return h;
}

static long slug_seen(const struct reader *r, const char *slug)
{
	if (!r->hcap)
		return 0;
	for (size_t i = slug_hash(slug) & (r->hcap - 1);; i = (i + 1) & (r->hcap - 1)) {
		size_t k = r->hset[i];
		if (!k)
			return 0;
		if (strcmp(r->out->v[k - 1].slug, slug) == 0)
			return r->out->line[k - 1];
	}
}

static void slug_remember(struct reader *r, size_t index)
{
	if ((index + 1) * 2 >= r->hcap) {
		size_t ncap = r->hcap ? r->hcap * 2 : 256;
		free(r->hset);
		r->hset = xcalloc(ncap, sizeof *r->hset);
		r->hcap = ncap;
		for (size_t k = 0; k < index; k++)
			slug_remember(r, k);
	}
	size_t i = slug_hash(r->out->v[index].slug) & (r->hcap - 1);
	while (r->hset[i])
		i = (i + 1) & (r->hcap - 1);
	r->hset[i] = index + 1;
}

static void unique_slug(struct reader *r, long line, struct service *s, int given)
{
	for (int n = 2;; n++) {
		long prev = slug_seen(r, s->slug);
		if (!prev)
			return;
		if (given) {
			diag_add(r->d, DIAG_ERROR, line, "id", "«%s» er brukt før (linje %ld)", s->slug, prev);
			return;
		}
		char *base = text_slug(s->name);
		free(s->slug);
		s->slug = xasprintf("%s-%d", base, n);
		free(base);
	}
}

/* A cell a spreadsheet would run as a formula. */
static int formula_start(const char *s)
{
	return *s && strchr("=+-@\t\r", *s) != NULL;
}

/* Apostrophes followed by a formula character: an escaped cell. */
static int formula_escaped(const char *s)
{
	size_t i = strspn(s, "'");
	return i > 0 && formula_start(s + i);
}

static int on_row(void *p, const struct csv_record *rec)
{
	struct reader *r = p;
	if (!r->header_done)
		return read_header(r, rec);
	const char *v[SC_COUNT] = {0};
	int any = 0;
	for (size_t i = 0; i < rec->n && i < r->n_map; i++)
		if (r->map[i] >= 0) {
			v[r->map[i]] = rec->f[i];
			any |= rec->f[i][0] != '\0';
		}
	if (!any)
		return 0;  /* a row of empty cells, as spreadsheets write */
	if (rec->n > r->n_map)
		diag_add(r->d, DIAG_WARNING, rec->line, NULL,
			 "raden har %zu felt, overskriften %zu; de siste ignoreres", rec->n, r->n_map);
	struct service s = {0};
	char *f[SC_COUNT];
	for (int c = 0; c < SC_COUNT; c++) {
		f[c] = str_trim(xstrdup(v[c] ? v[c] : ""));
		if (formula_escaped(f[c]))  /* undo svcfile_write's escape */
			memmove(f[c], f[c] + 1, strlen(f[c]));
	}
	s.name = f[SC_NAME];
	s.description = f[SC_DESCRIPTION];
	s.age_text = f[SC_AGE];
	s.target_group = f[SC_TARGET_GROUP];
	s.target = f[SC_TARGET];
	s.level_text = f[SC_LEVEL_TEXT];
	s.responsible = f[SC_RESPONSIBLE];
	s.category = f[SC_CATEGORY];
	s.organisation = f[SC_ORGANISATION];
	s.cooperation = f[SC_COOPERATION];
	s.implementation = f[SC_IMPLEMENTATION];
	s.evaluation = f[SC_EVALUATION];
	s.address = f[SC_ADDRESS];
	s.opening_hours = f[SC_OPENING_HOURS];
	s.source = f[SC_SOURCE];
	s.aliases = f[SC_ALIASES];
	s.notes = f[SC_NOTES];
	s.slug = f[SC_ID];
	s.level_codes = xstrdup("");
	s.need_codes = xstrdup("");
	long line = rec->line;
	int errors_before = r->d->errors;

	if (!*s.name)
		diag_add(r->d, DIAG_ERROR, line, "Tiltak", "navn mangler");
	int given = *s.slug != '\0';
	if (given) {
		char *ok = text_slug(s.slug);
		if (strcmp(ok, s.slug) != 0)
			diag_add(r->d, DIAG_ERROR, line, "id",
				 "«%s» er ikke en gyldig id (små bokstaver a-z, 0-9 og -; f.eks. «%s»)",
				 s.slug, ok);
		free(ok);
	} else {
		free(s.slug);
		s.slug = text_slug(s.name);
		if (!*s.slug) {
			free(s.slug);
			s.slug = xstrdup("tiltak");
		}
	}
	unique_slug(r, line, &s, given);
	read_age(r, line, &s, f[SC_AGE_RANGES], f[SC_AGE_BASIS]);
	read_levels(r, line, &s, f[SC_LEVELS]);
	read_needs(r, line, &s, f[SC_NEEDS]);
	if (*s.target && !target_valid(s.target)) {
		diag_add(r->d, DIAG_ERROR, line, "target",
			 "ukjent målgruppetype «%s»; gyldige: barn, ungdom, foreldre, familie, gravide,"
			 " ansatte, voksne, alle", s.target);
	} else if (!*s.target) {
		struct age_set hint;
		free(s.target);
		if (!str_empty(s.age_text) && age_parse(s.age_text, &hint) == 0)
			s.target = xstrdup(derive_target(&hint));
		else
			s.target = xstrdup(derive_target(&s.ages));
	}
	free(f[SC_AGE_RANGES]);
	free(f[SC_AGE_BASIS]);
	free(f[SC_LEVELS]);
	free(f[SC_NEEDS]);
	if (r->d->errors > errors_before) {
		service_free(&s);
		return 0;
	}
	if (r->out->n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 128;
		r->out->v = xrealloc(r->out->v, r->cap * sizeof *r->out->v);
		r->out->line = xrealloc(r->out->line, r->cap * sizeof *r->out->line);
		r->out->id_given = xrealloc(r->out->id_given, r->cap);
	}
	r->out->line[r->out->n] = line;
	r->out->id_given[r->out->n] = (unsigned char)given;
	r->out->v[r->out->n++] = s;
	slug_remember(r, r->out->n - 1);
	return 0;
}

int svcfile_read(const char *buf, size_t len, const struct csvin_opts *o,
		 const struct svc_context *ctx, struct svc_list *out, struct diag *d,
		 struct csvin_info *info)
{
	memset(out, 0, sizeof *out);
	struct reader r = {0};
	r.ctx = ctx;
	r.out = out;
	r.d = d;
	struct strbuf err = {0};
	int rc = csvin_parse(buf, len, o, on_row, &r, info, &err);
	free(r.map);
	free(r.hset);
	if (rc < 0) {
		/* err starts with "linje N: "; report as FILE:N: */
		long line = 0;
		const char *msg = sb_str(&err);
		if (sscanf(msg, "linje %ld:", &line) == 1)
			msg = strchr(msg, ':') + 2;
		diag_add(d, DIAG_ERROR, line, NULL, "%s", msg);
		sb_free(&err);
		return -1;
	}
	sb_free(&err);
	if (!r.header_done) {
		diag_add(d, DIAG_ERROR, 1, NULL, "filen er tom (ingen overskriftsrad)");
		return -1;
	}
	return 0;
}

void svcfile_values(const struct service *s, const char *v[SC_COUNT], struct strbuf *ranges)
{
	age_ranges_format(ranges, &s->ages);
	/* no ranges: the reader derives them (and the basis) from the age text */
	const char *basis = s->ages.n == 0 ? "" : age_basis_code(s->age_basis);
	const char *cells[SC_COUNT] = {
		s->slug, s->name, s->description, s->age_text, sb_str(ranges), basis,
		s->target_group, s->target, s->level_text, s->level_codes, s->need_codes,
		s->responsible, s->category, s->organisation, s->cooperation,
		s->implementation, s->evaluation, s->address, s->opening_hours, s->source,
		s->aliases, s->notes,
	};
	for (int c = 0; c < SC_COUNT; c++)
		v[c] = cells[c] ? cells[c] : "";
}

static void write_cell(FILE *fp, const char *s, char delim, int first, int excel)
{
	if (formula_escaped(s) || (excel && formula_start(s))) {
		char *t = xasprintf("'%s", s);
		csvout_field(fp, t, delim, first, 0);
		free(t);
	} else {
		csvout_field(fp, s, delim, first, 0);
	}
}

void svcfile_write(FILE *fp, const struct catalog *c, const size_t *idx, size_t n, int excel)
{
	char delim = excel ? ';' : ',';
	const char *eol = excel ? "\r\n" : "\n";
	if (excel)
		fputs("\xEF\xBB\xBF", fp);
	for (int col = 0; col < SC_COUNT; col++)
		csvout_field(fp, svc_col_names[col], delim, col == 0, 0);
	csvout_field(fp, SVC_HISTORICAL_COL, delim, 0, 0);
	fputs(eol, fp);
	size_t count = idx ? n : c->n_svc;
	for (size_t i = 0; i < count; i++) {
		struct strbuf ranges = {0};
		const char *v[SC_COUNT];
		svcfile_values(&c->svc[idx ? idx[i] : i], v, &ranges);
		for (int col = 0; col < SC_COUNT; col++)
			write_cell(fp, v[col], delim, col == 0, excel);
		write_cell(fp, c->kommune.historical ? "1" : "", delim, 0, excel);
		fputs(eol, fp);
		sb_free(&ranges);
	}
}
