/* test_uuid.c - SHA-1 against the FIPS 180 examples and version 5 UUIDs
 * against RFC 4122 / Python's uuid.uuid5. */
#include "check.h"
#include "trapp/hsds.h"
#include "trapp/uuid.h"

#include <string.h>

static void hex(const unsigned char *d, size_t n, char *out)
{
	for (size_t i = 0; i < n; i++)
		sprintf(out + 2 * i, "%02x", d[i]);
}

void test_uuid(void)
{
	unsigned char d[20];
	char h[41];
	uuid_sha1("abc", 3, d);
	hex(d, 20, h);
	CHECK(strcmp(h, "a9993e364706816aba3e25717850c26c9cd0d89d") == 0, "sha1 %s", h);
	uuid_sha1("", 0, d);
	hex(d, 20, h);
	CHECK(strcmp(h, "da39a3ee5e6b4b0d3255bfef95601890afd80709") == 0, "sha1 %s", h);
	const char *two = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";  /* 56 bytes */
	uuid_sha1(two, strlen(two), d);
	hex(d, 20, h);
	CHECK(strcmp(h, "84983e441c3bd26ebaae4aa1f95129e5e54670f1") == 0, "sha1 %s", h);
	char big[1000];
	memset(big, 'a', sizeof big);
	uuid_sha1(big, sizeof big, d);
	hex(d, 20, h);
	CHECK(strcmp(h, "291e9a6c66994949b57ba5e650361e98fc36b1ba") == 0, "sha1 %s", h);

	/* uuid.uuid5(uuid.NAMESPACE_DNS, "python.org") */
	static const unsigned char dns[16] = {0x6b, 0xa7, 0xb8, 0x10, 0x9d, 0xad, 0x11, 0xd1,
					      0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8};
	char u[UUID_STR_LEN];
	uuid_v5(dns, "python.org", u);
	CHECK(strcmp(u, "886313e1-3b8a-5372-9b90-0c9aee199e5d") == 0, "uuid5 python.org: %s", u);
	/* trapp's namespace is uuid5(NAMESPACE_URL, "urn:trapp:hsds") */
	uuid_v5(hsds_namespace, "service/tromso/smiso-troms", u);
	CHECK(strlen(u) == 36 && u[14] == '5' && strchr("89ab", u[19]), "version 5, RFC variant: %s", u);
}
