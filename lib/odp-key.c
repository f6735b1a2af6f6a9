/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

#include <config.h>
#include "odp-key.h"

#include <errno.h>
#include <stdarg.h>
#include <string.h>
#include "netlink.h"
#include "util.h"

/* Errors. */

int
odp_error(char **errp, int error, const char *format, ...)
{
    if (errp && !*errp) {
        va_list args;

        va_start(args, format);
        *errp = xvasprintf(format, args);
        va_end(args);
    }
    return error;
}

/* Layouts of the fixed-size key attributes. */

#define FLOW_OFS(MEMBER) ((uint16_t) offsetof(struct flow, MEMBER))
#define KEY_OFS(STRUCT, MEMBER) ((uint8_t) offsetof(STRUCT, MEMBER))
#define KEY_SIZE(STRUCT, MEMBER) ((uint8_t) sizeof(((STRUCT *) 0)->MEMBER))

/* A field of struct 'S' member 'M' named 'NAME', copied to flow member
 * 'FM'. */
#define FIELD(NAME, S, M, FMT, FM)                                      \
    { NAME, KEY_OFS(S, M), KEY_SIZE(S, M), false, FMT, ODP_CONV_COPY,  \
      FLOW_OFS(FM) }
#define FIELD_CONV(NAME, S, M, FMT, CONV, FM)                           \
    { NAME, KEY_OFS(S, M), KEY_SIZE(S, M), false, FMT, CONV,           \
      FLOW_OFS(FM) }

/* A scalar attribute of 'SIZE' bytes in host order mapped to flow member
 * 'FM'. */
#define SCALAR_HOST(SIZE, FMT, CONV, FM)                                \
    { NULL, 0, SIZE, true, FMT, CONV, FLOW_OFS(FM) }

static const struct odp_field priority_fields[] = {
    SCALAR_HOST(4, ODP_FMT_HEX, ODP_CONV_COPY, skb_priority),
};
static const struct odp_field in_port_fields[] = {
    SCALAR_HOST(4, ODP_FMT_DEC, ODP_CONV_COPY, in_port),
};
static const struct odp_field skb_mark_fields[] = {
    SCALAR_HOST(4, ODP_FMT_HEX, ODP_CONV_COPY, pkt_mark),
};
static const struct odp_field recirc_id_fields[] = {
    SCALAR_HOST(4, ODP_FMT_HEX, ODP_CONV_COPY, recirc_id),
};
static const struct odp_field dp_hash_fields[] = {
    SCALAR_HOST(4, ODP_FMT_HEX, ODP_CONV_COPY, dp_hash),
};
static const struct odp_field ct_state_fields[] = {
    SCALAR_HOST(4, ODP_FMT_HEX, ODP_CONV_U32_U8, ct_state),
};
static const struct odp_field ct_zone_fields[] = {
    SCALAR_HOST(2, ODP_FMT_HEX, ODP_CONV_COPY, ct_zone),
};
static const struct odp_field ct_mark_fields[] = {
    SCALAR_HOST(4, ODP_FMT_HEX, ODP_CONV_COPY, ct_mark),
};
static const struct odp_field ct_labels_fields[] = {
    { NULL, 0, 16, true, ODP_FMT_U128, ODP_CONV_COPY, FLOW_OFS(ct_label) },
};
static const struct odp_field ethertype_fields[] = {
    { NULL, 0, 2, false, ODP_FMT_HEX, ODP_CONV_COPY, FLOW_OFS(dl_type) },
};
static const struct odp_field vlan_fields[] = {
    { NULL, 0, 2, false, ODP_FMT_HEX, ODP_CONV_NONE, 0 },
};
static const struct odp_field tcp_flags_fields[] = {
    { NULL, 0, 2, false, ODP_FMT_HEX, ODP_CONV_COPY, FLOW_OFS(tcp_flags) },
};
static const struct odp_field ipv6_exthdrs_fields[] = {
    SCALAR_HOST(2, ODP_FMT_HEX, ODP_CONV_NONE, in_port),
};

static const struct odp_field ethernet_fields[] = {
    FIELD("src", struct ovs_key_ethernet, eth_src, ODP_FMT_ETH, dl_src),
    FIELD("dst", struct ovs_key_ethernet, eth_dst, ODP_FMT_ETH, dl_dst),
};

static const struct odp_field ipv4_fields[] = {
    FIELD("src", struct ovs_key_ipv4, ipv4_src, ODP_FMT_IPV4, nw_src),
    FIELD("dst", struct ovs_key_ipv4, ipv4_dst, ODP_FMT_IPV4, nw_dst),
    FIELD("proto", struct ovs_key_ipv4, ipv4_proto, ODP_FMT_DEC, nw_proto),
    FIELD("tos", struct ovs_key_ipv4, ipv4_tos, ODP_FMT_HEX, nw_tos),
    FIELD("ttl", struct ovs_key_ipv4, ipv4_ttl, ODP_FMT_DEC, nw_ttl),
    FIELD_CONV("frag", struct ovs_key_ipv4, ipv4_frag, ODP_FMT_FRAG,
               ODP_CONV_FRAG, nw_frag),
};

static const struct odp_field ipv6_fields[] = {
    FIELD("src", struct ovs_key_ipv6, ipv6_src, ODP_FMT_IPV6, ipv6_src),
    FIELD("dst", struct ovs_key_ipv6, ipv6_dst, ODP_FMT_IPV6, ipv6_dst),
    FIELD("label", struct ovs_key_ipv6, ipv6_label, ODP_FMT_HEX,
          ipv6_label),
    FIELD("proto", struct ovs_key_ipv6, ipv6_proto, ODP_FMT_DEC, nw_proto),
    FIELD("tclass", struct ovs_key_ipv6, ipv6_tclass, ODP_FMT_HEX, nw_tos),
    FIELD("hlimit", struct ovs_key_ipv6, ipv6_hlimit, ODP_FMT_DEC, nw_ttl),
    FIELD_CONV("frag", struct ovs_key_ipv6, ipv6_frag, ODP_FMT_FRAG,
               ODP_CONV_FRAG, nw_frag),
};

static const struct odp_field tcp_fields[] = {
    FIELD("src", struct ovs_key_tcp, tcp_src, ODP_FMT_DEC, tp_src),
    FIELD("dst", struct ovs_key_tcp, tcp_dst, ODP_FMT_DEC, tp_dst),
};

static const struct odp_field udp_fields[] = {
    FIELD("src", struct ovs_key_udp, udp_src, ODP_FMT_DEC, tp_src),
    FIELD("dst", struct ovs_key_udp, udp_dst, ODP_FMT_DEC, tp_dst),
};

static const struct odp_field sctp_fields[] = {
    FIELD("src", struct ovs_key_sctp, sctp_src, ODP_FMT_DEC, tp_src),
    FIELD("dst", struct ovs_key_sctp, sctp_dst, ODP_FMT_DEC, tp_dst),
};

static const struct odp_field icmp_fields[] = {
    FIELD_CONV("type", struct ovs_key_icmp, icmp_type, ODP_FMT_DEC,
               ODP_CONV_U8_BE16, tp_src),
    FIELD_CONV("code", struct ovs_key_icmp, icmp_code, ODP_FMT_DEC,
               ODP_CONV_U8_BE16, tp_dst),
};

static const struct odp_field icmpv6_fields[] = {
    FIELD_CONV("type", struct ovs_key_icmpv6, icmpv6_type, ODP_FMT_DEC,
               ODP_CONV_U8_BE16, tp_src),
    FIELD_CONV("code", struct ovs_key_icmpv6, icmpv6_code, ODP_FMT_DEC,
               ODP_CONV_U8_BE16, tp_dst),
};

static const struct odp_field arp_fields[] = {
    FIELD("sip", struct ovs_key_arp, arp_sip, ODP_FMT_IPV4, nw_src),
    FIELD("tip", struct ovs_key_arp, arp_tip, ODP_FMT_IPV4, nw_dst),
    FIELD_CONV("op", struct ovs_key_arp, arp_op, ODP_FMT_DEC,
               ODP_CONV_BE16_U8, nw_proto),
    FIELD("sha", struct ovs_key_arp, arp_sha, ODP_FMT_ETH, arp_sha),
    FIELD("tha", struct ovs_key_arp, arp_tha, ODP_FMT_ETH, arp_tha),
};

