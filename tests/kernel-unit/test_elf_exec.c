/* test_elf_exec.c — the program loader's ELF checks: a valid two-segment executable, and one
 * malformed variant per rejection reason. */
#include "kunit.h"
#include "elf_exec.h"
#include "ark/errno.h"
#include "ark/kernel.h"

#define LO 0x00400000u
#define HI 0xBFFEF000u

struct image {
    struct {
        unsigned char ident[16];
        uint16_t type, machine;
        uint32_t version, entry, phoff, shoff, flags;
        uint16_t ehsize, phentsize, phnum, shentsize, shnum, shstrndx;
    } eh;
    struct {
        uint32_t type, offset, vaddr, paddr, filesz, memsz, flags, align;
    } ph[2];
    unsigned char payload[256];
};

static struct image img;
static struct elf_exec_info info;
static const char *why;

static void build_valid(void)
{
    memset(&img, 0, sizeof(img));
    memcpy(img.eh.ident, "\177ELF\001\001\001", 7);
    img.eh.type = 2;
    img.eh.machine = 3;
    img.eh.version = 1;
    img.eh.entry = LO + 0x10;
    img.eh.phoff = offsetof(struct image, ph);
    img.eh.ehsize = sizeof(img.eh);
    img.eh.phentsize = sizeof(img.ph[0]);
    img.eh.phnum = 2;
    img.ph[0].type = 1;                  /* text: r-x */
    img.ph[0].offset = offsetof(struct image, payload);
    img.ph[0].vaddr = LO;
    img.ph[0].filesz = 128;
    img.ph[0].memsz = 128;
    img.ph[0].flags = 5;
    img.ph[1].type = 1;                  /* data + bss: rw- */
    img.ph[1].offset = offsetof(struct image, payload) + 128;
    img.ph[1].vaddr = LO + 0x1000;
    img.ph[1].filesz = 64;
    img.ph[1].memsz = 0x2000;
    img.ph[1].flags = 6;
}

static int parse(void)
{
    why = NULL;
    return elf_exec_parse(&img, sizeof(img), LO, HI, &info, &why);
}

#define REJECTS(reason)                                                         \
    do {                                                                        \
        assert_int_equal(parse(), -ENOEXEC);                                    \
        assert_non_null(why);                                                   \
        assert_string_equal(why, reason);                                       \
    } while (0)

static void accepts_a_valid_executable(void **state)
{
    (void)state;
    build_valid();
    assert_int_equal(parse(), 0);
    assert_int_equal(info.entry, LO + 0x10);
    assert_int_equal(info.nsegments, 2);
    assert_false(info.segments[0].writable);
    assert_true(info.segments[1].writable);
    assert_true(info.segments[0].executable);      /* PF_X: the only pages that may run */
    assert_false(info.segments[1].executable);     /* no PF_X: mapped NX */
    assert_int_equal(info.segments[1].memsz, 0x2000);
}

static void rejects_foreign_files(void **state)
{
    (void)state;
    build_valid();
    img.eh.ident[1] = 'X';
    REJECTS("not an ELF file");
    build_valid();
    img.eh.ident[4] = 2;                 /* ELFCLASS64 */
    REJECTS("not a 32-bit little-endian i386 ELF file");
    build_valid();
    img.eh.machine = 62;                 /* x86-64 */
    REJECTS("not a 32-bit little-endian i386 ELF file");
    build_valid();
    img.eh.type = 3;                     /* ET_DYN */
    REJECTS("not an executable (ET_EXEC) file");
    assert_int_equal(elf_exec_parse(&img, 10, LO, HI, &info, &why), -ENOEXEC);
    assert_string_equal(why, "file too short for an ELF header");
}

static void rejects_bad_tables_and_segments(void **state)
{
    (void)state;
    build_valid();
    img.eh.phoff = sizeof(img) - 8;
    REJECTS("program header table outside the file");
    build_valid();
    img.ph[1].offset = sizeof(img) - 10;
    REJECTS("segment data outside the file");
    build_valid();
    img.ph[1].filesz = 0x3000;
    REJECTS("segment file size exceeds its memory size");
    build_valid();
    img.ph[1].vaddr = 0xC0000000u;
    REJECTS("segment outside user space");
    build_valid();
    img.ph[1].vaddr = 0xBFFEE000u;       /* starts inside, memsz runs past HI */
    REJECTS("segment outside user space");
    build_valid();
    img.ph[1].vaddr = 0xFFFFF000u;       /* vaddr + memsz would wrap around */
    REJECTS("segment outside user space");
    build_valid();
    img.ph[0].vaddr = 0;
    REJECTS("segment outside user space");
    build_valid();
    img.ph[1].vaddr = LO + 0x40;
    REJECTS("overlapping segments");
}

static void rejects_a_bad_entry_point(void **state)
{
    (void)state;
    build_valid();
    img.eh.entry = LO + 0x1010;          /* inside the data segment, which is not executable */
    REJECTS("entry point outside the executable segments");
    build_valid();
    img.ph[0].type = 4;                  /* PT_NOTE: nothing left to load but data */
    img.ph[1].type = 4;
    REJECTS("no loadable segment");
}

KUNIT_TABLE(elf_exec,
    cmocka_unit_test(accepts_a_valid_executable),
    cmocka_unit_test(rejects_foreign_files),
    cmocka_unit_test(rejects_bad_tables_and_segments),
    cmocka_unit_test(rejects_a_bad_entry_point));
