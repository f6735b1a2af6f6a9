#!/bin/bash
#
# Copyright (c) 2026 The ovs-tc authors.
# Licensed under the Apache License, Version 2.0.
#
# Monitors and locks on the wire: the initial contents and the update
# notifications of "monitor", "monitor_cond" (with conditions and
# monitor_cond_change), "monitor_cond_since" and "monitor_cancel", the
# "_Server" database, and the "locked"/"stolen" notifications, each
# checked as exact JSON (UUIDs replaced by names).  The expected values are
# what a stock ovsdb-server 3.1 sends for the same requests.
#
# Exit status: 0 pass, 1 fail, 99 setup error.

. "$(dirname "$0")/ovsdb-server-lib.sh"

"$TOOL" create "$DB" "$SCHEMA" || exit 99
start_server || exit 99

PYTHONPATH=$testdir python3 - "$SOCK" <<'PY'
import json, sys
from ovsdb_rpc import Client, Checker, UuidNames, ZERO_UUID
ck = Checker()
names = UuidNames()
a = Client(sys.argv[1])
b = Client(sys.argv[1])
N = names.normalize

def tx(*ops):
    r = b.transact("Open_vSwitch", *ops)
    assert r.get("error") is None, r
    return r["result"]

r = tx({"op": "insert", "table": "Bridge", "uuid-name": "x",
        "row": {"name": "br0", "external_ids": ["map", [["a", "1"]]]}},
       {"op": "insert", "table": "Open_vSwitch",
        "row": {"bridges": ["named-uuid", "x"]}})
names.name(r[0]["uuid"][1], "BR0")
names.name(r[1]["uuid"][1], "OVS")

r = a.call("monitor", ["Open_vSwitch", "m1",
                       {"Bridge": {"columns": ["name", "external_ids",
                                               "ports"]}}])
ck.eq("monitor: initial contents",
      {"Bridge": {"BR0": {"new": {"external_ids": ["map", [["a", "1"]]],
                                  "name": "br0", "ports": ["set", []]}}}},
      N(r["result"]))
r = a.call("monitor_cond", ["Open_vSwitch", "m2",
                            {"Bridge": [{"columns": ["name", "external_ids",
                                                     "fail_mode"],
                                         "where": [["name", "==", "br0"]]}]}])
ck.eq("monitor_cond: initial contents",
      {"Bridge": {"BR0": {"initial": {"external_ids": ["map", [["a", "1"]]],
                                      "name": "br0"}}}},
      N(r["result"]))
r = a.call("monitor_cond_since", ["Open_vSwitch", "m3",
                                  {"Bridge": [{"columns": ["name",
                                                           "external_ids"]}]},
                                  ZERO_UUID])
ck.eq("monitor_cond_since: reply",
      [False, ZERO_UUID,
       {"Bridge": {"BR0": {"initial": {"external_ids": ["map", [["a", "1"]]],
                                       "name": "br0"}}}}],
      N(r["result"]))

def notifications(n):
    got = {}
    for i in range(n):
        msg = N(a.next_notification())
        got[msg["method"]] = msg
    return got

tx({"op": "update", "table": "Bridge", "where": [["name", "==", "br0"]],
    "row": {"external_ids": ["map", [["a", "2"], ["b", "3"]]],
            "fail_mode": "secure"}})
got = notifications(3)
ck.eq("monitor: modification",
      {"id": None, "method": "update", "params": ["m1", {"Bridge": {"BR0": {
          "new": {"external_ids": ["map", [["a", "2"], ["b", "3"]]],
                  "name": "br0", "ports": ["set", []]},
          "old": {"external_ids": ["map", [["a", "1"]]]}}}}]},
      got.get("update"))
ck.eq("monitor_cond: modification",
      {"id": None, "method": "update2", "params": ["m2", {"Bridge": {"BR0": {
          "modify": {"external_ids": ["map", [["a", "2"], ["b", "3"]]],
                     "fail_mode": "secure"}}}}]},
      got.get("update2"))
ck.eq("monitor_cond_since: modification",
      {"id": None, "method": "update3", "params": ["m3", ZERO_UUID,
          {"Bridge": {"BR0": {"modify": {
              "external_ids": ["map", [["a", "2"], ["b", "3"]]]}}}}]},
      got.get("update3"))

