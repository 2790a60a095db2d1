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
/* The rest of the numbers drivers commonly return, as on Linux. */
#define ECHRNG          44
#define ENOSR           63
#define EREMOTE         66
#define ECOMM           70
#define EMULTIHOP       72
#define EDOTDOT         73
#define ENOTUNIQ        76
#define EBADFD          77
#define EREMCHG         78
#define EILSEQ          84
#define ERESTART        85
#define EUSERS          87
#define ENOTSOCK        88
#define EDESTADDRREQ    89
#define EMSGSIZE        90
#define EPROTOTYPE      91
#define ENOPROTOOPT     92
#define EPROTONOSUPPORT 93
#define EPFNOSUPPORT    96
#define EAFNOSUPPORT    97
#define EADDRINUSE      98
#define EADDRNOTAVAIL   99
#define ENETDOWN        100
#define ENETUNREACH     101
#define ENETRESET       102
#define ECONNABORTED    103
#define ECONNRESET      104
#define ENOBUFS         105
#define EISCONN         106
#define ENOTCONN        107
#define ESHUTDOWN       108
#define ECONNREFUSED    111
#define EHOSTDOWN       112
#define EHOSTUNREACH    113
#define ESTALE          116
#define EUCLEAN         117
#define EREMOTEIO       121
#define EDQUOT          122
#define ENOMEDIUM       123
#define EMEDIUMTYPE     124
#define EKEYEXPIRED     127
#define EKEYREVOKED     128
#define EOWNERDEAD      130
#define ENOTRECOVERABLE 131
#define ERFKILL         132
#define EHWPOISON       133
#endif
#endif
