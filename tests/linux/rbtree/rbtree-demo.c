/* rbtree-demo.c — a red-black tree of keyed structs as a driver keeps one: a thousand inserts in
 * scrambled order and half of them erased, with the tree's invariants checked after each phase,
 * in-order and reverse walks, rb_find/rb_add/rb_find_add, rb_replace_node, a cached tree's
 * leftmost node, and a post-order walk that frees every node. */
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/rbtree.h>
#include <linux/slab.h>

struct item {
    int key;
    struct rb_node node;
};

#define N 1000

static struct rb_root tree = RB_ROOT;

/* Black height of the subtree, or -1 when an invariant is broken. */
static int check(const struct rb_node *n, const struct rb_node *parent, int lo, int hi)
{
    int l, r, k;
    if (!n)
        return 1;
    k = rb_entry(n, struct item, node)->key;
    if (rb_parent(n) != parent || k < lo || k > hi)
        return -1;
    if (!(n->__rb_parent_color & 1) &&
        ((n->rb_left && !(n->rb_left->__rb_parent_color & 1)) ||
         (n->rb_right && !(n->rb_right->__rb_parent_color & 1))))
        return -1;                     /* a red node with a red child */
    l = check(n->rb_left, n, lo, k);
    r = check(n->rb_right, n, k, hi);
    if (l < 0 || r < 0 || l != r)
        return -1;
    return l + (int)(n->__rb_parent_color & 1);
}

static int valid(void)
{
    if (tree.rb_node && !(tree.rb_node->__rb_parent_color & 1))
        return 0;                      /* the root is black */
    return check(tree.rb_node, NULL, -2147483647, 2147483647) > 0;
}

static int depth(const struct rb_node *n)
{
    int l, r;
    if (!n)
        return 0;
    l = depth(n->rb_left);
    r = depth(n->rb_right);
    return 1 + (l > r ? l : r);
}

static void insert(struct item *it)
{
    struct rb_node **link = &tree.rb_node, *parent = NULL;
    while (*link) {
        parent = *link;
        link = it->key < rb_entry(parent, struct item, node)->key ? &parent->rb_left : &parent->rb_right;
    }
    rb_link_node(&it->node, parent, link);
    rb_insert_color(&it->node, &tree);
}

static int cmp_key(const void *key, const struct rb_node *n)
{
    int k = *(const int *)key, v = rb_entry(n, struct item, node)->key;
    return k < v ? -1 : k > v;
}

static int cmp_node(struct rb_node *a, const struct rb_node *b)
{
    return cmp_key(&rb_entry(a, struct item, node)->key, b);
}

static bool less(struct rb_node *a, const struct rb_node *b)
{
    return rb_entry(a, struct item, node)->key < rb_entry(b, struct item, node)->key;
}

static struct item *find(int key)
{
    struct rb_node *n = rb_find(&key, &tree, cmp_key);
    return n ? rb_entry(n, struct item, node) : NULL;
}

static int __init rbtree_demo_init(void)
{
    struct item *it, *tmp, *dup, *repl;
    struct rb_node *n;
    int i, ok_insert, ok_erase, in_order = 1, count = 0, prev = -1, rev = 1, found = 1, freed = 0;
    int deep, bad_insert = 0, bad_erase = 0;
    struct rb_root_cached ct = RB_ROOT_CACHED;
    struct item c[5];

    for (i = 0; i < N; i++) {
        it = kmalloc(sizeof(*it), GFP_KERNEL);
        if (!it)
            return -ENOMEM;
        it->key = (i * 389) % N;        /* every key once, scrambled */
        if (i % 2)
            insert(it);
        else
            rb_add(&it->node, &tree, less);
        if (i % 50 == 49 && !valid())
            bad_insert++;
    }
    ok_insert = valid() && !bad_insert;
    deep = depth(tree.rb_node);
    for (n = rb_first(&tree); n; n = rb_next(n)) {
        int k = rb_entry(n, struct item, node)->key;
        if (k != prev + 1)
            in_order = 0;
        prev = k;
        count++;
    }
    for (n = rb_last(&tree), i = N - 1; n; n = rb_prev(n), i--)
        if (rb_entry(n, struct item, node)->key != i)
            rev = 0;
    pr_info("rbtree_demo: %d inserted, valid %d, depth at most 2 log2(n+1) %d, in order %d, reverse %d\n", count,
            ok_insert, deep <= 20, in_order, rev);

    for (i = 0; i < N; i += 2) {
        it = find((i * 7) % N);         /* the even keys, scrambled */
        if (!it) {
            found = 0;
            continue;
        }
        rb_erase(&it->node, &tree);
        kfree(it);
        if (i % 20 == 0 && !valid())
            bad_erase++;
    }
    ok_erase = valid() && !bad_erase;
    count = 0;
    for (n = rb_first(&tree); n; n = rb_next(n)) {
        if (rb_entry(n, struct item, node)->key % 2 == 0)
            found = 0;
        count++;
    }
    pr_info("rbtree_demo: erased the even keys: %d left, valid %d, all found and none left %d, find(4) %d, find(5) %d\n",
            count, ok_erase, found, find(4) != NULL, find(5) != NULL);

    dup = kmalloc(sizeof(*dup), GFP_KERNEL);
    repl = kmalloc(sizeof(*repl), GFP_KERNEL);
    if (dup && repl) {
        dup->key = 5;
        pr_info("rbtree_demo: rb_find_add of a taken key returns the one there %d\n",
                rb_find_add(&dup->node, &tree, cmp_node) == &find(5)->node);
        it = find(5);
        repl->key = 5;
        rb_replace_node(&it->node, &repl->node, &tree);
        kfree(it);
        pr_info("rbtree_demo: replaced key 5: found the new one %d, valid %d\n", find(5) == repl, valid());
        kfree(dup);
    }

    for (i = 0; i < 5; i++)
        c[i].key = 40 - i * 10;
    for (i = 0; i < 5; i++)
        rb_add_cached(&c[i].node, &ct, less);
    pr_info("rbtree_demo: cached leftmost %d", rb_entry(rb_first_cached(&ct), struct item, node)->key);
    rb_erase_cached(&c[4].node, &ct);
    pr_cont(", after erasing it %d\n", rb_entry(rb_first_cached(&ct), struct item, node)->key);

    rbtree_postorder_for_each_entry_safe(it, tmp, &tree, node) {
        kfree(it);
        freed++;
    }
    tree = RB_ROOT;
    pr_info("rbtree_demo: post-order walk freed %d, empty %d\n", freed, RB_EMPTY_ROOT(&tree));
    return 0;
}

static void __exit rbtree_demo_exit(void)
{
}

module_init(rbtree_demo_init);
module_exit(rbtree_demo_exit);
MODULE_LICENSE("GPL");
