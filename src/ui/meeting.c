/* meeting.c - the meeting being recorded in the meeting view: today's
 * date, who is present (chosen from the plan's people and services), the
 * notes, and the steps agreed, typed as "hva ; ansvarlig ; frist". It is
 * held here until Ctrl-S saves it as one meeting, steps and all, in one
 * transaction (plan_add_meeting); the panel at the bottom of the meeting
 * view shows it, so a step agreed a moment ago is on screen at any size.
 * In presentation mode what the panel shows goes through the plan's
 * masker, as the document above it does. */
#include "ui.h"
#include "trapp/plan.h"
#include "trapp/plan_mask.h"
#include "trapp/plan_refusal.h"
#include "trapp/text.h"

#include <stdlib.h>
#include <string.h>

enum { MF_PRESENT, MF_NOTES, MF_STEP, MF_COUNT };

struct meeting_draft {
	char date[PLAN_DATE_LEN];
	struct strvec present;       /* who is present, as saved */
	struct strbuf notes, entry;  /* the notes; the step being typed */
	struct strvec what, who, due;  /* the steps agreed so far */
	int field;                   /* MF_* with the focus */
	char *error;
};

struct meeting_draft *meeting_draft_new(void)
{
	struct meeting_draft *d = xcalloc(1, sizeof *d);
	plan_today(d->date);
	return d;
}

void meeting_draft_reset(struct meeting_draft *d)
{
	sv_free(&d->present);
	sv_free(&d->what);
	sv_free(&d->who);
	sv_free(&d->due);
	sb_reset(&d->notes);
	sb_reset(&d->entry);
	free(d->error);
	d->error = NULL;
	d->field = MF_PRESENT;
	plan_today(d->date);
}

void meeting_draft_free(struct meeting_draft *d)
{
	if (!d)
		return;
	meeting_draft_reset(d);
	sb_free(&d->notes);
	sb_free(&d->entry);
	free(d);
}

int meeting_draft_dirty(const struct meeting_draft *d)
{
	return d->present.n || d->notes.len || d->entry.len || d->what.n;
}

int meeting_draft_height(const struct meeting_draft *d)
{
	size_t steps = d->what.n ? (d->what.n > 4 ? 5 : d->what.n) : 1;
	return 5 + (int)steps;
}

/* Text as the room may see it: masked when presenting. Caller frees. */
static char *shown(const struct plan_masker *m, enum plan_field_kind kind, const char *s)
{
	return plan_field_show(m, kind, s);
}

/* One labelled line of the panel; the focused field's label is marked. */
static int line(int y, const char *label, int focus, const char *text, attr_t at)
{
	int lw = 12;
	ui_put(y, 1, lw, label, focus ? ui_attr(COL_SELECTED) | A_BOLD : A_BOLD, 1);
	int tw = text_width(text), room = COLS - 3 - lw;
	const char *t = text;
	while (focus && tw > room - 1 && *t) {  /* the end of a long text while typing */
		uint32_t cp;
		size_t k = utf8_decode(t, strlen(t), &cp);
		tw -= text_cp_width(cp);
		t += k ? k : 1;
	}
	ui_put(y, 2 + lw, room, t, at, 1);
	return 2 + lw + text_width(t);
}