static const struct odp_field nd_fields[] = {
    FIELD("target", struct ovs_key_nd, nd_target, ODP_FMT_IPV6, nd_target),
    FIELD("sll", struct ovs_key_nd, nd_sll, ODP_FMT_ETH, arp_sha),
    FIELD("tll", struct ovs_key_nd, nd_tll, ODP_FMT_ETH, arp_tha),
};

static const struct odp_field ct_tuple4_fields[] = {
    FIELD("src", struct ovs_key_ct_tuple_ipv4, ipv4_src, ODP_FMT_IPV4,
          ct_nw_src),
    FIELD("dst", struct ovs_key_ct_tuple_ipv4, ipv4_dst, ODP_FMT_IPV4,
          ct_nw_dst),
    FIELD("proto", struct ovs_key_ct_tuple_ipv4, ipv4_proto, ODP_FMT_DEC,
          ct_nw_proto),
    FIELD("tp_src", struct ovs_key_ct_tuple_ipv4, src_port, ODP_FMT_DEC,
          ct_tp_src),
    FIELD("tp_dst", struct ovs_key_ct_tuple_ipv4, dst_port, ODP_FMT_DEC,
          ct_tp_dst),
};

static const struct odp_field ct_tuple6_fields[] = {
    FIELD("src", struct ovs_key_ct_tuple_ipv6, ipv6_src, ODP_FMT_IPV6,
          ct_ipv6_src),
    FIELD("dst", struct ovs_key_ct_tuple_ipv6, ipv6_dst, ODP_FMT_IPV6,
          ct_ipv6_dst),
    FIELD("proto", struct ovs_key_ct_tuple_ipv6, ipv6_proto, ODP_FMT_DEC,
          ct_nw_proto),
    FIELD("tp_src", struct ovs_key_ct_tuple_ipv6, src_port, ODP_FMT_DEC,
          ct_tp_src),
    FIELD("tp_dst", struct ovs_key_ct_tuple_ipv6, dst_port, ODP_FMT_DEC,
          ct_tp_dst),
};

#define LAYOUT(TYPE, NAME, SIZE, FIELDS) \
    [TYPE] = { TYPE, NAME, SIZE, FIELDS, ARRAY_SIZE(FIELDS) }

static const struct odp_attr_layout layouts[OVS_KEY_ATTR_MAX + 1] = {
    LAYOUT(OVS_KEY_ATTR_PRIORITY, "skb_priority", 4, priority_fields),
    LAYOUT(OVS_KEY_ATTR_IN_PORT, "in_port", 4, in_port_fields),
    LAYOUT(OVS_KEY_ATTR_ETHERNET, "eth", sizeof(struct ovs_key_ethernet),
           ethernet_fields),
    LAYOUT(OVS_KEY_ATTR_VLAN, "vlan", 2, vlan_fields),
    LAYOUT(OVS_KEY_ATTR_ETHERTYPE, "eth_type", 2, ethertype_fields),
    LAYOUT(OVS_KEY_ATTR_IPV4, "ipv4", sizeof(struct ovs_key_ipv4),
           ipv4_fields),
    LAYOUT(OVS_KEY_ATTR_IPV6, "ipv6", sizeof(struct ovs_key_ipv6),
           ipv6_fields),
    LAYOUT(OVS_KEY_ATTR_TCP, "tcp", sizeof(struct ovs_key_tcp), tcp_fields),
    LAYOUT(OVS_KEY_ATTR_UDP, "udp", sizeof(struct ovs_key_udp), udp_fields),
    LAYOUT(OVS_KEY_ATTR_ICMP, "icmp", sizeof(struct ovs_key_icmp),
           icmp_fields),
    LAYOUT(OVS_KEY_ATTR_ICMPV6, "icmpv6", sizeof(struct ovs_key_icmpv6),
           icmpv6_fields),
    LAYOUT(OVS_KEY_ATTR_ARP, "arp", sizeof(struct ovs_key_arp), arp_fields),
    LAYOUT(OVS_KEY_ATTR_ND, "nd", sizeof(struct ovs_key_nd), nd_fields),
    LAYOUT(OVS_KEY_ATTR_SKB_MARK, "skb_mark", 4, skb_mark_fields),
    LAYOUT(OVS_KEY_ATTR_SCTP, "sctp", sizeof(struct ovs_key_sctp),
           sctp_fields),
    LAYOUT(OVS_KEY_ATTR_TCP_FLAGS, "tcp_flags", 2, tcp_flags_fields),
    LAYOUT(OVS_KEY_ATTR_DP_HASH, "dp_hash", 4, dp_hash_fields),
    LAYOUT(OVS_KEY_ATTR_RECIRC_ID, "recirc_id", 4, recirc_id_fields),
    LAYOUT(OVS_KEY_ATTR_CT_STATE, "ct_state", 4, ct_state_fields),
    LAYOUT(OVS_KEY_ATTR_CT_ZONE, "ct_zone", 2, ct_zone_fields),
    LAYOUT(OVS_KEY_ATTR_CT_MARK, "ct_mark", 4, ct_mark_fields),
    LAYOUT(OVS_KEY_ATTR_CT_LABELS, "ct_label", 16, ct_labels_fields),
    LAYOUT(OVS_KEY_ATTR_CT_ORIG_TUPLE_IPV4, "ct_tuple4",
           sizeof(struct ovs_key_ct_tuple_ipv4), ct_tuple4_fields),
    LAYOUT(OVS_KEY_ATTR_CT_ORIG_TUPLE_IPV6, "ct_tuple6",
           sizeof(struct ovs_key_ct_tuple_ipv6), ct_tuple6_fields),
    LAYOUT(OVS_KEY_ATTR_IPV6_EXTHDRS, "ipv6_exthdrs", 2,
           ipv6_exthdrs_fields),
};
BUILD_ASSERT_DECL(sizeof(struct ovs_key_ct_tuple_ipv6) <= ODP_KEY_MAX_SIZE);
BUILD_ASSERT_DECL(sizeof(struct ovs_key_ipv6) <= ODP_KEY_MAX_SIZE);

const struct odp_attr_layout *
odp_key_layout(uint16_t type)
{
    return type < ARRAY_SIZE(layouts) && layouts[type].name
           ? &layouts[type] : NULL;
}

const struct odp_attr_layout *
odp_key_layout_by_name(const char *name, size_t len)
{
    for (size_t i = 0; i < ARRAY_SIZE(layouts); i++) {
        const char *lname = layouts[i].name;

        if (lname && strlen(lname) == len && !memcmp(lname, name, len)) {
            return &layouts[i];
        }
    }
    return NULL;
}

/* Names of the attributes without a layout, and of the unsupported ones
 * (for error messages). */
static const char *const other_names[OVS_KEY_ATTR_MAX + 1] = {
    [OVS_KEY_ATTR_ENCAP] = "encap",
    [OVS_KEY_ATTR_TUNNEL] = "tunnel",
    [OVS_KEY_ATTR_MPLS] = "mpls",
    [OVS_KEY_ATTR_NSH] = "nsh",
    [OVS_KEY_ATTR_PACKET_TYPE] = "packet_type",
    [OVS_KEY_ATTR_ND_EXTENSIONS] = "nd_ext",
    [OVS_KEY_ATTR_TUNNEL_INFO] = "tunnel_info",
};

const char *
odp_key_attr_name(uint16_t type)
{
    const struct odp_attr_layout *layout = odp_key_layout(type);

    if (layout) {
        return layout->name;
    }
    return type < ARRAY_SIZE(other_names) ? other_names[type] : NULL;
}

/* The policy for one level of key attributes.  Types with NL_A_NO_ATTR are
 * known but unsupported. */
