#!/bin/bash
#
# Copyright (c) 2026 The ovs-tc authors.
# Licensed under the Apache License, Version 2.0.
#
# The client IDL (ovsdb/ovsdb-idl.h) against a live ovsdb-server: the stock
# one on the host, and ours when it has been built.  tests/interop/
# test-ovsdb-idl runs scripted steps and prints the replica in a stable
# form, which is compared with the expected text; both servers must give
# the same.
#
# Exit status: 0 pass, 1 fail, 77 skip (no stock ovsdb-server), 99 setup
# error.  Run by "make check" from the top of the build tree.

set -u

STOCK_OVSDB_SERVER=/usr/sbin/ovsdb-server
STOCK_OVSDB_TOOL=/usr/bin/ovsdb-tool

if [ ! -x "$STOCK_OVSDB_SERVER" ] || [ ! -x "$STOCK_OVSDB_TOOL" ]; then
    echo "SKIP: $STOCK_OVSDB_SERVER or $STOCK_OVSDB_TOOL is not installed"
    exit 77
fi

find_builddir () {
    local d
    for d in "${abs_top_builddir:-}" "$PWD" "$(dirname "$0")/../.."; do
        if [ -n "$d" ] && [ -x "$d/tests/interop/test-ovsdb-idl" ]; then
            (cd "$d" && pwd)
            return 0
        fi
    done
    return 1
}
if ! builddir=$(find_builddir); then
    echo "ERROR: cannot find tests/interop/test-ovsdb-idl (run from the" \
         "top build directory)"
    exit 99
