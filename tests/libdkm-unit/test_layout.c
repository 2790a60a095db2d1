/* test_layout.c — layout computation on synthetic objects: which region each section joins,
 * alignment, COMMON and GOT space, init-only regions, memory that a port hands out unzeroed,
 * duplicate COMDAT groups, skipped debug relocations, kept symbols among imports, and the caps. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "elfgen.h"
#include "internal.h"
#include "tests.h"
#include "tport.h"

struct lay {
    struct tport t;
    struct dkm_loader *ld;
};

static int setup(void **state)
{
    struct lay *f = calloc(1, sizeof *f);
    tport_init(&f->t);
    f->ld = tport_loader(&f->t, 0);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct lay *f = *state;
    struct dkm_stats s;
    dkm_loader_destroy(f->ld);
    (void)s;
    assert_int_equal(f->t.bad_frees, 0);
    free(f);
    return 0;
}

static int load_eg(struct lay *f, const struct eg *g, unsigned flags, struct dkm_module **mod,
                   struct dkm_error *err)
{
    size_t size;
    void *img = eg_build(g, &size);
    struct dkm_load_opts o = {"synthetic", NULL, flags | DKM_LOAD_NO_RUN};
    int rc = dkm_load_image(f->ld, img, size, &o, mod, err);
    free(img);
    return rc;
}

static uintptr_t section_addr(struct dkm_module *mod, const char *want, size_t *size)
{
    const char *name;
    uintptr_t addr;
    size_t sz;
    for (unsigned i = 0; dkm_module_section(mod, i, &name, &addr, &sz) == DKM_OK; i++)
        if (!strcmp(name, want)) {
            if (size)
                *size = sz;
            return addr;
        }
    return 0;
}

static const uint8_t code[16] = {0xc3};
static const char strs[] = "hello\0world";
static const uint32_t words[4] = {1, 2, 3, 4};

static void sections_join_their_protection_class(void **state)
{
    struct lay *f = *state;
    struct eg g;
    eg_init(&g);
    unsigned text = eg_section(&g, ".text", EG_PROGBITS, EG_A | EG_X, 16, code, sizeof code);
    eg_section(&g, ".rodata.str1.1", EG_PROGBITS, EG_A | EG_MS, 1, strs, sizeof strs);
    eg_section(&g, ".data.rel.ro.local", EG_PROGBITS, EG_A | EG_W, 4, words, sizeof words);
    eg_section(&g, ".data", EG_PROGBITS, EG_A | EG_W, 4, words, sizeof words);
    eg_section(&g, ".bss", EG_NOBITS, EG_A | EG_W, 64, NULL, 100);
    eg_section(&g, ".init.text", EG_PROGBITS, EG_A | EG_X, 1, code, 1);
    eg_section(&g, ".comment", EG_PROGBITS, 0, 1, "x", 2);
    eg_symbol(&g, "module_init", 0, 1, 1, 2, text);
    struct dkm_module *mod;
    struct dkm_error err;
    assert_int_equal(load_eg(f, &g, DKM_LOAD_KEEP_SYMS, &mod, &err), DKM_OK);
    size_t sz;
    uintptr_t t = section_addr(mod, ".text", &sz);
    uintptr_t ro = section_addr(mod, ".rodata.str1.1", NULL);
    uintptr_t relro = section_addr(mod, ".data.rel.ro.local", NULL);
    uintptr_t d = section_addr(mod, ".data", NULL);
    uintptr_t bss = section_addr(mod, ".bss", NULL);
    assert_int_equal(sz, 16);
    assert_int_equal(t & 4095, 0);
    /* rodata and relro share the read-only region; data and bss the writable one */
    assert_true(ro && relro && (ro & ~4095ul) == (relro & ~4095ul));
    assert_true((d & ~4095ul) == (bss & ~4095ul));
    assert_true((t & ~4095ul) != (ro & ~4095ul) && (ro & ~4095ul) != (d & ~4095ul));
    assert_int_equal(bss % 64, 0);
    assert_memory_equal((void *)ro, strs, sizeof strs);
    assert_memory_equal((void *)d, words, sizeof words);
    assert_int_equal(section_addr(mod, ".comment", NULL), 0);
    /* text, rodata, data remain, a page each in the one core block; the init block went after
     * (the absent) init */
    struct dkm_stats s;
    dkm_stats(f->ld, &s);
    assert_int_equal(s.region_blocks, 1);
    assert_int_equal(s.region_bytes, 3 * 4096);
    assert_int_equal(dkm_unload(f->ld, mod, 0, &err), DKM_OK);
    dkm_stats(f->ld, &s);
    assert_int_equal(s.region_blocks, 0);
}

