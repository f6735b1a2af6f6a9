/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

/* test-netlink-kernel: checks lib/netlink-socket.c against a real kernel
 * (run by tests/system/netlink.sh in the sandbox, as root, with
 * openvswitch.ko, cls_flower and dummy loaded).
 *
 * Each check prints "ok: WHAT" or "FAIL: WHAT"; the exit status is 1 if
 * any failed.  It creates, and removes again, a datapath "nltest-dp" with
 * a port "nltest-p1" and a dummy device "nltest-d0". */

#include <config.h>

#include <errno.h>
#include <inttypes.h>
#include <net/if.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/if_link.h>
#include <linux/openvswitch.h>
#include <linux/pkt_cls.h>
#include <linux/pkt_sched.h>
#include <linux/rtnetlink.h>

#include "dynamic-string.h"
#include "netlink.h"
#include "netlink-socket.h"
#include "util.h"
#include "vlog.h"

#define DP_NAME "nltest-dp"
#define PORT_NAME "nltest-p1"
#define DUMMY_NAME "nltest-d0"

static int n_failures;

/* Reports check 'ok', described by 'format'. */
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

/* Returns 'err' as text, to free. */
static char *
error_text(const struct nl_error *err)
{
    struct ds ds = DS_EMPTY_INITIALIZER;

    nl_error_format(&ds, err);
    return ds_steal_cstr(&ds);
}

/* rtnetlink messages. */

/* Starts an rtnetlink link message for 'ifindex' in 'buf'. */
static void
put_link_msg(struct nl_buf *buf, uint16_t type, uint16_t flags, int ifindex)
{
    struct ifinfomsg ifi = { .ifi_family = AF_UNSPEC, .ifi_index = ifindex };

    nl_msg_put_nlmsghdr(buf, type, flags);
    nl_msg_put_header(buf, &ifi, sizeof ifi);
}

static const struct nl_policy link_policy[] = {
    [IFLA_IFNAME] = { .kind = NL_A_STRING, .max_len = IFNAMSIZ },
    [IFLA_MTU] = { .kind = NL_A_U32, .optional = true },
};

/* Parses link message 'nlh' and stores its name in 'name' and its ifindex
 * in '*ifindex'.  Returns true if it parsed. */
static bool
parse_link(const struct nlmsghdr *nlh, char name[IFNAMSIZ], int *ifindex)
{
    const struct nlattr *a[ARRAY_SIZE(link_policy)];
    const struct ifinfomsg *ifi;

    if (nlh->nlmsg_type != RTM_NEWLINK
        || nl_parse_msg(nlh, nlh->nlmsg_len, sizeof *ifi, link_policy,
                        ARRAY_SIZE(link_policy), a)) {
        return false;
    }
    ifi = (const struct ifinfomsg *) ((const uint8_t *) nlh + NLMSG_HDRLEN);
    ovs_strlcpy(name, nl_attr_get_string(a[IFLA_IFNAME]), IFNAMSIZ);
    *ifindex = ifi->ifi_index;
    return true;
}

/* Generic netlink families. */

static void
check_families(struct nln_socket *genl, uint16_t ids[4])
{
    static const char *const names[4] = {
        OVS_DATAPATH_FAMILY, OVS_VPORT_FAMILY, OVS_FLOW_FAMILY,
        OVS_PACKET_FAMILY,
    };
    uint16_t again;
    uint32_t group;
    int error;
    int i, j;

    for (i = 0; i < 4; i++) {
        error = nln_lookup_genl_family(genl, names[i], &ids[i]);
        check(!error && ids[i], "family %s resolves: id %u (%s)", names[i],
              ids[i], ovs_retval_to_string(error));
        for (j = 0; j < i; j++) {
            check(ids[i] != ids[j], "ids of %s and %s differ", names[i],
                  names[j]);
        }
    }
    error = nln_lookup_genl_family(genl, OVS_DATAPATH_FAMILY, &again);
    check(!error && again == ids[0], "second lookup of %s (cached): %u",
          OVS_DATAPATH_FAMILY, again);

    error = nln_lookup_genl_family(genl, "nltest_no_such_family", &again);
    check(error == ENOENT, "unknown family gives ENOENT: %s",
          ovs_retval_to_string(error));

    error = nln_lookup_genl_mcgroup(genl, OVS_VPORT_FAMILY,
                                    OVS_VPORT_MCGROUP, &group);
    check(!error && group, "multicast group %s/%s resolves: id %u",
          OVS_VPORT_FAMILY, OVS_VPORT_MCGROUP, group);
}