fi
srcdir=${abs_top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
SCHEMA=$srcdir/tests/interop/idltest.ovsschema
IDL=$builddir/tests/interop/test-ovsdb-idl
OUR_OVSDB_SERVER=$builddir/ovsdb/ovsdb-server

dir=$(mktemp -d /tmp/ovstc-idl.XXXXXX) || exit 99
export OVS_RUNDIR=$dir OVS_LOGDIR=$dir OVS_DBDIR=$dir
unset OVS_SYSCONFDIR
SOCK=unix:$dir/db.sock

server_pid=
bg_pids=()

stop_server () {
    local i
    if [ -n "$server_pid" ]; then
        kill -TERM "$server_pid" 2>/dev/null
        for i in $(seq 50); do
            kill -0 "$server_pid" 2>/dev/null || break
            sleep 0.1
        done
        kill -KILL "$server_pid" 2>/dev/null
        server_pid=
    fi
}

cleanup () {
    local pid
    stop_server
    for pid in "${bg_pids[@]}"; do
        kill -KILL "$pid" 2>/dev/null
    done
    rm -rf "$dir"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

n_checks=0
n_failures=0

pass () {
    n_checks=$((n_checks + 1))
    echo "ok: $*"
}

fail () {
    n_checks=$((n_checks + 1))
    n_failures=$((n_failures + 1))
    echo "FAIL: $*"
}

# check_output DESCRIPTION EXPECTED ACTUAL
check_output () {
    if [ "$2" = "$3" ]; then
        pass "$1"
    else
        fail "$1"
        diff -u <(printf '%s\n' "$2") <(printf '%s\n' "$3") | sed 's/^/    /'
    fi
}

# wait_for_file FILE: up to 20 s.
wait_for_file () {
    local i
    for i in $(seq 200); do
        [ -e "$1" ] && return 0
        sleep 0.1
    done
    return 1
}

# start_server SERVER: starts SERVER on $dir/db (detached); sets
# $server_pid.
start_server () {
    rm -f "$dir/server.pid"
    if ! "$1" "$dir/db" --remote="punix:$dir/db.sock" \
         --unixctl="$dir/server.ctl" --pidfile="$dir/server.pid" \
         --detach --no-chdir --log-file="$dir/server.log" \
         2>>"$dir/server.stderr"; then
        return 1
    fi
    server_pid=$(cat "$dir/server.pid" 2>/dev/null)
    [ -n "$server_pid" ] && wait_for_file "$dir/db.sock"
}

new_db () {
    rm -f "$dir/db" "$dir/.db.~lock~"
    "$STOCK_OVSDB_TOOL" create "$dir/db" "$SCHEMA"
}

# idl ARGS...: runs the driver; its output in $out, its log in $dir/idl.err.
idl () {
    out=$(timeout 60 "$IDL" "$@" 2>"$dir/idl.err")
}

run_suite () {
    local server=$1 name=$2 expected

    echo "== $name"
    new_db || { fail "$name: ovsdb-tool create"; return; }
    if ! start_server "$server"; then
        fail "$name: server did not start: $(cat "$dir/server.stderr")"
        return
    fi

    # Inserts with references between new rows, sets, maps, comment.
    idl --all "$SOCK" idltest connect print \
        insert link l '{"name":"L1","targets":["named-uuid","l"]}' \
        insert simple a '{"i":1,"s":"one","ia":["set",[1,2,3]],
                          "ss":["map",[["k","v"]]],"opt":"x",
                          "link":["named-uuid","l"]}' \
        comment "first txn" commit print request
    expected='(empty)
commit: success, l=in-replica, a=in-replica
link #1: name="L1" targets=["uuid","#1"]
simple #2: b=false i=1 ia=["set",[1,2,3]] link=["uuid","#1"] opt="x" r=0.0 s="one" sa=["set",[]] ss=["map",[["k","v"]]] u=["uuid","#zero"]
op: {"op":"insert","row":{"name":"L1","targets":["named-uuid","row*"]},"table":"link","uuid-name":"row*"}
op: {"op":"insert","row":{"i":1,"ia":["set",[1,2,3]],"link":["named-uuid","row*"],"opt":"x","s":"one","ss":["map",[["k","v"]]]},"table":"simple","uuid-name":"row*"}
op: {"comment":"first txn","op":"comment"}'
    check_output "$name: insert" "$expected" "$out"

    # update2 "modify": set and map differences, optional values.
    idl --all "$SOCK" idltest connect \
        update simple i=1 '{"ia":["set",[2,3,4]],"i":5,"opt":"y",
                            "ss":["map",[["k","w"],["k2","z"]]]}' \
        commit print request \
        update simple i=5 '{"opt":["set",[]],"sa":["set",["p","q"]],
                            "ss":["map",[["k2","z"]]]}' commit print \
        update simple i=5 '{"opt":"z","sa":"q"}' commit print
    expected='commit: success
link #1: name="L1" targets=["uuid","#1"]
simple #2: b=false i=5 ia=["set",[2,3,4]] link=["uuid","#1"] opt="y" r=0.0 s="one" sa=["set",[]] ss=["map",[["k","w"],["k2","z"]]] u=["uuid","#zero"]
op: {"op":"update","row":{"i":5,"ia":["set",[2,3,4]],"opt":"y","ss":["map",[["k","w"],["k2","z"]]]},"table":"simple","where":[["_uuid","==",["uuid","#?"]]]}
commit: success
link #1: name="L1" targets=["uuid","#1"]
simple #2: b=false i=5 ia=["set",[2,3,4]] link=["uuid","#1"] opt=["set",[]] r=0.0 s="one" sa=["set",["p","q"]] ss=["map",[["k2","z"]]] u=["uuid","#zero"]
commit: success
link #1: name="L1" targets=["uuid","#1"]
simple #2: b=false i=5 ia=["set",[2,3,4]] link=["uuid","#1"] opt="z" r=0.0 s="one" sa="q" ss=["map",[["k2","z"]]] u=["uuid","#zero"]'
    check_output "$name: modify" "$expected" "$out"

    # Increment, dry run, unchanged, errors.
    idl --all "$SOCK" idltest connect \
        insert counter c '{"name":"c1","n":10}' commit \
        increment counter 'name="c1"' n commit request \
        dry-run insert counter d '{"name":"c2"}' commit request \
        update counter 'name="c1"' '{"n":11}' commit request \
        delete link 'name="L1"' commit \
        update simple i=5 '{"link":["uuid","11111111-2222-3333-4444-555555555555"]}' \
        commit \
        update simple i=5 '{"u":["uuid","11111111-2222-3333-4444-555555555555"]}' \
        delete counter 'name="c1"' commit print
    expected='commit: success, c=in-replica
commit: success, increment=11
op: {"mutations":[["n","+=",1]],"op":"mutate","table":"counter","where":[["_uuid","==",["uuid","#?"]]]}
op: {"columns":["n"],"op":"select","table":"counter","where":[["_uuid","==",["uuid","#?"]]]}
commit: success, d=uuid
op: {"op":"insert","row":{"name":"c2"},"table":"counter","uuid-name":"row*"}
op: {"op":"abort"}
commit: unchanged
commit: unchanged
commit: error (referential integrity violation: Table simple column link row #? references nonexistent row #? in table link.)
commit: success
link #1: name="L1" targets=["uuid","#1"]
simple #2: b=false i=5 ia=["set",[2,3,4]] link=["uuid","#1"] opt="z" r=0.0 s="one" sa="q" ss=["map",[["k2","z"]]] u=["uuid","#?"]'
    check_output "$name: increment, dry run, errors" "$expected" "$out"

    # Monitoring a subset, then widening it.
    idl --column=simple.i --column=simple.s --table=counter "$SOCK" idltest \
        connect print set-column simple.opt connect print
    expected='simple #1: i=5 s="one"
simple #1: i=5 opt="z" s="one"'
    check_output "$name: column subset" "$expected" "$out"

    # Verify: another client changes the verified column before commit.
    rm -f "$dir/pause"
    timeout 60 "$IDL" --all "$SOCK" idltest connect \
        verify simple i=5 s update simple i=5 '{"b":true}' \
        pause "$dir/pause" commit request print >"$dir/verify.out" 2>&1 &
    bg_pids+=($!)
    local vpid=$!
    if wait_for_file "$dir/pause"; then
        idl --all "$SOCK" idltest connect update simple i=5 '{"s":"two"}' \
            commit
        check_output "$name: concurrent update" "commit: success" "$out"
        rm -f "$dir/pause"
    fi
    wait "$vpid"
    expected='commit: try again
op: {"columns":["s"],"op":"wait","rows":[{"s":"one"}],"table":"simple","timeout":0,"until":"==","where":[["_uuid","==",["uuid","#?"]]]}
op: {"op":"update","row":{"b":true},"table":"simple","where":[["_uuid","==",["uuid","#?"]]]}
link #1: name="L1" targets=["uuid","#1"]
simple #2: b=false i=5 ia=["set",[2,3,4]] link=["uuid","#1"] opt="z" r=0.0 s="two" sa="q" ss=["map",[["k2","z"]]] u=["uuid","#?"]'
    check_output "$name: verify fails with try again" "$expected" \
                 "$(cat "$dir/verify.out")"

    # Locks: the second client is contended until the first goes away.
    rm -f "$dir/pause"
    timeout 60 "$IDL" --lock=L "$SOCK" idltest connect wait-lock \
        lock-status pause "$dir/pause" >"$dir/lock1.out" 2>&1 &
    local l1pid=$!
    bg_pids+=($l1pid)
    wait_for_file "$dir/pause"
    timeout 60 "$IDL" --lock=L --table=counter "$SOCK" idltest connect \
        wait-contended lock-status \
        insert counter x '{"name":"x"}' commit \
        pause "$dir/pause2" wait-lock lock-status \
        insert counter x '{"name":"x"}' commit >"$dir/lock2.out" 2>&1 &
    local l2pid=$!
    bg_pids+=($l2pid)
    if wait_for_file "$dir/pause2"; then
        rm -f "$dir/pause"
        wait "$l1pid"
        rm -f "$dir/pause2"
    fi
    wait "$l2pid"
    check_output "$name: first lock holder" "has_lock=true contended=false" \
                 "$(cat "$dir/lock1.out")"
    expected='has_lock=false contended=true
commit: not locked
has_lock=true contended=false
commit: success, x=in-replica'
    check_output "$name: contended lock" "$expected" \
                 "$(cat "$dir/lock2.out")"

    # Reconnection: the server restarts with changed contents while the
    # IDL runs; the IDL reconnects and resynchronises.
    rm -f "$dir/pause"
    timeout 60 "$IDL" --table=counter "$SOCK" idltest connect print \
        pause "$dir/pause" wait-reconnect print \
        insert counter y '{"name":"y"}' commit print \
        >"$dir/reconnect.out" 2>&1 &
    local rpid=$!
    bg_pids+=($rpid)
    if wait_for_file "$dir/pause"; then
        stop_server
        "$STOCK_OVSDB_TOOL" transact "$dir/db" \
            '["idltest",{"op":"update","table":"counter",
                         "where":[["name","==","x"]],"row":{"n":42}}]' \
            >/dev/null
        start_server "$server" || fail "$name: restart"
        rm -f "$dir/pause"
    fi
    wait "$rpid"
    expected='counter #1: n=0 name="x"
