/* load.c - the seed: reads the CSV files compiled in from data/ (needs,
 * level models, kommuner, services per kommune, knowledge tables) and
 * writes them through the storage API inside the migration transaction.
 * A problem in the shipped data is reported with file and line. Also the
 * search's synonym list (synonyms.csv and synonyms-KOMMUNE.csv), read
 * straight from the compiled-in files into a loaded catalogue. */
#include "trapp/load.h"
#include "trapp/catalog.h"
#include "trapp/csvin.h"
#include "trapp/embedded.h"
#include "trapp/search.h"
#include "trapp/svcfile.h"
#include "trapp/util.h"

#include <stdlib.h>
#include <string.h>

const struct embedded_file *embedded_find(const char *name)
{
	for (const struct embedded_file *f = embedded_files; f->name; f++)
		if (strcmp(f->name, name) == 0)
			return f;
	return NULL;
}

/* A CSV with a header, delivered as (column name → value) lookups. */
struct table_ctx {
	struct strvec header;
	int (*row)(struct table_ctx *t, const struct csv_record *rec);
	struct db *db;
	const char *file;
	const char *kommune;      /* for files without a kommune column */
	enum knowledge_table kt;
	struct strbuf *err;
};

static const char *col(struct table_ctx *t, const struct csv_record *rec, const char *name)
{
	for (size_t i = 0; i < t->header.n && i < rec->n; i++)
		if (strcmp(t->header.v[i], name) == 0)
			return rec->f[i];
	return "";
}

static int table_row(void *p, const struct csv_record *rec)
{
	struct table_ctx *t = p;
	if (!t->header.n) {
		for (size_t i = 0; i < rec->n; i++)
			sv_push(&t->header, rec->f[i]);
		return 0;
	}
	if (t->row(t, rec) != 0) {
		if (!t->err->len)
			sb_printf(t->err, "%s:%ld: %s", t->file, rec->line, db_error(t->db));
		else
			sb_printf(t->err, " (%s:%ld)", t->file, rec->line);
		return 1;
	}
	return 0;
}

static int load_table(struct db *db, const char *file, int (*row)(struct table_ctx *, const struct csv_record *),
		      const char *kommune, enum knowledge_table kt, struct strbuf *err)
{
	const struct embedded_file *f = embedded_find(file);
	if (!f) {
		sb_printf(err, "Datafilen %s mangler i programmet", file);
		return -1;
	}
	struct table_ctx t = {.row = row, .db = db, .file = file, .kommune = kommune, .kt = kt, .err = err};
	struct csvin_opts o = {.delim = ',', .encoding = "UTF-8"};
	int rc = csvin_parse((const char *)f->data, f->len, &o, table_row, &t, NULL, err);
	sv_free(&t.header);
	if (rc < 0 && err->len && strncmp(sb_str(err), file, strlen(file)) != 0) {
		char *m = sb_steal(err);
		sb_printf(err, "%s: %s", file, m);
		free(m);
	}
	return rc ? -1 : 0;
}

static int need_row(struct table_ctx *t, const struct csv_record *rec)
{
	return db_need_put(t->db, col(t, rec, "code"), col(t, rec, "label"), col(t, rec, "description"));
}

static int level_row(struct table_ctx *t, const struct csv_record *rec)
{
	struct level l = {0};
	long ord;
	char *bad = NULL;
	if (parse_int(col(t, rec, "ord"), 1, 32, &ord) != 0) {
		sb_printf(t->err, "%s:%ld: ord: «%s» er ikke 1–32", t->file, rec->line, col(t, rec, "ord"));
		return -1;
	}
	if (level_prevention_parse(col(t, rec, "prevention"), &l.prevention, &bad) != 0 || !l.prevention) {
		sb_printf(t->err, "%s:%ld: prevention: «%s» er ukjent", t->file, rec->line, bad ? bad : "");
		free(bad);
		return -1;
	}
	l.ord = (int)ord;
	l.code = (char *)col(t, rec, "code");
	l.name = (char *)col(t, rec, "name");
	l.subtitle = (char *)col(t, rec, "subtitle");
	l.goal = (char *)col(t, rec, "goal");
	l.commitments = (char *)col(t, rec, "commitments");
	l.access = (char *)col(t, rec, "access");
	l.description = (char *)col(t, rec, "description");
	l.source = (char *)col(t, rec, "source");
	return db_level_put(t->db, col(t, rec, "model"), &l);
}

