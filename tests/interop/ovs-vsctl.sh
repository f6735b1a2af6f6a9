#!/bin/bash
#
# Copyright (c) 2026 The ovs-tc authors.
# Licensed under the Apache License, Version 2.0.
#
# Our ovs-vsctl against an ovsdb-server holding the vswitch schema, compared
# with the stock ovs-vsctl on the same database:
#   - every bridge, port, interface and database command round-trips, and
#     error messages and exit codes are the stock ones;
#   - the output of show, list, find and get in every --format and --data
#     is byte for byte the stock output for the same state (multi-record
#     listings are compared record by record, since the order of records
#     is a hash order in the stock tool);
#   - a chain of 15 commands is one transaction (one ovsdb log record, one
#     next_cfg step), and a chain with a failing command changes nothing;
#   - controller, fail-mode, manager and bond commands;
#   - chains of 100 and 1,000 add-port commands (the bridge cache stays
#     valid while a command writes) succeed, the latter in under 10 s;
#   - without --no-wait ovs-vsctl waits for cur_cfg to reach next_cfg (a
#     loop stands in for ovs-vswitchd), and --timeout ends it with
#     SIGALRM's status 142 when nobody answers.
#
# The servers: the stock /usr/sbin/ovsdb-server with the stock schema, and
# ours ($builddir/ovsdb/ovsdb-server) when it is built, with the stock
# schema and with ours (vswitchd/vswitch.ovsschema); OVSDB_SERVERS (a space
# separated list of paths, each run with the stock schema) overrides the
# choice.
#
# Exit status: 0 pass, 1 fail, 77 skip (no stock Open vSwitch), 99 setup
# error.  Run by "make check" from the top of the build tree.

set -u

STOCK_VSCTL=/usr/bin/ovs-vsctl
STOCK_SERVER=/usr/sbin/ovsdb-server
STOCK_TOOL=/usr/bin/ovsdb-tool
STOCK_SCHEMA=/usr/share/openvswitch/vswitch.ovsschema

for prog in "$STOCK_VSCTL" "$STOCK_SERVER" "$STOCK_TOOL"; do
    if [ ! -x "$prog" ]; then
        echo "SKIP: $prog is not installed"
        exit 77
    fi
done
if [ ! -e "$STOCK_SCHEMA" ]; then
    echo "ERROR: $STOCK_SCHEMA is missing although $STOCK_VSCTL is installed"
    exit 99
fi

find_builddir () {
    local d
    for d in "${abs_top_builddir:-}" "$PWD" "$(dirname "$0")/../.."; do
        if [ -n "$d" ] && [ -x "$d/utilities/ovs-vsctl" ]; then
            (cd "$d" && pwd)
            return 0
        fi
    done
    return 1
}
if ! builddir=$(find_builddir); then
    echo "ERROR: cannot find the built utilities/ovs-vsctl" \
         "(run from the top build directory)"
    exit 99
fi
OUR_VSCTL=$builddir/utilities/ovs-vsctl

# Runs: SERVER:SCHEMA pairs.  The stock server with the stock schema; ours
# (once built) with the stock schema and with our own schema.
our_schema=$(cd "$(dirname "$0")/../.." && pwd)/vswitchd/vswitch.ovsschema
if [ -n "${OVSDB_SERVERS:-}" ]; then
    runs=
    for s in $OVSDB_SERVERS; do
        runs="$runs $s:$STOCK_SCHEMA"
    done
else
    runs=$STOCK_SERVER:$STOCK_SCHEMA
    if [ -x "$builddir/ovsdb/ovsdb-server" ]; then
        runs="$runs $builddir/ovsdb/ovsdb-server:$STOCK_SCHEMA"
        if [ -e "$our_schema" ]; then
            runs="$runs $builddir/ovsdb/ovsdb-server:$our_schema"
        fi
    fi
fi

