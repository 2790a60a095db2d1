/* tests/libdkm-behaviour/test_features.c — each relocation kind and section feature, one fixture
 * each: the fixture computes something only a correct link gives and publishes the result. */
#include "tests.h"

#include <string.h>

/* Loads FILE, checks the int it exports, unloads: the common shape of a feature test. */
static void fx_result_test(struct fx *f, const char *file, const char *result, int want)
{
    struct dkm_module *mod = fx_load_ok(f, file, NULL, 0);
    assert_int_equal(fx_export_int(f, result), want);
    assert_int_equal(fx_unload(f, mod, 0), 0);
    uintptr_t addr;
    assert_int_equal(dkm_export_lookup(f->ld, result, &addr, NULL), DKM_E_NOENT);
}

void test_hello(void **state)
{
    struct fx *f = *state;
    struct dkm_module *mod = fx_load_ok(f, "hello.o", NULL, 0);
    assert_string_equal(f->out, "hello: init\n");     /* the KERN_INFO prefix is not printed */
    struct dkm_module_info info;
    dkm_module_info(mod, &info);
    assert_string_equal(info.name, "hello");
    assert_string_equal(info.version, "1.0");
    assert_int_equal(info.state, DKM_STATE_LIVE);
    assert_int_equal(info.elf_type, 1);
    assert_int_equal(info.refcount, 0);
    assert_true(info.size > 0);
    assert_ptr_equal(dkm_find(f->ld, "hello"), mod);
    assert_int_equal(dkm_module_count(f->ld), 1);
    fx_unload(f, mod, 0);
    assert_string_equal(f->out, "hello: init\nhello: exit\n");
    assert_null(dkm_find(f->ld, "hello"));
    assert_int_equal(dkm_module_count(f->ld), 0);
}

void test_reloc_data(void **state)
{
    fx_result_test(*state, "reloc_data.o", "reloc_data_result", 40 + 1 + 25 + 15 + 6 + 99);
    fx_expect_out(*state, "reloc_data: sum 186");
}

void test_reloc_calls(void **state)
{
    fx_result_test(*state, "reloc_calls.o", "reloc_calls_result", 42);
    fx_expect_out(*state, "reloc_calls: 42-610 ok");
}

void test_calls_O0(void **state)
{
    fx_result_test(*state, "calls_O0.o", "reloc_calls_result", 42);
}

void test_got_heavy(void **state)
{
    fx_result_test(*state, "got_heavy.o", "got_heavy_result", 1);
}

void test_got_norelax(void **state)
{
    fx_result_test(*state, "got_norelax.o", "got_heavy_result", 1);
}

void test_weak(void **state)
{
    fx_result_test(*state, "weak.o", "weak_result", 1);
    fx_expect_out(*state, "absent_function=(nil) absent_data=(nil) ok");
}

void test_common(void **state)
{
    fx_result_test(*state, "common.o", "common_result", 1);
}

void test_aligned(void **state)
{
    fx_result_test(*state, "aligned.o", "aligned_result", 1);
}

void test_strings(void **state)
{
    fx_result_test(*state, "strings.o", "strings_result", 1);
    fx_expect_out(*state, "strings: beta gamma elta ok");
}

void test_ehframe(void **state)
{
    struct fx *f = *state;
    struct dkm_module *mod = fx_load_ok(f, "ehframe.o", NULL, DKM_LOAD_KEEP_SYMS);
    fx_expect_out(f, "ehframe: depth 65");
    /* The unwind tables are loaded (relocated against the code), not dropped. */
    const char *name;
    uintptr_t addr;
    size_t size;
    int found = 0;
    for (unsigned i = 0; dkm_module_section(mod, i, &name, &addr, &size) == 0; i++)
        found |= strcmp(name, ".eh_frame") == 0 && addr != 0 && size > 0;
    assert_true(found);
    fx_unload(f, mod, 0);
}

void test_comdat(void **state)
{
    struct fx *f = *state;
    struct dkm_module *mod = fx_load_ok(f, "comdat.o", NULL, 0);
    assert_string_equal(dkm_modinfo_get(mod, "description", 0), "comdat groups");
    fx_unload(f, mod, 0);
}

void test_multi_object(void **state)
{
    fx_result_test(*state, "multi.o", "multi_result", 55);
}

void test_div64_libgcc(void **state)
{
    fx_result_test(*state, "div64.o", "div64_result", 1);
    fx_expect_out(*state, "div64: 123456789012 345 -987654321 -98 ok");
}

/* KEEP_SYMS: private symbols are found by name, and addresses map back to symbol + offset. */
void test_symbols_and_addresses(void **state)
{
    struct fx *f = *state;
    struct dkm_module *mod = fx_load_ok(f, "reloc_calls.o", NULL, DKM_LOAD_KEEP_SYMS);
    uintptr_t far_b = 0, result = 0;
    assert_int_equal(dkm_module_symbol(mod, "far_b", &far_b), 0);
    assert_int_equal(dkm_module_symbol(mod, "reloc_calls_result", &result), 0);
    assert_int_equal(*(int *)result, 42);
    assert_int_equal(((int (*)(int))far_b)(1), 4);
    struct dkm_module *owner = NULL;
    const char *sym = NULL;
    uintptr_t off = 0;
    assert_int_equal(dkm_addr_lookup(f->ld, far_b + 1, &owner, &sym, &off), 0);
    assert_ptr_equal(owner, mod);
    assert_non_null(sym);
    assert_string_equal(sym, "far_b");
    assert_int_equal(off, 1);
    assert_int_not_equal(dkm_module_symbol(mod, "no_such_symbol", &far_b), 0);
    fx_unload(f, mod, 0);
    assert_int_not_equal(dkm_addr_lookup(f->ld, far_b, &owner, &sym, &off), 0);
}

/* R_386_8/16 against absolute symbols and R_386_PC8/PC16 between data sections; and a 16-bit
 * field that cannot hold its value. */
void test_narrow_relocations(void **state)
{
    struct fx *f = *state;
    struct dkm_module *mod = fx_load_ok(f, "narrow.o", NULL, DKM_LOAD_KEEP_SYMS);
    uintptr_t abs8, abs16, pc8, pc16, target;
    assert_int_equal(dkm_module_symbol(mod, "narrow_abs8", &abs8), 0);
    assert_int_equal(dkm_module_symbol(mod, "narrow_abs16", &abs16), 0);
    assert_int_equal(dkm_module_symbol(mod, "narrow_pc8", &pc8), 0);
    assert_int_equal(dkm_module_symbol(mod, "narrow_pc16", &pc16), 0);
    assert_int_equal(dkm_module_symbol(mod, "narrow_target", &target), 0);
    assert_int_equal(*(const uint8_t *)abs8, 0x5b);
    assert_int_equal(*(const uint16_t *)abs16, 0x1236);
    assert_int_equal(*(const int8_t *)pc8, (int8_t)(target - pc8));
    assert_int_equal(*(const int16_t *)pc16, (int16_t)(target - pc16));
    fx_unload(f, mod, 0);
    assert_int_equal(fx_load(f, "narrow_overflow.o", NULL, 0, &mod), DKM_E_RELOC_OVERFLOW);
    fx_expect_msg(f, "R_386_16");
}
