/* devmodel.c — devices of a module's own in the driver model: a class registered from a static
 * struct class with class attributes (create, destroy, count, released), devices embedded in the
 * module's records, named with dev_set_name and registered with device_register, each with a
 * device number (/dev/widgetN reads back its record), the class's dev_groups, and a release that
 * frees the record; and a device of no class. leave=1 leaves the class and a device registered at
 * exit; the unload removes them. */
#include <linux/cdev.h>
#include <linux/device.h>
#include <linux/fs.h>
#include <linux/kdev_t.h>
#include <linux/list.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#define WIDGETS_MAX 8

struct widget {
    int id;
    char label[32];
    struct device dev;
    struct list_head list;
};

static int widget_major;
static LIST_HEAD(widgets);
static DEFINE_MUTEX(widgets_lock);
static unsigned long widget_ids;       /* bit N: widgetN exists */
static int released;
static bool leave;
module_param(leave, bool, 0444);

static struct class widget_class;

static struct widget *widget_find(int id)
{
    struct widget *w;

    list_for_each_entry(w, &widgets, list)
        if (w->id == id)
            return w;
    return NULL;
}

static int widget_open(struct inode *inode, struct file *file)
{
    struct widget *w;

    mutex_lock(&widgets_lock);
    w = widget_find(iminor(inode));
    if (w)
        get_device(&w->dev);           /* held while the file is open */
    mutex_unlock(&widgets_lock);
    if (!w)
        return -ENODEV;
    file->private_data = w;
    return 0;
}

static int widget_release_file(struct inode *inode, struct file *file)
{
    struct widget *w = file->private_data;

    (void)inode;
    put_device(&w->dev);
    return 0;
}

static ssize_t widget_read(struct file *file, char __user *buf, size_t count, loff_t *pos)
{
    struct widget *w = file->private_data;
    char line[64];
    int len = snprintf(line, sizeof(line), "%s %d %s\n", dev_name(&w->dev), w->id, w->label);

    return simple_read_from_buffer(buf, count, pos, line, len);
}

static const struct file_operations widget_fops = {
    .owner = THIS_MODULE,
    .open = widget_open,
    .release = widget_release_file,
    .read = widget_read,
};

/* The last put_device: the record goes, and its id with it. */
static void widget_dev_release(struct device *dev)
{
    struct widget *w = container_of(dev, struct widget, dev);

    pr_info("devmodel: released %s (%s)\n", dev_name(dev), w->label);
    clear_bit(w->id, &widget_ids);
    released++;
    kfree(w);
}

static ssize_t id_show(struct device *dev, struct device_attribute *attr, char *buf)
{
    (void)attr;
    return sysfs_emit(buf, "%d\n", container_of(dev, struct widget, dev)->id);
}
static DEVICE_ATTR_RO(id);

static ssize_t label_show(struct device *dev, struct device_attribute *attr, char *buf)
{
    (void)attr;
    return sysfs_emit(buf, "%s\n", container_of(dev, struct widget, dev)->label);
}
static DEVICE_ATTR_RO(label);

static struct attribute *widget_attrs[] = { &dev_attr_id.attr, &dev_attr_label.attr, NULL };
ATTRIBUTE_GROUPS(widget);

/* "create LABEL": the lowest free id. */
static ssize_t create_store(const struct class *cls, const struct class_attribute *attr,
                            const char *buf, size_t len)
{
    struct widget *w;
    int id, err;

    (void)cls;
    (void)attr;
    w = kzalloc(sizeof(*w), GFP_KERNEL);
    if (!w)
        return -ENOMEM;
    strscpy(w->label, buf, sizeof(w->label));
    strim(w->label);
    mutex_lock(&widgets_lock);
    id = find_first_zero_bit(&widget_ids, WIDGETS_MAX);
    if (id >= WIDGETS_MAX) {
        mutex_unlock(&widgets_lock);
        kfree(w);
        return -ENOSPC;
    }
    set_bit(id, &widget_ids);
    w->id = id;
    w->dev.class = &widget_class;
    w->dev.devt = MKDEV(widget_major, id);
    w->dev.release = widget_dev_release;
    dev_set_name(&w->dev, "widget%d", id);
    err = device_register(&w->dev);
    if (err) {
        mutex_unlock(&widgets_lock);
        pr_err("devmodel: device_register: %d\n", err);
        put_device(&w->dev);           /* as on Linux: the release frees it */
        return err;
    }
    list_add_tail(&w->list, &widgets);
    mutex_unlock(&widgets_lock);
    pr_info("devmodel: created %s\n", dev_name(&w->dev));
    return len;
}
static CLASS_ATTR_WO(create);

