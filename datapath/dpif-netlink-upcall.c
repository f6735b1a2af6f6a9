/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

/* Upcall channels of the kernel datapath provider.
 *
 * Each handler has a generic netlink socket of its own; the kernel
 * addresses an upcall to one of their port ids.  Two ways to tell it which:
 *
 *   - per-CPU dispatch (OVS_DP_F_DISPATCH_UPCALL_PER_CPU, Linux 5.14+):
 *     the datapath holds an array OVS_DP_ATTR_PER_CPU_PIDS indexed by the
 *     CPU that handles the packet; CPU 'c' goes to handler 'c' mod n.
 *
 *   - per-vport dispatch: every vport has OVS_VPORT_ATTR_UPCALL_PID, an
 *     array of port ids (several with OVS_DP_F_VPORT_PIDS) among which the
 *     kernel picks by packet hash; ports added later get the same array.
 *
 * A pid of 0 makes the kernel count the upcall as lost. */

#include <config.h>
#include "dpif-netlink.h"
#include "dpif-netlink-private.h"
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "netlink-socket.h"
#include "netlink.h"
#include "odp-key.h"
#include "util.h"
#include "vlog.h"

VLOG_DEFINE_THIS_MODULE(dpif_netlink_upcall);

static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(5, 20);

#define OVS_HDRLEN (GENL_HDRLEN + sizeof(struct ovs_header))

/* Receive buffer of each upcall channel. */
#define CHANNEL_RCVBUF (4 * 1024 * 1024)

/* The number of pids a vport may have: the possible CPUs. */
static size_t
max_vport_pids(void)
{
    long n = sysconf(_SC_NPROCESSORS_CONF);

    return n < 1 ? 1 : n;
}

size_t
dpif_netlink_vport_pids(const struct dpif_netlink *dp, uint32_t *pids)
{
    size_t i, n;

    if (!dp->recv_enabled || dp->dispatch != DPIF_DISPATCH_PER_VPORT
        || !dp->n_open_handlers) {
        pids[0] = 0;
        return 1;
    }
    /* Current stable kernels (the sandbox's 6.1 among them) refuse, with
     * EINVAL, more pids per vport than there are possible CPUs; handlers
     * beyond that get upcalls only through userspace() actions. */
    n = dp->vport_pids_offered ? dp->n_open_handlers : 1;
    n = MIN(n, max_vport_pids());
    for (i = 0; i < n; i++) {
        pids[i] = nln_socket_pid(dp->handlers[i]);
    }
    return n;
}

int
dpif_netlink_set_vport_pids(struct dpif_netlink *dp, odp_port_t port_no,
                            const uint32_t *pids, size_t n_pids)
{
    struct nl_buf req;
    int error;

    nl_buf_init(&req, 128);
    dpif_netlink_put_header(dp, &req, dp->vport_family, OVS_VPORT_CMD_SET,
                            0);
    nl_put_u32(&req, OVS_VPORT_ATTR_PORT_NO, port_no);
    nl_put_unspec(&req, OVS_VPORT_ATTR_UPCALL_PID, pids,
                  n_pids * sizeof *pids);
    error = dpif_netlink_transact(dp, &req, NULL);
    nl_buf_uninit(&req);
    return error;
}

/* Points every vport at the pids that dpif_netlink_vport_pids() gives. */
static int
update_vport_pids(struct dpif_netlink *dp)
{
    uint32_t *pids = xmalloc(sizeof *pids * MAX(1, dp->n_open_handlers));
    struct dpif_port_dump dump;
    struct dpif_port port;
    size_t n_pids = dpif_netlink_vport_pids(dp, pids);
    int error = 0;

    dpif_port_dump_start(&dump, &dp->up);
    while (dpif_port_dump_next(&dump, &port)) {
        int retval = dpif_netlink_set_vport_pids(dp, port.port_no, pids,
                                                 n_pids);
        if (retval && retval != ENODEV && !error) {
            error = retval;
        }
    }
    if (!error) {
        error = dpif_port_dump_done(&dump);
    } else {
        dpif_port_dump_done(&dump);
    }
    free(pids);
    return error;
}

