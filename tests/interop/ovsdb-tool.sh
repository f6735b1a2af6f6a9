#!/bin/bash
#
# Copyright (c) 2026 The ovs-tc authors.
# Licensed under the Apache License, Version 2.0.
#
# Database files shared with a stock Open vSwitch on the host:
#   - a file made by stock "ovsdb-tool create" and "transact" is read by our
#     ovsdb-tool with the same output (show-log, db-version, db-name,
#     db-cksum, query);
#   - a file made and written by our ovsdb-tool is read by stock ovsdb-tool
#     (db-version, show-log, query) with the same results;
#   - our compaction is readable by stock, and the two tools respect each
#     other's lock.
#
# Exit status: 0 pass, 1 fail, 77 skip (no stock ovsdb-tool), 99 setup
# error.  Run by "make check" from the top of the build tree.

set -u

STOCK_TOOL=/usr/bin/ovsdb-tool
STOCK_SCHEMA=/usr/share/openvswitch/vswitch.ovsschema

if [ ! -x "$STOCK_TOOL" ]; then
    echo "SKIP: $STOCK_TOOL is not installed"
    exit 77
fi
if [ ! -e "$STOCK_SCHEMA" ]; then
    echo "ERROR: $STOCK_SCHEMA is missing although $STOCK_TOOL is installed"
    exit 99
fi

# Our ovsdb-tool by build-tree path, never through $PATH.
find_builddir () {
    local d
    for d in "${abs_top_builddir:-}" "$PWD" "$(dirname "$0")/../.."; do
        if [ -n "$d" ] && [ -x "$d/ovsdb/ovsdb-tool" ]; then
            (cd "$d" && pwd)
            return 0
        fi
    done
    return 1
}
if ! builddir=$(find_builddir); then
    echo "ERROR: cannot find the built ovsdb/ovsdb-tool" \
         "(run from the top build directory)"
    exit 99
fi
OUR_TOOL=$builddir/ovsdb/ovsdb-tool

dir=$(mktemp -d /tmp/ovstc-dbtool.XXXXXX) || exit 99
trap 'rm -rf "$dir"' EXIT
trap 'exit 1' INT TERM HUP

n_failures=0
n_checks=0
pass () { n_checks=$((n_checks + 1)); echo "ok: $*"; }
fail () {
    n_checks=$((n_checks + 1))
    n_failures=$((n_failures + 1))
    echo "FAIL: $*"
}
check_eq () {
    if [ "$2" = "$3" ]; then
        pass "$1"
    else
        fail "$1: expected [$2], got [$3]"
    fi
}

# The same transactions for both tools.
TXN1='["Open_vSwitch",
  {"op": "insert", "table": "Open_vSwitch", "uuid-name": "o",
   "row": {"other_config": ["map", [["hw-offload", "true"], ["b", "2"]]],
           "next_cfg": 5, "bridges": ["named-uuid", "br"]}},
  {"op": "insert", "table": "Bridge", "uuid-name": "br",
   "row": {"name": "br0", "fail_mode": "secure",
           "protocols": ["set", ["OpenFlow10", "OpenFlow13"]]}},
  {"op": "comment", "comment": "add br0"}]'
TXN2='["Open_vSwitch",
  {"op": "update", "table": "Open_vSwitch", "where": [],
   "row": {"other_config": ["map", [["hw-offload", "false"], ["c", "3"]]],
           "next_cfg": 6}},
  {"op": "update", "table": "Bridge", "where": [],
   "row": {"fail_mode": "standalone",
           "protocols": ["set", ["OpenFlow13", "OpenFlow14"]]}}]'
TXN3='["Open_vSwitch",
  {"op": "insert", "table": "Bridge", "uuid-name": "b1",
   "row": {"name": "br1"}},
  {"op": "mutate", "table": "Open_vSwitch", "where": [],
   "mutations": [["bridges", "insert", ["set", [["named-uuid", "b1"]]]]]}]'
TXN4='["Open_vSwitch",
  {"op": "mutate", "table": "Open_vSwitch", "where": [],
   "mutations": [["bridges", "delete",
                  ["set", []]], ["next_cfg", "+=", 1]]},
  {"op": "update", "table": "Open_vSwitch", "where": [],
   "row": {"bridges": ["set", []]}}]'
QUERY='["Open_vSwitch",
  {"op": "select", "table": "Open_vSwitch", "where": [],
   "columns": ["other_config", "next_cfg"]},
  {"op": "select", "table": "Bridge", "where": [],
   "columns": ["name", "fail_mode", "protocols"]}]'

# apply TOOL DB: runs the four transactions with TOOL.
apply () {
    local t
    for t in "$TXN1" "$TXN2" "$TXN3" "$TXN4"; do
        if ! "$1" transact "$2" "$t" > "$dir/out" 2>&1 \
           || grep -q '"error"' "$dir/out"; then
            fail "$1 transact on $2: $(cat "$dir/out")"
            return 1
        fi
    done
    return 0
}

