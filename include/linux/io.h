/* linux/io.h — device I/O: on ark, x86 port I/O only (asm/io.h). */
#ifndef _LINUX_IO_H
#define _LINUX_IO_H
#include <asm/io.h>
#endif
