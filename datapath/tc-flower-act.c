/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 *
 * Flower actions: struct tc_action <-> the TCA_FLOWER_ACT nest (one nest
 * per action, numbered from 1, each with TCA_ACT_KIND and TCA_ACT_OPTIONS),
 * one encoder and one decoder per action kind, found through a table.
 */

#include <config.h>

#include "tc.h"

#include <errno.h>
#include <string.h>
#include <arpa/inet.h>
#include <linux/gen_stats.h>
#include <linux/pkt_cls.h>
#include <linux/tc_act/tc_csum.h>
#include <linux/tc_act/tc_ct.h>
#include <linux/tc_act/tc_gact.h>
#include <linux/tc_act/tc_mirred.h>
#include <linux/tc_act/tc_pedit.h>
#include <linux/tc_act/tc_tunnel_key.h>
#include <linux/tc_act/tc_vlan.h>
#include "util.h"
#include "vlog.h"

VLOG_DEFINE_THIS_MODULE(tc_flower_act);

/* USER_HZ: the unit of struct tcf_t times. */
#define TC_USER_HZ 100

/* One action kind.  'put' writes the body of TCA_ACT_OPTIONS; 'parse'
 * reads it, already checked against 'policy'. */
struct tc_act_kind {
    const char *name;
    uint16_t tm_attr;
    const struct nl_policy *policy;
    size_t n_policy;
    int (*put)(struct nl_buf *, const struct tc_action *);
    int (*parse)(const struct nlattr *a[], struct tc_action *);
};

/* mirred. */

static int
tc_put_mirred(struct nl_buf *buf, const struct tc_action *act)
{
    struct tc_mirred p = {
        .eaction = act->mirred.eaction,
        .ifindex = act->mirred.ifindex,
    };

    p.action = (p.eaction == TCA_EGRESS_REDIR
                || p.eaction == TCA_INGRESS_REDIR) ? TC_ACT_STOLEN
                                                   : TC_ACT_PIPE;
    return nl_put_unspec(buf, TCA_MIRRED_PARMS, &p, sizeof p);
}

static int
tc_parse_mirred(const struct nlattr *a[], struct tc_action *act)
{
    struct tc_mirred p;

    memcpy(&p, nl_attr_get(a[TCA_MIRRED_PARMS]), sizeof p);
    if (p.eaction < TCA_EGRESS_REDIR || p.eaction > TCA_INGRESS_MIRROR) {
        return EOPNOTSUPP;
    }
    act->type = TC_ACT_MIRRED;
    act->mirred.eaction = p.eaction;
    act->mirred.ifindex = p.ifindex;
    return 0;
}

static const struct nl_policy tc_mirred_policy[] = {
    [TCA_MIRRED_PARMS] = { .kind = NL_A_UNSPEC,
                           .min_len = sizeof(struct tc_mirred) },
    [TCA_MIRRED_TM] = { .kind = NL_A_UNSPEC, .optional = true,
                        .min_len = sizeof(struct tcf_t) },
};

/* gact: drop and goto chain. */

static int
tc_put_gact(struct nl_buf *buf, const struct tc_action *act)
{
    struct tc_gact p = { .action = TC_ACT_SHOT };

    if (act->type == TC_ACT_GOTO) {
        if (act->chain > TC_ACT_EXT_VAL_MASK) {
            return EINVAL;
        }
        p.action = TC_ACT_GOTO_CHAIN | act->chain;
    }
    return nl_put_unspec(buf, TCA_GACT_PARMS, &p, sizeof p);
}

static int
tc_parse_gact(const struct nlattr *a[], struct tc_action *act)
{
    struct tc_gact p;

    memcpy(&p, nl_attr_get(a[TCA_GACT_PARMS]), sizeof p);
    if (p.action == TC_ACT_SHOT) {
        act->type = TC_ACT_DROP;
    } else if (TC_ACT_EXT_CMP(p.action, TC_ACT_GOTO_CHAIN)) {
        act->type = TC_ACT_GOTO;
        act->chain = p.action & TC_ACT_EXT_VAL_MASK;
    } else {
        return EOPNOTSUPP;
    }
    return 0;
}

static const struct nl_policy tc_gact_policy[] = {
    [TCA_GACT_PARMS] = { .kind = NL_A_UNSPEC,
                         .min_len = sizeof(struct tc_gact) },
    [TCA_GACT_TM] = { .kind = NL_A_UNSPEC, .optional = true,
                      .min_len = sizeof(struct tcf_t) },
};

/* vlan. */

static int
tc_put_vlan(struct nl_buf *buf, const struct tc_action *act)
{
    struct tc_vlan p = { .action = TC_ACT_PIPE };

    p.v_action = (act->type == TC_ACT_VLAN_POP ? TCA_VLAN_ACT_POP
                  : act->type == TC_ACT_VLAN_PUSH ? TCA_VLAN_ACT_PUSH
                  : TCA_VLAN_ACT_MODIFY);
    nl_put_unspec(buf, TCA_VLAN_PARMS, &p, sizeof p);
    if (act->type != TC_ACT_VLAN_POP) {
        nl_put_u16(buf, TCA_VLAN_PUSH_VLAN_ID, act->vlan.id);
        nl_put_be16(buf, TCA_VLAN_PUSH_VLAN_PROTOCOL, act->vlan.proto);
        nl_put_u8(buf, TCA_VLAN_PUSH_VLAN_PRIORITY, act->vlan.prio);
    }
    return nl_buf_error(buf);
}

