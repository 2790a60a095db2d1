/* linux/interrupt.h — interrupt handlers (request_irq) and tasklets: not yet provided by ark's Linux compatibility layer. */
#error "<linux/interrupt.h>: interrupt handlers (request_irq) and tasklets not yet supported on ark (it needs kernel threads and sleeping locks); see docs/linux-compat.md"
