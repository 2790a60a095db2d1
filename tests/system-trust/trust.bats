#!/usr/bin/env bats
# trust.bats — the module trust policy inside ark: signed, unsigned, tampered and foreign-key
# modules with and without module.sig_enforce=1 and lockdown; module.hash_enforce=1; GPL-only
# exports; and the taint each brings, in /proc/sys/kernel/tainted, lsmod and the panic report.

load ../system/lib

T=/ramdisk/trust
TB=$ARK_BUILD/tests/system-trust

other_key_id() { "$ARK_ROOT/tools/ark-sign" --key-id --key "$TB/other.key"; }

# The line `lsmod` printed for module $1.
lsmod_line() { printf '%s\n' "$output" | grep -E "^$1 +[0-9]+ " | head -n 1; }

@test "without enforcement: signed loads untainted; unsigned, tampered and foreign-key load tainted (E), warned once" {
    ark_run "strapper load $T/trust_signed.elf
cat /proc/sys/kernel/tainted
strapper load $T/trust_unsigned.elf
strapper load $T/trust_tampered.elf
strapper load $T/trust_otherkey.elf
cat /proc/sys/kernel/tainted
lsmod
modinfo trust_signed
modinfo trust_tampered
modinfo trust_otherkey
dmesg
poweroff"
    expect_status 0
    [ "$(printf '%s\n' "$output" | grep -cx 0)" -eq 1 ] || ark_fail "tainted was not 0 after the signed module"
    [ "$(printf '%s\n' "$output" | grep -cx 8192)" -eq 1 ] || ark_fail "tainted was not 8192 (E)"
    expect_output "trust_plain: init marker=TAMPERED"
    [[ $(lsmod_line trust_signed) != *"("* ]] || ark_fail "the signed module shows taint"
    [[ $(lsmod_line trust_unsigned) == *" (E)" ]] || ark_fail "trust_unsigned not shown as (E)"
    [[ $(lsmod_line trust_tampered) == *" (E)" ]] || ark_fail "trust_tampered not shown as (E)"
    [[ $(lsmod_line trust_otherkey) == *" (E)" ]] || ark_fail "trust_otherkey not shown as (E)"
    expect_output "signature: verified" "signature: bad signature" "signature: unknown key" \
        "sig_key: $(other_key_id)" "sig_algo: ed25519"
    # one warning for the first unverified module, none for the next ones
    [ "$(printf '%s\n' "$output" | grep -c '^dkm: .*kernel tainted (E)$')" -eq 1 ] || ark_fail "E warned more than once"
    expect_output "dkm: trust_unsigned: module is not signed: kernel tainted (E)"
}

@test "module.sig_enforce=1: unsigned, tampered and foreign-key modules are refused, each with its reason" {
    ark_run "strapper load $T/trust_unsigned.elf
strapper load $T/trust_tampered.elf
strapper load $T/trust_otherkey.elf
strapper load $T/trust_signed.elf
lsmod
cat /proc/sys/dkm/sig_enforce
echo 0 > /proc/sys/dkm/sig_enforce
cat /proc/sys/kernel/tainted
poweroff" --cmdline "module.sig_enforce=1"
    expect_status 0
    expect_output "strapper: load $T/trust_unsigned.elf: module is not signed" \
        "strapper: load $T/trust_tampered.elf: signature does not verify" \
        "strapper: load $T/trust_otherkey.elf: signed with an unknown key $(other_key_id)" \
        "trust_plain: init marker=ORIGINAL"
    expect_no_output "marker=TAMPERED"
    [ -n "$(lsmod_line trust_signed)" ] || ark_fail "the signed module did not load"
    [ -z "$(lsmod_line trust_unsigned)$(lsmod_line trust_tampered)$(lsmod_line trust_otherkey)" ] ||
        ark_fail "a refused module is listed"
    [ "$(printf '%s\n' "$output" | grep -cx 1)" -eq 1 ] || ark_fail "sig_enforce did not read 1"
    [ "$(printf '%s\n' "$output" | grep -cx 0)" -eq 1 ] || ark_fail "tainted was not 0"
    expect_output "echo: write error: Operation not permitted"     # 0 is refused: one-way
}