#define FIXED(SIZE) { NL_A_UNSPEC, SIZE, SIZE, true }
static const struct nl_policy key_policy[OVS_KEY_ATTR_MAX + 1] = {
    [OVS_KEY_ATTR_ENCAP] = { NL_A_NESTED, 0, 0, true },
    [OVS_KEY_ATTR_PRIORITY] = { NL_A_U32, 0, 0, true },
    [OVS_KEY_ATTR_IN_PORT] = { NL_A_U32, 0, 0, true },
    [OVS_KEY_ATTR_ETHERNET] = FIXED(sizeof(struct ovs_key_ethernet)),
    [OVS_KEY_ATTR_VLAN] = { NL_A_BE16, 0, 0, true },
    [OVS_KEY_ATTR_ETHERTYPE] = { NL_A_BE16, 0, 0, true },
    [OVS_KEY_ATTR_IPV4] = FIXED(sizeof(struct ovs_key_ipv4)),
    [OVS_KEY_ATTR_IPV6] = FIXED(sizeof(struct ovs_key_ipv6)),
    [OVS_KEY_ATTR_TCP] = FIXED(sizeof(struct ovs_key_tcp)),
    [OVS_KEY_ATTR_UDP] = FIXED(sizeof(struct ovs_key_udp)),
    [OVS_KEY_ATTR_ICMP] = FIXED(sizeof(struct ovs_key_icmp)),
    [OVS_KEY_ATTR_ICMPV6] = FIXED(sizeof(struct ovs_key_icmpv6)),
    [OVS_KEY_ATTR_ARP] = FIXED(sizeof(struct ovs_key_arp)),
    [OVS_KEY_ATTR_ND] = FIXED(sizeof(struct ovs_key_nd)),
    [OVS_KEY_ATTR_SKB_MARK] = { NL_A_U32, 0, 0, true },
    [OVS_KEY_ATTR_TUNNEL] = { NL_A_NESTED, 0, 0, true },
    [OVS_KEY_ATTR_SCTP] = FIXED(sizeof(struct ovs_key_sctp)),
    [OVS_KEY_ATTR_TCP_FLAGS] = { NL_A_BE16, 0, 0, true },
    [OVS_KEY_ATTR_DP_HASH] = { NL_A_U32, 0, 0, true },
    [OVS_KEY_ATTR_RECIRC_ID] = { NL_A_U32, 0, 0, true },
    [OVS_KEY_ATTR_CT_STATE] = { NL_A_U32, 0, 0, true },
    [OVS_KEY_ATTR_CT_ZONE] = { NL_A_U16, 0, 0, true },
    [OVS_KEY_ATTR_CT_MARK] = { NL_A_U32, 0, 0, true },
    [OVS_KEY_ATTR_CT_LABELS] = FIXED(16),
    [OVS_KEY_ATTR_CT_ORIG_TUPLE_IPV4] =
        FIXED(sizeof(struct ovs_key_ct_tuple_ipv4)),
    [OVS_KEY_ATTR_CT_ORIG_TUPLE_IPV6] =
        FIXED(sizeof(struct ovs_key_ct_tuple_ipv6)),
    [OVS_KEY_ATTR_IPV6_EXTHDRS] = FIXED(sizeof(struct ovs_key_ipv6_exthdrs)),
};

int
odp_key_attr_len(uint16_t type)
{
    const struct nl_policy *p;

    if (type >= ARRAY_SIZE(key_policy)) {
        return ODP_LEN_INVALID;
    }
    p = &key_policy[type];
    switch (p->kind) {
    case NL_A_NESTED:
        return ODP_LEN_NESTED;
    case NL_A_U16:
    case NL_A_BE16:
        return 2;
    case NL_A_U32:
    case NL_A_BE32:
        return 4;
    case NL_A_UNSPEC:
        return p->max_len;
    case NL_A_NO_ATTR:
    case NL_A_U8:
    case NL_A_U64:
    case NL_A_BE64:
    case NL_A_STRING:
    case NL_A_FLAG:
    case NL_A_N_KINDS:
    default:
        return ODP_LEN_INVALID;
    }
}

/* The symmetric pair. */

bool
odp_attr_get_pair(const struct nlattr *const keys[],
                  const struct nlattr *const masks[],
                  uint16_t type, void *key, void *mask, size_t size)
{
    const struct nlattr *k = keys[type];
    const struct nlattr *m = masks ? masks[type] : NULL;

    memset(key, 0, size);
    memset(mask, 0, size);
    if (k) {
        memcpy(key, nl_attr_get(k), MIN(size, nl_attr_get_size(k)));
    }
    if (m) {
        memcpy(mask, nl_attr_get(m), MIN(size, nl_attr_get_size(m)));
    } else if (!masks && k) {
        memset(mask, 0xff, size);
    }
    return k || m;
}

int
odp_attr_put_pair(struct nl_buf *kbuf, struct nl_buf *mbuf, uint16_t type,
                  const void *key, const void *mask, size_t size)
{
    int error = nl_put_unspec(kbuf, type, key, size);

    if (!error && mbuf) {
        error = nl_put_unspec(mbuf, type, mask, size);
    }
    return error;
}

/* Layout conversions. */

static uint8_t
frag_to_odp(uint8_t nw_frag, bool is_mask)
{
    if (is_mask) {
        return nw_frag ? 0xff : 0;
    } else if (!(nw_frag & FLOW_NW_FRAG_ANY)) {
        return OVS_FRAG_TYPE_NONE;
    }
    return (nw_frag & FLOW_NW_FRAG_LATER
            ? OVS_FRAG_TYPE_LATER : OVS_FRAG_TYPE_FIRST);
}

static uint8_t
frag_from_odp(uint8_t frag, bool is_mask)
{
    if (is_mask) {
        return frag ? FLOW_NW_FRAG_MASK : 0;
    }
    switch (frag) {
    case OVS_FRAG_TYPE_FIRST:
        return FLOW_NW_FRAG_ANY;
    case OVS_FRAG_TYPE_LATER:
        return FLOW_NW_FRAG_ANY | FLOW_NW_FRAG_LATER;
    default:
        return 0;
    }
}

void
odp_layout_from_flow(const struct odp_attr_layout *layout,
                     const struct flow *flow, bool is_mask, void *payload_)
{
    const uint8_t *f = (const uint8_t *) flow;
    uint8_t *payload = payload_;

    memset(payload, 0, layout->size);
    for (size_t i = 0; i < layout->n_fields; i++) {
        const struct odp_field *fld = &layout->fields[i];
        uint8_t *dst = payload + fld->ofs;
        const uint8_t *src = f + fld->flow_ofs;
        ovs_be16 be16;
        uint32_t u32;

        switch (fld->conv) {
        case ODP_CONV_COPY:
            memcpy(dst, src, fld->size);
            break;
        case ODP_CONV_FRAG:
            *dst = frag_to_odp(*src, is_mask);
            break;
        case ODP_CONV_U8_BE16:
            memcpy(&be16, src, 2);
            *dst = ntohs(be16) & 0xff;
            break;
        case ODP_CONV_BE16_U8:
            be16 = htons(*src);
            memcpy(dst, &be16, 2);
            break;
        case ODP_CONV_U32_U8:
            u32 = *src;
            memcpy(dst, &u32, 4);
            break;
        case ODP_CONV_NONE:
        default:
            break;
        }
    }
}

void
odp_layout_to_flow(const struct odp_attr_layout *layout,
                   const void *payload_, bool is_mask, struct flow *flow)
{
    const uint8_t *payload = payload_;
    uint8_t *f = (uint8_t *) flow;

    for (size_t i = 0; i < layout->n_fields; i++) {
        const struct odp_field *fld = &layout->fields[i];
        const uint8_t *src = payload + fld->ofs;
        uint8_t *dst = f + fld->flow_ofs;
        ovs_be16 be16;
        uint32_t u32;

        switch (fld->conv) {
        case ODP_CONV_COPY:
            memcpy(dst, src, fld->size);
            break;
        case ODP_CONV_FRAG:
            *dst = frag_from_odp(*src, is_mask);
            break;
        case ODP_CONV_U8_BE16:
            be16 = htons(*src);
            memcpy(dst, &be16, 2);
            break;
        case ODP_CONV_BE16_U8:
            memcpy(&be16, src, 2);
            *dst = (is_mask || ntohs(be16) <= UINT8_MAX
                    ? ntohs(be16) & 0xff : 0);
            break;
        case ODP_CONV_U32_U8:
            memcpy(&u32, src, 4);
            *dst = u32;
            break;
        case ODP_CONV_NONE:
        default:
            break;
        }
    }
}

