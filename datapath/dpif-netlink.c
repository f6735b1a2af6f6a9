/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

/* The "system" datapath provider: the Linux kernel openvswitch module,
 * programmed over its four generic netlink families (ovs_datapath,
 * ovs_vport, ovs_flow, ovs_packet).  Upcall channels are in
 * dpif-netlink-upcall.c. */

#include <config.h>
#include "dpif-netlink.h"
#include "dpif-netlink-private.h"
#include <assert.h>
#include <errno.h>
#include <net/if.h>
#include <stdlib.h>
#include <string.h>
#include "dynamic-string.h"
#include "netlink-socket.h"
#include "netlink.h"
#include "odp-key.h"
#include "tunnel-dev.h"
#include "util.h"
#include "vlog.h"

VLOG_DEFINE_THIS_MODULE(dpif_netlink);

static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(5, 20);

/* Family header of every message of the four families. */
#define OVS_HDRLEN (GENL_HDRLEN + sizeof(struct ovs_header))

/* User features that ovs-tc always asks for. */
#define WANTED_FEATURES (OVS_DP_F_UNALIGNED | OVS_DP_F_VPORT_PIDS)

struct dpif_netlink *
dpif_netlink_cast(const struct dpif *dpif)
{
    assert(dpif->class == &dpif_netlink_class);
    return CONTAINER_OF(dpif, struct dpif_netlink, up);
}

void
dpif_netlink_put_header(const struct dpif_netlink *dp, struct nl_buf *buf,
                        uint16_t family, uint8_t cmd, uint16_t flags)
{
    struct ovs_header hdr = { .dp_ifindex = dp->dp_ifindex };
    uint8_t version = (family == dp->dp_family ? OVS_DATAPATH_VERSION
                       : family == dp->vport_family ? OVS_VPORT_VERSION
                       : family == dp->flow_family ? OVS_FLOW_VERSION
                       : OVS_PACKET_VERSION);

    nl_msg_put_nlmsghdr(buf, family, flags);
    nl_msg_put_genlmsghdr(buf, cmd, version);
    nl_msg_put_header(buf, &hdr, sizeof hdr);
}

char *
dpif_netlink_error_text(const struct nl_error *err)
{
    if (err->msg && err->msg[0]) {
        return (err->has_offset
                ? xasprintf("%s (attribute at offset %"PRIu32")", err->msg,
                            err->offset)
                : xstrdup(err->msg));
    } else if (err->has_miss_type) {
        return xasprintf("missing attribute %"PRIu32, err->miss_type);
    } else if (err->has_offset) {
        return xasprintf("bad attribute at offset %"PRIu32, err->offset);
    }
    return NULL;
}

static void
record_error(struct dpif_netlink *dp, const struct nl_error *err)
{
    char *text = dpif_netlink_error_text(err);

    dpif_set_error_msg(&dp->up, text);
    free(text);
}

int
dpif_netlink_transact(struct dpif_netlink *dp, struct nl_buf *request,
                      struct nl_buf *reply)
{
    struct nl_error err;
    int error;

    if (nl_buf_error(request)) {
        return nl_buf_error(request);
    }
    error = (reply
             ? nln_transact(dp->sock, request, reply, &err)
             : nln_request(dp->sock, request, &err));
    if (error) {
        record_error(dp, &err);
    }
    nl_error_uninit(&err);
    return error;
}

/* Parses the attributes of the reply in 'reply' (one message). */
static int
parse_reply(const struct nl_buf *reply, const struct nl_policy *policy,
            size_t n_policy, const struct nlattr *attrs[],
            const struct ovs_header **hdrp)
{
    int error;

    if (reply->used < NLMSG_HDRLEN + OVS_HDRLEN) {
        return EPROTO;
    }
    error = nl_parse_msg(reply->data, reply->used, OVS_HDRLEN, policy,
                         n_policy, attrs);
    if (error) {
        VLOG_WARN_RL(&rl, "malformed reply from the openvswitch module");
        return EPROTO;
    }
    if (hdrp) {
        *hdrp = (const struct ovs_header *) (reply->data + NLMSG_HDRLEN
                                             + GENL_HDRLEN);
    }
    return 0;
}

/* Datapaths. */

static const struct nl_policy dp_policy[] = {
    [OVS_DP_ATTR_NAME] = { .kind = NL_A_STRING, .max_len = IFNAMSIZ },
    [OVS_DP_ATTR_STATS] = { .kind = NL_A_UNSPEC, .optional = true,
                            .min_len = sizeof(struct ovs_dp_stats) },
    [OVS_DP_ATTR_MEGAFLOW_STATS] = {
        .kind = NL_A_UNSPEC, .optional = true,
        .min_len = sizeof(struct ovs_dp_megaflow_stats) },
    [OVS_DP_ATTR_USER_FEATURES] = { .kind = NL_A_U32, .optional = true },
    [OVS_DP_ATTR_MASKS_CACHE_SIZE] = { .kind = NL_A_U32, .optional = true },
};

struct dp_info {
    int dp_ifindex;
    char name[IFNAMSIZ];
    bool has_stats;
    struct ovs_dp_stats stats;
    bool has_megaflow_stats;
    struct ovs_dp_megaflow_stats megaflow_stats;
    uint32_t user_features;
    bool has_cache_size;
    uint32_t cache_size;
};

static int
parse_dp_reply(const struct nl_buf *reply, struct dp_info *info)
{
    const struct nlattr *a[ARRAY_SIZE(dp_policy)];
    const struct ovs_header *hdr;
    int error;

    memset(info, 0, sizeof *info);
    error = parse_reply(reply, dp_policy, ARRAY_SIZE(dp_policy), a, &hdr);
    if (error) {
        return error;
    }
    info->dp_ifindex = hdr->dp_ifindex;
    ovs_strlcpy(info->name, nl_attr_get_string(a[OVS_DP_ATTR_NAME]),
                sizeof info->name);
    if (a[OVS_DP_ATTR_STATS]) {
        info->has_stats = true;
        memcpy(&info->stats, nl_attr_get(a[OVS_DP_ATTR_STATS]),
               sizeof info->stats);
    }
    if (a[OVS_DP_ATTR_MEGAFLOW_STATS]) {
        info->has_megaflow_stats = true;
        memcpy(&info->megaflow_stats,
               nl_attr_get(a[OVS_DP_ATTR_MEGAFLOW_STATS]),
               sizeof info->megaflow_stats);
    }
    info->user_features = nl_attr_get_u32_or(a[OVS_DP_ATTR_USER_FEATURES],
                                             0);
    if (a[OVS_DP_ATTR_MASKS_CACHE_SIZE]) {
        info->has_cache_size = true;
        info->cache_size = nl_attr_get_u32(a[OVS_DP_ATTR_MASKS_CACHE_SIZE]);
    }
    return 0;
}

