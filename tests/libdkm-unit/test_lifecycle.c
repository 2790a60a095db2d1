/* test_lifecycle.c — linked images (ET_DYN shared object, the seed's PIE, ET_EXEC at its link
 * address), calls through port->call, the phase hook, unload without running code, and
 * dkm_loader_destroy unloading everything in dependency order. */
#include <stdlib.h>
#include <string.h>

#include "tests.h"
#include "tport.h"

static struct tport tp;
static struct dkm_loader *ld;

static int setup(void **state)
{
    (void)state;
    tport_init(&tp);
    ld = tport_loader(&tp, 1u << 16);
    tport_counter = 0;
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    dkm_loader_destroy(ld);
    assert_int_equal(tp.bad_frees, 0);
    return 0;
}

static int load_file(const char *file, const char *hint, const char *args, unsigned flags,
                     struct dkm_module **mod, struct dkm_error *err)
{
    size_t size;
    void *img = tport_read(tport_path(file), &size);
    struct dkm_load_opts o = {hint, args, flags};
    int rc = dkm_load_image(ld, img, size, &o, mod, err);
    free(img);
    return rc;
}

static void assert_empty(void)
{
    struct dkm_stats s;
    dkm_stats(ld, &s);
    assert_int_equal(s.region_blocks, 0);
    assert_int_equal(s.meta_blocks, 2);
    assert_int_equal(s.exports, 0);
}

static void shared_object_loads_and_runs(void **state)
{
    (void)state;
    if (sizeof(void *) > 4)
        skip();
    struct dkm_module *mod;
    struct dkm_error err;
    int rc = load_file("dynmod.so", "whatever.so", "level=5", 0, &mod, &err);
    assert_int_equal(rc, DKM_OK);
    assert_int_equal(tport_counter, 40 + 5 + 2);
    struct dkm_module_info info;
    dkm_module_info(mod, &info);
    assert_string_equal(info.name, "dynmod");
    assert_string_equal(info.version, "2.0");
    assert_int_equal(info.elf_type, 3);
    uintptr_t fn;
    struct dkm_module *owner;
    assert_int_equal(dkm_export_lookup(ld, "dyn_value", &fn, &owner), DKM_OK);
    assert_ptr_equal(owner, mod);
    assert_int_equal(((int (*)(void))fn)(), 47);
    char buf[16];
    const char *name;
    assert_int_equal(dkm_param_get(mod, 0, &name, NULL, buf, sizeof buf), DKM_OK);
    assert_string_equal(name, "level");
    assert_string_equal(buf, "5");
    assert_int_equal(dkm_unload(ld, mod, 0, &err), DKM_OK);
    assert_int_equal(tport_counter, 47 - 100 - 3);   /* exit, then the destructor */
    assert_empty();
}

static void seed_pie_and_exec_load(void **state)
{
    (void)state;
    if (sizeof(void *) > 4)
        skip();
    struct dkm_module *pie, *exe, *again;
    struct dkm_error err;
    assert_int_equal(load_file("seedpie.elf", "seedpie.elf", NULL, 0, &pie, &err), DKM_OK);
    assert_int_equal(load_file("seedexec.elf", "seedexec.elf", NULL, 0, &exe, &err), DKM_OK);
    struct dkm_module_info info;
    dkm_module_info(exe, &info);
    assert_int_equal(info.base, 0x31000000);
    assert_int_equal(info.elf_type, 2);
    /* the same executable again: its range is taken, so it is refused with a way out */
    assert_int_equal(load_file("seedexec.elf", "second.elf", NULL, 0, &again, &err), DKM_E_EXEC_RANGE);
    assert_string_equal(err.msg, "dkm: second: executable linked at 0x31000000-0x31003000, a range this "
                                 "system cannot give it; rebuild it as a relocatable module: ark-gcc -c -o "
                                 "second.o second.c (ET_REL)");
    assert_int_equal(dkm_unload(ld, exe, 0, &err), DKM_OK);
    assert_int_equal(dkm_unload(ld, pie, 0, &err), DKM_OK);
    assert_empty();
    /* without region_claim, ET_EXEC is always refused */
    tp.port.region_claim = NULL;
    struct dkm_loader *ld2;
    assert_int_equal(dkm_loader_create(&tp.port, NULL, &ld2), DKM_OK);
    size_t size;
    void *img = tport_read(tport_path("seedexec.elf"), &size);
    struct dkm_load_opts o = {"x.elf", NULL, 0};
    assert_int_equal(dkm_load_image(ld2, img, size, &o, &again, &err), DKM_E_EXEC_RANGE);
    free(img);
    dkm_loader_destroy(ld2);
}

