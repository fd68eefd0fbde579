/* due_ics.h - the due list as an iCalendar file (RFC 5545, written with
 * libical): one all-day VEVENT per due date, evaluation, consent expiry,
 * waiting hand-over and meeting. A calendar file leaves the machine, so
 * callers pass rows masked as for a projected screen (the child as
 * initials, names in free text replaced); this module adds only trapp's
 * own words, the plan number and the dates. */
#ifndef TRAPP_DUE_ICS_H
#define TRAPP_DUE_ICS_H

#include "trapp/plan.h"
#include "trapp/util.h"

/* The calendar of rows d[0..n) into out (CRLF lines). 0, or -1 with the
 * reason in err. */
int due_ics_write(struct strbuf *out, const struct plan_due *d, size_t n, struct strbuf *err);
/* The word for a row's kind: "frist", "evaluering", "samtykke",
 * "overføring", "møte". */
const char *due_kind_word(enum plan_due_kind k);

#endif
