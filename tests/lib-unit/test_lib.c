/* test_lib.c — the modprobe.d parser and queries (lib/modconf.c), and elfinfo_devtable_next
 * (lib/elfinfo.c) on a kbuild-built module whose platform id table is known, and on copies of it
 * with the table's symbol or contents damaged. */
#define _GNU_SOURCE                    /* memmem */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "ark/elfinfo.h"
#include "ark/modconf.h"

/* ---- modconf ---------------------------------------------------------------------------- */

static char reports[1024];

static void record_report(void *arg, const char *file, unsigned line, const char *msg)
{
    (void)arg;
    size_t used = strlen(reports);
    snprintf(reports + used, sizeof reports - used, "%s:%u: %s\n", file, line, msg);
}

static struct modconf_entry entries[16];

static struct modconf parse(const char *text, unsigned cap, char *buf, size_t buf_size)
{
    struct modconf c = { .entries = entries, .cap = cap, .report = record_report };
    reports[0] = '\0';
    snprintf(buf, buf_size, "%s", text);
    modconf_parse(&c, "t.conf", buf);
    return c;
}

static void test_modconf_queries(void **state)
{
    (void)state;
    static char buf[1024];
    struct modconf c = parse("# a comment\n"
                             "options params-all myint=1   \\\n"
                             "        mycharp=x  # trailing comment\n"
                             "options params_all myint=2\n"
                             "alias my* params_all\n"
                             "blacklist hello-2\n"
                             "softdep startstop pre: a b post: c\n"
                             "install foo echo  two  blanks && modprobe --ignore-install foo\n"
                             "remove foo echo bye\n"
                             "frobnicate x\n"
                             "alias lonely\n"
                             "install bar\n",
                             16, buf, sizeof buf);
    assert_int_equal(c.n, 7);
    char out[64];
    assert_int_equal(modconf_options(&c, "params_all", out, sizeof out), 0);
    assert_string_equal(out, "myint=1 mycharp=x myint=2");
    assert_int_equal(modconf_options(&c, "nothing", out, sizeof out), 0);
    assert_string_equal(out, "");
    assert_int_equal(modconf_options(&c, "params_all", out, 10), -7);    /* -E2BIG */
    assert_string_equal(modconf_alias(&c, "myparams"), "params_all");
    assert_null(modconf_alias(&c, "yourparams"));
    assert_true(modconf_blacklisted(&c, "hello_2"));
    assert_false(modconf_blacklisted(&c, "hello_1"));
    char pre[64] = "", post[64] = "";
    modconf_softdeps(&c, "startstop", pre, post, sizeof pre);
    assert_string_equal(pre, "a b");
    assert_string_equal(post, "c");
    assert_string_equal(modconf_command(&c, MODCONF_INSTALL, "foo"),
                        "echo two blanks && modprobe --ignore-install foo");
    assert_string_equal(modconf_command(&c, MODCONF_REMOVE, "foo"), "echo bye");
    assert_null(modconf_command(&c, MODCONF_REMOVE, "bar"));
    assert_string_equal(reports, "t.conf:10: unknown keyword 'frobnicate' ignored\n"
                                 "t.conf:11: 'alias' needs a pattern and a module; line ignored\n"
                                 "t.conf:12: 'install' needs a module name and a command; line ignored\n");
}

static void test_modconf_full_table_counts_dropped(void **state)
{
    (void)state;
    static char buf[256];
    struct modconf c = parse("blacklist a\nblacklist b\nblacklist c\n", 2, buf, sizeof buf);
    assert_int_equal(c.n, 2);
    assert_int_equal(c.dropped, 1);
    assert_true(modconf_blacklisted(&c, "b"));
    assert_false(modconf_blacklisted(&c, "c"));
    assert_true(modconf_is_conf_name("x.conf"));
    assert_false(modconf_is_conf_name(".conf"));
    assert_false(modconf_is_conf_name("x.conf.bak"));
}

/* modconf_word, as the softdep walks of the kernel and of modprobe use it on a module list. */
static void test_modconf_word_walks_a_list(void **state)
{
    (void)state;
    char list[] = "  a-b\tc \r d  ", empty[] = " \t ";
    char *p = list;
    assert_string_equal(modconf_word(&p), "a-b");
    assert_string_equal(modconf_word(&p), "c");
    assert_string_equal(modconf_word(&p), "d");
    assert_null(modconf_word(&p));
    assert_null(modconf_word(&p));
    p = empty;
    assert_null(modconf_word(&p));
}

/* ---- device tables ------------------------------------------------------------------------ */

static uint8_t *ko;
static size_t ko_size;

