/* tests/dkm-host/progs/mathy.c — floating point through libm and 64-bit integer division through
 * the compiler's runtime library (partially linked in), run with dkm-host --libc --entry main. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>

static volatile uint64_t big = 10000000000ULL;
static volatile uint32_t parts = 7;

int main(void)
{
    double r = sqrt(2.0) * cos(0.0) + pow(2.0, 10.0);
    uint64_t q = big / parts, m = big % parts;
    printf("r=%.4f q=%llu m=%llu\n", r, (unsigned long long)q, (unsigned long long)m);
    return (int)(q % 100);   /* 1428571428 % 100 = 28: the exit status */
}