/* Link dump. */

static void
check_link_dump(struct nln_socket *rtnl)
{
    const struct nlmsghdr *nlh;
    struct nln_dump dump;
    struct nl_error err;
    struct nl_buf req;
    int lo_ifindex = 0;
    int n_links = 0;
    int n_bad = 0;
    int error;

    nl_buf_init(&req, 64);
    put_link_msg(&req, RTM_GETLINK, 0, 0);
    error = nln_dump_start(&dump, rtnl, &req);
    check(!error, "link dump starts (%s)", ovs_retval_to_string(error));
    while ((nlh = nln_dump_next(&dump))) {
        char name[IFNAMSIZ];
        int ifindex;

        if (!parse_link(nlh, name, &ifindex)) {
            n_bad++;
            continue;
        }
        n_links++;
        if (!strcmp(name, "lo")) {
            lo_ifindex = ifindex;
        }
    }
    error = nln_dump_finish(&dump, &err);
    check(!error, "link dump ends cleanly (%s)", ovs_retval_to_string(error));
    check(n_links >= 1 && !n_bad, "link dump: %d links, %d unparsable",
          n_links, n_bad);
    check(lo_ifindex == 1, "link dump finds lo with ifindex %d", lo_ifindex);
    nl_error_uninit(&err);
    nl_buf_uninit(&req);
}

/* A batch of three rtnetlink requests, the middle one invalid. */

static void
check_batch_of_three(struct nln_socket *rtnl)
{
    struct nln_stats before, after;
    struct nln_result results[3];
    struct nl_buf req, reply0, reply2;
    char name[IFNAMSIZ];
    int ifindex;
    char *text;
    int error;
    int i;

    nl_buf_init(&req, 256);
    nl_buf_init(&reply0, 0);
    nl_buf_init(&reply2, 0);

    /* 0: RTM_GETLINK of ifindex 1. */
    put_link_msg(&req, RTM_GETLINK, 0, 1);
    /* 1: RTM_NEWLINK renaming lo to a name longer than IFNAMSIZ: the
     * attribute policy rejects it (ERANGE, "Attribute failed policy
     * validation"), pointing at the attribute, which sits at offset 32 of
     * the request (16 bytes nlmsghdr, 16 bytes ifinfomsg). */
    put_link_msg(&req, RTM_NEWLINK, 0, 1);
    nl_put_string(&req, IFLA_IFNAME, "nltest-name-far-too-long");
    /* 2: RTM_GETLINK by name. */
    put_link_msg(&req, RTM_GETLINK, 0, 0);
    nl_put_string(&req, IFLA_IFNAME, "lo");

    memset(results, 0, sizeof results);
    results[0].reply = &reply0;
    results[2].reply = &reply2;
    nln_socket_get_stats(rtnl, &before);
    error = nln_batch(rtnl, &req, results, 3);
    nln_socket_get_stats(rtnl, &after);

    for (i = 0; i < 3; i++) {
        text = error_text(&results[i].error);
        printf("batch request %d: %s\n", i, text);
        free(text);
    }
    check(after.n_sends - before.n_sends == 1
          && after.n_msgs_sent - before.n_msgs_sent == 3,
          "batch: 3 requests in %"PRIu64" sendmsg call(s)",
          after.n_sends - before.n_sends);
    check(error == results[1].error.error,
          "batch returns the first failure (%s)",
          ovs_retval_to_string(error));
    check(!results[0].error.error && parse_link(
              (const struct nlmsghdr *) reply0.data, name, &ifindex)
          && !strcmp(name, "lo") && ifindex == 1,
          "batch request 0 (get ifindex 1) succeeds with reply for lo");
    check(results[1].error.error == ERANGE && results[1].error.msg
          && !strcmp(results[1].error.msg,
                     "Attribute failed policy validation")
          && results[1].error.has_offset && results[1].error.offset == 32,
          "batch request 1 (name too long) fails with ERANGE, extack "
          "message and offset 32");
    check(!results[2].error.error && parse_link(
              (const struct nlmsghdr *) reply2.data, name, &ifindex)
          && ifindex == 1,
          "batch request 2 (get by name lo) succeeds with ifindex %d",
          ifindex);

    for (i = 0; i < 3; i++) {
        nl_error_uninit(&results[i].error);
    }
    nl_buf_uninit(&req);
    nl_buf_uninit(&reply0);
    nl_buf_uninit(&reply2);
}

