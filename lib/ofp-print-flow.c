/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

/* Printer for matches and actions in the ovs-ofctl flow syntax, in the
 * order and with the shorthands dump-flows uses. */

#include <config.h>
#include "ofp-parse.h"
#include "ofp-parse-private.h"
#include <inttypes.h>
#include <string.h>
#include "dynamic-string.h"
#include "packets.h"
#include "util.h"

/* The caller's port names (ofp_format_set_port_namer()). */
static ofp_port_namer_cb *port_namer;
static void *port_namer_aux;

void
ofp_format_set_port_namer(ofp_port_namer_cb *cb, void *aux)
{
    port_namer = cb;
    port_namer_aux = aux;
}

/* True if 'name' must be quoted to be read back as a port name: it is
 * empty, has characters other than letters, digits, '_', '-' and '.', or
 * would read as a number. */
static bool
port_name_needs_quotes(const char *name)
{
    const char *p;
    bool all_digits = true;

    if (!*name) {
        return true;
    }
    for (p = name; *p; p++) {
        unsigned char c = *p;

        if (!(c >= '0' && c <= '9')) {
            all_digits = false;
        }
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9') || c == '_' || c == '-'
              || c == '.')) {
            return true;
        }
    }
    return all_digits;
}

static void
put_port_name(struct ds *s, const char *name)
{
    const char *p;

    if (!port_name_needs_quotes(name)) {
        ds_put_cstr(s, name);
        return;
    }
    ds_put_char(s, '"');
    for (p = name; *p; p++) {
        if (*p == '"' || *p == '\\') {
            ds_put_char(s, '\\');
        }
        ds_put_char(s, *p);
    }
    ds_put_char(s, '"');
}

/* Appends 'port' by name if the caller gave names and one fits. */
static bool
put_named_port(struct ds *s, ofp_port_t port)
{
    const char *name;

    if (port_namer && port < OFPP_MAX
        && (name = port_namer(port, port_namer_aux)) != NULL) {
        put_port_name(s, name);
        return true;
    }
    return false;
}

static void
put_port(struct ds *s, ofp_port_t port)
{
    const struct ofp_port_name *pn;

    if (put_named_port(s, port)) {
        return;
    }
    for (pn = ofp_port_names; pn->name; pn++) {
        if (pn->port == port) {
            ds_put_cstr(s, pn->name);
            return;
        }
    }
    ds_put_format(s, "%"PRIu16, (uint16_t) port);
}

/* How to show an integer field. */
enum int_style {
    IS_DEC,                     /* Decimal, masked as 0x../0x... */
    IS_HEX,                     /* 0x.., masked as 0x../0x... */
};

/* Appends "name=value[/mask]," for field 'id' of 'm' if it is matched. */
static void
put_field(struct ds *s, const char *name, enum mf_id id,
          const struct match *m, enum int_style style)
{
    const struct mf_field *mf = mf_from_id(id);
    union mf_value v, mask;

    mf_get(mf, &m->flow, &v);
    mf_get(mf, &m->wc.masks, &mask);
    if (mf_value_is_zero(mf, &mask)) {
        return;
    }
    ds_put_format(s, "%s=", name);
    switch (ofp_field_kind(mf)) {
    case OSK_MAC: {
        struct eth_addr ea, em;
        memcpy(&ea, v.b, 6);
        memcpy(&em, mask.b, 6);
        ds_put_eth_addr_masked(s, ea, em);
        break;
    }
    case OSK_IPV4:
        ds_put_ip_masked(s, v.be32, mask.be32);
        break;
    case OSK_IPV6: {
        struct in6_addr a, am;
        memcpy(&a, v.b, 16);
        memcpy(&am, mask.b, 16);
        ds_put_ipv6_masked(s, &a, &am);
        break;
    }
    case OSK_PORT:
        put_port(s, ofp_value_to_u64(mf, &v));
        break;
    default: {
        uint64_t x = ofp_value_to_u64(mf, &v);
        uint64_t mx = ofp_value_to_u64(mf, &mask);
        bool exact = mf_value_is_exact(mf, &mask);

        if (exact && style == IS_DEC) {
            ds_put_format(s, "%"PRIu64, x);
        } else {
            ds_put_format(s, "0x%"PRIx64, x);
            if (!exact) {
                ds_put_format(s, "/0x%"PRIx64, mx);
            }
        }
        break;
    }
    }
    ds_put_char(s, ',');
}

