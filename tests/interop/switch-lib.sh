# Sourced by interop scripts that need a whole switch on the host, where
# there is no openvswitch.ko: ovsdb-server + ovs-vswitchd with
# --enable-dummy=override (every bridge on a dummy datapath: OpenFlow
# tables, ports and management sockets, no forwarding).
#
#     switch_start ours|stock     starts that switch in a private dir
#     switch_stop                 stops it (also at exit)
#     VSCTL ...                   ovs-vsctl of the same kind on its database
#
# After switch_start: $SW_DIR is the directory (OVS_RUNDIR, so a bridge's
# management socket is $SW_DIR/BRIDGE.mgmt), $builddir our build tree.
#
# Copyright (c) 2026 The ovs-tc authors.
# Licensed under the Apache License, Version 2.0.

testdir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top_srcdir=$(cd "$testdir/../.." && pwd)

_sw_find_builddir () {
    local d
    for d in "${abs_top_builddir:-}" "$PWD" "$testdir/../.."; do
        if [ -n "$d" ] && [ -x "$d/vswitchd/ovs-vswitchd" ]; then
            (cd "$d" && pwd)
            return 0
        fi
    done
    return 1
}
if ! builddir=$(_sw_find_builddir); then
    echo "ERROR: cannot find the build tree (run from its top)"
    exit 99
fi

SW_KIND=
SW_DIR=

switch_stop () {
    local name pid
    [ -n "$SW_DIR" ] || return 0
    for name in ovs-vswitchd ovsdb-server; do
        pid=$(cat "$SW_DIR/$name.pid" 2> /dev/null)
        if [ -n "$pid" ]; then
            kill "$pid" 2> /dev/null
            for _ in $(seq 50); do
                kill -0 "$pid" 2> /dev/null || break
                sleep 0.1
            done
            kill -9 "$pid" 2> /dev/null
        fi
    done
    rm -rf "$SW_DIR"
    SW_DIR=
}
trap switch_stop EXIT

VSCTL () {
    if [ "$SW_KIND" = stock ]; then
        /usr/bin/ovs-vsctl --db="unix:$SW_DIR/db.sock" --timeout=30 "$@"
    else
        "$builddir/utilities/ovs-vsctl" --db="unix:$SW_DIR/db.sock" \
            --timeout=30 "$@"
    fi
}

switch_start () {
    local server tool vswitchd schema
    SW_KIND=$1
    if [ "$SW_KIND" = stock ]; then
        server=/usr/sbin/ovsdb-server
        tool=/usr/bin/ovsdb-tool
        vswitchd=/usr/sbin/ovs-vswitchd
        schema=/usr/share/openvswitch/vswitch.ovsschema
        if [ ! -x $vswitchd ] || [ ! -x $server ]; then
            echo "SKIP: stock Open vSwitch is not installed"
            exit 77
        fi
    else
        server=$builddir/ovsdb/ovsdb-server
        tool=$builddir/ovsdb/ovsdb-tool
        vswitchd=$builddir/vswitchd/ovs-vswitchd
        schema=$top_srcdir/vswitchd/vswitch.ovsschema
    fi
    SW_DIR=$(mktemp -d /tmp/ovstc-switch.XXXXXX) || exit 99
    export OVS_RUNDIR=$SW_DIR OVS_DBDIR=$SW_DIR OVS_LOGDIR=$SW_DIR
    "$tool" create "$SW_DIR/conf.db" "$schema" || exit 99
    "$server" --remote="punix:$SW_DIR/db.sock" \
        --pidfile="$SW_DIR/ovsdb-server.pid" --detach --no-chdir \
        --log-file="$SW_DIR/ovsdb-server.log" -vconsole:off \
        "$SW_DIR/conf.db" || exit 99
    VSCTL --no-wait init || exit 99
    "$vswitchd" --enable-dummy=override "unix:$SW_DIR/db.sock" \
        --pidfile="$SW_DIR/ovs-vswitchd.pid" --detach --no-chdir \
        --log-file="$SW_DIR/ovs-vswitchd.log" -vconsole:off || exit 99
}