/* With DKM_LOAD_KEEP_SYMS every function and object stays findable by name and by address,
 * few or many, with the module's imports (which are not kept) between them. */
static void every_kept_symbol_is_found_among_imports(void **state)
{
    struct lay *f = *state;
    static uint8_t text[4 * 100];
    static char fn[100][16], imp[50][16];
    for (unsigned i = 0; i < 50; i++) {
        snprintf(imp[i], sizeof imp[i], "imp_%02u", i);
        /* below 4 GiB, as an i386 module needs; nothing refers to them, so nothing reads there */
        assert_int_equal(dkm_export_add(f->ld, imp[i], 0x10000u + 4u * i), DKM_OK);
    }
    const unsigned counts[] = { 5, 100 };
    for (unsigned c = 0; c < 2; c++) {
        const unsigned n = counts[c];
        struct eg g;
        eg_init(&g);
        unsigned t = eg_section(&g, ".text", EG_PROGBITS, EG_A | EG_X, 16, text, 4 * n);
        for (unsigned i = 0; i < n; i++) {
            snprintf(fn[i], sizeof fn[i], "fn_%02u", i);
            eg_symbol(&g, fn[i], 4 * i, 4, 1, i % 3 ? 2 : 1, t);   /* functions and objects */
            if (i % 2 == 0)
                eg_symbol(&g, imp[i / 2], 0, 0, 1, 0, 0);
        }
        struct dkm_module *mod;
        struct dkm_error err;
        assert_int_equal(load_eg(f, &g, DKM_LOAD_KEEP_SYMS, &mod, &err), DKM_OK);
        uintptr_t base = section_addr(mod, ".text", NULL), addr, off;
        struct dkm_module *in;
        const char *sym;
        for (unsigned i = 0; i < n; i++) {
            assert_int_equal(dkm_module_symbol(mod, fn[i], &addr), DKM_OK);
            assert_int_equal(addr, base + 4 * i);
            assert_int_equal(dkm_addr_lookup(f->ld, base + 4 * i + 2, &in, &sym, &off), DKM_OK);
            assert_ptr_equal(in, mod);
            assert_string_equal(sym, fn[i]);
            assert_int_equal(off, 2);
        }
        assert_int_equal(mod->ksyms.count, n);
        assert_int_not_equal(dkm_module_symbol(mod, imp[0], &addr), DKM_OK);   /* imports are not kept */
        assert_int_equal(dkm_unload(f->ld, mod, 0, &err), DKM_OK);
    }
}

static void common_and_got_go_to_data(void **state)
{
    struct lay *f = *state;
    struct eg g;
    eg_init(&g);
    uint8_t text[16] = {0};
    unsigned t = eg_section(&g, ".text", EG_PROGBITS, EG_A | EG_X, 16, text, sizeof text);
    unsigned c = eg_symbol(&g, "big_common", 256, 512, 1, 1, DKM_SHN_COMMON);
    eg_symbol(&g, "module_init", 0, 1, 1, 2, t);
    eg_rel(&g, t, 4, 3 /* GOT32 */, c);
    eg_rel(&g, t, 8, 9 /* GOTOFF */, c);
    struct dkm_module *mod;
    struct dkm_error err;
    /* GOT slots are only planned for objects that reference _GLOBAL_OFFSET_TABLE_, as every
     * assembler makes them do */
    assert_int_equal(load_eg(f, &g, 0, &mod, &err), DKM_E_RELOC_TYPE);
    assert_string_equal(err.msg, "dkm: synthetic: .rel.text #0: R_386_GOT32 against 'big_common' needs a GOT, "
                                 "but the module does not reference _GLOBAL_OFFSET_TABLE_");
    eg_symbol(&g, "_GLOBAL_OFFSET_TABLE_", 0, 0, 1, 0, 0);
    assert_int_equal(load_eg(f, &g, DKM_LOAD_KEEP_SYMS, &mod, &err), DKM_OK);
    uintptr_t common;
    assert_int_equal(dkm_module_symbol(mod, "big_common", &common), DKM_OK);
    assert_int_equal(common % 256, 0);
    uintptr_t tx = section_addr(mod, ".text", NULL);
    uint32_t got_off = *(uint32_t *)(tx + 4);     /* GOT32: slot offset from the GOT base */
    uint32_t gotoff = *(uint32_t *)(tx + 8);      /* GOTOFF: symbol - GOT base */
    uint32_t got_base = (uint32_t)common - gotoff;
    assert_int_equal(*(uint32_t *)(uintptr_t)(got_base + got_off), (uint32_t)common);
    /* the GOT lies in the writable region, after the COMMON block */
    assert_true(got_base >= common + 512 && got_base < ((common + 4096) & ~4095ul) + 4096);
    assert_int_equal(dkm_unload(f->ld, mod, 0, &err), DKM_OK);
}

