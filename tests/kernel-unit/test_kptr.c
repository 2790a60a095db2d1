/* test_kptr.c — kptr_redact (kernel/core/kptr_redact.c): kernel addresses in log text read as
 * 0x00000000 for readers who may not see them; other numbers stay as they are. */
#include "kunit.h"
#include <string.h>
#include "ark/arklib.h"
#include "kptr.h"

/* The kernel's hook behind %pK, answered by the test: false (show) unless a test says. */
static bool hide_kptrs;
bool ark_format_kptr_hidden(void)
{
    return hide_kptrs;
}

static unsigned redact(char *text)
{
    return kptr_redact(text, strlen(text));
}

static void hides_kernel_addresses(void **state)
{
    (void)state;
    char line[] = "dkm: m: sections .text=0xe0001000 .data=0xE0004000 at 0xc0100000 (12288 bytes)";
    assert_int_equal(redact(line), 3);
    assert_string_equal(line, "dkm: m: sections .text=0x00000000 .data=0x00000000 at 0x00000000 (12288 bytes)");
    char edge[] = "0xc0000000 0xffffffff";
    assert_int_equal(redact(edge), 2);
    assert_string_equal(edge, "0x00000000 0x00000000");
}

static void keeps_other_numbers(void **state)
{
    (void)state;
    /* user addresses, short and long hex numbers, numbers inside words, decimal */
    const char *kept[] = { "page fault at 0x00400000", "error 0x2", "0xe000100", "0xe00010000",
                           "10xe0001000", "ax0xe0001000", "4294967295", "0x", "0xe000g000" };
    for (size_t i = 0; i < sizeof(kept) / sizeof(kept[0]); i++) {
        char buf[64];
        strcpy(buf, kept[i]);
        assert_int_equal(redact(buf), 0);
        assert_string_equal(buf, kept[i]);
    }
}

static void stays_within_the_length(void **state)
{
    (void)state;
    char buf[] = "x=0xe0001000";
    /* the address is cut by the length: not rewritten, nothing past len touched */
    assert_int_equal(kptr_redact(buf, 8), 0);
    assert_string_equal(buf, "x=0xe0001000");
    assert_int_equal(kptr_redact(buf, sizeof(buf) - 1), 1);
    assert_string_equal(buf, "x=0x00000000");
    assert_int_equal(kptr_redact(buf, 0), 0);
}

static void percent_pk_follows_the_policy(void **state)
{
    char buf[64];
    (void)state;
    hide_kptrs = false;
    snprintf(buf, sizeof(buf), "at %pK.", (void *)(uintptr_t)0xe0001000u);
    assert_string_equal(buf, sizeof(void *) == 8 ? "at 0x00000000e0001000." : "at 0xe0001000.");
    hide_kptrs = true;
    snprintf(buf, sizeof(buf), "at %pK.", (void *)(uintptr_t)0xe0001000u);
    assert_string_equal(buf, sizeof(void *) == 8 ? "at 0x0000000000000000." : "at 0x00000000.");
    snprintf(buf, sizeof(buf), "%p", (void *)(uintptr_t)0xe0001000u);   /* plain %p: shown */
    assert_string_equal(buf, sizeof(void *) == 8 ? "0x00000000e0001000" : "0xe0001000");
    hide_kptrs = false;
}

KUNIT_TABLE(kptr,
    cmocka_unit_test(percent_pk_follows_the_policy),
    cmocka_unit_test(hides_kernel_addresses),
    cmocka_unit_test(keeps_other_numbers),
    cmocka_unit_test(stays_within_the_length));
