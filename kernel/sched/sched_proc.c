/* sched_proc.c — /proc/sched: how often the scheduler switched threads, how many of those
 * switches were preemptions at the end of a time slice, and the average cost of a switch in TSC
 * cycles (from choosing the next thread to running on its stack). */
#include "sched.h"
#include "ark/kernel.h"
#include "ark/proc.h"

static int sched_show(struct ark_seq *s, void *priv)
{
    (void)priv;
    struct sched_stats st;
    sched_get_stats(&st);
    uint64_t avg = st.switches ? st.switch_cycles / st.switches : 0;
    int rc = seq_printf(s, "switches:        %llu\npreemptions:     %llu\nswitch_cycles:   %llu\n"
                        "quantum_ms:      %u\n", (unsigned long long)st.switches,
                        (unsigned long long)st.preemptions, (unsigned long long)avg,
                        SCHED_QUANTUM_MS);
    return rc < 0 ? rc : 0;
}

void sched_proc_init(void)
{
    if (proc_create("sched", sched_show, NULL, NULL) < 0)
        printk(KERN_ERR "sched: cannot create /proc/sched\n");
}
