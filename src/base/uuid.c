/* uuid.c - name-based (version 5) UUIDs for exported records, made with
 * util-linux's libuuid (uuid_generate_sha1), so trapp carries no SHA-1 of
 * its own. The same namespace and name always give the same id. */
#include "trapp/uuid.h"

#include <string.h>
#include <uuid/uuid.h>

void uuid_v5(const unsigned char ns[16], const char *name, char out[UUID_STR_LEN])
{
	uuid_t nsid, u;
	memcpy(nsid, ns, sizeof nsid);
	uuid_generate_sha1(u, nsid, name, strlen(name));
	uuid_unparse_lower(u, out);
}
