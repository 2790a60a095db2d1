/* init.c — start-up of the Linux compatibility layer, called by the DKM glue once the file
 * systems are mounted: /proc/devices, /sys/kernel as kernel_kobj, /sys/fs, /sys/devices/virtual,
 * the misc major with /sys/class/misc and /proc/misc, /sys/kernel/debug (with the GPIO
 * controller's files), /sys/bus/platform, the input class with /proc/bus/input/devices. */
#include "lx_internal.h"

void lx_chrdev_proc_init(void);
void lx_kobject_init(void);
void lx_device_init(void);
void lx_misc_init(void);
void lx_debugfs_init(void);
void lx_platform_init(void);
void lx_gpio_init(void);
void lx_input_init(void);

void linux_compat_init(void)
{
    lx_chrdev_proc_init();
    lx_kobject_init();
    lx_device_init();
    lx_misc_init();
    lx_debugfs_init();
    lx_platform_init();
    lx_gpio_init();
    lx_input_init();
}
