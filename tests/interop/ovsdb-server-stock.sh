#!/bin/bash
#
# Copyright (c) 2026 The ovs-tc authors.
# Licensed under the Apache License, Version 2.0.
#
# Stock Open vSwitch clients against our ovsdb-server with the vswitch
# schema: ovsdb-client list-dbs, get-schema, transact, monitor and dump,
# then the ovs-vsctl session of a typical bridge setup, with concrete
# output checked at each step.
#
# Exit status: 0 pass, 1 fail, 77 skip (no stock clients), 99 setup error.

. "$(dirname "$0")/ovsdb-server-lib.sh"

CLIENT=/usr/bin/ovsdb-client
VSCTL=/usr/bin/ovs-vsctl
if [ ! -x "$CLIENT" ] || [ ! -x "$VSCTL" ]; then
    echo "SKIP: stock ovsdb-client or ovs-vsctl is not installed"
    exit 77
fi

"$TOOL" create "$DB" "$SCHEMA" || exit 99
start_server || exit 99
R=unix:$SOCK
VS="$VSCTL --db=$R --timeout=10"

echo "== ovsdb-client"
check_eq "list-dbs" "Open_vSwitch
_Server" "$("$CLIENT" list-dbs "$R")"
check_eq "get-schema-version" "$("$TOOL" schema-version "$SCHEMA")" \
         "$("$CLIENT" get-schema-version "$R" Open_vSwitch)"
"$CLIENT" get-schema "$R" Open_vSwitch > "$dir/schema.json"
tables () {
    python3 -c 'import json, sys
print(sorted(json.load(open(sys.argv[1]))["tables"]))' "$1"
}
check_eq "get-schema names the tables of the file" \
         "$(tables "$SCHEMA")" "$(tables "$dir/schema.json")"
check_eq "get-schema of _Server" "Database" \
         "$("$CLIENT" list-tables "$R" _Server | tail -n 1)"

# --detach returns once the monitor has its initial contents.
"$CLIENT" --detach --no-chdir --pidfile="$dir/monitor.pid" \
          monitor "$R" Open_vSwitch Bridge name,fail_mode \
          > "$dir/monitor.out" 2> "$dir/monitor.err" || exit 99
mon_pid=$(cat "$dir/monitor.pid")
extra_pids=$mon_pid

out=$("$CLIENT" transact "$R" '["Open_vSwitch",
  {"op": "insert", "table": "Open_vSwitch", "uuid-name": "o",
   "row": {"bridges": ["named-uuid", "b"]}},
  {"op": "insert", "table": "Bridge", "uuid-name": "b",
   "row": {"name": "brx", "fail_mode": "secure"}}]')
uuid='{"uuid":\["uuid","[0-9a-f-]*"\]}'
if echo "$out" | grep -q "^\[$uuid,$uuid\]\$"; then
    pass "transact inserts two rows"
else
    fail "transact: $out"
fi
for i in $(seq 100); do
    grep -q 'brx' "$dir/monitor.out" && break
    sleep 0.05
done
if grep -q 'insert.*brx.*secure' "$dir/monitor.out"; then
    pass "monitor shows the insertion"
else
    fail "monitor: $(cat "$dir/monitor.out" "$dir/monitor.err")"
fi
kill "$mon_pid" 2> /dev/null

"$CLIENT" dump "$R" Open_vSwitch Bridge > "$dir/dump.out"
check_eq "dump Bridge header" "Bridge table" "$(head -n 1 "$dir/dump.out")"
check_eq "dump Bridge row" "1" "$(grep -c ' brx ' "$dir/dump.out")"
"$CLIENT" transact "$R" '["Open_vSwitch",
  {"op": "delete", "table": "Open_vSwitch", "where": []}]' > /dev/null

echo "== ovs-vsctl"
check_cmd "init" $VS --no-wait init
check_cmd "add-br br0" $VS --no-wait add-br br0
check_cmd "add-port p1 vxlan" $VS --no-wait add-port br0 p1 -- \
          set Interface p1 type=vxlan options:remote_ip=10.0.0.2
check_cmd "set hw-offload" $VS --no-wait \
          set Open_vSwitch . other_config:hw-offload=true
check_eq "list-br" "br0" "$($VS list-br)"
check_eq "list-ports" "p1" "$($VS list-ports br0)"
check_eq "get Interface p1 options" '{remote_ip="10.0.0.2"}' \
         "$($VS get Interface p1 options)"
check_eq "get Interface p1 type" "vxlan" "$($VS get Interface p1 type)"
check_eq "get other_config" '{hw-offload="true"}' \
         "$($VS get Open_vSwitch . other_config)"
