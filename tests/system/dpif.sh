#!/bin/bash
# sandbox-timeout: 240
#
# The datapath interface (datapath/dpif.h) over the real openvswitch
# module: a datapath with two veth ports whose peers sit in two
# namespaces, exact flows both ways put by UFID, dumps (full and terse),
# get, execute; flow counters equal to ping's packet count; modify keeps
# the counters, ZERO_STATS clears them, delete and flush; MISS upcalls with
# the right key in per-CPU and per-vport dispatch and ACTION upcalls;
# kernel errors with their extended-ack text; tunnel ports; and single
# versus batched flow puts.  tests/system/test-dpif-kernel does each step.
. "$SRCDIR/tests/system/lib.sh"

prog=$BUILDDIR/tests/system/test-dpif-kernel
require_prog "$prog"

DP=dpif-test
MAC1=02:00:00:00:01:01
MAC2=02:00:00:00:01:02
IP1=10.1.0.1
IP2=10.1.0.2
N_PINGS=5
# 10,000 for the figures in the report; fewer by default, to keep the
# suite fast (each put costs about a millisecond in the sandbox):
#   make check-system TESTS_SYSTEM=dpif SANDBOX_PASSENV=DPIF_BENCH_FLOWS \
#        DPIF_BENCH_FLOWS=10000
N_BENCH=${DPIF_BENCH_FLOWS:-2000}

# run STEP ARGS...: runs one step of the driver, shows its output, and
# fails the scenario if the step reported a failure.
run() {
    local out rc=0
    out=$("$prog" "$@" 2>&1) || rc=$?
    echo "$out"
    if grep -q 'ASan cannot proceed' <<< "$out"; then
        skip "AddressSanitizer builds cannot run in the UML sandbox"
    fi
    if grep -q '^FAIL:' <<< "$out"; then
        fail "step '$1' reported: $(grep '^FAIL:' <<< "$out" | tr '\n' ';')"
    fi
    (( rc == 0 )) || fail "step '$1' exited with status $rc"
    LAST_OUTPUT=$out
}

# expect TEXT: the last step's output has a line matching TEXT.
expect() {
    grep -q -e "$1" <<< "$LAST_OUTPUT" || fail "missing from the output: $1"
}

rx_packets() {
    local n
    n=$(ip netns exec "$1" cat "/sys/class/net/$2/statistics/rx_packets")
    echo "$n"
}

step "namespaces ns1 ($IP1) and ns2 ($IP2), veth peers dp1 and dp2"
netns_add ns1
netns_add ns2
veth_add ns1 v1 - "" dp1 -
veth_add ns2 v2 - "" dp2 -
ip -n ns1 link set v1 down
ip -n ns2 link set v2 down
ip -n ns1 link set v1 address $MAC1
ip -n ns2 link set v2 address $MAC2
ip -n ns1 link set v1 up
ip -n ns2 link set v2 up
ip -n ns1 addr add $IP1/24 dev v1
ip -n ns2 addr add $IP2/24 dev v2
# Static neighbours: the only traffic is what the test sends.
ip -n ns1 neigh add $IP2 lladdr $MAC2 dev v1 nud permanent
ip -n ns2 neigh add $IP1 lladdr $MAC1 dev v2 nud permanent
for dev in dp1 dp2; do
    sysctl -q -w "net.ipv6.conf.$dev.disable_ipv6=1" 2> /dev/null || :
done
on_exit "$prog" delete $DP

step "datapath, ports, flows both ways, dumps, get, execute"
rx_before=$(rx_packets ns2 v2)
run setup $DP dp1 dp2 $MAC1 $MAC2
expect '^features: per_cpu_dispatch='
rx_after=$(rx_packets ns2 v2)
assert_eq $(( rx_before + 1 )) "$rx_after" \
    "packets received by v2 after execute"

step "ping through the flows; their counters equal the ping count"
ns ns1 ping -q -c $N_PINGS -i 0.2 -W 2 $IP2 ||
    fail "ping $IP1 -> $IP2 through the datapath failed"
run stats $DP dp1 dp2 $N_PINGS

step "MISS and ACTION upcalls, per-CPU dispatch"
run upcall $DP dp1 per-cpu $MAC1 $MAC2 $IP1 $IP2 -- \
    ip netns exec ns1 ping -q -c 1 -W 1 $IP2
if ! grep -q '^skip:' <<< "$LAST_OUTPUT"; then
    expect '^ok: per-cpu: MISS upcall'
    expect '^ok: per-cpu: ACTION upcall'
fi

step "MISS and ACTION upcalls, per-vport dispatch, 1 and 3 handlers"
for mode in per-vport per-vport:3; do
    run upcall $DP dp1 $mode $MAC1 $MAC2 $IP1 $IP2 -- \
        ip netns exec ns1 ping -q -c 1 -W 1 $IP2
    expect "^ok: $mode: MISS upcall"
    expect "^ok: $mode: ACTION upcall"
done

step "kernel errors and their extended-ack text"
run errors $DP
# (Linux 6.1 explains only generic-netlink policy failures; the
# openvswitch module's own checks log to the kernel log instead.)
expect '^ok: create a datapath with an overlong name: Invalid argument '\
'(kernel: .'

step "tunnel ports: vxlan (UDP 4789 and 4790), geneve, gre"
run tunnel $DP

step "$N_BENCH flow puts, one by one and batched"
run bench $DP "$N_BENCH"
expect "^bench: $N_BENCH flow puts: single"

step "delete the datapath"
run delete $DP
if ip link show $DP > /dev/null 2>&1; then
    fail "datapath device $DP left behind"
fi
