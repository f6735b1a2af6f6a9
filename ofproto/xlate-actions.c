/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

#include <config.h>
#include <string.h>
#include "dynamic-string.h"
#include "match.h"
#include "ofp-parse.h"
#include "ofproto.h"
#include "util.h"
#include "vlog.h"
#include "xlate-private.h"

VLOG_DEFINE_THIS_MODULE(xlate_actions);

/* Sub-field bits.  A union mf_value holds a field in network byte order,
 * 'n_bytes' long; bit 0 is the least significant bit of the last byte. */

static bool
value_get_bit(const union mf_value *v, unsigned int n_bytes, unsigned int k)
{
    return (v->b[n_bytes - 1 - k / 8] >> (k % 8)) & 1;
}

static void
value_set_bit(union mf_value *v, unsigned int n_bytes, unsigned int k,
              bool bit)
{
    uint8_t *byte = &v->b[n_bytes - 1 - k / 8];

    if (bit) {
        *byte |= 1u << (k % 8);
    } else {
        *byte &= ~(1u << (k % 8));
    }
}

/* ORs the bits of 'sf' into the megaflow mask. */
static void
wc_add_subfield(struct xlate_ctx *ctx, const struct mf_subfield *sf)
{
    union mf_value m;
    unsigned int k;

    mf_get(sf->field, &ctx->wc->masks, &m);
    for (k = sf->ofs; k < sf->ofs + sf->n_bits; k++) {
        value_set_bit(&m, sf->field->n_bytes, k, true);
    }
    mf_put(sf->field, &m, &ctx->wc->masks);
}

static void
wc_add_field_mask(struct xlate_ctx *ctx, const struct mf_field *mf,
                  const union mf_value *mask)
{
    union mf_value m;
    unsigned int i;

    mf_get(mf, &ctx->wc->masks, &m);
    for (i = 0; i < mf->n_bytes; i++) {
        m.b[i] |= mask->b[i];
    }
    mf_put(mf, &m, &ctx->wc->masks);
}

/* The prerequisites of 'mf' hold for the packet now (the fields looked at
 * join the megaflow). */
static bool
prereqs_ok(struct xlate_ctx *ctx, const struct mf_field *mf)
{
    struct match match;

    if (mf->prereq == MFP_NONE) {
        return true;
    }
    ctx->wc->masks.dl_type = OVS_BE16_MAX;
    if (mf->prereq != MFP_ARP && mf->prereq != MFP_IPV4
        && mf->prereq != MFP_IPV6 && mf->prereq != MFP_IP_ANY
        && mf->prereq != MFP_VLAN) {
        ctx->wc->masks.nw_proto = UINT8_MAX;
    }
    if (mf->prereq == MFP_ND || mf->prereq == MFP_ND_SOLICIT
        || mf->prereq == MFP_ND_ADVERT) {
        ctx->wc->masks.tp_src = OVS_BE16_MAX;
    }
    if (mf->prereq == MFP_VLAN) {
        ctx->wc->masks.vlans[0].tci |= htons(VLAN_CFI);
    }
    match_init_exact(&match, &ctx->flow);
    return mf_prereqs_ok(mf, &match);
}

static bool
field_touches_headers(const struct mf_field *mf)
{
    return !(mf->id >= MFF_REG0 && mf->id <= MFF_REG15)
           && mf->id != MFF_METADATA;
}

static void
do_set_field(struct xlate_ctx *ctx, const struct mf_field *mf,
             const union mf_value *value, const union mf_value *mask)
{
    union mf_value v;
    unsigned int i;

    if (!prereqs_ok(ctx, mf)) {
        xlate_trace(ctx, " -> %s prerequisites not met, skipping", mf->name);
        return;
    }
    mf_get(mf, &ctx->flow, &v);
    for (i = 0; i < mf->n_bytes; i++) {
        v.b[i] = (v.b[i] & ~mask->b[i]) | (value->b[i] & mask->b[i]);
    }
    mf_put(mf, &v, &ctx->flow);
    if (field_touches_headers(mf)) {
        wc_add_field_mask(ctx, mf, mask);
    }
}

