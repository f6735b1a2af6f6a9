/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

#include <config.h>
#include "xlate.h"
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include "dynamic-string.h"
#include "hmap.h"
#include "odp-actions.h"
#include "odp-key.h"
#include "ofp-parse.h"
#include "ofproto.h"
#include "util.h"
#include "vlog.h"
#include "xlate-private.h"

VLOG_DEFINE_THIS_MODULE(xlate);

static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(5, 20);

void
xlate_out_init(struct xlate_out *xout)
{
    nl_buf_init(&xout->odp_actions, 256);
    nl_buf_init(&xout->exec_actions, 0);
    flow_wildcards_init_catchall(&xout->wc);
    xout->slow = false;
    xout->ofproto = NULL;
    ovs_list_init(&xout->packet_ins);
}

void
xlate_out_uninit(struct xlate_out *xout)
{
    struct xlate_packet_in *pin;

    if (!xout) {
        return;
    }
    nl_buf_uninit(&xout->odp_actions);
    nl_buf_uninit(&xout->exec_actions);
    LIST_FOR_EACH_POP (pin, list_node, &xout->packet_ins) {
        free(pin->data);
        free(pin);
    }
}

bool
xlate_userdata_is_slow_path(const void *userdata, size_t len)
{
    ovs_be64 cookie;

    if (len != sizeof cookie) {
        return false;
    }
    memcpy(&cookie, userdata, sizeof cookie);
    return cookie == htonll(XLATE_SLOW_PATH_COOKIE);
}

/* Appends a line to the trace, if there is one, at the indentation of
 * actions. */
void
xlate_trace(struct xlate_ctx *ctx, const char *format, ...)
{
    va_list args;

    if (!ctx->trace) {
        return;
    }
    ds_put_char_multiple(ctx->trace, ' ', ctx->indent + 4);
    va_start(args, format);
    ds_put_format_valist(ctx->trace, format, args);
    va_end(args);
    ds_put_char(ctx->trace, '\n');
}

/* Committing header changes.
 *
 * 'ctx->flow' is what the packet should look like, 'ctx->base' what the
 * datapath actions emitted so far make of it.  Before an output, the
 * difference becomes set/set_masked actions (and VLAN pops and pushes),
 * as stock Open vSwitch does it: lazily, so that rewrites nobody sees are
 * never emitted.  The set's mask is the megaflow's for the attribute's
 * fields (bits read or written so far), widened by whatever differs. */

static void
commit_attr(struct xlate_ctx *ctx, uint16_t type, size_t no_set_ofs1,
            size_t no_set_ofs2)
{
    const struct odp_attr_layout *layout = odp_key_layout(type);
    uint8_t key[ODP_KEY_MAX_SIZE], base[ODP_KEY_MAX_SIZE];
    uint8_t mask[ODP_KEY_MAX_SIZE];
    struct odp_action act;
    bool differ = false, exact = true;
    size_t i;

    if (!layout) {
        return;
    }
    memset(key, 0, sizeof key);
    memset(base, 0, sizeof base);
    memset(mask, 0, sizeof mask);
    odp_layout_from_flow(layout, &ctx->flow, false, key);
    odp_layout_from_flow(layout, &ctx->base, false, base);
    odp_layout_from_flow(layout, &ctx->wc->masks, true, mask);
    for (i = 0; i < layout->size; i++) {
        if ((key[i] ^ base[i]) & ~mask[i]) {
            /* Changed by something that did not unwildcard it. */
            mask[i] |= key[i] ^ base[i];
        }
        if ((key[i] ^ base[i]) & mask[i]) {
            differ = true;
        }
    }
    if (no_set_ofs1 != SIZE_MAX) {
        mask[no_set_ofs1] = 0;
    }
    if (no_set_ofs2 != SIZE_MAX) {
        mask[no_set_ofs2] = 0;
    }
    if (!differ) {
        return;
    }
    for (i = 0; i < layout->size; i++) {
        if (mask[i] != 0xff) {
            exact = false;
        }
        base[i] = (base[i] & ~mask[i]) | (key[i] & mask[i]);
    }

    memset(&act, 0, sizeof act);
    act.type = exact ? OVS_ACTION_ATTR_SET : OVS_ACTION_ATTR_SET_MASKED;
    act.u.set.masked = !exact;
    act.u.set.key_type = type;
    act.u.set.size = layout->size;
    for (i = 0; i < layout->size; i++) {
        act.u.set.key[i] = key[i] & mask[i];
    }
    memcpy(act.u.set.mask, mask, layout->size);
    odp_action_put(&ctx->xout->odp_actions, &act);
    odp_layout_to_flow(layout, base, false, &ctx->base);
}

