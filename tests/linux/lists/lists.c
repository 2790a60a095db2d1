/* lists.c — linux/list.h as drivers use it: a list of kmalloc'ed records kept in order, walked
 * forwards and backwards, entries moved, replaced, spliced and cut, deleted while walking, a
 * small hash table of hlist buckets, and /proc/lists served by a seq_file over the list with the
 * seq_list helpers. Every walk prints what it saw, so the test compares whole sequences. Then
 * linux/hashtable.h keyed by value, and objects freed by kref_put when the last reference goes. */
#include <linux/module.h>
#include <linux/list.h>
#include <linux/slab.h>
#include <linux/proc_fs.h>
#include <linux/seq_file.h>
#include <linux/hashtable.h>
#include <linux/kref.h>

struct record {
    int value;
    struct list_head link;
    struct hlist_node bucket_link;
};

static LIST_HEAD(records);
static struct hlist_head buckets[4];

/* Appends each record's value to buf, in list order. */
static void show(const char *what, struct list_head *head, bool reverse)
{
    char buf[128];
    int len = 0;
    struct record *r;

    buf[0] = 0;
    if (reverse)
        list_for_each_entry_reverse(r, head, link)
            len += scnprintf(buf + len, sizeof(buf) - len, " %d", r->value);
    else
        list_for_each_entry(r, head, link)
            len += scnprintf(buf + len, sizeof(buf) - len, " %d", r->value);
    pr_info("lists: %s:%s (%zu)\n", what, len ? buf : " empty", list_count_nodes(head));
}

static struct record *record_new(int value)
{
    struct record *r = kzalloc(sizeof(*r), GFP_KERNEL);
    if (r) {
        r->value = value;
        INIT_LIST_HEAD(&r->link);
        INIT_HLIST_NODE(&r->bucket_link);
    }
    return r;
}

static void *lists_start(struct seq_file *m, loff_t *pos) { return seq_list_start(&records, *pos); }
static void *lists_next(struct seq_file *m, void *v, loff_t *pos) { return seq_list_next(v, &records, pos); }
static void lists_stop(struct seq_file *m, void *v) { }
static int lists_show(struct seq_file *m, void *v)
{
    seq_printf(m, "record %d\n", list_entry(v, struct record, link)->value);
    return 0;
}
static const struct seq_operations lists_seq_ops = {
    .start = lists_start, .next = lists_next, .stop = lists_stop, .show = lists_show,
};

struct keyed {
    int key;
    struct hlist_node node;
    struct kref ref;
};
static DEFINE_HASHTABLE(by_key, 3);
static int released;

static void keyed_release(struct kref *ref)
{
    struct keyed *k = container_of(ref, struct keyed, ref);
    hash_del(&k->node);
    released++;
    kfree(k);
}

static struct keyed *keyed_find(int key)
{
    struct keyed *k;
    hash_for_each_possible(by_key, k, node, key)
        if (k->key == key)
            return k;
    return NULL;
}

/* 20 keys in 8 buckets: every one found by its key, none by another, each freed by its last put. */
static void hashtable_and_kref(void)
{
    struct keyed *k;
    struct hlist_node *tmp;
    refcount_t broken = REFCOUNT_INIT(0);
    int i, bkt, count = 0, found = 0, wrong = 0, buckets_used = 0;

    for (i = 0; i < 20; i++) {
        k = kzalloc(sizeof(*k), GFP_KERNEL);
        if (!k)
            return;
        k->key = i * 7;
        kref_init(&k->ref);
        hash_add(by_key, &k->node, k->key);
    }
    hash_for_each(by_key, bkt, k, node)
        count++;
    for (bkt = 0; bkt < HASH_SIZE(by_key); bkt++)
        buckets_used += !hlist_empty(&by_key[bkt]);
    for (i = 0; i < 20 * 7; i++) {
        k = keyed_find(i);
        if (k && i % 7 == 0)
            found++;
        else if (k || i % 7 == 0)
            wrong++;
    }
    pr_info("lists: hashtable: %d objects, %d of %u buckets used, %d found by key, %d wrong\n",
            count, buckets_used, (unsigned int)HASH_SIZE(by_key), found, wrong);

    k = keyed_find(14);
    kref_get(&k->ref);
    i = kref_put(&k->ref, keyed_release);
    pr_info("lists: kref: put of 2 refs frees: %d, refs left %u\n", i, kref_read(&k->ref));
    i = kref_put(&k->ref, keyed_release);
    pr_info("lists: kref: last put frees: %d, key 14 still found: %d\n", i, keyed_find(14) != NULL);
    hash_for_each_safe(by_key, bkt, tmp, k, node)
        kref_put(&k->ref, keyed_release);
    pr_info("lists: kref: %d released, table empty: %d\n", released, hash_empty(by_key));

    refcount_inc(&broken);
    pr_info("lists: refcount_inc on 0 leaves it saturated: %d\n",
            refcount_read(&broken) == (unsigned int)REFCOUNT_SATURATED);
}