/* Reads datapath 'dp' (by name before it is known, by ifindex after). */
static int
get_dp(struct dpif_netlink *dp, struct dp_info *info)
{
    struct nl_buf req, reply;
    int error;

    nl_buf_init(&req, 128);
    nl_buf_init(&reply, 512);
    dpif_netlink_put_header(dp, &req, dp->dp_family, OVS_DP_CMD_GET, 0);
    if (!dp->dp_ifindex) {
        nl_put_string(&req, OVS_DP_ATTR_NAME, dp->up.name);
    }
    error = dpif_netlink_transact(dp, &req, &reply);
    if (!error) {
        error = parse_dp_reply(&reply, info);
    }
    nl_buf_uninit(&req);
    nl_buf_uninit(&reply);
    return error;
}

static int
create_dp(struct dpif_netlink *dp)
{
    struct nl_buf req;
    int error;

    nl_buf_init(&req, 128);
    dpif_netlink_put_header(dp, &req, dp->dp_family, OVS_DP_CMD_NEW, 0);
    nl_put_string(&req, OVS_DP_ATTR_NAME, dp->up.name);
    nl_put_u32(&req, OVS_DP_ATTR_UPCALL_PID, 0);
    nl_put_u32(&req, OVS_DP_ATTR_USER_FEATURES, WANTED_FEATURES);
    error = dpif_netlink_transact(dp, &req, NULL);
    nl_buf_uninit(&req);
    return error == EEXIST ? 0 : error;
}

int
dpif_netlink_set_dp(struct dpif_netlink *dp, uint32_t user_features,
                    const uint32_t *pids, size_t n_pids)
{
    struct nl_buf req;
    int error;

    nl_buf_init(&req, 128 + 4 * n_pids);
    dpif_netlink_put_header(dp, &req, dp->dp_family, OVS_DP_CMD_SET, 0);
    /* The kernel resets the features to 0 when the attribute is absent,
     * so it is always sent. */
    nl_put_u32(&req, OVS_DP_ATTR_USER_FEATURES, user_features);
    if (pids) {
        nl_put_unspec(&req, OVS_DP_ATTR_PER_CPU_PIDS, pids,
                      n_pids * sizeof *pids);
    }
    error = dpif_netlink_transact(dp, &req, NULL);
    if (!error) {
        dp->user_features = user_features;
    }
    nl_buf_uninit(&req);
    return error;
}

/* Finds out whether the kernel accepts user feature 'bit', without
 * touching the datapath: asks to create a datapath of the same name with
 * that feature.  The kernel checks the feature bits first (EOPNOTSUPP for
 * one it does not know) and only then creates the datapath's device, which
 * fails with EEXIST since ours has that name.  Both answers are routine,
 * so probing leaves no warning in the log. */
static bool
probe_feature(struct dpif_netlink *dp, uint32_t bit)
{
    struct nl_buf req;
    int error;

    if (dp->user_features & bit) {
        return true;
    }
    nl_buf_init(&req, 128);
    dpif_netlink_put_header(dp, &req, dp->dp_family, OVS_DP_CMD_NEW, 0);
    nl_put_string(&req, OVS_DP_ATTR_NAME, dp->up.name);
    nl_put_u32(&req, OVS_DP_ATTR_UPCALL_PID, 0);
    nl_put_u32(&req, OVS_DP_ATTR_USER_FEATURES, WANTED_FEATURES | bit);
    error = dpif_netlink_transact(dp, &req, NULL);
    nl_buf_uninit(&req);
    dpif_set_error_msg(&dp->up, NULL);
    if (!error) {
        /* Ours vanished meanwhile and the probe created one: undo. */
        nl_buf_init(&req, 128);
        dpif_netlink_put_header(dp, &req, dp->dp_family, OVS_DP_CMD_DEL, 0);
        nl_put_string(&req, OVS_DP_ATTR_NAME, dp->up.name);
        dpif_netlink_transact(dp, &req, NULL);
        nl_buf_uninit(&req);
    }
    return error != EOPNOTSUPP;
}

static void
probe_features(struct dpif_netlink *dp, const struct dp_info *info)
{
    static bool logged;

    dp->masks_cache_offered = info->has_cache_size;
    dp->unaligned_offered = true;
    dp->vport_pids_offered = true;
    dp->per_cpu_offered = probe_feature(dp,
                                        OVS_DP_F_DISPATCH_UPCALL_PER_CPU);
    dp->tc_recirc_offered = probe_feature(dp, OVS_DP_F_TC_RECIRC_SHARING);
    if (!logged) {
        logged = true;
        VLOG_INFO("%s: kernel datapath features: per-CPU upcall dispatch "
                  "%s, TC recirculation sharing %s, masks cache %s",
                  dp->up.name, dp->per_cpu_offered ? "yes" : "no",
                  dp->tc_recirc_offered ? "yes" : "no",
                  dp->masks_cache_offered ? "yes" : "no");
    }
}

static int
lookup_families(struct dpif_netlink *dp)
{
    int error;

    error = nln_lookup_genl_family(dp->sock, OVS_DATAPATH_FAMILY,
                                   &dp->dp_family);
    if (!error) {
        error = nln_lookup_genl_family(dp->sock, OVS_VPORT_FAMILY,
                                       &dp->vport_family);
    }
    if (!error) {
        error = nln_lookup_genl_family(dp->sock, OVS_FLOW_FAMILY,
                                       &dp->flow_family);
    }
    if (!error) {
        error = nln_lookup_genl_family(dp->sock, OVS_PACKET_FAMILY,
                                       &dp->packet_family);
    }
    if (error == ENOENT) {
        dpif_set_error_msg(&dp->up, "the openvswitch module is not loaded");
    }
    return error;
}

static int
dpif_netlink_open(const struct dpif_class *class, const char *name,
                  bool create, struct dpif **dpifp, char **errp)
{
    struct dpif_netlink *dp = xzalloc(sizeof *dp);
    struct dp_info info;
    int error;

    dpif_init(&dp->up, class, name);
    dp->n_handlers = 1;
    error = nln_socket_open(NETLINK_GENERIC, &dp->sock);
    if (!error) {
        error = lookup_families(dp);
    }
    if (!error) {
        error = get_dp(dp, &info);
        if (error == ENODEV && create) {
            error = create_dp(dp);
            if (!error) {
                error = get_dp(dp, &info);
            }
        }
    }
    if (!error) {
        dp->dp_ifindex = info.dp_ifindex;
        dp->user_features = info.user_features;
        if ((dp->user_features & WANTED_FEATURES) != WANTED_FEATURES) {
            error = dpif_netlink_set_dp(dp, dp->user_features
                                        | WANTED_FEATURES, NULL, 0);
        }
    }
    if (error) {
        if (errp) {
            *errp = dp->up.error_msg ? xstrdup(dp->up.error_msg) : NULL;
        }
        nln_socket_close(dp->sock);
        dpif_uninit(&dp->up);
        free(dp);
        return error;
    }
    probe_features(dp, &info);
    *dpifp = &dp->up;
    return 0;
}