/* Tunnel keys. */

static const struct nl_policy tun_policy[OVS_TUNNEL_KEY_ATTR_MAX + 1] = {
    [OVS_TUNNEL_KEY_ATTR_ID] = { NL_A_BE64, 0, 0, true },
    [OVS_TUNNEL_KEY_ATTR_IPV4_SRC] = { NL_A_BE32, 0, 0, true },
    [OVS_TUNNEL_KEY_ATTR_IPV4_DST] = { NL_A_BE32, 0, 0, true },
    [OVS_TUNNEL_KEY_ATTR_TOS] = { NL_A_U8, 0, 0, true },
    [OVS_TUNNEL_KEY_ATTR_TTL] = { NL_A_U8, 0, 0, true },
    [OVS_TUNNEL_KEY_ATTR_DONT_FRAGMENT] = { NL_A_FLAG, 0, 0, true },
    [OVS_TUNNEL_KEY_ATTR_CSUM] = { NL_A_FLAG, 0, 0, true },
    [OVS_TUNNEL_KEY_ATTR_OAM] = { NL_A_FLAG, 0, 0, true },
    [OVS_TUNNEL_KEY_ATTR_GENEVE_OPTS] = { NL_A_UNSPEC, 0,
                                          FLOW_TNL_GENEVE_MAX, true },
    [OVS_TUNNEL_KEY_ATTR_TP_SRC] = { NL_A_BE16, 0, 0, true },
    [OVS_TUNNEL_KEY_ATTR_TP_DST] = { NL_A_BE16, 0, 0, true },
    [OVS_TUNNEL_KEY_ATTR_VXLAN_OPTS] = { NL_A_NESTED, 0, 0, true },
    [OVS_TUNNEL_KEY_ATTR_IPV6_SRC] = FIXED(sizeof(struct in6_addr)),
    [OVS_TUNNEL_KEY_ATTR_IPV6_DST] = FIXED(sizeof(struct in6_addr)),
    [OVS_TUNNEL_KEY_ATTR_PAD] = { NL_A_UNSPEC, 0, 0, true },
};

static const struct nl_policy vxlan_policy[OVS_VXLAN_EXT_MAX + 1] = {
    [OVS_VXLAN_EXT_GBP] = { NL_A_U32, 0, 0, true },
};

int
odp_tun_key_put(struct nl_buf *buf, uint16_t type,
                const struct flow_tnl *tnl, bool ttl_always)
{
    size_t ofs = nl_nest_begin(buf, type);

    if (tnl->flags & FLOW_TNL_F_KEY || tnl->tun_id) {
        nl_put_be64(buf, OVS_TUNNEL_KEY_ATTR_ID, tnl->tun_id);
    }
    if (tnl->ip_src) {
        nl_put_be32(buf, OVS_TUNNEL_KEY_ATTR_IPV4_SRC, tnl->ip_src);
    }
    if (tnl->ip_dst) {
        nl_put_be32(buf, OVS_TUNNEL_KEY_ATTR_IPV4_DST, tnl->ip_dst);
    }
    if (!ipv6_is_zero(&tnl->ipv6_src)) {
        nl_put_unspec(buf, OVS_TUNNEL_KEY_ATTR_IPV6_SRC, &tnl->ipv6_src,
                      sizeof tnl->ipv6_src);
    }
    if (!ipv6_is_zero(&tnl->ipv6_dst)) {
        nl_put_unspec(buf, OVS_TUNNEL_KEY_ATTR_IPV6_DST, &tnl->ipv6_dst,
                      sizeof tnl->ipv6_dst);
    }
    if (tnl->ip_tos) {
        nl_put_u8(buf, OVS_TUNNEL_KEY_ATTR_TOS, tnl->ip_tos);
    }
    if (tnl->ip_ttl || ttl_always) {
        nl_put_u8(buf, OVS_TUNNEL_KEY_ATTR_TTL, tnl->ip_ttl);
    }
    if (tnl->flags & FLOW_TNL_F_DONT_FRAGMENT) {
        nl_put_flag(buf, OVS_TUNNEL_KEY_ATTR_DONT_FRAGMENT);
    }
    if (tnl->flags & FLOW_TNL_F_CSUM) {
        nl_put_flag(buf, OVS_TUNNEL_KEY_ATTR_CSUM);
    }
    if (tnl->tp_src) {
        nl_put_be16(buf, OVS_TUNNEL_KEY_ATTR_TP_SRC, tnl->tp_src);
    }
    if (tnl->tp_dst) {
        nl_put_be16(buf, OVS_TUNNEL_KEY_ATTR_TP_DST, tnl->tp_dst);
    }
    if (tnl->flags & FLOW_TNL_F_OAM) {
        nl_put_flag(buf, OVS_TUNNEL_KEY_ATTR_OAM);
    }
    if (tnl->gbp_id || tnl->gbp_flags) {
        size_t vx = nl_nest_begin(buf, OVS_TUNNEL_KEY_ATTR_VXLAN_OPTS);

        nl_put_u32(buf, OVS_VXLAN_EXT_GBP,
                   ((uint32_t) tnl->gbp_flags << 16) | ntohs(tnl->gbp_id));
        nl_nest_end(buf, vx);
    }
    if (tnl->geneve_len) {
        nl_put_unspec(buf, OVS_TUNNEL_KEY_ATTR_GENEVE_OPTS, tnl->geneve_opts,
                      MIN(tnl->geneve_len, FLOW_TNL_GENEVE_MAX));
    }
    nl_nest_end(buf, ofs);
    return nl_buf_error(buf);
}

/* Returns the payload length that policy entry 'p' expects: exact for
 * integers and flags, the maximum for NL_A_UNSPEC. */
static size_t
policy_len(const struct nl_policy *p)
{
    switch (p->kind) {
    case NL_A_U8:
        return 1;
    case NL_A_U16:
    case NL_A_BE16:
        return 2;
    case NL_A_U32:
    case NL_A_BE32:
        return 4;
    case NL_A_U64:
    case NL_A_BE64:
        return 8;
    case NL_A_FLAG:
        return 0;
    case NL_A_NO_ATTR:
    case NL_A_UNSPEC:
    case NL_A_STRING:
    case NL_A_NESTED:
    case NL_A_N_KINDS:
    default:
        return p->max_len;
    }
}

static bool
policy_len_ok(const struct nl_policy *p, size_t size)
{
    switch (p->kind) {
    case NL_A_UNSPEC:
        return !p->max_len || (size >= p->min_len && size <= p->max_len);
    case NL_A_NESTED:
    case NL_A_STRING:
    case NL_A_NO_ATTR:
    case NL_A_N_KINDS:
        return true;
    case NL_A_U8:
    case NL_A_U16:
    case NL_A_BE16:
    case NL_A_U32:
    case NL_A_BE32:
    case NL_A_U64:
    case NL_A_BE64:
    case NL_A_FLAG:
    default:
        return size == policy_len(p);
    }
}

/* Checks the types and lengths of the 'len' bytes of attributes at 'data'
 * against 'policy' (with 'n' entries) and fills 'attrs'.  Types in 'skip'
 * (a bit per type) are ignored; any other type that the policy does not
 * know is an error, as is a repeated attribute.  'what' names the level in
 * messages and 'name_of' gives attribute names, if nonnull. */
