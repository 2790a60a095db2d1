/* test_load.c — end-to-end loads of small modules compiled from C in the three i386 code models
 * (-fno-pic, -fpie, -fPIC): link, relocate, run, inspect, unload, and zero residue afterwards. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "tests.h"
#include "tport.h"

static const char *const models[] = {"nopic", "pie", "pic"};
#define NMODELS 3

struct fixture {
    struct tport t;
    struct dkm_loader *ld;
    struct dkm_stats base;
};

static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof *f);
    tport_init(&f->t);
    f->ld = tport_loader(&f->t, (1u << 16) | 0);
    dkm_stats(f->ld, &f->base);
    tport_counter = 0;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    dkm_loader_destroy(f->ld);
    assert_int_equal(f->t.bad_frees, 0);
    free(f);
    return 0;
}

static int load(struct fixture *f, const char *model, const char *name, const char *args,
                unsigned flags, struct dkm_module **mod, struct dkm_error *err)
{
    char rel[128];
    snprintf(rel, sizeof rel, "%s/%s.o", model, name);
    size_t size;
    void *img = tport_read(tport_path(rel), &size);
    struct dkm_load_opts o = {name, args, flags};
    int rc = dkm_load_image(f->ld, img, size, &o, mod, err);
    free(img);
    return rc;
}

/* Everything libdkm holds now is what it held before the first load. */
static void assert_no_residue(struct fixture *f)
{
    struct dkm_stats s;
    dkm_stats(f->ld, &s);
    assert_int_equal(s.region_bytes, 0);
    assert_int_equal(s.region_blocks, 0);
    assert_int_equal(s.meta_blocks, f->base.meta_blocks);
    assert_int_equal(s.meta_bytes, f->base.meta_bytes);
    assert_int_equal(s.exports, f->base.exports);
}

static void basic_runs_in_every_model(void **state)
{
    struct fixture *f = *state;
    for (int m = 0; m < NMODELS; m++) {
        struct dkm_module *mod;
        struct dkm_error err;
        tport_counter = 0;
        int rc = load(f, models[m], "basic", "count=21 label=\"a b\" list=1,2,3 enabled", 0, &mod, &err);
        assert_int_equal(rc, DKM_OK);
        /* 2*21 + 1000 (enabled) + 600 (sum of list * 100) */
        assert_int_equal(tport_counter, 42 + 1000 + 600);
        assert_string_equal(tport_printed, "basic: a b 21");
        struct dkm_module_info info;
        dkm_module_info(mod, &info);
        assert_string_equal(info.name, "basic");
        assert_string_equal(info.version, "1.2.3");
        assert_int_equal(info.elf_type, 1);
        assert_int_equal(info.state, DKM_STATE_LIVE);
        assert_true(info.size >= 3 * 4096);
        assert_string_equal(dkm_modinfo_get(mod, "description", 0), "libdkm unit-test module");
        assert_string_equal(dkm_modinfo_get(mod, "abi", 0), "1.0");
        uintptr_t add;
        struct dkm_module *owner;
        assert_int_equal(dkm_export_lookup(f->ld, "basic_add", &add, &owner), DKM_OK);
        assert_ptr_equal(owner, mod);
        assert_int_equal(((int (*)(int, int))add)(1, 2), 1 + 2 + 42);
        assert_int_equal(dkm_unload(f->ld, mod, 0, &err), DKM_OK);
        assert_int_equal(tport_counter, 42 + 1000 + 600 - 1);
        assert_int_equal(dkm_export_lookup(f->ld, "basic_add", NULL, NULL), DKM_E_NOENT);
        assert_no_residue(f);
    }
}

