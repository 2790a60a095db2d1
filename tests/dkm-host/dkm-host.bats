#!/usr/bin/env bats
# tests/dkm-host/dkm-host.bats — the dkm-host command line: running modules, options, parameters,
# dependencies, -v output, C programs with --entry and --libc, error messages and exit codes, and
# malformed input that must never crash it.
# Environment (set by tests/dkm-host/dkm-host.mk): DKM_HOST, RUN32, FIXTURES, PROGS.

setup() {
    : "${DKM_HOST:=build/host/dkm-host}" "${RUN32:=tools/run32}"
    : "${FIXTURES:=build/fixtures}" "${PROGS:=build/tests/dkm-host}"
    FX="$FIXTURES/gcc-pie"
}

dkm_host() {
    "$RUN32" "$DKM_HOST" "$@"
}

# ---- running modules -----------------------------------------------------------------------------

@test "runs init then exit and exits 0" {
    run dkm_host "$FX/hello.o"
    [ "$status" -eq 0 ]
    [ "$output" = $'hello: init\nhello: exit' ]
}

@test "the same module from every compiler and code model" {
    for v in gcc-nopic gcc-pie gcc-pic clang-nopic clang-pie clang-pic; do
        run dkm_host "$FIXTURES/$v/reloc_data.o"
        [ "$status" -eq 0 ] || { echo "$v: $output"; false; }
        [[ "$output" == *"reloc_data: sum 186"* ]]
    done
}

@test "seed-style module with the API table" {
    run dkm_host "$FX/seed_api.o"
    [ "$status" -eq 0 ]
    [[ "$output" == *"Module loaded!"* ]]
    [[ "$output" == *"seed_api: abi 1.0"* ]]
}

@test "seed-style module without ABI record loads with a warning" {
    run dkm_host "$FX/seed_void.o"
    [ "$status" -eq 0 ]
    [[ "$output" == *"seed_void"*"ABI"* ]]
}

@test "failing init: exit status 1 and the loader's message" {
    run dkm_host "$FX/initfail.o"
    [ "$status" -eq 1 ]
    [[ "$output" == *"initfail: init fails"* ]]
    [[ "$output" == *"dkm: initfail:"* ]]
    [[ "$output" != *"must not run"* ]]
}

@test "a crash in init is reported, not fatal" {
    run dkm_host "$FX/crash.o"
    [ "$status" -eq 1 ]
    [[ "$output" == *"crash: about to fault"* ]]
    [[ "$output" == *"init crashed (SIGSEGV"* ]]
}

@test "kernel services: registrations shown with -v, timers fired once" {
    run dkm_host -v "$FX/kapi_user.o"
    [ "$status" -eq 0 ]
    [[ "$output" == *"registered device /dev/fxdev (by kapi_user)"* ]]
    [[ "$output" == *"registered /proc/fxproc (by kapi_user)"* ]]
    [[ "$output" == *"kapi_user: tick 1"* ]]
    [[ "$output" == *"| ticks 1 priv p"* ]]
    [[ "$output" == *"unregistered device /dev/fxdev"* ]]
    [[ "$output" == *"kapi_user: exit after 1 ticks"* ]]
}

@test "what exit leaves registered is reported and fails the run" {
    run dkm_host "$FX/leaky.o"
    [ "$status" -eq 1 ]
    [[ "$output" == *"dkm-host: leaky: left device /dev/leaky registered after exit"* ]]
    [[ "$output" == *"dkm-host: leaky: left /proc/leaky/state registered after exit"* ]]
    [[ "$output" == *"dkm-host: warning: 16 bytes in 1 kmalloc blocks never freed"* ]]
}

@test "linked images: the seed's PIE, a shared object, a fixed-address executable" {
    run dkm_host "$FIXTURES/gcc-pie/seed_pie.elf"
    [ "$status" -eq 0 ] || { echo "$output"; false; }
    [[ "$output" == *"Module loaded!"* ]]
    run dkm_host -v "$FIXTURES/clang-pic/dyn.so"
    [ "$status" -eq 0 ] || { echo "$output"; false; }
    [[ "$output" == *"module dyn: ET_DYN"* ]]
    [[ "$output" == *"dyn: one two three sum 6 len 5"* ]]
    [[ "$output" == *"dyn: exit"* ]]
    run dkm_host -v "$FIXTURES/gcc-nopic/exec.elf"
    [ "$status" -eq 0 ] || { echo "$output"; false; }
    [[ "$output" == *"module exec: ET_EXEC"*"text at 0x2000"* ]]
}

