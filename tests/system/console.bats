#!/usr/bin/env bats
# console.bats — ark-run with the real kernel: files added with --file appear in the ramdisk, and a
# long script piped in at once reaches the shell without losing a byte.

load lib

@test "--file adds host files under /ramdisk and /bin for one boot" {
    local work=$BATS_TEST_TMPDIR
    printf 'first file\n' >"$work/first.txt"
    printf 'nested file\n' >"$work/nested.txt"
    ark_run $'cat /ramdisk/first.txt\ncat /ramdisk/deep/er/nested.txt\nls /ramdisk/deep\nmyecho via /bin\npoweroff' \
        --file "$work/first.txt" --file "$work/nested.txt:/ramdisk/deep/er/" \
        --file "$ARK_BUILD/user/bin/echo:/bin/myecho"
    expect_status 0
    expect_line "first file"
    expect_line "nested file"
    command_output "ls /ramdisk/deep" | grep -q ' er/$' || ark_fail "ls does not show er/"
    expect_line "via /bin"
}

@test "--file replaces a file already in the ramdisk" {
    printf '#!not really a shell\n' >"$BATS_TEST_TMPDIR/sleep"
    ark_run $'sleep 1\necho next\npoweroff' --file "$BATS_TEST_TMPDIR/sleep:/bin/sleep"
    expect_status 0
    grep -q '^sh: sleep: ' <<<"$output" || ark_fail "the replaced /bin/sleep still ran"
    expect_line "next"
}

@test "a long script piped in at once loses no input" {
    local cmds="" i
    for i in $(seq 1 150); do
        cmds+="echo line-$i-abcdefghijklmnopqrstuvwxyz"$'\n'
    done
    ark_run "${cmds}poweroff" --timeout 240
    expect_status 0
    for i in $(seq 1 150); do
        expect_line "line-$i-abcdefghijklmnopqrstuvwxyz"
    done
}
