#!/bin/bash
#
# Copyright (c) 2026 The ovs-tc authors.
# Licensed under the Apache License, Version 2.0.
#
# Malformed OpenFlow against our ovs-vswitchd (dummy datapath): every
# truncation of every message of the OpenFlow fuzz corpus, and hand-made
# bad messages, go to br0's management socket (tests/interop/ofp_abuse.py
# says what is expected).  Afterwards the daemon still runs, a connection
# opened before the abuse is still served, and a flow added before it is
# still there.  SWITCH=stock runs the same against stock Open vSwitch.
#
# Exit status: 0 pass, 1 fail, 77 skip, 99 setup error.

. "$(dirname "$0")/switch-lib.sh"

switch_start "${SWITCH:-ours}"
VSCTL add-br br0 || { echo "FAIL: add-br"; exit 1; }
for _ in $(seq 100); do
    [ -S "$SW_DIR/br0.mgmt" ] && break
    sleep 0.1
done
[ -S "$SW_DIR/br0.mgmt" ] || { echo "FAIL: no br0.mgmt"; exit 1; }

OFCTL=$builddir/utilities/ovs-ofctl
[ "${SWITCH:-ours}" = stock ] && OFCTL=/usr/bin/ovs-ofctl
sentinel="table=200,priority=123,cookie=0x5e5e,ip,nw_dst=192.0.2.1,actions=drop"
"$OFCTL" add-flow br0 "$sentinel" || { echo "FAIL: add-flow"; exit 1; }

python3 "$testdir/ofp_abuse.py" "$SW_DIR/br0.mgmt" \
    "$top_srcdir/tests/fuzz/corpus/ofp" || exit 1

pid=$(cat "$SW_DIR/ovs-vswitchd.pid")
if ! kill -0 "$pid" 2> /dev/null; then
    echo "FAIL: ovs-vswitchd died"
    tail -20 "$SW_DIR/ovs-vswitchd.log"
    exit 1
fi
out=$("$OFCTL" dump-flows br0 table=200 --no-stats)
want=" cookie=0x5e5e, table=200, priority=123,ip,nw_dst=192.0.2.1 actions=drop"
if [ "$out" != "$want" ]; then
    echo "FAIL: the flow added before the abuse:"
    echo "  got:  $out"
    echo "  want: $want"
    exit 1
fi
echo "PASS: malformed OpenFlow refused, daemon and flows intact"