/* Returns the shorthand for 'm', and whether it covers nw_proto. */
static const char *
shorthand_for(const struct match *m, bool *has_proto)
{
    const struct ofp_shorthand *sh;
    const struct ofp_shorthand *best = NULL;
    uint16_t dl_type;

    *has_proto = false;
    if (m->wc.masks.dl_type != htons(0xffff)) {
        return NULL;
    }
    dl_type = ntohs(m->flow.dl_type);
    for (sh = ofp_shorthands; sh->name; sh++) {
        if (sh->dl_type != dl_type) {
            continue;
        }
        if (!sh->nw_proto && !best) {
            best = sh;
        } else if (sh->nw_proto && m->wc.masks.nw_proto == 0xff
                   && m->flow.nw_proto == sh->nw_proto) {
            *has_proto = true;
            return sh->name;
        }
    }
    return best ? best->name : NULL;
}

static void
put_vlan(struct ds *s, const struct match *m)
{
    uint16_t tci = ntohs(m->flow.vlans[0].tci);
    uint16_t mask = ntohs(m->wc.masks.vlans[0].tci);
    uint16_t vid_mask = VLAN_VID_MASK | VLAN_CFI;
    uint16_t pcp_mask = 0xe000 | VLAN_CFI;

    if (!mask) {
        return;
    }
    if (mask == 0xffff && !tci) {
        ds_put_cstr(s, "vlan_tci=0x0000,");
    } else if ((mask == vid_mask || mask == 0xffff || mask == pcp_mask)
               && tci & VLAN_CFI) {
        if (mask & VLAN_VID_MASK) {
            ds_put_format(s, "dl_vlan=%u,", tci & VLAN_VID_MASK);
        }
        if (mask & 0xe000) {
            ds_put_format(s, "dl_vlan_pcp=%u,", tci >> 13);
        }
    } else {
        ds_put_format(s, "vlan_tci=0x%04x", tci);
        if (mask != 0xffff) {
            ds_put_format(s, "/0x%04x", mask);
        }
        ds_put_char(s, ',');
    }
}

static void
put_frag(struct ds *s, const struct match *m)
{
    uint8_t v = m->flow.nw_frag, mask = m->wc.masks.nw_frag;
    const char *name;

    if (!mask) {
        return;
    }
    if (mask == FLOW_NW_FRAG_ANY) {
        name = v ? "yes" : "no";
    } else if (mask == FLOW_NW_FRAG_MASK) {
        name = !v ? "no" : v == FLOW_NW_FRAG_ANY ? "first" : "later";
    } else {
        name = v ? "later" : "not_later";
    }
    ds_put_format(s, "nw_frag=%s,", name);
}

static void
put_tcp_flags(struct ds *s, const struct match *m)
{
    uint16_t v = ntohs(m->flow.tcp_flags);
    uint16_t mask = ntohs(m->wc.masks.tcp_flags);
    int i;

    if (!mask) {
        return;
    }
    ds_put_cstr(s, "tcp_flags=");
    if (mask & ~0x1ff) {
        ds_put_format(s, "0x%03x/0x%03x,", v, mask);
        return;
    }
    for (i = 0; i < 9; i++) {
        uint16_t bit = 1 << i;
        if (mask & bit) {
            ds_put_format(s, "%c%s", v & bit ? '+' : '-',
                          ofp_tcp_flag_name(bit));
        }
    }
    ds_put_char(s, ',');
}

