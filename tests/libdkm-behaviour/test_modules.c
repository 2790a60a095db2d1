/* tests/libdkm-behaviour/test_modules.c — modules among modules: dependencies and unload refusal,
 * holds, declared version constraints, export clashes, unresolved imports; metadata, the ABI
 * check, and parameters. */
#include "tests.h"

#include <string.h>

void test_dependency_refuses_unload(void **state)
{
    struct fx *f = *state;
    struct dkm_module *prov = fx_load_ok(f, "provider.o", NULL, 0);
    struct dkm_module *cons = fx_load_ok(f, "consumer.o", NULL, 0);
    fx_expect_out(f, "consumer: 40 42 counter=2");
    struct dkm_module_info pi, ci;
    dkm_module_info(prov, &pi);
    dkm_module_info(cons, &ci);
    assert_int_equal(pi.nusers, 1);
    assert_int_equal(pi.refcount, 1);
    assert_int_equal(ci.ndeps, 1);
    assert_ptr_equal(dkm_module_dep(cons, 0), prov);
    assert_ptr_equal(dkm_module_user(prov, 0), cons);
    assert_null(dkm_module_dep(cons, 1));
    struct dkm_module *owner = NULL;
    uintptr_t addr = 0;
    assert_int_equal(dkm_export_lookup(f->ld, "provider_add", &addr, &owner), 0);
    assert_ptr_equal(owner, prov);

    assert_int_equal(fx_unload(f, prov, 0), DKM_E_BUSY);
    fx_expect_msg(f, "provider");
    assert_ptr_equal(dkm_find(f->ld, "provider"), prov);
    fx_expect_no_out(f, "provider: exit");

    assert_int_equal(fx_unload(f, cons, 0), 0);
    dkm_module_info(prov, &pi);
    assert_int_equal(pi.refcount, 0);
    assert_int_equal(pi.nusers, 0);
    assert_int_equal(fx_unload(f, prov, 0), 0);
    fx_expect_out(f, "provider: exit, 2 calls");
}

void test_force_unload(void **state)
{
    struct fx *f = *state;
    struct dkm_module *prov = fx_load_ok(f, "provider.o", NULL, 0);
    struct dkm_module *cons = fx_load_ok(f, "consumer.o", NULL, 0);
    assert_int_equal(fx_unload(f, prov, DKM_UNLOAD_FORCE), 0);
    assert_null(dkm_find(f->ld, "provider"));
    struct dkm_module_info ci;
    dkm_module_info(cons, &ci);
    assert_int_equal(ci.ndeps, 0);
    /* consumer's exit does not touch the provider, so it can still be unloaded normally */
    assert_int_equal(fx_unload(f, cons, 0), 0);
}

void test_holds(void **state)
{
    struct fx *f = *state;
    struct dkm_module *mod = fx_load_ok(f, "hello.o", NULL, 0);
    dkm_module_get(mod);
    struct dkm_module_info info;
    dkm_module_info(mod, &info);
    assert_int_equal(info.refcount, 1);
    assert_int_equal(fx_unload(f, mod, 0), DKM_E_BUSY);
    dkm_module_put(mod);
    assert_int_equal(fx_unload(f, mod, 0), 0);
}

void test_depends_version(void **state)
{
    struct fx *f = *state;
    struct dkm_module *mod;
    /* Declared dependency absent. */
    assert_int_not_equal(fx_load(f, "consumer.o", NULL, 0, &mod), 0);
    fx_expect_msg(f, "provider");
    struct dkm_module *prov = fx_load_ok(f, "provider.o", NULL, 0);
    assert_int_equal(fx_load(f, "consumer_newer.o", NULL, 0, &mod), DKM_E_DEPENDS);
    fx_expect_msg(f, "provider");
    fx_expect_msg(f, "2.0");
    struct dkm_module_info pi;
    dkm_module_info(prov, &pi);
    assert_int_equal(pi.refcount, 0);
    fx_unload(f, prov, 0);
}

void test_export_clash(void **state)
{
    struct fx *f = *state;
    struct dkm_module *prov = fx_load_ok(f, "provider.o", NULL, 0), *mod;
    assert_int_equal(fx_load(f, "export_clash.o", NULL, 0, &mod), DKM_E_EXPORT_DUP);
    fx_expect_msg(f, "provider_add");
    struct dkm_module *owner = NULL;
    uintptr_t addr;
    assert_int_equal(dkm_export_lookup(f->ld, "provider_add", &addr, &owner), 0);
    assert_ptr_equal(owner, prov);
    fx_unload(f, prov, 0);
}

