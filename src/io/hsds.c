/* hsds.c - the Open Referral HSDS 3.0 export: a tabular data package of
 * the official tables, columns and column order (hsds_schema.c), with
 * datapackage.json written through jansson from the same table
 * description, so the CSV headers and the descriptor cannot disagree.
 * The kommune is the organization; the level model and the need codes are
 * two taxonomies, linked to each service through attributes; a service's
 * address becomes a location (with an address row where the text has a
 * postcode and town) and its opening hours a schedule. */
#include "trapp/hsds.h"
#include "trapp/afile.h"
#include "trapp/csvin.h"
#include "trapp/util.h"
#include "trapp/uuid.h"
#include "hsds_schema.h"

#include <ctype.h>
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

const unsigned char hsds_namespace[16] = {
	0xc7, 0x13, 0x95, 0x92, 0x34, 0x50, 0x55, 0x88,
	0xae, 0x5d, 0x9d, 0x45, 0x2f, 0xb5, 0xf6, 0x56,
};

/* HSDS requires a state_province on every address; in Norway that is the
 * fylke. The compiled-in kommuner are listed here; an address of another
 * kommune is exported as a location without an address row. */
static const struct {
	const char *kommune, *fylke;
} fylker[] = {
	{"tromso", "Troms"}, {"tromso-2011", "Troms"}, {"senja", "Troms"}, {"elverum", "Innlandet"},
};

static size_t ncols(const struct hsds_table *t)
{
	size_t n = 0;
	while (n < HSDS_MAX_COLS && t->cols[n].name)
		n++;
	return n;
}

/* One row being filled column by column, by the official column names. */
struct hrow {
	const struct hsds_table *t;
	const char *v[HSDS_MAX_COLS];
};

static void hrow_start(struct hrow *r, int table)
{
	memset(r, 0, sizeof *r);
	r->t = &hsds_tables[table];
}

static void hset(struct hrow *r, const char *col, const char *val)
{
	for (size_t i = 0; i < ncols(r->t); i++)
		if (strcmp(r->t->cols[i].name, col) == 0) {
			r->v[i] = val;
			return;
		}
	util_error("Intern feil: HSDS-tabellen %s har ingen kolonne %s", r->t->name, col);
	abort();
}

static void hrow_write(FILE *fp, const struct hrow *r)
{
	for (size_t i = 0; i < ncols(r->t); i++)
		csvout_field(fp, r->v[i] ? r->v[i] : "", ',', i == 0, 0);
	csvout_end(fp);
}

static void header(FILE *fp, int table)
{
	const struct hsds_table *t = &hsds_tables[table];
	for (size_t i = 0; i < ncols(t); i++)
		csvout_field(fp, t->cols[i].name, ',', i == 0, 0);
	csvout_end(fp);
}

/* UUID of a name built from parts joined by '/'. */
static void id_of(char out[UUID_STR_LEN], const char *kind, const char *a, const char *b)
{
	char *name = xasprintf("%s/%s%s%s", kind, a, b ? "/" : "", b ? b : "");
	uuid_v5(hsds_namespace, name, out);
	free(name);
}

static json_t *field_json(const struct hsds_col *col)
{
	json_t *f = json_object(), *cons = json_object();
	json_object_set_new(f, "name", json_string(col->name));
	json_object_set_new(f, "type", json_string(col->type));
	if (col->format)
		json_object_set_new(f, "format", json_string(col->format));
	json_object_set_new(cons, "required", json_boolean(col->flags & F_REQUIRED));
	json_object_set_new(cons, "unique", json_boolean(col->flags & F_UNIQUE));
	if (col->enumv) {
		json_t *e = json_array();
		for (const char *const *p = col->enumv; *p; p++)
			json_array_append_new(e, json_string(*p));
		json_object_set_new(cons, "enum", e);
	}
	json_object_set_new(f, "constraints", cons);
	return f;
}

