/* cli_out.c - nothing from the data reaches the terminal raw: stdout and
 * stderr of the commands are wrapped (fopencookie) so every byte passes
 * text_escape_controls on its way to the file descriptor. A name holding
 * ESC ]0;...BEL or ESC [2J shows as \e]0;...\x07 instead of retitling or
 * clearing the terminal, wherever it is printed (tables, plan show, due,
 * services, the import preview, error messages). Line breaks and tabs
 * pass. Write errors reach the stream (ferror), so the exit check sees
 * them. */
#define _GNU_SOURCE
#include "cli_internal.h"
#include "trapp/text.h"
#include "trapp/util.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct safe_stream {
	int fd;
	char pending[8];         /* an incomplete UTF-8 sequence or a final \r */
	size_t n_pending;
};

static int write_all(int fd, const char *p, size_t n)
{
	while (n) {
		ssize_t w = write(fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

static ssize_t safe_write(void *cookie, const char *buf, size_t size)
{
	struct safe_stream *s = cookie;
	struct strbuf in = {0}, out = {0};
	sb_add(&in, s->pending, s->n_pending);
	sb_add(&in, buf, size);
	size_t used = text_escape_controls(&out, in.buf, in.len, TEXT_KEEP_LINES | TEXT_PARTIAL);
	s->n_pending = in.len - used;
	if (s->n_pending > sizeof s->pending) {  /* cannot happen: at most 3 bytes wait */
		text_escape_controls(&out, in.buf + used, s->n_pending, TEXT_KEEP_LINES);
		s->n_pending = 0;
	}
	memcpy(s->pending, in.buf + used, s->n_pending);
	int rc = write_all(s->fd, out.buf ? out.buf : "", out.len);
	sb_free(&in);
	sb_free(&out);
	return rc == 0 ? (ssize_t)size : -1;
}

static int safe_close(void *cookie)
{
	struct safe_stream *s = cookie;
	struct strbuf out = {0};
	text_escape_controls(&out, s->pending, s->n_pending, TEXT_KEEP_LINES);
	int rc = write_all(s->fd, out.buf ? out.buf : "", out.len);
	sb_free(&out);
	s->n_pending = 0;
	return rc;
}

/* One state per wrapped descriptor, static: stderr is never closed, so a
 * heap cookie would outlive the process as a leak. */
static struct safe_stream states[2];

static FILE *wrap(FILE *orig, int fd, const char *mode)
{
	fflush(orig);
	struct safe_stream *s = &states[fd == STDERR_FILENO];
	memset(s, 0, sizeof *s);
	s->fd = fd;
	cookie_io_functions_t io = {NULL, safe_write, NULL, safe_close};
	FILE *f = fopencookie(s, mode, io);
	if (!f)
		return orig;
	/* line-buffered on a terminal, as before; stderr unbuffered-ish */
	setvbuf(f, NULL, isatty(fd) || fd == STDERR_FILENO ? _IOLBF : _IOFBF, BUFSIZ);
	return f;
}

static FILE *orig_stdout;

void cli_safe_streams(int out, int err)
{
	if (out && !orig_stdout) {
		orig_stdout = stdout;
		stdout = wrap(stdout, STDOUT_FILENO, "w");
	}
	if (err)
		stderr = wrap(stderr, STDERR_FILENO, "w");
}

int cli_is_tty(FILE *fp)
{
	if (fp == stdout)
		return isatty(STDOUT_FILENO);
	if (fp == stderr)
		return isatty(STDERR_FILENO);
	int fd = fileno(fp);
	return fd >= 0 && isatty(fd);
}

int cli_write_binary(const void *buf, size_t n)
{
	/* past the escaping wrapper: a PDF is bytes, not text */
	if (fflush(stdout) != 0)
		return -1;
	return write_all(STDOUT_FILENO, buf, n);
}