static bool
vlan_equal(const struct flow_vlan *a, const struct flow_vlan *b)
{
    return a->tpid == b->tpid && a->tci == b->tci;
}

/* Pops the outer tag of the datapath's packet.  What it was becomes part
 * of the megaflow (as far as the packet still has its original tags). */
static void
pop_base_vlan(struct xlate_ctx *ctx)
{
    struct flow_vlan *bv = ctx->base.vlans;

    odp_put_pop_vlan(&ctx->xout->odp_actions);
    if (vlan_equal(&bv[0], &ctx->xin->flow.vlans[0])
        && vlan_equal(&bv[1], &ctx->xin->flow.vlans[1])) {
        ctx->wc->masks.vlans[0].tci = OVS_BE16_MAX;
        ctx->wc->masks.vlans[0].tpid = OVS_BE16_MAX;
    }
    bv[0] = bv[1];
    memset(&bv[1], 0, sizeof bv[1]);
}

static void
commit_vlan(struct xlate_ctx *ctx)
{
    struct flow_vlan *fv = ctx->flow.vlans, *bv = ctx->base.vlans;
    struct nl_buf *buf = &ctx->xout->odp_actions;

    if (vlan_equal(&fv[0], &bv[0]) && vlan_equal(&fv[1], &bv[1])) {
        return;
    }
    if (!(bv[0].tci & htons(VLAN_CFI))
        || vlan_equal(&fv[1], &bv[0])) {
        /* Nothing to pop, or a tag pushed in front of the current one. */
    } else if (vlan_equal(&fv[0], &bv[1])) {
        pop_base_vlan(ctx);
        return;
    } else {
        pop_base_vlan(ctx);
    }
    if (fv[0].tci & htons(VLAN_CFI)) {
        ovs_be16 tpid = fv[0].tpid ? fv[0].tpid : htons(ETH_TYPE_VLAN_8021Q);

        odp_put_push_vlan(buf, tpid, fv[0].tci);
        bv[1] = bv[0];
        bv[0] = fv[0];
        bv[0].tpid = tpid;
    }
}

/* Emits the actions that make the datapath's packet look like
 * 'ctx->flow' (headers, VLAN, skb priority and mark; not the tunnel). */
void
xlate_commit(struct xlate_ctx *ctx)
{
    const struct flow *f = &ctx->flow;

    commit_attr(ctx, OVS_KEY_ATTR_ETHERNET, SIZE_MAX, SIZE_MAX);
    if (f->dl_type == htons(ETH_TYPE_IP)) {
        commit_attr(ctx, OVS_KEY_ATTR_IPV4,
                    offsetof(struct ovs_key_ipv4, ipv4_proto),
                    offsetof(struct ovs_key_ipv4, ipv4_frag));
    } else if (f->dl_type == htons(ETH_TYPE_IPV6)) {
        commit_attr(ctx, OVS_KEY_ATTR_IPV6,
                    offsetof(struct ovs_key_ipv6, ipv6_proto),
                    offsetof(struct ovs_key_ipv6, ipv6_frag));
    }
    if (flow_is_ip_any(f) && !(f->nw_frag & FLOW_NW_FRAG_LATER)) {
        if (f->nw_proto == IPPROTO_TCP) {
            commit_attr(ctx, OVS_KEY_ATTR_TCP, SIZE_MAX, SIZE_MAX);
        } else if (f->nw_proto == IPPROTO_UDP) {
            commit_attr(ctx, OVS_KEY_ATTR_UDP, SIZE_MAX, SIZE_MAX);
        } else if (f->nw_proto == IPPROTO_SCTP) {
            commit_attr(ctx, OVS_KEY_ATTR_SCTP, SIZE_MAX, SIZE_MAX);
        }
    }
    commit_vlan(ctx);
    commit_attr(ctx, OVS_KEY_ATTR_PRIORITY, SIZE_MAX, SIZE_MAX);
    commit_attr(ctx, OVS_KEY_ATTR_SKB_MARK, SIZE_MAX, SIZE_MAX);
}

