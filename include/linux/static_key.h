/* linux/static_key.h — Linux's other name for linux/jump_label.h. */
#ifndef _LINUX_STATIC_KEY_H
#define _LINUX_STATIC_KEY_H
#include <linux/jump_label.h>
#endif
