/* linux/rbtree.h — red-black trees threaded through the structures they hold. The caller walks
 * down to the insertion point comparing its own keys, links the node there (rb_link_node) and
 * lets rb_insert_color rebalance; rb_erase removes a node. The tree is never deeper than twice
 * the logarithm of its size. Nothing here locks. The parent pointer and the colour share a word:
 * nodes are at least 4-byte aligned. */
#ifndef _LINUX_RBTREE_H
#define _LINUX_RBTREE_H
#include <linux/types.h>
#include <linux/kernel.h>
#include <linux/stddef.h>

struct rb_node {
    unsigned long __rb_parent_color;
    struct rb_node *rb_right;
    struct rb_node *rb_left;
} __attribute__((aligned(sizeof(long))));

struct rb_root {
    struct rb_node *rb_node;
};
/* A tree that also remembers its leftmost (smallest) node. */
struct rb_root_cached {
    struct rb_root rb_root;
    struct rb_node *rb_leftmost;
};

#define RB_ROOT (struct rb_root) { NULL }
#define RB_ROOT_CACHED (struct rb_root_cached) { { NULL }, NULL }
#define rb_parent(r) ((struct rb_node *)((r)->__rb_parent_color & ~3UL))
#define rb_entry(ptr, type, member) container_of(ptr, type, member)
#define rb_entry_safe(ptr, type, member) \
    ({ __typeof__(ptr) ____ptr = (ptr); ____ptr ? rb_entry(____ptr, type, member) : NULL; })
#define RB_EMPTY_ROOT(root) (READ_ONCE((root)->rb_node) == NULL)
/* A node that is in no tree points at itself. */
#define RB_EMPTY_NODE(node) ((node)->__rb_parent_color == (unsigned long)(node))
#define RB_CLEAR_NODE(node) ((node)->__rb_parent_color = (unsigned long)(node))

void rb_insert_color(struct rb_node *node, struct rb_root *root);
void rb_erase(struct rb_node *node, struct rb_root *root);
struct rb_node *rb_next(const struct rb_node *node);
struct rb_node *rb_prev(const struct rb_node *node);
struct rb_node *rb_first(const struct rb_root *root);
struct rb_node *rb_last(const struct rb_root *root);
/* Post-order: children before their parent, so a walk may free each node it leaves. */
struct rb_node *rb_first_postorder(const struct rb_root *root);
struct rb_node *rb_next_postorder(const struct rb_node *node);
/* Puts new where victim is, with victim's colour and children (the keys must sort the same). */
void rb_replace_node(struct rb_node *victim, struct rb_node *new_node, struct rb_root *root);

static inline void rb_link_node(struct rb_node *node, struct rb_node *parent, struct rb_node **rb_link)
{
    node->__rb_parent_color = (unsigned long)parent;   /* red */
    node->rb_left = node->rb_right = NULL;
    *rb_link = node;
}
#define rb_link_node_rcu(node, parent, rb_link) rb_link_node(node, parent, rb_link)

#define rbtree_postorder_for_each_entry_safe(pos, n, root, field)                           \
    for (pos = rb_entry_safe(rb_first_postorder(root), __typeof__(*pos), field);            \
         pos && ({ n = rb_entry_safe(rb_next_postorder(&pos->field), __typeof__(*pos), field); 1; }); \
         pos = n)

/* ---- the cached tree ---- */
#define rb_first_cached(root) ((root)->rb_leftmost)
static inline void rb_insert_color_cached(struct rb_node *node, struct rb_root_cached *root, bool leftmost)
{
    if (leftmost)
        root->rb_leftmost = node;
    rb_insert_color(node, &root->rb_root);
}
static inline struct rb_node *rb_erase_cached(struct rb_node *node, struct rb_root_cached *root)
{
    struct rb_node *leftmost = NULL;
    if (root->rb_leftmost == node)
        leftmost = root->rb_leftmost = rb_next(node);
    rb_erase(node, &root->rb_root);
    return leftmost;
}

/* ---- the helpers that walk down with a comparison ---- */
/* Inserts node where less() says, equal keys after the ones there. */
static inline void rb_add(struct rb_node *node, struct rb_root *tree,
                          bool (*less)(struct rb_node *, const struct rb_node *))
{
    struct rb_node **link = &tree->rb_node, *parent = NULL;
    while (*link) {
        parent = *link;
        link = less(node, parent) ? &parent->rb_left : &parent->rb_right;
    }
    rb_link_node(node, parent, link);
    rb_insert_color(node, tree);
}
static inline struct rb_node *rb_add_cached(struct rb_node *node, struct rb_root_cached *tree,
                                            bool (*less)(struct rb_node *, const struct rb_node *))
{
    struct rb_node **link = &tree->rb_root.rb_node, *parent = NULL;
    bool leftmost = true;
    while (*link) {
        parent = *link;
        if (less(node, parent)) {
            link = &parent->rb_left;
        } else {
            link = &parent->rb_right;
            leftmost = false;
        }
    }
    rb_link_node(node, parent, link);
    rb_insert_color_cached(node, tree, leftmost);
    return leftmost ? node : NULL;
}
/* The node cmp(key, node) says equals key, or NULL. */
static inline struct rb_node *rb_find(const void *key, const struct rb_root *tree,
                                      int (*cmp)(const void *key, const struct rb_node *))
{
    struct rb_node *node = tree->rb_node;
    while (node) {
        int c = cmp(key, node);
        if (c < 0)
            node = node->rb_left;
        else if (c > 0)
            node = node->rb_right;
        else
            return node;
    }
    return NULL;
}
/* Inserts node unless one with an equal key is there: NULL, or that node. */
static inline struct rb_node *rb_find_add(struct rb_node *node, struct rb_root *tree,
                                          int (*cmp)(struct rb_node *, const struct rb_node *))
{
    struct rb_node **link = &tree->rb_node, *parent = NULL;
    while (*link) {
        int c;
        parent = *link;
        c = cmp(node, parent);
        if (c < 0)
            link = &parent->rb_left;
        else if (c > 0)
            link = &parent->rb_right;
        else
            return parent;
    }
    rb_link_node(node, parent, link);
    rb_insert_color(node, tree);
    return NULL;
}
#endif
