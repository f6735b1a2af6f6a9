/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

/* test-dpif-kernel: drives datapath/dpif.h against the real openvswitch
 * module, one step per invocation, for tests/system/dpif.sh (which sets up
 * namespaces and traffic between the steps).
 *
 *   setup DP DEV1 DEV2 MAC1 MAC2      create DP, add DEV1 and DEV2, put a
 *                                     flow each way, check dumps and gets,
 *                                     execute a packet DEV1 -> DEV2
 *   stats DP N                        both flows counted N packets; then
 *                                     modify, zero, delete, flush
 *   upcall DP MODE MAC1 MAC2 IP1 IP2 -- CMD...
 *                                     MODE "per-cpu" or "per-vport": with
 *                                     no flow, run CMD (traffic from DEV1)
 *                                     and expect a MISS upcall with that
 *                                     key, then an ACTION upcall from an
 *                                     executed userspace() action
 *   errors DP                         kernel errors and their extack text
 *   tunnel DP                         vxlan, geneve and gre ports on
 *                                     their metadata-mode devices
 *   bench DP N                        N flow puts one by one vs batched
 *   delete DP                         delete DP
 *
 * Each check prints "ok: WHAT" or "FAIL: WHAT"; the exit status is 1 if
 * any failed. */

#include <config.h>

#include <errno.h>
#include <inttypes.h>
#include <net/if.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "datapath/dpif.h"
#include "dynamic-string.h"
#include "netlink.h"
#include "odp-actions.h"
#include "odp-format.h"
#include "packets.h"
#include "poll-loop.h"
#include "timeval.h"
#include "util.h"
#include "vlog.h"

static int n_failures;

static void OVS_PRINTF_FORMAT(2, 3)
check(bool ok, const char *format, ...)
{
    va_list args;

    printf("%s: ", ok ? "ok" : "FAIL");
    va_start(args, format);
    vprintf(format, args);
    va_end(args);
    putchar('\n');
    fflush(stdout);
    if (!ok) {
        n_failures++;
    }
}

static struct dpif *
open_dp(const char *name, bool create)
{
    struct dpif *dpif;
    char *errmsg = NULL;
    int error;

    error = (create
             ? dpif_create_and_open("system", name, &dpif, &errmsg)
             : dpif_open("system", name, &dpif, &errmsg));
    if (error) {
        fprintf(stderr, "cannot open datapath %s: %s%s%s\n", name,
                ovs_strerror(error), errmsg ? ": " : "",
                errmsg ? errmsg : "");
        exit(1);
    }
    free(errmsg);
    return dpif;
}

static char *
err_text(const struct dpif *dpif, int error)
{
    struct ds ds = DS_EMPTY_INITIALIZER;

    dpif_format_error(&ds, dpif, error);
    return ds_steal_cstr(&ds);
}

static odp_port_t
port_no_of(struct dpif *dpif, const char *name)
{
    struct dpif_port port;

    if (dpif_port_query_by_name(dpif, name, &port)) {
        fprintf(stderr, "no port %s\n", name);
        exit(1);
    }
    dpif_port_destroy(&port);
    return port.port_no;
}

static struct eth_addr
parse_mac(const char *s)
{
    struct eth_addr ea;

    if (!eth_addr_from_string(s, &ea)) {
        fprintf(stderr, "bad MAC %s\n", s);
        exit(1);
    }
    return ea;
}

/* The UFID of the test flow entering on 'in_port'. */
static ovs_u128
test_ufid(odp_port_t in_port)
{
    ovs_u128 ufid;

    ufid.u64[0] = 0x0123456789abcdefULL;
    ufid.u64[1] = 0xd0f0000000000000ULL | in_port;
    return ufid;
}

/* in_port, Ethernet addresses, no VLAN and the IPv4 Ethertype, exact
 * (with a mask: everything else wildcarded). */
static void
test_match(struct match *match, odp_port_t in_port, struct eth_addr src,
           struct eth_addr dst)
{
    match_init_catchall(match);
    match_set_in_port_odp(match, in_port);
    match_set_dl_src(match, src);
    match_set_dl_dst(match, dst);
    match_set_dl_type(match, htons(ETH_TYPE_IP));
    /* The kernel always matches the VLAN TCI: untagged, here. */
    match_set_no_vlan(match, 0);
}

static void
output_action(struct nl_buf *buf, uint64_t *stub, size_t size,
              odp_port_t port)
{
    nl_buf_use(buf, stub, size);
    odp_put_output(buf, port);
}

