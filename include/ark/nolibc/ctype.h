/* <ctype.h> inside a module: there is no C library in the kernel. */
#error "<ctype.h> is a C library header; a module has no C library: use <linux/ctype.h>"