static void duplicate_comdat_group_loads_once(void **state)
{
    struct lay *f = *state;
    struct eg g;
    eg_init(&g);
    uint8_t text[8] = {0};
    unsigned t = eg_section(&g, ".text", EG_PROGBITS, EG_A | EG_X, 4, text, sizeof text);
    unsigned a = eg_section(&g, ".text.thunk", EG_PROGBITS, EG_A | EG_X | EG_G, 4, code, 4);
    unsigned b = eg_section(&g, ".text.thunk", EG_PROGBITS, EG_A | EG_X | EG_G, 4, code, 4);
    uint32_t ga[2] = {1, a}, gb[2] = {1, b};
    unsigned s1 = eg_symbol(&g, "thunk_sig", 0, 0, 0, 0, t);
    unsigned g1 = eg_section(&g, ".group", EG_GROUP, 0, 4, ga, sizeof ga);
    unsigned g2 = eg_section(&g, ".group", EG_GROUP, 0, 4, gb, sizeof gb);
    g.sec[g1].info = s1;
    g.sec[g2].info = s1;
    unsigned ta = eg_symbol(&g, "thunk", 0, 4, 1, 2, a);
    unsigned tb = eg_symbol(&g, "thunk", 0, 4, 1, 2, b);
    eg_symbol(&g, "module_init", 0, 1, 1, 2, t);
    eg_rel(&g, t, 0, 1, ta);
    eg_rel(&g, t, 4, 1, tb);
    eg_rel(&g, b, 0, 1, tb);   /* relocations of the discarded copy are skipped */
    struct dkm_module *mod;
    struct dkm_error err;
    assert_int_equal(load_eg(f, &g, DKM_LOAD_KEEP_SYMS, &mod, &err), DKM_OK);
    uintptr_t tx = section_addr(mod, ".text", NULL);
    unsigned copies = 0;
    const char *name;
    uintptr_t addr, thunk = 0;
    for (unsigned i = 0; dkm_module_section(mod, i, &name, &addr, NULL) == DKM_OK; i++)
        if (!strcmp(name, ".text.thunk")) {
            copies++;
            thunk = addr;
        }
    assert_int_equal(copies, 1);
    assert_int_equal(*(uint32_t *)tx, thunk);
    assert_int_equal(*(uint32_t *)(tx + 4), thunk);
    assert_int_equal(dkm_unload(f->ld, mod, 0, &err), DKM_OK);
}

static void debug_relocations_are_skipped(void **state)
{
    struct lay *f = *state;
    struct eg g;
    eg_init(&g);
    unsigned t = eg_section(&g, ".text", EG_PROGBITS, EG_A | EG_X, 4, code, 4);
    uint8_t dbg[8] = {0};
    unsigned d = eg_section(&g, ".debug_info", EG_PROGBITS, 0, 1, dbg, sizeof dbg);
    eg_symbol(&g, "module_init", 0, 1, 1, 2, t);
    eg_rel(&g, d, 1000, 200, 999);   /* nonsense that must never be looked at */
    struct dkm_module *mod;
    struct dkm_error err;
    assert_int_equal(load_eg(f, &g, 0, &mod, &err), DKM_OK);
    assert_int_equal(dkm_unload(f->ld, mod, 0, &err), DKM_OK);
}

static void alignment_above_a_page_is_refused(void **state)
{
    struct lay *f = *state;
    struct eg g;
    eg_init(&g);
    unsigned t = eg_section(&g, ".text", EG_PROGBITS, EG_A | EG_X, 8192, code, 4);
    eg_symbol(&g, "module_init", 0, 1, 1, 2, t);
    struct dkm_module *mod;
    struct dkm_error err;
    assert_int_equal(load_eg(f, &g, 0, &mod, &err), DKM_E_ALIGN);
    assert_string_equal(err.msg, "dkm: synthetic: section .text: alignment 8192 is above the limit");
    g.sec[t].align = 12;
    assert_int_equal(load_eg(f, &g, 0, &mod, &err), DKM_E_ALIGN);
    assert_string_equal(err.msg, "dkm: synthetic: section .text: alignment 12 is not a power of two");
    g.sec[t].align = 4096;
    assert_int_equal(load_eg(f, &g, 0, &mod, &err), DKM_OK);
    assert_int_equal(dkm_unload(f->ld, mod, 0, &err), DKM_OK);
}

