/* test_x86_64.c — x86_64 relocation arithmetic and ELF64 validation, against the x86_64 build of
 * libdkm: each type's value encoded into its field and read back, overflow detection per field
 * rule, the branch stub decoded, malformed ELF64 images (class, unknown type, entry sizes,
 * bounds) refused with a message naming the rule, and a linked image (ld -shared) run and checked. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <elf.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "arch_test.h"

#include "internal.h"
#include "port_linux.h"

static uint64_t apply(uint32_t type, uint64_t S, uint64_t P, uint64_t G, uint64_t A, int *rc)
{
    struct dkm_load l;
    memset(&l, 0, sizeof l);
    l.got_addr = 0x500000;
    uint8_t buf[16];
    memset(buf, 0xaa, sizeof buf);
    dkm_addr_t v;
    *rc = dkm_apply_one(&l, buf + 4, type, S, P, G, 0x40000000, A, true, &v);
    uint64_t out = 0;
    memcpy(&out, buf + 4, dkm_arch_host.howto[type].size);
    /* bytes around the field are never touched */
    assert_int_equal(buf[3], 0xaa);
    assert_int_equal(buf[4 + dkm_arch_host.howto[type].size], 0xaa);
    return out;
}

enum { R_64 = 1, R_PC32 = 2, R_GOT32 = 3, R_PLT32 = 4, R_GLOB_DAT = 6, R_JUMP_SLOT = 7, R_RELATIVE = 8,
       R_GOTPCREL = 9, R_32 = 10, R_32S = 11, R_16 = 12, R_PC16 = 13, R_8 = 14, R_PC8 = 15, R_PC64 = 24,
       R_GOTOFF64 = 25, R_GOTPC32 = 26, R_GOT64 = 27, R_GOTPCREL64 = 28, R_GOTPC64 = 29, R_PLTOFF64 = 31,
       R_GOTPCRELX = 41, R_REX_GOTPCRELX = 42 };

static void arithmetic_per_type(void **state)
{
    (void)state;
    int rc;
    const uint64_t S = 0x7f0012345678ull, P = 0x7f0012340000ull, GOT = 0x500000, G = 0x500010;
    assert_int_equal(apply(R_64, S, P, 0, 8, &rc), S + 8);
    assert_int_equal(apply(R_PC32, S, P, 0, -4, &rc), (uint32_t)(S - 4 - P));
    assert_int_equal(apply(R_PLT32, S, P, 0, -4, &rc), (uint32_t)(S - 4 - P));
    assert_int_equal(apply(R_PC64, S, 0x1000, 0, 0, &rc), S - 0x1000);
    assert_int_equal(apply(R_GOTPCREL, 0, 0x400000, G, -4, &rc), (uint32_t)(G - 4 - 0x400000));
    assert_int_equal(apply(R_GOTPCRELX, 0, 0x400000, G, -4, &rc), (uint32_t)(G - 4 - 0x400000));
    assert_int_equal(apply(R_REX_GOTPCRELX, 0, 0x400000, G, -4, &rc), (uint32_t)(G - 4 - 0x400000));
    assert_int_equal(apply(R_GOTPCREL64, 0, 0x400000, G, 0, &rc), G - 0x400000);
    assert_int_equal(apply(R_GOT32, 0, 0, G, 0, &rc), G - GOT);
    assert_int_equal(apply(R_GOT64, 0, 0, G, 0, &rc), G - GOT);
    assert_int_equal(apply(R_GOTOFF64, S, 0, 0, 2, &rc), S + 2 - GOT);
    assert_int_equal(apply(R_PLTOFF64, S, 0, 0, 0, &rc), S - GOT);
    assert_int_equal(apply(R_GOTPC32, 0, 0x400000, 0, 3, &rc), (uint32_t)(GOT + 3 - 0x400000));
    assert_int_equal(apply(R_GOTPC64, 0, 0x400000, 0, 3, &rc), GOT + 3 - 0x400000);
    assert_int_equal(apply(R_32, 0x7ffff000, 0, 0, 0xfff, &rc), 0x7fffffff);
    assert_int_equal(rc, DKM_OK);
    assert_int_equal(apply(R_RELATIVE, 0, 0, 0, 0x10, &rc), 0x40000010);
    assert_int_equal(apply(R_GLOB_DAT, S, 0, 0, 5, &rc), S);
    assert_int_equal(apply(R_JUMP_SLOT, S, 0, 0, 5, &rc), S);
}