static int
parse_strict(const void *data, size_t len, const struct nl_policy policy[],
             size_t n, uint64_t skip, const struct nlattr *attrs[],
             const char *what, const char *(*name_of)(uint16_t),
             char **errp)
{
    const struct nlattr *nla;
    uint64_t seen = 0;
    size_t left;

    NL_ATTR_FOR_EACH (nla, left, data, len) {
        uint16_t type = nl_attr_type(nla);
        const char *name = name_of ? name_of(type) : NULL;
        size_t size = nl_attr_get_size(nla);
        const struct nl_policy *p;

        if (type < 64 && skip & (UINT64_C(1) << type)) {
            continue;
        }
        if (type >= n || type >= 64) {
            return odp_error(errp, EINVAL, "%s: unknown attribute %u",
                             what, type);
        }
        p = &policy[type];
        if (p->kind == NL_A_NO_ATTR) {
            if (name) {
                return odp_error(errp, EOPNOTSUPP, "%s: %s (attribute %u) "
                                 "not supported", what, name, type);
            }
            return odp_error(errp, EINVAL, "%s: unknown attribute %u",
                             what, type);
        }
        if (seen & (UINT64_C(1) << type)) {
            return odp_error(errp, EINVAL, "%s: duplicate attribute %u",
                             what, type);
        }
        seen |= UINT64_C(1) << type;
        if (!policy_len_ok(p, size)) {
            return odp_error(errp, EINVAL, "%s: attribute %u has length %zu,"
                             " expected %zu", what, type, size,
                             policy_len(p));
        }
    }
    if (left) {
        return odp_error(errp, EINVAL, "%s: %zu bytes of truncated or "
                         "malformed attribute", what, left);
    }
    if (nl_parse_attrs(data, len, policy, n, attrs)) {
        return odp_error(errp, EINVAL, "%s: malformed attribute", what);
    }
    return 0;
}

int
odp_tun_key_parse(const struct nlattr *nla, struct flow_tnl *tnl,
                  char **errp)
{
    const struct nlattr *a[OVS_TUNNEL_KEY_ATTR_MAX + 1];
    uint64_t skip = UINT64_C(1) << OVS_TUNNEL_KEY_ATTR_PAD;
    int error;

    memset(tnl, 0, sizeof *tnl);
    error = parse_strict(nl_attr_get(nla), nl_attr_get_size(nla),
                         tun_policy, ARRAY_SIZE(tun_policy), skip, a,
                         "tunnel key", NULL, errp);
    if (error) {
        return error;
    }
    if (a[OVS_TUNNEL_KEY_ATTR_ID]) {
        tnl->tun_id = nl_attr_get_be64(a[OVS_TUNNEL_KEY_ATTR_ID]);
        tnl->flags |= FLOW_TNL_F_KEY;
    }
    tnl->ip_src = a[OVS_TUNNEL_KEY_ATTR_IPV4_SRC]
                  ? nl_attr_get_be32(a[OVS_TUNNEL_KEY_ATTR_IPV4_SRC]) : 0;
    tnl->ip_dst = a[OVS_TUNNEL_KEY_ATTR_IPV4_DST]
                  ? nl_attr_get_be32(a[OVS_TUNNEL_KEY_ATTR_IPV4_DST]) : 0;
    if (a[OVS_TUNNEL_KEY_ATTR_IPV6_SRC]) {
        memcpy(&tnl->ipv6_src, nl_attr_get(a[OVS_TUNNEL_KEY_ATTR_IPV6_SRC]),
               sizeof tnl->ipv6_src);
    }
    if (a[OVS_TUNNEL_KEY_ATTR_IPV6_DST]) {
        memcpy(&tnl->ipv6_dst, nl_attr_get(a[OVS_TUNNEL_KEY_ATTR_IPV6_DST]),
               sizeof tnl->ipv6_dst);
    }
    tnl->ip_tos = nl_attr_get_u8_or(a[OVS_TUNNEL_KEY_ATTR_TOS], 0);
    tnl->ip_ttl = nl_attr_get_u8_or(a[OVS_TUNNEL_KEY_ATTR_TTL], 0);
    tnl->flags |= (a[OVS_TUNNEL_KEY_ATTR_DONT_FRAGMENT]
                   ? FLOW_TNL_F_DONT_FRAGMENT : 0);
    tnl->flags |= a[OVS_TUNNEL_KEY_ATTR_CSUM] ? FLOW_TNL_F_CSUM : 0;
    tnl->flags |= a[OVS_TUNNEL_KEY_ATTR_OAM] ? FLOW_TNL_F_OAM : 0;
    tnl->tp_src = a[OVS_TUNNEL_KEY_ATTR_TP_SRC]
                  ? nl_attr_get_be16(a[OVS_TUNNEL_KEY_ATTR_TP_SRC]) : 0;
    tnl->tp_dst = a[OVS_TUNNEL_KEY_ATTR_TP_DST]
                  ? nl_attr_get_be16(a[OVS_TUNNEL_KEY_ATTR_TP_DST]) : 0;
    if (a[OVS_TUNNEL_KEY_ATTR_GENEVE_OPTS]) {
        const struct nlattr *g = a[OVS_TUNNEL_KEY_ATTR_GENEVE_OPTS];
        size_t glen = nl_attr_get_size(g);

        if (glen % 4) {
            return odp_error(errp, EINVAL, "tunnel key: geneve options "
                             "length %zu is not a multiple of 4", glen);
        }
        tnl->geneve_len = glen;
        memcpy(tnl->geneve_opts, nl_attr_get(g), glen);
    }
    if (a[OVS_TUNNEL_KEY_ATTR_VXLAN_OPTS]) {
        const struct nlattr *vx[OVS_VXLAN_EXT_MAX + 1];
        uint32_t gbp;

        error = parse_strict(nl_attr_get(a[OVS_TUNNEL_KEY_ATTR_VXLAN_OPTS]),
                             nl_attr_get_size(
                                 a[OVS_TUNNEL_KEY_ATTR_VXLAN_OPTS]),
                             vxlan_policy, ARRAY_SIZE(vxlan_policy), 0, vx,
                             "vxlan options", NULL, errp);
        if (error) {
            return error;
        }
        gbp = nl_attr_get_u32_or(vx[OVS_VXLAN_EXT_GBP], 0);
        tnl->gbp_id = htons(gbp & 0xffff);
        tnl->gbp_flags = (gbp >> 16) & 0xff;
    }
    return 0;
}

/* Encoding a match. */

static bool
is_zero__(const void *p_, size_t n)
{
    const uint8_t *p = p_;

    for (size_t i = 0; i < n; i++) {
        if (p[i]) {
            return false;
        }
    }
    return true;
}

struct key_enc {
    const struct flow *flow;
    const struct flow *mask;
    struct nl_buf *kbuf;
    struct nl_buf *mbuf;        /* May be NULL. */
    bool all_metadata;          /* Write wildcarded metadata too. */
};

/* Writes attribute 'type' with the payload that its layout builds from the
 * flow and the mask. */
static void
put_layout(const struct key_enc *e, uint16_t type)
{
    const struct odp_attr_layout *layout = odp_key_layout(type);
    uint8_t key[ODP_KEY_MAX_SIZE];
    uint8_t mask[ODP_KEY_MAX_SIZE];

    odp_layout_from_flow(layout, e->flow, false, key);
    odp_layout_from_flow(layout, e->mask, true, mask);
    odp_attr_put_pair(e->kbuf, e->mbuf, type, key, mask, layout->size);
}

/* Writes packet metadata attribute 'type' if it matters: with a mask, if
 * the mask is not zero (a wildcarded attribute is left out, which is also
 * what keeps keys acceptable to kernels without, say, conntrack zones, and
 * what keeps a wildcarded in_port from becoming an exact 0); without one,
 * if the value is not zero (in_port always). */
static void
put_metadata(const struct key_enc *e, uint16_t type)
{
    const struct odp_attr_layout *layout = odp_key_layout(type);
    uint8_t buf[ODP_KEY_MAX_SIZE];
    bool zero;

    if (!e->all_metadata) {
        if (e->mbuf) {
            odp_layout_from_flow(layout, e->mask, true, buf);
        } else {
            odp_layout_from_flow(layout, e->flow, false, buf);
        }
        zero = is_zero__(buf, layout->size);
        if (zero && (e->mbuf || type != OVS_KEY_ATTR_IN_PORT)) {
            return;
        }
    }
    put_layout(e, type);
}

static void
put_be16_pair(const struct key_enc *e, uint16_t type, ovs_be16 key,
              ovs_be16 mask)
{
    odp_attr_put_pair(e->kbuf, e->mbuf, type, &key, &mask, sizeof key);
}

