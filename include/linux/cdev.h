/* linux/cdev.h — a character device: file operations bound to a range of device numbers. */
#ifndef _LINUX_CDEV_H
#define _LINUX_CDEV_H
#include <linux/types.h>
#include <linux/kdev_t.h>
#include <linux/kobject.h>

struct file_operations;
struct module;

struct cdev {
    struct kobject kobj;
    struct module *owner;
    const struct file_operations *ops;
    dev_t dev;
    unsigned int count;
    void *ark_entry;                   /* the kernel's registration, while added */
    bool ark_allocated;                /* from cdev_alloc */
};

void cdev_init(struct cdev *cdev, const struct file_operations *fops);
struct cdev *cdev_alloc(void);
/* Opens of device numbers dev..dev+count-1 now reach cdev->ops. 0, -EBUSY if taken. */
int cdev_add(struct cdev *cdev, dev_t dev, unsigned int count);
void cdev_del(struct cdev *cdev);
#endif
