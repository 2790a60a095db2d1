/* major-drv.c — the driver of character major 240, found by its MODULE_ALIAS_CHARDEV_MAJOR alias
 * when a node of that major is opened with no driver registered. */
#include <linux/fs.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/printk.h>
#include <linux/uaccess.h>

#define DRV_MAJOR 240

static const char greeting[] = "major driver here\n";

static ssize_t drv_read(struct file *filp, char __user *buf, size_t len, loff_t *off)
{
    size_t left = sizeof(greeting) - 1 - (size_t)*off, n = min(len, left);

    if (*off >= (loff_t)sizeof(greeting) - 1)
        return 0;
    if (copy_to_user(buf, greeting + *off, n))
        return -EFAULT;
    *off += (loff_t)n;
    return (ssize_t)n;
}

static const struct file_operations drv_fops = {
    .owner = THIS_MODULE,
    .read = drv_read,
};

static int __init drv_init(void)
{
    int rc = register_chrdev(DRV_MAJOR, "majordrv", &drv_fops);

    if (rc < 0)
        return rc;
    pr_info("major_drv: driving major %d\n", DRV_MAJOR);
    return 0;
}

static void __exit drv_exit(void)
{
    unregister_chrdev(DRV_MAJOR, "majordrv");
}

module_init(drv_init);
module_exit(drv_exit);
MODULE_ALIAS_CHARDEV_MAJOR(240);
MODULE_LICENSE("GPL");
