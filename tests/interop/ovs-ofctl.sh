#!/bin/bash
#
# Copyright (c) 2026 The ovs-tc authors.
# Licensed under the Apache License, Version 2.0.
#
# Our ovs-ofctl against a switch, side by side with stock ovs-ofctl 3.1 on
# the same switch state: every command's standard output, standard error
# and exit status must be the same (durations and ages normalised), in
# OpenFlow 1.0 and with -O OpenFlow13.  Commands that change the switch are
# run once with each tool from the same starting state, and the resulting
# flow tables (dumped by stock) must be the same.
#
# OFCTL_SWITCH=stock (default) runs stock ovs-vswitchd (dummy datapath) on
# a stock ovsdb-server; OFCTL_SWITCH=ours runs ours.
#
# Exit status: 0 pass, 1 fail, 77 skip (stock ovs-ofctl or stock switch
# missing), 99 setup error.

KIND=${OFCTL_SWITCH:-stock}
STOCK=/usr/bin/ovs-ofctl
if [ ! -x "$STOCK" ]; then
    echo "SKIP: stock ovs-ofctl is not installed"
    exit 77
fi

. "$(dirname "$0")/switch-lib.sh"

OURS=$builddir/utilities/ovs-ofctl
if [ ! -x "$OURS" ]; then
    echo "ERROR: $OURS is not built"
    exit 99
fi

n_pass=0
n_fail=0
pass () {
    n_pass=$((n_pass + 1))
}
fail () {
    n_fail=$((n_fail + 1))
    echo "FAIL: $*"
}

switch_start "$KIND"
VSCTL add-br br0 \
    -- add-port br0 p1 -- set interface p1 ofport_request=1 \
    -- add-port br0 p2 -- set interface p2 ofport_request=2 \
    -- add-port br0 p3 -- set interface p3 ofport_request=3 \
    || { echo "ERROR: cannot create br0"; exit 99; }
for _ in $(seq 100); do
    [ -S "$SW_DIR/br0.mgmt" ] && break
    sleep 0.1
done
[ -S "$SW_DIR/br0.mgmt" ] || { echo "ERROR: no br0.mgmt"; exit 99; }
# Wait until the three ports are visible over OpenFlow.
for _ in $(seq 100); do
    [ "$("$STOCK" show br0 2>/dev/null | grep -c '^ [0-9]')" = 3 ] && break
    sleep 0.1
done

T=$SW_DIR/t
mkdir -p "$T"

# Durations, ages and the stock "terminated by signal" noise vary.
norm () {
    sed -E -e 's/duration=[0-9]+\.[0-9]+s/duration=D/g' \
        -e 's/duration[0-9]+\.[0-9]+s/durationD/g' \
        -e 's/(idle|hard)_age=[0-9]+/\1_age=A/g' \
        -e '/fatal_signal/d'
}

# run TOOL ARGS...: runs TOOL with ARGS, stdout in $T/out, stderr in
# $T/err (normalised), exit status in $T/rc.
run () {
    local tool=$1
    shift
    "$tool" "$@" > "$T/out.raw" 2> "$T/err.raw" < "${STDIN:-/dev/null}"
    echo $? > "$T/rc"
    norm < "$T/out.raw" > "$T/out"
    # Our program name is the build-tree path's basename as well.
    norm < "$T/err.raw" > "$T/err"
}

# compare NAME ARGS...: same output, errors and status from both tools.
compare () {
    local name=$1
    shift
    run "$STOCK" "$@"
    for f in out err rc; do mv "$T/$f" "$T/$f.stock"; done
    run "$OURS" "$@"
    for f in out err rc; do
        if cmp -s "$T/$f.stock" "$T/$f"; then
            pass
        else
            fail "$name ($*): $f differs"
            diff "$T/$f.stock" "$T/$f" | head -20
        fi
    done
}

# The switch's flows as stock sees them, sorted, without statistics.
flows () {
    "$STOCK" -O OpenFlow13 --no-stats dump-flows br0 | sort
}