static void params_are_reported(void **state)
{
    struct fixture *f = *state;
    struct dkm_module *mod;
    struct dkm_error err;
    assert_int_equal(load(f, "pic", "basic", "list=4,-5 label=xy", 0, &mod, &err), DKM_OK);
    assert_int_equal(dkm_param_count(mod), 4);
    char buf[64];
    const char *name, *type;
    int seen = 0;
    for (unsigned i = 0; i < dkm_param_count(mod); i++) {
        assert_int_equal(dkm_param_get(mod, i, &name, &type, buf, sizeof buf), DKM_OK);
        if (!strcmp(name, "list")) {
            assert_string_equal(type, "array of int");
            assert_string_equal(buf, "4,-5");
            seen++;
        } else if (!strcmp(name, "label")) {
            assert_string_equal(type, "string");
            assert_string_equal(buf, "xy");
            seen++;
        } else if (!strcmp(name, "enabled")) {
            assert_string_equal(type, "bool");
            assert_string_equal(buf, "N");
            seen++;
        }
    }
    assert_int_equal(seen, 3);
    assert_int_equal(dkm_param_set(mod, "count", "0x10", &err), DKM_OK);
    assert_int_equal(dkm_param_set(mod, "count", "zz", &err), DKM_E_PARAM_VALUE);
    assert_string_equal(err.msg, "dkm: basic: parameter 'count': \"zz\" is not a valid int");
    for (unsigned i = 0; i < 4; i++) {
        dkm_param_get(mod, i, &name, &type, buf, sizeof buf);
        if (!strcmp(name, "count"))
            assert_string_equal(buf, "16");
    }
    assert_int_equal(dkm_unload(f->ld, mod, 0, &err), DKM_OK);
    assert_no_residue(f);
}