/* A UDP packet in 'buf' (at least 64 bytes) from 'src' to 'dst'. */
static size_t
make_packet(uint8_t *buf, struct eth_addr src, struct eth_addr dst,
            ovs_be32 ip_src, ovs_be32 ip_dst)
{
    uint8_t *ip = buf + 14, *udp = ip + 20;
    uint32_t sum = 0;
    int i;

    memset(buf, 0, 64);
    memcpy(buf, dst.ea, 6);
    memcpy(buf + 6, src.ea, 6);
    buf[12] = 0x08;
    ip[0] = 0x45;
    ip[3] = 20 + 8 + 14;
    ip[8] = 64;
    ip[9] = 17;
    memcpy(ip + 12, &ip_src, 4);
    memcpy(ip + 16, &ip_dst, 4);
    for (i = 0; i < 20; i += 2) {
        sum += (ip[i] << 8) | ip[i + 1];
    }
    sum = (sum & 0xffff) + (sum >> 16);
    sum = (sum & 0xffff) + (sum >> 16);
    ip[10] = ~sum >> 8;
    ip[11] = ~sum & 0xff;
    udp[0] = 0x30;
    udp[1] = 0x39;
    udp[2] = 0x30;
    udp[3] = 0x3a;
    udp[5] = 8 + 14;
    return 14 + 20 + 8 + 14;
}

/* Dumps the flows of 'dpif' and counts them; with 'ufids', checks that
 * each has its UFID and, unless 'terse', a key. */
static size_t
count_flows(struct dpif *dpif, bool terse, size_t *n_with_ufid,
            size_t *n_with_key)
{
    struct dpif_flow_dump_options opts = { .terse = terse };
    struct dpif_flow_dump *dump = dpif_flow_dump_create(dpif, &opts);
    struct dpif_flow flow;
    size_t n = 0;
    int error;

    *n_with_ufid = *n_with_key = 0;
    while (dpif_flow_dump_next(dump, &flow)) {
        n++;
        *n_with_ufid += flow.ufid_present;
        *n_with_key += flow.key_len > 0 && !flow.match_error;
    }
    error = dpif_flow_dump_destroy(dump);
    check(!error, "flow dump%s ends cleanly (%s)", terse ? " (terse)" : "",
          ovs_retval_to_string(error));
    return n;
}

/* Adds ports 'dev1' and 'dev2' and checks the port queries and dump. */
static void
setup_ports(struct dpif *dpif, const char *dp_name, const char *dev1,
            const char *dev2, odp_port_t *p1p, odp_port_t *p2p)
{
    odp_port_t p1 = ODPP_NONE, p2 = ODPP_NONE;
    struct dpif_port_dump pdump;
    struct dpif_port port;
    size_t n_ports;
    int error;

    error = dpif_port_add(dpif, dev1, "system", NULL, 0, &p1);
    check(!error, "add port %s: %s", dev1, ovs_retval_to_string(error));
    p2 = 7;
    error = dpif_port_add(dpif, dev2, "", NULL, 0, &p2);
    check(!error && p2 == 7, "add port %s as number 7: %s (got %"PRIu32")",
          dev2, ovs_retval_to_string(error), p2);
    printf("ports: %s=%"PRIu32" %s=%"PRIu32"\n", dev1, p1, dev2, p2);
    error = dpif_port_add(dpif, dev1, "system", NULL, 0, NULL);
    check(error == EEXIST, "adding %s again gives EEXIST (%s)", dev1,
          ovs_retval_to_string(error));

    n_ports = 0;
    DPIF_PORT_FOR_EACH (&port, &pdump, dpif) {
        printf("  port %"PRIu32": %s (%s) ifindex %d\n", port.port_no,
               port.name, port.type, port.ifindex);
        n_ports++;
    }
    check(n_ports == 3, "port dump lists 3 ports (local, %s, %s): %zu",
          dev1, dev2, n_ports);
    error = dpif_port_query_by_number(dpif, p1, &port);
    check(!error && !strcmp(port.name, dev1)
          && !strcmp(port.type, "system"),
          "query port %"PRIu32" by number: %s (system)", p1, dev1);
    dpif_port_destroy(&port);
    error = dpif_port_query_by_number(dpif, 0, &port);
    check(!error && !strcmp(port.name, dp_name)
          && !strcmp(port.type, "internal"),
          "local port 0 is %s (internal)", dp_name);
    dpif_port_destroy(&port);

    *p1p = p1;
    *p2p = p2;
}