static int __init lists_init(void)
{
    LIST_HEAD(spare);
    LIST_HEAD(cut);
    struct record *r, *tmp, *first;
    int i, found = 0;

    for (i = 1; i <= 5; i++) {
        r = record_new(i * 10);
        if (!r)
            return -ENOMEM;
        list_add_tail(&r->link, &records);
    }
    show("in order", &records, false);
    show("reversed", &records, true);

    first = list_first_entry(&records, struct record, link);
    list_move_tail(&first->link, &records);
    show("first moved to the end", &records, false);
    pr_info("lists: first %d, last %d, next of first %d, singular %d\n",
            list_first_entry(&records, struct record, link)->value,
            list_last_entry(&records, struct record, link)->value,
            list_next_entry(list_first_entry(&records, struct record, link), link)->value,
            list_is_singular(&records));

    r = record_new(99);
    if (!r)
        return -ENOMEM;
    first = list_first_entry(&records, struct record, link);
    list_replace(&first->link, &r->link);
    kfree(first);
    show("replaced the first by 99", &records, false);

    for (i = 1; i <= 2; i++) {
        tmp = record_new(i);
        if (!tmp)
            return -ENOMEM;
        list_add(&tmp->link, &spare);
    }
    list_splice_init(&spare, &records);
    show("spliced in front", &records, false);
    pr_info("lists: spare empty after splice_init: %d\n", list_empty(&spare));

    list_cut_position(&cut, &records, records.next->next);
    show("cut off", &cut, false);
    show("left after the cut", &records, false);
    list_splice_tail_init(&cut, &records);
    show("cut spliced back at the end", &records, false);

    list_for_each_entry_safe(r, tmp, &records, link) {
        if (r->value % 20 == 0) {
            list_del(&r->link);
            kfree(r);
        }
    }
    show("multiples of 20 deleted while walking", &records, false);

    list_for_each_entry(r, &records, link)
        hlist_add_head(&r->bucket_link, &buckets[r->value % 4]);
    for (i = 0; i < 4; i++) {
        char buf[64];
        int len = 0;
        struct record *b;

        buf[0] = 0;
        hlist_for_each_entry(b, &buckets[i], bucket_link)
            len += scnprintf(buf + len, sizeof(buf) - len, " %d", b->value);
        pr_info("lists: bucket %d:%s\n", i, hlist_empty(&buckets[i]) ? " empty" : buf);
    }
    hlist_for_each_entry(r, &buckets[3], bucket_link)
        if (r->value == 99)
            found = 1;
    pr_info("lists: 99 found in bucket 3: %d\n", found);

    hashtable_and_kref();

    if (!proc_create_seq("lists", 0444, NULL, &lists_seq_ops))
        return -ENOMEM;
    return 0;
}

static void __exit lists_exit(void)
{
    struct record *r, *tmp;
    int freed = 0;

    remove_proc_entry("lists", NULL);
    list_for_each_entry_safe(r, tmp, &records, link) {
        hlist_del(&r->bucket_link);
        list_del(&r->link);
        kfree(r);
        freed++;
    }
    pr_info("lists: freed %d records, list empty: %d\n", freed, list_empty(&records));
}

module_init(lists_init);
module_exit(lists_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("linux/list.h: lists, hlists and seq_list");
