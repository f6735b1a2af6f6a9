/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 *
 * Flower keys and masks: struct tc_flower_key <-> TCA_FLOWER_KEY_*
 * attributes, driven by one table of fields.
 */

#include <config.h>

#include "tc.h"

#include <errno.h>
#include <string.h>
#include <arpa/inet.h>
#include <linux/pkt_cls.h>
#include "packets.h"
#include "util.h"
#include "vlog.h"

VLOG_DEFINE_THIS_MODULE(tc_flower_key);

/* When a field's attribute applies: ports and ICMP fields have one
 * attribute per protocol and share a struct member. */
enum tc_key_when {
    WHEN_ANY,
    WHEN_TCP,
    WHEN_UDP,
    WHEN_SCTP,
    WHEN_ICMP4,
    WHEN_ICMP6,
};

/* One field of struct tc_flower_key: its key attribute, its mask attribute
 * (0 if flower matches it only exactly), where it lives and its size. */
struct tc_key_field {
    uint16_t attr;
    uint16_t mask_attr;
    size_t ofs;
    size_t size;
    enum tc_key_when when;
};

#define F(ATTR, MASK, MEMBER, WHEN)                                     \
    { ATTR, MASK, offsetof(struct tc_flower_key, MEMBER),               \
      sizeof ((struct tc_flower_key *) 0)->MEMBER, WHEN }

