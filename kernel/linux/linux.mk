# kernel/linux/linux.mk — the Linux compatibility layer's kernel side: what include/linux/ declares
# (module entry, parameters, chrdev and classes, /proc with seq_file, kobjects in /sys, slab,
# string and user-copy helpers), exported to modules.
LINUX_COMPAT_SRCS := $(sort $(wildcard kernel/linux/*.c))
KERNEL_SRCS += $(LINUX_COMPAT_SRCS)
