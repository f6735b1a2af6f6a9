/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

/* Network devices over rtnetlink (see netdev.h). */

#include <config.h>

#include "netdev.h"

#include <errno.h>
#include <inttypes.h>
#include <string.h>
#include <linux/if.h>
#include <linux/if_link.h>
#include <linux/rtnetlink.h>

#include "dynamic-string.h"
#include "netlink-socket.h"
#include "util.h"
#include "vlog.h"

VLOG_DEFINE_THIS_MODULE(netdev_linux);

struct netdev {
    struct nln_socket *rtnl;
    bool own_rtnl;              /* Close 'rtnl' with the netdev. */
    int ifindex;
    char name[IFNAMSIZ];
};

/* Message building. */

/* Starts an rtnetlink link message of 'type' about 'ifindex' in 'buf',
 * with 'flags' under 'change' in its ifinfomsg. */
static void
put_link_msg__(struct nl_buf *buf, uint16_t type, uint16_t nl_flags,
               int ifindex, unsigned int flags, unsigned int change)
{
    struct ifinfomsg ifi = {
        .ifi_family = AF_UNSPEC,
        .ifi_index = ifindex,
        .ifi_flags = flags,
        .ifi_change = change,
    };

    nl_msg_put_nlmsghdr(buf, type, nl_flags);
    nl_msg_put_header(buf, &ifi, sizeof ifi);
}

int
netdev_build_getlink(struct nl_buf *buf, int ifindex, const char *name)
{
    put_link_msg__(buf, RTM_GETLINK, 0, ifindex, 0, 0);
    if (!ifindex && name) {
        nl_put_string(buf, IFLA_IFNAME, name);
    }
    return nl_buf_error(buf);
}

int
netdev_build_dump_links(struct nl_buf *buf)
{
    put_link_msg__(buf, RTM_GETLINK, 0, 0, 0, 0);
    return nl_buf_error(buf);
}

int
netdev_build_dellink(struct nl_buf *buf, int ifindex, const char *name)
{
    put_link_msg__(buf, RTM_DELLINK, 0, ifindex, 0, 0);
    if (!ifindex && name) {
        nl_put_string(buf, IFLA_IFNAME, name);
    }
    return nl_buf_error(buf);
}

int
netdev_build_setlink(struct nl_buf *buf, int ifindex, unsigned int flags,
                     unsigned int change)
{
    put_link_msg__(buf, RTM_NEWLINK, 0, ifindex, flags, change);
    return nl_buf_error(buf);
}

int
netdev_build_set_mtu(struct nl_buf *buf, int ifindex, uint32_t mtu)
{
    netdev_build_setlink(buf, ifindex, 0, 0);
    nl_put_u32(buf, IFLA_MTU, mtu);
    return nl_buf_error(buf);
}

int
netdev_build_set_mac(struct nl_buf *buf, int ifindex, struct eth_addr mac)
{
    netdev_build_setlink(buf, ifindex, 0, 0);
    nl_put_unspec(buf, IFLA_ADDRESS, mac.ea, ETH_ADDR_LEN);
    return nl_buf_error(buf);
}

/* Parsing. */

static const struct nl_policy link_policy[] = {
    [IFLA_ADDRESS] = { .kind = NL_A_UNSPEC, .optional = true },
    [IFLA_IFNAME] = { .kind = NL_A_STRING, .max_len = IFNAMSIZ },
    [IFLA_MTU] = { .kind = NL_A_U32, .optional = true },
    [IFLA_LINK] = { .kind = NL_A_U32, .optional = true },
    [IFLA_MASTER] = { .kind = NL_A_U32, .optional = true },
    [IFLA_OPERSTATE] = { .kind = NL_A_U8, .optional = true },
    [IFLA_LINKINFO] = { .kind = NL_A_NESTED, .optional = true },
    [IFLA_STATS64] = { .kind = NL_A_UNSPEC, .optional = true },
    [IFLA_CARRIER] = { .kind = NL_A_U8, .optional = true },
    [IFLA_CARRIER_CHANGES] = { .kind = NL_A_U32, .optional = true },
    [IFLA_MIN_MTU] = { .kind = NL_A_U32, .optional = true },
    [IFLA_MAX_MTU] = { .kind = NL_A_U32, .optional = true },
};