static void overflow_per_field_rule(void **state)
{
    (void)state;
    int rc;
    /* R_X86_64_32 is zero-extended: 0xffffffff fits, a negative value does not */
    apply(R_32, 0xffffffffull, 0, 0, 0, &rc);
    assert_int_equal(rc, DKM_OK);
    apply(R_32, 0x100000000ull, 0, 0, 0, &rc);
    assert_int_equal(rc, DKM_E_RELOC_OVERFLOW);
    apply(R_32, 0, 0, 0, (uint64_t)-1, &rc);
    assert_int_equal(rc, DKM_E_RELOC_OVERFLOW);
    /* R_X86_64_32S is sign-extended (-mcmodel=kernel): the top 2 GiB fit, 0x80000000 does not */
    assert_int_equal(apply(R_32S, 0xffffffff80000000ull, 0, 0, 0, &rc), 0x80000000u);
    assert_int_equal(rc, DKM_OK);
    apply(R_32S, 0x80000000ull, 0, 0, 0, &rc);
    assert_int_equal(rc, DKM_E_RELOC_OVERFLOW);
    /* PC-relative 32-bit: ±2 GiB */
    apply(R_PC32, 0x80000000ull + 0x1000, 0x1000, 0, 0, &rc);
    assert_int_equal(rc, DKM_E_RELOC_OVERFLOW);
    apply(R_PC32, 0x7fffffffull + 0x1000, 0x1000, 0, 0, &rc);
    assert_int_equal(rc, DKM_OK);
    apply(R_PLT32, 0x1000, 0x1000 + 0x80000001ull, 0, 0, &rc);
    assert_int_equal(rc, DKM_E_RELOC_OVERFLOW);
    apply(R_GOTPCREL, 0, 0x7f0000000000ull, 0x500000, -4, &rc);
    assert_int_equal(rc, DKM_E_RELOC_OVERFLOW);
    /* narrow fields */
    apply(R_16, 0xffff, 0, 0, 0, &rc);
    assert_int_equal(rc, DKM_OK);
    apply(R_16, 0x10000, 0, 0, 0, &rc);
    assert_int_equal(rc, DKM_E_RELOC_OVERFLOW);
    apply(R_PC16, 0x8000 + 0x10, 0x10, 0, 0, &rc);
    assert_int_equal(rc, DKM_E_RELOC_OVERFLOW);
    apply(R_8, 0xff, 0, 0, 0, &rc);
    assert_int_equal(rc, DKM_OK);
    apply(R_PC8, 0x10, 0x90, 0, 0, &rc);
    assert_int_equal(rc, DKM_OK);
    apply(R_PC8, 0x10, 0x91, 0, 0, &rc);
    assert_int_equal(rc, DKM_E_RELOC_OVERFLOW);
}

static void stub_jumps_to_its_target(void **state)
{
    (void)state;
    uint8_t stub[32];
    memset(stub, 0, sizeof stub);
    assert_int_equal(dkm_arch_host.stub_size, 16);
    dkm_arch_host.stub_write(stub, 0x7f1122334455ull);
    /* ff 25 00000000: jmp *0(%rip), the target in the next 8 bytes */
    assert_int_equal(stub[0], 0xff);
    assert_int_equal(stub[1], 0x25);
    int32_t disp;
    memcpy(&disp, stub + 2, 4);
    assert_int_equal(disp, 0);
    uint64_t target;
    memcpy(&target, stub + 6, 8);
    assert_int_equal(target, 0x7f1122334455ull);
    /* a call (e8) or jump (e9) with addend -4 may take a stub; a data access may not */
    uint8_t call[5] = {0xe8, 0, 0, 0, 0}, load[7] = {0x48, 0x8b, 0x05, 0, 0, 0, 0};
    assert_true(dkm_arch_host.pcrel_is_branch(call + 1, 1, (dkm_addr_t)-4));
    assert_false(dkm_arch_host.pcrel_is_branch(load + 3, 3, (dkm_addr_t)-4));
    assert_false(dkm_arch_host.pcrel_is_branch(call + 1, 0, (dkm_addr_t)-4));
}

