#!/bin/bash
#
# Copyright (c) 2026 The ovs-tc authors.
# Licensed under the Apache License, Version 2.0.
#
# Our vswitchd/vswitch.ovsschema against the stock Open vSwitch clients:
#   - our ovsdb-tool creates a database from it, which stock ovsdb-tool
#     reads;
#   - a stock ovsdb-server serves that database, and stock ovs-vsctl runs
#     init, add-br, add-port with a tunnel, other_config settings, show,
#     list of every table, del-br and emer-reset against it, with the
#     values checked and nothing at all on stderr (the stock IDL warns about
#     every table or column its schema has and ours lacks);
#   - del-br leaves no Port or Interface behind (strong references from a
#     non-root table), while root tables keep unreferenced rows;
#   - the schema's "cksum" matches its text, and its manual
#     (vswitchd/ovs-vswitchd.conf.db.5) has an entry for every table and
#     column the server reports.
#
# The server is the stock one unless OVSDB_SERVER names another (our
# ovsdb/ovsdb-server, say), and the client stock ovs-vsctl unless OVS_VSCTL
# names another: the same checks then hold for them.
#
# Exit status: 0 pass, 1 fail, 77 skip (stock programs missing), 99 setup
# error.  Run by "make check" from the top of the build tree.

set -u

SERVER=${OVSDB_SERVER:-/usr/sbin/ovsdb-server}
VSCTL=${OVS_VSCTL:-/usr/bin/ovs-vsctl}
STOCK_TOOL=/usr/bin/ovsdb-tool

for prog in "$SERVER" "$VSCTL" "$STOCK_TOOL"; do
    if [ ! -x "$prog" ]; then
        echo "SKIP: $prog is not installed"
        exit 77
    fi
done

find_builddir () {
    local d
    for d in "${abs_top_builddir:-}" "$PWD" "$(dirname "$0")/../.."; do
        if [ -n "$d" ] && [ -x "$d/ovsdb/ovsdb-tool" ]; then
            (cd "$d" && pwd)
            return 0
        fi
    done
    return 1
}
if ! builddir=$(find_builddir); then
    echo "ERROR: cannot find the built ovsdb/ovsdb-tool" \
         "(run from the top build directory)"
    exit 99
fi
srcdir=${abs_top_srcdir:-${srcdir:-$(dirname "$0")/../..}}
SCHEMA=$srcdir/vswitchd/vswitch.ovsschema
if [ ! -r "$SCHEMA" ]; then
    echo "ERROR: cannot read $SCHEMA"
    exit 99
fi
OUR_TOOL=$builddir/ovsdb/ovsdb-tool
MANPAGE=$srcdir/vswitchd/ovs-vswitchd.conf.db.5

