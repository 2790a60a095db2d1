/* asm/errno.h — error numbers, the same values as Linux (and as ark's own ark/errno.h). */
/* A hosted program that happens to have ark's include/ on its path gets the system's header. */
#if __STDC_HOSTED__ && !defined(__ARK_KERNEL__)
#include_next <asm/errno.h>
#else
#ifndef _ASM_ERRNO_H
#define _ASM_ERRNO_H
#include "ark/errno.h"
#define ESPIPE_LINUX ESPIPE
#define ENOTBLK      15
#define ETXTBSY      26
#define EMLINK       31
#define EPIPE        32
#define EDOM         33
#define EDEADLK      35
#define ENOLCK       37
#define ELOOP        40
#define EWOULDBLOCK  EAGAIN
#define ENOMSG       42
#define ENOSTR       60
#define ETIME        62
#define ENOLINK      67
#define EPROTO       71
#define ENOTSUPP     524
#define EOPNOTSUPP   95
#define ENOTSUP      EOPNOTSUPP
#define ETIMEDOUT    110
#define EALREADY     114
#define EINPROGRESS  115
#define ECANCELED    125
#define ENOKEY       126
#define ERESTARTSYS  512
#define ERESTARTNOINTR 513
#define ERESTARTNOHAND 514
#define ERESTART_RESTARTBLOCK 516
#define EPROBE_DEFER 517          /* a driver asks to be probed again later */
#endif
#endif
