/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

#ifndef DPIF_NETLINK_PRIVATE_H
#define DPIF_NETLINK_PRIVATE_H 1

/* The decoders of the kernel datapath provider, exposed only for the fuzz
 * target tests/fuzz/fuzz-dpif-netlink.c.  Nothing else should call them:
 * the provider uses them through its dpif_class. */

#include <stddef.h>
#include <stdint.h>
#include "dpif.h"

struct nl_buf;

/* Parses the datapath (OVS_DP_CMD_*) reply in 'reply' (one message, from
 * the start of its nlmsghdr).  On success, stores its ovs_header's ifindex
 * in '*dp_ifindex' and its OVS_DP_ATTR_USER_FEATURES (0 if absent) in
 * '*user_features'.  Returns 0 or EPROTO. */
int dpif_netlink_parse_dp_reply__(const struct nl_buf *reply,
                                  int *dp_ifindex, uint32_t *user_features);

/* Parses the vport (OVS_VPORT_CMD_*) message 'msg' of 'len' bytes into
 * 'port', to free with dpif_port_destroy() on success.  Returns 0 or
 * EPROTO. */
int dpif_netlink_parse_vport__(const void *msg, size_t len,
                               struct dpif_port *port);

/* Parses the flow (OVS_FLOW_CMD_*) message 'msg' of 'len' bytes, a reply
 * or a dump entry, into 'flow', which then points into 'msg'.  Returns 0
 * or EPROTO. */
int dpif_netlink_parse_flow__(const void *msg, size_t len,
                              struct dpif_flow *flow);

/* Parses the upcall message (OVS_PACKET_CMD_MISS or _ACTION) at the start
 * of 'buffer', whose generic netlink family is 'packet_family', into
 * 'upcall', which then points into 'buffer'.  Returns 0 or EPROTO. */
int dpif_netlink_parse_upcall__(uint16_t packet_family,
                                const struct nl_buf *buffer,
                                struct dpif_upcall *upcall);

#endif /* dpif-netlink-private.h */
