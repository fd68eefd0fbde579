/* uuid.h - stable identifiers for exported records: SHA-1 and RFC 4122
 * version 5 (name-based) UUIDs, so the same kommune and service get the
 * same id in every export. */
#ifndef TRAPP_UUID_H
#define TRAPP_UUID_H

#include <stddef.h>

#define UUID_STR_LEN 37  /* 36 characters and the NUL */

/* SHA-1 of n bytes (FIPS 180-4). */
void uuid_sha1(const void *data, size_t n, unsigned char out[20]);
/* The version 5 UUID of name in namespace ns, lower-case with dashes. */
void uuid_v5(const unsigned char ns[16], const char *name, char out[UUID_STR_LEN]);

#endif
