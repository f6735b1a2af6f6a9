#!/bin/bash
# Proves that the sandbox works: the kernel accepts a TC flower rule and
# counts real traffic through it, and our ovs-vswitchd starts, answers
# ovs-appctl and exits when told to.
#
# The kernel part comes first so that a kernel problem (a missing module,
# see harness-missing-module.sh) shows up the same way whether or not the
# daemon is built.
. "$SRCDIR/tests/system/lib.sh"

step "two namespaces joined by a veth pair"
netns_add vm1
netns_add vm2
veth_add vm1 v1 10.0.0.1/24 vm2 v2 10.0.0.2/24

step "flower rule on the ingress of v2"
ns vm2 tc qdisc add dev v2 ingress
ns vm2 tc filter add dev v2 ingress protocol ip prio 1 \
        flower skip_hw dst_ip 10.0.0.2 action gact pass ||
    fail "the kernel refused a flower filter"
ns vm2 tc filter show dev v2 ingress

step "ping 10.0.0.2 from vm1"
ns vm1 ping -c 5 -i 0.2 -W 2 10.0.0.2 || fail "ping failed"

step "the rule counted the echo requests"
packets=$(tc_packets vm2 v2 1)
echo "filter prio 1 on v2: $packets packets"
assert_ge 5 "$packets" "packets counted by the flower rule"

step "start ovs-vswitchd"
start_daemon "$OVS_VSWITCHD"
pid=$DAEMON_PID
echo "ovs-vswitchd runs as pid $pid"
[[ -S $OVS_RUNDIR/ovs-vswitchd.$pid.ctl ]] ||
    fail "no control socket $OVS_RUNDIR/ovs-vswitchd.$pid.ctl"

step "ovs-appctl version"
version=$(appctl ovs-vswitchd version) || fail "ovs-appctl version failed"
echo "$version"
assert_match '^ovs-vswitchd \(ovs-tc\) ' "${version%%$'\n'*}" \
    "first line of 'ovs-appctl version'"

step "ovs-appctl exit"
appctl ovs-vswitchd exit || fail "ovs-appctl exit failed"
poll_until 10 pid_gone "$pid" || fail "ovs-vswitchd (pid $pid) did not exit"
echo "ovs-vswitchd has exited"
