#!/bin/bash
# sandbox-timeout: 240
#
# Restarting ovs-vswitchd under traffic.  Two namespaces on br0 ping each
# other at 100 packets per second while the daemon exits (without
# --cleanup) and starts again.  The kernel keeps forwarding with the flows
# it has; the new daemon adopts them instead of flushing them: the
# datapath flow of the ping keeps its UFID and its packet counter only
# grows.  Forwarding needs no manual step afterwards.
. "$SRCDIR/tests/system/lib.sh"

step "switch, two VMs, ping"
netns_add vm1
netns_add vm2
veth_add vm1 eth0 10.0.0.1/24 "" p1 -
veth_add vm2 eth0 10.0.0.2/24 "" p2 -
start_switch
vsctl add-br br0 -- add-port br0 p1 -- add-port br0 p2 || fail "add-br"
poll_until 20 ping_ok vm1 10.0.0.2 1 || fail "no ping through NORMAL"

m1=$(ns vm1 cat /sys/class/net/eth0/address)
m2=$(ns vm2 cat /sys/class/net/eth0/address)

# icmp_flow: "UFID PACKETS" of the datapath flow that carries vm1's
# IPv4 packets to vm2 (NORMAL's megaflow: Ethernet addresses and type).
icmp_flow() {
    "$OVS_DPCTL" dump-flows -m |
        grep "eth(src=$m1,dst=$m2),eth_type(0x0800)" |
        sed -n 's/^\(ufid:[0-9a-f-]*\).* packets:\([0-9]*\),.*/\1 \2/p' |
        head -1
}

step "restart under a 100 pps ping"
ns vm1 ping -q -i 0.01 -c 500 -W 1 10.0.0.2 > "$OVS_LOGDIR/ping.out" &
ping_pid=$!
nap 1
read -r ufid1 n1 <<< "$(icmp_flow)"
echo "before: $ufid1 packets $n1"
[[ -n $ufid1 ]] || fail "no datapath flow for the ping"
appctl ovs-vswitchd exit || fail "exit"
poll_until 10 pid_gone "$VSWITCHD_PID" || fail "ovs-vswitchd did not exit"
read -r ufid2 n2 <<< "$(icmp_flow)"
echo "daemon gone: $ufid2 packets $n2"
assert_eq "$ufid1" "$ufid2" "the flow survives the daemon's exit"
start_vswitchd
appctl ovs-vswitchd revalidator/wait
read -r ufid3 n3 <<< "$(icmp_flow)"
echo "after restart: $ufid3 packets $n3"
assert_eq "$ufid1" "$ufid3" "the new daemon kept the flow (same UFID)"
assert_ge "$n2" "$n3" "the flow's packet counter"
wait $ping_pid || :
cat "$OVS_LOGDIR/ping.out"
[[ $(cat "$OVS_LOGDIR/ping.out") =~ ([0-9]+)\ packets\ transmitted,\ ([0-9]+)\ received ]] ||
    fail "cannot read ping statistics"
echo "restart: ${BASH_REMATCH[1]} sent, ${BASH_REMATCH[2]} received"
assert_ge 495 "${BASH_REMATCH[2]}" "answered across the restart (at most 5 lost)"

step "forwarding and configuration work afterwards"
ping_ok vm1 10.0.0.2 3 || fail "ping after the restart"
assert_eq "1" "$(vsctl get Interface p1 ofport)" "p1 keeps its ofport"
assert_eq "2" "$(vsctl get Interface p2 ofport)" "p2 keeps its ofport"
ofctl add-flow br0 priority=100,icmp,actions=drop || fail "add-flow"
poll_until 5 ping_fails vm1 10.0.0.2 || fail "new rule not applied"