@test "what a failed init left registered is reported" {
    run dkm_host "$FX/initleak.o"
    [ "$status" -eq 1 ]
    [[ "$output" == *"dkm: initleak: init returned -5"* ]]
    [[ "$output" == *"dkm-host: initleak: left device /dev/initleak registered after its load failed"* ]]
}

# ---- parameters ----------------------------------------------------------------------------------

@test "parameters of every type" {
    run dkm_host "$FX/params.o" count=7 mask=9 verbose=on "greeting=two words" ports=1,2 names=a,b
    [ "$status" -eq 0 ]
    [[ "$output" == *"params: count=7 mask=9 verbose=1 greeting=two words"* ]]
    [[ "$output" == *"params: ports(2)=1,2,0,0"* ]]
    [[ "$output" == *"params: names(2)=a,b,"* ]]
}

@test "a bare name turns a bool parameter on" {
    run dkm_host "$FX/params.o" verbose
    [ "$status" -eq 0 ]
    [[ "$output" == *"verbose=1"* ]]
}

@test "bad and unknown parameters are named" {
    run dkm_host "$FX/params.o" count=many
    [ "$status" -eq 1 ]
    [[ "$output" == *"'count'"* ]]
    [[ "$output" != *"params: count"* ]]
    run dkm_host "$FX/params.o" colour=red
    [ "$status" -eq 1 ]
    [[ "$output" == *"unknown parameter 'colour'"* ]]
}

@test "a value with a double quote is a usage error" {
    run dkm_host "$FX/params.o" 'greeting=say "hi"'
    [ "$status" -eq 2 ]
    [[ "$output" == *"not a name=value parameter"* ]]
}

# ---- dependencies ----------------------------------------------------------------------------------

@test "--load-first loads a dependency, unloads in reverse order" {
    run dkm_host --load-first "$FX/provider.o" "$FX/consumer.o"
    [ "$status" -eq 0 ]
    [ "$output" = $'provider: init\nconsumer: 40 42 counter=2\nconsumer: exit\nprovider: exit, 2 calls' ]
}

@test "a missing dependency is named" {
    run dkm_host "$FX/consumer.o"
    [ "$status" -eq 1 ]
    [[ "$output" == *"dkm: consumer:"*"provider"* ]]
}

@test "unresolved symbols are all named" {
    run dkm_host "$FX/unresolved.o"
    [ "$status" -eq 1 ]
    [[ "$output" == *"'missing_one'"* ]]
    [[ "$output" == *"'missing_two'"* ]]
    [[ "$output" == *"'missing_data'"* ]]
}

@test "ABI mismatch names both versions" {
    run dkm_host "$FX/abi_future.o"
    [ "$status" -eq 1 ]
    [[ "$output" == *"2.0"* ]]
    [[ "$output" == *"1.0"* ]]
}

# ---- -v ------------------------------------------------------------------------------------------

@test "-v prints sections, metadata and where each symbol came from" {
    run dkm_host -v --load-first "$FIXTURES/gcc-pic/provider.o" "$FIXTURES/gcc-pic/consumer.o"
    [ "$status" -eq 0 ]
    [[ "$output" == *"module consumer: ET_REL"* ]]
    [[ "$output" == *"modinfo depends=provider>=1.0"* ]]
    [[ "$output" == *"sections:"* ]]
    echo "$output" | grep -Eq '^    \.text +0x[0-9a-f]{8}  [0-9]+ bytes$'
    echo "$output" | grep -Eq '^    printk +0x[0-9a-f]{8}  host$'
    echo "$output" | grep -Eq '^    provider_add +0x[0-9a-f]{8}  module provider$'
    [[ "$output" == *"depends on provider"* ]]
}

