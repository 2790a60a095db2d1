/* lookup.c — the symbol lookup micro-benchmark: median time of one dkm_export_lookup against export
 * tables of 256 to 64k entries, for names that are present (hits) and absent (misses). */
#include "bench.h"
#include "common.h"

#include <stdlib.h>
#include <string.h>

#define BATCH 1000u
#define SAMPLES 101u

static const long table_sizes[] = { 256, 1024, 4096, 16384, 65536 };

/* Median over SAMPLES batches of the time per lookup, in nanoseconds (fractional). */
static double time_lookups(struct dkm_loader *ld, const char **names, int expect_found)
{
    uint64_t per_batch[SAMPLES];
    volatile uintptr_t sink = 0;
    for (unsigned s = 0; s < SAMPLES; s++) {
        uint64_t t0 = now_ns();
        for (unsigned i = 0; i < BATCH; i++) {
            uintptr_t addr;
            int rc = dkm_export_lookup(ld, names[i], &addr, NULL);
            if ((rc == 0) != expect_found)
                die("lookup of '%s' %s", names[i], expect_found ? "missed" : "hit");
            sink += addr;
        }
        per_batch[s] = now_ns() - t0;
    }
    (void)sink;
    return (double)quantile(per_batch, SAMPLES, 0.5) / BATCH;
}

int bench_lookup(const struct bench_opts *o, const char *csv)
{
    FILE *out = fopen(csv, "w");
    if (!out)
        die("%s: cannot write", csv);
    fputs("exports,hit_ns_median,miss_ns_median\n", out);
    printf("%-10s %12s %12s\n", "exports", "hit ns", "miss ns");
    srand(12345);
    const char *queries[BATCH];
    char miss_names[BATCH][16];
    for (unsigned i = 0; i < BATCH; i++)
        snprintf(miss_names[i], sizeof(miss_names[i]), "miss_%05u", i);

    for (size_t t = 0; t < sizeof(table_sizes) / sizeof(table_sizes[0]); t++) {
        long n = table_sizes[t];
        struct bench_loader bl;
        bench_loader_open(&bl, 1u << 20, n, !o->no_protect);
        struct dkm_loader *ld = bl.ld;
        const char *names = bl.names;

        /* Random hits over the whole table, so the caches see what a real load sees. */
        for (unsigned i = 0; i < BATCH; i++)
            queries[i] = export_name(names, rand() % n);
        double hit = time_lookups(ld, queries, 1);
        for (unsigned i = 0; i < BATCH; i++)
            queries[i] = miss_names[i];
        double miss = time_lookups(ld, queries, 0);

        fprintf(out, "%ld,%.2f,%.2f\n", n, hit, miss);
        printf("%-10ld %12.2f %12.2f\n", n, hit, miss);
        if (o->summary) {
            const char *label = n >= 1024 ? NULL : "256";
            char buf[24];
            if (!label) {
                snprintf(buf, sizeof(buf), "%ldk", n / 1024);
                label = buf;
            }
            fprintf(o->summary, "lookup_ns_median_%s %.2f\n", label, hit);
            fprintf(o->summary, "lookup_miss_ns_median_%s %.2f\n", label, miss);
        }
        bench_loader_close(&bl);
    }
    fclose(out);
    return 0;
}