# compare_change NAME SETUP ARGS...: resets the flow table, runs SETUP
# (a shell function using $STOCK), then ARGS with each tool from that
# state; output, status and the resulting flow table must match.
compare_change () {
    local name=$1 setup=$2
    shift 2
    "$STOCK" del-flows br0
    $setup
    run "$STOCK" "$@"
    for f in out err rc; do mv "$T/$f" "$T/$f.stock"; done
    flows > "$T/flows.stock"
    "$STOCK" del-flows br0
    $setup
    run "$OURS" "$@"
    flows > "$T/flows"
    for f in out err rc flows; do
        if cmp -s "$T/$f.stock" "$T/$f"; then
            pass
        else
            fail "$name ($*): $f differs"
            diff "$T/$f.stock" "$T/$f" | head -20
        fi
    done
}

# compare_error NAME TEXT ARGS...: both tools fail with the same status
# and an "ovs-ofctl: " message that contains TEXT.
compare_error () {
    local name=$1 text=$2 rc_stock
    shift 2
    run "$STOCK" "$@"
    rc_stock=$(cat "$T/rc")
    run "$OURS" "$@"
    check_eq "$name: status" "$rc_stock" "$(cat "$T/rc")"
    if grep -q "^ovs-ofctl: .*$text" "$T/err"; then
        pass
    else
        fail "$name: message [$(cat "$T/err")] does not mention [$text]"
    fi
}

# check_eq NAME EXPECTED ACTUAL
check_eq () {
    if [ "$2" = "$3" ]; then
        pass
    else
        fail "$1: expected [$2], got [$3]"
    fi
}

no_setup () {
    :
}

FLOWS=$T/flows.txt
cat > "$FLOWS" <<EOF
# A comment, then flows of several kinds.
priority=5,ip,nw_src=10.1.0.0/16,actions=output:2
table=1,tcp,tp_dst=80,actions=drop

priority=8,reg0=5,actions=resubmit(,1)
cookie=0x5,table=3,priority=4,idle_timeout=50,hard_timeout=60,send_flow_rem,\
ip,actions=drop
in_port=1,actions=controller
arp,dl_src=00:11:22:33:44:55,actions=mod_vlan_vid:10,output:1
priority=100,udp,tp_src=53,actions=NORMAL
priority=9,in_port=2,actions=resubmit:1,output:1
EOF

standard_flows () {
    "$STOCK" add-flows br0 "$FLOWS"
}

PROTOS=("" "-O OpenFlow13")

echo "== read-only commands"
standard_flows
for o in "${PROTOS[@]}"; do
    # shellcheck disable=SC2086
    {
        compare show $o show br0
        compare show-socket $o show "unix:$SW_DIR/br0.mgmt"
        compare dump-ports-desc $o dump-ports-desc br0
        compare dump-tables $o dump-tables br0
        compare dump-ports $o dump-ports br0
        compare dump-ports-1 $o dump-ports br0 1
        compare dump-ports-name $o dump-ports br0 p2
        compare dump-ports-local $o dump-ports br0 LOCAL
        compare dump-flows $o dump-flows br0
        compare dump-flows-ip $o dump-flows br0 ip
        compare dump-flows-table $o dump-flows br0 table=3
        compare dump-flows-cookie $o dump-flows br0 cookie=0x5/0xff
        compare dump-flows-inport $o dump-flows br0 in_port=1
        compare dump-flows-no-stats $o --no-stats dump-flows br0
        compare dump-flows-names $o --names --no-stats dump-flows br0
        compare dump-flows-names-ip $o --names --no-stats dump-flows br0 ip
        compare dump-flows-sort $o --sort dump-flows br0 table=3
        compare dump-flows-rsort $o --rsort dump-flows br0 table=1
        compare dump-aggregate $o dump-aggregate br0
        compare dump-aggregate-ip $o dump-aggregate br0 ip
    }
done
compare dump-flows-both -O OpenFlow10,OpenFlow13 dump-flows br0
check_eq "show negotiates 1.3 from a list" "OFPT_FEATURES_REPLY (OF1.3)" \
    "$("$OURS" -O OpenFlow10,OpenFlow13 show br0 | head -1 | cut -d' ' -f1-2)"
