#!/usr/bin/env bats
# ark-gcc: the seed's commands, module output (ET_REL, ABI record, compiler runtime), several
# sources, clang, user programs, relocated copies, and wrong usage.

load helpers

@test "seed command: standalone module including only ark/types.h is an ET_REL with the ABI record" {
    write_seed_standalone mymodule.c
    run "$ARK_GCC" -ffreestanding -nostdlib -Wl,-e,module_init -o mymodule.elf mymodule.c
    [ "$status" -eq 0 ]
    [ "$(elf_type mymodule.elf)" = REL ]
    readelf -h mymodule.elf | grep -q 'Intel 80386'
    modinfo_of mymodule.elf | grep -qx "abi=$(abi_string)"
    readelf -sW mymodule.elf | grep -q ' module_init$'
}

@test "seed command with -I /path/to/ark/include builds the API-mode module" {
    write_seed_api mymodule.c
    run "$ARK_GCC" -ffreestanding -nostdlib -Wl,-e,module_init -I "$ARK_ROOT/include" -o mymodule.elf mymodule.c
    [ "$status" -eq 0 ]
    [ "$(elf_type mymodule.elf)" = REL ]
    modinfo_of mymodule.elf | grep -qx "abi=$(abi_string)"
    # It uses only the API table: nothing to import.
    [ -z "$(imports_of mymodule.elf)" ]
}

@test "a module including ark/module.h carries its metadata and exactly one ABI record" {
    cat >m.c <<'SRC'
#include "ark/module.h"
MODULE_NAME("meta"); MODULE_VERSION("2.1"); MODULE_LICENSE("MIT"); MODULE_ALIAS("dev:meta");
int module_init(void) { return 0; }
SRC
    run "$ARK_GCC" -o m.elf m.c
    [ "$status" -eq 0 ]
    modinfo_of m.elf | grep -qx 'name=meta'
    modinfo_of m.elf | grep -qx 'version=2.1'
    modinfo_of m.elf | grep -qx 'alias=dev:meta'
    [ "$(modinfo_of m.elf | grep -c '^abi=')" -eq 1 ]
}

@test "64-bit division is satisfied by the compiler runtime linked into the module" {
    cat >div.c <<'SRC'
#include "ark/types.h"
uint64_t q(uint64_t a, uint64_t b) { return a / b; }
int64_t r(int64_t a, int64_t b) { return a % b; }
int module_init(void) { return (int)q(10, 3) - 3 + (int)r(7, 4) - 3; }
SRC
    run "$ARK_GCC" -O0 -o div.elf div.c
    [ "$status" -eq 0 ]
    ! imports_of div.elf | grep -q '^__'
    readelf -sW div.elf | grep -q ' __udivdi3$'
}

@test "several sources make one module" {
    printf '#include "ark/types.h"\nint helper(int);\nint module_init(void) { return helper(0); }\n' >a.c
    printf 'int helper(int x) { return x; }\n' >b.c
    printf '\t.text\n\t.globl asm_helper\nasm_helper:\n\tret\n' >c.S
    run "$ARK_GCC" -o multi.elf a.c b.c c.S
    [ "$status" -eq 0 ]
    [ "$(elf_type multi.elf)" = REL ]
    for s in module_init helper asm_helper; do readelf -sW multi.elf | grep -q " $s\$"; done
    [ -z "$(imports_of multi.elf)" ]
}

@test "without -o the module is named after the first source" {
    write_seed_standalone first.c
    run "$ARK_GCC" first.c
    [ "$status" -eq 0 ]
    [ "$(elf_type first.elf)" = REL ]
}

@test "-Wl,-e,SYMBOL makes SYMBOL the init function" {
    printf '#include "ark/types.h"\nint start_here(void) { return 0; }\n' >e.c
    run "$ARK_GCC" -Wl,-e,start_here -o e.elf e.c
    [ "$status" -eq 0 ]
    addr_start=$(readelf -sW e.elf | awk '$8 == "start_here" { print $2 }')
    addr_alias=$(readelf -sW e.elf | awk '$8 == "__ark_module_init" { print $2 }')
    [ -n "$addr_start" ] && [ "$addr_start" = "$addr_alias" ]
    run "$ARK_GCC" -Wl,-e,not_defined -o e2.elf e.c
    [ "$status" -ne 0 ]
    [[ "$output" == *"ark-gcc: entry symbol 'not_defined'"* ]]
}

@test "-c compiles an object with ark's flags and include path" {
    write_seed_standalone c.c
    run "$ARK_GCC" -c c.c -o c.o
    [ "$status" -eq 0 ]
    [ "$(elf_type c.o)" = REL ]
    readelf -h c.o | grep -q 'ELF32'
}

