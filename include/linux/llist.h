/* linux/llist.h — lock-less singly linked lists: any number of producers add with a
 * compare-and-exchange, and a consumer takes the whole list at once (llist_del_all); only one
 * consumer may use llist_del_first at a time. */
#ifndef _LINUX_LLIST_H
#define _LINUX_LLIST_H
#include <linux/types.h>
#include <linux/kernel.h>
#include <linux/stddef.h>

struct llist_node {
    struct llist_node *next;
};
struct llist_head {
    struct llist_node *first;
};
#define LLIST_HEAD_INIT(name) { NULL }
#define LLIST_HEAD(name) struct llist_head name = LLIST_HEAD_INIT(name)
static inline void init_llist_head(struct llist_head *list) { list->first = NULL; }
static inline void init_llist_node(struct llist_node *node) { node->next = node; }
static inline bool llist_on_list(const struct llist_node *node) { return node->next != node; }
static inline bool llist_empty(const struct llist_head *head)
{
    return __atomic_load_n(&head->first, __ATOMIC_RELAXED) == NULL;
}
static inline struct llist_node *llist_next(struct llist_node *node) { return node->next; }

/* Adds the chain first..last: true when the list was empty before. */
static inline bool llist_add_batch(struct llist_node *first, struct llist_node *last, struct llist_head *head)
{
    struct llist_node *old = __atomic_load_n(&head->first, __ATOMIC_RELAXED);
    do {
        last->next = old;
    } while (!__atomic_compare_exchange_n(&head->first, &old, first, false, __ATOMIC_RELEASE,
                                          __ATOMIC_RELAXED));
    return old == NULL;
}
static inline bool llist_add(struct llist_node *node, struct llist_head *head)
{
    return llist_add_batch(node, node, head);
}
/* Takes every entry, newest first. */
static inline struct llist_node *llist_del_all(struct llist_head *head)
{
    return __atomic_exchange_n(&head->first, NULL, __ATOMIC_ACQUIRE);
}
/* Takes the newest entry; one consumer at a time. */
static inline struct llist_node *llist_del_first(struct llist_head *head)
{
    struct llist_node *entry = __atomic_load_n(&head->first, __ATOMIC_ACQUIRE), *next;
    do {
        if (!entry)
            return NULL;
        next = entry->next;
    } while (!__atomic_compare_exchange_n(&head->first, &entry, next, false, __ATOMIC_ACQUIRE,
                                          __ATOMIC_ACQUIRE));
    return entry;
}
/* The chain from head in the opposite order (oldest first, after llist_del_all). */
static inline struct llist_node *llist_reverse_order(struct llist_node *head)
{
    struct llist_node *reversed = NULL;
    while (head) {
        struct llist_node *next = head->next;
        head->next = reversed;
        reversed = head;
        head = next;
    }
    return reversed;
}
#define llist_entry(ptr, type, member) container_of(ptr, type, member)
#define member_address_is_nonnull(ptr, member) ((uintptr_t)(ptr) + offsetof(__typeof__(*(ptr)), member) != 0)
#define llist_for_each(pos, node) for ((pos) = (node); (pos); (pos) = (pos)->next)
#define llist_for_each_safe(pos, n, node) \
    for ((pos) = (node); (pos) && ((n) = (pos)->next, true); (pos) = (n))
#define llist_for_each_entry(pos, node, member) \
    for ((pos) = llist_entry((node), __typeof__(*(pos)), member); member_address_is_nonnull(pos, member); \
         (pos) = llist_entry((pos)->member.next, __typeof__(*(pos)), member))
#define llist_for_each_entry_safe(pos, n, node, member) \
    for ((pos) = llist_entry((node), __typeof__(*(pos)), member); \
         member_address_is_nonnull(pos, member) && \
         ((n) = llist_entry((pos)->member.next, __typeof__(*(n)), member), true); \
         (pos) = (n))
#endif
