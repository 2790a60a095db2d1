/* linux/notifier.h — notifier chains: callbacks, highest priority first, that a subsystem calls
 * with an event until one says stop. Atomic chains are called in any context and their callbacks
 * must not sleep; blocking chains in thread context, and their callbacks may; raw chains leave
 * locking to the caller. A callback is called through its module's fault containment, and a
 * module's unload takes what it left on the kernel's chains off them, with a warning. */
#ifndef _LINUX_NOTIFIER_H
#define _LINUX_NOTIFIER_H
#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/errno.h>
#include <linux/rwsem.h>
#include <linux/spinlock.h>

struct notifier_block;
typedef int (*notifier_fn_t)(struct notifier_block *nb, unsigned long action, void *data);

struct notifier_block {
    notifier_fn_t notifier_call;
    struct notifier_block __rcu *next;
    int priority;
    void *ark_owner;                   /* the module whose callback this is (ark's bookkeeping) */
};

struct atomic_notifier_head {
    spinlock_t lock;
    struct notifier_block __rcu *head;
};
struct blocking_notifier_head {
    struct rw_semaphore rwsem;
    struct notifier_block __rcu *head;
};
struct raw_notifier_head {
    struct notifier_block __rcu *head;
};

#define ATOMIC_NOTIFIER_INIT(name) { __SPIN_LOCK_UNLOCKED((name).lock), NULL }
#define BLOCKING_NOTIFIER_INIT(name) { __RWSEM_INITIALIZER((name).rwsem), NULL }
#define RAW_NOTIFIER_INIT(name) { NULL }
#define ATOMIC_NOTIFIER_HEAD(name) struct atomic_notifier_head name = ATOMIC_NOTIFIER_INIT(name)
#define BLOCKING_NOTIFIER_HEAD(name) struct blocking_notifier_head name = BLOCKING_NOTIFIER_INIT(name)
#define RAW_NOTIFIER_HEAD(name) struct raw_notifier_head name = RAW_NOTIFIER_INIT(name)
#define ATOMIC_INIT_NOTIFIER_HEAD(name) do { spin_lock_init(&(name)->lock); (name)->head = NULL; } while (0)
#define BLOCKING_INIT_NOTIFIER_HEAD(name) do { init_rwsem(&(name)->rwsem); (name)->head = NULL; } while (0)
#define RAW_INIT_NOTIFIER_HEAD(name) do { (name)->head = NULL; } while (0)

#define NOTIFY_DONE      0x0000        /* not interested */
#define NOTIFY_OK        0x0001        /* handled */
#define NOTIFY_STOP_MASK 0x8000        /* call no further callback */
#define NOTIFY_BAD       (NOTIFY_STOP_MASK | 0x0002)
#define NOTIFY_STOP      (NOTIFY_OK | NOTIFY_STOP_MASK)

static inline int notifier_from_errno(int err)
{
    return err ? NOTIFY_STOP_MASK | (NOTIFY_OK - err) : NOTIFY_OK;
}
static inline int notifier_to_errno(int ret)
{
    ret &= ~NOTIFY_STOP_MASK;
    return ret > NOTIFY_OK ? NOTIFY_OK - ret : 0;
}

/* 0, or -EEXIST for a block already on the chain. */
int atomic_notifier_chain_register(struct atomic_notifier_head *nh, struct notifier_block *nb);
int blocking_notifier_chain_register(struct blocking_notifier_head *nh, struct notifier_block *nb);
int raw_notifier_chain_register(struct raw_notifier_head *nh, struct notifier_block *nb);
/* 0, or -ENOENT for a block not on the chain. The atomic form waits until no call still runs it. */
int atomic_notifier_chain_unregister(struct atomic_notifier_head *nh, struct notifier_block *nb);
int blocking_notifier_chain_unregister(struct blocking_notifier_head *nh, struct notifier_block *nb);
int raw_notifier_chain_unregister(struct raw_notifier_head *nh, struct notifier_block *nb);
/* Calls each callback with (action, data) until one returns a value with NOTIFY_STOP_MASK:
 * the last value returned (NOTIFY_DONE for an empty chain). */
int atomic_notifier_call_chain(struct atomic_notifier_head *nh, unsigned long action, void *data);
int blocking_notifier_call_chain(struct blocking_notifier_head *nh, unsigned long action, void *data);
int raw_notifier_call_chain(struct raw_notifier_head *nh, unsigned long action, void *data);
bool atomic_notifier_call_chain_is_empty(struct atomic_notifier_head *nh);
#endif
