/* ctors.c — constructor priorities and order: init checks the sequence they ran in. */
#include "ark/module.h"

extern void host_bump(int by);
static int seq[4], n;

__attribute__((constructor(105))) static void second(void) { seq[n++] = 2; }
__attribute__((constructor(101))) static void first(void) { seq[n++] = 1; }
__attribute__((constructor)) static void last(void) { seq[n++] = 3; }
__attribute__((destructor)) static void gone(void) { host_bump(-5); }

int module_init(void)
{
    host_bump(n == 3 && seq[0] == 1 && seq[1] == 2 && seq[2] == 3 ? 7 : -7);
    return 0;
}
