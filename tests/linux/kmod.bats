#!/usr/bin/env bats
# System tests of the kmod tools as Linux developers use them (strapper as insmod, rmmod, lsmod,
# modinfo, modprobe): their options, /ramdisk/etc/modprobe.d, --json, errors printed once with
# hints, and modules installed with `make M=... modules_install` reaching the ramdisk's index.

load ../system/lib

L=/ramdisk/linux
H=/ramdisk/linux/hints

write_conf() {
    cat >"$BATS_TEST_TMPDIR/test.conf" <<'CONF'
# options, an alias, a blacklist and a soft dependency
options params_all myint=99 \
        mycharp=fromconf
alias myparams params_all
blacklist hello_2
softdep startstop pre: hello_1 post: misc-lib
frobnicate everything
CONF
}

@test "modprobe.d: options, alias, blacklist and softdep; -n and --show-depends print, -v shows" {
    write_conf
    ark_run "modprobe -n myparams mybool=n
lsmod
modprobe --show-depends exports_consumer
modprobe -v myparams myint=5
modprobe greeter
modprobe hello_2
modprobe -v startstop
strapper list
modprobe -r -v startstop
modprobe -r myparams
poweroff" --file "$BATS_TEST_TMPDIR/test.conf:/ramdisk/etc/modprobe.d/test.conf"
    expect_status 0
    expect_output "modprobe: /ramdisk/etc/modprobe.d/test.conf:7: unknown keyword 'frobnicate' ignored"
    expect_line "insmod $L/params-all.ko myint=99 mycharp=fromconf mybool=n"
    [ "$(command_output "lsmod" | head -2 | wc -l)" -eq 1 ] || ark_fail "-n loaded something"
    [ "$(command_output "modprobe --show-depends exports_consumer" | grep '^insmod')" = \
      "$(printf 'insmod /ramdisk/exports_provider.elf\ninsmod /ramdisk/exports_consumer.elf')" ] || ark_fail "--show-depends"
    expect_line "insmod $L/params-all.ko myint=99 mycharp=fromconf myint=5"
    expect_output "params: mybyte=A myshort=-1 myushort=1 myint=5 " "mycharp=fromconf mybool=1"
    expect_output "modprobe: probe greeter: no module or alias 'greeter' in the module index"
    expect_output "Hello, world 2"                   # blacklisted, but loaded by name
    local sd
    sd=$(command_output "modprobe -v startstop")
    [[ "$sd" == *"insmod $L/startstop.ko"*"insmod $L/misc-lib.ko"* ]] || ark_fail "softdep post"
    [[ "$sd" == *"hello_1 is already loaded"* ]] || ark_fail "softdep pre (hello_1 came with hello_2's MODULE_SOFTDEP)"
    for m in params_all hello_1 hello_2 startstop misc_lib; do
        command_output "strapper list" | grep -q "^$m " || ark_fail "$m not loaded"
    done
    expect_line "rmmod startstop"
    expect_output "params: exit with myint=5 mycharp=fromconf"
}

@test "modinfo -F, -p, -0 and --json; lsmod --json; lsmod for any user without addresses" {
    ark_run "modinfo -F alias hello_2
modinfo -F filename hello-2
modinfo -F license -F version /ramdisk/linux/hello-2.ko
modinfo -p params_all
modinfo -0 -F softdep hello_2
echo
modinfo --json $L/hello-2.ko
insmod $L/hello-2.ko
insmod $L/params-all.ko
lsmod --json
runas 1000 lsmod
runas 1000 cat /proc/modules
runas 1000 modinfo -F version hello_2
poweroff"
    expect_status 0
    expect_line "greeter"
    expect_line "$L/hello-2.ko"
    expect_line "0.2"
    local p
    p=$(command_output "modinfo -p params_all")
    for line in "myint:An integer (int)" "mycharp:A character string (charp)" "mybyte:A byte (byte)" \
                "myarray:An array of integers (array of int)" "checked:At most 100" "renamed: (int)" \
                "myinvbool: (invbool)" "mystring: (string)"; do
        grep -qxF "$line" <<<"$p" || ark_fail "modinfo -p lacks '$line'"
    done
    expect_output 'pre: hello_1'
    expect_output '{"filename":"/ramdisk/linux/hello-2.ko","fields":{' '"version":["0.2"]' '"alias":["greeter"]' \
                  '"vermagic":["6.6.0-ark ark-linux-compat"]' '"parameters":[]}'
    expect_output '[{"name":"hello_2","version":"0.2","size":' '"state":"Live","address":"0xe' \
                  '{"name":"params_all","version":"",'
    # built with kbuild outside the tree: no intree=Y, so the letter O (Linux prints it too)
    command_output "runas 1000 lsmod" | grep -q '^hello_2 .* Live 0x00000000 (O)$' || ark_fail "non-root lsmod"
    command_output "runas 1000 cat /proc/modules" | grep -q '^hello_2 .* Live 0x0* (O)$' ||
        ark_fail "non-root /proc/modules shows an address"
    [ "$(command_output "runas 1000 modinfo -F version hello_2")" = "0.2" ] || ark_fail "non-root modinfo"
}

