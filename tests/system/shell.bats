#!/usr/bin/env bats
# shell.bats — /bin/sh: line editing on the raw console, quoting, output redirection, builtins,
# and running commands as an unprivileged user with runas.

load lib

@test "backspace, DEL, Ctrl-W and Ctrl-U edit the line" {
    ark_run $'echo abcx\x7fd\necho xy\bz\necho one two\x17three\necho junk\x15echo clean\npoweroff'
    expect_status 0
    expect_line "abcd"
    expect_line "xz"
    expect_line "one three"
    expect_line "clean"
    expect_no_output "junk clean" "junkecho"
}

@test "CR, LF and CR LF all end a line exactly once" {
    ark_run $'echo a\recho b\r\necho c\r\n\npoweroff'
    expect_status 0
    expect_line "a"
    expect_line "b"
    expect_line "c"
    # one empty command (the lone LF) gives one extra prompt, the CR LF pairs none
    [ "$(grep -c '^ark# $' <<<"$output")" -eq 1 ] || ark_fail "wrong number of empty prompts"
}

@test "Ctrl-C cancels the line being typed" {
    ark_run $'echo never\x03\necho after\npoweroff'
    expect_status 0
    expect_output "^C"
    expect_no_output $'\nnever'
    expect_line "after"
}

@test "quotes keep spaces and redirection sends output to a file" {
    ark_run $'echo "a  b" \'c  d\' e\\ f\necho hidden > /dev/null\necho also >> /dev/null\necho shown\npoweroff'
    expect_status 0
    expect_line "a  b c  d e f"
    expect_no_output $'\nhidden' $'\nalso'
    expect_line "shown"
}

@test "syntax errors are reported and the shell carries on" {
    ark_run $'echo "open\necho >\n> /dev/null\necho fine\npoweroff'
    expect_status 0
    expect_output 'sh: unterminated " quote' \
                  "sh: syntax error: file name expected after '>'" \
                  "sh: syntax error: redirection without a command"
    expect_line "fine"
}

@test "a redirection to a file that cannot be written is refused with a reason" {
    ark_run $'echo x > /ramdisk/new-file\necho x > /nowhere/file\necho next\npoweroff'
    expect_status 0
    grep -q '^sh: /ramdisk/new-file: ' <<<"$output" || ark_fail "no message for /ramdisk/new-file"
    grep -q '^sh: /nowhere/file: ' <<<"$output" || ark_fail "no message for /nowhere/file"
    expect_line "next"
}

@test "runas 1000 id reports uid 1000" {
    ark_run $'runas 1000 id\nid\npoweroff'
    expect_status 0
    grep -Eq '^uid=1000 pid=[0-9]+$' <<<"$output" || ark_fail "no uid=1000"
    grep -Eq '^uid=0\(root\) pid=[0-9]+$' <<<"$output" || ark_fail "root's uid changed"
}

@test "runas 1000 sh gives an ark\$ prompt without root's powers" {
    ark_run $'runas 1000 sh\nid\npoweroff\nexit\nid\npoweroff'
    expect_status 0
    expect_output "ark$ id" "uid=1000" "poweroff: Operation not permitted" "ark$ exit"
    # back in root's shell after exit
    [ "$(grep -c '^uid=0(root)' <<<"$output")" -eq 1 ] || ark_fail "root shell did not resume"
}

@test "a non-root user cannot become root again" {
    ark_run $'runas 1000 runas 0 id\npoweroff'
    expect_status 0
    expect_output "runas: setuid 0: Operation not permitted"
    expect_no_output "uid=0(root)"
}

@test "exit status of a failing program does not stop the shell; exit takes a status" {
    ark_run $'runas\nsleep x\nsh\nexit 3\necho done\npoweroff'
    expect_status 0
    expect_output "runas: usage: runas UID COMMAND [ARGS...]" "sleep: usage: sleep MILLISECONDS"
    expect_line "done"
}
