/* util.h - small helpers shared by every module: checked allocation, a
 * growable string buffer, a string vector and the fatal-error exit that
 * restores the terminal first. */
#ifndef TRAPP_UTIL_H
#define TRAPP_UTIL_H

#include <stdarg.h>
#include <stddef.h>

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Called by die() before printing, so the terminal is usable again. */
void util_set_die_hook(void (*hook)(void));
_Noreturn void die(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* "trapp: Message" on stderr, the first letter upper-cased (error texts
 * begin with a capital letter; a leading file name stays as it is). */
void util_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Growable NUL-terminated byte buffer. Zero-initialise, free with sb_free. */
struct strbuf {
	char *buf;
	size_t len, cap;
};
void sb_add(struct strbuf *sb, const char *s, size_t n);
void sb_puts(struct strbuf *sb, const char *s);
void sb_putc(struct strbuf *sb, char c);
void sb_printf(struct strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void sb_vprintf(struct strbuf *sb, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
const char *sb_str(const struct strbuf *sb);   /* never NULL */
char *sb_steal(struct strbuf *sb);             /* caller frees */
void sb_reset(struct strbuf *sb);
void sb_free(struct strbuf *sb);

/* Vector of owned strings. */
struct strvec {
	char **v;
	size_t n, cap;
};
void sv_push(struct strvec *sv, const char *s);  /* copies s */
void sv_push_owned(struct strvec *sv, char *s);  /* takes s */
void sv_free(struct strvec *sv);
/* Split s on sep (single char), trimming spaces; empty parts skipped. */
void sv_split(struct strvec *sv, const char *s, char sep);
char *sv_join(const struct strvec *sv, const char *sep);

/* Whole-file read; returns 0 or -1 with errno set. *out is NUL-terminated. */
int read_file(const char *path, char **out, size_t *len);
/* Trim ASCII whitespace in place; returns s. */
char *str_trim(char *s);
int str_eq(const char *a, const char *b);   /* NULL-safe */
int str_empty(const char *s);               /* NULL or "" */
/* Parse a non-negative decimal integer in [lo,hi]; returns 0 on success. */
int parse_int(const char *s, long lo, long hi, long *out);
/* A stored UTC time "2025-09-01T10:00:00Z" as local time (TZ)
 * "2025-09-01 12:00" into out; anything else is copied as it is.
 * Times are stored in UTC and shown in local time. */
void time_local(const char *utc, char *out, size_t n);

#endif
