/* uuid.h - stable identifiers for exported records: RFC 4122 version 5
 * (name-based, SHA-1) UUIDs, so the same kommune and service get the same
 * id in every export. */
#ifndef TRAPP_UUID_H
#define TRAPP_UUID_H

#ifndef UUID_STR_LEN
#define UUID_STR_LEN 37  /* 36 characters and the NUL */
#endif

/* The version 5 UUID of name in namespace ns, lower-case with dashes. */
void uuid_v5(const unsigned char ns[16], const char *name, char out[UUID_STR_LEN]);

#endif
