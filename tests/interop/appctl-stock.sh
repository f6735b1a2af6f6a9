#!/bin/bash
#
# Copyright (c) 2026 The ovs-tc authors.
# Licensed under the Apache License, Version 2.0.
#
# The control protocol against a stock Open vSwitch on the host:
#   - stock ovs-appctl drives our ovs-vswitchd (pidfile lock, socket name,
#     reply shapes, errors);
#   - our ovs-appctl drives a stock ovsdb-server;
#   - our ovs-appctl and ovs-vswitchd together: exit, SIGTERM, timeout,
#     stale pidfiles, refusing a second instance.
#
# Exit status: 0 pass, 1 fail, 77 skip (no stock Open vSwitch), 99 setup
# error.  Run by "make check" from the top of the build tree, or by hand
# from there.

set -u

STOCK_APPCTL=/usr/bin/ovs-appctl
STOCK_OVSDB_SERVER=/usr/sbin/ovsdb-server
STOCK_OVSDB_TOOL=/usr/bin/ovsdb-tool
STOCK_SCHEMA=/usr/share/openvswitch/vswitch.ovsschema

for prog in "$STOCK_APPCTL" "$STOCK_OVSDB_SERVER"; do
    if [ ! -x "$prog" ]; then
        echo "SKIP: $prog is not installed"
        exit 77
    fi
done
for f in "$STOCK_OVSDB_TOOL" "$STOCK_SCHEMA"; do
    if [ ! -e "$f" ]; then
        echo "ERROR: $f is missing although $STOCK_OVSDB_SERVER is installed"
        exit 99
    fi
done

# Our programs, by build-tree path, never through $PATH.  "make check" runs
# tests from the top build directory; abs_top_builddir may also be given.
find_builddir () {
    local d
    for d in "${abs_top_builddir:-}" "$PWD" "$(dirname "$0")/../.."; do
        if [ -n "$d" ] && [ -x "$d/vswitchd/ovs-vswitchd" ] \
           && [ -x "$d/utilities/ovs-appctl" ]; then
            (cd "$d" && pwd)
            return 0
        fi
    done
    return 1
}
if ! builddir=$(find_builddir); then
    echo "ERROR: cannot find the built vswitchd/ovs-vswitchd and" \
         "utilities/ovs-appctl (run from the top build directory)"
    exit 99
fi
OUR_VSWITCHD=$builddir/vswitchd/ovs-vswitchd
OUR_APPCTL=$builddir/utilities/ovs-appctl

# A private run, log and database directory.  Unix socket names are short,
# so keep it under /tmp.
dir=$(mktemp -d /tmp/ovstc-interop.XXXXXX) || exit 99
export OVS_RUNDIR=$dir OVS_LOGDIR=$dir OVS_DBDIR=$dir
unset OVS_SYSCONFDIR

# Daemons to stop on every exit path.
daemon_pids=()

