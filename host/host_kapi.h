/* host/host_kapi.h — a host (Linux process) version of the ark kernel API that modules link against:
 * the ark_kernel_api_t table passed to init and the kernel's exported functions, registered with
 * libdkm by name. Devices, /proc entries, timers and IRQ handlers go into an in-process registry. */
#ifndef HOST_KAPI_H
#define HOST_KAPI_H

#include <stddef.h>
#include <stdio.h>

#include "ark/init_api.h"
#include "dkm/dkm.h"

/* Receives each printk line (level 0–7 from the KERN_ prefix, default 4) instead of stdout. */
typedef void (*host_kapi_sink_t)(void *arg, int level, const char *text);

/* Binds the emulation to a loader (to tell which module registered what) and adds every kernel
 * export to it. 0 or a DKM_E_* code. */
int host_kapi_init(struct dkm_loader *ld);
/* Drops the registry and the binding (after dkm_loader_destroy or before a new host_kapi_init). */
void host_kapi_fini(void);

/* The table passed to every module's init (dkm_config.init_arg). */
const ark_kernel_api_t *host_kapi_table(void);

/* Redirects printk (NULL: back to stdout). */
void host_kapi_set_printk_sink(host_kapi_sink_t sink, void *arg);
/* When set, each registration and removal is reported on this stream ("dkm-host: ..."). */
void host_kapi_set_trace(FILE *trace);

/* Calls every armed timer's callback once; returns how many ran. */
int host_kapi_fire_timers(void);
/* Prints the registry: devices, /proc entries (with what their show callback prints), timers, IRQs. */
void host_kapi_print_registry(FILE *out);
/* Removes what the module named owner still has registered, printing one warning per object on
 * stderr; returns how many objects were left behind. */
int host_kapi_release_owned_by(const char *owner);
/* The same for objects whose module is not loaded (its init registered them, then failed). */
int host_kapi_release_orphans(void);

/* Bytes and blocks allocated with kmalloc/kzalloc and not yet freed. */
size_t host_kapi_kmalloc_outstanding(size_t *blocks);

/* Whether /dev/NAME or /proc/PATH is registered (tests). */
int host_kapi_dev_exists(const char *name);
int host_kapi_proc_exists(const char *path);

#endif
