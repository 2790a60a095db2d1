/* linux/cache.h — __ro_after_init (data written only while the module's init runs, read-only once
 * it has returned) and the cache-line size of the i386 machines ark runs on. */
#ifndef _LINUX_CACHE_H
#define _LINUX_CACHE_H

#include <linux/compiler.h>

#ifndef __ro_after_init
#define __ro_after_init __attribute__((section(".data..ro_after_init")))
#endif

#define L1_CACHE_SHIFT 6
#define L1_CACHE_BYTES (1 << L1_CACHE_SHIFT)
#define SMP_CACHE_BYTES L1_CACHE_BYTES
#define ____cacheline_aligned __attribute__((__aligned__(SMP_CACHE_BYTES)))

#endif