# Each run has its own directory $topdir/N (in $dir) and runs in its own
# subshell, all at the same time.
topdir=$(mktemp -d /tmp/ovstc-vsctl.XXXXXX) || exit 99
dir=
run_pids=
server_pid=
emulator_pid=
cleanup_run () {
    [ -n "$emulator_pid" ] && kill "$emulator_pid" 2>/dev/null
    [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null
    wait 2>/dev/null
}
cleanup () {
    local pid
    for pid in $run_pids; do
        kill "$pid" 2>/dev/null
    done
    wait 2>/dev/null
    rm -rf "$topdir"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

n_failures=0
n_checks=0
setup_error=
pass () { n_checks=$((n_checks + 1)); }
fail () {
    n_checks=$((n_checks + 1))
    n_failures=$((n_failures + 1))
    echo "FAIL: $*"
}
check_eq () {
    if [ "$2" = "$3" ]; then
        pass
    else
        fail "$1: expected [$2], got [$3]"
    fi
}

# start_server SERVER SCHEMA: a fresh database and server in $dir/run.
start_server () {
    rm -rf "$dir/run"
    mkdir -p "$dir/run"
    export OVS_RUNDIR=$dir/run OVS_LOGDIR=$dir/run OVS_DBDIR=$dir/run
    if ! "$STOCK_TOOL" create "$dir/run/conf.db" "$2"; then
        touch "$dir/setup-error"
        exit 99
    fi
    "$1" "$dir/run/conf.db" --remote="punix:$dir/run/db.sock" \
        --unixctl="$dir/run/ovsdb-server.ctl" \
        --log-file="$dir/run/ovsdb-server.log" > /dev/null 2>&1 &
    server_pid=$!
    local i
    for i in $(seq 100); do
        [ -S "$dir/run/db.sock" ] && return 0
        sleep 0.05
    done
    echo "ERROR: $1 did not create its socket"
    touch "$dir/setup-error"
    exit 99
}

stop_server () {
    stop_emulator
    kill "$server_pid" 2>/dev/null
    wait "$server_pid" 2>/dev/null
    server_pid=
}

# ovs-vswitchd's part in the next_cfg protocol: copy next_cfg to cur_cfg.
start_emulator () {
    (
        while :; do
            n=$("$OUR_VSCTL" --db="$DB" --no-wait get Open_vSwitch . \
                next_cfg 2>/dev/null) \
                && "$OUR_VSCTL" --db="$DB" --no-wait set Open_vSwitch . \
                   cur_cfg="$n" 2>/dev/null
            sleep 0.05
        done
    ) &
    emulator_pid=$!
}
stop_emulator () {
    if [ -n "$emulator_pid" ]; then
        kill "$emulator_pid" 2>/dev/null
        wait "$emulator_pid" 2>/dev/null
        emulator_pid=
    fi
}

O () { "$OUR_VSCTL" --db="$DB" "$@"; }
S () { "$STOCK_VSCTL" --db="$DB" "$@"; }

# read_file VAR FILE: VAR=$(cat FILE) without forking.
read_file () {
    IFS= read -r -d '' "$1" < "$2"
    printf -v "$1" '%s' "${!1%"${!1##*[!$'\n']}"}"
}
# read_log VAR FILE: like read_file, without the time and sequence number
# that start log lines.
read_log () {
    local line out= re='^[0-9TZ:.-]*\|[0-9]*\|(.*)$'
    while IFS= read -r line || [ -n "$line" ]; do
        [[ $line =~ $re ]] && line=${BASH_REMATCH[1]}
        out+=$line$'\n'
    done < "$2"
    printf -v "$1" '%s' "${out%"${out##*[!$'\n']}"}"
}

# same CMD...: our and stock output, stderr and status agree.  Commands
# that may write (all of them start with --no-wait here) run one after the
# other, ours first; the others run at the same time.
same () {
    local o_out o_err o_rc s_out s_err s_rc pid
    if [ "$1" = --no-wait ]; then
        O "$@" > "$dir/o.out" 2> "$dir/o.err"; o_rc=$?
        S "$@" > "$dir/s.out" 2> "$dir/s.err"; s_rc=$?
    else
        O "$@" > "$dir/o.out" 2> "$dir/o.err" &
        pid=$!
        S "$@" > "$dir/s.out" 2> "$dir/s.err"; s_rc=$?
        wait "$pid"; o_rc=$?
    fi
    read_file o_out "$dir/o.out"
    read_file s_out "$dir/s.out"
    read_log o_err "$dir/o.err"
    read_log s_err "$dir/s.err"
    check_eq "[$*] status" "$s_rc" "$o_rc"
    check_eq "[$*] stdout" "$s_out" "$o_out"
    check_eq "[$*] stderr" "$s_err" "$o_err"
}

# same_records CMD...: like same, comparing the records of list-format
# output as a sorted set.
same_records () {
    local o s
    O "$@" > "$dir/o.out" &
    S "$@" > "$dir/s.out"
    wait $!
    o=$(awk -v RS= '{gsub(/\n/, "\\n"); print}' "$dir/o.out" | sort)
    s=$(awk -v RS= '{gsub(/\n/, "\\n"); print}' "$dir/s.out" | sort)
    check_eq "[$*] records" "$s" "$o"
}
# same_lines CMD...: compares output lines as a sorted set (table, csv).
same_lines () {
    local o s
    O "$@" > "$dir/o.out" &
    S "$@" > "$dir/s.out"
    wait $!
    o=$(sort "$dir/o.out")
    s=$(sort "$dir/s.out")
    check_eq "[$*] lines" "$s" "$o"
}

run_round_trips () {
    check_eq "init" "0" "$(O --no-wait init; echo $?)"
    check_eq "add-br" "0" "$(O --no-wait add-br br0; echo $?)"
    check_eq "br-exists br0" "0" "$(O br-exists br0; echo $?)"
    check_eq "br-exists br9" "2" "$(O br-exists br9; echo $?)"
    check_eq "add fake bridge" "0" \
        "$(O --no-wait add-br vlan10 br0 10; echo $?)"
    check_eq "br-to-vlan" "10" "$(O br-to-vlan vlan10)"
    check_eq "br-to-parent" "br0" "$(O br-to-parent vlan10)"
    check_eq "br-to-vlan real" "0" "$(O br-to-vlan br0)"
    check_eq "add-port" "0" "$(O --no-wait add-port br0 p1 \
        -- set Interface p1 type=vxlan options:remote_ip=10.0.0.2; echo $?)"
    check_eq "add-port fake" "0" "$(O --no-wait add-port vlan10 p2; echo $?)"
    check_eq "add-port with column" "0" \
        "$(O --no-wait add-port br0 p3 tag=7 other_config:a=b; echo $?)"
    check_eq "port tag from fake bridge" "10" "$(S get Port p2 tag)"
    check_eq "port settings" "7 {a=b}" \
        "$(S get Port p3 tag other_config | tr '\n' ' ' | sed 's/ $//')"
    check_eq "set Open_vSwitch" "0" "$(O --no-wait set Open_vSwitch . \
        other_config:hw-offload=true; echo $?)"
    check_eq "stock sees other_config" '"true"' \
        "$(S get Open_vSwitch . other_config:hw-offload)"
    check_eq "list-br" "br0 vlan10" "$(O list-br | tr '\n' ' ' | sed 's/ $//')"
    check_eq "list-ports" "p1 p3" "$(O list-ports br0 | tr '\n' ' ' \
        | sed 's/ $//')"
    check_eq "list-ports fake" "p2" "$(O list-ports vlan10)"
    check_eq "list-ifaces" "p1 p3" "$(O list-ifaces br0 | tr '\n' ' ' \
        | sed 's/ $//')"
    check_eq "port-to-br" "vlan10" "$(O port-to-br p2)"
    check_eq "iface-to-br" "br0" "$(O iface-to-br p1)"
    check_eq "get options" '{remote_ip="10.0.0.2"}' \
        "$(O get Interface p1 options)"
    O --no-wait add Port p3 trunks 1 2-4
    check_eq "add" "[1, 2, 3, 4]" "$(S get Port p3 trunks)"
    O --no-wait remove Port p3 trunks 2 4
    check_eq "remove" "[1, 3]" "$(S get Port p3 trunks)"
    O --no-wait add Interface p1 options key=5 local_ip=10.0.0.1
    O --no-wait remove Interface p1 options key local_ip=10.0.0.9
    check_eq "map add/remove" '{local_ip="10.0.0.1", remote_ip="10.0.0.2"}' \
        "$(S get Interface p1 options)"
    O --no-wait clear Port p3 trunks
    check_eq "clear" "[]" "$(S get Port p3 trunks)"
    check_eq "create with --id" "0" "$(O --no-wait \
        -- --id=@m create Mirror name=m1 select_all=true \
        -- add Bridge br0 mirrors @m > /dev/null; echo $?)"
    check_eq "created mirror" "m1" "$(S get Mirror m1 name)"
    O --no-wait -- --id=@p get Port p1 \
        -- --id=@m create Mirror name=m2 select_src_port=@p \
        -- add Bridge br0 mirrors @m > /dev/null
    check_eq "get --id" "[$(S get Port p1 _uuid)]" \
        "$(S get Mirror m2 select_src_port)"
    O --no-wait -- --id=@m get Mirror m2 -- remove Bridge br0 mirrors @m
    check_eq "find" "p1" "$(O --bare --columns=name find Interface \
        type=vxlan)"
    check_eq "find map key" "p1" "$(O --bare --columns=name find Interface \
        options:remote_ip=10.0.0.2)"
    check_eq "wait-until satisfied" "0" \
        "$(O wait-until Interface p1 type=vxlan; echo $?)"
    check_eq "destroy" "0" "$(O --no-wait -- remove Bridge br0 mirrors \
        "$(S get Mirror m1 _uuid)" -- destroy Mirror m1; echo $?)"
    check_eq "destroyed" "" "$(S --bare --columns=name list Mirror)"
    check_eq "del-port" "0" "$(O --no-wait del-port br0 p3; echo $?)"
    check_eq "del-port gone" "1" "$(S port-to-br p3 2>/dev/null; echo $?)"
    check_eq "del-port without bridge" "0" "$(O --no-wait del-port p2; \
        echo $?)"
    check_eq "del-br fake" "0" "$(O --no-wait del-br vlan10; echo $?)"
    check_eq "list-br after" "br0" "$(S list-br)"
}

run_errors () {
    same --no-wait del-br br9
    same br-exists br9
    same --no-wait add-br br0
    same --no-wait add-port br0 p1
    same --no-wait del-port br0 p9
    same port-to-br p9
    same get Bridge br9 name
    same get Bridge br0 nosuch
    same get Interface p1 options:nokey
    same --if-exists get Interface p1 options:nokey
    same --no-wait set Bridge br0 stp_enable=maybe
    same --no-wait set Port p1 tag=5000
    same --no-wait set Bridge br0 fail_mode=bogus
    same --no-wait set Port p1 trunks=[1,2
    same --no-wait set Port p1 tag=[1,2]
    same --no-wait set Interface p1 options:a
    same --no-wait set Interface p1 'options={a=b,a=c}'
    same --no-wait set Interface p1 name=x
    same --no-wait set Port p1 trunks=3,3
    same list nosuch
    same nosuchcmd
    same add-br
    same list-br extra
    same --no-wait --may-exist add-br br0
    same --no-wait --if-exists del-br br9
    same get Port p1 tag:x
    same --no-wait clear Bridge br0 name
}

run_outputs () {
    O --no-wait set Port p1 tag=5 trunks=1,2 -- set Interface p1 \
        'external_ids:q="a,b \"x\""' error=oops bfd_status:x=y
    same show
    same list Interface p1
    same list Open_vSwitch
    same get Open_vSwitch . other_config
    same get Interface p1 name type options:remote_ip
    same --oneline list-br -- list-ports br0 -- get Interface p1 external_ids
    local f d
    for f in list table csv html json; do
        for d in string bare json; do
            # Several tables (one empty) and text in one output.
            same --format=$f --data=$d \
                -- --columns=name,tag,trunks,interfaces list Port p1 \
                -- list Interface p1 -- get Port p1 tag \
                -- --columns=name find Port name=nosuch \
                -- --columns=name,tag list Port p1
            same --format=$f --data=$d --no-headings \
                --columns=_uuid,name,external_ids list Interface p1
        done
    done
    same --format=json --pretty list Interface p1
    same --bare --columns=external_ids,options list Interface p1
    same_records list Port
    same_records list Interface
    same_lines --format=csv list Bridge

    # State made by the stock tool: controller, manager, VLAN bridge, bond.
    S --no-wait set-controller br0 tcp:192.0.2.1:6653 \
        -- set-manager ptcp:6640 -- add-br fk br0 5 \
        -- add-bond br0 bond0 a b -- set Controller br0 is_connected=true \
        -- set Bridge br0 fail_mode=secure datapath_type=netdev \
        -- set Open_vSwitch . ovs_version=3.1.0
    same show
    same list-br
    same list-ports br0
    same list-ports fk
    same list-ifaces br0
    same port-to-br p1
    same iface-to-br a
    same get Controller br0 target
    same list Manager
    same_records --columns=name,tag find Port 'tag<6'
    same_records --columns=name find Port 'trunks{in}[1,2,3]'
    same --no-wait del-port br0 p1

    # emer-reset leaves bridges, ports and interfaces only.
    O --no-wait emer-reset
    check_eq "emer-reset status" "0" "$?"
    check_eq "emer-reset fail_mode" "[]" "$(S get Bridge br0 fail_mode)"
    check_eq "emer-reset controller" "" "$(S --bare list Controller)"
    check_eq "emer-reset manager" "" "$(S --bare list Manager)"
    check_eq "emer-reset keeps ports" "bond0" "$(S list-ports br0)"
    check_eq "emer-reset keeps VLAN bridges" "p1" "$(S list-ports fk)"
    O --no-wait del-br fk -- del-port bond0
}

# A chain of 15 commands is one transaction; a failing one rolls back all.
run_chain () {
    local before after
    before=$("$STOCK_TOOL" show-log "$dir/run/conf.db" | grep -c '^record')
    O --no-wait add-br c0 -- add-br c1 -- add-port c0 c0p1 \
        -- add-port c0 c0p2 -- add-port c1 c1p1 \
        -- set Interface c0p1 type=vxlan options:remote_ip=10.0.0.3 \
        -- set Bridge c0 fail_mode=secure -- set Bridge c1 stp_enable=true \
        -- add Port c1p1 trunks 10 -- set Port c0p2 tag=3 \
        -- set Open_vSwitch . external_ids:chain=1 \
        -- add-br c2 -- add-port c2 c2p1 -- del-port c0 c0p2 \
        -- set Interface c2p1 mtu_request=1400
    check_eq "15-command chain status" "0" "$?"
    after=$("$STOCK_TOOL" show-log "$dir/run/conf.db" | grep -c '^record')
    check_eq "15-command chain is one log record" "$((before + 1))" "$after"
    check_eq "chain result" "c0 c1 c2" \
        "$(S list-br | grep '^c' | tr '\n' ' ' | sed 's/ $//')"
    check_eq "chain ports" "c0p1" "$(S list-ports c0)"

    local err
    err=$(O --no-wait add-br d0 -- add-br d1 -- add-port d0 d0p1 \
        -- add-port d0 d0p2 -- add-port d1 d1p1 \
        -- set Interface d0p1 type=vxlan -- set Bridge d0 fail_mode=secure \
        -- set Bridge d1 stp_enable=true -- add Port d1p1 trunks 10 \
        -- set Port d0p2 tag=3 -- set Open_vSwitch . external_ids:chain=2 \
        -- add-br d2 -- add-port d2 d2p1 -- set Interface d2p1 type=patch \
        -- add-port d9 d9p1 2>&1)
    check_eq "failing chain status" "1" "$?"
    check_eq "failing chain message" "ovs-vsctl: no bridge named d9" "$err"
    check_eq "failing chain left nothing" "" \
        "$(S list-br | grep '^d')"
    check_eq "failing chain left other_config" '"1"' \
        "$(S get Open_vSwitch . external_ids:chain)"
    after=$("$STOCK_TOOL" show-log "$dir/run/conf.db" | grep -c '^record')
    check_eq "failing chain wrote no record" "$((before + 1))" "$after"

    # A failure found by the server (Open_vSwitch has maxRows 1).
    err=$(O --no-wait add-br e0 -- create Open_vSwitch next_cfg=0 2>&1)
    check_eq "server-refused chain status" "1" "$?"
    case $err in
        "ovs-vsctl: transaction error: {"*constraint\ violation*) pass ;;
        *) fail "server-refused chain message: $err" ;;
    esac
    check_eq "server-refused chain left nothing" "" "$(S list-br | grep e0)"
}

# Controllers, fail mode and managers.
run_controllers () {
    local out
    O --no-wait add-br cv br0 20
    check_eq "set-controller" "0" "$(O --no-wait set-controller br0 \
        tcp:192.0.2.1:6653 ptcp:6653 tcp:192.0.2.1:6653; echo $?)"
    check_eq "stock get-controller" \
        "ptcp:6653 tcp:192.0.2.1:6653 tcp:192.0.2.1:6653" \
        "$(S get-controller br0 | tr '\n' ' ' | sed 's/ $//')"
    same get-controller br0
    same get-controller cv
    same --no-wait set-controller cv tcp:192.0.2.3
    same --no-wait del-controller cv
    same --no-wait set-controller br9 tcp:192.0.2.3
    same get-controller br9
    same --no-wait del-controller br9
    same set-controller
    same get-controller
    same get-controller br0 cv
    O --no-wait set-controller br0 unix:/tmp/x
    check_eq "set-controller replaces" "unix:/tmp/x" \
        "$(S --bare --columns=target list Controller)"
    O --no-wait del-controller br0
    check_eq "del-controller" "" "$(S get-controller br0)"
    check_eq "del-controller rows" "" "$(S --bare list Controller)"
    same get-controller br0

    same --no-wait set-fail-mode br0 bogus
    same --no-wait set-fail-mode br9 bogus
    same --no-wait set-fail-mode cv secure
    same --no-wait set-fail-mode br0
    same --no-wait set-fail-mode br0 secure extra
    same get-fail-mode br0
    O --no-wait set-fail-mode br0 secure
    check_eq "set-fail-mode" "secure" "$(S get Bridge br0 fail_mode)"
    same get-fail-mode br0
    same get-fail-mode cv
    same --no-wait del-fail-mode cv
    O --no-wait del-fail-mode br0
    check_eq "del-fail-mode" "[]" "$(S get Bridge br0 fail_mode)"
    same --no-wait set-fail-mode br0 standalone
    check_eq "set-fail-mode standalone" "standalone" \
        "$(S get Bridge br0 fail_mode)"
    same get-fail-mode br9
    same --no-wait del-fail-mode br9

    same get-manager
    O --no-wait set-manager ptcp:6640 tcp:192.0.2.2:6640
    check_eq "set-manager" "ptcp:6640 tcp:192.0.2.2:6640" \
        "$(S get-manager | tr '\n' ' ' | sed 's/ $//')"
    check_eq "manager_options" "2" \
        "$(S get Open_vSwitch . manager_options | tr ',' '\n' | grep -c .)"
    same get-manager
    O --no-wait set-manager ptcp:6641
    check_eq "set-manager replaces" "ptcp:6641" \
        "$(S --bare --columns=target list Manager)"
    same set-manager
    same get-manager x
    same --no-wait del-manager x
    O --no-wait del-manager
    check_eq "del-manager" "" "$(S get-manager)"
    check_eq "del-manager rows" "" "$(S --bare list Manager)"

    out=$(O --no-wait set-controller br0 tcp:192.0.2.9 \
        -- set-fail-mode br0 secure -- set-manager ptcp:6642 \
        -- get-controller br0 -- get-fail-mode br0 -- get-manager)
    check_eq "controller chain" "tcp:192.0.2.9 secure ptcp:6642" \
        "$(echo $out)"
    same --oneline get-controller br0 -- get-fail-mode br0 -- get-manager
    same show
    O --no-wait del-controller br0 -- del-fail-mode br0 -- del-manager \
        -- del-br cv
    check_eq "controller cleanup" "[] [] []" "$(echo $(S get Bridge br0 \
        controller fail_mode -- get Open_vSwitch . manager_options))"
}

# Bonds, and read-only columns of rows the chain creates.
run_bonds () {
    O --no-wait add-br bb0 -- add-br bbv bb0 30
    check_eq "add-bond" "0" "$(O --no-wait add-bond bb0 bd1 e1 e2 e3 \
        tag=4 other_config:k=v; echo $?)"
    check_eq "bond interfaces" "e1 e2 e3" "$(echo $(S list-ifaces bb0))"
    check_eq "bond port" "bd1" "$(S list-ports bb0)"
    check_eq "bond settings" "4 {k=v} false" \
        "$(echo $(S get Port bd1 tag other_config bond_fake_iface))"
    O --no-wait --fake-iface add-bond bbv bd2 e4 e5
    check_eq "--fake-iface" "true" "$(S get Port bd2 bond_fake_iface)"
    check_eq "bond on fake bridge" "30" "$(S get Port bd2 tag)"
    same port-to-br bd2
    same iface-to-br e5
    same list-ifaces bb0
    same list-ifaces bbv
    same --no-wait add-bond bb0 bd3 e6
    same --no-wait add-bond bb0 bd3 e6 tag=1
    same --no-wait add-bond bb9 bd3 e6 tag=1
    same --no-wait add-bond bb0 bd3 e6 e1
    same --no-wait add-bond bb0 bd3 e6 bb0
    same --no-wait add-bond bb9 bd3 e6 e7
    same --no-wait add-bond bb9 bd1 e6 e7
    same --no-wait add-bond bb0 bd1 e8 e9
    same --no-wait add-bond bb0 bd3 e6 e7 tag=1 nosuch
    same --no-wait add-bond bb0 bd3 e6 e7 tag=99999
    same --no-wait --may-exist add-bond bb0 bd1 e3 e1 e2
    same --no-wait --may-exist add-bond bb0 bd1 e1 e2
    same --no-wait --may-exist add-bond bbv bd1 e1 e2 e3 tag=5
    same --no-wait --may-exist add-bond bb9 bd1 e1 e2 e3
    same --no-wait --may-exist add-port bb0 bd1
    same --no-wait --may-exist add-port bb0 bd2 tag=3
    same --no-wait --may-exist add-port bb0 e1
    same --no-wait --fake-iface add-port bb0 x
    check_eq "bonds unchanged" "bd1 bd2" "$(echo $(S list-ports bb0) \
        $(S list-ports bbv))"

    # Read-only columns (Port and Interface names) may be set in rows the
    # chain creates, and only there.
    O --no-wait -- --id=@i create Interface name=ci \
        -- --id=@p create Port name=cp interfaces=@i \
        -- add Bridge bb0 ports @p > /dev/null
    check_eq "create with read-only column" "bb0" "$(S iface-to-br ci)"
    O --no-wait add-port bb0 cq name=cq2
    check_eq "add-port setting a read-only column" "bb0" "$(S port-to-br cq2)"
    same --no-wait set Port cp name=cp2
    O --no-wait del-br bb0
}

# Long chains: every command uses the bridge cache after earlier commands
# (and itself) wrote to the database.
run_long_chain () {
    local args i out start end
    args=()
    for i in $(seq 100); do
        args+=(-- add-port lc0 lc0p$i)
    done
    O --no-wait add-br lc0 "${args[@]}"
    check_eq "100 add-port chain status" "0" "$?"
    check_eq "100 add-port chain ports" "100" "$(S list-ports lc0 | wc -l)"
    check_eq "100 add-port chain interfaces" "100" \
        "$(O list-ifaces lc0 | wc -l)"

    args=()
    for i in $(seq 40); do
        args+=(-- add-port lcv lcv$i -- add-bond lc1 lcb$i lcb${i}a lcb${i}b
               -- --may-exist add-port lcv lcv$i -- port-to-br lcv$i
               -- set-controller lc1 tcp:192.0.2.$i)
    done
    out=$(O --no-wait add-br lc1 -- add-br lcv lc1 8 "${args[@]}" \
        -- del-port lc1 lcb7 -- --with-iface del-port lcb8a \
        -- list-ports lc1)
    check_eq "mixed chain port-to-br" "40" "$(echo "$out" | grep -c '^lcv$')"
    check_eq "mixed chain list-ports" "38" "$(echo "$out" | grep -c '^lcb')"
    check_eq "mixed chain ports" "38 40" \
        "$(echo $(S list-ports lc1 | wc -l) $(S list-ports lcv | wc -l))"
    check_eq "mixed chain tags" "8" \
        "$(S get Port lcv40 tag)"
    check_eq "mixed chain controller" "tcp:192.0.2.40" \
        "$(S get-controller lcv)"

    args=()
    for i in $(seq 1000); do
        args+=(-- add-port lc2 lc2p$i)
    done
    # Correctness only: the time a long chain takes belongs to
    # "make bench-ovsdb", not to a test.
    O --no-wait add-br lc2 "${args[@]}"
    check_eq "1000 add-port chain status" "0" "$?"
    check_eq "1000 add-port chain ports" "1000" "$(S list-ports lc2 | wc -l)"
    O --no-wait del-br lc0 -- del-br lc1 -- del-br lc2
    check_eq "long chains deleted" "" "$(S list-br | grep '^lc')"
}

# next_cfg and cur_cfg.
run_wait () {
    local next before
    before=$(S get Open_vSwitch . next_cfg)
    start_emulator
    O add-br w0 -- add-port w0 w0p1 -- set Port w0p1 tag=9
    check_eq "waiting add-br status" "0" "$?"
    next=$(S get Open_vSwitch . next_cfg)
    check_eq "one next_cfg step" "$((before + 1))" "$next"
    check_eq "cur_cfg reached" "$next" "$(S get Open_vSwitch . cur_cfg)"
    O --may-exist add-br w0
    check_eq "no step when nothing changes" "$next" \
        "$(S get Open_vSwitch . next_cfg)"
    stop_emulator

    local o_err s_err o_rc s_rc pid
    O -t 1 add-br w1 2> "$dir/o.err" &
    pid=$!
    S -t 1 add-br w2 2> "$dir/s.err"; s_rc=$?
    wait "$pid"; o_rc=$?
    check_eq "timeout status" "$s_rc" "$o_rc"
    check_eq "timeout message" \
        "$(grep fatal_signal "$dir/s.err" | sed 's/^[0-9TZ:.-]*|[0-9]*|//')" \
        "$(grep fatal_signal "$dir/o.err" | sed 's/^[0-9TZ:.-]*|[0-9]*|//')"
    check_eq "timed-out change committed" "0" "$(S br-exists w1; echo $?)"
    # wait-until blocks until the condition holds.
    local wpid
    O wait-until Bridge w0 other_config:k=v -- get Bridge w0 name \
        > "$dir/wait.out" &
    wpid=$!
    O --no-wait set Bridge w0 other_config:k=x
    if kill -0 "$wpid" 2>/dev/null; then pass; else
        fail "wait-until returned before its condition held"; fi
    O --no-wait set Bridge w0 other_config:k=v
    wait "$wpid"
    check_eq "wait-until status" "0" "$?"
    check_eq "wait-until output" "w0" "$(cat "$dir/wait.out")"

    check_eq "del-br" "0" "$(O --no-wait del-br w0; echo $?)"
    check_eq "del-br gone" "2" "$(S br-exists w0; echo $?)"
}

# run_all SERVER SCHEMA: every check against one server, in $dir.
run_all () {
    trap cleanup_run EXIT
    trap 'exit 1' INT TERM HUP
    start_server "$1" "$2"
    DB=unix:$dir/run/db.sock
    run_round_trips
    run_errors
    run_outputs
    run_chain
    run_controllers
    run_bonds
    run_long_chain
    run_wait
    stop_server
    echo "$n_checks $n_failures" > "$dir/result"
}

n=0
for run in $runs; do
    n=$((n + 1))
    dir=$topdir/$n
    mkdir -p "$dir"
    (run_all "${run%%:*}" "${run#*:}") > "$dir/log" 2>&1 &
    run_pids="$run_pids $!"
done
wait $run_pids
run_pids=
n=0
for run in $runs; do
    n=$((n + 1))
    dir=$topdir/$n
    echo "== against ${run%%:*} with ${run#*:}"
    cat "$dir/log"
    if [ -e "$dir/setup-error" ]; then
        setup_error=true
    elif [ -s "$dir/result" ]; then
        read -r c f < "$dir/result"
        n_checks=$((n_checks + c))
        n_failures=$((n_failures + f))
    else
        fail "the run against ${run%%:*} with ${run#*:} did not finish"
    fi
done

echo "$((n_checks - n_failures))/$n_checks checks passed"
if [ -n "${setup_error:-}" ]; then
    exit 99
fi
[ "$n_failures" -eq 0 ]
