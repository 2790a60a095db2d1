/* linux/smp.h — the processor a call runs on, and running a function on every processor. ark has
 * one CPU, number 0: on_each_cpu runs the function here, with interrupts off as on Linux. */
#ifndef _LINUX_SMP_H
#define _LINUX_SMP_H
#include <linux/types.h>
#include <linux/errno.h>
#include <linux/irqflags.h>
#include <linux/preempt.h>
#include <linux/sched.h>

typedef void (*smp_call_func_t)(void *info);
#ifndef NR_CPUS
#define NR_CPUS 1
#endif
#define nr_cpu_ids 1U
#define get_cpu() ({ preempt_disable(); smp_processor_id(); })
#define put_cpu() preempt_enable()
static inline void on_each_cpu(smp_call_func_t func, void *info, int wait)
{
    unsigned long flags;
    (void)wait;
    local_irq_save(flags);
    func(info);
    local_irq_restore(flags);
}
/* Runs func on cpu (only 0 exists): 0, or -ENXIO. */
static inline int smp_call_function_single(int cpu, smp_call_func_t func, void *info, int wait)
{
    if (cpu != 0)
        return -ENXIO;
    on_each_cpu(func, info, wait);
    return 0;
}
/* Runs func on every other CPU: there is none. */
static inline void smp_call_function(smp_call_func_t func, void *info, int wait)
{
    (void)func;
    (void)info;
    (void)wait;
}
#endif
