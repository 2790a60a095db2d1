/* host/host_sched.c — the host's version of ark/thread.h, ark/sync.h and ark/workqueue.h, so that
 * modules using kernel threads, sleeping, locks and work run under dkm-host: a kernel thread is a
 * POSIX thread, sleeps and wake-ups go through one mutex and condition variable, and work items run
 * in one worker thread. Threads a module's exit left running are stopped when dkm-host cleans up. */
#define _GNU_SOURCE
/* Not host_kapi_internal.h: it brings ark/timer.h, whose timer_create clashes with <time.h>'s. */
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include <time.h>

#include "dkm/dkm.h"
#include "ark/sync.h"
#include "ark/thread.h"
#include "ark/workqueue.h"

struct ark_thread {
    pthread_t pt;
    ark_thread_fn fn;
    void *arg;
    int result;
    bool started, should_stop, exited, woken;
    char name[ARK_THREAD_NAME_MAX];
    struct ark_thread *next;             /* every thread not yet stopped */
};

static pthread_mutex_t sched_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t sched_cond = PTHREAD_COND_INITIALIZER;
static struct ark_thread *threads;
static __thread struct ark_thread *self;
static __thread struct ark_thread main_record;   /* for threads dkm-host did not create */

static struct ark_thread *me(void)
{
    return self ? self : &main_record;
}

/* ---- threads ---- */

static void *thread_main(void *arg)
{
    struct ark_thread *t = arg;
    self = t;
    int rc = t->fn(t->arg);
    pthread_mutex_lock(&sched_lock);
    t->result = rc;
    t->exited = true;
    pthread_cond_broadcast(&sched_cond);
    pthread_mutex_unlock(&sched_lock);
    return NULL;
}

static struct ark_thread *host_thread_create(ark_thread_fn fn, void *arg, const char *name)
{
    if (!fn)
        return NULL;
    struct ark_thread *t = calloc(1, sizeof(*t));
    if (!t)
        return NULL;
    t->fn = fn;
    t->arg = arg;
    snprintf(t->name, sizeof(t->name), "%s", name ? name : "?");
    pthread_mutex_lock(&sched_lock);
    t->next = threads;
    threads = t;
    pthread_mutex_unlock(&sched_lock);
    return t;
}

static void host_thread_start(struct ark_thread *t)
{
    if (!t || t->started)
        return;
    t->started = true;
    if (pthread_create(&t->pt, NULL, thread_main, t) != 0) {
        t->started = false;
        fprintf(stderr, "dkm-host: cannot start thread [%s]\n", t->name);
    }
}

static struct ark_thread *host_thread_run(ark_thread_fn fn, void *arg, const char *name)
{
    struct ark_thread *t = host_thread_create(fn, arg, name);
    host_thread_start(t);
    return t;
}

static int host_thread_stop(struct ark_thread *t)
{
    if (!t)
        return -EINVAL;
    pthread_mutex_lock(&sched_lock);
    for (struct ark_thread **pp = &threads; *pp; pp = &(*pp)->next) {
        if (*pp == t) {
            *pp = t->next;
            break;
        }
    }
    t->should_stop = true;
    t->woken = true;
    pthread_cond_broadcast(&sched_cond);
    pthread_mutex_unlock(&sched_lock);
    int rc = -EINTR;
    if (t->started) {
        pthread_join(t->pt, NULL);
        rc = t->result;
    }
    free(t);
    return rc;
}

static bool host_thread_should_stop(void)
{
    pthread_mutex_lock(&sched_lock);
    bool stop = me()->should_stop;
    pthread_mutex_unlock(&sched_lock);
    return stop;
}

static void host_thread_wake(struct ark_thread *t)
{
    pthread_mutex_lock(&sched_lock);
    t->woken = true;
    pthread_cond_broadcast(&sched_cond);
    pthread_mutex_unlock(&sched_lock);
}

static struct ark_thread *host_thread_current(void) { return me(); }

