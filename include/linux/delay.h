/* linux/delay.h — busy waits (udelay, ndelay, mdelay: any context, they do not sleep) and sleeps
 * (msleep, ssleep, usleep_range, fsleep: thread context). A sleep in a kthread asked to stop ends
 * early, so that kthread_stop never waits for it to run out. */
#ifndef _LINUX_DELAY_H
#define _LINUX_DELAY_H
#include <linux/types.h>

void udelay(unsigned long usecs);
void ndelay(unsigned long nsecs);
void mdelay(unsigned long msecs);
void msleep(unsigned int msecs);
/* Ends early if the process is killed; the milliseconds that were left. */
unsigned long msleep_interruptible(unsigned int msecs);
static inline void ssleep(unsigned int seconds) { msleep(seconds * 1000u); }
/* ark's sleeps have millisecond resolution: the range is rounded up to whole milliseconds. */
static inline void usleep_range(unsigned long min, unsigned long max)
{
    (void)max;
    msleep((unsigned int)((min + 999u) / 1000u));
}
static inline void usleep_range_state(unsigned long min, unsigned long max, unsigned int state)
{
    (void)state;
    usleep_range(min, max);
}
/* Short waits spin, longer ones sleep, as Linux's guidance for fsleep says. */
static inline void fsleep(unsigned long usecs)
{
    if (usecs <= 10)
        udelay(usecs);
    else
        usleep_range(usecs, usecs * 2);
}
#endif
