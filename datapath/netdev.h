/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

#ifndef NETDEV_H
#define NETDEV_H 1

/* Network devices over rtnetlink: a small client API.
 *
 * A struct netdev names one kernel network device.  It is opened by name
 * or by ifindex and from then on refers to that ifindex: a device that is
 * renamed stays the same netdev, and one that is deleted (even if another
 * device of the same name appears later) makes every call fail with
 * ENODEV, after which the caller closes it and opens the new one.
 *
 * Nothing is cached: every "get" asks the kernel (one RTM_GETLINK), so
 * carrier and statistics are always current.  netdev_query() returns
 * everything at once and is what to call when several values are wanted.
 *
 * Every netdev talks over a struct nln_socket (lib/netlink-socket.h): the
 * caller's, shared by as many netdevs as it likes, or, when NULL is passed
 * at open time, a private one that the netdev owns.  Like the socket, a
 * netdev is not thread-safe.
 *
 * Errors: 0 or a positive errno value.  Functions that change the device
 * take 'errp': where the kernel sent an extended ack message ("mtu greater
 * than device maximum", ...), '*errp' receives a copy to free, otherwise
 * NULL ('errp' may be NULL).
 *
 * The message builders and the parser are exposed for the unit tests and
 * for other rtnetlink users in datapath/ (tunnel-dev.c). */

#include <net/if.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "netlink.h"
#include "packets.h"

struct ds;
struct nln_socket;

/* Counters from IFLA_STATS64 (struct rtnl_link_stats64). */
struct netdev_stats {
    uint64_t rx_packets;
    uint64_t tx_packets;
    uint64_t rx_bytes;
    uint64_t tx_bytes;
    uint64_t rx_errors;
    uint64_t tx_errors;
    uint64_t rx_dropped;
    uint64_t tx_dropped;
    uint64_t multicast;
    uint64_t collisions;
    uint64_t rx_length_errors;
    uint64_t rx_over_errors;
    uint64_t rx_crc_errors;
    uint64_t rx_frame_errors;
    uint64_t rx_fifo_errors;
    uint64_t rx_missed_errors;
    uint64_t tx_aborted_errors;
    uint64_t tx_carrier_errors;
    uint64_t tx_fifo_errors;
    uint64_t tx_heartbeat_errors;
    uint64_t tx_window_errors;
};

/* The longest IFLA_INFO_KIND we keep ("vxlan", "gretap", "veth", ...). */
#define NETDEV_KIND_LEN 32

/* Everything one RTM_NEWLINK message says about a device. */
struct netdev_info {
    int ifindex;
    char name[IFNAMSIZ];
    char kind[NETDEV_KIND_LEN];     /* IFLA_INFO_KIND, "" if none. */
    unsigned int flags;             /* IFF_* (ifi_flags). */
    uint16_t type;                  /* ARPHRD_* (ifi_type). */
    uint32_t mtu;                   /* IFLA_MTU. */
    uint32_t min_mtu, max_mtu;      /* IFLA_MIN_MTU/MAX_MTU; 0 if absent. */
    bool has_mac;                   /* IFLA_ADDRESS is 6 bytes... */
    struct eth_addr mac;            /* ...and this is it. */
    uint8_t operstate;              /* IF_OPER_* (IFLA_OPERSTATE). */
    bool carrier;                   /* IFLA_CARRIER, else IFF_LOWER_UP. */
    uint32_t carrier_changes;       /* IFLA_CARRIER_CHANGES. */
    int master_ifindex;             /* IFLA_MASTER, 0 if none. */
    int link_ifindex;               /* IFLA_LINK (e.g. veth peer), or 0. */
    bool has_stats;                 /* IFLA_STATS64 was present... */
    struct netdev_stats stats;      /* ...and these are its counters. */
};

/* Returns true if 'info' is administratively up (IFF_UP). */
static inline bool
netdev_info_is_up(const struct netdev_info *info)
{
    return (info->flags & IFF_UP) != 0;
}

/* "up", "down", "unknown", ... for IF_OPER_* 'operstate'. */
const char *netdev_operstate_to_string(uint8_t operstate);

/* Opening and closing. */

struct netdev;

int netdev_open(struct nln_socket *rtnl, const char *name,
                struct netdev **netdevp);
int netdev_open_ifindex(struct nln_socket *rtnl, int ifindex,
                        struct netdev **netdevp);
void netdev_close(struct netdev *);

/* The device's name as of its last query (a rename shows after the next
 * call that asks the kernel), and its ifindex. */
const char *netdev_get_name(const struct netdev *);
int netdev_get_ifindex(const struct netdev *);

/* Queries. */

int netdev_query(struct netdev *, struct netdev_info *);
int netdev_get_mac(struct netdev *, struct eth_addr *);
int netdev_get_mtu(struct netdev *, int *mtup);
int netdev_get_flags(struct netdev *, unsigned int *flagsp);
int netdev_get_carrier(struct netdev *, bool *carrierp);
int netdev_get_kind(struct netdev *, char kind[NETDEV_KIND_LEN]);
int netdev_get_stats(struct netdev *, struct netdev_stats *);

/* Changes. */

int netdev_set_mac(struct netdev *, struct eth_addr, char **errp);
int netdev_set_mtu(struct netdev *, int mtu, char **errp);

/* Sets the IFF_* flags in 'mask' to their values in 'flags'. */
int netdev_set_flags(struct netdev *, unsigned int flags, unsigned int mask,
                     char **errp);
int netdev_set_up(struct netdev *, bool up, char **errp);