static int
open_channels(struct dpif_netlink *dp)
{
    uint32_t i;
    int error = 0;

    dp->handlers = xcalloc(dp->n_handlers, sizeof *dp->handlers);
    for (i = 0; i < dp->n_handlers; i++) {
        error = nln_socket_open(NETLINK_GENERIC, &dp->handlers[i]);
        if (error) {
            break;
        }
        nln_socket_set_rcvbuf(dp->handlers[i], CHANNEL_RCVBUF);
        dp->n_open_handlers++;
    }
    if (error) {
        dpif_netlink_close_channels(dp);
    }
    return error;
}

void
dpif_netlink_close_channels(struct dpif_netlink *dp)
{
    uint32_t i;

    for (i = 0; i < dp->n_open_handlers; i++) {
        nln_socket_close(dp->handlers[i]);
    }
    free(dp->handlers);
    dp->handlers = NULL;
    dp->n_open_handlers = 0;
}

/* Points the datapath's per-CPU array at the channels. */
static int
set_per_cpu_pids(struct dpif_netlink *dp)
{
    long n_cpus = sysconf(_SC_NPROCESSORS_CONF);
    uint32_t *pids;
    long i;
    int error;

    if (n_cpus < 1) {
        n_cpus = 1;
    }
    pids = xmalloc(n_cpus * sizeof *pids);
    for (i = 0; i < n_cpus; i++) {
        pids[i] = nln_socket_pid(dp->handlers[i % dp->n_open_handlers]);
    }
    error = dpif_netlink_set_dp(dp, (dp->user_features
                                     | OVS_DP_F_DISPATCH_UPCALL_PER_CPU),
                                pids, n_cpus);
    free(pids);
    return error;
}

static int
enable_recv(struct dpif_netlink *dp)
{
    enum dpif_upcall_dispatch mode = dp->dispatch_req;
    int error;

    if (mode == DPIF_DISPATCH_AUTO) {
        mode = (dp->per_cpu_offered ? DPIF_DISPATCH_PER_CPU
                : DPIF_DISPATCH_PER_VPORT);
    } else if (mode == DPIF_DISPATCH_PER_CPU && !dp->per_cpu_offered) {
        dpif_set_error_msg(&dp->up, "per-CPU upcall dispatch is not "
                           "offered by this kernel");
        return EOPNOTSUPP;
    }
    error = open_channels(dp);
    if (error) {
        return error;
    }
    dp->recv_enabled = true;
    dp->dispatch = mode;
    if (mode == DPIF_DISPATCH_PER_CPU) {
        error = set_per_cpu_pids(dp);
    } else {
        if (dp->user_features & OVS_DP_F_DISPATCH_UPCALL_PER_CPU) {
            error = dpif_netlink_set_dp(
                dp, dp->user_features & ~OVS_DP_F_DISPATCH_UPCALL_PER_CPU,
                NULL, 0);
        }
        if (!error) {
            error = update_vport_pids(dp);
        }
    }
    if (error) {
        dp->recv_enabled = false;
        dpif_netlink_close_channels(dp);
    }
    return error;
}

static int
disable_recv(struct dpif_netlink *dp)
{
    int error = 0;

    dp->recv_enabled = false;
    if (dp->user_features & OVS_DP_F_DISPATCH_UPCALL_PER_CPU) {
        error = dpif_netlink_set_dp(
            dp, dp->user_features & ~OVS_DP_F_DISPATCH_UPCALL_PER_CPU,
            NULL, 0);
    }
    if (dp->dispatch == DPIF_DISPATCH_PER_VPORT) {
        int retval = update_vport_pids(dp);

        error = error ? error : retval;
    }
    dpif_netlink_close_channels(dp);
    return error;
}

int
dpif_netlink_recv_set(struct dpif *dpif, bool enable)
{
    struct dpif_netlink *dp = dpif_netlink_cast(dpif);

    if (enable == dp->recv_enabled) {
        return 0;
    }
    return enable ? enable_recv(dp) : disable_recv(dp);
}