counter #1: n=42 name="x"
commit: success, y=in-replica
counter #1: n=0 name="y"
counter #2: n=42 name="x"'
    check_output "$name: reconnect" "$expected" "$(cat "$dir/reconnect.out")"

    # An unknown database and a missing server: errors, and max tries.
    idl --max-tries=2 "$SOCK" nosuchdb wait-dead
    check_output "$name: unknown database" "gave up: Protocol error" "$out"
    idl --max-tries=2 "unix:$dir/nosuch.sock" idltest wait-dead
    check_output "$name: no server" "gave up: No such file or directory" \
                 "$out"

    # A 10,000-row table: load time and memory, reported on stderr.
    local start=$(date +%s%N)
    idl --table=simple "$SOCK" idltest connect bulk-insert simple 10000 \
        commit
    check_output "$name: 10,000-row insert" "commit: success" "$out"
    echo "    10,000-row insert transaction: $(( ($(date +%s%N) - start)
                                                / 1000000 )) ms"
    idl "$SOCK" idltest measure-load simple
    sed 's/^/    /' "$dir/idl.err"
    check_output "$name: 10,000-row load" "measure-load: 10001 rows" "$out"
    stop_server
}

run_suite "$STOCK_OVSDB_SERVER" "stock ovsdb-server"
if [ -x "$OUR_OVSDB_SERVER" ]; then
    run_suite "$OUR_OVSDB_SERVER" "our ovsdb-server"
else
    echo "(our ovsdb-server is not built: only the stock one was tested)"
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
