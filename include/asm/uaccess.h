/* asm/uaccess.h — the architecture's half of the user-copy API, which older sources include
 * directly: on ark all of it is in linux/uaccess.h. */
#ifndef _ASM_UACCESS_H
#define _ASM_UACCESS_H
#include <linux/uaccess.h>
#endif
