/* common.h — helpers shared by the benchmark programs: clocks, percentiles, files, and the
 * synthetic export table that generated modules import from. */
#ifndef BENCH_COMMON_H
#define BENCH_COMMON_H

#include <stddef.h>
#include <stdint.h>
#include "dkm/dkm.h"

uint64_t now_ns(void);
/* Sorts v in place and returns the value at quantile q (0.5 median, 0.99 p99). */
uint64_t quantile(uint64_t *v, size_t n, double q);
/* Reads a whole file into malloc'ed memory; exits with a message on failure. */
void *read_whole_file(const char *path, size_t *size);
/* A module file as a host would get it: files of IMAGE_MAP_BYTES or more are mapped read-only
 * (MAP_PRIVATE), the way dlopen maps an object, so that only the pages the loader reads are
 * touched; smaller ones are read into a buffer, which costs less than setting up a mapping. Exits
 * with a message on failure. image_close undoes either. */
#define IMAGE_MAP_BYTES (256u << 10)
const void *image_open(const char *path, size_t *size);
static inline int image_is_mapped(size_t size) { return size >= IMAGE_MAP_BYTES; }
void image_close(const void *image, size_t size);

/* The names exp_00000 ... exp_NNNNN, as bench/gen's provider defines them, registered with a loader
 * and pointing at a static array. Names live until export_names_free. */
char *export_names_make(long count);          /* "exp_00000\0exp_00001\0..." */
const char *export_name(const char *names, long i);
void exports_register(struct dkm_loader *ld, const char *names, long count);

/* A loader over a fresh module arena with `exports` synthetic exports registered; enforce as
 * for arena_port_init. */
struct arena;
struct bench_loader {
    struct arena *arena;
    struct dkm_port port;
    struct dkm_loader *ld;
    char *names;
};
void bench_loader_open(struct bench_loader *bl, size_t arena_bytes, long exports, int enforce);
void bench_loader_close(struct bench_loader *bl);

/* Dies with a message. */
void die(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));

#endif
