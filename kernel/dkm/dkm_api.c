/* dkm_api.c — the ark_kernel_api_t table handed to every module's init (the seed's interface):
 * direct pointers to the kernel's own functions, so a call through the table is an ordinary call
 * (ownership of what it registers comes from the module's memory and context, kmod_owner_for). */
#include "ark/device.h"
#include "ark/init_api.h"
#include "ark/irq.h"
#include "ark/kernel.h"
#include "ark/proc.h"
#include "ark/timer.h"
#include "dkm_internal.h"

const struct ark_kernel_api dkm_kernel_api = {
    .abi_version = ARK_ABI_CURRENT,
    .size = sizeof(struct ark_kernel_api),
    .printk = printk,
    .kmalloc = kmalloc,
    .kfree = kfree,
    .dev_register = dev_register,
    .dev_unregister = dev_unregister,
    .proc_create = proc_create,
    .proc_remove = proc_remove,
    .seq_printf = seq_printf,
    .timer_create = timer_create,
    .timer_start = timer_start,
    .timer_stop = timer_stop,
    .timer_destroy = timer_destroy,
    .irq_register = irq_register,
    .irq_unregister = irq_unregister,
    .uptime_ms = ark_uptime_ms,
    .copy_to_user = copy_to_user,
    .copy_from_user = copy_from_user,
};
