/* dkm_bench.c — the in-kernel counterpart of the hosted benchmark's floor (bench/floor.c):
 * dkm.bench=/ramdisk/FILE on the command line times, alternately in the same boot, libdkm loading
 * and unloading FILE and the physical floor for it (memcpy of its sections into place plus the
 * relocation loop with values resolved in advance), and logs both medians. FILE is one of the
 * benchmark's generated modules; its imports (exp_00000...) come from a table of synthetic
 * exports in a loader of its own, so the kernel's export table is never touched. */
#include "ark/errno.h"
#include "ark/kernel.h"
#include "ark/arklib.h"
#include "dkm_internal.h"
#include "kapi.h"
#include "mm.h"
#include "vfs.h"

#define BENCH_ROUNDS_DEFAULT 61
#define BENCH_ROUNDS_MAX 201
#define BENCH_EXPORTS 4096          /* the provider size bench/run uses for the key module */
#define BENCH_NAME_LEN 10           /* "exp_" + 5 digits + NUL */

/* ELF32 as far as the floor needs it; the file is the benchmark's own, so the checks below only
 * guard against a wrong file, not against a hostile one (libdkm loads it with every check). */
struct b_ehdr { uint8_t ident[16]; uint16_t type, machine; uint32_t version, entry, phoff, shoff, flags;
                uint16_t ehsize, phentsize, phnum, shentsize, shnum, shstrndx; };
struct b_shdr { uint32_t name, type, flags, addr, offset, size, link, info, addralign, entsize; };
struct b_rel { uint32_t offset, info; };
enum { B_SHT_NOBITS = 8, B_SHT_REL = 9, B_SHF_ALLOC = 2 };

struct floor_sec { uint32_t file_off, size, dest_off; bool nobits; };
struct floor_plan {
    uint32_t image_bytes, nsecs, nrelocs;
    struct floor_sec *secs;
    uint32_t *rel_off, *rel_val;
};

static void floor_free(struct floor_plan *p)
{
    kfree(p->secs);
    kfree(p->rel_off);
    kfree(p->rel_val);
}

/* Where each allocated section goes (back to back, aligned) and each relocation's place. */
static int floor_prepare(const uint8_t *img, size_t size, struct floor_plan *p)
{
    const struct b_ehdr *eh = (const void *)img;
    memset(p, 0, sizeof *p);
    if (size < sizeof *eh || memcmp(eh->ident, "\177ELF", 4) != 0 || eh->ident[4] != 1 || eh->type != 1 ||
        eh->shentsize != sizeof(struct b_shdr) || eh->shoff > size ||
        (size - eh->shoff) / sizeof(struct b_shdr) < eh->shnum)
        return -ENOEXEC;
    const struct b_shdr *sh = (const void *)(img + eh->shoff);
    uint32_t nrel = 0;
    for (unsigned i = 0; i < eh->shnum; i++) {
        if (sh[i].type != B_SHT_NOBITS && (sh[i].offset > size || sh[i].size > size - sh[i].offset))
            return -ENOEXEC;
        if (sh[i].type == B_SHT_REL)
            nrel += sh[i].size / sizeof(struct b_rel);
    }
    uint32_t *dest_of = kmalloc(eh->shnum * sizeof *dest_of);
    p->secs = kmalloc(eh->shnum * sizeof *p->secs);
    p->rel_off = kmalloc((nrel + 1) * sizeof *p->rel_off);
    p->rel_val = kmalloc((nrel + 1) * sizeof *p->rel_val);
    if (!dest_of || !p->secs || !p->rel_off || !p->rel_val) {
        kfree(dest_of);
        floor_free(p);
        return -ENOMEM;
    }
    uint32_t at = 0;
    for (unsigned i = 0; i < eh->shnum; i++) {
        dest_of[i] = 0;
        if (!(sh[i].flags & B_SHF_ALLOC) || sh[i].size == 0)
            continue;
        uint32_t align = sh[i].addralign ? sh[i].addralign : 1;
        at = (at + align - 1) & ~(align - 1);
        dest_of[i] = at;
        p->secs[p->nsecs++] = (struct floor_sec){ sh[i].offset, sh[i].size, at, sh[i].type == B_SHT_NOBITS };
        at += sh[i].size;
    }
    p->image_bytes = at;
    for (unsigned i = 0; i < eh->shnum; i++) {
        if (sh[i].type != B_SHT_REL || sh[i].info >= eh->shnum || !(sh[sh[i].info].flags & B_SHF_ALLOC))
            continue;
        const struct b_rel *r = (const void *)(img + sh[i].offset);
        for (uint32_t k = 0; k < sh[i].size / sizeof *r; k++) {
            if (r[k].offset > sh[sh[i].info].size || sh[sh[i].info].size - r[k].offset < 4)
                continue;
            /* Any value will do: the floor measures the work, as bench/floor.c does. */
            p->rel_off[p->nrelocs] = dest_of[sh[i].info] + r[k].offset;
            p->rel_val[p->nrelocs] = 0x1000u + k * 4u;
            p->nrelocs++;
        }
    }
    kfree(dest_of);
    return 0;
}

