# lib.bash — helpers for ark's bats system tests: boot ark under QEMU with scripted console input
# and check what it printed. Load it from a .bats file with `load lib`.
#
#   ark_run "CMDS" [ark-run options...]
#       Boots ark through tools/ark-run, types CMDS (newline-separated; no poweroff is added) on the
#       console, and sets $output (console text, carriage returns removed, ark-run's own messages
#       included), $lines and $status (ark-run's exit status: 0 clean power-off, 3 panic, 5 timeout,
#       see tools/ark-run --help). The default timeout is $ARK_TIMEOUT (60) seconds; a --timeout
#       among the options wins.
#   expect_status N / expect_output TEXT... / expect_no_output TEXT... / expect_line TEXT
#       Assertions that print the console transcript when they fail.

ARK_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
ARK_RUN=${ARK_RUN:-$ARK_ROOT/tools/ark-run}
ARK_TIMEOUT=${ARK_TIMEOUT:-60}
ARK_BUILD=${ARK_BUILD:-$ARK_ROOT/build}

ark_run() {
    local cmds=$1
    shift
    local raw
    status=0
    raw=$(printf '%s\n' "$cmds" | "$ARK_RUN" --timeout "$ARK_TIMEOUT" "$@" 2>&1) || status=$?
    output=${raw//$'\r'/}
    mapfile -t lines <<<"$output"
    # Kept for the failure messages below, and for the log of the test run.
    printf '%s\n' "$output" >"${BATS_TEST_TMPDIR:-/tmp}/console.log" 2>/dev/null || true
}

ark_fail() {
    {
        printf '%s\n' "$@"
        echo "--- ark-run status: $status; console:"
        printf '%s\n' "$output" | tail -n 60
        echo "---"
    } >&2
    return 1
}

expect_status() {
    [ "$status" -eq "$1" ] || ark_fail "expected exit status $1, got $status"
}

# Each TEXT must appear somewhere in the output.
expect_output() {
    local text
    for text in "$@"; do
        [[ $output == *"$text"* ]] || ark_fail "expected in the output: '$text'"
    done
}

expect_no_output() {
    local text
    for text in "$@"; do
        [[ $output != *"$text"* ]] || ark_fail "not expected in the output: '$text'"
    done
}

# Some line must be exactly TEXT.
expect_line() {
    local l
    for l in "${lines[@]}"; do
        [ "$l" = "$1" ] && return 0
    done
    ark_fail "expected a line reading exactly: '$1'"
}

# The text printed by the command typed on the console as "ark# CMD" (or "ark$ CMD"), up to the
# next prompt: what a person sees as the command's output.
command_output() {
    printf '%s\n' "$output" | awk -v cmd="$1" '
        found && /^ark[#$] / { exit }
        found { print }
        !found && ($0 == "ark# " cmd || $0 == "ark$ " cmd) { found = 1 }'
}


# Each LINE must be a whole line of the output exactly N times (once per round of a module
# loaded N times, say): expect_lines_times N LINE...
expect_lines_times() {
    local n=$1 line
    shift
    for line in "$@"; do
        [ "$(grep -cxF -- "$line" <<<"$output")" -eq "$n" ] || { ark_fail "expected $n times: '$line'"; return 1; }
    done
}

# Every "KEY: N" line of the output (as /proc/meminfo prints them) has the same N, and there are
# COUNT of them: expect_same_values KEY COUNT.
expect_same_values() {
    local key=$1 count=$2 values
    mapfile -t values < <(printf '%s\n' "$output" | sed -n "s/^$key:[[:space:]]*\([0-9]*\).*/\1/p")
    [ "${#values[@]}" -eq "$count" ] || { ark_fail "expected $count $key lines, got ${#values[@]}"; return 1; }
    local v
    for v in "${values[@]}"; do
        [ "$v" = "${values[0]}" ] || { ark_fail "$key changed: ${values[*]}"; return 1; }
    done
}