static const struct nl_policy linkinfo_policy[] = {
    [IFLA_INFO_KIND] = { .kind = NL_A_STRING, .optional = true },
    [IFLA_INFO_DATA] = { .kind = NL_A_NESTED, .optional = true },
};

/* Copies the counters of IFLA_STATS64 'nla' into 'stats'.  Kernels append
 * counters to struct rtnl_link_stats64 over time, so a longer attribute is
 * fine and a shorter one leaves the missing counters zero. */
static void
parse_stats64(const struct nlattr *nla, struct netdev_stats *stats)
{
    struct rtnl_link_stats64 s = { 0 };
    size_t n = MIN(nl_attr_get_size(nla), sizeof s);

    memcpy(&s, nl_attr_get(nla), n);
    stats->rx_packets = s.rx_packets;
    stats->tx_packets = s.tx_packets;
    stats->rx_bytes = s.rx_bytes;
    stats->tx_bytes = s.tx_bytes;
    stats->rx_errors = s.rx_errors;
    stats->tx_errors = s.tx_errors;
    stats->rx_dropped = s.rx_dropped;
    stats->tx_dropped = s.tx_dropped;
    stats->multicast = s.multicast;
    stats->collisions = s.collisions;
    stats->rx_length_errors = s.rx_length_errors;
    stats->rx_over_errors = s.rx_over_errors;
    stats->rx_crc_errors = s.rx_crc_errors;
    stats->rx_frame_errors = s.rx_frame_errors;
    stats->rx_fifo_errors = s.rx_fifo_errors;
    stats->rx_missed_errors = s.rx_missed_errors;
    stats->tx_aborted_errors = s.tx_aborted_errors;
    stats->tx_carrier_errors = s.tx_carrier_errors;
    stats->tx_fifo_errors = s.tx_fifo_errors;
    stats->tx_heartbeat_errors = s.tx_heartbeat_errors;
    stats->tx_window_errors = s.tx_window_errors;
}

/* Returns the ifinfomsg of link message 'nlh' (at least that long), after
 * checking that the message fits in 'len'. */
static const struct ifinfomsg *
link_ifinfomsg(const struct nlmsghdr *nlh, size_t len)
{
    if (!nl_msg_is_valid(nlh, len)
        || nlh->nlmsg_len < NLMSG_SPACE(sizeof(struct ifinfomsg))) {
        return NULL;
    }
    return (const struct ifinfomsg *) ((const uint8_t *) nlh + NLMSG_HDRLEN);
}

int
netdev_parse_link(const struct nlmsghdr *nlh, size_t len,
                  struct netdev_info *info)
{
    const struct nlattr *a[ARRAY_SIZE(link_policy)];
    const struct nlattr *li[ARRAY_SIZE(linkinfo_policy)];
    const struct ifinfomsg *ifi;

    memset(info, 0, sizeof *info);
    ifi = link_ifinfomsg(nlh, len);
    if (!ifi || (nlh->nlmsg_type != RTM_NEWLINK
                 && nlh->nlmsg_type != RTM_DELLINK)) {
        return EINVAL;
    }
    if (ifi->ifi_family != AF_UNSPEC) {
        return EAFNOSUPPORT;
    }
    if (nl_parse_msg(nlh, nlh->nlmsg_len, sizeof *ifi, link_policy,
                     ARRAY_SIZE(link_policy), a)) {
        return EINVAL;
    }