/* Tunnels. */

/* Fills 'tnl' with the outer headers for output to tunnel port 'port'.
 * Returns false if the port has no remote IP. */
static bool
tunnel_build(struct xlate_ctx *ctx, const struct ofport *port,
             struct flow_tnl *tnl)
{
    const struct ofport_tunnel *cfg = &port->tunnel;
    struct flow_wildcards *wc = ctx->wc;
    const struct flow *flow = &ctx->flow;

    memset(tnl, 0, sizeof *tnl);
    if (cfg->remote_ip_flow) {
        tnl->ip_dst = flow->tunnel.ip_dst;
        wc->masks.tunnel.ip_dst = OVS_BE32_MAX;
    } else {
        tnl->ip_dst = cfg->remote_ip;
    }
    if (cfg->local_ip_flow) {
        tnl->ip_src = flow->tunnel.ip_src;
        wc->masks.tunnel.ip_src = OVS_BE32_MAX;
    } else {
        tnl->ip_src = cfg->local_ip;
    }
    if (!tnl->ip_dst) {
        return false;
    }
    if (cfg->out_key_flow) {
        tnl->tun_id = flow->tunnel.tun_id;
        tnl->flags |= FLOW_TNL_F_KEY;
        wc->masks.tunnel.tun_id = OVS_BE64_MAX;
    } else if (cfg->out_key_present) {
        tnl->tun_id = cfg->out_key;
        tnl->flags |= FLOW_TNL_F_KEY;
    }
    if (cfg->csum) {
        tnl->flags |= FLOW_TNL_F_CSUM;
    }
    if (cfg->dont_fragment) {
        tnl->flags |= FLOW_TNL_F_DONT_FRAGMENT;
    }
    tnl->tp_dst = htons(cfg->dst_port);
    tnl->ip_ttl = cfg->ttl;

    wc->masks.dl_type = OVS_BE16_MAX;
    if (cfg->tos_inherit && flow_is_ip_any(flow)) {
        wc->masks.nw_tos |= IP_DSCP_MASK;
        tnl->ip_tos = flow->nw_tos & IP_DSCP_MASK;
    } else {
        tnl->ip_tos = cfg->tos;
    }
    if (flow_is_ip_any(flow)) {
        /* ECN goes to the outer header; CE becomes ECT(0), as RFC 6040's
         * "normal mode" (and stock) does. */
        wc->masks.nw_tos |= IP_ECN_MASK;
        if ((flow->nw_tos & IP_ECN_MASK) == IP_ECN_MASK) {
            tnl->ip_tos |= 0x02;
        } else {
            tnl->ip_tos |= flow->nw_tos & IP_ECN_MASK;
        }
    }
    return true;
}

static void
output_tunnel(struct xlate_ctx *ctx, const struct ofport *port)
{
    struct flow_tnl tnl;

    if (!tunnel_build(ctx, port, &tnl)) {
        xlate_trace(ctx, " >> tunnel port %s has no remote IP, dropping",
                    port->name);
        return;
    }
    if (memcmp(&tnl, &ctx->base.tunnel, sizeof tnl)) {
        odp_put_set_tunnel(&ctx->xout->odp_actions, &tnl);
        ctx->base.tunnel = tnl;
    }
    xlate_commit(ctx);
    odp_put_output(&ctx->xout->odp_actions, port->odp_port);
}

/* Patch ports. */

static void
trace_bridge_header(struct xlate_ctx *ctx, const struct ofproto *ofproto)
{
    struct ds *s = ctx->trace;

    ds_put_char_multiple(s, ' ', ctx->indent);
    ds_put_format(s, "bridge(\"%s\")\n", ofproto->name);
    ds_put_char_multiple(s, ' ', ctx->indent);
    ds_put_char_multiple(s, '-', 10 + strlen(ofproto->name));
    ds_put_char(s, '\n');
}

static struct ofport *
patch_peer(const struct ofport *port)
{
    struct ofproto *p;

    if (!port->peer) {
        return NULL;
    }
    for (p = ofproto_first(); p; p = ofproto_next(p)) {
        struct ofport *peer = ofproto_get_port_by_name(p, port->peer);

        if (peer && peer->type && !strcmp(peer->type, "patch")) {
            return peer;
        }
    }
    return NULL;
}

