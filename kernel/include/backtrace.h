/* backtrace.h — the walk along a kernel stack's frame pointers (kernel/arch/i386/backtrace.c). */
#ifndef KERNEL_BACKTRACE_H
#define KERNEL_BACKTRACE_H

#include "ark/types.h"

#define BACKTRACE_MAX 32

/* Both words of the frame at ebp are mapped kernel memory: a corrupted chain must end the walk,
 * not fault inside a report. */
bool backtrace_frame_readable(uint32_t ebp);
/* Calls emit for each return address on the chain from ebp, numbering from depth, up to max. */
void backtrace_walk(uint32_t ebp, int depth, int max, void (*emit)(int depth, uint32_t ret, const char *sym));
void dump_stack(void);

#endif
