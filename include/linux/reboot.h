/* linux/reboot.h — the reboot notifier chain: its callbacks run (in thread context, highest
 * priority first) when the system powers off from a user's request (poweroff, or init's exit),
 * with SYS_POWER_OFF. ark never restarts or halts without powering off. */
#ifndef _LINUX_REBOOT_H
#define _LINUX_REBOOT_H
#include <linux/notifier.h>

#define SYS_DOWN      0x0001
#define SYS_RESTART   SYS_DOWN
#define SYS_HALT      0x0002
#define SYS_POWER_OFF 0x0003

int register_reboot_notifier(struct notifier_block *nb);
int unregister_reboot_notifier(struct notifier_block *nb);
#endif
