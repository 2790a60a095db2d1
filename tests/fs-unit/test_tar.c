/* test_tar.c — the ustar walker (kernel/fs/tar.c): well-formed archives from this file's writer
 * and from the host's `tar --format=ustar`, and each kind of damage it must report and survive. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tests.h"
#include "fs_internal.h"
#include "shim.h"
#include "tar_build.h"

struct seen {
    int count;
    char names[16][TAR_PATH_MAX];
    enum tar_kind kinds[16];
    uint32_t sizes[16];
    const uint8_t *data[16];
    char links[16][101];
};

static int record(const struct tar_entry *e, void *ctx)
{
    struct seen *s = ctx;

    if (s->count < 16) {
        snprintf(s->names[s->count], TAR_PATH_MAX, "%s", e->name);
        s->kinds[s->count] = e->kind;
        s->sizes[s->count] = e->size;
        s->data[s->count] = e->data;
        snprintf(s->links[s->count], sizeof(s->links[0]), "%s", e->link);
    }
    s->count++;
    return 0;
}

static void test_octal_fields(void **state)
{
    uint32_t v;

    (void)state;
    assert_int_equal(tar_parse_octal("0000644\0", 8, &v), 0);
    assert_int_equal(v, 0644);
    assert_int_equal(tar_parse_octal("  123 \0\0", 8, &v), 0);
    assert_int_equal(v, 0123);
    assert_int_equal(tar_parse_octal("00000001750", 11, &v), 0);   /* no terminator: field end */
    assert_int_equal(v, 01750);
    assert_int_equal(tar_parse_octal("\0\0\0\0", 4, &v), -EINVAL);  /* no digits */
    assert_int_equal(tar_parse_octal("0012a4\0", 7, &v), -EINVAL);
    assert_int_equal(tar_parse_octal("0009\0", 5, &v), -EINVAL);
    assert_int_equal(tar_parse_octal("12 4\0", 5, &v), -EINVAL);    /* digits after the end */
    assert_int_equal(tar_parse_octal("37777777777", 11, &v), 0);    /* 2^32 - 1 */
    assert_int_equal(v, 0xffffffffu);
    assert_int_equal(tar_parse_octal("77777777777", 11, &v), -EINVAL);  /* too big for 32 bits */
}

static void test_walk_well_formed(void **state)
{
    struct tarb t = { 0 };
    struct tar_stats st;
    struct seen s = { 0 };
    char longname[200];

    (void)state;
    tarb_add(&t, "bin/", '5', NULL, 0, NULL);
    tarb_file(&t, "bin/sh", "#!shell");
    tarb_file(&t, "empty", "");
    tarb_add(&t, "bin/insmod", '1', NULL, 0, "bin/sh");
    memset(longname, 'd', sizeof(longname));
    memcpy(longname + 60, "/", 1);
    memcpy(longname + 130, "/leaf.txt", 10);     /* 139 bytes: needs the prefix field */
    tarb_file(&t, longname, "deep");
    tarb_end(&t);

    shim_log_clear();
    assert_int_equal(tar_walk(t.buf, t.len, record, &s, &st), 0);
    assert_int_equal(st.entries, 5);
    assert_int_equal(st.bad, 0);
    assert_string_equal(shim_log(), "");
    assert_string_equal(s.names[0], "bin/");
    assert_int_equal(s.kinds[0], TAR_DIR);
    assert_string_equal(s.names[1], "bin/sh");
    assert_int_equal(s.kinds[1], TAR_FILE);
    assert_int_equal(s.sizes[1], 7);
    assert_ptr_equal(s.data[1], t.buf + 1024);   /* zero-copy: straight into the archive */
    assert_memory_equal(s.data[1], "#!shell", 7);
    assert_int_equal(s.sizes[2], 0);
    assert_int_equal(s.kinds[3], TAR_HARDLINK);
    assert_string_equal(s.links[3], "bin/sh");
    assert_string_equal(s.names[4], longname);
    tarb_free(&t);
}

