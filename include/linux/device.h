/* linux/device.h — device classes and devices (6.6 signatures: class_create(name)). device_create
 * makes the node /dev/NAME for a device number, and /sys/class/CLASS/NAME/dev holding "MAJ:MIN";
 * device attributes are further files in that directory. */
#ifndef _LINUX_DEVICE_H
#define _LINUX_DEVICE_H
#include <linux/types.h>
#include <linux/kdev_t.h>
#include <linux/kobject.h>
#include <linux/err.h>
#include <linux/printk.h>
#include <linux/sysfs.h>

struct module;
struct device;

struct class {
    const char *name;
    char *(*devnode)(const struct device *dev, umode_t *mode);
    void *ark_private;
};

struct device {
    struct kobject kobj;
    struct device *parent;
    struct class *class;
    dev_t devt;
    void *driver_data;
    const char *init_name;
    void *ark_private;
};

struct class *class_create(const char *name);
void class_destroy(const struct class *cls);
struct device *device_create(const struct class *cls, struct device *parent, dev_t devt,
                             void *drvdata, const char *fmt, ...) __printf(5, 6);
/* As device_create, and each group's attributes appear in the device's directory. */
struct device *device_create_with_groups(const struct class *cls, struct device *parent,
                                         dev_t devt, void *drvdata,
                                         const struct attribute_group **groups,
                                         const char *fmt, ...) __printf(6, 7);
void device_destroy(const struct class *cls, dev_t devt);

/* A file in /sys/class/CLASS/NAME/: show fills a page, store gets one write, NUL-terminated. */
struct device_attribute {
    struct attribute attr;
    ssize_t (*show)(struct device *dev, struct device_attribute *attr, char *buf);
    ssize_t (*store)(struct device *dev, struct device_attribute *attr, const char *buf,
                     size_t count);
};
#define DEVICE_ATTR(_name, _mode, _show, _store) \
    struct device_attribute dev_attr_##_name = __ATTR(_name, _mode, _show, _store)
#define DEVICE_ATTR_RW(_name) struct device_attribute dev_attr_##_name = __ATTR_RW(_name)
#define DEVICE_ATTR_RO(_name) struct device_attribute dev_attr_##_name = __ATTR_RO(_name)
#define DEVICE_ATTR_WO(_name) struct device_attribute dev_attr_##_name = __ATTR_WO(_name)
#define DEVICE_ATTR_ADMIN_RW(_name) \
    struct device_attribute dev_attr_##_name = __ATTR_RW_MODE(_name, 0600)
#define DEVICE_ATTR_ADMIN_RO(_name) \
    struct device_attribute dev_attr_##_name = __ATTR_RO_MODE(_name, 0400)
int __must_check device_create_file(struct device *dev, const struct device_attribute *attr);
void device_remove_file(struct device *dev, const struct device_attribute *attr);
static inline const char *dev_name(const struct device *dev) { return dev->kobj.name; }
static inline void *dev_get_drvdata(const struct device *dev) { return dev->driver_data; }
static inline void dev_set_drvdata(struct device *dev, void *data) { dev->driver_data = data; }

#define dev_printk(level, dev, fmt, ...) printk(level "%s: " fmt, dev_name(dev), ##__VA_ARGS__)
#define dev_emerg(dev, fmt, ...)  dev_printk(KERN_EMERG, dev, fmt, ##__VA_ARGS__)
#define dev_alert(dev, fmt, ...)  dev_printk(KERN_ALERT, dev, fmt, ##__VA_ARGS__)
#define dev_crit(dev, fmt, ...)   dev_printk(KERN_CRIT, dev, fmt, ##__VA_ARGS__)
#define dev_err(dev, fmt, ...)    dev_printk(KERN_ERR, dev, fmt, ##__VA_ARGS__)
#define dev_warn(dev, fmt, ...)   dev_printk(KERN_WARNING, dev, fmt, ##__VA_ARGS__)
#define dev_notice(dev, fmt, ...) dev_printk(KERN_NOTICE, dev, fmt, ##__VA_ARGS__)
#define dev_info(dev, fmt, ...)   dev_printk(KERN_INFO, dev, fmt, ##__VA_ARGS__)
#ifdef DEBUG
#define dev_dbg(dev, fmt, ...)    dev_printk(KERN_DEBUG, dev, fmt, ##__VA_ARGS__)
#else
#define dev_dbg(dev, fmt, ...)    no_printk(KERN_DEBUG "%s: " fmt, dev_name(dev), ##__VA_ARGS__)
#endif
#endif