static void
put_l3(struct ds *s, const struct match *m, uint16_t dl_type,
       bool proto_done)
{
    bool arp = dl_type == ETH_TYPE_ARP || dl_type == ETH_TYPE_RARP;

    if (dl_type == ETH_TYPE_IPV6) {
        put_field(s, "ipv6_src", MFF_IPV6_SRC, m, IS_HEX);
        put_field(s, "ipv6_dst", MFF_IPV6_DST, m, IS_HEX);
        put_field(s, "ipv6_label", MFF_IPV6_LABEL, m, IS_HEX);
    } else if (arp) {
        put_field(s, "arp_spa", MFF_ARP_SPA, m, IS_DEC);
        put_field(s, "arp_tpa", MFF_ARP_TPA, m, IS_DEC);
    } else {
        put_field(s, "nw_src", MFF_IPV4_SRC, m, IS_DEC);
        put_field(s, "nw_dst", MFF_IPV4_DST, m, IS_DEC);
    }
    if (!proto_done && m->wc.masks.nw_proto) {
        ds_put_format(s, "%s=%u,", arp ? "arp_op" : "nw_proto",
                      m->flow.nw_proto);
    }
    if (arp) {
        put_field(s, "arp_sha", MFF_ARP_SHA, m, IS_DEC);
        put_field(s, "arp_tha", MFF_ARP_THA, m, IS_DEC);
        return;
    }
    if (m->wc.masks.nw_tos & 0xfc) {
        ds_put_format(s, "nw_tos=%u,", m->flow.nw_tos & 0xfc);
    }
    if (m->wc.masks.nw_tos & 3) {
        ds_put_format(s, "nw_ecn=%u,", m->flow.nw_tos & 3);
    }
    if (m->wc.masks.nw_ttl) {
        ds_put_format(s, "nw_ttl=%u,", m->flow.nw_ttl);
    }
    put_frag(s, m);
}

static void
put_l4(struct ds *s, const struct match *m, uint16_t dl_type)
{
    int proto = m->wc.masks.nw_proto == 0xff ? m->flow.nw_proto : -1;

    if ((dl_type == ETH_TYPE_IP && proto == IPPROTO_ICMP)
        || (dl_type == ETH_TYPE_IPV6 && proto == IPPROTO_ICMPV6)) {
        if (m->wc.masks.tp_src) {
            ds_put_format(s, "icmp_type=%u,", ntohs(m->flow.tp_src));
        }
        if (m->wc.masks.tp_dst) {
            ds_put_format(s, "icmp_code=%u,", ntohs(m->flow.tp_dst));
        }
        if (dl_type == ETH_TYPE_IPV6) {
            put_field(s, "nd_target", MFF_ND_TARGET, m, IS_HEX);
            put_field(s, "nd_sll", MFF_ND_SLL, m, IS_HEX);
            put_field(s, "nd_tll", MFF_ND_TLL, m, IS_HEX);
        }
    } else {
        put_field(s, "tp_src", MFF_TCP_SRC, m, IS_DEC);
        put_field(s, "tp_dst", MFF_TCP_DST, m, IS_DEC);
    }
    if (proto == IPPROTO_TCP) {
        put_tcp_flags(s, m);
    }
}

void
ofp_format_match(const struct match *m, int priority, struct ds *s)
{
    bool proto_done;
    const char *sh = shorthand_for(m, &proto_done);
    uint16_t dl_type = (m->wc.masks.dl_type == htons(0xffff)
                        ? ntohs(m->flow.dl_type) : 0);
    size_t start = s->length;
    char name[16];
    int i;

    if (priority != OFP_DEFAULT_PRIORITY) {
        ds_put_format(s, "priority=%d,", priority);
    }
    if (sh) {
        ds_put_format(s, "%s,", sh);
    }
    put_field(s, "pkt_mark", MFF_PKT_MARK, m, IS_HEX);
    for (i = 0; i < FLOW_N_REGS; i++) {
        snprintf(name, sizeof name, "reg%d", i);
        put_field(s, name, MFF_REG0 + i, m, IS_HEX);
    }
    put_field(s, "tun_id", MFF_TUN_ID, m, IS_HEX);
    put_field(s, "tun_src", MFF_TUN_SRC, m, IS_HEX);
    put_field(s, "tun_dst", MFF_TUN_DST, m, IS_HEX);
    put_field(s, "metadata", MFF_METADATA, m, IS_HEX);
    put_field(s, "in_port", MFF_IN_PORT, m, IS_DEC);
    put_vlan(s, m);
    put_field(s, "dl_src", MFF_ETH_SRC, m, IS_HEX);
    put_field(s, "dl_dst", MFF_ETH_DST, m, IS_HEX);
    if (!sh && m->wc.masks.dl_type) {
        ds_put_format(s, "dl_type=0x%04"PRIx16",", ntohs(m->flow.dl_type));
    }
    put_l3(s, m, dl_type, proto_done);
    put_l4(s, m, dl_type);
    if (s->length > start) {
        ds_chomp(s, ',');
    }
}

static void
put_subfield_range(const struct mf_subfield *sf, struct ds *s)
{
    if (sf->ofs == 0 && sf->n_bits == sf->field->n_bits) {
        ds_put_cstr(s, "[]");
    } else if (sf->n_bits == 1) {
        ds_put_format(s, "[%u]", sf->ofs);
    } else {
        ds_put_format(s, "[%u..%u]", sf->ofs, sf->ofs + sf->n_bits - 1);
    }
}