static void
put_l4(const struct key_enc *e, bool ipv6)
{
    const struct flow *f = e->flow;

    if (e->mask->nw_proto != UINT8_MAX || f->nw_frag & FLOW_NW_FRAG_LATER) {
        return;
    }
    switch (f->nw_proto) {
    case IPPROTO_TCP:
        put_layout(e, OVS_KEY_ATTR_TCP);
        put_layout(e, OVS_KEY_ATTR_TCP_FLAGS);
        break;
    case IPPROTO_UDP:
        put_layout(e, OVS_KEY_ATTR_UDP);
        break;
    case IPPROTO_SCTP:
        put_layout(e, OVS_KEY_ATTR_SCTP);
        break;
    case IPPROTO_ICMP:
        if (!ipv6) {
            put_layout(e, OVS_KEY_ATTR_ICMP);
        }
        break;
    case IPPROTO_ICMPV6:
        if (ipv6) {
            put_layout(e, OVS_KEY_ATTR_ICMPV6);
            if (f->tp_src == htons(ICMP6_ND_NS)
                || f->tp_src == htons(ICMP6_ND_NA)) {
                put_layout(e, OVS_KEY_ATTR_ND);
            }
        }
        break;
    default:
        break;
    }
}

/* Writes the attributes from the VLAN tag at 'depth' (or the Ethertype if
 * there is none) onward. */
static void
put_l2_onward(const struct key_enc *e, int depth)
{
    const struct flow *f = e->flow;
    const struct flow *m = e->mask;

    if (depth < FLOW_MAX_VLAN_HEADERS && flow_vlan_present(f, depth)) {
        size_t kofs, mofs = 0;

        put_be16_pair(e, OVS_KEY_ATTR_ETHERTYPE, f->vlans[depth].tpid,
                      OVS_BE16_MAX);
        put_be16_pair(e, OVS_KEY_ATTR_VLAN, f->vlans[depth].tci,
                      m->vlans[depth].tci | htons(VLAN_CFI));
        kofs = nl_nest_begin(e->kbuf, OVS_KEY_ATTR_ENCAP);
        if (e->mbuf) {
            mofs = nl_nest_begin(e->mbuf, OVS_KEY_ATTR_ENCAP);
        }
        put_l2_onward(e, depth + 1);
        nl_nest_end(e->kbuf, kofs);
        if (e->mbuf) {
            nl_nest_end(e->mbuf, mofs);
        }
        return;
    }

    if (!m->dl_type) {
        return;
    }
    if (f->dl_type == htons(FLOW_DL_TYPE_NONE)) {
        if (e->mbuf) {
            nl_put_be16(e->mbuf, OVS_KEY_ATTR_ETHERTYPE, OVS_BE16_MAX);
        }
        return;
    }
    put_be16_pair(e, OVS_KEY_ATTR_ETHERTYPE, f->dl_type, OVS_BE16_MAX);
    if (f->dl_type == htons(ETH_TYPE_IP)) {
        put_layout(e, OVS_KEY_ATTR_IPV4);
        put_l4(e, false);
    } else if (f->dl_type == htons(ETH_TYPE_IPV6)) {
        put_layout(e, OVS_KEY_ATTR_IPV6);
        put_l4(e, true);
    } else if (f->dl_type == htons(ETH_TYPE_ARP)
               || f->dl_type == htons(ETH_TYPE_RARP)) {
        put_layout(e, OVS_KEY_ATTR_ARP);
    }
}

static void
put_tunnel(const struct key_enc *e)
{
    odp_tun_key_put(e->kbuf, OVS_KEY_ATTR_TUNNEL, &e->flow->tunnel, true);
    if (e->mbuf) {
        struct flow_tnl *mask = xmemdup(&e->mask->tunnel, sizeof *mask);

        /* The mask of the options is as long as the key's options. */
        mask->geneve_len = mask->geneve_len ? e->flow->tunnel.geneve_len : 0;
        odp_tun_key_put(e->mbuf, OVS_KEY_ATTR_TUNNEL, mask, false);
        free(mask);
    }
}

int
odp_key_from_match(const struct match *match, struct nl_buf *key,
                   struct nl_buf *mask)
{
    return odp_key_from_match__(match, key, mask, false);
}

int
odp_key_from_match__(const struct match *match, struct nl_buf *key,
                     struct nl_buf *mask, bool all_metadata)
{
    struct key_enc e = {
        .flow = &match->flow,
        .mask = &match->wc.masks,
        .kbuf = key,
        .mbuf = mask,
        .all_metadata = all_metadata,
    };
    const struct flow *f = &match->flow;

    put_metadata(&e, OVS_KEY_ATTR_RECIRC_ID);
    put_metadata(&e, OVS_KEY_ATTR_DP_HASH);
    put_metadata(&e, OVS_KEY_ATTR_PRIORITY);
    if (flow_tnl_dst_is_set(&f->tunnel)) {
        put_tunnel(&e);
    }
    put_metadata(&e, OVS_KEY_ATTR_IN_PORT);
    put_metadata(&e, OVS_KEY_ATTR_SKB_MARK);
    put_metadata(&e, OVS_KEY_ATTR_CT_STATE);
    put_metadata(&e, OVS_KEY_ATTR_CT_ZONE);
    put_metadata(&e, OVS_KEY_ATTR_CT_MARK);
    put_metadata(&e, OVS_KEY_ATTR_CT_LABELS);
    if (f->ct_nw_proto && f->dl_type == htons(ETH_TYPE_IP)) {
        put_layout(&e, OVS_KEY_ATTR_CT_ORIG_TUPLE_IPV4);
    } else if (f->ct_nw_proto && f->dl_type == htons(ETH_TYPE_IPV6)) {
        put_layout(&e, OVS_KEY_ATTR_CT_ORIG_TUPLE_IPV6);
    }
    put_layout(&e, OVS_KEY_ATTR_ETHERNET);
    put_l2_onward(&e, 0);

    if (nl_buf_error(key)) {
        return nl_buf_error(key);
    }
    return mask ? nl_buf_error(mask) : 0;
}

/* Decoding. */

#define BIT(TYPE) (UINT64_C(1) << (TYPE))

/* The attributes of one level (the top, or an ENCAP), as a key and mask
 * pair. */
struct key_level {
    const struct nlattr *k[OVS_KEY_ATTR_MAX + 1];
    const struct nlattr *m[OVS_KEY_ATTR_MAX + 1];
    bool has_mask;              /* Whether there is a mask stream. */
    uint64_t used;              /* Attributes decoded so far. */
};

struct key_dec {
    struct flow flow;
    struct flow mask;
    char **errp;
};

static const struct nlattr *const *
level_masks(const struct key_level *lv)
{
    return lv->has_mask ? lv->m : NULL;
}

static const char *
attr_name__(uint16_t type)
{
    return odp_key_attr_name(type);
}

static int
parse_level(struct key_level *lv, const void *key, size_t key_len,
            const void *mask, size_t mask_len, bool has_mask, char **errp)
{
    int error;

    memset(lv, 0, sizeof *lv);
    lv->has_mask = has_mask;
    error = parse_strict(key, key_len, key_policy, ARRAY_SIZE(key_policy),
                         0, lv->k, "flow key", attr_name__, errp);
    if (!error && has_mask) {
        error = parse_strict(mask, mask_len, key_policy,
                             ARRAY_SIZE(key_policy), 0, lv->m, "flow mask",
                             attr_name__, errp);
    }
    return error;
}

/* Decodes attribute 'type' of 'lv' through its layout into the flow and
 * mask.  Returns true if the key or the mask had it. */
static bool
get_layout(struct key_dec *d, struct key_level *lv, uint16_t type,
           uint8_t key[ODP_KEY_MAX_SIZE], uint8_t mask[ODP_KEY_MAX_SIZE])
{
    const struct odp_attr_layout *layout = odp_key_layout(type);

    lv->used |= BIT(type);
    if (!odp_attr_get_pair(lv->k, level_masks(lv), type, key, mask,
                           layout->size)) {
        return false;
    }
    odp_layout_to_flow(layout, key, false, &d->flow);
    odp_layout_to_flow(layout, mask, true, &d->mask);
    return true;
}

