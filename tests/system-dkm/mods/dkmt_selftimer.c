/* dkmt_selftimer.c — a 1 ms periodic timer whose callback destroys its own timer the first time it
 * runs, and an exit that leaves the timer alone: depending on timing the unload's sweep finds the
 * timer armed, or the callback has freed it, or the two meet. Neither may free it twice. */
#include "ark/kernel.h"
#include "ark/module.h"
#include "ark/timer.h"

MODULE_NAME("dkmt_selftimer");
MODULE_LICENSE("MIT");

static struct ark_timer *self_timer;
static volatile unsigned runs;

static void self_destroy(void *arg)
{
    (void)arg;
    if (++runs == 1) {
        timer_destroy(self_timer);     /* from inside its own callback */
        self_timer = 0;
    }
}

int module_init(void)
{
    self_timer = timer_create(self_destroy, 0);
    if (!self_timer)
        return -12;
    timer_start(self_timer, 1, true);
    return 0;
}

void module_exit(void)
{
}
