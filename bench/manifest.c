/* manifest.c — reads the list of generated modules that bench/run writes, one per line. */
#include "bench.h"
#include "common.h"

#include <stdlib.h>
#include <string.h>

size_t manifest_read(const char *path, struct bench_point **points)
{
    FILE *f = fopen(path, "r");
    if (!f)
        die("%s: cannot open manifest", path);
    size_t n = 0, cap = 0;
    struct bench_point *v = NULL;
    char line[1024];
    unsigned lineno = 0;
    while (fgets(line, sizeof(line), f)) {
        lineno++;
        if (line[0] == '#' || line[0] == '\n')
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 16;
            v = realloc(v, cap * sizeof(*v));
            if (!v)
                die("out of memory");
        }
        struct bench_point *p = &v[n];
        memset(p, 0, sizeof(*p));
        int got = sscanf(line, "%31s %31s %ld %ld %ld %ld %ld %255s %255s %255s", p->series,
                         p->param, &p->local_relocs, &p->symbolic_relocs, &p->imports,
                         &p->exports, &p->pad_bytes, p->module_elf, p->module_so, p->provider_so);
        if (got != 10)
            die("%s:%u: expected 10 fields, found %d", path, lineno, got);
        n++;
    }
    fclose(f);
    *points = v;
    return n;
}
