/* misc-lib.c — the pure helpers: kstrto*, sscanf, snprintf, string functions, min/max/clamp,
 * atomics and bit operations; each result is printed, so the test can check them. */
#include <linux/atomic.h>
#include <linux/bitops.h>
#include <linux/ctype.h>
#include <linux/err.h>
#include <linux/kernel.h>
#include <linux/minmax.h>
#include <linux/module.h>
#include <linux/string.h>

static int __init misc_init(void)
{
    DECLARE_BITMAP(bits, 70);
    char buf[32], word[8], line[] = "a,b,,c";
    char *cursor = line, *tok;
    unsigned long ul;
    int i, a, b, n, rc;
    unsigned int hex;
    long long ll;
    atomic_t counter = ATOMIC_INIT(5);
    bool flag;

    rc = kstrtoint("-123\n", 10, &a);
    pr_info("misc: kstrtoint %d %d\n", rc, a);
    pr_info("misc: kstrtoint bad %d range %d\n", kstrtoint("12x", 10, &a), kstrtoint("99999999999", 10, &a));
    rc = kstrtoul("0x1f", 0, &ul);
    pr_info("misc: kstrtoul %d %lu\n", rc, ul);
    rc = kstrtoll("-9000000000", 10, &ll);
    pr_info("misc: kstrtoll %d %lld\n", rc, ll);
    rc = kstrtobool("on", &flag);
    pr_info("misc: kstrtobool %d %d\n", rc, flag);

    n = sscanf("12 0x2a word 7", "%d %x %7s %d", &a, &hex, word, &b);
    pr_info("misc: sscanf %d: %d %u %s %d\n", n, a, hex, word, b);
    n = snprintf(buf, 8, "%s-%d", "abcdef", 42);
    pr_info("misc: snprintf %d '%s'\n", n, buf);
    pr_info("misc: scnprintf %d\n", scnprintf(buf, 8, "%s-%d", "abcdef", 42));

    pr_info("misc: strscpy %zd\n", strscpy(buf, "hi", sizeof(buf)));
    pr_info("misc: strscpy %zd '%s'\n", strscpy(buf, "too long", 4), buf);
    while ((tok = strsep(&cursor, ",")) != NULL)
        pr_cont("[%s]", tok);
    pr_cont("\n");
    pr_info("misc: strim '%s' streq %d %d\n", strim((char[]){ "  pad  " }), sysfs_streq("on\n", "on"),
            sysfs_streq("on", "off"));
    pr_info("misc: min %d max %d clamp %d min_t %u\n", min(3, 9), max(3, 9), clamp(15, 0, 10),
            min_t(unsigned int, 7, 300));
    pr_info("misc: toupper %c isdigit %d\n", toupper('q'), isdigit('7'));

    atomic_inc(&counter);
    atomic_add(10, &counter);
    a = atomic_read(&counter);
    b = atomic_dec_and_test(&counter);
    n = atomic_cmpxchg(&counter, 15, 99);
    pr_info("misc: atomic %d dec_and_test %d cmpxchg %d now %d\n", a, b, n, atomic_read(&counter));

    bitmap_zero(bits, 70);
    set_bit(3, bits);
    set_bit(65, bits);
    pr_info("misc: bits first %lu next %lu weight %u\n", find_first_bit(bits, 70),
            find_next_bit(bits, 70, 4), bitmap_weight(bits, 70));
    a = test_and_clear_bit(3, bits);
    b = test_and_clear_bit(3, bits);
    pr_info("misc: test_and_clear %d %d zero %lu\n", a, b, find_first_zero_bit(bits, 70));
    for_each_set_bit(i, bits, 70)
        pr_info("misc: set bit %d\n", i);
    pr_info("misc: fls %d ffs %d hweight %u\n", fls(0x80), ffs(0x80), hweight32(0xff00ff));
    pr_info("misc: err %d %ld\n", IS_ERR(ERR_PTR(-ENOMEM)), PTR_ERR(ERR_PTR(-ENOMEM)));
    return 0;
}

static void __exit misc_exit(void)
{
}

module_init(misc_init);
module_exit(misc_exit);
MODULE_LICENSE("GPL");