/* Like the kernel's: ends early when the thread is asked to stop. */
static void host_msleep(uint32_t ms)
{
    struct ark_wait_queue never = ARK_WAIT_QUEUE_INIT(never);
    (void)ark_wait_event_timeout(&never, me()->should_stop, (long)ms);
}

static void host_yield(void) { sched_yield(); }

/* ---- spinlocks: a real spin, as on several CPUs ---- */

static void host_spin_init(ark_spinlock_t *l) { l->locked = 0; l->owner = NULL; }

static void host_spin_lock(ark_spinlock_t *l)
{
    while (__atomic_exchange_n(&l->locked, 1u, __ATOMIC_ACQUIRE))
        sched_yield();
    l->owner = me();
}

static void host_spin_unlock(ark_spinlock_t *l)
{
    l->owner = NULL;
    __atomic_store_n(&l->locked, 0u, __ATOMIC_RELEASE);
}

static unsigned long host_spin_lock_irqsave(ark_spinlock_t *l) { host_spin_lock(l); return 0; }
static void host_spin_unlock_irqrestore(ark_spinlock_t *l, unsigned long f) { (void)f; host_spin_unlock(l); }

/* ---- wait queues, all under sched_lock ---- */

static void host_wait_queue_init(struct ark_wait_queue *wq)
{
    host_spin_init(&wq->lock);
    wq->waiters.next = wq->waiters.prev = &wq->waiters;
}

static void entry_unlink(struct ark_wait_entry *e)
{
    e->link.prev->next = e->link.next;
    e->link.next->prev = e->link.prev;
    e->link.next = e->link.prev = &e->link;
    e->queued = false;
}

static void wake_locked(struct ark_wait_queue *wq, bool all)
{
    while (wq->waiters.next != &wq->waiters) {
        struct ark_wait_entry *e = (struct ark_wait_entry *)wq->waiters.next;
        entry_unlink(e);
        ((struct ark_thread *)e->thread)->woken = true;
        if (!all)
            break;
    }
    pthread_cond_broadcast(&sched_cond);
}

static void host_wake_up(struct ark_wait_queue *wq)
{
    pthread_mutex_lock(&sched_lock);
    wake_locked(wq, false);
    pthread_mutex_unlock(&sched_lock);
}

static void host_wake_up_all(struct ark_wait_queue *wq)
{
    pthread_mutex_lock(&sched_lock);
    wake_locked(wq, true);
    pthread_mutex_unlock(&sched_lock);
}

static bool host_wait_queue_active(struct ark_wait_queue *wq)
{
    pthread_mutex_lock(&sched_lock);
    bool active = wq->waiters.next != &wq->waiters;
    pthread_mutex_unlock(&sched_lock);
    return active;
}

static void host_wait_prepare(struct ark_wait_queue *wq, struct ark_wait_entry *e, unsigned flags)
{
    (void)flags;
    pthread_mutex_lock(&sched_lock);
    if (!e->queued) {
        e->thread = me();
        e->link.prev = wq->waiters.prev;
        e->link.next = &wq->waiters;
        wq->waiters.prev->next = &e->link;
        wq->waiters.prev = &e->link;
        e->queued = true;
        me()->woken = false;
    }
    pthread_mutex_unlock(&sched_lock);
}

static long host_wait_sleep(long timeout_ms)
{
    struct timespec start, deadline;
    clock_gettime(CLOCK_REALTIME, &start);
    deadline = start;
    if (timeout_ms >= 0) {
        deadline.tv_sec += timeout_ms / 1000;
        deadline.tv_nsec += (timeout_ms % 1000) * 1000000L;
        if (deadline.tv_nsec >= 1000000000L) {
            deadline.tv_sec++;
            deadline.tv_nsec -= 1000000000L;
        }
    }
    pthread_mutex_lock(&sched_lock);
    int rc = 0;
    while (!me()->woken && rc != ETIMEDOUT)
        rc = timeout_ms >= 0 ? pthread_cond_timedwait(&sched_cond, &sched_lock, &deadline)
                             : pthread_cond_wait(&sched_cond, &sched_lock);
    me()->woken = false;
    pthread_mutex_unlock(&sched_lock);
    if (timeout_ms < 0)
        return ARK_WAIT_FOREVER;
    struct timespec now;
    clock_gettime(CLOCK_REALTIME, &now);
    long spent = (long)((now.tv_sec - start.tv_sec) * 1000 + (now.tv_nsec - start.tv_nsec) / 1000000);
    return spent >= timeout_ms ? 0 : timeout_ms - spent;
}