static void size_cap_is_enforced(void **state)
{
    struct lay *f = *state;
    struct tport t;
    tport_init(&t);
    struct dkm_config cfg = {0};
    cfg.max_image_size = 64 * 1024;
    struct dkm_loader *ld;
    assert_int_equal(dkm_loader_create(&t.port, &cfg, &ld), DKM_OK);
    struct eg g;
    eg_init(&g);
    unsigned tx = eg_section(&g, ".text", EG_PROGBITS, EG_A | EG_X, 4, code, 4);
    eg_section(&g, ".bss", EG_NOBITS, EG_A | EG_W, 4, NULL, 1u << 20);
    eg_symbol(&g, "module_init", 0, 1, 1, 2, tx);
    size_t size;
    void *img = eg_build(&g, &size);
    struct dkm_load_opts o = {"big", NULL, DKM_LOAD_NO_RUN};
    struct dkm_module *mod;
    struct dkm_error err;
    assert_int_equal(dkm_load_image(ld, img, size, &o, &mod, &err), DKM_E_TOO_BIG);
    assert_string_equal(err.msg, "dkm: big: section .bss ends at 0x100000, above the limit of 65536 bytes");
    free(img);
    struct dkm_stats s;
    dkm_stats(ld, &s);
    assert_int_equal(s.region_blocks, 0);
    assert_int_equal(s.meta_blocks, 2);
    dkm_loader_destroy(ld);
    (void)f;
}

static void nothing_to_run_is_refused(void **state)
{
    struct lay *f = *state;
    if (sizeof(void *) > 4)
        skip();
    struct eg g;
    eg_init(&g);
    eg_section(&g, ".text", EG_PROGBITS, EG_A | EG_X, 4, code, 4);
    size_t size;
    void *img = eg_build(&g, &size);
    struct dkm_load_opts o = {"empty", NULL, 0};
    struct dkm_module *mod;
    struct dkm_error err;
    assert_int_equal(dkm_load_image(f->ld, img, size, &o, &mod, &err), DKM_E_NO_INIT);
    free(img);
}

static void init_only_exports_are_refused(void **state)
{
    struct lay *f = *state;
    static const char exports[] = "setup_table";
    struct eg g;
    eg_init(&g);
    unsigned t = eg_section(&g, ".text", EG_PROGBITS, EG_A | EG_X, 4, code, 4);
    unsigned it = eg_section(&g, ".init.text", EG_PROGBITS, EG_A | EG_X, 4, code, 4);
    eg_section(&g, ".dkm.exports", EG_PROGBITS, EG_A, 1, exports, sizeof exports);
    eg_symbol(&g, "module_init", 0, 1, 1, 2, t);
    eg_symbol(&g, "setup_table", 0, 4, 1, 2, it);
    struct dkm_module *mod;
    struct dkm_error err;
    assert_int_equal(load_eg(f, &g, 0, &mod, &err), DKM_E_EXPORT_UNDEF);
    assert_string_equal(err.msg, "dkm: synthetic: exports 'setup_table', which is in init-only section .init.text");
    struct dkm_stats s;
    dkm_stats(f->ld, &s);
    assert_int_equal(s.exports, 0);
    assert_int_equal(s.region_blocks, 0);
}

/* An empty section in a region that is never allocated has no address; a relocation of it (only
 * R_386_NONE fits) must not form a pointer from nothing (UBSan checks this in the x86_64 run). */
static void empty_section_relocations(void **state)
{
    struct lay *f = *state;
    struct eg g;
    eg_init(&g);
    unsigned t = eg_section(&g, ".text", EG_PROGBITS, EG_A | EG_X, 4, code, 4);
    unsigned e = eg_section(&g, ".data", EG_PROGBITS, EG_A | EG_W, 4, NULL, 0);
    eg_symbol(&g, "module_init", 0, 1, 1, 2, t);
    eg_rel(&g, e, 0, 0 /* R_386_NONE */, 0);
    struct dkm_module *mod;
    struct dkm_error err;
    assert_int_equal(load_eg(f, &g, 0, &mod, &err), DKM_OK);
    assert_int_equal(dkm_unload(f->ld, mod, 0, &err), DKM_OK);
    eg_rel(&g, e, 0, 1 /* R_386_32 */, 0);
    assert_int_equal(load_eg(f, &g, 0, &mod, &err), DKM_E_RELOC_OFFSET);
    assert_string_equal(err.msg, "dkm: synthetic: .rel.data #1: offset 0x0 outside .data (size 0x0)");
}