static void
output_patch(struct xlate_ctx *ctx, const struct ofport *port)
{
    struct ofport *peer = patch_peer(port);
    struct ofproto *old_ofproto = ctx->ofproto;
    struct ofpacts old_set = ctx->action_set;
    struct rule *old_rule = ctx->rule;
    uint8_t old_table = ctx->table_id;
    struct flow old_flow = ctx->flow;
    bool old_in_normal = ctx->in_normal;
    int old_indent = ctx->indent;

    if (!peer) {
        xlate_trace(ctx, " >> patch port %s has no peer, dropping",
                    port->name);
        return;
    }
    if (peer->pp.config & OFPPC_NO_RECV) {
        return;
    }
    ctx->ofproto = peer->ofproto;
    ctx->flow.in_port.ofp_port = peer->ofp_port;
    ctx->flow.metadata = 0;
    memset(ctx->flow.regs, 0, sizeof ctx->flow.regs);
    ofpacts_init(&ctx->action_set);
    /* The peer's section nests under the output action (header at the
     * action's indentation, tables 4 further), except for NORMAL's
     * outputs, which stock shows at the top level. */
    ctx->indent = ctx->in_normal ? 0 : old_indent + 4;
    ctx->in_normal = false;
    if (ctx->trace) {
        ds_put_char(ctx->trace, '\n');
        trace_bridge_header(ctx, peer->ofproto);
    }
    if (ctx->indent) {
        ctx->indent += 4;
    }
    xlate_table(ctx, 0, false);
    if (ctx->action_set.n && !ctx->exit) {
        xlate_do_actions(ctx, ctx->action_set.acts, ctx->action_set.n);
    }
    ofpacts_uninit(&ctx->action_set);
    ctx->indent = old_indent;
    ctx->in_normal = old_in_normal;
    ctx->action_set = old_set;
    ctx->ofproto = old_ofproto;
    ctx->rule = old_rule;
    ctx->table_id = old_table;
    ctx->flow = old_flow;
}

/* Output to a switch port (not a reserved one but LOCAL). */
static void
output_port(struct xlate_ctx *ctx, ofp_port_t ofp_port, bool may_be_in_port)
{
    const struct ofport *port = ofproto_get_port(ctx->ofproto, ofp_port);

    if (!port) {
        xlate_trace(ctx, " >> nonexistent output port %d", ofp_port);
        return;
    }
    if (ofp_port == ctx->flow.in_port.ofp_port && !may_be_in_port) {
        xlate_trace(ctx, " >> skipping output to input port");
        return;
    }
    if (port->pp.config & OFPPC_NO_FWD) {
        xlate_trace(ctx, " >> port %s is configured no-fwd, dropping",
                    port->name);
        return;
    }
    if (port->type && !strcmp(port->type, "patch")) {
        output_patch(ctx, port);
    } else if (port->odp_port == ODPP_NONE) {
        /* A "dummy" datapath's port: nothing to output to (and nothing
         * to say in a trace, which then reads as stock's, megaflow
         * included). */
        xlate_commit(ctx);
    } else if (port->is_tunnel) {
        output_tunnel(ctx, port);
    } else {
        xlate_commit(ctx);
        odp_put_output(&ctx->xout->odp_actions, port->odp_port);
    }
}

static void
output_flood(struct xlate_ctx *ctx, bool all)
{
    size_t i, n;
    struct ofport **ports = ofproto_sorted_ports(ctx->ofproto, &n);

    for (i = 0; i < n; i++) {
        if (ports[i]->ofp_port == ctx->flow.in_port.ofp_port) {
            continue;
        }
        if (!all && ports[i]->pp.config & OFPPC_NO_FLOOD) {
            continue;
        }
        output_port(ctx, ports[i]->ofp_port, false);
    }
    free(ports);
}

/* Output action to 'port' (possibly reserved).  'may_be_in_port' allows
 * output to the input port (OFPP_IN_PORT). */
