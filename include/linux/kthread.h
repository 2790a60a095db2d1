/* linux/kthread.h — kernel threads over ark's (ark/thread.h). kthread_create makes a stopped
 * thread named like printf, wake_up_process starts it, kthread_run does both; kthread_stop asks it
 * to stop (kthread_should_stop turns true, any sleep ends), waits for it and returns its result.
 * A thread that ends by itself (returning, kthread_exit) keeps its result for a later kthread_stop;
 * what no kthread_stop collected is freed at the module's unload. The threads belong to the
 * module whose code they run: its unload stops those still running, with a warning. */
#ifndef _LINUX_KTHREAD_H
#define _LINUX_KTHREAD_H
#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/err.h>
#include <linux/sched.h>

struct completion;

/* The thread entry that runs in the module's code, so that the thread belongs to the module by
 * construction; kthread_exit jumps back here from anywhere in threadfn. */
static inline int __ark_kthread_entry(void *arg)
{
    struct task_struct *k = (struct task_struct *)arg;
    if (__builtin_setjmp(k->ark_exit_jmp))
        return (int)k->ark_exit_code;
    return k->ark_threadfn(k->ark_data);
}

struct task_struct *ark_linux_kthread_create(int (*entry)(void *), int (*threadfn)(void *data),
                                             void *data, const char *namefmt, ...) __printf(4, 5);
#define kthread_create(threadfn, data, namefmt, ...) \
    ark_linux_kthread_create(__ark_kthread_entry, threadfn, data, namefmt, ##__VA_ARGS__)
#define kthread_create_on_node(threadfn, data, node, namefmt, ...) \
    kthread_create(threadfn, data, namefmt, ##__VA_ARGS__)
#define kthread_create_on_cpu(threadfn, data, cpu, namefmt) kthread_create(threadfn, data, namefmt, cpu)
#define kthread_run(threadfn, data, namefmt, ...)                                           \
    ({                                                                                      \
        struct task_struct *__k = kthread_create(threadfn, data, namefmt, ##__VA_ARGS__);   \
        if (!IS_ERR(__k))                                                                   \
            wake_up_process(__k);                                                           \
        __k;                                                                                \
    })
int kthread_stop(struct task_struct *k);
int kthread_stop_put(struct task_struct *k);
bool kthread_should_stop(void);
/* Ends the calling kthread with result (what kthread_stop returns). */
void __noreturn kthread_exit(long result);
/* Completes comp, then ends the calling kthread: the way a module's exit can wait for a thread
 * that ends by itself. */
void __noreturn kthread_complete_and_exit(struct completion *comp, long result);
/* One CPU: binding has nothing to choose. */
static inline void kthread_bind(struct task_struct *k, unsigned int cpu) { (void)k; (void)cpu; }
static inline bool kthread_should_park(void) { return false; }
struct task_struct *ark_linux_kthread_task(void);
static inline void *kthread_data(struct task_struct *k) { return k->ark_data; }
#endif
