#!/usr/bin/env bats
# tests/dkm-host-arch/dkm-host-arch.bats — the module lifecycle through ARCH's dkm-host, in every
# code model the fixtures were built in: init and exit, exports between modules in every pair of
# models and dependency order, export clashes, parameters, constructors and destructors, the init
# chosen through the API table, rollback of a failing init with nothing left behind, a crashing
# init contained, unresolved symbols named.
# Environment (set by tests/dkm-host-arch/dkm-host-arch.mk): ARCH, DKM_HOST, FIXTURES, MODELS.

dkm_host() {
    "$BATS_TEST_DIRNAME/../../tools/run-arch" "$ARCH" "$DKM_HOST" "$@"
}

@test "init then exit, in every code model" {
    for m in $MODELS; do
        run dkm_host "$FIXTURES/$m/hello.o"
        [ "$status" -eq 0 ] || { echo "$m: $output"; false; }
        [ "$output" = $'hello: init\nhello: exit' ] || { echo "$m: $output"; false; }
    done
}

@test "exports between modules: the dependency loads first and unloads last, in every pair of models" {
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
    for m in $MODELS; do
        run dkm_host "$FIXTURES/$m/consumer.o"
        [ "$status" -eq 1 ]
        [[ "$output" == *"dkm: consumer: depends on provider>=1.0, but provider is not loaded"* ]] ||
            { echo "$m: $output"; false; }
    done
}

@test "an export that clashes with a loaded module's is refused" {
    set -- $MODELS
    for m in $MODELS; do
        run dkm_host --load-first "$FIXTURES/$1/provider.o" "$FIXTURES/$m/export_clash.o"
        [ "$status" -eq 1 ]
        [[ "$output" == *"dkm: export_clash: export 'provider_add' is already exported by provider"* ]] ||
            { echo "$1/$m: $output"; false; }
    done
}

@test "parameters of every type" {
    for m in $MODELS; do
        run dkm_host "$FIXTURES/$m/params.o" count=7 mask=9 verbose=on "greeting=two words" ports=1,2 names=a,b
        [ "$status" -eq 0 ] || { echo "$m: $output"; false; }
        [[ "$output" == *"params: count=7 mask=9 verbose=1 greeting=two words"* ]]
        [[ "$output" == *"params: ports(2)=1,2,0,0"* ]]
        [[ "$output" == *"params: names(2)=a,b,"* ]]
        run dkm_host "$FIXTURES/$m/params.o" count=many
        [ "$status" -eq 1 ]
        [[ "$output" == *"count"*"many"* ]]
        [[ "$output" != *"params: count"* ]]
        run dkm_host "$FIXTURES/$m/params.o" colour=red
        [ "$status" -eq 1 ]
        [[ "$output" == *"unknown parameter 'colour'"* ]] || { echo "$m: $output"; false; }
    done
}

@test "constructors before init, destructors after exit, in order" {
    for m in $MODELS; do
        run dkm_host "$FIXTURES/$m/ctors.o"
        [ "$status" -eq 0 ] || { echo "$m: $output"; false; }
        [ "$output" = $'ctors: ctors\nctors: init_array 101\nctors: init_array 102\nctors: init_array\nctors: init after 4 constructors\nctors: exit\nctors: fini_array\nctors: dtors' ] ||
            { echo "$m: $output"; false; }
    done
}

@test "the init and exit registered through the API table are called, not those named module_init" {
    for m in $MODELS; do
        run dkm_host "$FIXTURES/$m/register.o"
        [ "$status" -eq 0 ] || { echo "$m: $output"; false; }
        [ "$output" = $'register: chosen init, abi 1\nregister: chosen exit' ] || { echo "$m: $output"; false; }
    done
}

@test "a failing init is rolled back: its message, no exit, nothing left behind" {
    for m in $MODELS; do
        run dkm_host "$FIXTURES/$m/initfail.o"
        [ "$status" -eq 1 ]
        [[ "$output" == *"initfail: init fails"* ]]
        [[ "$output" == *"dkm: initfail: init returned -19"* ]] || { echo "$m: $output"; false; }
        [[ "$output" != *"must not run"* ]]
        run dkm_host "$FIXTURES/$m/initleak.o"
        [ "$status" -eq 1 ]
        [[ "$output" == *"dkm: initleak: init returned -5"* ]]
        [[ "$output" == *"dkm-host: initleak: left device /dev/initleak registered after its load failed"* ]] ||
            { echo "$m: $output"; false; }
    done
}

@test "a crash in init is contained and reported" {
    for m in $MODELS; do
        run dkm_host "$FIXTURES/$m/crash.o"
        [ "$status" -eq 1 ]
        [[ "$output" == *"crash: about to fault"* ]]
        [[ "$output" == *"init crashed (SIGSEGV"* ]] || { echo "$m: $output"; false; }
        [[ "$output" == *"dkm: crash: init 'module_init' faulted"* ]] || { echo "$m: $output"; false; }
    done
}

@test "unresolved symbols are all named, and --no-run validates without running" {
    for m in $MODELS; do
        run dkm_host "$FIXTURES/$m/unresolved.o"
        [ "$status" -eq 1 ]
        [[ "$output" == *"dkm: unresolved: unresolved symbols: "* ]] || { echo "$m: $output"; false; }
        [[ "$output" == *"'missing_one'"* && "$output" == *"'missing_two'"* && "$output" == *"'missing_data'"* ]] ||
            { echo "$m: $output"; false; }
        run dkm_host --no-run "$FIXTURES/$m/hello.o"
        [ "$status" -eq 0 ]
        [ -z "$output" ]
    done
}
