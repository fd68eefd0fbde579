/* text.h - UTF-8 text handling that does not depend on the locale:
 * decoding, validation, case folding for search (æ/ø/å included), ASCII
 * keys for accent-insensitive matching and slugs, Norwegian sort order, and
 * display-width-aware truncation and padding for terminals. */
#ifndef TRAPP_TEXT_H
#define TRAPP_TEXT_H

#include <stddef.h>
#include <stdint.h>

/* Decode one code point at s (n bytes available). Returns bytes consumed
 * (>= 1); invalid sequences decode as U+FFFD consuming one byte. */
size_t utf8_decode(const char *s, size_t n, uint32_t *cp);
size_t utf8_encode(uint32_t cp, char out[4]);
/* 1 when the n bytes are valid UTF-8 (no overlongs, no surrogates). */
int utf8_valid(const char *s, size_t n);
/* Byte offset of the first invalid sequence, or n. */
size_t utf8_invalid_at(const char *s, size_t n);

/* Unicode NFC (composed form: a + combining ring becomes å). New string;
 * invalid UTF-8 is copied unchanged. */
char *text_nfc(const char *s);
/* Lower-case fold for case-insensitive search (ASCII, Latin-1, Latin
 * Extended-A, Greek/Cyrillic basics) of the NFC form. Returns a new string. */
char *text_fold(const char *s);
uint32_t text_fold_cp(uint32_t cp);
/* ASCII spelling of a folded Latin letter (å→"a", æ→"ae", ø→"o", é→"e",
 * ß→"ss"), or NULL for ASCII and other scripts. */
const char *text_ascii_base(uint32_t cp);
/* ASCII key: folded, accents removed (å→a, ø→o, æ→ae, é→e), every run of
 * other characters becomes sep (or is dropped when sep is 0). New string. */
char *text_key(const char *s, char sep);
/* Slug for ids: text_key with '-' separators, trimmed of '-'. */
char *text_slug(const char *s);

/* Norwegian collation: ... z, æ, ø, å; case-insensitive first. */
int text_collate(const char *a, const char *b);
/* A key whose strcmp order is text_collate's order (for sorting many). */
char *text_collate_key(const char *s);

/* Display width of a code point / string (wcwidth-like, locale-free). */
int text_cp_width(uint32_t cp);
int text_width(const char *s);
/* Append s to sb truncated to at most w columns (ending in "…" when cut)
 * and padded with spaces to exactly w columns when pad is set. */
struct strbuf;
void text_fit(struct strbuf *sb, const char *s, int w, int pad);
/* Byte length of the longest prefix of s that fits in w columns. */
size_t text_prefix_for_width(const char *s, int w, int *used);

/* --- control characters: never raw on a terminal ---------------------------
 * A control character is C0 (below 0x20), DEL, C1 (U+0080-U+009F), a
 * bidirectional override or isolate (U+202A-U+202E, U+2066-U+2069) or a
 * line/paragraph separator (U+2028/9): each can retitle or clear a
 * terminal, query it (ESC [6n answers into the input) or reorder text. */
enum { TEXT_KEEP_LINES = 1, TEXT_PARTIAL = 2 };
int text_is_control(uint32_t cp);
/* Offset of the first control character or invalid UTF-8 byte in s[0..n)
 * (TEXT_KEEP_LINES: line breaks and tabs allowed), or n. */
size_t text_control_at(const char *s, size_t n, int flags);
/* Append s[0..n) to out with every control character made visible as
 * text: ESC as \e, \n, \r, \t, other C0 and DEL as \xHH, the rest as
 * \uHHHH, a byte that is not UTF-8 as \xHH. TEXT_KEEP_LINES keeps \n, \t
 * and \r\n. TEXT_PARTIAL (a stream in chunks) stops before an incomplete
 * UTF-8 sequence or a lone final \r and returns the bytes consumed;
 * otherwise returns n. The one escaping helper: CLI output, exports and
 * the TUI all use it. */
size_t text_escape_controls(struct strbuf *out, const char *s, size_t n, int flags);
/* Escaped copy of s (caller frees). */
char *text_visible(const char *s, int flags);

/* s converted from charset (a locale's codeset, e.g. ISO-8859-1) to UTF-8
 * with iconv; NULL when it cannot be. Caller frees. */
char *text_to_utf8(const char *s, const char *charset);

/* Capitalise the first letter of s in place (a-z, æ ø å), after any
 * spaces: a message begins as a sentence. NULL is left alone. */
void text_capitalize(char *s);

#endif