static int kommune_row(struct table_ctx *t, const struct csv_record *rec)
{
	struct kommune k = {
		.code = (char *)col(t, rec, "code"),
		.name = (char *)col(t, rec, "name"),
		.level_model = (char *)col(t, rec, "level_model"),
		.source = (char *)col(t, rec, "source"),
		.historical = strcmp(col(t, rec, "historical"), "1") == 0,
	};
	return db_kommune_put(t->db, &k);
}

static int ktable_row(struct table_ctx *t, const struct csv_record *rec)
{
	const char *const *cols = db_ktable_columns(t->kt);
	const char *vals[16] = {0};
	for (int i = 0; cols[i]; i++)
		vals[i] = strcmp(cols[i], "kommune") == 0 && t->kommune ? t->kommune : col(t, rec, cols[i]);
	return db_ktable_insert(t->db, t->kt, vals);
}

int load_embedded_services(struct db *db, const char *kommune, struct svc_list *out, struct diag *d)
{
	char *file = xasprintf("services-%s.csv", kommune);
	const struct embedded_file *f = embedded_find(file);
	d->file = NULL;
	memset(out, 0, sizeof *out);
	if (!f) {
		diag_add(d, DIAG_ERROR, 0, NULL, "datafilen %s mangler i programmet", file);
		free(file);
		return -1;
	}
	struct catalog c = {0};
	int rc = -1;
	if (catalog_load(db, kommune, &c) != 0) {
		diag_add(d, DIAG_ERROR, 0, NULL, "%s", db_error(db));
		goto out;
	}
	struct svc_context ctx = {c.levels, c.n_levels, c.needs, c.n_needs};
	struct csvin_opts o = {.delim = ',', .encoding = "UTF-8"};
	d->file = f->name;
	rc = svcfile_read((const char *)f->data, f->len, &o, &ctx, out, d, NULL);
out:
	catalog_free(&c);
	free(file);
	return rc;
}

static int load_services(struct db *db, struct strbuf *err)
{
	struct kommune *k;
	size_t n;
	if (db_kommune_list(db, &k, &n) != 0) {
		sb_puts(err, db_error(db));
		return -1;
	}
	int rc = 0;
	for (size_t i = 0; i < n && rc == 0; i++) {
		struct svc_list list;
		struct diag d = {0};
		if (load_embedded_services(db, k[i].code, &list, &d) != 0 || d.errors) {
			sb_puts(err, d.msgs.n ? d.msgs.v[0] : "ukjent feil");
			rc = -1;
		}
		for (size_t s = 0; s < list.n && rc == 0; s++)
			if (db_service_put(db, k[i].code, &list.v[s]) != 0) {
				sb_printf(err, "services-%s.csv:%ld: %s", k[i].code, list.line[s], db_error(db));
				rc = -1;
			}
		svc_list_free(&list);
		diag_free(&d);
	}
	db_kommune_list_free(k, n);
	return rc;
}

/* A database seeded before schema 5: give the shipped services their
 * aliases and curation notes (matched by id; imported rows are left). */
static int load_notes(struct db *db, struct strbuf *err)
{
	struct kommune *k;
	size_t n;
	if (db_kommune_list(db, &k, &n) != 0) {
		sb_puts(err, db_error(db));
		return -1;
	}
	int rc = 0;
	for (size_t i = 0; i < n && rc == 0; i++) {
		struct svc_list list;
		struct diag d = {0};
		if (load_embedded_services(db, k[i].code, &list, &d) == 0 && !d.errors)
			for (size_t s = 0; s < list.n && rc == 0; s++)
				if (db_service_notes_set(db, k[i].code, list.v[s].slug, list.v[s].aliases,
							 list.v[s].notes) != 0) {
					sb_puts(err, db_error(db));
					rc = -1;
				}
		svc_list_free(&list);
		diag_free(&d);
	}
	db_kommune_list_free(k, n);
	return rc;
}