void
ofp_format_subfield(const struct mf_subfield *sf, struct ds *s)
{
    char buf[64];

    ofp_nxm_name(sf->field, buf);
    ds_put_cstr(s, buf);
    put_subfield_range(sf, s);
}

/* Bit 'i' (0 = least significant) of the 'n_bytes'-byte big-endian
 * value 'v'. */
static bool
value_bit(const union mf_value *v, unsigned int n_bytes, unsigned int i)
{
    return (v->b[n_bytes - 1 - i / 8] >> (i % 8)) & 1;
}

/* If 'mask' of field 'mf' is one run of at most 64 one-bits, stores its
 * position in '*sf', the bits of 'value' under it in '*bits', and returns
 * true. */
static bool
mask_to_subfield(const struct mf_field *mf, const union mf_value *value,
                 const union mf_value *mask, struct mf_subfield *sf,
                 uint64_t *bits)
{
    unsigned int n = mf->n_bytes * 8, lo = n, hi = 0, i;

    for (i = 0; i < n; i++) {
        if (value_bit(mask, mf->n_bytes, i)) {
            lo = MIN(lo, i);
            hi = i;
        }
    }
    if (lo == n || hi - lo >= 64) {
        return false;
    }
    *bits = 0;
    for (i = hi + 1; i-- > lo; ) {
        if (!value_bit(mask, mf->n_bytes, i)) {
            return false;
        }
        *bits = (*bits << 1) | value_bit(value, mf->n_bytes, i);
    }
    sf->field = mf;
    sf->ofs = lo;
    sf->n_bits = hi - lo + 1;
    return true;
}

/* Fields whose set_field values stock prints in decimal. */
static bool
set_field_is_decimal(const struct mf_field *mf)
{
    switch (mf->id) {
    case MFF_VLAN_VID:
    case MFF_VLAN_PCP:
    case MFF_IP_DSCP:
    case MFF_IP_ECN:
    case MFF_IP_TTL:
    case MFF_IP_PROTO:
    case MFF_TCP_SRC:
    case MFF_TCP_DST:
    case MFF_UDP_SRC:
    case MFF_UDP_DST:
    case MFF_SCTP_SRC:
    case MFF_SCTP_DST:
    case MFF_ICMPV4_TYPE:
    case MFF_ICMPV4_CODE:
    case MFF_ICMPV6_TYPE:
    case MFF_ICMPV6_CODE:
    case MFF_ARP_OP:
        return true;
    default:
        return false;
    }
}

static void
put_set_field(const struct ofpact *a, struct ds *s)
{
    const struct mf_field *mf = a->set_field.field;
    uint64_t v = ofp_value_to_u64(mf, &a->set_field.value);
    uint64_t m = ofp_value_to_u64(mf, &a->set_field.mask);
    bool exact = mf_value_is_exact(mf, &a->set_field.mask);
    struct mf_subfield sf;
    uint64_t bits;

    /* A register load, and any partial write of a field wider than 64
     * bits (what OpenFlow 1.0 carries as several loads), prints as
     * "load:" of a sub-field. */
    if ((a->set_field.reg_load || (!exact && mf->n_bytes > 8))
        && mask_to_subfield(mf, &a->set_field.value, &a->set_field.mask,
                            &sf, &bits)) {
        ds_put_format(s, "load:0x%"PRIx64"->", bits);
        ofp_format_subfield(&sf, s);
        return;
    }
    ds_put_cstr(s, "set_field:");
    switch (ofp_field_kind(mf)) {
    case OSK_MAC: {
        struct eth_addr ea;
        memcpy(&ea, a->set_field.value.b, 6);
        ds_put_eth_addr(s, ea);
        if (!exact) {
            memcpy(&ea, a->set_field.mask.b, 6);
            ds_put_char(s, '/');
            ds_put_eth_addr(s, ea);
        }
        break;
    }
    case OSK_IPV4:
        ds_put_ip(s, a->set_field.value.be32);
        if (!exact) {
            ds_put_char(s, '/');
            ds_put_ip(s, a->set_field.mask.be32);
        }
        break;
    case OSK_IPV6: {
        struct in6_addr ip;
        memcpy(&ip, a->set_field.value.b, 16);
        ds_put_ipv6(s, &ip);
        if (!exact) {
            memcpy(&ip, a->set_field.mask.b, 16);
            ds_put_char(s, '/');
            ds_put_ipv6(s, &ip);
        }
        break;
    }
    default:
        if (exact && set_field_is_decimal(mf)) {
            ds_put_format(s, "%"PRIu64, v);
            break;
        }
        ds_put_format(s, "0x%"PRIx64, v);
        if (!exact) {
            ds_put_format(s, "/0x%"PRIx64, m);
        }
        break;
    }
    ds_put_format(s, "->%s", mf->name);
}

