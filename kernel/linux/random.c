/* random.c — linux/random.h's generator: output blocks are SHA-256(key, counter); after each
 * request the key becomes SHA-256(key, a marker, the time stamp counter), so an output reveals
 * neither earlier nor later ones. The first use seeds the key from the time stamp counter, the
 * uptime and RDRAND when the CPU has it; every request mixes in the counter's value again.
 * Locking: one irqsave spinlock, so any context may ask. */
#include "kapi.h"
#include "lx_internal.h"
#include "crypto.h"
#include <linux/random.h>
#include <linux/spinlock.h>

uint64_t ark_uptime_ms(void);

static DEFINE_SPINLOCK(rng_lock);
static uint8_t key[SHA256_DIGEST_SIZE];
static uint64_t counter;
static bool seeded;

static bool have_rdrand(void)
{
    uint32_t eax = 1, ebx, ecx, edx;
    __asm__ volatile("cpuid" : "+a"(eax), "=b"(ebx), "=c"(ecx), "=d"(edx));
    return (ecx >> 30) & 1;
}

static uint32_t rdrand_or_zero(void)
{
    uint32_t v = 0;
    unsigned char ok = 0;
    for (int tries = 0; tries < 10 && !ok; tries++)
        __asm__ volatile("rdrand %0; setc %1" : "=r"(v), "=qm"(ok));
    return ok ? v : 0;
}

/* With rng_lock held: the key, mixed with what varies now. */
static void rekey_locked(uint8_t marker)
{
    struct sha256_ctx c;
    uint64_t tsc = rdtsc();
    sha256_init(&c);
    sha256_update(&c, key, sizeof key);
    sha256_update(&c, &marker, 1);
    sha256_update(&c, &tsc, sizeof tsc);
    if (!seeded) {
        uint64_t up = ark_uptime_ms();
        sha256_update(&c, &up, sizeof up);
        if (have_rdrand())
            for (int i = 0; i < 8; i++) {
                uint32_t r = rdrand_or_zero();
                sha256_update(&c, &r, sizeof r);
            }
        seeded = true;
    }
    sha256_final(&c, key);
}

void get_random_bytes(void *buf, size_t len)
{
    uint8_t *out = buf;
    unsigned long flags;
    spin_lock_irqsave(&rng_lock, flags);
    rekey_locked(0);
    while (len > 0) {
        struct sha256_ctx c;
        uint8_t block[SHA256_DIGEST_SIZE];
        sha256_init(&c);
        sha256_update(&c, key, sizeof key);
        sha256_update(&c, &counter, sizeof counter);
        sha256_final(&c, block);
        counter++;
        size_t n = len < sizeof block ? len : sizeof block;
        memcpy(out, block, n);
        out += n;
        len -= n;
    }
    rekey_locked(1);                   /* what was handed out cannot be recomputed from the key */
    spin_unlock_irqrestore(&rng_lock, flags);
}
KERNEL_EXPORT(get_random_bytes);

u32 get_random_u32(void)
{
    u32 v;
    get_random_bytes(&v, sizeof v);
    return v;
}
KERNEL_EXPORT(get_random_u32);

u64 get_random_u64(void)
{
    u64 v;
    get_random_bytes(&v, sizeof v);
    return v;
}
KERNEL_EXPORT(get_random_u64);

u32 get_random_u32_below(u32 ceil)
{
    if (ceil <= 1)
        return 0;
    /* Values below 2^32 mod ceil would make the low results likelier: draw again. */
    u32 limit = (u32)(-ceil) % ceil;
    for (;;) {
        u32 v = get_random_u32();
        if (v >= limit)
            return v % ceil;
    }
}
KERNEL_EXPORT(get_random_u32_below);
