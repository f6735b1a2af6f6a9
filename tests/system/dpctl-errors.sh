#!/bin/bash
# sandbox-timeout: 180
#
# ovs-dpctl's error messages against the real kernel: the text of each
# failure, the kernel's own explanation (its extended ack, printed as
# "(kernel: ...)") where the kernel gives one, and the kernel log line
# where the openvswitch module explains itself only there.  Where stock
# ovs-dpctl is installed, the messages that it also prints must be equal.
. "$SRCDIR/tests/system/lib.sh"

DPCTL=$OVS_DPCTL
STOCK=/usr/bin/ovs-dpctl
require_prog "$DPCTL"

# errors_of PROG ARGS...: runs PROG, which must fail, and prints its error
# output without log lines.
errors_of() {
    local prog=$1 out
    shift
    if out=$("$prog" "$@" 2>&1 > /dev/null); then
        fail "$prog $* succeeded, expected a failure"
    fi
    grep -v -E '^[0-9]{4}-[0-9]{2}-[0-9]{2}T' <<< "$out" || :
}

# expect_error EXPECTED ARGS...: our ovs-dpctl fails with exactly
# EXPECTED on stderr.
expect_error() {
    local expected=$1 got
    shift
    got=$(errors_of "$DPCTL" "$@")
    assert_eq "$expected" "$got" "ovs-dpctl $*"
}

# same_as_stock ARGS...: stock prints the same error (when installed).
same_as_stock() {
    [[ -x $STOCK ]] || return 0
    assert_eq "$(errors_of "$STOCK" "$@")" "$(errors_of "$DPCTL" "$@")" \
        "stock vs ours: ovs-dpctl $*"
}

# kernel_log_has TEXT: the kernel log has a line containing TEXT.
kernel_log_has() {
    dmesg | grep -qF -- "$1"
}

step "command-line errors"
expect_error "ovs-dpctl: unknown command 'frob'; use --help for help" frob
same_as_stock frob
expect_error "ovs-dpctl: 'add-dp' command requires at least 1 arguments" \
    add-dp
same_as_stock add-dp
expect_error "ovs-dpctl: opening datapath nosuch failed (No such device)" \
    show nosuch
same_as_stock show nosuch

step "a datapath with one veth"
ip link add p1 type veth peer name p1b
on_exit ip link del p1
on_exit "$DPCTL" del-dp dp0
"$DPCTL" add-dp dp0 p1 || fail "add-dp"

step "add-if of a missing device"
expect_error "ovs-dpctl: nosuch: failed to open network device (No such device)" \
    add-if dp0 nosuch
same_as_stock add-if dp0 nosuch
expect_error "ovs-dpctl: no port named nosuch" del-if dp0 nosuch
same_as_stock del-if dp0 nosuch

step "names too long for a network device"
# Our dpif refuses a port name that cannot be a device name itself; a
# datapath name goes to the kernel, whose attribute policy refuses it
# with an extended ack.
expect_error "ovs-dpctl: adding abcdefghijklmnopq to dp0 failed (File name too long)" \
    add-if dp0 abcdefghijklmnopq
expect_error "ovs-dpctl: add_dp (Invalid argument) (kernel: Attribute failed policy validation (attribute at offset 24))" \
    add-dp abcdefghijklmnopq

step "a tunnel port whose device the kernel refuses"
# Only one metadata-mode Geneve device may own a UDP port: with a foreign
# one on port 6090, genev_sys_6090 cannot be set up.  (Linux 6.1 says
# EBUSY here without an extended ack.)
ip link add foreign type geneve external dstport 6090
on_exit ip link del foreign
expect_error "ovs-dpctl: adding gnv to dp0 failed (Device or resource busy)" \
    add-if dp0 gnv,type=geneve,dst_port=6090
[[ $("$DPCTL" show dp0) != *genev_sys* ]] ||
    fail "genev_sys_6090 became a port after all"

step "flows with keys the kernel refuses"
# tcp() without ipv4 proto=6: the kernel rejects the mask.  The
# openvswitch module explains such refusals only in its log.
bad="in_port(1),eth(),eth_type(0x0800),ipv4(src=1.2.3.4,frag=no),tcp(src=5)"
expect_error "ovs-dpctl: updating flow table (Invalid argument)" \
    add-flow dp0 "$bad" 2
same_as_stock add-flow dp0 "$bad" 2
kernel_log_has "openvswitch: netlink: Unexpected mask" ||
    fail "no 'Unexpected mask' in the kernel log"

step "flow errors found before the kernel"
got=$(errors_of "$DPCTL" add-flow dp0 "in_port(1),eth(),bogus(1)" 2)
assert_match '^ovs-dpctl: parsing flow key \(.+\)$' "$got" "bad key text"
got=$(errors_of "$DPCTL" add-flow dp0 "in_port(1),eth()" "frobnicate")
assert_match '^ovs-dpctl: parsing actions \(.+\)$' "$got" "bad actions"
good="in_port(1),eth(),eth_type(0x0806),arp()"
"$DPCTL" add-flow dp0 "$good" 2 || fail "add-flow"
expect_error "ovs-dpctl: updating flow table (File exists)" \
    add-flow dp0 "$good" 2
same_as_stock add-flow dp0 "$good" 2
missing="in_port(1),eth(),eth_type(0x0806),arp(op=9)"
expect_error "ovs-dpctl: deleting flow (No such file or directory)" \
    del-flow dp0 "$missing"
hint=$("$DPCTL" del-flow dp0 "$missing" 2> /dev/null) || :
assert_eq "Perhaps you need to specify a UFID?" "$hint" "del-flow hint"
same_as_stock del-flow dp0 "$missing"
expect_error "ovs-dpctl: updating flow table (No such file or directory)" \
    mod-flow dp0 "$missing" 2
same_as_stock mod-flow dp0 "$missing" 2

step "--read-only refuses changes"
expect_error "ovs-dpctl: 'del-flows' command does not work in read only mode" \
    --read-only del-flows dp0
echo "dpctl-errors: all checks passed"
