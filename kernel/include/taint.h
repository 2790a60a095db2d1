/* taint.h — the kernel's taint flags: what has happened since boot that makes a bug report less
 * trustworthy. Bit numbers and letters are Linux's where the meaning is the same, so
 * /proc/sys/kernel/tainted reads as it would there. */
#ifndef KERNEL_TAINT_H
#define KERNEL_TAINT_H

#include "ark/types.h"

enum taint_flag {
    TAINT_PROPRIETARY = 0,   /* P: a module whose license is not GPL-compatible, or has none */
    TAINT_FORCED_LOAD = 1,   /* F: insmod -f loaded a module past its ABI record */
    TAINT_FORCED_UNLOAD = 3, /* R: a module was unloaded by force while in use */
    TAINT_DIE = 7,           /* D: an oops happened (taint_oops) */
    TAINT_WARN = 9,          /* W: the kernel warned about a bug (a module left objects behind) */
    TAINT_OOT = 12,          /* O: a module not built by the ark tree (no intree=Y) */
    TAINT_UNSIGNED = 13,     /* E: a module without a valid signature from a trusted key */
};
#define TAINT_BIT(f) (1u << (f))

void taint_add(enum taint_flag flag);
uint32_t taint_mask(void);
/* Letters of mask in bit order, e.g. "PE"; "" when mask is 0. buf holds at least 20 bytes. */
void taint_letters(uint32_t mask, char *buf, size_t size);
/* The hook for oops handling: records D. */
void taint_oops(void);
void taint_proc_init(void);        /* creates /proc/sys/kernel/tainted */

#endif