static void table_is_consistent(void **state)
{
    (void)state;
    const struct dkm_arch *a = &dkm_arch_host;
    assert_int_equal(a->machine, EM_X86_64);
    assert_int_equal(a->rel_sht, SHT_RELA);
    for (uint32_t t = 0; t < a->nhowto; t++) {
        const struct dkm_reloc_howto *h = &a->howto[t];
        if (h->kind == DKM_RK_INVALID)
            continue;
        assert_true(h->kind == DKM_RK_NONE || h->size == 1 || h->size == 2 || h->size == 4 || h->size == 8);
        assert_int_equal(h->field, 0);
        assert_string_not_equal(a->reloc_name(t), "unknown");
    }
    /* TLS types are named but refused */
    assert_int_equal(dkm_reloc_check(19, DKM_RF_REL, 0, 8, 0, 1), DKM_RP_TYPE);
    assert_string_equal(a->reloc_name(19), "R_X86_64_TLSGD");
    assert_int_equal(dkm_reloc_check(500, DKM_RF_REL, 0, 8, 0, 1), DKM_RP_TYPE);
}

/* ---- ELF64 images: the real module, loaded, then broken one rule at a time -------------------- */

static Elf64_Shdr *section_of_type(struct image *im, uint32_t type)
{
    Elf64_Ehdr *eh = (Elf64_Ehdr *)im->data;
    Elf64_Shdr *sh = (Elf64_Shdr *)(im->data + eh->e_shoff);
    for (unsigned i = 1; i < eh->e_shnum; i++)
        if (sh[i].sh_type == type && (sh[sh[i].sh_info].sh_flags & SHF_ALLOC))
            return &sh[i];
    fail_msg("no section of type %u", type);
    return NULL;
}

/* Loads the image; returns the error code and the message in msg. */
static int load(struct image *im, char *msg, size_t msgsize)
{
    struct port_linux p;
    port_linux_init(&p, PORT_LINUX_QUIET | PORT_LINUX_CATCH | PORT_LINUX_LIBC);
    struct dkm_loader *ld;
    assert_int_equal(dkm_loader_create(&p.port, NULL, &ld), DKM_OK);
    struct dkm_load_opts o = {"mod", NULL, 0};
    struct dkm_module *m = NULL;
    struct dkm_error e;
    memset(&e, 0, sizeof e);
    int rc = dkm_load_image(ld, im->data, im->size, &o, &m, &e);
    snprintf(msg, msgsize, "%s", e.msg);
    if (rc == DKM_OK)
        assert_int_equal(dkm_unload(ld, m, 0, NULL), DKM_OK);
    struct dkm_stats st;
    dkm_stats(ld, &st);
    /* nothing of a failed load stays behind */
    assert_int_equal(st.region_bytes, 0);
    dkm_loader_destroy(ld);
    port_linux_fini(&p);
    return rc;
}

static void real_module_loads_and_runs(void **state)
{
    (void)state;
    struct image im = read_module();
    char msg[DKM_ERRMSG_MAX];
    assert_int_equal(load(&im, msg, sizeof msg), DKM_OK);
    free(im.data);
}

static void elf32_class_is_refused(void **state)
{
    (void)state;
    struct image im = read_module();
    im.data[EI_CLASS] = ELFCLASS32;
    char msg[DKM_ERRMSG_MAX];
    assert_int_equal(load(&im, msg, sizeof msg), DKM_E_BAD_CLASS);
    assert_non_null(strstr(msg, "ELF class 1 is not ELFCLASS64 (2), which x86_64 modules use"));
    free(im.data);
}

static void unknown_type_is_refused_naming_arch(void **state)
{
    (void)state;
    struct image im = read_module();
    Elf64_Shdr *rs = section_of_type(&im, SHT_RELA);
    Elf64_Rela *r = (Elf64_Rela *)(im.data + rs->sh_offset);
    r[0].r_info = ELF64_R_INFO(ELF64_R_SYM(r[0].r_info), 250);
    char msg[DKM_ERRMSG_MAX];
    assert_int_equal(load(&im, msg, sizeof msg), DKM_E_RELOC_TYPE);
    assert_non_null(strstr(msg, "#0: x86_64 relocation type 250 (unknown) is not supported"));
    free(im.data);
}

