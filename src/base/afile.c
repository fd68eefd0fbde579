/* afile.c - whole-or-nothing file writes (see afile.h): O_TMPFILE +
 * linkat, with a named-temporary fallback and a sweep of temporaries left
 * by killed processes; and the final check of a written stream. */
#define _GNU_SOURCE  /* O_TMPFILE */
#include "trapp/afile.h"
#include "trapp/util.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define TMP_PREFIX ".trapp-tmp-"

static char *dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return xstrdup(".");
	return slash == path ? xstrdup("/") : xstrndup(path, (size_t)(slash - path));
}

static int fail(struct strbuf *err, const char *path, int e)
{
	sb_printf(err, "Kan ikke skrive %s: %s", path, strerror(e ? e : EIO));
	return -1;
}

/* Remove ".trapp-tmp-PID-*" (and the older ".trapp-export-*") files in dir
 * whose process no longer runs. */
static void sweep(const char *dir)
{
	DIR *d = opendir(dir);
	if (!d)
		return;
	struct dirent *e;
	while ((e = readdir(d))) {
		const char *n = e->d_name;
		int stale = 0;
		if (strncmp(n, TMP_PREFIX, strlen(TMP_PREFIX)) == 0) {
			long pid = strtol(n + strlen(TMP_PREFIX), NULL, 10);
			stale = pid <= 0 || (kill((pid_t)pid, 0) != 0 && errno == ESRCH);
		} else if (strncmp(n, ".trapp-export-", 14) == 0) {
			stale = 1;  /* the export before afile: no pid, never live for long */
		}
		if (stale) {
			char *p = xasprintf("%s/%s", dir, n);
			unlink(p);
			free(p);
		}
	}
	closedir(d);
}

int afile_open(struct afile *af, const char *path, int replace, struct strbuf *err)
{
	memset(af, 0, sizeof *af);
	struct stat st;
	if (!replace && lstat(path, &st) == 0) {
		sb_printf(err, "%s finnes allerede: velg et annet filnavn eller bruk --force for å "
			  "overskrive", path);
		return 1;
	}
	char *dir = dir_of(path);
	sweep(dir);
	int fd = -1;
#ifdef O_TMPFILE
	fd = open(dir, O_TMPFILE | O_WRONLY | O_CLOEXEC, 0600);
#endif
	if (fd < 0) {
		char *tmp = xasprintf("%s/" TMP_PREFIX "%ld-XXXXXX", dir, (long)getpid());
		mode_t old = umask(077);
		fd = mkstemp(tmp);
		umask(old);
		if (fd < 0) {
			int e = errno;
			free(tmp);
			free(dir);
			return fail(err, path, e);
		}
		af->tmp = tmp;
	}
	free(dir);
	if (fchmod(fd, 0600) != 0 || !(af->fp = fdopen(fd, "w"))) {
		int e = errno;
		close(fd);
		afile_abort(af);
		return fail(err, path, e);
	}
	af->path = xstrdup(path);
	af->replace = replace;
	return 0;
}

/* Give the unnamed file (fd) the name path. Replacing: the old file is
 * removed first, then the new one linked in its place. A temporary name
 * and rename would be atomic, but a kill between them would leave a
 * hidden full copy of a plan behind; here a kill in that instant leaves
 * no file at all, which for an export the user asked to overwrite is the
 * lesser harm. */
static int link_tmpfile(int fd, const char *path, int replace)
{
	char proc[64];
	snprintf(proc, sizeof proc, "/proc/self/fd/%d", fd);
	for (int tries = 0; tries < 10; tries++) {
		if (linkat(AT_FDCWD, proc, AT_FDCWD, path, AT_SYMLINK_FOLLOW) == 0)
			return 0;
		if (errno != EEXIST || !replace)
			return -1;
		if (unlink(path) != 0 && errno != ENOENT)
			return -1;
	}
	errno = EEXIST;
	return -1;
}

int afile_commit(struct afile *af, struct strbuf *err)
{
	int e = 0, bad = 0, fd = -1;
	errno = 0;
	if (fflush(af->fp) != 0 || ferror(af->fp))
		bad = 1, e = errno;
	if (!bad && fsync(fileno(af->fp)) != 0)
		bad = 1, e = errno;
	/* the unnamed file is linked through a second descriptor, after the
	 * stream is closed and known good */
	if (!bad && !af->tmp && (fd = dup(fileno(af->fp))) < 0)
		bad = 1, e = errno;
	if (fclose(af->fp) != 0 && !bad)
		bad = 1, e = errno;
	af->fp = NULL;
	if (!bad) {
		int rc;
		if (af->tmp)
			rc = af->replace ? rename(af->tmp, af->path) : link(af->tmp, af->path);
		else
			rc = link_tmpfile(fd, af->path, af->replace);
		if (rc != 0)
			bad = 1, e = errno;
		else if (af->replace && af->tmp)
			free(af->tmp), af->tmp = NULL;  /* renamed: nothing left to remove */
	}
	if (fd >= 0)
		close(fd);
	if (bad && e == EEXIST)
		sb_printf(err, "%s finnes allerede: velg et annet filnavn eller bruk --force for å "
			  "overskrive", af->path);
	else if (bad)
		fail(err, af->path, e);
	afile_abort(af);
	return bad ? (e == EEXIST ? 1 : -1) : 0;
}

void afile_abort(struct afile *af)
{
	if (af->fp)
		fclose(af->fp);
	if (af->tmp)
		unlink(af->tmp);
	free(af->tmp);
	free(af->path);
	memset(af, 0, sizeof *af);
}

int afile_close_stream(FILE *fp, const char *what, struct strbuf *err)
{
	errno = 0;
	int bad = fflush(fp) != 0 || ferror(fp);
	int e = errno;
	if (fclose(fp) != 0 && !bad)
		bad = 1, e = errno;
	if (bad && e)
		sb_printf(err, "Kunne ikke skrive til %s: %s; utdataene er ufullstendige", what,
			  strerror(e));
	else if (bad)
		sb_printf(err, "Kunne ikke skrive alt til %s (full disk eller lukket mottaker?); "
			  "utdataene er ufullstendige", what);
	return bad ? -1 : 0;
}
