/* csvin.c - the CSV reader and writer. libcsv does the quoting rules; this
 * file adds what it lacks: line numbers (one physical line per csv_parse
 * call), BOM stripping, NUL and UTF-8 checks, encoding conversion with
 * iconv (refusing files that mix UTF-8 with another encoding), delimiter
 * detection, a field size limit, and formula-safe output. */
#include "trapp/csvin.h"
#include "trapp/text.h"
#include "trapp/util.h"

#include <csv.h>
#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>

#define DEFAULT_MAX_FIELD (1u << 20)
#define CHUNK (64u << 10)  /* bytes per csv_parse call at most; libcsv's buffer step */

struct pstate {
	struct strvec fields;
	struct strbuf lens;    /* size_t array */
	long line;             /* physical line being fed */
	long start;            /* line where the current record began */
	size_t max_field;
	int too_big;
	long too_big_line;
	csvin_fn fn;
	void *ctx;
	int stop;
};

static void on_field(void *data, size_t n, void *p)
{
	struct pstate *st = p;
	if (n > st->max_field && !st->too_big) {
		st->too_big = 1;
		st->too_big_line = st->start;
	}
	sv_push_owned(&st->fields, xstrndup(data ? data : "", data ? n : 0));
	sb_add(&st->lens, (const char *)&n, sizeof n);
}

static void on_record(int c, void *p)
{
	(void)c;
	struct pstate *st = p;
	if (!st->stop && !st->too_big) {
		struct csv_record rec = {st->start, st->fields.n, st->fields.v,
					 (size_t *)(void *)st->lens.buf};
		st->stop = st->fn(st->ctx, &rec);
	}
	sv_free(&st->fields);
	sb_reset(&st->lens);
}

/* Count delimiter candidates on the first line outside quotes. */
static char detect_delim(const char *s, size_t n)
{
	size_t c[3] = {0, 0, 0};
	int q = 0;
	for (size_t i = 0; i < n && (q || (s[i] != '\n' && s[i] != '\r')); i++) {
		if (s[i] == '"')
			q = !q;
		else if (!q && s[i] == ',')
			c[0]++;
		else if (!q && s[i] == ';')
			c[1]++;
		else if (!q && s[i] == '\t')
			c[2]++;
	}
	if (c[2] >= c[0] && c[2] >= c[1] && c[2])
		return '\t';
	if (c[1] > c[0])
		return ';';
	return ',';
}

/* Convert from enc to UTF-8. Returns 0, or -1 with err set. */
static int convert(const char *in, size_t n, const char *enc, char **out, size_t *outlen,
		   struct strbuf *err)
{
	iconv_t cd = iconv_open("UTF-8", enc);
	if (cd == (iconv_t)-1) {
		sb_printf(err, "Ukjent tegnkoding «%s»", enc);
		return -1;
	}
	size_t cap = n * 3 + 16, left = cap;
	char *buf = xmalloc(cap), *op = buf;
	char *ip = (char *)in;
	size_t il = n;
	int rc = 0;
	if (iconv(cd, &ip, &il, &op, &left) == (size_t)-1) {
		sb_printf(err, "Byte 0x%02X ved posisjon %zu kan ikke leses som %s",
			  (unsigned char)*ip, (size_t)(ip - in), enc);
		rc = -1;
	}
	iconv_close(cd);
	if (rc) {
		free(buf);
		return -1;
	}
	*out = buf;
	*outlen = cap - left;
	return 0;
}

static long line_of(const char *s, size_t off)
{
	long line = 1;
	for (size_t i = 0; i < off; i++)
		if (s[i] == '\n')
			line++;
	return line;
}

/* Offset of the first valid multi-byte UTF-8 sequence, or n. A file that
 * has one and is still not valid UTF-8 mixes encodings: converting it as
 * Windows-1252 would garble the UTF-8 part («Ã¸» for «ø»). */
static size_t first_multibyte(const char *s, size_t n)
{
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t k = utf8_decode(s + i, n - i, &cp);
		if (k > 1)
			return i;
		i += k;
	}
	return n;
}

/* Decide the encoding and produce UTF-8 text in *text (maybe == buf). */
static int to_utf8(const char *buf, size_t len, const struct csvin_opts *o,
		   struct csvin_info *info, char **conv, const char **text, size_t *tlen,
		   struct strbuf *err)
{
	*conv = NULL;
	const char *enc = o->encoding;
	if (enc && (strcasecmp(enc, "utf-8") == 0 || strcasecmp(enc, "utf8") == 0))
		enc = NULL;
	if (!enc) {
		size_t bad = utf8_invalid_at(buf, len);
		if (bad == len) {
			info->encoding = "UTF-8";
			*text = buf;
			*tlen = len;
			return 0;
		}
		if (o->encoding) {
			sb_printf(err, "linje %ld: ugyldig UTF-8 (byte 0x%02X)", line_of(buf, bad),
				  (unsigned char)buf[bad]);
			return -1;
		}
		size_t mb = first_multibyte(buf, len);
		if (mb < len) {
			sb_printf(err, "linje %ld: blandet tegnkoding: linje %ld er UTF-8, men byte 0x%02X"
				  " her er ikke gyldig UTF-8; lagre filen med én tegnkoding, eller velg"
				  " med --encoding", line_of(buf, bad), line_of(buf, mb),
				  (unsigned char)buf[bad]);
			return -1;
		}
		enc = "WINDOWS-1252";
	}
	if (convert(buf, len, enc, conv, tlen, err) != 0) {
		if (o->encoding || strcmp(enc, "WINDOWS-1252") != 0)
			return -1;
		/* bytes 0x81 0x8D 0x8F 0x90 0x9D: fall back to ISO-8859-1 */
		sb_reset(err);
		enc = "ISO-8859-1";
		if (convert(buf, len, enc, conv, tlen, err) != 0)
			return -1;
	}
	info->encoding = strcmp(enc, "WINDOWS-1252") == 0 ? "WINDOWS-1252"
			 : strcmp(enc, "ISO-8859-1") == 0 ? "ISO-8859-1" : "annen";
	*text = *conv;
	return 0;
}

