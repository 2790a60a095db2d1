/* linux/rculist.h — lists that RCU readers walk while a writer changes them. Writers still
 * serialise among themselves (a spinlock or mutex); each link a reader can follow is published
 * with release ordering, and a removed entry keeps its forward link, so a reader standing on it
 * goes on to the rest of the list. Free a removed entry only after a grace period (kfree_rcu,
 * call_rcu or synchronize_rcu). */
#ifndef _LINUX_RCULIST_H
#define _LINUX_RCULIST_H
#include <linux/list.h>
#include <linux/rcupdate.h>

#define INIT_LIST_HEAD_RCU(list) INIT_LIST_HEAD(list)
#define list_next_rcu(list) (*((struct list_head **)(&(list)->next)))
#define hlist_first_rcu(head) (*((struct hlist_node **)(&(head)->first)))
#define hlist_next_rcu(node)  (*((struct hlist_node **)(&(node)->next)))

/* The entry is fully linked on its own before a reader can reach it. */
static inline void __list_add_rcu(struct list_head *entry, struct list_head *prev, struct list_head *next)
{
    entry->next = next;
    entry->prev = prev;
    rcu_assign_pointer(list_next_rcu(prev), entry);
    next->prev = entry;
}
static inline void list_add_rcu(struct list_head *entry, struct list_head *head)
{
    __list_add_rcu(entry, head, head->next);
}
static inline void list_add_tail_rcu(struct list_head *entry, struct list_head *head)
{
    __list_add_rcu(entry, head->prev, head);
}
/* Unlinks entry; its next stays valid for readers on it, its prev is poisoned. */
static inline void list_del_rcu(struct list_head *entry)
{
    __list_del_entry(entry);
    entry->prev = LIST_POISON2;
}
static inline void list_del_init_rcu(struct list_head *entry)
{
    __list_del_entry(entry);
    entry->prev = entry;               /* list_empty_careful-style: off the list */
}
static inline void list_replace_rcu(struct list_head *old, struct list_head *entry)
{
    entry->next = old->next;
    entry->prev = old->prev;
    rcu_assign_pointer(list_next_rcu(entry->prev), entry);
    entry->next->prev = entry;
    old->prev = LIST_POISON2;
}

#define list_entry_rcu(ptr, type, member) container_of(READ_ONCE(ptr), type, member)
#define list_first_or_null_rcu(ptr, type, member)                                           \
    ({                                                                                      \
        struct list_head *__head = (ptr);                                                   \
        struct list_head *__next = rcu_dereference(list_next_rcu(__head));                  \
        __next != __head ? list_entry(__next, type, member) : NULL;                         \
    })
#define list_next_or_null_rcu(head, ptr, type, member)                                      \
    ({                                                                                      \
        struct list_head *__head = (head);                                                  \
        struct list_head *__next = rcu_dereference(list_next_rcu(ptr));                     \
        __next != __head ? list_entry(__next, type, member) : NULL;                         \
    })
/* The optional last argument is the lockdep condition under which a writer walks it. */
#define list_for_each_entry_rcu(pos, head, member, ...)                                     \
    for (pos = list_entry(rcu_dereference(list_next_rcu(head)), __typeof__(*pos), member);  \
         &pos->member != (head);                                                            \
         pos = list_entry(rcu_dereference(list_next_rcu(&pos->member)), __typeof__(*pos), member))
#define list_for_each_entry_srcu(pos, head, member, cond) list_for_each_entry_rcu(pos, head, member)
#define list_for_each_entry_continue_rcu(pos, head, member)                                 \
    for (pos = list_entry(rcu_dereference(list_next_rcu(&pos->member)), __typeof__(*pos), member); \
         &pos->member != (head);                                                            \
         pos = list_entry(rcu_dereference(list_next_rcu(&pos->member)), __typeof__(*pos), member))
#define list_for_each_entry_from_rcu(pos, head, member)                                     \
    for (; &pos->member != (head);                                                          \
         pos = list_entry(rcu_dereference(list_next_rcu(&pos->member)), __typeof__(*pos), member))
#define list_tail_rcu(head) (*((struct list_head **)(&(head)->prev)))

/* ---- hlist ---- */
static inline void hlist_add_head_rcu(struct hlist_node *n, struct hlist_head *h)
{
    struct hlist_node *first = h->first;
    n->next = first;
    n->pprev = &h->first;
    rcu_assign_pointer(hlist_first_rcu(h), n);
    if (first)
        first->pprev = &n->next;
}
static inline void hlist_add_before_rcu(struct hlist_node *n, struct hlist_node *next)
{
    n->pprev = next->pprev;
    n->next = next;
    rcu_assign_pointer(*(n->pprev), n);
    next->pprev = &n->next;
}
static inline void hlist_add_behind_rcu(struct hlist_node *n, struct hlist_node *prev)
{
    n->next = prev->next;
    n->pprev = &prev->next;
    rcu_assign_pointer(hlist_next_rcu(prev), n);
    if (n->next)
        n->next->pprev = &n->next;
}
static inline void hlist_del_rcu(struct hlist_node *n)
{
    __hlist_del(n);
    n->pprev = LIST_POISON2;
}
static inline void hlist_del_init_rcu(struct hlist_node *n)
{
    if (!hlist_unhashed(n)) {
        __hlist_del(n);
        n->pprev = NULL;
    }
}
static inline void hlist_replace_rcu(struct hlist_node *old, struct hlist_node *n)
{
    struct hlist_node *next = old->next;
    n->next = next;
    n->pprev = old->pprev;
    rcu_assign_pointer(*(struct hlist_node **)n->pprev, n);
    if (next)
        next->pprev = &n->next;
    old->pprev = LIST_POISON2;
}
#define hlist_for_each_entry_rcu(pos, head, member, ...)                                    \
    for (pos = hlist_entry_safe(rcu_dereference(hlist_first_rcu(head)), __typeof__(*(pos)), member); \
         pos;                                                                               \
         pos = hlist_entry_safe(rcu_dereference(hlist_next_rcu(&(pos)->member)), __typeof__(*(pos)), member))
#define hlist_for_each_entry_rcu_bh(pos, head, member) hlist_for_each_entry_rcu(pos, head, member)
#define hlist_for_each_entry_continue_rcu(pos, member)                                      \
    for (pos = hlist_entry_safe(rcu_dereference(hlist_next_rcu(&(pos)->member)), __typeof__(*(pos)), member); \
         pos;                                                                               \
         pos = hlist_entry_safe(rcu_dereference(hlist_next_rcu(&(pos)->member)), __typeof__(*(pos)), member))
#endif
