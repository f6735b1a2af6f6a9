#!/bin/bash
# The netlink layer (lib/netlink.c, lib/netlink-socket.c) against the real
# kernel: generic netlink family and group resolution, an rtnetlink dump,
# a batch with per-request results, extended-ack messages from rtnetlink,
# TC and the openvswitch module, request/reply and dumps over generic
# netlink, multicast notifications, and batches that overflow the receive
# buffer.  tests/system/test-netlink-kernel does the checking; this
# scenario runs it and then verifies on kernel state that it cleaned up.
# sandbox-timeout: 120
. "$SRCDIR/tests/system/lib.sh"

prog=$BUILDDIR/tests/system/test-netlink-kernel
require_prog "$prog"

step "run test-netlink-kernel"
rc=0
output=$("$prog" 2>&1) || rc=$?
echo "$output"

step "verify its report"
if grep -q 'ASan cannot proceed' <<< "$output"; then
    # The UML kernel gives processes too small an address space for
    # AddressSanitizer's shadow memory.
    skip "AddressSanitizer builds cannot run in the UML sandbox"
fi
if grep -q '^FAIL:' <<< "$output"; then
    fail "test-netlink-kernel reported failures: $(grep '^FAIL:' \
        <<< "$output" | tr '\n' ';')"
fi
(( rc == 0 )) || fail "test-netlink-kernel exited with status $rc"

# The checks this scenario exists for must have run and passed, not just
# not failed.
qdisc_msg="\"Parent Qdisc doesn't exists\""
for expected in \
    'ok: family ovs_datapath resolves' \
    'ok: family ovs_vport resolves' \
    'ok: family ovs_flow resolves' \
    'ok: family ovs_packet resolves' \
    'ok: link dump finds lo with ifindex 1' \
    'ok: batch: 3 requests in 1 sendmsg call(s)' \
    'ok: batch request 1 (name too long) fails with ERANGE' \
    "ok: flower filter without ingress qdisc: EINVAL with extack $qdisc_msg" \
    'ok: ovs_datapath rejects an overlong name: EINVAL with extack' \
    'ok: multicast: OVS_VPORT_CMD_NEW notification' \
    'ok: multicast: RTM_NEWLINK notification' \
    'ok: get datapath nltest-dp: reply names it' \
    'ok: vport dump lists nltest-dp (port 0) and nltest-p1' \
    'ok: .* chunks within a small receive buffer: 0 wrong results' \
    'ok: .* overflow the receive buffer: .* 0 wrong' \
    'ok: socket usable after the overrun' \
    '^0 failure(s)$'
do
    grep -q -e "$expected" <<< "$output" ||
        fail "missing from the report: $expected"
done

step "the kernel state is clean afterwards"
if ip link show nltest-d0 > /dev/null 2>&1; then
    fail "dummy device nltest-d0 was left behind"
fi
if ip link show nltest-dp > /dev/null 2>&1; then
    fail "datapath nltest-dp was left behind"
fi
if [[ -n $(tc filter show dev lo ingress 2> /dev/null) ]]; then
    fail "a TC filter was left on lo"
fi
echo "no leftovers"