static const struct tc_key_field tc_key_fields[] = {
    F(TCA_FLOWER_KEY_ETH_TYPE, 0, eth_type, WHEN_ANY),
    F(TCA_FLOWER_KEY_ETH_DST, TCA_FLOWER_KEY_ETH_DST_MASK, eth_dst, WHEN_ANY),
    F(TCA_FLOWER_KEY_ETH_SRC, TCA_FLOWER_KEY_ETH_SRC_MASK, eth_src, WHEN_ANY),
    F(TCA_FLOWER_KEY_VLAN_ID, 0, vlan[0].id, WHEN_ANY),
    F(TCA_FLOWER_KEY_VLAN_PRIO, 0, vlan[0].prio, WHEN_ANY),
    F(TCA_FLOWER_KEY_VLAN_ETH_TYPE, 0, vlan[0].eth_type, WHEN_ANY),
    F(TCA_FLOWER_KEY_CVLAN_ID, 0, vlan[1].id, WHEN_ANY),
    F(TCA_FLOWER_KEY_CVLAN_PRIO, 0, vlan[1].prio, WHEN_ANY),
    F(TCA_FLOWER_KEY_CVLAN_ETH_TYPE, 0, vlan[1].eth_type, WHEN_ANY),
    F(TCA_FLOWER_KEY_IP_PROTO, 0, ip_proto, WHEN_ANY),
    F(TCA_FLOWER_KEY_IP_TOS, TCA_FLOWER_KEY_IP_TOS_MASK, ip_tos, WHEN_ANY),
    F(TCA_FLOWER_KEY_IP_TTL, TCA_FLOWER_KEY_IP_TTL_MASK, ip_ttl, WHEN_ANY),
    F(TCA_FLOWER_KEY_FLAGS, TCA_FLOWER_KEY_FLAGS_MASK, frag_flags, WHEN_ANY),
    F(TCA_FLOWER_KEY_IPV4_SRC, TCA_FLOWER_KEY_IPV4_SRC_MASK, ipv4_src,
      WHEN_ANY),
    F(TCA_FLOWER_KEY_IPV4_DST, TCA_FLOWER_KEY_IPV4_DST_MASK, ipv4_dst,
      WHEN_ANY),
    F(TCA_FLOWER_KEY_IPV6_SRC, TCA_FLOWER_KEY_IPV6_SRC_MASK, ipv6_src,
      WHEN_ANY),
    F(TCA_FLOWER_KEY_IPV6_DST, TCA_FLOWER_KEY_IPV6_DST_MASK, ipv6_dst,
      WHEN_ANY),
    F(TCA_FLOWER_KEY_TCP_SRC, TCA_FLOWER_KEY_TCP_SRC_MASK, tp_src, WHEN_TCP),
    F(TCA_FLOWER_KEY_TCP_DST, TCA_FLOWER_KEY_TCP_DST_MASK, tp_dst, WHEN_TCP),
    F(TCA_FLOWER_KEY_UDP_SRC, TCA_FLOWER_KEY_UDP_SRC_MASK, tp_src, WHEN_UDP),
    F(TCA_FLOWER_KEY_UDP_DST, TCA_FLOWER_KEY_UDP_DST_MASK, tp_dst, WHEN_UDP),
    F(TCA_FLOWER_KEY_SCTP_SRC, TCA_FLOWER_KEY_SCTP_SRC_MASK, tp_src,
      WHEN_SCTP),
    F(TCA_FLOWER_KEY_SCTP_DST, TCA_FLOWER_KEY_SCTP_DST_MASK, tp_dst,
      WHEN_SCTP),
    F(TCA_FLOWER_KEY_TCP_FLAGS, TCA_FLOWER_KEY_TCP_FLAGS_MASK, tcp_flags,
      WHEN_TCP),
    F(TCA_FLOWER_KEY_ICMPV4_TYPE, TCA_FLOWER_KEY_ICMPV4_TYPE_MASK, icmp_type,
      WHEN_ICMP4),
    F(TCA_FLOWER_KEY_ICMPV4_CODE, TCA_FLOWER_KEY_ICMPV4_CODE_MASK, icmp_code,
      WHEN_ICMP4),
    F(TCA_FLOWER_KEY_ICMPV6_TYPE, TCA_FLOWER_KEY_ICMPV6_TYPE_MASK, icmp_type,
      WHEN_ICMP6),
    F(TCA_FLOWER_KEY_ICMPV6_CODE, TCA_FLOWER_KEY_ICMPV6_CODE_MASK, icmp_code,
      WHEN_ICMP6),
    F(TCA_FLOWER_KEY_ARP_SIP, TCA_FLOWER_KEY_ARP_SIP_MASK, arp_sip, WHEN_ANY),
    F(TCA_FLOWER_KEY_ARP_TIP, TCA_FLOWER_KEY_ARP_TIP_MASK, arp_tip, WHEN_ANY),
    F(TCA_FLOWER_KEY_ARP_OP, TCA_FLOWER_KEY_ARP_OP_MASK, arp_op, WHEN_ANY),
    F(TCA_FLOWER_KEY_ARP_SHA, TCA_FLOWER_KEY_ARP_SHA_MASK, arp_sha, WHEN_ANY),
    F(TCA_FLOWER_KEY_ARP_THA, TCA_FLOWER_KEY_ARP_THA_MASK, arp_tha, WHEN_ANY),
    F(TCA_FLOWER_KEY_CT_STATE, TCA_FLOWER_KEY_CT_STATE_MASK, ct_state,
      WHEN_ANY),
    F(TCA_FLOWER_KEY_CT_ZONE, TCA_FLOWER_KEY_CT_ZONE_MASK, ct_zone, WHEN_ANY),
    F(TCA_FLOWER_KEY_CT_MARK, TCA_FLOWER_KEY_CT_MARK_MASK, ct_mark, WHEN_ANY),
    F(TCA_FLOWER_KEY_CT_LABELS, TCA_FLOWER_KEY_CT_LABELS_MASK, ct_labels,
      WHEN_ANY),
    F(TCA_FLOWER_KEY_ENC_KEY_ID, 0, enc.id, WHEN_ANY),
    F(TCA_FLOWER_KEY_ENC_IPV4_SRC, TCA_FLOWER_KEY_ENC_IPV4_SRC_MASK,
      enc.ipv4_src, WHEN_ANY),
    F(TCA_FLOWER_KEY_ENC_IPV4_DST, TCA_FLOWER_KEY_ENC_IPV4_DST_MASK,
      enc.ipv4_dst, WHEN_ANY),
    F(TCA_FLOWER_KEY_ENC_IPV6_SRC, TCA_FLOWER_KEY_ENC_IPV6_SRC_MASK,
      enc.ipv6_src, WHEN_ANY),
    F(TCA_FLOWER_KEY_ENC_IPV6_DST, TCA_FLOWER_KEY_ENC_IPV6_DST_MASK,
      enc.ipv6_dst, WHEN_ANY),
    F(TCA_FLOWER_KEY_ENC_UDP_SRC_PORT, TCA_FLOWER_KEY_ENC_UDP_SRC_PORT_MASK,
      enc.tp_src, WHEN_ANY),
    F(TCA_FLOWER_KEY_ENC_UDP_DST_PORT, TCA_FLOWER_KEY_ENC_UDP_DST_PORT_MASK,
      enc.tp_dst, WHEN_ANY),
    F(TCA_FLOWER_KEY_ENC_IP_TOS, TCA_FLOWER_KEY_ENC_IP_TOS_MASK, enc.tos,
      WHEN_ANY),
    F(TCA_FLOWER_KEY_ENC_IP_TTL, TCA_FLOWER_KEY_ENC_IP_TTL_MASK, enc.ttl,
      WHEN_ANY),
    F(TC_FLOWER_KEY_ENC_FLAGS, TC_FLOWER_KEY_ENC_FLAGS_MASK, enc.flags,
      WHEN_ANY),
};
#undef F