echo "== a stock file read by our ovsdb-tool"
"$STOCK_TOOL" create "$dir/stock.db" "$STOCK_SCHEMA" || exit 99
for cmd in db-version db-name db-cksum show-log; do
    check_eq "$cmd of a fresh stock file" \
             "$("$STOCK_TOOL" $cmd "$dir/stock.db")" \
             "$("$OUR_TOOL" $cmd "$dir/stock.db")"
done
for cmd in schema-version schema-name schema-cksum; do
    check_eq "$cmd of the stock schema" \
             "$("$STOCK_TOOL" $cmd "$STOCK_SCHEMA")" \
             "$("$OUR_TOOL" $cmd "$STOCK_SCHEMA")"
done
if apply "$STOCK_TOOL" "$dir/stock.db"; then
    pass "stock transactions"
fi
check_eq "show-log of stock transactions" \
         "$("$STOCK_TOOL" show-log "$dir/stock.db")" \
         "$("$OUR_TOOL" show-log "$dir/stock.db")"
check_eq "show-log -m of stock transactions" \
         "$("$STOCK_TOOL" -m show-log "$dir/stock.db")" \
         "$("$OUR_TOOL" show-log -m "$dir/stock.db")"
check_eq "query of a stock file" \
         "$("$STOCK_TOOL" query "$dir/stock.db" "$QUERY")" \
         "$("$OUR_TOOL" query "$dir/stock.db" "$QUERY")"

echo "== our file read by stock ovsdb-tool"
"$OUR_TOOL" create "$dir/our.db" "$STOCK_SCHEMA"
check_eq "our create: status" 0 "$?"
for cmd in db-version db-name db-cksum; do
    check_eq "stock $cmd of our file" \
             "$("$STOCK_TOOL" $cmd "$dir/stock.db")" \
             "$("$STOCK_TOOL" $cmd "$dir/our.db")"
done
if apply "$OUR_TOOL" "$dir/our.db"; then
    pass "our transactions"
fi
check_eq "stock query of our file equals stock query of its own" \
         "$("$STOCK_TOOL" query "$dir/stock.db" "$QUERY")" \
         "$("$STOCK_TOOL" query "$dir/our.db" "$QUERY")"
# Stock prints the tables and rows of a record in its own hash order,
# not in file order, so compare these outputs as sorted lines.
check_eq "stock show-log -m of our file: same lines as of its own" \
         "$("$STOCK_TOOL" -m show-log "$dir/stock.db" \
            | sed -E 's/[0-9a-f]{8}/U/g; s/ [0-9:. -]{23}( |$)/ DATE\1/' \
            | LC_ALL=C sort)" \
         "$("$STOCK_TOOL" -m show-log "$dir/our.db" \
            | sed -E 's/[0-9a-f]{8}/U/g; s/ [0-9:. -]{23}( |$)/ DATE\1/' \
            | LC_ALL=C sort)"
check_eq "our show-log -mm equals stock's on our file (sorted lines)" \
         "$("$STOCK_TOOL" -mm show-log "$dir/our.db" | LC_ALL=C sort)" \
         "$("$OUR_TOOL" -mm show-log "$dir/our.db" | LC_ALL=C sort)"

echo "== compaction"
"$OUR_TOOL" compact "$dir/our.db" "$dir/copy.db"
check_eq "our compact to a copy: status" 0 "$?"
"$OUR_TOOL" compact "$dir/our.db"
check_eq "our compact in place: status" 0 "$?"
check_eq "stock query after our compaction" \
         "$("$STOCK_TOOL" query "$dir/stock.db" "$QUERY")" \
         "$("$STOCK_TOOL" query "$dir/our.db" "$QUERY")"
check_eq "stock query of our compacted copy" \
         "$("$STOCK_TOOL" query "$dir/stock.db" "$QUERY")" \
         "$("$STOCK_TOOL" query "$dir/copy.db" "$QUERY")"
"$STOCK_TOOL" compact "$dir/stock.db"
check_eq "our query after stock compaction" \
         "$("$STOCK_TOOL" query "$dir/stock.db" "$QUERY")" \
         "$("$OUR_TOOL" query "$dir/stock.db" "$QUERY")"

echo "== errors"
"$OUR_TOOL" create "$dir/our.db" "$STOCK_SCHEMA" 2>"$dir/err"
rc=$?
if [ "$rc" -ne 0 ] && grep -q "File exists" "$dir/err"; then
    pass "our create refuses an existing file"
else
    fail "our create over an existing file: status $rc, $(cat "$dir/err")"
fi
check_eq "our --version" "ovsdb-tool (ovs-tc)" \
         "$("$OUR_TOOL" --version | sed -E 's/ [0-9.]+$//')"

echo "$n_checks checks, $n_failures failures"
[ "$n_failures" -eq 0 ]