/* Reads back the flow 'ufid', which must be 'm' with 'actions'. */
static void
check_get(struct dpif *dpif, const ovs_u128 *ufid, const struct match *m,
          const struct nl_buf *actions)
{
    struct dpif_flow flow;
    struct nl_buf buf;
    struct ds ds = DS_EMPTY_INITIALIZER;
    int error;

    nl_buf_init(&buf, 1024);
    error = dpif_flow_get(dpif, NULL, ufid, &buf, &flow);
    check(!error, "get flow by UFID: %s", ovs_retval_to_string(error));
    if (!error) {
        odp_key_format(&ds, flow.key, flow.key_len, flow.mask,
                       flow.mask_len, false);
        ds_put_cstr(&ds, ", actions:");
        odp_actions_format(&ds, flow.actions, flow.actions_len);
        printf("  got: %s\n", ds_cstr(&ds));
        check(!flow.match_error && match_equal(&flow.match, m),
              "the flow's match is the one put");
        if (!match_equal(&flow.match, m)) {
            ds_clear(&ds);
            odp_match_format(&ds, &flow.match, true);
            ds_put_cstr(&ds, "\n  put: ");
            odp_match_format(&ds, m, true);
            printf("  read: %s\n", ds_cstr(&ds));
        }
        check(flow.actions_len == actions->used
              && !memcmp(flow.actions, actions->data, actions->used),
              "the flow's actions are the ones put");
        check(flow.ufid_present && ovs_u128_equals(flow.ufid, *ufid),
              "the flow's UFID is the one put");
        check(!strcmp(flow.attrs.dp_layer, "ovs") && !flow.attrs.offloaded,
              "the flow is in dp:ovs");
    }
    ds_destroy(&ds);
    nl_buf_uninit(&buf);
}

/* Executes a packet from 'src' (on 'in_port') to 'dst' with 'actions'. */
static void
execute_packet(struct dpif *dpif, odp_port_t in_port, struct eth_addr src,
               struct eth_addr dst, const struct nl_buf *actions)
{
    uint8_t pkt[128];
    struct flow md;
    struct dpif_execute e = { .packet = pkt };
    int error;

    memset(&md, 0, sizeof md);
    md.in_port.odp_port = in_port;
    /* To an address that nobody has, so that no answer comes back through
     * the flows and changes their counts. */
    e.packet_len = make_packet(pkt, src, dst, htonl(0x0a010001),
                               htonl(0x0a010063));
    e.md = &md;
    e.actions = actions->data;
    e.actions_len = actions->used;
    error = dpif_execute(dpif, &e);
    check(!error, "execute a packet with %zu bytes of actions: %s",
          actions->used, ovs_retval_to_string(error));
}

static void
cmd_setup(int argc, char *argv[])
{
    struct eth_addr mac1, mac2;
    struct dpif_features features;
    struct match m1, m2;
    struct dpif *dpif;
    odp_port_t p1, p2;
    uint64_t a1stub[16], a2stub[16];
    struct nl_buf a1, a2;
    ovs_u128 u1, u2;
    size_t n, n_ufid, n_key;
    int error;

    if (argc != 6) {
        ovs_fatal(0, "usage: setup DP DEV1 DEV2 MAC1 MAC2");
    }
    mac1 = parse_mac(argv[4]);
    mac2 = parse_mac(argv[5]);
    dpif = open_dp(argv[1], true);

    error = dpif_get_features(dpif, &features);
    check(!error, "get features");
    printf("features: per_cpu_dispatch=%s vport_pids=%s unaligned=%s "
           "tc_recirc_sharing=%s masks_cache=%s user_features=0x%"PRIx32"\n",
           features.per_cpu_dispatch ? "yes" : "no",
           features.vport_pids ? "yes" : "no",
           features.unaligned ? "yes" : "no",
           features.tc_recirc_sharing ? "yes" : "no",
           features.masks_cache ? "yes" : "no", features.user_features);
    setup_ports(dpif, argv[1], argv[2], argv[3], &p1, &p2);

    /* A flow each way. */
    test_match(&m1, p1, mac1, mac2);
    test_match(&m2, p2, mac2, mac1);
    u1 = test_ufid(p1);
    u2 = test_ufid(p2);
    output_action(&a1, a1stub, sizeof a1stub, p2);
    output_action(&a2, a2stub, sizeof a2stub, p1);
    error = dpif_flow_put(dpif, DPIF_FP_CREATE, &m1, &u1, a1.data, a1.used,
                          NULL);
    check(!error, "put flow %s -> %s: %s", argv[2], argv[3],
          ovs_retval_to_string(error));
    error = dpif_flow_put(dpif, DPIF_FP_CREATE, &m2, &u2, a2.data, a2.used,
                          NULL);
    check(!error, "put flow %s -> %s: %s", argv[3], argv[2],
          ovs_retval_to_string(error));
    error = dpif_flow_put(dpif, DPIF_FP_CREATE, &m1, &u1, a1.data, a1.used,
                          NULL);
    check(error == EEXIST, "putting it again with CREATE gives EEXIST (%s)",
          ovs_retval_to_string(error));

    n = count_flows(dpif, false, &n_ufid, &n_key);
    check(n == 2 && n_ufid == 2 && n_key == 2,
          "dump: %zu flows, %zu with UFID, %zu with a key (want 2, 2, 2)",
          n, n_ufid, n_key);
    n = count_flows(dpif, true, &n_ufid, &n_key);
    check(n == 2 && n_ufid == 2 && n_key == 0,
          "terse dump: %zu flows, %zu with UFID, %zu with a key "
          "(want 2, 2, 0)", n, n_ufid, n_key);

    check_get(dpif, &u1, &m1, &a1);
    execute_packet(dpif, p1, mac1, mac2, &a1);
    dpif_close(dpif);
}

