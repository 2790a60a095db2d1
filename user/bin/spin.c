/* spin [MS] — keeps the CPU busy without any system call, forever or for MS milliseconds of
 * uptime: a test load for the scheduler (a program that never gives up the CPU by itself). */
#include "ulib.h"

int main(int argc, char **argv)
{
    uint32_t ms = 0;
    if (argc > 2 || (argc == 2 && !parse_u32(argv[1], &ms)))
        return usage_error("spin", "[MILLISECONDS]");
    printf("spin: pid %d running\n", getpid());   /* lets a test know it has started */
    uint32_t until = uptime_ms() + ms;
    volatile uint32_t sink = 0;
    for (;;) {
        for (uint32_t i = 0; i < 1000000; i++)
            sink += i;                 /* pure computation: only the timer can take the CPU away */
        if (ms && uptime_ms() >= until)
            return 0;
    }
}
