/* linux/cpumask.h — sets of CPUs and walks over them. ark has one CPU, number 0, always possible,
 * present and online. */
#ifndef _LINUX_CPUMASK_H
#define _LINUX_CPUMASK_H
#include <linux/types.h>
#include <linux/smp.h>

struct cpumask {
    unsigned long bits[1];
};
typedef struct cpumask cpumask_t;
extern const struct cpumask ark_linux_cpu_mask_one;
#define cpu_possible_mask (&ark_linux_cpu_mask_one)
#define cpu_online_mask   (&ark_linux_cpu_mask_one)
#define cpu_present_mask  (&ark_linux_cpu_mask_one)
#define cpu_active_mask   (&ark_linux_cpu_mask_one)
#define cpumask_of(cpu)   (&ark_linux_cpu_mask_one)
#define num_possible_cpus() 1U
#define num_present_cpus()  1U
#define num_active_cpus()   1U
#define cpu_online(cpu)   ((cpu) == 0)
#define cpu_possible(cpu) ((cpu) == 0)
#define cpu_present(cpu)  ((cpu) == 0)
#define for_each_cpu(cpu, mask) \
    for ((cpu) = 0; (cpu) < 1; (cpu)++) if (!((mask)->bits[0] & (1UL << (cpu)))) {} else
#define for_each_possible_cpu(cpu) for ((cpu) = 0; (cpu) < 1; (cpu)++)
#define for_each_online_cpu(cpu)   for_each_possible_cpu(cpu)
#define for_each_present_cpu(cpu)  for_each_possible_cpu(cpu)
static inline bool cpumask_test_cpu(int cpu, const struct cpumask *m)
{
    return cpu >= 0 && cpu < 32 && (m->bits[0] >> cpu) & 1;
}
static inline unsigned int cpumask_weight(const struct cpumask *m)
{
    return (unsigned int)__builtin_popcountl(m->bits[0]);
}
static inline unsigned int cpumask_first(const struct cpumask *m)
{
    return m->bits[0] ? (unsigned int)__builtin_ctzl(m->bits[0]) : nr_cpu_ids;
}
#endif