/* Kernel errors with extended acks. */

static void
check_extack(struct nln_socket *rtnl)
{
    struct tcmsg tcm = {
        .tcm_family = AF_UNSPEC,
        .tcm_ifindex = 1,
        .tcm_parent = TC_H_MAKE(TC_H_CLSACT, TC_H_MIN_INGRESS),
        .tcm_info = TC_H_MAKE(1 << 16, htons(0x0800)),
    };
    struct nl_error err;
    struct nl_buf req;
    size_t nest;
    char *text;
    int error;

    /* A flower filter on the ingress of lo, which has no ingress qdisc. */
    nl_buf_init(&req, 256);
    nl_msg_put_nlmsghdr(&req, RTM_NEWTFILTER, NLM_F_CREATE | NLM_F_EXCL);
    nl_msg_put_header(&req, &tcm, sizeof tcm);
    nl_put_string(&req, TCA_KIND, "flower");
    nest = nl_nest_begin(&req, TCA_OPTIONS);
    nl_put_u32(&req, TCA_FLOWER_FLAGS, TCA_CLS_FLAGS_SKIP_HW);
    nl_nest_end(&req, nest);
    error = nln_request(rtnl, &req, &err);
    text = error_text(&err);
    printf("RTM_NEWTFILTER flower on lo ingress: %s\n", text);
    check(error == EINVAL && err.msg
          && !strcmp(err.msg, "Parent Qdisc doesn't exists"),
          "flower filter without ingress qdisc: EINVAL with extack "
          "\"Parent Qdisc doesn't exists\"");
    free(text);
    nl_error_uninit(&err);

    /* A link of a kind no module provides. */
    nl_buf_clear(&req);
    put_link_msg(&req, RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL, 0);
    nl_put_string(&req, IFLA_IFNAME, "nltest-x0");
    nest = nl_nest_begin(&req, IFLA_LINKINFO);
    nl_put_string(&req, IFLA_INFO_KIND, "nltest-no-such-kind");
    nl_nest_end(&req, nest);
    error = nln_request(rtnl, &req, &err);
    text = error_text(&err);
    printf("RTM_NEWLINK of unknown kind: %s\n", text);
    check(error == EOPNOTSUPP && err.msg
          && !strcmp(err.msg, "Unknown device type"),
          "link of unknown kind: EOPNOTSUPP with extack "
          "\"Unknown device type\"");
    free(text);
    nl_error_uninit(&err);

    nl_buf_uninit(&req);
}

/* The kernel datapath over generic netlink. */

/* Starts an OVS generic netlink message in 'buf'. */
static void
put_ovs_msg(struct nl_buf *buf, uint16_t family, uint16_t flags, uint8_t cmd,
            uint8_t version, int dp_ifindex)
{
    struct ovs_header ovs = { .dp_ifindex = dp_ifindex };

    nl_msg_put_nlmsghdr(buf, family, flags);
    nl_msg_put_genlmsghdr(buf, cmd, version);
    nl_msg_put_header(buf, &ovs, sizeof ovs);
}