static void bad_params_fail_and_roll_back(void **state)
{
    struct fixture *f = *state;
    static const struct {
        const char *args;
        int code;
        const char *msg;
    } cases[] = {
        {"nosuch=1", DKM_E_PARAM_UNKNOWN, "dkm: basic: unknown parameter 'nosuch'"},
        {"count=abc", DKM_E_PARAM_VALUE, "dkm: basic: parameter 'count': \"abc\" is not a valid int"},
        {"count=99999999999", DKM_E_PARAM_VALUE, "dkm: basic: parameter 'count': \"99999999999\" is not a valid int"},
        {"label=toolongvalue", DKM_E_PARAM_VALUE, "dkm: basic: parameter 'label': \"toolongvalue\" is longer than 7 characters"},
        {"list=1,2,3,4,5", DKM_E_PARAM_VALUE, "dkm: basic: parameter 'list': more than 4 values"},
        {"enabled=maybe", DKM_E_PARAM_VALUE, "dkm: basic: parameter 'enabled': \"maybe\" is not a valid bool"},
        {"count", DKM_E_PARAM_VALUE, "dkm: basic: parameter 'count' needs a value"},
        {"label=\"open", DKM_E_PARAM_VALUE, "dkm: basic: parameter 'label': unterminated quote"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct dkm_module *mod = (void *)1;
        struct dkm_error err;
        tport_counter = 0;
        int rc = load(f, "nopic", "basic", cases[i].args, 0, &mod, &err);
        assert_int_equal(rc, cases[i].code);
        assert_int_equal(err.code, cases[i].code);
        assert_string_equal(err.msg, cases[i].msg);
        assert_null(mod);
        assert_int_equal(tport_counter, 0);   /* init never ran */
        assert_no_residue(f);
    }
}

static void dependency_blocks_unload(void **state)
{
    struct fixture *f = *state;
    for (int m = 0; m < NMODELS; m++) {
        struct dkm_module *basic, *user;
        struct dkm_error err;
        assert_int_equal(load(f, models[m], "basic", NULL, 0, &basic, &err), DKM_OK);
        tport_counter = 0;
        assert_int_equal(load(f, models[m], "user", NULL, 0, &user, &err), DKM_OK);
        assert_int_equal(tport_counter, 10 + 20 + 2);
        struct dkm_module_info info;
        dkm_module_info(basic, &info);
        assert_int_equal(info.nusers, 1);
        assert_int_equal(info.refcount, 1);
        assert_ptr_equal(dkm_module_user(basic, 0), user);
        assert_ptr_equal(dkm_module_dep(user, 0), basic);
        assert_null(dkm_module_dep(user, 1));
        assert_int_equal(dkm_unload(f->ld, basic, 0, &err), DKM_E_BUSY);
        assert_string_equal(err.msg, "dkm: basic: module 'basic' is in use by: user");
        assert_int_equal(dkm_unload_by_name(f->ld, "user", 0, &err), DKM_OK);
        dkm_module_get(basic);
        assert_int_equal(dkm_unload(f->ld, basic, 0, &err), DKM_E_BUSY);
        dkm_module_put(basic);
        assert_int_equal(dkm_unload(f->ld, basic, 0, &err), DKM_OK);
        assert_no_residue(f);
    }
}

static void forced_unload_drops_edges(void **state)
{
    struct fixture *f = *state;
    struct dkm_module *basic, *user;
    struct dkm_error err;
    assert_int_equal(load(f, "pie", "basic", NULL, 0, &basic, &err), DKM_OK);
    assert_int_equal(load(f, "pie", "user", NULL, 0, &user, &err), DKM_OK);
    assert_int_equal(dkm_unload(f->ld, basic, DKM_UNLOAD_FORCE, &err), DKM_OK);
    struct dkm_module_info info;
    dkm_module_info(user, &info);
    assert_int_equal(info.ndeps, 0);
    assert_int_equal(dkm_unload(f->ld, user, 0, &err), DKM_OK);
    assert_no_residue(f);
}

static void missing_or_old_dependency_is_refused(void **state)
{
    struct fixture *f = *state;
    struct dkm_module *mod;
    struct dkm_error err;
    assert_int_equal(load(f, "nopic", "user", NULL, 0, &mod, &err), DKM_E_DEPENDS);
    assert_string_equal(err.msg, "dkm: user: depends on basic>=1.2, but basic is not loaded");
    assert_no_residue(f);
}

static void unresolved_symbols_are_all_named(void **state)
{
    struct fixture *f = *state;
    for (int m = 0; m < NMODELS; m++) {
        struct dkm_module *mod;
        struct dkm_error err;
        assert_int_equal(load(f, models[m], "unres", NULL, 0, &mod, &err), DKM_E_UNRESOLVED);
        assert_non_null(strstr(err.msg, "dkm: unres: unresolved symbols: "));
        assert_non_null(strstr(err.msg, "'foo'"));
        assert_non_null(strstr(err.msg, "'bar'"));
        assert_no_residue(f);
    }
}

static void init_failure_rolls_back_after_destructors(void **state)
{
    struct fixture *f = *state;
    for (int m = 0; m < NMODELS; m++) {
        struct dkm_module *mod;
        struct dkm_error err;
        tport_counter = 0;
        assert_int_equal(load(f, models[m], "failinit", NULL, 0, &mod, &err), DKM_E_INIT_FAILED);
        assert_int_equal(err.init_result, -19);
        assert_string_equal(err.msg, "dkm: failinit: init returned -19");
        assert_int_equal(tport_counter, 0);   /* +100 by the constructor, -100 by the destructor */
        assert_null(dkm_find(f->ld, "failinit"));
        assert_no_residue(f);
    }
}

static void constructors_run_by_priority(void **state)
{
    struct fixture *f = *state;
    for (int m = 0; m < NMODELS; m++) {
        struct dkm_module *mod;
        struct dkm_error err;
        tport_counter = 0;
        assert_int_equal(load(f, models[m], "ctors", NULL, 0, &mod, &err), DKM_OK);
        assert_int_equal(tport_counter, 7);
        assert_int_equal(dkm_unload(f->ld, mod, 0, &err), DKM_OK);
        assert_int_equal(tport_counter, 2);
        assert_no_residue(f);
    }
}

static void weak_common_align_and_init_sections(void **state)
{
    struct fixture *f = *state;
    for (int m = 0; m < NMODELS; m++) {
        struct dkm_module *mod;
        struct dkm_error err;
        tport_counter = 0;
        struct dkm_stats during;
        assert_int_equal(load(f, models[m], "features", NULL, DKM_LOAD_KEEP_SYMS, &mod, &err), DKM_OK);
        assert_int_equal(tport_counter, 1011);
        dkm_stats(f->ld, &during);
        struct dkm_module_info info;
        dkm_module_info(mod, &info);
        /* the init block is gone: only the core block (text, rodata and data) remains */
        assert_int_equal(during.region_blocks, 1);
        uintptr_t common;
        assert_int_equal(dkm_module_symbol(mod, "shared_common", &common), DKM_OK);
        assert_int_equal(*(int *)common, 5);
        assert_int_equal(dkm_unload(f->ld, mod, 0, &err), DKM_OK);
        assert_no_residue(f);
    }
}

static void seed_module_without_abi_warns(void **state)
{
    struct fixture *f = *state;
    struct dkm_module *mod;
    struct dkm_error err;
    assert_int_equal(load(f, "nopic", "seed", NULL, 0, &mod, &err), DKM_OK);
    assert_non_null(strstr(f->t.last_log, "dkm: seed: loaded"));
    assert_int_equal(dkm_unload(f->ld, mod, 0, &err), DKM_OK);
    struct tport t2;
    tport_init(&t2);
    struct dkm_loader *ld2 = tport_loader(&t2, 1u << 16);
    size_t size;
    void *img = tport_read(tport_path("pic/seed.o"), &size);
    struct dkm_load_opts o = {"dir/seed.o", NULL, DKM_LOAD_NO_RUN};
    assert_int_equal(dkm_load_image(ld2, img, size, &o, &mod, &err), DKM_OK);
    free(img);
    dkm_loader_destroy(ld2);
    assert_int_equal(t2.nlogs >= 1, 1);
    assert_no_residue(f);
}

static void abi_mismatch_is_refused(void **state)
{
    struct fixture *f = *state;
    struct tport t;
    tport_init(&t);
    struct dkm_loader *ld = tport_loader(&t, 2u << 16);
    size_t size;
    void *img = tport_read(tport_path("nopic/basic.o"), &size);
    struct dkm_load_opts o = {"basic.o", NULL, 0};
    struct dkm_module *mod;
    struct dkm_error err;
    assert_int_equal(dkm_load_image(ld, img, size, &o, &mod, &err), DKM_E_ABI);
    assert_string_equal(err.msg, "dkm: basic: built for ark ABI 1.0, kernel provides 2.0");
    free(img);
    struct dkm_stats s;
    dkm_stats(ld, &s);
    assert_int_equal(s.meta_blocks, 2);   /* the loader and its export table */
    dkm_loader_destroy(ld);
    (void)f;
}

static void duplicate_name_is_refused(void **state)
{
    struct fixture *f = *state;
    struct dkm_module *a, *b;
    struct dkm_error err;
    assert_int_equal(load(f, "nopic", "basic", NULL, 0, &a, &err), DKM_OK);
    assert_int_equal(load(f, "pic", "basic", NULL, 0, &b, &err), DKM_E_EXIST);
    assert_string_equal(err.msg, "dkm: basic: a module named basic is already loaded");
    assert_int_equal(dkm_module_count(f->ld), 1);
    assert_int_equal(dkm_unload(f->ld, a, 0, &err), DKM_OK);
    assert_no_residue(f);
}

static void addr_lookup_names_functions(void **state)
{
    struct fixture *f = *state;
    struct dkm_module *mod, *owner;
    struct dkm_error err;
    assert_int_equal(load(f, "pie", "basic", NULL, 0, &mod, &err), DKM_OK);
    uintptr_t add;
    assert_int_equal(dkm_module_symbol(mod, "basic_add", &add), DKM_OK);
    const char *sym;
    uintptr_t off;
    assert_int_equal(dkm_addr_lookup(f->ld, add + 3, &owner, &sym, &off), DKM_OK);
    assert_ptr_equal(owner, mod);
    assert_string_equal(sym, "basic_add");
    assert_int_equal(off, 3);
    assert_int_equal(dkm_addr_lookup(f->ld, 16, &owner, &sym, &off), DKM_E_NOENT);
    const char *name;
    uintptr_t addr;
    size_t size;
    assert_int_equal(dkm_module_section(mod, 0, &name, &addr, &size), DKM_OK);
    assert_string_equal(name, ".text");
    assert_true(add >= addr && add < addr + size);
    assert_int_equal(dkm_unload(f->ld, mod, 0, &err), DKM_OK);
}

static void every_allocation_failure_rolls_back(void **state)
{
    struct fixture *f = *state;
    /* Fail the Nth metadata allocation, then the Nth region, for every N until a load succeeds. */
    for (int kind = 0; kind < 2; kind++) {
        for (int n = 1; n < 200; n++) {
            struct dkm_module *mod;
            struct dkm_error err;
            if (kind == 0)
                f->t.fail_meta_after = n;
            else
                f->t.fail_region_after = n;
            int rc = load(f, "pic", "basic", "count=2", 0, &mod, &err);
            f->t.fail_meta_after = f->t.fail_region_after = 0;
            if (rc == DKM_OK) {
                assert_int_equal(dkm_unload(f->ld, mod, 0, &err), DKM_OK);
                assert_no_residue(f);
                break;
            }
            assert_int_equal(rc, DKM_E_NOMEM);
            assert_non_null(strstr(err.msg, "dkm: "));
            assert_no_residue(f);
        }
    }
}

/* A module's bookkeeping: its record, destructor list and dependency edges stay within 1 KiB;
 * the kept function symbols (12 bytes plus the name each) come on top. */
static void metadata_stays_small(void **state)
{
    struct fixture *f = *state;
    struct dkm_module *basic, *user;
    struct dkm_error err;
    assert_int_equal(load(f, "pic", "basic", NULL, 0, &basic, &err), DKM_OK);
    struct dkm_stats s;
    dkm_stats(f->ld, &s);
    size_t syms = basic->ksyms.bytes;
    assert_true(syms > 0);
    assert_true(s.meta_bytes - f->base.meta_bytes - syms <= 1024);
    /* the transient state of the load is gone; the peak shows it existed */
    assert_true(s.peak_meta_bytes > s.meta_bytes);
    assert_int_equal(load(f, "pic", "user", NULL, 0, &user, &err), DKM_OK);
    struct dkm_stats s2;
    dkm_stats(f->ld, &s2);
    assert_true(s2.meta_bytes - s.meta_bytes - user->ksyms.bytes <= 1024);
    /* one core block per module, a page per protection class in use: basic has text, rodata and
     * data; user no data */
    assert_int_equal(s2.region_blocks, 2);
    assert_int_equal(s2.region_bytes, 5 * 4096);
    assert_int_equal(dkm_unload(f->ld, user, 0, &err), DKM_OK);
    assert_int_equal(dkm_unload(f->ld, basic, 0, &err), DKM_OK);
    assert_no_residue(f);
}

DEFINE_TEST_LIST(load_tests,
    cmocka_unit_test_setup_teardown(metadata_stays_small, setup, teardown),
    cmocka_unit_test_setup_teardown(basic_runs_in_every_model, setup, teardown),
    cmocka_unit_test_setup_teardown(params_are_reported, setup, teardown),
    cmocka_unit_test_setup_teardown(bad_params_fail_and_roll_back, setup, teardown),
    cmocka_unit_test_setup_teardown(dependency_blocks_unload, setup, teardown),
    cmocka_unit_test_setup_teardown(forced_unload_drops_edges, setup, teardown),
    cmocka_unit_test_setup_teardown(missing_or_old_dependency_is_refused, setup, teardown),
    cmocka_unit_test_setup_teardown(unresolved_symbols_are_all_named, setup, teardown),
    cmocka_unit_test_setup_teardown(init_failure_rolls_back_after_destructors, setup, teardown),
    cmocka_unit_test_setup_teardown(constructors_run_by_priority, setup, teardown),
    cmocka_unit_test_setup_teardown(weak_common_align_and_init_sections, setup, teardown),
    cmocka_unit_test_setup_teardown(seed_module_without_abi_warns, setup, teardown),
    cmocka_unit_test_setup_teardown(abi_mismatch_is_refused, setup, teardown),
    cmocka_unit_test_setup_teardown(duplicate_name_is_refused, setup, teardown),
    cmocka_unit_test_setup_teardown(addr_lookup_names_functions, setup, teardown),
    cmocka_unit_test_setup_teardown(every_allocation_failure_rolls_back, setup, teardown));
