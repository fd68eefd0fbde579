/* plan_doc.c - builds the one document of a plan (see plan_doc.h): the
 * child, the stafettholder and hand-overs, the concern, consent, services
 * and people, goals, steps, meetings, the level history and the audit
 * trail, each value put through plan_field_show() with its kind, so a
 * masked document holds nothing a projected screen may not show. Also the
 * walk that hands a document to an output writer. */
#include "trapp/plan_doc.h"
#include "trapp/access.h"
#include "trapp/catalog.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char plan_doc_masked_note[] =
	"Maskert: barnet og personene vises som initialer eller rolle, fødselsdato og "
	"kontaktinformasjon er skjult, og navn, datoer, telefonnumre, e-post, fødselsnumre og "
	"adresser i fritekst er byttet ut med merker.";

struct builder {
	struct plan_doc *d;
	struct plan_section *s;
	struct plan_row *row;
	struct plan_masker *m;
};

static void section(struct builder *b, enum plan_section_id id, const char *title, const char *empty)
{
	b->s = &b->d->sections[id];
	b->s->id = id;
	b->s->title = title;
	b->s->empty = empty;
	b->row = NULL;
}

static struct plan_row *row(struct builder *b, enum plan_row_style style, const char *label)
{
	struct plan_section *s = b->s;
	s->rows = xrealloc(s->rows, (s->n_rows + 1) * sizeof *s->rows);
	b->row = &s->rows[s->n_rows++];
	memset(b->row, 0, sizeof *b->row);
	b->row->style = style;
	b->row->label = label;
	return b->row;
}

/* A value of the current row: masked by its kind when building masked. */
static void put(struct builder *b, enum plan_field_kind kind, const char *pre, const char *value,
		const char *post)
{
	struct plan_row *r = b->row;
	r->fields = xrealloc(r->fields, (r->n_fields + 1) * sizeof *r->fields);
	struct plan_field *f = &r->fields[r->n_fields++];
	f->kind = kind;
	f->pre = pre ? pre : "";
	f->post = post ? post : "";
	f->value = plan_field_show(b->m, kind, value);
}

