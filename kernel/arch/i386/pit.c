/* pit.c — the 8253/8254 programmable interval timer on IRQ 0: one tick per millisecond, counted
 * since boot, driving kernel timers. */
#include "trap.h"
#include "cpu.h"
#include "sched.h"
#include "ark/irq.h"
#include "ark/kernel.h"
#include "export.h"

#define PIT_INPUT_HZ   1193182u
#define PIT_CHANNEL0   0x40
#define PIT_COMMAND    0x43
#define PIT_MODE_RATE  0x34   /* channel 0, lobyte/hibyte, mode 2 (rate generator) */
#define PIT_IRQ        0

static volatile uint64_t ticks;

static void pit_interrupt(int irq, void *arg)
{
    (void)irq;
    (void)arg;
    ticks++;
    uint64_t now = ticks * 1000u / PIT_HZ;
    timer_tick(now);
    sched_tick(now);
}

void pit_init(void)
{
    uint32_t divisor = (PIT_INPUT_HZ + PIT_HZ / 2) / PIT_HZ;
    outb(PIT_COMMAND, PIT_MODE_RATE);
    outb(PIT_CHANNEL0, divisor & 0xFF);
    outb(PIT_CHANNEL0, (divisor >> 8) & 0xFF);
    irq_register(PIT_IRQ, pit_interrupt, NULL);
}

uint64_t pit_ticks(void)
{
    uint32_t flags = irq_save();       /* a 64-bit read is two loads: keep the tick out of it */
    uint64_t t = ticks;
    irq_restore(flags);
    return t;
}

uint64_t ark_uptime_ms(void)
{
    return pit_ticks() * 1000u / PIT_HZ;
}
KERNEL_EXPORT(ark_uptime_ms);