@test "ARK_CC=clang builds the module with clang" {
    command -v clang >/dev/null || skip "clang is not installed"
    write_seed_api mymodule.c
    ARK_CC=clang run "$ARK_GCC" -v -ffreestanding -nostdlib -Wl,-e,module_init -o mymodule.elf mymodule.c
    [ "$status" -eq 0 ]
    [[ "$output" == *"clang version"* ]]
    [ "$(elf_type mymodule.elf)" = REL ]
    modinfo_of mymodule.elf | grep -qx "abi=$(abi_string)"
    readelf -p .comment mymodule.elf | grep -q clang
}

@test "every example module also builds with clang" {
    command -v clang >/dev/null || skip "clang is not installed"
    for src in "$ARK_ROOT"/modules/*.c; do
        ARK_CC=clang "$ARK_GCC" -Wall -Wextra -Werror -o one.elf "$src" || { echo "failed: $src"; return 1; }
    done
    ARK_CC=clang "$ARK_GCC" -Wall -Wextra -Werror -o two.elf "$ARK_ROOT"/modules/two_file/*.c
}

@test "ark's headers compile cleanly with -Wall -Wextra under gcc and clang" {
    for h in "$ARK_ROOT"/include/ark/*.h; do
        printf '#include "ark/%s"\n#include "ark/%s"\n' "$(basename "$h")" "$(basename "$h")" >h.c
        "$ARK_GCC" -Wall -Wextra -Werror -std=c11 -c h.c -o h.o || { echo "gcc: $h"; return 1; }
        if command -v clang >/dev/null; then
            ARK_CC=clang "$ARK_GCC" -Wall -Wextra -Werror -std=c11 -c h.c -o h.o || { echo "clang: $h"; return 1; }
        fi
    done
}

@test "--user builds a static ark program (ET_EXEC at 0x400000)" {
    [ -f "$BUILD/user/lib/libulib.a" ] || { echo "user runtime not built: run make"; return 1; }
    cat >prog.c <<'SRC'
#include "ulib.h"
int main(int argc, char **argv) { printf("%s: %d args\n", argv[0], argc); return 0; }
SRC
    ARK_BUILD=$BUILD run "$ARK_GCC" --user -o prog prog.c
    [ "$status" -eq 0 ]
    [ "$(elf_type prog)" = EXEC ]
    readelf -lW prog | awk '$1 == "LOAD" { print $3 }' | head -n 1 | grep -qx '0x00400000'
    readelf -sW prog | grep -q ' _start$'
    [ -z "$(imports_of prog)" ]
}

@test "a copy of ark-gcc beside an include/ directory works outside the tree" {
    mkdir -p kit/bin kit/include
    cp "$ARK_GCC" kit/bin/ark-gcc
    cp -r "$ARK_ROOT/include/ark" kit/include/
    write_seed_standalone mymodule.c
    run kit/bin/ark-gcc -ffreestanding -nostdlib -Wl,-e,module_init -o mymodule.elf mymodule.c
    [ "$status" -eq 0 ]
    modinfo_of mymodule.elf | grep -qx "abi=$(abi_string)"
    run kit/bin/ark-gcc --print-include-dir
    [ "$output" = "$WORK/kit/include" ]
    # Through a symlink, as from /usr/local/bin.
    mkdir other && ln -s "$WORK/kit/bin/ark-gcc" other/ark-gcc
    run other/ark-gcc -o m2.elf mymodule.c
    [ "$status" -eq 0 ]
    # Without headers next to it, it says so.
    mkdir lonely && cp "$ARK_GCC" lonely/
    run lonely/ark-gcc -o m3.elf mymodule.c
    [ "$status" -ne 0 ]
    [[ "$output" == *"ark-gcc: cannot find ark's headers"* ]]
}

@test "make install-devkit gives a working PREFIX/bin/ark-gcc" {
    [ -f "$BUILD/user/lib/libulib.a" ] || { echo "user runtime not built: run make"; return 1; }
    run make -C "$ARK_ROOT" --no-print-directory BUILD="$BUILD" install-devkit PREFIX="$WORK/prefix"
    [ "$status" -eq 0 ]
    write_seed_api mymodule.c
    run "$WORK/prefix/bin/ark-gcc" -o mymodule.elf mymodule.c
    [ "$status" -eq 0 ]
    [ "$(elf_type mymodule.elf)" = REL ]
    printf '#include "ulib.h"\nint main(void) { return 0; }\n' >p.c
    run "$WORK/prefix/bin/ark-gcc" --user -o p p.c
    [ "$status" -eq 0 ]
    [ "$(elf_type p)" = EXEC ]
}

@test "an installed devkit hashes imports and signs what it builds with the tree's key, out of tree (no intree record)" {
    [ -f "$BUILD/user/lib/libulib.a" ] || { echo "user runtime not built: run make"; return 1; }
    run make -C "$ARK_ROOT" --no-print-directory BUILD="$BUILD" install-devkit PREFIX="$WORK/prefix"
    [ "$status" -eq 0 ]
    [ -x "$WORK/prefix/bin/ark-sign" ] && [ -x "$WORK/prefix/lib/ark/ark-signtool" ]
    [ -x "$WORK/prefix/lib/ark/ark-symhash" ]
    [ "$(stat -c %a "$WORK/prefix/lib/ark/keys/signing.key")" = 600 ]
    write_seed_api mymodule.c
    # Nothing of the tree's environment: the kit alone must find its signer, key and ark-symhash.
    run env -u ARK_SIGN_KEY -u ARK_SIGNTOOL -u ARK_SYMHASH -u ARK_BUILD -u ARK_GCC_INTREE \
        "$WORK/prefix/bin/ark-gcc" -o mymodule.elf mymodule.c
    [ "$status" -eq 0 ]
    [[ "$output" != *"left unsigned"* ]]
    "$WORK/prefix/lib/ark/ark-symhash" --list mymodule.elf
    run env -u ARK_SIGN_KEY -u ARK_SIGNTOOL -u ARK_BUILD "$WORK/prefix/bin/ark-sign" --info mymodule.elf
    [ "$status" -eq 0 ]
    [[ "$output" == *"signed, key $("$ARK_ROOT/tools/ark-sign" --key-id --key "$BUILD/keys/signing.key")"* ]]
    run "$ARK_ROOT/tools/ark-sign" --verify --key "$BUILD/keys/signing.key.pub" mymodule.elf
    [ "$status" -eq 0 ]
    ! readelf -p .modinfo mymodule.elf | grep -q 'intree='
}

@test "ARK_GCC_INTREE=1 (the tree's own build) records intree=Y" {
    write_seed_api m.c
    run env ARK_GCC_INTREE=1 "$ARK_GCC" -o m.elf m.c
    [ "$status" -eq 0 ]
    readelf -p .modinfo m.elf | grep -q 'intree=Y'
    run env -u ARK_GCC_INTREE "$ARK_GCC" -o n.elf m.c
    [ "$status" -eq 0 ]
    ! readelf -p .modinfo n.elf | grep -q 'intree='
}

@test "wrong usage gets a clear ark-gcc message and status 2" {
    run "$ARK_GCC"
    [ "$status" -eq 2 ]; [[ "$output" == "ark-gcc: no input files"* ]]
    run "$ARK_GCC" -o x.elf
    [ "$status" -eq 2 ]; [[ "$output" == "ark-gcc: no input files"* ]]
    run "$ARK_GCC" --frobnicate x.c
    [ "$status" -eq 2 ]; [[ "$output" == "ark-gcc: unknown option '--frobnicate'"* ]]
    write_seed_standalone m.c
    run "$ARK_GCC" m.c -o
    [ "$status" -eq 2 ]; [[ "$output" == "ark-gcc: missing file name after -o"* ]]
    run "$ARK_GCC" -I
    [ "$status" -eq 2 ]; [[ "$output" == "ark-gcc: missing value after -I"* ]]
    run "$ARK_GCC" --user -c m.c
    [ "$status" -eq 2 ]; [[ "$output" == *"--user and -c"* ]]
    run "$ARK_GCC" -o x.elf missing.c
    [ "$status" -ne 0 ]; [[ "$output" == "ark-gcc: missing.c: no such file" ]]
    touch notes.txt
    run "$ARK_GCC" notes.txt
    [ "$status" -eq 2 ]; [[ "$output" == "ark-gcc: notes.txt: unknown kind of input"* ]]
}

@test "a compile error fails the build and leaves no module behind" {
    printf 'int module_init(void) { return undeclared; }\n' >bad.c
    run "$ARK_GCC" -o bad.elf bad.c
    [ "$status" -ne 0 ]
    [[ "$output" == *"undeclared"* ]]
    [ ! -e bad.elf ]
}

@test "--help and --version" {
    run "$ARK_GCC" --help
    [ "$status" -eq 0 ]
    [[ "$output" == usage:* ]]
    run "$ARK_GCC" --version
    [ "$status" -eq 0 ]
    [[ "${lines[0]}" == "ark-gcc "*"(ark ABI $(abi_string))" ]]
}