/* Load every embedded file whose name starts with prefix. */
static int load_each(struct db *db, const char *prefix, enum knowledge_table kt, int kommune_from_name,
		     struct strbuf *err)
{
	for (const struct embedded_file *f = embedded_files; f->name; f++) {
		if (strncmp(f->name, prefix, strlen(prefix)) != 0)
			continue;
		char *kommune = NULL;
		if (kommune_from_name) {
			const char *dot = strrchr(f->name, '.');
			size_t plen = strlen(prefix);
			kommune = xstrndup(f->name + plen, (size_t)(dot - f->name) - plen);
		}
		int rc = prefix[0] == 'l' ? load_table(db, f->name, level_row, NULL, kt, err)
					  : load_table(db, f->name, ktable_row, kommune, kt, err);
		free(kommune);
		if (rc)
			return -1;
	}
	return 0;
}

int load_seed(struct db *db, int from, int to, struct strbuf *err)
{
	if (from < 1 && to >= 1) {
		if (load_table(db, "needs.csv", need_row, NULL, 0, err) ||
		    load_each(db, "levels-", 0, 0, err) ||
		    load_table(db, "kommuner.csv", kommune_row, NULL, 0, err) ||
		    load_services(db, err))
			return -1;
	}
	if (from >= 1 && from < 5 && to >= 5 && load_notes(db, err) != 0)
		return -1;
	if (from < 2 && to >= 2) {
		if (load_each(db, "factors-", KT_FACTOR, 0, err) ||
		    load_each(db, "forums-", KT_FORUM, 0, err) ||
		    load_each(db, "grips-", KT_GRIP, 0, err) ||
		    load_each(db, "behaviour-", KT_BEHAVIOUR, 1, err))
			return -1;
	}
	return 0;
}

/* --- the search's synonym list ------------------------------------------ */

struct syn_ctx {
	struct search_synonyms *syn;
	const char *file;
	struct strbuf *err;
	int header;
};

static int synonym_row(void *p, const struct csv_record *rec)
{
	struct syn_ctx *x = p;
	if (!x->header) {
		x->header = 1;
		if (rec->n == 3 && strcmp(rec->f[0], "word") == 0 && strcmp(rec->f[1], "expands_to") == 0 &&
		    strcmp(rec->f[2], "reason") == 0)
			return 0;
		sb_printf(x->err, "%s:%ld: overskriften skal være «word,expands_to,reason»", x->file, rec->line);
		return 1;
	}
	const char *why = NULL;
	if (rec->n != 3)
		why = "raden skal ha tre felt: word, expands_to, reason";
	else if (str_empty(rec->f[2]))
		why = "hvert synonym trenger en begrunnelse (reason)";
	if (why || search_synonyms_add(x->syn, rec->f[0], rec->f[1], &why) != 0) {
		sb_printf(x->err, "%s:%ld: %s", x->file, rec->line, why);
		return 1;
	}
	return 0;
}

static int synonyms_from(struct search_synonyms *syn, const char *file, struct strbuf *err)
{
	const struct embedded_file *f = embedded_find(file);
	if (!f)
		return 0;
	struct syn_ctx x = {.syn = syn, .file = file, .err = err};
	struct csvin_opts o = {.delim = ',', .encoding = "UTF-8"};
	int rc = csvin_parse((const char *)f->data, f->len, &o, synonym_row, &x, NULL, err);
	if (rc && err->len && strncmp(sb_str(err), file, strlen(file)) != 0) {
		char *m = sb_steal(err);
		sb_printf(err, "%s: %s", file, m);
		free(m);
	}
	return rc ? -1 : 0;
}

int load_synonyms(struct catalog *c, struct strbuf *err)
{
	struct search_synonyms *syn = search_synonyms_new();
	char *local = xasprintf("synonyms-%s.csv", c->kommune.code ? c->kommune.code : "");
	int rc = synonyms_from(syn, "synonyms.csv", err) || synonyms_from(syn, local, err) ? -1 : 0;
	free(local);
	if (rc) {
		search_synonyms_free(syn);
		return -1;
	}
	search_synonyms_free(c->synonyms);
	c->synonyms = syn;
	return 0;
}