static bool
is_zero(const void *p_, size_t n)
{
    const uint8_t *p = p_;

    for (size_t i = 0; i < n; i++) {
        if (p[i]) {
            return false;
        }
    }
    return true;
}

/* Decodes L4 attribute 'type', which a flow with IP protocol 'proto' has. */
static int
get_l4(struct key_dec *d, struct key_level *lv, uint16_t type)
{
    uint8_t key[ODP_KEY_MAX_SIZE], mask[ODP_KEY_MAX_SIZE];
    const struct odp_attr_layout *layout = odp_key_layout(type);

    if (get_layout(d, lv, type, key, mask)
        && !is_zero(mask, layout->size) && d->mask.nw_proto != UINT8_MAX) {
        return odp_error(d->errp, EINVAL, "%s mask requires an exact match "
                         "on the IP protocol", layout->name);
    }
    return 0;
}

static int
decode_l4(struct key_dec *d, struct key_level *lv, bool ipv6)
{
    const struct flow *f = &d->flow;
    uint8_t key[ODP_KEY_MAX_SIZE], mask[ODP_KEY_MAX_SIZE];
    int error = 0;

    if (f->nw_frag & FLOW_NW_FRAG_LATER) {
        return 0;
    }
    switch (f->nw_proto) {
    case IPPROTO_TCP:
        error = get_l4(d, lv, OVS_KEY_ATTR_TCP);
        if (!error) {
            error = get_l4(d, lv, OVS_KEY_ATTR_TCP_FLAGS);
        }
        break;
    case IPPROTO_UDP:
        error = get_l4(d, lv, OVS_KEY_ATTR_UDP);
        break;
    case IPPROTO_SCTP:
        error = get_l4(d, lv, OVS_KEY_ATTR_SCTP);
        break;
    case IPPROTO_ICMP:
        if (!ipv6) {
            error = get_l4(d, lv, OVS_KEY_ATTR_ICMP);
        }
        break;
    case IPPROTO_ICMPV6:
        if (ipv6) {
            error = get_l4(d, lv, OVS_KEY_ATTR_ICMPV6);
            if (!error && (f->tp_src == htons(ICMP6_ND_NS)
                           || f->tp_src == htons(ICMP6_ND_NA))) {
                get_layout(d, lv, OVS_KEY_ATTR_ND, key, mask);
            }
        }
        break;
    default:
        break;
    }
    return error;
}

/* Decodes an IPv4 or IPv6 attribute and the L4 attributes after it. */
static int
decode_ip(struct key_dec *d, struct key_level *lv, uint16_t type)
{
    uint8_t key[ODP_KEY_MAX_SIZE], mask[ODP_KEY_MAX_SIZE];
    bool ipv6 = type == OVS_KEY_ATTR_IPV6;
    size_t frag_ofs = (ipv6 ? offsetof(struct ovs_key_ipv6, ipv6_frag)
                       : offsetof(struct ovs_key_ipv4, ipv4_frag));

    if (!get_layout(d, lv, type, key, mask)) {
        return 0;
    }
    if (lv->k[type] && key[frag_ofs] > OVS_FRAG_TYPE_MAX) {
        return odp_error(d->errp, EINVAL, "%s: unknown fragment type %u",
                         odp_key_attr_name(type), key[frag_ofs]);
    }
    if (ipv6) {
        uint8_t xkey[ODP_KEY_MAX_SIZE], xmask[ODP_KEY_MAX_SIZE];

        lv->used |= BIT(OVS_KEY_ATTR_IPV6_EXTHDRS);
        if (odp_attr_get_pair(lv->k, level_masks(lv),
                              OVS_KEY_ATTR_IPV6_EXTHDRS, xkey, xmask, 2)
            && lv->has_mask && !is_zero(xmask, 2)) {
            return odp_error(d->errp, EOPNOTSUPP, "matching on "
                             "ipv6_exthdrs is not supported");
        }
    }
    return decode_l4(d, lv, ipv6);
}

static int decode_l2_onward(struct key_dec *, struct key_level *, int depth);

/* Decodes a VLAN tag with TPID 'tpid' at 'depth' and the ENCAP that
 * follows it. */
static int
decode_vlan(struct key_dec *d, struct key_level *lv, int depth,
            ovs_be16 tpid)
{
    ovs_be16 tci, tci_mask;
    const struct nlattr *kenc, *menc;
    struct key_level *inner;
    int error;

    lv->used |= BIT(OVS_KEY_ATTR_VLAN) | BIT(OVS_KEY_ATTR_ENCAP);
    odp_attr_get_pair(lv->k, level_masks(lv), OVS_KEY_ATTR_VLAN, &tci,
                      &tci_mask, sizeof tci);
    if (!(tci & htons(VLAN_CFI))) {
        if (tci) {
            return odp_error(d->errp, EINVAL, "vlan: tci 0x%04"PRIx16" "
                             "without the tag present bit (0x1000)",
                             ntohs(tci));
        }
        /* A tag cut short (tci 0): the TPID stays the Ethertype, as in a
         * key without the VLAN attribute. */
        d->flow.dl_type = tpid;
        d->mask.dl_type = OVS_BE16_MAX;
        d->flow.vlans[depth].tci = 0;
        d->mask.vlans[depth].tci = OVS_BE16_MAX;
        kenc = lv->k[OVS_KEY_ATTR_ENCAP];
        if (kenc && nl_attr_get_size(kenc)) {
            return odp_error(d->errp, EINVAL, "vlan: truncated tag (tci 0) "
                             "with a nonempty encap");
        }
        return 0;
    }
    if (!(tci_mask & htons(VLAN_CFI))) {
        return odp_error(d->errp, EINVAL, "vlan: the mask must match the "
                         "tag present bit (0x1000) exactly");
    }
    d->flow.vlans[depth].tpid = tpid;
    d->mask.vlans[depth].tpid = OVS_BE16_MAX;
    d->flow.vlans[depth].tci = tci;
    d->mask.vlans[depth].tci = tci_mask;

    kenc = lv->k[OVS_KEY_ATTR_ENCAP];
    menc = lv->has_mask ? lv->m[OVS_KEY_ATTR_ENCAP] : NULL;
    if (!kenc) {
        return odp_error(d->errp, EINVAL, "vlan: no encap attribute");
    }
    inner = xmalloc(sizeof *inner);
    error = parse_level(inner, nl_attr_get(kenc), nl_attr_get_size(kenc),
                        menc ? nl_attr_get(menc) : NULL,
                        menc ? nl_attr_get_size(menc) : 0, lv->has_mask,
                        d->errp);
    if (!error) {
        error = decode_l2_onward(d, inner, depth + 1);
    }
    free(inner);
    return error;
}

/* Checks that every attribute of 'lv' was decoded, except mask attributes
 * that are all zeros. */
static int
check_level_used(struct key_dec *d, const struct key_level *lv)
{
    for (uint16_t type = 1; type <= OVS_KEY_ATTR_MAX; type++) {
        const struct nlattr *m = lv->has_mask ? lv->m[type] : NULL;

        if (lv->used & BIT(type)) {
            continue;
        }
        if (lv->k[type]
            || (m && !is_zero(nl_attr_get(m), nl_attr_get_size(m)))) {
            return odp_error(d->errp, EINVAL, "%s attribute (%u) is not "
                             "expected with eth_type 0x%04"PRIx16
                             " and ip proto %u", odp_key_attr_name(type),
                             type, ntohs(d->flow.dl_type),
                             d->flow.nw_proto);
        }
    }
    return 0;
}

/* Accepts the L3 and L4 attributes of a key whose Ethertype the mask
 * wildcards, provided that their masks are all zeros. */