@test "module.lockdown=1 implies signature enforcement and cannot be undone" {
    ark_run "cat /proc/sys/dkm/lockdown
cat /proc/sys/dkm/sig_enforce
strapper load $T/trust_unsigned.elf
echo 0 > /proc/sys/dkm/lockdown
echo 0 > /proc/sys/dkm/sig_enforce
cat /proc/sys/dkm/lockdown
strapper load $T/trust_otherkey.elf
strapper load $T/trust_signed.elf
lsmod
poweroff" --cmdline "module.lockdown=1"
    expect_status 0
    [ "$(printf '%s\n' "$output" | grep -cx 1)" -eq 3 ] || ark_fail "lockdown and sig_enforce did not stay 1"
    [ "$(printf '%s\n' "$output" | grep -c 'echo: write error: Operation not permitted')" -eq 2 ] ||
        ark_fail "writing 0 to lockdown or sig_enforce was not refused"
    expect_output "dkm: lockdown (module.lockdown=1)" \
        "strapper: load $T/trust_unsigned.elf: module is not signed" \
        "strapper: load $T/trust_otherkey.elf: signed with an unknown key"
    [ -n "$(lsmod_line trust_signed)" ] || ark_fail "the signed module did not load under lockdown"
}

@test "lockdown switched on at run time enforces signatures from then on" {
    ark_run "strapper load $T/trust_unsigned.elf
echo 1 > /proc/sys/dkm/lockdown
strapper load $T/trust_tampered.elf
cat /proc/sys/dkm/sig_enforce
lsmod
poweroff"
    expect_status 0
    [ -n "$(lsmod_line trust_unsigned)" ] || ark_fail "trust_unsigned did not load before lockdown"
    expect_output "strapper: load $T/trust_tampered.elf: signature does not verify"
    [ "$(printf '%s\n' "$output" | grep -cx 1)" -eq 1 ] || ark_fail "sig_enforce did not read 1"
}

@test "a malformed signature trailer is refused, with or without enforcement" {
    ark_run "strapper load $T/trust_badtrailer.elf
modinfo $T/trust_badtrailer.elf
lsmod
poweroff"
    expect_status 0
    expect_output "strapper: load $T/trust_badtrailer.elf: malformed signature trailer" \
        "modinfo: info $T/trust_badtrailer.elf: malformed signature trailer"
    [ -z "$(lsmod_line trust_badtrailer)" ] || ark_fail "trust_badtrailer loaded"
}

@test "module.hash_enforce=1 admits only modules the index lists, signed or not" {
    local tmp=$BATS_TEST_TMPDIR
    "$ARK_ROOT/tools/ark-sign" "$TB/trust_unsigned.elf" "$tmp/resigned.elf"
    local hash
    hash=$(sha256sum "$TB/trust_unlisted.elf" | cut -d' ' -f1)
    ark_run "strapper load $T/trust_unsigned.elf
strapper load /ramdisk/unlisted.elf
strapper load /ramdisk/resigned.elf
lsmod
cat /proc/sys/dkm/hash_enforce
poweroff" --cmdline "module.hash_enforce=1" --file "$TB/trust_unlisted.elf:/ramdisk/unlisted.elf" \
        --file "$tmp/resigned.elf:/ramdisk/resigned.elf"
    expect_status 0
    expect_output "strapper: load /ramdisk/unlisted.elf: module hash $hash is not in the allowed list"
    expect_no_output "marker=UNLISTED"
    [ -n "$(lsmod_line trust_unsigned)" ] || ark_fail "the listed unsigned module did not load"
    [ -n "$(lsmod_line resigned)" ] || ark_fail "the listed module, signed afresh, did not load"
}