static int
tc_parse_vlan(const struct nlattr *a[], struct tc_action *act)
{
    struct tc_vlan p;

    memcpy(&p, nl_attr_get(a[TCA_VLAN_PARMS]), sizeof p);
    switch (p.v_action) {
    case TCA_VLAN_ACT_POP:
        act->type = TC_ACT_VLAN_POP;
        return 0;
    case TCA_VLAN_ACT_PUSH:
        act->type = TC_ACT_VLAN_PUSH;
        break;
    case TCA_VLAN_ACT_MODIFY:
        act->type = TC_ACT_VLAN_MODIFY;
        break;
    default:
        return EOPNOTSUPP;
    }
    act->vlan.id = nl_attr_get_u16_or(a[TCA_VLAN_PUSH_VLAN_ID], 0);
    act->vlan.prio = nl_attr_get_u8_or(a[TCA_VLAN_PUSH_VLAN_PRIORITY], 0);
    act->vlan.proto = (a[TCA_VLAN_PUSH_VLAN_PROTOCOL]
                       ? nl_attr_get_be16(a[TCA_VLAN_PUSH_VLAN_PROTOCOL])
                       : htons(0x8100));
    return 0;
}

static const struct nl_policy tc_vlan_policy[] = {
    [TCA_VLAN_PARMS] = { .kind = NL_A_UNSPEC,
                         .min_len = sizeof(struct tc_vlan) },
    [TCA_VLAN_TM] = { .kind = NL_A_UNSPEC, .optional = true,
                      .min_len = sizeof(struct tcf_t) },
    [TCA_VLAN_PUSH_VLAN_ID] = { .kind = NL_A_U16, .optional = true },
    [TCA_VLAN_PUSH_VLAN_PROTOCOL] = { .kind = NL_A_BE16, .optional = true },
    [TCA_VLAN_PUSH_VLAN_PRIORITY] = { .kind = NL_A_U8, .optional = true },
};

/* tunnel_key. */

static int
tc_put_tunnel_key(struct nl_buf *buf, const struct tc_action *act)
{
    struct tc_tunnel_key p = { .action = TC_ACT_PIPE };
    static const struct in6_addr zero6;

    if (act->type == TC_ACT_TUNNEL_UNSET) {
        p.t_action = TCA_TUNNEL_KEY_ACT_RELEASE;
        return nl_put_unspec(buf, TCA_TUNNEL_KEY_PARMS, &p, sizeof p);
    }
    p.t_action = TCA_TUNNEL_KEY_ACT_SET;
    nl_put_unspec(buf, TCA_TUNNEL_KEY_PARMS, &p, sizeof p);
    nl_put_be32(buf, TCA_TUNNEL_KEY_ENC_KEY_ID, act->tunnel.id);
    if (act->tunnel.ipv4_dst || act->tunnel.ipv4_src) {
        nl_put_be32(buf, TCA_TUNNEL_KEY_ENC_IPV4_SRC, act->tunnel.ipv4_src);
        nl_put_be32(buf, TCA_TUNNEL_KEY_ENC_IPV4_DST, act->tunnel.ipv4_dst);
    } else {
        nl_put_unless(buf, TCA_TUNNEL_KEY_ENC_IPV6_SRC, &act->tunnel.ipv6_src,
                      &zero6, sizeof zero6);
        nl_put_unless(buf, TCA_TUNNEL_KEY_ENC_IPV6_DST, &act->tunnel.ipv6_dst,
                      &zero6, sizeof zero6);
    }
    if (act->tunnel.tp_dst) {
        nl_put_be16(buf, TCA_TUNNEL_KEY_ENC_DST_PORT, act->tunnel.tp_dst);
    }
    nl_put_u8(buf, TCA_TUNNEL_KEY_NO_CSUM, !act->tunnel.csum);
    nl_put_u8_unless(buf, TCA_TUNNEL_KEY_ENC_TOS, act->tunnel.tos, 0);
    nl_put_u8_unless(buf, TCA_TUNNEL_KEY_ENC_TTL, act->tunnel.ttl, 0);
    if (act->tunnel.no_frag) {
        nl_put_flag(buf, TC_TUNNEL_KEY_NO_FRAG);
    }
    if (act->tunnel.opts.len) {
        int error = tc_put_geneve_opts(buf, TCA_TUNNEL_KEY_ENC_OPTS,
                                       &act->tunnel.opts);

        if (error) {
            return error;
        }
    }
    return nl_buf_error(buf);
}

static void
tc_get_in6(const struct nlattr *attr, struct in6_addr *dst)
{
    static const struct in6_addr zero6;

    nl_attr_get_or(attr, dst, &zero6, sizeof *dst);
}

