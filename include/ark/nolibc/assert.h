/* <assert.h> inside a module: there is no C library in the kernel. */
#error "<assert.h> is a C library header; a module has no C library: use BUG_ON()/WARN_ON() from <linux/kernel.h>"
