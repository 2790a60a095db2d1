/* host/host_clock.c — milliseconds since dkm-host started, for ark_uptime_ms. Kept apart because
 * <time.h> declares a timer_create that clashes with ark/timer.h's. */
#define _GNU_SOURCE
#include <stdint.h>
#include <time.h>

#include "host_clock.h"

static struct timespec host_clock_origin;

void host_clock_start(void)
{
    clock_gettime(CLOCK_MONOTONIC, &host_clock_origin);
}

uint64_t host_clock_ms(void)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    int64_t ms = (int64_t)(now.tv_sec - host_clock_origin.tv_sec) * 1000 +
                 (now.tv_nsec - host_clock_origin.tv_nsec) / 1000000;
    return ms > 0 ? (uint64_t)ms : 0;
}