void
xlate_output(struct xlate_ctx *ctx, ofp_port_t port, uint16_t max_len,
             bool may_be_in_port)
{
    switch (port) {
    case OFPP_IN_PORT:
        output_port(ctx, ctx->flow.in_port.ofp_port, true);
        break;
    case OFPP_TABLE:
        xlate_table(ctx, 0, false);
        break;
    case OFPP_NORMAL:
        xlate_normal(ctx);
        break;
    case OFPP_FLOOD:
        output_flood(ctx, false);
        break;
    case OFPP_ALL:
        output_flood(ctx, true);
        break;
    case OFPP_CONTROLLER:
        xlate_controller(ctx, max_len, OFPR_ACTION, 0);
        break;
    case OFPP_NONE:
        break;
    default:
        output_port(ctx, port, may_be_in_port);
        break;
    }
}

/* Sends the packet to the controllers: the flow becomes slow, and with a
 * packet, a packet-in is queued. */
void
xlate_controller(struct xlate_ctx *ctx, uint16_t max_len, uint8_t reason,
                 uint16_t controller_id OVS_UNUSED)
{
    const struct xlate_in *xin = ctx->xin;
    struct xlate_packet_in *xpin;
    size_t len, total;

    ctx->xout->slow = true;
    if (!xin->packet) {
        return;
    }
    xpin = xzalloc(sizeof *xpin);
    xpin->ofproto = ctx->ofproto;
    /* The controller sees the packet as the actions so far made it. */
    xpin->data = xlate_packet_rewrite(xin->packet, xin->packet_len,
                                      &xin->flow, &ctx->flow, &total);
    len = total;
    if (max_len && max_len < len && max_len != UINT16_MAX) {
        len = max_len;
    }
    xpin->pin.buffer_id = UINT32_MAX;
    xpin->pin.total_len = total;
    xpin->pin.reason = reason;
    xpin->pin.table_id = ctx->table_id;
    xpin->pin.cookie = ctx->rule ? ctx->rule->cookie : UINT64_MAX;
    xpin->pin.in_port = ctx->flow.in_port.ofp_port;
    xpin->pin.tun_id = ctx->flow.tunnel.tun_id;
    xpin->pin.packet = xpin->data;
    xpin->pin.packet_len = len;
    ovs_list_push_back(&ctx->xout->packet_ins, &xpin->list_node);
}

/* Tables. */

static void
trace_rule(struct xlate_ctx *ctx, int indent, uint8_t table_id,
           const struct rule *rule)
{
    struct ds *s = ctx->trace;
    struct match match;

    ds_put_char_multiple(s, ' ', indent);
    ds_put_format(s, "%2d. ", table_id);
    if (!rule) {
        ds_put_cstr(s, "No match.\n");
        return;
    }
    cls_rule_get_match(&rule->cr, &match);
    if (!match_is_catchall(&match)) {
        size_t len = s->length;

        ofp_format_match(&match, OFP_DEFAULT_PRIORITY, s);
        if (s->length != len) {
            ds_put_cstr(s, ", ");
        }
    }
    ds_put_format(s, "priority %d", rule->cr.priority);
    if (rule->cookie) {
        ds_put_format(s, ", cookie %#"PRIx64, rule->cookie);
    }
    ds_put_char(s, '\n');
}

static bool
xlate_resource_check(struct xlate_ctx *ctx, bool deepens)
{
    if (deepens && ctx->depth >= XLATE_MAX_DEPTH) {
        VLOG_WARN_RL(&rl, "%s: over max translation depth %d",
                     ctx->ofproto->name, XLATE_MAX_DEPTH);
        xlate_trace(ctx, " >>>> over max translation depth %d <<<<",
                    XLATE_MAX_DEPTH);
        ctx->error = ELOOP;
    } else if (ctx->n_lookups > XLATE_MAX_RESUBMITS) {
        VLOG_WARN_RL(&rl, "%s: over %d resubmit actions",
                     ctx->ofproto->name, XLATE_MAX_RESUBMITS);
        xlate_trace(ctx, " >>>> over %d resubmit actions <<<<",
                    XLATE_MAX_RESUBMITS);
        ctx->error = E2BIG;
    } else {
        return true;
    }
    ctx->exit = true;
    return false;
}

/* Looks up the flow in 'table_id' of the current bridge and executes the
 * rule it hits (a miss does nothing).  Going to a table not after the
 * current one (or to another bridge) counts against the depth limit, as
 * stock does; a chain through increasing tables does not.  'nest' says
 * how the trace shows it: nested under the action (a resubmit that is
 * not its list's last action) or at the same level (a tail call). */