static int
tc_parse_tunnel_key(const struct nlattr *a[], struct tc_action *act)
{
    struct tc_tunnel_key p;

    memcpy(&p, nl_attr_get(a[TCA_TUNNEL_KEY_PARMS]), sizeof p);
    if (p.t_action == TCA_TUNNEL_KEY_ACT_RELEASE) {
        act->type = TC_ACT_TUNNEL_UNSET;
        return 0;
    } else if (p.t_action != TCA_TUNNEL_KEY_ACT_SET) {
        return EOPNOTSUPP;
    }
    act->type = TC_ACT_TUNNEL_SET;
    act->tunnel.id = (a[TCA_TUNNEL_KEY_ENC_KEY_ID]
                      ? nl_attr_get_be32(a[TCA_TUNNEL_KEY_ENC_KEY_ID]) : 0);
    act->tunnel.ipv4_src = (a[TCA_TUNNEL_KEY_ENC_IPV4_SRC]
                            ? nl_attr_get_be32(a[TCA_TUNNEL_KEY_ENC_IPV4_SRC])
                            : 0);
    act->tunnel.ipv4_dst = (a[TCA_TUNNEL_KEY_ENC_IPV4_DST]
                            ? nl_attr_get_be32(a[TCA_TUNNEL_KEY_ENC_IPV4_DST])
                            : 0);
    tc_get_in6(a[TCA_TUNNEL_KEY_ENC_IPV6_SRC], &act->tunnel.ipv6_src);
    tc_get_in6(a[TCA_TUNNEL_KEY_ENC_IPV6_DST], &act->tunnel.ipv6_dst);
    act->tunnel.tp_dst = (a[TCA_TUNNEL_KEY_ENC_DST_PORT]
                          ? nl_attr_get_be16(a[TCA_TUNNEL_KEY_ENC_DST_PORT])
                          : 0);
    act->tunnel.csum = !nl_attr_get_u8_or(a[TCA_TUNNEL_KEY_NO_CSUM], 0);
    act->tunnel.tos = nl_attr_get_u8_or(a[TCA_TUNNEL_KEY_ENC_TOS], 0);
    act->tunnel.ttl = nl_attr_get_u8_or(a[TCA_TUNNEL_KEY_ENC_TTL], 0);
    act->tunnel.no_frag = nl_attr_get_flag(a[TC_TUNNEL_KEY_NO_FRAG]);
    if (a[TCA_TUNNEL_KEY_ENC_OPTS]) {
        return tc_parse_geneve_opts(a[TCA_TUNNEL_KEY_ENC_OPTS],
                                    &act->tunnel.opts);
    }
    return 0;
}

static const struct nl_policy tc_tunnel_key_policy[] = {
    [TCA_TUNNEL_KEY_PARMS] = { .kind = NL_A_UNSPEC,
                               .min_len = sizeof(struct tc_tunnel_key) },
    [TCA_TUNNEL_KEY_TM] = { .kind = NL_A_UNSPEC, .optional = true,
                            .min_len = sizeof(struct tcf_t) },
    [TCA_TUNNEL_KEY_ENC_IPV4_SRC] = { .kind = NL_A_BE32, .optional = true },
    [TCA_TUNNEL_KEY_ENC_IPV4_DST] = { .kind = NL_A_BE32, .optional = true },
    [TCA_TUNNEL_KEY_ENC_IPV6_SRC] = { .kind = NL_A_UNSPEC, .min_len = 16,
                                      .max_len = 16, .optional = true },
    [TCA_TUNNEL_KEY_ENC_IPV6_DST] = { .kind = NL_A_UNSPEC, .min_len = 16,
                                      .max_len = 16, .optional = true },
    [TCA_TUNNEL_KEY_ENC_KEY_ID] = { .kind = NL_A_BE32, .optional = true },
    [TCA_TUNNEL_KEY_ENC_DST_PORT] = { .kind = NL_A_BE16, .optional = true },
    [TCA_TUNNEL_KEY_NO_CSUM] = { .kind = NL_A_U8, .optional = true },
    [TCA_TUNNEL_KEY_ENC_OPTS] = { .kind = NL_A_NESTED, .optional = true },
    [TCA_TUNNEL_KEY_ENC_TOS] = { .kind = NL_A_U8, .optional = true },
    [TCA_TUNNEL_KEY_ENC_TTL] = { .kind = NL_A_U8, .optional = true },
    [TC_TUNNEL_KEY_NO_FRAG] = { .kind = NL_A_FLAG, .optional = true },
};

/* pedit with extended keys. */

static int
tc_put_pedit(struct nl_buf *buf, const struct tc_action *act)
{
    size_t n = act->pedit.n_keys;
    struct tc_pedit_sel sel = { .action = TC_ACT_PIPE, .nkeys = n };
    struct tc_pedit_key keys[TC_PEDIT_MAX_KEYS];
    size_t ofs, keys_ofs;

    if (!n || n > TC_PEDIT_MAX_KEYS) {
        return EINVAL;
    }
    memset(keys, 0, sizeof keys);
    for (size_t i = 0; i < n; i++) {
        const struct tc_pedit_key_ex *k = &act->pedit.keys[i];

        keys[i].mask = ~k->mask;
        keys[i].val = k->val & k->mask;
        keys[i].off = k->off;
    }
    ofs = nl_nest_begin(buf, TCA_PEDIT_PARMS_EX);
    nl_buf_put(buf, &sel, sizeof sel);
    nl_buf_put(buf, keys, n * sizeof keys[0]);
    nl_nest_end(buf, ofs);

    keys_ofs = nl_nest_begin(buf, TCA_PEDIT_KEYS_EX | NLA_F_NESTED);
    for (size_t i = 0; i < n; i++) {
        size_t k = nl_nest_begin(buf, TCA_PEDIT_KEY_EX | NLA_F_NESTED);

        nl_put_u16(buf, TCA_PEDIT_KEY_EX_HTYPE, act->pedit.keys[i].htype);
        nl_put_u16(buf, TCA_PEDIT_KEY_EX_CMD, act->pedit.keys[i].cmd);
        nl_nest_end(buf, k);
    }
    nl_nest_end(buf, keys_ofs);
    return nl_buf_error(buf);
}

