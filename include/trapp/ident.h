/* ident.h - who is at the keyboard, and SHA-256. The acting user is the
 * operating-system login of the effective uid (getpwuid(geteuid())),
 * never $USER or anything another user can set. SHA-256 comes from
 * OpenSSL's libcrypto (EVP API); digests are lowercase hex. */
#ifndef TRAPP_IDENT_H
#define TRAPP_IDENT_H

#include <stddef.h>

#define IDENT_SHA256_HEX 65  /* 64 hex digits and NUL */

/* The login name of the effective uid ("uid-1234" when the uid has no
 * passwd entry). Static storage, computed once per process. */
const char *ident_login(void);
/* 1 when s can be a login: 1-64 bytes, no space, no control character,
 * no '|', no ':' and no '/'. */
int ident_login_valid(const char *s);
/* With a PostgreSQL database the acting user is the login the server
 * authenticated (its current_user), not the OS login: the storage sets it
 * here when it connects, before anything asks ident_login(). */
void ident_use_server_login(const char *name);
/* SHA-256 of data as hex into out. Dies if libcrypto fails (it does not
 * for SHA-256 short of memory exhaustion). */
void ident_sha256_hex(const void *data, size_t len, char out[IDENT_SHA256_HEX]);

#endif
