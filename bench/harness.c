/* harness.c — the benchmark driver: `harness MODE [options] ...` where MODE is points (load+link
 * and unload latency of generated modules against dlopen and the floor), lookup (export lookup
 * against table size) or cycles (module-area fragmentation after random load/unload). */
#include "bench.h"
#include "common.h"

#include <stdlib.h>
#include <string.h>

static void usage(void)
{
    fprintf(stderr,
            "usage: harness points MANIFEST CSV [options]\n"
            "       harness lookup CSV [options]\n"
            "       harness cycles MANIFEST CSV [options]\n"
            "options: --no-run  --no-protect  --iterations MAX  --min-iterations N  --budget SECONDS\n"
            "         --cycles N  --summary FILE (appends key value lines)\n");
    exit(2);
}

int main(int argc, char **argv)
{
    struct bench_opts o = { .max_iters = 400, .min_iters = 15, .budget_s = 0.5, .cycles = 10000 };
    const char *pos[3] = { 0 };
    int npos = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--no-run")) o.no_run = 1;
        else if (!strcmp(a, "--no-protect")) o.no_protect = 1;
        else if (!strcmp(a, "--iterations") && i + 1 < argc) o.max_iters = (unsigned)atoi(argv[++i]);
        else if (!strcmp(a, "--min-iterations") && i + 1 < argc) o.min_iters = (unsigned)atoi(argv[++i]);
        else if (!strcmp(a, "--budget") && i + 1 < argc) o.budget_s = atof(argv[++i]);
        else if (!strcmp(a, "--cycles") && i + 1 < argc) o.cycles = (unsigned)atoi(argv[++i]);
        else if (!strcmp(a, "--summary") && i + 1 < argc) {
            o.summary = fopen(argv[++i], "a");
            if (!o.summary)
                die("cannot append to %s", argv[i]);
        } else if (a[0] == '-' || npos == 3) usage();
        else pos[npos++] = a;
    }
    if (o.min_iters == 0 || o.max_iters < o.min_iters)
        die("--iterations must be at least --min-iterations (and both positive)");
    int rc;
    if (npos == 3 && !strcmp(pos[0], "points")) rc = bench_points(&o, pos[1], pos[2]);
    else if (npos == 2 && !strcmp(pos[0], "lookup")) rc = bench_lookup(&o, pos[1]);
    else if (npos == 3 && !strcmp(pos[0], "cycles")) rc = bench_cycles(&o, pos[1], pos[2]);
    else usage();
    if (o.summary)
        fclose(o.summary);
    return rc;
}