/* The flower attributes this codec reads, with the kernel's sizes. */
#define P(ATTR, KIND) [ATTR] = { .kind = KIND, .optional = true }
#define PB(ATTR, LEN) [ATTR] = { .kind = NL_A_UNSPEC, .min_len = LEN,    \
                                 .max_len = LEN, .optional = true }
const struct nl_policy tc_flower_policy[] = {
    P(TCA_FLOWER_CLASSID, NL_A_U32),
    [TCA_FLOWER_INDEV] = { .kind = NL_A_STRING, .max_len = IFNAMSIZ,
                           .optional = true },
    P(TCA_FLOWER_ACT, NL_A_NESTED),
    PB(TCA_FLOWER_KEY_ETH_DST, 6), PB(TCA_FLOWER_KEY_ETH_DST_MASK, 6),
    PB(TCA_FLOWER_KEY_ETH_SRC, 6), PB(TCA_FLOWER_KEY_ETH_SRC_MASK, 6),
    P(TCA_FLOWER_KEY_ETH_TYPE, NL_A_BE16),
    P(TCA_FLOWER_KEY_IP_PROTO, NL_A_U8),
    P(TCA_FLOWER_KEY_IPV4_SRC, NL_A_BE32),
    P(TCA_FLOWER_KEY_IPV4_SRC_MASK, NL_A_BE32),
    P(TCA_FLOWER_KEY_IPV4_DST, NL_A_BE32),
    P(TCA_FLOWER_KEY_IPV4_DST_MASK, NL_A_BE32),
    PB(TCA_FLOWER_KEY_IPV6_SRC, 16), PB(TCA_FLOWER_KEY_IPV6_SRC_MASK, 16),
    PB(TCA_FLOWER_KEY_IPV6_DST, 16), PB(TCA_FLOWER_KEY_IPV6_DST_MASK, 16),
    P(TCA_FLOWER_KEY_TCP_SRC, NL_A_BE16), P(TCA_FLOWER_KEY_TCP_DST, NL_A_BE16),
    P(TCA_FLOWER_KEY_UDP_SRC, NL_A_BE16), P(TCA_FLOWER_KEY_UDP_DST, NL_A_BE16),
    P(TCA_FLOWER_FLAGS, NL_A_U32),
    P(TCA_FLOWER_KEY_VLAN_ID, NL_A_U16),
    P(TCA_FLOWER_KEY_VLAN_PRIO, NL_A_U8),
    P(TCA_FLOWER_KEY_VLAN_ETH_TYPE, NL_A_BE16),
    P(TCA_FLOWER_KEY_ENC_KEY_ID, NL_A_BE32),
    P(TCA_FLOWER_KEY_ENC_IPV4_SRC, NL_A_BE32),
    P(TCA_FLOWER_KEY_ENC_IPV4_SRC_MASK, NL_A_BE32),
    P(TCA_FLOWER_KEY_ENC_IPV4_DST, NL_A_BE32),
    P(TCA_FLOWER_KEY_ENC_IPV4_DST_MASK, NL_A_BE32),
    PB(TCA_FLOWER_KEY_ENC_IPV6_SRC, 16),
    PB(TCA_FLOWER_KEY_ENC_IPV6_SRC_MASK, 16),
    PB(TCA_FLOWER_KEY_ENC_IPV6_DST, 16),
    PB(TCA_FLOWER_KEY_ENC_IPV6_DST_MASK, 16),
    P(TCA_FLOWER_KEY_TCP_SRC_MASK, NL_A_BE16),
    P(TCA_FLOWER_KEY_TCP_DST_MASK, NL_A_BE16),
    P(TCA_FLOWER_KEY_UDP_SRC_MASK, NL_A_BE16),
    P(TCA_FLOWER_KEY_UDP_DST_MASK, NL_A_BE16),
    P(TCA_FLOWER_KEY_SCTP_SRC_MASK, NL_A_BE16),
    P(TCA_FLOWER_KEY_SCTP_DST_MASK, NL_A_BE16),
    P(TCA_FLOWER_KEY_SCTP_SRC, NL_A_BE16),
    P(TCA_FLOWER_KEY_SCTP_DST, NL_A_BE16),
    P(TCA_FLOWER_KEY_ENC_UDP_SRC_PORT, NL_A_BE16),
    P(TCA_FLOWER_KEY_ENC_UDP_SRC_PORT_MASK, NL_A_BE16),
    P(TCA_FLOWER_KEY_ENC_UDP_DST_PORT, NL_A_BE16),
    P(TCA_FLOWER_KEY_ENC_UDP_DST_PORT_MASK, NL_A_BE16),
    P(TCA_FLOWER_KEY_FLAGS, NL_A_BE32),
    P(TCA_FLOWER_KEY_FLAGS_MASK, NL_A_BE32),
    P(TCA_FLOWER_KEY_ICMPV4_CODE, NL_A_U8),
    P(TCA_FLOWER_KEY_ICMPV4_CODE_MASK, NL_A_U8),
    P(TCA_FLOWER_KEY_ICMPV4_TYPE, NL_A_U8),
    P(TCA_FLOWER_KEY_ICMPV4_TYPE_MASK, NL_A_U8),
    P(TCA_FLOWER_KEY_ICMPV6_CODE, NL_A_U8),
    P(TCA_FLOWER_KEY_ICMPV6_CODE_MASK, NL_A_U8),
    P(TCA_FLOWER_KEY_ICMPV6_TYPE, NL_A_U8),
    P(TCA_FLOWER_KEY_ICMPV6_TYPE_MASK, NL_A_U8),
    P(TCA_FLOWER_KEY_ARP_SIP, NL_A_BE32),
    P(TCA_FLOWER_KEY_ARP_SIP_MASK, NL_A_BE32),
    P(TCA_FLOWER_KEY_ARP_TIP, NL_A_BE32),
    P(TCA_FLOWER_KEY_ARP_TIP_MASK, NL_A_BE32),
    P(TCA_FLOWER_KEY_ARP_OP, NL_A_U8),
    P(TCA_FLOWER_KEY_ARP_OP_MASK, NL_A_U8),
    PB(TCA_FLOWER_KEY_ARP_SHA, 6), PB(TCA_FLOWER_KEY_ARP_SHA_MASK, 6),
    PB(TCA_FLOWER_KEY_ARP_THA, 6), PB(TCA_FLOWER_KEY_ARP_THA_MASK, 6),
    P(TCA_FLOWER_KEY_TCP_FLAGS, NL_A_BE16),
    P(TCA_FLOWER_KEY_TCP_FLAGS_MASK, NL_A_BE16),
    P(TCA_FLOWER_KEY_IP_TOS, NL_A_U8), P(TCA_FLOWER_KEY_IP_TOS_MASK, NL_A_U8),
    P(TCA_FLOWER_KEY_IP_TTL, NL_A_U8), P(TCA_FLOWER_KEY_IP_TTL_MASK, NL_A_U8),
    P(TCA_FLOWER_KEY_CVLAN_ID, NL_A_U16),
    P(TCA_FLOWER_KEY_CVLAN_PRIO, NL_A_U8),
    P(TCA_FLOWER_KEY_CVLAN_ETH_TYPE, NL_A_BE16),
    P(TCA_FLOWER_KEY_ENC_IP_TOS, NL_A_U8),
    P(TCA_FLOWER_KEY_ENC_IP_TOS_MASK, NL_A_U8),
    P(TCA_FLOWER_KEY_ENC_IP_TTL, NL_A_U8),
    P(TCA_FLOWER_KEY_ENC_IP_TTL_MASK, NL_A_U8),
    P(TCA_FLOWER_KEY_ENC_OPTS, NL_A_NESTED),
    P(TCA_FLOWER_KEY_ENC_OPTS_MASK, NL_A_NESTED),
    P(TCA_FLOWER_IN_HW_COUNT, NL_A_U32),
    P(TCA_FLOWER_KEY_CT_STATE, NL_A_U16),
    P(TCA_FLOWER_KEY_CT_STATE_MASK, NL_A_U16),
    P(TCA_FLOWER_KEY_CT_ZONE, NL_A_U16),
    P(TCA_FLOWER_KEY_CT_ZONE_MASK, NL_A_U16),
    P(TCA_FLOWER_KEY_CT_MARK, NL_A_U32),
    P(TCA_FLOWER_KEY_CT_MARK_MASK, NL_A_U32),
    PB(TCA_FLOWER_KEY_CT_LABELS, 16), PB(TCA_FLOWER_KEY_CT_LABELS_MASK, 16),
    P(TC_FLOWER_KEY_ENC_FLAGS, NL_A_BE32),
    P(TC_FLOWER_KEY_ENC_FLAGS_MASK, NL_A_BE32),
};
const size_t tc_flower_policy_len = ARRAY_SIZE(tc_flower_policy);
#undef P
#undef PB

