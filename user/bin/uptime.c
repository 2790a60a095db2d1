/* uptime — how long the system has been running, from the kernel's millisecond clock. */
#include "ulib.h"

int main(void)
{
    uint32_t ms = uptime_ms();
    uint32_t s = ms / 1000;
    printf("up %u:%02u:%02u.%03u (%u ms)\n", s / 3600, s / 60 % 60, s % 60, ms % 1000, ms);
    return 0;
}
