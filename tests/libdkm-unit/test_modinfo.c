/* test_modinfo.c — .modinfo parsing, version comparison, ABI records, dependency constraints
 * and the module name, on blobs and synthetic modules. */
#include <stdlib.h>
#include <string.h>

#include "elfgen.h"
#include "internal.h"
#include "tests.h"
#include "tport.h"

static const char blob[] = "name=demo\0\0\0version=1.10\0alias=a1\0alias=a2\0depends=\0";

static void modinfo_entries_are_found(void **state)
{
    (void)state;
    struct dkm_error e;
    assert_int_equal(dkm_modinfo_check(blob, sizeof blob, &e, "m"), DKM_OK);
    assert_string_equal(dkm_modinfo_find(blob, sizeof blob, "name", 0), "demo");
    assert_string_equal(dkm_modinfo_find(blob, sizeof blob, "alias", 1), "a2");
    assert_null(dkm_modinfo_find(blob, sizeof blob, "alias", 2));
    assert_null(dkm_modinfo_find(blob, sizeof blob, "nam", 0));
    assert_string_equal(dkm_modinfo_find(blob, sizeof blob, "depends", 0), "");
}

static void malformed_modinfo_is_named(void **state)
{
    (void)state;
    struct dkm_error e;
    static const char noeq[] = "name=x\0broken\0";
    assert_int_equal(dkm_modinfo_check(noeq, sizeof noeq, &e, "m"), DKM_E_MODINFO);
    assert_string_equal(e.msg, "dkm: m: .modinfo: entry at offset 7 (\"broken\") is not key=value");
    static const char nokey[] = "=value\0";
    assert_int_equal(dkm_modinfo_check(nokey, sizeof nokey, &e, "m"), DKM_E_MODINFO);
    static const char unterminated[3] = {'a', '=', 'b'};
    assert_int_equal(dkm_modinfo_check(unterminated, 3, &e, "m"), DKM_E_MODINFO);
    assert_string_equal(e.msg, "dkm: m: .modinfo: last entry (ending at offset 3) is not NUL-terminated");
}

static void versions_compare_numerically(void **state)
{
    (void)state;
#define CMP(a, b) dkm_version_cmp(a, strlen(a), b, strlen(b))
    assert_true(CMP("1.10", "1.9") > 0);
    assert_true(CMP("1.2", "1.2.0") == 0);
    assert_true(CMP("2", "1.99") > 0);
    assert_true(CMP("0.9", "1") < 0);
    assert_true(CMP("1.2.3", "1.2.4") < 0);
#undef CMP
    uint32_t v;
    assert_int_equal(dkm_parse_abi("1.0", &v), DKM_OK);
    assert_int_equal(v, 0x10000);
    assert_int_equal(dkm_parse_abi("3.17", &v), DKM_OK);
    assert_int_equal(v, (3u << 16) | 17);
    assert_int_equal(dkm_parse_abi("1", &v), DKM_E_ABI);
    assert_int_equal(dkm_parse_abi("1.x", &v), DKM_E_ABI);
    assert_int_equal(dkm_parse_abi("1.0.1", &v), DKM_E_ABI);
    assert_int_equal(dkm_parse_abi("70000.1", &v), DKM_E_ABI);
}

/* A synthetic module with the given .modinfo, loaded without running code. */
static int load_info(struct dkm_loader *ld, const char *info, size_t n, const char *hint,
                     struct dkm_module **mod, struct dkm_error *err)
{
    static const uint8_t ret[4] = {0xc3};
    struct eg g;
    eg_init(&g);
    unsigned t = eg_section(&g, ".text", EG_PROGBITS, EG_A | EG_X, 4, ret, 4);
    if (info)
        eg_section(&g, ".modinfo", EG_PROGBITS, EG_A, 1, info, (uint32_t)n);
    eg_symbol(&g, "module_init", 0, 1, 1, 2, t);
    size_t size;
    void *img = eg_build(&g, &size);
    struct dkm_load_opts o = {hint, NULL, DKM_LOAD_NO_RUN};
    int rc = dkm_load_image(ld, img, size, &o, mod, err);
    free(img);
    return rc;
}

