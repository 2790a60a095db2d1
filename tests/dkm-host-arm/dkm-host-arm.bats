#!/usr/bin/env bats
# tests/dkm-host-arm/dkm-host-arm.bats — the module lifecycle on 32-bit ARM: each test runs its
# fixture in every arm code model (ARM and Thumb-2, without and with -fPIC) through dkm-host under
# tools/run-arch arm.
# Environment (set by tests/dkm-host-arm/dkm-host-arm.mk): DKM_HOST, FIXTURES, MODELS.

setup() {
    : "${DKM_HOST:=build/host/arm/dkm-host}" "${FIXTURES:=build/tests/dkm-host-arm}"
    : "${MODELS:=arm armpic thumb thumbpic}"
}

dkm_host() {
    tools/run-arch arm "$DKM_HOST" "$@"
}

@test "init then exit, in every code model" {
    for m in $MODELS; do
        run dkm_host "$FIXTURES/$m/hello.o"
        [ "$status" -eq 0 ] || { echo "$m: $output"; false; }
        [ "$output" = $'hello: init\nhello: exit' ] || { echo "$m: $output"; false; }
    done
}

@test "parameters of every type" {
    for m in $MODELS; do
        run dkm_host "$FIXTURES/$m/params.o" count=7 mask=9 verbose=on "greeting=two words" ports=1,2 names=a,b
        [ "$status" -eq 0 ] || { echo "$m: $output"; false; }
        [[ "$output" == *"params: count=7 mask=9 verbose=1 greeting=two words"* ]]
        [[ "$output" == *"params: ports(2)=1,2,0,0"* ]]
        [[ "$output" == *"params: names(2)=a,b,"* ]]
        run dkm_host "$FIXTURES/$m/params.o" colour=red
        [ "$status" -eq 1 ]
        [[ "$output" == *"unknown parameter 'colour'"* ]]
    done
}

@test "exports between modules: a dependency loads first and unloads last, across instruction sets" {
    for p in $MODELS; do
        for c in $MODELS; do
            run dkm_host --load-first "$FIXTURES/$p/provider.o" "$FIXTURES/$c/consumer.o"
            [ "$status" -eq 0 ] || { echo "$p/$c: $output"; false; }
            [ "$output" = $'provider: init\nconsumer: 40 42 counter=2\nconsumer: exit\nprovider: exit, 2 calls' ] ||
                { echo "$p/$c: $output"; false; }
        done
    done
}

@test "a missing dependency is named" {
    run dkm_host "$FIXTURES/thumb/consumer.o"
    [ "$status" -eq 1 ]
    [[ "$output" == *"dkm: consumer:"*"provider"* ]]
}

@test "an export that clashes with a loaded module's is refused" {
    run dkm_host --load-first "$FIXTURES/arm/provider.o" "$FIXTURES/thumb/export_clash.o"
    [ "$status" -eq 1 ]
    [[ "$output" == *"dkm: export_clash:"* ]]
}

@test "constructors and destructors run in order" {
    for m in $MODELS; do
        run dkm_host "$FIXTURES/$m/ctors.o"
        [ "$status" -eq 0 ] || { echo "$m: $output"; false; }
        [[ "$output" == *$'ctors: init_array 101\nctors: init_array 102\nctors: init_array\nctors: init after 4 constructors'* ]]
        [[ "$output" == *$'ctors: exit\nctors: fini_array\nctors: dtors'* ]]
    done
}

@test "the init the module chose through the API table is called" {
    for m in $MODELS; do
        run dkm_host "$FIXTURES/$m/register.o"
        [ "$status" -eq 0 ] || { echo "$m: $output"; false; }
        [ "$output" = $'register: chosen init, abi 1\nregister: chosen exit' ]
    done
}

@test "failing init: the loader's message, nothing after" {
    for m in $MODELS; do
        run dkm_host "$FIXTURES/$m/initfail.o"
        [ "$status" -eq 1 ]
        [[ "$output" == *"initfail: init fails"* ]]
        [[ "$output" == *"dkm: initfail: init returned -19"* ]]
        [[ "$output" != *"must not run"* ]]
    done
}

@test "what a failed init left registered is reported" {
    for m in $MODELS; do
        run dkm_host "$FIXTURES/$m/initleak.o"
        [ "$status" -eq 1 ]
        [[ "$output" == *"dkm-host: initleak: left device /dev/initleak registered after its load failed"* ]]
    done
}

@test "a crash in ARM or Thumb init code is reported, not fatal" {
    for m in $MODELS; do
        run dkm_host "$FIXTURES/$m/crash.o"
        [ "$status" -eq 1 ]
        [[ "$output" == *"crash: about to fault"* ]]
        [[ "$output" == *"init crashed (SIGSEGV"* ]]
        [[ "$output" == *"dkm: crash: init 'module_init' faulted"* ]]
    done
}

@test "unresolved symbols are all named" {
    for m in $MODELS; do
        run dkm_host "$FIXTURES/$m/unresolved.o"
        [ "$status" -eq 1 ]
        [[ "$output" == *"dkm: unresolved: unresolved symbols: "* ]]
        [[ "$output" == *"'missing_one'"* ]]
        [[ "$output" == *"'missing_two'"* ]]
        [[ "$output" == *"'missing_data'"* ]]
    done
}
