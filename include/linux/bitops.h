/* linux/bitops.h — bit operations on unsigned long arrays: atomic (set_bit, test_and_set_bit, ...)
 * and non-atomic (__set_bit, ...) forms, searches and counting. */
#ifndef _LINUX_BITOPS_H
#define _LINUX_BITOPS_H
#include <linux/types.h>
#include <linux/compiler.h>

#define BITS_PER_LONG      32
#define BITS_PER_LONG_LONG 64
#define BITS_PER_BYTE      8
#define BIT(nr)            (1UL << (nr))
#define BIT_ULL(nr)        (1ULL << (nr))
#define BIT_MASK(nr)       (1UL << ((nr) % BITS_PER_LONG))
#define BIT_WORD(nr)       ((nr) / BITS_PER_LONG)
#define BITS_TO_LONGS(nr)  (((nr) + BITS_PER_LONG - 1) / BITS_PER_LONG)
#define GENMASK(h, l)      (((~0UL) - (1UL << (l)) + 1) & (~0UL >> (BITS_PER_LONG - 1 - (h))))
#define GENMASK_ULL(h, l)  (((~0ULL) - (1ULL << (l)) + 1) & (~0ULL >> (63 - (h))))
#define DECLARE_BITMAP(name, bits) unsigned long name[BITS_TO_LONGS(bits)]

static __always_inline void set_bit(long nr, volatile unsigned long *addr)
{ __atomic_fetch_or(&addr[BIT_WORD(nr)], BIT_MASK(nr), __ATOMIC_RELAXED); }
static __always_inline void clear_bit(long nr, volatile unsigned long *addr)
{ __atomic_fetch_and(&addr[BIT_WORD(nr)], ~BIT_MASK(nr), __ATOMIC_RELAXED); }
static __always_inline void change_bit(long nr, volatile unsigned long *addr)
{ __atomic_fetch_xor(&addr[BIT_WORD(nr)], BIT_MASK(nr), __ATOMIC_RELAXED); }
static __always_inline bool test_and_set_bit(long nr, volatile unsigned long *addr)
{ return __atomic_fetch_or(&addr[BIT_WORD(nr)], BIT_MASK(nr), __ATOMIC_SEQ_CST) & BIT_MASK(nr); }
static __always_inline bool test_and_clear_bit(long nr, volatile unsigned long *addr)
{ return __atomic_fetch_and(&addr[BIT_WORD(nr)], ~BIT_MASK(nr), __ATOMIC_SEQ_CST) & BIT_MASK(nr); }
static __always_inline bool test_and_change_bit(long nr, volatile unsigned long *addr)
{ return __atomic_fetch_xor(&addr[BIT_WORD(nr)], BIT_MASK(nr), __ATOMIC_SEQ_CST) & BIT_MASK(nr); }
static __always_inline bool test_bit(long nr, const volatile unsigned long *addr)
{ return (addr[BIT_WORD(nr)] >> (nr % BITS_PER_LONG)) & 1UL; }
static __always_inline void __set_bit(long nr, volatile unsigned long *addr) { addr[BIT_WORD(nr)] |= BIT_MASK(nr); }
static __always_inline void __clear_bit(long nr, volatile unsigned long *addr) { addr[BIT_WORD(nr)] &= ~BIT_MASK(nr); }
static __always_inline void __change_bit(long nr, volatile unsigned long *addr) { addr[BIT_WORD(nr)] ^= BIT_MASK(nr); }
static __always_inline bool __test_and_set_bit(long nr, volatile unsigned long *addr)
{ bool old = test_bit(nr, addr); __set_bit(nr, addr); return old; }
static __always_inline bool __test_and_clear_bit(long nr, volatile unsigned long *addr)
{ bool old = test_bit(nr, addr); __clear_bit(nr, addr); return old; }

/* ffs/fls count from 1 (0: no bit set); __ffs/__fls from 0 and need a non-zero word. */
static __always_inline int ffs(int x) { return __builtin_ffs(x); }
static __always_inline int fls(unsigned int x) { return x ? 32 - __builtin_clz(x) : 0; }
static __always_inline unsigned long __ffs(unsigned long w) { return (unsigned long)__builtin_ctzl(w); }
static __always_inline unsigned long __fls(unsigned long w) { return 31UL - (unsigned long)__builtin_clzl(w); }
static __always_inline unsigned long ffz(unsigned long w) { return __ffs(~w); }
static __always_inline int fls64(u64 x) { return x ? 64 - __builtin_clzll(x) : 0; }
static __always_inline unsigned int hweight8(unsigned int w) { return (unsigned int)__builtin_popcount(w & 0xffu); }
static __always_inline unsigned int hweight16(unsigned int w) { return (unsigned int)__builtin_popcount(w & 0xffffu); }
static __always_inline unsigned int hweight32(unsigned int w) { return (unsigned int)__builtin_popcount(w); }
static __always_inline unsigned long hweight64(u64 w) { return (unsigned long)__builtin_popcountll(w); }
static __always_inline unsigned long hweight_long(unsigned long w) { return (unsigned long)__builtin_popcountl(w); }
static __always_inline u32 rol32(u32 w, unsigned int s) { return (w << (s & 31)) | (w >> ((-s) & 31)); }
static __always_inline u32 ror32(u32 w, unsigned int s) { return (w >> (s & 31)) | (w << ((-s) & 31)); }

/* The first set (or clear) bit at or after offset, or size when there is none. */
static inline unsigned long ark_find_bit(const unsigned long *addr, unsigned long size,
                                         unsigned long offset, unsigned long invert)
{
    while (offset < size) {
        unsigned long word = addr[BIT_WORD(offset)] ^ invert;
        word &= ~0UL << (offset % BITS_PER_LONG);
        if (word) {
            unsigned long bit = (offset & ~(unsigned long)(BITS_PER_LONG - 1)) + __ffs(word);
            return bit < size ? bit : size;
        }
        offset = (offset | (BITS_PER_LONG - 1)) + 1;
    }
    return size;
}
static inline unsigned long find_next_bit(const unsigned long *addr, unsigned long size, unsigned long offset)
{ return ark_find_bit(addr, size, offset, 0); }
static inline unsigned long find_next_zero_bit(const unsigned long *addr, unsigned long size, unsigned long offset)
{ return ark_find_bit(addr, size, offset, ~0UL); }
static inline unsigned long find_first_bit(const unsigned long *addr, unsigned long size)
{ return ark_find_bit(addr, size, 0, 0); }
static inline unsigned long find_first_zero_bit(const unsigned long *addr, unsigned long size)
{ return ark_find_bit(addr, size, 0, ~0UL); }
#define for_each_set_bit(bit, addr, size) \
    for ((bit) = find_first_bit((addr), (size)); (bit) < (size); (bit) = find_next_bit((addr), (size), (bit) + 1))
#define for_each_clear_bit(bit, addr, size) \
    for ((bit) = find_first_zero_bit((addr), (size)); (bit) < (size); (bit) = find_next_zero_bit((addr), (size), (bit) + 1))
static inline void bitmap_zero(unsigned long *dst, unsigned int nbits)
{ for (unsigned int i = 0; i < BITS_TO_LONGS(nbits); i++) dst[i] = 0; }
static inline unsigned int bitmap_weight(const unsigned long *src, unsigned int nbits)
{
    unsigned int w = 0;
    for (unsigned int i = 0; i < nbits; i++)
        w += test_bit(i, src);
    return w;
}
#endif