static void floor_run(const struct floor_plan *p, const uint8_t *img, uint8_t *dest)
{
    for (uint32_t i = 0; i < p->nsecs; i++) {
        const struct floor_sec *s = &p->secs[i];
        if (s->nobits)
            memset(dest + s->dest_off, 0, s->size);
        else
            memcpy(dest + s->dest_off, img + s->file_off, s->size);
    }
    /* __builtin_memcpy: a 4-byte field access even under -fno-builtin, as the hosted floor gets. */
    for (uint32_t i = 0; i < p->nrelocs; i++) {
        uint32_t word;
        __builtin_memcpy(&word, dest + p->rel_off[i], 4);
        word += p->rel_val[i];
        __builtin_memcpy(dest + p->rel_off[i], &word, 4);
    }
}

/* The benchmark loader's port: module memory and bookkeeping as the kernel's own loader gets
 * them, no log (one line per load would swamp the console) and no calls into module code. */
static uint64_t mem_cycles;   /* spent in the kernel's module memory (alloc, protect, free) */

static void *bench_region_alloc(void *ctx, size_t size)
{
    (void)ctx;
    uint64_t t0 = rdtsc();
    void *p = dkm_mem_alloc(size);
    mem_cycles += rdtsc() - t0;
    return p;
}
static int bench_region_protect(void *ctx, void *addr, size_t size, unsigned prot)
{
    (void)ctx;
    uint64_t t0 = rdtsc();
    int rc = dkm_mem_protect(addr, size, prot);
    mem_cycles += rdtsc() - t0;
    return rc;
}
static void bench_region_free(void *ctx, void *addr, size_t size)
{
    (void)ctx;
    uint64_t t0 = rdtsc();
    dkm_mem_free(addr, size);
    mem_cycles += rdtsc() - t0;
}
static void *bench_meta_alloc(void *ctx, size_t size) { (void)ctx; return kmalloc(size); }
static void bench_meta_free(void *ctx, void *ptr, size_t size) { (void)ctx; (void)size; kfree(ptr); }

static const struct dkm_port bench_port = {
    .page_size = PAGE_SIZE,
    .region_alloc = bench_region_alloc,
    .region_protect = bench_region_protect,
    .region_free = bench_region_free,
    .region_flags = DKM_REGION_UNZEROED,   /* dkm_mem_alloc does not zero: libdkm writes it all */
    .meta_alloc = bench_meta_alloc,
    .meta_free = bench_meta_free,
};

/* Phase boundaries of one load+unload, for the per-phase medians. The hook only records the
 * name and the time; which phase a name is, is found after the round, outside the timing. */
enum { BP_VALIDATE, BP_LAYOUT, BP_RESOLVE, BP_RELOCATE, BP_INIT, BP_UNLOAD, BP_COUNT };
static const char *const bench_phases[BP_COUNT] = { "validate", "layout", "resolve", "relocate", "init",
                                                    "unload" };
#define BENCH_EVENTS 32
static unsigned phase_events;
static const char *phase_name[BENCH_EVENTS];
static uint64_t phase_tsc[BENCH_EVENTS];

