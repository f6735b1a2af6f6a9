#!/bin/bash
#
# Copyright (c) 2026 The ovs-tc authors.
# Licensed under the Apache License, Version 2.0.
#
# Bad input and many clients: malformed JSON, wrong parameter types,
# unknown methods, databases, tables and columns, an oversize message, an
# idle client, a client that stops reading, and 200 concurrent clients
# (idle, bad and good).  Each gets the right error or is disconnected, the
# good clients keep being served, and committed data stays intact.
#
# Exit status: 0 pass, 1 fail, 99 setup error.

. "$(dirname "$0")/ovsdb-server-lib.sh"

"$TOOL" create "$DB" "$SCHEMA" || exit 99
# A small output cap, so that the client that stops reading is dropped
# quickly.
start_server --max-backlog=2000000 || exit 99

PYTHONPATH=$testdir python3 - "$SOCK" <<'PY'
import socket, sys, time
from ovsdb_rpc import Client, Checker, Closed
sock = sys.argv[1]
ck = Checker()

idle = Client(sock)                     # Connects and never says a word.
c = Client(sock)
r = c.transact("Open_vSwitch", {"op": "insert", "table": "Open_vSwitch",
                                "row": {}})
ck.ok("uuid" in r["result"][0], "insert the root row", r)

def expect_error(desc, method, params, error):
    r = c.call(method, params)
    ck.eq(desc, error, r.get("error"))

def expect_result(desc, method, params, result):
    r = c.call(method, params)
    ck.eq(desc, result, r.get("result"))

expect_error("unknown method", "frobnicate", [], "unknown method")
expect_error("unknown database", "transact", ["Nope"],
             {"error": "unknown database",
              "details": "transact request specifies unknown database Nope",
              "syntax": '["Nope"]'})
expect_error("get_schema of an unknown database", "get_schema", ["Nope"],
             {"error": "unknown database",
              "details": "get_schema request specifies unknown database Nope",
              "syntax": '["Nope"]'})
expect_error("transact without a database", "transact", [],
             {"error": "syntax error",
              "details": "transact request params must begin with <db-name>",
              "syntax": "[]"})
expect_error("get_schema with a number", "get_schema", [1],
             {"error": "syntax error",
              "details": "get_schema request params must begin with <db-name>",
              "syntax": "[1]"})
expect_error("lock with a number", "lock", [1],
             {"error": "syntax error",
              "details": "lock request params must be <id>",
              "syntax": "[1]"})
expect_error("monitor_cancel of an unknown monitor", "monitor_cancel",
             ["m"], "unknown monitor")
r = c.transact("Open_vSwitch", {"op": "select", "table": "Nope",
                                "where": []})
ck.eq("unknown table", "syntax error", r["result"][0]["error"])
ck.ok("No table named Nope" in r["result"][0]["details"],
      "unknown table details", r)
r = c.transact("Open_vSwitch", {"op": "select", "table": "Bridge",
                                "where": [], "columns": ["nope"]})
ck.eq("unknown column", {"error": "syntax error",
                         "details": "nope is not a valid column name",
                         "syntax": '["nope"]'}, r["result"][0])
r = c.transact("Open_vSwitch", {"op": "insert", "table": "Open_vSwitch",
                                "row": {"next_cfg": "seven"}})
ck.eq("wrong column type", "syntax error", r["result"][0].get("error"))
r = c.transact("Open_vSwitch", {"op": "insert", "table": "Open_vSwitch",
                                "row": {}})
ck.eq("maxRows", "constraint violation", r["result"][-1].get("error"))
expect_result("echo", "echo", ["a", 1], ["a", 1])
expect_result("list_dbs", "list_dbs", [], ["Open_vSwitch", "_Server"])

# Connections that the server must drop.
def dropped(desc, data):
    b = Client(sock, timeout=5)
    try:
        b.send_raw(data)
    except OSError:
        pass
    ck.ok(b.is_closed(), desc + " closes the connection")
    b.close()

