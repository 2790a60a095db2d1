/* taint.h — the kernel's taint flags: marks that something happened after which the kernel's
 * state can no longer be fully trusted (a module faulted and was cut off). Panic reports print
 * them. */
#ifndef KERNEL_TAINT_H
#define KERNEL_TAINT_H

#define TAINT_DIE 0x1u               /* 'D': a fault in module code was contained (an oops) */

void taint_add(unsigned flag);
unsigned taint_flags(void);
/* "D" etc., or "" when untainted; buf needs 8 bytes. */
const char *taint_string(char *buf, unsigned size);

#endif
