/* hello-sysfs.c — an attribute under /sys/kernel/mymodule, read and written from user space. */
#include <linux/fs.h>
#include <linux/init.h>
#include <linux/kobject.h>
#include <linux/module.h>
#include <linux/string.h>
#include <linux/sysfs.h>

static struct kobject *mymodule;
static int myvariable;

static ssize_t myvariable_show(struct kobject *kobj, struct kobj_attribute *attr, char *buf)
{
    return sprintf(buf, "%d\n", myvariable);
}

static ssize_t myvariable_store(struct kobject *kobj, struct kobj_attribute *attr,
                                const char *buf, size_t count)
{
    if (sscanf(buf, "%d", &myvariable) != 1)
        return -EINVAL;
    pr_info("hello_sysfs: myvariable = %d\n", myvariable);
    return count;
}

static struct kobj_attribute myvariable_attribute =
    __ATTR(myvariable, 0660, myvariable_show, myvariable_store);

static ssize_t version_show(struct kobject *kobj, struct kobj_attribute *attr, char *buf)
{
    return sysfs_emit(buf, "%s\n", "1.0");
}
static struct kobj_attribute version_attribute = __ATTR_RO(version);
static struct attribute *group_attrs[] = { &version_attribute.attr, NULL };
static const struct attribute_group group = { .name = "info", .attrs = group_attrs };

static int __init mymodule_init(void)
{
    int error;

    mymodule = kobject_create_and_add("mymodule", kernel_kobj);
    if (!mymodule)
        return -ENOMEM;
    error = sysfs_create_file(mymodule, &myvariable_attribute.attr);
    if (!error)
        error = sysfs_create_group(mymodule, &group);
    if (error) {
        pr_info("hello_sysfs: failed to create the files in /sys/kernel/mymodule\n");
        kobject_put(mymodule);
        return error;
    }
    pr_info("hello_sysfs: initialised\n");
    return 0;
}

static void __exit mymodule_exit(void)
{
    pr_info("hello_sysfs: exit\n");
    kobject_put(mymodule);
}

module_init(mymodule_init);
module_exit(mymodule_exit);
MODULE_LICENSE("GPL");
