/* misc-leak.c — a module whose exit forgets misc_deregister: the kernel must take the device
 * away at unload, or /dev/leaky would reach code that is gone. */
#include <linux/fs.h>
#include <linux/init.h>
#include <linux/miscdevice.h>
#include <linux/module.h>

static const struct file_operations leak_fops = { .owner = THIS_MODULE };
static struct miscdevice leak_misc = {
    .minor = MISC_DYNAMIC_MINOR,
    .name = "leaky",
    .fops = &leak_fops,
};

static int __init misc_leak_init(void)
{
    return misc_register(&leak_misc);
}

static void __exit misc_leak_exit(void)
{
    pr_info("misc_leak: exit without misc_deregister\n");
}

module_init(misc_leak_init);
module_exit(misc_leak_exit);
MODULE_LICENSE("GPL");