static void
dpif_netlink_close(struct dpif *dpif)
{
    struct dpif_netlink *dp = dpif_netlink_cast(dpif);

    dpif_netlink_close_channels(dp);
    nln_socket_close(dp->sock);
    dpif_uninit(&dp->up);
    free(dp);
}

static int dpif_netlink_port_dump_start(struct dpif *, void **statep);
static int dpif_netlink_port_dump_next(struct dpif *, void *state,
                                       struct dpif_port *);
static int dpif_netlink_port_dump_done(struct dpif *, void *state);
static bool tunnel_from_name(const char *name, enum tunnel_dev_type *type,
                             uint16_t *dst_port);

static int
dpif_netlink_destroy(struct dpif *dpif)
{
    struct dpif_netlink *dp = dpif_netlink_cast(dpif);
    struct tunnel { enum tunnel_dev_type type; uint16_t port; } *tunnels;
    size_t n_tunnels = 0, allocated = 0;
    struct dpif_port port;
    struct nl_buf req;
    void *state;
    int error;
    size_t i;

    /* Note the tunnel devices that our port_add created, to remove them
     * with the datapath, as tunnel vports would go with it. */
    tunnels = NULL;
    if (!dpif_netlink_port_dump_start(dpif, &state)) {
        while (!dpif_netlink_port_dump_next(dpif, state, &port)) {
            enum tunnel_dev_type type;
            uint16_t dst_port;

            if (tunnel_from_name(port.name, &type, &dst_port)) {
                if (n_tunnels >= allocated) {
                    allocated = 2 * allocated + 4;
                    tunnels = xrealloc(tunnels, allocated * sizeof *tunnels);
                }
                tunnels[n_tunnels].type = type;
                tunnels[n_tunnels++].port = dst_port;
            }
        }
        dpif_netlink_port_dump_done(dpif, state);
    }

    dpif_netlink_close_channels(dp);
    nl_buf_init(&req, 128);
    dpif_netlink_put_header(dp, &req, dp->dp_family, OVS_DP_CMD_DEL, 0);
    error = dpif_netlink_transact(dp, &req, NULL);
    nl_buf_uninit(&req);
    for (i = 0; !error && i < n_tunnels; i++) {
        tunnel_dev_remove(tunnels[i].type, tunnels[i].port, NULL);
    }
    free(tunnels);
    return error;
}

static int
dpif_netlink_enumerate(const struct dpif_class *class OVS_UNUSED,
                       char ***namesp, size_t *n_namesp)
{
    struct nln_socket *sock;
    struct nln_dump dump;
    const struct nlmsghdr *nlh;
    struct ovs_header hdr = { .dp_ifindex = 0 };
    struct nl_buf req;
    uint16_t family;
    size_t allocated = 0;
    int error;

    error = nln_socket_open(NETLINK_GENERIC, &sock);
    if (error) {
        return error;
    }
    error = nln_lookup_genl_family(sock, OVS_DATAPATH_FAMILY, &family);
    if (error) {
        nln_socket_close(sock);
        return error == ENOENT ? 0 : error;
    }
    nl_buf_init(&req, 64);
    nl_msg_put_nlmsghdr(&req, family, 0);
    nl_msg_put_genlmsghdr(&req, OVS_DP_CMD_GET, OVS_DATAPATH_VERSION);
    nl_msg_put_header(&req, &hdr, sizeof hdr);
    nln_dump_start(&dump, sock, &req);
    while ((nlh = nln_dump_next(&dump))) {
        const struct nlattr *a[ARRAY_SIZE(dp_policy)];

        if (nl_parse_msg(nlh, nlh->nlmsg_len, OVS_HDRLEN, dp_policy,
                         ARRAY_SIZE(dp_policy), a)) {
            continue;
        }
        if (*n_namesp >= allocated) {
            allocated = 2 * allocated + 4;
            *namesp = xrealloc(*namesp, allocated * sizeof **namesp);
        }
        (*namesp)[(*n_namesp)++] = xstrdup(
            nl_attr_get_string(a[OVS_DP_ATTR_NAME]));
    }
    error = nln_dump_finish(&dump, NULL);
    nl_buf_uninit(&req);
    nln_socket_close(sock);
    return error;
}

static int
dpif_netlink_get_features(struct dpif *dpif, struct dpif_features *f)
{
    struct dpif_netlink *dp = dpif_netlink_cast(dpif);
    struct dp_info info;
    int error;

    error = get_dp(dp, &info);
    if (!error) {
        dp->user_features = info.user_features;
    }
    f->per_cpu_dispatch = dp->per_cpu_offered;
    f->vport_pids = dp->vport_pids_offered;
    f->unaligned = dp->unaligned_offered;
    f->tc_recirc_sharing = dp->tc_recirc_offered;
    f->masks_cache = dp->masks_cache_offered;
    f->user_features = dp->user_features;
    f->dispatch = (dp->user_features & OVS_DP_F_DISPATCH_UPCALL_PER_CPU
                   ? DPIF_DISPATCH_PER_CPU : DPIF_DISPATCH_PER_VPORT);
    f->n_handlers = dp->recv_enabled ? dp->n_open_handlers : 0;
    return error;
}

static int
dpif_netlink_get_stats(struct dpif *dpif, struct dpif_dp_stats *stats)
{
    struct dpif_netlink *dp = dpif_netlink_cast(dpif);
    struct dp_info info;
    int error;

    error = get_dp(dp, &info);
    if (error) {
        return error;
    }
    stats->n_hit = info.stats.n_hit;
    stats->n_missed = info.stats.n_missed;
    stats->n_lost = info.stats.n_lost;
    stats->n_flows = info.stats.n_flows;
    if (info.has_megaflow_stats) {
        stats->n_masks = info.megaflow_stats.n_masks;
        stats->n_mask_hit = info.megaflow_stats.n_mask_hit;
        stats->n_cache_hit = info.megaflow_stats.n_cache_hit;
    } else {
        stats->n_masks = stats->n_mask_hit = UINT64_MAX;
        stats->n_cache_hit = UINT64_MAX;
    }
    stats->cache_size = info.has_cache_size ? info.cache_size : UINT32_MAX;
    return 0;
}

/* Ports. */

static const struct nl_policy vport_policy[] = {
    [OVS_VPORT_ATTR_PORT_NO] = { .kind = NL_A_U32 },
    [OVS_VPORT_ATTR_TYPE] = { .kind = NL_A_U32 },
    [OVS_VPORT_ATTR_NAME] = { .kind = NL_A_STRING, .max_len = IFNAMSIZ },
    [OVS_VPORT_ATTR_OPTIONS] = { .kind = NL_A_NESTED, .optional = true },
    [OVS_VPORT_ATTR_UPCALL_PID] = { .kind = NL_A_UNSPEC, .optional = true },
    [OVS_VPORT_ATTR_STATS] = { .kind = NL_A_UNSPEC, .optional = true,
                               .min_len = sizeof(struct ovs_vport_stats) },
    [OVS_VPORT_ATTR_IFINDEX] = { .kind = NL_A_U32, .optional = true },
};