/* The phase hook sees the module's memory once it is laid out and relocated, before init: every
 * byte of every region, init-only ones included, must have been written by then. */
struct stale_scan {
    struct lay *f;
    unsigned stale, regions;
};

static void count_stale(void *arg, const char *phase)
{
    struct stale_scan *sc = arg;
    if (strcmp(phase, "init"))
        return;
    const struct dkm_module *mod = sc->f->ld->first;
    for (unsigned r = 0; r < DKM_RGN_COUNT; r++) {
        const uint8_t *p = (const uint8_t *)mod->rgn[r].addr;
        sc->regions += mod->rgn[r].size != 0;
        for (uint32_t i = 0; i < mod->rgn[r].size; i++)
            sc->stale += p[i] == TPORT_POISON;
    }
}

static void unzeroed_memory_is_fully_written(void **state)
{
    struct lay *f = *state;
    dkm_loader_destroy(f->ld);
    tport_init(&f->t);
    f->t.poison_regions = 1;
    f->t.port.region_flags = DKM_REGION_UNZEROED;
    f->ld = tport_loader(&f->t, 0);
    struct eg g;
    eg_init(&g);
    /* alignment gaps in every region, bss, COMMON and an init-only pair */
    unsigned text = eg_section(&g, ".text", EG_PROGBITS, EG_A | EG_X, 16, code, 3);
    eg_section(&g, ".text.more", EG_PROGBITS, EG_A | EG_X, 64, code, 5);
    eg_section(&g, ".rodata", EG_PROGBITS, EG_A, 1, strs, 3);
    eg_section(&g, ".rodata.cst16", EG_PROGBITS, EG_A, 16, words, sizeof words);
    eg_section(&g, ".data", EG_PROGBITS, EG_A | EG_W, 4, words, 6);
    unsigned bss = eg_section(&g, ".bss", EG_NOBITS, EG_A | EG_W, 64, NULL, 100);
    eg_section(&g, ".data..ro_after_init", EG_PROGBITS, EG_A | EG_W, 4, words, 4);
    eg_section(&g, ".init.text", EG_PROGBITS, EG_A | EG_X, 1, code, 1);
    eg_section(&g, ".init.data", EG_PROGBITS, EG_A | EG_W, 32, words, 8);
    eg_symbol(&g, "module_init", 0, 1, 1, 2, text);
    eg_symbol(&g, "zeroes", 0, 100, 1, 1, bss);
    eg_symbol(&g, "shared", 32, 300, 1, 1, DKM_SHN_COMMON);
    struct stale_scan sc = {f, 0, 0};
    dkm_set_phase_hook(f->ld, count_stale, &sc);
    struct dkm_module *mod;
    struct dkm_error err;
    assert_int_equal(load_eg(f, &g, DKM_LOAD_KEEP_SYMS, &mod, &err), DKM_OK);
    assert_int_equal(sc.regions, 6);
    assert_int_equal(sc.stale, 0);
    uintptr_t shared;
    assert_int_equal(dkm_module_symbol(mod, "shared", &shared), DKM_OK);
    for (int i = 0; i < 300; i++)
        assert_int_equal(((const uint8_t *)shared)[i], 0);
    assert_memory_equal((void *)section_addr(mod, ".rodata.cst16", NULL), words, sizeof words);
    assert_int_equal(dkm_unload(f->ld, mod, 0, &err), DKM_OK);
}

DEFINE_TEST_LIST(layout_tests,
    cmocka_unit_test_setup_teardown(empty_section_relocations, setup, teardown),
    cmocka_unit_test_setup_teardown(init_only_exports_are_refused, setup, teardown),
    cmocka_unit_test_setup_teardown(sections_join_their_protection_class, setup, teardown),
    cmocka_unit_test_setup_teardown(common_and_got_go_to_data, setup, teardown),
    cmocka_unit_test_setup_teardown(every_kept_symbol_is_found_among_imports, setup, teardown),
    cmocka_unit_test_setup_teardown(unzeroed_memory_is_fully_written, setup, teardown),
    cmocka_unit_test_setup_teardown(duplicate_comdat_group_loads_once, setup, teardown),
    cmocka_unit_test_setup_teardown(debug_relocations_are_skipped, setup, teardown),
    cmocka_unit_test_setup_teardown(alignment_above_a_page_is_refused, setup, teardown),
    cmocka_unit_test_setup_teardown(size_cap_is_enforced, setup, teardown),
    cmocka_unit_test_setup_teardown(nothing_to_run_is_refused, setup, teardown));