void test_unresolved_all_named(void **state)
{
    struct fx *f = *state;
    struct dkm_module *mod;
    assert_int_equal(fx_load(f, "unresolved.o", NULL, 0, &mod), DKM_E_UNRESOLVED);
    fx_expect_msg(f, "unresolved");
    fx_expect_msg(f, "'missing_one'");
    fx_expect_msg(f, "'missing_two'");
    fx_expect_msg(f, "'missing_data'");
}

void test_modinfo(void **state)
{
    struct fx *f = *state;
    struct dkm_module *mod = fx_load_ok(f, "modinfo.o", NULL, 0);
    struct dkm_module_info info;
    dkm_module_info(mod, &info);
    assert_string_equal(info.name, "named_by_info");
    assert_null(dkm_find(f->ld, "modinfo"));
    assert_ptr_equal(dkm_find(f->ld, "named_by_info"), mod);
    assert_string_equal(info.version, "2.5.1");
    assert_string_equal(dkm_modinfo_get(mod, "license", 0), "GPL");
    assert_string_equal(dkm_modinfo_get(mod, "author", 0), "A. Author");
    assert_string_equal(dkm_modinfo_get(mod, "description", 0), "metadata fixture");
    /* Compilers may emit the records in any order. */
    const char *a0 = dkm_modinfo_get(mod, "alias", 0), *a1 = dkm_modinfo_get(mod, "alias", 1);
    assert_non_null(a0);
    assert_non_null(a1);
    assert_true((strcmp(a0, "dev:fixture") == 0 && strcmp(a1, "fixture-alias") == 0) ||
                (strcmp(a1, "dev:fixture") == 0 && strcmp(a0, "fixture-alias") == 0));
    assert_null(dkm_modinfo_get(mod, "alias", 2));
    assert_string_equal(dkm_modinfo_get(mod, "abi", 0), "1.0");
    assert_string_equal(dkm_modinfo_get(mod, "parmtype", 0), "level:int");
    assert_string_equal(dkm_modinfo_get(mod, "parm", 0), "level:a level");
    unsigned entries = 0;
    int saw_license = 0;
    for (const char *kv = dkm_modinfo_next(mod, NULL); kv; kv = dkm_modinfo_next(mod, kv)) {
        entries++;
        saw_license |= strcmp(kv, "license=GPL") == 0;
    }
    assert_true(saw_license);
    assert_int_equal(entries, 10);
    fx_unload(f, mod, 0);
}

void test_abi_major_mismatch(void **state)
{
    struct fx *f = *state;
    struct dkm_module *mod;
    assert_int_equal(fx_load(f, "abi_future.o", NULL, 0, &mod), DKM_E_ABI);
    fx_expect_msg(f, "2.0");
    fx_expect_msg(f, "1.0");
}

void test_abi_minor_newer(void **state)
{
    struct fx *f = *state;
    struct dkm_module *mod;
    assert_int_equal(fx_load(f, "abi_minor.o", NULL, 0, &mod), DKM_E_ABI);
    fx_expect_msg(f, "1.9");
    fx_expect_msg(f, "1.0");
}

void test_abi_missing_warns(void **state)
{
    struct fx *f = *state;
    struct dkm_module *mod = fx_load_ok(f, "seed_void.o", NULL, 0);
    /* One warning line that names the module and the missing ABI record. */
    const char *line = strstr(f->log, "4 ");
    assert_non_null(line);
    assert_non_null(strstr(line, "seed_void"));
    assert_non_null(strstr(line, "ABI") ? strstr(line, "ABI") : strstr(line, "abi"));
    fx_unload(f, mod, 0);
    /* A module with an ABI record gets no such warning. */
    f->log[0] = '\0';
    f->log_len = 0;
    mod = fx_load_ok(f, "hello.o", NULL, 0);
    assert_null(strstr(f->log, "4 "));
    fx_unload(f, mod, 0);
}

