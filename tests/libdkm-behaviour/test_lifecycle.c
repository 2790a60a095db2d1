/* tests/libdkm-behaviour/test_lifecycle.c — the order of constructors, init, exit and destructors;
 * init failures and crashes rolled back; init-only sections freed; the seed's module styles. */
#include "tests.h"

#include <signal.h>
#include <string.h>

#include "host_kapi.h"

static void fx_expect_before(const struct fx *f, const char *first, const char *second)
{
    long a = fx_out_pos(f, first), b = fx_out_pos(f, second);
    if (a < 0 || b < 0 || a >= b)
        fail_msg("expected \"%s\" before \"%s\" in:\n%s", first, second, f->out);
}

void test_ctors_dtors(void **state)
{
    struct fx *f = *state;
    struct dkm_module *mod = fx_load_ok(f, "ctors.o", NULL, 0);
    fx_expect_out(f, "ctors: init after 4 constructors");
    fx_expect_before(f, "ctors: init_array 101", "ctors: init_array 102");
    fx_expect_before(f, "ctors: init_array 102", "ctors: init after");
    fx_expect_before(f, "ctors: init_array\n", "ctors: init after");
    fx_expect_before(f, "ctors: ctors", "ctors: init after");
    fx_expect_no_out(f, "fini_array");
    fx_unload(f, mod, 0);
    fx_expect_before(f, "ctors: exit", "ctors: fini_array");
    fx_expect_before(f, "ctors: exit", "ctors: dtors");
}

void test_register_macros(void **state)
{
    struct fx *f = *state;
    struct dkm_module *mod = fx_load_ok(f, "register.o", NULL, 0);
    fx_expect_out(f, "register: chosen init, abi 1\n");
    fx_unload(f, mod, 0);
    fx_expect_out(f, "register: chosen exit\n");
    fx_expect_no_out(f, "wrong");
}

/* With the provider loaded, initfail takes a reference to it and exports a symbol before its init
 * fails: afterwards neither the export nor the reference may remain. */
void test_init_failure_rolls_back(void **state)
{
    struct fx *f = *state;
    struct dkm_module *prov = fx_load_ok(f, "provider.o", NULL, 0);
    struct dkm_module *mod;
    assert_int_equal(fx_load(f, "initfail.o", NULL, 0, &mod), DKM_E_INIT_FAILED);
    assert_int_equal(f->err.init_result, -19);
    fx_expect_msg(f, "initfail");
    fx_expect_before(f, "initfail: constructor", "initfail: init fails");
    fx_expect_no_out(f, "must not run");
    assert_null(dkm_find(f->ld, "initfail"));
    uintptr_t addr;
    assert_int_equal(dkm_export_lookup(f->ld, "initfail_export", &addr, NULL), DKM_E_NOENT);
    struct dkm_module_info info;
    dkm_module_info(prov, &info);
    assert_int_equal(info.refcount, 0);
    assert_int_equal(info.nusers, 0);
    assert_int_equal(fx_unload(f, prov, 0), 0);
    /* And the same without the provider (the weak import stays 0). */
    fx_clear_out(f);
    assert_int_equal(fx_load(f, "initfail.o", NULL, 0, &mod), DKM_E_INIT_FAILED);
    fx_expect_out(f, "initfail: init fails");
}

void test_init_sections_freed(void **state)
{
    struct fx *f = *state;
    struct dkm_module *mod = fx_load_ok(f, "initsec.o", NULL, DKM_LOAD_KEEP_SYMS);
    fx_expect_out(f, "initsec: sum 7");
    /* 64 KiB of __initdata ran in init; none of it may still be held. */
    struct dkm_stats s;
    dkm_stats(f->ld, &s);
    assert_true(s.region_bytes < 65536);
    struct dkm_module_info info;
    dkm_module_info(mod, &info);
    assert_true(info.size < 65536);
    const char *name;
    uintptr_t addr;
    size_t size;
    for (unsigned i = 0; dkm_module_section(mod, i, &name, &addr, &size) == 0; i++)
        if (strncmp(name, ".init.", 6) == 0)
            fail_msg("init-only section %s still listed at %#lx (%zu bytes)", name,
                     (unsigned long)addr, size);
    fx_unload(f, mod, 0);
    fx_expect_out(f, "initsec: exit 7");
}

/* A fault is told apart from any value init could return. */
void test_crash_in_init_rolls_back(void **state)
{
    struct fx *f = *state;
    struct dkm_module *mod;
    int rc = fx_load(f, "crash.o", NULL, 0, &mod);
    assert_int_equal(rc, DKM_E_FAULT);
    assert_int_equal(f->port.fault_signal, SIGSEGV);
    fx_expect_out(f, "crash: about to fault");
    assert_null(dkm_find(f->ld, "crash"));
}

