/* text.c - locale-independent UTF-8 helpers: decode/validate, folding,
 * ASCII keys and slugs, Norwegian collation and display width. Widths
 * follow Unicode East Asian Wide/Fullwidth ranges and zero-width marks, so
 * results do not change with the user's locale. */
#include "trapp/text.h"
#include "trapp/util.h"

#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include <uninorm.h>

size_t utf8_decode(const char *s, size_t n, uint32_t *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	if (n == 0) {
		*cp = 0;
		return 0;
	}
	unsigned c = u[0];
	size_t len;
	uint32_t v, min;
	if (c < 0x80) {
		*cp = c;
		return 1;
	} else if ((c & 0xE0) == 0xC0) {
		len = 2; v = c & 0x1F; min = 0x80;
	} else if ((c & 0xF0) == 0xE0) {
		len = 3; v = c & 0x0F; min = 0x800;
	} else if ((c & 0xF8) == 0xF0) {
		len = 4; v = c & 0x07; min = 0x10000;
	} else {
		*cp = 0xFFFD;
		return 1;
	}
	if (n < len) {
		*cp = 0xFFFD;
		return 1;
	}
	for (size_t i = 1; i < len; i++) {
		if ((u[i] & 0xC0) != 0x80) {
			*cp = 0xFFFD;
			return 1;
		}
		v = (v << 6) | (u[i] & 0x3F);
	}
	if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) {
		*cp = 0xFFFD;
		return 1;
	}
	*cp = v;
	return len;
}

size_t utf8_encode(uint32_t cp, char out[4])
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	} else if (cp < 0x800) {
		out[0] = (char)(0xC0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	} else if (cp < 0x10000) {
		out[0] = (char)(0xE0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	out[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

size_t utf8_invalid_at(const char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		uint32_t cp;
		if ((unsigned char)s[i] < 0x80) {
			i++;
			continue;
		}
		size_t k = utf8_decode(s + i, n - i, &cp);
		if (cp == 0xFFFD && k == 1)
			return i;
		i += k;
	}
	return n;
}

int utf8_valid(const char *s, size_t n) { return utf8_invalid_at(s, n) == n; }

uint32_t text_fold_cp(uint32_t cp)
{
	if (cp >= 'A' && cp <= 'Z')
		return cp + 32;
	if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7)
		return cp + 32;
	if (cp >= 0x100 && cp <= 0x17F) {
		/* Latin Extended-A: mostly even upper / odd lower pairs */
		if ((cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E))
			return (cp & 1) ? cp + 1 : cp;
		if (cp == 0x178)
			return 0xFF;
		return (cp & 1) ? cp : cp + 1;
	}
	if (cp >= 0x391 && cp <= 0x3AB && cp != 0x3A2)
		return cp + 32;
	if (cp >= 0x410 && cp <= 0x42F)
		return cp + 32;
	if (cp >= 0x400 && cp <= 0x40F)
		return cp + 80;
	return cp;
}

/* A new string with every code point of s passed through fn. */
static char *map_text(const char *s, uint32_t (*fn)(uint32_t))
{
	struct strbuf sb = {0};
	size_t n = strlen(s);
	while (n) {
		uint32_t cp;
		size_t k = utf8_decode(s, n, &cp);
		char out[4];
		sb_add(&sb, out, utf8_encode(fn(cp), out));
		s += k;
		n -= k;
	}
	return sb_steal(&sb);
}

/* NFC through GNU libunistring: text pasted from other systems may spell
 * å as a + U+030A, and both forms must compare equal. Invalid UTF-8 (which
 * u8_normalize refuses) is returned unchanged. */
/* Nothing at or above U+0300 (lead bytes from 0xCC): already NFC. */
static int plainly_nfc(const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p >= 0xCC)
			return 0;
	return 1;
}

char *text_nfc(const char *s)
{
	/* Text below U+0300 (ASCII, Latin-1, Latin Extended, IPA: lead bytes
	 * up to 0xCB) is always NFC: every such character is its own NFC form
	 * (Unicode's NFC quick check says Yes for all of them), and only a
	 * combining mark or Hangul (U+0300 and up) can compose with one.
	 * Ordinary Norwegian text never pays for the normaliser. */
	if (plainly_nfc(s))
		return xstrdup(s);
	size_t n = strlen(s), len = 0;
	uint8_t *r = u8_normalize(UNINORM_NFC, (const uint8_t *)s, n, NULL, &len);
	if (!r)
		return xstrdup(s);
	char *out = xstrndup((const char *)r, len);
	free(r);
	return out;
}

char *text_fold(const char *s)
{
	if (plainly_nfc(s))
		return map_text(s, text_fold_cp);
	char *nfc = text_nfc(s);
	char *f = map_text(nfc, text_fold_cp);
	free(nfc);
	return f;
}

/* ASCII base letters for folded Latin-1 / Latin Extended-A letters. */
const char *text_ascii_base(uint32_t cp)
{
	static const char *latin1[32] = {
		"a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
		"d", "n", "o", "o", "o", "o", "o", NULL, "o", "u", "u", "u", "u", "y", "th", "ss",
	};
	if (cp >= 0xE0 && cp <= 0xFF) {
		if (cp == 0xF7)
			return NULL;
		if (cp == 0xFF)
			return "y";
		return latin1[cp - 0xE0];
	}
	if (cp == 0xDF)
		return "ss";
	if (cp >= 0x100 && cp <= 0x17F) {
		static const char ext[] = "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiiiiijjkkkllllllllllnnnnnnnnnoooooooorrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";
		static const char letters[] = "a\0b\0c\0d\0e\0f\0g\0h\0i\0j\0k\0l\0m\0n\0o\0p\0q\0r\0s\0t\0u\0v\0w\0x\0y\0z";
		size_t i = cp - 0x100;
		if (cp == 0x152 || cp == 0x153)
			return "oe";
		if (i < sizeof ext - 1)
			return letters + 2 * (size_t)(ext[i] - 'a');
	}
	return NULL;
}

char *text_key(const char *s, char sep)
{
	struct strbuf sb = {0};
	size_t n = strlen(s);
	int pending = 0;
	while (n) {
		uint32_t cp;
		size_t k = utf8_decode(s, n, &cp);
		cp = text_fold_cp(cp);
		const char *base = NULL;
		char c[2] = {0, 0};
		if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9')) {
			c[0] = (char)cp;
			base = c;
		} else {
			base = text_ascii_base(cp);
		}
		if (base) {
			if (pending && sep && sb.len)
				sb_putc(&sb, sep);
			pending = 0;
			sb_puts(&sb, base);
		} else {
			pending = 1;
		}
		s += k;
		n -= k;
	}
	return sb_steal(&sb);
}