static const struct nl_policy tc_pedit_key_ex_policy[] = {
    [TCA_PEDIT_KEY_EX_HTYPE] = { .kind = NL_A_U16 },
    [TCA_PEDIT_KEY_EX_CMD] = { .kind = NL_A_U16 },
};

static int
tc_parse_pedit(const struct nlattr *a[], struct tc_action *act)
{
    const struct nlattr *parms = a[TCA_PEDIT_PARMS_EX];
    const struct nlattr *nla;
    struct tc_pedit_sel sel;
    size_t left, i;

    if (!parms || !a[TCA_PEDIT_KEYS_EX]) {
        return EOPNOTSUPP;      /* Legacy pedit without header types. */
    }
    memcpy(&sel, nl_attr_get(parms), sizeof sel);
    if (!sel.nkeys || sel.nkeys > TC_PEDIT_MAX_KEYS
        || nl_attr_get_size(parms)
           < sizeof sel + sel.nkeys * sizeof(struct tc_pedit_key)) {
        return EINVAL;
    }
    act->type = TC_ACT_PEDIT;
    act->pedit.n_keys = sel.nkeys;
    for (i = 0; i < sel.nkeys; i++) {
        struct tc_pedit_key k;

        memcpy(&k, (const uint8_t *) nl_attr_get(parms) + sizeof sel
               + i * sizeof k, sizeof k);
        act->pedit.keys[i].off = k.off;
        act->pedit.keys[i].mask = ~k.mask;
        act->pedit.keys[i].val = k.val & ~k.mask;
    }
    i = 0;
    NL_NESTED_FOR_EACH (nla, left, a[TCA_PEDIT_KEYS_EX]) {
        const struct nlattr *ka[ARRAY_SIZE(tc_pedit_key_ex_policy)];

        if (nl_attr_type(nla) != TCA_PEDIT_KEY_EX || i >= sel.nkeys
            || nl_parse_nested(nla, tc_pedit_key_ex_policy,
                               ARRAY_SIZE(tc_pedit_key_ex_policy), ka)) {
            return EINVAL;
        }
        act->pedit.keys[i].htype = nl_attr_get_u16(ka[TCA_PEDIT_KEY_EX_HTYPE]);
        act->pedit.keys[i].cmd = nl_attr_get_u16(ka[TCA_PEDIT_KEY_EX_CMD]);
        i++;
    }
    return i == sel.nkeys ? 0 : EINVAL;
}

static const struct nl_policy tc_pedit_policy[] = {
    [TCA_PEDIT_TM] = { .kind = NL_A_UNSPEC, .optional = true,
                       .min_len = sizeof(struct tcf_t) },
    [TCA_PEDIT_PARMS] = { .kind = NL_A_UNSPEC, .optional = true },
    [TCA_PEDIT_PARMS_EX] = { .kind = NL_A_UNSPEC, .optional = true,
                             .min_len = sizeof(struct tc_pedit_sel) },
    [TCA_PEDIT_KEYS_EX] = { .kind = NL_A_NESTED, .optional = true },
};

int
tc_pedit_add_set(struct tc_action *act, uint16_t htype, uint32_t offset,
                 const void *value_, const void *mask_, size_t n)
{
    const uint8_t *value = value_, *mask = mask_;
    uint32_t first = offset & ~3u;
    uint32_t end = offset + n;

    for (uint32_t word = first; word < end; word += 4) {
        uint8_t v[4] = { 0 }, m[4] = { 0 };
        struct tc_pedit_key_ex *k;

        for (int b = 0; b < 4; b++) {
            uint32_t pos = word + b;

            if (pos >= offset && pos < end) {
                v[b] = value[pos - offset];
                m[b] = mask[pos - offset];
            }
        }
        if (!m[0] && !m[1] && !m[2] && !m[3]) {
            continue;
        }
        if (act->pedit.n_keys >= TC_PEDIT_MAX_KEYS) {
            return EINVAL;
        }
        k = &act->pedit.keys[act->pedit.n_keys++];
        k->htype = htype;
        k->cmd = TCA_PEDIT_KEY_EX_CMD_SET;
        k->off = word;
        memcpy(&k->mask, m, 4);
        memcpy(&k->val, v, 4);
        k->val &= k->mask;
    }
    act->type = TC_ACT_PEDIT;
    return 0;
}

/* csum. */

