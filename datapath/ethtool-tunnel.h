/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

#ifndef ETHTOOL_TUNNEL_H
#define ETHTOOL_TUNNEL_H 1

/* NIC UDP tunnel port tables, read through ethtool netlink (generic netlink
 * family "ethtool", ETHTOOL_MSG_TUNNEL_INFO_GET): what "ethtool
 * --show-tunnels DEV" shows.
 *
 * A NIC that parses VXLAN or Geneve in hardware keeps a small table of the
 * UDP ports it treats as tunnels; the kernel fills it from the ports that
 * UDP tunnel devices (vxlan_sys_4789...) listen on, asynchronously, once
 * they are up.  Devices without such a table (veth, dummy, tunnel devices
 * themselves, most virtual NICs) answer a GET with EOPNOTSUPP ("device does
 * not report tunnel offload info") and are left out of a dump, so on a
 * host without capable NICs the dump is simply empty.  Kernels built
 * without ethtool netlink have no "ethtool" family (ENOENT); that, too, is
 * reported as "no table" rather than as a failure.
 *
 * A dump visits every device and leaves out those without a table; Linux
 * (seen on 6.1) then ends it with EOPNOTSUPP if the last device visited had
 * none, after delivering the others, which ethtool_tunnel_dump() treats as
 * the normal end.
 *
 * Errors: 0 or a positive errno value; '*errp' (if 'errp' is nonnull)
 * receives a copy of the kernel's extended ack message, to free, or NULL.
 *
 * Builders and the parser are exposed for the unit tests. */

#include <net/if.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "netlink.h"

struct ds;
struct nln_socket;

/* Tunnel types, numbered as ETHTOOL_UDP_TUNNEL_TYPE_*: 0 vxlan, 1 geneve,
 * 2 vxlan-gpe.  Returns "type N" text in 'buf' for others. */
const char *ethtool_tunnel_type_name(uint32_t type, char buf[16]);

struct ethtool_tunnel_port {
    uint16_t port;              /* UDP port, host byte order. */
    uint32_t type;              /* ETHTOOL_UDP_TUNNEL_TYPE_*. */
};

struct ethtool_tunnel_table {
    uint32_t size;              /* Entries the table can hold. */
    uint32_t types;             /* Bit N set: can hold tunnel type N. */
    size_t n_ports;
    struct ethtool_tunnel_port *ports;  /* The entries in use. */
};

/* One device's tables. */
struct ethtool_tunnel_info {
    int ifindex;
    char name[IFNAMSIZ];
    size_t n_tables;
    struct ethtool_tunnel_table *tables;
};

void ethtool_tunnel_info_uninit(struct ethtool_tunnel_info *);
void ethtool_tunnel_infos_free(struct ethtool_tunnel_info *, size_t n);

/* Returns true if one of 'info''s tables holds UDP port 'port'. */
bool ethtool_tunnel_info_has_port(const struct ethtool_tunnel_info *,
                                  uint16_t port);

/* Appends "DEV: table 0 (size 4, types vxlan,geneve): 4789/vxlan; ..." to
 * 'ds'. */
void ethtool_tunnel_info_format(struct ds *,
                                const struct ethtool_tunnel_info *);

/* Builds an ETHTOOL_MSG_TUNNEL_INFO_GET request for generic netlink family
 * 'family' in 'buf': about the device 'ifindex' (if nonzero) or 'name' (if
 * nonnull), or, with neither, a header with no device, as a dump needs.
 * Asks for compact bitsets.  Returns the buffer's sticky error. */
int ethtool_tunnel_build_get(struct nl_buf *, uint16_t family, int ifindex,
                             const char *name);

/* Parses ETHTOOL_MSG_TUNNEL_INFO_GET_REPLY message 'nlh' (within 'len'
 * bytes) into '*info' (to ethtool_tunnel_info_uninit() after success).
 * Understands both compact and bit-by-bit bitsets.  Returns 0 or
 * EINVAL. */
int ethtool_tunnel_parse(const struct nlmsghdr *nlh, size_t len,
                         struct ethtool_tunnel_info *);

/* Client. */

struct ethtool_tunnel;

/* Opens a client with its own generic netlink socket.  The "ethtool"
 * family is resolved at the first request. */
int ethtool_tunnel_open(struct ethtool_tunnel **);
void ethtool_tunnel_close(struct ethtool_tunnel *);

/* Reads the tables of device 'ifindex'.  EOPNOTSUPP: the device has no
 * UDP tunnel port table (or the kernel no ethtool netlink). */
int ethtool_tunnel_get(struct ethtool_tunnel *, int ifindex,
                       struct ethtool_tunnel_info *, char **errp);

/* Dumps the tables of every device that has one into a new array
 * '*infosp' of '*np' entries (free with ethtool_tunnel_infos_free()).
 * '*np' is 0 when no device has a table, including when the kernel has no
 * ethtool netlink. */
int ethtool_tunnel_dump(struct ethtool_tunnel *,
                        struct ethtool_tunnel_info **infosp, size_t *np,
                        char **errp);

/* A device whose table holds a port, for ethtool_tunnel_port_devices(). */
struct ethtool_tunnel_dev {
    int ifindex;
    char name[IFNAMSIZ];
    uint32_t type;              /* The entry's tunnel type. */
};

/* Stores in '*devsp' a new array (to free()) of the '*np' devices whose
 * UDP tunnel port tables hold 'port', and in '*n_tablesp' (if nonnull) the
 * number of devices that have a table at all (0: no device reports one). */
int ethtool_tunnel_port_devices(struct ethtool_tunnel *, uint16_t port,
                                struct ethtool_tunnel_dev **devsp,
                                size_t *np, size_t *n_tablesp,
                                char **errp);

/* Appends to 'ds' one sentence saying which devices hold UDP port 'port'
 * in their tables: "UDP port 4789 is in the tunnel port table of eth0,
 * eth1", "... is in no device's tunnel port table (2 devices have one)",
 * or "no device reports a UDP tunnel port table".  Returns 0 or the error
 * of the dump (then 'ds' says so too). */
int ethtool_tunnel_describe_port(struct ethtool_tunnel *, uint16_t port,
                                 struct ds *);

#endif /* ethtool-tunnel.h */