static void
do_reg_move(struct xlate_ctx *ctx, const struct mf_subfield *src,
            const struct mf_subfield *dst)
{
    union mf_value sv, dv;
    unsigned int k;

    if (!prereqs_ok(ctx, src->field) || !prereqs_ok(ctx, dst->field)) {
        return;
    }
    mf_get(src->field, &ctx->flow, &sv);
    mf_get(dst->field, &ctx->flow, &dv);
    for (k = 0; k < src->n_bits && k < dst->n_bits; k++) {
        value_set_bit(&dv, dst->field->n_bytes, dst->ofs + k,
                      value_get_bit(&sv, src->field->n_bytes, src->ofs + k));
    }
    mf_put(dst->field, &dv, &ctx->flow);
    wc_add_subfield(ctx, src);
    if (field_touches_headers(dst->field)) {
        wc_add_subfield(ctx, dst);
    }
}

static uint32_t
read_subfield(struct xlate_ctx *ctx, const struct mf_subfield *sf)
{
    union mf_value v;
    uint32_t x = 0;
    unsigned int k;

    mf_get(sf->field, &ctx->flow, &v);
    for (k = 0; k < sf->n_bits && k < 32; k++) {
        x |= (uint32_t) value_get_bit(&v, sf->field->n_bytes,
                                      sf->ofs + k) << k;
    }
    wc_add_subfield(ctx, sf);
    return x;
}

/* VLAN actions. */

static void
wc_vlan(struct xlate_ctx *ctx)
{
    ctx->wc->masks.vlans[0].tci = OVS_BE16_MAX;
}

static void
set_vlan_vid(struct xlate_ctx *ctx, uint16_t vid)
{
    struct flow_vlan *v = &ctx->flow.vlans[0];

    wc_vlan(ctx);
    if (!(v->tci & htons(VLAN_CFI))) {
        v->tpid = htons(ETH_TYPE_VLAN_8021Q);
        v->tci = htons(VLAN_CFI);
    }
    v->tci = (v->tci & ~htons(VLAN_VID_MASK)) | htons(vid & VLAN_VID_MASK);
}

static void
set_vlan_pcp(struct xlate_ctx *ctx, uint8_t pcp)
{
    struct flow_vlan *v = &ctx->flow.vlans[0];

    wc_vlan(ctx);
    if (!(v->tci & htons(VLAN_CFI))) {
        v->tpid = htons(ETH_TYPE_VLAN_8021Q);
        v->tci = htons(VLAN_CFI);
    }
    v->tci = ((v->tci & ~htons(VLAN_PCP_MASK))
              | htons((pcp << VLAN_PCP_SHIFT) & VLAN_PCP_MASK));
}

static void
pop_vlan(struct xlate_ctx *ctx)
{
    wc_vlan(ctx);
    ctx->flow.vlans[0] = ctx->flow.vlans[1];
    memset(&ctx->flow.vlans[1], 0, sizeof ctx->flow.vlans[1]);
}

static void
push_vlan(struct xlate_ctx *ctx, uint16_t tpid)
{
    struct flow_vlan *v = ctx->flow.vlans;

    wc_vlan(ctx);
    v[1] = v[0];
    v[0].tpid = htons(tpid);
    v[0].tci |= htons(VLAN_CFI);
}

/* L3/L4 rewrites (OpenFlow 1.0 style): ignored when the packet lacks the
 * header, as stock does. */

static bool
is_ip(struct xlate_ctx *ctx)
{
    ctx->wc->masks.dl_type = OVS_BE16_MAX;
    return flow_is_ip_any(&ctx->flow);
}

static bool
is_ipv4(struct xlate_ctx *ctx)
{
    ctx->wc->masks.dl_type = OVS_BE16_MAX;
    return ctx->flow.dl_type == htons(ETH_TYPE_IP);
}