char *text_slug(const char *s) { return text_key(s, '-'); }

/* Collation weight: letters a-z then æ ø å; digits before letters. */
static uint32_t coll_weight(uint32_t cp)
{
	cp = text_fold_cp(cp);
	if (cp == 0xE6 || cp == 0xE4)         /* æ, ä */
		return 'z' + 1;
	if (cp == 0xF8 || cp == 0xF6)         /* ø, ö */
		return 'z' + 2;
	if (cp == 0xE5)                       /* å */
		return 'z' + 3;
	const char *b = text_ascii_base(cp);
	if (b && cp >= 0x80)
		return (uint32_t)(unsigned char)b[0];
	if (cp >= 0x80)
		return cp + 0x100;
	return cp;
}

char *text_collate_key(const char *s) { return map_text(s, coll_weight); }

int text_collate(const char *a, const char *b)
{
	size_t na = strlen(a), nb = strlen(b);
	while (na && nb) {
		uint32_t ca, cb;
		size_t ka = utf8_decode(a, na, &ca), kb = utf8_decode(b, nb, &cb);
		uint32_t wa = coll_weight(ca), wb = coll_weight(cb);
		if (wa != wb)
			return wa < wb ? -1 : 1;
		a += ka; na -= ka;
		b += kb; nb -= kb;
	}
	if (na || nb)
		return na ? 1 : -1;
	return 0;
}