static void rela_entsize_and_bounds(void **state)
{
    (void)state;
    char msg[DKM_ERRMSG_MAX];
    struct image im = read_module();
    section_of_type(&im, SHT_RELA)->sh_entsize = 16;
    assert_int_equal(load(&im, msg, sizeof msg), DKM_E_ENTSIZE);
    assert_non_null(strstr(msg, "relocations are 24 bytes"));
    free(im.data);

    im = read_module();
    Elf64_Shdr *rs = section_of_type(&im, SHT_RELA);
    Elf64_Rela *r = (Elf64_Rela *)(im.data + rs->sh_offset);
    Elf64_Shdr *sh = (Elf64_Shdr *)(im.data + ((Elf64_Ehdr *)im.data)->e_shoff);
    r[0].r_offset = sh[rs->sh_info].sh_size - 2;
    assert_int_equal(load(&im, msg, sizeof msg), DKM_E_RELOC_OFFSET);
    assert_non_null(strstr(msg, "overruns"));
    free(im.data);

    /* ELF64 tables are read in place at their natural 8-byte alignment */
    im = read_module();
    section_of_type(&im, SHT_RELA)->sh_offset += 4;
    assert_int_equal(load(&im, msg, sizeof msg), DKM_E_TABLE_ALIGN);
    assert_non_null(strstr(msg, "is not 8-byte aligned"));
    free(im.data);

    im = read_module();
    section_of_type(&im, SHT_RELA)->sh_offset = 0x100000000ull;
    assert_int_equal(load(&im, msg, sizeof msg), DKM_E_SECTION_BOUNDS);
    free(im.data);

    im = read_module();
    ((Elf64_Ehdr *)im.data)->e_shoff = 0xfffffffffffff000ull;
    assert_int_equal(load(&im, msg, sizeof msg), DKM_E_SHDR_BOUNDS);
    free(im.data);
}

static void rel_sections_are_refused(void **state)
{
    (void)state;
    struct image im = read_module();
    section_of_type(&im, SHT_RELA)->sh_type = SHT_REL;
    char msg[DKM_ERRMSG_MAX];
    assert_int_equal(load(&im, msg, sizeof msg), DKM_E_SECTION_TYPE);
    assert_non_null(strstr(msg, "SHT_REL is not used by x86_64 modules"));
    free(im.data);
}

static void symbol_value_outside_section(void **state)
{
    (void)state;
    struct image im = read_module();
    Elf64_Ehdr *eh = (Elf64_Ehdr *)im.data;
    Elf64_Shdr *sh = (Elf64_Shdr *)(im.data + eh->e_shoff);
    for (unsigned i = 1; i < eh->e_shnum; i++) {
        if (sh[i].sh_type != SHT_SYMTAB)
            continue;
        Elf64_Sym *s = (Elf64_Sym *)(im.data + sh[i].sh_offset);
        for (unsigned k = 1; k < sh[i].sh_size / sizeof *s; k++)
            if (s[k].st_shndx != SHN_UNDEF && s[k].st_shndx < SHN_LORESERVE &&
                ELF64_ST_TYPE(s[k].st_info) == STT_FUNC) {
                s[k].st_value = 0x100000000ull;
                char msg[DKM_ERRMSG_MAX];
                assert_int_equal(load(&im, msg, sizeof msg), DKM_E_SYM_VALUE);
                assert_non_null(strstr(msg, "value 0x100000000 outside section"));
                free(im.data);
                return;
            }
    }
    fail_msg("no defined function symbol");
}

/* ---- a linked image (ET_DYN, DT_RELA), built with ld -shared ------------------------------- */

