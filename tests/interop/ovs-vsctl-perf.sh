#!/bin/bash
#
# Copyright (c) 2026 The ovs-tc authors.
# Licensed under the Apache License, Version 2.0.
#
# Times N (default 1000) sequential "ovs-vsctl --no-wait add-port"
# invocations of our ovs-vsctl and of the stock one, each against a fresh
# database served by the stock ovsdb-server.  Not part of "make check";
# run by hand from the top build directory:
#     tests/interop/ovs-vsctl-perf.sh [N]

set -u
N=${1:-1000}
STOCK_VSCTL=/usr/bin/ovs-vsctl
STOCK_SERVER=/usr/sbin/ovsdb-server
STOCK_TOOL=/usr/bin/ovsdb-tool
STOCK_SCHEMA=/usr/share/openvswitch/vswitch.ovsschema
for prog in "$STOCK_VSCTL" "$STOCK_SERVER" "$STOCK_TOOL"; do
    [ -x "$prog" ] || { echo "SKIP: $prog is not installed"; exit 77; }
done
OUR_VSCTL=${abs_top_builddir:-$PWD}/utilities/ovs-vsctl
if [ ! -x "$OUR_VSCTL" ]; then
    echo "ERROR: run from the top build directory"
    exit 99
fi

dir=$(mktemp -d /tmp/ovstc-vsctl-perf.XXXXXX) || exit 99
pid=
trap '[ -n "$pid" ] && kill $pid 2>/dev/null; wait; rm -rf "$dir"' EXIT

run () {
    local vsctl=$1 i start end
    rm -f "$dir/conf.db" "$dir/db.sock"
    "$STOCK_TOOL" create "$dir/conf.db" "$STOCK_SCHEMA" || exit 99
    "$STOCK_SERVER" "$dir/conf.db" --remote="punix:$dir/db.sock" \
        --unixctl="$dir/ctl" --log-file="$dir/log" > /dev/null 2>&1 &
    pid=$!
    for i in $(seq 100); do [ -S "$dir/db.sock" ] && break; sleep 0.05; done
    "$vsctl" --db="unix:$dir/db.sock" --no-wait add-br br0 || exit 1
    start=$(date +%s.%N)
    for i in $(seq "$N"); do
        "$vsctl" --db="unix:$dir/db.sock" --no-wait add-port br0 "p$i" \
            || exit 1
    done
    end=$(date +%s.%N)
    [ "$("$STOCK_VSCTL" --db="unix:$dir/db.sock" list-ports br0 | wc -l)" \
      -eq "$N" ] || { echo "FAIL: port count"; exit 1; }
    kill $pid; wait $pid 2>/dev/null; pid=
    echo "$start $end" | awk '{printf "%.1f", $2 - $1}'
}

ours=$(run "$OUR_VSCTL")
stock=$(run "$STOCK_VSCTL")
echo "$N sequential add-port: ours ${ours}s, stock ${stock}s"
