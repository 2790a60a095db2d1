/* kthread.c — kernel threads (ark/thread.h): creation with an owner taken from the thread
 * function's address (or the module whose init/exit is running), stop and should-stop, msleep, and
 * the sweep that stops a module's threads before its memory goes. */
#include "sched.h"
#include "cpu.h"
#include "kmod_weak.h"
#include "ark/errno.h"
#include "ark/kernel.h"
#include "export.h"

/* Threads that belong to a module, so its unload finds them without walking every thread. */
static struct ark_list module_threads = ARK_LIST_INIT(module_threads);
static struct ark_mutex kthread_lock = ARK_MUTEX_INIT(kthread_lock);

/* A module's thread body runs through kmod_call: if it faults, the fault is contained, the module
 * is marked faulted and the thread ends here with -EFAULT (its owner's stop or the unload sweep
 * still reaps it). */
static int kthread_run_body(struct ark_thread *t)
{
    if (!t->owner || !kmod_call)
        return t->fn(t->arg);
    long rc;
    int how = kmod_call(t->owner, (uintptr_t)t->fn, 1, (const uintptr_t[]){ (uintptr_t)t->arg },
                        KMOD_CALL_NO_KILL, &rc);
    if (how == KMOD_CALL_RETURNED)
        return (int)rc;
    printk(KERN_ERR "kthread: [%s] of module '%s' %s; thread stopped\n", t->name,
           kmod_name_or_kernel(t->owner),
           how == KMOD_CALL_FAULTED ? "faulted" : "not started (module faulted)");
    return (int)rc;
}

static void kthread_main(struct ark_thread *t)
{
    cpu_sti();
    klock_acquire();
    if (!t->should_stop)
        t->result = kthread_run_body(t);
    else
        t->result = -EINTR;
    sched_exit_current();
}

struct ark_thread *ark_thread_create(ark_thread_fn fn, void *arg, const char *name)
{
    if (!fn)
        return NULL;
    struct ark_thread *t = sched_thread_alloc(name);
    if (!t)
        return NULL;
    t->tid = sched_next_id();
    t->fn = fn;
    t->arg = arg;
    t->owner = KMOD_OWNER_FOR((uintptr_t)fn, (uintptr_t)arg);
    sched_thread_setup_kernel(t, kthread_main);
    if (t->owner) {
        ark_mutex_lock(&kthread_lock);
        t->owned.prev = module_threads.prev;
        t->owned.next = &module_threads;
        module_threads.prev->next = &t->owned;
        module_threads.prev = &t->owned;
        ark_mutex_unlock(&kthread_lock);
    }
    return t;
}
KERNEL_EXPORT(ark_thread_create);

void ark_thread_start(struct ark_thread *t)
{
    if (!t || t->started)
        return;
    t->started = true;
    sched_thread_make_runnable(t);
}
KERNEL_EXPORT(ark_thread_start);

struct ark_thread *ark_thread_run(ark_thread_fn fn, void *arg, const char *name)
{
    struct ark_thread *t = ark_thread_create(fn, arg, name);
    ark_thread_start(t);
    return t;
}
KERNEL_EXPORT(ark_thread_run);

static void owned_unlink(struct ark_thread *t)
{
    if (t->owned.next == &t->owned)
        return;
    t->owned.prev->next = t->owned.next;
    t->owned.next->prev = t->owned.prev;
    t->owned.next = t->owned.prev = &t->owned;
}

/* Stops t and frees it; the caller holds kthread_lock or t is not on the module list. */
static int stop_and_free(struct ark_thread *t)
{
    t->should_stop = true;
    if (!t->started) {
        sched_thread_free(t);
        return -EINTR;
    }
    sched_wakeup(t);
    ark_wait_event(&t->exit_wait, t->exited);
    int rc = t->result;
    sched_thread_free(t);              /* its stack went when it switched away for the last time */
    return rc;
}

int ark_thread_stop(struct ark_thread *t)
{
    if (!t)
        return -EINVAL;
    if (t == sched_current())
        panic("kthread: [%s] asked to stop itself", t->name);
    ark_mutex_lock(&kthread_lock);
    owned_unlink(t);
    ark_mutex_unlock(&kthread_lock);
    return stop_and_free(t);
}
KERNEL_EXPORT(ark_thread_stop);

bool ark_thread_should_stop(void)
{
    struct ark_thread *t = sched_current();
    return t && t->should_stop;
}
KERNEL_EXPORT(ark_thread_should_stop);

void ark_thread_wake(struct ark_thread *t)
{
    sched_wakeup(t);
}
KERNEL_EXPORT(ark_thread_wake);

struct ark_thread *ark_thread_current(void)
{
    return sched_current();
}
KERNEL_EXPORT(ark_thread_current);

void ark_msleep(uint32_t ms)
{
    uint64_t until = ark_uptime_ms() + ms;
    struct ark_thread *self = sched_current();
    for (;;) {
        uint64_t now = ark_uptime_ms();
        if (now >= until || self->should_stop)
            return;
        sched_current()->state = THREAD_SLEEPING;   /* early wake-ups just sleep again */
        sched_sleep((long)(until - now));
    }
}
KERNEL_EXPORT(ark_msleep);

void ark_yield(void)
{
    schedule();
}
KERNEL_EXPORT(ark_yield);

int kthread_release_owned_by(struct kmod *m)
{
    int stopped = 0;
    if (!m)
        return 0;
    for (;;) {
        struct ark_thread *found = NULL;
        ark_mutex_lock(&kthread_lock);
        for (struct ark_list *n = module_threads.next; n != &module_threads; n = n->next) {
            struct ark_thread *t = (struct ark_thread *)((char *)n - offsetof(struct ark_thread, owned));
            if (t->owner == m) {
                found = t;
                owned_unlink(t);
                break;
            }
        }
        ark_mutex_unlock(&kthread_lock);
        if (!found)
            break;
        printk(KERN_WARNING "kthread: module '%s' left thread [%s] %s; stopping it\n",
               kmod_name_or_kernel(m), found->name, found->exited ? "finished" : "running");
        stop_and_free(found);
        stopped++;
    }
    return stopped;
}
