#!/bin/bash
# sandbox-timeout: 240
#
# NORMAL with VLANs: access ports (Port tag=10, tag=20) are isolated from
# each other; a trunk port carries both VLANs, tagged, to a namespace with
# one 802.1Q sub-interface per VLAN.  Everything is in one IP subnet, so
# only the VLANs separate the hosts.
. "$SRCDIR/tests/system/lib.sh"

step "switch with two access ports in VLAN 10, one in VLAN 20, a trunk"
start_switch
for n in a10 b10 c20 trunk; do
    netns_add $n
done
veth_add a10 eth0 10.0.0.1/24 "" pa10 -
veth_add b10 eth0 10.0.0.2/24 "" pb10 -
veth_add c20 eth0 10.0.0.3/24 "" pc20 -
veth_add trunk eth0 - "" ptr -
ns trunk ip link add link eth0 name eth0.10 type vlan id 10
ns trunk ip link add link eth0 name eth0.20 type vlan id 20
ns trunk ip addr add 10.0.0.11/24 dev eth0.10
ns trunk ip addr add 10.0.0.12/24 dev eth0.20
ns trunk ip link set eth0.10 up
ns trunk ip link set eth0.20 up
# Both sub-interfaces are in 10.0.0.0/24: send what is for c20 (VLAN 20)
# out of eth0.20, and answer ARP only on the interface that has the
# address, so the trunk host does not bridge the VLANs itself.
ns trunk ip route add 10.0.0.3/32 dev eth0.20
ns trunk sysctl -q -w net.ipv4.conf.all.arp_ignore=1
vsctl add-br br0 \
    -- add-port br0 pa10 tag=10 -- add-port br0 pb10 tag=10 \
    -- add-port br0 pc20 tag=20 -- add-port br0 ptr ||
    fail "add-br/add-port"

step "same VLAN: access to access, access to trunk"
poll_until 20 ping_ok a10 10.0.0.2 1 || fail "a10 -> b10 (VLAN 10)"
ping_ok a10 10.0.0.11 || fail "a10 -> trunk eth0.10"
ping_ok c20 10.0.0.12 || fail "c20 -> trunk eth0.20"
ping_ok trunk 10.0.0.2 || fail "trunk eth0.10 -> b10"

step "different VLANs are isolated"
ping_fails a10 10.0.0.3 || fail "a10 (VLAN 10) reached c20 (VLAN 20)"
ping_fails c20 10.0.0.2 || fail "c20 (VLAN 20) reached b10 (VLAN 10)"
ping_fails a10 10.0.0.12 || fail "a10 (VLAN 10) reached trunk eth0.20"

step "what the trunk receives is tagged, what access ports get is not"
fdb=$(appctl ovs-vswitchd fdb/show br0)
echo "$fdb"
assert_match " 10  $(ns a10 cat /sys/class/net/eth0/address)" "$fdb" \
    "a10 learned in VLAN 10"
assert_match " 20  $(ns c20 cat /sys/class/net/eth0/address)" "$fdb" \
    "c20 learned in VLAN 20"
flows=$("$OVS_DPCTL" dump-flows)
echo "$flows"
assert_match "push_vlan\\(vid=10" "$flows" "a datapath flow tags VLAN 10"
assert_match "pop_vlan" "$flows" "a datapath flow untags"

step "a trunk limited to VLAN 20 no longer carries VLAN 10"
vsctl set Port ptr trunks=20
poll_until 5 ping_fails a10 10.0.0.11 ||
    fail "VLAN 10 still reaches the trunk after trunks=20"
ping_ok c20 10.0.0.12 || fail "VLAN 20 lost on the trunk"
