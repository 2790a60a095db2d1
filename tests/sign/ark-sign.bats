#!/usr/bin/env bats
# ark-sign.bats — tools/ark-sign: signs any module file (a plain gcc -c object too) with the
# tree's key, ARK_SIGN_KEY or --key; the trailer is exactly what dkm/modsig.h describes; --info,
# --verify and --strip; key generation; ark-gcc and kbuild sign by default; dkm-host loads signed
# modules (libdkm reads only the bytes before the trailer).

ARK_ROOT=$(cd "$BATS_TEST_DIRNAME/../.." && pwd)
SIGN=$ARK_ROOT/tools/ark-sign
BUILD=${BUILD:-build}
case "$BUILD" in /*) ;; *) BUILD=$ARK_ROOT/$BUILD ;; esac
TREE_KEY=$BUILD/keys/signing.key

setup() {
    WORK=$(mktemp -d "${BATS_TMPDIR:-/tmp}/ark-sign.XXXXXX")
    cd "$WORK" || return 1
    unset ARK_SIGN_KEY ARK_SIGN
    export ARK_BUILD=$BUILD
    cat >mod.c <<'SRC'
#include "ark/kernel.h"
#include "ark/module.h"
MODULE_LICENSE("GPL");
static int mod_init(void) { printk("signed module says hi\n"); return 0; }
ark_module_init(mod_init);
SRC
    gcc -m32 -ffreestanding -fno-pic -fno-stack-protector -O2 -I"$ARK_ROOT/include" -c mod.c -o mod.o
}

teardown() {
    cd / && rm -rf "$WORK"
}

size_of() { stat -c %s "$1"; }

@test "signs a plain gcc -c object in place with the tree's key: 96 bytes appended, the rest unchanged" {
    cp mod.o orig.o
    run "$SIGN" mod.o
    [ "$status" -eq 0 ]
    [ "$(size_of mod.o)" -eq $(( $(size_of orig.o) + 96 )) ]
    cmp -n "$(size_of orig.o)" orig.o mod.o
    # the trailer's fields, byte for byte
    local off=$(( $(size_of mod.o) - 96 ))
    [ "$(tail -c 16 mod.o)" = "~ark signature~" ]            # the magic (its newline is cut by $())
    [ "$(od -An -tu1 -j $((off + 72)) -N 2 mod.o | tr -s ' ')" = " 1 1" ]   # ed25519, version 1
    [ "$(od -An -tu2 -j $((off + 74)) -N 2 mod.o | tr -d ' ')" = 96 ]
    [ "$(od -An -tu4 -j $((off + 76)) -N 4 mod.o | tr -d ' ')" = "$(size_of orig.o)" ]
    local id
    id=$("$SIGN" --key-id --key "$TREE_KEY")
    [ "$(od -An -tx1 -j $((off + 64)) -N 8 mod.o | tr -d ' \n')" = "$id" ]
    run "$SIGN" --info mod.o orig.o
    [ "$status" -eq 0 ]
    [[ "$output" == *"mod.o: signed, key $id, algorithm ed25519, $(size_of orig.o) bytes signed"* ]]
    [[ "$output" == *"orig.o: unsigned"* ]]
    run "$SIGN" --verify mod.o
    [ "$status" -eq 0 ]
    [[ "$output" == *"signature verifies (key $id)"* ]]
}

@test "IN OUT leaves IN alone; signing again replaces the trailer; --strip gives back the original" {
    run "$SIGN" mod.o signed.o
    [ "$status" -eq 0 ]
    cmp mod.o <(head -c "$(size_of mod.o)" signed.o)
    [ "$(size_of signed.o)" -eq $(( $(size_of mod.o) + 96 )) ]
    run "$SIGN" signed.o
    [ "$status" -eq 0 ]
    [ "$(size_of signed.o)" -eq $(( $(size_of mod.o) + 96 )) ]
    run "$SIGN" --strip signed.o stripped.o
    [ "$status" -eq 0 ]
    cmp mod.o stripped.o
}

@test "--verify says exactly what is wrong: unsigned, tampered, unknown key" {
    run "$SIGN" --verify mod.o
    [ "$status" -eq 1 ]
    [[ "$output" == *"mod.o: module is not signed"* ]]
    "$SIGN" mod.o signed.o
    cp signed.o tampered.o
    printf 'X' | dd of=tampered.o bs=1 seek=100 conv=notrunc status=none
    run "$SIGN" --verify tampered.o
    [ "$status" -eq 1 ]
    [[ "$output" == *"tampered.o: signature does not verify"* ]]
    "$SIGN" --generate-key other.key
    run "$SIGN" --verify --key other.key signed.o
    [ "$status" -eq 1 ]
    [[ "$output" == *"signed.o: signed with an unknown key $("$SIGN" --key-id --key "$TREE_KEY")"* ]]
}

@test "--generate-key writes a secret and a public key, never overwrites; --key and ARK_SIGN_KEY pick the key" {
    run "$SIGN" --generate-key k/my.key
    [ "$status" -eq 0 ]
    [ -f k/my.key ] && [ -f k/my.key.pub ]
    [ "$(stat -c %a k/my.key)" = 600 ]
    grep -q '^ark-ed25519-secret-key [0-9a-f]\{64\}$' k/my.key
    grep -q '^ark-ed25519-public-key [0-9a-f]\{64\}$' k/my.key.pub
    [ "$("$SIGN" --key-id --key k/my.key)" = "$("$SIGN" --key-id --key k/my.key.pub)" ]
    run "$SIGN" --generate-key k/my.key
    [ "$status" -eq 1 ]
    [[ "$output" == *"already exists"* ]]
    local id
    id=$("$SIGN" --key-id --key k/my.key)
    "$SIGN" --key k/my.key mod.o a.o
    [[ "$("$SIGN" --info a.o)" == *"key $id"* ]]
    ARK_SIGN_KEY=$WORK/k/my.key "$SIGN" mod.o b.o
    [[ "$("$SIGN" --info b.o)" == *"key $id"* ]]
    "$SIGN" --verify --key k/my.key.pub b.o
    # a public key cannot sign
    run "$SIGN" --key k/my.key.pub mod.o c.o
    [ "$status" -eq 1 ]
    [[ "$output" == *"is a public key; signing needs the secret key"* ]]
}

@test "bad input gets a clear error: missing key, missing file, not a key, a malformed trailer" {
    run "$SIGN" --key nokey mod.o
    [ "$status" -eq 1 ]
    [[ "$output" == *"no signing key: nokey does not exist"* ]]
    run "$SIGN" --key nokey --optional mod.o
    [ "$status" -eq 0 ]
    [[ "$output" == *"warning: no signing key"*"left unsigned"* ]]
    [[ "$("$SIGN" --info mod.o)" == *unsigned* ]]
    run "$SIGN" nofile.o
    [ "$status" -eq 1 ]
    [[ "$output" == *"nofile.o: no such file"* ]]
    echo "hello" >junk.key
    run "$SIGN" --key junk.key mod.o
    [ "$status" -eq 1 ]
    [[ "$output" == *"junk.key: not an ark signing key"* ]]
    "$SIGN" mod.o bad.o
    printf '\007' | dd of=bad.o bs=1 seek=$(( $(size_of bad.o) - 23 )) conv=notrunc status=none
    run "$SIGN" --info bad.o
    [ "$status" -eq 1 ]
    [[ "$output" == *"bad.o: malformed signature trailer"* ]]
    run "$SIGN" --bogus mod.o
    [ "$status" -eq 2 ]
}

@test "ark-gcc signs the module it builds, unless ARK_SIGN=0" {
    run "$ARK_ROOT/tools/ark-gcc" -o hello.elf mod.c
    [ "$status" -eq 0 ]
    "$SIGN" --verify hello.elf
    ARK_SIGN=0 "$ARK_ROOT/tools/ark-gcc" -o plain.elf mod.c
    [[ "$("$SIGN" --info plain.elf)" == *"plain.elf: unsigned"* ]]
    # the signed file is the unsigned one plus the trailer
    cmp plain.elf <(head -c "$(size_of plain.elf)" hello.elf)
}

@test "kbuild (make -C ark M=dir) signs what it builds" {
    mkdir kb
    cp mod.c kb/
    echo 'obj-m := mod.o' >kb/Makefile
    run make -C "$ARK_ROOT" --no-print-directory M="$WORK/kb"
    [ "$status" -eq 0 ]
    "$SIGN" --verify kb/mod.ko
}

@test "the in-tree modules are signed with the tree's key" {
    local m
    for m in "$BUILD"/modules/*.elf; do
        "$SIGN" --verify "$m"
    done
}

@test "dkm-host loads a signed module from the bytes before its trailer, and refuses a malformed trailer" {
    "$ARK_ROOT/tools/ark-gcc" -o hello.elf mod.c
    run "$ARK_ROOT/tools/run32" "$BUILD/host/dkm-host" hello.elf
    [ "$status" -eq 0 ]
    [[ "$output" == *"signed module says hi"* ]]
    printf '\007' | dd of=hello.elf bs=1 seek=$(( $(size_of hello.elf) - 23 )) conv=notrunc status=none
    run "$ARK_ROOT/tools/run32" "$BUILD/host/dkm-host" hello.elf
    [ "$status" -ne 0 ]
    [[ "$output" == *"malformed signature trailer"* ]]
}
