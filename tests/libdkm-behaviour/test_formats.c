/* tests/libdkm-behaviour/test_formats.c — the linked formats (a shared object, the seed's PIE, an
 * executable at a fixed address) and a check that the fixture corpus really contains every
 * relocation type the loader claims to handle, so the other tests exercise them all. */
#include "tests.h"

#include <dirent.h>
#include <elf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void test_shared_object(void **state)
{
    struct fx *f = *state;
    struct dkm_module *mod = fx_load_ok(f, "dyn.so", NULL, 0);
    fx_expect_out(f, "dyn: one two three sum 6 len 5\n");
    struct dkm_module_info info;
    dkm_module_info(mod, &info);
    assert_int_equal(info.elf_type, 3);
    assert_string_equal(info.name, "dyn");
    assert_string_equal(dkm_modinfo_get(mod, "description", 0), "a shared object");
    fx_unload(f, mod, 0);
    fx_expect_out(f, "dyn: exit\n");
}

void test_seed_pie(void **state)
{
    struct fx *f = *state;
    struct dkm_module *mod = fx_load_ok(f, "seed_pie.elf", NULL, 0);
    fx_expect_out(f, "Module loaded!\n");
    fx_expect_out(f, "sum 2016");
    struct dkm_module_info info;
    dkm_module_info(mod, &info);
    assert_int_equal(info.elf_type, 3);
    assert_string_equal(info.name, "seed_pie");
    fx_unload(f, mod, 0);
}

void test_exec_fixed_address(void **state)
{
    struct fx *f = *state;
    struct dkm_module *mod = fx_load_ok(f, "exec.elf", NULL, 0), *clash;
    fx_expect_out(f, "Module loaded!\n");
    struct dkm_module_info info;
    dkm_module_info(mod, &info);
    assert_int_equal(info.elf_type, 2);
    assert_true(info.base >= 0x20000000 && info.base < 0x20010000);
    /* Same range, still taken: refused with advice on how to rebuild. */
    assert_int_equal(fx_load(f, "exec_clash.elf", NULL, 0, &clash), DKM_E_EXEC_RANGE);
    fx_expect_msg(f, "0x20000000");
    fx_unload(f, mod, 0);
    clash = fx_load_ok(f, "exec_clash.elf", NULL, 0);
    fx_unload(f, clash, 0);
}

/* ---- Relocation coverage of the corpus ------------------------------------------------------- */

static void count_relocs(const char *path, unsigned *counts, unsigned ncounts)
{
    FILE *fp = fopen(path, "rb");
    if (fp == NULL)
        return;
    fseek(fp, 0, SEEK_END);
    long size = ftell(fp);
    fseek(fp, 0, SEEK_SET);
    unsigned char *img = malloc((size_t)size);
    if (img == NULL || fread(img, 1, (size_t)size, fp) != (size_t)size) {
        free(img);
        fclose(fp);
        return;
    }
    fclose(fp);
    Elf32_Ehdr eh;
    if ((size_t)size < sizeof(eh) || memcmp(img, ELFMAG, SELFMAG) != 0) {
        free(img);
        return;
    }
    memcpy(&eh, img, sizeof(eh));
    for (unsigned i = 0; i < eh.e_shnum; i++) {
        Elf32_Shdr sh;
        if (eh.e_shoff + (i + 1) * sizeof(sh) > (size_t)size)
            break;
        memcpy(&sh, img + eh.e_shoff + i * sizeof(sh), sizeof(sh));
        if (sh.sh_type != SHT_REL || sh.sh_offset + sh.sh_size > (size_t)size)
            continue;
        for (uint32_t r = 0; r + sizeof(Elf32_Rel) <= sh.sh_size; r += sizeof(Elf32_Rel)) {
            Elf32_Rel rel;
            memcpy(&rel, img + sh.sh_offset + r, sizeof(rel));
            if (ELF32_R_TYPE(rel.r_info) < ncounts)
                counts[ELF32_R_TYPE(rel.r_info)]++;
        }
    }
    free(img);
}

void test_corpus_covers_relocations(void **state)
{
    (void)state;
    unsigned counts[64] = { 0 };
    DIR *root = opendir(fx_root);
    assert_non_null(root);
    struct dirent *variant;
    unsigned files = 0;
    while ((variant = readdir(root)) != NULL) {
        if (variant->d_name[0] == '.')
            continue;
        char dir[512];
        snprintf(dir, sizeof(dir), "%s/%s", fx_root, variant->d_name);
        DIR *d = opendir(dir);
        if (d == NULL)
            continue;
        struct dirent *e;
        while ((e = readdir(d)) != NULL) {
            size_t n = strlen(e->d_name);
            if (n < 3 || (strcmp(e->d_name + n - 2, ".o") != 0 && strcmp(e->d_name + n - 3, ".so") != 0 &&
                          (n < 4 || strcmp(e->d_name + n - 4, ".elf") != 0)))
                continue;
            char path[1024];
            snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
            count_relocs(path, counts, 64);
            files++;
        }
        closedir(d);
    }
    closedir(root);
    assert_true(files >= 100);
    static const struct {
        unsigned type;
        const char *name;
    } need[] = {
        { R_386_32, "R_386_32" },         { R_386_PC32, "R_386_PC32" },
        { R_386_GOT32, "R_386_GOT32" },   { R_386_PLT32, "R_386_PLT32" },
        { R_386_GOTOFF, "R_386_GOTOFF" }, { R_386_GOTPC, "R_386_GOTPC" },
        { R_386_GOT32X, "R_386_GOT32X" }, { R_386_RELATIVE, "R_386_RELATIVE" },
        { R_386_GLOB_DAT, "R_386_GLOB_DAT" }, { R_386_JMP_SLOT, "R_386_JMP_SLOT" },
        { R_386_16, "R_386_16" },         { R_386_PC16, "R_386_PC16" },
        { R_386_8, "R_386_8" },           { R_386_PC8, "R_386_PC8" },
    };
    for (size_t i = 0; i < sizeof(need) / sizeof(need[0]); i++)
        if (counts[need[i].type] == 0)
            fail_msg("no fixture carries %s", need[i].name);
}