static json_t *resource_json(const struct hsds_table *t)
{
	json_t *r = json_object(), *schema = json_object(), *fields = json_array();
	json_object_set_new(r, "name", json_string(t->name));
	json_object_set_new(r, "path", json_string(t->path));
	json_object_set_new(r, "description", json_string(t->description));
	json_object_set_new(r, "format", json_string("csv"));
	json_object_set_new(r, "mediatype", json_string("text/csv"));
	json_object_set_new(r, "encoding", json_string("utf-8"));
	json_object_set_new(r, "profile", json_string("tabular-data-resource"));
	for (size_t i = 0; i < ncols(t); i++)
		json_array_append_new(fields, field_json(&t->cols[i]));
	json_object_set_new(schema, "fields", fields);
	json_object_set_new(schema, "primaryKey", json_string("id"));
	if (t->fks[0].field) {  /* the profile wants at least one key, or none */
		json_t *fks = json_array();
		for (size_t i = 0; i < HSDS_MAX_FKS && t->fks[i].field; i++)
			json_array_append_new(fks, json_pack("{s:s, s:{s:s, s:s}}", "fields", t->fks[i].field,
							     "reference", "resource", t->fks[i].resource,
							     "fields", "id"));
		json_object_set_new(schema, "foreignKeys", fks);
	}
	json_object_set_new(r, "schema", schema);
	return r;
}