n_flows=$("$STOCK" dump-flows br0 | grep -c 'cookie=')
check_eq "dump-aggregate counts the flows" \
    "NXST_AGGREGATE reply (xid=0x4): packet_count=0 byte_count=0 \
flow_count=$n_flows" \
    "$("$OURS" dump-aggregate br0)"
check_eq "at least the seven flows of the file" yes \
    "$([ "$n_flows" -ge 7 ] && echo yes)"

echo "== errors"
compare no-such-bridge show nosuchbr
compare no-such-socket show unix:$SW_DIR/nonexistent.mgmt
compare unknown-command bogus br0
compare missing-args show
compare bad-protocol -O foo show br0
# The flow parser's own messages are worded differently from stock's:
# same status, and the message names the culprit.
compare_error bad-action bogus add-flow br0 "ip,actions=bogus"
compare_error bad-table 300 add-flow br0 "table=300,actions=drop"
compare_error bad-field nonsense add-flow br0 "ip,nonsense=1,actions=drop"
compare_error no-actions "must specify an action" add-flow br0 "ip"
compare_error delete-with-actions actions del-flows br0 "ip,actions=drop"
compare push-vlan-of10 add-flow br0 "ip,actions=push_vlan:0x8100,output:1"
compare eperm-table add-flow br0 "table=254,actions=drop"
compare eperm-table-13 -O OpenFlow13 add-flow br0 "table=254,actions=drop"
compare bad-port mod-port br0 p9 up
compare bad-mod-port mod-port br0 p1 sideways
printf 'ip,actions=drop\n\n# c\nip,actions=bogus\n' > "$T/bad.txt"
compare_error bad-file "bad.txt:4: " add-flows br0 "$T/bad.txt"
compare missing-file add-flows br0 "$T/nonexistent.txt"

echo "== flow table changes"
for o in "${PROTOS[@]}"; do
    # shellcheck disable=SC2086
    {
        compare_change add-flow no_setup $o add-flow br0 \
            "priority=7,ip,nw_dst=192.0.2.0/24,actions=output:3"
        compare_change add-flow-table no_setup $o add-flow br0 \
            "table=2,priority=7,ip,actions=drop"
        compare_change add-flow-nxm no_setup $o add-flow br0 \
            "priority=8,reg1=0x10/0xf0,actions=drop"
        compare_change add-flow-cookie no_setup $o add-flow br0 \
            "cookie=0x77,idle_timeout=30,send_flow_rem,tcp,actions=drop"
        compare_change add-flows no_setup $o add-flows br0 "$FLOWS"
        STDIN=$FLOWS compare_change add-flows-stdin no_setup $o \
            add-flows br0 -
        compare_change mod-flows standard_flows $o mod-flows br0 \
            "ip,actions=output:3"
        compare_change mod-flows-strict standard_flows $o --strict \
            mod-flows br0 "priority=5,ip,nw_src=10.1.0.0/16,actions=drop"
        compare_change mod-flows-cookie standard_flows $o mod-flows br0 \
            "cookie=0x5/-1,actions=output:1"
        compare_change del-flows-all standard_flows $o del-flows br0
        compare_change del-flows-match standard_flows $o del-flows br0 ip
        compare_change del-flows-table standard_flows $o del-flows br0 \
            table=1
        compare_change del-flows-strict standard_flows $o --strict \
            del-flows br0 "priority=100,udp,tp_src=53"
        compare_change del-flows-strict-miss standard_flows $o --strict \
            del-flows br0 "udp,tp_src=53"
        compare_change del-flows-cookie standard_flows $o del-flows br0 \
            "cookie=0x5/0xf"
    }
done

# A file that keeps some flows, changes one and adds one.
cat > "$T/replace.txt" <<'EOF'
priority=5,ip,nw_src=10.1.0.0/16,actions=output:3
table=1,tcp,tp_dst=80,actions=drop
priority=9,icmp,actions=drop
EOF
for o in "${PROTOS[@]}"; do
    # shellcheck disable=SC2086
    compare_change replace-flows standard_flows $o replace-flows br0 \
        "$T/replace.txt"
