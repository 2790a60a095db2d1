#!/usr/bin/env bats
# Every example module (build/modules/*.elf, built by modules/modules.mk with ark-gcc) is valid
# for libdkm (dkm-host --no-run), and its init and exit run under dkm-host's host emulation of the
# kernel API wherever that emulation can stand in for the hardware.

load helpers

dkm_host() {
    "$RUN32" "$DKM_HOST" "$@"
}

@test "every example module links under dkm-host --no-run" {
    need_dkm_host
    local n=0
    for m in "$MODULES"/*.elf; do
        case "$(basename "$m")" in
            exports_consumer.elf) run dkm_host --no-run --load-first "$MODULES/exports_provider.elf" "$m" ;;
            *) run dkm_host --no-run "$m" ;;
        esac
        [ "$status" -eq 0 ] || { echo "$m: $output"; return 1; }
        n=$((n + 1))
    done
    [ "$n" -ge 14 ]
}

@test "api_only imports no symbols at all" {
    [ -f "$MODULES/api_only.elf" ]
    [ "$(elf_type "$MODULES/api_only.elf")" = REL ]
    [ -z "$(imports_of "$MODULES/api_only.elf")" ]
    # ...whereas an ordinary module does import from the kernel.
    imports_of "$MODULES/hello.elf" | grep -qx printk
}

@test "hello: init greets, exit says goodbye, the parameter changes whom" {
    need_dkm_host
    run dkm_host "$MODULES/hello.elf"
    [ "$status" -eq 0 ]
    [[ "$output" == *"hello: hello, world"* ]]
    [[ "$output" == *"hello: goodbye, world"* ]]
    run dkm_host "$MODULES/hello.elf" whom=ark
    [ "$status" -eq 0 ]
    [[ "$output" == *"hello: hello, ark"* ]]
}

@test "params: every parameter type is set from name=value arguments" {
    need_dkm_host
    run dkm_host "$MODULES/params.elf" count=3 limit=9 verbose=y name=ark ports=1,2,3 tags=red,blue
    [ "$status" -eq 0 ]
    [[ "$output" == *"params: count=3 limit=9 verbose=1 name=ark nports=3 ntags=2"* ]]
    [[ "$output" == *"params: ports[2]=3"* ]]
    [[ "$output" == *"params: tags[1]=blue"* ]]
    [[ "$output" == *"params: greeting 3 of 3 for ark"* ]]
    run dkm_host "$MODULES/params.elf"
    [[ "$output" == *"params: count=1 limit=100 verbose=0 name=nobody nports=1 ntags=0"* ]]
    run dkm_host "$MODULES/params.elf" nosuch=1
    [ "$status" -ne 0 ]
    [[ "$output" == *"nosuch"* ]]
    run dkm_host "$MODULES/params.elf" count=notanumber
    [ "$status" -ne 0 ]
    [[ "$output" == *"count"* ]]
}

@test "failing_init: the load fails and says why" {
    need_dkm_host
    run dkm_host "$MODULES/failing_init.elf"
    [ "$status" -ne 0 ]
    [[ "$output" == *"failing_init: refusing to load"* ]]
    [[ "$output" == *"failing_init"*"init"* ]]
}

@test "exports: the consumer needs the provider and calls it" {
    need_dkm_host
    run dkm_host "$MODULES/exports_consumer.elf"
    [ "$status" -ne 0 ]
    [[ "$output" == *"exports_provider"* ]]
    run dkm_host --load-first "$MODULES/exports_provider.elf" "$MODULES/exports_consumer.elf"
    [ "$status" -eq 0 ]
    [[ "$output" == *"exports_consumer: greetings from exports_provider, 2 + 3 = 5"* ]]
}

@test "two_file: both sources and the compiler runtime are in one module" {
    need_dkm_host
    run dkm_host "$MODULES/two_file.elf"
    [ "$status" -eq 0 ]
    [[ "$output" == *"two_file: sum(1..10)=55, 3000000000*7/1000=21000000"* ]]
}

@test "sample_module runs in both of the seed's modes" {
    need_dkm_host
    run dkm_host "$MODULES/sample_module.elf"
    [ "$status" -eq 0 ]
    [[ "$output" == *"Module loaded!"* ]]
    run dkm_host "$MODULES/sample_standalone.elf"
    [ "$status" -eq 0 ]
}

@test "drivers register and unregister cleanly against the host emulation" {
    need_dkm_host
    for m in chardev procfs timer on_demand api_only; do
        run dkm_host "$MODULES/$m.elf"
        [ "$status" -eq 0 ] || { echo "$m: $output"; return 1; }
    done
}
