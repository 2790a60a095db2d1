/* linux/poll.h — poll event bits, poll_table and poll_wait, over ark's poll(2) (SYS_POLL): a
 * driver's file_operations.poll calls poll_wait for each wait queue that can change its answer,
 * then returns the events that hold now; the poller sleeps until one of those queues is woken. */
/* A hosted program that happens to have ark's include/ on its path gets the system's header. */
#if __STDC_HOSTED__ && !defined(__ARK_KERNEL__)
#include_next <linux/poll.h>
#else
#ifndef _LINUX_POLL_H
#define _LINUX_POLL_H
#include <linux/types.h>
#include "ark/sync.h"
#define POLLIN     0x0001
#define POLLPRI    0x0002
#define POLLOUT    0x0004
#define POLLERR    0x0008
#define POLLHUP    0x0010
#define POLLNVAL   0x0020
#define POLLRDNORM 0x0040
#define POLLRDBAND 0x0080
#define POLLWRNORM 0x0100
#define POLLWRBAND 0x0200
#define EPOLLIN     ((__poll_t)POLLIN)
#define EPOLLPRI    ((__poll_t)POLLPRI)
#define EPOLLOUT    ((__poll_t)POLLOUT)
#define EPOLLERR    ((__poll_t)POLLERR)
#define EPOLLHUP    ((__poll_t)POLLHUP)
#define EPOLLNVAL   ((__poll_t)POLLNVAL)
#define EPOLLRDNORM ((__poll_t)POLLRDNORM)
#define EPOLLRDBAND ((__poll_t)POLLRDBAND)
#define EPOLLWRNORM ((__poll_t)POLLWRNORM)
#define EPOLLWRBAND ((__poll_t)POLLWRBAND)
/* What a file without a poll operation reports: always readable and writable. */
#define DEFAULT_POLLMASK (EPOLLIN | EPOLLOUT | EPOLLRDNORM | EPOLLWRNORM)

struct file;
/* Opaque: the kernel's table of the queues a poller sleeps on. NULL when the caller will not
 * wait (a timeout of 0, or the final look), which poll_wait ignores. */
typedef struct poll_table_struct poll_table;

void __ark_poll_wait(struct file *filp, struct ark_wait_queue *wq, poll_table *p);
/* The ark wait queue a wait_queue_head_t stands for: linux/wait.h's wait_queue_head_t is ark's
 * wait queue at its start, so the pointer is that queue (linux/wait.h may #undef and redefine
 * this if its layout ever differs). ark's own struct ark_wait_queue is accepted as it is. */
#ifndef __ark_poll_queue
#define __ark_poll_queue(wq) ((struct ark_wait_queue *)(void *)(wq))
#endif
#define poll_wait(filp, wait_address, p)                                                    \
    do {                                                                                    \
        if (p)               /* a NULL queue is ignored by the kernel */                  \
            __ark_poll_wait((filp), __ark_poll_queue(wait_address), (p));                   \
    } while (0)
/* Whether poll_wait would do nothing (the caller is not going to sleep). */
static inline bool poll_does_not_wait(const poll_table *p) { return p == NULL; }
#endif
#endif
