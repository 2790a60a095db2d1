/* test_ulib.c — host unit tests (cmocka) for the pure parts of ark's user space: the printf
 * engine, number parsing, error names, and the shell's command-line parser. write() is replaced by
 * a capture buffer so that what a program would print can be checked. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "ulib.h"
#include "sh.h"

static char captured[4096];
static size_t captured_len;
static int write_calls;

long write(int fd, const void *buf, uint32_t len)
{
    (void)fd;
    write_calls++;
    if (captured_len + len < sizeof(captured)) {
        memcpy(captured + captured_len, buf, len);
        captured_len += len;
        captured[captured_len] = '\0';
    }
    return (long)len;
}

static int reset_capture(void **state)
{
    (void)state;
    captured_len = 0;
    captured[0] = '\0';
    write_calls = 0;
    return 0;
}

#define CHECK_FMT(expected, ...)                                                  \
    do {                                                                          \
        char buf_[128];                                                           \
        int n_ = snprintf(buf_, sizeof(buf_), __VA_ARGS__);                       \
        assert_string_equal(buf_, expected);                                      \
        assert_int_equal(n_, (int)strlen(expected));                              \
    } while (0)

static void test_printf_integers(void **state)
{
    (void)state;
    CHECK_FMT("42 -42 0", "%d %i %u", 42, -42, 0u);
    CHECK_FMT("-2147483648", "%d", (int)INT32_MIN);
    CHECK_FMT("4294967295", "%u", UINT32_MAX);
    CHECK_FMT("ff FF 17", "%x %X %o", 255u, 255u, 15u);
    CHECK_FMT("18446744073709551615", "%llu", (unsigned long long)UINT64_MAX);
    CHECK_FMT("-9223372036854775808", "%lld", (long long)INT64_MIN);
    CHECK_FMT("123456789abcdef0", "%llx", 0x123456789abcdef0ull);
    CHECK_FMT("12345678901", "%llu", 12345678901ull);
    CHECK_FMT("7 7", "%zu %lu", (size_t)7, 7ul);
    CHECK_FMT("-1 255 -1", "%hhd %hhu %hd", 255, 255, 65535);
}

static void test_printf_width_flags(void **state)
{
    (void)state;
    CHECK_FMT("[   42]", "[%5d]", 42);
    CHECK_FMT("[42   ]", "[%-5d]", 42);
    CHECK_FMT("[00042]", "[%05d]", 42);
    CHECK_FMT("[-0042]", "[%05d]", -42);
    CHECK_FMT("[+42  42 -1]", "[%+d % d % d]", 42, 42, -1);
    CHECK_FMT("[  007]", "[%5.3d]", 7);
}

static void test_printf_strings(void **state)
{
    (void)state;
    CHECK_FMT("[  abc]", "[%5s]", "abc");
    CHECK_FMT("[abc  ]", "[%-5s]", "abc");
    CHECK_FMT("[ab]", "[%.2s]", "abc");
    CHECK_FMT("[   ab]", "[%*.*s]", 5, 2, "abc");
    const char *volatile nothing = NULL;   /* volatile: keeps the compiler from judging it */
    CHECK_FMT("(null)", "%s", nothing);
    CHECK_FMT("x%y", "%c%%%c", 'x', 'y');
    CHECK_FMT("0x1000", "%p", (void *)0x1000);
    const char *volatile unknown = "%q";
    CHECK_FMT("%q", unknown, 0);
    const char *volatile trailing = "a%";
    CHECK_FMT("a%", trailing, 0);
}

static void test_snprintf_truncates_and_counts(void **state)
{
    (void)state;
    char buf[8];
    memset(buf, 'Z', sizeof(buf));
    assert_int_equal(snprintf(buf, sizeof(buf), "%s", "hello world"), 11);
    assert_string_equal(buf, "hello w");
    assert_int_equal(snprintf(NULL, 0, "%d", 12345), 5);
    assert_int_equal(snprintf(buf, 1, "abc"), 3);
    assert_string_equal(buf, "");
}

static void test_dprintf_long_output_in_pieces(void **state)
{
    (void)state;
    char big[1500];
    memset(big, 'a', sizeof(big) - 1);
    big[sizeof(big) - 1] = '\0';
    assert_int_equal(dprintf(1, "<%s>", big), 1501);
    assert_int_equal(captured_len, 1501);
    assert_int_equal(captured[0], '<');
    assert_int_equal(captured[1500], '>');
    assert_true(write_calls >= 3);       /* flushed buffer by buffer, nothing dropped */
}

static void test_parse_numbers(void **state)
{
    (void)state;
    uint32_t u;
    int32_t i;
    assert_true(parse_u32("0", &u) && u == 0);
    assert_true(parse_u32("4294967295", &u) && u == UINT32_MAX);
    assert_false(parse_u32("4294967296", &u));
    assert_true(parse_u32("0x1F", &u) && u == 31);
    assert_false(parse_u32("0x", &u));
    assert_false(parse_u32("", &u));
    assert_false(parse_u32("12a", &u));
    assert_false(parse_u32("-1", &u));
    assert_true(parse_i32("-2147483648", &i) && i == INT32_MIN);
    assert_false(parse_i32("2147483648", &i));
    assert_true(parse_i32("1000", &i) && i == 1000);
}