/* A faulting constructor fails the load naming it; init and the destructors never run. */
void test_crash_in_constructor_rolls_back(void **state)
{
    struct fx *f = *state;
    struct dkm_module *mod;
    int rc = fx_load(f, "ctor_crash.o", NULL, 0, &mod);
    assert_int_equal(rc, DKM_E_FAULT);
    assert_non_null(strstr(f->err.msg, "dkm: ctor_crash: constructor 'ctor_crash_bad' faulted"));
    fx_expect_out(f, "ctor_crash: constructor about to fault");
    assert_null(strstr(f->out, "init must not run"));
    assert_null(dkm_find(f->ld, "ctor_crash"));
}

void test_no_run(void **state)
{
    struct fx *f = *state;
    struct dkm_module *mod = fx_load_ok(f, "ctors.o", NULL, DKM_LOAD_NO_RUN);
    assert_string_equal(f->out, "");
    fx_unload(f, mod, DKM_UNLOAD_NO_RUN);
    assert_string_equal(f->out, "");
    /* A module whose init would fail or crash loads fine when nothing runs. */
    mod = fx_load_ok(f, "crash.o", NULL, DKM_LOAD_NO_RUN);
    fx_unload(f, mod, DKM_UNLOAD_NO_RUN);
    assert_string_equal(f->out, "");
}

void test_duplicate_name(void **state)
{
    struct fx *f = *state;
    struct dkm_module *mod = fx_load_ok(f, "hello.o", NULL, 0), *again;
    assert_int_equal(fx_load(f, "hello.o", NULL, 0, &again), DKM_E_EXIST);
    fx_expect_msg(f, "hello");
    assert_int_equal(dkm_module_count(f->ld), 1);
    assert_string_equal(f->out, "hello: init\n");          /* the refused copy ran nothing */
    fx_unload(f, mod, 0);
    mod = fx_load_ok(f, "hello.o", NULL, 0);               /* the name is free again */
    fx_unload(f, mod, 0);
}

void test_kernel_services(void **state)
{
    struct fx *f = *state;
    struct dkm_module *mod = fx_load_ok(f, "kapi_user.o", NULL, 0);
    fx_expect_out(f, "kapi_user: init 0, uptime sane");
    assert_true(host_kapi_dev_exists("fxdev"));
    assert_true(host_kapi_proc_exists("fxproc"));
    assert_int_equal(host_kapi_fire_timers(), 1);
    fx_expect_out(f, "kapi_user: tick 1");
    fx_unload(f, mod, 0);
    fx_expect_out(f, "kapi_user: exit after 1 ticks");
    assert_false(host_kapi_dev_exists("fxdev"));
    assert_false(host_kapi_proc_exists("fxproc"));
    assert_int_equal(host_kapi_release_owned_by("kapi_user"), 0);
}

void test_leftover_registrations(void **state)
{
    struct fx *f = *state;
    struct dkm_module *mod = fx_load_ok(f, "leaky.o", NULL, 0);
    assert_true(host_kapi_dev_exists("leaky"));
    fx_unload(f, mod, 0);
    assert_int_equal(host_kapi_release_owned_by("leaky"), 2);
    assert_false(host_kapi_dev_exists("leaky"));
}

void test_failed_init_leftovers(void **state)
{
    struct fx *f = *state;
    struct dkm_module *mod;
    assert_int_equal(fx_load(f, "initleak.o", NULL, 0, &mod), DKM_E_INIT_FAILED);
    assert_int_equal(f->err.init_result, -5);
    assert_true(host_kapi_dev_exists("initleak"));
    assert_int_equal(host_kapi_release_orphans(), 1);
    assert_false(host_kapi_dev_exists("initleak"));
}

void test_seed_void(void **state)
{
    struct fx *f = *state;
    struct dkm_module *mod = fx_load_ok(f, "seed_void.o", NULL, DKM_LOAD_KEEP_SYMS);
    uintptr_t addr = 0;
    assert_int_equal(dkm_module_symbol(mod, "seed_result", &addr), 0);
    assert_int_equal(*(int *)addr, 965);
    fx_unload(f, mod, 0);
}

void test_seed_api(void **state)
{
    struct fx *f = *state;
    size_t kbytes = host_kapi_kmalloc_outstanding(NULL);
    struct dkm_module *mod = fx_load_ok(f, "seed_api.o", NULL, 0);
    fx_expect_out(f, "Module loaded!\n");
    fx_expect_out(f, "seed_api: abi 1.0");
    fx_expect_out(f, "sum 2016");
    assert_int_equal(host_kapi_kmalloc_outstanding(NULL), kbytes);
    fx_unload(f, mod, 0);
}
