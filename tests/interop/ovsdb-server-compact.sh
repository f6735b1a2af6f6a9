#!/bin/bash
#
# Copyright (c) 2026 The ovs-tc authors.
# Licensed under the Apache License, Version 2.0.
#
# The control commands of ovsdb-server: ovsdb-server/compact shrinks the
# file and the data survives a restart; list-dbs, add-remote, list-remotes,
# remove-remote and reconnect do what they say; stock ovs-appctl works
# too when it is installed.
#
# Exit status: 0 pass, 1 fail, 99 setup error.

. "$(dirname "$0")/ovsdb-server-lib.sh"

"$TOOL" create "$DB" "$SCHEMA" || exit 99
start_server || exit 99
A="$APPCTL -t $CTL"

# 300 transactions that rewrite the same column: the log grows, the
# compacted file holds one row.
PYTHONPATH=$testdir python3 - "$SOCK" <<'PY' || exit 99
import sys
from ovsdb_rpc import Client
c = Client(sys.argv[1])
r = c.transact("Open_vSwitch", {"op": "insert", "table": "Open_vSwitch",
                                "row": {}})
assert "uuid" in r["result"][0], r
for i in range(300):
    r = c.transact("Open_vSwitch",
                   {"op": "update", "table": "Open_vSwitch", "where": [],
                    "row": {"next_cfg": i,
                            "external_ids": ["map", [["k", "v%d" % i]]]}})
    assert r["result"] == [{"count": 1}], r
PY
before=$(stat -c %s "$DB")
check_cmd "ovsdb-server/compact" $A ovsdb-server/compact
after=$(stat -c %s "$DB")
# What is left is mostly the 14 kB schema.
if [ "$after" -lt $((before / 3)) ]; then
    pass "compaction shrank the file from $before to $after bytes"
else
    fail "compaction: $before bytes before, $after after"
fi
check_cmd "ovsdb-server/compact Open_vSwitch" \
          $A ovsdb-server/compact Open_vSwitch
check_eq "compact of an unknown database" "no database by that name" \
         "$($A ovsdb-server/compact Nope 2>&1 | head -n 1)"

query () {
    PYTHONPATH=$testdir python3 -c '
import sys
from ovsdb_rpc import Client
c = Client(sys.argv[1])
r = c.transact("Open_vSwitch", {"op": "select", "table": "Open_vSwitch",
                                "where": [],
                                "columns": ["next_cfg", "external_ids"]})
print(r["result"][0]["rows"])' "$SOCK"
}
expected="[{'next_cfg': 299, 'external_ids': ['map', [['k', 'v299']]]}]"
check_eq "data after compaction" "$expected" "$(query)"
# Commits after compaction go to the new file.
PYTHONPATH=$testdir python3 -c '
import sys
from ovsdb_rpc import Client
c = Client(sys.argv[1])
r = c.transact("Open_vSwitch", {"op": "mutate", "table": "Open_vSwitch",
                                "where": [],
                                "mutations": [["next_cfg", "+=", 1]]})
assert r["result"] == [{"count": 1}], r' "$SOCK" \
    || fail "commit after compaction"
stop_server
start_server || exit 99
check_eq "data after restart" "${expected/299/300}" "$(query)"
check_cmd "our ovsdb-tool reads the compacted file" "$TOOL" show-log "$DB"

echo "== convert"
PYTHONPATH=$testdir python3 - "$SOCK" "$SCHEMA" <<'PY'
import json, sys
from ovsdb_rpc import Client, Checker
ck = Checker()
schema = json.load(open(sys.argv[2]))
schema["version"] = "99.0.0"
schema["tables"]["Open_vSwitch"]["columns"]["extra"] = {
    "type": {"key": "string", "min": 0}}
del schema["tables"]["Open_vSwitch"]["columns"]["next_cfg"]
aware, unaware, c = Client(sys.argv[1]), Client(sys.argv[1]), Client(sys.argv[1])
ck.eq("set_db_change_aware", {}, aware.call("set_db_change_aware",
                                            [True]).get("result"))
for m in (aware, unaware):
    r = m.call("monitor_cond", ["Open_vSwitch", "mon",
                                {"Open_vSwitch": [{"columns":
                                                   ["external_ids"]}]}])
    ck.ok("Open_vSwitch" in r.get("result", {}), "monitor before convert")
