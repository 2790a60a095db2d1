/* power.h — leaving the machine: a clean ACPI power-off (QEMU exits 0), or a failure exit through
 * QEMU's isa-debug-exit device (QEMU exits non-zero), used by panics and a failed start-up. */
#ifndef KERNEL_POWER_H
#define KERNEL_POWER_H

void machine_power_off(void) __attribute__((noreturn));   /* prints "ark: power off" */
/* Runs the Linux layer's reboot notifiers (thread context) before an orderly power-off. */
void linux_power_off_notify(void) __attribute__((weak));
void machine_fail_exit(void) __attribute__((noreturn));

#endif