/* Recognises the name of a metadata-mode tunnel device
 * (tunnel-dev.h). */
static bool
tunnel_from_name(const char *name, enum tunnel_dev_type *type,
                 uint16_t *dst_port)
{
    static const enum tunnel_dev_type types[] = {
        TUNNEL_DEV_VXLAN, TUNNEL_DEV_GRE, TUNNEL_DEV_GENEVE,
    };
    size_t i;

    for (i = 0; i < ARRAY_SIZE(types); i++) {
        uint16_t dflt = tunnel_dev_default_port(types[i]);
        char dev[IFNAMSIZ];
        const char *p;
        int port;

        tunnel_dev_name(types[i], dflt, dev);
        if (!strcmp(name, dev)) {
            *type = types[i];
            *dst_port = dflt;
            return true;
        }
        if (types[i] == TUNNEL_DEV_GRE) {
            continue;
        }
        /* Other UDP ports: same prefix, another number. */
        p = strrchr(dev, '_');
        if (p && !strncmp(name, dev, p + 1 - dev)
            && str_to_int(name + (p + 1 - dev), 10, &port)
            && port > 0 && port <= 65535) {
            tunnel_dev_name(types[i], port, dev);
            if (!strcmp(name, dev)) {
                *type = types[i];
                *dst_port = port;
                return true;
            }
        }
    }
    return false;
}

static const char *
vport_type_to_string(uint32_t type, const char *name)
{
    enum tunnel_dev_type ttype;
    uint16_t port;

    switch (type) {
    case OVS_VPORT_TYPE_NETDEV:
        return (tunnel_from_name(name, &ttype, &port)
                ? tunnel_dev_type_to_string(ttype) : "system");
    case OVS_VPORT_TYPE_INTERNAL:
        return "internal";
    case OVS_VPORT_TYPE_GRE:
        return "gre";
    case OVS_VPORT_TYPE_VXLAN:
        return "vxlan";
    case OVS_VPORT_TYPE_GENEVE:
        return "geneve";
    default:
        return "unknown";
    }
}

static int
parse_vport(const void *msg, size_t len, struct dpif_port *port)
{
    const struct nlattr *a[ARRAY_SIZE(vport_policy)];
    const char *name;

    memset(port, 0, sizeof *port);
    if (nl_parse_msg(msg, len, OVS_HDRLEN, vport_policy,
                     ARRAY_SIZE(vport_policy), a)) {
        struct ds ds = DS_EMPTY_INITIALIZER;

        nl_msg_format(&ds, msg, len, NETLINK_GENERIC, OVS_HDRLEN);
        VLOG_WARN_RL(&rl, "malformed vport message from the kernel:\n%s",
                     ds_cstr(&ds));
        ds_destroy(&ds);
        return EPROTO;
    }
    name = nl_attr_get_string(a[OVS_VPORT_ATTR_NAME]);
    port->name = xstrdup(name);
    port->type = xstrdup(vport_type_to_string(
                             nl_attr_get_u32(a[OVS_VPORT_ATTR_TYPE]), name));
    port->port_no = nl_attr_get_u32(a[OVS_VPORT_ATTR_PORT_NO]);
    port->ifindex = nl_attr_get_u32_or(a[OVS_VPORT_ATTR_IFINDEX], 0);
    if (a[OVS_VPORT_ATTR_STATS]) {
        struct ovs_vport_stats s;

        memcpy(&s, nl_attr_get(a[OVS_VPORT_ATTR_STATS]), sizeof s);
        port->has_stats = true;
        port->stats.rx_packets = s.rx_packets;
        port->stats.tx_packets = s.tx_packets;
        port->stats.rx_bytes = s.rx_bytes;
        port->stats.tx_bytes = s.tx_bytes;
        port->stats.rx_errors = s.rx_errors;
        port->stats.tx_errors = s.tx_errors;
        port->stats.rx_dropped = s.rx_dropped;
        port->stats.tx_dropped = s.tx_dropped;
    }
    return 0;
}

static const char *
find_option(const struct dpif_port_option options[], size_t n,
            const char *key)
{
    size_t i;

    for (i = 0; i < n; i++) {
        if (!strcmp(options[i].key, key)) {
            return options[i].value;
        }
    }
    return NULL;
}

/* Works out the kernel vport type and name for a port of 'type' named
 * 'name', creating the tunnel device for a tunnel type. */
static int
resolve_port_type(struct dpif_netlink *dp, const char *name,
                  const char *type, const struct dpif_port_option options[],
                  size_t n_options, uint32_t *vport_type,
                  char devname[IFNAMSIZ])
{
    enum tunnel_dev_type ttype;

    if (!type[0] || !strcmp(type, "system") || !strcmp(type, "tap")) {
        *vport_type = OVS_VPORT_TYPE_NETDEV;
    } else if (!strcmp(type, "internal")) {
        *vport_type = OVS_VPORT_TYPE_INTERNAL;
    } else if (tunnel_dev_type_from_string(type, &ttype)) {
        const char *s = find_option(options, n_options, "dst_port");
        char *errmsg = NULL;
        int dst_port = 0;
        int error;

        if (s && (!str_to_int(s, 10, &dst_port) || dst_port < 0
                  || dst_port > 65535)) {
            dpif_set_error_msg(&dp->up, "bad dst_port option");
            return EINVAL;
        }
        error = tunnel_dev_ensure(ttype, dst_port, devname, NULL, &errmsg);
        dpif_set_error_msg(&dp->up, errmsg);
        free(errmsg);
        *vport_type = OVS_VPORT_TYPE_NETDEV;
        return error;
    } else {
        return EAFNOSUPPORT;
    }
    if (strlen(name) >= IFNAMSIZ) {
        return ENAMETOOLONG;
    }
    ovs_strlcpy(devname, name, IFNAMSIZ);
    return 0;
}

static int
dpif_netlink_port_add(struct dpif *dpif, const char *name, const char *type,
                      const struct dpif_port_option options[],
                      size_t n_options, odp_port_t *port_nop)
{
    struct dpif_netlink *dp = dpif_netlink_cast(dpif);
    uint32_t *pids = xmalloc(sizeof *pids * MAX(1, dp->n_open_handlers));
    char devname[IFNAMSIZ];
    struct dpif_port port;
    struct nl_buf req, reply;
    uint32_t vport_type;
    size_t n_pids;
    int error;

    error = resolve_port_type(dp, name, type, options, n_options,
                              &vport_type, devname);
    if (error) {
        free(pids);
        return error;
    }
    n_pids = dpif_netlink_vport_pids(dp, pids);
    nl_buf_init(&req, 128);
    nl_buf_init(&reply, 512);
    dpif_netlink_put_header(dp, &req, dp->vport_family, OVS_VPORT_CMD_NEW,
                            NLM_F_ECHO);
    nl_put_string(&req, OVS_VPORT_ATTR_NAME, devname);
    nl_put_u32(&req, OVS_VPORT_ATTR_TYPE, vport_type);
    nl_put_unspec(&req, OVS_VPORT_ATTR_UPCALL_PID, pids,
                  n_pids * sizeof *pids);
    if (*port_nop != ODPP_NONE) {
        nl_put_u32(&req, OVS_VPORT_ATTR_PORT_NO, *port_nop);
    }
    error = dpif_netlink_transact(dp, &req, &reply);
    if (!error) {
        error = parse_vport(reply.data, reply.used, &port);
        if (!error) {
            *port_nop = port.port_no;
            dpif_port_destroy(&port);
        }
    }
    nl_buf_uninit(&req);
    nl_buf_uninit(&reply);
    free(pids);
    return error;
}