void test_params_defaults(void **state)
{
    struct fx *f = *state;
    struct dkm_module *mod = fx_load_ok(f, "params.o", NULL, 0);
    fx_expect_out(f, "params: count=3 mask=255 verbose=0 greeting=hi\n");
    fx_expect_out(f, "params: ports(0)=0,0,0,0\n");
    fx_expect_out(f, "params: sizes(3)=7,8,9\n");
    assert_int_equal(dkm_param_count(mod), 8);
    fx_unload(f, mod, 0);
}

void test_params_set(void **state)
{
    struct fx *f = *state;
    struct dkm_module *mod = fx_load_ok(
        f, "params.o",
        "count=-5 mask=4000000000 verbose=y greeting=\"two words\" ports=1,-2,3 sizes=4 "
        "flags=1,off,true names=ab,cd",
        0);
    fx_expect_out(f, "params: count=-5 mask=4000000000 verbose=1 greeting=two words\n");
    fx_expect_out(f, "params: ports(3)=1,-2,3,0\n");
    fx_expect_out(f, "params: sizes(1)=4,8,9\n");
    fx_expect_out(f, "params: flags(3)=1,0,1\n");
    fx_expect_out(f, "params: names(2)=ab,cd,\n");
    /* The values are readable back, with their types. */
    int seen = 0;
    for (unsigned i = 0; i < dkm_param_count(mod); i++) {
        const char *name, *type;
        char buf[128];
        assert_int_equal(dkm_param_get(mod, i, &name, &type, buf, sizeof(buf)), 0);
        if (strcmp(name, "count") == 0) {
            assert_string_equal(type, "int");
            assert_string_equal(buf, "-5");
            seen++;
        } else if (strcmp(name, "ports") == 0) {
            assert_string_equal(type, "array of int");
            assert_string_equal(buf, "1,-2,3");
            seen++;
        } else if (strcmp(name, "greeting") == 0) {
            assert_string_equal(type, "string");
            assert_string_equal(buf, "two words");
            seen++;
        }
    }
    assert_int_equal(seen, 3);
    fx_unload(f, mod, 0);
    /* A bare bool name turns it on. */
    fx_clear_out(f);
    mod = fx_load_ok(f, "params.o", "verbose", 0);
    fx_expect_out(f, "verbose=1");
    fx_unload(f, mod, 0);
}

void test_params_bad(void **state)
{
    struct fx *f = *state;
    struct dkm_module *mod;
    static const struct {
        const char *args;
        int code;
        const char *named;
    } bad[] = {
        { "count=abc", DKM_E_PARAM_VALUE, "count" },
        { "count=99999999999", DKM_E_PARAM_VALUE, "count" },
        { "mask=-1", DKM_E_PARAM_VALUE, "mask" },
        { "verbose=maybe", DKM_E_PARAM_VALUE, "verbose" },
        { "greeting=this_is_far_too_long", DKM_E_PARAM_VALUE, "greeting" },
        { "ports=1,2,3,4,5", DKM_E_PARAM_VALUE, "ports" },
        { "nosuch=1", DKM_E_PARAM_UNKNOWN, "nosuch" },
        { "count=1 nosuch2=2", DKM_E_PARAM_UNKNOWN, "nosuch2" },
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        fx_clear_out(f);
        int rc = fx_load(f, "params.o", bad[i].args, 0, &mod);
        if (rc != bad[i].code)
            fail_msg("args \"%s\": got %d (%s), want %d", bad[i].args, rc, f->err.msg, bad[i].code);
        fx_expect_msg(f, bad[i].named);
        assert_string_equal(f->out, "");                    /* init never ran */
    }
}

void test_param_set_at_runtime(void **state)
{
    struct fx *f = *state;
    struct dkm_module *mod = fx_load_ok(f, "params.o", NULL, 0);
    struct dkm_error err;
    assert_int_equal(dkm_param_set(mod, "count", "17", &err), 0);
    assert_int_equal(dkm_param_set(mod, "count", "x", &err), DKM_E_PARAM_VALUE);
    assert_int_equal(dkm_param_set(mod, "nope", "1", &err), DKM_E_PARAM_UNKNOWN);
    char buf[64];
    const char *name, *type;
    for (unsigned i = 0; i < dkm_param_count(mod); i++) {
        assert_int_equal(dkm_param_get(mod, i, &name, &type, buf, sizeof(buf)), 0);
        if (strcmp(name, "count") == 0)
            assert_string_equal(buf, "17");
    }
    fx_unload(f, mod, 0);
}