static const char *phases[32];
static int nphases;
static void hook(void *arg, const char *phase)
{
    (void)arg;
    if (nphases < 32)
        phases[nphases++] = phase;
}

static void phases_and_calls_are_reported(void **state)
{
    (void)state;
    dkm_set_phase_hook(ld, hook, NULL);
    nphases = 0;
    struct dkm_module *mod;
    struct dkm_error err;
    int calls = tp.calls;
    assert_int_equal(load_file("nopic/ctors.o", "ctors", NULL, sizeof(void *) > 4 ? DKM_LOAD_NO_RUN : 0,
                               &mod, &err), DKM_OK);
    static const char *const want[] = {"validate", "layout", "resolve", "relocate", "init", "done"};
    assert_int_equal(nphases, 6);
    for (int i = 0; i < 6; i++)
        assert_string_equal(phases[i], want[i]);
    if (sizeof(void *) == 4)
        assert_int_equal(tp.calls - calls, 4);   /* three constructors and init */
    nphases = 0;
    assert_int_equal(dkm_unload(ld, mod, DKM_UNLOAD_NO_RUN, &err), DKM_OK);
    assert_int_equal(nphases, 2);
    assert_string_equal(phases[0], "unload");
    assert_string_equal(phases[1], "done");
    if (sizeof(void *) == 4)
        assert_int_equal(tp.calls - calls, 4);   /* NO_RUN: no exit, no destructor */
    dkm_set_phase_hook(ld, NULL, NULL);
    assert_empty();
}

static void no_run_calls_nothing(void **state)
{
    (void)state;
    struct dkm_module *mod;
    struct dkm_error err;
    int calls = tp.calls;
    assert_int_equal(load_file("pic/failinit.o", "failinit", NULL, DKM_LOAD_NO_RUN, &mod, &err), DKM_OK);
    assert_int_equal(dkm_unload(ld, mod, 0, &err), DKM_OK);
    assert_int_equal(tp.calls, calls);
    assert_int_equal(tport_counter, 0);
    assert_empty();
}

static void destroy_unloads_users_first(void **state)
{
    (void)state;
    struct dkm_module *basic, *user;
    struct dkm_error err;
    unsigned f = sizeof(void *) > 4 ? DKM_LOAD_NO_RUN : 0;
    assert_int_equal(load_file("pie/basic.o", "basic", NULL, f, &basic, &err), DKM_OK);
    assert_int_equal(load_file("pie/user.o", "user", NULL, f, &user, &err), DKM_OK);
    assert_int_equal(dkm_module_count(ld), 2);
    assert_ptr_equal(dkm_next(ld, NULL), basic);
    assert_ptr_equal(dkm_next(ld, basic), user);
    assert_null(dkm_next(ld, user));
    /* teardown destroys the loader with both loaded; the port must get everything back */
}

static void bad_arguments(void **state)
{
    (void)state;
    struct dkm_error err;
    struct dkm_module *mod;
    assert_int_equal(dkm_load_image(ld, NULL, 10, NULL, &mod, &err), DKM_E_INVAL);
    assert_int_equal(dkm_unload(ld, NULL, 0, &err), DKM_E_INVAL);
    assert_int_equal(dkm_unload_by_name(ld, "nothing", 0, &err), DKM_E_NOENT);
    assert_string_equal(err.msg, "dkm: nothing: no module named 'nothing' is loaded");
    struct dkm_port bad = tp.port;
    bad.page_size = 3000;
    struct dkm_loader *l2;
    assert_int_equal(dkm_loader_create(&bad, NULL, &l2), DKM_E_INVAL);
    bad = tp.port;
    bad.meta_alloc = NULL;
    assert_int_equal(dkm_loader_create(&bad, NULL, &l2), DKM_E_INVAL);
    static const uint8_t junk[64] = "not an elf";
    void *img = aligned_alloc(16, 64);
    memcpy(img, junk, 64);
    struct dkm_load_opts o = {"junk", NULL, DKM_LOAD_NO_RUN};
    assert_int_equal(dkm_load_image(ld, img, 64, &o, &mod, &err), DKM_E_BAD_MAGIC);
    assert_string_equal(err.msg, "dkm: junk: not an ELF file (magic 6e 6f 74 20)");
    assert_int_equal(dkm_load_image(ld, img, 10, &o, &mod, &err), DKM_E_TRUNCATED);
    free(img);
    assert_empty();
}

