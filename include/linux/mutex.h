/* linux/mutex.h — sleeping locks over ark's mutexes (ark/sync.h): thread context only, only the
 * holder unlocks, no recursion. The _interruptible and _killable forms give up with -EINTR when
 * the process is killed (ark delivers no other signal to kernel code). */
#ifndef _LINUX_MUTEX_H
#define _LINUX_MUTEX_H
#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/lockdep.h>
#include "ark/sync.h"

struct mutex {
    struct ark_mutex ark;
};

#define __MUTEX_INITIALIZER(name) { ARK_MUTEX_INIT((name).ark) }
#define DEFINE_MUTEX(name) struct mutex name = __MUTEX_INITIALIZER(name)

static inline void mutex_init(struct mutex *m) { ark_mutex_init(&m->ark); }
static inline void mutex_destroy(struct mutex *m) { (void)m; }
static inline void mutex_lock(struct mutex *m) { ark_mutex_lock(&m->ark); }
static inline int __must_check mutex_lock_interruptible(struct mutex *m) { return ark_mutex_lock_killable(&m->ark); }
static inline int __must_check mutex_lock_killable(struct mutex *m) { return ark_mutex_lock_killable(&m->ark); }
/* 1 when taken, 0 when someone holds it. */
static inline int mutex_trylock(struct mutex *m) { return ark_mutex_trylock(&m->ark) ? 1 : 0; }
static inline void mutex_unlock(struct mutex *m) { ark_mutex_unlock(&m->ark); }
static inline bool mutex_is_locked(struct mutex *m) { return ark_mutex_is_locked(&m->ark); }
#define mutex_lock_nested(m, subclass) mutex_lock(m)
#define mutex_lock_interruptible_nested(m, subclass) mutex_lock_interruptible(m)
#endif