static void bench_phase(void *arg, const char *phase)
{
    (void)arg;
    uint64_t t = rdtsc();
    if (phase_events < BENCH_EVENTS) {
        phase_name[phase_events] = phase;
        phase_tsc[phase_events++] = t;
    }
}

/* Per phase, the cycles from each of its boundaries to the next (libdkm ends every call with
 * "done", which belongs to no phase). */
static void bench_phase_sums(uint64_t *sums)
{
    memset(sums, 0, BP_COUNT * sizeof *sums);
    for (unsigned e = 0; e + 1 < phase_events; e++)
        for (int i = 0; i < BP_COUNT; i++)
            if (!strcmp(phase_name[e], bench_phases[i]))
                sums[i] += phase_tsc[e + 1] - phase_tsc[e];
}

static uint64_t median(uint64_t *v, unsigned n)
{
    for (unsigned i = 1; i < n; i++)
        for (unsigned j = i; j > 0 && v[j - 1] > v[j]; j--) {
            uint64_t t = v[j];
            v[j] = v[j - 1];
            v[j - 1] = t;
        }
    return v[n / 2];
}

static int bench_exports(struct dkm_loader *ld, char *names, int *storage)
{
    for (unsigned i = 0; i < BENCH_EXPORTS; i++) {
        char *name = names + i * BENCH_NAME_LEN;
        snprintf(name, BENCH_NAME_LEN, "exp_%05u", i);
        int rc = dkm_export_add(ld, name, (uintptr_t)&storage[i]);
        if (rc)
            return rc;
    }
    return 0;
}

