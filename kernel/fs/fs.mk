# kernel/fs/fs.mk — the file systems: VFS, tar ramdisk, devfs, procfs. Linked into the kernel
# through KERNEL_SRCS; the pure parts are also built hosted by tests/fs-unit.
FS_SRCS := $(addprefix kernel/fs/,path.c tree.c tar.c seq.c vfs.c ramdisk.c devfs.c dev_builtin.c \
                                  procfs.c proc_builtin.c pin.c perm.c served.c)
# sysfs checks permissions against the current process, cred.c gives its uid and gid, and poll
# sleeps: all three are kernel-only.
KERNEL_SRCS += $(FS_SRCS) kernel/fs/sysfs.c kernel/fs/cred.c kernel/fs/poll.c
