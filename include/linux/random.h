/* linux/random.h — random numbers from the kernel's generator: SHA-256 over a key and a counter,
 * the key re-derived after every request and mixed with the time stamp counter (and RDRAND where
 * the CPU has it). Unpredictable enough for hashing, jitter and test data; under emulation the
 * seed has little entropy, so do not make keys from it. Any context. */
#ifndef _LINUX_RANDOM_H
#define _LINUX_RANDOM_H
#include <linux/types.h>

void get_random_bytes(void *buf, size_t len);
u32 get_random_u32(void);
u64 get_random_u64(void);
static inline u8 get_random_u8(void) { return (u8)get_random_u32(); }
static inline u16 get_random_u16(void) { return (u16)get_random_u32(); }
static inline unsigned int get_random_int(void) { return get_random_u32(); }
static inline unsigned long get_random_long(void) { return get_random_u32(); }
/* Uniform in [0, ceil) (ceil > 0), without the bias of a plain modulo. */
u32 get_random_u32_below(u32 ceil);
static inline u32 get_random_u32_inclusive(u32 floor, u32 ceil)
{
    return floor + (ceil - floor == 0xffffffffu ? get_random_u32() : get_random_u32_below(ceil - floor + 1));
}
static inline u32 get_random_u32_above(u32 floor) { return floor + 1 + get_random_u32_below(0xffffffffu - floor); }
#define prandom_u32_max(ceil) get_random_u32_below(ceil)
static inline int get_random_bytes_wait(void *buf, size_t len) { get_random_bytes(buf, len); return 0; }
static inline int wait_for_random_bytes(void) { return 0; }
#endif