#define OVS_HDR_LEN (GENL_HDRLEN + sizeof(struct ovs_header))

static const struct nl_policy dp_policy[] = {
    [OVS_DP_ATTR_NAME] = { .kind = NL_A_STRING, .max_len = IFNAMSIZ },
};

static const struct nl_policy vport_policy[] = {
    [OVS_VPORT_ATTR_PORT_NO] = { .kind = NL_A_U32 },
    [OVS_VPORT_ATTR_TYPE] = { .kind = NL_A_U32 },
    [OVS_VPORT_ATTR_NAME] = { .kind = NL_A_STRING, .max_len = IFNAMSIZ },
};

/* Returns the dp_ifindex of OVS message 'nlh'. */
static int
ovs_dp_ifindex(const struct nlmsghdr *nlh)
{
    const struct ovs_header *ovs = (const struct ovs_header *)
        ((const uint8_t *) nlh + NLMSG_HDRLEN + GENL_HDRLEN);

    return nlh->nlmsg_len >= NLMSG_HDRLEN + OVS_HDR_LEN ? ovs->dp_ifindex : 0;
}

static void
check_ovs_datapath(struct nln_socket *genl, const uint16_t ids[4])
{
    const uint16_t dp_family = ids[0], vport_family = ids[1];
    const struct nlattr *a[ARRAY_SIZE(vport_policy)];
    struct nln_socket *listener = NULL;
    struct nl_buf req, reply;
    const struct nlmsghdr *nlh;
    struct nln_dump dump;
    struct nl_error err;
    bool seen_local = false, seen_port = false, notified = false;
    uint32_t group = 0;
    int dp_ifindex = 0;
    size_t left;
    char *text;
    int error;
    int i;

    nl_buf_init(&req, 256);
    nl_buf_init(&reply, 0);

    /* A listener on the vport multicast group, before the port exists. */
    error = nln_socket_open(NETLINK_GENERIC, &listener);
    if (!error) {
        error = nln_lookup_genl_mcgroup(listener, OVS_VPORT_FAMILY,
                                        OVS_VPORT_MCGROUP, &group);
    }
    if (!error) {
        error = nln_socket_join_group(listener, group);
    }
    check(!error, "listener joins multicast group %s (id %u): %s",
          OVS_VPORT_MCGROUP, group, ovs_retval_to_string(error));

    /* A bad request first: a datapath name longer than the policy
     * allows.  The generic netlink core checks it against the family's
     * policy and points at the first attribute, just after the 16-byte
     * nlmsghdr, the genlmsghdr and the ovs_header. */
    put_ovs_msg(&req, dp_family, 0, OVS_DP_CMD_NEW, OVS_DATAPATH_VERSION, 0);
    nl_put_string(&req, OVS_DP_ATTR_NAME, "nltest-name-far-too-long");
    nl_put_u32(&req, OVS_DP_ATTR_UPCALL_PID, 0);
    error = nln_request(genl, &req, &err);
    text = error_text(&err);
    printf("OVS_DP_CMD_NEW with a name too long: %s\n", text);
    check(error == EINVAL && err.msg
          && !strcmp(err.msg, "Attribute failed policy validation")
          && err.has_offset && err.offset == NLMSG_HDRLEN + OVS_HDR_LEN,
          "ovs_datapath rejects an overlong name: EINVAL with extack "
          "\"Attribute failed policy validation\" at offset %d",
          (int) (NLMSG_HDRLEN + OVS_HDR_LEN));
    free(text);
    nl_error_uninit(&err);

    /* Create, then look up: request/ack, then request/reply. */
    nl_buf_clear(&req);
    put_ovs_msg(&req, dp_family, 0, OVS_DP_CMD_NEW, OVS_DATAPATH_VERSION, 0);
    nl_put_string(&req, OVS_DP_ATTR_NAME, DP_NAME);
    nl_put_u32(&req, OVS_DP_ATTR_UPCALL_PID, nln_socket_pid(genl));
    error = nln_request(genl, &req, NULL);
    check(!error, "create datapath %s: %s", DP_NAME,
          ovs_retval_to_string(error));

    nl_buf_clear(&req);
    put_ovs_msg(&req, dp_family, 0, OVS_DP_CMD_GET, OVS_DATAPATH_VERSION, 0);
    nl_put_string(&req, OVS_DP_ATTR_NAME, DP_NAME);
    error = nln_transact(genl, &req, &reply, NULL);
    if (!error && reply.used) {
        const struct nlattr *d[ARRAY_SIZE(dp_policy)];

        nlh = (const struct nlmsghdr *) reply.data;
        dp_ifindex = ovs_dp_ifindex(nlh);
        error = nl_parse_msg(nlh, nlh->nlmsg_len, OVS_HDR_LEN, dp_policy,
                             ARRAY_SIZE(dp_policy), d);
        check(!error && !strcmp(nl_attr_get_string(d[OVS_DP_ATTR_NAME]),
                                DP_NAME) && dp_ifindex > 0,
              "get datapath %s: reply names it, dp_ifindex %d", DP_NAME,
              dp_ifindex);
    } else {
        check(false, "get datapath %s: %s, %zu-byte reply", DP_NAME,
              ovs_retval_to_string(error), reply.used);
    }

    /* A port, whose creation the listener hears about. */
    nl_buf_clear(&req);
    put_ovs_msg(&req, vport_family, 0, OVS_VPORT_CMD_NEW, OVS_VPORT_VERSION,
                dp_ifindex);
    nl_put_string(&req, OVS_VPORT_ATTR_NAME, PORT_NAME);
    nl_put_u32(&req, OVS_VPORT_ATTR_TYPE, OVS_VPORT_TYPE_INTERNAL);
    nl_put_u32(&req, OVS_VPORT_ATTR_UPCALL_PID, nln_socket_pid(genl));
    error = nln_request(genl, &req, NULL);
    check(!error, "add internal port %s: %s", PORT_NAME,
          ovs_retval_to_string(error));

    for (i = 0; listener && i < 10 && !notified; i++) {
        if (nln_socket_recv(listener, &reply, true)) {
            break;
        }
        NL_MSG_FOR_EACH (nlh, left, reply.data, reply.used) {
            const struct genlmsghdr *g = nl_msg_genlmsghdr(nlh);

            if (nlh->nlmsg_type == vport_family && g
                && g->cmd == OVS_VPORT_CMD_NEW
                && !nl_parse_msg(nlh, nlh->nlmsg_len, OVS_HDR_LEN,
                                 vport_policy, ARRAY_SIZE(vport_policy), a)
                && !strcmp(nl_attr_get_string(a[OVS_VPORT_ATTR_NAME]),
                           PORT_NAME)) {
                notified = true;
            }
        }
    }
    check(notified, "multicast: OVS_VPORT_CMD_NEW notification for %s",
          PORT_NAME);

    /* A generic netlink dump: the ports of the datapath. */
    nl_buf_clear(&req);
    put_ovs_msg(&req, vport_family, 0, OVS_VPORT_CMD_GET, OVS_VPORT_VERSION,
                dp_ifindex);
    error = nln_dump_start(&dump, genl, &req);
    while (!error && (nlh = nln_dump_next(&dump))) {
        if (!nl_parse_msg(nlh, nlh->nlmsg_len, OVS_HDR_LEN, vport_policy,
                          ARRAY_SIZE(vport_policy), a)) {
            const char *name = nl_attr_get_string(a[OVS_VPORT_ATTR_NAME]);
            uint32_t port_no = nl_attr_get_u32(a[OVS_VPORT_ATTR_PORT_NO]);

            printf("vport %"PRIu32": %s\n", port_no, name);
            seen_local |= port_no == 0 && !strcmp(name, DP_NAME);
            seen_port |= port_no != 0 && !strcmp(name, PORT_NAME);
        }
    }
    if (!error) {
        error = nln_dump_finish(&dump, NULL);
    }
    check(!error && seen_local && seen_port,
          "vport dump lists %s (port 0) and %s: %s", DP_NAME, PORT_NAME,
          ovs_retval_to_string(error));

    /* Delete, and the datapath is gone. */
    nl_buf_clear(&req);
    put_ovs_msg(&req, dp_family, 0, OVS_DP_CMD_DEL, OVS_DATAPATH_VERSION, 0);
    nl_put_string(&req, OVS_DP_ATTR_NAME, DP_NAME);
    error = nln_request(genl, &req, NULL);
    check(!error, "delete datapath %s: %s", DP_NAME,
          ovs_retval_to_string(error));
    nl_buf_clear(&req);
    put_ovs_msg(&req, dp_family, 0, OVS_DP_CMD_GET, OVS_DATAPATH_VERSION, 0);
    nl_put_string(&req, OVS_DP_ATTR_NAME, DP_NAME);
    error = nln_transact(genl, &req, &reply, NULL);
    check(error == ENODEV, "get deleted datapath: %s",
          ovs_retval_to_string(error));

    nln_socket_close(listener);
    nl_buf_uninit(&req);
    nl_buf_uninit(&reply);
}

