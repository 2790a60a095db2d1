#!/usr/bin/env bats
# Module debugging: ark boots halted under QEMU's gdb stub (tools/gdb/ark-debug --console), gdb in
# batch mode with tools/gdb/ark.gdb sets breakpoints on module functions before the modules exist,
# the console loads them, and the breakpoints hit with source lines in the backtrace.

load ../system/lib

# A free-looking TCP port, different for concurrent runs.
pick_port() {
    echo $((20000 + ($$ * 7 + RANDOM) % 20000))
}

# Waits until something listens on 127.0.0.1:$1 (read from /proc/net/tcp, no extra tools).
wait_listen() {
    local hex
    hex=$(printf '%04X' "$1")
    for _ in $(seq 300); do
        grep -q ":$hex 00000000:0000 0A" /proc/net/tcp 2>/dev/null && return 0
        sleep 0.1
    done
    return 1
}

# hello_init's breakpoint is temporary: continuing from a breakpoint makes gdb step over it, and
# QEMU 7.2's gdb stub at times reports that step without executing the instruction when an
# interrupt is pending (seen under load with the preemptive scheduler: the same stop, same PC,
# reported twice while init ran once). Nothing needs stepping over a deleted breakpoint; the
# hidden module-change breakpoint is harmless if re-reported, since updating symbols twice is a
# no-op, and the test ends at chardev_read without continuing.
@test "gdb: break in a module's init and in its device read, with module source lines" {
    command -v gdb >/dev/null || { echo "gdb is not installed (scripts/install-deps)"; return 1; }
    local port console gdblog qpid
    port=$(pick_port)
    console=$BATS_TEST_TMPDIR/console.log
    gdblog=$BATS_TEST_TMPDIR/gdb.log
    printf 'strapper load /ramdisk/hello.elf\nstrapper load /ramdisk/chardev.elf\ncat /dev/hello\nstrapper list\npoweroff\n' |
        BUILD="$ARK_BUILD" "$ARK_ROOT/tools/gdb/ark-debug" --console --port "$port" --timeout 240 >"$console" 2>&1 &
    qpid=$!
    wait_listen "$port" || { kill "$qpid"; cat "$console"; echo "no gdb stub on port $port"; return 1; }
    timeout 200 gdb -q -batch -nx "$ARK_BUILD/kernel/ark.elf" -x "$ARK_ROOT/tools/gdb/ark.gdb" \
        -ex "target remote 127.0.0.1:$port" \
        -ex 'tbreak hello_init' -ex 'break chardev_read' \
        -ex 'continue' -ex 'echo BT1\n' -ex 'bt' \
        -ex 'continue' -ex 'echo BT2\n' -ex 'bt' -ex 'ark-modules' \
        -ex 'delete' -ex 'detach' >"$gdblog" 2>&1
    local gdb_status=$?
    wait "$qpid"
    local run_status=$?
    output=$(cat "$gdblog")
    echo "--- gdb:"; cat "$gdblog"; echo "--- console:"; tail -n 30 "$console"
    [ "$gdb_status" -eq 0 ]
    # Symbols were loaded from the module files at their load addresses.
    [[ "$output" == *"ark-symbols: hello: "*"hello.elf at .text 0x"* ]]
    [[ "$output" == *"ark-symbols: chardev: "*"chardev.elf at .text 0x"* ]]
    # The first stop is hello's init, with its source file and line.
    bt1=$(sed -n '/^BT1$/,/^BT2$/p' "$gdblog")
    [[ "$bt1" =~ \#0\ +(0x[0-9a-f]+\ in\ )?hello_init\ \(\)\ at\ [^\ ]*modules/hello\.c:[0-9]+ ]]
    # The second is chardev's read, called from the kernel's VFS for `cat /dev/hello`.
    bt2=$(sed -n '/^BT2$/,$p' "$gdblog")
    [[ "$bt2" =~ \#0\ +(0x[0-9a-f]+\ in\ )?chardev_read\ \(.*\)\ at\ [^\ ]*modules/chardev\.c:[0-9]+ ]]
    [[ "$bt2" == *"#1 "* ]]
    [[ "$bt2" == *"chardev (/ramdisk/chardev.elf)"* ]]
    # Detached, ark carried on: the read completed and the guest powered off cleanly.
    [ "$run_status" -eq 0 ]
    grep -q 'hello from /dev/hello' "$console"
}