static bool
is_zeros(const void *p, size_t n)
{
    const uint8_t *b = p;

    for (size_t i = 0; i < n; i++) {
        if (b[i]) {
            return false;
        }
    }
    return true;
}

static bool
is_ones(const void *p, size_t n)
{
    const uint8_t *b = p;

    for (size_t i = 0; i < n; i++) {
        if (b[i] != 0xff) {
            return false;
        }
    }
    return true;
}

static bool
tc_key_field_applies(const struct tc_key_field *f,
                     const struct tc_flower_key *key)
{
    bool v6 = key->eth_type == htons(ETH_TYPE_IPV6);

    switch (f->when) {
    case WHEN_ANY:
        return true;
    case WHEN_TCP:
        return key->ip_proto == IPPROTO_TCP;
    case WHEN_UDP:
        return key->ip_proto == IPPROTO_UDP;
    case WHEN_SCTP:
        return key->ip_proto == IPPROTO_SCTP;
    case WHEN_ICMP4:
        return !v6 && key->ip_proto == IPPROTO_ICMP;
    case WHEN_ICMP6:
        return v6 && key->ip_proto == IPPROTO_ICMPV6;
    }
    return false;
}

/* The symmetric pair for one (key, mask) field.  Encoding: nothing when
 * the mask is zero; the masked key, then the mask (always sent, as the
 * kernel dumps it and as iproute2 sends it).  An exact-only field must have
 * an all-ones mask.  Decoding: an absent key leaves key and mask zero; an
 * absent mask attribute means exact match. */