static void test_walk_bad_checksum_resyncs(void **state)
{
    struct tarb t = { 0 };
    struct tar_stats st;
    struct seen s = { 0 };
    size_t bad;
    char zeros[1500] = { 0 };

    (void)state;
    tarb_file(&t, "first", "1");
    /* the damaged entry's data is all zeros: the walker must not take it for the archive's end */
    bad = tarb_add(&t, "broken", '0', zeros, sizeof(zeros), NULL);
    tarb_file(&t, "after", "3");
    tarb_end(&t);
    t.buf[bad + 10] ^= 0x55;                     /* damage the name without fixing the checksum */

    shim_log_clear();
    assert_int_equal(tar_walk(t.buf, t.len, record, &s, &st), 0);
    assert_int_equal(st.entries, 2);
    assert_int_equal(st.bad, 1);
    assert_string_equal(s.names[0], "first");
    assert_string_equal(s.names[1], "after");
    assert_non_null(strstr(shim_log(), "ramdisk: entry 'broken"));
    assert_non_null(strstr(shim_log(), "at offset 1024: bad header checksum (stored "));
    assert_non_null(strstr(shim_log(), "; skipped\n"));
    tarb_free(&t);
}

static void test_walk_unreadable_checksum(void **state)
{
    struct tarb t = { 0 };
    struct tar_stats st;
    struct seen s = { 0 };
    size_t bad;

    (void)state;
    bad = tarb_file(&t, "garbled", "x");
    tarb_file(&t, "fine", "y");
    tarb_end(&t);
    tarb_set_field(&t, bad, TARB_CHKSUM_OFF, TARB_CHKSUM_LEN, "zz");

    shim_log_clear();
    assert_int_equal(tar_walk(t.buf, t.len, record, &s, &st), 0);
    assert_int_equal(s.count, 1);
    assert_string_equal(s.names[0], "fine");
    assert_int_equal(st.bad, 1);
    assert_non_null(strstr(shim_log(), "entry 'garbled' at offset 0: unreadable header checksum field"));
    tarb_free(&t);
}

static void test_walk_bad_size_octal(void **state)
{
    struct tarb t = { 0 };
    struct tar_stats st;
    struct seen s = { 0 };
    size_t bad;

    (void)state;
    bad = tarb_file(&t, "badsize", "some data that is skipped");
    tarb_file(&t, "next", "n");
    tarb_end(&t);
    tarb_set_field(&t, bad, TARB_SIZE_OFF, TARB_SIZE_LEN, "0000000001x");
    tarb_fix_checksum(&t, bad);                  /* a valid header with a bad number in it */

    shim_log_clear();
    assert_int_equal(tar_walk(t.buf, t.len, record, &s, &st), 0);
    assert_int_equal(s.count, 1);
    assert_string_equal(s.names[0], "next");
    assert_int_equal(st.bad, 1);
    assert_non_null(strstr(shim_log(), "entry 'badsize' at offset 0: bad octal number in the size field; skipped"));
    tarb_free(&t);
}

static void test_walk_size_past_end(void **state)
{
    struct tarb t = { 0 };
    struct tar_stats st;
    struct seen s = { 0 };
    size_t bad;

    (void)state;
    tarb_file(&t, "ok", "fine");
    bad = tarb_file(&t, "huge", "tiny");
    tarb_end(&t);
    tarb_set_field(&t, bad, TARB_SIZE_OFF, TARB_SIZE_LEN, "00000100000");
    tarb_fix_checksum(&t, bad);

    shim_log_clear();
    assert_int_equal(tar_walk(t.buf, t.len, record, &s, &st), 0);
    assert_int_equal(s.count, 1);
    assert_string_equal(s.names[0], "ok");
    assert_int_equal(st.bad, 1);
    assert_non_null(strstr(shim_log(), "entry 'huge' at offset 1024: size 32768 runs past the end of the "
                                       "archive (1536 bytes left); skipped"));
    tarb_free(&t);
}

static void test_walk_truncated_and_unterminated(void **state)
{
    struct tarb t = { 0 };
    struct tar_stats st;
    struct seen s = { 0 };

    (void)state;
    tarb_file(&t, "only", "x");
    tarb_raw(&t, "junk", 4);                     /* no end marker, then a few stray bytes */

    shim_log_clear();
    assert_int_equal(tar_walk(t.buf, t.len, record, &s, &st), 0);
    assert_int_equal(s.count, 1);
    assert_int_equal(st.bad, 1);
    assert_non_null(strstr(shim_log(), "ramdisk: 4 stray bytes at offset 1024"));

    /* an archive cut inside its last file's final block still gives that file */
    memset(&s, 0, sizeof(s));
    shim_log_clear();
    assert_int_equal(tar_walk(t.buf, 512 + 1, record, &s, &st), 0);
    assert_int_equal(s.count, 1);
    assert_int_equal(st.bad, 0);
    tarb_free(&t);
}

