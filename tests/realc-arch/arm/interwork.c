/* interwork.c — ARM and Thumb code in one program: calls, tail calls and function pointers in
 * both directions between the two instruction sets, tail calls into the C library and callbacks
 * from it. Each function is in its own section (-ffunction-sections), so every call is a relocation
 * the loader resolves: BL becoming BLX, and B, which cannot switch sets, through a stub. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define ARM __attribute__((target("arm"), noinline))
#define THUMB __attribute__((target("thumb"), noinline))

ARM int arm_leaf(int x)
{
    return x * 3;
}

THUMB int thumb_leaf(int x)
{
    return x + 5;
}

/* calls (BL to the other set becomes BLX) */
ARM int arm_calls_thumb(int x)
{
    return thumb_leaf(x) * 2;
}

THUMB int thumb_calls_arm(int x)
{
    return arm_leaf(x) * 2;
}

/* tail calls (B and B.W cannot switch sets) */
ARM int arm_tail_thumb(int x)
{
    return thumb_leaf(x + 1);
}

THUMB int thumb_tail_arm(int x)
{
    return arm_leaf(x + 1);
}

ARM int arm_tail_libc(const char *s)
{
    return puts(s);
}

THUMB int thumb_tail_libc(const char *s)
{
    return puts(s);
}

/* callbacks from the C library in each set */
ARM int arm_cmp(const void *a, const void *b)
{
    return *(const int *)a - *(const int *)b;
}

THUMB int thumb_cmp(const void *a, const void *b)
{
    return *(const int *)b - *(const int *)a;
}

static int (*const table[])(int) = {arm_leaf, thumb_leaf, arm_calls_thumb, thumb_calls_arm,
                                    arm_tail_thumb, thumb_tail_arm};

int main(void)
{
    int sum = 0;
    for (unsigned i = 0; i < sizeof table / sizeof table[0]; i++) {
        int r = table[i](7 + (int)i);
        printf("table[%u](%u) = %d\n", i, 7 + i, r);
        sum += r;
    }
    printf("direct: %d %d %d %d\n", arm_calls_thumb(1), thumb_calls_arm(2), arm_tail_thumb(3),
           thumb_tail_arm(4));
    /* a Thumb function's address has bit 0 set, an ARM one's does not */
    printf("thumb bits: %d %d\n", (int)((uintptr_t)table[0] & 1), (int)((uintptr_t)table[1] & 1));
    int v[] = {5, 3, 9, 1, 7};
    qsort(v, 5, sizeof v[0], arm_cmp);
    printf("arm sort: %d %d %d %d %d\n", v[0], v[1], v[2], v[3], v[4]);
    qsort(v, 5, sizeof v[0], thumb_cmp);
    printf("thumb sort: %d %d %d %d %d\n", v[0], v[1], v[2], v[3], v[4]);
    arm_tail_libc("arm tail call into the C library");
    thumb_tail_libc("thumb tail call into the C library");
    return sum % 256;
}
