/* bench.h — the benchmark's measurement modes (points, lookup, cycles) and their shared options. */
#ifndef BENCH_BENCH_H
#define BENCH_BENCH_H

#include <stdio.h>

struct bench_opts {
    int no_run;            /* DKM_LOAD_NO_RUN: set when module code cannot run on this host */
    int no_protect;        /* leave module memory read-write (see arena_port_init) */
    unsigned max_iters;    /* per point and method */
    unsigned min_iters;
    double budget_s;       /* time per point and method, after min_iters */
    unsigned cycles;       /* random load/unload cycles for the fragmentation check */
    FILE *summary;         /* "key value" lines */
};

/* One generated module, as bench/run lists it in the manifest. */
struct bench_point {
    char series[32], param[32];
    long local_relocs, symbolic_relocs, imports, exports, pad_bytes;
    char module_elf[256], module_so[256], provider_so[256];
};
/* Reads the manifest; exits with a message naming the line when it is malformed. */
size_t manifest_read(const char *path, struct bench_point **points);

/* Each reads the manifest written by bench/run ("series param local symbolic imports exports pad
 * module.elf module.so provider.so" per line) where it needs modules, and writes a CSV. */
int bench_points(const struct bench_opts *o, const char *manifest, const char *csv);
int bench_lookup(const struct bench_opts *o, const char *csv);
int bench_cycles(const struct bench_opts *o, const char *manifest, const char *csv);

#endif