@test "-v lists parameters with their values" {
    run dkm_host -v "$FX/params.o" count=12
    [ "$status" -eq 0 ]
    [[ "$output" == *"count (int) = 12"* ]]
    [[ "$output" == *"ports (array of int) = "* ]]
}

# ---- --no-run ----------------------------------------------------------------------------------

@test "--no-run validates without running anything" {
    run dkm_host --no-run "$FX/hello.o"
    [ "$status" -eq 0 ]
    [ -z "$output" ]
    run dkm_host --no-run "$FX/crash.o"
    [ "$status" -eq 0 ]
}

@test "--no-run on a file that is not ELF" {
    run dkm_host --no-run "$BATS_TEST_FILENAME"
    [ "$status" -eq 1 ]
    [[ "$output" == *"dkm: "* ]]
    [[ "$output" == *"ELF"* ]]
}

@test "--no-run on truncated modules: a message, never a crash" {
    local f="$BATS_TEST_TMPDIR/cut.o" size
    size=$(stat -c %s "$FX/ctors.o")
    for n in 0 1 16 51 52 100 300 $((size / 2)) $((size - 1)); do
        head -c "$n" "$FX/ctors.o" >"$f"
        run dkm_host --no-run "$f"
        [ "$status" -eq 1 ] || { echo "cut at $n: status $status: $output"; false; }
        [[ "$output" == "dkm: "* ]] || { echo "cut at $n: $output"; false; }
    done
}

@test "--no-run on corrupted modules never crashes" {
    local f="$BATS_TEST_TMPDIR/bad.o" size off
    size=$(stat -c %s "$FX/got_heavy.o")
    for off in 4 5 16 18 20 32 40 46 48 50 $((size - 40)) $((size - 20)) $((size - 4)); do
        cp "$FX/got_heavy.o" "$f"
        printf '\377\177' | dd of="$f" bs=1 seek="$off" conv=notrunc status=none
        run dkm_host --no-run "$f"
        [ "$status" -le 1 ] || { echo "offset $off: status $status: $output"; false; }
        if [ "$status" -eq 1 ]; then
            [[ "$output" == *"dkm: "* ]] || { echo "offset $off: $output"; false; }
        fi
    done
}

# ---- C programs: --entry and --libc ----------------------------------------------------------------

@test "--entry main --libc runs a C program" {
    for cc in gcc clang; do
        run dkm_host --libc --entry main "$PROGS/$cc/wordfreq.elf"
        [ "$status" -eq 0 ] || { echo "$cc: $output"; false; }
        [[ "$output" == *$'the 4\ndog 2\nfox 2'* ]]
        [[ "$output" == *"argc=1 argv0=wordfreq.elf upper=X"* ]]
    done
}

@test "--entry: the exit status is the function's return value" {
    for cc in gcc clang; do
        run dkm_host --libc --entry main "$PROGS/$cc/mathy.elf"
        [ "$status" -eq 28 ]
        [ "$output" = "r=1025.4142 q=1428571428 m=4" ]
    done
}

@test "--entry runs constructors before, atexit handlers and destructors after" {
    run dkm_host --libc --entry main "$PROGS/gcc/lifecycle.elf"
    [ "$status" -eq 5 ]
    [ "$output" = $'constructor\nmain ready=42\natexit\ndestructor' ]
}

@test "--libc is needed for C library symbols" {
    run dkm_host --entry main "$PROGS/gcc/wordfreq.elf"
    [ "$status" -eq 1 ]
    [[ "$output" == *"unresolved symbols"*"'qsort'"* ]]
}

@test "-v --libc shows symbols resolved from the C library" {
    run dkm_host -v --libc --entry main "$PROGS/gcc/wordfreq.elf"
    [ "$status" -eq 0 ]
    echo "$output" | grep -Eq '^    qsort +0x[0-9a-f]{8}  libc$'
}

@test "--entry with a symbol that does not exist" {
    run dkm_host --libc --entry no_such_function "$PROGS/gcc/wordfreq.elf"
    [ "$status" -eq 1 ]
    [[ "$output" == *"no function 'no_such_function'"* ]]
}

# ---- usage -----------------------------------------------------------------------------------------

