/* points.c — for each generated module: ark's read + load+link and unload latency with a per-phase
 * breakdown, dlopen(RTLD_NOW)+dlclose of the same code built as a shared object, and the floor,
 * measured alternately in one process so that machine drift affects all three alike. */
#define _GNU_SOURCE
#include "arena.h"
#include "bench.h"
#include "common.h"
#include "floor.h"

#include <dlfcn.h>
#include <stdlib.h>
#include <string.h>

#define ARENA_BYTES (256u << 20)

enum { PH_READ, PH_VALIDATE, PH_LAYOUT, PH_RESOLVE, PH_RELOCATE, PH_INIT, PH_UNLOAD, PH_COUNT };
static const char *const phase_names[PH_COUNT] = { "read", "validate", "layout", "resolve",
                                                   "relocate", "init", "unload" };

/* Phase boundaries reported by libdkm during one load and its unload: the hook only records the
 * name and the time, so that telling the phases apart costs nothing inside the timed calls. */
struct phase_log {
    unsigned n;
    const char *phase[32];
    uint64_t t[32];
};

static void phase_hook(void *arg, const char *phase)
{
    struct phase_log *log = arg;
    uint64_t t = now_ns();
    if (log->n >= 32)
        return;
    log->phase[log->n] = phase;
    log->t[log->n++] = t;
}

static int phase_id(const char *phase)
{
    for (int i = 0; i < PH_COUNT; i++)
        if (!strcmp(phase, phase_names[i]))
            return i;
    return -1;
}

/* Each phase of entries [from, to) lasts from its boundary to the next one, the last until the
 * call returned (end). */
static void phase_account(const struct phase_log *log, unsigned from, unsigned to, uint64_t end,
                          uint64_t *sums)
{
    for (unsigned i = from; i < to; i++) {
        uint64_t until = (i + 1 < to) ? log->t[i + 1] : end;
        int id = phase_id(log->phase[i]);
        if (id >= 0)
            sums[id] += until - log->t[i];
    }
}

struct samples {
    uint64_t *ark_load, *ark_unload, *ark_total, *dl_open, *dl_close, *dl_total, *floor;
    uint64_t *phase[PH_COUNT];
};

static uint64_t *col(unsigned n)
{
    uint64_t *v = calloc(n, sizeof(*v));
    if (!v)
        die("out of memory");
    return v;
}

static void ark_once(struct dkm_loader *ld, const struct bench_point *p, unsigned flags,
                     struct phase_log *log, struct samples *s, unsigned k)
{
    struct dkm_load_opts opts = { .name_hint = p->module_elf, .flags = flags };
    struct dkm_error err;
    struct dkm_module *mod;
    uint64_t phases[PH_COUNT] = { 0 };

    uint64_t t0 = now_ns();
    size_t size;
    const void *image = image_open(p->module_elf, &size);
    /* A mapping outlives the module, so large read-only data can stay where it lies. */
    if (image_is_mapped(size))
        opts.flags |= DKM_LOAD_IN_PLACE;
    uint64_t t1 = now_ns();
    log->n = 0;
    if (dkm_load_image(ld, image, size, &opts, &mod, &err) != 0)
        die("%s: %s", p->module_elf, err.msg);
    uint64_t t2 = now_ns();
    const unsigned load_events = log->n;
    if (dkm_unload(ld, mod, 0, &err) != 0)
        die("%s: unload: %s", p->module_elf, err.msg);
    uint64_t t3 = now_ns();
    image_close(image, size);
    uint64_t t4 = now_ns();
    phase_account(log, 0, load_events, t2, phases);
    phase_account(log, load_events, log->n, t3, phases);

    phases[PH_READ] = (t1 - t0) + (t4 - t3);   /* map and unmap */
    s->ark_load[k] = t2 - t1;
    s->ark_unload[k] = t3 - t2;
    /* The file stays mapped while the module is loaded, as dlopen's mapping does. */
    s->ark_total[k] = t4 - t0;
    for (int i = 0; i < PH_COUNT; i++)
        s->phase[i][k] = phases[i];
}

static void dlopen_once(const struct bench_point *p, struct samples *s, unsigned k)
{
    uint64_t t0 = now_ns();
    void *h = dlopen(p->module_so, RTLD_NOW | RTLD_LOCAL);
    uint64_t t1 = now_ns();
    if (!h)
        die("dlopen %s: %s", p->module_so, dlerror());
    dlclose(h);
    uint64_t t2 = now_ns();
    /* The comparison is only fair if dlclose really unmapped the object. */
    void *again = dlopen(p->module_so, RTLD_NOW | RTLD_NOLOAD);
    if (again)
        die("%s stayed loaded after dlclose: the dlopen baseline would be wrong", p->module_so);
    s->dl_open[k] = t1 - t0;
    s->dl_close[k] = t2 - t1;
    s->dl_total[k] = t2 - t0;
}

