/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

#include <config.h>
#include <limits.h>
#include <stdlib.h>
#include "mac-learning.h"
#include "ofproto.h"
#include "util.h"
#include "xlate-private.h"

/* NORMAL: an 802.1Q learning switch over the bridge's ports, with each
 * port's VLAN mode (access, trunk, native-tagged, native-untagged), its
 * tag and trunks from the database. */

#define LONG_BITS (sizeof(unsigned long) * CHAR_BIT)

static bool
trunks_include(const unsigned long *trunks, int vlan)
{
    return !trunks || ((trunks[vlan / LONG_BITS] >> (vlan % LONG_BITS)) & 1);
}

/* Returns true if 'port' carries 'vlan' (0: untagged traffic). */
bool
xlate_port_has_vlan(const struct ofport *port, int vlan)
{
    switch (port->vlan_mode) {
    case OFPORT_VLAN_ACCESS:
        return vlan == (port->tag < 0 ? 0 : port->tag);
    case OFPORT_VLAN_TRUNK:
        return trunks_include(port->trunks, vlan);
    case OFPORT_VLAN_NATIVE_TAGGED:
    case OFPORT_VLAN_NATIVE_UNTAGGED:
        return vlan == (port->tag < 0 ? 0 : port->tag)
               || (vlan && trunks_include(port->trunks, vlan));
    }
    return false;
}

/* The VLAN a packet with 'vid' (0 if untagged or priority-tagged) belongs
 * to on input port 'port', or -1 if the port does not admit it. */
static int
input_vlan(struct xlate_ctx *ctx, const struct ofport *port, int vid)
{
    int tag = port->tag < 0 ? 0 : port->tag;

    switch (port->vlan_mode) {
    case OFPORT_VLAN_ACCESS:
        if (vid) {
            xlate_trace(ctx, " >>>> dropping VLAN %d tagged packet received "
                        "on port %s configured as VLAN %d access port <<<<",
                        vid, port->name, tag);
            xlate_trace(ctx, " >> disallowed VLAN VID for this input port, "
                        "dropping");
            return -1;
        }
        return tag;
    case OFPORT_VLAN_TRUNK:
        break;
    case OFPORT_VLAN_NATIVE_TAGGED:
    case OFPORT_VLAN_NATIVE_UNTAGGED:
        if (!vid) {
            return tag;
        }
        break;
    }
    if (!xlate_port_has_vlan(port, vid)) {
        xlate_trace(ctx, " >>>> dropping VLAN %d packet received on port %s "
                    "not configured for trunking VLAN %d <<<<",
                    vid, port->name, vid);
        xlate_trace(ctx, " >> disallowed VLAN VID for this input port, "
                    "dropping");
        return -1;
    }
    return vid;
}

/* Outputs to 'port' on 'vlan', tagging as the port's mode wants. */
static void
output_normal(struct xlate_ctx *ctx, const struct ofport *port, int vlan)
{
    struct flow_vlan old = ctx->flow.vlans[0];
    int tag = port->tag < 0 ? 0 : port->tag;
    bool tagged;

    switch (port->vlan_mode) {
    case OFPORT_VLAN_ACCESS:
        tagged = false;
        break;
    case OFPORT_VLAN_NATIVE_UNTAGGED:
        tagged = vlan != tag;
        break;
    case OFPORT_VLAN_NATIVE_TAGGED:
    case OFPORT_VLAN_TRUNK:
    default:
        tagged = vlan != 0;
        break;
    }
    if (tagged) {
        /* The priority comes from the packet's tag; if that tag differs,
         * committing pops it, which puts all of it in the megaflow. */
        ovs_be16 pcp = old.tci & htons(VLAN_PCP_MASK);

        ctx->flow.vlans[0].tpid = htons(ETH_TYPE_VLAN_8021Q);
        ctx->flow.vlans[0].tci = htons(VLAN_CFI | vlan) | pcp;
    } else if (old.tci & htons(VLAN_CFI)) {
        ctx->flow.vlans[0].tpid = 0;
        ctx->flow.vlans[0].tci = 0;
    }
    xlate_output(ctx, port->ofp_port, 0, false);
    ctx->flow.vlans[0] = old;
}

static void
flood_normal(struct xlate_ctx *ctx, ofp_port_t in_port, int vlan)
{
    size_t i, n;
    struct ofport **ports = ofproto_sorted_ports(ctx->ofproto, &n);

    for (i = 0; i < n; i++) {
        const struct ofport *p = ports[i];

        if (p->ofp_port == in_port || p->pp.config & OFPPC_NO_FLOOD
            || !xlate_port_has_vlan(p, vlan)) {
            continue;
        }
        output_normal(ctx, p, vlan);
    }
    free(ports);
}

static void xlate_normal__(struct xlate_ctx *);

void
xlate_normal(struct xlate_ctx *ctx)
{
    bool old = ctx->in_normal;

    ctx->in_normal = true;
    xlate_normal__(ctx);
    ctx->in_normal = old;
}

static void
xlate_normal__(struct xlate_ctx *ctx)
{
    struct flow *flow = &ctx->flow;
    struct flow_wildcards *wc = ctx->wc;
    ofp_port_t in_port = flow->in_port.ofp_port;
    const struct ofport *in = ofproto_get_port(ctx->ofproto, in_port);
    struct mac_learning *ml = ctx->ofproto->ml;
    int vid, vlan;

    wc->masks.dl_src = ETH_ADDR_EXACT;
    wc->masks.dl_dst = ETH_ADDR_EXACT;
    wc->masks.vlans[0].tci |= htons(VLAN_VID_MASK | VLAN_CFI);

    if (!in) {
        xlate_trace(ctx, " -> no input port %d, dropping", in_port);
        return;
    }
    vid = (flow->vlans[0].tci & htons(VLAN_CFI)
           ? ntohs(flow->vlans[0].tci) & VLAN_VID_MASK : 0);
    vlan = input_vlan(ctx, in, vid);
    if (vlan < 0) {
        return;
    }

    /* Revalidation that pushes statistics (packets went through the
     * datapath flow) refreshes the entry as the packets would have, so
     * that a MAC that only ever crosses a datapath flow does not age
     * out. */
    if (ml && (ctx->xin->may_learn || ctx->xin->n_packets)
        && !eth_addr_is_multicast(flow->dl_src)) {
        if (mac_learning_learn(ml, flow->dl_src, vlan, in_port)) {
            xlate_trace(ctx, " -> learned that "ETH_ADDR_FMT" is on port %s "
                        "in VLAN %d", ETH_ADDR_ARGS(flow->dl_src), in->name,
                        vlan);
        }
    }

    if (ml) {
        ofp_port_t out = mac_learning_lookup(ml, flow->dl_dst, vlan);
        const struct ofport *port = (out == OFPP_NONE ? NULL
                                     : ofproto_get_port(ctx->ofproto, out));

        if (port) {
            if (out == in_port) {
                xlate_trace(ctx, " -> learned port is input port, "
                            "dropping");
                return;
            }
            xlate_trace(ctx, " -> forwarding to learned port");
            output_normal(ctx, port, vlan);
            return;
        }
    }
    xlate_trace(ctx, " -> no learned MAC for destination, flooding");
    flood_normal(ctx, in_port, vlan);
}
