/* ark/thread.h — kernel threads and sleeping, for the kernel and for modules. A thread belongs to
 * the module whose code holds its function (or, for a kernel function, to the module whose init or
 * exit created it); unloading a module stops its threads that are still running, so a module's
 * exit should stop them itself, in the order it needs. Threads are preempted like processes. */
#ifndef ARK_THREAD_H
#define ARK_THREAD_H

#include "ark/types.h"

struct ark_thread;                      /* opaque */
typedef int (*ark_thread_fn)(void *arg);

#define ARK_THREAD_NAME_MAX 24

/* A new thread that will run fn(arg) once started; NULL when out of memory or threads. name
 * (truncated to ARK_THREAD_NAME_MAX - 1 bytes) shows in ps as [name/module]. */
struct ark_thread *ark_thread_create(ark_thread_fn fn, void *arg, const char *name);
void ark_thread_start(struct ark_thread *t);
/* create and start in one call. */
struct ark_thread *ark_thread_run(ark_thread_fn fn, void *arg, const char *name);
/* Asks t to stop (ark_thread_should_stop() turns true in it and it is woken from any sleep), waits
 * until its function has returned, frees it and returns what the function returned. A thread that
 * was never started returns -EINTR without running. Thread context only; never from t itself. */
int  ark_thread_stop(struct ark_thread *t);
bool ark_thread_should_stop(void);      /* in a thread made by ark_thread_create */
void ark_thread_wake(struct ark_thread *t);   /* ends a sleep of t early (it re-checks its condition) */
struct ark_thread *ark_thread_current(void);

/* Sleeps ms milliseconds (thread context), or less in a thread asked to stop, so that
 * ark_thread_stop never waits for a sleep to run out. */
void ark_msleep(uint32_t ms);
/* Lets other runnable threads run first. */
void ark_yield(void);

#endif
