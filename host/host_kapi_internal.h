/* host/host_kapi_internal.h — what host_kapi.c and host_registry.c share: the host versions of the
 * registry functions, which both the API table and the export list point at. */
#ifndef HOST_KAPI_INTERNAL_H
#define HOST_KAPI_INTERNAL_H

#include <stdint.h>
#include <stdio.h>

#include "ark/init_api.h"
#include "dkm/dkm.h"

/* host_registry.c */
void host_registry_bind(struct dkm_loader *ld);
void host_registry_clear(void);
int host_dev_register(const char *name, const struct ark_file_ops *ops, void *priv);
int host_dev_unregister(const char *name);
int host_proc_create(const char *path, ark_proc_show_t show, ark_proc_write_t write, void *priv);
int host_proc_remove(const char *path);
int host_seq_printf(struct ark_seq *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int host_seq_write(struct ark_seq *s, const void *data, size_t len);
struct ark_timer *host_timer_create(ark_timer_fn fn, void *arg);
int host_timer_start(struct ark_timer *t, uint32_t period_ms, bool periodic);
void host_timer_stop(struct ark_timer *t);
void host_timer_destroy(struct ark_timer *t);
int host_irq_register(int irq, ark_irq_handler_t handler, void *arg);
int host_irq_unregister(int irq, ark_irq_handler_t handler, void *arg);

/* host_sched.c: ark/thread.h, ark/sync.h and ark/workqueue.h on POSIX threads */
int host_sched_add_exports(struct dkm_loader *ld);
void host_sched_release_all(void);

/* host_kapi.c */
extern FILE *host_kapi_trace_stream;   /* NULL unless tracing */

#endif