/* Reads one vport, named by 'name' if nonnull, else by 'port_no'. */
static int
get_vport(struct dpif_netlink *dp, const char *name, odp_port_t port_no,
          struct dpif_port *port)
{
    struct nl_buf req, reply;
    int error;

    nl_buf_init(&req, 128);
    nl_buf_init(&reply, 512);
    dpif_netlink_put_header(dp, &req, dp->vport_family, OVS_VPORT_CMD_GET,
                            0);
    if (name) {
        nl_put_string(&req, OVS_VPORT_ATTR_NAME, name);
    } else {
        nl_put_u32(&req, OVS_VPORT_ATTR_PORT_NO, port_no);
    }
    error = dpif_netlink_transact(dp, &req, &reply);
    if (!error) {
        error = parse_vport(reply.data, reply.used, port);
    }
    nl_buf_uninit(&req);
    nl_buf_uninit(&reply);
    return error;
}

static int
dpif_netlink_port_del(struct dpif *dpif, odp_port_t port_no)
{
    struct dpif_netlink *dp = dpif_netlink_cast(dpif);
    enum tunnel_dev_type ttype = TUNNEL_DEV_VXLAN;
    struct dpif_port port;
    bool is_tunnel;
    uint16_t dst_port = 0;
    struct nl_buf req;
    int error;

    error = get_vport(dp, NULL, port_no, &port);
    if (error) {
        return error;
    }
    is_tunnel = tunnel_from_name(port.name, &ttype, &dst_port);
    dpif_port_destroy(&port);

    nl_buf_init(&req, 128);
    dpif_netlink_put_header(dp, &req, dp->vport_family, OVS_VPORT_CMD_DEL,
                            0);
    nl_put_u32(&req, OVS_VPORT_ATTR_PORT_NO, port_no);
    error = dpif_netlink_transact(dp, &req, NULL);
    nl_buf_uninit(&req);
    if (!error && is_tunnel) {
        char *errmsg = NULL;

        /* The device was created for the port; it goes with it. */
        if (tunnel_dev_remove(ttype, dst_port, &errmsg)) {
            VLOG_WARN_RL(&rl, "%s: removing the tunnel device of port "
                         "%"PRIu32" failed: %s", dp->up.name, port_no,
                         errmsg ? errmsg : "");
        }
        free(errmsg);
    }
    return error;
}

static int
dpif_netlink_port_query_by_number(struct dpif *dpif, odp_port_t port_no,
                                  struct dpif_port *port)
{
    return get_vport(dpif_netlink_cast(dpif), NULL, port_no, port);
}

static int
dpif_netlink_port_query_by_name(struct dpif *dpif, const char *name,
                                struct dpif_port *port)
{
    if (strlen(name) >= IFNAMSIZ) {
        return ENODEV;
    }
    return get_vport(dpif_netlink_cast(dpif), name, 0, port);
}

/* Port dumps read every port at the start, so that the socket is free for
 * other requests while the caller walks them. */
struct port_dump_state {
    struct dpif_port *ports;
    size_t n, allocated;
    size_t next;
};

static int
compare_ports(const void *a_, const void *b_)
{
    const struct dpif_port *a = a_, *b = b_;

    return a->port_no < b->port_no ? -1 : a->port_no > b->port_no;
}

static int
dpif_netlink_port_dump_start(struct dpif *dpif, void **statep)
{
    struct dpif_netlink *dp = dpif_netlink_cast(dpif);
    struct port_dump_state *state = xzalloc(sizeof *state);
    const struct nlmsghdr *nlh;
    struct nln_dump dump;
    struct nl_error err;
    struct nl_buf req;
    int error;

    nl_buf_init(&req, 64);
    dpif_netlink_put_header(dp, &req, dp->vport_family, OVS_VPORT_CMD_GET,
                            0);
    nln_dump_start(&dump, dp->sock, &req);
    while ((nlh = nln_dump_next(&dump))) {
        if (state->n >= state->allocated) {
            state->allocated = 2 * state->allocated + 8;
            state->ports = xrealloc(state->ports,
                                    state->allocated * sizeof *state->ports);
        }
        if (!parse_vport(nlh, nlh->nlmsg_len, &state->ports[state->n])) {
            state->n++;
        }
    }
    error = nln_dump_finish(&dump, &err);
    if (error) {
        record_error(dp, &err);
    }
    nl_error_uninit(&err);
    nl_buf_uninit(&req);
    qsort(state->ports, state->n, sizeof *state->ports, compare_ports);
    *statep = state;
    if (error) {
        dpif_netlink_port_dump_done(dpif, state);
        *statep = NULL;
    }
    return error;
}

static int
dpif_netlink_port_dump_next(struct dpif *dpif OVS_UNUSED, void *state_,
                            struct dpif_port *port)
{
    struct port_dump_state *state = state_;

    if (state->next >= state->n) {
        return EOF;
    }
    *port = state->ports[state->next++];
    return 0;
}

static int
dpif_netlink_port_dump_done(struct dpif *dpif OVS_UNUSED, void *state_)
{
    struct port_dump_state *state = state_;
    size_t i;

    for (i = 0; i < state->n; i++) {
        dpif_port_destroy(&state->ports[i]);
    }
    free(state->ports);
    free(state);
    return 0;
}

/* Flows. */

static const struct nl_policy flow_policy[] = {
    [OVS_FLOW_ATTR_KEY] = { .kind = NL_A_NESTED, .optional = true },
    [OVS_FLOW_ATTR_ACTIONS] = { .kind = NL_A_NESTED, .optional = true },
    [OVS_FLOW_ATTR_STATS] = { .kind = NL_A_UNSPEC, .optional = true,
                              .min_len = sizeof(struct ovs_flow_stats) },
    [OVS_FLOW_ATTR_TCP_FLAGS] = { .kind = NL_A_U8, .optional = true },
    [OVS_FLOW_ATTR_USED] = { .kind = NL_A_U64, .optional = true },
    [OVS_FLOW_ATTR_MASK] = { .kind = NL_A_NESTED, .optional = true },
    [OVS_FLOW_ATTR_UFID] = { .kind = NL_A_UNSPEC, .optional = true,
                             .min_len = 1, .max_len = 16 },
};

