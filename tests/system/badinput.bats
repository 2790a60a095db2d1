#!/usr/bin/env bats
# badinput.bats — bad input gets a clear message and ark keeps running: unknown commands, missing
# files, over-long lines, bad pointers passed to system calls, a malformed ramdisk entry. Also the
# deliberate panic path: a non-zero exit with the full panic report.

load lib

@test "an unknown command prints 'sh: NAME: not found'" {
    ark_run $'frobnicate --now\n/bin/nothing\necho still-here\npoweroff'
    expect_status 0
    expect_line "sh: frobnicate: not found"
    expect_line "sh: /bin/nothing: not found"
    expect_line "still-here"
}

@test "a missing file gives 'No such file or directory'" {
    ark_run $'cat /ramdisk/missing.txt\nls /nope\ncat /proc/meminfo /nothing\necho still-here\npoweroff'
    expect_status 0
    expect_line "cat: /ramdisk/missing.txt: No such file or directory"
    expect_line "ls: /nope: No such file or directory"
    expect_line "cat: /nothing: No such file or directory"
    expect_line "still-here"
}

@test "an over-long line is refused and discarded" {
    local long
    long="echo $(printf 'x%.0s' {1..400})"
    ark_run "$long
echo still-here
poweroff"
    expect_status 0
    expect_line "sh: line too long (max 255 characters)"
    expect_no_output "$(printf 'x%.0s' {1..300})"
    expect_line "still-here"
    # the discarded tail was not run as a command either
    expect_no_output "not found"
}

@test "system calls given bad pointers return -EFAULT and the system keeps running" {
    ark_run $'badptr\necho still-here\ncat /proc/meminfo\npoweroff'
    expect_status 0
    grep -Eq '^badptr: ([0-9]+)/\1 calls returned EFAULT$' <<<"$output" \
        || ark_fail "not every bad pointer gave EFAULT"
    expect_no_output "UNEXPECTED" "kernel panic"
    expect_line "still-here"
    expect_output "MemTotal:"
}

@test "a malformed ramdisk entry is reported and skipped; the rest of the ramdisk works" {
    local work=$BATS_TEST_TMPDIR
    printf 'good\n' >"$work/good.txt"
    printf 'bad\n' >"$work/bad.txt"
    cp "$ARK_BUILD/ramdisk.tar" "$work/disk.tar"
    tar --format=ustar -rf "$work/disk.tar" -C "$work" bad.txt good.txt
    # Corrupt the checksum field (offset 148, 8 bytes) of bad.txt's header.
    local off
    off=$(tar -tvR -f "$work/disk.tar" | sed -n 's/^block \([0-9]*\): .* bad\.txt$/\1/p')
    [ -n "$off" ] || ark_fail "could not find bad.txt in the archive"
    printf '9999999\0' | dd of="$work/disk.tar" bs=1 seek=$((off * 512 + 148)) conv=notrunc status=none
    ark_run $'cat /ramdisk/good.txt\ncat /ramdisk/bad.txt\nls /bin\npoweroff' --initrd "$work/disk.tar"
    expect_status 0
    grep -q "ramdisk: entry 'bad.txt' at offset $((off * 512)): .*skipped" <<<"$output" \
        || ark_fail "no message naming the malformed entry"
    expect_line "good"
    expect_line "cat: /ramdisk/bad.txt: No such file or directory"
    expect_output "  sh"
}

@test "a deliberate kernel panic exits non-zero with the panic report" {
    ark_run $'echo c > /proc/sysrq-trigger\necho not-reached'
    expect_status 3
    expect_output "ark: kernel panic"
    grep -Eq 'vector [0-9]+' <<<"$output" || ark_fail "no vector in the report"
    grep -Eiq 'eip 0x[0-9a-f]{8} [a-z_][a-z0-9_]*\+0x[0-9a-f]+' <<<"$output" \
        || ark_fail "no symbolised EIP in the report"
    grep -q 'backtrace' <<<"$output" || ark_fail "no backtrace in the report"
    grep -Eq '#[0-9]+ +0x[0-9a-f]{8} [a-z_][a-z0-9_]*\+0x' <<<"$output" \
        || ark_fail "no symbolised backtrace entry"
    expect_no_output $'\nnot-reached'
}