static int
tc_put_csum(struct nl_buf *buf, const struct tc_action *act)
{
    struct tc_csum p = { .action = TC_ACT_PIPE,
                         .update_flags = act->csum_flags };

    return nl_put_unspec(buf, TCA_CSUM_PARMS, &p, sizeof p);
}

static int
tc_parse_csum(const struct nlattr *a[], struct tc_action *act)
{
    struct tc_csum p;

    memcpy(&p, nl_attr_get(a[TCA_CSUM_PARMS]), sizeof p);
    act->type = TC_ACT_CSUM;
    act->csum_flags = p.update_flags;
    return 0;
}

static const struct nl_policy tc_csum_policy[] = {
    [TCA_CSUM_PARMS] = { .kind = NL_A_UNSPEC,
                         .min_len = sizeof(struct tc_csum) },
    [TCA_CSUM_TM] = { .kind = NL_A_UNSPEC, .optional = true,
                      .min_len = sizeof(struct tcf_t) },
};

/* ct. */

static int
tc_put_ct(struct nl_buf *buf, const struct tc_action *act)
{
    static const uint8_t zero16[16];
    struct tc_ct p = { .action = TC_ACT_PIPE };
    uint16_t flags = act->ct.flags;

    nl_put_unspec(buf, TCA_CT_PARMS, &p, sizeof p);
    nl_put_u16_unless(buf, TCA_CT_ACTION, flags, 0);
    if (flags & TCA_CT_ACT_CLEAR) {
        return nl_buf_error(buf);
    }
    nl_put_u16_unless(buf, TCA_CT_ZONE, act->ct.zone, 0);
    if (act->ct.mark_mask) {
        nl_put_u32(buf, TCA_CT_MARK, act->ct.mark);
        nl_put_u32(buf, TCA_CT_MARK_MASK, act->ct.mark_mask);
    }
    if (memcmp(act->ct.labels_mask, zero16, 16)) {
        nl_put_unspec(buf, TCA_CT_LABELS, act->ct.labels, 16);
        nl_put_unspec(buf, TCA_CT_LABELS_MASK, act->ct.labels_mask, 16);
    }
    if (flags & TCA_CT_ACT_NAT) {
        if (act->ct.nat_ipv4_min) {
            nl_put_be32(buf, TCA_CT_NAT_IPV4_MIN, act->ct.nat_ipv4_min);
            nl_put_be32(buf, TCA_CT_NAT_IPV4_MAX, act->ct.nat_ipv4_max);
        } else {
            nl_put_unless(buf, TCA_CT_NAT_IPV6_MIN, &act->ct.nat_ipv6_min,
                          zero16, 16);
            nl_put_unless(buf, TCA_CT_NAT_IPV6_MAX, &act->ct.nat_ipv6_max,
                          zero16, 16);
        }
        if (act->ct.nat_port_min) {
            nl_put_be16(buf, TCA_CT_NAT_PORT_MIN, act->ct.nat_port_min);
            nl_put_be16(buf, TCA_CT_NAT_PORT_MAX, act->ct.nat_port_max);
        }
    }
    return nl_buf_error(buf);
}

static int
tc_parse_ct(const struct nlattr *a[], struct tc_action *act)
{
    static const uint8_t zero16[16];

    act->type = TC_ACT_CT;
    act->ct.flags = nl_attr_get_u16_or(a[TCA_CT_ACTION], 0);
    act->ct.zone = nl_attr_get_u16_or(a[TCA_CT_ZONE], 0);
    act->ct.mark = nl_attr_get_u32_or(a[TCA_CT_MARK], 0);
    act->ct.mark_mask = nl_attr_get_u32_or(a[TCA_CT_MARK_MASK],
                                           a[TCA_CT_MARK] ? UINT32_MAX : 0);
    nl_attr_get_or(a[TCA_CT_LABELS], act->ct.labels, zero16, 16);
    nl_attr_get_or(a[TCA_CT_LABELS_MASK], act->ct.labels_mask, zero16, 16);
    act->ct.nat_ipv4_min = (a[TCA_CT_NAT_IPV4_MIN]
                            ? nl_attr_get_be32(a[TCA_CT_NAT_IPV4_MIN]) : 0);
    act->ct.nat_ipv4_max = (a[TCA_CT_NAT_IPV4_MAX]
                            ? nl_attr_get_be32(a[TCA_CT_NAT_IPV4_MAX]) : 0);
    tc_get_in6(a[TCA_CT_NAT_IPV6_MIN], &act->ct.nat_ipv6_min);
    tc_get_in6(a[TCA_CT_NAT_IPV6_MAX], &act->ct.nat_ipv6_max);
    act->ct.nat_port_min = (a[TCA_CT_NAT_PORT_MIN]
                            ? nl_attr_get_be16(a[TCA_CT_NAT_PORT_MIN]) : 0);
    act->ct.nat_port_max = (a[TCA_CT_NAT_PORT_MAX]
                            ? nl_attr_get_be16(a[TCA_CT_NAT_PORT_MAX]) : 0);
    return 0;
}

