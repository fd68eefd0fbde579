/* hsds.h - exporting a catalogue as an Open Referral HSDS 3.0 tabular data
 * package: datapackage.json and the official HSDS 3.0 tables organization,
 * service, attribute, taxonomy, taxonomy_term, location,
 * service_at_location, address and schedule (levels and needs as taxonomy
 * terms linked to services; addresses and opening hours where the
 * catalogue has them). Ids are version 5 UUIDs of the kommune, service id
 * and codes, so re-exports keep them. */
#ifndef TRAPP_HSDS_H
#define TRAPP_HSDS_H

#include "trapp/catalog.h"

struct strbuf;

/* The UUID namespace of trapp's HSDS ids (uuid5(NAMESPACE_URL, "urn:trapp:hsds")). */
extern const unsigned char hsds_namespace[16];

/* Write the package into dir (created when missing; the files are
 * replaced). 0, or -1 with the reason in err. */
int hsds_write(const struct catalog *c, const char *dir, struct strbuf *err);

#endif
