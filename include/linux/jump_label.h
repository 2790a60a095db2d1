/* linux/jump_label.h — static keys: flags that code tests on a hot path and that change rarely.
 * Linux patches the branch into a jump or a no-op when a key changes; ark reads the key's count
 * instead, which behaves the same (a key is on while its count is positive) at the cost of a load
 * and a compare. static_branch_enable and the others may be called from any context here; Linux
 * lets them sleep, so code written for it never calls them in atomic context anyway. */
#ifndef _LINUX_JUMP_LABEL_H
#define _LINUX_JUMP_LABEL_H
#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/atomic.h>

struct static_key {
    atomic_t enabled;                  /* on while positive */
};
struct static_key_true {
    struct static_key key;
};
struct static_key_false {
    struct static_key key;
};

#define STATIC_KEY_INIT_TRUE  { .enabled = ATOMIC_INIT(1) }
#define STATIC_KEY_INIT_FALSE { .enabled = ATOMIC_INIT(0) }
#define STATIC_KEY_INIT       STATIC_KEY_INIT_FALSE
#define STATIC_KEY_TRUE_INIT  (struct static_key_true) { .key = STATIC_KEY_INIT_TRUE }
#define STATIC_KEY_FALSE_INIT (struct static_key_false) { .key = STATIC_KEY_INIT_FALSE }

#define DEFINE_STATIC_KEY_TRUE(name)  struct static_key_true name = { .key = STATIC_KEY_INIT_TRUE }
#define DEFINE_STATIC_KEY_FALSE(name) struct static_key_false name = { .key = STATIC_KEY_INIT_FALSE }
#define DEFINE_STATIC_KEY_TRUE_RO(name)  DEFINE_STATIC_KEY_TRUE(name)
#define DEFINE_STATIC_KEY_FALSE_RO(name) DEFINE_STATIC_KEY_FALSE(name)
#define DECLARE_STATIC_KEY_TRUE(name)  extern struct static_key_true name
#define DECLARE_STATIC_KEY_FALSE(name) extern struct static_key_false name
#define DEFINE_STATIC_KEY_ARRAY_TRUE(name, count) \
    struct static_key_true name[count] = { [0 ... (count) - 1] = { .key = STATIC_KEY_INIT_TRUE } }
#define DEFINE_STATIC_KEY_ARRAY_FALSE(name, count) \
    struct static_key_false name[count] = { [0 ... (count) - 1] = { .key = STATIC_KEY_INIT_FALSE } }

static inline int static_key_count(struct static_key *key) { return atomic_read(&key->enabled); }
static inline void static_key_slow_inc(struct static_key *key) { atomic_inc(&key->enabled); }
static inline void static_key_slow_dec(struct static_key *key) { atomic_dec(&key->enabled); }
/* Enable and disable set the key to on (1) or off (0), whatever counting came before, as Linux's
 * do for a key that only they use. */
static inline void static_key_enable(struct static_key *key) { atomic_set(&key->enabled, 1); }
static inline void static_key_disable(struct static_key *key) { atomic_set(&key->enabled, 0); }

/* The struct static_key inside any of the three key types. */
#define ark_static_key_of(x) _Generic((x),                                            \
    struct static_key *: (struct static_key *)(x),                                    \
    const struct static_key *: (struct static_key *)(x),                              \
    struct static_key_true *: &((struct static_key_true *)(x))->key,                  \
    const struct static_key_true *: &((struct static_key_true *)(x))->key,            \
    struct static_key_false *: &((struct static_key_false *)(x))->key,                \
    const struct static_key_false *: &((struct static_key_false *)(x))->key)

#define static_key_enabled(x) (static_key_count(ark_static_key_of(x)) > 0)
/* The older names, on a plain struct static_key. */
static inline bool static_key_false(struct static_key *key) { return unlikely(static_key_count(key) > 0); }
static inline bool static_key_true(struct static_key *key) { return likely(static_key_count(key) > 0); }

#define static_branch_likely(x)   likely(static_key_enabled(x))
#define static_branch_unlikely(x) unlikely(static_key_enabled(x))
#define static_branch_enable(x)   static_key_enable(ark_static_key_of(x))
#define static_branch_disable(x)  static_key_disable(ark_static_key_of(x))
#define static_branch_inc(x)      static_key_slow_inc(ark_static_key_of(x))
#define static_branch_dec(x)      static_key_slow_dec(ark_static_key_of(x))
#define static_branch_enable_cpuslocked(x)  static_branch_enable(x)
#define static_branch_disable_cpuslocked(x) static_branch_disable(x)
#define static_key_enable_cpuslocked(k)     static_key_enable(k)
#define static_key_disable_cpuslocked(k)    static_key_disable(k)

#endif
