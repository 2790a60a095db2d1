#!/usr/bin/env bats
# symhash.bats — tools/symhash (ark-symhash): the .dkm.symhash section holds, for every named
# undefined symbol, the FNV-1a hash and length of its name at the symbol's index (checked here
# against a hash computed independently); it is refreshed in place, leaves every other section and
# the symbol table as they were, refuses what it must not touch, and modules carrying it load.

ARK_ROOT=$(cd "$BATS_TEST_DIRNAME/../.." && pwd)
BUILD=${BUILD:-build}
case "$BUILD" in /*) ;; *) BUILD=$ARK_ROOT/$BUILD ;; esac
SYMHASH=$BUILD/tools/ark-symhash

setup() {
    WORK=$(mktemp -d "${BATS_TMPDIR:-/tmp}/ark-symhash.XXXXXX")
    cd "$WORK" || return 1
    export ARK_BUILD=$BUILD
    cat >mod.c <<'SRC'
#include "ark/kernel.h"
#include "ark/module.h"
MODULE_LICENSE("GPL");
extern int a_counter_with_a_long_name;
int ark_symhash_local_value = 3;
static int mod_init(void) { a_counter_with_a_long_name++; printk("hashed module says hi\n"); return 0; }
ark_module_init(mod_init);
SRC
    gcc -m32 -ffreestanding -fno-pic -fno-stack-protector -O2 -I"$ARK_ROOT/include" -c mod.c -o mod.o
}

teardown() {
    cd / && rm -rf "$WORK"
}

# FNV-1a of $1, 32 bits, 0 taken as 1: what dkm/symhash.h specifies, computed without libdkm.
fnv1a() {
    local s=$1 h=2166136261 i c
    for ((i = 0; i < ${#s}; i++)); do
        printf -v c '%d' "'${s:i:1}"
        h=$(( ((h ^ c) * 16777619) & 0xffffffff ))
    done
    [ "$h" -eq 0 ] && h=1
    printf '%08x' "$h"
}

# "index hash length" for each named undefined symbol of $1, from readelf and fnv1a.
expected_entries() {
    readelf -sW "$1" | awk '$7 == "UND" && $8 != "" { sub(":", "", $1); print $1, $8 }' |
        while read -r idx name; do echo "$idx $(fnv1a "$name") ${#name}"; done
}

# Every section but .dkm.symhash, with its contents, and the symbol table.
everything_else() {
    local f=$1 s
    readelf -sW "$f"
    readelf -rW "$f"
    for s in $(readelf -SW "$f" | sed -n 's/^ *\[ *[0-9]*\] \([^ ]*\) .*/\1/p' | grep -vx '.dkm.symhash\|.shstrtab'); do
        echo "== $s"; readelf -x "$s" "$f" 2>&1 | tail -n +2
    done
}

@test "adds .dkm.symhash to a gcc -c object: each import's hash and length at its symbol index" {
    everything_else mod.o >before.txt
    run "$SYMHASH" mod.o
    [ "$status" -eq 0 ]
    [ -z "$output" ]
    run readelf -SW mod.o
    [[ "$output" =~ \.dkm\.symhash\ +PROGBITS\ +0+\ [0-9a-f]+\ [0-9a-f]+\ 00\ +0\ +0\ +4 ]]
    run "$SYMHASH" --list mod.o
    [ "$status" -eq 0 ]
    [ "$output" = "$(expected_entries mod.o)" ]
    [ "${#lines[@]}" -eq 2 ]                     # printk and a_counter_with_a_long_name
    grep -q " $(fnv1a a_counter_with_a_long_name) 26$" <<<"$output"
    everything_else mod.o >after.txt
    diff before.txt after.txt
}

