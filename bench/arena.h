/* arena.h — the benchmark's model of a kernel module area: one reserved address range handed out
 * in pages, first fit with coalescing, so that fragmentation after many load/unload cycles can be
 * measured (free bytes and the largest free block), plus a dkm_port that allocates from it. */
#ifndef BENCH_ARENA_H
#define BENCH_ARENA_H

#include <stddef.h>
#include <stdint.h>
#include "dkm/dkm.h"

struct arena;

/* Reserves the range; NULL on failure. With enforce, free pages are inaccessible and region
 * protections are applied with mprotect (what a Linux process pays for W^X). Without, the range
 * stays read-write and no system call is made after creation, which approximates a kernel, where
 * mapping a page or changing its protection is a page-table write, not a system call. */
struct arena *arena_create(size_t bytes, int enforce);
void arena_destroy(struct arena *a);
void *arena_alloc(struct arena *a, size_t bytes);  /* page multiple, not zeroed; NULL when no block fits */
void arena_free(struct arena *a, void *p, size_t bytes);
size_t arena_free_bytes(const struct arena *a);
size_t arena_largest_free(const struct arena *a);

/* Metadata accounting of the port (bytes currently held, and the high-water mark since the last
 * reset), so a benchmark can measure the transient peak of one load. */
size_t arena_meta_bytes(const struct arena *a);
size_t arena_meta_peak(const struct arena *a);
void arena_meta_reset_peak(struct arena *a);

/* A port whose regions come from the arena and whose metadata comes from malloc. */
void arena_port_init(struct dkm_port *port, struct arena *a);

#endif