r = tx({"op": "insert", "table": "Bridge", "uuid-name": "y",
        "row": {"name": "br1"}},
       {"op": "mutate", "table": "Open_vSwitch", "where": [],
        "mutations": [["bridges", "insert", ["named-uuid", "y"]]]})
names.name(r[0]["uuid"][1], "BR1")
got = notifications(2)      # m2's condition hides br1.
ck.eq("monitor: insertion",
      {"id": None, "method": "update", "params": ["m1", {"Bridge": {"BR1": {
          "new": {"external_ids": ["map", []], "name": "br1",
                  "ports": ["set", []]}}}}]},
      got.get("update"))
ck.eq("monitor_cond_since: insertion",
      {"id": None, "method": "update3", "params": ["m3", ZERO_UUID,
          {"Bridge": {"BR1": {"insert": {"name": "br1"}}}}]},
      got.get("update3"))

rid = a.request("monitor_cond_change",
                ["m2", "m2", {"Bridge": [{"where": [["name", "==",
                                                     "br1"]]}]}])
ck.eq("monitor_cond_change: update before the reply",
      {"id": None, "method": "update2", "params": ["m2", {"Bridge": {
          "BR1": {"insert": {"name": "br1"}},
          "BR0": {"delete": None}}}]},
      N(a.next_notification()))
ck.eq("monitor_cond_change: reply", {}, a.wait_reply(rid).get("result"))

tx({"op": "mutate", "table": "Open_vSwitch", "where": [],
    "mutations": [["bridges", "delete", ["uuid",
                                         [u for u, n in names.names.items()
                                          if n == "BR0"][0]]]]})
got = notifications(2)      # m2 no longer shows br0.
ck.eq("monitor: deletion by garbage collection",
      {"id": None, "method": "update", "params": ["m1", {"Bridge": {"BR0": {
          "old": {"external_ids": ["map", [["a", "2"], ["b", "3"]]],
                  "name": "br0", "ports": ["set", []]}}}}]},
      got.get("update"))
ck.eq("monitor_cond_since: deletion",
      {"id": None, "method": "update3", "params": ["m3", ZERO_UUID,
          {"Bridge": {"BR0": {"delete": None}}}]},
      got.get("update3"))

ck.eq("monitor_cancel", {}, a.call("monitor_cancel", ["m1"]).get("result"))
ck.eq("monitor_cancel twice", "unknown monitor",
      a.call("monitor_cancel", ["m1"]).get("error"))
ck.eq("monitor_cancel of m3", {},
      a.call("monitor_cancel", ["m3"]).get("result"))
tx({"op": "update", "table": "Bridge", "where": [["name", "==", "br1"]],
    "row": {"fail_mode": "standalone"}})
ck.eq("only m2 is left",
      {"id": None, "method": "update2", "params": ["m2", {"Bridge": {"BR1": {
          "modify": {"fail_mode": "standalone"}}}}]},
      N(a.next_notification()))
ck.eq("duplicate monitor id", "duplicate monitor ID",
      a.call("monitor_cond", ["Open_vSwitch", "m2", {"Bridge": [{}]}])
      ["error"]["details"])

# Select flags: no initial contents, deletions only.
r = a.call("monitor", ["Open_vSwitch", ["sel"],
                       {"Bridge": [{"columns": ["name"],
                                    "select": {"initial": False,
                                               "insert": False,
                                               "modify": False}}]}])
ck.eq("select without initial", {}, r["result"])

# Every function of conditions.
r = a.call("monitor_cond", ["Open_vSwitch", "conds", {"Bridge": [
    {"columns": ["name"],
     "where": [["name", "!=", "zz"], ["name", "includes", "br1"],
               ["name", "excludes", "br0"], ["stp_enable", "==", False],
               ["flood_vlans", "excludes", ["set", [1, 2]]], True]}]}])
ck.eq("monitor_cond with many functions",
      {"Bridge": {"BR1": {"initial": {"name": "br1"}}}}, N(r["result"]))
r = a.call("monitor_cond", ["Open_vSwitch", "false", {"Bridge": [
    {"columns": ["name"], "where": [False]}]}])
