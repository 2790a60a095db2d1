/* test_inplace.c — DKM_LOAD_IN_PLACE: which sections stay where they lie in a persistent image
 * (large read-only data no relocation writes) and which are still copied, the edges of the
 * relocation fast path's folded bounds check, and a bad entry at every place of its unrolled loop. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "elfgen.h"
#include "internal.h"
#include "tests.h"
#include "tport.h"

struct inp {
    struct tport t;
    struct dkm_loader *ld;
};

static int setup(void **state)
{
    struct inp *f = calloc(1, sizeof *f);
    tport_init(&f->t);
    f->ld = tport_loader(&f->t, 0);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct inp *f = *state;
    dkm_loader_destroy(f->ld);
    assert_int_equal(f->t.bad_frees, 0);
    free(f);
    return 0;
}

/* The image as a caller of DKM_LOAD_IN_PLACE keeps it: mapped read-only, below 4 GiB (the module
 * is 32-bit even when the test runs as an x86_64 program). */
struct image {
    const uint8_t *at;
    size_t size, mapped;
};

static struct image image_map(const struct eg *g)
{
    struct image im;
    void *built = eg_build(g, &im.size);
    im.mapped = (im.size + 4095) & ~(size_t)4095;
    int flags = MAP_PRIVATE | MAP_ANONYMOUS;
#ifdef MAP_32BIT
    flags |= MAP_32BIT;
#endif
    void *p = mmap(NULL, im.mapped, PROT_READ | PROT_WRITE, flags, -1, 0);
    assert_true(p != MAP_FAILED);
    memcpy(p, built, im.size);
    free(built);
    assert_int_equal(mprotect(p, im.mapped, PROT_READ), 0);
    im.at = p;
    return im;
}

static void image_unmap(struct image *im)
{
    munmap((void *)(uintptr_t)im->at, im->mapped);
}

static bool inside_image(const struct image *im, uintptr_t addr)
{
    return addr >= (uintptr_t)im->at && addr < (uintptr_t)im->at + im->size;
}

static const uint8_t code[4] = {0x31, 0xc0, 0xc3, 0x90};   /* xor eax,eax; ret */

/* A module of .text (module_init) and a .data of the given words; returns .data's index and sets
 * *textsym to the symbol relocations against .text use. */
static unsigned text_and_data(struct eg *g, const void *words, uint32_t size, unsigned *textsym)
{
    eg_init(g);
    unsigned text = eg_section(g, ".text", EG_PROGBITS, EG_A | EG_X, 4, code, sizeof code);
    unsigned data = eg_section(g, ".data", EG_PROGBITS, EG_A | EG_W, 4, words, size);
    *textsym = eg_symbol(g, ".text", 0, 0, 0, 3, text);
    eg_symbol(g, "module_init", 0, sizeof code, 1, 2, text);
    return data;
}
static uint32_t table[3000];                               /* 12000 bytes: three pages */

/* A module with .text (module_init), a large .rodata holding 'table' and, if relocated, one
 * pointer in .rodata to .text. */
static void build(struct eg *g, uint32_t rodata_bytes, bool relocated)
{
    for (unsigned i = 0; i < sizeof table / sizeof table[0]; i++)
        table[i] = 0x5eed0000u + i;
    eg_init(g);
    unsigned text = eg_section(g, ".text", EG_PROGBITS, EG_A | EG_X, 4, code, sizeof code);
    unsigned ro = eg_section(g, ".rodata", EG_PROGBITS, EG_A, 4, table, rodata_bytes);
    unsigned textsym = eg_symbol(g, ".text", 0, 0, 0, 3, text);
    eg_symbol(g, "module_init", 0, sizeof code, 1, 2, text);
    eg_symbol(g, "table", 0, rodata_bytes, 1, 1, ro);
    if (relocated)
        eg_rel(g, ro, 8, 1 /* R_386_32 */, textsym);
}

static uintptr_t load(struct inp *f, const struct image *im, unsigned flags, struct dkm_module **mod)
{
    struct dkm_load_opts o = {"inplace", NULL, flags | DKM_LOAD_NO_RUN | DKM_LOAD_KEEP_SYMS};
    struct dkm_error err;
    int rc = dkm_load_image(f->ld, im->at, im->size, &o, mod, &err);
    if (rc)
        fail_msg("%s", err.msg);
    uintptr_t addr = 0;
    assert_int_equal(dkm_module_symbol(*mod, "table", &addr), DKM_OK);
    return addr;
}