static void bench_run(const char *path, unsigned rounds, const uint8_t *img, size_t size)
{
    struct floor_plan plan;
    struct dkm_loader *ld = NULL;
    char *names = kmalloc(BENCH_EXPORTS * BENCH_NAME_LEN);
    int *storage = kmalloc(BENCH_EXPORTS * sizeof *storage);
    uint64_t *ark = kmalloc(rounds * sizeof *ark), *flr = kmalloc(rounds * sizeof *flr);
    /* Per round: each phase, then the module-memory time; medians are robust to a round in
     * which the host descheduled QEMU. */
    uint64_t *per = kmalloc((BP_COUNT + 1) * rounds * sizeof *per);
    uint8_t *dest = NULL;
    int rc = floor_prepare(img, size, &plan);
    if (rc) {
        printk(KERN_ERR "dkm-bench: %s: not a benchmark module (%d)\n", path, rc);
        goto out;
    }
    dest = kmalloc(plan.image_bytes + 16);
    if (!names || !storage || !ark || !flr || !per || !dest ||
        dkm_loader_create(&bench_port, &(struct dkm_config){ 0 }, &ld) != 0 ||
        bench_exports(ld, names, storage) != 0) {
        printk(KERN_ERR "dkm-bench: %s: out of memory\n", path);
        goto out_plan;
    }
    dkm_set_phase_hook(ld, bench_phase, NULL);
    /* As dkm_load loads (keeping symbols), but no module code runs: it would need the kernel's
     * module records and fault containment, which this private loader does not have. */
    struct dkm_load_opts opts = { .name_hint = path, .flags = DKM_LOAD_KEEP_SYMS | DKM_LOAD_NO_RUN };
    struct dkm_error err;
    /* Warm-up: the first loads also pay for QEMU translating the loader's code (reported). */
    uint64_t first_ark = 0, first_floor = 0;
    for (unsigned r = 0; r < rounds + 3; r++) {
        struct dkm_module *mod;
        phase_events = 0;
        mem_cycles = 0;
        uint64_t t0 = rdtsc();
        if (dkm_load_image(ld, img, size, &opts, &mod, &err) != 0) {
            printk(KERN_ERR "dkm-bench: %s: %s\n", path, err.msg);
            goto out_plan;
        }
        dkm_unload(ld, mod, 0, &err);
        uint64_t t1 = rdtsc();
        floor_run(&plan, img, dest);
        uint64_t t2 = rdtsc();
        if (r == 0) {
            first_ark = t1 - t0;
            first_floor = t2 - t1;
        } else if (r >= 3) {
            ark[r - 3] = t1 - t0;
            flr[r - 3] = t2 - t1;
            uint64_t phase_sum[BP_COUNT];
            bench_phase_sums(phase_sum);
            for (int i = 0; i < BP_COUNT; i++)
                per[i * rounds + r - 3] = phase_sum[i];
            per[BP_COUNT * rounds + r - 3] = mem_cycles;
        }
    }
    uint64_t ark_med = median(ark, rounds), floor_med = median(flr, rounds);
    unsigned ratio100 = floor_med ? (unsigned)(ark_med * 100 / floor_med) : 0;
    printk(KERN_INFO "dkm-bench: %s: %u rounds, %u bytes of sections, %u relocations: ark load+unload "
           "%u us (%u cycles), floor %u us (%u cycles), ratio %u.%02u\n", path, rounds, plan.image_bytes,
           plan.nrelocs, (unsigned)dkm_tsc_to_us(ark_med), (unsigned)ark_med,
           (unsigned)dkm_tsc_to_us(floor_med), (unsigned)floor_med, ratio100 / 100, ratio100 % 100);
    /* median() sorted both: the fastest rounds, which host preemption of QEMU (additive noise
     * that hits ark's longer rounds more often than the floor's) cannot have slowed. */
    unsigned min100 = flr[0] ? (unsigned)(ark[0] * 100 / flr[0]) : 0;
    printk(KERN_INFO "dkm-bench: %s: fastest rounds: ark %u cycles, floor %u cycles, ratio %u.%02u\n", path,
           (unsigned)ark[0], (unsigned)flr[0], min100 / 100, min100 % 100);
    unsigned med[BP_COUNT + 1];
    for (int i = 0; i <= BP_COUNT; i++)
        med[i] = (unsigned)median(per + i * rounds, rounds);
    printk(KERN_INFO "dkm-bench: %s: median cycles per phase: validate %u layout %u resolve %u relocate %u "
           "init %u unload %u; in module memory (dkm_mem alloc, protect, free) %u\n", path,
           med[BP_VALIDATE], med[BP_LAYOUT], med[BP_RESOLVE], med[BP_RELOCATE], med[BP_INIT], med[BP_UNLOAD],
           med[BP_COUNT]);
    printk(KERN_INFO "dkm-bench: %s: first round: ark %u us, floor %u us\n", path,
           (unsigned)dkm_tsc_to_us(first_ark), (unsigned)dkm_tsc_to_us(first_floor));
    struct dkm_stats st;
    dkm_stats(ld, &st);
    printk(KERN_INFO "dkm-bench: %s: imports found by the hash recorded in the module: %u per load\n", path,
           (unsigned)(st.imports_prehashed / (rounds + 3)));
out_plan:
    if (ld)
        dkm_loader_destroy(ld);
    kfree(dest);
    floor_free(&plan);
out:
    kfree(names);
    kfree(storage);
    kfree(ark);
    kfree(flr);
    kfree(per);
}

void dkm_bench_boot(void)
{
    char path[128], value[16];
    if (!cmdline_get("dkm.bench", path, sizeof path) || !path[0])
        return;
    unsigned rounds = BENCH_ROUNDS_DEFAULT;
    if (cmdline_get("dkm.bench_rounds", value, sizeof value)) {
        unsigned v = 0;
        const char *c = value;
        for (; *c >= '0' && *c <= '9' && v <= BENCH_ROUNDS_MAX; c++)
            v = v * 10 + (unsigned)(*c - '0');
        if (*c || v < 1 || v > BENCH_ROUNDS_MAX)
            printk(KERN_WARNING "dkm-bench: dkm.bench_rounds=%s is not 1..%u; using %u\n", value,
                   BENCH_ROUNDS_MAX, BENCH_ROUNDS_DEFAULT);
        else
            rounds = v;
    }
    void *image = NULL;
    size_t size = 0;
    int rc = vfs_read_file(path, &image, &size);
    if (rc < 0) {
        printk(KERN_ERR "dkm-bench: %s: cannot read (%d)\n", path, rc);
        return;
    }
    /* The same policy as any other load: an image the kernel would refuse is not benchmarked. */
    struct trust_verdict verdict;
    if (trust_check_module(path, image, size, &verdict) == 0)
        bench_run(path, rounds, image, size);
    kfree(image);
}