static bool
has_l4_ports(struct xlate_ctx *ctx)
{
    uint8_t proto = ctx->flow.nw_proto;

    if (!is_ip(ctx)) {
        return false;
    }
    ctx->wc->masks.nw_proto = UINT8_MAX;
    return (proto == IPPROTO_TCP || proto == IPPROTO_UDP
            || proto == IPPROTO_SCTP);
}

/* Returns true if translation of this action list must stop. */
static bool
dec_ttl(struct xlate_ctx *ctx)
{
    if (!is_ip(ctx)) {
        return false;
    }
    ctx->wc->masks.nw_ttl = UINT8_MAX;
    ctx->wc->masks.nw_proto = UINT8_MAX;
    if (ctx->flow.nw_ttl > 1) {
        ctx->flow.nw_ttl--;
        return false;
    }
    /* TTL 0 or 1: a packet-in with reason invalid_ttl, and the rest of
     * this action list is skipped. */
    xlate_controller(ctx, UINT16_MAX, OFPR_INVALID_TTL, 0);
    xlate_trace(ctx, " >> IPv%d decrement TTL exception",
                ctx->flow.dl_type == htons(ETH_TYPE_IP) ? 4 : 6);
    return true;
}

static void
resubmit(struct xlate_ctx *ctx, const struct ofpact *a, bool is_last)
{
    uint32_t old_in_port = ctx->flow.in_port.ofp_port;
    uint8_t table = a->resubmit.table == 0xff ? ctx->table_id
                                               : a->resubmit.table;

    if (a->resubmit.in_port != OFPP_IN_PORT) {
        ctx->flow.in_port.ofp_port = a->resubmit.in_port;
    }
    xlate_table(ctx, table, !is_last);
    ctx->flow.in_port.ofp_port = old_in_port;
}

static void
trace_action(struct xlate_ctx *ctx, const struct ofpact *a)
{
    union {
        const struct ofpact *c;
        struct ofpact *p;
    } u = { .c = a };
    struct ofpacts one;
    struct ds *s = ctx->trace;

    one.acts = u.p;
    one.n = 1 + (a->type == OFPACT_WRITE_ACTIONS ? a->n_nested : 0);
    one.allocated = 0;
    ds_put_char_multiple(s, ' ', ctx->indent + 4);
    ofp_format_actions(&one, s);
    ds_put_char(s, '\n');
}

static void
write_actions(struct xlate_ctx *ctx, const struct ofpact *a)
{
    size_t i;

    for (i = 1; i <= a->n_nested; i++) {
        struct ofpact *dst = ofpacts_put(&ctx->action_set, a[i].type);

        *dst = a[i];
    }
}

/* L2 header actions.  Returns false if 'a' is not one. */
static bool
do_l2_action(struct xlate_ctx *ctx, const struct ofpact *a)
{
    switch (a->type) {
    case OFPACT_SET_VLAN_VID:
        set_vlan_vid(ctx, a->u16);
        break;
    case OFPACT_SET_VLAN_PCP:
        set_vlan_pcp(ctx, a->u8);
        break;
    case OFPACT_STRIP_VLAN:
        pop_vlan(ctx);
        break;
    case OFPACT_PUSH_VLAN:
        push_vlan(ctx, a->u16);
        break;
    default:
        return false;
    }
    return true;
}

