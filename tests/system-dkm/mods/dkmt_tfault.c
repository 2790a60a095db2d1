/* dkmt_tfault.c — a timer whose callback dereferences NULL 20 ms after init: the timer is
 * destroyed, the module marked faulted, the kernel carries on. With how=panic the callback calls
 * panic() instead (a noreturn call as its last instruction), for the report of a panic in
 * interrupt context. */
#include "ark/errno.h"
#include "ark/kernel.h"
#include "ark/module.h"
#include "ark/timer.h"

MODULE_NAME("dkmt_tfault");
MODULE_LICENSE("MIT");

static struct ark_timer *timer;
static int *volatile nowhere;
static char how[8] = "null";
module_param_string(how, "null or panic");

__attribute__((noinline)) void dkmt_tfault_fire(void *arg)
{
    (void)arg;
    if (how[0] == 'p')
        panic("dkmt_tfault: panic requested");
    *nowhere = 1;
}

int module_init(void)
{
    timer = timer_create(dkmt_tfault_fire, NULL);
    if (!timer)
        return -ENOMEM;
    return timer_start(timer, 20, true);
}

void module_exit(void)
{
    timer_destroy(timer);
}
