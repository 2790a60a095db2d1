/* two_file/util.c — helpers for two_file/main.c, in their own translation unit. */
#include "two_file.h"

int two_file_sum(int n)
{
    int total = 0;
    for (int i = 1; i <= n; i++)
        total += i;
    return total;
}

uint64_t two_file_scale(uint64_t value, uint32_t factor)
{
    return value * factor;
}
