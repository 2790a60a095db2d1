/* linux/irqflags.h — masking interrupts on this CPU: local_irq_save/restore nest, the plain forms
 * do not. */
#ifndef _LINUX_IRQFLAGS_H
#define _LINUX_IRQFLAGS_H
#include <linux/types.h>

void ark_linux_local_irq_disable(void);
void ark_linux_local_irq_enable(void);
unsigned long ark_linux_local_irq_save(void);
void ark_linux_local_irq_restore(unsigned long flags);
bool ark_linux_irqs_disabled(void);
#define local_irq_disable() ark_linux_local_irq_disable()
#define local_irq_enable()  ark_linux_local_irq_enable()
#define local_irq_save(flags)    do { (flags) = ark_linux_local_irq_save(); } while (0)
#define local_irq_restore(flags) ark_linux_local_irq_restore(flags)
#define local_save_flags(flags)  do { (flags) = ark_linux_irqs_disabled() ? 0UL : 0x200UL; } while (0)
#define irqs_disabled()          ark_linux_irqs_disabled()
#define irqs_disabled_flags(flags) (((flags) & 0x200UL) == 0)
#define raw_local_irq_save(flags)    local_irq_save(flags)
#define raw_local_irq_restore(flags) local_irq_restore(flags)
#endif