static void large_unrelocated_rodata_stays_in_the_image(void **state)
{
    struct inp *f = *state;
    struct eg g;
    build(&g, sizeof table, false);
    struct image im = image_map(&g);
    struct dkm_module *mod;
    struct dkm_stats before, after;
    struct dkm_error err;

    dkm_stats(f->ld, &before);
    uintptr_t copied = load(f, &im, 0, &mod);
    dkm_stats(f->ld, &after);
    size_t copied_regions = after.region_bytes - before.region_bytes;
    assert_false(inside_image(&im, copied));
    assert_memory_equal((const void *)copied, table, sizeof table);
    assert_int_equal(dkm_unload(f->ld, mod, 0, &err), DKM_OK);

    uintptr_t in_place = load(f, &im, DKM_LOAD_IN_PLACE, &mod);
    dkm_stats(f->ld, &after);
    assert_true(inside_image(&im, in_place));
    assert_memory_equal((const void *)in_place, table, sizeof table);
    /* The three pages of .rodata are not module memory any more. */
    assert_true(after.region_bytes - before.region_bytes + 3 * 4096 <= copied_regions);
    assert_int_equal(dkm_unload(f->ld, mod, 0, &err), DKM_OK);
    dkm_stats(f->ld, &after);
    assert_int_equal(after.region_bytes, before.region_bytes);
    assert_int_equal(after.meta_bytes, before.meta_bytes);
    image_unmap(&im);
}

static void relocated_rodata_is_copied(void **state)
{
    struct inp *f = *state;
    struct eg g;
    build(&g, sizeof table, true);
    struct image im = image_map(&g);
    struct dkm_module *mod;
    struct dkm_error err;
    uintptr_t addr = load(f, &im, DKM_LOAD_IN_PLACE, &mod);
    assert_false(inside_image(&im, addr));
    uintptr_t text = 0;
    assert_int_equal(dkm_module_symbol(mod, "module_init", &text), DKM_OK);
    assert_int_equal(((const uint32_t *)addr)[2], table[2] + (uint32_t)text);
    assert_int_equal(dkm_unload(f->ld, mod, 0, &err), DKM_OK);
    image_unmap(&im);
}

static void rodata_below_a_page_is_copied(void **state)
{
    struct inp *f = *state;
    struct eg g;
    build(&g, 400, false);
    struct image im = image_map(&g);
    struct dkm_module *mod;
    struct dkm_error err;
    uintptr_t addr = load(f, &im, DKM_LOAD_IN_PLACE, &mod);
    assert_false(inside_image(&im, addr));
    assert_memory_equal((const void *)addr, table, 400);
    assert_int_equal(dkm_unload(f->ld, mod, 0, &err), DKM_OK);
    image_unmap(&im);
}

/* The fast path folds the type and bounds checks: the last field that fits is applied, one byte
 * further is refused with the general path's message, and so is an offset with bit 31 set. */
static void fast_path_bounds_edges(void **state)
{
    struct inp *f = *state;
    static uint32_t words[4];
    const uint32_t offsets[] = {12, 13, 0x80000000u};
    const char *const want[] = {
        NULL,
        "dkm: edges: .rel.data #1: 4-byte field at offset 0xd overruns .data (size 0x10)",
        "dkm: edges: .rel.data #1: offset 0x80000000 outside .data (size 0x10)",
    };
    for (unsigned c = 0; c < 3; c++) {
        struct eg g;
        unsigned textsym, data = text_and_data(&g, words, sizeof words, &textsym);
        eg_rel(&g, data, 0, 1 /* R_386_32 */, textsym);
        eg_rel(&g, data, offsets[c], 1 /* R_386_32 */, textsym);
        size_t size;
        void *img = eg_build(&g, &size);
        struct dkm_load_opts o = {"edges", NULL, DKM_LOAD_NO_RUN};
        struct dkm_module *mod;
        struct dkm_error err;
        int rc = dkm_load_image(f->ld, img, size, &o, &mod, &err);
        free(img);
        if (!want[c]) {
            assert_int_equal(rc, DKM_OK);
            assert_int_equal(dkm_unload(f->ld, mod, 0, &err), DKM_OK);
        } else {
            assert_int_equal(rc, DKM_E_RELOC_OFFSET);
            assert_string_equal(err.msg, want[c]);
        }
    }
}

