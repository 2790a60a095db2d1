#!/usr/bin/env bats
# launcher.bats — tools/ark-run on its own, with a tiny stand-in kernel (fixtures/fake-kernel.S)
# whose behaviour is scripted byte by byte: exit statuses for power-off, panic, triple fault and
# timeout; no input lost when piped faster than the guest reads; end of input does not stop the
# guest; options and their errors.

load lib

FAKE=$ARK_BUILD/tests/system/fake-kernel.elf

fake_run() {
    local input=$1
    shift
    local raw
    status=0
    raw=$(printf '%s' "$input" | "$ARK_RUN" --kernel "$FAKE" --timeout 30 "$@" 2>&1) || status=$?
    output=${raw//$'\r'/}
    mapfile -t lines <<<"$output"
}

@test "clean power-off: status 0" {
    fake_run "hiP"
    expect_status 0
    expect_output "fake: ready" "hi" "ark: power off"
}

@test "panic through isa-debug-exit: status 3 with a message" {
    fake_run "X"
    expect_status 3
    expect_output "ark: kernel panic: requested" "ark-run: kernel panic"
}

@test "triple fault: status 4, not 0" {
    fake_run "T"
    expect_status 4
    expect_output "ark-run: the guest stopped without powering off"
}

@test "timeout: status 5; end of input alone does not stop the guest" {
    fake_run "still running" --timeout 3
    expect_status 5
    expect_output "still running" "ark-run: timed out after 3s"
}

@test "input piped much faster than the guest reads is not lost" {
    local input
    input=$(seq 1 2500)
    fake_run "$input"$'\n''P'
    expect_status 0
    local echoed
    echoed=$(printf '%s\n' "$output" | sed -n '/^fake: ready$/,/^ark: power off$/p' | sed '1d;$d')
    [ "$echoed" = "$input" ] || ark_fail "the echoed input differs from what was sent"
}

@test "--cmdline reaches the kernel" {
    fake_run "CP" --cmdline "dkm.load=/ramdisk/a.elf quiet"
    expect_status 0
    expect_output "dkm.load=/ramdisk/a.elf quiet"
}

# KVM as tools/kvm-probe decides it: a stand-in QEMU (fixtures/fake-qemu) plays a KVM that
# refuses ark's CPU state, one whose guest triple-faults and one that works; /dev/null plays a
# readable and writable /dev/kvm.
kvm_setup() {
    local bin=$BATS_TEST_TMPDIR/bin
    mkdir -p "$bin"
    ln -sf "$ARK_ROOT/tests/system/fixtures/fake-qemu" "$bin/qemu-system-i386"
    export REAL_QEMU FAKE_QEMU_COUNT=$BATS_TEST_TMPDIR/kvm-runs FAKE_QEMU_KVM=$1
    REAL_QEMU=$(command -v qemu-system-i386)
    export PATH=$bin:$PATH ARK_KVM_DEVICE=/dev/null
    : >"$FAKE_QEMU_COUNT"
    # A kernel of its own, so that the probe's cache beside it starts empty.
    mkdir -p "$BATS_TEST_TMPDIR/k"
    cp "$FAKE" "$BATS_TEST_TMPDIR/k/fake-kernel.elf"
    FAKE=$BATS_TEST_TMPDIR/k/fake-kernel.elf
}

@test "--kvm: KVM that refuses ark's CPU state: TCG, with one line saying why" {
    kvm_setup msr
    fake_run "P" --kvm
    expect_status 0
    expect_output "ark-run: --kvm: using TCG: KVM cannot run ark here (qemu-system-i386: error: failed to set MSR 0x10a to 0x69)"
    [ "$(grep -c 'using TCG' <<<"$output")" -eq 1 ] || ark_fail "the reason was not printed once"
}

@test "--kvm: KVM whose guest stops at once: TCG, and the probe runs once per kernel" {
    kvm_setup triple
    fake_run "P" --kvm
    expect_status 0
    expect_output "ark-run: --kvm: using TCG: KVM cannot run ark here (the probe boot stopped before powering off"
    fake_run "P" --kvm
    expect_status 0
    expect_output "using TCG"
    [ "$(wc -l <"$FAKE_QEMU_COUNT")" -eq 1 ] || ark_fail "the probe did not cache its answer"
    # Another kernel is probed anew.
    printf 'x' >>"$FAKE"
    run "$ARK_ROOT/tools/kvm-probe" --kernel "$FAKE" --initrd "$ARK_BUILD/ramdisk.tar"
    [ "$status" -eq 1 ]
    [ "$(wc -l <"$FAKE_QEMU_COUNT")" -eq 2 ] || ark_fail "a changed kernel was not probed again"
}

@test "--kvm: KVM that runs ark is used, and ark-run says so" {
    kvm_setup ok
    fake_run "" --kvm
    expect_status 0
    expect_output "ark-run: using KVM"
    expect_no_output "using TCG"
}

@test "--kvm without a usable /dev/kvm: TCG without trying KVM" {
    kvm_setup ok
    export ARK_KVM_DEVICE=$BATS_TEST_TMPDIR/no-such-kvm
    fake_run "P" --kvm
    expect_status 0
    expect_output "ark-run: --kvm: using TCG: $ARK_KVM_DEVICE is missing or not readable and writable"
    [ ! -s "$FAKE_QEMU_COUNT" ] || ark_fail "KVM was tried without a device"
}

@test "usage errors: status 2 and a reason" {
    run "$ARK_RUN" --frobnicate
    expect_status 2
    expect_output "ark-run: unknown option '--frobnicate'"
    run "$ARK_RUN" --timeout soon
    expect_status 2
    expect_output "ark-run: --timeout: 'soon' is not a number of seconds"
    run "$ARK_RUN" --file
    expect_status 2
}

@test "--help documents every option and exit status" {
    run "$ARK_RUN" --help
    expect_status 0
    expect_output "--file HOST[:GUEST]" "--timeout SECONDS" "--kvm" "--cmdline STRING" \
                  "0  the guest powered off cleanly" "5  timeout" \
                  '(by `make -C ARK M=... modules_install`;'
    # the text is printed, never run: a command quoted in it must not execute
    expect_no_output "make: "
}

@test "--file leaves the original ramdisk untouched" {
    local work=$BATS_TEST_TMPDIR
    printf 'one\n' >"$work/one.txt"
    tar --format=ustar -cf "$work/base.tar" -C "$work" one.txt
    cp "$work/base.tar" "$work/base.orig"
    fake_run "P" --initrd "$work/base.tar" --file "$work/one.txt:/ramdisk/one.txt" \
        --file "$work/one.txt:/ramdisk/a/b/"
    expect_status 0
    cmp -s "$work/base.tar" "$work/base.orig" || ark_fail "the original ramdisk was modified"
}

@test "--file rejects a guest path outside the ramdisk and a missing host file" {
    printf 'x\n' >"$BATS_TEST_TMPDIR/x.txt"
    run "$ARK_RUN" --kernel "$FAKE" --file "$BATS_TEST_TMPDIR/x.txt:/etc/x.txt"
    expect_status 1
    expect_output "the ramdisk is mounted at /ramdisk"
    run "$ARK_RUN" --kernel "$FAKE" --file "$BATS_TEST_TMPDIR/absent.txt"
    expect_status 1
    expect_output "no such file"
}