static ssize_t destroy_store(const struct class *cls, const struct class_attribute *attr,
                             const char *buf, size_t len)
{
    struct widget *w;
    long id;
    int err = kstrtol(buf, 10, &id);

    (void)cls;
    (void)attr;
    if (err)
        return err;
    mutex_lock(&widgets_lock);
    w = widget_find(id);
    if (w)
        list_del(&w->list);
    mutex_unlock(&widgets_lock);
    if (!w)
        return -ENOENT;
    device_unregister(&w->dev);
    return len;
}
static CLASS_ATTR_WO(destroy);

static ssize_t count_show(const struct class *cls, const struct class_attribute *attr, char *buf)
{
    struct widget *w;
    int n = 0;

    (void)cls;
    (void)attr;
    mutex_lock(&widgets_lock);
    list_for_each_entry(w, &widgets, list)
        n++;
    mutex_unlock(&widgets_lock);
    return sysfs_emit(buf, "%d registered, %d released\n", n, released);
}
static CLASS_ATTR_RO(count);

static struct attribute *widget_class_attrs[] = {
    &class_attr_create.attr, &class_attr_destroy.attr, &class_attr_count.attr, NULL,
};
ATTRIBUTE_GROUPS(widget_class);

static struct class widget_class = {
    .name = "widget",
    .class_groups = widget_class_groups,
    .dev_groups = widget_groups,
};

static struct device loose = { .init_name = "devmodel-loose" };
static int loose_released;
static void loose_release(struct device *dev)
{
    (void)dev;
    loose_released++;
}

static void devmodel_checks(void)
{
    static struct device nameless, unclassed;
    static struct class never = { .name = "never-registered" };
    int err;

    device_initialize(&nameless);
    pr_info("devmodel: device_add without a name: %d\n", device_add(&nameless));
    unclassed.class = &never;
    dev_set_name(&unclassed, "unclassed");
    pr_info("devmodel: device_register in an unregistered class: %d\n",
            device_register(&unclassed));
    pr_info("devmodel: class_register twice: %d\n", class_register(&widget_class));

    /* A device of no class, in /sys/devices/virtual while the module is there; a reference
     * taken here keeps it after the exit's device_unregister, until the exit's last put. */
    loose.release = loose_release;
    err = device_register(&loose);
    pr_info("devmodel: loose device %s: %d\n", dev_name(&loose), err);
}

static int __init devmodel_init(void)
{
    int err;

    widget_major = register_chrdev(0, "widget", &widget_fops);
    if (widget_major < 0)
        return widget_major;
    err = class_register(&widget_class);
    if (err) {
        unregister_chrdev(widget_major, "widget");
        return err;
    }
    devmodel_checks();
    pr_info("devmodel: ready\n");
    return 0;
}

static void __exit devmodel_exit(void)
{
    struct widget *w, *next;

    list_for_each_entry_safe(w, next, &widgets, list) {
        if (leave) {
            pr_info("devmodel: leaving %s registered\n", dev_name(&w->dev));
            break;
        }
        list_del(&w->list);
        device_unregister(&w->dev);
    }
    if (!leave)
        class_unregister(&widget_class);
    unregister_chrdev(widget_major, "widget");
    get_device(&loose);
    device_unregister(&loose);
    pr_info("devmodel: loose device unregistered with a reference held, released %d\n",
            loose_released);
    put_device(&loose);
    pr_info("devmodel: after the last put, released %d\n", loose_released);
    pr_info("devmodel: exit, %d released\n", released);
}

module_init(devmodel_init);
module_exit(devmodel_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Devices of a module's own in the driver model");