static const struct nl_policy tc_ct_policy[] = {
    [TCA_CT_PARMS] = { .kind = NL_A_UNSPEC,
                       .min_len = sizeof(struct tc_ct) },
    [TCA_CT_TM] = { .kind = NL_A_UNSPEC, .optional = true,
                    .min_len = sizeof(struct tcf_t) },
    [TCA_CT_ACTION] = { .kind = NL_A_U16, .optional = true },
    [TCA_CT_ZONE] = { .kind = NL_A_U16, .optional = true },
    [TCA_CT_MARK] = { .kind = NL_A_U32, .optional = true },
    [TCA_CT_MARK_MASK] = { .kind = NL_A_U32, .optional = true },
    [TCA_CT_LABELS] = { .kind = NL_A_UNSPEC, .min_len = 16, .max_len = 16,
                        .optional = true },
    [TCA_CT_LABELS_MASK] = { .kind = NL_A_UNSPEC, .min_len = 16,
                             .max_len = 16, .optional = true },
    [TCA_CT_NAT_IPV4_MIN] = { .kind = NL_A_BE32, .optional = true },
    [TCA_CT_NAT_IPV4_MAX] = { .kind = NL_A_BE32, .optional = true },
    [TCA_CT_NAT_IPV6_MIN] = { .kind = NL_A_UNSPEC, .min_len = 16,
                              .max_len = 16, .optional = true },
    [TCA_CT_NAT_IPV6_MAX] = { .kind = NL_A_UNSPEC, .min_len = 16,
                              .max_len = 16, .optional = true },
    [TCA_CT_NAT_PORT_MIN] = { .kind = NL_A_BE16, .optional = true },
    [TCA_CT_NAT_PORT_MAX] = { .kind = NL_A_BE16, .optional = true },
};

/* police: a byte rate (with the rate table the kernel insists on) or a
 * packet rate. */

#define TC_PSCHED_TICK_NS 64

static uint32_t
tc_xmit_ticks(uint64_t rate, uint64_t size)
{
    uint64_t ns = rate ? size * 1000000000ull / rate : 0;

    return MIN(ns / TC_PSCHED_TICK_NS, UINT32_MAX);
}

/* The inverse of tc_xmit_ticks(): how many bytes (or packets) 'ticks' of
 * time let through at 'rate', rounded up. */
static uint64_t
tc_ticks_to_size(uint64_t rate, uint64_t ticks)
{
    unsigned __int128 ns = (unsigned __int128) ticks * TC_PSCHED_TICK_NS;

    return rate ? (ns * rate + 999999999u) / 1000000000u : 0;
}

static int
tc_put_police(struct nl_buf *buf, const struct tc_action *act)
{
    /* Exceeding packets are dropped; conforming ones go on (RESULT). */
    struct tc_police p = { .action = TC_ACT_SHOT, .mtu = 2040 };

    if (act->police.rate) {
        uint32_t rtab[256];
        int cell_log = 0;

        while ((p.mtu >> cell_log) > 255) {
            cell_log++;
        }
        p.rate.cell_log = cell_log;
        p.rate.linklayer = 1;   /* TC_LINKLAYER_ETHERNET. */
        p.rate.rate = MIN(act->police.rate, UINT32_MAX);
        p.burst = tc_xmit_ticks(act->police.rate, act->police.burst);
        for (int i = 0; i < 256; i++) {
            rtab[i] = tc_xmit_ticks(act->police.rate,
                                    (uint64_t) (i + 1) << cell_log);
        }
        nl_put_unspec(buf, TCA_POLICE_TBF, &p, sizeof p);
        nl_put_unspec(buf, TCA_POLICE_RATE, rtab, sizeof rtab);
        if (act->police.rate > UINT32_MAX) {
            nl_put_u64(buf, TCA_POLICE_RATE64, act->police.rate);
        }
    } else if (act->police.pkts_rate) {
        nl_put_unspec(buf, TCA_POLICE_TBF, &p, sizeof p);
        /* The packet burst travels as the time to send it, in ticks. */
        nl_put_u64(buf, TCA_POLICE_PKTRATE64, act->police.pkts_rate);
        nl_put_u64(buf, TCA_POLICE_PKTBURST64,
                   tc_xmit_ticks(act->police.pkts_rate,
                                 act->police.pkts_burst));
    } else {
        return EINVAL;
    }
    nl_put_u32(buf, TCA_POLICE_RESULT, TC_ACT_PIPE);
    return nl_buf_error(buf);
}

static int
tc_parse_police(const struct nlattr *a[], struct tc_action *act)
{
    struct tc_police p;

    memcpy(&p, nl_attr_get(a[TCA_POLICE_TBF]), sizeof p);
    act->type = TC_ACT_POLICE;
    act->police.rate = (a[TCA_POLICE_RATE64]
                        ? nl_attr_get_u64(a[TCA_POLICE_RATE64])
                        : p.rate.rate);
    act->police.burst = tc_ticks_to_size(act->police.rate, p.burst);
    act->police.pkts_rate = nl_attr_get_u64_or(a[TCA_POLICE_PKTRATE64], 0);
    act->police.pkts_burst = tc_ticks_to_size(
        act->police.pkts_rate,
        nl_attr_get_u64_or(a[TCA_POLICE_PKTBURST64], 0));
    return 0;
}

