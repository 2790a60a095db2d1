#!/usr/bin/env bats
# tests/libdkm-arch/lifecycle.bats — module lifecycle on every architecture libdkm runs on: each
# check runs the fixture modules built for every architecture and code model through that
# architecture's dkm-host, which also fails any run that leaves loader memory behind.
# Environment (set by tests/libdkm-arch/lifecycle.mk): LIFECYCLE_ARCHES, LIFECYCLE_VARIANTS,
# LIFECYCLE_BUILD, HOST_BUILD.

setup() {
    : "${LIFECYCLE_ARCHES:=x86_64 aarch64}" "${LIFECYCLE_VARIANTS:=nopic pic}"
    : "${LIFECYCLE_BUILD:=build/tests/libdkm-lifecycle-arch}" "${HOST_BUILD:=build/host}"
}

# on ARCH VARIANT ARGS...: dkm-host for ARCH with modules named by bare names (NAME.o of VARIANT)
on() {
    local arch=$1 variant=$2 args=() a prev=
    shift 2
    for a in "$@"; do
        case $prev:$a in
            --entry:* | *:*=* | *:-*) args+=("$a") ;;
            *:*.so) args+=("$LIFECYCLE_BUILD/$arch/pic/$a") ;;
            *) args+=("$LIFECYCLE_BUILD/$arch/$variant/$a.o") ;;
        esac
        prev=$a
    done
    tools/run-arch "$arch" "$HOST_BUILD/$arch/dkm-host" "${args[@]}"
}

# each_build CHECK: runs the function CHECK ARCH VARIANT for every build, naming the one that fails
each_build() {
    local arch variant
    for arch in $LIFECYCLE_ARCHES; do
        for variant in $LIFECYCLE_VARIANTS; do
            "$1" "$arch" "$variant" || { echo "failed on $arch/$variant: $output"; return 1; }
        done
    done
}

no_residue() {
    [[ "$output" != *"residue"* ]] && [[ "$output" != *"never freed"* ]]
}

check_init_exit() {
    run on "$1" "$2" hello
    [ "$status" -eq 0 ] && [ "$output" = $'hello: init\nhello: exit' ]
}
@test "init then exit" {
    each_build check_init_exit
}

check_exports() {
    run on "$1" "$2" --load-first provider consumer
    [ "$status" -eq 0 ] &&
        [ "$output" = $'provider: init\nconsumer: 40 42 counter=2\nconsumer: exit\nprovider: exit, 2 calls' ]
}
@test "a module calls another's exported function and reads its exported data" {
    each_build check_exports
}

check_missing_dependency() {
    run on "$1" "$2" consumer
    [ "$status" -eq 1 ] && [[ "$output" == *"depends on provider>=1.0, but provider is not loaded"* ]] &&
        [[ "$output" != *"consumer: "[0-9]* ]] && no_residue
}
@test "a missing dependency is refused before any module code runs" {
    each_build check_missing_dependency
}

check_version_constraint() {
    run on "$1" "$2" --load-first provider consumer_newer
    [ "$status" -eq 1 ] && [[ "$output" == *"depends on provider>=2.0"* ]] &&
        [[ "$output" == *"provider: exit, 0 calls"* ]] && no_residue
}
@test "a dependency's version constraint is enforced" {
    each_build check_version_constraint
}

check_params() {
    run on "$1" "$2" params count=7 mask=9 verbose=on "greeting=two words" ports=1,2 names=a,b
    [ "$status" -eq 0 ] && [[ "$output" == *"params: count=7 mask=9 verbose=1 greeting=two words"* ]] &&
        [[ "$output" == *"params: ports(2)=1,2,0,0"* ]] && [[ "$output" == *"params: names(2)=a,b,"* ]] ||
        return 1
    run on "$1" "$2" params count=many
    [ "$status" -eq 1 ] && [[ "$output" == *"count"* ]] && [[ "$output" != *"params: count"* ]] && no_residue
}
@test "parameters of every type reach the module; a bad one is refused" {
    each_build check_params
}

check_ctors() {
    run on "$1" "$2" ctors
    [ "$status" -eq 0 ] && [ "$output" = $'ctors: ctors\nctors: init_array 101\nctors: init_array 102\nctors: init_array\nctors: init after 4 constructors\nctors: exit\nctors: fini_array\nctors: dtors' ]
}
@test "constructors run in order before init, destructors after exit" {
    each_build check_ctors
}

check_rollback() {
    run on "$1" "$2" --load-first provider initfail
    # the constructor ran, exit did not; the provider lost its user again and unloads normally
    [ "$status" -eq 1 ] && [[ "$output" == *"initfail: constructor"*"initfail: init fails"* ]] &&
        [[ "$output" == *"init returned -19"* ]] && [[ "$output" != *"must not run"* ]] &&
        [[ "$output" == *"provider: exit, 1 calls" ]] && no_residue
}
@test "a failed init is rolled back with no residue" {
    each_build check_rollback
}

check_fault() {
    run on "$1" "$2" crash
    [ "$status" -eq 1 ] && [[ "$output" == *"crash: about to fault"* ]] &&
        [[ "$output" == *"init crashed (SIG"* ]] && no_residue
}
@test "a faulting init is contained and reported" {
    each_build check_fault
}

check_leaks() {
    run on "$1" "$2" leaky
    [ "$status" -eq 1 ] && [[ "$output" == *"left device /dev/leaky registered after exit"* ]] &&
        [[ "$output" == *"left /proc/leaky/state registered after exit"* ]]
}
@test "registrations a module leaves behind are reported" {
    each_build check_leaks
}

check_big_module() {
    run on "$1" "$2" --libc --entry main bigdata
    [ "$status" -eq 0 ] &&
        [ "$output" = $'bigdata: first at 0\nbigdata: middle at 2621440\nbigdata: last at 5242872' ]
}
@test "a module with 5 MiB of data and C library data imports is placed within reach" {
    each_build check_big_module
}

check_linked_images() {
    run on "$1" "$2" ctors.so
    [ "$status" -eq 0 ] && [[ "$output" == *"ctors: init after 4 constructors"*"ctors: exit"*"ctors: dtors"* ]] ||
        return 1
    run on "$1" "$2" --load-first provider.so consumer.so
    [ "$status" -eq 0 ] &&
        [ "$output" = $'provider: init\nconsumer: 40 42 counter=2\nconsumer: exit\nprovider: exit, 2 calls' ]
}
@test "linked images: constructors from DT_INIT_ARRAY, exports between shared objects" {
    each_build check_linked_images
}