dropped("malformed JSON", '{"method": "echo", "params": [1,, 2], "id": 1}')
dropped("garbage", "\x01\x02 not json at all ]]]")
dropped("params that are not an array",
        '{"method": "transact", "params": "x", "id": 1}')
dropped("a message that is not an object", '[1, 2, 3]')
big = '{"method": "echo", "id": 1, "params": ["' + "x" * (65 << 20) + '"]}'
dropped("a 65 MB message", big)
del big

# A client that monitors everything and stops reading is dropped once its
# backlog passes the cap, without holding anyone up.
slow = Client(sock)
slow.sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
rid = slow.request("monitor", ["Open_vSwitch", None,
                               {"Open_vSwitch": {"columns":
                                                 ["external_ids"]}}])
slow.wait_reply(rid)
t0 = time.time()
value = "y" * 100000
for i in range(60):
    r = c.transact("Open_vSwitch",
                   {"op": "mutate", "table": "Open_vSwitch", "where": [],
                    "mutations": [["external_ids", "insert",
                                   ["map", [["big%d" % i, value]]]]]})
    if r.get("result") != [{"count": 1}]:
        ck.ok(False, "commit while a client is not reading", r)
        break
t = time.time() - t0
ck.ok(t < 10, "60 commits of 100 kB with a stalled reader in %.2f s" % t)
slow.sock.settimeout(10)
ck.ok(slow.is_closed(), "the stalled reader was dropped")

# 200 concurrent clients: 60 idle, 40 bad, 100 good.
idles = [Client(sock) for i in range(60)]
bads = [Client(sock) for i in range(40)]
goods = [Client(sock) for i in range(100)]
bad_msgs = ['{"method": "transact", "params": [' + "]" * 2 + '}',
            '\x00\xff garbage',
            '{"method": "get_schema", "params": {"a": 1}, "id": 3}',
            '"just a string"']
for i, b in enumerate(bads):
    b.send_raw(bad_msgs[i % len(bad_msgs)])
rids = []
for i, g in enumerate(goods):
    rids.append(g.request("transact", [
        "Open_vSwitch",
        {"op": "mutate", "table": "Open_vSwitch", "where": [],
         "mutations": [["other_config", "insert",
                        ["map", [["c%d" % i, str(i)]]]]]}]))
ok = 0
for g, rid in zip(goods, rids):
    r = g.wait_reply(rid)
    ok += r.get("result") == [{"count": 1}]
ck.eq("100 good clients among 200 served", 100, ok)
ck.eq("40 bad clients dropped", 40,
      sum(1 for b in bads if b.is_closed()))
ok = sum(1 for g in goods if g.call("echo", ["x"]).get("result") == ["x"])
ck.eq("good clients still served", 100, ok)
r = c.transact("Open_vSwitch", {"op": "select", "table": "Open_vSwitch",
                                "where": [], "columns": ["other_config",
                                                         "external_ids"]})
row = r["result"][0]["rows"][0]
ck.eq("every good client's commit is there",
      dict(("c%d" % i, str(i)) for i in range(100)),
      dict(row["other_config"][1]))
ck.eq("the stalled reader's commits are there", 60,
      len(row["external_ids"][1]))
r = idle.call("echo", ["still here"])
ck.eq("the first idle client is still served", ["still here"],
      r.get("result"))
ck.done()
PY
if [ $? -eq 0 ]; then
    pass "bad input and concurrency"
else
    fail "bad input and concurrency"
fi

# The data survives a restart.
stop_server
start_server || exit 99
n=$(PYTHONPATH=$testdir python3 -c '
import sys
from ovsdb_rpc import Client
c = Client(sys.argv[1])
r = c.transact("Open_vSwitch", {"op": "select", "table": "Open_vSwitch",
                                "where": [], "columns": ["other_config"]})
print(len(r["result"][0]["rows"][0]["other_config"][1]))' "$SOCK")
check_eq "committed data intact after restart" "100" "$n"
stop_server
finish