done
check_eq "replace-flows result" \
" priority=5,ip,nw_src=10.1.0.0/16 actions=output:3
 priority=9,icmp actions=drop
 table=1, tcp,tp_dst=80 actions=drop" \
    "$(flows | sed 's/reset_counts //')"

echo "== diff-flows"
diff_sorted () {
    local tool=$1
    shift
    "$tool" "$@" > "$T/diff.raw" 2>&1
    echo "rc=$?"
    sort "$T/diff.raw"
}
"$STOCK" del-flows br0
standard_flows
for args in "br0 $FLOWS" "br0 $T/replace.txt" "$FLOWS $T/replace.txt" \
            "$T/replace.txt br0"; do
    # shellcheck disable=SC2086
    check_eq "diff-flows $args" "$(diff_sorted "$STOCK" diff-flows $args)" \
        "$(diff_sorted "$OURS" diff-flows $args)"
done
check_eq "diff-flows identical: status 0" "rc=0" \
    "$(diff_sorted "$OURS" diff-flows br0 "$FLOWS")"

echo "== bundles (OpenFlow 1.3)"
compare_change bundle-add-flows no_setup -O OpenFlow13 --bundle \
    add-flows br0 "$FLOWS"
compare_change bundle-add-flow no_setup -O OpenFlow13 --bundle \
    add-flow br0 "priority=3,arp,actions=drop"
printf 'priority=3,arp,actions=drop\ntable=254,actions=drop\n' \
    > "$T/bad-bundle.txt"
compare_change bundle-failed no_setup -O OpenFlow13 --bundle \
    add-flows br0 "$T/bad-bundle.txt"
check_eq "failed bundle: nothing applied" "" "$(flows)"
check_eq "failed bundle: status" 1 "$(cat "$T/rc")"