void meeting_draft_draw(struct app *a, struct meeting_draft *d, const struct plan *p, int y)
{
	struct plan_masker *m = a->present ? plan_masker_new(p, a->child_word) : NULL;
	char *rule = xasprintf("── Møtet i dag %s · Ctrl-S lagrer alt som ett møte ", d->date);
	ui_put(y, 0, COLS, rule, ui_attr(COL_HEADING) | A_BOLD, 0);
	int rw = text_width(rule);
	for (int x = rw; x < COLS; x++)
		mvaddstr(y, x, "─");
	free(rule);
	y++;
	/* who is present */
	struct strbuf who = {0};
	for (size_t i = 0; i < d->present.n; i++) {
		char *s = shown(m, PF_TEXT, d->present.v[i]);
		sb_printf(&who, "%s%s", i ? ", " : "", s);
		free(s);
	}
	if (who.len)
		line(y++, "Til stede", d->field == MF_PRESENT, sb_str(&who), A_NORMAL);
	else
		line(y++, "Til stede", d->field == MF_PRESENT, "Enter: velg fra stafettloggens personer og tjenester",
		     ui_attr(COL_DIM));
	sb_free(&who);
	/* the notes */
	char *notes = shown(m, PF_TEXT, sb_str(&d->notes));
	int end = line(y, "Notater", d->field == MF_NOTES, d->notes.len ? notes : "", A_UNDERLINE);
	if (d->field == MF_NOTES) {
		a->cursor_y = y;
		a->cursor_x = end;
	} else if (!d->notes.len) {
		ui_put(y, 14, COLS - 15, "hva ble sagt og bestemt (Tab hit for å skrive)", ui_attr(COL_DIM), 0);
	}
	free(notes);
	y++;
	/* the steps agreed so far: the newest stays in view */
	if (!d->what.n)
		line(y++, "Avtalt", 0, "ingen steg ennå", ui_attr(COL_DIM));
	size_t first = d->what.n > 4 ? d->what.n - 4 : 0;
	if (first) {
		char *more = xasprintf("(%zu tidligere avtalt i dette møtet)", first);
		line(y++, "Avtalt", 0, more, ui_attr(COL_DIM));
		free(more);
	}
	for (size_t i = first; i < d->what.n; i++) {
		char *w = shown(m, PF_TEXT, d->what.v[i]), *o = shown(m, PF_TEXT, d->who.v[i]);
		char *t = xasprintf("%zu. %s – %s – frist %s", i + 1, w, o, d->due.v[i]);
		line(y++, first || i > first ? "" : "Avtalt", 0, t, ui_attr(COL_MARK) | A_BOLD);
		free(t);
		free(w);
		free(o);
	}
	/* the step being typed */
	char *entry = shown(m, PF_TEXT, sb_str(&d->entry));
	end = line(y, "Nytt steg", d->field == MF_STEP, entry, A_UNDERLINE);
	if (d->field == MF_STEP) {
		a->cursor_y = y;
		a->cursor_x = end;
	}
	free(entry);
	y++;
	if (d->error)
		ui_put(y, 1, COLS - 2, d->error, ui_attr(COL_ERROR), 1);
	else
		ui_put(y, 1, COLS - 2, d->field == MF_STEP
		       ? "Skriv: hva ; ansvarlig ; frist (ÅÅÅÅ-MM-DD) – Enter legger steget til møtet"
		       : "Tab: neste felt · Ctrl-S lagrer møtet · Esc tilbake", ui_attr(COL_DIM), 1);
	a->footer = " Tab neste felt  Enter velg / legg til  Ctrl-S lagrer møtet  Esc tilbake  ? hjelp";
	plan_masker_free(m);
}

static void set_error(struct meeting_draft *d, const char *msg)
{
	free(d->error);
	d->error = msg ? xstrdup(msg) : NULL;
	ui_sentence(d->error);
}

/* Text typed into the notes or the step line. */
int meeting_draft_key(struct app *a, struct meeting_draft *d, wint_t ch, int is_code)
{
	(void)a;
	if (d->field == MF_PRESENT)
		return UI_UNHANDLED;  /* keys there are commands (V, P, q, ?) */
	struct strbuf *sb = d->field == MF_NOTES ? &d->notes : &d->entry;
	if ((is_code && ch == KEY_BACKSPACE) || (!is_code && (ch == 127 || ch == 8))) {
		if (!sb->len && d->field == MF_STEP && d->what.n) {
			/* the last agreed step back into the line, to correct it */
			size_t n = d->what.n - 1;
			sb_printf(sb, "%s ; %s ; %s", d->what.v[n], d->who.v[n], d->due.v[n]);
			free(d->what.v[n]);
			free(d->who.v[n]);
			free(d->due.v[n]);
			d->what.n = d->who.n = d->due.n = n;
			return UI_HANDLED;
		}
		while (sb->len && (sb->buf[sb->len - 1] & 0xC0) == 0x80)
			sb->len--;
		if (sb->len)
			sb->buf[--sb->len] = '\0';
		return UI_HANDLED;
	}
	if (!is_code && ch == 21) {  /* Ctrl-U */
		sb_reset(sb);
		return UI_HANDLED;
	}
	if (!is_code && ch >= 32 && !text_is_control((uint32_t)ch)) {
		if (sb->len < 20000) {
			char buf[4];
			sb_add(sb, buf, utf8_encode(ch, buf));
		}
		set_error(d, NULL);
		return UI_HANDLED;
	}
	return UI_UNHANDLED;
}

/* The typed step line into the agreed list, or a message on what is wrong. */
static void add_step(struct meeting_draft *d)
{
	struct strvec parts = {0};
	sv_split(&parts, sb_str(&d->entry), ';');
	for (size_t i = 0; i < parts.n; i++)
		str_trim(parts.v[i]);
	if (!d->entry.len)
		set_error(d, "Skriv steget først: hva ; ansvarlig ; frist (ÅÅÅÅ-MM-DD)");
	else if (parts.n != 3 || !*parts.v[0] || !*parts.v[1])
		set_error(d, "Skriv tre deler skilt med semikolon: hva ; ansvarlig ; frist (ÅÅÅÅ-MM-DD)");
	else if (!plan_date_valid(parts.v[2])) {
		char *msg = xasprintf("Fristen «%s» er ikke en dato: skriv ÅÅÅÅ-MM-DD", parts.v[2]);
		set_error(d, msg);
		free(msg);
	} else {
		sv_push(&d->what, parts.v[0]);
		sv_push(&d->who, parts.v[1]);
		sv_push(&d->due, parts.v[2]);
		sb_reset(&d->entry);
		set_error(d, NULL);
	}
	sv_free(&parts);
}

