/* user.c — imports basic's export, so it depends on basic; declares the dependency too. */
#include "ark/module.h"

MODULE_DEPENDS("basic>=1.2");
extern int basic_add(int a, int b);
extern void host_bump(int by);

int module_init(void)
{
    host_bump(basic_add(10, 20));
    return 0;
}
