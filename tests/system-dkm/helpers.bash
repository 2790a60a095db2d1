# helpers.bash — shared by the system-dkm bats files: ark_run and assertions come from
# tests/system/lib.bash; these add module paths and /proc/meminfo parsing.

load ../system/lib

DKMT=/ramdisk/dkmt

# Every DkmUsed value printed in $output (one per `cat /proc/meminfo`), in order.
dkm_used_values() {
    printf '%s\n' "$output" | awk '$1 == "DkmUsed:" { print $2 }'
}

# Fails unless the first and last DkmUsed values printed are equal and there are at least two.
expect_dkmused_at_baseline() {
    local values first last
    values=$(dkm_used_values)
    first=$(printf '%s\n' "$values" | head -n 1)
    last=$(printf '%s\n' "$values" | tail -n 1)
    [ "$(printf '%s\n' "$values" | grep -c .)" -ge 2 ] || ark_fail "DkmUsed was not printed twice"
    [ "$first" = "$last" ] || ark_fail "DkmUsed went from $first to $last"
}
