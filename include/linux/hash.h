/* linux/hash.h — multiplicative hashing of integers and pointers into `bits` bits: the value
 * times a constant near 2^32 / phi, keeping the top bits, which spreads sequential keys well. */
#ifndef _LINUX_HASH_H
#define _LINUX_HASH_H
#include <linux/types.h>
#include <linux/compiler.h>

#define GOLDEN_RATIO_32 0x61C88647u
#define GOLDEN_RATIO_64 0x61C8864680B583EBull

static inline u32 __hash_32(u32 val) { return val * GOLDEN_RATIO_32; }
static inline u32 hash_32(u32 val, unsigned int bits) { return bits ? __hash_32(val) >> (32 - bits) : 0; }
static inline u32 hash_64(u64 val, unsigned int bits)
{
    return bits ? (u32)((val * GOLDEN_RATIO_64) >> (64 - bits)) : 0;
}
#define hash_long(val, bits) (sizeof(long) == 4 ? hash_32((u32)(val), bits) : hash_64((u64)(val), bits))
static inline u32 hash_ptr(const void *ptr, unsigned int bits) { return hash_long((unsigned long)ptr, bits); }
static inline u32 hash32_ptr(const void *ptr) { return (u32)(unsigned long)ptr; }

#endif