static int write_datapackage(FILE *fp, const struct catalog *c)
{
	json_t *pkg = json_object(), *res = json_array();
	json_object_set_new(pkg, "name", json_sprintf("trapp-%s", c->kommune.code));
	json_object_set_new(pkg, "title", json_sprintf("%s: tiltak og tjenester for barn og unge", c->kommune.name));
	json_object_set_new(pkg, "description",
			    json_string("Open Referral HSDS 3.0 tabular data package exported by trapp."));
	json_object_set_new(pkg, "profile", json_string("tabular-data-package"));
	for (int t = 0; t < T_COUNT; t++)
		json_array_append_new(res, resource_json(&hsds_tables[t]));
	json_object_set_new(pkg, "resources", res);
	int rc = json_dumpf(pkg, fp, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	fputc('\n', fp);
	json_decref(pkg);
	return rc;
}

/* minimum_age / maximum_age: only ages the service states (not inferred
 * ones); an open upper end ("Over 18 år") leaves maximum_age empty. */
static void age_bounds(const struct service *s, char *lo, char *hi, size_t n)
{
	lo[0] = hi[0] = '\0';
	if (s->ages.n == 0 || (s->age_basis != AGE_STATED && s->age_basis != AGE_TEXT))
		return;
	int min = AGE_MAX, max = 0;
	for (int i = 0; i < s->ages.n; i++) {
		if (s->ages.r[i].lo < min)
			min = s->ages.r[i].lo;
		if (s->ages.r[i].hi > max)
			max = s->ages.r[i].hi;
	}
	snprintf(lo, n, "%d", min);
	if (max < AGE_MAX)
		snprintf(hi, n, "%d", max);
}

/* "Målgruppe. Alder: 6-12 år": the target group ends its own sentence
 * (it often has a full stop already). */
static char *eligibility(const struct service *s)
{
	struct strbuf sb = {0};
	sb_puts(&sb, s->target_group);
	while (sb.len && isspace((unsigned char)sb.buf[sb.len - 1]))
		sb.buf[--sb.len] = '\0';
	if (!str_empty(s->age_text)) {
		if (sb.len)
			sb_puts(&sb, strchr(".!?", sb.buf[sb.len - 1]) ? " " : ". ");
		sb_printf(&sb, "Alder: %s", s->age_text);
	}
	return sb_steal(&sb);
}

/* "Grønnegata 103, 9008 Tromsø" -> street, postcode, town; 0 when the
 * text does not end in ", NNNN Town". The parts point into buf. */
static int split_address(char *buf, char **street, char **postcode, char **town)
{
	char *comma = strrchr(buf, ',');
	if (!comma)
		return 0;
	char *p = comma + 1;
	while (*p == ' ')
		p++;
	for (int i = 0; i < 4; i++)
		if (!isdigit((unsigned char)p[i]))
			return 0;
	if (p[4] != ' ' || str_empty(p + 5))
		return 0;
	*comma = '\0';
	p[4] = '\0';
	*street = buf;
	*postcode = p;
	*town = p + 5;
	return !str_empty(buf);
}

static const char *fylke_of(const char *kommune)
{
	for (size_t i = 0; i < ARRAY_LEN(fylker); i++)
		if (strcmp(fylker[i].kommune, kommune) == 0)
			return fylker[i].fylke;
	return NULL;
}

struct out {
	FILE *fp[T_COUNT];
	const struct catalog *c;
	char org[UUID_STR_LEN];
	struct strvec locations;   /* location ids written */
};

/* The service's address as a location (once per distinct address), its
 * service_at_location, and an address row where the text allows one.
 * Returns 1 and the service_at_location id in sal when written. */
static int write_location(struct out *o, const struct service *s, const char *sid, char sal[UUID_STR_LEN])
{
	if (str_empty(s->address))
		return 0;
	const char *kom = o->c->kommune.code;
	char lid[UUID_STR_LEN], aid[UUID_STR_LEN];
	id_of(lid, "location", kom, s->address);
	int seen = 0;
	for (size_t i = 0; i < o->locations.n && !seen; i++)
		seen = strcmp(o->locations.v[i], lid) == 0;
	struct hrow r;
	if (!seen) {
		sv_push(&o->locations, lid);
		hrow_start(&r, T_LOCATION);
		hset(&r, "id", lid);
		hset(&r, "location_type", "physical");
		hset(&r, "organization_id", o->org);
		hset(&r, "name", s->address);
		hrow_write(o->fp[T_LOCATION], &r);
		char *buf = xstrdup(s->address), *street, *postcode, *town;
		const char *fylke = fylke_of(kom);
		if (fylke && split_address(buf, &street, &postcode, &town)) {
			id_of(aid, "address", kom, s->address);
			hrow_start(&r, T_ADDRESS);
			hset(&r, "id", aid);
			hset(&r, "location_id", lid);
			hset(&r, "address_1", street);
			hset(&r, "city", town);
			hset(&r, "state_province", fylke);
			hset(&r, "postal_code", postcode);
			hset(&r, "country", "NO");
			hset(&r, "address_type", "physical");
			hrow_write(o->fp[T_ADDRESS], &r);
		}
		free(buf);
	}
	id_of(sal, "service_at_location", kom, s->slug);
	hrow_start(&r, T_SERVICE_AT_LOCATION);
	hset(&r, "id", sal);
	hset(&r, "service_id", sid);
	hset(&r, "location_id", lid);
	hrow_write(o->fp[T_SERVICE_AT_LOCATION], &r);
	return 1;
}

static void write_service(struct out *o, const struct service *s)
{
	const struct catalog *c = o->c;
	char sid[UUID_STR_LEN], lo[16], hi[16], sal[UUID_STR_LEN];
	id_of(sid, "service", c->kommune.code, s->slug);
	age_bounds(s, lo, hi, sizeof lo);
	char *elig = eligibility(s);
	struct hrow r;
	hrow_start(&r, T_SERVICE);
	hset(&r, "id", sid);
	hset(&r, "organization_id", o->org);
	hset(&r, "name", s->name);
	hset(&r, "description", s->description);
	/* a historical catalogue (Tromsø 2011) describes no current offer */
	hset(&r, "status", c->kommune.historical ? "inactive" : "active");
	hset(&r, "eligibility_description", elig);
	hset(&r, "minimum_age", lo);
	hset(&r, "maximum_age", hi);
	hrow_write(o->fp[T_SERVICE], &r);
	free(elig);

	int at = write_location(o, s, sid, sal);
	if (!str_empty(s->opening_hours)) {
		char id[UUID_STR_LEN];
		id_of(id, "schedule", c->kommune.code, s->slug);
		hrow_start(&r, T_SCHEDULE);
		hset(&r, "id", id);
		hset(&r, "service_id", sid);
		if (at)
			hset(&r, "service_at_location_id", sal);
		hset(&r, "description", s->opening_hours);
		hrow_write(o->fp[T_SCHEDULE], &r);
	}

	for (int kind = 0; kind < 2; kind++) {
		struct strvec codes = {0};
		sv_split(&codes, kind ? s->need_codes : s->level_codes, ';');
		for (size_t k = 0; k < codes.n; k++) {
			char term[UUID_STR_LEN], id[UUID_STR_LEN];
			if (kind)
				id_of(term, "need", codes.v[k], NULL);
			else
				id_of(term, "level", c->kommune.level_model, codes.v[k]);
			char *aname = xasprintf("%s/%s/%s", s->slug, kind ? "need" : "level", codes.v[k]);
			id_of(id, "attribute", c->kommune.code, aname);
			free(aname);
			hrow_start(&r, T_ATTRIBUTE);
			hset(&r, "id", id);
			hset(&r, "link_id", sid);
			hset(&r, "taxonomy_term_id", term);
			hset(&r, "link_type", kind ? "need" : "level");
			hset(&r, "link_entity", "service");
			hset(&r, "value", codes.v[k]);
			hrow_write(o->fp[T_ATTRIBUTE], &r);
		}
		sv_free(&codes);
	}
}

static void write_taxonomy(FILE *fp, const char *id, const char *name, const char *desc)
{
	struct hrow r;
	hrow_start(&r, T_TAXONOMY);
	hset(&r, "id", id);
	hset(&r, "name", name);
	hset(&r, "description", desc);
	hrow_write(fp, &r);
}

static void write_term(FILE *fp, const char *id, const char *code, const char *name, const char *desc,
		       const char *taxonomy, const char *taxonomy_id)
{
	struct hrow r;
	hrow_start(&r, T_TAXONOMY_TERM);
	hset(&r, "id", id);
	hset(&r, "code", code);
	hset(&r, "name", name);
	hset(&r, "description", desc);
	hset(&r, "taxonomy", taxonomy);
	hset(&r, "language", "nb");
	hset(&r, "taxonomy_id", taxonomy_id);
	hrow_write(fp, &r);
}

static void write_taxonomies(FILE *tax, FILE *terms, const struct catalog *c)
{
	char lt[UUID_STR_LEN], nt[UUID_STR_LEN], id[UUID_STR_LEN];
	id_of(lt, "taxonomy/levels", c->kommune.level_model, NULL);
	id_of(nt, "taxonomy/needs", "trapp", NULL);
	char *lname = xasprintf("Innsatstrapp %s", c->kommune.level_model);
	write_taxonomy(tax, lt, lname, "Trinnene i kommunens innsatstrapp, fra det universelle til det"
		       " spesialiserte.");
	write_taxonomy(tax, nt, "Behov (trapp)", "Behovskodene tiltakene i trapp er merket med.");
	for (size_t i = 0; i < c->n_levels; i++) {
		const struct level *l = &c->levels[i];
		id_of(id, "level", c->kommune.level_model, l->code);
		const char *desc = !str_empty(l->description) ? l->description
				   : !str_empty(l->subtitle) ? l->subtitle : l->name;
		write_term(terms, id, l->code, l->name, desc, lname, lt);
	}
	for (size_t i = 0; i < c->n_needs; i++) {
		const struct need *nd = &c->needs[i];
		id_of(id, "need", nd->code, NULL);
		const char *desc = !str_empty(nd->description) ? nd->description : nd->label;
		write_term(terms, id, nd->code, nd->label, desc, "Behov (trapp)", nt);
	}
	free(lname);
}

static void write_tables(struct out *o)
{
	const struct catalog *c = o->c;
	for (int t = 0; t < T_COUNT; t++)
		header(o->fp[t], t);
	id_of(o->org, "organization", c->kommune.code, NULL);
	char *desc = xasprintf("%s kommune. Tiltak og tjenester for barn, unge og familier, ordnet"
			       " i kommunens innsatstrapp.", c->kommune.name);
	struct hrow r;
	hrow_start(&r, T_ORGANIZATION);
	hset(&r, "id", o->org);
	hset(&r, "name", c->kommune.name);
	hset(&r, "description", desc);
	hrow_write(o->fp[T_ORGANIZATION], &r);
	free(desc);
	for (size_t i = 0; i < c->n_svc; i++)
		write_service(o, &c->svc[i]);
	write_taxonomies(o->fp[T_TAXONOMY], o->fp[T_TAXONOMY_TERM], c);
}

int hsds_write(const struct catalog *c, const char *dir, struct strbuf *err)
{
	if (mkdir(dir, 0755) != 0 && errno != EEXIST) {
		sb_printf(err, "Kan ikke opprette mappen %s: %s", dir, strerror(errno));
		return -1;
	}
	struct out o = {.c = c};
	struct afile af[T_COUNT + 1];  /* [0] datapackage.json, [t + 1] table t */
	memset(af, 0, sizeof af);
	int rc = 0;
	for (int t = -1; t < T_COUNT && rc == 0; t++) {
		const char *name = t < 0 ? "datapackage.json" : hsds_tables[t].path;
		char *path = xasprintf("%s/%s", dir, name);
		if (afile_open(&af[t + 1], path, 1, err) != 0)
			rc = -1;
		if (t >= 0)
			o.fp[t] = af[t + 1].fp;
		free(path);
	}
	if (rc == 0) {
		if (write_datapackage(af[0].fp, c) != 0) {
			sb_printf(err, "Kan ikke skrive %s/datapackage.json", dir);
			rc = -1;
		}
		write_tables(&o);
	}
	/* each file appears whole or not at all */
	for (int i = 0; i <= T_COUNT; i++) {
		if (!af[i].fp)
			continue;
		if (rc != 0)
			afile_abort(&af[i]);
		else if (afile_commit(&af[i], err) != 0)
			rc = -1;
	}
	sv_free(&o.locations);
	return rc;
}
