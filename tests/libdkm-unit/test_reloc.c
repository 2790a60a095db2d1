/* test_reloc.c — i386 relocation arithmetic: each type through dkm_apply_one, then every type
 * gcc and clang emit for ET_REL through a whole synthetic load, including narrow-field overflow. */
#include <stdlib.h>
#include <string.h>

#include "elfgen.h"
#include "internal.h"
#include "tests.h"
#include "tport.h"

enum { R_NONE = 0, R_32 = 1, R_PC32 = 2, R_GOT32 = 3, R_PLT32 = 4, R_GLOB_DAT = 6, R_JMP_SLOT = 7,
       R_RELATIVE = 8, R_GOTOFF = 9, R_GOTPC = 10, R_16 = 20, R_PC16 = 21, R_8 = 22, R_PC8 = 23,
       R_GOT32X = 43 };

static uint32_t apply(uint32_t type, uint32_t field, uint32_t S, uint32_t P, uint32_t G, uint32_t B,
                      int *rc)
{
    struct dkm_load l;
    memset(&l, 0, sizeof l);
    l.got_addr = 0x5000;
    uint8_t buf[8] = {0};
    memcpy(buf, &field, 4);
    dkm_addr_t value;
    *rc = dkm_apply_one(&l, buf, type, S, P, G, B, 0, false, &value);
    uint32_t out;
    memcpy(&out, buf, 4);
    return out;
}

static void arithmetic_per_type(void **state)
{
    (void)state;
    int rc;
    /* S = 0x1000, P = 0x2000, GOT = 0x5000, G = 0x5008, B = 0x40000000, A in the field */
    assert_int_equal(apply(R_32, 4, 0x1000, 0x2000, 0, 0, &rc), 0x1004);
    assert_int_equal(apply(R_PC32, (uint32_t)-4, 0x1000, 0x2000, 0, 0, &rc), (uint32_t)(0x1000 - 4 - 0x2000));
    assert_int_equal(apply(R_PLT32, (uint32_t)-4, 0x1000, 0x2000, 0, 0, &rc), (uint32_t)(0x1000 - 4 - 0x2000));
    assert_int_equal(apply(R_GOTPC, 2, 0, 0x2000, 0, 0, &rc), (uint32_t)(0x5000 + 2 - 0x2000));
    assert_int_equal(apply(R_GOTOFF, 8, 0x1000, 0, 0, 0, &rc), (uint32_t)(0x1000 + 8 - 0x5000));
    assert_int_equal(apply(R_GOT32, 0, 0x1000, 0, 0x5008, 0, &rc), 8);
    assert_int_equal(apply(R_GOT32X, 0, 0x1000, 0, 0x5008, 0, &rc), 8);
    assert_int_equal(apply(R_RELATIVE, 0x10, 0, 0, 0, 0x40000000, &rc), 0x40000010);
    assert_int_equal(apply(R_GLOB_DAT, 0x77, 0x1000, 0, 0, 0, &rc), 0x1000);
    assert_int_equal(apply(R_JMP_SLOT, 0x77, 0x1000, 0, 0, 0, &rc), 0x1000);
    assert_int_equal(apply(R_NONE, 0x77, 0x1000, 0, 0, 0, &rc), 0x77);
    /* narrow fields: the rest of the word is untouched; the addend is sign-extended */
    assert_int_equal(apply(R_16, 0xaaaa0002, 0x1000, 0, 0, 0, &rc), 0xaaaa1002);
    assert_int_equal(rc, DKM_OK);
    assert_int_equal(apply(R_16, 0, 0x12345, 0, 0, 0, &rc), 0);
    assert_int_equal(rc, DKM_E_RELOC_OVERFLOW);
    assert_int_equal(apply(R_8, 0xbbbbbbff, 0x10, 0, 0, 0, &rc), 0xbbbbbb0f);
    assert_int_equal(rc, DKM_OK);
    assert_int_equal(apply(R_PC8, 0xfe, 0x1010, 0x1000, 0, 0, &rc) & 0xff, 0x0e);
    assert_int_equal(rc, DKM_OK);
    apply(R_PC8, 0, 0x1100, 0x1000, 0, 0, &rc);
    assert_int_equal(rc, DKM_E_RELOC_OVERFLOW);
    apply(R_PC16, (uint32_t)-2, 0x1000, 0x8000, 0, 0, &rc);
    assert_int_equal(rc, DKM_OK);
    apply(R_PC16, (uint32_t)-2, 0x1000, 0x9000, 0, 0, &rc);
    assert_int_equal(rc, DKM_E_RELOC_OVERFLOW);
    apply(R_16, 0, 0xffff8000u, 0, 0, 0, &rc);
    assert_int_equal(rc, DKM_OK);
}