    info->ifindex = ifi->ifi_index;
    info->flags = ifi->ifi_flags;
    info->type = ifi->ifi_type;
    ovs_strlcpy(info->name, nl_attr_get_string(a[IFLA_IFNAME]),
                sizeof info->name);
    info->mtu = nl_attr_get_u32_or(a[IFLA_MTU], 0);
    info->min_mtu = nl_attr_get_u32_or(a[IFLA_MIN_MTU], 0);
    info->max_mtu = nl_attr_get_u32_or(a[IFLA_MAX_MTU], 0);
    if (a[IFLA_ADDRESS] && nl_attr_get_size(a[IFLA_ADDRESS]) == ETH_ADDR_LEN) {
        info->has_mac = true;
        memcpy(info->mac.ea, nl_attr_get(a[IFLA_ADDRESS]), ETH_ADDR_LEN);
    }
    info->operstate = nl_attr_get_u8_or(a[IFLA_OPERSTATE], IF_OPER_UNKNOWN);
    info->carrier = (a[IFLA_CARRIER]
                     ? nl_attr_get_u8(a[IFLA_CARRIER]) != 0
                     : (ifi->ifi_flags & IFF_LOWER_UP) != 0);
    info->carrier_changes = nl_attr_get_u32_or(a[IFLA_CARRIER_CHANGES], 0);
    info->master_ifindex = nl_attr_get_u32_or(a[IFLA_MASTER], 0);
    info->link_ifindex = nl_attr_get_u32_or(a[IFLA_LINK], 0);
    if (a[IFLA_STATS64]) {
        info->has_stats = true;
        parse_stats64(a[IFLA_STATS64], &info->stats);
    }
    if (a[IFLA_LINKINFO]) {
        if (nl_parse_nested(a[IFLA_LINKINFO], linkinfo_policy,
                            ARRAY_SIZE(linkinfo_policy), li)) {
            return EINVAL;
        }
        ovs_strlcpy(info->kind, nl_attr_get_string_or(li[IFLA_INFO_KIND], ""),
                    sizeof info->kind);
    }
    return 0;
}

const struct nlattr *
netdev_link_info_data(const struct nlmsghdr *nlh, size_t len)
{
    const struct nlattr *a[ARRAY_SIZE(link_policy)];
    const struct nlattr *li[ARRAY_SIZE(linkinfo_policy)];
    const struct ifinfomsg *ifi = link_ifinfomsg(nlh, len);

    if (!ifi
        || nl_parse_msg(nlh, nlh->nlmsg_len, sizeof *ifi, link_policy,
                        ARRAY_SIZE(link_policy), a)
        || !a[IFLA_LINKINFO]
        || nl_parse_nested(a[IFLA_LINKINFO], linkinfo_policy,
                           ARRAY_SIZE(linkinfo_policy), li)) {
        return NULL;
    }
    return li[IFLA_INFO_DATA];
}

/* Formatting. */

const char *
netdev_operstate_to_string(uint8_t operstate)
{
    static const char *const names[] = {
        [IF_OPER_UNKNOWN] = "unknown",
        [IF_OPER_NOTPRESENT] = "notpresent",
        [IF_OPER_DOWN] = "down",
        [IF_OPER_LOWERLAYERDOWN] = "lowerlayerdown",
        [IF_OPER_TESTING] = "testing",
        [IF_OPER_DORMANT] = "dormant",
        [IF_OPER_UP] = "up",
    };

    return (operstate < ARRAY_SIZE(names) && names[operstate]
            ? names[operstate] : "invalid");
}

void
netdev_info_format(struct ds *ds, const struct netdev_info *info)
{
    ds_put_format(ds, "ifindex=%d name=%s kind=%s mtu=%"PRIu32, info->ifindex,
                  info->name, info->kind[0] ? info->kind : "-", info->mtu);
    if (info->has_mac) {
        ds_put_format(ds, " mac="ETH_ADDR_FMT, ETH_ADDR_ARGS(info->mac));
    }
    ds_put_format(ds, " flags=0x%x up=%s carrier=%s operstate=%s",
                  info->flags, netdev_info_is_up(info) ? "yes" : "no",
                  info->carrier ? "yes" : "no",
                  netdev_operstate_to_string(info->operstate));
    if (info->has_stats) {
        const struct netdev_stats *s = &info->stats;

        ds_put_format(ds, " rx_packets=%"PRIu64" rx_bytes=%"PRIu64
                      " rx_errors=%"PRIu64" rx_dropped=%"PRIu64
                      " rx_crc_errors=%"PRIu64" tx_packets=%"PRIu64
                      " tx_bytes=%"PRIu64" tx_errors=%"PRIu64
                      " tx_dropped=%"PRIu64,
                      s->rx_packets, s->rx_bytes, s->rx_errors,
                      s->rx_dropped, s->rx_crc_errors, s->tx_packets,
                      s->tx_bytes, s->tx_errors, s->tx_dropped);
    }
}

/* Talking to the kernel. */

int
netdev_rtnl_transact(struct nln_socket *rtnl, struct nl_buf *request,
                     struct nl_buf *reply, char **errp)
{
    static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(5, 20);
    struct nln_socket *own = NULL;
    struct nl_error err;
    int error;