/* rtnetlink multicast. */

static void
check_rtnl_multicast(struct nln_socket *rtnl)
{
    struct nln_socket *listener = NULL;
    const struct nlmsghdr *nlh;
    struct nl_buf req, msg;
    bool notified = false;
    size_t left;
    size_t nest;
    int error;
    int i;

    nl_buf_init(&req, 256);
    nl_buf_init(&msg, 0);
    error = nln_socket_open(NETLINK_ROUTE, &listener);
    if (!error) {
        error = nln_socket_join_group(listener, RTNLGRP_LINK);
    }
    check(!error, "listener joins RTNLGRP_LINK: %s",
          ovs_retval_to_string(error));

    put_link_msg(&req, RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL, 0);
    nl_put_string(&req, IFLA_IFNAME, DUMMY_NAME);
    nest = nl_nest_begin(&req, IFLA_LINKINFO);
    nl_put_string(&req, IFLA_INFO_KIND, "dummy");
    nl_nest_end(&req, nest);
    error = nln_request(rtnl, &req, NULL);
    check(!error, "create dummy device %s: %s", DUMMY_NAME,
          ovs_retval_to_string(error));

    for (i = 0; listener && i < 20 && !notified; i++) {
        if (nln_socket_recv(listener, &msg, true)) {
            break;
        }
        NL_MSG_FOR_EACH (nlh, left, msg.data, msg.used) {
            char name[IFNAMSIZ];
            int ifindex;

            if (parse_link(nlh, name, &ifindex)
                && !strcmp(name, DUMMY_NAME)) {
                notified = true;
            }
        }
    }
    check(notified, "multicast: RTM_NEWLINK notification for %s",
          DUMMY_NAME);

    nl_buf_clear(&req);
    put_link_msg(&req, RTM_DELLINK, 0, 0);
    nl_put_string(&req, IFLA_IFNAME, DUMMY_NAME);
    error = nln_request(rtnl, &req, NULL);
    check(!error, "delete %s: %s", DUMMY_NAME, ovs_retval_to_string(error));

    nln_socket_close(listener);
    nl_buf_uninit(&req);
    nl_buf_uninit(&msg);
}