@test "GPL-only exports: refused to proprietary modules, kernel's and modules' alike; GPL-compatible ones link" {
    ark_run "strapper load $T/trust_gpl_provider.elf
strapper load $T/trust_prop_user.elf
strapper load $T/trust_prop_kernel.elf
strapper load $T/trust_gpl_user.elf
strapper load $T/trust_gpl_kernel.elf
cat /proc/sys/kernel/tainted
strapper load $T/trust_prop_plain.elf
cat /proc/sys/kernel/tainted
lsmod
poweroff"
    expect_status 0
    expect_output \
        "strapper: load $T/trust_prop_user.elf: module 'trust_prop_user' (license 'Proprietary') may not use GPL-only symbol 'trust_gpl_fn'" \
        "strapper: load $T/trust_prop_kernel.elf: module 'trust_prop_kernel' (license 'Proprietary') may not use GPL-only symbol 'ksym_format'" \
        "trust_gpl_user: got 42" "trust_gpl_kernel: printk is printk+0x0" "trust_prop_plain: got 42" \
        "dkm: trust_prop_plain: license 'Proprietary' is not GPL-compatible: kernel tainted (P)"
    expect_no_output "trust_prop_user: got" "trust_prop_kernel: printk"
    [ "$(printf '%s\n' "$output" | grep -cx 0)" -eq 1 ] || ark_fail "tainted was not 0 before the proprietary module"
    [ "$(printf '%s\n' "$output" | grep -cx 1)" -eq 1 ] || ark_fail "tainted was not 1 (P) after it"
    [[ $(lsmod_line trust_prop_plain) == *" (P)" ]] || ark_fail "trust_prop_plain not shown as (P)"
    [[ $(lsmod_line trust_gpl_user) != *"("* ]] || ark_fail "trust_gpl_user shows taint"
}

@test "a module without MODULE_LICENSE loads with a warning and taints P" {
    ark_run "strapper load $T/trust_nolicense.elf
cat /proc/sys/kernel/tainted
cat /proc/modules
poweroff"
    expect_status 0
    expect_output "trust_nolicense: init" "dkm: trust_nolicense: no MODULE_LICENSE: kernel tainted (P)"
    [ "$(printf '%s\n' "$output" | grep -cx 1)" -eq 1 ] || ark_fail "tainted was not 1 (P)"
    printf '%s\n' "$output" | grep -qE '^trust_nolicense [0-9]+ 0 - Live 0x[0-9a-f]+ \(P\)$' ||
        ark_fail "/proc/modules does not show (P)"
}

@test "a forced unload of a module in use taints R, and the panic report prints the taint flags" {
    ark_run "strapper load $T/trust_gpl_provider.elf
strapper load $T/trust_gpl_user.elf
strapper load $T/trust_unsigned.elf
rmmod -f trust_gpl_provider
cat /proc/sys/kernel/tainted
echo c > /proc/sysrq-trigger"
    expect_status 3
    [ "$(printf '%s\n' "$output" | grep -cx 8200)" -eq 1 ] || ark_fail "tainted was not 8200 (R and E)"
    expect_output "  tainted: RE (8200)"
}

@test "a module whose exit leaves objects registered taints W when the kernel removes them" {
    ark_run "cat /proc/sys/kernel/tainted
strapper load /ramdisk/dkmt/dkmt_sloppy.elf
strapper unload dkmt_sloppy
cat /proc/sys/kernel/tainted
poweroff"
    expect_status 0
    expect_output "dkm: dkmt_sloppy: removed 4 objects the module left registered"
    local values
    mapfile -t values < <(printf '%s\n' "$output" | grep -E '^[0-9]+$')
    [ "${#values[@]}" -eq 2 ] || ark_fail "expected two tainted values"
    (( (values[0] & 512) == 0 && (values[1] & 512) == 512 )) || ark_fail "W (512) not set by the sweep"
}
