# Helpers for system test scenarios.  Source it first thing:
#
#     . "$SRCDIR/tests/system/lib.sh"
#
# A scenario runs as root inside the sandbox (tests/sandbox/sandbox-run),
# which provides SRCDIR, BUILDDIR and the OVS_*DIR variables.  It fails by
# exiting non-zero (use 'fail' to say why), and skips with status 77.
#
# Our programs are always called by their build-tree path: a stock Open
# vSwitch is installed on the machine, and a PATH lookup would find it.

# (Variables set here are for the scenarios that source this file.)
# shellcheck disable=SC2034

set -eu -o pipefail

: "${SRCDIR:?SRCDIR must name the source tree}"
: "${BUILDDIR:?BUILDDIR must name the build tree}"

if [[ -z ${TEST_NAME-} ]]; then
    TEST_NAME=${0##*/}
    TEST_NAME=${TEST_NAME%.sh}
fi

OVS_VSWITCHD=$BUILDDIR/vswitchd/ovs-vswitchd
OVSDB_SERVER=$BUILDDIR/ovsdb/ovsdb-server
OVSDB_TOOL=$BUILDDIR/ovsdb/ovsdb-tool
OVS_APPCTL=$BUILDDIR/utilities/ovs-appctl
OVS_VSCTL=$BUILDDIR/utilities/ovs-vsctl
OVS_OFCTL=$BUILDDIR/utilities/ovs-ofctl
OVS_DPCTL=$BUILDDIR/utilities/ovs-dpctl

# ---------------------------------------------------------------------------
# Messages and assertions.

# Announces the next step of the scenario.
step() {
    echo "--- $*"
}

# Ends the scenario as failed with message 'MSG'.  (The line deliberately
# does not start with "FAIL:", which test runners count.)
fail() {
    echo "$TEST_NAME: failed: $*" >&2
    exit 1
}

# Ends the scenario as skipped with reason 'MSG'.
skip() {
    echo "$TEST_NAME: skipped: $*" >&2
    exit 77
}

# assert_eq EXPECTED ACTUAL [WHAT]: fails unless the strings are equal.
assert_eq() {
    if [[ $1 != "$2" ]]; then
        fail "${3:-value}: expected '$1', got '$2'"
    fi
}

# assert_match REGEX STRING [WHAT]: fails unless STRING matches the
# extended regular expression REGEX.
assert_match() {
    if [[ ! $2 =~ $1 ]]; then
        fail "${3:-value}: '$2' does not match /$1/"
    fi
}

# assert_ge MIN NUMBER [WHAT]: fails unless NUMBER is an integer >= MIN.
assert_ge() {
    if [[ ! $2 =~ ^-?[0-9]+$ ]] || (( $2 < $1 )); then
        fail "${3:-value}: expected at least $1, got '$2'"
    fi
}

# require_prog PATH: fails unless PATH is an executable file.
require_prog() {
    if [[ ! -x $1 ]]; then
        fail "$1 is missing or not executable (is the tree built?)"
    fi
}

# ---------------------------------------------------------------------------
# Waiting.

# A descriptor that never becomes readable: 'read -t' on it is a sleep
# without starting a process (every exec is expensive in the sandbox).
exec {_lib_nap_fd}<> <(:)

# nap SECONDS: sleeps, fractions allowed, using a builtin.
nap() {
    read -r -t "$1" -u "$_lib_nap_fd" _ || :
}

# poll_until TIMEOUT CMD [ARGS...]: runs CMD every 50 ms until it
# succeeds (returns 0) or TIMEOUT seconds have passed (returns 1, with a
# message on stderr).  Callers usually write "poll_until ... || fail ...".
poll_until() {
    local limit=$1 deadline now
    shift
    now=${EPOCHREALTIME/./}
    deadline=$(( now + limit * 1000000 ))
    while ! "$@"; do
        now=${EPOCHREALTIME/./}
        if (( now >= deadline )); then
            echo "$TEST_NAME: no success within ${limit}s: $*" >&2
            return 1
        fi
        nap 0.05
    done
}

# pid_alive PID: true while process PID exists and is not a zombie.  (A
# daemon that exits may linger as a zombie of PID 1, which 'kill -0'
# still counts as existing.)
pid_alive() {
    local line state
    [[ -r /proc/$1/stat ]] || return 1
    { read -r line < "/proc/$1/stat"; } 2> /dev/null || return 1
    # The state follows the parenthesised command name.
    state=${line##*) }
    state=${state%% *}
    [[ $state != Z && $state != X ]]
}

# pid_gone PID: the negation of pid_alive, for poll_until.
pid_gone() {
    ! pid_alive "$1"
}

# ---------------------------------------------------------------------------
# Clean-up.  Commands registered with on_exit run in reverse order when
# the scenario ends, however it ends; a failing clean-up command does not
# change the scenario's status.

_lib_cleanups=()

on_exit() {
    _lib_cleanups+=("$*")
}

_lib_at_exit() {
    local status=$? i
    set +e
    if (( status != 0 && status != 77 )); then
        _lib_dump_logs
    fi
    for (( i = ${#_lib_cleanups[@]} - 1; i >= 0; i-- )); do
        eval "${_lib_cleanups[i]}" > /dev/null 2>&1
    done
    exit "$status"
}
trap _lib_at_exit EXIT

# On failure, shows the end of every daemon log: usually the explanation.
_lib_dump_logs() {
    local log
    [[ -n ${OVS_LOGDIR-} && -d $OVS_LOGDIR ]] || return 0
    for log in "$OVS_LOGDIR"/*.log; do
        [[ -f $log ]] || continue
        echo "--- last lines of $log:" >&2
        tail -n 25 "$log" | sed 's/^/    /' >&2
    done
}

# ---------------------------------------------------------------------------
# Network namespaces ("VMs" and remote hosts).

# ns NAME CMD [ARGS...]: runs CMD inside namespace NAME.
ns() {
    local name=$1
    shift
    ip netns exec "$name" "$@"
}

# netns_add NAME: creates namespace NAME with lo up and IPv6 off (router
# solicitations and DAD would otherwise add traffic tests do not expect),
# and deletes it at exit.
netns_add() {
    ip netns add "$1" || fail "cannot create namespace $1"
    on_exit ip netns del "$1"
    ip -n "$1" link set lo up
    if [[ -d /proc/sys/net/ipv6 ]]; then
        ns "$1" sysctl -q -w net.ipv6.conf.all.disable_ipv6=1 \
                             net.ipv6.conf.default.disable_ipv6=1
    fi
}

# veth_add NS1 DEV1 ADDR1 NS2 DEV2 ADDR2: a veth pair DEV1<->DEV2 with
# DEV1 in namespace NS1 and DEV2 in NS2, both up, with the given
# addresses (CIDR; "-" for none).  An empty namespace name keeps that end
# in the current namespace.
veth_add() {
    local ns1=$1 dev1=$2 addr1=$3 ns2=$4 dev2=$5 addr2=$6
    ip link add "$dev1" type veth peer name "$dev2" ||
        fail "cannot create veth pair $dev1/$dev2"
    _lib_place_dev "$ns1" "$dev1" "$addr1"
    _lib_place_dev "$ns2" "$dev2" "$addr2"
}

_lib_place_dev() {
    local name=$1 dev=$2 addr=$3 ipn=()
    if [[ -n $name ]]; then
        ip link set "$dev" netns "$name"
        ipn=(-n "$name")
    fi
    if [[ $addr != - ]]; then
        ip "${ipn[@]}" addr add "$addr" dev "$dev"
    fi
    ip "${ipn[@]}" link set "$dev" up
}

# ---------------------------------------------------------------------------
# TC.

# tc_packets NS DEV PREF [ingress|egress]: prints how many packets the TC
# filter with priority PREF on DEV (in namespace NS, "" for the current
# one) has counted, read from the statistics of its first action.
tc_packets() {
    local name=$1 dev=$2 pref=$3 dir=${4:-ingress} json
    local cmd=(tc -s -j filter show dev "$dev" "$dir" pref "$pref")
    if [[ -n $name ]]; then
        cmd=(ip netns exec "$name" "${cmd[@]}")
    fi
    json=$("${cmd[@]}") || fail "cannot list TC filters on $dev"
    python3 -c '
import json, sys
for f in json.loads(sys.argv[1]):
    actions = f.get("options", {}).get("actions", [])
    if actions and "stats" in actions[0]:
        print(actions[0]["stats"]["packets"])
        sys.exit(0)
sys.exit("no filter with action statistics in: " + sys.argv[1])
' "$json"
}

# ---------------------------------------------------------------------------
# Packet captures.

# pcap_csums FILE SRC: reads a pcap file and prints, for every IPv4 packet
# from address SRC, the outer checksum indication: for UDP the checksum
# field, for GRE the C bit (1 or 0).  One line per packet.
pcap_csums() {
    python3 - "$1" "$2" << 'EOF'
import socket, struct, sys
data = open(sys.argv[1], "rb").read()
local = socket.inet_aton(sys.argv[2])
magic = struct.unpack("<I", data[:4])[0]
endian = "<" if magic in (0xa1b2c3d4, 0xa1b23c4d) else ">"
ofs = 24
while ofs + 16 <= len(data):
    _, _, caplen, _ = struct.unpack(endian + "IIII", data[ofs:ofs + 16])
    pkt = data[ofs + 16:ofs + 16 + caplen]
    ofs += 16 + caplen
    if len(pkt) < 34 or pkt[12:14] != b"\x08\x00" or pkt[26:30] != local:
        continue
    ihl = (pkt[14] & 0x0f) * 4
    l4 = 14 + ihl
    if pkt[23] == 17:
        print("udp-csum=%d" % struct.unpack("!H", pkt[l4 + 6:l4 + 8])[0])
    elif pkt[23] == 47:
        flags = struct.unpack("!H", pkt[l4:l4 + 2])[0]
        print("gre-c=%d key=%d" % (flags >> 15 & 1, flags >> 13 & 1))
EOF
}

# check_outer_csums TYPE on|off SRC MIN: every packet from SRC in the
# capture $pcap must carry the outer checksum indication TYPE (vxlan or
# gre) gives with its checksum on or off (VXLAN: a nonzero or zero outer
# UDP checksum; GRE: the C bit, with the K bit set), and there must be at
# least MIN of them.
check_outer_csums() {
    local type=$1 csum=$2 src=$3 min=$4 csums line n=0 want
    csums=$(pcap_csums "$pcap" "$src")
    echo "outer headers from $src:"
    echo "$csums" | sort | uniq -c
    while IFS= read -r line; do
        [[ -n $line ]] || continue
        n=$((n + 1))
        if [[ $type == vxlan ]]; then
            if [[ $csum == on ]]; then
                [[ $line != udp-csum=0 ]] ||
                    fail "vxlan csum on: zero outer UDP checksum"
            else
                assert_eq udp-csum=0 "$line" "vxlan csum off: UDP checksum"
            fi
        else
            want="gre-c=0 key=1"
            [[ $csum == on ]] && want="gre-c=1 key=1"
            assert_eq "$want" "$line" "gre csum $csum: GRE flags"
        fi
    done <<< "$csums"
    assert_ge "$min" "$n" "$type/$csum: captured encapsulated packets"
}

# capture_start NS DEV FILTER...: starts tcpdump on DEV in namespace NS
# for the first 6 packets that match FILTER, into the file $pcap (as root:
# the capture file is in the guest's /tmp).  capture_stop waits for it.
capture_start() {
    local cns=$1 cdev=$2
    shift 2
    pcap=$(mktemp /tmp/capture.XXXXXX.pcap)
    tcpdump_err=$(mktemp /tmp/capture.XXXXXX.err)
    # Not through the ns function: $! must be tcpdump itself ("ip netns
    # exec" execs it), so that SIGINT reaches it.
    ip netns exec "$cns" tcpdump -Z root -i "$cdev" -nn -U -c 6 -w "$pcap" \
        "$@" 2> "$tcpdump_err" &
    tcpdump_pid=$!
    on_exit kill "$tcpdump_pid"
    poll_until 20 grep -q "listening on" "$tcpdump_err" ||
        fail "tcpdump did not start: $(cat "$tcpdump_err")"
}

capture_stop() {
    # On SIGINT tcpdump flushes its file and exits.
    # tcpdump stops by itself after 6 packets (ARP and the 5 echo
    # requests); on one slow CPU it may still be catching up.
    poll_until 20 pid_gone "$tcpdump_pid" || :
    kill -INT "$tcpdump_pid" 2> /dev/null || :
    wait "$tcpdump_pid" 2> /dev/null || :
    grep -v "listening on" "$tcpdump_err" || :
}

# ---------------------------------------------------------------------------
# Daemons.

# start_daemon PROGRAM [ARGS...]: starts one of our daemons detached, with
# a pid file and a log file in OVS_RUNDIR/OVS_LOGDIR, arranges for it to
# be stopped at exit, and sets DAEMON_PID to its pid.  (Not to be called
# inside $(...): the clean-up would be registered in a subshell.)
start_daemon() {
    local prog=$1 name pid
    shift
    name=${prog##*/}
    require_prog "$prog"
    # The daemon's console output (before it detaches, and whatever it
    # prints afterwards) goes to a file, shown when the scenario fails.
    # --detach returns once the daemon is ready; a daemon that never gets
    # ready would hang the scenario, hence the time limit.
    local console=$OVS_LOGDIR/$name.console.log rc=0
    timeout 30 "$prog" --pidfile --detach --no-chdir --log-file "$@" \
        > "$console" 2>&1 || rc=$?
    on_exit stop_daemon "$name"
    if (( rc != 0 )); then
        cat "$console" >&2
        if (( rc == 124 )); then
            fail "$name did not finish starting (--detach) within 30 s"
        fi
        fail "$name did not start (exit status $rc)"
    fi
    [[ -s $OVS_RUNDIR/$name.pid ]] ||
        fail "$name started but wrote no $OVS_RUNDIR/$name.pid"
    read -r pid < "$OVS_RUNDIR/$name.pid"
    pid_alive "$pid" || fail "$name (pid $pid) is not running"
    DAEMON_PID=$pid
}

# stop_daemon NAME: stops daemon NAME (by its pid file) if it still runs:
# SIGTERM, then SIGKILL after 5 s.
stop_daemon() {
    local pidfile=$OVS_RUNDIR/$1.pid pid
    [[ -s $pidfile ]] || return 0
    read -r pid < "$pidfile"
    pid_alive "$pid" || return 0
    kill -TERM "$pid" 2> /dev/null || return 0
    if ! poll_until 5 pid_gone "$pid" 2> /dev/null; then
        kill -KILL "$pid" 2> /dev/null
    fi
}

# appctl TARGET COMMAND [ARGS...]: our ovs-appctl.
appctl() {
    local target=$1
    shift
    "$OVS_APPCTL" -t "$target" "$@"
}

# ---------------------------------------------------------------------------
# The whole switch: database, ovsdb-server, ovs-vswitchd.

# start_switch [VSWITCHD-ARGS...]: creates a configuration database from
# our schema in OVS_DBDIR, serves it with our ovsdb-server on
# unix:$OVS_RUNDIR/db.sock, initializes it, and starts our ovs-vswitchd
# on it.  Sets OVSDB_PID and VSWITCHD_PID.
start_switch() {
    local db=$OVS_DBDIR/conf.db
    rm -f "$db"
    "$OVSDB_TOOL" create "$db" "$SRCDIR/vswitchd/vswitch.ovsschema" ||
        fail "ovsdb-tool create"
    start_daemon "$OVSDB_SERVER" --remote="punix:$OVS_RUNDIR/db.sock" "$db"
    OVSDB_PID=$DAEMON_PID
    vsctl --no-wait init || fail "ovs-vsctl init"
    start_vswitchd "$@"
}

# start_vswitchd [ARGS...]: (re)starts our ovs-vswitchd on the database
# of start_switch.  Sets VSWITCHD_PID.
start_vswitchd() {
    start_daemon "$OVS_VSWITCHD" "unix:$OVS_RUNDIR/db.sock" "$@"
    VSWITCHD_PID=$DAEMON_PID
}

# vsctl ARGS...: our ovs-vsctl on the database of start_switch.
vsctl() {
    "$OVS_VSCTL" --db="unix:$OVS_RUNDIR/db.sock" --timeout=30 "$@"
}

# ofctl ARGS...: our ovs-ofctl (bridges' management sockets are in
# OVS_RUNDIR).
ofctl() {
    "$OVS_OFCTL" "$@"
}

# ofctl_packets BRIDGE MATCH: n_packets of the one flow in "dump-flows
# BRIDGE MATCH" (fails unless exactly one flow matches).
ofctl_packets() {
    local out n
    out=$(ofctl dump-flows "$1" "$2") || fail "dump-flows $1 $2"
    n=$(grep -c 'n_packets=' <<< "$out" || :)
    [[ $n == 1 ]] || fail "expected one flow for '$2', got:
$out"
    [[ $out =~ n_packets=([0-9]+), ]] || fail "no n_packets in: $out"
    echo "${BASH_REMATCH[1]}"
}

# ping_ok NS ADDR [COUNT]: COUNT (default 3) pings from NS to ADDR all
# answered.
ping_ok() {
    ns "$1" ping -q -c "${3:-3}" -i 0.2 -W 2 "$2" > /dev/null
}

# ping_fails NS ADDR: a single ping from NS to ADDR gets no answer.
ping_fails() {
    ! ns "$1" ping -q -c 1 -W 1 "$2" > /dev/null
}
