/* trust_gpl_provider.c — exports one GPL-only function and one for everyone. */
#include "ark/kernel.h"
#include "ark/module.h"

MODULE_LICENSE("GPL v2");

int trust_gpl_fn(int x);
int trust_plain_fn(int x);

int trust_gpl_fn(int x) { return x * 2; }
EXPORT_SYMBOL_GPL(trust_gpl_fn);

int trust_plain_fn(int x) { return x + 1; }
EXPORT_SYMBOL(trust_plain_fn);
