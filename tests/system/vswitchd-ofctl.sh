#!/bin/bash
# sandbox-timeout: 240
#
# ovs-vswitchd end to end on the kernel datapath: two namespaces on br0
# through veth ports ping each other through the default NORMAL flow; an
# OpenFlow drop rule for ICMP stops the ping within one revalidation and
# counts exactly the packets it dropped; deleting it restores the ping.
. "$SRCDIR/tests/system/lib.sh"

require_prog "$OVS_OFCTL"

step "switch with br0 and two VM ports"
start_switch
netns_add vm1
netns_add vm2
veth_add vm1 eth0 10.0.0.1/24 "" p1 -
veth_add vm2 eth0 10.0.0.2/24 "" p2 -
vsctl add-br br0 -- add-port br0 p1 -- add-port br0 p2 ||
    fail "add-br/add-port"
assert_eq "1" "$(vsctl get Interface p1 ofport)" "p1 ofport"
assert_eq "2" "$(vsctl get Interface p2 ofport)" "p2 ofport"
out=$(ofctl dump-flows br0 --no-stats)
echo "$out"
assert_match "^ *priority=0 actions=NORMAL$" "$out" "default flow"

step "ping through NORMAL"
poll_until 20 ping_ok vm1 10.0.0.2 1 || fail "no ping through NORMAL"
ping_ok vm1 10.0.0.2 5 || fail "ping through NORMAL loses packets"
"$OVS_DPCTL" dump-flows

step "an ICMP drop rule stops the ping"
ofctl add-flow br0 priority=100,icmp,actions=drop || fail "add-flow"
poll_until 5 ping_fails vm1 10.0.0.2 ||
    fail "ping still works 5 s after the drop rule"
appctl ovs-vswitchd revalidator/wait
before=$(ofctl_packets br0 icmp)
ns vm1 ping -q -c 5 -i 0.2 -W 1 10.0.0.2 > /dev/null &&
    fail "ping passed the drop rule"
appctl ovs-vswitchd revalidator/wait
after=$(ofctl_packets br0 icmp)
echo "drop rule counted $before, then $after"
assert_eq 5 $((after - before)) "packets counted by the drop rule"

step "deleting the rule restores the ping"
ofctl del-flows br0 --strict priority=100,icmp || fail "del-flows"
poll_until 5 ping_ok vm1 10.0.0.2 1 ||
    fail "ping does not come back 5 s after deleting the drop rule"
out=$(ofctl dump-flows br0 --no-stats)
assert_eq " priority=0 actions=NORMAL" "$out" "flow table after delete"
