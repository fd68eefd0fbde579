/* csvin.h - reading delimited text files as people export them, on top of
 * libcsv: detects the delimiter (comma, semicolon, tab), the encoding
 * (UTF-8 with or without BOM, else Windows-1252 / ISO-8859-1 via iconv),
 * and reports every record with the physical line it starts on. Also the
 * writer side: one CSV field at a time, with formula neutralisation. */
#ifndef TRAPP_CSVIN_H
#define TRAPP_CSVIN_H

#include <stddef.h>
#include <stdio.h>

struct csv_record {
	long line;        /* 1-based physical line where the record starts */
	size_t n;         /* number of fields */
	char **f;         /* NUL-terminated UTF-8 fields */
	size_t *len;      /* byte lengths */
};

/* Return 0 to continue, non-zero to stop parsing. */
typedef int (*csvin_fn)(void *ctx, const struct csv_record *rec);

struct csvin_opts {
	char delim;            /* 0 = detect */
	const char *encoding;  /* NULL = detect; "UTF-8", "WINDOWS-1252", "ISO-8859-1" */
	size_t max_field;      /* 0 = default (1 MiB) */
};

struct csvin_info {
	char delim;
	const char *encoding;  /* what was used (static string) */
	int had_bom;
	long lines;
};

/* Parse buf. On failure returns -1 and writes a one-line message (with the
 * line number where known) to err; the callback's non-zero return stops
 * the parse and is returned as is. */
struct strbuf;
int csvin_parse(const char *buf, size_t len, const struct csvin_opts *o,
		csvin_fn fn, void *ctx, struct csvin_info *info, struct strbuf *err);

/* Write one field (quoted when needed) / end a record. When neutralise is
 * set, cells starting with = + - @ TAB or CR get a leading apostrophe. */
void csvout_field(FILE *fp, const char *s, char delim, int first, int neutralise);
void csvout_end(FILE *fp);

#endif