static void test_walk_signed_checksum(void **state)
{
    struct tarb t = { 0 };
    struct tar_stats st;
    struct seen s = { 0 };
    size_t h;
    int sum = 0;
    char field[8];

    (void)state;
    h = tarb_file(&t, "caf\xc3\xa9", "x");       /* bytes above 0x7f: old tars summed them signed */
    tarb_end(&t);
    memset(t.buf + h + TARB_CHKSUM_OFF, ' ', TARB_CHKSUM_LEN);
    for (int i = 0; i < 512; i++)
        sum += (signed char)t.buf[h + i];
    snprintf(field, sizeof(field), "%06o", (unsigned)sum);
    memcpy(t.buf + h + TARB_CHKSUM_OFF, field, 7);

    assert_int_equal(tar_walk(t.buf, t.len, record, &s, &st), 0);
    assert_int_equal(s.count, 1);
    assert_int_equal(st.bad, 0);
    tarb_free(&t);
}

static int stop_at_second(const struct tar_entry *e, void *ctx)
{
    (void)e;
    return ++*(int *)ctx == 2 ? -ENOMEM : 0;
}

static void test_walk_visitor_error_stops(void **state)
{
    struct tarb t = { 0 };
    struct tar_stats st;
    int calls = 0;

    (void)state;
    tarb_file(&t, "a", "1");
    tarb_file(&t, "b", "2");
    tarb_file(&t, "c", "3");
    tarb_end(&t);
    assert_int_equal(tar_walk(t.buf, t.len, stop_at_second, &calls, &st), -ENOMEM);
    assert_int_equal(calls, 2);
    tarb_free(&t);
}

/* An archive made by the host's tar (path in FS_UNIT_HOST_TAR): prefix field, hard link, dirs. */
static void test_walk_host_tar(void **state)
{
    const char *path = getenv("FS_UNIT_HOST_TAR");
    struct tar_stats st;
    struct seen s = { 0 };
    bool saw_long = false, saw_link = false, saw_dir = false;
    uint8_t *buf;
    long size;
    FILE *f;

    (void)state;
    if (!path)
        skip();
    f = fopen(path, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    size = ftell(f);
    fseek(f, 0, SEEK_SET);
    buf = malloc((size_t)size);
    assert_int_equal(fread(buf, 1, (size_t)size, f), (size_t)size);
    fclose(f);

    shim_log_clear();
    assert_int_equal(tar_walk(buf, (size_t)size, record, &s, &st), 0);
    assert_int_equal(st.bad, 0);
    assert_string_equal(shim_log(), "");
    for (int i = 0; i < s.count && i < 16; i++) {
        if (strstr(s.names[i], "/leaf.txt") && strlen(s.names[i]) > 100) {
            saw_long = true;
            assert_int_equal(s.kinds[i], TAR_FILE);
            assert_memory_equal(s.data[i], "deep\n", 5);
        }
        if (s.kinds[i] == TAR_HARDLINK)
            saw_link = true;
        if (s.kinds[i] == TAR_DIR)
            saw_dir = true;
    }
    assert_true(saw_long);
    assert_true(saw_link);
    assert_true(saw_dir);
    free(buf);
}

TEST_TABLE(tar_tests,
    cmocka_unit_test(test_octal_fields),
    cmocka_unit_test(test_walk_well_formed),
    cmocka_unit_test(test_walk_bad_checksum_resyncs),
    cmocka_unit_test(test_walk_unreadable_checksum),
    cmocka_unit_test(test_walk_bad_size_octal),
    cmocka_unit_test(test_walk_size_past_end),
    cmocka_unit_test(test_walk_truncated_and_unterminated),
    cmocka_unit_test(test_walk_signed_checksum),
    cmocka_unit_test(test_walk_visitor_error_stops),
    cmocka_unit_test(test_walk_host_tar),
);
