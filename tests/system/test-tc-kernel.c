/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 *
 * The driver behind tests/system/tc-codec.sh: datapath/tc.h against the
 * kernel.  Commands (one per run):
 *
 *   add DEV CASE OUTDEV   ensure clsact on DEV, install rule CASE (l3,
 *                         vlan_push, decap, encap_csum, encap_nocsum,
 *                         pedit, ct, ct_zone, police, police_pkts, drop,
 *                         goto) with skip_hw,
 *                         output to OUTDEV; prints "handle 0x..."
 *   show DEV              dumps DEV's ingress rules, one tc_flower_format()
 *                         line each
 *   del DEV PRIO PROTO HANDLE
 *   skipsw DEV            installs a skip_sw rule; prints the error (with
 *                         the kernel's extended ack, if any) and fails
 *   batch DEV N           installs N rules with nln_batch(), then counts
 *                         the cookies of a terse dump: "installed N
 *                         cookies M"
 *   fixtures lo           sends the byte-exact fixtures of the unit test
 *                         (tests/unit/test-tc-fixtures.h, written for
 *                         ifindex 1) as they are, reads each rule back with
 *                         a dump and compares it with the fixture decoded;
 *                         prints "NAME same" or "NAME refused: ERROR" per
 *                         fixture, then deletes the rule
 */

#include <config.h>

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include <net/if.h>
#include <linux/pkt_cls.h>
#include <linux/rtnetlink.h>
#include <linux/tc_act/tc_csum.h>
#include <linux/tc_act/tc_mirred.h>
#include <linux/tc_act/tc_pedit.h>
#include "datapath/tc.h"
#include "dynamic-string.h"
#include "netlink-socket.h"
#include "timeval.h"
#include "tests/unit/test-tc-fixtures.h"
#include "util.h"

static struct nln_socket *sock;

static uint32_t
ifindex_of(const char *name)
{
    uint32_t ifindex = if_nametoindex(name);

    if (!ifindex) {
        ovs_fatal(0, "%s: no such device", name);
    }
    return ifindex;
}

static void
check(int error, struct nl_error *err, const char *what)
{
    if (error) {
        struct ds ds = DS_EMPTY_INITIALIZER;

        nl_error_format(&ds, err);
        printf("error %s: %s\n", what, ds_cstr(&ds));
        exit(1);
    }
    nl_error_uninit(err);
}

static struct tc_action *
add_act(struct tc_flower *f, enum tc_action_type type)
{
    struct tc_action *a = &f->actions[f->n_actions++];

    a->type = type;
    return a;
}

static void
build(struct tc_flower *f, const char *name, uint32_t dev, uint32_t out)
{
    struct tc_action *a;

    memset(f, 0, sizeof *f);
    f->id.ifindex = dev;
    f->id.parent = TC_INGRESS_PARENT;
    f->id.protocol = htons(0x0800);
    f->key.eth_type = htons(0x0800);
    f->mask.eth_type = 0xffff;
    f->flags = TCA_CLS_FLAGS_SKIP_HW;
    f->key.ipv4_dst = htonl(0x0a000002);
    f->mask.ipv4_dst = 0xffffffff;
    for (int i = 0; i < 16; i++) {
        f->cookie[i] = 0xc0 + i;
    }
    f->has_cookie = true;

    if (!strcmp(name, "vlan_push")) {
        a = add_act(f, TC_ACT_VLAN_PUSH);
        a->vlan.id = 100;
        a->vlan.prio = 3;
        a->vlan.proto = htons(0x8100);
    } else if (!strcmp(name, "decap")) {
        f->key.enc.id = htonl(42);
        f->mask.enc.id = 0xffffffff;
        f->key.enc.ipv4_dst = htonl(0xc0a80102);
        f->mask.enc.ipv4_dst = 0xffffffff;
        f->key.enc.tp_dst = htons(4789);
        f->mask.enc.tp_dst = 0xffff;
        add_act(f, TC_ACT_TUNNEL_UNSET);
    } else if (!strncmp(name, "encap", 5)) {
        a = add_act(f, TC_ACT_TUNNEL_SET);
        a->tunnel.id = htonl(42);
        a->tunnel.ipv4_src = htonl(0xc0a80101);
        a->tunnel.ipv4_dst = htonl(0xc0a80102);
        a->tunnel.tp_dst = htons(4789);
        a->tunnel.ttl = 64;
        a->tunnel.csum = !strcmp(name, "encap_csum");
    } else if (!strcmp(name, "pedit")) {
        ovs_be32 ip = htonl(0x0a000009), ones = 0xffffffff;

        a = add_act(f, TC_ACT_PEDIT);
        tc_pedit_add_set(a, TCA_PEDIT_KEY_EX_HDR_TYPE_IP4, 16, &ip, &ones, 4);
        a = add_act(f, TC_ACT_CSUM);
        a->csum_flags = TCA_CSUM_UPDATE_FLAG_IPV4HDR;
    } else if (!strcmp(name, "ct")) {
        f->mask.ct_state = TCA_FLOWER_KEY_CT_FLAGS_TRACKED;
        /* Zone 0: the sandbox kernel lacks CONFIG_NF_CONNTRACK_ZONES
         * ("act_ct: Conntrack zones isn't enabled."). */
        add_act(f, TC_ACT_CT);
    } else if (!strcmp(name, "ct_zone")) {
        add_act(f, TC_ACT_CT)->ct.zone = 5;
    } else if (!strcmp(name, "police")) {
        a = add_act(f, TC_ACT_POLICE);
        a->police.rate = 1000000;
        a->police.burst = 64000;
    } else if (!strcmp(name, "police_pkts")) {
        a = add_act(f, TC_ACT_POLICE);
        a->police.pkts_rate = 1000;
        a->police.pkts_burst = 100;
    } else if (!strcmp(name, "drop")) {
        add_act(f, TC_ACT_DROP);
        return;
    } else if (!strcmp(name, "goto")) {
        add_act(f, TC_ACT_GOTO)->chain = 1;
        return;
    }
    a = add_act(f, TC_ACT_MIRRED);
    a->mirred.eaction = TCA_EGRESS_REDIR;
    a->mirred.ifindex = out;
}

static int
show(uint32_t ifindex, bool terse, bool print)
{
    struct tc_id id = { .ifindex = ifindex, .parent = TC_INGRESS_PARENT,
                        .chain = UINT32_MAX };
    struct tc_flower *f = xzalloc(sizeof *f);
    const struct nlmsghdr *nlh;
    struct nln_dump dump;
    struct nl_error err;
    struct nl_buf req;
    int n = 0, error;

    nl_buf_init(&req, 128);
    tc_put_dump(&req, &id, terse);
    nln_dump_start(&dump, sock, &req);
    while ((nlh = nln_dump_next(&dump))) {
        struct ds ds = DS_EMPTY_INITIALIZER;

        if (tc_flower_decode(nlh, nlh->nlmsg_len, f)) {
            continue;
        }
        n += f->has_cookie;
        if (print) {
            tc_flower_format(&ds, f);
            printf("%s\n", ds_cstr(&ds));
        }
        ds_destroy(&ds);
    }
    error = nln_dump_finish(&dump, &err);
    check(error, &err, "dump");
    nl_buf_uninit(&req);
    free(f);
    return n;
}

static void
batch(uint32_t ifindex, int n)
{
    struct tc_flower *f = xzalloc(sizeof *f);
    struct nln_result *results = xcalloc(n, sizeof *results);
    struct nl_buf req;
    int error, failed = 0;

    nl_buf_init(&req, 256 * n);
    for (int i = 0; i < n; i++) {
        build(f, "drop", ifindex, 0);
        f->id.prio = 100;
        f->id.handle = i + 1;
        f->key.ipv4_dst = htonl(0x0b000000 + i);
        memcpy(f->cookie, &i, sizeof i);
        if (tc_flower_put_new(&req, f, false)) {
            ovs_fatal(0, "encoding rule %d failed", i);
        }
    }
    nln_socket_set_rcvbuf(sock, 4 << 20);
    long long start = time_msec();
    error = nln_batch(sock, &req, results, n);
    long long mid = time_msec();
    for (int i = 0; i < n; i++) {
        if (results[i].error.error) {
            failed++;
        }
        nl_error_uninit(&results[i].error);
    }
    int n_cookies = show(ifindex, true, false);
    fprintf(stderr, "batch: %d rules installed in %lld ms, terse dump of "
            "them in %lld ms\n", n, mid - start, time_msec() - mid);
    printf("installed %d cookies %d\n", n - failed, n_cookies);
    nl_buf_uninit(&req);
    free(results);
    free(f);
    exit(error ? 1 : 0);
}

/* Forgets what the kernel adds to a rule it dumps: the handle it chose,
 * the hardware status flags, counters and times. */
static void
normalize(struct tc_flower *f)
{
    f->id.handle = 0;
    f->flags &= TCA_CLS_FLAGS_SKIP_HW | TCA_CLS_FLAGS_SKIP_SW;
    f->in_hw_count = 0;
    f->has_in_hw_count = false;
    memset(&f->stats, 0, sizeof f->stats);
    for (size_t i = 0; i < f->n_actions; i++) {
        memset(&f->actions[i].stats, 0, sizeof f->actions[i].stats);
    }
}

static void
one_fixture(const char *name, const uint8_t *bytes, size_t len)
{
    struct tc_flower *want = xzalloc(sizeof *want);
    struct tc_flower *got = xzalloc(sizeof *got);
    struct ds ds = DS_EMPTY_INITIALIZER;
    struct nl_error err;
    struct nl_buf req;
    int error;

    nl_buf_init(&req, len);
    nl_buf_copy(&req, bytes, len);
    memcpy(nl_buf_at(&req, 0), bytes, len);
    error = tc_flower_decode(nl_buf_at(&req, 0), len, want);
    if (error) {
        ovs_fatal(error, "%s: fixture does not decode", name);
    }
    error = nln_request(sock, &req, &err);
    if (error) {
        nl_error_format(&ds, &err);
        printf("%s refused: %s\n", name, ds_cstr(&ds));
    } else {
        struct tc_id id = want->id;

        id.handle = 1;          /* The first rule on a prio gets 1. */
        check(tc_flower_get(sock, &id, got, &err), &err, "get");
        normalize(got);
        normalize(want);
        if (memcmp(&want->id, &got->id, sizeof want->id)
            || memcmp(&want->key, &got->key, sizeof want->key)
            || memcmp(&want->mask, &got->mask, sizeof want->mask)
            || want->n_actions != got->n_actions
            || memcmp(want->actions, got->actions,
                      want->n_actions * sizeof want->actions[0])
            || want->has_cookie != got->has_cookie
            || memcmp(want->cookie, got->cookie, sizeof want->cookie)
            || want->flags != got->flags) {
            printf("%s differs:\n", name);
            tc_flower_format(&ds, want);
            ds_put_cstr(&ds, "\n");
            tc_flower_format(&ds, got);
            printf("%s\n", ds_cstr(&ds));
        } else {
            printf("%s same\n", name);
        }
        check(tc_flower_delete(sock, &id, &err), &err, "delete");
    }
    nl_error_uninit(&err);
    ds_destroy(&ds);
    nl_buf_uninit(&req);
    free(want);
    free(got);
}

static void
fixtures(void)
{
#define FIXTURE(NAME) one_fixture(#NAME, fixture_##NAME, sizeof fixture_##NAME)
    FIXTURE(l3);
    FIXTURE(l4);
    FIXTURE(vlan_push);
    FIXTURE(vlan_pop);
    FIXTURE(decap);
    FIXTURE(encap_csum);
    FIXTURE(encap_nocsum);
    FIXTURE(pedit);
    FIXTURE(ct);
    FIXTURE(drop);
    FIXTURE(goto);
    FIXTURE(cookie);
    FIXTURE(skip_sw);
    FIXTURE(police);
    FIXTURE(police_pkts);
#undef FIXTURE
}

int
main(int argc, char *argv[])
{
    struct tc_flower *f = xzalloc(sizeof *f);
    struct nl_error err;
    int error;

    set_program_name(argv[0]);
    if (argc < 3) {
        ovs_fatal(0, "usage: see the comment at the top");
    }
    error = nln_socket_open(NETLINK_ROUTE, &sock);
    if (error) {
        ovs_fatal(error, "socket");
    }
    uint32_t dev = ifindex_of(argv[2]);
    if (!strcmp(argv[1], "add") && argc == 5) {
        uint32_t handle;

        check(tc_ensure_clsact(sock, dev, &err), &err, "clsact");
        build(f, argv[3], dev, ifindex_of(argv[4]));
        f->id.prio = 1;
        check(tc_flower_install(sock, f, false, &handle, &err), &err,
              "install");
        printf("handle 0x%"PRIx32"\n", handle);
    } else if (!strcmp(argv[1], "show")) {
        show(dev, false, true);
    } else if (!strcmp(argv[1], "del") && argc == 6) {
        struct tc_id id = { .ifindex = dev, .parent = TC_INGRESS_PARENT,
                            .prio = atoi(argv[3]),
                            .protocol = htons(strtol(argv[4], NULL, 0)),
                            .handle = strtoul(argv[5], NULL, 0) };

        check(tc_flower_delete(sock, &id, &err), &err, "delete");
    } else if (!strcmp(argv[1], "skipsw")) {
        struct ds ds = DS_EMPTY_INITIALIZER;

        check(tc_ensure_clsact(sock, dev, &err), &err, "clsact");
        build(f, "drop", dev, 0);
        f->id.prio = 2;
        f->flags = TCA_CLS_FLAGS_SKIP_SW;
        error = tc_flower_install(sock, f, false, NULL, &err);
        nl_error_format(&ds, &err);
        printf("%s\n", error ? ds_cstr(&ds) : "accepted");
        nl_error_uninit(&err);
        ds_destroy(&ds);
        return error ? 1 : 0;
    } else if (!strcmp(argv[1], "fixtures") && dev == 1) {
        check(tc_ensure_clsact(sock, dev, &err), &err, "clsact");
        fixtures();
    } else if (!strcmp(argv[1], "batch") && argc == 4) {
        check(tc_ensure_clsact(sock, dev, &err), &err, "clsact");
        batch(dev, atoi(argv[3]));
    } else {
        ovs_fatal(0, "bad command");
    }
    nln_socket_close(sock);
    free(f);
    return 0;
}
