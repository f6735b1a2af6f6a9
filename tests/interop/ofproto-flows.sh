#! /bin/bash
# The flow tables of ovs-vswitchd as stock ovs-ofctl sees them: the same
# sequence of flow mods (add, modify loose and strict, delete with cookie
# masks and out_port, overlap checks, OpenFlow 1.0 and 1.3) on a dummy
# bridge of ours and of stock Open vSwitch must leave the same flows and
# give the same errors; then a 2,000-flow table must dump whole (multipart
# replies) in both protocols.
#
# Copyright (c) 2026 The ovs-tc authors.
# Licensed under the Apache License, Version 2.0.

. "$(dirname "$0")/switch-lib.sh"

OFCTL=/usr/bin/ovs-ofctl
if [ ! -x $OFCTL ]; then
    echo "SKIP: stock ovs-ofctl is not installed"
    exit 77
fi

out=$(mktemp -d /tmp/ovstc-ofproto-flows.XXXXXX) || exit 99
cleanup () {
    switch_stop
    rm -rf "$out"
}
trap cleanup EXIT

# Flow dumps without the parts that depend on time or transaction ids.
normalize () {
    sed -E 's/duration=[0-9.]+s, //; s/idle_age=[0-9]+, //;
            s/hard_age=[0-9]+, //; s/\(xid=0x[0-9a-f]+\)//;
            s/reply \(OF1\.3\) *:?/reply (OF1.3)/' | sort
}

# Runs the scenario against the running switch; everything it prints is
# compared between the two switches.
scenario () {
    local m="unix:$SW_DIR/br0.mgmt" of13="-O OpenFlow13"

    VSCTL add-br br0 -- \
        add-port br0 p1 -- set interface p1 ofport_request=1 -- \
        add-port br0 p2 -- set interface p2 ofport_request=2 || return 1
    for _ in $(seq 100); do
        [ -S "$SW_DIR/br0.mgmt" ] && break
        sleep 0.1
    done

    run () {
        echo "### $*" | sed "s|$m|BR|"
        # An error's quoted request is connmgr's (how much it quotes):
        # only the error itself is compared here.
        # The exit status is part of the transcript both switches must
        # produce; the filter may drop every line (hence "|| true").
        local out rc
        out=$("$OFCTL" "$@" 2>&1)
        rc=$?
        printf '%s\n' "$out" | sed -E "s/\(xid=0x[0-9a-f]+\)//;
                                     s|$SW_DIR|DIR|g; s/addr:[0-9a-f:]+//" \
            | grep -Ev '^(OFPT_FLOW_MOD :|\(\*\*\*|[0-9a-f]{8}  |$)' || true
        echo "exit status $rc"
    }
    run add-flow $m "priority=100,ip,nw_src=10.0.0.1,cookie=0x1,actions=output:1"
    run add-flow $m "table=1,priority=5,tcp,tp_dst=80,actions=drop"
    run add-flow $m "priority=50,arp,actions=NORMAL"
    run add-flow $m "cookie=0x22,priority=60,udp,actions=output:2"
    run add-flow $m "cookie=0x23,priority=60,icmp,actions=output:2,output:1"
    run add-flow $m "priority=100,ip,nw_dst=1.2.3.4,check_overlap,actions=drop"
    run add-flow $m "priority=101,ip,nw_dst=1.2.3.4,check_overlap,actions=drop"
    run dump-flows $m | normalize
    run mod-flows $m "ip,actions=output:2"
    run mod-flows --strict $m "priority=50,arp,actions=drop"
    run mod-flows $m "sctp,actions=drop"
    run dump-flows $m | normalize
    run del-flows $m "cookie=0x22/-1"
    run del-flows $m "out_port=1"
    run del-flows --strict $m "priority=60,icmp"
    run dump-flows $m | normalize
    run $of13 add-flow $m "table=2,priority=9,ip,actions=goto_table:3"
    run $of13 add-flow $m "table=3,priority=9,ip,actions=goto_table:1"
    run $of13 mod-flows $m "table=4,tcp,actions=drop"
    run $of13 dump-flows $m | normalize
    run dump-aggregate $m
    run $of13 del-flows $m "table=2"
    run $of13 dump-flows $m | normalize
    run dump-tables $m | grep -E '^  table|active=|max_entries' | head -12
    run $of13 dump-tables $m | grep -E '^  table|active=' | head -8
    run dump-desc $m | grep -v Software
    run dump-ports-desc $m | grep -v addr:
    run $of13 dump-ports-desc $m | grep -v addr:
    run dump-ports $m 1 | grep -v '^  *[rt]x\|duration'
    run mod-port $m p1 down
    run mod-port $m p2 no-flood
    run mod-port $m p9 up
    run dump-ports-desc $m | grep -E '^ [0-9L]|config|state'
    pkt=ffffffffffff0000000000010800450000140000000040ff7aea0a0000010a000002
    run packet-out $m 1 output:2 $pkt
    run $of13 packet-out $m 1 output:2 $pkt
    run packet-out $m 1 output:65000 $pkt
    run $of13 get-frags $m
    run set-frags $m drop
    run get-frags $m
    echo "### bridge/dump-flows br0"
    OVS_RUNDIR=$SW_DIR /usr/bin/ovs-appctl -t ovs-vswitchd \
        bridge/dump-flows br0 | grep -v 'table_id=254' | normalize
    run del-flows $m
    run dump-flows $m | normalize
}

# A table of 2,000 flows dumps whole in OpenFlow 1.0 and 1.3.
big_table () {
    local m="unix:$SW_DIR/br0.mgmt" n
    for i in $(seq 0 1999); do
        echo "priority=$((100 + i % 7)),ip,nw_src=10.$((i / 250)).$((i % 250)).1,actions=output:$((1 + i % 2))"
    done > "$out/flows.txt"
    "$OFCTL" add-flows $m "$out/flows.txt" || return 1
    n=$("$OFCTL" dump-flows $m | grep -c 'nw_src=10\.')
    echo "OpenFlow 1.0 flows: $n"
    n=$("$OFCTL" -O OpenFlow13 dump-flows $m | grep -c 'nw_src=10\.')
    echo "OpenFlow 1.3 flows: $n"
}

status=0
for kind in stock ours; do
    switch_start $kind
    scenario > "$out/$kind.txt" 2>&1
    big_table > "$out/$kind-big.txt" 2>&1
    switch_stop
done

if ! diff -u "$out/stock.txt" "$out/ours.txt"; then
    echo "FAIL: flow tables differ from stock (- stock, + ours)"
    status=1
fi
if ! grep -q '^n_packets=0, n_bytes=0, priority=0,actions=NORMAL$' \
        "$out/ours.txt"; then
    echo "FAIL: bridge/dump-flows shows no default flow"
    status=1
fi
if ! grep -q 'flows: 2000' "$out/stock-big.txt" \
   || ! diff -u "$out/stock-big.txt" "$out/ours-big.txt"; then
    echo "FAIL: big table"
    cat "$out/ours-big.txt"
    status=1
fi
[ $status = 0 ] && echo "PASS: $(grep -c '^###' "$out/ours.txt") commands agree with stock, 2000-flow dumps whole"
exit $status