static void
parse_flow_stats(const struct nlattr *a[], struct dpif_flow_stats *stats)
{
    memset(stats, 0, sizeof *stats);
    if (a[OVS_FLOW_ATTR_STATS]) {
        struct ovs_flow_stats s;

        memcpy(&s, nl_attr_get(a[OVS_FLOW_ATTR_STATS]), sizeof s);
        stats->n_packets = s.n_packets;
        stats->n_bytes = s.n_bytes;
    }
    stats->used = nl_attr_get_u64_or(a[OVS_FLOW_ATTR_USED], 0);
    stats->tcp_flags = nl_attr_get_u8_or(a[OVS_FLOW_ATTR_TCP_FLAGS], 0);
}

/* Parses the flow message 'nlh' (of 'len' bytes) into 'flow', which then
 * points into the message. */
static int
parse_flow(const void *msg, size_t len, struct dpif_flow *flow)
{
    const struct nlattr *a[ARRAY_SIZE(flow_policy)];

    memset(flow, 0, sizeof *flow);
    if (nl_parse_msg(msg, len, OVS_HDRLEN, flow_policy,
                     ARRAY_SIZE(flow_policy), a)) {
        VLOG_WARN_RL(&rl, "malformed flow message from the kernel");
        return EPROTO;
    }
    parse_flow_stats(a, &flow->stats);
    if (a[OVS_FLOW_ATTR_UFID]) {
        memcpy(&flow->ufid, nl_attr_get(a[OVS_FLOW_ATTR_UFID]),
               nl_attr_get_size(a[OVS_FLOW_ATTR_UFID]));
        flow->ufid_present = true;
    }
    if (a[OVS_FLOW_ATTR_KEY]) {
        flow->key = nl_attr_get(a[OVS_FLOW_ATTR_KEY]);
        flow->key_len = nl_attr_get_size(a[OVS_FLOW_ATTR_KEY]);
    }
    if (a[OVS_FLOW_ATTR_MASK]) {
        flow->mask = nl_attr_get(a[OVS_FLOW_ATTR_MASK]);
        flow->mask_len = nl_attr_get_size(a[OVS_FLOW_ATTR_MASK]);
    }
    if (a[OVS_FLOW_ATTR_ACTIONS]) {
        flow->actions = nl_attr_get(a[OVS_FLOW_ATTR_ACTIONS]);
        flow->actions_len = nl_attr_get_size(a[OVS_FLOW_ATTR_ACTIONS]);
    }
    if (flow->key) {
        char *errmsg = NULL;

        flow->match_error = odp_key_to_match(flow->key, flow->key_len,
                                             flow->mask, flow->mask_len,
                                             &flow->match, &errmsg);
        if (flow->match_error) {
            VLOG_WARN_RL(&rl, "cannot decode a flow key from the kernel: "
                         "%s", errmsg ? errmsg : "");
        }
        free(errmsg);
    } else {
        match_init_catchall(&flow->match);
    }
    flow->attrs.offloaded = false;
    flow->attrs.dp_layer = "ovs";
    flow->attrs.reason = NULL;
    return 0;
}

/* Appends the key (and, if 'with_mask', the mask) that names a flow: the
 * wire-form 'key'/'mask' if 'key' is nonnull, else 'match' encoded.  A
 * key sent to name an existing flow must be the one it was put with, so
 * even without its mask it is encoded as for a put. */
static int
put_flow_key(struct nl_buf *buf, const struct match *match,
             const void *key, size_t key_len, const void *mask,
             size_t mask_len, bool with_mask)
{
    uint64_t kstub[512], mstub[512];
    struct nl_buf kbuf, mbuf;
    int error;

    if (key) {
        nl_put_unspec(buf, OVS_FLOW_ATTR_KEY, key, key_len);
        if (with_mask && mask) {
            nl_put_unspec(buf, OVS_FLOW_ATTR_MASK, mask, mask_len);
        }
        return nl_buf_error(buf);
    }
    if (!match) {
        return EINVAL;
    }
    nl_buf_use(&kbuf, kstub, sizeof kstub);
    nl_buf_use(&mbuf, mstub, sizeof mstub);
    error = odp_key_from_match(match, &kbuf, &mbuf);
    if (error) {
        return error;
    }
    nl_put_unspec(buf, OVS_FLOW_ATTR_KEY, kbuf.data, kbuf.used);
    if (with_mask) {
        nl_put_unspec(buf, OVS_FLOW_ATTR_MASK, mbuf.data, mbuf.used);
    }
    return nl_buf_error(buf);
}

static void
put_ufid(struct nl_buf *buf, const ovs_u128 *ufid, bool terse)
{
    if (ufid) {
        nl_put_unspec(buf, OVS_FLOW_ATTR_UFID, ufid, sizeof *ufid);
        if (terse) {
            nl_put_u32(buf, OVS_FLOW_ATTR_UFID_FLAGS,
                       OVS_UFID_F_OMIT_KEY | OVS_UFID_F_OMIT_MASK
                       | OVS_UFID_F_OMIT_ACTIONS);
        }
    }
}

/* Builds the request for 'put' into 'buf'.  With 'as_new', a put that
 * would be a "set" (modify with zeroed statistics) is built as a
 * creation instead, for its second try. */
static int
build_flow_put(const struct dpif_netlink *dp, struct nl_buf *buf,
               const struct dpif_flow_put *put, bool as_new)
{
    bool create = put->flags & DPIF_FP_CREATE;
    bool modify = put->flags & DPIF_FP_MODIFY;
    bool zero = modify && (put->flags & DPIF_FP_ZERO_STATS);
    uint16_t flags = put->stats ? NLM_F_ECHO : 0;
    bool set = !as_new && (zero || (modify && !create));
    int error;

    if (!create && !modify) {
        return EINVAL;
    }
    if (!set) {
        flags |= NLM_F_CREATE | (modify ? 0 : NLM_F_EXCL);
    }
    dpif_netlink_put_header(dp, buf, dp->flow_family,
                            set ? OVS_FLOW_CMD_SET : OVS_FLOW_CMD_NEW,
                            flags);
    error = put_flow_key(buf, put->match, put->key, put->key_len,
                         put->mask, put->mask_len, true);
    if (error) {
        return error;
    }
    nl_put_unspec(buf, OVS_FLOW_ATTR_ACTIONS, put->actions,
                  put->actions_len);
    put_ufid(buf, put->ufid, true);
    if (set && zero) {
        nl_put_flag(buf, OVS_FLOW_ATTR_CLEAR);
    }
    if (put->flags & DPIF_FP_PROBE) {
        nl_put_flag(buf, OVS_FLOW_ATTR_PROBE);
    }
    return nl_buf_error(buf);
}