static const struct nl_policy tc_police_policy[] = {
    [TCA_POLICE_TBF] = { .kind = NL_A_UNSPEC,
                         .min_len = sizeof(struct tc_police) },
    [TCA_POLICE_RATE] = { .kind = NL_A_UNSPEC, .optional = true },
    [TCA_POLICE_PEAKRATE] = { .kind = NL_A_UNSPEC, .optional = true },
    [TCA_POLICE_AVRATE] = { .kind = NL_A_U32, .optional = true },
    [TCA_POLICE_RESULT] = { .kind = NL_A_U32, .optional = true },
    [TCA_POLICE_TM] = { .kind = NL_A_UNSPEC, .optional = true,
                        .min_len = sizeof(struct tcf_t) },
    [TCA_POLICE_RATE64] = { .kind = NL_A_U64, .optional = true },
    [TCA_POLICE_PEAKRATE64] = { .kind = NL_A_U64, .optional = true },
    [TCA_POLICE_PKTRATE64] = { .kind = NL_A_U64, .optional = true },
    [TCA_POLICE_PKTBURST64] = { .kind = NL_A_U64, .optional = true },
};

#define KIND(NAME, TM, POLICY, PUT, PARSE)                              \
    { NAME, TM, POLICY, ARRAY_SIZE(POLICY), PUT, PARSE }
static const struct tc_act_kind tc_act_kinds[] = {
    KIND("mirred", TCA_MIRRED_TM, tc_mirred_policy, tc_put_mirred,
         tc_parse_mirred),
    KIND("gact", TCA_GACT_TM, tc_gact_policy, tc_put_gact, tc_parse_gact),
    KIND("vlan", TCA_VLAN_TM, tc_vlan_policy, tc_put_vlan, tc_parse_vlan),
    KIND("tunnel_key", TCA_TUNNEL_KEY_TM, tc_tunnel_key_policy,
         tc_put_tunnel_key, tc_parse_tunnel_key),
    KIND("pedit", TCA_PEDIT_TM, tc_pedit_policy, tc_put_pedit,
         tc_parse_pedit),
    KIND("csum", TCA_CSUM_TM, tc_csum_policy, tc_put_csum, tc_parse_csum),
    KIND("ct", TCA_CT_TM, tc_ct_policy, tc_put_ct, tc_parse_ct),
    KIND("police", TCA_POLICE_TM, tc_police_policy, tc_put_police,
         tc_parse_police),
};
#undef KIND

static const struct tc_act_kind *
tc_act_kind_for_type(enum tc_action_type type)
{
    static const char *const names[] = {
        [TC_ACT_MIRRED] = "mirred",
        [TC_ACT_DROP] = "gact",
        [TC_ACT_GOTO] = "gact",
        [TC_ACT_VLAN_PUSH] = "vlan",
        [TC_ACT_VLAN_POP] = "vlan",
        [TC_ACT_VLAN_MODIFY] = "vlan",
        [TC_ACT_TUNNEL_SET] = "tunnel_key",
        [TC_ACT_TUNNEL_UNSET] = "tunnel_key",
        [TC_ACT_PEDIT] = "pedit",
        [TC_ACT_CSUM] = "csum",
        [TC_ACT_CT] = "ct",
        [TC_ACT_POLICE] = "police",
    };

    if ((unsigned) type >= ARRAY_SIZE(names)) {
        return NULL;
    }
    for (size_t i = 0; i < ARRAY_SIZE(tc_act_kinds); i++) {
        if (!strcmp(tc_act_kinds[i].name, names[type])) {
            return &tc_act_kinds[i];
        }
    }
    return NULL;
}

int
tc_flower_put_actions(struct nl_buf *buf, const struct tc_flower *flower)
{
    size_t acts;

    if (flower->n_actions > TC_MAX_ACTIONS) {
        return EINVAL;
    }
    acts = nl_nest_begin(buf, TCA_FLOWER_ACT);
    for (size_t i = 0; i < flower->n_actions; i++) {
        const struct tc_action *act = &flower->actions[i];
        const struct tc_act_kind *kind = tc_act_kind_for_type(act->type);
        size_t nest, opts;
        int error;

        if (!kind) {
            return EINVAL;
        }
        nest = nl_nest_begin(buf, i + 1);
        nl_put_string(buf, TCA_ACT_KIND, kind->name);
        if (i == 0 && flower->has_cookie) {
            nl_put_unspec(buf, TCA_ACT_COOKIE, flower->cookie,
                          TC_COOKIE_LEN);
        }
        opts = nl_nest_begin(buf, TCA_ACT_OPTIONS | NLA_F_NESTED);
        error = kind->put(buf, act);
        if (error) {
            return error;
        }
        nl_nest_end(buf, opts);
        nl_nest_end(buf, nest);
    }
    nl_nest_end(buf, acts);
    return nl_buf_error(buf);
}

/* Stats and times. */

static const struct nl_policy tc_stats_policy[] = {
    [TCA_STATS_BASIC] = { .kind = NL_A_UNSPEC, .optional = true,
                          .min_len = 12 },
    [TCA_STATS_BASIC_HW] = { .kind = NL_A_UNSPEC, .optional = true,
                             .min_len = 12 },
    [TCA_STATS_PKT64] = { .kind = NL_A_U64, .optional = true },
};

