/* rbtree.c — linux/rbtree.h: red-black rebalancing after an insertion and an erase, by recolouring
 * and rotations, and the in-order and post-order walks. The invariants: the root is black, a red
 * node has no red child, and every path from a node down to a leaf passes as many black nodes. */
#include "lx_internal.h"
#include <linux/rbtree.h>

#define RB_RED   0UL
#define RB_BLACK 1UL

static inline bool is_red(const struct rb_node *n) { return n && !(n->__rb_parent_color & RB_BLACK); }
static inline bool is_black(const struct rb_node *n) { return !is_red(n); }
static inline unsigned long color_of(const struct rb_node *n) { return n->__rb_parent_color & RB_BLACK; }
static inline void set_color(struct rb_node *n, unsigned long c)
{
    n->__rb_parent_color = (n->__rb_parent_color & ~RB_BLACK) | c;
}
static inline void set_parent(struct rb_node *n, struct rb_node *p)
{
    n->__rb_parent_color = (n->__rb_parent_color & 3UL) | (unsigned long)p;
}

/* Makes new_child take old_child's place under parent (or at the root). */
static void change_child(struct rb_node *old_child, struct rb_node *new_child, struct rb_node *parent,
                         struct rb_root *root)
{
    if (!parent)
        root->rb_node = new_child;
    else if (parent->rb_left == old_child)
        parent->rb_left = new_child;
    else
        parent->rb_right = new_child;
}

/* x's right child comes up in x's place; x becomes its left child. */
static void rotate_left(struct rb_node *x, struct rb_root *root)
{
    struct rb_node *y = x->rb_right, *parent = rb_parent(x);
    x->rb_right = y->rb_left;
    if (y->rb_left)
        set_parent(y->rb_left, x);
    y->rb_left = x;
    set_parent(y, parent);
    change_child(x, y, parent, root);
    set_parent(x, y);
}

static void rotate_right(struct rb_node *x, struct rb_root *root)
{
    struct rb_node *y = x->rb_left, *parent = rb_parent(x);
    x->rb_left = y->rb_right;
    if (y->rb_right)
        set_parent(y->rb_right, x);
    y->rb_right = x;
    set_parent(y, parent);
    change_child(x, y, parent, root);
    set_parent(x, y);
}

void rb_insert_color(struct rb_node *node, struct rb_root *root)
{
    for (;;) {
        struct rb_node *parent = rb_parent(node);
        if (!parent) {
            set_color(node, RB_BLACK);
            return;
        }
        if (is_black(parent))
            return;
        struct rb_node *gparent = rb_parent(parent);   /* a red parent is never the root */
        bool left = parent == gparent->rb_left;
        struct rb_node *uncle = left ? gparent->rb_right : gparent->rb_left;
        if (is_red(uncle)) {
            /* Push the grandparent's blackness down a level and go on from it. */
            set_color(parent, RB_BLACK);
            set_color(uncle, RB_BLACK);
            set_color(gparent, RB_RED);
            node = gparent;
            continue;
        }
        if (left && node == parent->rb_right) {
            rotate_left(parent, root);
            node = parent;
            parent = rb_parent(node);
        } else if (!left && node == parent->rb_left) {
            rotate_right(parent, root);
            node = parent;
            parent = rb_parent(node);
        }
        set_color(parent, RB_BLACK);
        set_color(gparent, RB_RED);
        if (left)
            rotate_right(gparent, root);
        else
            rotate_left(gparent, root);
        return;
    }
}
KERNEL_EXPORT(rb_insert_color);

/* After a black node left the tree, node (possibly NULL) under parent is one black short. */
static void erase_fixup(struct rb_node *node, struct rb_node *parent, struct rb_root *root)
{
    while (node != root->rb_node && is_black(node)) {
        bool left = parent->rb_left == node;
        struct rb_node *sibling = left ? parent->rb_right : parent->rb_left;
        if (is_red(sibling)) {
            set_color(sibling, RB_BLACK);
            set_color(parent, RB_RED);
            if (left)
                rotate_left(parent, root);
            else
                rotate_right(parent, root);
            sibling = left ? parent->rb_right : parent->rb_left;
        }
        struct rb_node *near = left ? sibling->rb_left : sibling->rb_right;
        struct rb_node *far = left ? sibling->rb_right : sibling->rb_left;
        if (is_black(near) && is_black(far)) {
            set_color(sibling, RB_RED);
            node = parent;
            parent = rb_parent(node);
            continue;
        }
        if (is_black(far)) {
            set_color(near, RB_BLACK);
            set_color(sibling, RB_RED);
            if (left)
                rotate_right(sibling, root);
            else
                rotate_left(sibling, root);
            sibling = left ? parent->rb_right : parent->rb_left;
            far = left ? sibling->rb_right : sibling->rb_left;
        }
        set_color(sibling, color_of(parent));
        set_color(parent, RB_BLACK);
        set_color(far, RB_BLACK);
        if (left)
            rotate_left(parent, root);
        else
            rotate_right(parent, root);
        node = root->rb_node;
        break;
    }
    if (node)
        set_color(node, RB_BLACK);
}

