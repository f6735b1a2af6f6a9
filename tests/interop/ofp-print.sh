#!/bin/bash
#
# Copyright (c) 2026 The ovs-tc authors.
# Licensed under the Apache License, Version 2.0.
#
# Our OpenFlow encoders against the stock decoder: every sample message
# that tests/unit/test-ofp-msgs builds (one per message type and version)
# goes through stock "ovs-ofctl ofp-print", whose text must match
# tests/interop/ofp-print.expected exactly (hex dumps left out).  The other
# direction, stock ovs-ofctl's own messages through our decoders, is in the
# unit test (captured fixtures).
#
# Exit status: 0 pass, 1 fail, 77 skip (no stock ovs-ofctl), 99 setup
# error.  Run by "make check" from the top of the build tree.

set -u

STOCK_OFCTL=/usr/bin/ovs-ofctl
srcdir=${srcdir:-.}
DUMPER=./tests/unit/test-ofp-msgs
EXPECTED=$srcdir/tests/interop/ofp-print.expected

if [ ! -x "$STOCK_OFCTL" ]; then
    echo "SKIP: $STOCK_OFCTL is not installed"
    exit 77
fi
if [ ! -x "$DUMPER" ] || [ ! -r "$EXPECTED" ]; then
    echo "ERROR: need $DUMPER (build it) and $EXPECTED"
    exit 99
fi

actual=$(mktemp)
trap 'rm -f "$actual"' EXIT

"$DUMPER" --dump | while read -r name hex; do
    echo "== $name"
    "$STOCK_OFCTL" ofp-print "$hex" 2>&1 | grep -v '^[0-9a-f]\{8\}  '
done > "$actual"

if ! diff -u "$EXPECTED" "$actual"; then
    echo "FAIL: stock ovs-ofctl ofp-print disagrees with our encoders"
    exit 1
fi
n=$(grep -c '^== ' "$actual")
echo "PASS: $n messages decoded by stock ovs-ofctl as expected"
exit 0