dir=$(mktemp -d /tmp/ovstc-vswschema.XXXXXX) || exit 99
export OVS_RUNDIR=$dir OVS_DBDIR=$dir OVS_LOGDIR=$dir
cleanup () {
    if [ -e "$dir/ovsdb-server.pid" ]; then
        kill "$(cat "$dir/ovsdb-server.pid")" 2>/dev/null
    fi
    rm -rf "$dir"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

n_failures=0
n_checks=0
pass () { n_checks=$((n_checks + 1)); echo "ok: $*"; }
fail () {
    n_checks=$((n_checks + 1))
    n_failures=$((n_failures + 1))
    echo "FAIL: $*"
}
check_eq () {
    if [ "$2" = "$3" ]; then
        pass "$1"
    else
        fail "$1: expected [$2], got [$3]"
    fi
}

# The schema's checksum is that of its text without the "cksum" line, as
# POSIX cksum(1) computes it.
want=$(sed '/"cksum":/d' "$SCHEMA" | cksum)
check_eq "schema cksum matches its text" "$want" \
    "$("$OUR_TOOL" schema-cksum "$SCHEMA")"

# Our ovsdb-tool creates the database; stock ovsdb-tool reads it.
if ! "$OUR_TOOL" create "$dir/conf.db" "$SCHEMA"; then
    echo "FAIL: our ovsdb-tool create"
    exit 1
fi
check_eq "stock db-name" "Open_vSwitch" \
    "$("$STOCK_TOOL" db-name "$dir/conf.db" 2>&1)"
check_eq "stock db-version" "$("$OUR_TOOL" schema-version "$SCHEMA")" \
    "$("$STOCK_TOOL" db-version "$dir/conf.db" 2>&1)"

# --detach returns once the server listens.
if ! "$SERVER" "$dir/conf.db" --remote="punix:$dir/db.sock" \
        --pidfile="$dir/ovsdb-server.pid" --unixctl="$dir/ovsdb-server.ctl" \
        --log-file="$dir/ovsdb-server.log" --detach --no-chdir \
        2>"$dir/server.err"; then
    echo "FAIL: $SERVER does not start on our database:"
    cat "$dir/server.err"
    exit 1
fi

# Runs stock ovs-vsctl with the arguments; its stdout goes to $out, and any
# output on stderr or a non-zero status is a failure.
out=
vsctl () {
    local err=$dir/vsctl.err rc
    out=$("$VSCTL" --db="unix:$dir/db.sock" --timeout=30 "$@" \
          2>"$err")
    rc=$?
    if [ $rc != 0 ]; then
        fail "ovs-vsctl $*: exit status $rc: $(cat "$err")"
    elif [ -s "$err" ]; then
        fail "ovs-vsctl $*: stderr: $(head -n 5 "$err")"
    else
        pass "ovs-vsctl $*"
    fi
}

vsctl --no-wait init
vsctl --no-wait add-br br0
vsctl --no-wait add-port br0 p1 -- set Interface p1 type=vxlan \
    options:remote_ip=10.0.0.2 options:key=flow options:dst_port=4789
vsctl --no-wait set Open_vSwitch . other_config:hw-offload=true \
    other_config:tc-policy=skip_sw
vsctl --no-wait set Interface p1 other_config:hw-offload=false
vsctl --no-wait set-controller br0 tcp:127.0.0.1:6653
vsctl --no-wait set-manager ptcp:6640

vsctl get Interface p1 options:remote_ip
check_eq "remote_ip" '"10.0.0.2"' "$out"
vsctl get Interface p1 type
check_eq "interface type" "vxlan" "$out"
vsctl get Interface br0 type
check_eq "bridge's internal interface" "internal" "$out"
vsctl get Open_vSwitch . other_config:hw-offload
check_eq "hw-offload" '"true"' "$out"
vsctl get Interface p1 other_config:hw-offload
check_eq "per-port hw-offload" '"false"' "$out"
vsctl list-br
check_eq "list-br" "br0" "$out"
vsctl list-ports br0
check_eq "list-ports" "p1" "$out"
vsctl port-to-br p1
check_eq "port-to-br" "br0" "$out"
vsctl get-controller br0
check_eq "get-controller" "tcp:127.0.0.1:6653" "$out"
vsctl show
case $out in
    *'Bridge br0'*'Controller "tcp:127.0.0.1:6653"'*'Port p1'*'type: vxlan'*)
        pass "show has the bridge, controller and tunnel" ;;
    *'Bridge br0'*'Port p1'*'type: vxlan'*)
        pass "show has the bridge and tunnel" ;;
    *)
        fail "show: unexpected output: $out" ;;
esac
case $out in
    *'options: {dst_port="4789", key=flow, remote_ip="10.0.0.2"}'*)
        pass "show prints the tunnel options" ;;
    *)
        fail "show: no tunnel options in: $out" ;;
esac

