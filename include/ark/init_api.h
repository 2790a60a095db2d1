/* ark/init_api.h — the kernel API table passed to every module's init, as in the original seed:
 *     int module_init(const ark_kernel_api_t *api) { api->printk("hi\n"); return 0; }
 * A module that uses only this table needs no symbol imports at all. New members are only ever
 * appended; a module checks api->size before using a member newer than its ABI. */
#ifndef ARK_INIT_API_H
#define ARK_INIT_API_H

#include "ark/types.h"
#include "ark/abi.h"
#include "ark/device.h"
#include "ark/proc.h"
#include "ark/timer.h"
#include "ark/irq.h"

typedef struct ark_kernel_api {
    uint32_t abi_version;       /* ARK_ABI_VERSION(major, minor) of the running kernel */
    uint32_t size;              /* sizeof(ark_kernel_api_t) as the kernel was built */
    int  (*printk)(const char *fmt, ...);
    void *(*kmalloc)(size_t size);
    void (*kfree)(void *ptr);
    int  (*dev_register)(const char *name, const struct ark_file_ops *ops, void *priv);
    int  (*dev_unregister)(const char *name);
    int  (*proc_create)(const char *path, ark_proc_show_t show, ark_proc_write_t write, void *priv);
    int  (*proc_remove)(const char *path);
    int  (*seq_printf)(struct ark_seq *s, const char *fmt, ...);
    struct ark_timer *(*timer_create)(ark_timer_fn fn, void *arg);
    int  (*timer_start)(struct ark_timer *t, uint32_t period_ms, bool periodic);
    void (*timer_stop)(struct ark_timer *t);
    void (*timer_destroy)(struct ark_timer *t);
    int  (*irq_register)(int irq, ark_irq_handler_t handler, void *arg);
    int  (*irq_unregister)(int irq, ark_irq_handler_t handler, void *arg);
    uint64_t (*uptime_ms)(void);
    int  (*copy_to_user)(void *user_dst, const void *src, size_t n);
    int  (*copy_from_user)(void *dst, const void *user_src, size_t n);
} ark_kernel_api_t;

#endif