static int
check_l3_wildcarded(struct key_dec *d, struct key_level *lv)
{
    static const uint16_t types[] = {
        OVS_KEY_ATTR_IPV4, OVS_KEY_ATTR_IPV6, OVS_KEY_ATTR_ARP,
        OVS_KEY_ATTR_TCP, OVS_KEY_ATTR_TCP_FLAGS, OVS_KEY_ATTR_UDP,
        OVS_KEY_ATTR_SCTP, OVS_KEY_ATTR_ICMP, OVS_KEY_ATTR_ICMPV6,
        OVS_KEY_ATTR_ND, OVS_KEY_ATTR_IPV6_EXTHDRS,
    };

    for (size_t i = 0; i < ARRAY_SIZE(types); i++) {
        const struct nlattr *m = lv->m[types[i]];

        if (m && !is_zero(nl_attr_get(m), nl_attr_get_size(m))) {
            return odp_error(d->errp, EINVAL, "%s mask without an exact "
                             "eth_type match", odp_key_attr_name(types[i]));
        }
        lv->used |= BIT(types[i]);
    }
    return check_level_used(d, lv);
}

static int
decode_l2_onward(struct key_dec *d, struct key_level *lv, int depth)
{
    const struct nlattr *ket = lv->k[OVS_KEY_ATTR_ETHERTYPE];
    const struct nlattr *met = lv->has_mask
                               ? lv->m[OVS_KEY_ATTR_ETHERTYPE] : NULL;
    ovs_be16 type = ket ? nl_attr_get_be16(ket) : 0;
    int error = 0;

    lv->used |= BIT(OVS_KEY_ATTR_ETHERTYPE);
    if (ket && eth_type_vlan(type) && lv->k[OVS_KEY_ATTR_VLAN]
        && depth < FLOW_MAX_VLAN_HEADERS) {
        error = decode_vlan(d, lv, depth, type);
        return error ? error : check_level_used(d, lv);
    }
    if (depth < FLOW_MAX_VLAN_HEADERS) {
        /* No tag here: the kernel matches untagged packets only. */
        d->flow.vlans[depth].tci = 0;
        d->mask.vlans[depth].tci = OVS_BE16_MAX;
    }

    if (!ket) {
        if (!lv->has_mask || (met && nl_attr_get_be16(met))) {
            d->flow.dl_type = htons(FLOW_DL_TYPE_NONE);
            d->mask.dl_type = OVS_BE16_MAX;
        }
        return check_level_used(d, lv);
    }
    if (!type && met && !nl_attr_get_be16(met)) {
        /* How the kernel dumps a wildcarded Ethertype. */
        return check_level_used(d, lv);
    }
    if (ntohs(type) < ETH_TYPE_MIN) {
        return odp_error(d->errp, EINVAL, "eth_type 0x%04"PRIx16" is below "
                         "0x0600", ntohs(type));
    }
    d->flow.dl_type = type;
    if (lv->has_mask && !met) {
        /* Wildcarded Ethertype: nothing beyond it may be matched. */
        return check_l3_wildcarded(d, lv);
    }
    d->mask.dl_type = OVS_BE16_MAX;

    if (type == htons(ETH_TYPE_IP)) {
        error = decode_ip(d, lv, OVS_KEY_ATTR_IPV4);
    } else if (type == htons(ETH_TYPE_IPV6)) {
        error = decode_ip(d, lv, OVS_KEY_ATTR_IPV6);
    } else if (type == htons(ETH_TYPE_ARP) || type == htons(ETH_TYPE_RARP)) {
        uint8_t key[ODP_KEY_MAX_SIZE], mask[ODP_KEY_MAX_SIZE];

        get_layout(d, lv, OVS_KEY_ATTR_ARP, key, mask);
    }
    return error ? error : check_level_used(d, lv);
}

static int
decode_tunnel(struct key_dec *d, const struct key_level *lv)
{
    const struct nlattr *k = lv->k[OVS_KEY_ATTR_TUNNEL];
    const struct nlattr *m = lv->has_mask ? lv->m[OVS_KEY_ATTR_TUNNEL] : NULL;
    struct flow_tnl *mask = &d->mask.tunnel;
    int error;

    if (!k) {
        return 0;
    }
    error = odp_tun_key_parse(k, &d->flow.tunnel, d->errp);
    if (error) {
        return error;
    }
    if (!flow_tnl_dst_is_set(&d->flow.tunnel)) {
        return odp_error(d->errp, EINVAL, "tunnel key without a "
                         "destination address");
    }
    if (m) {
        error = odp_tun_key_parse(m, mask, d->errp);
        if (!error && mask->geneve_len) {
            if (mask->geneve_len != d->flow.tunnel.geneve_len) {
                return odp_error(d->errp, EINVAL, "tunnel: geneve options "
                                 "mask length differs from the key's");
            }
            mask->geneve_len = UINT8_MAX;
        }
        return error;
    }
    if (!lv->has_mask) {
        const struct flow_tnl *key = &d->flow.tunnel;

        /* Exact: the fields of the key's address family and of the
         * options it has. */
        memset(mask, 0, sizeof *mask);
        mask->tun_id = OVS_BE64_MAX;
        if (key->ip_dst) {
            mask->ip_src = mask->ip_dst = OVS_BE32_MAX;
        } else {
            memset(&mask->ipv6_src, 0xff, sizeof mask->ipv6_src);
            memset(&mask->ipv6_dst, 0xff, sizeof mask->ipv6_dst);
        }
        mask->flags = FLOW_TNL_F_MASK;
        mask->ip_tos = mask->ip_ttl = UINT8_MAX;
        mask->tp_src = mask->tp_dst = OVS_BE16_MAX;
        if (key->gbp_id || key->gbp_flags) {
            mask->gbp_id = OVS_BE16_MAX;
            mask->gbp_flags = UINT8_MAX;
        }
        if (key->geneve_len) {
            mask->geneve_len = UINT8_MAX;
            memset(mask->geneve_opts, 0xff, key->geneve_len);
        }
    }
    return 0;
}

static const uint16_t metadata_types[] = {
    OVS_KEY_ATTR_RECIRC_ID, OVS_KEY_ATTR_DP_HASH, OVS_KEY_ATTR_PRIORITY,
    OVS_KEY_ATTR_IN_PORT, OVS_KEY_ATTR_SKB_MARK, OVS_KEY_ATTR_CT_STATE,
    OVS_KEY_ATTR_CT_ZONE, OVS_KEY_ATTR_CT_MARK, OVS_KEY_ATTR_CT_LABELS,
    OVS_KEY_ATTR_CT_ORIG_TUPLE_IPV4, OVS_KEY_ATTR_CT_ORIG_TUPLE_IPV6,
};

static int
decode_top(struct key_dec *d, struct key_level *lv)
{
    uint8_t key[ODP_KEY_MAX_SIZE], mask[ODP_KEY_MAX_SIZE];
    int error;

    for (size_t i = 0; i < ARRAY_SIZE(metadata_types); i++) {
        get_layout(d, lv, metadata_types[i], key, mask);
    }
    lv->used |= BIT(OVS_KEY_ATTR_TUNNEL);
    error = decode_tunnel(d, lv);
    if (error) {
        return error;
    }
    if (!lv->k[OVS_KEY_ATTR_ETHERNET]) {
        /* The kernel takes such a key for a layer-3 packet (one without an
         * Ethernet header), which struct flow cannot describe. */
        return odp_error(d->errp, EOPNOTSUPP, "flow key without eth() (a "
                         "layer-3 packet) is not supported");
    }
    get_layout(d, lv, OVS_KEY_ATTR_ETHERNET, key, mask);
    return decode_l2_onward(d, lv, 0);
}

int
odp_key_to_match(const void *key, size_t key_len,
                 const void *mask, size_t mask_len,
                 struct match *match, char **errp)
{
    struct key_level *lv = xmalloc(sizeof *lv);
    struct key_dec *d = xzalloc(sizeof *d);
    int error;

    d->errp = errp;
    error = parse_level(lv, key, key_len, mask, mask_len, mask != NULL,
                        errp);
    if (!error) {
        error = decode_top(d, lv);
    }
    if (!error) {
        struct flow_wildcards wc = { .masks = d->mask };

        match_init(match, &d->flow, &wc);
    } else {
        match_init_catchall(match);
    }
    free(d);
    free(lv);
    return error;
}
