/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

#ifndef TUNNEL_DEV_H
#define TUNNEL_DEV_H 1

/* Metadata-mode kernel tunnel devices, one per (type, UDP port).
 *
 * ovs-tc never uses datapath-private tunnel vports: every tunnel port is a
 * native kernel device in metadata ("external"/"collect_md") mode, which
 * has an ifindex (so TC rules can sit on it), transmits packets steered by
 * tunnel metadata (from OVS_ACTION_ATTR_SET tunnel or TC tunnel_key set),
 * and makes the kernel announce its UDP port to capable NICs.  Per-port
 * settings (remote/local IP, key, csum, tos, ttl) live in each flow's
 * tunnel metadata, not in the device.
 *
 *   type     device name              created as
 *   vxlan    vxlan_sys_<dst_port>     vxlan external nolearning dstport P
 *   gre      gre_sys                  gretap external
 *   geneve   genev_sys_<dst_port>     geneve external dstport P
 *
 * The device is then attached to the datapath as an OVS_VPORT_TYPE_NETDEV
 * vport by the dpif.
 *
 * Errors: 0 or a positive errno value.  Where the kernel sent an extended
 * ack message, '*errp' (if 'errp' is nonnull) receives a copy to free;
 * otherwise NULL. */

#include <net/if.h>
#include <stdbool.h>
#include <stdint.h>

enum tunnel_dev_type {
    TUNNEL_DEV_VXLAN,
    TUNNEL_DEV_GRE,
    TUNNEL_DEV_GENEVE
};

#define TUNNEL_DEV_VXLAN_DEFAULT_PORT 4789
#define TUNNEL_DEV_GENEVE_DEFAULT_PORT 6081

/* "vxlan", "gre", "geneve". */
const char *tunnel_dev_type_to_string(enum tunnel_dev_type);
bool tunnel_dev_type_from_string(const char *, enum tunnel_dev_type *);

/* The default UDP port of 'type' (0 for GRE). */
uint16_t tunnel_dev_default_port(enum tunnel_dev_type);

/* Stores the device name for ('type', 'dst_port') into 'name'.  'dst_port'
 * is in host byte order and ignored for GRE; 0 means the default. */
void tunnel_dev_name(enum tunnel_dev_type, uint16_t dst_port,
                     char name[IFNAMSIZ]);

/* Makes sure the device for ('type', 'dst_port') exists, is in metadata
 * mode with the right attributes, and is up: creates it if missing,
 * deletes and recreates it if an existing device of that name is of the
 * wrong kind or has wrong attributes (logged at WARN, saying which).
 * Stores its name in 'name' and its ifindex in '*ifindexp' (either may be
 * NULL). */
int tunnel_dev_ensure(enum tunnel_dev_type, uint16_t dst_port,
                      char name[IFNAMSIZ], int *ifindexp, char **errp);

/* Checks, without changing anything, that the device for ('type',
 * 'dst_port') exists with the right attributes.  Returns 0, ENODEV if it
 * does not exist, or EINVAL if it is wrong, with the reason in '*errp'. */
int tunnel_dev_verify(enum tunnel_dev_type, uint16_t dst_port, char **errp);

/* Deletes the device for ('type', 'dst_port'); 0 if it did not exist. */
int tunnel_dev_remove(enum tunnel_dev_type, uint16_t dst_port, char **errp);

/* What the devices are made of.
 *
 * Besides metadata mode, the devices get (from tunnel-dev.c's tables):
 *
 *   - vxlan: "nolearning" (IFLA_VXLAN_LEARNING 0: the switch, not the
 *     device, learns where MACs live) and "udp6zerocsumrx"
 *     (IFLA_VXLAN_UDP_ZERO_CSUM6_RX 1: accept IPv6 packets whose UDP
 *     checksum is zero, as peers with csum=false send them, RFC 6935).
 *     Transmit checksums, TTL and TOS are per packet in metadata mode (the
 *     tunnel key's csum flag, ttl, tos), so the device-level "udpcsum",
 *     "ttl auto" and "tos" that the kernel reports are left at its
 *     defaults and not checked.
 *   - geneve: "udp6zerocsumrx", for the same reason.
 *   - gretap: nothing more.
 *   - all: MTU TUNNEL_DEV_MTU and administratively up.
 *
 * TUNNEL_DEV_MTU is below the largest MTU every kind accepts on 6.1
 * (vxlan 65535, gretap 65485 over IPv4, geneve 65465 with room for an IPv6
 * outer header), so the device never drops an inner frame for its size;
 * the underlay's MTU is the real limit.
 *
 * tunnel_dev_verify() and tunnel_dev_ensure() check the kind, those
 * attributes, and that no remote, local address, lower device or VNI was
 * configured (which would turn the device into a point-to-point one). */
#define TUNNEL_DEV_MTU 65000

/* The IFLA_INFO_KIND of 'type''s devices: "vxlan", "gretap", "geneve". */
const char *tunnel_dev_kind(enum tunnel_dev_type);

/* Message building and checking, exposed for the unit tests. */

struct nl_buf;
struct nlmsghdr;

/* Starts in 'buf' the RTM_NEWLINK request that creates the device for
 * ('type', 'dst_port'), up, with its MTU and attributes.  Returns the
 * buffer's sticky error. */
int tunnel_dev_build_create(struct nl_buf *, enum tunnel_dev_type,
                            uint16_t dst_port);

enum tunnel_dev_state {
    TUNNEL_DEV_OK,              /* As it should be. */
    TUNNEL_DEV_NEEDS_SETUP,     /* Right device, but down or wrong MTU. */
    TUNNEL_DEV_WRONG            /* Wrong kind or attributes: recreate. */
};

/* Checks RTM_NEWLINK message 'nlh' (within 'len' bytes) against the device
 * for ('type', 'dst_port').  Unless the result is TUNNEL_DEV_OK, stores in
 * '*whyp' a description of the first thing found wrong, to free, such as
 * "IFLA_VXLAN_LEARNING is 1, expected 0 (nolearning)". */
enum tunnel_dev_state tunnel_dev_check(const struct nlmsghdr *, size_t len,
                                       enum tunnel_dev_type,
                                       uint16_t dst_port, char **whyp);

#endif /* tunnel-dev.h */