static void
get_stats(struct dpif *dpif, const ovs_u128 *ufid, int *errorp,
          struct dpif_flow_stats *stats)
{
    struct dpif_flow flow;
    struct nl_buf buf;

    nl_buf_init(&buf, 1024);
    *errorp = dpif_flow_get(dpif, NULL, ufid, &buf, &flow);
    if (!*errorp) {
        *stats = flow.stats;
    } else {
        memset(stats, 0, sizeof *stats);
    }
    nl_buf_uninit(&buf);
}

static void
cmd_stats(int argc, char *argv[])
{
    struct dpif_flow_stats s1, s2, s;
    struct dpif_dp_stats dps;
    struct dpif_flow flow;
    struct dpif *dpif;
    odp_port_t p1, p2;
    ovs_u128 u1, u2;
    uint64_t n;
    size_t nf, n_ufid, n_key;
    int error;

    if (argc != 5) {
        ovs_fatal(0, "usage: stats DP DEV1 DEV2 N");
    }
    dpif = open_dp(argv[1], false);
    p1 = port_no_of(dpif, argv[2]);
    p2 = port_no_of(dpif, argv[3]);
    n = strtoull(argv[4], NULL, 10);
    u1 = test_ufid(p1);
    u2 = test_ufid(p2);

    get_stats(dpif, &u1, &error, &s1);
    check(!error && s1.n_packets == n,
          "flow %s -> %s counted %"PRIu64" packets (want %"PRIu64")",
          argv[2], argv[3], s1.n_packets, n);
    get_stats(dpif, &u2, &error, &s2);
    check(!error && s2.n_packets == n,
          "flow %s -> %s counted %"PRIu64" packets (want %"PRIu64")",
          argv[3], argv[2], s2.n_packets, n);
    check(s1.n_bytes >= 98 * n && s1.used > 0,
          "bytes %"PRIu64" and last use %lld are set", s1.n_bytes, s1.used);

    error = dpif_get_dp_stats(dpif, &dps);
    check(!error && dps.n_flows == 2 && dps.n_hit >= 2 * n,
          "datapath stats: flows %"PRIu64" hit %"PRIu64" missed %"PRIu64
          " lost %"PRIu64" masks %"PRIu64, dps.n_flows, dps.n_hit,
          dps.n_missed, dps.n_lost, dps.n_masks);

    /* Modify (same flow, new actions: drop) keeps the statistics. */
    {
        struct match m;
        struct nl_buf buf;

        nl_buf_init(&buf, 1024);
        error = dpif_flow_get(dpif, NULL, &u1, &buf, &flow);
        m = flow.match;
        nl_buf_uninit(&buf);
        error = error ? error : dpif_flow_put(dpif, DPIF_FP_MODIFY, &m, &u1,
                                              NULL, 0, &s);
        check(!error && s.n_packets == n,
              "modify: %s, statistics before: %"PRIu64" packets",
              ovs_retval_to_string(error), s.n_packets);
        get_stats(dpif, &u1, &error, &s);
        check(!error && s.n_packets == n,
              "after modify the flow still counts %"PRIu64" packets",
              s.n_packets);
        error = dpif_flow_put(dpif, DPIF_FP_MODIFY | DPIF_FP_ZERO_STATS, &m,
                              &u1, NULL, 0, NULL);
        get_stats(dpif, &u1, &error, &s);
        check(!error && s.n_packets == 0,
              "modify with ZERO_STATS: %"PRIu64" packets", s.n_packets);
    }

    /* Delete with final statistics; then it is gone. */
    error = dpif_flow_del(dpif, NULL, &u2, &s);
    check(!error && s.n_packets == n,
          "delete by UFID: %s, final count %"PRIu64,
          ovs_retval_to_string(error), s.n_packets);
    get_stats(dpif, &u2, &error, &s);
    check(error == ENOENT, "get after delete: ENOENT (%s)",
          ovs_retval_to_string(error));
    error = dpif_flow_del(dpif, NULL, &u2, NULL);
    check(error == ENOENT, "delete again: ENOENT (%s)",
          ovs_retval_to_string(error));

    error = dpif_flow_flush(dpif);
    check(!error, "flush: %s", ovs_retval_to_string(error));
    nf = count_flows(dpif, false, &n_ufid, &n_key);
    check(nf == 0, "no flows after flush (%zu)", nf);
    dpif_close(dpif);
}

/* Receives from every handler until 'pred' accepts an upcall or 'msec'
 * pass; returns true if one was accepted (left in 'upcall'). */
