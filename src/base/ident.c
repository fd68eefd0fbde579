/* ident.c - the acting login (from the passwd entry of the effective uid,
 * or the login a database server authenticated)
 * and SHA-256 through OpenSSL's EVP interface. OpenSSL's libcrypto is the
 * well-kept, FIPS-reviewed implementation every Debian system already
 * has; a hand-written hash has no place in a tamper-evident log. */
#include "trapp/ident.h"
#include "trapp/util.h"

#include <openssl/evp.h>
#include <pwd.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static char login[72];

void ident_use_server_login(const char *name)
{
	snprintf(login, sizeof login, "%s", name);
}

const char *ident_login(void)
{
	if (login[0])
		return login;
	uid_t uid = geteuid();
	struct passwd *pw = getpwuid(uid);
	if (pw && pw->pw_name && ident_login_valid(pw->pw_name))
		snprintf(login, sizeof login, "%s", pw->pw_name);
	else
		snprintf(login, sizeof login, "uid-%lu", (unsigned long)uid);
	return login;
}

int ident_login_valid(const char *s)
{
	size_t n = s ? strlen(s) : 0;
	if (n == 0 || n > 64)
		return 0;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p <= ' ' || *p == 0x7f || *p == '|' || *p == ':' || *p == '/')
			return 0;
	return 1;
}

void ident_sha256_hex(const void *data, size_t len, char out[IDENT_SHA256_HEX])
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int mdlen = 0;
	if (EVP_Digest(data, len, md, &mdlen, EVP_sha256(), NULL) != 1 || mdlen != 32)
		die("SHA-256 feilet i libcrypto");
	for (unsigned int i = 0; i < mdlen; i++)
		snprintf(out + 2 * i, 3, "%02x", md[i]);
	out[64] = '\0';
}