cleanup () {
    local pid i
    for pid in "${daemon_pids[@]}"; do
        kill -CONT "$pid" 2>/dev/null
        kill -TERM "$pid" 2>/dev/null
    done
    for pid in "${daemon_pids[@]}"; do
        for i in $(seq 50); do
            process_gone "$pid" && break
            sleep 0.1
        done
        kill -KILL "$pid" 2>/dev/null
    done
    rm -rf "$dir"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

n_failures=0
n_checks=0

pass () {
    n_checks=$((n_checks + 1))
    echo "ok: $*"
}

fail () {
    n_checks=$((n_checks + 1))
    n_failures=$((n_failures + 1))
    echo "FAIL: $*"
}

# check DESCRIPTION EXPECTED ACTUAL
check_eq () {
    if [ "$2" = "$3" ]; then
        pass "$1"
    else
        fail "$1: expected [$2], got [$3]"
    fi
}

# check_match DESCRIPTION PATTERN TEXT: TEXT contains PATTERN (grep -E).
check_match () {
    if printf '%s\n' "$3" | grep -Eq -- "$2"; then
        pass "$1"
    else
        fail "$1: [$3] does not match /$2/"
    fi
}

# wait_until DESCRIPTION COMMAND...: polls for up to 10 s.
wait_until () {
    local desc=$1 i
    shift
    for i in $(seq 100); do
        if "$@"; then
            pass "$desc"
            return 0
        fi
        sleep 0.1
    done
    fail "$desc (waited 10 s)"
    return 1
}

file_absent () { [ ! -e "$1" ]; }
# A detached daemon is not our child, so once dead it may linger as a zombie
# until init reaps it: count that as gone.
process_gone () {
    local state
    kill -0 "$1" 2>/dev/null || return 0
    state=$(sed -n 's/^.*) \(.\).*$/\1/p' "/proc/$1/stat" 2>/dev/null)
    [ -z "$state" ] || [ "$state" = Z ]
}

# run PROGRAM ARGS...: sets $out, $err and $rc.
run () {
    out=$("$@" 2>"$dir/stderr")
    rc=$?
    err=$(cat "$dir/stderr")
}

# start_vswitchd EXTRA-ARGS...: starts our daemon detached; sets $vs_pid.
start_vswitchd () {
    vs_pid=
    if ! "$OUR_VSWITCHD" --pidfile --detach --no-chdir --log-file \
         "$@" "unix:$dir/db.sock" 2>"$dir/vswitchd.stderr"; then
        fail "ovs-vswitchd --detach failed: $(cat "$dir/vswitchd.stderr")"
        return 1
    fi
    vs_pid=$(cat "$dir/ovs-vswitchd.pid" 2>/dev/null)
    if [ -z "$vs_pid" ] || ! kill -0 "$vs_pid" 2>/dev/null; then
        fail "ovs-vswitchd did not leave a live pid in its pidfile"
        return 1
    fi
    daemon_pids+=("$vs_pid")
    pass "ovs-vswitchd started as pid $vs_pid"
}

# "ovs-vswitchd (ovs-tc) 0.1.0" today; the number moves with releases.
version_line=$("$OUR_VSWITCHD" --version)

echo "== stock ovs-appctl against our ovs-vswitchd"
if start_vswitchd; then
    if printf '%s\n' "$vs_pid" | cmp -s - "$dir/ovs-vswitchd.pid"; then
        pass "pidfile holds the pid and a new-line"
    else
        fail "pidfile is not \"$vs_pid\\n\": $(od -c "$dir/ovs-vswitchd.pid")"
    fi
    check_match "ovs-vswitchd --version" \
                "^ovs-vswitchd \\(ovs-tc\\) [0-9]+\\.[0-9]+\\.[0-9]+\$" \
                "$version_line"
    ctl=$dir/ovs-vswitchd.$vs_pid.ctl
    if [ -S "$ctl" ]; then
        pass "control socket $ctl exists"
    else
        fail "control socket $ctl is missing"
    fi
    check_match "startup is logged at INFO" \
                "\\|vswitchd\\|INFO\\|ovs-vswitchd \\(ovs-tc\\) [0-9]" \
                "$(cat "$dir/ovs-vswitchd.log" 2>/dev/null)"

    run "$STOCK_APPCTL" -t ovs-vswitchd version
    check_eq "stock ovs-appctl version: status" 0 "$rc"
    check_eq "stock ovs-appctl version: output" "$version_line" "$out"

    run "$STOCK_APPCTL" version
    check_eq "stock ovs-appctl with the default target" "$version_line" "$out"

    run "$STOCK_APPCTL" -t "$ctl" version
    check_eq "stock ovs-appctl by socket path" "$version_line" "$out"

    run "$STOCK_APPCTL" -t ovs-vswitchd list-commands
    check_eq "stock list-commands: status" 0 "$rc"
    check_eq "stock list-commands: first line" \
             "The available commands are:" "$(printf '%s\n' "$out" | head -1)"
    for cmd in exit list-commands version vlog/list vlog/set vlog/reopen; do
        check_match "stock list-commands lists $cmd" "^  $cmd( |\$)" "$out"
    done
    check_eq "stock list-commands: sorted" \
             "$(printf '%s\n' "$out" | tail -n +2 | LC_ALL=C sort)" \
             "$(printf '%s\n' "$out" | tail -n +2)"

    run "$STOCK_APPCTL" -t ovs-vswitchd vlog/list
    check_eq "stock vlog/list: status" 0 "$rc"
    check_match "stock vlog/list: header" "console +syslog +file" "$out"
    check_match "stock vlog/list: unixctl module" "^unixctl " "$out"

    run "$STOCK_APPCTL" -t ovs-vswitchd vlog/set unixctl:file:dbg
    check_eq "stock vlog/set: status" 0 "$rc"
    run "$STOCK_APPCTL" -t ovs-vswitchd vlog/list
    check_match "stock vlog/set took effect" "^unixctl +[A-Z]+ +[A-Z]+ +DBG" \
                "$out"

    run "$STOCK_APPCTL" -t ovs-vswitchd no-such-command
    check_eq "stock unknown command: status" 2 "$rc"
    check_match "stock unknown command: message" \
                '"no-such-command" is not a valid command' "$err"
    check_match "stock unknown command: trailer" \
                "ovs-vswitchd: server returned an error" "$err"

    run "$STOCK_APPCTL" -t ovs-vswitchd version extra
    check_eq "stock too many arguments: status" 2 "$rc"
    check_match "stock too many arguments: message" \
                '"version" command takes at most 0 arguments' "$err"

    run "$STOCK_APPCTL" -t ovs-vswitchd vlog/set
    check_eq "stock too few arguments: status" 2 "$rc"
    check_match "stock too few arguments: message" \
                '"vlog/set" command requires at least 1 arguments' "$err"

    echo "== our ovs-appctl against our ovs-vswitchd"
    run "$OUR_APPCTL" version
    check_eq "our ovs-appctl version" "$version_line" "$out"

    run "$OUR_APPCTL" -t "$ctl" no-such-command
    check_eq "our unknown command: status" 2 "$rc"
    check_match "our unknown command: message" "is not a valid command" \
                "$err"

    # A second daemon must refuse the locked pidfile and name the owner.
    run "$OUR_VSWITCHD" --pidfile --unixctl=none "unix:$dir/db.sock"
    if [ "$rc" -ne 0 ]; then
        pass "a second ovs-vswitchd refuses to start"
    else
        fail "a second ovs-vswitchd started despite the locked pidfile"
    fi
    check_match "the refusal names the running pid" \
                "already running as pid $vs_pid" "$err"
    check_eq "the first daemon's pidfile is untouched" \
             "$vs_pid" "$(cat "$dir/ovs-vswitchd.pid")"

    # -T: a stopped daemon accepts the connection but never answers.
    kill -STOP "$vs_pid"
    start=$SECONDS
    run "$OUR_APPCTL" -T 1 version
    kill -CONT "$vs_pid"
    if [ "$rc" -ne 0 ] && [ $((SECONDS - start)) -le 5 ]; then
        pass "our ovs-appctl -T 1 gives up (status $rc)"
    else
        fail "our ovs-appctl -T 1: status $rc after $((SECONDS - start)) s"
    fi
    check_match "our ovs-appctl -T reports the timeout" "timeout" "$err"

    run "$OUR_APPCTL" exit
    check_eq "our ovs-appctl exit: status" 0 "$rc"
    check_eq "our ovs-appctl exit: output" "" "$out"
    wait_until "ovs-vswitchd exits after exit" process_gone "$vs_pid"
    wait_until "pidfile removed after exit" \
               file_absent "$dir/ovs-vswitchd.pid"
    wait_until "control socket removed after exit" file_absent "$ctl"
    check_match "the exit is logged" "exiting" \
                "$(cat "$dir/ovs-vswitchd.log" 2>/dev/null)"
fi

echo "== SIGTERM"
if start_vswitchd; then
    ctl=$dir/ovs-vswitchd.$vs_pid.ctl
    kill -TERM "$vs_pid"
    wait_until "ovs-vswitchd dies of SIGTERM" process_gone "$vs_pid"
    wait_until "pidfile removed after SIGTERM" \
               file_absent "$dir/ovs-vswitchd.pid"
    wait_until "control socket removed after SIGTERM" file_absent "$ctl"
fi

echo "== --detach reports a failed start"
run "$OUR_VSWITCHD" --detach --no-chdir --unixctl=/nonexistent/dir/x.ctl \
    "unix:$dir/db.sock"
if [ "$rc" -ne 0 ]; then
    pass "ovs-vswitchd --detach fails when the daemon cannot start"
else
    fail "ovs-vswitchd --detach succeeded with an impossible socket"
fi

echo "== stale pidfiles"
echo $$ > "$dir/stale.pid"
run "$OUR_APPCTL" -t stale version
check_eq "our ovs-appctl, unlocked pidfile: status" 1 "$rc"
check_match "our ovs-appctl, unlocked pidfile: message" \
            "cannot read pidfile .*stale.pid" "$err"
run "$OUR_APPCTL" -t missing version
check_eq "our ovs-appctl, no pidfile: status" 1 "$rc"
run "$OUR_APPCTL" -t "$dir/missing.ctl" version
check_eq "our ovs-appctl, no socket: status" 1 "$rc"
check_match "our ovs-appctl, no socket: message names it" \
            "missing.ctl" "$err"

echo "== our ovs-appctl against stock ovsdb-server"
if ! "$STOCK_OVSDB_TOOL" create "$dir/conf.db" "$STOCK_SCHEMA"; then
    fail "ovsdb-tool create failed"
elif ! "$STOCK_OVSDB_SERVER" "$dir/conf.db" --pidfile --detach --no-chdir \
        --log-file --remote="punix:$dir/db.sock" 2>"$dir/ovsdb.stderr"; then
    fail "stock ovsdb-server did not start: $(cat "$dir/ovsdb.stderr")"
else
    db_pid=$(cat "$dir/ovsdb-server.pid")
    daemon_pids+=("$db_pid")
    pass "stock ovsdb-server started as pid $db_pid"

    # Through the stock pidfile (lock and pid checked by read_pidfile()).
    run "$OUR_APPCTL" -t ovsdb-server version
    check_eq "our ovs-appctl -t ovsdb-server version: status" 0 "$rc"
    check_match "our ovs-appctl -t ovsdb-server version: output" \
                "^ovsdb-server \\(Open vSwitch\\) 3\\." "$out"
    check_eq "stock and our ovs-appctl print the same" \
             "$("$STOCK_APPCTL" -t ovsdb-server version)" "$out"

    # Through the socket path.
    run "$OUR_APPCTL" -t "$dir/ovsdb-server.$db_pid.ctl" version
    check_match "our ovs-appctl by socket path" \
                "^ovsdb-server \\(Open vSwitch\\) 3\\." "$out"

    run "$OUR_APPCTL" -t ovsdb-server list-commands
    check_eq "our list-commands on ovsdb-server: status" 0 "$rc"
    check_eq "our list-commands on ovsdb-server: first line" \
             "The available commands are:" \
             "$(printf '%s\n' "$out" | head -1)"
    check_match "our list-commands on ovsdb-server: lists exit" "^  exit" \
                "$out"
    check_eq "our list-commands output equals stock's" \
             "$("$STOCK_APPCTL" -t ovsdb-server list-commands)" "$out"

    run "$OUR_APPCTL" -t ovsdb-server no-such-command
    check_eq "our unknown command on ovsdb-server: status" 2 "$rc"
    check_match "our unknown command on ovsdb-server: message" \
                '"no-such-command" is not a valid command' "$err"
    check_match "our unknown command on ovsdb-server: trailer" \
                "ovsdb-server: server returned an error" "$err"

    # Arguments after the command go to the daemon, options included.
    run "$OUR_APPCTL" -t ovsdb-server list-commands -x
    check_eq "arguments after the command reach the daemon: status" 2 "$rc"
    check_match "arguments after the command reach the daemon: message" \
                "takes at most 0 arguments" "$err"

    run "$OUR_APPCTL" -t ovsdb-server exit
    check_eq "our ovs-appctl exit on ovsdb-server: status" 0 "$rc"
    wait_until "ovsdb-server exits" process_gone "$db_pid"
    wait_until "ovsdb-server pidfile removed" \
               file_absent "$dir/ovsdb-server.pid"
fi

echo "$n_checks checks, $n_failures failures"
if [ "$n_failures" -ne 0 ]; then
    for f in "$dir"/*.log; do
        [ -e "$f" ] || continue
        echo "--- $f"
        tail -n 20 "$f"
    done
    exit 1
fi
exit 0