static bool
wait_upcall(struct dpif *dpif, struct nl_buf *buf, struct dpif_upcall *up,
            bool (*pred)(const struct dpif_upcall *, const void *aux),
            const void *aux, int msec, int *n_seen)
{
    long long int deadline = time_msec() + msec;
    struct dpif_features f;
    uint32_t i;

    dpif_get_features(dpif, &f);
    *n_seen = 0;
    while (time_msec() < deadline) {
        bool got_any = false;

        for (i = 0; i < f.n_handlers; i++) {
            int error = dpif_recv(dpif, i, up, buf);

            if (!error) {
                ++*n_seen;
                got_any = true;
                if (pred(up, aux)) {
                    return true;
                }
            } else if (error != EAGAIN) {
                printf("  recv on handler %"PRIu32": %s\n", i,
                       ovs_strerror(error));
            }
        }
        if (!got_any) {
            for (i = 0; i < f.n_handlers; i++) {
                dpif_recv_wait(dpif, i);
            }
            poll_timer_wait_until(deadline);
            poll_block();
        }
    }
    return false;
}

struct miss_expect {
    odp_port_t in_port;
    struct eth_addr src, dst;
    ovs_be32 ip_src, ip_dst;
};

static bool
is_expected_miss(const struct dpif_upcall *up, const void *aux)
{
    const struct miss_expect *x = aux;
    const struct flow *f = &up->flow;

    return (up->type == DPIF_UC_MISS && !up->flow_error
            && f->in_port.odp_port == x->in_port
            && eth_addr_equals(f->dl_src, x->src)
            && eth_addr_equals(f->dl_dst, x->dst)
            && f->dl_type == htons(ETH_TYPE_IP)
            && f->nw_src == x->ip_src && f->nw_dst == x->ip_dst);
}

static bool
is_action_upcall(const struct dpif_upcall *up, const void *aux)
{
    const char *cookie = aux;

    return (up->type == DPIF_UC_ACTION && up->userdata
            && up->userdata_len >= strlen(cookie)
            && !memcmp(up->userdata, cookie, strlen(cookie)));
}

static pid_t
spawn(char *argv[])
{
    pid_t pid = fork();

    if (pid == 0) {
        execvp(argv[0], argv);
        _exit(127);
    }
    return pid;
}

/* Executes a userspace() action, which must come back as an ACTION
 * upcall with its userdata. */
static void
check_action_upcall(struct dpif *dpif, const struct miss_expect *x,
                    struct nl_buf *buf, const char *mode)
{
    static const char cookie[] = "dpif-test-cookie";
    uint64_t astub[64];
    struct nl_buf actions;
    uint8_t pkt[128];
    struct flow md;
    struct dpif_execute e = { .packet = pkt };
    struct dpif_upcall up;
    int error, n_seen;
    bool got;

    nl_buf_use(&actions, astub, sizeof astub);
    odp_put_userspace(&actions, dpif_port_get_pid(dpif, x->in_port),
                      cookie, sizeof cookie);
    memset(&md, 0, sizeof md);
    md.in_port.odp_port = x->in_port;
    e.packet_len = make_packet(pkt, x->src, x->dst, x->ip_src, x->ip_dst);
    e.md = &md;
    e.actions = actions.data;
    e.actions_len = actions.used;
    error = dpif_execute(dpif, &e);
    check(!error, "%s: execute userspace(): %s", mode,
          ovs_retval_to_string(error));
    got = wait_upcall(dpif, buf, &up, is_action_upcall, cookie, 5000,
                      &n_seen);
    check(got, "%s: ACTION upcall with the userdata", mode);
}

/* The expected key from upcall's arguments DEV1, MAC1, MAC2, IP1, IP2. */
static void
parse_expect(struct dpif *dpif, char *argv[], struct miss_expect *x)
{
    struct in_addr a;

    memset(x, 0, sizeof *x);
    x->in_port = port_no_of(dpif, argv[2]);
    x->src = parse_mac(argv[4]);
    x->dst = parse_mac(argv[5]);
    if (!inet_pton(AF_INET, argv[6], &a)) {
        ovs_fatal(0, "bad address %s", argv[6]);
    }
    x->ip_src = a.s_addr;
    if (!inet_pton(AF_INET, argv[7], &a)) {
        ovs_fatal(0, "bad address %s", argv[7]);
    }
    x->ip_dst = a.s_addr;
}

