/* linux/hashtable.h — fixed-size hash tables of 2^bits hlist buckets, keyed by an integer
 * (hash_min of the key picks the bucket). Nothing here locks. */
#ifndef _LINUX_HASHTABLE_H
#define _LINUX_HASHTABLE_H
#include <linux/list.h>
#include <linux/rculist.h>
#include <linux/hash.h>
#include <linux/kernel.h>

#define DEFINE_HASHTABLE(name, bits) \
    struct hlist_head name[1 << (bits)] = { [0 ... ((1 << (bits)) - 1)] = HLIST_HEAD_INIT }
#define DECLARE_HASHTABLE(name, bits) struct hlist_head name[1 << (bits)]

#define HASH_SIZE(name) (ARRAY_SIZE(name))
#define HASH_BITS(name) ((unsigned int)__builtin_ctz(HASH_SIZE(name)))

/* Keys of 32 bits or fewer take the 32-bit hash, as Linux does, so a table gives the same buckets
 * for an int key on any word size. */
#define hash_min(val, bits) (sizeof(val) <= 4 ? hash_32((u32)(val), bits) : hash_long(val, bits))

static inline void __hash_init(struct hlist_head *ht, unsigned int size)
{
    for (unsigned int i = 0; i < size; i++)
        INIT_HLIST_HEAD(&ht[i]);
}
#define hash_init(table) __hash_init(table, HASH_SIZE(table))
#define hash_add(table, node, key) hlist_add_head(node, &(table)[hash_min(key, HASH_BITS(table))])
static inline bool hash_hashed(struct hlist_node *node) { return !hlist_unhashed(node); }
static inline void hash_del(struct hlist_node *node) { hlist_del_init(node); }

static inline bool __hash_empty(struct hlist_head *ht, unsigned int size)
{
    for (unsigned int i = 0; i < size; i++)
        if (!hlist_empty(&ht[i]))
            return false;
    return true;
}
#define hash_empty(table) __hash_empty(table, HASH_SIZE(table))

/* Every object, bucket by bucket; a break inside the body ends the whole walk. */
#define hash_for_each(name, bkt, obj, member) \
    for ((bkt) = 0, obj = NULL; obj == NULL && (bkt) < HASH_SIZE(name); (bkt)++) \
        hlist_for_each_entry(obj, &(name)[bkt], member)
#define hash_for_each_safe(name, bkt, tmp, obj, member) \
    for ((bkt) = 0, obj = NULL; obj == NULL && (bkt) < HASH_SIZE(name); (bkt)++) \
        hlist_for_each_entry_safe(obj, tmp, &(name)[bkt], member)
/* The objects whose key may be key: those in its bucket; compare the key in the body. */
#define hash_for_each_possible(name, obj, member, key) \
    hlist_for_each_entry(obj, &(name)[hash_min(key, HASH_BITS(name))], member)
#define hash_for_each_possible_safe(name, obj, tmp, member, key) \
    hlist_for_each_entry_safe(obj, tmp, &(name)[hash_min(key, HASH_BITS(name))], member)

/* The same for tables RCU readers walk (linux/rculist.h). */
#define hash_add_rcu(table, node, key) hlist_add_head_rcu(node, &(table)[hash_min(key, HASH_BITS(table))])
static inline void hash_del_rcu(struct hlist_node *node) { hlist_del_init_rcu(node); }
#define hash_for_each_rcu(name, bkt, obj, member) \
    for ((bkt) = 0, obj = NULL; obj == NULL && (bkt) < HASH_SIZE(name); (bkt)++) \
        hlist_for_each_entry_rcu(obj, &(name)[bkt], member)
#define hash_for_each_possible_rcu(name, obj, member, key, ...) \
    hlist_for_each_entry_rcu(obj, &(name)[hash_min(key, HASH_BITS(name))], member)

#endif
