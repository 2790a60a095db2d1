# kernel/linux/linux.mk — the Linux compatibility layer's kernel side: what include/linux/ declares
# (module entry, parameters, chrdev and classes, /proc with seq_file, kobjects in /sys, slab,
# string and user-copy helpers), exported to modules.
LINUX_COMPAT_SRCS := $(sort $(wildcard kernel/linux/*.c))
KERNEL_SRCS += $(LINUX_COMPAT_SRCS)
# The random generator hashes with the kernel's SHA-256 (lib/crypto, built in for module signing).
$(BUILD)/kernel/obj/kernel/linux/random.o: KERNEL_CFLAGS += -Ilib/crypto