/* Functions on a device by name or ifindex, without opening it.  'rtnl'
 * may be NULL (a private socket is used for the call).  For the "_by"
 * forms, give 'ifindex' nonzero or 'name' nonnull. */

int netdev_get_info_by(struct nln_socket *rtnl, int ifindex,
                       const char *name, struct netdev_info *);
bool netdev_exists(struct nln_socket *rtnl, const char *name);
int netdev_name_to_ifindex(struct nln_socket *rtnl, const char *name,
                           int *ifindexp);
int netdev_delete(struct nln_socket *rtnl, const char *name, char **errp);

/* Sends 'request' (one rtnetlink message) and waits for the ack and, if
 * 'reply' is nonnull, the reply.  Fills '*errp' as described above.
 * 'rtnl' may be NULL. */
int netdev_rtnl_transact(struct nln_socket *rtnl, struct nl_buf *request,
                         struct nl_buf *reply, char **errp);

/* Message building and parsing.
 *
 * The builders start a new message in 'buf'; their result is the buffer's
 * sticky error (see lib/netlink.h).  "_by" messages name the device by
 * 'ifindex' if it is nonzero, else by 'name'. */

int netdev_build_getlink(struct nl_buf *, int ifindex, const char *name);
int netdev_build_dump_links(struct nl_buf *);
int netdev_build_dellink(struct nl_buf *, int ifindex, const char *name);

/* An RTM_NEWLINK without NLM_F_CREATE that changes 'ifindex': the ifinfomsg
 * carries 'flags' under 'change' (both 0 for no flag change); attributes
 * may be appended afterwards. */
int netdev_build_setlink(struct nl_buf *, int ifindex, unsigned int flags,
                         unsigned int change);
int netdev_build_set_mtu(struct nl_buf *, int ifindex, uint32_t mtu);
int netdev_build_set_mac(struct nl_buf *, int ifindex, struct eth_addr);

/* Parses RTM_NEWLINK or RTM_DELLINK message 'nlh' (whose nlmsg_len must be
 * within the 'len' bytes available) into '*info'.  Returns 0, EINVAL if
 * it is malformed, or EAFNOSUPPORT if it is not about a network device
 * as a whole (ifi_family other than AF_UNSPEC, as for bridge ports). */
int netdev_parse_link(const struct nlmsghdr *nlh, size_t len,
                      struct netdev_info *);

/* Returns the IFLA_INFO_DATA attribute of RTM_NEWLINK message 'nlh' (the
 * kind-specific settings, e.g. IFLA_VXLAN_*), or NULL if there is none or
 * the message is malformed. */
const struct nlattr *netdev_link_info_data(const struct nlmsghdr *nlh,
                                           size_t len);

/* Appends to 'ds' "ifindex=N name=... kind=... mtu=... mac=... flags=...
 * up=... carrier=... operstate=..." and, if present, the statistics, for
 * logs and test programs. */
void netdev_info_format(struct ds *, const struct netdev_info *);

/* Link change notifications.
 *
 * A monitor listens to RTNLGRP_LINK and reports, one event per call to
 * netdev_monitor_run(), devices that appeared, disappeared or changed in
 * a way listed in enum netdev_change.  It knows the devices that existed
 * when it was created, so it tells a new device from a changed one. */

enum netdev_event_type {
    NETDEV_EVENT_ADDED,
    NETDEV_EVENT_DELETED,
    NETDEV_EVENT_CHANGED
};

/* What changed, as bits of netdev_event's 'changes'. */
enum netdev_change {
    NETDEV_CHANGE_ADMIN = 1 << 0,       /* IFF_UP went on or off. */
    NETDEV_CHANGE_CARRIER = 1 << 1,     /* Carrier came or went. */
    NETDEV_CHANGE_MTU = 1 << 2,
    NETDEV_CHANGE_MAC = 1 << 3,
    NETDEV_CHANGE_NAME = 1 << 4,
    NETDEV_CHANGE_MASTER = 1 << 5,
    NETDEV_CHANGE_OPERSTATE = 1 << 6
};

struct netdev_event {
    enum netdev_event_type type;
    unsigned int changes;           /* NETDEV_CHANGE_* for CHANGED. */
    struct netdev_info info;        /* The device as the kernel now says
                                     * (for DELETED, as it was last). */
};

const char *netdev_event_type_to_string(enum netdev_event_type);

/* Appends "added ifindex=N name=NAME" or "changed ... [admin,carrier]" and
 * the up/carrier state to 'ds'. */
void netdev_event_format(struct ds *, const struct netdev_event *);

struct netdev_monitor;

int netdev_monitor_create(struct netdev_monitor **);
void netdev_monitor_destroy(struct netdev_monitor *);

/* Stores the next event in '*event' and returns 0, or returns EAGAIN if
 * there is none now.
 *
 * ENOBUFS means the kernel dropped notifications (the socket's buffer was
 * full).  The monitor has then dumped the devices again, and the following
 * calls report the differences from what it knew before as events:
 * devices added, deleted, or changed as a whole.  Intermediate states are
 * lost (a device added and deleted meanwhile is not seen, one renamed
 * twice reports one rename), so a caller that needs more re-reads what it
 * tracks. */
int netdev_monitor_run(struct netdev_monitor *, struct netdev_event *);

/* Makes the next poll_block() wake when netdev_monitor_run() has
 * something to report. */
void netdev_monitor_wait(struct netdev_monitor *);

/* Shrinks the monitor's receive buffer so that a test can make the kernel
 * drop notifications. */
void netdev_monitor_set_rcvbuf_for_testing(struct netdev_monitor *,
                                           size_t bytes);

#endif /* netdev.h */
