/* linux/pm.h — power-management callbacks a driver may declare. ark never suspends, so none of
 * them is called; they exist so that drivers declaring them build unchanged. */
#ifndef _LINUX_PM_H
#define _LINUX_PM_H
#include <linux/types.h>
#include <linux/compiler.h>

struct device;

typedef struct pm_message {
    int event;
} pm_message_t;

struct dev_pm_ops {
    int (*prepare)(struct device *dev);
    void (*complete)(struct device *dev);
    int (*suspend)(struct device *dev);
    int (*resume)(struct device *dev);
    int (*freeze)(struct device *dev);
    int (*thaw)(struct device *dev);
    int (*poweroff)(struct device *dev);
    int (*restore)(struct device *dev);
    int (*suspend_late)(struct device *dev);
    int (*resume_early)(struct device *dev);
    int (*suspend_noirq)(struct device *dev);
    int (*resume_noirq)(struct device *dev);
    int (*runtime_suspend)(struct device *dev);
    int (*runtime_resume)(struct device *dev);
    int (*runtime_idle)(struct device *dev);
};

#define SET_SYSTEM_SLEEP_PM_OPS(suspend_fn, resume_fn)                                        \
    .suspend = suspend_fn, .resume = resume_fn, .freeze = suspend_fn, .thaw = resume_fn,      \
    .poweroff = suspend_fn, .restore = resume_fn,
#define SYSTEM_SLEEP_PM_OPS(suspend_fn, resume_fn) SET_SYSTEM_SLEEP_PM_OPS(suspend_fn, resume_fn)
#define SET_RUNTIME_PM_OPS(suspend_fn, resume_fn, idle_fn)                                    \
    .runtime_suspend = suspend_fn, .runtime_resume = resume_fn, .runtime_idle = idle_fn,
#define RUNTIME_PM_OPS(suspend_fn, resume_fn, idle_fn) SET_RUNTIME_PM_OPS(suspend_fn, resume_fn, idle_fn)
#define SIMPLE_DEV_PM_OPS(name, suspend_fn, resume_fn)                                        \
    const struct dev_pm_ops __maybe_unused name = { SET_SYSTEM_SLEEP_PM_OPS(suspend_fn, resume_fn) }
#define DEFINE_SIMPLE_DEV_PM_OPS(name, suspend_fn, resume_fn)                                 \
    const struct dev_pm_ops name = { SYSTEM_SLEEP_PM_OPS(suspend_fn, resume_fn) }
#define pm_ptr(ptr)       (ptr)
#define pm_sleep_ptr(ptr) (ptr)
#endif