@test "errors: once, with errno names, --json, and hints for the common mistakes" {
    ark_run "insmod $H/hint_x86_64.o
insmod $H/hint_printf.o
insmod $H/hint_float.o
insmod $H/hint_linux.o
insmod --json $L/params-all.ko myint=x
insmod /ramdisk/nope.ko
poweroff"
    expect_status 0
    expect_output "insmod: load $H/hint_x86_64.o: ELF class 2 is not ELFCLASS32" "(hint: build with ark-gcc: modules are i386 (32-bit) objects)" \
                  "'printf'" "(hint: modules have no C library: use printk)" \
                  "(hint: no floating point in modules (the kernel does not save FPU state))" \
                  "'pr_info'" "(hint: pr_info and friends are Linux macros: include <linux/printk.h> (or <linux/module.h>))" \
                  '{"error":{"program":"insmod","operation":"load /ramdisk/linux/params-all.ko","message":"init failed: -22 (Invalid argument)"}}' \
                  "insmod: load /ramdisk/nope.ko: no such file"
    [ "$(grep -c "unresolved symbol" <<<"$output")" -eq 3 ] || ark_fail "each unresolved-symbol error once"
    expect_no_output "dkm: hint_printf: unresolved"
}

@test "insmod -f loads a module with an incompatible ABI record, with a warning" {
    ark_run "insmod /ramdisk/dkmt/dkmt_abi2.elf
insmod -f /ramdisk/dkmt/dkmt_abi2.elf
lsmod
poweroff"
    expect_status 0
    expect_output "insmod: load /ramdisk/dkmt/dkmt_abi2.elf: built for ark ABI 2.0, kernel provides 1.0" \
                  "dkm: dkmt_abi2: built for ark ABI 2.0, kernel provides 1.0; loading anyway (forced)"
    command_output "lsmod" | grep -q '^dkmt_abi2 ' || ark_fail "not loaded with -f"
}

@test "modules_install: installed modules are in the ramdisk with a merged index for modprobe" {
    local src=$BATS_TEST_TMPDIR/mymods inst=$BATS_TEST_TMPDIR/inst
    mkdir -p "$src"
    cat >"$src/prov-mod.c" <<'SRC'
#include <linux/module.h>
int prov_value(void) { return 41; }
EXPORT_SYMBOL(prov_value);
MODULE_LICENSE("GPL");
SRC
    cat >"$src/user-mod.c" <<'SRC'
#include <linux/module.h>
int prov_value(void);
static int __init user_init(void) { pr_info("user_mod: value %d\n", prov_value() + 1); return 0; }
static void __exit user_exit(void) { }
module_init(user_init);
module_exit(user_exit);
MODULE_ALIAS("dev:usermod");
MODULE_LICENSE("GPL");
SRC
    printf 'obj-m += prov-mod.o user-mod.o\n' >"$src/Makefile"
    run make -C "$ARK_ROOT" --no-print-directory M="$src" modules_install INSTALL_MOD_PATH="$inst"
    [ "$status" -eq 0 ] || { echo "$output"; false; }
    [ -f "$inst/lib/modules/ark/extra/user-mod.ko" ] && [ -f "$inst/lib/modules/ark/modules.dep" ]
    grep -q '^/ramdisk/extra/user-mod.ko: /ramdisk/extra/prov-mod.ko$' "$inst/lib/modules/ark/modules.dep"
    ark_run "modprobe -v user_mod
cat /dev/usermod
lsmod
modprobe -r user-mod
modprobe hello_2
poweroff" --modules "$inst/lib/modules/ark"
    expect_status 0
    expect_line "insmod /ramdisk/extra/prov-mod.ko"
    expect_line "insmod /ramdisk/extra/user-mod.ko"
    expect_output "user_mod: value 42" "Hello, world 2"
    command_output "lsmod" | grep -q '^prov_mod ' || ark_fail "the dependency was not loaded"
}