int text_cp_width(uint32_t cp)
{
	if (cp == 0)
		return 0;
	if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0))
		return 0;
	if ((cp >= 0x300 && cp <= 0x36F) || (cp >= 0x200B && cp <= 0x200F) ||
	    (cp >= 0xFE00 && cp <= 0xFE0F) || cp == 0xAD)
		return 0;
	if ((cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0x303E) ||
	    (cp >= 0x3041 && cp <= 0x33FF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
	    (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xA000 && cp <= 0xA4CF) ||
	    (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
	    (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
	    (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x1F300 && cp <= 0x1F64F) ||
	    (cp >= 0x1F900 && cp <= 0x1F9FF) || (cp >= 0x20000 && cp <= 0x3FFFD))
		return 2;
	return 1;
}

int text_width(const char *s)
{
	int w = 0;
	size_t n = strlen(s);
	while (n) {
		uint32_t cp;
		size_t k = utf8_decode(s, n, &cp);
		w += text_cp_width(cp);
		s += k;
		n -= k;
	}
	return w;
}

size_t text_prefix_for_width(const char *s, int w, int *used)
{
	size_t n = strlen(s), off = 0;
	int u = 0;
	while (off < n) {
		uint32_t cp;
		size_t k = utf8_decode(s + off, n - off, &cp);
		int cw = text_cp_width(cp);
		if (u + cw > w)
			break;
		u += cw;
		off += k;
	}
	if (used)
		*used = u;
	return off;
}

void text_fit(struct strbuf *sb, const char *s, int w, int pad)
{
	if (w <= 0)
		return;
	int used;
	if (text_width(s) <= w) {
		sb_puts(sb, s);
		used = text_width(s);
	} else {
		size_t off = text_prefix_for_width(s, w - 1, &used);
		sb_add(sb, s, off);
		sb_puts(sb, "…");
		used += 1;
	}
	/* control characters count 0 but are replaced by callers; pad anyway */
	while (pad && used < w) {
		sb_putc(sb, ' ');
		used++;
	}
}

/* --- control characters ---------------------------------------------------- */

int text_is_control(uint32_t cp)
{
	return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F) ||
	       /* bidirectional overrides and isolates reorder what is shown */
	       (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) ||
	       cp == 0x2028 || cp == 0x2029;
}

size_t text_control_at(const char *s, size_t n, int flags)
{
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t k = utf8_decode(s + i, n - i, &cp);
		if (k == 1 && cp == 0xFFFD)
			return i;
		if (text_is_control(cp) && !((flags & TEXT_KEEP_LINES) && (cp == '\n' || cp == '\t')))
			return i;
		i += k;
	}
	return n;
}

size_t text_escape_controls(struct strbuf *out, const char *s, size_t n, int flags)
{
	size_t i = 0;
	while (i < n) {
		const unsigned char c = (unsigned char)s[i];
		uint32_t cp;
		if ((flags & TEXT_PARTIAL) && c >= 0xC0) {
			/* an incomplete sequence at the end waits for the next chunk */
			size_t need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
			if (n - i < need) {
				size_t j = i + 1;
				while (j < n && ((unsigned char)s[j] & 0xC0) == 0x80)
					j++;
				if (j == n)
					return i;
			}
		}
		if ((flags & TEXT_PARTIAL) && c == '\r' && i + 1 == n)
			return i;
		size_t k = utf8_decode(s + i, n - i, &cp);
		if (k == 1 && cp == 0xFFFD) {
			sb_printf(out, "\\x%02X", c);  /* not UTF-8 */
		} else if ((flags & TEXT_KEEP_LINES) &&
			   (cp == '\n' || cp == '\t' || (cp == '\r' && i + 1 < n && s[i + 1] == '\n'))) {
			sb_putc(out, (char)cp);
		} else if (!text_is_control(cp)) {
			sb_add(out, s + i, k);
		} else if (cp == 0x1B) {
			sb_puts(out, "\\e");
		} else if (cp == '\n') {
			sb_puts(out, "\\n");
		} else if (cp == '\r') {
			sb_puts(out, "\\r");
		} else if (cp == '\t') {
			sb_puts(out, "\\t");
		} else if (cp < 0x80) {
			sb_printf(out, "\\x%02X", (unsigned)cp);
		} else {
			sb_printf(out, "\\u%04X", (unsigned)cp);
		}
		i += k;
	}
	return n;
}

char *text_visible(const char *s, int flags)
{
	struct strbuf sb = {0};
	text_escape_controls(&sb, s ? s : "", s ? strlen(s) : 0, flags & ~TEXT_PARTIAL);
	return sb_steal(&sb);
}

char *text_to_utf8(const char *s, const char *charset)
{
	iconv_t cd = iconv_open("UTF-8", charset);
	if (cd == (iconv_t)-1)
		return NULL;
	size_t in_left = strlen(s), out_cap = in_left * 4 + 1, out_left = out_cap - 1;
	char *out = xmalloc(out_cap), *op = out;
	char *ip = (char *)s;
	size_t r = iconv(cd, &ip, &in_left, &op, &out_left);
	iconv_close(cd);
	if (r == (size_t)-1) {
		free(out);
		return NULL;
	}
	*op = '\0';
	return out;
}

void text_capitalize(char *s)
{
	if (!s)
		return;
	s += strspn(s, " ");
	unsigned char *u = (unsigned char *)s;
	if (u[0] >= 'a' && u[0] <= 'z')
		u[0] = (unsigned char)(u[0] - 'a' + 'A');
	else if (u[0] == 0xC3 && (u[1] == 0xA6 || u[1] == 0xB8 || u[1] == 0xA5))
		u[1] = (unsigned char)(u[1] - 0x20);  /* æ ø å -> Æ Ø Å */
}
