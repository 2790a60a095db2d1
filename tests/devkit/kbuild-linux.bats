#!/usr/bin/env bats
# kbuild for Linux-style modules: a Linux module Makefile used as it is, NAME.ko, Linux's names
# for modules and KBUILD_MODNAME, host headers never used, APIs ark lacks stopping the build with
# a message, V=1, modules_install with depmod.

load helpers

write_linux_module() {
    mkdir -p "$1"
    cat >"$1/hello-1.c" <<'SRC'
#include <linux/module.h>
#include <linux/kernel.h>
static int __init hello_init(void) { pr_info("%s: hello\n", KBUILD_MODNAME); return 0; }
static void __exit hello_exit(void) { }
module_init(hello_init);
module_exit(hello_exit);
MODULE_LICENSE("GPL");
SRC
    cat >"$1/Makefile" <<'MK'
obj-m += hello-1.o
PWD := $(CURDIR)
all:
	$(MAKE) -C $(KDIR) M=$(PWD) modules
clean:
	$(MAKE) -C $(KDIR) M=$(PWD) clean
MK
}

@test "an LKMPG-style Makefile builds NAME.ko unchanged, without warnings, and cleans" {
    write_linux_module mod
    run make -C mod KDIR="$ARK_ROOT"
    [ "$status" -eq 0 ]
    [[ "$output" != *"warning"* ]]
    [[ "$output" == *"LD [M]  $WORK/mod/hello-1.ko"* ]]
    [ "$(elf_type mod/hello-1.ko)" = REL ]
    modinfo_of mod/hello-1.ko | grep -q '^vermagic=6.6.0-ark'
    modinfo_of mod/hello-1.ko | grep -qx 'license=GPL'
    # KBUILD_MODNAME is the module's name with '_' for '-'.
    strings mod/hello-1.ko | grep -q '^hello_1$' || readelf -p .rodata.str1.1 mod/hello-1.ko | grep -q hello_1
    run make -C mod KDIR="$ARK_ROOT" clean
    [ "$status" -eq 0 ]
    [ ! -e mod/hello-1.ko ] && [ ! -e mod/hello-1.o ] && [ -e mod/hello-1.c ]
}

@test "V=1 shows the compiler commands, with -nostdinc" {
    write_linux_module mod
    # As a user types it: not with the -s of a `make -s test` this suite may run under.
    run env -u MAKEFLAGS -u MFLAGS make -C "$ARK_ROOT" --no-print-directory M="$WORK/mod" V=1
    [ "$status" -eq 0 ]
    [[ "$output" == *"ark-gcc"*"-DKBUILD_MODNAME="*"hello-1.c"* ]]
    run "$ARK_GCC" --print-cflags
    [[ "$output" == *"-nostdinc"* ]]
}

@test "host headers are never used: a C library header stops the build with a hint" {
    mkdir m
    printf '#include <linux/module.h>\n#include <stdio.h>\nMODULE_LICENSE("GPL");\n' >m/c.c
    echo 'obj-m := c.o' >m/Makefile
    run make -C "$ARK_ROOT" --no-print-directory M="$WORK/m"
    [ "$status" -ne 0 ]
    [[ "$output" == *"<stdio.h> is a C library header; a module has no C library: use printk()"* ]]
    printf '#include <sys/types.h>\n' >m/c.c
    run make -C "$ARK_ROOT" --no-print-directory M="$WORK/m"
    [ "$status" -ne 0 ]
    [[ "$output" == *"sys/types.h: No such file or directory"* ]]
}

