/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

#ifndef XLATE_H
#define XLATE_H 1

/* Translation: a packet's flow through a bridge's OpenFlow tables into
 * datapath actions, plus the megaflow mask (every bit of the flow that
 * any step consulted, so that every packet agreeing on those bits would
 * be translated the same way).
 *
 * Covered: output (ports, in_port, normal, flood, all, local, controller,
 * drop), header rewrites (set_field and the 1.0 set actions, through
 * OVS_ACTION_ATTR_SET_MASKED / SET), VLAN push/pop/modify, resubmit and
 * goto_table (depth limit 64), dec_ttl, set_tunnel, write_metadata,
 * registers (load/move), patch ports (translation continues in the peer
 * bridge), and tunnels: output to a tunnel port emits the tunnel set
 * (remote/local IP, key, dst port, tos, ttl, csum and df flags from the
 * port's ofport_tunnel) followed by output to the shared tunnel vport;
 * a packet from a tunnel vport enters the OpenFlow tunnel port that
 * ofproto_port_from_odp() names, with tun_id/tun_src/tun_dst visible to
 * matches.  NORMAL does MAC learning (mac-learning.h) with VLAN
 * access/trunk handling from the ports' VLAN configuration.
 *
 * A table miss drops the packet.  An action a datapath flow cannot carry
 * (controller) makes the flow "slow": its datapath actions send the
 * packet to userspace (OVS_ACTION_ATTR_USERSPACE) and the packet-ins are
 * produced when that upcall is translated with a packet. */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "flow.h"
#include "list.h"
#include "netlink.h"
#include "ofp-msgs.h"

struct ds;
struct ofproto;

/* Appctl commands: ofproto/trace, fdb/show, fdb/flush. */
void xlate_init(void);

struct xlate_in {
    /* The packet's flow as the datapath reported it: in_port is the odp
     * port (flow.in_port.odp_port), tunnel metadata in flow.tunnel. */
    struct flow flow;

    /* The packet, if there is one (an upcall; NULL for revalidation).
     * Needed for packet-ins. */
    const void *packet;
    size_t packet_len;

    /* Learn MAC addresses: true for upcalls, and for the revalidation of
     * a flow that carried traffic since the last pass (as stock, so that
     * entries behind busy datapath flows do not age out); false for other
     * revalidation and for ofproto/trace without -generate. */
    bool may_learn;

    /* If nonzero, every rule the translation hits is credited with these
     * (revalidators pushing datapath statistics). */
    uint64_t n_packets, n_bytes;
    long long used;

    /* The netlink pid for userspace() actions (dpif_port_get_pid()). */
    uint32_t upcall_pid;

    /* If nonnull, a human-readable account of the translation is
     * appended: each table looked up, the rule that matched (its match
     * and actions in flow syntax) or the miss, and each action. */
    struct ds *trace;
};

/* A packet-in produced by a translation (for ofproto_send_packet_in()). */
struct xlate_packet_in {
    struct ovs_list list_node;
    struct ofproto *ofproto;
    struct ofp_packet_in pin;       /* 'packet' points to 'data'. */
    void *data;
};

struct xlate_out {
    struct nl_buf odp_actions;  /* Datapath actions (OVS_ACTION_ATTR_*). */
    struct flow_wildcards wc;   /* The megaflow mask, odp in_port. */
    bool slow;                  /* Must stay in userspace (controller). */
    struct ofproto *ofproto;    /* The bridge of the input port, or NULL
                                 * if the port is unknown. */
    struct ovs_list packet_ins; /* struct xlate_packet_in. */

    /* If 'slow': what the datapath must do with this packet (every
     * output, rewrite and tunnel of the translation; the packet-ins are
     * in 'packet_ins'), for dpif_execute() of an upcall's packet, while
     * 'odp_actions' is the single slow-path userspace action that the
     * datapath flow carries.  Empty if not 'slow'.  (Additive, xlate.) */
    struct nl_buf exec_actions;
};

/* The userdata of the userspace action of a slow flow ('odp_actions' when
 * 'slow'): 8 bytes, XLATE_SLOW_PATH_COOKIE in network byte order.
 * (Additive, xlate.) */
#define XLATE_SLOW_PATH_COOKIE UINT64_C(0x6f7673746300534c)
bool xlate_userdata_is_slow_path(const void *userdata, size_t len);

void xlate_out_init(struct xlate_out *);
void xlate_out_uninit(struct xlate_out *);

/* Translates.  Returns 0, or ENODEV if the input port belongs to no
 * bridge (the caller installs a drop flow for it). */
int xlate_actions(const struct xlate_in *, struct xlate_out *);

/* Translates the action list 'ofpacts' applied to 'packet', whose flow is
 * 'flow' (in_port an OpenFlow port as a PACKET_OUT names it, e.g.
 * OFPP_CONTROLLER), on bridge 'ofproto' (PACKET_OUT).  'xout' receives the
 * datapath actions to execute on the packet in 'odp_actions' (never the
 * slow-path action, even if 'slow') and the packet-ins to send.  Returns
 * 0, or ELOOP or E2BIG if the translation went too deep or did too many
 * resubmits (drop).  (Additive, xlate.) */
struct ofpacts;
int xlate_packet_out(struct ofproto *, const struct flow *flow,
                     const struct ofpacts *, const void *packet,
                     size_t packet_len, struct xlate_out *);

#endif /* xlate.h */
