/* int64.c — 64-bit integer arithmetic on a 32-bit target: division and modulo (libgcc's __divdi3,
 * __udivdi3, __moddi3, __umoddi3), shifts, multiplication, and base conversion. */
#include <stdint.h>
#include <stdio.h>

static uint64_t state = 0x123456789abcdefULL;
static uint64_t next(void)
{
    /* xorshift64* */
    state ^= state >> 12;
    state ^= state << 25;
    state ^= state >> 27;
    return state * 2685821657736338717ULL;
}

static void to_base(uint64_t v, unsigned base, char *out)
{
    char tmp[72];
    int n = 0;
    do {
        tmp[n++] = "0123456789abcdefghijklmnopqrstuvwxyz"[v % base];
        v /= base;
    } while (v);
    while (n) *out++ = tmp[--n];
    *out = 0;
}

static uint64_t gcd(uint64_t a, uint64_t b)
{
    while (b) {
        uint64_t t = a % b;
        a = b;
        b = t;
    }
    return a;
}

static uint64_t mulmod(uint64_t a, uint64_t b, uint64_t m)
{
    /* double-and-add: no 128-bit type on i386 */
    uint64_t r = 0;
    a %= m;
    while (b) {
        if (b & 1) r = (r + a) % m;
        a = (a << 1) % m;
        b >>= 1;
    }
    return r;
}

static uint64_t powmod(uint64_t b, uint64_t e, uint64_t m)
{
    uint64_t r = 1;
    b %= m;
    while (e) {
        if (e & 1) r = mulmod(r, b, m);
        b = mulmod(b, b, m);
        e >>= 1;
    }
    return r;
}

int main(void)
{
    uint64_t usum = 0, umod = 0;
    int64_t ssum = 0, smod = 0;
    for (int i = 0; i < 2000; i++) {
        uint64_t a = next(), b = next() >> (i % 60);
        if (b == 0) b = 7;
        usum += a / b;
        umod ^= a % b;
        int64_t sa = (int64_t)a, sb = (int64_t)(b | 1) * ((i & 1) ? -1 : 1);
        ssum += sa / sb;
        smod += sa % sb;
    }
    printf("udiv sum %llu umod xor %llu\n", (unsigned long long)usum, (unsigned long long)umod);
    printf("sdiv sum %lld smod sum %lld\n", (long long)ssum, (long long)smod);

    volatile int64_t n = -7000000000LL, d = 3;
    printf("%lld / %lld = %lld rem %lld\n", (long long)n, (long long)d, (long long)(n / d),
           (long long)(n % d));
    volatile uint64_t big = 0xffffffffffffffffULL;
    volatile unsigned sh = 37;
    printf("shifts %llx %llx %llx\n", (unsigned long long)(big << sh), (unsigned long long)(big >> sh),
           (unsigned long long)((int64_t)big >> sh));

    char buf[72];
    const unsigned bases[] = { 2, 8, 10, 16, 36 };
    for (int i = 0; i < 5; i++) {
        to_base(0xfedcba9876543210ULL, bases[i], buf);
        printf("base %2u: %s\n", bases[i], buf);
    }
    printf("gcd %llu\n", (unsigned long long)gcd(1234567890123456ULL, 9876543210987654ULL));
    printf("powmod %llu\n", (unsigned long long)powmod(123456789, 1000000007ULL, 998244353ULL));
    return (int)(usum % 7);
}