@test "an API ark does not provide yet fails at build time, naming it" {
    mkdir m
    # A bus ark does not have: its header is not there.
    printf '#include <linux/module.h>\n#include <linux/pci.h>\n' >m/c.c
    echo 'obj-m := c.o' >m/Makefile
    run make -C "$ARK_ROOT" --no-print-directory M="$WORK/m"
    [ "$status" -ne 0 ]
    [[ "$output" == *"linux/pci.h: No such file or directory"* ]]
    printf '#include <linux/fs.h>\nstatic int m(struct file *f, void *v) { return 0; }\nstatic const struct file_operations o = { .mmap = (void *)m };\n' >m/c.c
    run make -C "$ARK_ROOT" --no-print-directory M="$WORK/m"
    [ "$status" -ne 0 ]
    [[ "$output" == *"has no member named"*"mmap"* ]]
    # A kfifo's size must be a power of 2: any other does not compile.
    printf '#include <linux/module.h>\n#include <linux/kfifo.h>\nstatic DECLARE_KFIFO(f, int, 12);\nint *p = f.buf;\n' >m/c.c
    run make -C "$ARK_ROOT" --no-print-directory M="$WORK/m"
    [ "$status" -ne 0 ]
    [[ "$output" == *"size of array"*"is negative"* ]]
    printf '#include <linux/module.h>\n#include <linux/kfifo.h>\nstatic DECLARE_KFIFO(f, int, 16);\nint *p = f.buf;\nMODULE_LICENSE("GPL");\n' >m/c.c
    run make -C "$ARK_ROOT" --no-print-directory M="$WORK/m"
    [ "$status" -eq 0 ]
}

@test "the concurrency and time headers build together; what they leave out fails at build time" {
    mkdir m
    {
        for h in kthread mutex spinlock rwlock semaphore rwsem wait workqueue interrupt completion sched delay timer hrtimer jiffies ktime timekeeping io atomic rcupdate rculist hashtable lockdep; do
            printf '#include <linux/%s.h>\n' "$h"
        done
        printf '#include <linux/module.h>\nMODULE_LICENSE("GPL");\n'
        printf 'static irqreturn_t h(int irq, void *d) { return IRQ_HANDLED; }\n'
        printf 'static int __init i(void) { return request_irq(1, h, IRQF_SHARED, "x", &i) ? -1 : (int)jiffies * 0; }\n'
        printf 'module_init(i);\n'
    } >m/c.c
    echo 'obj-m := c.o' >m/Makefile
    run make -C "$ARK_ROOT" --no-print-directory M="$WORK/m"
    [ "$status" -eq 0 ]
    [ -f m/c.ko ]
    printf '#include <linux/module.h>\n#include <linux/ktime.h>\nstatic int i(void) { return (int)ktime_get_real_seconds(); }\nmodule_init(i);\n' >m/c.c
    run make -C "$ARK_ROOT" --no-print-directory M="$WORK/m"
    [ "$status" -ne 0 ]
    [[ "$output" == *"ktime_get_real_seconds(): ark keeps no wall-clock time"* ]]
}

@test "Linux's module_param with ark's own headers is a compile error that says what to include" {
    printf '#include "ark/module.h"\nstatic int x;\nmodule_param(x, int, 0644);\nint module_init(void) { return x; }\n' >mp.c
    run "$ARK_GCC" -o mp.elf mp.c
    [ "$status" -ne 0 ]
    [[ "$output" == *"for Linux's module_param(name, type, perm) include <linux/module.h>"* ]] ||
        [[ "$output" == *"for Linux\\'s module_param(name, type, perm) include <linux/module.h>"* ]]
}

@test "modules_install copies NAME.ko and writes modules.dep and modules.alias" {
    write_linux_module mod
    printf 'MODULE_ALIAS("dev:hello1");\n' >>mod/hello-1.c
    run make -C "$ARK_ROOT" --no-print-directory M="$WORK/mod" modules_install INSTALL_MOD_PATH="$WORK/root"
    [ "$status" -eq 0 ]
    [[ "$output" == *"INSTALL $WORK/root/lib/modules/ark/extra/hello-1.ko"* ]]
    [[ "$output" == *"DEPMOD  $WORK/root/lib/modules/ark"* ]]
    [ -f root/lib/modules/ark/extra/hello-1.ko ]
    grep -qx 'module hello_1 /ramdisk/extra/hello-1.ko' root/lib/modules/ark/modules.alias
    grep -qx 'alias dev:hello1 hello_1' root/lib/modules/ark/modules.alias
    grep -q '^/ramdisk/extra/hello-1.ko:' root/lib/modules/ark/modules.dep
    run make -C "$ARK_ROOT" --no-print-directory M="$WORK/mod" frobnicate
    [ "$status" -ne 0 ]
    [[ "$output" == *"kbuild: unknown target 'frobnicate'"* ]]
}
