/* hsds.c - the Open Referral HSDS 3.0 export. The tables and column names
 * follow the official HSDS 3.0 schema (service, organization, taxonomy,
 * taxonomy_term, attribute); one table description drives both the CSV
 * headers and the datapackage.json field list, so they cannot disagree.
 * The kommune is the organization; the level model and the need codes are
 * two taxonomies; each service links to its terms through attributes. */
#include "trapp/hsds.h"
#include "trapp/csvin.h"
#include "trapp/util.h"
#include "trapp/uuid.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

const unsigned char hsds_namespace[16] = {
	0xc7, 0x13, 0x95, 0x92, 0x34, 0x50, 0x55, 0x88,
	0xae, 0x5d, 0x9d, 0x45, 0x2f, 0xb5, 0xf6, 0x56,
};

enum { F_REQUIRED = 1, F_UNIQUE = 2, F_UUID = 4, F_NUMBER = 8 };

struct hcol {
	const char *name;
	int flags;
	const char *ref;  /* resource (table) this column refers to, by id */
};

struct htable {
	const char *name, *path, *description;
	struct hcol cols[10];
};

enum { T_ORG, T_SERVICE, T_TAXONOMY, T_TERM, T_ATTRIBUTE, T_COUNT };

static const struct htable tables[T_COUNT] = {
	[T_ORG] = {"organization", "organizations.csv", "The kommune that offers the services.",
		   {{"id", F_REQUIRED | F_UNIQUE | F_UUID, NULL}, {"name", F_REQUIRED, NULL},
		    {"description", F_REQUIRED, NULL}}},
	[T_SERVICE] = {"service", "services.csv", "The kommune's services and measures for children, youth and families.",
		       {{"id", F_REQUIRED | F_UNIQUE | F_UUID, NULL},
			{"organization_id", F_REQUIRED | F_UUID, "organization"},
			{"name", F_REQUIRED, NULL}, {"description", 0, NULL},
			{"status", F_REQUIRED, NULL}, {"eligibility_description", 0, NULL},
			{"minimum_age", F_NUMBER, NULL}, {"maximum_age", F_NUMBER, NULL}}},
	[T_TAXONOMY] = {"taxonomy", "taxonomies.csv", "The kommune's level model and trapp's need codes.",
			{{"id", F_REQUIRED | F_UNIQUE | F_UUID, NULL}, {"name", F_REQUIRED, NULL},
			 {"description", F_REQUIRED, NULL}, {"uri", 0, NULL}, {"version", 0, NULL}}},
	[T_TERM] = {"taxonomy_term", "taxonomy_terms.csv", "Levels of the staircase and need codes.",
		    {{"id", F_REQUIRED | F_UNIQUE | F_UUID, NULL}, {"code", 0, NULL},
		     {"name", F_REQUIRED, NULL}, {"description", F_REQUIRED, NULL},
		     {"parent_id", F_UUID, NULL}, {"taxonomy", 0, NULL}, {"language", 0, NULL},
		     {"taxonomy_id", F_UUID, "taxonomy"}}},
	[T_ATTRIBUTE] = {"attribute", "attributes.csv", "Links each service to its levels and needs.",
			 {{"id", F_REQUIRED | F_UNIQUE | F_UUID, NULL},
			  {"link_id", F_REQUIRED | F_UUID, "service"},
			  {"link_type", 0, NULL}, {"link_entity", F_REQUIRED, NULL},
			  {"taxonomy_term_id", F_REQUIRED | F_UUID, "taxonomy_term"},
			  {"value", 0, NULL}, {"label", 0, NULL}}},
};

static size_t ncols(const struct htable *t)
{
	size_t n = 0;
	while (n < ARRAY_LEN(t->cols) && t->cols[n].name)
		n++;
	return n;
}

static void row(FILE *fp, const char *const *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		csvout_field(fp, v[i] ? v[i] : "", ',', i == 0, 0);
	csvout_end(fp);
}

