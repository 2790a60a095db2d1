/* linux/platform_device.h — the platform bus: devices a board (here: a module) declares by name,
 * and drivers that bind to them. A driver binds to each device whose name is its driver.name or
 * in its id_table; probe runs when the second of the two arrives, remove when either goes. A
 * device added with no driver asks for the module with the alias platform:NAME. Devices and
 * drivers show under /sys/bus/platform/. ark has no device tree: of_match_table is not used. */
#ifndef _LINUX_PLATFORM_DEVICE_H
#define _LINUX_PLATFORM_DEVICE_H
#include <linux/types.h>
#include <linux/device.h>
#include <linux/ioport.h>
#include <linux/mod_devicetable.h>
#include <linux/module.h>
#include <linux/pm.h>

#define PLATFORM_DEVID_NONE (-1)
#define PLATFORM_DEVID_AUTO (-2)

struct platform_device {
    const char *name;
    int id;
    bool id_auto;
    struct device dev;
    u32 num_resources;
    struct resource *resource;
    const struct platform_device_id *id_entry;   /* the driver's id_table entry that matched */
    void *ark_private;
};

#define to_platform_device(x) container_of((x), struct platform_device, dev)

struct platform_driver {
    int (*probe)(struct platform_device *pdev);
    int (*remove)(struct platform_device *pdev);
    void (*remove_new)(struct platform_device *pdev);
    void (*shutdown)(struct platform_device *pdev);
    int (*suspend)(struct platform_device *pdev, pm_message_t state);
    int (*resume)(struct platform_device *pdev);
    struct device_driver driver;
    const struct platform_device_id *id_table;
    bool prevent_deferred_probe;
    void *ark_private;
};

#define to_platform_driver(drv) container_of((drv), struct platform_driver, driver)

/* Devices. register = device_initialize + add; unregister = del + put, which calls dev.release
 * (or frees a device from platform_device_alloc). */
int platform_device_register(struct platform_device *pdev);
void platform_device_unregister(struct platform_device *pdev);
struct platform_device *platform_device_alloc(const char *name, int id);
/* Copies: the device keeps its own platform_data and resources. */
int platform_device_add_data(struct platform_device *pdev, const void *data, size_t size);
int platform_device_add_resources(struct platform_device *pdev, const struct resource *res,
                                  unsigned int num);
int platform_device_add(struct platform_device *pdev);
void platform_device_del(struct platform_device *pdev);
void platform_device_put(struct platform_device *pdev);
struct platform_device *platform_device_register_resndata(struct device *parent,
        const char *name, int id, const struct resource *res, unsigned int num,
        const void *data, size_t size);
static inline struct platform_device *platform_device_register_simple(const char *name, int id,
        const struct resource *res, unsigned int num)
{
    return platform_device_register_resndata(NULL, name, id, res, num, NULL, 0);
}
static inline struct platform_device *platform_device_register_data(struct device *parent,
        const char *name, int id, const void *data, size_t size)
{
    return platform_device_register_resndata(parent, name, id, NULL, 0, data, size);
}

struct resource *platform_get_resource(struct platform_device *pdev, unsigned int type,
                                       unsigned int num);
struct resource *platform_get_resource_byname(struct platform_device *pdev, unsigned int type,
                                              const char *name);
/* The num-th interrupt resource's line, or -ENXIO (with a message, as Linux prints one). */
int platform_get_irq(struct platform_device *pdev, unsigned int num);
int platform_get_irq_optional(struct platform_device *pdev, unsigned int num);
static inline void *platform_get_drvdata(const struct platform_device *pdev)
{
    return dev_get_drvdata(&pdev->dev);
}
static inline void platform_set_drvdata(struct platform_device *pdev, void *data)
{
    dev_set_drvdata(&pdev->dev, data);
}
static inline const struct platform_device_id *platform_get_device_id(const struct platform_device *pdev)
{
    return pdev->id_entry;
}
#define dev_get_platdata(dev) ((dev)->platform_data)

/* Drivers: probing every matching device now, and each that comes later. */
int __platform_driver_register(struct platform_driver *drv, struct module *owner);
#define platform_driver_register(drv) __platform_driver_register((drv), THIS_MODULE)
void platform_driver_unregister(struct platform_driver *drv);
#define module_platform_driver(__drv)                                                       \
    static int __init __drv##_register(void) { return platform_driver_register(&(__drv)); } \
    module_init(__drv##_register);                                                         \
    static void __exit __drv##_unregister(void) { platform_driver_unregister(&(__drv)); }  \
    module_exit(__drv##_unregister)
#define builtin_platform_driver(__drv) module_platform_driver(__drv)
#endif
