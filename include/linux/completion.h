/* linux/completion.h — completions over ark's (ark/sync.h): complete releases one waiter, now or
 * later; complete_all every waiter until reinit_completion. Timeouts are in jiffies. The
 * _interruptible and _killable waits end with -ERESTARTSYS when the process is killed. */
#ifndef _LINUX_COMPLETION_H
#define _LINUX_COMPLETION_H
#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/jiffies.h>
#include "ark/sync.h"

struct completion {
    struct ark_completion ark;
};

#define COMPLETION_INITIALIZER(work) { ARK_COMPLETION_INIT((work).ark) }
#define COMPLETION_INITIALIZER_ONSTACK(work) COMPLETION_INITIALIZER(work)
#define DECLARE_COMPLETION(work) struct completion work = COMPLETION_INITIALIZER(work)
#define DECLARE_COMPLETION_ONSTACK(work) DECLARE_COMPLETION(work)

/* Waits for c at most timeout_ms (< 0: forever); killable: a kill ends the wait. The
 * milliseconds left (at least 1) when completed, 0 when the time ran out, -ERESTARTSYS when
 * killed. */
long ark_linux_wait_for_completion(struct completion *c, long timeout_ms, bool killable);
bool try_wait_for_completion(struct completion *c);
bool completion_done(struct completion *c);

static inline void init_completion(struct completion *c) { ark_completion_init(&c->ark); }
static inline void reinit_completion(struct completion *c) { ark_completion_reinit(&c->ark); }
static inline void complete(struct completion *c) { ark_complete(&c->ark); }
static inline void complete_all(struct completion *c) { ark_complete_all(&c->ark); }
static inline void wait_for_completion(struct completion *c) { ark_wait_for_completion(&c->ark); }
#define wait_for_completion_io(c) wait_for_completion(c)
static inline unsigned long __must_check wait_for_completion_timeout(struct completion *c, unsigned long timeout)
{
    if (timeout >= (unsigned long)LONG_MAX) {
        ark_wait_for_completion(&c->ark);
        return timeout;
    }
    return (unsigned long)ark_linux_wait_for_completion(c, (long)timeout, false);
}
static inline int __must_check wait_for_completion_interruptible(struct completion *c)
{
    long rc = ark_linux_wait_for_completion(c, -1, true);
    return rc < 0 ? (int)rc : 0;
}
static inline int __must_check wait_for_completion_killable(struct completion *c)
{
    return wait_for_completion_interruptible(c);
}
static inline long __must_check wait_for_completion_interruptible_timeout(struct completion *c, unsigned long timeout)
{
    return ark_linux_wait_for_completion(c, timeout >= (unsigned long)LONG_MAX ? -1 : (long)timeout, true);
}
#define wait_for_completion_killable_timeout(c, t) wait_for_completion_interruptible_timeout(c, t)
#endif