# Ports come in hash order: compare the lines sorted.
$VS show > "$dir/show.out"
check_eq "show" "$(sort <<'SHOW'
    Bridge br0
        Port p1
            Interface p1
                type: vxlan
                options: {remote_ip="10.0.0.2"}
        Port br0
            Interface br0
                type: internal
SHOW
)" "$(tail -n +2 "$dir/show.out" | sort)"
check_eq "list Interface names" "p1 br0" \
         "$($VS --bare --columns=name list Interface | sort -r | xargs)"
check_cmd "del-br br0" $VS --no-wait del-br br0
check_eq "list-br after del-br" "" "$($VS list-br)"
check_eq "garbage collection removed the ports" "" \
         "$($VS --bare --columns=_uuid list Port)"
check_eq "garbage collection removed the interfaces" "" \
         "$($VS --bare --columns=_uuid list Interface)"
check_eq "other_config survives" '{hw-offload="true"}' \
         "$($VS get Open_vSwitch . other_config)"

# Without --no-wait, ovs-vsctl waits for ovs-vswitchd, which is not there:
# it must give up at its --timeout, after committing.
start=$(date +%s%N)
sh -c '"$@" > /dev/null 2>&1' sh $VSCTL --db="$R" --timeout=1 add-br br1 \
    2> /dev/null
rc=$?
elapsed=$((($(date +%s%N) - start) / 1000000))
if [ "$rc" -ne 0 ] && [ "$elapsed" -lt 30000 ]; then
    pass "ovs-vsctl without --no-wait times out (rc $rc, ${elapsed} ms)"
else
    fail "ovs-vsctl without --no-wait: rc $rc after $elapsed ms"
fi
check_eq "the change was committed before the wait" "br1" "$($VS list-br)"

# SSL: a pssl remote added at run time, stock clients with certificates
# signed by a throwaway CA.
if command -v openssl > /dev/null && PORT=$(python3 -c '
import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])'); then
    (
        cd "$dir" &&
        openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key \
                -out ca.pem -days 2 -subj /CN=test-ca &&
        for n in srv cli; do
            openssl req -newkey rsa:2048 -nodes -keyout $n.key -out $n.csr \
                    -subj /CN=$n &&
            openssl x509 -req -in $n.csr -CA ca.pem -CAkey ca.key \
                    -CAcreateserial -out $n.pem -days 2 || exit 1
        done
    ) > /dev/null 2>&1 || exit 99
    stop_server
    start_server --private-key="$dir/srv.key" --certificate="$dir/srv.pem" \
                 --ca-cert="$dir/ca.pem" \
        || exit 99
    check_cmd "add-remote pssl" "$APPCTL" -t "$CTL" ovsdb-server/add-remote \
              "pssl:$PORT:127.0.0.1"
    SSL="-p $dir/cli.key -c $dir/cli.pem -C $dir/ca.pem"
    check_eq "ovsdb-client over SSL" "Open_vSwitch
_Server" "$("$CLIENT" $SSL list-dbs "ssl:127.0.0.1:$PORT")"
    check_eq "ovs-vsctl over SSL" "br1" \
             "$($VSCTL $SSL --db="ssl:127.0.0.1:$PORT" --timeout=10 list-br)"
fi

# Stock ovs-vswitchd as a client (locks, conditional monitors,
# transactions with "wait" and "assert").  With no bridge left in the
# database it creates no datapath or device on the host, and it works
# without the kernel module.
VSWITCHD=/usr/sbin/ovs-vswitchd
if [ -x "$VSWITCHD" ]; then
    $VS --no-wait del-br br1
    "$VSWITCHD" "$R" --pidfile="$dir/ovs-vswitchd.pid" --detach --no-chdir \
                --log-file="$dir/ovs-vswitchd.log" -vconsole:off \
                > /dev/null 2>&1
    extra_pids="$extra_pids $(cat "$dir/ovs-vswitchd.pid" 2> /dev/null)"
    check_cmd "ovs-vsctl waits for stock ovs-vswitchd" \
              $VS set Open_vSwitch . external_ids:x=y
    check_eq "stock ovs-vswitchd caught up with next_cfg" \
             "$($VS get Open_vSwitch . next_cfg)" \
             "$($VS get Open_vSwitch . cur_cfg)"
    vs_pid=$(cat "$dir/ovs-vswitchd.pid")
    /usr/bin/ovs-appctl -t "$dir/ovs-vswitchd.$vs_pid.ctl" exit \
                        > /dev/null 2>&1
fi

stop_server
finish