bad = dict(schema, name="Other")
ck.eq("convert to a schema of another name", "syntax error",
      (c.call("convert", ["Open_vSwitch", bad]).get("error") or {})
      .get("error"))
ck.eq("convert", {}, c.call("convert", ["Open_vSwitch", schema])
      .get("result"))
ck.eq("db-change-aware client told", {"id": None,
                                      "method": "monitor_canceled",
                                      "params": ["mon"]},
      aware.next_notification())
ck.ok(unaware.is_closed(), "other monitoring clients disconnected")
ck.eq("new schema served", "99.0.0",
      c.call("get_schema", ["Open_vSwitch"])["result"]["version"])
r = c.transact("Open_vSwitch", {"op": "update", "table": "Open_vSwitch",
                                "where": [], "row": {"extra": "e"}},
               {"op": "select", "table": "Open_vSwitch", "where": [],
                "columns": ["external_ids", "extra"]})
ck.eq("data kept, new column usable",
      [{"count": 1}, {"rows": [{"external_ids": ["map", [["k", "v299"]]],
                                "extra": "e"}]}], r.get("result"))
ck.done()
PY
[ $? -eq 0 ] && pass "convert" || fail "convert"
stop_server
check_eq "the file holds the new schema" "99.0.0" "$("$TOOL" db-version "$DB")"
start_server || exit 99

echo "== other commands"
check_eq "list-dbs" "Open_vSwitch
_Server" "$($A ovsdb-server/list-dbs)"
check_eq "list-remotes" "punix:$SOCK" "$($A ovsdb-server/list-remotes)"
check_cmd "add-remote" $A ovsdb-server/add-remote "punix:$dir/second.sock"
check_eq "list-remotes after add-remote" "punix:$SOCK
punix:$dir/second.sock" "$($A ovsdb-server/list-remotes)"
check_eq "the new remote serves" "['Open_vSwitch', '_Server']" \
         "$(PYTHONPATH=$testdir python3 -c '
import sys
from ovsdb_rpc import Client
print(Client(sys.argv[1]).call("list_dbs", [])["result"])' \
         "$dir/second.sock")"
check_cmd "remove-remote" $A ovsdb-server/remove-remote \
          "punix:$dir/second.sock"
check_eq "remove-remote of an unknown remote" "no such remote" \
         "$($A ovsdb-server/remove-remote punix:/nope 2>&1 | head -n 1)"
check_eq "list-remotes after remove-remote" "punix:$SOCK" \
         "$($A ovsdb-server/list-remotes)"
PYTHONPATH=$testdir python3 - "$SOCK" "$APPCTL" "$CTL" <<'PY'
import subprocess, sys
from ovsdb_rpc import Client
c = Client(sys.argv[1], timeout=5)
assert c.call("echo", [1])["result"] == [1]
subprocess.check_call([sys.argv[2], "-t", sys.argv[3],
                       "ovsdb-server/reconnect"])
sys.exit(0 if c.is_closed() else 1)
PY
[ $? -eq 0 ] && pass "reconnect drops the sessions" \
    || fail "reconnect did not drop the session"

if [ -x /usr/bin/ovs-appctl ]; then
    check_eq "stock ovs-appctl list-dbs" "Open_vSwitch
_Server" "$(/usr/bin/ovs-appctl -t "$CTL" ovsdb-server/list-dbs)"
    check_cmd "stock ovs-appctl compact" \
              /usr/bin/ovs-appctl -t "$CTL" ovsdb-server/compact
fi
stop_server
if [ -x /usr/bin/ovs-appctl ]; then
    # Found through <rundir>/ovsdb-server.pid as stock finds its own.
    UNIXCTL_DEFAULT=1 start_server || exit 99
    check_eq "stock ovs-appctl -t ovsdb-server" "Open_vSwitch
_Server" "$(/usr/bin/ovs-appctl -t ovsdb-server ovsdb-server/list-dbs 2>&1)"
    check_cmd "stock ovs-appctl -t ovsdb-server exit" \
              /usr/bin/ovs-appctl -t ovsdb-server exit
fi
finish
