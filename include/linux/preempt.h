/* linux/preempt.h — turning preemption off and on around code that must not be switched away
 * from (it nests), and the questions about the current context. */
#ifndef _LINUX_PREEMPT_H
#define _LINUX_PREEMPT_H
#include <linux/types.h>

void ark_linux_preempt_disable(void);
void ark_linux_preempt_enable(void);
int ark_linux_preempt_count(void);
bool ark_linux_in_interrupt(void);
#define preempt_disable()          ark_linux_preempt_disable()
#define preempt_enable()           ark_linux_preempt_enable()
#define preempt_enable_no_resched() ark_linux_preempt_enable()
#define preempt_disable_notrace()  ark_linux_preempt_disable()
#define preempt_enable_notrace()   ark_linux_preempt_enable()
#define preempt_count()            ark_linux_preempt_count()
/* Interrupt context, or preemption off (a spinlock held, say): no sleeping here. */
#define in_atomic()                (ark_linux_in_interrupt() || ark_linux_preempt_count() > 0)
#define preemptible()              (!in_atomic())
#define migrate_disable()          preempt_disable()
#define migrate_enable()           preempt_enable()
#endif
