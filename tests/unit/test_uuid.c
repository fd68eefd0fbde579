/* test_uuid.c - version 5 UUIDs against RFC 4122 / Python's uuid.uuid5,
 * including the ids trapp's HSDS exports have always had (a re-export after
 * the switch to libuuid must keep them). */
#include "check.h"
#include "trapp/hsds.h"
#include "trapp/uuid.h"

#include <string.h>

void test_uuid(void)
{
	/* uuid.uuid5(uuid.NAMESPACE_DNS, "python.org") */
	static const unsigned char dns[16] = {0x6b, 0xa7, 0xb8, 0x10, 0x9d, 0xad, 0x11, 0xd1,
					      0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8};
	char u[UUID_STR_LEN];
	uuid_v5(dns, "python.org", u);
	CHECK(strcmp(u, "886313e1-3b8a-5372-9b90-0c9aee199e5d") == 0, "uuid5 python.org: %s", u);
	/* trapp's namespace is uuid5(NAMESPACE_URL, "urn:trapp:hsds"); the
	 * expected ids are Python's uuid.uuid5(namespace, name) */
	static const char *const known[][2] = {
		{"service/tromso/smiso-troms", "92200432-762c-54da-99ca-c123a65e23f9"},
		{"organization/tromso", "2fc1d66f-d375-5225-a3e6-b01ec2d1bbfb"},
		{"need/rus", "db87eb2d-8284-532b-9270-8f974e2d4051"},
		{"level/prevention3/indikert", "0f8fc8b1-ee0f-5326-8bb1-e84a5d9f26cc"},
		{"service/tromso/\xc3\xa6\xc3\xb8\xc3\xa5", "2767870b-2b02-5526-94af-df62d9df8f87"},
	};
	for (size_t i = 0; i < sizeof known / sizeof known[0]; i++) {
		uuid_v5(hsds_namespace, known[i][0], u);
		CHECK(strcmp(u, known[i][1]) == 0, "uuid5 %s: %s", known[i][0], u);
	}
}
