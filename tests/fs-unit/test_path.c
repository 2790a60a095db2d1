/* test_path.c — path normalisation, component splitting and name checks (kernel/fs/path.c), and
 * the directory tree the file systems share (kernel/fs/tree.c). */
#include <string.h>
#include "tests.h"
#include "fs_internal.h"

static void expect_norm(const char *in, const char *want, bool want_dir)
{
    char out[VFS_PATH_MAX];
    bool dir = !want_dir;

    assert_int_equal(fs_path_normalise(in, out, sizeof(out), &dir), 0);
    assert_string_equal(out, want);
    assert_int_equal(dir, want_dir);
}

static void test_normalise_plain(void **state)
{
    (void)state;
    expect_norm("/", "/", false);
    expect_norm("/ramdisk/bin/sh", "/ramdisk/bin/sh", false);
    expect_norm("//ramdisk///bin//sh", "/ramdisk/bin/sh", false);
    expect_norm("ramdisk/x", "/ramdisk/x", false);          /* no working directory: from "/" */
}

static void test_normalise_dots(void **state)
{
    (void)state;
    expect_norm("/ramdisk/./bin/../hello.elf", "/ramdisk/hello.elf", false);
    expect_norm("/..", "/", true);
    expect_norm("/../../x", "/x", false);
    expect_norm("/a/b/..", "/a", true);
    expect_norm("/a/b/../..", "/", true);
    expect_norm("/a/.", "/a", true);
    expect_norm("/a/", "/a", true);
    expect_norm("/a/./", "/a", true);
    expect_norm("/.hidden/..x", "/.hidden/..x", false);      /* only exact "." and ".." are special */
}

static void test_normalise_errors(void **state)
{
    char out[VFS_PATH_MAX], name[80], longpath[VFS_PATH_MAX + 16];
    bool dir;

    (void)state;
    assert_int_equal(fs_path_normalise("", out, sizeof(out), &dir), -ENOENT);
    assert_int_equal(fs_path_normalise(NULL, out, sizeof(out), &dir), -ENOENT);

    memset(name, 'n', sizeof(name));
    name[0] = '/';
    name[ARK_NAME_MAX] = '\0';               /* a 63-byte component: the longest allowed */
    assert_int_equal(fs_path_normalise(name, out, sizeof(out), &dir), 0);
    name[0] = 'n';
    name[ARK_NAME_MAX] = 'n';
    name[ARK_NAME_MAX + 1] = '\0';           /* 65 bytes */
    assert_int_equal(fs_path_normalise(name, out, sizeof(out), &dir), -ENAMETOOLONG);

    /* VFS_PATH_MAX - 1 bytes fit; VFS_PATH_MAX do not, even if ".." would shorten them */
    for (size_t i = 0; i < VFS_PATH_MAX - 1; i += 2)
        memcpy(longpath + i, "/a", 2);
    longpath[VFS_PATH_MAX - 1] = '\0';
    assert_int_equal(fs_path_normalise(longpath, out, sizeof(out), &dir), 0);
    for (size_t i = 0; i < VFS_PATH_MAX; i += 3)
        memcpy(longpath + i, "/..", 3);
    longpath[VFS_PATH_MAX] = '\0';
    assert_int_equal(fs_path_normalise(longpath, out, sizeof(out), &dir), -ENAMETOOLONG);

    /* the output buffer is a limit too */
    assert_int_equal(fs_path_normalise("/abc", out, 5, &dir), 0);
    assert_int_equal(fs_path_normalise("/abcd", out, 5, &dir), -ENAMETOOLONG);
}

static void test_path_next_and_names(void **state)
{
    const char *rest = "//dkm//params/count/", *name;
    size_t len;

    (void)state;
    len = fs_path_next(&rest, &name);
    assert_int_equal(len, 3);
    assert_memory_equal(name, "dkm", 3);
    len = fs_path_next(&rest, &name);
    assert_int_equal(len, 6);
    len = fs_path_next(&rest, &name);
    assert_int_equal(len, 5);
    assert_string_equal(rest, "");
    assert_int_equal(fs_path_next(&rest, &name), 0);

    assert_true(fs_name_valid("null", 4));
    assert_true(fs_name_valid("...", 3));
    assert_false(fs_name_valid("", 0));
    assert_false(fs_name_valid(".", 1));
    assert_false(fs_name_valid("..", 2));
    assert_false(fs_name_valid("a/b", 3));
    assert_false(fs_name_valid("x", ARK_NAME_MAX));
}

static void test_tree_sorted_lookup(void **state)
{
    struct fs_node root, a, b, c, f, *out;
    struct ark_dirent d;

    (void)state;
    fs_node_init(&root, "", 0, ARK_DT_DIR);
    fs_node_init(&b, "beta", 4, ARK_DT_DIR);
    fs_node_init(&a, "alpha", 5, ARK_DT_FILE);
    fs_node_init(&c, "gamma", 5, ARK_DT_FILE);
    fs_node_init(&f, "inner", 5, ARK_DT_FILE);
    fs_tree_link(&root, &c);
    fs_tree_link(&root, &a);
    fs_tree_link(&root, &b);
    fs_tree_link(&b, &f);

    assert_ptr_equal(fs_tree_nth(&root, 0), &a);
    assert_ptr_equal(fs_tree_nth(&root, 1), &b);
    assert_ptr_equal(fs_tree_nth(&root, 2), &c);
    assert_null(fs_tree_nth(&root, 3));

    assert_int_equal(fs_tree_lookup(&root, "beta/inner", &out), 0);
    assert_ptr_equal(out, &f);
    assert_int_equal(fs_tree_lookup(&root, "", &out), 0);
    assert_ptr_equal(out, &root);
    assert_int_equal(fs_tree_lookup(&root, "beta/nothing", &out), -ENOENT);
    assert_int_equal(fs_tree_lookup(&root, "alpha/x", &out), -ENOTDIR);
    assert_null(fs_tree_child(&root, "alph", 4));            /* a prefix is not a match */

    fs_tree_unlink(&b);
    assert_null(b.parent);
    assert_ptr_equal(fs_tree_nth(&root, 1), &c);
    assert_int_equal(fs_tree_lookup(&root, "beta", &out), -ENOENT);

    fs_dirent_fill(&d, &a, 42);
    assert_string_equal(d.name, "alpha");
    assert_int_equal(d.type, ARK_DT_FILE);
    assert_int_equal(d.size, 42);
}

TEST_TABLE(path_tests,
    cmocka_unit_test(test_normalise_plain),
    cmocka_unit_test(test_normalise_dots),
    cmocka_unit_test(test_normalise_errors),
    cmocka_unit_test(test_path_next_and_names),
    cmocka_unit_test(test_tree_sorted_lookup),
);