    if (errp) {
        *errp = NULL;
    }
    error = nl_buf_error(request);
    if (error) {
        return error;
    }
    if (!rtnl) {
        error = nln_socket_open(NETLINK_ROUTE, &own);
        if (error) {
            VLOG_WARN_RL(&rl, "cannot open rtnetlink socket (%s)",
                         ovs_strerror(error));
            return error;
        }
        rtnl = own;
    }

    error = (reply
             ? nln_transact(rtnl, request, reply, &err)
             : nln_request(rtnl, request, &err));
    if (error) {
        if (VLOG_IS_DBG_ENABLED()) {
            struct ds ds = DS_EMPTY_INITIALIZER;

            nl_error_format(&ds, &err);
            VLOG_DBG("rtnetlink request failed: %s", ds_cstr(&ds));
            ds_destroy(&ds);
        }
        if (errp && err.msg) {
            *errp = xstrdup(err.msg);
        }
    }
    nl_error_uninit(&err);
    nln_socket_close(own);
    return error;
}

int
netdev_get_info_by(struct nln_socket *rtnl, int ifindex, const char *name,
                   struct netdev_info *info)
{
    uint64_t stub[64];
    struct nl_buf req, reply;
    int error;

    memset(info, 0, sizeof *info);
    if (!ifindex && !name) {
        return EINVAL;
    }
    if (name && strlen(name) >= IFNAMSIZ) {
        return ENODEV;
    }
    nl_buf_use(&req, stub, sizeof stub);
    netdev_build_getlink(&req, ifindex, name);
    nl_buf_init(&reply, 2048);
    error = netdev_rtnl_transact(rtnl, &req, &reply, NULL);
    if (!error) {
        error = (reply.used
                 ? netdev_parse_link(nl_buf_at(&reply, 0), reply.used, info)
                 : EPROTO);
    }
    nl_buf_uninit(&reply);
    return error;
}

bool
netdev_exists(struct nln_socket *rtnl, const char *name)
{
    struct netdev_info info;

    return !netdev_get_info_by(rtnl, 0, name, &info);
}

int
netdev_name_to_ifindex(struct nln_socket *rtnl, const char *name,
                       int *ifindexp)
{
    struct netdev_info info;
    int error = netdev_get_info_by(rtnl, 0, name, &info);

    *ifindexp = error ? 0 : info.ifindex;
    return error;
}

int
netdev_delete(struct nln_socket *rtnl, const char *name, char **errp)
{
    uint64_t stub[16];
    struct nl_buf req;

    if (errp) {
        *errp = NULL;
    }
    if (strlen(name) >= IFNAMSIZ) {
        return ENODEV;
    }
    nl_buf_use(&req, stub, sizeof stub);
    netdev_build_dellink(&req, 0, name);
    return netdev_rtnl_transact(rtnl, &req, NULL, errp);
}

/* Opening and closing. */

static int
netdev_open__(struct nln_socket *rtnl, int ifindex, const char *name,
              struct netdev **netdevp)
{
    struct netdev_info info;
    struct netdev *netdev;
    bool own = false;
    int error;

    *netdevp = NULL;
    if (!rtnl) {
        error = nln_socket_open(NETLINK_ROUTE, &rtnl);
        if (error) {
            return error;
        }
        own = true;
    }
    error = netdev_get_info_by(rtnl, ifindex, name, &info);
    if (error) {
        if (own) {
            nln_socket_close(rtnl);
        }
        return error;
    }

    netdev = xzalloc(sizeof *netdev);
    netdev->rtnl = rtnl;
    netdev->own_rtnl = own;
    netdev->ifindex = info.ifindex;
    ovs_strlcpy(netdev->name, info.name, sizeof netdev->name);
    *netdevp = netdev;
    return 0;
}

int
netdev_open(struct nln_socket *rtnl, const char *name,
            struct netdev **netdevp)
{
    return netdev_open__(rtnl, 0, name, netdevp);
}

int
netdev_open_ifindex(struct nln_socket *rtnl, int ifindex,
                    struct netdev **netdevp)
{
    if (ifindex <= 0) {
        *netdevp = NULL;
        return ENODEV;
    }
    return netdev_open__(rtnl, ifindex, NULL, netdevp);
}

