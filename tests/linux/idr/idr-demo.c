/* idr-demo.c — ID allocation as drivers do it: an IDR of device structs (lowest free id, lookups,
 * iteration, replace, a full range, a far sparse id, cyclic allocation, a reserved id), a
 * thousand ids allocated and half freed, and an IDA of minor numbers. */
#include <linux/idr.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/slab.h>

struct thing {
    int id;
};

static DEFINE_IDR(things);
static DEFINE_MUTEX(things_lock);
static DEFINE_IDA(minors);
static struct thing pool[8];

static int count_one(int id, void *p, void *data)
{
    (void)id;
    (void)p;
    (*(int *)data)++;
    return 0;
}

static void idr_checks(void)
{
    struct thing *t;
    int i, id, sum = 0, n = 0, full, bad, sparse, reserved, c1, c2, c3, ok = 1;

    mutex_lock(&things_lock);
    for (i = 0; i < 5; i++) {
        pool[i].id = idr_alloc(&things, &pool[i], 1, 0, GFP_KERNEL);
    }
    pr_info("idr_demo: ids %d %d %d %d %d\n", pool[0].id, pool[1].id, pool[2].id, pool[3].id, pool[4].id);
    idr_remove(&things, 3);
    id = idr_alloc(&things, &pool[5], 1, 0, GFP_KERNEL);
    pr_info("idr_demo: after removing 3 the next is %d; find(4) is pool[3] %d, find(9) %p\n", id,
            idr_find(&things, 4) == &pool[3], idr_find(&things, 9));
    idr_for_each_entry(&things, t, id) {
        sum += id;
        n++;
    }
    pr_info("idr_demo: %d entries, ids sum %d\n", n, sum);
    pr_info("idr_demo: replace gives the old %d, replace of a free id %ld\n",
            idr_replace(&things, &pool[6], 2) == &pool[1], PTR_ERR(idr_replace(&things, &pool[6], 77)));
    full = idr_alloc(&things, &pool[7], 1, 7, GFP_KERNEL);   /* 1..5 taken: 6 */
    full = idr_alloc(&things, &pool[7], 1, 7, GFP_KERNEL);
    bad = idr_alloc(&things, &pool[7], -1, 0, GFP_KERNEL);
    sparse = idr_alloc(&things, &pool[7], 1000000, 0, GFP_KERNEL);
    reserved = idr_alloc(&things, NULL, 50, 51, GFP_KERNEL);
    n = 0;
    idr_for_each(&things, count_one, &n);
    pr_info("idr_demo: full range %d, negative start %d, sparse %d, reserved %d; %d with pointers\n",
            full, bad, sparse, reserved, n);
    idr_destroy(&things);
    pr_info("idr_demo: empty after destroy %d\n", idr_is_empty(&things));

    c1 = idr_alloc_cyclic(&things, &pool[0], 10, 13, GFP_KERNEL);
    c2 = idr_alloc_cyclic(&things, &pool[0], 10, 13, GFP_KERNEL);
    idr_remove(&things, c1);
    c3 = idr_alloc_cyclic(&things, &pool[0], 10, 13, GFP_KERNEL);
    id = idr_alloc_cyclic(&things, &pool[0], 10, 13, GFP_KERNEL);
    pr_info("idr_demo: cyclic %d %d %d then %d (wrapped to the freed one)\n", c1, c2, c3, id);
    idr_destroy(&things);

    for (i = 0; i < 1000; i++)
        if (idr_alloc(&things, &pool[i % 8], 0, 0, GFP_KERNEL) != i)
            ok = 0;
    for (i = 0; i < 1000; i += 2)
        if (idr_remove(&things, i) != &pool[i % 8])
            ok = 0;
    for (i = 0; i < 1000; i++)
        if ((idr_find(&things, i) != NULL) != (i % 2 == 1))
            ok = 0;
    for (i = 0; i < 500; i++)
        if (idr_alloc(&things, &pool[0], 0, 0, GFP_KERNEL) != 2 * i)
            ok = 0;
    pr_info("idr_demo: a thousand ids, half freed and given out again in order: %d\n", ok);
    idr_destroy(&things);
    mutex_unlock(&things_lock);
}

static void ida_checks(void)
{
    int a, b, c, d, r[4], s;

    a = ida_alloc(&minors, GFP_KERNEL);
    b = ida_alloc(&minors, GFP_KERNEL);
    c = ida_alloc(&minors, GFP_KERNEL);
    ida_free(&minors, b);
    d = ida_alloc(&minors, GFP_KERNEL);
    pr_info("idr_demo: ida %d %d %d, after freeing %d: %d\n", a, b, c, b, d);
    r[0] = ida_alloc_range(&minors, 10, 12, GFP_KERNEL);
    r[1] = ida_alloc_range(&minors, 10, 12, GFP_KERNEL);
    r[2] = ida_alloc_range(&minors, 10, 12, GFP_KERNEL);
    r[3] = ida_alloc_range(&minors, 10, 12, GFP_KERNEL);
    s = ida_simple_get(&minors, 5, 6, GFP_KERNEL);
    pr_info("idr_demo: range 10-12: %d %d %d %d; simple_get 5-6: %d, again %d; min 11: %d\n", r[0], r[1], r[2],
            r[3], s, ida_simple_get(&minors, 5, 6, GFP_KERNEL), ida_alloc_min(&minors, 11, GFP_KERNEL));
    ida_free(&minors, 99);
    ida_destroy(&minors);
    pr_info("idr_demo: ida empty after destroy %d\n", ida_is_empty(&minors));
}

static int __init idr_demo_init(void)
{
    idr_checks();
    ida_checks();
    return 0;
}

static void __exit idr_demo_exit(void)
{
}

module_init(idr_demo_init);
module_exit(idr_demo_exit);
MODULE_LICENSE("GPL");