void
xlate_table(struct xlate_ctx *ctx, uint8_t table_id, bool nest)
{
    bool deepens = table_id <= ctx->table_id && ctx->rule;
    struct rule *old_rule = ctx->rule;
    uint8_t old_table = ctx->table_id;
    int old_indent = ctx->indent;
    struct rule *rule;

    if (ctx->exit || table_id >= OFPROTO_N_TABLES) {
        return;
    }
    ctx->n_lookups++;
    if (!xlate_resource_check(ctx, deepens)) {
        return;
    }

    rule = ofproto_rule_lookup(ctx->ofproto, table_id, &ctx->flow, ctx->wc);
    if (ctx->trace) {
        trace_rule(ctx, nest ? old_indent + 4 : old_indent, table_id, rule);
    }
    if (nest) {
        ctx->indent += 8;
    }
    if (!rule) {
        xlate_trace(ctx, "drop");
        ctx->indent = old_indent;
        return;
    }
    if (ctx->xin->n_packets || ctx->xin->n_bytes) {
        ofproto_rule_credit(rule, ctx->xin->n_packets, ctx->xin->n_bytes,
                            ctx->xin->used);
    }

    ctx->rule = rule;
    ctx->table_id = table_id;
    ctx->depth += deepens;
    xlate_do_actions(ctx, rule->ofpacts.acts, rule->ofpacts.n);
    ctx->depth -= deepens;
    ctx->rule = old_rule;
    ctx->table_id = old_table;
    ctx->indent = old_indent;
}

static void
xlate_start(struct xlate_ctx *ctx, struct ofproto *ofproto,
            ofp_port_t in_port)
{
    ctx->ofproto = ofproto;
    ctx->flow.in_port.ofp_port = in_port;
    ctx->base = ctx->flow;
    ofpacts_init(&ctx->action_set);

    if (ctx->trace) {
        trace_bridge_header(ctx, ofproto);
    }
}

/* Translation proper, from bridge 'ofproto' and input port 'in_port'. */
int
xlate_run(struct xlate_ctx *ctx, struct ofproto *ofproto, ofp_port_t in_port)
{
    const struct ofport *port = ofproto_get_port(ofproto, in_port);

    xlate_start(ctx, ofproto, in_port);
    if (port && port->pp.config & OFPPC_NO_RECV) {
        xlate_trace(ctx, "port %s does not receive (no-recv), dropping",
                    port->name);
    } else {
        xlate_table(ctx, 0, false);
        if (ctx->action_set.n && !ctx->exit) {
            xlate_do_actions(ctx, ctx->action_set.acts, ctx->action_set.n);
        }
    }
    ofpacts_uninit(&ctx->action_set);

    if (ctx->error) {
        nl_buf_clear(&ctx->xout->odp_actions);
        ctx->xout->slow = false;
        return ctx->error;
    }
    if (ctx->xout->slow) {
        ovs_be64 cookie = htonll(XLATE_SLOW_PATH_COOKIE);
        struct xlate_out *xout = ctx->xout;

        nl_buf_clear(&xout->exec_actions);
        nl_buf_put(&xout->exec_actions, xout->odp_actions.data,
                   xout->odp_actions.used);
        nl_buf_clear(&xout->odp_actions);
        odp_put_userspace(&xout->odp_actions, ctx->xin->upcall_pid,
                          &cookie, sizeof cookie);
    }
    return 0;
}

static void
xlate_ctx_init(struct xlate_ctx *ctx, const struct xlate_in *xin,
               struct xlate_out *xout)
{
    memset(ctx, 0, sizeof *ctx);
    ctx->xin = xin;
    ctx->xout = xout;
    ctx->wc = &xout->wc;
    ctx->flow = xin->flow;
    ctx->trace = xin->trace;

    nl_buf_clear(&xout->odp_actions);
    nl_buf_clear(&xout->exec_actions);
    flow_wildcards_init_catchall(&xout->wc);
    xout->slow = false;
    xout->ofproto = NULL;

    /* Always examined, as stock does. */
    ctx->wc->masks.recirc_id = UINT32_MAX;
    ctx->wc->masks.dl_type = OVS_BE16_MAX;
    if (flow_is_ip_any(&xin->flow)) {
        ctx->wc->masks.nw_frag |= FLOW_NW_FRAG_MASK;
    }
}