/* Batches larger than the receive buffer. */

#define N_BIG 64

/* Builds N_BIG requests: even ones a no-op RTM_NEWLINK on lo (success),
 * odd ones the same on a missing ifindex (ENODEV). */
static void
build_big_batch(struct nl_buf *req)
{
    int i;

    nl_buf_clear(req);
    for (i = 0; i < N_BIG; i++) {
        put_link_msg(req, RTM_NEWLINK, 0, i % 2 ? 999999 : 1);
    }
}

static void
check_big_batch(void)
{
    struct nln_result results[N_BIG];
    struct nln_stats stats;
    struct nln_socket *s;
    struct nl_buf req;
    int n_exact = 0, n_lost = 0, n_wrong = 0;
    int error;
    int i;

    error = nln_socket_open(NETLINK_ROUTE, &s);
    if (error) {
        check(false, "open socket: %s", ovs_retval_to_string(error));
        return;
    }
    error = nln_socket_set_rcvbuf(s, 4096);
    check(!error, "receive buffer set to 4096 bytes: %s",
          ovs_retval_to_string(error));
    nl_buf_init(&req, 4096);

    /* Planned chunks: every result exact, no overrun. */
    build_big_batch(&req);
    memset(results, 0, sizeof results);
    nln_batch(s, &req, results, N_BIG);
    for (i = 0; i < N_BIG; i++) {
        n_wrong += results[i].error.error != (i % 2 ? ENODEV : 0);
        nl_error_uninit(&results[i].error);
    }
    nln_socket_get_stats(s, &stats);
    check(!n_wrong && !stats.n_overruns && stats.n_sends > 1,
          "%d requests in %"PRIu64" chunks within a small receive buffer: "
          "%d wrong results, %"PRIu64" overruns", N_BIG, stats.n_sends,
          n_wrong, stats.n_overruns);

    /* One chunk regardless: the kernel drops acks.  Each request must get
     * either its true result or ENOBUFS, never another's. */
    nln_socket_set_batch_budget_for_testing(s, SIZE_MAX);
    build_big_batch(&req);
    memset(results, 0, sizeof results);
    nln_batch(s, &req, results, N_BIG);
    n_wrong = 0;
    for (i = 0; i < N_BIG; i++) {
        int e = results[i].error.error;

        if (e == (i % 2 ? ENODEV : 0)) {
            n_exact++;
        } else if (e == ENOBUFS) {
            n_lost++;
        } else {
            n_wrong++;
        }
        nl_error_uninit(&results[i].error);
    }
    nln_socket_get_stats(s, &stats);
    check(!n_wrong && n_lost && n_exact && stats.n_overruns,
          "%d requests in one send overflow the receive buffer: %d exact "
          "results, %d ENOBUFS, %d wrong", N_BIG, n_exact, n_lost, n_wrong);

    /* And the socket goes on working. */
    nl_buf_clear(&req);
    put_link_msg(&req, RTM_GETLINK, 0, 1);
    error = nln_request(s, &req, NULL);
    check(!error, "socket usable after the overrun: %s",
          ovs_retval_to_string(error));

    nl_buf_uninit(&req);
    nln_socket_close(s);
}