static void
put_resubmit(const struct ofpact *a, struct ds *s)
{
    /* Stock prints the short form whenever there is no table, whichever
     * of the two Nicira actions carried it. */
    if (a->resubmit.table == 0xff && a->resubmit.in_port != OFPP_IN_PORT) {
        ds_put_cstr(s, "resubmit:");
        put_port(s, a->resubmit.in_port);
        return;
    }
    ds_put_cstr(s, "resubmit(");
    if (a->resubmit.in_port != OFPP_IN_PORT) {
        put_port(s, a->resubmit.in_port);
    }
    ds_put_char(s, ',');
    if (a->resubmit.table != 0xff) {
        ds_put_format(s, "%u", a->resubmit.table);
    }
    ds_put_char(s, ')');
}

static void
put_action(const struct ofpact *a, struct ds *s)
{
    size_t i;

    switch (a->type) {
    case OFPACT_OUTPUT:
        if (a->output.port < OFPP_MAX) {
            ds_put_cstr(s, "output:");
            put_port(s, a->output.port);
        } else if (a->output.port == OFPP_CONTROLLER) {
            ds_put_format(s, "CONTROLLER:%u", a->output.max_len);
        } else {
            put_port(s, a->output.port);
        }
        break;
    case OFPACT_ENQUEUE:
        ds_put_cstr(s, "enqueue:");
        put_port(s, a->output.port);
        ds_put_format(s, ":%"PRIu32, a->output.queue);
        break;
    case OFPACT_CONTROLLER:
        ds_put_format(s, "CONTROLLER:%u", a->controller.max_len);
        break;
    case OFPACT_OUTPUT_REG:
        ds_put_cstr(s, "output:");
        ofp_format_subfield(&a->output_reg.src, s);
        break;
    case OFPACT_SET_VLAN_VID:
        ds_put_format(s, "mod_vlan_vid:%u", a->u16);
        break;
    case OFPACT_SET_VLAN_PCP:
        ds_put_format(s, "mod_vlan_pcp:%u", a->u8);
        break;
    case OFPACT_STRIP_VLAN:
        ds_put_cstr(s, "strip_vlan");
        break;
    case OFPACT_PUSH_VLAN:
        ds_put_format(s, "push_vlan:0x%04x", a->u16);
        break;
    case OFPACT_SET_ETH_SRC:
    case OFPACT_SET_ETH_DST:
        ds_put_cstr(s, a->type == OFPACT_SET_ETH_SRC ? "mod_dl_src:"
                    : "mod_dl_dst:");
        ds_put_eth_addr(s, a->mac);
        break;
    case OFPACT_SET_IPV4_SRC:
    case OFPACT_SET_IPV4_DST:
        ds_put_cstr(s, a->type == OFPACT_SET_IPV4_SRC ? "mod_nw_src:"
                    : "mod_nw_dst:");
        ds_put_ip(s, a->ipv4);
        break;
    case OFPACT_SET_IP_TOS:
        ds_put_format(s, "mod_nw_tos:%u", a->u8);
        break;
    case OFPACT_SET_L4_SRC:
        ds_put_format(s, "mod_tp_src:%u", a->u16);
        break;
    case OFPACT_SET_L4_DST:
        ds_put_format(s, "mod_tp_dst:%u", a->u16);
        break;
    case OFPACT_SET_FIELD:
        put_set_field(a, s);
        break;
    case OFPACT_REG_MOVE:
        ds_put_cstr(s, "move:");
        ofp_format_subfield(&a->reg_move.src, s);
        ds_put_cstr(s, "->");
        ofp_format_subfield(&a->reg_move.dst, s);
        break;
    case OFPACT_RESUBMIT:
        put_resubmit(a, s);
        break;
    case OFPACT_SET_TUNNEL:
        ds_put_format(s, "set_tunnel%s:0x%"PRIx64,
                      a->tunnel.tunnel64 ? "64" : "", a->tunnel.tun_id);
        break;
    case OFPACT_NOTE:
        ds_put_cstr(s, "note:");
        for (i = 0; i < a->note.len; i++) {
            ds_put_format(s, "%s%02x", i ? "." : "", a->note.data[i]);
        }
        break;
    case OFPACT_DEC_TTL:
        ds_put_cstr(s, "dec_ttl");
        break;
    case OFPACT_SET_IP_TTL:
        ds_put_format(s, "mod_nw_ttl:%u", a->u8);
        break;
    case OFPACT_COPY_TTL_OUT:
        ds_put_cstr(s, "copy_ttl_out");
        break;
    case OFPACT_COPY_TTL_IN:
        ds_put_cstr(s, "copy_ttl_in");
        break;
    case OFPACT_SET_MPLS_TTL:
        ds_put_format(s, "set_mpls_ttl(%u)", a->u8);
        break;
    case OFPACT_DEC_MPLS_TTL:
        ds_put_cstr(s, "dec_mpls_ttl");
        break;
    case OFPACT_PUSH_MPLS:
        ds_put_format(s, "push_mpls:0x%04x", a->u16);
        break;
    case OFPACT_POP_MPLS:
        ds_put_format(s, "pop_mpls:0x%04x", a->u16);
        break;
    case OFPACT_SET_QUEUE:
        ds_put_format(s, "set_queue:%"PRIu32, a->u32);
        break;
    case OFPACT_GROUP:
        ds_put_format(s, "group:%"PRIu32, a->u32);
        break;
    case OFPACT_CLEAR_ACTIONS:
        ds_put_cstr(s, "clear_actions");
        break;
    case OFPACT_WRITE_ACTIONS:
        ds_put_cstr(s, "write_actions(");
        break;
    case OFPACT_WRITE_METADATA:
        ds_put_format(s, "write_metadata:0x%"PRIx64,
                      a->write_metadata.metadata);
        if (a->write_metadata.mask != UINT64_MAX) {
            ds_put_format(s, "/0x%"PRIx64, a->write_metadata.mask);
        }
        break;
    case OFPACT_GOTO_TABLE:
        ds_put_format(s, "goto_table:%u", a->u8);
        break;
    case OFPACT_N_TYPES:
    default:
        ds_put_format(s, "<unknown action %d>", (int) a->type);
        break;
    }
}