static int
tc_put_masked(struct nl_buf *buf, uint16_t attr, uint16_t mask_attr,
              const void *key, const void *mask, size_t n)
{
    uint8_t masked[16];

    if (is_zeros(mask, n)) {
        return 0;
    }
    if (!mask_attr && !is_ones(mask, n)) {
        return EINVAL;
    }
    for (size_t i = 0; i < n; i++) {
        masked[i] = ((const uint8_t *) key)[i] & ((const uint8_t *) mask)[i];
    }
    nl_put_unspec(buf, attr, masked, n);
    if (mask_attr) {
        nl_put_unspec(buf, mask_attr, mask, n);
    }
    return nl_buf_error(buf);
}

static void
tc_get_masked(const struct nlattr *key_attr, const struct nlattr *mask_attr,
              void *key, void *mask, size_t n)
{
    static const uint8_t ones[16] = {
        0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
        0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
    };

    if (!key_attr) {
        return;
    }
    nl_attr_get_or(key_attr, key, ones, n);
    nl_attr_get_or(mask_attr, mask, ones, n);
    for (size_t i = 0; i < n; i++) {
        ((uint8_t *) key)[i] &= ((uint8_t *) mask)[i];
    }
}

/* Geneve options: 'opts' in wire format -> one nest per option. */
int
tc_put_geneve_opts(struct nl_buf *buf, uint16_t type,
                   const struct tc_tun_opts *opts)
{
    size_t outer = nl_nest_begin(buf, type | NLA_F_NESTED);
    size_t ofs = 0;

    while (ofs + 4 <= opts->len) {
        const uint8_t *o = &opts->data[ofs];
        size_t data_len = (o[3] & 0x1f) * 4;
        size_t inner;
        ovs_be16 class;

        if (ofs + 4 + data_len > opts->len) {
            return EINVAL;
        }
        memcpy(&class, o, 2);
        inner = nl_nest_begin(buf,
                              TCA_FLOWER_KEY_ENC_OPTS_GENEVE | NLA_F_NESTED);
        nl_put_be16(buf, TCA_FLOWER_KEY_ENC_OPT_GENEVE_CLASS, class);
        nl_put_u8(buf, TCA_FLOWER_KEY_ENC_OPT_GENEVE_TYPE, o[2]);
        nl_put_unspec(buf, TCA_FLOWER_KEY_ENC_OPT_GENEVE_DATA, o + 4,
                      data_len);
        nl_nest_end(buf, inner);
        ofs += 4 + data_len;
    }
    if (ofs != opts->len) {
        return EINVAL;
    }
    nl_nest_end(buf, outer);
    return nl_buf_error(buf);
}

