# helpers.bash — shared set-up for the devkit suite: paths, a scratch directory per test, and ELF
# inspection helpers built on readelf.

ARK_ROOT=$(cd "$BATS_TEST_DIRNAME/../.." && pwd)
ARK_GCC=$ARK_ROOT/tools/ark-gcc
BUILD=${BUILD:-build}
case "$BUILD" in /*) ;; *) BUILD=$ARK_ROOT/$BUILD ;; esac
MODULES=$BUILD/modules
DKM_HOST=$BUILD/host/dkm-host
RUN32=$ARK_ROOT/tools/run32

setup() {
    WORK=$(mktemp -d "${BATS_TMPDIR:-/tmp}/devkit.XXXXXX")
    cd "$WORK" || return 1
}

teardown() {
    cd / && rm -rf "$WORK"
}

# ELF type word as readelf prints it: REL, EXEC or DYN.
elf_type() {
    readelf -h "$1" | sed -n 's/^ *Type: *\([A-Z]*\).*/\1/p'
}

# The .modinfo strings of an object, one per line.
modinfo_of() {
    readelf -p .modinfo "$1" 2>/dev/null | sed -n 's/^ *\[ *[0-9a-f]*\] *//p'
}

# Undefined symbols (imports) of an object, one per line.
imports_of() {
    readelf -sW "$1" | awk '$7 == "UND" && $8 != "" { print $8 }'
}

# The seed README's sources.
write_seed_standalone() {
    cat >"${1:-mymodule.c}" <<'SRC'
#include "ark/types.h"

int module_init(void) {
    /* Module initialization code */
    return 0;  /* return 0 for success */
}
SRC
}

write_seed_api() {
    cat >"${1:-mymodule.c}" <<'SRC'
#include "ark/types.h"
#include "ark/init_api.h"

int module_init(const ark_kernel_api_t *api) {
    if (api && api->printk)
        api->printk("Module loaded!\n");
    return 0;
}
SRC
}

abi_string() {
    local major minor
    major=$(sed -n 's/^#define ARK_ABI_MAJOR *\([0-9]*\).*/\1/p' "$ARK_ROOT/include/ark/abi.h")
    minor=$(sed -n 's/^#define ARK_ABI_MINOR *\([0-9]*\).*/\1/p' "$ARK_ROOT/include/ark/abi.h")
    echo "$major.$minor"
}

need_dkm_host() {
    [ -x "$DKM_HOST" ] || { echo "dkm-host is not built ($DKM_HOST): run make" >&2; return 1; }
}