static void
tc_get_basic(const struct nlattr *attr, uint64_t *packets, uint64_t *bytes)
{
    struct gnet_stats_basic b = { 0 };

    memcpy(&b, nl_attr_get(attr), MIN(nl_attr_get_size(attr), sizeof b));
    *packets = b.packets;
    *bytes = b.bytes;
}

static int
tc_parse_stats(const struct nlattr *nest, struct tc_flower_stats *stats)
{
    const struct nlattr *a[ARRAY_SIZE(tc_stats_policy)];

    if (nl_parse_nested(nest, tc_stats_policy, ARRAY_SIZE(tc_stats_policy),
                        a)) {
        return EINVAL;
    }
    if (a[TCA_STATS_BASIC]) {
        tc_get_basic(a[TCA_STATS_BASIC], &stats->n_packets, &stats->n_bytes);
        stats->valid = true;
    }
    if (a[TCA_STATS_PKT64]) {
        stats->n_packets = nl_attr_get_u64(a[TCA_STATS_PKT64]);
    }
    if (a[TCA_STATS_BASIC_HW]) {
        tc_get_basic(a[TCA_STATS_BASIC_HW], &stats->n_hw_packets,
                     &stats->n_hw_bytes);
        stats->has_hw = true;
    }
    return 0;
}

static const struct nl_policy tc_act_policy[] = {
    [TCA_ACT_KIND] = { .kind = NL_A_STRING, .max_len = 16 },
    [TCA_ACT_OPTIONS] = { .kind = NL_A_NESTED, .optional = true },
    [TCA_ACT_INDEX] = { .kind = NL_A_U32, .optional = true },
    [TCA_ACT_STATS] = { .kind = NL_A_NESTED, .optional = true },
    [TCA_ACT_COOKIE] = { .kind = NL_A_UNSPEC, .optional = true,
                         .max_len = TC_COOKIE_LEN },
};

static int
tc_parse_action(const struct nlattr *nla, struct tc_flower *flower,
                struct tc_action *act, bool first)
{
    const struct nlattr *a[ARRAY_SIZE(tc_act_policy)];
    const struct tc_act_kind *kind = NULL;
    const char *name;
    int error;

    if (nl_parse_nested(nla, tc_act_policy, ARRAY_SIZE(tc_act_policy), a)) {
        return EINVAL;
    }
    name = nl_attr_get_string(a[TCA_ACT_KIND]);
    for (size_t i = 0; i < ARRAY_SIZE(tc_act_kinds); i++) {
        if (!strcmp(tc_act_kinds[i].name, name)) {
            kind = &tc_act_kinds[i];
        }
    }
    if (first && a[TCA_ACT_COOKIE]) {
        memset(flower->cookie, 0, sizeof flower->cookie);
        memcpy(flower->cookie, nl_attr_get(a[TCA_ACT_COOKIE]),
               nl_attr_get_size(a[TCA_ACT_COOKIE]));
        flower->has_cookie = true;
    }
    if (a[TCA_ACT_STATS] && tc_parse_stats(a[TCA_ACT_STATS], &act->stats)) {
        return EINVAL;
    }
    if (!a[TCA_ACT_OPTIONS]) {
        /* Terse dumps give kind, cookie and stats only. */
        flower->terse = true;
        return 0;
    }
    if (!kind) {
        return EOPNOTSUPP;
    }

    const struct nlattr *o[16];
    if (kind->n_policy > ARRAY_SIZE(o)) {
        return EINVAL;
    }
    if (nl_parse_nested(a[TCA_ACT_OPTIONS], kind->policy, kind->n_policy,
                        o)) {
        return EINVAL;
    }
    error = kind->parse(o, act);
    if (error) {
        return error;
    }
    if (o[kind->tm_attr]) {
        struct tcf_t tm;

        memcpy(&tm, nl_attr_get(o[kind->tm_attr]), sizeof tm);
        act->stats.lastuse_ms = tm.lastuse * (1000 / TC_USER_HZ);
        act->stats.has_lastuse = true;
    }
    return 0;
}

/* Decodes the TCA_FLOWER_ACT nest 'acts' into 'flower''s actions, cookie
 * and stats. */
int
tc_flower_parse_actions(const struct nlattr *acts, struct tc_flower *flower)
{
    const struct nlattr *nla;
    size_t left;

    flower->n_actions = 0;
    NL_NESTED_FOR_EACH (nla, left, acts) {
        struct tc_action *act;
        int error;

        if (flower->n_actions >= TC_MAX_ACTIONS) {
            return EOPNOTSUPP;
        }
        act = &flower->actions[flower->n_actions];
        memset(act, 0, sizeof *act);
        error = tc_parse_action(nla, flower, act, flower->n_actions == 0);
        if (error) {
            return error;
        }
        if (act->stats.valid && !flower->stats.valid) {
            flower->stats = act->stats;
        }
        if (act->stats.has_lastuse
            && (!flower->stats.has_lastuse
                || act->stats.lastuse_ms < flower->stats.lastuse_ms)) {
            /* The most recent use of any action. */
            flower->stats.lastuse_ms = act->stats.lastuse_ms;
            flower->stats.has_lastuse = true;
        }
        flower->n_actions++;
    }
    return left ? EINVAL : 0;
}
