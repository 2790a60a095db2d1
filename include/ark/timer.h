/* ark/timer.h — kernel timers. Callbacks run in interrupt context: keep them short, never block. */
#ifndef ARK_TIMER_H
#define ARK_TIMER_H

#include "ark/types.h"

struct ark_timer;   /* opaque */
typedef void (*ark_timer_fn)(void *arg);

struct ark_timer *timer_create(ark_timer_fn fn, void *arg);                  /* NULL if out of memory */
int  timer_start(struct ark_timer *t, uint32_t period_ms, bool periodic);    /* (re)arms it */
void timer_stop(struct ark_timer *t);                                        /* safe if not armed */
void timer_destroy(struct ark_timer *t);                                     /* stops, then frees */

#endif