/* Re-creates the channels after a change of mode or handler count. */
static int
refresh_channels(struct dpif_netlink *dp)
{
    int error;

    if (!dp->recv_enabled) {
        return 0;
    }
    dpif_netlink_close_channels(dp);
    dp->recv_enabled = false;
    error = enable_recv(dp);
    return error;
}

int
dpif_netlink_set_upcall_dispatch(struct dpif *dpif,
                                 enum dpif_upcall_dispatch mode)
{
    struct dpif_netlink *dp = dpif_netlink_cast(dpif);

    if (mode == DPIF_DISPATCH_PER_CPU && !dp->per_cpu_offered) {
        dpif_set_error_msg(dpif, "per-CPU upcall dispatch is not offered "
                           "by this kernel");
        return EOPNOTSUPP;
    }
    if (mode == dp->dispatch_req) {
        return 0;
    }
    dp->dispatch_req = mode;
    return refresh_channels(dp);
}

int
dpif_netlink_handlers_set(struct dpif *dpif, uint32_t n_handlers)
{
    struct dpif_netlink *dp = dpif_netlink_cast(dpif);

    if (n_handlers == dp->n_handlers) {
        return 0;
    }
    dp->n_handlers = n_handlers;
    return refresh_channels(dp);
}

uint32_t
dpif_netlink_port_get_pid(struct dpif *dpif, odp_port_t port_no)
{
    struct dpif_netlink *dp = dpif_netlink_cast(dpif);

    if (!dp->recv_enabled || !dp->n_open_handlers) {
        return 0;
    }
    return nln_socket_pid(dp->handlers[port_no % dp->n_open_handlers]);
}

static const struct nl_policy packet_policy[] = {
    [OVS_PACKET_ATTR_PACKET] = { .kind = NL_A_UNSPEC, .min_len = 14 },
    [OVS_PACKET_ATTR_KEY] = { .kind = NL_A_NESTED },
    [OVS_PACKET_ATTR_ACTIONS] = { .kind = NL_A_NESTED, .optional = true },
    [OVS_PACKET_ATTR_USERDATA] = { .kind = NL_A_UNSPEC, .optional = true },
    [OVS_PACKET_ATTR_EGRESS_TUN_KEY] = { .kind = NL_A_NESTED,
                                         .optional = true },
    [OVS_PACKET_ATTR_MRU] = { .kind = NL_A_U16, .optional = true },
    [OVS_PACKET_ATTR_LEN] = { .kind = NL_A_U32, .optional = true },
    [OVS_PACKET_ATTR_HASH] = { .kind = NL_A_U64, .optional = true },
};

/* Parses the upcall message at the start of 'buffer' into 'upcall'. */
static int
parse_upcall(const struct dpif_netlink *dp, const struct nl_buf *buffer,
             struct dpif_upcall *upcall)
{
    const struct nlattr *a[ARRAY_SIZE(packet_policy)];
    const struct nlmsghdr *nlh = (const struct nlmsghdr *) buffer->data;
    const struct genlmsghdr *genl;
    struct match match;
    char *errmsg = NULL;