static void arch_table_is_consistent(void **state)
{
    (void)state;
    const struct dkm_arch *a = &dkm_arch_host;
    assert_int_equal(a->machine, 3);
    unsigned rel_types = 0;
    for (uint32_t t = 0; t < a->nhowto; t++) {
        const struct dkm_reloc_howto *h = &a->howto[t];
        if (h->kind == DKM_RK_INVALID)
            continue;
        assert_true(h->kind == DKM_RK_NONE || h->size == 1 || h->size == 2 || h->size == 4);
        assert_string_not_equal(a->reloc_name(t), "unknown");
        rel_types += (h->allowed & DKM_RF_REL) != 0;
    }
    assert_int_equal(rel_types, 12);
    assert_string_equal(a->reloc_name(37), "TLS");
    assert_string_equal(a->reloc_name(200), "unknown");
}

/* Data with one relocation of each ET_REL type; the loader must write what the CPU expects. */
static void every_rel_type_through_a_load(void **state)
{
    (void)state;
    struct tport t;
    tport_init(&t);
    struct dkm_loader *ld = tport_loader(&t, 0);
    static int host_var;
    /* A 64-bit host's own data lies above 4 GiB, out of reach of an i386 module. */
    uintptr_t host_var_addr = (uintptr_t)&host_var;
    if (sizeof(void *) > 4) {
        struct tport t64;
        tport_init(&t64);
        t64.port.resolve = NULL;
        struct dkm_loader *l64 = tport_loader(&t64, 0);
        assert_int_equal(dkm_export_add(l64, "host_var", host_var_addr), DKM_OK);
        struct eg g1;
        eg_init(&g1);
        static uint8_t d1[4];
        unsigned ds = eg_section(&g1, ".data", EG_PROGBITS, EG_A | EG_W, 4, d1, 4);
        eg_rel(&g1, ds, 0, R_32, eg_symbol(&g1, "host_var", 0, 0, 1, 0, 0));
        size_t n1;
        void *i1 = eg_build(&g1, &n1);
        struct dkm_load_opts o1 = {"far", NULL, DKM_LOAD_NO_RUN};
        struct dkm_module *m1;
        struct dkm_error e1;
        assert_int_equal(dkm_load_image(l64, i1, n1, &o1, &m1, &e1), DKM_E_ADDR_RANGE);
        assert_non_null(strstr(e1.msg, "dkm: far: symbol 'host_var' resolves to 0x"));
        free(i1);
        dkm_loader_destroy(l64);
        host_var_addr = 0x12345678;
    }
    assert_int_equal(dkm_export_add(ld, "host_var", host_var_addr), DKM_OK);
    struct eg g;
    eg_init(&g);
    static uint8_t text[64];
    memset(text, 0, sizeof text);
    uint32_t minus4 = (uint32_t)-4;
    memcpy(text + 4, &minus4, 4);        /* PC32 */
    memcpy(text + 8, &minus4, 4);        /* PLT32 */
    uint32_t two = 2;
    memcpy(text + 16, &two, 4);          /* GOTPC */
    static uint8_t data[32];
    memset(data, 0, sizeof data);
    uint32_t eight = 8;
    memcpy(data + 0, &eight, 4);         /* R_32 with addend */
    unsigned tx = eg_section(&g, ".text", EG_PROGBITS, EG_A | EG_X, 16, text, sizeof text);
    unsigned dt = eg_section(&g, ".data", EG_PROGBITS, EG_A | EG_W, 4, data, sizeof data);
    unsigned sd = eg_symbol(&g, NULL, 0, 0, 0, 3, dt);             /* section symbol of .data */
    unsigned hv = eg_symbol(&g, "host_var", 0, 0, 1, 0, 0);       /* undefined */
    unsigned got = eg_symbol(&g, "_GLOBAL_OFFSET_TABLE_", 0, 0, 1, 0, 0);
    unsigned weak = eg_symbol(&g, "absent_weak", 0, 0, 2, 0, 0);
    unsigned fn = eg_symbol(&g, "module_init", 48, 4, 1, 2, tx);
    eg_rel(&g, dt, 0, R_32, sd);          /* data+0 = &data + 8 */
    eg_rel(&g, tx, 4, R_PC32, hv);
    eg_rel(&g, tx, 8, R_PLT32, fn);
    eg_rel(&g, tx, 12, R_GOT32X, hv);
    eg_rel(&g, tx, 16, R_GOTPC, got);
    eg_rel(&g, tx, 20, R_GOTOFF, sd);
    eg_rel(&g, tx, 24, R_GOT32, weak);
    eg_rel(&g, tx, 28, R_NONE, 0);
    eg_rel(&g, dt, 4, R_32, weak);
    eg_rel(&g, dt, 8, R_16, sd);          /* overflows: .data lies far above 64 KiB */
    size_t size;
    void *img = eg_build(&g, &size);
    struct dkm_load_opts o = {"relocs", NULL, DKM_LOAD_NO_RUN | DKM_LOAD_KEEP_SYMS};
    struct dkm_module *mod;
    struct dkm_error e;
    assert_int_equal(dkm_load_image(ld, img, size, &o, &mod, &e), DKM_E_RELOC_OVERFLOW);
    assert_non_null(strstr(e.msg, "dkm: relocs: .rel.data #2 (R_386_16 against '.data'): value 0x"));
    assert_non_null(strstr(e.msg, "does not fit 16 bits"));
    g.nrel--;
    free(img);
    img = eg_build(&g, &size);
    assert_int_equal(dkm_load_image(ld, img, size, &o, &mod, &e), DKM_OK);
    uintptr_t T = 0, D = 0;
    const char *name;
    uintptr_t addr;
    for (unsigned i = 0; dkm_module_section(mod, i, &name, &addr, NULL) == DKM_OK; i++) {
        if (!strcmp(name, ".text"))
            T = addr;
        if (!strcmp(name, ".data"))
            D = addr;
    }
    uint32_t w[8], dw[2];
    memcpy(w, (void *)T, sizeof w);
    memcpy(dw, (void *)D, sizeof dw);
    assert_int_equal(dw[0], (uint32_t)D + 8);
    assert_int_equal(dw[1], 0);                                   /* weak undefined is 0 */
    assert_int_equal(w[1], (uint32_t)host_var_addr - 4 - (uint32_t)(T + 4));
    assert_int_equal(w[2], (uint32_t)(T + 48) - 4 - (uint32_t)(T + 8));
    uint32_t GOT = (uint32_t)(T + 16) + w[4] - 2;                 /* GOTPC = GOT + 2 - P */
    assert_int_equal(w[5], (uint32_t)D - GOT);                    /* GOTOFF */
    assert_int_equal(*(uint32_t *)(uintptr_t)(GOT + w[3]), (uint32_t)host_var_addr);
    assert_int_equal(*(uint32_t *)(uintptr_t)(GOT + w[6]), 0);    /* GOT slot of a weak absent */
    assert_int_equal(w[7], 0);
    free(img);
    dkm_loader_destroy(ld);
    assert_int_equal(t.bad_frees, 0);
}

DEFINE_TEST_LIST(reloc_tests,
    cmocka_unit_test(arithmetic_per_type),
    cmocka_unit_test(arch_table_is_consistent),
    cmocka_unit_test(every_rel_type_through_a_load));