static const struct nl_policy tc_geneve_policy[] = {
    [TCA_FLOWER_KEY_ENC_OPT_GENEVE_CLASS] = { .kind = NL_A_BE16 },
    [TCA_FLOWER_KEY_ENC_OPT_GENEVE_TYPE] = { .kind = NL_A_U8 },
    [TCA_FLOWER_KEY_ENC_OPT_GENEVE_DATA] = { .kind = NL_A_UNSPEC,
                                             .max_len = 124 },
};

int
tc_parse_geneve_opts(const struct nlattr *nest, struct tc_tun_opts *opts)
{
    const struct nlattr *nla;
    size_t left;

    memset(opts, 0, sizeof *opts);
    NL_NESTED_FOR_EACH (nla, left, nest) {
        const struct nlattr *a[ARRAY_SIZE(tc_geneve_policy)];
        size_t data_len;
        ovs_be16 class;
        uint8_t *o;

        if (nl_attr_type(nla) != TCA_FLOWER_KEY_ENC_OPTS_GENEVE) {
            return EOPNOTSUPP;  /* VXLAN, ERSPAN or GTP options. */
        }
        if (nl_parse_nested(nla, tc_geneve_policy,
                            ARRAY_SIZE(tc_geneve_policy), a)) {
            return EINVAL;
        }
        data_len = nl_attr_get_size(a[TCA_FLOWER_KEY_ENC_OPT_GENEVE_DATA]);
        if (data_len % 4 || opts->len + 4 + data_len > TC_TUN_OPTS_MAX) {
            return EINVAL;
        }
        o = &opts->data[opts->len];
        class = nl_attr_get_be16(a[TCA_FLOWER_KEY_ENC_OPT_GENEVE_CLASS]);
        memcpy(o, &class, 2);
        o[2] = nl_attr_get_u8(a[TCA_FLOWER_KEY_ENC_OPT_GENEVE_TYPE]);
        o[3] = data_len / 4;
        memcpy(o + 4, nl_attr_get(a[TCA_FLOWER_KEY_ENC_OPT_GENEVE_DATA]),
               data_len);
        opts->len += 4 + data_len;
    }
    return left ? EINVAL : 0;
}