static void test_error_names(void **state)
{
    (void)state;
    assert_string_equal(strerror(-ENOENT), "No such file or directory");
    assert_string_equal(strerror(EFAULT), "Bad address");
    assert_string_equal(errno_name(-EPERM), "EPERM");
    assert_string_equal(strerror(-9999), "Unknown error");
    assert_string_equal(errno_name(9999), "E?");
}

static struct sh_command cmd;

static void test_parse_words_and_quotes(void **state)
{
    (void)state;
    assert_int_equal(sh_parse("  echo one \"two  three\" 'four \"x\"' fi\\ ve  ", &cmd), 0);
    assert_int_equal(cmd.argc, 5);
    assert_string_equal(cmd.argv[0], "echo");
    assert_string_equal(cmd.argv[1], "one");
    assert_string_equal(cmd.argv[2], "two  three");
    assert_string_equal(cmd.argv[3], "four \"x\"");
    assert_string_equal(cmd.argv[4], "fi ve");
    assert_null(cmd.argv[5]);
    assert_null(cmd.redirect);

    assert_int_equal(sh_parse("a\"b c\"d \"\"", &cmd), 0);
    assert_int_equal(cmd.argc, 2);
    assert_string_equal(cmd.argv[0], "ab cd");
    assert_string_equal(cmd.argv[1], "");

    assert_int_equal(sh_parse("   ", &cmd), 0);
    assert_int_equal(cmd.argc, 0);
}

static void test_parse_redirection(void **state)
{
    (void)state;
    assert_int_equal(sh_parse("echo c > /proc/sysrq-trigger", &cmd), 0);
    assert_int_equal(cmd.argc, 2);
    assert_string_equal(cmd.redirect, "/proc/sysrq-trigger");
    assert_false(cmd.append);

    assert_int_equal(sh_parse("echo hi>>/dev/null there", &cmd), 0);
    assert_int_equal(cmd.argc, 3);
    assert_string_equal(cmd.argv[1], "hi");
    assert_string_equal(cmd.argv[2], "there");
    assert_string_equal(cmd.redirect, "/dev/null");
    assert_true(cmd.append);

    assert_int_equal(sh_parse("echo \"a>b\"", &cmd), 0);
    assert_string_equal(cmd.argv[1], "a>b");
    assert_null(cmd.redirect);
}

static void test_parse_errors(void **state)
{
    (void)state;
    assert_int_equal(sh_parse("echo \"open", &cmd), -1);
    assert_non_null(strstr(captured, "sh: unterminated \" quote"));
    assert_int_equal(sh_parse("echo >", &cmd), -1);
    assert_non_null(strstr(captured, "file name expected after '>'"));
    assert_int_equal(sh_parse("echo > a > b", &cmd), -1);
    assert_non_null(strstr(captured, "only one output redirection"));

    char line[SH_LINE_MAX + 1] = "";
    for (int i = 0; i < SH_ARGS_MAX + 1; i++)
        strcat(line, "x ");
    assert_int_equal(sh_parse(line, &cmd), -1);
    assert_non_null(strstr(captured, "too many arguments"));
}

static void test_parse_longest_line_fits(void **state)
{
    (void)state;
    /* The worst case for the word storage: the longest line made of one-character words. */
    char line[SH_LINE_MAX + 1];
    memset(line, 0, sizeof(line));
    for (int i = 0; i < SH_ARGS_MAX; i++)
        line[2 * i] = 'a', line[2 * i + 1] = ' ';
    assert_int_equal(sh_parse(line, &cmd), 0);
    assert_int_equal(cmd.argc, SH_ARGS_MAX);
    memset(line, 'q', SH_LINE_MAX);
    line[SH_LINE_MAX] = '\0';
    assert_int_equal(sh_parse(line, &cmd), 0);
    assert_int_equal(strlen(cmd.argv[0]), SH_LINE_MAX);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_printf_integers, reset_capture),
        cmocka_unit_test_setup(test_printf_width_flags, reset_capture),
        cmocka_unit_test_setup(test_printf_strings, reset_capture),
        cmocka_unit_test_setup(test_snprintf_truncates_and_counts, reset_capture),
        cmocka_unit_test_setup(test_dprintf_long_output_in_pieces, reset_capture),
        cmocka_unit_test_setup(test_parse_numbers, reset_capture),
        cmocka_unit_test_setup(test_error_names, reset_capture),
        cmocka_unit_test_setup(test_parse_words_and_quotes, reset_capture),
        cmocka_unit_test_setup(test_parse_redirection, reset_capture),
        cmocka_unit_test_setup(test_parse_errors, reset_capture),
        cmocka_unit_test_setup(test_parse_longest_line_fits, reset_capture),
    };
    return cmocka_run_group_tests_name("user-unit", tests, NULL, NULL);
}
