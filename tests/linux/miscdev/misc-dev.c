/* misc-dev.c — two misc devices the way drivers write them: state reached from
 * file->private_data with container_of, a dynamic and a fixed minor, a node mode, device
 * attributes from ATTRIBUTE_GROUPS and device_create_file, and the errors for a taken minor, a taken name and no fops. */
#include <linux/device.h>
#include <linux/fs.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/uaccess.h>

struct note_dev {
    struct miscdevice misc;
    struct mutex lock;
    char text[64];
    size_t len;
    unsigned int opens;
};

static ssize_t note_read(struct file *file, char __user *buf, size_t count, loff_t *pos)
{
    struct note_dev *nd = container_of(file->private_data, struct note_dev, misc);
    ssize_t r;

    mutex_lock(&nd->lock);
    r = simple_read_from_buffer(buf, count, pos, nd->text, nd->len);
    mutex_unlock(&nd->lock);
    return r;
}

static ssize_t note_write(struct file *file, const char __user *buf, size_t count, loff_t *pos)
{
    struct note_dev *nd = container_of(file->private_data, struct note_dev, misc);
    size_t n = min(count, sizeof(nd->text) - 1);

    mutex_lock(&nd->lock);
    if (copy_from_user(nd->text, buf, n)) {
        mutex_unlock(&nd->lock);
        return -EFAULT;
    }
    nd->len = n;
    mutex_unlock(&nd->lock);
    pr_info("misc_dev: %s now holds %zu bytes\n", nd->misc.name, n);
    return (ssize_t)count;
}

static int note_open(struct inode *inode, struct file *file)
{
    struct note_dev *nd = container_of(file->private_data, struct note_dev, misc);

    mutex_lock(&nd->lock);
    nd->opens++;
    mutex_unlock(&nd->lock);
    pr_info("misc_dev: open of %s, minor %u, private_data %s\n", nd->misc.name, iminor(inode),
            file->private_data == &nd->misc ? "is the miscdevice" : "is wrong");
    return 0;
}

static const struct file_operations note_fops = {
    .owner = THIS_MODULE,
    .open = note_open,
    .read = note_read,
    .write = note_write,
    .llseek = no_llseek,
};

/* /sys/class/misc/NAME/opens and .../label: the device's drvdata is its miscdevice. */
static ssize_t opens_show(struct device *dev, struct device_attribute *attr, char *buf)
{
    struct note_dev *nd = container_of(dev_get_drvdata(dev), struct note_dev, misc);
    return sysfs_emit(buf, "%u\n", nd->opens);
}
static DEVICE_ATTR_RO(opens);

static char label[32] = "unset";
static ssize_t label_show(struct device *dev, struct device_attribute *attr, char *buf)
{
    return sysfs_emit(buf, "%s\n", label);
}
static ssize_t label_store(struct device *dev, struct device_attribute *attr, const char *buf,
                           size_t count)
{
    strscpy(label, buf, sizeof(label));
    strim(label);
    dev_info(dev, "label set to %s\n", label);
    return (ssize_t)count;
}
static DEVICE_ATTR_RW(label);

static struct attribute *note_attrs[] = { &dev_attr_opens.attr, &dev_attr_label.attr, NULL };
ATTRIBUTE_GROUPS(note);

static struct note_dev dynamic_note = {
    .misc = { .minor = MISC_DYNAMIC_MINOR, .name = "note", .fops = &note_fops,
              .groups = note_groups, .mode = 0666 },
    .text = "dynamic note\n", .len = 13,
};
static struct note_dev fixed_note = {
    .misc = { .minor = 130, .name = "watchnote", .fops = &note_fops },
    .text = "fixed note\n", .len = 11,
};

static int __init misc_dev_init(void)
{
    struct miscdevice same_minor = { .minor = 130, .name = "other", .fops = &note_fops };
    struct miscdevice same_name = { .minor = MISC_DYNAMIC_MINOR, .name = "note", .fops = &note_fops };
    struct miscdevice no_fops = { .minor = MISC_DYNAMIC_MINOR, .name = "nofops" };
    int rc;

    mutex_init(&dynamic_note.lock);
    mutex_init(&fixed_note.lock);
    rc = misc_register(&dynamic_note.misc);
    if (rc)
        return rc;
    rc = misc_register(&fixed_note.misc);
    if (rc) {
        misc_deregister(&dynamic_note.misc);
        return rc;
    }
    rc = device_create_file(fixed_note.misc.this_device, &dev_attr_opens);
    if (rc) {
        misc_deregister(&fixed_note.misc);
        misc_deregister(&dynamic_note.misc);
        return rc;
    }
    pr_info("misc_dev: note has minor %d, device %s; watchnote has minor %d\n",
            dynamic_note.misc.minor, dev_name(dynamic_note.misc.this_device),
            fixed_note.misc.minor);
    pr_info("misc_dev: same minor %d, same name %d, no fops %d\n", misc_register(&same_minor),
            misc_register(&same_name), misc_register(&no_fops));
    return 0;
}

static void __exit misc_dev_exit(void)
{
    device_remove_file(fixed_note.misc.this_device, &dev_attr_opens);
    misc_deregister(&fixed_note.misc);
    misc_deregister(&dynamic_note.misc);
    pr_info("misc_dev: removed, note minor back to %d\n", dynamic_note.misc.minor);
}

module_init(misc_dev_init);
module_exit(misc_dev_exit);
MODULE_LICENSE("GPL");
MODULE_ALIAS_MISCDEV(130);     /* watchnote's fixed minor */