static void floor_once(const struct floor_plan *plan, const unsigned char *image,
                       unsigned char *dest, struct samples *s, unsigned k)
{
    uint64_t t0 = now_ns();
    floor_run(plan, image, dest);
    uint64_t t1 = now_ns();
    s->floor[k] = t1 - t0;
}

/* Bytes held by libdkm for one loaded module, its transient metadata peak during the load, and how
 * many of its imports were found by the hash recorded in the module (.dkm.symhash). */
static void measure_memory(struct dkm_loader *ld, struct arena *arena, const struct bench_point *p,
                           unsigned flags, size_t *region, size_t *meta, size_t *peak, size_t *prehashed)
{
    struct dkm_stats before, after;
    size_t size;
    void *image = read_whole_file(p->module_elf, &size);
    struct dkm_load_opts opts = { .name_hint = p->module_elf, .flags = flags };
    struct dkm_error err;
    struct dkm_module *mod;
    dkm_stats(ld, &before);
    size_t meta_before = arena_meta_bytes(arena);
    arena_meta_reset_peak(arena);
    if (dkm_load_image(ld, image, size, &opts, &mod, &err) != 0)
        die("%s: %s", p->module_elf, err.msg);
    dkm_stats(ld, &after);
    *region = after.region_bytes - before.region_bytes;
    *meta = after.meta_bytes - before.meta_bytes;
    *peak = arena_meta_peak(arena) - meta_before;
    *prehashed = after.imports_prehashed - before.imports_prehashed;
    if (dkm_unload(ld, mod, 0, &err) != 0)
        die("%s: unload: %s", p->module_elf, err.msg);
    free(image);
}

static const char *csv_header =
    "series,param,local_relocs,symbolic_relocs,imports,exports,pad_bytes,iterations,"
    "ark_load_med_ns,ark_load_p99_ns,ark_unload_med_ns,ark_unload_p99_ns,ark_total_med_ns,"
    "ark_total_p99_ns,dlopen_open_med_ns,dlopen_close_med_ns,dlopen_total_med_ns,"
    "dlopen_total_p99_ns,floor_med_ns,read_ns,validate_ns,layout_ns,resolve_ns,relocate_ns,"
    "init_ns,unload_ns,section_bytes,region_bytes,meta_bytes,peak_meta_bytes\n";

