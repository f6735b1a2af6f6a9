# Sourced by tests/interop/ovsdb-server-*.sh: finds our build, makes a
# private directory, starts and stops our ovsdb-server in it, and counts
# checks.
#
# Copyright (c) 2026 The ovs-tc authors.
# Licensed under the Apache License, Version 2.0.

set -u

testdir=$(cd "$(dirname "$0")" && pwd)
top_srcdir=$(cd "$testdir/../.." && pwd)

if ! command -v python3 > /dev/null; then
    echo "SKIP: python3 is needed for the raw JSON-RPC clients"
    exit 77
fi

find_builddir () {
    local d
    for d in "${abs_top_builddir:-}" "$PWD" "$testdir/../.."; do
        if [ -n "$d" ] && [ -x "$d/ovsdb/ovsdb-server" ] \
           && [ -x "$d/ovsdb/ovsdb-tool" ]; then
            (cd "$d" && pwd)
            return 0
        fi
    done
    return 1
}
if ! builddir=$(find_builddir); then
    echo "ERROR: cannot find the built ovsdb/ovsdb-server" \
         "(run from the top build directory)"
    exit 99
fi
SERVER=$builddir/ovsdb/ovsdb-server
TOOL=$builddir/ovsdb/ovsdb-tool
APPCTL=$builddir/utilities/ovs-appctl
RPC="python3 $testdir/ovsdb_rpc.py"

# The vswitch schema: ours once it exists, else the stock one.
if [ -e "$top_srcdir/vswitchd/vswitch.ovsschema" ]; then
    SCHEMA=$top_srcdir/vswitchd/vswitch.ovsschema
else
    SCHEMA=/usr/share/openvswitch/vswitch.ovsschema
fi

dir=$(mktemp -d /tmp/ovstc-server.XXXXXX) || exit 99
export OVS_RUNDIR=$dir OVS_DBDIR=$dir OVS_LOGDIR=$dir
DB=$dir/conf.db
SOCK=$dir/db.sock
CTL=$dir/ovsdb-server.ctl

server_pid () {
    cat "$dir/ovsdb-server.pid" 2> /dev/null
}

server_cleanup () {
    local pid
    pid=$(server_pid)
    if [ -n "$pid" ]; then
        kill -9 "$pid" 2> /dev/null
    fi
    for pid in ${extra_pids:-}; do
        kill -9 "$pid" 2> /dev/null
    done
    rm -rf "$dir"
}
trap server_cleanup EXIT
trap 'exit 1' INT TERM HUP

# start_server [--OPTION[=VALUE]...] [DBFILE...]: starts our server on
# $SOCK and $CTL, detached (it returns once the server serves).  Options
# must be single words.  With no DBFILE, serves $DB.
start_server () {
    local dbs=()
    local args=()
    local a
    for a in "$@"; do
        case $a in
            -*) args+=("$a") ;;
            *) dbs+=("$a") ;;
        esac
    done
    [ ${#dbs[@]} -eq 0 ] && dbs=("$DB")
    # UNIXCTL_DEFAULT=1: the default <rundir>/ovsdb-server.<pid>.ctl.
    [ "${UNIXCTL_DEFAULT:-0}" = 1 ] || args+=("--unixctl=$CTL")
    # OVSDB_SERVER_WRAPPER, e.g. "valgrind -q --log-file=...", runs the
    # server under a checker.
    ${OVSDB_SERVER_WRAPPER:-} "$SERVER" --remote="punix:$SOCK" \
              --pidfile="$dir/ovsdb-server.pid" --overwrite-pidfile \
              --log-file="$dir/ovsdb-server.log" --detach --no-chdir \
              "${args[@]}" "${dbs[@]}" 2>> "$dir/server.stderr"
}

# stop_server: asks the server to exit and waits until it has.
stop_server () {
    local pid i
    pid=$(server_pid)
    [ -z "$pid" ] && return 0
    "$APPCTL" -t "$CTL" exit > /dev/null 2>&1 \
        || "$APPCTL" -t "$dir/ovsdb-server.$pid.ctl" exit > /dev/null 2>&1 \
        || kill "$pid" 2> /dev/null
    for i in $(seq 100); do
        kill -0 "$pid" 2> /dev/null || break
        sleep 0.1
    done
    rm -f "$dir/ovsdb-server.pid"
}

# kill9_server: kills the server with SIGKILL and waits until it is gone.
kill9_server () {
    local pid i
    pid=$(server_pid)
    kill -9 "$pid" 2> /dev/null
    for i in $(seq 100); do
        kill -0 "$pid" 2> /dev/null || break
        sleep 0.1
    done
}

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
# check_cmd DESC CMD...: passes if CMD succeeds.
check_cmd () {
    local desc=$1
    shift
    if "$@" > "$dir/check.out" 2>&1; then
        pass "$desc"
    else
        fail "$desc: $(head -c 2000 "$dir/check.out")"
    fi
}

finish () {
    echo "$((n_checks - n_failures))/$n_checks checks passed"
    if [ "$n_failures" -ne 0 ]; then
        echo "--- server log:"
        tail -n 30 "$dir/ovsdb-server.log" 2> /dev/null
        exit 1
    fi
    exit 0
}
