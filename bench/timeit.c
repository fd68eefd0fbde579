/* timeit.c - runs one command several times for `make bench` and prints
 * its wall-clock median, minimum and maximum in milliseconds, its peak
 * resident set size in KB (the largest over the runs, from wait4's
 * rusage) and the median CPU time (user + system) in milliseconds, which a
 * busy shared machine disturbs less than the wall clock, on one line:
 *
 *   median_ms min_ms max_ms maxrss_kb cpu_median_ms
 *
 *   bench-timeit [-n RUNS] [-i INPUT] [-o OUTPUT] [-s SETUP] -- COMMAND ARGS...
 *
 * SETUP (a shell command) runs before every run, untimed: a fresh copy of
 * the database for an import, say.
 * The command's output goes to OUTPUT (default /dev/null), its input comes
 * from INPUT (default /dev/null). One extra warm-up run is not counted, so
 * every figure is taken with the file in the page cache. Exits 1 when any
 * run fails (the exit status and the command are printed). */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/* One run: wall ms, or -1 when the command failed. */
static const char *setup;

static double run(char **cmd, const char *in, const char *out, long *rss, double *cpu)
{
	if (setup && system(setup) != 0) {
		fprintf(stderr, "bench-timeit: setup failed: %s\n", setup);
		return -1;
	}
	double t0 = now_ms();
	pid_t pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		int fi = open(in, O_RDONLY), fo = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		if (fi < 0 || fo < 0 || dup2(fi, 0) < 0 || dup2(fo, 1) < 0)
			_exit(126);
		execvp(cmd[0], cmd);
		_exit(127);
	}
	int status;
	struct rusage ru;
	if (wait4(pid, &status, 0, &ru) < 0)
		return -1;
	double ms = now_ms() - t0;
	if (ru.ru_maxrss > *rss)
		*rss = ru.ru_maxrss;
	*cpu = (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e3 +
	       (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e3;
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		fprintf(stderr, "bench-timeit: exit %d:", WIFEXITED(status) ? WEXITSTATUS(status) : -1);
		for (char **a = cmd; *a; a++)
			fprintf(stderr, " %s", *a);
		fputc('\n', stderr);
		return -1;
	}
	return ms;
}

int main(int argc, char **argv)
{
	int n = 5, i = 1;
	const char *in = "/dev/null", *out = "/dev/null";
	for (; i < argc && strcmp(argv[i], "--") != 0; i++) {
		if (strcmp(argv[i], "-n") == 0 && i + 1 < argc)
			n = atoi(argv[++i]);
		else if (strcmp(argv[i], "-i") == 0 && i + 1 < argc)
			in = argv[++i];
		else if (strcmp(argv[i], "-s") == 0 && i + 1 < argc)
			setup = argv[++i];
		else if (strcmp(argv[i], "-o") == 0 && i + 1 < argc)
			out = argv[++i];
		else
			break;
	}
	if (i >= argc || strcmp(argv[i], "--") != 0 || i + 1 >= argc || n < 1 || n > 1000) {
		fprintf(stderr, "usage: bench-timeit [-n RUNS] [-i INPUT] [-o OUTPUT] [-s SETUP] -- COMMAND ARGS...\n");
		return 2;
	}
	char **cmd = argv + i + 1;
	long rss = 0;
	double c0;
	if (run(cmd, in, out, &rss, &c0) < 0)
		return 1;
	rss = 0;
	double *t = calloc((size_t)n, sizeof *t), *c = calloc((size_t)n, sizeof *c);
	if (!t || !c)
		return 1;
	for (int k = 0; k < n; k++)
		if ((t[k] = run(cmd, in, out, &rss, &c[k])) < 0)
			return 1;
	qsort(t, (size_t)n, sizeof *t, cmp);
	qsort(c, (size_t)n, sizeof *c, cmp);
	double med = n % 2 ? t[n / 2] : (t[n / 2 - 1] + t[n / 2]) / 2;
	double cmed = n % 2 ? c[n / 2] : (c[n / 2 - 1] + c[n / 2]) / 2;
	printf("%.2f %.2f %.2f %ld %.2f\n", med, t[0], t[n - 1], rss, cmed);
	free(t);
	free(c);
	return 0;
}