/* A label of our own, formatted. */
static void putf(struct builder *b, const char *pre, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void putf(struct builder *b, const char *pre, const char *fmt, ...)
{
	struct strbuf sb = {0};
	va_list ap;
	va_start(ap, fmt);
	sb_vprintf(&sb, fmt, ap);
	va_end(ap);
	put(b, PF_LABEL, pre, sb_str(&sb), NULL);
	sb_free(&sb);
}

/* " (rettet)" after the current row's value when it was corrected (the
 * old value is in the history). */
static void corrected(struct builder *b, int yes)
{
	if (yes && b->row)
		put(b, PF_LABEL, " ", "(rettet)", NULL);
}

/* "Label: value" for one value; dropped when the value is hidden or empty. */
static void field(struct builder *b, const char *label, enum plan_field_kind kind, const char *value)
{
	row(b, PR_FIELD, label);
	put(b, kind, NULL, value, NULL);
	if (!*b->row->fields[0].value) {
		free(b->row->fields[0].value);
		free(b->row->fields);
		b->s->n_rows--;
		b->row = NULL;
	}
}

char *plan_row_text(const struct plan_row *r)
{
	struct strbuf sb = {0};
	for (size_t i = 0; i < r->n_fields; i++) {
		const struct plan_field *f = &r->fields[i];
		if (!*f->value)
			continue;
		sb_printf(&sb, "%s%s%s", f->pre, f->value, f->post);
	}
	return sb_steal(&sb);
}

/* --- the sections ----------------------------------------------------------- */

static void child_section(struct builder *b, const struct plan *p, const struct catalog *cat)
{
	section(b, PS_CHILD, "Barnet", NULL);
	field(b, b->m ? "Barn" : "Navn", PF_CHILD, p->child);
	corrected(b, p->corrected & PLAN_FIX_CHILD);
	field(b, "Født", PF_BORN, p->born);
	corrected(b, p->corrected & PLAN_FIX_BORN);
	char age[32] = "ukjent";
	if (p->age >= 0)
		snprintf(age, sizeof age, "%s%d år", p->age_approx ? "ca. " : "", p->age);
	field(b, "Alder", PF_LABEL, age);
	field(b, "Enhet", PF_TEXT, p->unit);
	corrected(b, p->corrected & PLAN_FIX_UNIT);
	/* the kommune's name where the plan's catalogue is at hand */
	if (cat && cat->kommune.name && *cat->kommune.name && strcmp(cat->kommune.code, p->kommune) == 0)
		field(b, "Kommune", PF_LABEL, cat->kommune.name);
	else
		field(b, "Kommune", PF_CODE, p->kommune);
	field(b, "Nivå", PF_LABEL, plan_level_label(p->level));
	struct strbuf needs = {0};
	for (size_t i = 0; i < p->needs.n; i++) {
		int ni = cat ? catalog_need_index(cat, p->needs.v[i]) : -1;
		sb_printf(&needs, "%s%s", i ? ", " : "", ni >= 0 ? cat->needs[ni].label : p->needs.v[i]);
	}
	field(b, "Behov", PF_LABEL, p->needs.n ? sb_str(&needs) : "ikke satt");
	sb_free(&needs);
	field(b, "Opprettet", PF_DATE, p->created);
	if (*p->closed) {
		row(b, PR_FIELD, "Avsluttet");
		put(b, PF_DATE, NULL, p->closed, NULL);
		put(b, PF_LABEL, ", ", plan_label(VOCAB_CLOSE, p->close_reason), NULL);
		put(b, PF_TEXT, ": ", p->close_why, NULL);
		field(b, "Oppsummering", PF_TEXT, p->close_summary);
	}
}

static void holder_section(struct builder *b, const struct plan *p)
{
	const struct plan_holder *cur = plan_holder(p), *prop = plan_proposed(p);
	section(b, PS_HOLDER, "Stafettholder", "Ingen stafettholder.");
	if (cur) {
		row(b, PR_FIELD, "Nå");
		put(b, PF_PERSON, NULL, cur->name, NULL);
		put(b, PF_TEXT, " (", cur->service, ")");
		put(b, PF_DATE, ", siden ", cur->accepted, NULL);
	}
	if (prop) {
		row(b, PR_FIELD, "Overføring");
		put(b, PF_PERSON, NULL, prop->name, NULL);
		put(b, PF_TEXT, " (", prop->service, ")");
		put(b, PF_DATE, ", foreslått ", prop->proposed, NULL);
		put(b, PF_LABEL, " – ", "stafettpinnen blir hos nåværende stafettholder til overføringen er akseptert",
		    NULL);
	}
	if (p->n_holders < 2)
		return;
	for (size_t i = 0; i < p->n_holders; i++) {
		const struct plan_holder *h = &p->holders[i];
		const char *until = NULL;  /* when the next accepted holder took over */
		for (size_t k = i + 1; k < p->n_holders && !until; k++)
			if (p->holders[k].state == HANDOVER_ACCEPTED)
				until = p->holders[k].accepted;
		row(b, PR_ITEM, NULL);
		put(b, PF_PERSON, NULL, h->name, NULL);
		put(b, PF_TEXT, " (", h->service, ")");
		if (h->state == HANDOVER_ACCEPTED) {
			put(b, PF_DATE, ": fra ", h->accepted, NULL);
			if (until)
				put(b, PF_DATE, " til ", until, NULL);
			else
				put(b, PF_LABEL, " ", "(nå)", NULL);
		} else {
			put(b, PF_DATE, ": foreslått ", h->proposed, NULL);
			put(b, PF_LABEL, ", ", plan_label(VOCAB_HANDOVER, (int)h->state), NULL);
		}
	}
}

static void concern_section(struct builder *b, const struct plan *p)
{
	section(b, PS_CONCERN, "Bekymring", "Ingen bekymring registrert.");
	for (size_t i = 0; i < p->n_concerns; i++) {
		const struct plan_concern *c = &p->concerns[i];
		row(b, PR_ITEM, NULL);
		put(b, PF_DATE, NULL, c->date, NULL);
		put(b, PF_TEXT, ", lagt merke til av ", c->noticed_by, NULL);
		put(b, PF_TEXT, ": ", c->text, NULL);
		corrected(b, c->corrected);
	}
}

static void consent_section(struct builder *b, const struct plan *p, const char *today)
{
	static const char *const states[] = {
		[CONSENT_NONE] = "mangler – registrer samtykke før andre tjenester kobles på",
		[CONSENT_VALID] = "gyldig", [CONSENT_EXPIRED] = "utløpt – nytt samtykke trengs",
		[CONSENT_WITHDRAWN] = "trukket", [CONSENT_REFUSED] = "avslått",
	};
	const struct plan_consent *last;
	enum plan_consent_state st = plan_consent_state(p, today, &last);
	section(b, PS_CONSENT, "Samtykke", NULL);
	field(b, "Status", PF_LABEL, states[st]);
	for (size_t i = 0; i < p->n_consents; i++) {
		const struct plan_consent *c = &p->consents[i];
		row(b, PR_ITEM, NULL);
		put(b, PF_DATE, NULL, c->date, NULL);
		if (c->refused) {
			put(b, PF_LABEL, ": avslått av ", plan_label(VOCAB_CONSENT_BY, (int)c->by), NULL);
			continue;
		}
		put(b, PF_LABEL, ": samtykke fra ", plan_label(VOCAB_CONSENT_BY, (int)c->by), NULL);
		put(b, PF_PERSON, " (", c->guardians, ")");
		for (size_t k = 0; k < c->scope.n; k++) {
			put(b, PF_LABEL, k ? ", " : " for ", c->scope_names.v[k], NULL);
			put(b, PF_CODE, " (", c->scope.v[k], ")");
		}
		put(b, PF_DATE, "; utløper ", c->expires, NULL);
		put(b, PF_DATE, "; trukket ", c->withdrawn, NULL);
	}
}

static void people_sections(struct builder *b, const struct plan *p, const char *today)
{
	section(b, PS_SERVICES, "Tjenester", "Ingen tjenester lagt til.");
	for (size_t i = 0; i < p->n_services; i++) {
		const struct plan_service *s = &p->services[i];
		row(b, PR_ITEM, NULL);
		put(b, PF_LABEL, NULL, s->name, NULL);
		put(b, PF_CODE, " (", s->slug, ")");
		put(b, PF_TEXT, ": ", s->role, NULL);
		put(b, PF_DATE, ", med fra ", s->added, NULL);
		if (*p->closed)
			continue;
		/* whether today's consent covers it: the coordinator sees at
		 * once which services must stop after a withdrawal */
		struct strbuf why = {0};
		if (plan_consent_gap(p, s->slug, today, &why)) {
			put(b, PF_LABEL, " – ", "! ikke dekket av samtykket", NULL);
			put(b, PF_LABEL, " (", sb_str(&why), ")");
			b->row->overdue = 1;
		} else {
			put(b, PF_LABEL, " – ", "samtykke: dekket", NULL);
		}
		sb_free(&why);
	}
	section(b, PS_PEOPLE, "Personer", "Ingen personer lagt til.");
	for (size_t i = 0; i < p->n_people; i++) {
		const struct plan_person *pp = &p->people[i];
		row(b, PR_ITEM, NULL);
		put(b, PF_PERSON, NULL, pp->name, NULL);
		put(b, PF_TEXT, ", ", pp->role, NULL);
		put(b, PF_CONTACT, ", ", pp->contact, NULL);
		corrected(b, pp->corrected != 0);
	}
}

/* Who has access: logins are identities, so a masked document names only
 * the roles. */
static void member_section(struct builder *b, const struct plan *p)
{
	section(b, PS_MEMBERS, "Tilgang (medlemmer)", "Ingen medlemmer.");
	for (size_t i = 0; i < p->n_members; i++) {
		const struct plan_member *m = &p->members[i];
		row(b, PR_ITEM, NULL);
		if (!b->m) {
			put(b, PF_CODE, NULL, m->login, NULL);
			put(b, PF_PERSON, " (", m->name, ")");
			put(b, PF_LABEL, " – ", plan_label(VOCAB_ROLE, (int)m->role), NULL);
		} else {
			put(b, PF_LABEL, NULL, plan_label(VOCAB_ROLE, (int)m->role), NULL);
		}
		put(b, PF_TEXT, ", ", m->service, NULL);
	}
}

static void read_section(struct builder *b, const struct plan_doc_opts *o)
{
	int show = o->n_reads && !b->m;
	section(b, PS_READS, show ? "Lesingslogg (hvem har sett planen)" : NULL, NULL);
	for (size_t i = 0; show && i < o->n_reads; i++) {
		row(b, PR_ITEM, NULL);
		char at[32];
		time_local(o->reads[i].at, at, sizeof at);  /* stored in UTC */
		put(b, PF_DATE, NULL, at, NULL);
		put(b, PF_CODE, " ", o->reads[i].who, NULL);
		put(b, PF_LABEL, ": ", plan_label(VOCAB_ACCESS, (int)o->reads[i].how), NULL);
	}
}

static void goal_section(struct builder *b, const struct plan *p)
{
	section(b, PS_GOALS, "Mål", "Ingen mål registrert.");
	for (size_t i = 0; i < p->n_goals; i++) {
		const struct plan_goal *g = &p->goals[i];
		row(b, PR_ITEM, NULL);
		putf(b, NULL, "%d.", g->no);
		put(b, PF_TEXT, " ", g->text, NULL);
		put(b, PF_LABEL, " (", plan_label(VOCAB_GOAL, (int)g->status), ")");
	}
}

static void step_section(struct builder *b, const struct plan *p, const char *today)
{
	section(b, PS_STEPS, "Neste steg", "Ingen steg registrert.");
	for (size_t i = 0; i < p->n_steps; i++) {
		const struct plan_step *s = &p->steps[i];
		int open = s->status == STEP_PLANNED || s->status == STEP_ONGOING;
		int overdue = open && strcmp(s->due, today) < 0;
		row(b, PR_BLOCK, NULL);
		putf(b, NULL, "Steg %d", s->no);
		put(b, PF_TEXT, ": ", s->what, NULL);
		b->row->overdue = overdue;
		field(b, "Ansvarlig", PF_TEXT, s->who);
		if (*s->service_slug) {
			row(b, PR_FIELD, "Tjeneste");
			put(b, PF_LABEL, NULL, s->service_name, NULL);
			put(b, PF_CODE, " (", s->service_slug, ")");
		}
		row(b, PR_FIELD, "Frist");
		put(b, PF_DATE, NULL, s->due, NULL);
		if (overdue)
			put(b, PF_LABEL, " ", "(! forfalt)", NULL);
		b->row->overdue = overdue;
		field(b, "Evalueres", PF_DATE, s->evaluate);
		field(b, "Status", PF_LABEL, plan_label(VOCAB_STEP, (int)s->status));
		field(b, "Evaluering", PF_TEXT, s->evaluation);
		if (!*p->closed && plan_step_uncovered(p, s, today)) {
			field(b, "Samtykke", PF_LABEL, "! dekker ikke tjenesten – nye tiltak for den er stanset "
			      "til samtykket er fornyet");
			b->row->overdue = 1;
		}
	}
}

static const struct plan_step *step_no(const struct plan *p, int no)
{
	for (size_t i = 0; i < p->n_steps; i++)
		if (p->steps[i].no == no)
			return &p->steps[i];
	return NULL;
}

/* "Avtalt: steg 2 Ring PPT – ansvarlig Lise, frist 2026-12-10", one row
 * per step agreed in meeting m. */
static void agreed_rows(struct builder *b, const struct plan *p, const struct plan_meeting *m)
{
	for (size_t k = 0; k < m->n_steps; k++) {
		const struct plan_step *s = step_no(p, m->steps[k]);
		row(b, PR_FIELD, "Avtalt");
		putf(b, NULL, "steg %d", m->steps[k]);
		if (!s)
			continue;
		put(b, PF_TEXT, " ", s->what, NULL);
		put(b, PF_TEXT, " – ansvarlig ", s->who, NULL);
		put(b, PF_DATE, ", frist ", s->due, NULL);
	}
}

static void meeting_section(struct builder *b, const struct plan *p)
{
	section(b, PS_MEETINGS, "Møter", "Ingen møter registrert.");
	for (size_t i = 0; i < p->n_meetings; i++) {
		const struct plan_meeting *m = &p->meetings[i];
		row(b, PR_BLOCK, NULL);
		putf(b, NULL, "Møte %d", m->no);
		put(b, PF_DATE, ", ", m->date, NULL);
		field(b, "Til stede", PF_TEXT, m->attended);
		field(b, "Notater", PF_TEXT, m->notes);
		agreed_rows(b, p, m);
	}
}

/* The minutes (referat) of meeting no: who it concerns, when, who was
 * there, the notes, the steps agreed and the goals as they stand, in
 * the section slots the writers walk in order. 0, or -1 when the plan
 * has no such meeting. */
static int minutes(struct builder *b, const struct plan *p, int no)
{
	const struct plan_meeting *m = NULL;
	for (size_t i = 0; i < p->n_meetings && !m; i++)
		if (p->meetings[i].no == no)
			m = &p->meetings[i];
	if (!m)
		return -1;
	const struct plan_holder *h = plan_holder(p);
	section(b, PS_CHILD, "Møtet", NULL);
	field(b, b->m ? "Barn" : "Gjelder", PF_CHILD, p->child);
	field(b, "Enhet", PF_TEXT, p->unit);
	field(b, "Nivå", PF_LABEL, plan_level_label(p->level));
	field(b, "Dato", PF_DATE, m->date);
	field(b, "Til stede", PF_TEXT, m->attended);
	if (h)
		field(b, "Stafettholder", PF_PERSON, h->name);
	section(b, PS_CONCERN, "Notater", NULL);
	row(b, PR_ITEM, NULL);
	put(b, PF_TEXT, NULL, m->notes, NULL);
	section(b, PS_GOALS, "Mål", "Ingen mål registrert.");
	for (size_t i = 0; i < p->n_goals; i++) {
		row(b, PR_ITEM, NULL);
		putf(b, NULL, "%d.", p->goals[i].no);
		put(b, PF_TEXT, " ", p->goals[i].text, NULL);
		put(b, PF_LABEL, " (", plan_label(VOCAB_GOAL, (int)p->goals[i].status), ")");
	}
	section(b, PS_STEPS, "Avtalt i møtet", "Ingen steg ble avtalt.");
	for (size_t k = 0; k < m->n_steps; k++) {
		const struct plan_step *s = step_no(p, m->steps[k]);
		if (!s)
			continue;
		row(b, PR_BLOCK, NULL);
		putf(b, NULL, "Steg %d", s->no);
		put(b, PF_TEXT, ": ", s->what, NULL);
		field(b, "Ansvarlig", PF_TEXT, s->who);
		field(b, "Frist", PF_DATE, s->due);
		field(b, "Evalueres", PF_DATE, s->evaluate);
	}
	return 0;
}

static void history_sections(struct builder *b, const struct plan *p, int audit)
{
	section(b, PS_LEVELS, "Nivåhistorikk", NULL);
	for (size_t i = 0; i < p->n_levels; i++) {
		const struct plan_level_change *c = &p->levels[i];
		row(b, PR_ITEM, NULL);
		put(b, PF_DATE, NULL, c->date, NULL);
		if (c->from < 0)
			putf(b, ": ", "startet på nivå %d", c->to);
		else
			putf(b, ": ", "nivå %d → %d", c->from, c->to);
		put(b, PF_TEXT, ": ", c->why, NULL);
	}
	section(b, PS_AUDIT, audit ? "Endringslogg" : NULL, NULL);
	for (size_t i = 0; audit && i < p->n_audit; i++) {
		row(b, PR_ITEM, NULL);
		char at[32];
		time_local(p->audit[i].at, at, sizeof at);  /* stored in UTC */
		put(b, PF_DATE, NULL, at, NULL);
		put(b, PF_PERSON, " ", p->audit[i].who, NULL);
		put(b, PF_TEXT, ": ", p->audit[i].what, NULL);
	}
}

void plan_doc_build(struct plan_doc *d, const struct plan *p, const struct plan_doc_opts *o)
{
	memset(d, 0, sizeof *d);
	char today[PLAN_DATE_LEN];
	if (o->today)
		snprintf(today, sizeof today, "%.10s", o->today);
	else
		plan_today(today);
	struct builder b = {d, NULL, NULL, o->mask ? plan_masker_new(p, o->child_word) : NULL};
	d->id = p->id;
	d->masked = o->mask;
	d->child = plan_field_show(b.m, PF_CHILD, p->child);
	if (o->meeting > 0 && minutes(&b, p, o->meeting) == 0) {
		d->title = xasprintf("Referat fra møte %d – stafettlogg %ld", o->meeting, p->id);
		plan_masker_free(b.m);
		return;
	}
	d->title = xasprintf("Stafettlogg %ld", p->id);
	child_section(&b, p, o->cat);
	holder_section(&b, p);
	concern_section(&b, p);
	consent_section(&b, p, today);
	people_sections(&b, p, today);
	member_section(&b, p);
	goal_section(&b, p);
	step_section(&b, p, today);
	meeting_section(&b, p);
	history_sections(&b, p, o->audit);
	read_section(&b, o);
	plan_masker_free(b.m);
}

void plan_doc_free(struct plan_doc *d)
{
	for (int s = 0; s < PS_COUNT; s++) {
		struct plan_section *sec = &d->sections[s];
		for (size_t r = 0; r < sec->n_rows; r++) {
			for (size_t f = 0; f < sec->rows[r].n_fields; f++)
				free(sec->rows[r].fields[f].value);
			free(sec->rows[r].fields);
		}
		free(sec->rows);
	}
	free(d->title);
	free(d->child);
	memset(d, 0, sizeof *d);
}

void plan_doc_write(const struct plan_doc *d, const struct plan_writer *wr, void *w)
{
	wr->begin(w, d->title);
	if (d->masked)
		wr->note(w, plan_doc_masked_note);
	for (int s = 0; s < PS_COUNT; s++) {
		const struct plan_section *sec = &d->sections[s];
		if (!sec->title)
			continue;
		wr->section(w, sec->title);
		if (!sec->n_rows && sec->empty)
			wr->note(w, sec->empty);
		for (size_t r = 0; r < sec->n_rows; r++) {
			const struct plan_row *row = &sec->rows[r];
			char *text = plan_row_text(row);
			if (row->style == PR_FIELD)
				wr->field(w, row->label, text);
			else if (row->style == PR_BLOCK)
				wr->block(w, text);
			else
				wr->item(w, text);
			free(text);
		}
	}
	wr->end(w);
}
