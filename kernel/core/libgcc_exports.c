/* libgcc_exports.c — the compiler's 64-bit arithmetic helpers, linked into the kernel from libgcc
 * and exported so that modules doing 64-bit division (e.g. on ark_uptime_ms()) link without
 * carrying their own copy. */
#include "export.h"

extern long long __divdi3(long long, long long);
extern long long __moddi3(long long, long long);
extern unsigned long long __udivdi3(unsigned long long, unsigned long long);
extern unsigned long long __umoddi3(unsigned long long, unsigned long long);

KERNEL_EXPORT(__divdi3);
KERNEL_EXPORT(__moddi3);
KERNEL_EXPORT(__udivdi3);
KERNEL_EXPORT(__umoddi3);
