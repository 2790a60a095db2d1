/* test_cmdline.c — kernel command-line parsing: key=value, bare keys, quoting, truncation, and
 * dropping the boot loader's kernel path. */
#include "kunit.h"
#include "boot.h"
#include "kapi.h"
#include "ark/kernel.h"

static char value[32];

static void finds_values(void **state)
{
    (void)state;
    const char *line = "loglevel=4 dkm.load=/ramdisk/a.elf,/ramdisk/b.elf quiet";
    assert_true(cmdline_find(line, "dkm.load", value, sizeof(value)));
    assert_string_equal(value, "/ramdisk/a.elf,/ramdisk/b.elf");
    assert_true(cmdline_find(line, "loglevel", value, sizeof(value)));
    assert_string_equal(value, "4");
    assert_true(cmdline_find(line, "quiet", value, sizeof(value)));
    assert_string_equal(value, "");
}

static void matches_whole_keys_only(void **state)
{
    (void)state;
    const char *line = "dkm.loadx=1 xdkm.load=2 dkm=3";
    assert_false(cmdline_find(line, "dkm.load", value, sizeof(value)));
    assert_false(cmdline_find(line, "load", value, sizeof(value)));
    assert_true(cmdline_find(line, "dkm", value, sizeof(value)));
    assert_string_equal(value, "3");
    assert_false(cmdline_find("", "dkm", value, sizeof(value)));
}

static void handles_quotes_and_first_occurrence(void **state)
{
    (void)state;
    const char *line = "msg=\"hello world\" n=1 n=2";
    assert_true(cmdline_find(line, "msg", value, sizeof(value)));
    assert_string_equal(value, "hello world");
    assert_true(cmdline_find(line, "n", value, sizeof(value)));
    assert_string_equal(value, "1");
    assert_true(cmdline_find(line, "msg", NULL, 0));        /* presence only */
}

static void truncates_to_the_buffer(void **state)
{
    (void)state;
    char small[4];
    assert_true(cmdline_find("k=abcdefgh", "k", small, sizeof(small)));
    assert_string_equal(small, "abc");
}

static void skips_the_kernel_path(void **state)
{
    (void)state;
    assert_string_equal(cmdline_skip_image_path("build/kernel/ark.elf loglevel=3"), "loglevel=3");
    assert_string_equal(cmdline_skip_image_path("/boot/ark.elf"), "");
    assert_string_equal(cmdline_skip_image_path("loglevel=3 x"), "loglevel=3 x");
    assert_string_equal(cmdline_skip_image_path("dkm.load=/ramdisk/a.elf"), "dkm.load=/ramdisk/a.elf");
    cmdline_init("ark.elf dkm.load=/r/x.elf");                 /* no slash: kept as a key */
    assert_string_equal(kernel_cmdline(), "ark.elf dkm.load=/r/x.elf");
    assert_true(cmdline_get("dkm.load", value, sizeof(value)));
    assert_string_equal(value, "/r/x.elf");
}

KUNIT_TABLE(cmdline,
    cmocka_unit_test(finds_values),
    cmocka_unit_test(matches_whole_keys_only),
    cmocka_unit_test(handles_quotes_and_first_occurrence),
    cmocka_unit_test(truncates_to_the_buffer),
    cmocka_unit_test(skips_the_kernel_path));
