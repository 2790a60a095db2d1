#!/usr/bin/env bats
# External modules the kbuild way: make -C <ark> M=<dir> with obj-m / NAME-objs, and clean.

load helpers

kbuild() {
    make -C "$ARK_ROOT" --no-print-directory M="$WORK/$1" "${@:2}"
}

@test "obj-m := hello.o builds hello.ko in the module's directory" {
    mkdir hello
    write_seed_api hello/hello.c
    echo 'obj-m := hello.o' >hello/Makefile
    run kbuild hello
    [ "$status" -eq 0 ]
    [[ "$output" == *"LD [M]  $WORK/hello/hello.ko"* ]]
    [ "$(elf_type hello/hello.ko)" = REL ]
    modinfo_of hello/hello.ko | grep -qx "abi=$(abi_string)"
    # Up to date: nothing is rebuilt.
    run kbuild hello
    [ "$status" -eq 0 ]
    [[ "$output" != *"CC [M]"* ]]
    # A changed source is rebuilt.
    sleep 1 && touch hello/hello.c
    run kbuild hello
    [[ "$output" == *"CC [M]  $WORK/hello/hello.o"* ]]
}

@test "drv-objs := a.o b.o links several objects into drv.ko, and clean removes them" {
    mkdir drv
    cat >drv/a.c <<'SRC'
#include "ark/module.h"
#include "drv.h"
MODULE_NAME("drv");
int module_init(void) { return drv_helper(0); }
SRC
    printf '#include "drv.h"\nint drv_helper(int x) { return x; }\n' >drv/b.c
    printf 'int drv_helper(int x);\n' >drv/drv.h
    printf 'obj-m := drv.o\ndrv-objs := a.o b.o\n' >drv/Makefile
    run kbuild drv
    [ "$status" -eq 0 ]
    [ "$(elf_type drv/drv.ko)" = REL ]
    readelf -sW drv/drv.ko | grep -q ' drv_helper$'
    modinfo_of drv/drv.ko | grep -qx 'name=drv'
    # The header is a dependency of both objects.
    sleep 1 && touch drv/drv.h
    run kbuild drv
    [[ "$output" == *"CC [M]  $WORK/drv/a.o"* ]] && [[ "$output" == *"CC [M]  $WORK/drv/b.o"* ]]
    run kbuild drv clean
    [ "$status" -eq 0 ]
    [ ! -e drv/drv.ko ] && [ ! -e drv/a.o ] && [ ! -e drv/b.o ] && [ ! -e drv/.a.o.d ]
    [ -e drv/a.c ] && [ -e drv/Makefile ]
}

@test "a Kbuild file, several modules, NAME-y and ccflags-y" {
    mkdir multi
    write_seed_standalone multi/one.c
    printf '#include "ark/types.h"\nint module_init(void) { return VALUE; }\n' >multi/two_main.c
    printf 'int two_extra(void) { return 2; }\n' >multi/two_extra.c
    printf 'obj-m += one.o two.o\ntwo-y := two_main.o two_extra.o\nccflags-y := -DVALUE=0\n' >multi/Kbuild
    printf 'this file is not read when Kbuild exists\n' >multi/Makefile
    run kbuild multi
    [ "$status" -eq 0 ]
    [ "$(elf_type multi/one.ko)" = REL ]
    readelf -sW multi/two.ko | grep -q ' two_extra$'
}

@test "a Linux-style Makefile guarded by KERNELRELEASE works unchanged" {
    mkdir linuxy
    write_seed_standalone linuxy/hello.c
    cat >linuxy/Makefile <<'MK'
ifneq ($(KERNELRELEASE),)
obj-m := hello.o
else
KDIR ?= /lib/modules/none/build
default:
	$(MAKE) -C $(KDIR) M=$(PWD) modules
endif
MK
    run kbuild linuxy
    [ "$status" -eq 0 ]
    [ "$(elf_type linuxy/hello.ko)" = REL ]
}

@test "kbuild reports a compile error and a missing source" {
    mkdir broken
    printf 'int module_init(void) { return nope; }\n' >broken/bad.c
    echo 'obj-m := bad.o' >broken/Makefile
    run kbuild broken
    [ "$status" -ne 0 ]
    [[ "$output" == *"nope"* ]]
    [ ! -e broken/bad.ko ]
    echo 'obj-m := ghost.o' >broken/Makefile
    run kbuild broken
    [ "$status" -ne 0 ]
    [[ "$output" == *"ghost.o"* ]]
}

@test "kbuild refuses a relative M, a directory without a Makefile, and an empty obj-m" {
    run make -C "$ARK_ROOT" --no-print-directory M=relative/dir
    [ "$status" -ne 0 ]; [[ "$output" == *"must be an absolute path"* ]]
    mkdir empty
    run kbuild empty
    [ "$status" -ne 0 ]; [[ "$output" == *"no Kbuild or Makefile in $WORK/empty"* ]]
    echo '# nothing' >empty/Makefile
    run kbuild empty
    [ "$status" -ne 0 ]; [[ "$output" == *"sets no obj-m"* ]]
}
