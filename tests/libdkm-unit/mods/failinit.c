/* failinit.c — a constructor runs, then init fails: the destructor must undo the constructor. */
#include "ark/module.h"

extern void host_bump(int by);

__attribute__((constructor)) static void up(void) { host_bump(100); }
__attribute__((destructor)) static void down(void) { host_bump(-100); }

int module_init(void)
{
    return -19;
}
