/* linux/sysfs.h — attribute files of kobjects under /sys. show fills a page (use sysfs_emit);
 * store receives what was written, one write at a time. */
#ifndef _LINUX_SYSFS_H
#define _LINUX_SYSFS_H
#include <linux/types.h>
#include <linux/stat.h>
#include <linux/compiler.h>

struct kobject;

struct attribute {
    const char *name;
    umode_t mode;
};

struct attribute_group {
    const char *name;                  /* a subdirectory, or NULL */
    umode_t (*is_visible)(struct kobject *, struct attribute *, int);
    struct attribute **attrs;
};

#define __ATTR(_name, _mode, _show, _store) {                                               \
    .attr = { .name = __stringify(_name), .mode = (_mode) },                                \
    .show = _show, .store = _store }
#define __ATTR_RO(_name)      __ATTR(_name, 0444, _name##_show, NULL)
#define __ATTR_RO_MODE(_name, _mode) __ATTR(_name, _mode, _name##_show, NULL)
#define __ATTR_WO(_name)      __ATTR(_name, 0200, NULL, _name##_store)
#define __ATTR_RW(_name)      __ATTR(_name, 0644, _name##_show, _name##_store)
#define __ATTR_RW_MODE(_name, _mode) __ATTR(_name, _mode, _name##_show, _name##_store)
#define __ATTR_NULL           { .attr = { .name = NULL } }

/* From NAME_attrs, a NULL-ended array of attributes: NAME_group and NAME_groups, the NULL-ended
 * list of groups that device_create_with_groups and miscdevice.groups take. */
#define ATTRIBUTE_GROUPS(_name)                                                             \
    static const struct attribute_group _name##_group = { .attrs = _name##_attrs };          \
    static const struct attribute_group *_name##_groups[] = { &_name##_group, NULL }

int __must_check sysfs_create_file(struct kobject *kobj, const struct attribute *attr);
void sysfs_remove_file(struct kobject *kobj, const struct attribute *attr);
int __must_check sysfs_create_files(struct kobject *kobj, const struct attribute *const *attrs);
void sysfs_remove_files(struct kobject *kobj, const struct attribute *const *attrs);
int __must_check sysfs_create_group(struct kobject *kobj, const struct attribute_group *grp);
void sysfs_remove_group(struct kobject *kobj, const struct attribute_group *grp);
/* Formats into a sysfs page buffer: the length written. */
int sysfs_emit(char *buf, const char *fmt, ...) __printf(2, 3);
int sysfs_emit_at(char *buf, int at, const char *fmt, ...) __printf(3, 4);
#endif
