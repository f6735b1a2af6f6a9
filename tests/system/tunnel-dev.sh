#!/bin/bash
# datapath/tunnel-dev.c against the kernel: tunnel_dev_ensure() creates
# vxlan_sys_4789, vxlan_sys_4790, gre_sys and genev_sys_6081 in metadata
# mode, up, with an ifindex, as "ip -d link show" confirms; ensuring again
# changes nothing; pre-existing wrong devices are named by
# tunnel_dev_verify() and replaced (with a WARN); a down device or a wrong
# MTU is fixed in place; kernel refusals carry the kernel's extended ack;
# the ethtool tunnel-info calls report "no table" cleanly where no NIC has
# one; devices of the same names in another namespace do not interfere;
# tunnel_dev_remove() deletes.
# sandbox-timeout: 240
. "$SRCDIR/tests/system/lib.sh"

prog=$BUILDDIR/tests/system/test-netdev-kernel
require_prog "$prog"
log=$PWD/tunnel-dev.log
: > "$log"

# The driver runs once, as a coprocess, for the whole scenario (every exec
# is expensive in the sandbox).
coproc ND { exec "$prog" batch 2>> "$log"; }
on_exit kill "$ND_PID"

# nd ARGS...: runs one driver command.  Its output goes to OUT and the log
# lines it produced to the array NEW_LOG; returns its exit status.
nd() {
    local line rc=1 before all
    mapfile -t all < "$log"
    before=${#all[@]}
    OUT=
    echo "$*" >&"${ND[1]}"
    while IFS= read -r -u "${ND[0]}" line; do
        if [[ $line =~ ^\<\<end\ rc=([0-9]+)\>\>$ ]]; then
            rc=${BASH_REMATCH[1]}
            break
        fi
        OUT+=${OUT:+$'\n'}$line
    done
    mapfile -t -s "$before" NEW_LOG < "$log"
    return "$rc"
}

# logged REGEX: true if a line that the last command logged matches REGEX.
logged() {
    local line
    for line in "${NEW_LOG[@]}"; do
        [[ $line =~ $1 ]] && return 0
    done
    return 1
}

# nd_eq EXPECTED WHAT ARGS...: runs a command and checks its output.
nd_eq() {
    local expected=$1 what=$2
    shift 2
    nd "$@" || :
    assert_eq "$expected" "$OUT" "$what"
}

# ifindex_of DEV: DEV's ifindex, from sysfs.
ifindex_of() {
    local i
    read -r i < "/sys/class/net/$1/ifindex" || fail "$1 does not exist"
    echo "$i"
}

# ensure TYPE PORT NAME: ensures the device, checks the driver's answer
# against the kernel, and sets IFINDEX.
ensure() {
    nd ensure "$1" "$2" || fail "ensure $1 $2: $OUT"
    assert_match "^ok ifindex=[0-9]+ name=$3\$" "$OUT" "ensure $1 $2"
    IFINDEX=${OUT#ok ifindex=}
    IFINDEX=${IFINDEX%% *}
    assert_eq "$(ifindex_of "$3")" "$IFINDEX" "ifindex of $3"
}

# check_ip DEV REGEX...: "ip -d link show DEV" must match every REGEX.
check_ip() {
    local dev=$1 text re
    shift
    text=$(ip -d link show dev "$dev") || fail "ip link show $dev"
    for re in "$@"; do
        assert_match "$re" "$text" "ip -d link show $dev"
    done
}

VXLAN_RE=('vxlan external ' ' nolearning ' ' udp6zerocsumrx ')
UP_RE=('<([A-Z_]+,)*UP[,>]' ' mtu 65000 ')

check_vxlan() {
    check_ip "vxlan_sys_$1" "^$2: vxlan_sys_$1: " "${VXLAN_RE[@]}" \
        " dstport $1 " "${UP_RE[@]}"
}
check_gre() {
    check_ip gre_sys "^$1: gre_sys@NONE: " 'gretap external ' "${UP_RE[@]}"
}
check_geneve() {
    check_ip "genev_sys_$1" "^$2: genev_sys_$1: " 'geneve external ' \
        " dstport $1 " ' udp6zerocsumrx ' "${UP_RE[@]}"
}

on_exit ip link del vxlan_sys_4789
on_exit ip link del vxlan_sys_4790
on_exit ip link del vxlan_sys_4791
on_exit ip link del gre_sys
on_exit ip link del genev_sys_6081

step "create vxlan 4789, vxlan 4790, gre, geneve 6081"
ensure vxlan 4789 vxlan_sys_4789; vx1=$IFINDEX
logged 'INFO\|vxlan_sys_4789: created vxlan device in metadata mode$' ||
    fail "creation of vxlan_sys_4789 not logged"
logged 'INFO\|vxlan_sys_4789: no device reports a UDP tunnel port table$' ||
    fail "UDP port table state not logged: ${NEW_LOG[*]}"
ensure vxlan 4790 vxlan_sys_4790; vx2=$IFINDEX
ensure gre 0 gre_sys; gre=$IFINDEX
logged 'UDP tunnel port table' &&
    fail "GRE has no UDP port, yet its port table state was logged"
ensure geneve 6081 genev_sys_6081; gnv=$IFINDEX
check_vxlan 4789 "$vx1"
check_vxlan 4790 "$vx2"
check_gre "$gre"
check_geneve 6081 "$gnv"
ip -d link show | grep -A2 -E '^[0-9]+: (vxlan_sys_|gre_sys|genev_sys_)' |
    grep -E '^[0-9]|external' | sed 's/^ */    ip: /'
# Exactly one device of each.
n=$(ip -o link show | grep -c -E ': (vxlan_sys_|gre_sys|genev_sys_)') || :
assert_eq 4 "$n" "number of tunnel devices"

step "ensure again is a no-op"
for spec in "vxlan 4789 vxlan_sys_4789 $vx1" "vxlan 4790 vxlan_sys_4790 $vx2" \
            "gre 0 gre_sys $gre" "geneve 6081 genev_sys_6081 $gnv"; do
    read -r type port name old <<< "$spec"
    ensure "$type" "$port" "$name"
    assert_eq "$old" "$IFINDEX" "ifindex of $name after a second ensure"
    if logged 'tunnel_dev\|'; then
        fail "second ensure of $name did something: ${NEW_LOG[*]}"
    fi
    nd_eq ok "verify $name" verify "$type" "$port"
done
# Port 0 means the default port.
ensure vxlan 0 vxlan_sys_4789
assert_eq "$vx1" "$IFINDEX" "vxlan port 0 is vxlan_sys_4789"

step "UDP tunnel port tables (ethtool netlink)"
no_table="device does not report tunnel offload info"
nd_eq "no table: Operation not supported ($no_table)" \
    "tunnel-info vxlan_sys_4789" tunnel-info vxlan_sys_4789
ip link add tdv0 type veth peer name tdv1
on_exit ip link del tdv0
nd tunnel-info tdv0 || fail "tunnel-info: $OUT"
assert_match "^no table: " "$OUT" "tunnel-info of a veth"
if command -v ethtool > /dev/null; then
    # The same answer as the stock tool's.
    if eout=$(ethtool --show-tunnels vxlan_sys_4789 2>&1); then
        fail "ethtool reports a table on vxlan_sys_4789: $eout"
    fi
    assert_match "$no_table" "$eout" \
        "ethtool --show-tunnels"
fi
nd_eq "0 device(s) with UDP tunnel port tables" tunnel-dump tunnel-dump
nd_eq "no device reports a UDP tunnel port table" "port-devices 4789" \
    port-devices 4789

step "wrong devices are named and replaced"
# Each case: type, port, device, the command that makes it wrong, and the
# reason tunnel_dev_verify() must give.
cases=(
    "vxlan|4789|vxlan_sys_4789|ip link add vxlan_sys_4789 type vxlan id 5 dstport 4789 dev lo|IFLA_VXLAN_COLLECT_METADATA is 0, expected 1 (external)"
    "vxlan|4789|vxlan_sys_4789|ip link add vxlan_sys_4789 type vxlan external dstport 4799|IFLA_VXLAN_PORT is 4799, expected 4789 (dstport)"
    "vxlan|4790|vxlan_sys_4790|ip link add vxlan_sys_4790 type vxlan external dstport 4790 learning|IFLA_VXLAN_LEARNING is 1, expected 0 (nolearning)"
    "vxlan|4790|vxlan_sys_4790|ip link add vxlan_sys_4790 type vxlan external dstport 4790 noudp6zerocsumrx|IFLA_VXLAN_UDP_ZERO_CSUM6_RX is 0, expected 1 (udp6zerocsumrx)"
    "gre|0|gre_sys|ip link add gre_sys type dummy|kind is dummy, expected gretap"
    "gre|0|gre_sys|ip link add gre_sys type gretap remote 10.0.0.9 local 10.0.0.8|IFLA_GRE_COLLECT_METADATA is missing, expected 1 (external)"
    "geneve|6081|genev_sys_6081|ip link add genev_sys_6081 type geneve id 7 remote 10.0.0.1|IFLA_GENEVE_COLLECT_METADATA is missing, expected 1 (external)"
    "geneve|6081|genev_sys_6081|ip link add genev_sys_6081 type vxlan external dstport 6081|kind is vxlan, expected geneve"
)
for c in "${cases[@]}"; do
    IFS='|' read -r type port name cmd why <<< "$c"
    echo "case: $cmd"
    nd_eq ok "remove $name" remove "$type" "$port"
    $cmd || fail "cannot run: $cmd"
    old=$(ifindex_of "$name")
    nd_eq "wrong: $why" "verify $name" verify "$type" "$port"
    ensure "$type" "$port" "$name"
    [[ $IFINDEX != "$old" ]] || fail "$name was not replaced"
    found=false
    for line in "${NEW_LOG[@]}"; do
        if [[ $line == *"WARN|$name: replacing the existing device"*": $why" ]]
        then
            found=true
        fi
    done
    $found || fail "replacement of $name not logged: ${NEW_LOG[*]}"
    nd_eq ok "verify $name after ensure" verify "$type" "$port"
done
check_vxlan 4789 "$(ifindex_of vxlan_sys_4789)"
check_vxlan 4790 "$(ifindex_of vxlan_sys_4790)"
check_gre "$(ifindex_of gre_sys)"
check_geneve 6081 "$(ifindex_of genev_sys_6081)"

step "a down device or a wrong MTU is fixed in place"
gnv=$(ifindex_of genev_sys_6081)
ip link set genev_sys_6081 down
nd_eq "wrong: device is administratively down" "verify of a down device" \
    verify geneve 6081
ip link set genev_sys_6081 mtu 1500
nd_eq "wrong: MTU is 1500, expected 65000" "verify with a wrong MTU" \
    verify geneve 6081
ensure geneve 6081 genev_sys_6081
assert_eq "$gnv" "$IFINDEX" "ifindex after the fix"
check_geneve 6081 "$gnv"

step "kernel refusals carry the extended ack"
# A metadata-mode VXLAN device with the same receive settings already
# owns UDP port 4791.
ip link add tdvx type vxlan external dstport 4791 udp6zerocsumrx
on_exit ip link del tdvx
nd ensure vxlan 4791 && fail "ensure vxlan 4791 succeeded: $OUT"
in_use="A VXLAN device with the specified VNI already exists"
assert_eq "error: File exists ($in_use)" "$OUT" \
    "ensure vxlan 4791 against tdvx"
logged "WARN\\|vxlan_sys_4791: cannot create vxlan device \\(File exists: $in_use\\)\$" ||
    fail "refusal not logged: ${NEW_LOG[*]}"
nd_eq missing "verify vxlan 4791" verify vxlan 4791
ip link del tdvx

step "devices of the same names in a peer namespace do not interfere"
netns_add tdpeer
ip -n tdpeer link add vxlan_sys_4789 type vxlan external dstport 4789
ip -n tdpeer link add gre_sys type gretap remote 10.0.0.9 local 10.0.0.8
ip -n tdpeer link set vxlan_sys_4789 up
vx1=$(ifindex_of vxlan_sys_4789)
ensure vxlan 4789 vxlan_sys_4789
assert_eq "$vx1" "$IFINDEX" "root vxlan_sys_4789 untouched"
ensure gre 0 gre_sys
nd_eq ok "remove vxlan 4790" remove vxlan 4790
ip -n tdpeer link add vxlan_sys_4790 type vxlan external dstport 4790
ip -n tdpeer link set vxlan_sys_4790 up
ensure vxlan 4790 vxlan_sys_4790
check_vxlan 4790 "$IFINDEX"
ip -n tdpeer -d link show vxlan_sys_4789 | grep -q 'vxlan external' ||
    fail "the peer's vxlan_sys_4789 changed"
ip -n tdpeer -d link show gre_sys | grep -q 'remote 10.0.0.9' ||
    fail "the peer's gre_sys changed"

step "remove deletes"
for spec in "vxlan 4789 vxlan_sys_4789" "vxlan 4790 vxlan_sys_4790" \
            "gre 0 gre_sys" "geneve 6081 genev_sys_6081"; do
    read -r type port name <<< "$spec"
    nd_eq ok "remove $name" remove "$type" "$port"
    [[ ! -e /sys/class/net/$name ]] || fail "$name still exists"
    nd_eq missing "verify after remove" verify "$type" "$port"
    nd_eq ok "second remove of $name" remove "$type" "$port"
done
ip -n tdpeer link show vxlan_sys_4789 > /dev/null ||
    fail "removing ours deleted the peer's device"
echo "tunnel-dev: all checks passed"
