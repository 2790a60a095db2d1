/* slab-cache.c — memory the Linux way: a kmem_cache with a constructor, kmalloc/kzalloc/kcalloc/
 * krealloc/kfree, kstrdup and ERR_PTR; results go to the log and to /proc/slabtest. */
#include <linux/err.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/proc_fs.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/string.h>

struct item {
    int id;
    char tag[12];
};

static struct kmem_cache *item_cache;
static struct item *items[8];
static int constructed;

static void item_ctor(void *obj)
{
    struct item *it = obj;

    it->id = -1;
    strscpy(it->tag, "fresh", sizeof(it->tag));
    constructed++;
}

static void *make_or_fail(bool fail)
{
    return fail ? ERR_PTR(-ENOSPC) : kzalloc(16, GFP_KERNEL);
}

static int slabtest_show(struct seq_file *m, void *v)
{
    int i;

    for (i = 0; i < ARRAY_SIZE(items); i++)
        if (items[i])
            seq_printf(m, "item %d tag %s\n", items[i]->id, items[i]->tag);
    seq_printf(m, "constructed %d size %u\n", constructed, kmem_cache_size(item_cache));
    return 0;
}

static int __init slab_init(void)
{
    int *numbers, i;
    char *copy, *grown;
    void *p;

    item_cache = kmem_cache_create("item_cache", sizeof(struct item), 0, SLAB_HWCACHE_ALIGN, item_ctor);
    if (!item_cache)
        return -ENOMEM;
    for (i = 0; i < ARRAY_SIZE(items); i++) {
        items[i] = kmem_cache_alloc(item_cache, GFP_KERNEL);
        if (!items[i])
            return -ENOMEM;
        if (i % 2 == 0) {
            items[i]->id = i;
            scnprintf(items[i]->tag, sizeof(items[i]->tag), "even%d", i);
        }
    }
    pr_info("slab: %d constructed, aligned %d\n", constructed,
            ((unsigned long)items[1] & 63) == 0);
    kmem_cache_free(item_cache, items[7]);
    items[7] = NULL;

    numbers = kcalloc(4, sizeof(*numbers), GFP_KERNEL);
    if (!numbers)
        return -ENOMEM;
    pr_info("slab: kcalloc zeroed %d\n", numbers[0] + numbers[1] + numbers[2] + numbers[3] == 0);
    numbers[3] = 33;
    numbers = krealloc(numbers, 64 * sizeof(*numbers), GFP_KERNEL);
    pr_info("slab: krealloc kept %d\n", numbers ? numbers[3] : -1);
    kfree(numbers);

    copy = kstrdup("duplicate me", GFP_KERNEL);
    grown = kasprintf(GFP_KERNEL, "%s, %d times", copy, 2);
    pr_info("slab: %s\n", grown);
    kfree(copy);
    kfree(grown);

    p = make_or_fail(true);
    if (IS_ERR(p))
        pr_info("slab: error pointer %ld\n", PTR_ERR(p));
    p = make_or_fail(false);
    pr_info("slab: real pointer %d\n", !IS_ERR_OR_NULL(p));
    kfree(p);

    if (!proc_create_single("slabtest", 0444, NULL, slabtest_show))
        return -ENOMEM;
    return 0;
}

static void __exit slab_exit(void)
{
    int i;

    remove_proc_entry("slabtest", NULL);
    for (i = 0; i < ARRAY_SIZE(items) - 1; i++)
        kmem_cache_free(item_cache, items[i]);
    kmem_cache_destroy(item_cache);
    pr_info("slab: cache destroyed\n");
}

module_init(slab_init);
module_exit(slab_exit);
MODULE_LICENSE("GPL");
