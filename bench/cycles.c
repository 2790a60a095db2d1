/* cycles.c — fragmentation of the module area: random load/unload cycles over the generated
 * modules, comparing the arena's free bytes and largest free block before and after. */
#include "arena.h"
#include "bench.h"
#include "common.h"

#include <stdlib.h>
#include <string.h>

#define ARENA_BYTES (512u << 20)
#define MAX_LIVE 24u

int bench_cycles(const struct bench_opts *o, const char *manifest, const char *csv)
{
    struct bench_point *pts;
    size_t npts = manifest_read(manifest, &pts);
    if (npts == 0)
        die("%s: no modules", manifest);
    long max_exports = 0;
    for (size_t i = 0; i < npts; i++)
        if (pts[i].exports > max_exports)
            max_exports = pts[i].exports;

    struct bench_loader bl;
    bench_loader_open(&bl, ARENA_BYTES, max_exports, !o->no_protect);
    struct dkm_loader *ld = bl.ld;
    struct arena *arena = bl.arena;

    /* Images are read once: this measures the module area, not the file system. */
    void **images = calloc(npts, sizeof(*images));
    size_t *sizes = calloc(npts, sizeof(*sizes));
    struct dkm_module **live = calloc(npts, sizeof(*live));
    if (!images || !sizes || !live)
        die("out of memory");
    for (size_t i = 0; i < npts; i++)
        images[i] = read_whole_file(pts[i].module_elf, &sizes[i]);

    size_t free_before = arena_free_bytes(arena), largest_before = arena_largest_free(arena);
    struct dkm_stats stats_before, stats_after;
    dkm_stats(ld, &stats_before);
    unsigned flags = o->no_run ? DKM_LOAD_NO_RUN : 0;
    unsigned nlive = 0, loads = 0;
    size_t most_used = 0;
    srand(4242);
    for (unsigned c = 0; c < o->cycles; c++) {
        size_t i = (size_t)rand() % npts;
        struct dkm_error err;
        if (live[i]) {
            if (dkm_unload(ld, live[i], 0, &err) != 0)
                die("%s: unload: %s", pts[i].module_elf, err.msg);
            live[i] = NULL;
            nlive--;
        } else if (nlive < MAX_LIVE) {
            struct dkm_load_opts opts = { .name_hint = pts[i].module_elf, .flags = flags };
            if (dkm_load_image(ld, images[i], sizes[i], &opts, &live[i], &err) != 0)
                die("%s: %s", pts[i].module_elf, err.msg);
            nlive++;
            loads++;
            size_t used = free_before - arena_free_bytes(arena);
            if (used > most_used)
                most_used = used;
        }
    }
    for (size_t i = 0; i < npts; i++) {
        struct dkm_error err;
        if (live[i] && dkm_unload(ld, live[i], 0, &err) != 0)
            die("%s: unload: %s", pts[i].module_elf, err.msg);
    }
    size_t free_after = arena_free_bytes(arena), largest_after = arena_largest_free(arena);
    dkm_stats(ld, &stats_after);

    FILE *out = fopen(csv, "w");
    if (!out)
        die("%s: cannot write", csv);
    fputs("cycles,loads,free_before,largest_before,free_after,largest_after,meta_before,meta_after\n",
          out);
    fprintf(out, "%u,%u,%zu,%zu,%zu,%zu,%zu,%zu\n", o->cycles, loads, free_before, largest_before,
            free_after, largest_after, stats_before.meta_bytes, stats_after.meta_bytes);
    fclose(out);
    printf("%u cycles (%u loads): free %zu -> %zu bytes, largest block %zu -> %zu, "
           "metadata %zu -> %zu (up to %u modules live, using at most %zu bytes of the area)\n",
           o->cycles, loads, free_before, free_after, largest_before, largest_after,
           stats_before.meta_bytes, stats_after.meta_bytes, MAX_LIVE, most_used);
    if (o->summary) {
        fprintf(o->summary, "cycles %u\n", o->cycles);
        fprintf(o->summary, "cycles_free_drift_bytes %ld\n", (long)free_after - (long)free_before);
        fprintf(o->summary, "cycles_largest_block_drift_bytes %ld\n",
                (long)largest_after - (long)largest_before);
        fprintf(o->summary, "cycles_meta_drift_bytes %ld\n",
                (long)stats_after.meta_bytes - (long)stats_before.meta_bytes);
    }
    for (size_t i = 0; i < npts; i++)
        free(images[i]);
    free(images);
    free(sizes);
    free(live);
    bench_loader_close(&bl);
    free(pts);
    return 0;
}
