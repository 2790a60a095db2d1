/* <strings.h> inside a module: there is no C library in the kernel. */
#error "<strings.h> is a C library header; a module has no C library: use <linux/string.h> (or ark/kernel.h for ark's own modules)"
