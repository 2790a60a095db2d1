/* host/host_clock.h — the host's monotonic clock, as ark's uptime. */
#ifndef HOST_CLOCK_H
#define HOST_CLOCK_H

#include <stdint.h>

void host_clock_start(void);     /* uptime 0 is now */
uint64_t host_clock_ms(void);

#endif
