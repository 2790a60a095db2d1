/* linux/miscdevice.h — small character devices on the shared major 10: misc_register gives the
 * device a minor (a fixed one, or a free one for MISC_DYNAMIC_MINOR), the node /dev/NAME and
 * /sys/class/misc/NAME/; an open reaches fops with file->private_data pointing at the miscdevice. */
#ifndef _LINUX_MISCDEVICE_H
#define _LINUX_MISCDEVICE_H
#include <linux/types.h>
#include <linux/list.h>
#include <linux/device.h>
#include <linux/fs.h>
#include <linux/module.h>

#define MISC_MAJOR          10
#define PSMOUSE_MINOR       1
#define WATCHDOG_MINOR      130
#define TEMP_MINOR          131
#define RTC_MINOR           135
#define HWRNG_MINOR         183
#define MISC_DYNAMIC_MINOR  255

struct miscdevice {
    int minor;                         /* MISC_DYNAMIC_MINOR: filled in by misc_register */
    const char *name;                  /* /dev/NAME and /sys/class/misc/NAME */
    const struct file_operations *fops;
    struct list_head list;
    struct device *parent;
    struct device *this_device;        /* set by misc_register */
    const struct attribute_group **groups;   /* files in /sys/class/misc/NAME/ */
    const char *nodename;              /* ark keeps every node at /dev/NAME */
    umode_t mode;                      /* of /dev/NAME; 0: 0600 */
};

/* 0, -EBUSY if the minor or the name is taken, -EINVAL without a name or fops. */
int misc_register(struct miscdevice *misc);
void misc_deregister(struct miscdevice *misc);

/* An open of /dev node 10:minor with no driver asks for the module with this alias. */
#define MODULE_ALIAS_MISCDEV(minor) MODULE_ALIAS("char-major-" __stringify(MISC_MAJOR) "-" __stringify(minor))

/* A module that is only a misc device: its init registers it, its exit deregisters it. */
#define module_misc_device(__misc)                                                          \
    static int __init __misc##_register(void) { return misc_register(&(__misc)); }         \
    module_init(__misc##_register);                                                        \
    static void __exit __misc##_deregister(void) { misc_deregister(&(__misc)); }           \
    module_exit(__misc##_deregister)
#endif