echo "== mod-port"
# ACTION and the one that undoes it.
for pair in down:up no-flood:flood no-receive:receive \
            no-packet-in:packet-in; do
    action=${pair%%:*}
    undo=${pair#*:}
    for o in "${PROTOS[@]}"; do
        # shellcheck disable=SC2086
        {
            run "$STOCK" $o mod-port br0 p1 $action
            stock_rc=$(cat "$T/rc")
            "$STOCK" $o dump-ports-desc br0 > "$T/desc.stock"
            "$STOCK" mod-port br0 p1 $undo
            run "$OURS" $o mod-port br0 p1 $action
            check_eq "mod-port $o $action: status" "$stock_rc" \
                "$(cat "$T/rc")"
            "$STOCK" $o dump-ports-desc br0 > "$T/desc"
            "$STOCK" mod-port br0 p1 $undo
        }
        if cmp -s "$T/desc.stock" "$T/desc"; then
            pass
        else
            fail "mod-port $o $action: port state differs"
            diff "$T/desc.stock" "$T/desc"
        fi
    done
done
"$OURS" mod-port br0 2 down
check_eq "mod-port by number: PORT_DOWN shown" "     config:     PORT_DOWN" \
    "$("$OURS" show br0 | grep -A1 '^ 2(p2)' | tail -1)"
"$OURS" mod-port br0 2 up

echo "== packet-out"
PKT=50540000000250540000000108004500001c0001000040117a620a000001
PKT=${PKT}0a00000200350035000865ab
tx_of () {
    "$STOCK" dump-ports br0 "$1" | sed -n 's/.*tx pkts=\([0-9?]*\),.*/\1/p'
}
for o in "${PROTOS[@]}"; do
    before=$(tx_of 2)
    # shellcheck disable=SC2086
    compare packet-out-old $o packet-out br0 LOCAL output:2 "$PKT"
    # shellcheck disable=SC2086
    compare packet-out-new $o packet-out br0 \
        "in_port=LOCAL packet=$PKT actions=output:2"
    after=$(tx_of 2)
    # (Only stock's dummy ports count what they send.)
    if [ "$KIND" = stock ]; then
        check_eq "packet-out $o: four packets sent on p2" \
            $((before + 4)) "$after"
    fi
done
compare packet-out-bad packet-out br0 LOCAL output:2 "zz"
compare packet-out-bad-port packet-out br0 p9 output:2 "$PKT"

echo "== monitor"
# A service connection gets asynchronous messages once it sets a miss
# length.  Both tools watch the same events; packet-ins are left out (stock
# asks for NXT_PACKET_IN2, which we do not).
for o in "${PROTOS[@]}"; do
    # shellcheck disable=SC2086
    {
        # Appending, so that truncating the files below works.
        rm -f "$T/mon.stock" "$T/mon"
        "$STOCK" $o monitor br0 65000 >> "$T/mon.stock" 2>&1 &
        spid=$!
        "$OURS" $o monitor br0 65000 >> "$T/mon" 2>&1 &
        opid=$!
    }
    # Wait until both monitors have configured their connections: each
    # sees the port-status of this first change.
    for _ in $(seq 50); do
        "$STOCK" mod-port br0 p3 no-flood
        "$STOCK" mod-port br0 p3 flood
        grep -q PORT_STATUS "$T/mon" && grep -q PORT_STATUS "$T/mon.stock" \
            && break
        sleep 0.1
    done
    : > "$T/mon"
    : > "$T/mon.stock"
    "$STOCK" mod-port br0 p3 down
    "$STOCK" mod-port br0 p3 up
    "$STOCK" add-flow br0 \
        "priority=77,arp,idle_timeout=100,send_flow_rem,actions=drop"
    "$STOCK" -O OpenFlow13 add-flow br0 \
        "cookie=0x9,table=4,priority=78,tcp,hard_timeout=200,\
send_flow_rem,actions=drop"
    "$STOCK" del-flows br0 arp
    "$STOCK" del-flows br0 table=4
    for _ in $(seq 50); do
        [ "$(grep -c FLOW_REMOVED "$T/mon")" = 2 ] \
            && [ "$(grep -c FLOW_REMOVED "$T/mon.stock")" = 2 ] && break
        sleep 0.1
    done
    kill "$spid" "$opid" 2> /dev/null
    wait "$spid" "$opid" 2> /dev/null
    norm < "$T/mon.stock" | grep -v '^$' > "$T/mon.stock.n"
    norm < "$T/mon" | grep -v '^$' > "$T/mon.n"
    # Stock's switch reports a port going down in two messages (config,
    # then link state), ours in one; either way both tools see the same.
    check_eq "monitor $o: port-status and flow-removed messages" "yes 2" \
        "$([ "$(grep -c PORT_STATUS "$T/mon.n")" -ge 2 ] && echo yes) \
$(grep -c FLOW_REMOVED "$T/mon.n")"
    if cmp -s "$T/mon.stock.n" "$T/mon.n"; then
        pass
    else
        fail "monitor $o: output differs"
        diff "$T/mon.stock.n" "$T/mon.n" | head -20
    fi
done

echo "== timeout"
# A socket that accepts but never speaks: -t ends the wait.
python3 - "$T/mute.sock" > /dev/null 2>&1 <<'EOF' &
import socket, sys, time
s = socket.socket(socket.AF_UNIX)
s.bind(sys.argv[1])
s.listen(1)
c, _ = s.accept()
time.sleep(10)
EOF
mute=$!
for _ in $(seq 50); do
    [ -S "$T/mute.sock" ] && break
    sleep 0.1
done
start=$(date +%s)
("$OURS" -t 1 show "unix:$T/mute.sock" > /dev/null 2>&1)
rc=$?
end=$(date +%s)
kill "$mute" 2> /dev/null
check_eq "-t 1 fails" "yes" "$([ $rc -ne 0 ] && echo yes)"
check_eq "-t 1 returns within 3 s" "yes" \
    "$([ $((end - start)) -le 3 ] && echo yes)"

echo "ovs-ofctl interop ($KIND switch): $n_pass passed, $n_fail failed"
[ "$n_fail" = 0 ]