struct present_ctx {
	struct meeting_draft *d;
};

/* The people and services of the plan, as the picker lists them. */
static struct view *present_picker(struct app *a, struct meeting_draft *d, const struct plan *p)
{
	struct plan_masker *m = a->present ? plan_masker_new(p, a->child_word) : NULL;
	struct strvec labels = {0}, codes = {0};
	for (size_t i = 0; i < p->n_people; i++) {
		const struct plan_person *pp = &p->people[i];
		char *code = *pp->role ? xasprintf("%s (%s)", pp->name, pp->role) : xstrdup(pp->name);
		char *name = plan_field_show(m, PF_PERSON, pp->name), *role = plan_field_show(m, PF_TEXT, pp->role);
		sv_push_owned(&labels, *role ? xasprintf("%s (%s)", name, role) : xstrdup(name));
		sv_push_owned(&codes, code);
		free(name);
		free(role);
	}
	const struct plan_holder *h = plan_holder(p);
	if (h) {
		char *name = plan_field_show(m, PF_PERSON, h->name);
		sv_push_owned(&labels, xasprintf("%s (stafettholder)", name));
		sv_push_owned(&codes, xasprintf("%s (stafettholder)", h->name));
		free(name);
	}
	for (size_t i = 0; i < p->n_services; i++) {
		sv_push(&labels, p->services[i].name);
		sv_push(&codes, p->services[i].name);
	}
	/* someone chosen earlier who is no longer listed stays choosable */
	for (size_t i = 0; i < d->present.n; i++) {
		int listed = 0;
		for (size_t k = 0; k < codes.n && !listed; k++)
			listed = strcmp(codes.v[k], d->present.v[i]) == 0;
		if (!listed) {
			sv_push_owned(&labels, plan_field_show(m, PF_TEXT, d->present.v[i]));
			sv_push(&codes, d->present.v[i]);
		}
	}
	plan_masker_free(m);
	struct view *v = picker_strings_new("Til stede", &labels, &codes,
					    &d->present, NULL, NULL);
	sv_free(&labels);
	sv_free(&codes);
	return v;
}

/* Save the meeting: one transaction. Returns the new meeting's number, or
 * 0 (the reason is shown in the panel). */
static int save(struct app *a, struct meeting_draft *d, long plan_id)
{
	if (d->entry.len) {
		add_step(d);  /* a step typed but not yet added is part of the meeting */
		if (d->error)
			return 0;
	}
	if (!d->notes.len) {
		d->field = MF_NOTES;
		set_error(d, "Skriv notater fra møtet før det lagres (hva ble sagt og bestemt).");
		return 0;
	}
	struct strbuf who = {0};
	for (size_t i = 0; i < d->present.n; i++)
		sb_printf(&who, "%s%s", i ? ", " : "", d->present.v[i]);
	struct plan_step_input *steps = xcalloc(d->what.n + 1, sizeof *steps);
	for (size_t i = 0; i < d->what.n; i++)
		steps[i] = (struct plan_step_input){d->what.v[i], d->who.v[i], d->due.v[i], NULL, NULL};
	struct plan_meeting_input in = {d->date, sb_str(&who), sb_str(&d->notes), NULL, 0, steps, d->what.n};
	struct strbuf err = {0};
	int no = 0;
	int rc = plan_add_meeting(a->db, plan_id, &in, &no, &err);
	if (rc != PLAN_OK) {
		if (rc == PLAN_REFUSED && !err.len && plan_refusal()->code == PR_ATTENDED_MISSING)
			d->field = MF_PRESENT;  /* Enter there picks who was present */
		ui_refusal_phrase(rc, &err);
		set_error(d, sb_str(&err));
		no = 0;
	} else {
		app_set_message(a, 0, "Møte %d er lagret: %zu til stede, %zu %s.", no, d->present.n, d->what.n,
				d->what.n == 1 ? "avtalt steg" : "avtalte steg");
		meeting_draft_reset(d);
	}
	sb_free(&err);
	sb_free(&who);
	free(steps);
	return no;
}

int meeting_draft_request(struct app *a, struct meeting_draft *d, const struct plan *p, enum ui_action act,
			  int *saved_no)
{
	*saved_no = 0;
	switch (act) {
	case ACT_M_FIELD:
		d->field = (d->field + 1) % MF_COUNT;
		return UI_HANDLED;
	case ACT_M_PREV_FIELD:
		d->field = (d->field + MF_COUNT - 1) % MF_COUNT;
		return UI_HANDLED;
	case ACT_M_ENTER:
		if (d->field == MF_PRESENT)
			app_push(a, present_picker(a, d, p));
		else if (d->field == MF_NOTES)
			d->field = MF_STEP;
		else
			add_step(d);
		return UI_HANDLED;
	case ACT_M_SAVE:
		*saved_no = save(a, d, p->id);
		return UI_HANDLED;
	default:
		return UI_UNHANDLED;
	}
}