void
ofp_format_actions(const struct ofpacts *acts, struct ds *s)
{
    size_t nested_end = 0;
    size_t i;

    if (!acts->n) {
        ds_put_cstr(s, "drop");
        return;
    }
    for (i = 0; i < acts->n; i++) {
        const struct ofpact *a = &acts->acts[i];

        if (i && s->string[s->length - 1] != '(') {
            ds_put_char(s, ',');
        }
        put_action(a, s);
        if (a->type == OFPACT_WRITE_ACTIONS) {
            nested_end = i + 1 + a->n_nested;
        }
        if (nested_end && i + 1 == nested_end) {
            ds_put_char(s, ')');
            nested_end = 0;
        }
    }
}

void
ofp_format_flow(const struct ofp_flow_print_stats *st,
                const struct match *match, int priority,
                const struct ofpacts *acts, struct ds *s)
{
    size_t start;

    ds_put_format(s, " cookie=0x%"PRIx64", duration=%"PRIu32".%03"PRIu32"s, "
                  "table=%u, n_packets=%"PRIu64", n_bytes=%"PRIu64", ",
                  st->cookie, st->duration_sec, st->duration_nsec / 1000000,
                  st->table_id, st->n_packets, st->n_bytes);
    if (st->idle_timeout) {
        ds_put_format(s, "idle_timeout=%u, ", st->idle_timeout);
    }
    if (st->hard_timeout) {
        ds_put_format(s, "hard_timeout=%u, ", st->hard_timeout);
    }
    if (st->idle_age >= 0) {
        ds_put_format(s, "idle_age=%d, ", st->idle_age);
    }
    start = s->length;
    ofp_format_match(match, priority, s);
    if (s->length > start) {
        ds_put_char(s, ' ');
    }
    ds_put_cstr(s, "actions=");
    ofp_format_actions(acts, s);
}
