#!/bin/bash
# sandbox-timeout: 240
#
# Port swap for VM live migration.  The "VM" is a namespace whose
# interface is an active-backup bond of two legs with one MAC: leg A
# reaches the switch through a port of type "tap" (a veth end standing in
# for the virtio/tap device), leg B through a veth end standing in for the
# VF representor.  While a peer pings the VM at 100 packets per second,
# one ovs-vsctl transaction deletes the tap port and adds the
# representor with the same ofport_request, and the VM fails over to leg
# B.  Few packets may be lost; the OpenFlow rules naming the port are
# unchanged; the datapath flows of the old port are gone.
. "$SRCDIR/tests/system/lib.sh"

step "VM with a failover bond, peer, switch"
netns_add vm
netns_add peer
veth_add vm legA - "" tap0 -
veth_add vm legB - "" rep0 -
ns vm ip link add bond0 type bond mode active-backup miimon 50
ns vm ip link set legA down
ns vm ip link set legB down
ns vm ip link set legA master bond0
ns vm ip link set legB master bond0
ns vm ip link set bond0 type bond active_slave legA
ns vm ip addr add 10.0.0.1/24 dev bond0
ns vm ip link set bond0 up
veth_add peer eth0 10.0.0.2/24 "" pp -
start_switch
vsctl add-br br0 -- add-port br0 pp -- set Interface pp ofport_request=1 \
    -- add-port br0 tap0 -- set Interface tap0 type=tap ofport_request=5 ||
    fail "add-br"
assert_eq 5 "$(vsctl get Interface tap0 ofport)" "tap0 ofport"
# OpenFlow rules that name the VM's port by number.
ofctl add-flow br0 "priority=10,in_port=5,actions=output:1" ||
    fail "add-flow 5->1"
ofctl add-flow br0 "priority=10,in_port=1,actions=output:5" ||
    fail "add-flow 1->5"
rules_before=$(ofctl dump-flows br0 --no-stats)
echo "$rules_before"
poll_until 20 ping_ok peer 10.0.0.1 1 || fail "no ping to the VM over tap0"

# port_has_ofport IFACE N: Interface IFACE has OpenFlow port N.
port_has_ofport() {
    [[ $(vsctl get Interface "$1" ofport 2> /dev/null) == "$2" ]]
}

# ufids_of_port NAME: the UFIDs of the datapath flows whose in_port is the
# datapath port NAME (a sed pattern; "dump-flows -m" names ports).
ufids_of_port() {
    "$OVS_DPCTL" dump-flows -m |
        sed -n "s/^\(ufid:[0-9a-f-]*\).*[ ,]in_port($1),.*/\1/p" | sort
}

tap_odp=$(sed -n 's/^  port \([0-9]*\): tap0.*/\1/p' <<< "$("$OVS_DPCTL" show)")
assert_match '^[0-9]+$' "$tap_odp" "tap0's datapath port"
old_ufids=$(ufids_of_port tap0)
echo "flows of tap0 (datapath port $tap_odp): $old_ufids"
[[ -n $old_ufids ]] || {
    "$OVS_DPCTL" dump-flows -m
    fail "no datapath flows for tap0 before the swap"
}

# vm_tx: packets the switch has sent towards the VM on either leg.
vm_tx() {
    echo $(( $(cat /sys/class/net/tap0/statistics/tx_packets)
             + $(cat /sys/class/net/rep0/statistics/tx_packets) ))
}

step "swap tap0 for rep0 under a 100 pps ping"
tx0=$(vm_tx)
ns peer ping -q -i 0.01 -c 400 -W 1 10.0.0.1 > "$OVS_LOGDIR/ping.out" &
ping_pid=$!
nap 1
# The VM fails over as the switch swaps the ports: --no-wait, so the
# bond moves while ovs-vswitchd applies the transaction (a real VM's
# failover driver reacts to the VF appearing, not to ovs-vsctl).
vsctl --no-wait del-port br0 tap0 -- add-port br0 rep0 \
    -- set Interface rep0 ofport_request=5 || fail "swap transaction"
ns vm ip link set bond0 type bond active_slave legB
poll_until 10 port_has_ofport rep0 5 || fail "rep0 did not get port 5"
wait $ping_pid || :
grep -c "no answer" "$OVS_LOGDIR/ping.out" || :
[[ $(cat "$OVS_LOGDIR/ping.out") =~ ([0-9]+)\ packets\ transmitted,\ ([0-9]+)\ received ]] ||
    fail "cannot read ping statistics"
sent=${BASH_REMATCH[1]}
rcvd=${BASH_REMATCH[2]}
echo "swap: $sent sent, $rcvd received, $((sent - rcvd)) lost end to end"
# The switch's share: every echo request must have been sent towards the
# VM, on tap0 before the swap or rep0 after it (the veths count what the
# switch transmitted into them).
fwd=$(( $(vm_tx) - tx0 ))
echo "the switch sent $fwd packets towards the VM for $sent requests"
assert_ge $((sent - 2)) "$fwd" "packets sent towards the VM across the swap"
# The rest of the end-to-end loss is the VM's bond failing over (started
# by a process in this one-CPU sandbox after ovs-vsctl returns).
assert_ge $((sent - 50)) "$rcvd" "answered across the swap"

step "rules unchanged, traffic on rep0, nothing left for tap0"
assert_eq 5 "$(vsctl get Interface rep0 ofport)" "rep0 ofport"
assert_eq "$rules_before" "$(ofctl dump-flows br0 --no-stats)" \
    "OpenFlow rules after the swap"
ping_ok peer 10.0.0.1 5 || fail "ping after the swap"
"$OVS_DPCTL" show
if "$OVS_DPCTL" show | grep -q ': tap0'; then
    fail "tap0 is still a datapath port"
fi
appctl ovs-vswitchd revalidator/wait
new_ufids=$(ufids_of_port '[^)]*')
echo "flows after the swap: $new_ufids"
rep_odp=$(sed -n 's/^  port \([0-9]*\): rep0.*/\1/p' <<< "$("$OVS_DPCTL" show)")
# The kernel may give rep0 the number tap0 had; a flow of tap0's is then
# indistinguishable from a valid flow of rep0's (same key, same UFID).
if [[ $rep_odp != "$tap_odp" ]]; then
    left=$(comm -12 <(echo "$old_ufids") <(echo "$new_ufids"))
    assert_eq "" "$left" "datapath flows of tap0 left after the swap"
fi
[[ -n $(ufids_of_port rep0) ]] || fail "no datapath flows for rep0"
