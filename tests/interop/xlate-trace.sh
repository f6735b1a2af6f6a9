#! /bin/bash
# ofproto/trace and fdb/show of our ovs-vswitchd against stock's, both on
# dummy datapaths: the same bridges (VLAN access and trunk ports, a patch
# pair), the same flows (added with stock ovs-ofctl) and the same traces
# must print the same account (tables, rules, actions, NORMAL's notes,
# bridge sections), final flow and megaflow, and the same MAC table.  The
# "Datapath actions" lines are left out: a dummy datapath of ours has no
# datapath port numbers (ofproto.h), stock's has.
#
# Copyright (c) 2026 The ovs-tc authors.
# Licensed under the Apache License, Version 2.0.

. "$(dirname "$0")/switch-lib.sh"

OFCTL=/usr/bin/ovs-ofctl
APPCTL=/usr/bin/ovs-appctl
if [ ! -x $OFCTL ] || [ ! -x $APPCTL ]; then
    echo "SKIP: stock ovs-ofctl or ovs-appctl is not installed"
    exit 77
fi

out=$(mktemp -d /tmp/ovstc-xlate-trace.XXXXXX) || exit 99
cleanup () {
    switch_stop
    rm -rf "$out"
}
trap cleanup EXIT

scenario () {
    local pid ctl m0="unix:$SW_DIR/br0.mgmt"

    pid=$(cat "$SW_DIR/ovs-vswitchd.pid")
    ctl="$SW_DIR/ovs-vswitchd.$pid.ctl"
    VSCTL add-br br0 -- set bridge br0 datapath_type=dummy -- \
        add-port br0 p1 -- set interface p1 ofport_request=1 -- \
        add-port br0 p2 tag=10 -- set interface p2 ofport_request=2 -- \
        add-port br0 p3 trunks=10,20 -- set interface p3 ofport_request=3 -- \
        add-port br0 p4 -- set interface p4 ofport_request=4 -- \
        add-port br0 pa -- set interface pa type=patch options:peer=pb \
            ofport_request=5 -- \
        add-br br1 -- set bridge br1 datapath_type=dummy -- \
        add-port br1 pb -- set interface pb type=patch options:peer=pa \
            ofport_request=1 -- \
        add-port br1 q2 -- set interface q2 ofport_request=2 -- \
        add-port br1 q3 -- set interface q3 ofport_request=3 -- \
        add-port br0 vx1 -- set interface vx1 type=vxlan \
            options:remote_ip=1.1.1.1 options:key=5 ofport_request=6 \
        || return 1
    for _ in $(seq 100); do
        [ -S "$SW_DIR/br0.mgmt" ] && [ -S "$SW_DIR/br1.mgmt" ] && break
        sleep 0.1
    done

    flow () {
        "$OFCTL" add-flow $m0 "$1" || echo "add-flow failed: $1"
    }
    flow "priority=100,in_port=1,tcp,actions=mod_nw_tos:16,resubmit(,1)"
    flow "table=1,priority=10,ip,nw_dst=10.0.0.0/24,actions=dec_ttl,\
output:4"
    flow "table=1,priority=5,actions=output:5,output:1"
    flow "priority=90,in_port=4,udp,actions=load:0x7->NXM_NX_REG0[],\
resubmit(,2)"
    flow "table=2,reg0=7,actions=mod_dl_dst:50:54:00:00:00:99,output:1,\
output:4"
    flow "priority=95,in_port=4,udp,tp_dst=53,actions=resubmit(,3)"
    flow "priority=110,in_port=6,tun_id=5,actions=output:1,output:6"
    flow "priority=110,in_port=1,ip,nw_ttl=1,actions=dec_ttl,output:6"
    flow "priority=80,in_port=4,arp,actions=mod_vlan_vid:20,output:3,\
strip_vlan,output:1,in_port"

    # Nested and tail resubmits, the depth limit (br1).
    local m1="unix:$SW_DIR/br1.mgmt"
    "$OFCTL" add-flow $m1 "priority=200,in_port=2,actions=resubmit(,1),output:3"
    "$OFCTL" add-flow $m1 "table=1,actions=resubmit(,2),resubmit(,2)"
    "$OFCTL" add-flow $m1 "table=2,actions=output:1,resubmit(,3)"
    "$OFCTL" add-flow $m1 "priority=200,in_port=3,actions=output:2,resubmit(,0)"

    trace () {
        echo "### ofproto/trace $*"
        "$APPCTL" -t "$ctl" ofproto/trace "$@" 2>&1 \
            | grep -Ev '^(Datapath actions:|This flow is handled|  - Sends)' \
            | sed 's|/tmp/[^ ]*\.ctl|CTL|'
    }
    local a=dl_src=50:54:00:00:00:0a b=dl_src=50:54:00:00:00:0b
    local c=dl_dst=50:54:00:00:00:0b
    trace br0 "in_port=1,tcp,nw_dst=10.0.0.5,nw_ttl=64,$a,$c"
    trace br0 "in_port=1,tcp,nw_dst=10.1.0.5,nw_ttl=64,$a,$c"
    trace br0 "in_port=4,udp,udp_dst=99,$a"
    trace br0 "in_port=4,udp,udp_dst=53,$a"
    trace br0 "in_port=4,arp,$a,dl_dst=ff:ff:ff:ff:ff:ff"
    trace br0 "in_port=2,$a,dl_dst=50:54:00:00:00:0b" -generate
    trace br0 "in_port=3,dl_vlan=10,$b,dl_dst=50:54:00:00:00:0a" -generate
    trace br0 "in_port=3,dl_vlan=5,$b,dl_dst=50:54:00:00:00:0a"
    trace br0 "in_port=3,$b,dl_dst=50:54:00:00:00:0a"
    trace br0 "in_port=2,dl_vlan=7,$a,dl_dst=50:54:00:00:00:0b"
    trace br0 "in_port=4,$b,dl_dst=ff:ff:ff:ff:ff:ff"
    trace br0 "in_port=6,tun_id=5,tun_src=1.1.1.1,tun_dst=2.2.2.2,$a"
    trace br0 "in_port=1,icmp,nw_ttl=1,$a"
    # A packet given in hex (TCP, 10.0.0.1:1000 -> 10.0.0.2:80, SYN).
    local p=505400000002505400000001080045000030000000004006000a0a000001
    p=${p}0a00000203e80050000000000000000050020000000000006461746100000000
    trace br0 "in_port=1" "$p"
    trace br0 "in_port=1" "0a0b0c"
    trace br1 "in_port=2"
    trace br1 "in_port=3"
    echo "### fdb/show"
    "$APPCTL" -t "$ctl" fdb/show br0 | sed -E 's/ +[0-9]+$//'
    "$APPCTL" -t "$ctl" fdb/show br1 | sed -E 's/ +[0-9]+$//'
    "$APPCTL" -t "$ctl" fdb/flush br0
    "$APPCTL" -t "$ctl" fdb/show br0
    "$APPCTL" -t "$ctl" fdb/show nosuchbr 2>&1 | sed 's|/tmp/[^ ]*\.ctl|CTL|'
}

switch_start stock
scenario > "$out/stock" 2>&1
switch_stop
switch_start ours
scenario > "$out/ours" 2>&1
switch_stop

if ! diff -u "$out/stock" "$out/ours"; then
    echo "FAIL: ofproto/trace or fdb/show differ from stock"
    exit 1
fi
echo "PASS: $(grep -c '^###' "$out/ours") commands match stock"