static int load_ko(void **state)
{
    (void)state;
    const char *path = getenv("LIB_UNIT_KO");
    FILE *f = path ? fopen(path, "rb") : NULL;
    if (!f) {
        fprintf(stderr, "lib-unit: set LIB_UNIT_KO to tests/linux/request's widget-drv.ko\n");
        return -1;
    }
    fseek(f, 0, SEEK_END);
    ko_size = (size_t)ftell(f);
    fseek(f, 0, SEEK_SET);
    ko = malloc(ko_size);
    if (!ko || fread(ko, 1, ko_size, f) != ko_size)
        return -1;
    fclose(f);
    return 0;
}

static unsigned collect(const uint8_t *image, size_t size, char out[][64], unsigned max)
{
    struct elfinfo ei;
    const char *why = NULL;
    assert_int_equal(elfinfo_parse(image, size, &ei, &why), 0);
    struct elfinfo_devtable_pos pos = { 0, 0 };
    unsigned n = 0;
    char alias[64];
    while (elfinfo_devtable_next(&ei, &pos, alias, sizeof alias) && n < max)
        strcpy(out[n++], alias);
    return n;
}

/* The symbol table entry of the table's marker symbol in image (a copy of ko). */
static uint8_t *marker_sym(uint8_t *image)
{
    struct elfinfo ei;
    const char *why;
    assert_int_equal(elfinfo_parse(image, ko_size, &ei, &why), 0);
    for (uint32_t i = 0; i < ei.nsyms; i++) {
        uint8_t *sym = (uint8_t *)ei.syms + i * 16;
        uint32_t name;
        memcpy(&name, sym, 4);
        if (strcmp(ei.strtab + name, "__mod_platform__widget_ids_device_table") == 0)
            return sym;
    }
    fail_msg("no __mod_platform__widget_ids_device_table symbol");
    return NULL;
}

static void test_devtable_aliases_of_a_real_module(void **state)
{
    (void)state;
    char got[8][64];
    assert_int_equal(collect(ko, ko_size, got, 8), 2);
    assert_string_equal(got[0], "platform:ark-widget");
    assert_string_equal(got[1], "platform:ark-gadget");
}

static void test_devtable_damaged_copies(void **state)
{
    (void)state;
    uint8_t *copy = malloc(ko_size);
    char got[8][64];
    uint32_t v;

    /* a size running past its section: the table is skipped, not read out of bounds */
    memcpy(copy, ko, ko_size);
    v = 0x7ffffff0u;
    memcpy(marker_sym(copy) + 8, &v, 4);
    assert_int_equal(collect(copy, ko_size, got, 8), 0);

    /* a value past its section */
    memcpy(copy, ko, ko_size);
    v = 0xfffffff0u;
    memcpy(marker_sym(copy) + 4, &v, 4);
    assert_int_equal(collect(copy, ko_size, got, 8), 0);

    /* a section index past the table */
    memcpy(copy, ko, ko_size);
    uint16_t shndx = 0xfff0;
    memcpy(marker_sym(copy) + 14, &shndx, 2);
    assert_int_equal(collect(copy, ko_size, got, 8), 0);

    /* a size shorter than one entry: nothing; one entry exactly: only the first */
    memcpy(copy, ko, ko_size);
    v = 23;
    memcpy(marker_sym(copy) + 8, &v, 4);
    assert_int_equal(collect(copy, ko_size, got, 8), 0);
    v = 24;
    memcpy(marker_sym(copy) + 8, &v, 4);
    assert_int_equal(collect(copy, ko_size, got, 8), 1);
    assert_string_equal(got[0], "platform:ark-widget");

    /* an unprintable or unterminated name is skipped; the entries after it still count */
    memcpy(copy, ko, ko_size);
    uint8_t *found = memmem(copy, ko_size, "ark-widget", 10);
    assert_non_null(found);
    found[3] = '\n';
    assert_int_equal(collect(copy, ko_size, got, 8), 1);
    assert_string_equal(got[0], "platform:ark-gadget");
    memcpy(copy, ko, ko_size);
    found = memmem(copy, ko_size, "ark-widget", 10);
    memset(found, 'x', 20);
    assert_int_equal(collect(copy, ko_size, got, 8), 1);

    /* a name too long for the caller's buffer is skipped too */
    struct elfinfo ei;
    const char *why;
    assert_int_equal(elfinfo_parse(ko, ko_size, &ei, &why), 0);
    struct elfinfo_devtable_pos pos = { 0, 0 };
    char small[16];
    assert_int_equal(elfinfo_devtable_next(&ei, &pos, small, sizeof small), 0);
    free(copy);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_modconf_queries),
        cmocka_unit_test(test_modconf_full_table_counts_dropped),
        cmocka_unit_test(test_modconf_word_walks_a_list),
        cmocka_unit_test(test_devtable_aliases_of_a_real_module),
        cmocka_unit_test(test_devtable_damaged_copies),
    };
    return cmocka_run_group_tests_name("lib-unit", tests, load_ko, NULL);
}
