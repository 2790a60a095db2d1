/* node-only.c — a device node with no driver behind it: device_create for number 240:0, whose
 * driver (major-drv.c, MODULE_ALIAS_CHARDEV_MAJOR(240)) is loaded on demand when it is opened. */
#include <linux/device.h>
#include <linux/err.h>
#include <linux/init.h>
#include <linux/kdev_t.h>
#include <linux/module.h>
#include <linux/printk.h>

#define NODE_MAJOR 240

static struct class *cls;

static char *node_devnode(const struct device *dev, umode_t *mode)
{
    if (mode)
        *mode = 0666;
    return NULL;
}

static int __init node_init(void)
{
    struct device *dev;

    cls = class_create("majornode");
    if (IS_ERR(cls))
        return PTR_ERR(cls);
    cls->devnode = node_devnode;
    dev = device_create(cls, NULL, MKDEV(NODE_MAJOR, 0), NULL, "majornode");
    if (IS_ERR(dev)) {
        class_destroy(cls);
        return PTR_ERR(dev);
    }
    pr_info("node_only: /dev/majornode is %d:0, no driver yet\n", NODE_MAJOR);
    return 0;
}

static void __exit node_exit(void)
{
    device_destroy(cls, MKDEV(NODE_MAJOR, 0));
    class_destroy(cls);
}

module_init(node_init);
module_exit(node_exit);
MODULE_LICENSE("GPL");