# Every table of the stock schema, listed in full: the stock IDL warns on
# stderr for each table or column it knows and our schema lacks.
for table in Open_vSwitch Bridge Port Interface Flow_Table QoS Queue \
             Mirror NetFlow sFlow IPFIX Flow_Sample_Collector_Set \
             Controller Manager Datapath CT_Zone CT_Timeout_Policy SSL \
             AutoAttach; do
    vsctl list "$table"
done

# The manual documents every table and column: each table has a section
# headed "TABLE-NAME TABLE" whose ".COL" entries name its columns.
STOCK_CLIENT=/usr/bin/ovsdb-client
if [ -x "$STOCK_CLIENT" ]; then
    tables=$("$STOCK_CLIENT" list-tables "unix:$dir/db.sock" Open_vSwitch \
             | awk 'NR > 2 { print $1 }')
    check_eq "19 tables" 19 "$(echo "$tables" | wc -l)"
    undocumented=
    for table in $tables; do
        documented=$(awk -v t="$table" '
            /^\.S[HS] ".* TABLE"/ { in_table = ($2 == "\"" t) }
            in_table && /^\.COL / { print $2 }' "$MANPAGE" | sort)
        columns=$("$STOCK_CLIENT" list-columns "unix:$dir/db.sock" \
                  Open_vSwitch "$table" | awk 'NR > 2 && $1 !~ /^_/ \
                  { print $1 }' | sort)
        missing=$(comm -23 <(echo "$columns") <(echo "$documented"))
        if [ -n "$missing" ]; then
            undocumented="$undocumented $table:"$(echo $missing | tr ' ' ,)
        fi
    done
    check_eq "every column is in the manual" "" "$undocumented"
fi

# A QoS row is in the root set: it survives with nothing pointing at it.
vsctl --no-wait create QoS type=linux-htb
qos=$out
vsctl --no-wait set Port p1 qos="$qos"
vsctl --no-wait clear Port p1 qos
vsctl --bare --columns=type list QoS
check_eq "unreferenced QoS row kept" "linux-htb" "$out"

# del-br: Bridge, Port and Interface rows all go away.
vsctl --no-wait del-br br0
vsctl list-br
check_eq "no bridge after del-br" "" "$out"
vsctl --bare --columns=_uuid list Bridge
check_eq "no Bridge row" "" "$out"
vsctl --bare --columns=_uuid list Port
check_eq "no Port row left" "" "$out"
vsctl --bare --columns=_uuid list Interface
check_eq "no Interface row left" "" "$out"
vsctl --bare --columns=_uuid list Controller
check_eq "no Controller row left" "" "$out"

# emer-reset: managers, controllers and the bridges' settings go; the
# bridges themselves and Open_vSwitch's other_config stay.
vsctl --no-wait add-br br1 -- set Bridge br1 other_config:a=b \
    fail_mode=secure
vsctl --no-wait emer-reset
vsctl get-manager
check_eq "no manager after emer-reset" "" "$out"
vsctl get Bridge br1 other_config
check_eq "bridge other_config after emer-reset" "{}" "$out"
vsctl get Bridge br1 fail_mode
check_eq "fail_mode after emer-reset" "[]" "$out"
vsctl get Open_vSwitch . other_config:hw-offload
check_eq "hw-offload kept by emer-reset" '"true"' "$out"
vsctl list-br
check_eq "bridge kept by emer-reset" "br1" "$out"

# A mutation the schema forbids: the server refuses it, with the stock
# error.
if "$VSCTL" --db="unix:$dir/db.sock" --no-wait set Port br1 \
        tag=4096 > /dev/null 2>"$dir/vsctl.err"; then
    fail "tag=4096 accepted"
elif grep -q "4096" "$dir/vsctl.err"; then
    pass "tag=4096 refused"
else
    fail "tag=4096: unexpected error: $(cat "$dir/vsctl.err")"
fi

echo "$((n_checks - n_failures))/$n_checks checks passed"
if [ $n_failures != 0 ]; then
    exit 1
fi
exit 0