/* Header and metadata rewrites.  Returns false if 'a' is not one. */
static bool
do_header_action(struct xlate_ctx *ctx, const struct ofpact *a)
{
    struct flow *flow = &ctx->flow;
    struct flow_wildcards *wc = ctx->wc;

    switch (a->type) {
    case OFPACT_SET_ETH_SRC:
        flow->dl_src = a->mac;
        wc->masks.dl_src = ETH_ADDR_EXACT;
        break;
    case OFPACT_SET_ETH_DST:
        flow->dl_dst = a->mac;
        wc->masks.dl_dst = ETH_ADDR_EXACT;
        break;
    case OFPACT_SET_IPV4_SRC:
        if (is_ipv4(ctx)) {
            flow->nw_src = a->ipv4;
            wc->masks.nw_src = OVS_BE32_MAX;
        }
        break;
    case OFPACT_SET_IPV4_DST:
        if (is_ipv4(ctx)) {
            flow->nw_dst = a->ipv4;
            wc->masks.nw_dst = OVS_BE32_MAX;
        }
        break;
    case OFPACT_SET_IP_TOS:
        if (is_ip(ctx)) {
            flow->nw_tos = (flow->nw_tos & ~IP_DSCP_MASK)
                           | (a->u8 & IP_DSCP_MASK);
            wc->masks.nw_tos |= IP_DSCP_MASK;
        }
        break;
    case OFPACT_SET_IP_TTL:
        if (is_ip(ctx)) {
            flow->nw_ttl = a->u8;
            wc->masks.nw_ttl = UINT8_MAX;
        }
        break;
    case OFPACT_SET_L4_SRC:
        if (has_l4_ports(ctx)) {
            flow->tp_src = htons(a->u16);
            wc->masks.tp_src = OVS_BE16_MAX;
        }
        break;
    case OFPACT_SET_L4_DST:
        if (has_l4_ports(ctx)) {
            flow->tp_dst = htons(a->u16);
            wc->masks.tp_dst = OVS_BE16_MAX;
        }
        break;
    case OFPACT_SET_FIELD:
        do_set_field(ctx, a->set_field.field, &a->set_field.value,
                     &a->set_field.mask);
        break;
    case OFPACT_REG_MOVE:
        do_reg_move(ctx, &a->reg_move.src, &a->reg_move.dst);
        break;
    case OFPACT_SET_TUNNEL:
        flow->tunnel.tun_id = htonll(a->tunnel.tun_id);
        break;
    case OFPACT_WRITE_METADATA:
        flow->metadata = htonll((ntohll(flow->metadata)
                                 & ~a->write_metadata.mask)
                                | (a->write_metadata.metadata
                                   & a->write_metadata.mask));
        break;
    default:
        return false;
    }
    return true;
}

/* Executes the 'n' actions at 'acts'. */
void
xlate_do_actions(struct xlate_ctx *ctx, const struct ofpact *acts, size_t n)
{
    size_t i;

    for (i = 0; i < n && !ctx->exit; i++) {
        const struct ofpact *a = &acts[i];

        if (ctx->trace) {
            trace_action(ctx, a);
        }
        if (do_l2_action(ctx, a) || do_header_action(ctx, a)) {
            continue;
        }
        switch (a->type) {
        case OFPACT_OUTPUT:
            xlate_output(ctx, a->output.port, a->output.max_len, false);
            break;
        case OFPACT_ENQUEUE:
            xlate_output(ctx, a->output.port, 0, false);
            break;
        case OFPACT_CONTROLLER:
            xlate_controller(ctx, a->controller.max_len,
                             a->controller.reason,
                             a->controller.controller_id);
            break;
        case OFPACT_OUTPUT_REG:
            xlate_output(ctx, read_subfield(ctx, &a->output_reg.src),
                         a->output_reg.max_len, false);
            break;
        case OFPACT_RESUBMIT:
            resubmit(ctx, a, i == n - 1);
            break;
        case OFPACT_GOTO_TABLE:
            xlate_table(ctx, a->u8, false);
            break;
        case OFPACT_DEC_TTL:
            if (dec_ttl(ctx)) {
                return;
            }
            break;
        case OFPACT_CLEAR_ACTIONS:
            ctx->action_set.n = 0;
            break;
        case OFPACT_WRITE_ACTIONS:
            write_actions(ctx, a);
            i += a->n_nested;
            break;
        case OFPACT_NOTE:
        case OFPACT_SET_QUEUE:
        case OFPACT_COPY_TTL_OUT:
        case OFPACT_COPY_TTL_IN:
            break;
        case OFPACT_SET_MPLS_TTL:
        case OFPACT_DEC_MPLS_TTL:
        case OFPACT_PUSH_MPLS:
        case OFPACT_POP_MPLS:
        case OFPACT_GROUP:
            xlate_trace(ctx, " -> not supported, ignored");
            break;
        default:
            break;
        }
    }
}