@test "an ELF64 object gets the same table" {
    printf 'extern int x86_64_import;\nint use(void) { return x86_64_import; }\n' >m64.c
    gcc -O2 -c m64.c -o m64.o
    "$SYMHASH" m64.o
    run "$SYMHASH" --list m64.o
    [ "$status" -eq 0 ]
    [ "$output" = "$(expected_entries m64.o)" ]
    [ "${#lines[@]}" -eq 1 ]
    readelf -hW m64.o >/dev/null
}

@test "runs again in place to the same bytes, and refreshes a table the symbol table outgrew" {
    "$SYMHASH" mod.o
    cp mod.o once.o
    "$SYMHASH" mod.o
    cmp once.o mod.o
    # a relink that adds an import leaves the table stale: --list says so, a new run fixes it
    printf 'extern int another_import;\nint more(void) { return another_import; }\n' >more.c
    gcc -m32 -O2 -fno-pic -c more.c -o more.o
    ld -m elf_i386 -r -o both.o mod.o more.o
    if readelf -SW both.o | grep -q '\.dkm\.symhash'; then
        run "$SYMHASH" --list both.o
        [ "$status" -eq 1 ]
        [[ "$output" == *"does not match the symbol table (run ark-symhash again)"* ]]
    fi
    "$SYMHASH" both.o
    run "$SYMHASH" --list both.o
    [ "$status" -eq 0 ]
    [ "$output" = "$(expected_entries both.o)" ]
    [ "${#lines[@]}" -eq 3 ]
    [ "$(readelf -SW both.o | grep -c '\.dkm\.symhash')" -eq 1 ]
}

@test "refuses signed modules, executables and non-ELF files, and leaves them untouched" {
    cp mod.o signed.o
    "$ARK_ROOT/tools/ark-sign" signed.o
    cp signed.o signed.orig
    run "$SYMHASH" signed.o
    [ "$status" -eq 1 ]
    [ "$output" = "ark-symhash: signed.o: is signed; run ark-symhash before signing (ark-sign --strip removes a signature)" ]
    cmp signed.o signed.orig
    gcc -m32 -O2 -nostdlib -static -Wl,-e,0 -o prog mod.o -Wl,--unresolved-symbols=ignore-all 2>/dev/null
    run "$SYMHASH" prog
    [ "$status" -eq 1 ]
    [[ "$output" == "ark-symhash: prog: not a relocatable module (ELF type 2;"* ]]
    echo "not elf" >text.o
    run "$SYMHASH" text.o
    [ "$status" -eq 1 ]
    [ "$output" = "ark-symhash: text.o: not an ELF file" ]
    run "$SYMHASH" missing.o
    [ "$status" -eq 1 ]
    [ "$output" = "ark-symhash: missing.o: No such file or directory" ]
    run "$SYMHASH" --list mod.o
    [ "$status" -eq 1 ]
    [ "$output" = "ark-symhash: mod.o: no .dkm.symhash section" ]
    run "$SYMHASH"
    [ "$status" -eq 2 ]
    [[ "$output" == usage:* ]]
    [ -z "$(ls "$WORK" | grep symhash-tmp)" ]
}

@test "ark-gcc records the hashes before it signs, and dkm-host runs the module" {
    cat >hello.c <<'SRC'
#include "ark/kernel.h"
#include "ark/module.h"
MODULE_LICENSE("GPL");
static int hello_init(void) { printk("hello from a hashed module\n"); return 0; }
ark_module_init(hello_init);
SRC
    run "$ARK_ROOT/tools/ark-gcc" -o hello.elf hello.c
    [ "$status" -eq 0 ]
    run "$SYMHASH" --list hello.elf
    [ "$status" -eq 0 ]
    [ "$output" = "$(expected_entries hello.elf)" ]
    [ "${#lines[@]}" -ge 1 ]
    "$ARK_ROOT/tools/ark-sign" --verify hello.elf
    run "$ARK_ROOT/tools/run32" "$BUILD/host/dkm-host" hello.elf
    [ "$status" -eq 0 ]
    [[ "$output" == *"hello from a hashed module"* ]]
}
