/* due_ics.c - writes the due list as an RFC 5545 iCalendar file with
 * libical (Debian libical-dev): libical builds the components and does
 * the escaping (commas, semicolons, backslashes, line breaks) and the
 * line folding at 75 octets that calendar programs expect, which is
 * where hand-written .ics files usually go wrong. Every event is an
 * all-day event (DTSTART;VALUE=DATE and DTEND the next day) with a UID
 * made of the plan number, the kind, the item number and the date only,
 * so importing a newer file again updates the same events. */
#include "trapp/due_ics.h"

#include <libical/ical.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

const char *due_kind_word(enum plan_due_kind k)
{
	switch (k) {
	case DUE_STEP: return "frist";
	case DUE_EVALUATION: return "evaluering";
	case DUE_CONSENT: return "samtykke";
	case DUE_HANDOVER: return "overføring";
	case DUE_MEETING: return "møte";
	}
	return "?";
}

static struct icaltimetype ics_date(const char *iso)
{
	struct icaltimetype t = icaltime_null_date();
	t.year = atoi(iso);
	t.month = atoi(iso + 5);
	t.day = atoi(iso + 8);
	t.is_date = 1;
	return t;
}

/* The summary a calendar shows: "Frist steg 2 – stafettlogg 7 (A.B.)". */
static char *summary(const struct plan_due *d)
{
	switch (d->kind) {
	case DUE_STEP:
		return xasprintf("%sFrist steg %d – stafettlogg %ld (%s)", d->overdue ? "Forfalt: " : "", d->step,
				 d->plan_id, d->child);
	case DUE_EVALUATION:
		return xasprintf("Evaluering steg %d – stafettlogg %ld (%s)", d->step, d->plan_id, d->child);
	case DUE_CONSENT:
		return xasprintf("Samtykke – stafettlogg %ld (%s)", d->plan_id, d->child);
	case DUE_HANDOVER:
		return xasprintf("Overføring venter på aksept – stafettlogg %ld (%s)", d->plan_id, d->child);
	case DUE_MEETING:
		return xasprintf("Møte %d – stafettlogg %ld (%s)", d->step, d->plan_id, d->child);
	}
	return xstrdup("?");
}

static icalcomponent *event(const struct plan_due *d, struct icaltimetype stamp)
{
	if (!plan_date_valid(d->date))
		return NULL;
	icalcomponent *ev = icalcomponent_new(ICAL_VEVENT_COMPONENT);
	char uid[128];
	snprintf(uid, sizeof uid, "trapp-plan%ld-%s%d-%.4s%.2s%.2s@trapp", d->plan_id,
		 d->kind == DUE_STEP ? "frist" : d->kind == DUE_EVALUATION ? "evaluering"
		 : d->kind == DUE_CONSENT ? "samtykke" : d->kind == DUE_HANDOVER ? "overforing" : "mote",
		 d->step, d->date, d->date + 5, d->date + 8);
	icalcomponent_add_property(ev, icalproperty_new_uid(uid));
	icalcomponent_add_property(ev, icalproperty_new_dtstamp(stamp));
	struct icaltimetype start = ics_date(d->date), end = start;
	icaltime_adjust(&end, 1, 0, 0, 0);
	icalcomponent_add_property(ev, icalproperty_new_dtstart(start));
	icalcomponent_add_property(ev, icalproperty_new_dtend(end));
	char *sum = summary(d);
	icalcomponent_add_property(ev, icalproperty_new_summary(sum));
	free(sum);
	struct strbuf desc = {0};
	sb_puts(&desc, d->what);
	if (*d->who)
		sb_printf(&desc, "\n%s: %s", d->kind == DUE_MEETING ? "Til stede" : d->kind == DUE_HANDOVER
			  ? "Ny stafettholder" : "Ansvarlig", d->who);
	icalcomponent_add_property(ev, icalproperty_new_description(sb_str(&desc)));
	sb_free(&desc);
	icalcomponent_add_property(ev, icalproperty_new_categories(due_kind_word(d->kind)));
	icalcomponent_add_property(ev, icalproperty_new_transp(ICAL_TRANSP_TRANSPARENT));
	return ev;
}

int due_ics_write(struct strbuf *out, const struct plan_due *d, size_t n, struct strbuf *err)
{
	icalcomponent *cal = icalcomponent_new(ICAL_VCALENDAR_COMPONENT);
	if (!cal) {
		sb_printf(err, "Kunne ikke lage kalenderen: %s", icalerror_strerror(icalerrno));
		return -1;
	}
	icalcomponent_add_property(cal, icalproperty_new_version("2.0"));
	icalcomponent_add_property(cal, icalproperty_new_prodid("-//trapp//Frister i stafettlogger//NO"));
	icalcomponent_add_property(cal, icalproperty_new_calscale("GREGORIAN"));
	icalcomponent_add_property(cal, icalproperty_new_method(ICAL_METHOD_PUBLISH));
	icalcomponent_add_property(cal, icalproperty_new_x("Frister (trapp)"));
	icalproperty_set_x_name(icalcomponent_get_first_property(cal, ICAL_X_PROPERTY), "X-WR-CALNAME");
	struct icaltimetype stamp = icaltime_from_timet_with_zone(time(NULL), 0, icaltimezone_get_utc_timezone());
	for (size_t i = 0; i < n; i++) {
		icalcomponent *ev = event(&d[i], stamp);
		if (ev)
			icalcomponent_add_component(cal, ev);
	}
	char *text = icalcomponent_as_ical_string_r(cal);
	icalcomponent_free(cal);
	if (!text) {
		sb_printf(err, "Kunne ikke skrive kalenderen: %s", icalerror_strerror(icalerrno));
		return -1;
	}
	sb_puts(out, text);
	free(text);
	return 0;
}
