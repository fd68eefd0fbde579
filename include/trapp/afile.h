/* afile.h - files that appear whole or not at all. The content is written
 * to an unnamed file (O_TMPFILE) in the target's directory and linked into
 * place only after every byte, fflush, fsync and close succeeded, so a
 * killed or failing writer leaves nothing: no half file and no hidden copy
 * of a plan. Where O_TMPFILE is missing (some file systems) a 0600
 * ".trapp-tmp-PID-XXXXXX" beside the target is used instead, and stale ones
 * whose process is gone are swept on the next write into that directory. */
#ifndef TRAPP_AFILE_H
#define TRAPP_AFILE_H

#include <stdio.h>

struct strbuf;

struct afile {
	FILE *fp;        /* write here */
	char *path;      /* the target */
	char *tmp;       /* the named temporary (fallback only), else NULL */
	int replace;     /* an existing target is replaced */
};

/* Start writing path (mode 0600). Without replace an existing target is
 * refused: returns 1 with the message in err. 0 on success, -1 on error
 * (message in err: what, the path and why). */
int afile_open(struct afile *af, const char *path, int replace, struct strbuf *err);
/* Finish: check the stream, fsync, link into place. 0, 1 when the target
 * appeared meanwhile (not replace), or -1, with err; either way af is
 * released and on failure nothing is left. */
int afile_commit(struct afile *af, struct strbuf *err);
/* Give up: nothing is left behind. */
void afile_abort(struct afile *af);

/* fflush + ferror + fclose of a stream trapp wrote to (stdout): 0, or -1
 * with a bokmål message naming what ("standard ut") and why in err. */
int afile_close_stream(FILE *fp, const char *what, struct strbuf *err);

#endif