/* Turns the OpenFlow-level mask into a datapath one. */
static void
xlate_wc_finish(struct xlate_ctx *ctx, const struct ofport *in_port)
{
    struct flow_wildcards *wc = ctx->wc;
    int i;

    wc->masks.in_port.odp_port = UINT32_MAX;
    wc->masks.metadata = 0;
    memset(wc->masks.regs, 0, sizeof wc->masks.regs);
    for (i = 0; i < FLOW_MAX_VLAN_HEADERS; i++) {
        if (wc->masks.vlans[i].tci) {
            wc->masks.vlans[i].tci |= htons(VLAN_CFI);
        }
    }
    /* The datapath has 8-bit ICMP type and code. */
    if (flow_is_ip_any(&ctx->xin->flow)
        && (ctx->xin->flow.nw_proto == IPPROTO_ICMP
            || ctx->xin->flow.nw_proto == IPPROTO_ICMPV6)) {
        wc->masks.tp_src &= htons(UINT8_MAX);
        wc->masks.tp_dst &= htons(UINT8_MAX);
    }
    if (in_port && in_port->is_tunnel) {
        wc->masks.tunnel.ip_src = OVS_BE32_MAX;
        wc->masks.tunnel.ip_dst = OVS_BE32_MAX;
        wc->masks.tunnel.tun_id = OVS_BE64_MAX;
        wc->masks.tunnel.ip_tos = UINT8_MAX;
        wc->masks.tunnel.flags |= (FLOW_TNL_F_KEY | FLOW_TNL_F_CSUM
                                   | FLOW_TNL_F_DONT_FRAGMENT);
    } else {
        memset(&wc->masks.tunnel, 0, sizeof wc->masks.tunnel);
    }
}

int
xlate_actions(const struct xlate_in *xin, struct xlate_out *xout)
{
    struct ofproto *ofproto;
    ofp_port_t ofp_port;
    struct xlate_ctx ctx;
    int error;

    xlate_ctx_init(&ctx, xin, xout);
    if (!ofproto_port_from_odp(xin->flow.in_port.odp_port,
                               &xin->flow.tunnel, &ofproto, &ofp_port)) {
        xlate_wc_finish(&ctx, NULL);
        if (xin->trace) {
            ds_put_format(xin->trace, "No bridge has datapath port %"PRIu32
                          "\n", xin->flow.in_port.odp_port);
        }
        return ENODEV;
    }
    xout->ofproto = ofproto;
    error = xlate_run(&ctx, ofproto, ofp_port);
    xlate_wc_finish(&ctx, ofproto_get_port(ofproto, ofp_port));
    return error == ELOOP || error == E2BIG ? 0 : error;
}

int
xlate_actions_from_ofp(const struct xlate_in *xin, struct ofproto *ofproto,
                       ofp_port_t in_port, struct xlate_out *xout,
                       struct flow *final)
{
    struct xlate_ctx ctx;
    int error;

    xlate_ctx_init(&ctx, xin, xout);
    xout->ofproto = ofproto;
    error = xlate_run(&ctx, ofproto, in_port);
    xlate_wc_finish(&ctx, ofproto_get_port(ofproto, in_port));
    if (final) {
        *final = ctx.flow;
    }
    return error;
}

int
xlate_packet_out(struct ofproto *ofproto, const struct flow *flow,
                 const struct ofpacts *ofpacts, const void *packet,
                 size_t packet_len, struct xlate_out *xout)
{
    struct xlate_ctx ctx;
    struct xlate_in xin;

    memset(&xin, 0, sizeof xin);
    xin.flow = *flow;
    xin.packet = packet;
    xin.packet_len = packet_len;
    xin.may_learn = true;

    xlate_ctx_init(&ctx, &xin, xout);
    xout->ofproto = ofproto;
    xlate_start(&ctx, ofproto, flow->in_port.ofp_port);
    xlate_do_actions(&ctx, ofpacts->acts, ofpacts->n);
    if (ctx.action_set.n && !ctx.exit) {
        xlate_do_actions(&ctx, ctx.action_set.acts, ctx.action_set.n);
    }
    ofpacts_uninit(&ctx.action_set);
    xlate_wc_finish(&ctx, ofproto_get_port(ofproto, flow->in_port.ofp_port));
    if (ctx.error) {
        nl_buf_clear(&xout->odp_actions);
        return ctx.error;
    }
    return 0;
}