ck.eq("monitor_cond with a false condition", {}, r["result"])
r = a.call("monitor_cond", ["Open_vSwitch", "bad", {"Bridge": [
    {"where": [["nope", "==", 1]]}]}])
ck.eq("monitor_cond with an unknown column", "unknown column",
      r["error"]["error"])

# The _Server database, as stock ovs-vsctl monitors it.
r = a.call("monitor_cond", ["_Server", ["srv"], {"Database": [
    {"columns": ["name", "model", "connected", "leader", "schema", "cid",
                 "index"],
     "where": [["name", "==", "Open_vSwitch"]]}]}])
rows = list(r["result"]["Database"].values())
row = rows[0]["initial"] if len(rows) == 1 else {}
schema = json.loads(row.pop("schema", "null"))
ck.eq("_Server Database row",
      {"connected": True, "leader": True, "model": "standalone",
       "name": "Open_vSwitch"}, row)
ck.eq("_Server schema column", "Open_vSwitch", (schema or {}).get("name"))
r = a.transact("_Server", {"op": "delete", "table": "Database",
                           "where": []})
ck.eq("_Server is read-only",
      [{"error": "not allowed", "details": "delete operation not allowed "
        "on table in reserved database _Server"}], r["result"])

# Locks.
c = Client(sys.argv[1])
ck.eq("lock: a gets it", {"locked": True},
      a.call("lock", ["L"]).get("result"))
ck.eq("lock: c waits", {"locked": False},
      c.call("lock", ["L"]).get("result"))
ck.eq("lock twice", "syntax error", a.call("lock", ["L"])["error"]["error"])
r = b.transact("Open_vSwitch", {"op": "assert", "lock": "L"})
ck.eq("assert without the lock", "not owner", r["result"][0].get("error"))
r = a.transact("Open_vSwitch", {"op": "assert", "lock": "L"})
ck.eq("assert with the lock", [{}], r["result"])
ck.eq("unlock", {}, a.call("unlock", ["L"]).get("result"))
ck.eq("locked notification", {"id": None, "method": "locked",
                              "params": ["L"]}, c.next_notification())
ck.eq("steal", {"locked": True}, b.call("steal", ["L"]).get("result"))
ck.eq("stolen notification", {"id": None, "method": "stolen",
                              "params": ["L"]}, c.next_notification())
b.close()
ck.eq("the thief leaves: locked again", {"id": None, "method": "locked",
                                         "params": ["L"]},
      c.next_notification())
ck.eq("unlock without lock", "syntax error",
      a.call("unlock", ["L"])["error"]["error"])

# "wait" triggers and "cancel" (RFC 7047 4.1.4: the canceled request gets
# the error "canceled"; stock 3.1 does not answer it at all).
rid = c.request("transact", ["Open_vSwitch",
    {"op": "wait", "table": "Bridge", "where": [["name", "==", "br1"]],
     "columns": ["fail_mode"], "until": "==",
     "rows": [{"fail_mode": "secure"}], "timeout": 10000},
    {"op": "insert", "table": "Bridge", "row": {"name": "wait-won"}}])
r = a.transact("Open_vSwitch", {"op": "update", "table": "Bridge",
                                "where": [["name", "==", "br1"]],
                                "row": {"fail_mode": "secure"}})
r = c.wait_reply(rid)
ck.ok(len(r["result"]) == 2 and "uuid" in r["result"][1],
      "wait succeeds after the change it waits for", r)
rid = c.request("transact", ["Open_vSwitch",
    {"op": "wait", "table": "Bridge", "where": [], "columns": ["name"],
     "until": "==", "rows": [{"name": "never"}], "timeout": 300}])
ck.eq("wait times out at its deadline", "timed out",
      c.wait_reply(rid)["result"][0].get("error"))
rid = c.request("transact", ["Open_vSwitch",
    {"op": "wait", "table": "Bridge", "where": [], "columns": ["name"],
     "until": "==", "rows": [{"name": "never"}]}])
c.send({"method": "cancel", "params": [rid], "id": None})
ck.eq("cancel", "canceled", c.wait_reply(rid).get("error"))
ck.done()
PY
if [ $? -eq 0 ]; then
    pass "monitors, locks and triggers on the wire"
else
    fail "monitors, locks and triggers on the wire"
fi
stop_server
finish