static int
build_flow_del(const struct dpif_netlink *dp, struct nl_buf *buf,
               const struct dpif_flow_del *del)
{
    int error = 0;

    dpif_netlink_put_header(dp, buf, dp->flow_family, OVS_FLOW_CMD_DEL,
                            del->stats ? NLM_F_ECHO : 0);
    if (del->ufid) {
        put_ufid(buf, del->ufid, true);
    } else if (del->key || del->match) {
        error = put_flow_key(buf, del->match, del->key, del->key_len,
                             NULL, 0, false);
    } else {
        /* Without a key the kernel would delete every flow. */
        return EINVAL;
    }
    return error ? error : nl_buf_error(buf);
}

static int
build_flow_get(const struct dpif_netlink *dp, struct nl_buf *buf,
               const struct dpif_flow_get *get)
{
    int error = 0;

    if (!get->buffer || !get->flow) {
        return EINVAL;
    }
    dpif_netlink_put_header(dp, buf, dp->flow_family, OVS_FLOW_CMD_GET, 0);
    if (get->ufid) {
        put_ufid(buf, get->ufid, false);
    } else if (get->key || get->match) {
        error = put_flow_key(buf, get->match, get->key, get->key_len,
                             NULL, 0, false);
    } else {
        return EINVAL;
    }
    return error ? error : nl_buf_error(buf);
}

/* The key of an executed packet: its metadata from 'md' and its headers
 * from the packet itself. */
static int
build_execute(const struct dpif_netlink *dp, struct nl_buf *buf,
              const struct dpif_execute *e)
{
    uint64_t kstub[512];
    struct nl_buf kbuf;
    struct match match;
    struct flow flow;
    size_t key_ofs;
    int error;

    memset(&flow, 0, sizeof flow);
    if (e->md) {
        flow.in_port = e->md->in_port;
        flow.recirc_id = e->md->recirc_id;
        flow.dp_hash = e->md->dp_hash;
        flow.skb_priority = e->md->skb_priority;
        flow.pkt_mark = e->md->pkt_mark;
        flow.tunnel = e->md->tunnel;
    }
    flow_extract(e->packet, e->packet_len, &flow);
    match_init_exact(&match, &flow);
    nl_buf_use(&kbuf, kstub, sizeof kstub);
    error = odp_key_from_match(&match, &kbuf, NULL);
    if (error) {
        return error;
    }

    dpif_netlink_put_header(dp, buf, dp->packet_family,
                            OVS_PACKET_CMD_EXECUTE, 0);
    nl_put_unspec(buf, OVS_PACKET_ATTR_PACKET, e->packet, e->packet_len);
    key_ofs = nl_nest_begin(buf, OVS_PACKET_ATTR_KEY);
    nl_buf_put(buf, kbuf.data, kbuf.used);
    nl_nest_end(buf, key_ofs);
    nl_put_unspec(buf, OVS_PACKET_ATTR_ACTIONS, e->actions, e->actions_len);
    if (e->probe) {
        nl_put_flag(buf, OVS_PACKET_ATTR_PROBE);
    }
    if (e->mtu) {
        nl_put_u16(buf, OVS_PACKET_ATTR_MRU, e->mtu);
    }
    return nl_buf_error(buf);
}

static int
build_op(const struct dpif_netlink *dp, struct nl_buf *buf,
         const struct dpif_op *op)
{
    switch (op->type) {
    case DPIF_OP_FLOW_PUT:
        return build_flow_put(dp, buf, &op->u.flow_put, false);
    case DPIF_OP_FLOW_DEL:
        return build_flow_del(dp, buf, &op->u.flow_del);
    case DPIF_OP_FLOW_GET:
        return build_flow_get(dp, buf, &op->u.flow_get);
    case DPIF_OP_EXECUTE:
        return build_execute(dp, buf, &op->u.execute);
    }
    return EINVAL;
}

/* Where the reply to 'op' goes, if it wants one. */
static bool
op_wants_reply(const struct dpif_op *op)
{
    return ((op->type == DPIF_OP_FLOW_PUT && op->u.flow_put.stats)
            || (op->type == DPIF_OP_FLOW_DEL && op->u.flow_del.stats)
            || op->type == DPIF_OP_FLOW_GET);
}

/* Fills in the outputs of 'op' from its 'reply'. */
static void
finish_op(struct dpif_op *op, const struct nl_buf *reply)
{
    struct dpif_flow_stats *stats = NULL;
    struct dpif_flow flow;

    if (op->type == DPIF_OP_FLOW_GET) {
        op->error = (reply->used
                     ? parse_flow(reply->data, reply->used,
                                  op->u.flow_get.flow)
                     : EPROTO);
        return;
    }
    stats = (op->type == DPIF_OP_FLOW_PUT ? op->u.flow_put.stats
             : op->type == DPIF_OP_FLOW_DEL ? op->u.flow_del.stats : NULL);
    if (stats) {
        if (reply && reply->used && !parse_flow(reply->data, reply->used,
                                                &flow)) {
            *stats = flow.stats;
        } else {
            memset(stats, 0, sizeof *stats);
        }
    }
}

/* A put of "create or modify, with zeroed statistics" is first sent as a
 * "set"; if the flow did not exist, it is created here. */
static void
retry_put_as_new(struct dpif_netlink *dp, struct dpif_op *op)
{
    struct nl_buf req, reply;
    struct nl_error err;

    nl_buf_init(&req, 512);
    nl_buf_init(&reply, 512);
    op->error = build_flow_put(dp, &req, &op->u.flow_put, true);
    if (!op->error) {
        op->error = nln_transact(dp->sock, &req, &reply, &err);
        free(op->error_msg);
        op->error_msg = op->error ? dpif_netlink_error_text(&err) : NULL;
        nl_error_uninit(&err);
        if (!op->error) {
            finish_op(op, &reply);
        }
    }
    nl_buf_uninit(&req);
    nl_buf_uninit(&reply);
}

static bool
needs_retry_as_new(const struct dpif_op *op)
{
    const struct dpif_flow_put *put = &op->u.flow_put;

    return (op->type == DPIF_OP_FLOW_PUT && op->error == ENOENT
            && (put->flags & DPIF_FP_CREATE) && (put->flags & DPIF_FP_MODIFY)
            && (put->flags & DPIF_FP_ZERO_STATS));
}

