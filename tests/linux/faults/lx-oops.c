/* lx-oops.c — a Linux module whose sysfs show and /proc read dereference NULL: each call is an
 * oops the kernel contains (the reader is killed, the module marked Faulted), never a panic. */
#include <linux/fs.h>
#include <linux/init.h>
#include <linux/kobject.h>
#include <linux/module.h>
#include <linux/proc_fs.h>
#include <linux/sysfs.h>

static struct kobject *oops_kobj;
static struct proc_dir_entry *oops_proc;
static int *volatile nowhere;

static ssize_t boom_show(struct kobject *kobj, struct kobj_attribute *attr, char *buf)
{
    return sprintf(buf, "%d\n", *nowhere);
}
static struct kobj_attribute boom_attribute = __ATTR_RO(boom);

static ssize_t oops_read(struct file *file, char __user *buf, size_t len, loff_t *off)
{
    return *nowhere;
}
static const struct proc_ops oops_proc_ops = { .proc_read = oops_read };

static int __init lx_oops_init(void)
{
    oops_kobj = kobject_create_and_add("lxoops", kernel_kobj);
    if (!oops_kobj)
        return -ENOMEM;
    if (sysfs_create_file(oops_kobj, &boom_attribute.attr)) {
        kobject_put(oops_kobj);
        return -ENOMEM;
    }
    oops_proc = proc_create("lxoops", 0444, NULL, &oops_proc_ops);
    if (!oops_proc) {
        kobject_put(oops_kobj);
        return -ENOMEM;
    }
    pr_info("lx_oops: ready\n");
    return 0;
}

static void __exit lx_oops_exit(void)
{
    proc_remove(oops_proc);
    kobject_put(oops_kobj);
}

module_init(lx_oops_init);
module_exit(lx_oops_exit);
MODULE_LICENSE("GPL");
