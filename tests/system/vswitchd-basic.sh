#!/bin/bash
#
# Copyright (c) 2026 The ovs-tc authors.
# Licensed under the Apache License, Version 2.0.
#
# ovs-vswitchd on the kernel datapath: bridge br0 with two namespaces
# attached through veth pairs.
#   - the ports are in the datapath (our ovs-dpctl show, and dpctl/show
#     served by the daemon), with the OpenFlow numbers 1 and 2;
#   - Interface status: ofport, ifindex and mtu as the kernel has them,
#     link and admin state up, no error, mac_in_use the device's address;
#     Bridge datapath_id is br0's Ethernet address (as stock derives it);
#   - other_config:hwaddr sets br0's address and the datapath ID;
#   - a port whose device does not exist yet gets ofport -1, then its
#     number as soon as the device appears;
#   - ping between the namespaces works through the default NORMAL flow,
#     datapath flows appear, and the Interface statistics count packets;
#   - other_config:hw-offload and tc-policy switch the flow offload engine
#     on and off (offload/show), with ping still working;
#   - deleting a port takes it out of the datapath;
#   - exit --cleanup removes br0's internal device.

. "$SRCDIR/tests/system/lib.sh"

require_prog "$OVS_DPCTL"

step "switch and bridge (t=${SECONDS}s)"
start_switch
vsctl add-br br0 || fail "add-br br0"
poll_until 10 test -e /sys/class/net/br0 || fail "no br0 device"

netns_add ns1
netns_add ns2
veth_add ns1 v1 10.1.1.1/24 "" p1 -
veth_add ns2 v2 10.1.1.2/24 "" p2 -
vsctl add-port br0 p1 -- add-port br0 p2 || fail "add-port"

step "ports in the datapath (t=${SECONDS}s)"
assert_eq "1
2" "$(vsctl get Interface p1 ofport -- get Interface p2 ofport)" \
    "p1 and p2 ofport"
show=$("$OVS_DPCTL" show) || fail "ovs-dpctl show"
echo "$show"
assert_match "port [0-9]+: p1" "$show" "ovs-dpctl show: p1"
assert_match "port [0-9]+: p2" "$show" "ovs-dpctl show: p2"
assert_match "port [0-9]+: br0 \(internal\)" "$show" "ovs-dpctl show: br0"
show=$(appctl ovs-vswitchd dpctl/show) || fail "dpctl/show"
assert_match "port [0-9]+: p1" "$show" "dpctl/show: p1"

step "interface status (t=${SECONDS}s)"
# One ovs-vsctl call for all the columns (every exec is slow in the
# sandbox): "get" prints one value per line.
p1_status() {
    vsctl get Interface p1 ifindex mtu link_state admin_state error \
        mac_in_use -- get Bridge br0 datapath_id
}
status_written() {
    local out
    out=$(p1_status) || return 1
    [[ $out != "[]"* ]]
}
poll_until 10 status_written || fail "ifindex not written"
expected="$(cat /sys/class/net/p1/ifindex)
$(cat /sys/class/net/p1/mtu)
up
up
[]
\"$(cat /sys/class/net/p1/address)\"
\"0000$(tr -d ':\n' < /sys/class/net/br0/address)\""
assert_eq "$expected" "$(p1_status)" \
    "p1 ifindex/mtu/link/admin/error/mac_in_use and br0 datapath_id"

step "other_config:hwaddr (t=${SECONDS}s)"
vsctl set Bridge br0 other_config:hwaddr=02:00:00:00:00:42 ||
    fail "set hwaddr"
br0_mac_set() { [[ $(< /sys/class/net/br0/address) == 02:00:00:00:00:42 ]]; }
poll_until 10 br0_mac_set ||
    fail "br0 address: $(< /sys/class/net/br0/address)"
assert_eq '"0000020000000042"' "$(vsctl get Bridge br0 datapath_id)" \
    "datapath_id from hwaddr"

step "a device that appears after its port (t=${SECONDS}s)"
vsctl add-port br0 p3 2> /dev/null || :
assert_eq -1 "$(vsctl get Interface p3 ofport)" "p3 ofport without a device"
veth_add ns1 v3 - "" p3 -
p3_added() { [[ $(vsctl get Interface p3 ofport) == 3 ]]; }
poll_until 10 p3_added || fail "p3 not added once its device appeared"

step "ping through NORMAL (t=${SECONDS}s)"
ping_ok ns1 10.1.1.2 || fail "ping ns1 -> ns2"
ping_ok ns2 10.1.1.1 || fail "ping ns2 -> ns1"
flows=$("$OVS_DPCTL" dump-flows) || fail "ovs-dpctl dump-flows"
[[ -n $flows ]] || fail "no datapath flows after ping"
rx_counted() {
    local rx
    rx=$(vsctl get Interface p1 statistics:rx_packets 2> /dev/null) ||
        return 1
    (( rx > 0 ))
}
poll_until 12 rx_counted || fail "p1 statistics: rx_packets still 0"

step "flow offload on and off (t=${SECONDS}s)"
assert_match "offload: disabled" "$(appctl ovs-vswitchd offload/show)" \
    "offload/show by default"
vsctl set Open_vSwitch . other_config:hw-offload=true \
    other_config:tc-policy=skip_hw || fail "set hw-offload"
out=$(appctl ovs-vswitchd offload/show)
echo "$out"
assert_match "offload: .*tc-policy=skip_hw" "$out" "offload/show enabled"
ping_ok ns1 10.1.1.2 || fail "ping with hw-offload=true"
vsctl remove Open_vSwitch . other_config hw-offload || fail "unset"
assert_match "offload: disabled" "$(appctl ovs-vswitchd offload/show)" \
    "offload/show after hw-offload removed"

step "port deletion (t=${SECONDS}s)"
vsctl del-port br0 p2 || fail "del-port p2"
show=$("$OVS_DPCTL" show)
if [[ $show =~ ": p2" ]]; then
    fail "p2 still in the datapath: $show"
fi

step "exit --cleanup (t=${SECONDS}s)"
appctl ovs-vswitchd exit --cleanup || fail "exit --cleanup"
poll_until 10 pid_gone "$VSWITCHD_PID" || fail "daemon still running"
poll_until 10 test ! -e /sys/class/net/br0 || fail "br0 still exists"
echo "vswitchd-basic: passed"