static void header(FILE *fp, int table)
{
	const struct htable *t = &tables[table];
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

static void json_str(FILE *fp, const char *s)
{
	fputc('"', fp);
	for (; *s; s++) {
		unsigned char ch = (unsigned char)*s;
		if (ch == '"' || ch == '\\')
			fprintf(fp, "\\%c", ch);
		else if (ch < 0x20)
			fprintf(fp, "\\u%04x", ch);
		else
			fputc(ch, fp);
	}
	fputc('"', fp);
}

static void write_datapackage(FILE *fp, const struct catalog *c)
{
	fputs("{\n  \"name\": ", fp);
	char *name = xasprintf("trapp-%s", c->kommune.code);
	json_str(fp, name);
	free(name);
	char *title = xasprintf("%s: tiltak og tjenester for barn og unge", c->kommune.name);
	fputs(",\n  \"title\": ", fp);
	json_str(fp, title);
	free(title);
	fputs(",\n  \"description\": \"Open Referral HSDS 3.0 tabular data package exported by trapp.\",\n"
	      "  \"profile\": \"tabular-data-package\",\n  \"resources\": [", fp);
	for (int t = 0; t < T_COUNT; t++) {
		const struct htable *tb = &tables[t];
		fprintf(fp, "%s\n    {\n      \"name\": \"%s\",\n      \"path\": \"%s\",\n"
			"      \"description\": ", t ? "," : "", tb->name, tb->path);
		json_str(fp, tb->description);
		fputs(",\n      \"format\": \"csv\",\n      \"mediatype\": \"text/csv\",\n"
		      "      \"encoding\": \"utf-8\",\n      \"profile\": \"tabular-data-resource\",\n"
		      "      \"schema\": {\n        \"fields\": [", fp);
		size_t n = ncols(tb);
		for (size_t i = 0; i < n; i++) {
			const struct hcol *col = &tb->cols[i];
			fprintf(fp, "%s\n          {\"name\": \"%s\", \"type\": \"%s\"%s,"
				" \"constraints\": {\"required\": %s, \"unique\": %s}}",
				i ? "," : "", col->name, col->flags & F_NUMBER ? "number" : "string",
				col->flags & F_UUID ? ", \"format\": \"uuid\"" : "",
				col->flags & F_REQUIRED ? "true" : "false",
				col->flags & F_UNIQUE ? "true" : "false");
		}
		fputs("\n        ],\n        \"primaryKey\": \"id\",\n        \"foreignKeys\": [", fp);
		int any = 0;
		for (size_t i = 0; i < n; i++)
			if (tb->cols[i].ref) {
				fprintf(fp, "%s\n          {\"fields\": \"%s\", \"reference\": {\"resource\": \"%s\","
					" \"fields\": \"id\"}}", any ? "," : "", tb->cols[i].name, tb->cols[i].ref);
				any = 1;
			}
		fputs(any ? "\n        ]\n      }\n    }" : "]\n      }\n    }", fp);
	}
	fputs("\n  ]\n}\n", fp);
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

static void write_services(FILE *fp, const struct catalog *c, const char *org)
{
	header(fp, T_SERVICE);
	for (size_t i = 0; i < c->n_svc; i++) {
		const struct service *s = &c->svc[i];
		char id[UUID_STR_LEN], lo[16], hi[16];
		id_of(id, "service", c->kommune.code, s->slug);
		age_bounds(s, lo, hi, sizeof lo);
		struct strbuf elig = {0};
		sb_puts(&elig, s->target_group);
		if (!str_empty(s->age_text))
			sb_printf(&elig, "%sAlder: %s", elig.len ? ". " : "", s->age_text);
		/* a historical catalogue (Tromsø 2011) describes no current offer */
		const char *status = c->kommune.historical ? "inactive" : "active";
		const char *v[] = {id, org, s->name, s->description, status, sb_str(&elig), lo, hi};
		row(fp, v, 8);
		sb_free(&elig);
	}
}

static void write_taxonomies(FILE *tax, FILE *terms, const struct catalog *c)
{
	char lt[UUID_STR_LEN], nt[UUID_STR_LEN], id[UUID_STR_LEN];
	id_of(lt, "taxonomy/levels", c->kommune.level_model, NULL);
	id_of(nt, "taxonomy/needs", "trapp", NULL);
	char *lname = xasprintf("Innsatstrapp %s", c->kommune.level_model);
	header(tax, T_TAXONOMY);
	row(tax, (const char *const[]){lt, lname, "Trinnene i kommunens innsatstrapp, fra det"
				       " universelle til det spesialiserte.", "", ""}, 5);
	row(tax, (const char *const[]){nt, "Behov (trapp)", "Behovskodene tiltakene i trapp er"
				       " merket med.", "", ""}, 5);
	header(terms, T_TERM);
	for (size_t i = 0; i < c->n_levels; i++) {
		const struct level *l = &c->levels[i];
		id_of(id, "level", c->kommune.level_model, l->code);
		const char *desc = !str_empty(l->description) ? l->description
				   : !str_empty(l->subtitle) ? l->subtitle : l->name;
		row(terms, (const char *const[]){id, l->code, l->name, desc, "", lname, "nb", lt}, 8);
	}
	for (size_t i = 0; i < c->n_needs; i++) {
		const struct need *nd = &c->needs[i];
		id_of(id, "need", nd->code, NULL);
		const char *desc = !str_empty(nd->description) ? nd->description : nd->label;
		row(terms, (const char *const[]){id, nd->code, nd->label, desc, "", "Behov (trapp)", "nb", nt}, 8);
	}
	free(lname);
}

static void write_attributes(FILE *fp, const struct catalog *c)
{
	header(fp, T_ATTRIBUTE);
	for (size_t i = 0; i < c->n_svc; i++) {
		const struct service *s = &c->svc[i];
		char sid[UUID_STR_LEN], term[UUID_STR_LEN], id[UUID_STR_LEN];
		id_of(sid, "service", c->kommune.code, s->slug);
		for (int kind = 0; kind < 2; kind++) {
			struct strvec codes = {0};
			sv_split(&codes, kind ? s->need_codes : s->level_codes, ';');
			for (size_t k = 0; k < codes.n; k++) {
				if (kind)
					id_of(term, "need", codes.v[k], NULL);
				else
					id_of(term, "level", c->kommune.level_model, codes.v[k]);
				char *aname = xasprintf("%s/%s/%s", s->slug, kind ? "need" : "level", codes.v[k]);
				id_of(id, "attribute", c->kommune.code, aname);
				free(aname);
				row(fp, (const char *const[]){id, sid, kind ? "need" : "level", "service", term,
							      codes.v[k], kind ? "behov" : "nivå"}, 7);
			}
			sv_free(&codes);
		}
	}
}

int hsds_write(const struct catalog *c, const char *dir, struct strbuf *err)
{
	if (mkdir(dir, 0755) != 0 && errno != EEXIST) {
		sb_printf(err, "kan ikke opprette mappen %s: %s", dir, strerror(errno));
		return -1;
	}
	static const char *const files[] = {"datapackage.json", "organizations.csv", "services.csv",
					    "taxonomies.csv", "taxonomy_terms.csv", "attributes.csv"};
	FILE *fp[ARRAY_LEN(files)] = {0};
	int rc = 0;
	for (size_t i = 0; i < ARRAY_LEN(files) && rc == 0; i++) {
		char *path = xasprintf("%s/%s", dir, files[i]);
		if (!(fp[i] = fopen(path, "w"))) {
			sb_printf(err, "kan ikke skrive %s: %s", path, strerror(errno));
			rc = -1;
		}
		free(path);
	}
	if (rc == 0) {
		char org[UUID_STR_LEN];
		id_of(org, "organization", c->kommune.code, NULL);
		write_datapackage(fp[0], c);
		char *desc = xasprintf("%s kommune. Tiltak og tjenester for barn, unge og familier, ordnet"
				       " i kommunens innsatstrapp.", c->kommune.name);
		header(fp[1], T_ORG);
		row(fp[1], (const char *const[]){org, c->kommune.name, desc}, 3);
		free(desc);
		write_services(fp[2], c, org);
		write_taxonomies(fp[3], fp[4], c);
		write_attributes(fp[5], c);
	}
	for (size_t i = 0; i < ARRAY_LEN(files); i++)
		if (fp[i] && (ferror(fp[i]) | fclose(fp[i])) && rc == 0) {
			sb_printf(err, "kan ikke skrive %s/%s: %s", dir, files[i], strerror(errno ? errno : EIO));
			rc = -1;
		}
	return rc;
}
