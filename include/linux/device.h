/* linux/device.h — device classes and devices (6.6 signatures: class_create(name)). device_create,
 * or device_register for a device of the caller's, makes the node /dev/NAME for a device number,
 * and /sys/class/CLASS/NAME/dev holding "MAJ:MIN" (a device of no class is in
 * /sys/devices/virtual/NAME/); device attributes are further files in that directory, class
 * attributes files in /sys/class/CLASS/. */
#ifndef _LINUX_DEVICE_H
#define _LINUX_DEVICE_H
#include <linux/types.h>
#include <linux/kdev_t.h>
#include <linux/kobject.h>
#include <linux/err.h>
#include <linux/printk.h>
#include <linux/sysfs.h>
#include <linux/gfp.h>
#include <linux/overflow.h>

struct module;
struct device;
struct dev_pm_ops;
struct of_device_id;

/* What a bus driver (platform_driver.driver) names itself by; pm is never called on ark. */
struct device_driver {
    const char *name;
    struct module *owner;
    const struct of_device_id *of_match_table;
    const struct dev_pm_ops *pm;
    bool suppress_bind_attrs;
    int probe_type;
};

struct class {
    const char *name;
    const struct attribute_group **class_groups;   /* files in /sys/class/NAME/ */
    const struct attribute_group **dev_groups;     /* files of each of its devices */
    char *(*devnode)(const struct device *dev, umode_t *mode);
    void (*dev_release)(struct device *dev);       /* for devices without a release of their own */
    void *ark_private;
};

/* A file in /sys/class/NAME/: show fills a page, store gets one write, NUL-terminated. */
struct class_attribute {
    struct attribute attr;
    ssize_t (*show)(const struct class *cls, const struct class_attribute *attr, char *buf);
    ssize_t (*store)(const struct class *cls, const struct class_attribute *attr, const char *buf,
                     size_t count);
};
#define CLASS_ATTR_RW(_name) struct class_attribute class_attr_##_name = __ATTR_RW(_name)
#define CLASS_ATTR_RO(_name) struct class_attribute class_attr_##_name = __ATTR_RO(_name)
#define CLASS_ATTR_WO(_name) struct class_attribute class_attr_##_name = __ATTR_WO(_name)
#define CLASS_ATTR_STRING(_name, _mode, _str)                                               \
    struct class_attribute_string class_attr_##_name = {                                   \
        __ATTR(_name, _mode, class_show_string, NULL), _str }
struct class_attribute_string {
    struct class_attribute attr;
    char *str;
};
ssize_t class_show_string(const struct class *cls, const struct class_attribute *attr, char *buf);

/* class_register: the caller's struct class; class_unregister takes it and its devices away. */
int __must_check class_register(const struct class *cls);
void class_unregister(const struct class *cls);
int __must_check class_create_file(const struct class *cls, const struct class_attribute *attr);
void class_remove_file(const struct class *cls, const struct class_attribute *attr);

struct device {
    struct kobject kobj;
    struct device *parent;
    struct class *class;
    dev_t devt;
    void *driver_data;
    void *platform_data;               /* what a board gave a platform device */
    struct device_driver *driver;      /* while bound */
    void (*release)(struct device *dev);   /* called once the device is unregistered */
    const char *init_name;             /* the name device_add gives it, else dev_set_name's */
    const struct attribute_group **groups;   /* files device_add puts in its directory */
    u64 *dma_mask;                     /* the addresses the device can reach (streaming DMA) */
    u64 coherent_dma_mask;             /* the same for coherent buffers */
    unsigned int ark_refs;             /* get_device/put_device; 1 after device_initialize */
    void *ark_private;
};

/* A device of the caller's, in the model: device_initialize (one reference), a name
 * (dev_set_name), then device_add; or device_register, both at once. device_del takes it out
 * again; the last put_device calls release (the device's, else its class's), which frees it.
 * device_unregister is device_del and put_device. */
void device_initialize(struct device *dev);
int dev_set_name(struct device *dev, const char *fmt, ...) __printf(2, 3);
int __must_check device_add(struct device *dev);
int __must_check device_register(struct device *dev);
void device_del(struct device *dev);
void device_unregister(struct device *dev);
struct device *get_device(struct device *dev);
void put_device(struct device *dev);

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

/* Managed resources: memory and actions tied to a device in probe, released newest first once
 * the driver lets go of it (after remove, or a failed probe) or the device goes. */
void *devm_kmalloc(struct device *dev, size_t size, gfp_t gfp);
static inline void *devm_kzalloc(struct device *dev, size_t size, gfp_t gfp)
{
    return devm_kmalloc(dev, size, gfp | __GFP_ZERO);
}
static inline void *devm_kmalloc_array(struct device *dev, size_t n, size_t size, gfp_t gfp)
{
    size_t bytes;
    return check_mul_overflow(n, size, &bytes) ? NULL : devm_kmalloc(dev, bytes, gfp);
}
static inline void *devm_kcalloc(struct device *dev, size_t n, size_t size, gfp_t gfp)
{
    return devm_kmalloc_array(dev, n, size, gfp | __GFP_ZERO);
}
char *devm_kstrdup(struct device *dev, const char *s, gfp_t gfp);
void devm_kfree(struct device *dev, const void *p);
char *devm_kasprintf(struct device *dev, gfp_t gfp, const char *fmt, ...) __printf(3, 4);
char *devm_kvasprintf(struct device *dev, gfp_t gfp, const char *fmt, va_list ap);
void *devm_kmemdup(struct device *dev, const void *src, size_t len, gfp_t gfp);
int devm_add_action(struct device *dev, void (*action)(void *), void *data);
/* As devm_add_action; when that fails, runs the action at once. */
int devm_add_action_or_reset(struct device *dev, void (*action)(void *), void *data);
void devm_remove_action(struct device *dev, void (*action)(void *), void *data);
void devm_release_action(struct device *dev, void (*action)(void *), void *data);
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
/* A probe's error: said (unless it is -EPROBE_DEFER, a retry later) and returned. */
#define dev_err_probe(dev, err, fmt, ...)                                                   \
    ({                                                                                      \
        int __err = (err);                                                                  \
        if (__err != -EPROBE_DEFER)                                                         \
            dev_err(dev, "error %d: " fmt, __err, ##__VA_ARGS__);                           \
        __err;                                                                              \
    })
#ifdef DEBUG
#define dev_dbg(dev, fmt, ...)    dev_printk(KERN_DEBUG, dev, fmt, ##__VA_ARGS__)
#else
#define dev_dbg(dev, fmt, ...)    no_printk(KERN_DEBUG "%s: " fmt, dev_name(dev), ##__VA_ARGS__)
#endif
#endif