@test "-h prints usage and exits 0" {
    run dkm_host -h
    [ "$status" -eq 0 ]
    [[ "$output" == "usage: dkm-host [options] MODULE [name=value ...]"* ]]
    [[ "$output" == *"--load-first"* ]]
}

@test "usage errors exit 2" {
    run dkm_host
    [ "$status" -eq 2 ]
    [[ "$output" == *"no module given"* ]]
    run dkm_host --bogus "$FX/hello.o"
    [ "$status" -eq 2 ]
    [[ "$output" == *"unknown option '--bogus'"* ]]
    run dkm_host --entry
    [ "$status" -eq 2 ]
    run dkm_host --entry main "$FX/params.o" count=1
    [ "$status" -eq 2 ]
    run dkm_host "$BATS_TEST_TMPDIR/does-not-exist.o"
    [ "$status" -eq 2 ]
    [[ "$output" == *"cannot open"*"does-not-exist.o"* ]]
}

@test "--entry: a program that calls exit() runs its atexit handlers and destructors" {
    run dkm_host --libc --entry main "$PROGS/gcc/lifecycle.elf"
    [ "$status" -eq 5 ]
    run dkm_host --libc --entry leave "$PROGS/clang/lifecycle.elf"
    [ "$status" -eq 9 ]
    [ "$output" = $'constructor\nleaving\natexit\ndestructor' ]
}

# ---- modules that used to crash the loader ---------------------------------------------------------

@test "a parameter in init-only memory is refused, naming the parameter" {
    for v in gcc-nopic gcc-pie clang-pic; do
        run dkm_host -v "$FIXTURES/$v/param_initdata.o" level=9
        [ "$status" -eq 1 ] || { echo "$v: $output"; false; }
        [[ "$output" == *"dkm: param_initdata: parameter 'level': storage"*"init-only"* ]]
        [[ "$output" != *"param_initdata: level"* ]]
    done
}

@test "a read-only parameter in a shared object is refused before any argument is written" {
    for cc in gcc clang; do
        run dkm_host "$FIXTURES/$cc-pic/param_const.so" level=9
        [ "$status" -eq 1 ] || { echo "$cc: $output"; false; }
        [[ "$output" == *"dkm: param_const: parameter 'level': storage"*"not writable"* ]]
    done
}

@test "a dynamic relocation aimed at the read-only .dynsym is refused" {
    for cc in gcc clang; do
        run dkm_host "$FIXTURES/$cc-pic/dyn_badrel.so"
        [ "$status" -eq 1 ] || { echo "$cc: $output"; false; }
        [[ "$output" == *"dkm: dyn_badrel: DT_REL #"*"not in a writable segment"* ]]
        [[ "$output" != *"dyn: one"* ]]
    done
}

@test "registering 200k exports of a shared object takes linear time" {
    run timeout 20 "$RUN32" "$DKM_HOST" "$PROGS/many_exports.so"
    [ "$status" -eq 0 ] || { echo "status $status: $output"; false; }
}

@test "a crashing constructor fails the load and names the constructor" {
    for v in gcc-pie clang-nopic; do
        run dkm_host "$FIXTURES/$v/ctor_crash.o"
        [ "$status" -eq 1 ] || { echo "$v: $output"; false; }
        [[ "$output" == *"ctor_crash: constructor about to fault"* ]]
        [[ "$output" == *"dkm: ctor_crash: constructor 'ctor_crash_bad' faulted"* ]]
        [[ "$output" != *"init must not run"* ]]
    done
}

@test "--entry finds main in a shared object" {
    run dkm_host --libc --entry main "$PROGS/gcc/wordfreq.so"
    [ "$status" -eq 0 ] || { echo "$output"; false; }
    [[ "$output" == *$'the 4\ndog 2\nfox 2'* ]]
    run dkm_host --libc --entry main "$PROGS/gcc/mathy.so"
    [ "$status" -eq 28 ]
}

@test "a module that needs an executable stack runs on one" {
    for m in nopic pie pic; do
        run dkm_host "$FIXTURES/gcc-$m/execstack.o"
        [ "$status" -eq 0 ] || { echo "$m: $output"; false; }
        [[ "$output" == *"execstack: nested function says 42"* ]]
    done
}
