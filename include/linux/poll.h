/* linux/poll.h — poll event bits and poll_table. ark has no poll/select system call yet, so a
 * driver's poll operation is accepted but never called; poll_wait needs wait queues. */
/* A hosted program that happens to have ark's include/ on its path gets the system's header. */
#if __STDC_HOSTED__ && !defined(__ARK_KERNEL__)
#include_next <linux/poll.h>
#else
#ifndef _LINUX_POLL_H
#define _LINUX_POLL_H
#include <linux/types.h>
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
#define EPOLLRDNORM ((__poll_t)POLLRDNORM)
#define EPOLLWRNORM ((__poll_t)POLLWRNORM)
typedef struct poll_table_struct { int ark_unused; } poll_table;
#endif
#endif