static void
dpif_netlink_operate(struct dpif *dpif, struct dpif_op **ops, size_t n)
{
    struct dpif_netlink *dp = dpif_netlink_cast(dpif);
    struct nln_result *results = xcalloc(n, sizeof *results);
    struct nl_buf *replies = xcalloc(n, sizeof *replies);
    size_t *index = xmalloc(n * sizeof *index);
    struct nl_buf req, scratch;
    size_t n_sent = 0;
    size_t i;

    nl_buf_init(&req, 256 * n);
    nl_buf_init(&scratch, 512);
    for (i = 0; i < n; i++) {
        struct dpif_op *op = ops[i];

        nl_buf_clear(&scratch);
        op->error = build_op(dp, &scratch, op);
        if (op->error) {
            continue;
        }
        nl_buf_put(&req, scratch.data, scratch.used);
        if (op_wants_reply(op)) {
            if (op->type == DPIF_OP_FLOW_GET) {
                results[n_sent].reply = op->u.flow_get.buffer;
            } else {
                nl_buf_init(&replies[n_sent], 512);
                results[n_sent].reply = &replies[n_sent];
            }
        }
        index[n_sent++] = i;
    }

    if (n_sent) {
        nln_batch_sparse(dp->sock, &req, results, n_sent);
    }
    for (i = 0; i < n_sent; i++) {
        struct dpif_op *op = ops[index[i]];

        op->error = results[i].error.error;
        if (op->error) {
            op->error_msg = dpif_netlink_error_text(&results[i].error);
        } else {
            finish_op(op, results[i].reply);
        }
        nl_error_uninit(&results[i].error);
        if (results[i].reply == &replies[i]) {
            nl_buf_uninit(&replies[i]);
        }
        if (needs_retry_as_new(op)) {
            retry_put_as_new(dp, op);
        }
    }
    nl_buf_uninit(&req);
    nl_buf_uninit(&scratch);
    free(index);
    free(replies);
    free(results);
}

static int
dpif_netlink_flow_flush(struct dpif *dpif)
{
    struct dpif_netlink *dp = dpif_netlink_cast(dpif);
    struct nl_buf req;
    int error;

    nl_buf_init(&req, 64);
    dpif_netlink_put_header(dp, &req, dp->flow_family, OVS_FLOW_CMD_DEL, 0);
    error = dpif_netlink_transact(dp, &req, NULL);
    nl_buf_uninit(&req);
    return error;
}

/* Flow dumps, each on a socket of its own. */
struct dpif_netlink_flow_dump {
    struct dpif_flow_dump up;
    struct nln_socket *sock;
    struct nln_dump dump;
    bool started;
    int error;
    struct nl_buf req;
};

static struct dpif_netlink_flow_dump *
flow_dump_cast(struct dpif_flow_dump *dump)
{
    return CONTAINER_OF(dump, struct dpif_netlink_flow_dump, up);
}

static struct dpif_flow_dump *
dpif_netlink_flow_dump_create(struct dpif *dpif,
                              const struct dpif_flow_dump_options *opts)
{
    struct dpif_netlink *dp = dpif_netlink_cast(dpif);
    struct dpif_netlink_flow_dump *d = xzalloc(sizeof *d);

    dpif_flow_dump_init(&d->up, dpif, opts);
    if (opts && opts->type && strcmp(opts->type, "all")
        && strcmp(opts->type, "ovs") && strcmp(opts->type, "non-offloaded")) {
        /* Only TC or hardware flows asked for: the kernel datapath holds
         * none of those. */
        return &d->up;
    }
    d->error = nln_socket_open(NETLINK_GENERIC, &d->sock);
    if (d->error) {
        return &d->up;
    }
    nln_socket_set_rcvbuf(d->sock, 1024 * 1024);
    nl_buf_init(&d->req, 64);
    dpif_netlink_put_header(dp, &d->req, dp->flow_family, OVS_FLOW_CMD_GET,
                            0);
    if (d->up.terse) {
        nl_put_u32(&d->req, OVS_FLOW_ATTR_UFID_FLAGS,
                   OVS_UFID_F_OMIT_KEY | OVS_UFID_F_OMIT_MASK
                   | OVS_UFID_F_OMIT_ACTIONS);
    }
    d->error = nln_dump_start(&d->dump, d->sock, &d->req);
    d->started = true;
    return &d->up;
}

static int
dpif_netlink_flow_dump_next(struct dpif_flow_dump *dump_,
                            struct dpif_flow *flow)
{
    struct dpif_netlink_flow_dump *d = flow_dump_cast(dump_);
    const struct nlmsghdr *nlh;

    if (d->error) {
        return d->error;
    }
    if (!d->started) {
        return EOF;
    }
    for (;;) {
        nlh = nln_dump_next(&d->dump);
        if (!nlh) {
            return EOF;
        }
        if (!parse_flow(nlh, nlh->nlmsg_len, flow)) {
            return 0;
        }
    }
}

static int
dpif_netlink_flow_dump_destroy(struct dpif_flow_dump *dump_)
{
    struct dpif_netlink_flow_dump *d = flow_dump_cast(dump_);
    int error = d->error;

    if (d->started) {
        struct nl_error err;
        int finish = nln_dump_finish(&d->dump, &err);

        if (!error && finish) {
            char *text = dpif_netlink_error_text(&err);

            error = finish;
            dpif_set_error_msg(d->up.dpif, text);
            free(text);
        }
        nl_error_uninit(&err);
    }
    nl_buf_uninit(&d->req);
    nln_socket_close(d->sock);
    free(d);
    return error;
}

const struct dpif_class dpif_netlink_class = {
    .type = "system",
    .enumerate = dpif_netlink_enumerate,
    .open = dpif_netlink_open,
    .close = dpif_netlink_close,
    .destroy = dpif_netlink_destroy,
    .get_features = dpif_netlink_get_features,
    .get_stats = dpif_netlink_get_stats,
    .port_add = dpif_netlink_port_add,
    .port_del = dpif_netlink_port_del,
    .port_query_by_number = dpif_netlink_port_query_by_number,
    .port_query_by_name = dpif_netlink_port_query_by_name,
    .port_get_pid = dpif_netlink_port_get_pid,
    .port_dump_start = dpif_netlink_port_dump_start,
    .port_dump_next = dpif_netlink_port_dump_next,
    .port_dump_done = dpif_netlink_port_dump_done,
    .flow_flush = dpif_netlink_flow_flush,
    .flow_dump_create = dpif_netlink_flow_dump_create,
    .flow_dump_next = dpif_netlink_flow_dump_next,
    .flow_dump_destroy = dpif_netlink_flow_dump_destroy,
    .operate = dpif_netlink_operate,
    .set_upcall_dispatch = dpif_netlink_set_upcall_dispatch,
    .recv_set = dpif_netlink_recv_set,
    .handlers_set = dpif_netlink_handlers_set,
    .recv = dpif_netlink_recv,
    .recv_wait = dpif_netlink_recv_wait,
    .recv_purge = dpif_netlink_recv_purge,
};

/* Entry points of dpif-netlink-private.h, for the fuzz target. */

int
dpif_netlink_parse_dp_reply__(const struct nl_buf *reply, int *dp_ifindex,
                              uint32_t *user_features)
{
    struct dp_info info;
    int error = parse_dp_reply(reply, &info);

    if (!error) {
        *dp_ifindex = info.dp_ifindex;
        *user_features = info.user_features;
    }
    return error;
}

int
dpif_netlink_parse_vport__(const void *msg, size_t len,
                           struct dpif_port *port)
{
    return parse_vport(msg, len, port);
}

int
dpif_netlink_parse_flow__(const void *msg, size_t len, struct dpif_flow *flow)
{
    return parse_flow(msg, len, flow);
}