int csvin_parse(const char *buf, size_t len, const struct csvin_opts *o,
		csvin_fn fn, void *ctx, struct csvin_info *info, struct strbuf *err)
{
	struct csvin_info dummy;
	if (!info)
		info = &dummy;
	memset(info, 0, sizeof *info);
	const char *nul = memchr(buf, '\0', len);
	if (nul) {
		sb_printf(err, "linje %ld: filen inneholder NUL-byte (binærfil?)",
			  line_of(buf, (size_t)(nul - buf)));
		return -1;
	}
	if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0) {
		info->had_bom = 1;
		buf += 3;
		len -= 3;
	}
	char *conv;
	const char *text;
	size_t tlen;
	if (to_utf8(buf, len, o, info, &conv, &text, &tlen, err) != 0)
		return -1;
	info->delim = o->delim ? o->delim : detect_delim(text, tlen);

	struct csv_parser p;
	if (csv_init(&p, CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) {
		free(conv);
		sb_puts(err, "Kunne ikke starte CSV-leseren");
		return -1;
	}
	csv_set_delim(&p, (unsigned char)info->delim);
	csv_set_blk_size(&p, CHUNK);  /* default 128: a 1 MiB field took 8 000 reallocs */
	struct pstate st = {0};
	st.max_field = o->max_field ? o->max_field : DEFAULT_MAX_FIELD;
	st.fn = fn;
	st.ctx = ctx;
	int rc = 0;
	size_t off = 0;
	/* One physical line per call, long lines in chunks: the field limit is
	 * checked after each, so a huge field stops early. */
	int line_start = 1;
	while (off < tlen && !st.stop && !st.too_big) {
		size_t room = tlen - off < CHUNK ? tlen - off : CHUNK;
		const char *nl = memchr(text + off, '\n', room);
		size_t n = nl ? (size_t)(nl - (text + off)) + 1 : room;
		if (line_start) {
			st.line++;
			if (p.pstate == 0)  /* libcsv's ROW_NOT_BEGUN: a record may start here */
				st.start = st.line;
		}
		line_start = nl != NULL;
		if (csv_parse(&p, text + off, n, on_field, on_record, &st) != n) {
			sb_printf(err, "linje %ld: %s (uavsluttet eller feilplassert anførselstegn?)",
				  st.start, csv_strerror(csv_error(&p)));
			rc = -1;
			break;
		}
		if (p.entry_pos > st.max_field && !st.too_big) {
			/* stop before buffering an endless field */
			st.too_big = 1;
			st.too_big_line = st.start;
		}
		off += n;
	}
	if (rc == 0 && !st.stop && !st.too_big &&
	    ((p.pstate == 2 && p.quoted) ||  /* FIELD_BEGUN inside quotes at the end */
	     csv_fini(&p, on_field, on_record, &st) != 0)) {
		sb_printf(err, "linje %ld: anførselstegn åpnet men aldri lukket", st.start);
		rc = -1;
	}
	if (rc == 0 && st.too_big) {
		sb_printf(err, "linje %ld: et felt er større enn %zu byte", st.too_big_line,
			  st.max_field);
		rc = -1;
	}
	if (rc == 0 && st.stop)
		rc = st.stop;
	info->lines = st.line;
	csv_free(&p);
	sv_free(&st.fields);
	sb_free(&st.lens);
	free(conv);
	return rc;
}

void csvout_field(FILE *fp, const char *s, char delim, int first, int neutralise)
{
	if (!first)
		fputc(delim, fp);
	if (!s)
		s = "";
	if (neutralise && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' ||
			   s[0] == '\t' || s[0] == '\r')) {
		char *t = xasprintf("'%s", s);
		csv_fwrite(fp, t, strlen(t));
		free(t);
		return;
	}
	int needs_quote = s[0] != '\0' && (strpbrk(s, "\"\r\n") != NULL || strchr(s, delim) != NULL ||
					    s[0] == ' ' || s[strlen(s) - 1] == ' ');
	if (needs_quote)
		csv_fwrite(fp, s, strlen(s));
	else
		fputs(s, fp);
}

void csvout_end(FILE *fp) { fputc('\n', fp); }