    memset(upcall, 0, sizeof *upcall);
    if (!nl_msg_is_valid(nlh, buffer->used)
        || nlh->nlmsg_type != dp->packet_family
        || !(genl = nl_msg_genlmsghdr(nlh))
        || (genl->cmd != OVS_PACKET_CMD_MISS
            && genl->cmd != OVS_PACKET_CMD_ACTION)
        || nl_parse_msg(nlh, nlh->nlmsg_len, OVS_HDRLEN, packet_policy,
                        ARRAY_SIZE(packet_policy), a)) {
        return EPROTO;
    }
    upcall->type = (genl->cmd == OVS_PACKET_CMD_MISS
                    ? DPIF_UC_MISS : DPIF_UC_ACTION);
    upcall->packet = nl_attr_get(a[OVS_PACKET_ATTR_PACKET]);
    upcall->packet_len = nl_attr_get_size(a[OVS_PACKET_ATTR_PACKET]);
    upcall->key = nl_attr_get(a[OVS_PACKET_ATTR_KEY]);
    upcall->key_len = nl_attr_get_size(a[OVS_PACKET_ATTR_KEY]);
    if (a[OVS_PACKET_ATTR_USERDATA]) {
        upcall->userdata = nl_attr_get(a[OVS_PACKET_ATTR_USERDATA]);
        upcall->userdata_len = nl_attr_get_size(a[OVS_PACKET_ATTR_USERDATA]);
    }
    if (a[OVS_PACKET_ATTR_ACTIONS]) {
        upcall->actions = nl_attr_get(a[OVS_PACKET_ATTR_ACTIONS]);
        upcall->actions_len = nl_attr_get_size(a[OVS_PACKET_ATTR_ACTIONS]);
    }
    if (a[OVS_PACKET_ATTR_EGRESS_TUN_KEY]
        && !odp_tun_key_parse(a[OVS_PACKET_ATTR_EGRESS_TUN_KEY],
                              &upcall->egress_tun, NULL)) {
        upcall->has_egress_tun = true;
    }
    upcall->mru = nl_attr_get_u16_or(a[OVS_PACKET_ATTR_MRU], 0);
    upcall->orig_len = nl_attr_get_u32_or(a[OVS_PACKET_ATTR_LEN], 0);
    upcall->hash = nl_attr_get_u64_or(a[OVS_PACKET_ATTR_HASH], 0);

    upcall->flow_error = odp_key_to_match(upcall->key, upcall->key_len,
                                          NULL, 0, &match, &errmsg);
    if (upcall->flow_error) {
        VLOG_WARN_RL(&rl, "%s: cannot decode the key of an upcall: %s",
                     dp->up.name, errmsg ? errmsg : "");
        memset(&upcall->flow, 0, sizeof upcall->flow);
    } else {
        upcall->flow = match.flow;
    }
    free(errmsg);
    return 0;
}

int
dpif_netlink_recv(struct dpif *dpif, uint32_t handler_id,
                  struct dpif_upcall *upcall, struct nl_buf *buffer)
{
    struct dpif_netlink *dp = dpif_netlink_cast(dpif);
    int error;

    if (!dp->recv_enabled || handler_id >= dp->n_open_handlers) {
        return EAGAIN;
    }
    for (;;) {
        error = nln_socket_recv(dp->handlers[handler_id], buffer, false);
        if (error) {
            return error;
        }
        error = parse_upcall(dp, buffer, upcall);
        if (!error) {
            return 0;
        }
        VLOG_WARN_RL(&rl, "%s: discarding a malformed upcall message",
                     dp->up.name);
    }
}

void
dpif_netlink_recv_wait(struct dpif *dpif, uint32_t handler_id)
{
    struct dpif_netlink *dp = dpif_netlink_cast(dpif);

    if (dp->recv_enabled && handler_id < dp->n_open_handlers) {
        nln_socket_wait(dp->handlers[handler_id]);
    }
}

void
dpif_netlink_recv_purge(struct dpif *dpif)
{
    struct dpif_netlink *dp = dpif_netlink_cast(dpif);
    struct nl_buf buf;
    uint32_t i;

    nl_buf_init(&buf, 4096);
    for (i = 0; i < dp->n_open_handlers; i++) {
        int error;

        do {
            error = nln_socket_recv(dp->handlers[i], &buf, false);
        } while (!error || error == ENOBUFS);
    }
    nl_buf_uninit(&buf);
}

/* Entry point of dpif-netlink-private.h, for the fuzz target. */
int
dpif_netlink_parse_upcall__(uint16_t packet_family,
                            const struct nl_buf *buffer,
                            struct dpif_upcall *upcall)
{
    struct dpif_netlink dp;
    char name[] = "fuzz";

    memset(&dp, 0, sizeof dp);
    dp.up.name = name;
    dp.packet_family = packet_family;
    return parse_upcall(&dp, buffer, upcall);
}
