/* test_license.c — GPL-only exports: which licenses count as GPL-compatible, host exports added
 * GPL-only, a module's own EXPORT_SYMBOL_GPL ("export_gpl=" in .modinfo), and the refusal, with
 * its message, when a module that is not GPL-compatible imports one; nothing is left behind. */
#include <stdlib.h>
#include <string.h>

#include "dkm/dkm.h"
#include "elfgen.h"
#include "tests.h"
#include "tport.h"

enum { R_32 = 1 };

static struct tport tp;

static int setup(void **state)
{
    tport_init(&tp);
    *state = tport_loader(&tp, 0);
    return 0;
}

static int teardown(void **state)
{
    dkm_loader_destroy(*state);
    assert_int_equal(tp.bad_frees, 0);
    return 0;
}

static void gpl_compatible_licenses(void **state)
{
    (void)state;
    static const char *const yes[] = { "GPL", "GPL v2", "GPL and additional rights",
                                       "Dual BSD/GPL", "Dual MIT/GPL", "Dual MPL/GPL" };
    static const char *const no[] = { "Proprietary", "MIT", "BSD", "", "gpl", "GPL ", "GPLv2",
                                      "Dual BSD/GPL/Other" };
    for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++)
        assert_true(dkm_license_gpl_compatible(yes[i]));
    for (size_t i = 0; i < sizeof no / sizeof no[0]; i++)
        assert_false(dkm_license_gpl_compatible(no[i]));
    assert_false(dkm_license_gpl_compatible(NULL));
}

/* A module named by .modinfo that imports `import` (if not NULL) into a data word and, if
 * `export` is not NULL, defines and exports a function of that name. */
static void *module_image(const char *modinfo, size_t modinfo_len, const char *import,
                          const char *export, size_t *size)
{
    static uint8_t text[16] = { 0xc3 }, data[4];
    static char exports[64];
    struct eg g;
    eg_init(&g);
    unsigned tx = eg_section(&g, ".text", EG_PROGBITS, EG_A | EG_X, 16, text, sizeof text);
    unsigned dt = eg_section(&g, ".data", EG_PROGBITS, EG_A | EG_W, 4, data, sizeof data);
    eg_section(&g, ".modinfo", EG_PROGBITS, EG_A, 1, modinfo, (uint32_t)modinfo_len);
    if (export) {
        size_t n = strlen(export) + 1;
        memcpy(exports, export, n);
        eg_section(&g, ".dkm.exports", EG_PROGBITS, EG_A, 1, exports, (uint32_t)n);
        eg_symbol(&g, export, 0, 1, 1, 2, tx);
    }
    if (import)
        eg_rel(&g, dt, 0, R_32, eg_symbol(&g, import, 0, 0, 1, 0, 0));
    return eg_build(&g, size);
}

static int load(struct dkm_loader *ld, const char *modinfo, size_t len, const char *import,
                const char *export, struct dkm_module **mod, struct dkm_error *err)
{
    size_t size;
    void *img = module_image(modinfo, len, import, export, &size);
    struct dkm_load_opts o = { "m", NULL, DKM_LOAD_NO_RUN };
    int rc = dkm_load_image(ld, img, size, &o, mod, err);
    free(img);
    return rc;
}

#define INFO(s) s, sizeof s

static void host_gpl_export_needs_a_gpl_module(void **state)
{
    struct dkm_loader *ld = *state;
    assert_int_equal(dkm_export_add_flags(ld, "host_gpl", 0x12345678, DKM_EXPORT_GPL_ONLY), DKM_OK);
    assert_int_equal(dkm_export_add_flags(ld, "host_other", 0x12345678, 0x80), DKM_E_INVAL);
    struct dkm_stats before;
    dkm_stats(ld, &before);
    struct dkm_module *m;
    struct dkm_error e;
    assert_int_equal(load(ld, INFO("name=prop\0license=Proprietary"), "host_gpl", NULL, &m, &e),
                     DKM_E_GPL_ONLY);
    assert_string_equal(e.msg,
                        "dkm: prop: module 'prop' (license 'Proprietary') may not use GPL-only symbol 'host_gpl'");
    assert_int_equal(load(ld, INFO("name=nolic"), "host_gpl", NULL, &m, &e), DKM_E_GPL_ONLY);
    assert_string_equal(e.msg, "dkm: nolic: module 'nolic' (no MODULE_LICENSE) may not use GPL-only symbol 'host_gpl'");
    struct dkm_stats after;
    dkm_stats(ld, &after);
    assert_int_equal(after.meta_bytes, before.meta_bytes);
    assert_int_equal(after.region_bytes, before.region_bytes);
    assert_int_equal(load(ld, INFO("name=gpl\0license=Dual BSD/GPL"), "host_gpl", NULL, &m, &e), DKM_OK);
    assert_int_equal(dkm_unload(ld, m, 0, &e), DKM_OK);
}

static void module_gpl_export_needs_a_gpl_module(void **state)
{
    struct dkm_loader *ld = *state;
    struct dkm_module *prov, *m;
    struct dkm_error e;
    assert_int_equal(load(ld, INFO("name=prov\0license=GPL\0export_gpl=prov_fn"), NULL, "prov_fn",
                          &prov, &e), DKM_OK);
    assert_int_equal(load(ld, INFO("name=user\0license=MIT"), "prov_fn", NULL, &m, &e), DKM_E_GPL_ONLY);
    assert_non_null(strstr(e.msg, "module 'user' (license 'MIT') may not use GPL-only symbol 'prov_fn'"));
    struct dkm_module_info info;
    dkm_module_info(prov, &info);
    assert_int_equal(info.nusers, 0);     /* the refused import left no dependency edge */
    assert_int_equal(load(ld, INFO("name=user\0license=GPL and additional rights"), "prov_fn", NULL,
                          &m, &e), DKM_OK);
    dkm_module_info(prov, &info);
    assert_int_equal(info.nusers, 1);
    assert_int_equal(dkm_unload(ld, m, 0, &e), DKM_OK);
    assert_int_equal(dkm_unload(ld, prov, 0, &e), DKM_OK);
    /* the same name exported again without the GPL mark is open to everyone */
    assert_int_equal(load(ld, INFO("name=prov2\0license=GPL"), NULL, "prov_fn", &prov, &e), DKM_OK);
    assert_int_equal(load(ld, INFO("name=user\0license=Proprietary"), "prov_fn", NULL, &m, &e), DKM_OK);
}

static void export_gpl_must_name_an_export(void **state)
{
    struct dkm_loader *ld = *state;
    struct dkm_module *m;
    struct dkm_error e;
    struct dkm_stats before, after;
    dkm_stats(ld, &before);
    assert_int_equal(load(ld, INFO("name=bad\0license=GPL\0export_gpl=nothere"), NULL, "real_fn", &m, &e),
                     DKM_E_EXPORT_UNDEF);
    assert_non_null(strstr(e.msg, "dkm: bad: marks 'nothere' GPL-only but does not export it"));
    dkm_stats(ld, &after);
    assert_int_equal(after.exports, before.exports);
    assert_int_equal(after.meta_bytes, before.meta_bytes);
}

DEFINE_TEST_LIST(license_tests,
    cmocka_unit_test(gpl_compatible_licenses),
    cmocka_unit_test_setup_teardown(host_gpl_export_needs_a_gpl_module, setup, teardown),
    cmocka_unit_test_setup_teardown(module_gpl_export_needs_a_gpl_module, setup, teardown),
    cmocka_unit_test_setup_teardown(export_gpl_must_name_an_export, setup, teardown));