int bench_points(const struct bench_opts *o, const char *manifest, const char *csv)
{
    struct bench_point *pts;
    size_t npts = manifest_read(manifest, &pts);
    FILE *out = fopen(csv, "w");
    if (!out)
        die("%s: cannot write", csv);
    fputs(csv_header, out);
    printf("%-10s %-10s %12s %12s %12s %8s %8s\n", "series", "point", "ark us", "dlopen us",
           "floor us", "speedup", "floor x");
    unsigned flags = o->no_run ? DKM_LOAD_NO_RUN : 0;

    for (size_t i = 0; i < npts; i++) {
        const struct bench_point *p = &pts[i];
        struct bench_loader bl;
        struct phase_log log = { 0 };
        bench_loader_open(&bl, ARENA_BYTES, p->exports, !o->no_protect);
        struct dkm_loader *ld = bl.ld;
        struct arena *arena = bl.arena;
        dkm_set_phase_hook(ld, phase_hook, &log);

        void *provider = dlopen(p->provider_so, RTLD_NOW | RTLD_GLOBAL);
        if (!provider)
            die("dlopen %s: %s", p->provider_so, dlerror());

        size_t image_size;
        unsigned char *image = read_whole_file(p->module_elf, &image_size);
        struct floor_plan plan;
        floor_prepare(image, image_size, &plan);
        unsigned char *dest = calloc(1, plan.image_bytes + 16);
        if (!dest)
            die("out of memory");

        struct samples s;
        s.ark_load = col(o->max_iters); s.ark_unload = col(o->max_iters);
        s.ark_total = col(o->max_iters); s.dl_open = col(o->max_iters);
        s.dl_close = col(o->max_iters); s.dl_total = col(o->max_iters);
        s.floor = col(o->max_iters);
        for (int ph = 0; ph < PH_COUNT; ph++)
            s.phase[ph] = col(o->max_iters);

        /* Warm the caches and the page cache for all three before measuring. */
        for (unsigned w = 0; w < 3; w++) {
            ark_once(ld, p, flags, &log, &s, 0);
            dlopen_once(p, &s, 0);
            floor_once(&plan, image, dest, &s, 0);
        }
        unsigned k = 0;
        uint64_t start = now_ns();
        while (k < o->max_iters) {
            ark_once(ld, p, flags, &log, &s, k);
            dlopen_once(p, &s, k);
            floor_once(&plan, image, dest, &s, k);
            k++;
            if (k >= o->min_iters && (double)(now_ns() - start) / 1e9 > o->budget_s)
                break;
        }

        size_t region, meta, peak, prehashed;
        dkm_set_phase_hook(ld, NULL, NULL);
        measure_memory(ld, arena, p, flags, &region, &meta, &peak, &prehashed);

        uint64_t ark_total = quantile(s.ark_total, k, 0.5);
        uint64_t dl_total = quantile(s.dl_total, k, 0.5);
        uint64_t floor_med = quantile(s.floor, k, 0.5);
        /* The floor has no file read, so it is compared with ark's load+unload alone. */
        uint64_t ark_load = quantile(s.ark_load, k, 0.5), ark_unload = quantile(s.ark_unload, k, 0.5);
        fprintf(out, "%s,%s,%ld,%ld,%ld,%ld,%ld,%u,", p->series, p->param, p->local_relocs,
                p->symbolic_relocs, p->imports, p->exports, p->pad_bytes, k);
        fprintf(out, "%llu,%llu,%llu,%llu,%llu,%llu,", (unsigned long long)ark_load,
                (unsigned long long)quantile(s.ark_load, k, 0.99), (unsigned long long)ark_unload,
                (unsigned long long)quantile(s.ark_unload, k, 0.99), (unsigned long long)ark_total,
                (unsigned long long)quantile(s.ark_total, k, 0.99));
        fprintf(out, "%llu,%llu,%llu,%llu,%llu,", (unsigned long long)quantile(s.dl_open, k, 0.5),
                (unsigned long long)quantile(s.dl_close, k, 0.5), (unsigned long long)dl_total,
                (unsigned long long)quantile(s.dl_total, k, 0.99), (unsigned long long)floor_med);
        for (int ph = 0; ph < PH_COUNT; ph++)
            fprintf(out, "%llu,", (unsigned long long)quantile(s.phase[ph], k, 0.5));
        fprintf(out, "%zu,%zu,%zu,%zu\n", plan.image_bytes, region, meta, peak);

        double speedup = ark_total ? (double)dl_total / (double)ark_total : 0;
        double floor_x = floor_med ? (double)(ark_load + ark_unload) / (double)floor_med : 0;
        printf("%-10s %-10s %12.1f %12.1f %12.1f %8.2f %8.2f\n", p->series, p->param,
               ark_total / 1e3, dl_total / 1e3, floor_med / 1e3, speedup, floor_x);
        fflush(stdout);
        if (o->summary && strcmp(p->series, "key") != 0) {
            /* Every point's ratios, e.g. dlopen_speedup_local_100k, floor_ratio_size_1m_noprotect. */
            const char *sfx = o->no_protect ? "_noprotect" : "";
            fprintf(o->summary, "dlopen_speedup_%s_%s%s %.2f\n", p->series, p->param, sfx, speedup);
            fprintf(o->summary, "floor_ratio_%s_%s%s %.2f\n", p->series, p->param, sfx, floor_x);
        }
        if (o->summary && !strcmp(p->series, "key")) {
            const char *sfx = o->no_protect ? "_noprotect" : "";
            fprintf(o->summary, "%s_%s%s %.2f\n", "dlopen_speedup", p->param, sfx, speedup);
            fprintf(o->summary, "%s_%s%s %.2f\n", "floor_ratio", p->param, sfx, floor_x);
            fprintf(o->summary, "%s_%s%s %.1f\n", "ark_total_us", p->param, sfx, ark_total / 1e3);
            fprintf(o->summary, "%s_%s%s %.1f\n", "dlopen_total_us", p->param, sfx, dl_total / 1e3);
            fprintf(o->summary, "%s_%s%s %.1f\n", "floor_us", p->param, sfx, floor_med / 1e3);
            fprintf(o->summary, "%s_%s%s %ld\n", "overhead_region_bytes", p->param, sfx,
                    (long)region - (long)plan.image_bytes);
            fprintf(o->summary, "%s_%s%s %zu\n", "meta_bytes", p->param, sfx, meta);
            fprintf(o->summary, "%s_%s%s %zu\n", "peak_meta_bytes", p->param, sfx, peak);
            fprintf(o->summary, "%s_%s%s %zu\n", "imports_prehashed", p->param, sfx, prehashed);
        }

        free(s.ark_load); free(s.ark_unload); free(s.ark_total); free(s.dl_open);
        free(s.dl_close); free(s.dl_total); free(s.floor);
        for (int ph = 0; ph < PH_COUNT; ph++)
            free(s.phase[ph]);
        free(dest);
        floor_release(&plan);
        free(image);
        dlclose(provider);
        bench_loader_close(&bl);
    }
    fclose(out);
    free(pts);
    return 0;
}