/* While basic's init runs, a module that imports from basic is refused: basic may still fail. */
static int nested_rc;
static struct dkm_error nested_err;
static void load_user_now(struct tport *t)
{
    t->before_call = NULL;
    struct dkm_module *mod;
    nested_rc = load_file("nopic/user.o", "user", NULL, 0, &mod, &nested_err);
}

static void importing_from_a_loading_module_is_refused(void **state)
{
    (void)state;
    if (sizeof(void *) > 4)
        skip();
    struct dkm_module *basic;
    struct dkm_error err;
    tp.before_call = load_user_now;
    assert_int_equal(load_file("nopic/basic.o", "basic", NULL, 0, &basic, &err), DKM_OK);
    assert_int_equal(nested_rc, DKM_E_BUSY);
    assert_string_equal(nested_err.msg, "dkm: user: depends on basic>=1.2, but basic is still loading");
    assert_int_equal(dkm_module_count(ld), 1);
    assert_int_equal(dkm_unload(ld, basic, 0, &err), DKM_OK);
    assert_empty();
}

/* A segment without PF_R still holds .modinfo and export names, which the loader reads for as
 * long as the module lives: every segment stays readable. */
static void segments_stay_readable(void **state)
{
    (void)state;
    size_t size;
    uint8_t *img = tport_read(tport_path("dynmod.so"), &size);
    uint32_t phoff, phnum = 0;
    memcpy(&phoff, img + 28, 4);
    memcpy(&phnum, img + 44, 2);
    for (uint32_t i = 0; i < phnum; i++) {
        uint8_t *ph = img + phoff + i * 32;
        uint32_t type, flags;
        memcpy(&type, ph, 4);
        memcpy(&flags, ph + 24, 4);
        if (type == 1 && flags == 4) {
            flags = 0;   /* PT_LOAD, R only -> no access at all */
            memcpy(ph + 24, &flags, 4);
        }
    }
    struct dkm_load_opts o = {"dynmod.so", NULL, DKM_LOAD_NO_RUN};
    struct dkm_module *mod;
    struct dkm_error err;
    assert_int_equal(dkm_load_image(ld, img, size, &o, &mod, &err), DKM_OK);
    free(img);
    unsigned n = 0;
    for (const char *e = dkm_modinfo_next(mod, NULL); e; e = dkm_modinfo_next(mod, e))
        n++;
    assert_true(n >= 3);
    assert_int_equal(dkm_export_lookup(ld, "dyn_value", NULL, NULL), DKM_OK);
    assert_int_equal(dkm_unload(ld, mod, 0, &err), DKM_OK);
    assert_empty();
}

DEFINE_TEST_LIST(lifecycle_tests,
    cmocka_unit_test_setup_teardown(segments_stay_readable, setup, teardown),
    cmocka_unit_test_setup_teardown(importing_from_a_loading_module_is_refused, setup, teardown),
    cmocka_unit_test_setup_teardown(shared_object_loads_and_runs, setup, teardown),
    cmocka_unit_test_setup_teardown(seed_pie_and_exec_load, setup, teardown),
    cmocka_unit_test_setup_teardown(phases_and_calls_are_reported, setup, teardown),
    cmocka_unit_test_setup_teardown(no_run_calls_nothing, setup, teardown),
    cmocka_unit_test_setup_teardown(destroy_unloads_users_first, setup, teardown),
    cmocka_unit_test_setup_teardown(bad_arguments, setup, teardown));
