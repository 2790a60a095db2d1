#!/usr/bin/env bats
# helpers.bats — the build and test helpers in tools/ on their own: the ramdisk builder makes an
# archive and never takes an option for its name, and each helper answers a call without its
# arguments with its usage (status 2) instead of a shell error or an empty result.

load lib

@test "mkramdisk: builds an archive; --help and unknown options are never taken for its name" {
    cd "$BATS_TEST_TMPDIR"
    printf 'one\n' >one.txt
    run "$ARK_ROOT/tools/mkramdisk" out.tar one.txt:bin/one
    expect_status 0
    [ "$(tar -tf out.tar | tr '\n' ' ')" = "bin/ bin/one " ] || ark_fail "archive holds: $(tar -tf out.tar)"
    run "$ARK_ROOT/tools/mkramdisk" --help
    expect_status 0
    expect_output "usage: mkramdisk OUT.tar HOST:GUEST..."
    run "$ARK_ROOT/tools/mkramdisk" -o one.txt:bin/one
    expect_status 2
    expect_output "mkramdisk: unknown option '-o'"
    [ -z "$(ls -A | grep -v -e '^one.txt$' -e '^out.tar$')" ] || ark_fail "left behind: $(ls -A)"
}

@test "helpers called without their arguments print their usage, status 2" {
    local tool
    for tool in mkramdisk tap-run tap-summary run32 reloc-census; do
        run "$ARK_ROOT/tools/$tool"
        [ "$status" -eq 2 ] || ark_fail "$tool: status $status"
        expect_output "usage: $tool "
        expect_no_output "parameter not set" "not found"
    done
    run "$ARK_ROOT/tools/reloc-census" "$BATS_TEST_TMPDIR/absent"
    expect_status 2
    expect_output "reloc-census: $BATS_TEST_TMPDIR/absent: not a directory"
    run "$ARK_ROOT/tools/kvm-probe" --kernel
    expect_status 2
    expect_output "kvm-probe: --kernel needs a file"
    run "$ARK_ROOT/tools/kvm-probe" --help
    expect_status 0
    expect_output "usage: kvm-probe [--kernel FILE] [--initrd FILE]"
}