static void host_wait_finish(struct ark_wait_queue *wq, struct ark_wait_entry *e)
{
    (void)wq;
    pthread_mutex_lock(&sched_lock);
    if (e->queued)
        entry_unlink(e);
    pthread_mutex_unlock(&sched_lock);
}

static bool host_fatal_signal_pending(void) { return false; }

/* ---- mutexes and completions, on the wait queues above ---- */

static void host_mutex_init(struct ark_mutex *m)
{
    host_spin_init(&m->lock);
    m->owner = NULL;
    host_wait_queue_init(&m->waiters);
}

static bool host_mutex_trylock(struct ark_mutex *m)
{
    pthread_mutex_lock(&sched_lock);
    bool taken = !m->owner;
    if (taken)
        m->owner = me();
    pthread_mutex_unlock(&sched_lock);
    return taken;
}

static void host_mutex_lock(struct ark_mutex *m)
{
    ark_wait_event(&m->waiters, host_mutex_trylock(m));
}

static int host_mutex_lock_killable(struct ark_mutex *m)
{
    host_mutex_lock(m);
    return 0;
}

static void host_mutex_unlock(struct ark_mutex *m)
{
    pthread_mutex_lock(&sched_lock);
    m->owner = NULL;
    wake_locked(&m->waiters, false);
    pthread_mutex_unlock(&sched_lock);
}

static bool host_mutex_is_locked(struct ark_mutex *m) { return m->owner != NULL; }
static bool host_mutex_held_by_me(struct ark_mutex *m) { return m->owner == me(); }

static void host_completion_init(struct ark_completion *c)
{
    c->done = 0;
    host_wait_queue_init(&c->wait);
}

static void host_completion_reinit(struct ark_completion *c)
{
    pthread_mutex_lock(&sched_lock);
    c->done = 0;
    pthread_mutex_unlock(&sched_lock);
}

static void host_complete(struct ark_completion *c)
{
    pthread_mutex_lock(&sched_lock);
    if (c->done != UINT32_MAX)
        c->done++;
    wake_locked(&c->wait, false);
    pthread_mutex_unlock(&sched_lock);
}

static void host_complete_all(struct ark_completion *c)
{
    pthread_mutex_lock(&sched_lock);
    c->done = UINT32_MAX;
    wake_locked(&c->wait, true);
    pthread_mutex_unlock(&sched_lock);
}

static bool host_try_wait_for_completion(struct ark_completion *c)
{
    pthread_mutex_lock(&sched_lock);
    bool ok = c->done > 0;
    if (ok && c->done != UINT32_MAX)
        c->done--;
    pthread_mutex_unlock(&sched_lock);
    return ok;
}

static void host_wait_for_completion(struct ark_completion *c)
{
    ark_wait_event(&c->wait, host_try_wait_for_completion(c));
}

static long host_wait_for_completion_timeout(struct ark_completion *c, long ms)
{
    return ark_wait_event_timeout(&c->wait, host_try_wait_for_completion(c), ms);
}

/* ---- the work queue: one worker thread, started on first use ---- */

static struct ark_list work_queue = ARK_LIST_INIT(work_queue);
static struct ark_work *work_running;
static struct ark_wait_queue work_changed = ARK_WAIT_QUEUE_INIT(work_changed);
static struct ark_thread *worker;