void rb_erase(struct rb_node *node, struct rb_root *root)
{
    struct rb_node *child, *parent;
    unsigned long color;

    if (node->rb_left && node->rb_right) {
        /* Two children: the successor (leftmost of the right subtree) takes node's place and
         * colour, and the fix-up happens where the successor was. */
        struct rb_node *succ = node->rb_right;
        while (succ->rb_left)
            succ = succ->rb_left;
        change_child(node, succ, rb_parent(node), root);
        child = succ->rb_right;
        parent = rb_parent(succ);
        color = color_of(succ);
        if (parent == node) {
            parent = succ;
        } else {
            if (child)
                set_parent(child, parent);
            parent->rb_left = child;
            succ->rb_right = node->rb_right;
            set_parent(node->rb_right, succ);
        }
        succ->__rb_parent_color = node->__rb_parent_color;
        succ->rb_left = node->rb_left;
        set_parent(node->rb_left, succ);
    } else {
        child = node->rb_left ? node->rb_left : node->rb_right;
        parent = rb_parent(node);
        color = color_of(node);
        if (child)
            set_parent(child, parent);
        change_child(node, child, parent, root);
    }
    if (color == RB_BLACK)
        erase_fixup(child, parent, root);
}
KERNEL_EXPORT(rb_erase);

struct rb_node *rb_first(const struct rb_root *root)
{
    struct rb_node *n = root->rb_node;
    if (!n)
        return NULL;
    while (n->rb_left)
        n = n->rb_left;
    return n;
}
KERNEL_EXPORT(rb_first);

struct rb_node *rb_last(const struct rb_root *root)
{
    struct rb_node *n = root->rb_node;
    if (!n)
        return NULL;
    while (n->rb_right)
        n = n->rb_right;
    return n;
}
KERNEL_EXPORT(rb_last);

struct rb_node *rb_next(const struct rb_node *node)
{
    if (RB_EMPTY_NODE(node))
        return NULL;
    if (node->rb_right) {
        node = node->rb_right;
        while (node->rb_left)
            node = node->rb_left;
        return (struct rb_node *)node;
    }
    /* Up until we come from a left child: that parent is next. */
    struct rb_node *parent;
    while ((parent = rb_parent(node)) && node == parent->rb_right)
        node = parent;
    return parent;
}
KERNEL_EXPORT(rb_next);

struct rb_node *rb_prev(const struct rb_node *node)
{
    if (RB_EMPTY_NODE(node))
        return NULL;
    if (node->rb_left) {
        node = node->rb_left;
        while (node->rb_right)
            node = node->rb_right;
        return (struct rb_node *)node;
    }
    struct rb_node *parent;
    while ((parent = rb_parent(node)) && node == parent->rb_left)
        node = parent;
    return parent;
}
KERNEL_EXPORT(rb_prev);

/* The first node in post-order below node: the deepest leftmost leaf. */
static struct rb_node *left_deepest(const struct rb_node *node)
{
    for (;;) {
        if (node->rb_left)
            node = node->rb_left;
        else if (node->rb_right)
            node = node->rb_right;
        else
            return (struct rb_node *)node;
    }
}

struct rb_node *rb_first_postorder(const struct rb_root *root)
{
    return root->rb_node ? left_deepest(root->rb_node) : NULL;
}
KERNEL_EXPORT(rb_first_postorder);

struct rb_node *rb_next_postorder(const struct rb_node *node)
{
    if (!node)
        return NULL;
    struct rb_node *parent = rb_parent(node);
    /* From a left child with a right sibling, the sibling's subtree comes next; else the parent. */
    if (parent && node == parent->rb_left && parent->rb_right)
        return left_deepest(parent->rb_right);
    return parent;
}
KERNEL_EXPORT(rb_next_postorder);

void rb_replace_node(struct rb_node *victim, struct rb_node *new_node, struct rb_root *root)
{
    struct rb_node *parent = rb_parent(victim);
    *new_node = *victim;
    if (victim->rb_left)
        set_parent(victim->rb_left, new_node);
    if (victim->rb_right)
        set_parent(victim->rb_right, new_node);
    change_child(victim, new_node, parent, root);
}
KERNEL_EXPORT(rb_replace_node);
