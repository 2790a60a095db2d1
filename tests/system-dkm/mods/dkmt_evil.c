/* dkmt_evil.c — tries to remove what is not its own: the kernel's /proc/meminfo, the lockdown
 * switch /proc/sys/dkm/disabled and /dev/null. Every attempt must be refused (-EPERM). */
#include "ark/device.h"
#include "ark/kernel.h"
#include "ark/module.h"
#include "ark/proc.h"

MODULE_NAME("dkmt_evil");
MODULE_LICENSE("MIT");

int module_init(void)
{
    int a = proc_remove("meminfo");
    int b = proc_remove("sys/dkm/disabled");
    int c = dev_unregister("null");
    printk("dkmt_evil: meminfo %d, disabled %d, null %d\n", a, b, c);
    return 0;
}