static void linked_image_loads_and_runs(void **state)
{
    (void)state;
    struct image im = read_image("LIBDKM_ARCH_DYN");
    assert_int_equal(((Elf64_Ehdr *)im.data)->e_type, ET_DYN);
    char msg[DKM_ERRMSG_MAX];
    /* init returns 0 only if the pointers, the GOT entry and the PLT call all work */
    assert_int_equal(load(&im, msg, sizeof msg), DKM_OK);

    /* the same image relocated without running: the data as the relocations left it */
    struct port_linux p;
    port_linux_init(&p, PORT_LINUX_QUIET | PORT_LINUX_LIBC);
    struct dkm_loader *ld;
    assert_int_equal(dkm_loader_create(&p.port, NULL, &ld), DKM_OK);
    struct dkm_load_opts o = {"dyn", NULL, DKM_LOAD_NO_RUN | DKM_LOAD_KEEP_SYMS};
    struct dkm_module *m = NULL;
    struct dkm_error e;
    memset(&e, 0, sizeof e);
    assert_int_equal(dkm_load_image(ld, im.data, im.size, &o, &m, &e), DKM_OK);
    uintptr_t counter, hidden, counter_ptr, hidden_ptr, printf_ptr;
    assert_int_equal(dkm_module_symbol(m, "counter", &counter), DKM_OK);
    assert_int_equal(dkm_module_symbol(m, "hidden", &hidden), DKM_OK);
    assert_int_equal(dkm_module_symbol(m, "counter_ptr", &counter_ptr), DKM_OK);
    assert_int_equal(dkm_module_symbol(m, "hidden_ptr", &hidden_ptr), DKM_OK);
    assert_int_equal(dkm_module_symbol(m, "printf_ptr", &printf_ptr), DKM_OK);
    assert_int_equal(*(uintptr_t *)counter_ptr, counter);       /* R_X86_64_64 */
    assert_int_equal(*(uintptr_t *)hidden_ptr, hidden);         /* R_X86_64_RELATIVE */
    assert_int_equal(*(uintptr_t *)printf_ptr, (uintptr_t)dlsym(RTLD_DEFAULT, "printf"));
    assert_int_equal(dkm_unload(ld, m, DKM_UNLOAD_NO_RUN, NULL), DKM_OK);
    dkm_loader_destroy(ld);
    port_linux_fini(&p);
    free(im.data);
}

/* Types a linked image may not carry are refused by name, as in relocatable modules. */
static void linked_image_bad_types_are_refused(void **state)
{
    (void)state;
    char msg[DKM_ERRMSG_MAX];
    const uint32_t bad[] = {250, R_PC32, R_GOTPCREL};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        struct image im = read_image("LIBDKM_ARCH_DYN");
        Elf64_Ehdr *eh = (Elf64_Ehdr *)im.data;
        Elf64_Shdr *sh = (Elf64_Shdr *)(im.data + eh->e_shoff);
        Elf64_Rela *r = NULL;
        for (unsigned k = 1; k < eh->e_shnum && !r; k++)
            if (sh[k].sh_type == SHT_RELA && (sh[k].sh_flags & SHF_ALLOC))
                r = (Elf64_Rela *)(im.data + sh[k].sh_offset);
        assert_non_null(r);
        r[0].r_info = ELF64_R_INFO(ELF64_R_SYM(r[0].r_info), bad[i]);
        assert_int_equal(load(&im, msg, sizeof msg), DKM_E_RELOC_TYPE);
        char want[64];
        snprintf(want, sizeof want, "x86_64 relocation type %u (", bad[i]);
        assert_non_null(strstr(msg, want));
        assert_non_null(strstr(msg, "is not supported"));
        free(im.data);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(arithmetic_per_type),
        cmocka_unit_test(overflow_per_field_rule),
        cmocka_unit_test(stub_jumps_to_its_target),
        cmocka_unit_test(table_is_consistent),
        cmocka_unit_test(real_module_loads_and_runs),
        cmocka_unit_test(elf32_class_is_refused),
        cmocka_unit_test(unknown_type_is_refused_naming_arch),
        cmocka_unit_test(rela_entsize_and_bounds),
        cmocka_unit_test(rel_sections_are_refused),
        cmocka_unit_test(symbol_value_outside_section),
        cmocka_unit_test(linked_image_loads_and_runs),
        cmocka_unit_test(linked_image_bad_types_are_refused),
    };
    return cmocka_run_group_tests_name("libdkm-x86_64", tests, NULL, NULL);
}
