/* ro_after_init.h — __ro_after_init marks kernel data that is written only while the kernel starts
 * (tables of system calls, interrupt gates): the linker gives it pages of its own and
 * ro_after_init_seal makes them read-only before the first process runs. */
#ifndef KERNEL_RO_AFTER_INIT_H
#define KERNEL_RO_AFTER_INIT_H

#include "ark/types.h"

#ifndef __ro_after_init
#define __ro_after_init __attribute__((section(".data..ro_after_init")))
#endif

void ro_after_init_seal(void);          /* once, at the end of start-up */
bool ro_after_init_sealed(void);        /* writers of such data check this and refuse */

#endif