static void names_abi_and_constraints(void **state)
{
    (void)state;
    struct tport t;
    tport_init(&t);
    struct dkm_loader *ld = tport_loader(&t, (1u << 16) | 2);
    struct dkm_module *core, *m;
    struct dkm_error e;
    static const char core_info[] = "name=core\0version=1.4\0abi=1.2\0";
    assert_int_equal(load_info(ld, core_info, sizeof core_info, "/x/ignored.elf", &core, &e), DKM_OK);
    assert_string_equal(dkm_modinfo_next(core, NULL), "name=core");
    assert_string_equal(dkm_modinfo_next(core, dkm_modinfo_next(core, NULL)), "version=1.4");
    /* the name comes from the file name when .modinfo has none, with '-' as '_' as on Linux */
    assert_int_equal(load_info(ld, NULL, 0, "/ramdisk/my-mod_2.elf", &m, &e), DKM_OK);
    assert_non_null(dkm_find(ld, "my_mod_2"));
    assert_null(dkm_find(ld, "my-mod_2"));
    assert_non_null(strstr(t.last_log, "dkm: my_mod_2: loaded"));
    dkm_unload(ld, m, 0, &e);
    assert_int_equal(load_info(ld, NULL, 0, "/ramdisk/bad name.elf", &m, &e), DKM_E_NAME);
    assert_int_equal(load_info(ld, NULL, 0, NULL, &m, &e), DKM_E_NAME);
    static const struct {
        const char *info;
        size_t n;
        int rc;
        const char *msg;
    } cases[] = {
#define C(s, rc, msg) {s, sizeof s, rc, msg}
        C("name=a\0abi=1.3\0", DKM_E_ABI, "dkm: a: built for ark ABI 1.3, kernel provides 1.2"),
        C("name=a\0abi=2.0\0", DKM_E_ABI, "dkm: a: built for ark ABI 2.0, kernel provides 1.2"),
        C("name=a\0abi=one\0", DKM_E_MODINFO, "dkm: a: .modinfo: abi=\"one\" is not MAJOR.MINOR"),
        C("name=a\0depends=core>=1.5\0", DKM_E_DEPENDS, "dkm: a: depends on core>=1.5, but core 1.4 is loaded"),
        C("name=a\0depends=core<1.4\0", DKM_E_DEPENDS, "dkm: a: depends on core<1.4, but core 1.4 is loaded"),
        C("name=a\0depends=core,gone\0", DKM_E_DEPENDS, "dkm: a: depends on gone, but gone is not loaded"),
        C("name=a\0depends=core>>1\0", DKM_E_MODINFO, "dkm: a: .modinfo: depends=\"core>>1\" is not NAME[OP VERSION]"),
        C("name=core\0", DKM_E_EXIST, "dkm: core: a module named core is already loaded"),
        C("name=a\0depends=core=1.4, core <= 1.4 ,core>1.3,core<2\0abi=1.1\0", DKM_OK, ""),
#undef C
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int rc = load_info(ld, cases[i].info, cases[i].n, "x", &m, &e);
        assert_int_equal(rc, cases[i].rc);
        if (rc) {
            assert_string_equal(e.msg, cases[i].msg);
            continue;
        }
        /* a satisfied dependency holds a reference */
        struct dkm_module_info info;
        dkm_module_info(core, &info);
        assert_int_equal(info.nusers, 1);
        assert_int_equal(dkm_unload(ld, core, 0, &e), DKM_E_BUSY);
        assert_int_equal(dkm_unload(ld, m, 0, &e), DKM_OK);
    }
    dkm_loader_destroy(ld);
    assert_int_equal(t.bad_frees, 0);
}

static void missing_abi_only_warns(void **state)
{
    (void)state;
    struct tport t;
    tport_init(&t);
    struct dkm_loader *ld = tport_loader(&t, 1u << 16);
    struct dkm_module *m;
    struct dkm_error e;
    static const char info[] = "name=plain\0";
    assert_int_equal(load_info(ld, info, sizeof info, NULL, &m, &e), DKM_OK);
    assert_int_equal(t.nlogs, 2);   /* the warning, then "loaded" */
    dkm_loader_destroy(ld);
}

/* A relocation that rewrites .modinfo's final NUL after it was checked must not let a reader run
 * past the section: the loaded copy is checked again. */
static void relocated_modinfo_is_checked_again(void **state)
{
    (void)state;
    struct tport t;
    tport_init(&t);
    struct dkm_loader *ld = tport_loader(&t, 0);
    static const uint8_t ret[4] = {0xc3};
    static const char info[] = "name=twisted\0pad=xxx\0";
    struct eg g;
    eg_init(&g);
    unsigned tx = eg_section(&g, ".text", EG_PROGBITS, EG_A | EG_X, 4, ret, 4);
    unsigned mi = eg_section(&g, ".modinfo", EG_PROGBITS, EG_A, 1, info, sizeof info);
    eg_symbol(&g, "module_init", 0, 1, 1, 2, tx);
    unsigned big = eg_symbol(&g, "big", 0x41000000, 0, 1, 0, DKM_SHN_ABS);
    eg_rel(&g, mi, sizeof info - 4, 1 /* R_386_32: the last byte becomes 0x41 */, big);
    size_t size;
    void *img = eg_build(&g, &size);
    struct dkm_load_opts o = {"x", NULL, DKM_LOAD_NO_RUN};
    struct dkm_module *m;
    struct dkm_error e;
    assert_int_equal(dkm_load_image(ld, img, size, &o, &m, &e), DKM_E_MODINFO);
    assert_non_null(strstr(e.msg, "dkm: twisted: .modinfo: "));
    free(img);
    dkm_loader_destroy(ld);
    assert_int_equal(t.bad_frees, 0);
}

DEFINE_TEST_LIST(modinfo_tests,
    cmocka_unit_test(relocated_modinfo_is_checked_again),
    cmocka_unit_test(modinfo_entries_are_found),
    cmocka_unit_test(malformed_modinfo_is_named),
    cmocka_unit_test(versions_compare_numerically),
    cmocka_unit_test(names_abi_and_constraints),
    cmocka_unit_test(missing_abi_only_warns));
