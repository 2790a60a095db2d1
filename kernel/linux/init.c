/* init.c — start-up of the Linux compatibility layer, called by the DKM glue once the file
 * systems are mounted: /proc/devices, /sys/kernel as kernel_kobj, /sys/fs. */
#include "lx_internal.h"

void lx_chrdev_proc_init(void);
void lx_kobject_init(void);

void linux_compat_init(void)
{
    lx_chrdev_proc_init();
    lx_kobject_init();
}