static void
cmd_upcall(int argc, char *argv[])
{
    struct dpif_features features;
    struct miss_expect x;
    struct dpif_upcall up;
    struct dpif *dpif;
    struct nl_buf buf;
    const char *mode;
    enum dpif_upcall_dispatch dispatch;
    int error, n_seen, n_handlers, i;
    pid_t child;
    bool got;

    if (argc < 10 || strcmp(argv[8], "--")) {
        ovs_fatal(0, "usage: upcall DP DEV1 MODE MAC1 MAC2 IP1 IP2 -- CMD");
    }
    dpif = open_dp(argv[1], false);
    mode = argv[3];
    parse_expect(dpif, argv, &x);

    /* "per-cpu" or "per-vport", with ":N" for N handlers. */
    dispatch = (!strncmp(mode, "per-cpu", 7) ? DPIF_DISPATCH_PER_CPU
                : DPIF_DISPATCH_PER_VPORT);
    n_handlers = strchr(mode, ':') ? atoi(strchr(mode, ':') + 1) : 1;
    dpif_get_features(dpif, &features);
    if (dispatch == DPIF_DISPATCH_PER_CPU && !features.per_cpu_dispatch) {
        printf("skip: per-CPU dispatch is not offered\n");
        dpif_close(dpif);
        return;
    }
    dpif_flow_flush(dpif);
    error = dpif_set_upcall_dispatch(dpif, dispatch);
    check(!error, "%s dispatch selected: %s", mode,
          ovs_retval_to_string(error));
    error = dpif_handlers_set(dpif, n_handlers);
    check(!error, "%s: %d handlers: %s", mode, n_handlers,
          ovs_retval_to_string(error));
    error = dpif_recv_set(dpif, true);
    check(!error, "%s: receiving enabled: %s", mode,
          ovs_retval_to_string(error));
    dpif_get_features(dpif, &features);
    check(features.dispatch == dispatch
          && features.n_handlers == (uint32_t) n_handlers,
          "%s: datapath reports dispatch %s, user features 0x%"PRIx32,
          mode, features.dispatch == DPIF_DISPATCH_PER_CPU
          ? "per-cpu" : "per-vport", features.user_features);

    nl_buf_init(&buf, 4096);
    child = spawn(&argv[9]);
    got = wait_upcall(dpif, &buf, &up, is_expected_miss, &x, 5000, &n_seen);
    check(got, "%s: MISS upcall with in_port(%"PRIu32"), eth(src="
          ETH_ADDR_FMT",dst="ETH_ADDR_FMT"), eth_type(0x0800), "
          "ipv4(src=%s,dst=%s) (%d upcalls seen)", mode, x.in_port,
          ETH_ADDR_ARGS(x.src), ETH_ADDR_ARGS(x.dst), argv[6], argv[7],
          n_seen);
    if (got) {
        struct ds ds = DS_EMPTY_INITIALIZER;

        odp_key_format(&ds, up.key, up.key_len, NULL, 0, false);
        printf("  key: %s\n  packet: %zu bytes\n", ds_cstr(&ds),
               up.packet_len);
        check(up.packet_len >= 98 && !ovs_u128_is_zero(up.ufid),
              "%s: the upcall carries the packet (%zu bytes) and a UFID",
              mode, up.packet_len);
        ds_destroy(&ds);
    }
    if (child > 0) {
        waitpid(child, NULL, 0);
    }

    check_action_upcall(dpif, &x, &buf, mode);

    error = dpif_recv_set(dpif, false);
    check(!error, "%s: receiving disabled: %s", mode,
          ovs_retval_to_string(error));
    for (i = 0; i < 3; i++) {
        (void) dpif_recv(dpif, 0, &up, &buf);
    }
    nl_buf_uninit(&buf);
    dpif_flow_flush(dpif);
    dpif_close(dpif);
}

/* Puts a flow whose key has no Ethernet header and no mask, and reports
 * (does not assert) what the kernel says: that depends on its version. */
static void
report_l3_key_put(struct dpif *dpif, const ovs_u128 *ufid)
{
    static const uint8_t key[] = {
        /* OVS_KEY_ATTR_ETHERTYPE 0x0800, with no Ethernet header. */
        6, 0, OVS_KEY_ATTR_ETHERTYPE, 0, 0x08, 0x00, 0, 0,
    };
    struct dpif_op op = { .type = DPIF_OP_FLOW_PUT };
    struct dpif_op *ops[1] = { &op };

    op.u.flow_put.flags = DPIF_FP_CREATE;
    op.u.flow_put.key = key;
    op.u.flow_put.key_len = sizeof key;
    op.u.flow_put.ufid = ufid;
    dpif_operate(dpif, ops, 1);
    printf("  put a flow with a layer-3 key and no mask: %s%s%s\n",
           ovs_retval_to_string(op.error),
           op.error_msg ? " kernel: " : "",
           op.error_msg ? op.error_msg : "");
    free(op.error_msg);
    dpif_flow_flush(dpif);
}

