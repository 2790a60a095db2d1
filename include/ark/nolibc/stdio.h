/* <stdio.h> inside a module: there is no C library in the kernel. */
#error "<stdio.h> is a C library header; a module has no C library: use printk() from <linux/printk.h> or ark/kernel.h; snprintf is in <linux/kernel.h>"