int
tc_flower_put_keys(struct nl_buf *buf, const struct tc_flower_key *key,
                   const struct tc_flower_key *mask)
{
    int error;

    if (mask->indev[0]) {
        nl_put_string(buf, TCA_FLOWER_INDEV, key->indev);
    }
    for (size_t i = 0; i < ARRAY_SIZE(tc_key_fields); i++) {
        const struct tc_key_field *f = &tc_key_fields[i];

        if (!tc_key_field_applies(f, key)) {
            continue;
        }
        error = tc_put_masked(buf, f->attr, f->mask_attr,
                              (const uint8_t *) key + f->ofs,
                              (const uint8_t *) mask + f->ofs, f->size);
        if (error) {
            return error;
        }
    }
    if (mask->enc.opts.len) {
        if (mask->enc.opts.len != key->enc.opts.len) {
            return EINVAL;
        }
        error = tc_put_geneve_opts(buf, TCA_FLOWER_KEY_ENC_OPTS,
                                   &key->enc.opts);
        if (!error) {
            error = tc_put_geneve_opts(buf, TCA_FLOWER_KEY_ENC_OPTS_MASK,
                                       &mask->enc.opts);
        }
        if (error) {
            return error;
        }
    }
    return nl_buf_error(buf);
}

/* Fills 'key' and 'mask' (zeroed first) from the flower attributes
 * 'attrs', already checked against tc_flower_policy. */
int
tc_flower_parse_keys(const struct nlattr *attrs[],
                     struct tc_flower_key *key, struct tc_flower_key *mask)
{
    memset(key, 0, sizeof *key);
    memset(mask, 0, sizeof *mask);

    if (attrs[TCA_FLOWER_INDEV]) {
        ovs_strlcpy(key->indev, nl_attr_get_string(attrs[TCA_FLOWER_INDEV]),
                    sizeof key->indev);
        memset(mask->indev, 0xff, sizeof mask->indev);
    }
    for (size_t i = 0; i < ARRAY_SIZE(tc_key_fields); i++) {
        const struct tc_key_field *f = &tc_key_fields[i];

        tc_get_masked(attrs[f->attr],
                      f->mask_attr ? attrs[f->mask_attr] : NULL,
                      (uint8_t *) key + f->ofs, (uint8_t *) mask + f->ofs,
                      f->size);
    }
    if (attrs[TCA_FLOWER_KEY_ENC_OPTS]) {
        int error = tc_parse_geneve_opts(attrs[TCA_FLOWER_KEY_ENC_OPTS],
                                         &key->enc.opts);

        if (error) {
            return error;
        }
        if (attrs[TCA_FLOWER_KEY_ENC_OPTS_MASK]) {
            error = tc_parse_geneve_opts(
                attrs[TCA_FLOWER_KEY_ENC_OPTS_MASK], &mask->enc.opts);
            if (error) {
                return error;
            }
            if (mask->enc.opts.len != key->enc.opts.len) {
                return EINVAL;
            }
        } else {
            /* Exact: the same headers, all data bits. */
            mask->enc.opts = key->enc.opts;
            for (size_t ofs = 0; ofs < key->enc.opts.len; ) {
                size_t dlen = (key->enc.opts.data[ofs + 3] & 0x1f) * 4;

                memset(&mask->enc.opts.data[ofs], 0xff, 3);
                memset(&mask->enc.opts.data[ofs + 4], 0xff, dlen);
                ofs += 4 + dlen;
            }
        }
    }
    return 0;
}