static bool work_take(struct ark_work **out)
{
    pthread_mutex_lock(&sched_lock);
    *out = NULL;
    if (work_queue.next != &work_queue) {
        struct ark_work *w = (struct ark_work *)((char *)work_queue.next - offsetof(struct ark_work, link));
        w->link.prev->next = w->link.next;
        w->link.next->prev = w->link.prev;
        w->link.next = w->link.prev = &w->link;
        w->state = 0;
        work_running = w;
        *out = w;
    }
    pthread_mutex_unlock(&sched_lock);
    return *out != NULL || me()->should_stop;
}

static int worker_main(void *arg)
{
    (void)arg;
    for (;;) {
        struct ark_work *w;
        ark_wait_event(&work_changed, work_take(&w));
        if (!w)
            return 0;
        w->fn(w);
        pthread_mutex_lock(&sched_lock);
        work_running = NULL;
        wake_locked(&work_changed, true);
        pthread_mutex_unlock(&sched_lock);
    }
}

static void host_work_init(struct ark_work *w, ark_work_fn fn)
{
    w->link.next = w->link.prev = &w->link;
    w->fn = fn;
    w->owner = NULL;
    w->state = 0;
}

static bool host_work_queue(struct ark_work *w)
{
    if (!w || !w->fn)
        return false;
    pthread_mutex_lock(&sched_lock);
    if (!worker) {
        pthread_mutex_unlock(&sched_lock);
        struct ark_thread *t = host_thread_run(worker_main, NULL, "kworker");
        pthread_mutex_lock(&sched_lock);
        if (!worker)
            worker = t;
    }
    bool queued = !w->state;
    if (queued) {
        w->state = 1;
        w->link.prev = work_queue.prev;
        w->link.next = &work_queue;
        work_queue.prev->next = &w->link;
        work_queue.prev = &w->link;
        wake_locked(&work_changed, true);
    }
    pthread_mutex_unlock(&sched_lock);
    return queued;
}

static bool host_work_pending(const struct ark_work *w) { return w->state != 0; }

static bool running_is(struct ark_work *w)
{
    pthread_mutex_lock(&sched_lock);
    bool r = work_running == w;
    pthread_mutex_unlock(&sched_lock);
    return r;
}

static bool host_work_cancel_sync(struct ark_work *w)
{
    pthread_mutex_lock(&sched_lock);
    bool was = w->state != 0;
    if (was) {
        w->link.prev->next = w->link.next;
        w->link.next->prev = w->link.prev;
        w->link.next = w->link.prev = &w->link;
        w->state = 0;
    }
    pthread_mutex_unlock(&sched_lock);
    ark_wait_event(&work_changed, !running_is(w));
    return was;
}

static void host_work_flush(struct ark_work *w)
{
    ark_wait_event(&work_changed, !host_work_pending(w) && !running_is(w));
}

/* The ark_* names the wait macros expand to inside this file. */
void ark_wait_prepare(struct ark_wait_queue *wq, struct ark_wait_entry *e, unsigned flags)
{
    host_wait_prepare(wq, e, flags);
}
long ark_wait_sleep(long timeout_ms) { return host_wait_sleep(timeout_ms); }
void ark_wait_finish(struct ark_wait_queue *wq, struct ark_wait_entry *e) { host_wait_finish(wq, e); }
bool ark_fatal_signal_pending(void) { return host_fatal_signal_pending(); }

#define HOST_SCHED_EXPORT(name, fn) { name, (uintptr_t)(fn) }