int
main(int argc OVS_UNUSED, char *argv[])
{
    struct nln_socket *rtnl = NULL, *genl = NULL;
    uint16_t ids[4] = { 0, 0, 0, 0 };
    int error;

    set_program_name(argv[0]);

    error = nln_socket_open(NETLINK_ROUTE, &rtnl);
    check(!error, "open NETLINK_ROUTE socket: %s",
          ovs_retval_to_string(error));
    error = nln_socket_open(NETLINK_GENERIC, &genl);
    check(!error, "open NETLINK_GENERIC socket: %s",
          ovs_retval_to_string(error));
    if (!rtnl || !genl) {
        return 1;
    }
    check(nln_socket_has_ext_ack(rtnl) && nln_socket_has_cap_ack(rtnl),
          "kernel supports NETLINK_EXT_ACK and NETLINK_CAP_ACK");

    check_families(genl, ids);
    check_link_dump(rtnl);
    check_batch_of_three(rtnl);
    check_extack(rtnl);
    if (ids[0] && ids[1]) {
        check_ovs_datapath(genl, ids);
    } else {
        check(false, "datapath checks skipped: openvswitch families not "
              "registered (is openvswitch.ko loaded?)");
    }
    check_rtnl_multicast(rtnl);
    check_big_batch();

    nln_socket_close(rtnl);
    nln_socket_close(genl);
    printf("%d failure(s)\n", n_failures);
    return n_failures ? 1 : 0;
}