static void
cmd_errors(int argc, char *argv[])
{
    struct dpif *dpif, *bad;
    char *errmsg = NULL, *text;
    odp_port_t port_no = ODPP_NONE;
    struct match m;
    ovs_u128 ufid = { .u64 = { 42, 42 } };
    int error;

    if (argc != 2) {
        ovs_fatal(0, "usage: errors DP");
    }
    dpif = open_dp(argv[1], false);

    /* A datapath name longer than a device name: the generic netlink
     * policy refuses it with an extended ack. */
    error = dpif_create_and_open("system", "dpif-test-name-far-too-long",
                                 &bad, &errmsg);
    check(error == EINVAL && errmsg && errmsg[0],
          "create a datapath with an overlong name: %s (kernel: %s)",
          ovs_retval_to_string(error), errmsg ? errmsg : "(none)");
    free(errmsg);

    /* Nonexistent device. */
    error = dpif_port_add(dpif, "no-such-dev0", "system", NULL, 0,
                          &port_no);
    text = err_text(dpif, error);
    check(error == ENODEV, "add a nonexistent device: %s", text);
    free(text);

    /* A flow put whose key lacks what the kernel needs (an empty key:
     * no Ethernet header, no in_port). */
    {
        struct dpif_op op = { .type = DPIF_OP_FLOW_PUT };
        struct dpif_op *ops[1] = { &op };

        op.u.flow_put.flags = DPIF_FP_CREATE;
        op.u.flow_put.key = "";
        op.u.flow_put.key_len = 0;
        op.u.flow_put.ufid = &ufid;
        dpif_operate(dpif, ops, 1);
        check(op.error == EINVAL, "put a flow with an empty key: %s%s%s%s",
              ovs_retval_to_string(op.error),
              op.error_msg ? " (kernel: " : " (no kernel message",
              op.error_msg ? op.error_msg : "", ")");
        free(op.error_msg);
    }

    report_l3_key_put(dpif, &ufid);

    /* Output to a port that does not exist is accepted (the kernel drops
     * such packets); an action the kernel does not know is not. */
    {
        static const uint8_t bad_action[] = { 4, 0, 0x7f, 0 };

        match_init_catchall(&m);
        match_set_in_port_odp(&m, 1);
        error = dpif_flow_put(dpif, DPIF_FP_CREATE, &m, &ufid, bad_action,
                              sizeof bad_action, NULL);
        text = err_text(dpif, error);
        check(error == EINVAL, "put a flow with an unknown action: %s",
              text);
        free(text);
    }
    dpif_close(dpif);
}

/* Adds a port of tunnel 'type', which must become device 'devname', and
 * deletes it, which must remove the device. */
static void
check_tunnel_port(struct dpif *dpif, const char *type, const char *devname,
                  const struct dpif_port_option *opt, size_t n_opts)
{
    odp_port_t port_no = ODPP_NONE;
    struct dpif_port port;
    char *text;
    int error;

    error = dpif_port_add(dpif, "tun0", type, opt, n_opts, &port_no);
    text = err_text(dpif, error);
    check(!error, "add a %s port: %s", type, error ? text : "ok");
    free(text);
    if (error) {
        return;
    }
    error = dpif_port_query_by_number(dpif, port_no, &port);
    check(!error && !strcmp(port.name, devname)
          && !strcmp(port.type, type),
          "port %"PRIu32" is %s (%s): %s (%s)", port_no, devname, type,
          error ? "?" : port.name, error ? "?" : port.type);
    dpif_port_destroy(&port);
    error = dpif_port_del(dpif, port_no);
    check(!error, "delete the %s port: %s", type,
          ovs_retval_to_string(error));
    check(!if_nametoindex(devname), "%s is gone with its port", devname);
}

static void
cmd_tunnel(int argc, char *argv[])
{
    static const struct dpif_port_option vxlan_opt = { "dst_port", "4789" };
    static const struct dpif_port_option vxlan_opt2 = { "dst_port", "4790" };
    struct dpif *dpif;

    if (argc != 2) {
        ovs_fatal(0, "usage: tunnel DP");
    }
    dpif = open_dp(argv[1], false);
    check_tunnel_port(dpif, "vxlan", "vxlan_sys_4789", &vxlan_opt, 1);
    check_tunnel_port(dpif, "vxlan", "vxlan_sys_4790", &vxlan_opt2, 1);
    check_tunnel_port(dpif, "geneve", "genev_sys_6081", NULL, 0);
    check_tunnel_port(dpif, "gre", "gre_sys", NULL, 0);
    dpif_close(dpif);
}

/* Puts 'n' flows into 'dpif' (or, with 'del', deletes them) one call each,
 * or in batches of 'batch'. */
