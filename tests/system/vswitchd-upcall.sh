#!/bin/bash
#
# Copyright (c) 2026 The ovs-tc authors.
# Licensed under the Apache License, Version 2.0.
#
# Upcalls and revalidation in ovs-vswitchd on the kernel datapath (bridge
# br0, two namespaces on veth pairs):
#   - pings install datapath flows; dpif/dump-flows br0 lists them with
#     port names (--names) and numbers (default), upcall/show has stock's
#     shape;
#   - datapath statistics reach the OpenFlow rule (n_packets) once the
#     revalidator ran (revalidator/wait);
#   - a flow table change re-translates the datapath flows: after
#     "add-flow icmp actions=drop" the ICMP flows drop;
#   - other_config:max-idle expires idle flows; revalidator/purge deletes
#     every flow;
#   - upcall/disable-megaflows gives exact-match flows;
#   - other_config:flow-limit (and upcall/set-flow-limit) cap the
#     datapath flows.

. "$SRCDIR/tests/system/lib.sh"

require_prog "$OVS_DPCTL"
require_prog "$OVS_OFCTL"

step "switch, bridge, namespaces"
start_switch
vsctl add-br br0 ||
    fail "add-br br0"
netns_add ns1
netns_add ns2
veth_add ns1 v1 10.1.1.1/24 "" p1 -
veth_add ns2 v2 10.1.1.2/24 "" p2 -
vsctl add-port br0 p1 -- add-port br0 p2 || fail "add-port"

dp_flows() {
    appctl ovs-vswitchd dpif/dump-flows "$@" br0
}
n_dp_flows() {
    "$OVS_DPCTL" dump-flows | grep -c 'actions:' || :
}

step "ping installs flows, shown per bridge"
ping_ok ns1 10.1.1.2 || fail "ping ns1 -> ns2"
out=$(dp_flows --names) || fail "dpif/dump-flows --names"
echo "$out"
assert_match "in_port\(p1\)" "$out" "in_port by name"
assert_match "actions:p2" "$out" "output by name"
assert_match "eth_type\(0x0800\)" "$out" "an IPv4 flow"
out=$(dp_flows) || fail "dpif/dump-flows"
p1=$("$OVS_DPCTL" show | sed -n 's/.*port \([0-9]*\): p1$/\1/p')
assert_match "in_port\($p1\)" "$out" "in_port by number"
out=$(dp_flows -m) || fail "dpif/dump-flows -m"
assert_match "^ufid:[0-9a-f-]+, " "$out" "-m shows UFIDs"
if appctl ovs-vswitchd dpif/dump-flows nosuchbr > /dev/null 2>&1; then
    fail "dpif/dump-flows of a missing bridge succeeded"
fi

out=$(appctl ovs-vswitchd upcall/show) || fail "upcall/show"
echo "$out"
assert_match "^system@ovs-system:" "$out" "upcall/show header"
assert_match "flows         : \(current [0-9]+\) \(avg [0-9]+\) \(max [0-9]+\) \(limit 200000\)" \
    "$out" "upcall/show flows line"
assert_match "dump duration : [0-9]+ms" "$out" "dump duration"
assert_match "ufid enabled : true" "$out" "ufid enabled"

step "statistics reach the OpenFlow rule"
ofctl del-flows br0 || fail "del-flows"
ofctl add-flow br0 "priority=10,icmp,actions=NORMAL" || fail "add-flow"
ofctl add-flow br0 "priority=0,actions=NORMAL" || fail "add-flow"
appctl ovs-vswitchd revalidator/wait || fail "revalidator/wait"
ping_ok ns1 10.1.1.2 5 || fail "ping with icmp rule"
appctl ovs-vswitchd revalidator/wait || fail "revalidator/wait"
n=$(ofctl_packets br0 "icmp")
assert_ge 10 "$n" "icmp rule n_packets (5 requests, 5 replies)"

step "a table change re-translates the flows"
ofctl add-flow br0 "priority=20,icmp,actions=drop" || fail "add drop"
appctl ovs-vswitchd revalidator/wait || fail "revalidator/wait"
ping_fails ns1 10.1.1.2 || fail "ping still works after the drop rule"
out=$(dp_flows) || fail "dpif/dump-flows"
echo "$out"
assert_match "icmp.*actions:drop|actions:drop" "$out" "a drop flow"
ofctl del-flows br0 "icmp" || fail "del icmp flows"
appctl ovs-vswitchd revalidator/wait || fail "revalidator/wait"
ping_ok ns1 10.1.1.2 || fail "ping after removing the drop rule"

step "purge"
appctl ovs-vswitchd revalidator/purge || fail "revalidator/purge"
assert_eq 0 "$(n_dp_flows)" "flows after purge"

step "exact-match flows with upcall/disable-megaflows"
out=$(appctl ovs-vswitchd upcall/disable-megaflows) || fail "disable"
assert_eq "megaflows disabled" "$out" "disable-megaflows reply"
ping_ok ns1 10.1.1.2 1 || fail "ping without megaflows"
out=$(dp_flows) || fail "dpif/dump-flows"
assert_match "ipv4\(src=10\.1\.1\.1,dst=10\.1\.1\.2,proto=1" "$out" \
    "an exact-match flow"
out=$(appctl ovs-vswitchd upcall/enable-megaflows) || fail "enable"
assert_eq "megaflows enabled" "$out" "enable-megaflows reply"
assert_eq 0 "$(n_dp_flows)" "flows after switching back"

step "idle expiry"
vsctl set Open_vSwitch . other_config:max-idle=1000 || fail "max-idle"
ping_ok ns1 10.1.1.2 1 || fail "ping"
no_flows() {
    [[ $(n_dp_flows) == 0 ]]
}
poll_until 10 no_flows || fail "flows did not expire: $(n_dp_flows) left"
vsctl remove Open_vSwitch . other_config max-idle || fail "max-idle"

step "flow limit"
vsctl set Open_vSwitch . other_config:flow-limit=2 || fail "flow-limit"
out=$(appctl ovs-vswitchd upcall/show)
assert_match "\(limit 2\)" "$out" "limit shown"
out=$(appctl ovs-vswitchd upcall/set-flow-limit 2) || fail "set-flow-limit"
assert_eq "set flow_limit to 2" "$out" "set-flow-limit reply"
for i in 3 4 5 6; do
    ns ns1 ip neigh replace "10.1.1.$i" lladdr "02:00:00:00:00:0$i" dev v1
    ns ns1 ping -q -c 1 -W 0.2 "10.1.1.$i" > /dev/null 2>&1 || :
done
appctl ovs-vswitchd revalidator/wait || fail "revalidator/wait"
n=$(n_dp_flows)
(( n <= 2 )) || fail "flow-limit=2 but $n datapath flows"