/* Runs of S + A fields and PC-relative ones mixed in one section: each gets its own formula. */
static void mixed_fast_types_apply_in_order(void **state)
{
    struct inp *f = *state;
    static const uint32_t addends[4] = {0, 0, 8, 0};
    struct eg g;
    unsigned textsym, data = text_and_data(&g, addends, sizeof addends, &textsym);
    eg_symbol(&g, "words", 0, sizeof addends, 1, 1, data);
    eg_rel(&g, data, 0, 1 /* R_386_32 */, textsym);
    eg_rel(&g, data, 4, 2 /* R_386_PC32 */, textsym);
    eg_rel(&g, data, 8, 1 /* R_386_32 */, textsym);
    eg_rel(&g, data, 12, 2 /* R_386_PC32 */, textsym);
    size_t size;
    void *img = eg_build(&g, &size);
    struct dkm_load_opts o = {"mixed", NULL, DKM_LOAD_NO_RUN | DKM_LOAD_KEEP_SYMS};
    struct dkm_module *mod;
    struct dkm_error err;
    assert_int_equal(dkm_load_image(f->ld, img, size, &o, &mod, &err), DKM_OK);
    free(img);
    uintptr_t t = 0, d = 0;
    assert_int_equal(dkm_module_symbol(mod, "module_init", &t), DKM_OK);
    assert_int_equal(dkm_module_symbol(mod, "words", &d), DKM_OK);
    const uint32_t *w = (const uint32_t *)d;
    assert_int_equal(w[0], (uint32_t)t);
    assert_int_equal(w[1], (uint32_t)(t - (d + 4)));
    assert_int_equal(w[2], (uint32_t)(t + 8));
    assert_int_equal(w[3], (uint32_t)(t - (d + 12)));
    assert_int_equal(dkm_unload(f->ld, mod, 0, &err), DKM_OK);
}

/* Runs of 0 to 19 R_386_32 fields (none, one or two turns of the loop, and a tail): applied in full when all are good, and exactly once each when a
 * PC-relative field (which the S + A loop hands on) sits at any position of its eight-a-turn loop
 * or of its tail; otherwise the first bad entry there is the one named (a field outside the
 * section, a symbol index past the table, a type that needs a missing GOT), and nothing is left
 * loaded. */
static void every_place_of_a_run_is_checked(void **state)
{
    struct inp *f = *state;
    static uint32_t words[20];
    for (unsigned i = 0; i < 20; i++)
        words[i] = 0x100u * i;
    for (unsigned n = 0; n <= 19; n++)
        for (unsigned bad = 0; bad <= n; bad++)
            for (unsigned how = 0; how < 4; how++) {
                if (bad == n && how)
                    continue;   /* bad == n: the all-good run, once */
                struct eg g;
                unsigned textsym, data = text_and_data(&g, words, sizeof words, &textsym);
                for (unsigned k = 0; k < n; k++) {
                    uint32_t off = 4 * k, type = 1 /* R_386_32 */, sym = textsym;
                    if (k == bad && how == 0)
                        off = sizeof words;
                    else if (k == bad && how == 1)
                        sym = 99;
                    else if (k == bad && how == 2)
                        type = 43 /* R_386_GOT32X without a GOT */;
                    else if (k == bad && how == 3)
                        type = 2 /* R_386_PC32 */;
                    eg_rel(&g, data, off, type, sym);
                }
                size_t size;
                void *img = eg_build(&g, &size);
                struct dkm_load_opts o = {"run", NULL, DKM_LOAD_NO_RUN | DKM_LOAD_KEEP_SYMS};
                struct dkm_module *mod;
                struct dkm_error err;
                int rc = dkm_load_image(f->ld, img, size, &o, &mod, &err);
                free(img);
                if (bad == n || how == 3) {
                    assert_int_equal(rc, DKM_OK);
                    uintptr_t t = 0, d = 0;
                    const char *name;
                    for (unsigned i = 0; dkm_module_section(mod, i, &name, &d, NULL) == DKM_OK; i++)
                        if (!strcmp(name, ".text"))
                            t = d;
                    for (unsigned i = 0; dkm_module_section(mod, i, &name, &d, NULL) == DKM_OK; i++)
                        if (!strcmp(name, ".data"))
                            break;
                    for (unsigned k = 0; k < 20; k++) {
                        uint32_t want = 0x100u * k + (k < n ? (uint32_t)t : 0);
                        if (k == bad && how == 3)
                            want -= (uint32_t)(d + 4 * k);   /* S + A - P */
                        assert_int_equal(((const uint32_t *)d)[k], want);
                    }
                    assert_int_equal(dkm_unload(f->ld, mod, 0, &err), DKM_OK);
                    continue;
                }
                assert_int_not_equal(rc, DKM_OK);
                char want[32];
                snprintf(want, sizeof want, ".rel.data #%u", bad);
                assert_non_null(strstr(err.msg, want));
                assert_int_equal(dkm_module_count(f->ld), 0);
            }
}

DEFINE_TEST_LIST(inplace_tests,
    cmocka_unit_test_setup_teardown(mixed_fast_types_apply_in_order, setup, teardown),
    cmocka_unit_test_setup_teardown(large_unrelocated_rodata_stays_in_the_image, setup, teardown),
    cmocka_unit_test_setup_teardown(relocated_rodata_is_copied, setup, teardown),
    cmocka_unit_test_setup_teardown(rodata_below_a_page_is_copied, setup, teardown),
    cmocka_unit_test_setup_teardown(fast_path_bounds_edges, setup, teardown),
    cmocka_unit_test_setup_teardown(every_place_of_a_run_is_checked, setup, teardown));
