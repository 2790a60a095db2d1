/* linux/percpu.h — per-CPU variables. With ark's one CPU a per-CPU variable is one variable, and
 * per_cpu(var, 0) is it. The this_cpu_ operations are each one step that neither an interrupt nor
 * a preemption splits, as on Linux; get_cpu_var keeps preemption off until put_cpu_var. */
#ifndef _LINUX_PERCPU_H
#define _LINUX_PERCPU_H
#include <linux/types.h>
#include <linux/irqflags.h>
#include <linux/preempt.h>
#include <linux/slab.h>
#include <linux/smp.h>
#include <linux/cpumask.h>
#include <linux/export.h>

#define __percpu
#define DEFINE_PER_CPU(type, name) __typeof__(type) name
#define DECLARE_PER_CPU(type, name) extern __typeof__(type) name
#define DEFINE_PER_CPU_SHARED_ALIGNED(type, name) __typeof__(type) name __attribute__((aligned(64)))
#define DEFINE_PER_CPU_ALIGNED(type, name) DEFINE_PER_CPU_SHARED_ALIGNED(type, name)
#define DEFINE_PER_CPU_READ_MOSTLY(type, name) DEFINE_PER_CPU(type, name)
#define EXPORT_PER_CPU_SYMBOL(var) EXPORT_SYMBOL(var)
#define EXPORT_PER_CPU_SYMBOL_GPL(var) EXPORT_SYMBOL_GPL(var)

#define per_cpu(var, cpu)      (*((void)(cpu), &(var)))
#define per_cpu_ptr(ptr, cpu)  ((void)(cpu), (ptr))
#define this_cpu_ptr(ptr)      (ptr)
#define raw_cpu_ptr(ptr)       (ptr)
#define get_cpu_var(var)       (*({ preempt_disable(); &(var); }))
#define put_cpu_var(var)       do { (void)&(var); preempt_enable(); } while (0)
#define get_cpu_ptr(ptr)       ({ preempt_disable(); (ptr); })
#define put_cpu_ptr(ptr)       do { (void)(ptr); preempt_enable(); } while (0)

/* One step with interrupts off: safe against the handlers and threads of this CPU. */
#define __ark_this_cpu_op(var, op)                                                          \
    ({                                                                                      \
        unsigned long __f;                                                                  \
        local_irq_save(__f);                                                                \
        __typeof__(var) __r = ((var) op);                                                   \
        local_irq_restore(__f);                                                             \
        __r;                                                                                \
    })
#define this_cpu_read(var)        __ark_this_cpu_op(var, + 0)
#define this_cpu_write(var, v)    ((void)__ark_this_cpu_op(var, = (v)))
#define this_cpu_add(var, v)      ((void)__ark_this_cpu_op(var, += (v)))
#define this_cpu_sub(var, v)      ((void)__ark_this_cpu_op(var, -= (v)))
#define this_cpu_inc(var)         this_cpu_add(var, 1)
#define this_cpu_dec(var)         this_cpu_sub(var, 1)
#define this_cpu_add_return(var, v) __ark_this_cpu_op(var, += (v))
#define this_cpu_inc_return(var)  this_cpu_add_return(var, 1)
#define this_cpu_xchg(var, v)                                                               \
    ({                                                                                      \
        unsigned long __f;                                                                  \
        local_irq_save(__f);                                                                \
        __typeof__(var) __old = (var);                                                      \
        (var) = (v);                                                                        \
        local_irq_restore(__f);                                                             \
        __old;                                                                              \
    })
#define __this_cpu_read(var)      this_cpu_read(var)
#define __this_cpu_write(var, v)  this_cpu_write(var, v)
#define __this_cpu_add(var, v)    this_cpu_add(var, v)
#define __this_cpu_sub(var, v)    this_cpu_sub(var, v)
#define __this_cpu_inc(var)       this_cpu_inc(var)
#define __this_cpu_dec(var)       this_cpu_dec(var)
#define raw_cpu_read(var)         this_cpu_read(var)
#define raw_cpu_write(var, v)     this_cpu_write(var, v)
#define raw_cpu_inc(var)          this_cpu_inc(var)

/* A dynamically allocated per-CPU object: zeroed, one copy. */
#define alloc_percpu(type)        ((type __percpu *)kzalloc(sizeof(type), GFP_KERNEL))
#define alloc_percpu_gfp(type, gfp) ((type __percpu *)kzalloc(sizeof(type), (gfp)))
#define __alloc_percpu(size, align) kzalloc((size), GFP_KERNEL)
#define free_percpu(ptr)          kfree(ptr)
#endif