static long long int
bench_ops(struct dpif *dpif, int n, int batch, bool del, int *n_errors)
{
    struct dpif_op *ops = xcalloc(batch, sizeof *ops);
    struct dpif_op **opp = xcalloc(batch, sizeof *opp);
    struct match *matches = xcalloc(batch, sizeof *matches);
    ovs_u128 *ufids = xcalloc(batch, sizeof *ufids);
    uint64_t astub[16];
    struct nl_buf actions;
    long long int start = time_msec();
    int i, j;

    output_action(&actions, astub, sizeof astub, 1);
    *n_errors = 0;
    for (i = 0; i < n; i += batch) {
        int k = MIN(batch, n - i);

        for (j = 0; j < k; j++) {
            struct dpif_op *op = &ops[j];

            match_init_catchall(&matches[j]);
            match_set_in_port_odp(&matches[j], 1);
            match_set_dl_type(&matches[j], htons(ETH_TYPE_IP));
            match_set_nw_dst(&matches[j], htonl(0x0b000000 + i + j));
            ufids[j].u64[0] = 0xbe4c;
            ufids[j].u64[1] = i + j;
            memset(op, 0, sizeof *op);
            if (del) {
                op->type = DPIF_OP_FLOW_DEL;
                op->u.flow_del.ufid = &ufids[j];
            } else {
                op->type = DPIF_OP_FLOW_PUT;
                op->u.flow_put.flags = DPIF_FP_CREATE;
                op->u.flow_put.match = &matches[j];
                op->u.flow_put.ufid = &ufids[j];
                op->u.flow_put.actions = actions.data;
                op->u.flow_put.actions_len = actions.used;
            }
            opp[j] = op;
        }
        dpif_operate(dpif, opp, k);
        for (j = 0; j < k; j++) {
            *n_errors += ops[j].error != 0;
            free(ops[j].error_msg);
        }
    }
    free(ops);
    free(opp);
    free(matches);
    free(ufids);
    return time_msec() - start;
}

static void
cmd_bench(int argc, char *argv[])
{
    struct dpif_dp_stats stats;
    struct dpif *dpif;
    long long int t1, t2, t3;
    int n, e1, e2, e3;

    if (argc != 3) {
        ovs_fatal(0, "usage: bench DP N");
    }
    n = atoi(argv[2]);
    dpif = open_dp(argv[1], false);
    dpif_flow_flush(dpif);
    t1 = bench_ops(dpif, n, 1, false, &e1);
    dpif_get_dp_stats(dpif, &stats);
    check(!e1 && stats.n_flows == (uint64_t) n,
          "bench: %d single puts, %d errors, %"PRIu64" flows", n, e1,
          stats.n_flows);
    dpif_flow_flush(dpif);
    t2 = bench_ops(dpif, n, 1000, false, &e2);
    dpif_get_dp_stats(dpif, &stats);
    check(!e2 && stats.n_flows == (uint64_t) n,
          "bench: %d batched puts, %d errors, %"PRIu64" flows", n, e2,
          stats.n_flows);
    printf("bench: %d flow puts: single %lld ms, batched (1000 per call) "
           "%lld ms, ratio %.2f\n", n, t1, t2, t2 ? (double) t1 / t2 : 0.0);
    t3 = bench_ops(dpif, n, 1000, true, &e3);
    dpif_get_dp_stats(dpif, &stats);
    check(!e3 && stats.n_flows == 0,
          "bench: %d batched deletes in %lld ms, %d errors, %"PRIu64
          " flows left", n, t3, e3, stats.n_flows);
    dpif_close(dpif);
}

static void
cmd_delete(int argc, char *argv[])
{
    struct dpif *dpif;
    char **names;
    size_t n, i;
    bool listed = false;
    int error;

    if (argc != 2) {
        ovs_fatal(0, "usage: delete DP");
    }
    error = dpif_enumerate("system", &names, &n);
    for (i = 0; !error && i < n; i++) {
        listed |= !strcmp(names[i], argv[1]);
    }
    check(listed, "enumerate lists %s", argv[1]);
    dpif_names_free(names, n);
    dpif = open_dp(argv[1], false);
    error = dpif_delete(dpif);
    check(!error, "delete %s: %s", argv[1], ovs_retval_to_string(error));
    dpif_close(dpif);
    error = dpif_open("system", argv[1], &dpif, NULL);
    check(error == ENODEV, "opening it again: ENODEV (%s)",
          ovs_retval_to_string(error));
}

int
main(int argc, char *argv[])
{
    static const struct {
        const char *name;
        void (*run)(int argc, char *argv[]);
    } cmds[] = {
        { "setup", cmd_setup },
        { "stats", cmd_stats },
        { "upcall", cmd_upcall },
        { "errors", cmd_errors },
        { "tunnel", cmd_tunnel },
        { "bench", cmd_bench },
        { "delete", cmd_delete },
    };
    size_t i;

    set_program_name(argv[0]);
    if (argc < 2) {
        ovs_fatal(0, "usage: %s COMMAND [ARG...]", argv[0]);
    }
    for (i = 0; i < ARRAY_SIZE(cmds); i++) {
        if (!strcmp(argv[1], cmds[i].name)) {
            cmds[i].run(argc - 1, argv + 1);
            printf("%d failure(s)\n", n_failures);
            return n_failures ? 1 : 0;
        }
    }
    ovs_fatal(0, "unknown command %s", argv[1]);
}