static const struct { const char *name; uintptr_t addr; } sched_exports[] = {
    HOST_SCHED_EXPORT("ark_thread_create", host_thread_create),
    HOST_SCHED_EXPORT("ark_thread_start", host_thread_start),
    HOST_SCHED_EXPORT("ark_thread_run", host_thread_run),
    HOST_SCHED_EXPORT("ark_thread_stop", host_thread_stop),
    HOST_SCHED_EXPORT("ark_thread_should_stop", host_thread_should_stop),
    HOST_SCHED_EXPORT("ark_thread_wake", host_thread_wake),
    HOST_SCHED_EXPORT("ark_thread_current", host_thread_current),
    HOST_SCHED_EXPORT("ark_msleep", host_msleep),
    HOST_SCHED_EXPORT("ark_yield", host_yield),
    HOST_SCHED_EXPORT("ark_spin_init", host_spin_init),
    HOST_SCHED_EXPORT("ark_spin_lock", host_spin_lock),
    HOST_SCHED_EXPORT("ark_spin_unlock", host_spin_unlock),
    HOST_SCHED_EXPORT("ark_spin_lock_irqsave", host_spin_lock_irqsave),
    HOST_SCHED_EXPORT("ark_spin_unlock_irqrestore", host_spin_unlock_irqrestore),
    HOST_SCHED_EXPORT("ark_wait_queue_init", host_wait_queue_init),
    HOST_SCHED_EXPORT("ark_wake_up", host_wake_up),
    HOST_SCHED_EXPORT("ark_wake_up_all", host_wake_up_all),
    HOST_SCHED_EXPORT("ark_wait_queue_active", host_wait_queue_active),
    HOST_SCHED_EXPORT("ark_wait_prepare", host_wait_prepare),
    HOST_SCHED_EXPORT("ark_wait_sleep", host_wait_sleep),
    HOST_SCHED_EXPORT("ark_wait_finish", host_wait_finish),
    HOST_SCHED_EXPORT("ark_fatal_signal_pending", host_fatal_signal_pending),
    HOST_SCHED_EXPORT("ark_mutex_init", host_mutex_init),
    HOST_SCHED_EXPORT("ark_mutex_lock", host_mutex_lock),
    HOST_SCHED_EXPORT("ark_mutex_lock_killable", host_mutex_lock_killable),
    HOST_SCHED_EXPORT("ark_mutex_trylock", host_mutex_trylock),
    HOST_SCHED_EXPORT("ark_mutex_unlock", host_mutex_unlock),
    HOST_SCHED_EXPORT("ark_mutex_is_locked", host_mutex_is_locked),
    HOST_SCHED_EXPORT("ark_mutex_held_by_me", host_mutex_held_by_me),
    HOST_SCHED_EXPORT("ark_completion_init", host_completion_init),
    HOST_SCHED_EXPORT("ark_completion_reinit", host_completion_reinit),
    HOST_SCHED_EXPORT("ark_complete", host_complete),
    HOST_SCHED_EXPORT("ark_complete_all", host_complete_all),
    HOST_SCHED_EXPORT("ark_wait_for_completion", host_wait_for_completion),
    HOST_SCHED_EXPORT("ark_wait_for_completion_timeout", host_wait_for_completion_timeout),
    HOST_SCHED_EXPORT("ark_try_wait_for_completion", host_try_wait_for_completion),
    HOST_SCHED_EXPORT("ark_work_init", host_work_init),
    HOST_SCHED_EXPORT("ark_work_queue", host_work_queue),
    HOST_SCHED_EXPORT("ark_work_cancel_sync", host_work_cancel_sync),
    HOST_SCHED_EXPORT("ark_work_flush", host_work_flush),
    HOST_SCHED_EXPORT("ark_work_pending", host_work_pending),
};

int host_sched_add_exports(struct dkm_loader *ld);
void host_sched_release_all(void);

int host_sched_add_exports(struct dkm_loader *ld)
{
    for (size_t i = 0; i < sizeof(sched_exports) / sizeof(sched_exports[0]); i++) {
        int rc = dkm_export_add(ld, sched_exports[i].name, sched_exports[i].addr);
        if (rc != 0)
            return rc;
    }
    return 0;
}

/* Stops the threads nobody stopped (the worker, and any a module's exit forgot), with a warning
 * for the latter. */
void host_sched_release_all(void)
{
    for (;;) {
        pthread_mutex_lock(&sched_lock);
        struct ark_thread *t = threads;
        pthread_mutex_unlock(&sched_lock);
        if (!t)
            break;
        if (t != worker)
            fprintf(stderr, "dkm-host: warning: thread [%s] was still running; stopped\n", t->name);
        if (t == worker)
            worker = NULL;
        host_thread_stop(t);
    }
}