void
netdev_close(struct netdev *netdev)
{
    if (netdev) {
        if (netdev->own_rtnl) {
            nln_socket_close(netdev->rtnl);
        }
        free(netdev);
    }
}

const char *
netdev_get_name(const struct netdev *netdev)
{
    return netdev->name;
}

int
netdev_get_ifindex(const struct netdev *netdev)
{
    return netdev->ifindex;
}

/* Queries. */

int
netdev_query(struct netdev *netdev, struct netdev_info *info)
{
    int error = netdev_get_info_by(netdev->rtnl, netdev->ifindex, NULL, info);

    if (!error) {
        ovs_strlcpy(netdev->name, info->name, sizeof netdev->name);
    }
    return error;
}

int
netdev_get_mac(struct netdev *netdev, struct eth_addr *mac)
{
    struct netdev_info info;
    int error = netdev_query(netdev, &info);

    if (!error && !info.has_mac) {
        error = EOPNOTSUPP;
    }
    *mac = error ? ETH_ADDR_ZERO : info.mac;
    return error;
}

int
netdev_get_mtu(struct netdev *netdev, int *mtup)
{
    struct netdev_info info;
    int error = netdev_query(netdev, &info);

    *mtup = error ? 0 : info.mtu;
    return error;
}

int
netdev_get_flags(struct netdev *netdev, unsigned int *flagsp)
{
    struct netdev_info info;
    int error = netdev_query(netdev, &info);

    *flagsp = error ? 0 : info.flags;
    return error;
}

int
netdev_get_carrier(struct netdev *netdev, bool *carrierp)
{
    struct netdev_info info;
    int error = netdev_query(netdev, &info);

    *carrierp = !error && info.carrier;
    return error;
}

int
netdev_get_kind(struct netdev *netdev, char kind[NETDEV_KIND_LEN])
{
    struct netdev_info info;
    int error = netdev_query(netdev, &info);

    ovs_strlcpy(kind, error ? "" : info.kind, NETDEV_KIND_LEN);
    return error;
}

int
netdev_get_stats(struct netdev *netdev, struct netdev_stats *stats)
{
    struct netdev_info info;
    int error = netdev_query(netdev, &info);

    if (!error && !info.has_stats) {
        error = EOPNOTSUPP;
    }
    if (error) {
        memset(stats, 0, sizeof *stats);
    } else {
        *stats = info.stats;
    }
    return error;
}

/* Changes. */

static int
netdev_change__(struct netdev *netdev, struct nl_buf *req, const char *what,
                char **errp)
{
    static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(5, 20);
    char *msg = NULL;
    int error;

    error = netdev_rtnl_transact(netdev->rtnl, req, NULL, &msg);
    if (error) {
        VLOG_WARN_RL(&rl, "%s: cannot set %s (%s%s%s)", netdev->name, what,
                     ovs_strerror(error), msg ? ": " : "", msg ? msg : "");
    }
    if (errp) {
        *errp = msg;
    } else {
        free(msg);
    }
    return error;
}

int
netdev_set_mac(struct netdev *netdev, struct eth_addr mac, char **errp)
{
    uint64_t stub[16];
    struct nl_buf req;

    nl_buf_use(&req, stub, sizeof stub);
    netdev_build_set_mac(&req, netdev->ifindex, mac);
    return netdev_change__(netdev, &req, "MAC address", errp);
}

int
netdev_set_mtu(struct netdev *netdev, int mtu, char **errp)
{
    uint64_t stub[16];
    struct nl_buf req;

    if (mtu <= 0) {
        if (errp) {
            *errp = NULL;
        }
        return EINVAL;
    }
    nl_buf_use(&req, stub, sizeof stub);
    netdev_build_set_mtu(&req, netdev->ifindex, mtu);
    return netdev_change__(netdev, &req, "MTU", errp);
}

int
netdev_set_flags(struct netdev *netdev, unsigned int flags,
                 unsigned int mask, char **errp)
{
    uint64_t stub[16];
    struct nl_buf req;

    nl_buf_use(&req, stub, sizeof stub);
    netdev_build_setlink(&req, netdev->ifindex, flags & mask, mask);
    return netdev_change__(netdev, &req, "flags", errp);
}

int
netdev_set_up(struct netdev *netdev, bool up, char **errp)
{
    return netdev_set_flags(netdev, up ? IFF_UP : 0, IFF_UP, errp);
}
