/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

#include <config.h>
#include "odp-actions.h"

#include <errno.h>
#include <string.h>
#include "netlink.h"
#include "util.h"

/* Policies. */

#define FIXED(SIZE) { NL_A_UNSPEC, SIZE, SIZE, true }

/* Top-level actions.  NL_A_NO_ATTR marks known but unsupported ones. */
static const struct nl_policy action_policy[ODP_ACTION_ATTR_MAX + 1] = {
    [OVS_ACTION_ATTR_OUTPUT] = { NL_A_U32, 0, 0, true },
    [OVS_ACTION_ATTR_USERSPACE] = { NL_A_NESTED, 0, 0, true },
    [OVS_ACTION_ATTR_SET] = { NL_A_NESTED, 0, 0, true },
    [OVS_ACTION_ATTR_PUSH_VLAN] = FIXED(sizeof(struct ovs_action_push_vlan)),
    [OVS_ACTION_ATTR_POP_VLAN] = { NL_A_FLAG, 0, 0, true },
    [OVS_ACTION_ATTR_SAMPLE] = { NL_A_NESTED, 0, 0, true },
    [OVS_ACTION_ATTR_RECIRC] = { NL_A_U32, 0, 0, true },
    [OVS_ACTION_ATTR_HASH] = FIXED(sizeof(struct ovs_action_hash)),
    [OVS_ACTION_ATTR_SET_MASKED] = { NL_A_NESTED, 0, 0, true },
    [OVS_ACTION_ATTR_CT] = { NL_A_NESTED, 0, 0, true },
    [OVS_ACTION_ATTR_TRUNC] = FIXED(sizeof(struct ovs_action_trunc)),
    [OVS_ACTION_ATTR_CT_CLEAR] = { NL_A_FLAG, 0, 0, true },
    [OVS_ACTION_ATTR_CLONE] = { NL_A_NESTED, 0, 0, true },
    [OVS_ACTION_ATTR_CHECK_PKT_LEN] = { NL_A_NESTED, 0, 0, true },
    [ODP_ACTION_ATTR_DROP] = { NL_A_U32, 0, 0, true },
};

static const char *const action_names[ODP_ACTION_ATTR_MAX + 1] = {
    [OVS_ACTION_ATTR_PUSH_MPLS] = "push_mpls",
    [OVS_ACTION_ATTR_POP_MPLS] = "pop_mpls",
    [OVS_ACTION_ATTR_PUSH_ETH] = "push_eth",
    [OVS_ACTION_ATTR_POP_ETH] = "pop_eth",
    [OVS_ACTION_ATTR_PUSH_NSH] = "push_nsh",
    [OVS_ACTION_ATTR_POP_NSH] = "pop_nsh",
    [OVS_ACTION_ATTR_METER] = "meter",
    [OVS_ACTION_ATTR_ADD_MPLS] = "add_mpls",
    [OVS_ACTION_ATTR_DEC_TTL] = "dec_ttl",
};

static const struct nl_policy userspace_policy[OVS_USERSPACE_ATTR_MAX + 1] = {
    [OVS_USERSPACE_ATTR_PID] = { NL_A_U32, 0, 0, false },
    [OVS_USERSPACE_ATTR_USERDATA] = { NL_A_UNSPEC, 0, 0, true },
    [OVS_USERSPACE_ATTR_EGRESS_TUN_PORT] = { NL_A_U32, 0, 0, true },
    [OVS_USERSPACE_ATTR_ACTIONS] = { NL_A_FLAG, 0, 0, true },
};

static const struct nl_policy sample_policy[OVS_SAMPLE_ATTR_MAX + 1] = {
    [OVS_SAMPLE_ATTR_PROBABILITY] = { NL_A_U32, 0, 0, false },
    [OVS_SAMPLE_ATTR_ACTIONS] = { NL_A_NESTED, 0, 0, false },
};

static const struct nl_policy cpl_policy[OVS_CHECK_PKT_LEN_ATTR_MAX + 1] = {
    [OVS_CHECK_PKT_LEN_ATTR_PKT_LEN] = { NL_A_U16, 0, 0, false },
    [OVS_CHECK_PKT_LEN_ATTR_ACTIONS_IF_GREATER] = { NL_A_NESTED, 0, 0,
                                                    false },
    [OVS_CHECK_PKT_LEN_ATTR_ACTIONS_IF_LESS_EQUAL] = { NL_A_NESTED, 0, 0,
                                                       false },
};

static const struct nl_policy ct_policy[OVS_CT_ATTR_MAX + 1] = {
    [OVS_CT_ATTR_COMMIT] = { NL_A_FLAG, 0, 0, true },
    [OVS_CT_ATTR_ZONE] = { NL_A_U16, 0, 0, true },
    [OVS_CT_ATTR_MARK] = FIXED(8),
    [OVS_CT_ATTR_LABELS] = FIXED(32),
    [OVS_CT_ATTR_HELPER] = { NL_A_STRING, 0, ODP_CT_NAME_LEN, true },
    [OVS_CT_ATTR_NAT] = { NL_A_NESTED, 0, 0, true },
    [OVS_CT_ATTR_FORCE_COMMIT] = { NL_A_FLAG, 0, 0, true },
    [OVS_CT_ATTR_EVENTMASK] = { NL_A_U32, 0, 0, true },
    [OVS_CT_ATTR_TIMEOUT] = { NL_A_STRING, 0, ODP_CT_NAME_LEN, true },
};

static const struct nl_policy nat_policy[OVS_NAT_ATTR_MAX + 1] = {
    [OVS_NAT_ATTR_SRC] = { NL_A_FLAG, 0, 0, true },
    [OVS_NAT_ATTR_DST] = { NL_A_FLAG, 0, 0, true },
    [OVS_NAT_ATTR_IP_MIN] = { NL_A_UNSPEC, 4, 16, true },
    [OVS_NAT_ATTR_IP_MAX] = { NL_A_UNSPEC, 4, 16, true },
    [OVS_NAT_ATTR_PROTO_MIN] = { NL_A_U16, 0, 0, true },
    [OVS_NAT_ATTR_PROTO_MAX] = { NL_A_U16, 0, 0, true },
    [OVS_NAT_ATTR_PERSISTENT] = { NL_A_FLAG, 0, 0, true },
    [OVS_NAT_ATTR_PROTO_HASH] = { NL_A_FLAG, 0, 0, true },
    [OVS_NAT_ATTR_PROTO_RANDOM] = { NL_A_FLAG, 0, 0, true },
};

/* Key attributes that set and set_masked may carry. */
static bool
settable(uint16_t type)
{
    switch (type) {
    case OVS_KEY_ATTR_PRIORITY:
    case OVS_KEY_ATTR_SKB_MARK:
    case OVS_KEY_ATTR_ETHERNET:
    case OVS_KEY_ATTR_IPV4:
    case OVS_KEY_ATTR_IPV6:
    case OVS_KEY_ATTR_TCP:
    case OVS_KEY_ATTR_UDP:
    case OVS_KEY_ATTR_SCTP:
        return true;
    default:
        return false;
    }
}

/* Parses nested 'nla' against 'policy', with a message on failure. */
static int
parse_nested(const struct nlattr *nla, const struct nl_policy policy[],
             size_t n, const struct nlattr *attrs[], const char *what,
             char **errp)
{
    if (nl_parse_nested(nla, policy, n, attrs)) {
        return odp_error(errp, EINVAL, "%s: malformed or missing "
                         "attributes", what);
    }
    return 0;
}

static struct odp_action_list
list_of(const struct nlattr *nla)
{
    struct odp_action_list list = {
        .data = nl_attr_get(nla),
        .len = nl_attr_get_size(nla),
    };
    return list;
}

static int
decode_set(const struct nlattr *nla, bool masked, struct odp_action_set *set,
           char **errp)
{
    const struct odp_attr_layout *layout;
    const struct nlattr *inner = nl_attr_get(nla);
    size_t len = nl_attr_get_size(nla);
    size_t size;

    memset(set, 0, sizeof *set);
    set->masked = masked;
    if (!nl_attr_is_valid(inner, len)
        || NLA_ALIGN(inner->nla_len) < len) {
        return odp_error(errp, EINVAL, "set: must hold exactly one "
                         "attribute");
    }
    set->key_type = nl_attr_type(inner);
    if (set->key_type == OVS_KEY_ATTR_TUNNEL && !masked) {
        return odp_tun_key_parse(inner, &set->tunnel, errp);
    }
    layout = odp_key_layout(set->key_type);
    if (!layout || !settable(set->key_type)) {
        return odp_error(errp, EOPNOTSUPP, "set of key attribute %u (%s) "
                         "not supported", set->key_type,
                         odp_key_attr_name(set->key_type)
                         ? odp_key_attr_name(set->key_type) : "unknown");
    }
    size = nl_attr_get_size(inner);
    set->size = layout->size;
    if (size != (masked ? 2 : 1) * set->size) {
        return odp_error(errp, EINVAL, "set: %s has length %zu, expected %u",
                         layout->name, size,
                         (unsigned int) ((masked ? 2 : 1) * set->size));
    }
    memcpy(set->key, nl_attr_get(inner), set->size);
    if (masked) {
        memcpy(set->mask, (const uint8_t *) nl_attr_get(inner) + set->size,
               set->size);
        for (size_t i = 0; i < set->size; i++) {
            set->key[i] &= set->mask[i];
        }
    } else {
        memset(set->mask, 0xff, set->size);
    }
    return 0;
}

static int
decode_userspace(const struct nlattr *nla, struct odp_action_userspace *u,
                 char **errp)
{
    const struct nlattr *a[OVS_USERSPACE_ATTR_MAX + 1];
    int error = parse_nested(nla, userspace_policy,
                             ARRAY_SIZE(userspace_policy), a, "userspace",
                             errp);

    if (error) {
        return error;
    }
    u->pid = nl_attr_get_u32(a[OVS_USERSPACE_ATTR_PID]);
    if (a[OVS_USERSPACE_ATTR_USERDATA]) {
        u->userdata = nl_attr_get(a[OVS_USERSPACE_ATTR_USERDATA]);
        u->userdata_len = nl_attr_get_size(a[OVS_USERSPACE_ATTR_USERDATA]);
    }
    if (a[OVS_USERSPACE_ATTR_EGRESS_TUN_PORT]) {
        u->has_egress_tun_port = true;
        u->egress_tun_port = nl_attr_get_u32(
            a[OVS_USERSPACE_ATTR_EGRESS_TUN_PORT]);
    }
    u->actions = a[OVS_USERSPACE_ATTR_ACTIONS] != NULL;
    return 0;
}

static int
decode_nat(const struct nlattr *nla, struct odp_action_nat *nat,
           char **errp)
{
    const struct nlattr *a[OVS_NAT_ATTR_MAX + 1];
    int error = parse_nested(nla, nat_policy, ARRAY_SIZE(nat_policy), a,
                             "ct nat", errp);
    size_t min_len, max_len;

    if (error) {
        return error;
    }
    nat->src = a[OVS_NAT_ATTR_SRC] != NULL;
    nat->dst = a[OVS_NAT_ATTR_DST] != NULL;
    if (nat->src && nat->dst) {
        return odp_error(errp, EINVAL, "ct nat: both src and dst");
    }
    min_len = a[OVS_NAT_ATTR_IP_MIN]
              ? nl_attr_get_size(a[OVS_NAT_ATTR_IP_MIN]) : 0;
    max_len = a[OVS_NAT_ATTR_IP_MAX]
              ? nl_attr_get_size(a[OVS_NAT_ATTR_IP_MAX]) : 0;
    if ((min_len && min_len != 4 && min_len != 16)
        || (max_len && max_len != (min_len ? min_len : max_len))
        || (max_len && !min_len)) {
        return odp_error(errp, EINVAL, "ct nat: bad address lengths");
    }
    nat->ipv6 = min_len == 16;
    if (min_len) {
        nat->has_ip_min = true;
        memcpy(&nat->ip_min, nl_attr_get(a[OVS_NAT_ATTR_IP_MIN]), min_len);
    }
    if (max_len) {
        nat->has_ip_max = true;
        memcpy(&nat->ip_max, nl_attr_get(a[OVS_NAT_ATTR_IP_MAX]), max_len);
    }
    if (a[OVS_NAT_ATTR_PROTO_MIN]) {
        nat->has_proto_min = true;
        nat->proto_min = nl_attr_get_u16(a[OVS_NAT_ATTR_PROTO_MIN]);
    }
    if (a[OVS_NAT_ATTR_PROTO_MAX]) {
        nat->has_proto_max = true;
        nat->proto_max = nl_attr_get_u16(a[OVS_NAT_ATTR_PROTO_MAX]);
    }
    nat->persistent = a[OVS_NAT_ATTR_PERSISTENT] != NULL;
    nat->proto_hash = a[OVS_NAT_ATTR_PROTO_HASH] != NULL;
    nat->proto_random = a[OVS_NAT_ATTR_PROTO_RANDOM] != NULL;
    return 0;
}

static int
decode_ct(const struct nlattr *nla, struct odp_action_ct *ct, char **errp)
{
    const struct nlattr *a[OVS_CT_ATTR_MAX + 1];
    int error = parse_nested(nla, ct_policy, ARRAY_SIZE(ct_policy), a, "ct",
                             errp);

    if (error) {
        return error;
    }
    ct->commit = a[OVS_CT_ATTR_COMMIT] != NULL;
    ct->force_commit = a[OVS_CT_ATTR_FORCE_COMMIT] != NULL;
    if (a[OVS_CT_ATTR_ZONE]) {
        ct->has_zone = true;
        ct->zone = nl_attr_get_u16(a[OVS_CT_ATTR_ZONE]);
    }
    if (a[OVS_CT_ATTR_MARK]) {
        const uint32_t *m = nl_attr_get(a[OVS_CT_ATTR_MARK]);

        ct->has_mark = true;
        memcpy(&ct->mark, &m[0], 4);
        memcpy(&ct->mark_mask, &m[1], 4);
    }
    if (a[OVS_CT_ATTR_LABELS]) {
        const uint8_t *l = nl_attr_get(a[OVS_CT_ATTR_LABELS]);

        ct->has_labels = true;
        memcpy(&ct->labels, l, 16);
        memcpy(&ct->labels_mask, l + 16, 16);
    }
    if (a[OVS_CT_ATTR_HELPER]) {
        ovs_strlcpy(ct->helper, nl_attr_get_string(a[OVS_CT_ATTR_HELPER]),
                    sizeof ct->helper);
    }
    if (a[OVS_CT_ATTR_TIMEOUT]) {
        ovs_strlcpy(ct->timeout, nl_attr_get_string(a[OVS_CT_ATTR_TIMEOUT]),
                    sizeof ct->timeout);
    }
    if (a[OVS_CT_ATTR_EVENTMASK]) {
        ct->has_eventmask = true;
        ct->eventmask = nl_attr_get_u32(a[OVS_CT_ATTR_EVENTMASK]);
    }
    if (a[OVS_CT_ATTR_NAT]) {
        ct->has_nat = true;
        return decode_nat(a[OVS_CT_ATTR_NAT], &ct->nat, errp);
    }
    return 0;
}

int
odp_action_decode(const struct nlattr *nla, struct odp_action *action,
                  char **errp)
{
    uint16_t type = nl_attr_type(nla);
    size_t size = nl_attr_get_size(nla);
    const struct nlattr *a[OVS_CHECK_PKT_LEN_ATTR_MAX + 1];
    const struct nl_policy *p;
    int error;

    memset(action, 0, sizeof *action);
    action->type = type;
    if (type >= ARRAY_SIZE(action_policy)) {
        return odp_error(errp, EINVAL, "unknown action %u", type);
    }
    p = &action_policy[type];
    if (p->kind == NL_A_NO_ATTR) {
        if (action_names[type]) {
            return odp_error(errp, EOPNOTSUPP, "action %s not supported",
                             action_names[type]);
        }
        return odp_error(errp, EINVAL, "unknown action %u", type);
    }
    switch (p->kind) {
    case NL_A_U32:
        if (size != 4) {
            return odp_error(errp, EINVAL, "action %u has length %zu, "
                             "expected 4", type, size);
        }
        break;
    case NL_A_FLAG:
        if (size) {
            return odp_error(errp, EINVAL, "action %u has length %zu, "
                             "expected 0", type, size);
        }
        break;
    case NL_A_UNSPEC:
        if (size != p->max_len) {
            return odp_error(errp, EINVAL, "action %u has length %zu, "
                             "expected %zu", type, size, p->max_len);
        }
        break;
    case NL_A_NESTED:
        if (type != OVS_ACTION_ATTR_SET && type != OVS_ACTION_ATTR_SET_MASKED
            && !nl_attrs_are_valid(nl_attr_get(nla), size)) {
            return odp_error(errp, EINVAL, "action %u: malformed nested "
                             "attributes", type);
        }
        break;
    default:
        break;
    }

    switch (type) {
    case OVS_ACTION_ATTR_OUTPUT:
        action->u.output = nl_attr_get_u32(nla);
        return 0;
    case OVS_ACTION_ATTR_USERSPACE:
        return decode_userspace(nla, &action->u.userspace, errp);
    case OVS_ACTION_ATTR_SET:
    case OVS_ACTION_ATTR_SET_MASKED:
        return decode_set(nla, type == OVS_ACTION_ATTR_SET_MASKED,
                          &action->u.set, errp);
    case OVS_ACTION_ATTR_PUSH_VLAN:
        memcpy(&action->u.push_vlan, nl_attr_get(nla),
               sizeof action->u.push_vlan);
        if (!eth_type_vlan(action->u.push_vlan.vlan_tpid)) {
            return odp_error(errp, EINVAL, "push_vlan: tpid 0x%04"PRIx16
                             " is not a VLAN TPID",
                             ntohs(action->u.push_vlan.vlan_tpid));
        }
        return 0;
    case OVS_ACTION_ATTR_RECIRC:
        action->u.recirc_id = nl_attr_get_u32(nla);
        return 0;
    case OVS_ACTION_ATTR_HASH:
        memcpy(&action->u.hash, nl_attr_get(nla), sizeof action->u.hash);
        return 0;
    case OVS_ACTION_ATTR_CT:
        return decode_ct(nla, &action->u.ct, errp);
    case OVS_ACTION_ATTR_TRUNC:
        action->u.trunc_max_len = nl_attr_get_u32(nla);
        return 0;
    case OVS_ACTION_ATTR_SAMPLE:
        error = parse_nested(nla, sample_policy, ARRAY_SIZE(sample_policy),
                             a, "sample", errp);
        if (!error) {
            action->u.sample.probability = nl_attr_get_u32(
                a[OVS_SAMPLE_ATTR_PROBABILITY]);
            action->u.sample.actions = list_of(a[OVS_SAMPLE_ATTR_ACTIONS]);
        }
        return error;
    case OVS_ACTION_ATTR_CLONE:
        action->u.clone = list_of(nla);
        return 0;
    case OVS_ACTION_ATTR_CHECK_PKT_LEN:
        error = parse_nested(nla, cpl_policy, ARRAY_SIZE(cpl_policy), a,
                             "check_pkt_len", errp);
        if (!error) {
            action->u.check_pkt_len.pkt_len = nl_attr_get_u16(
                a[OVS_CHECK_PKT_LEN_ATTR_PKT_LEN]);
            action->u.check_pkt_len.gt = list_of(
                a[OVS_CHECK_PKT_LEN_ATTR_ACTIONS_IF_GREATER]);
            action->u.check_pkt_len.le = list_of(
                a[OVS_CHECK_PKT_LEN_ATTR_ACTIONS_IF_LESS_EQUAL]);
        }
        return error;
    case ODP_ACTION_ATTR_DROP:
        action->u.drop_reason = nl_attr_get_u32(nla);
        return 0;
    case OVS_ACTION_ATTR_POP_VLAN:
    case OVS_ACTION_ATTR_CT_CLEAR:
    default:
        return 0;
    }
}

static int
validate__(const void *actions, size_t len, int depth, char **errp)
{
    const struct nlattr *nla;
    size_t left;

    if (depth > ODP_ACTIONS_MAX_DEPTH) {
        return odp_error(errp, EINVAL, "actions nested more than %d deep",
                         ODP_ACTIONS_MAX_DEPTH);
    }
    NL_ATTR_FOR_EACH (nla, left, actions, len) {
        struct odp_action action;
        int error = odp_action_decode(nla, &action, errp);

        if (!error) {
            switch (action.type) {
            case OVS_ACTION_ATTR_SAMPLE:
                error = validate__(action.u.sample.actions.data,
                                   action.u.sample.actions.len, depth + 1,
                                   errp);
                break;
            case OVS_ACTION_ATTR_CLONE:
                error = validate__(action.u.clone.data, action.u.clone.len,
                                   depth + 1, errp);
                break;
            case OVS_ACTION_ATTR_CHECK_PKT_LEN:
                error = validate__(action.u.check_pkt_len.gt.data,
                                   action.u.check_pkt_len.gt.len, depth + 1,
                                   errp);
                if (!error) {
                    error = validate__(action.u.check_pkt_len.le.data,
                                       action.u.check_pkt_len.le.len,
                                       depth + 1, errp);
                }
                break;
            default:
                break;
            }
        }
        if (error) {
            return error;
        }
    }
    if (left) {
        return odp_error(errp, EINVAL, "actions: %zu bytes of truncated or "
                         "malformed attribute", left);
    }
    return 0;
}

int
odp_actions_validate(const void *actions, size_t len, char **errp)
{
    return validate__(actions, len, 0, errp);
}

/* Encoding. */

static void
put_set(struct nl_buf *buf, uint16_t type, const struct odp_action_set *set)
{
    size_t ofs = nl_nest_begin(buf, type);

    if (set->key_type == OVS_KEY_ATTR_TUNNEL) {
        odp_tun_key_put(buf, OVS_KEY_ATTR_TUNNEL, &set->tunnel, true);
    } else if (set->masked) {
        uint8_t both[2 * ODP_KEY_MAX_SIZE];
        size_t size = MIN(set->size, ODP_KEY_MAX_SIZE);

        for (size_t i = 0; i < size; i++) {
            both[i] = set->key[i] & set->mask[i];
        }
        memcpy(both + size, set->mask, size);
        nl_put_unspec(buf, set->key_type, both, 2 * size);
    } else {
        nl_put_unspec(buf, set->key_type, set->key,
                      MIN(set->size, ODP_KEY_MAX_SIZE));
    }
    nl_nest_end(buf, ofs);
}

static void
put_nat(struct nl_buf *buf, const struct odp_action_nat *nat)
{
    size_t ofs = nl_nest_begin(buf, OVS_CT_ATTR_NAT);
    size_t alen = nat->ipv6 ? 16 : 4;

    if (nat->src) {
        nl_put_flag(buf, OVS_NAT_ATTR_SRC);
    } else if (nat->dst) {
        nl_put_flag(buf, OVS_NAT_ATTR_DST);
    }
    if (nat->has_ip_min) {
        nl_put_unspec(buf, OVS_NAT_ATTR_IP_MIN, &nat->ip_min, alen);
    }
    if (nat->has_ip_max) {
        nl_put_unspec(buf, OVS_NAT_ATTR_IP_MAX, &nat->ip_max, alen);
    }
    if (nat->has_proto_min) {
        nl_put_u16(buf, OVS_NAT_ATTR_PROTO_MIN, nat->proto_min);
    }
    if (nat->has_proto_max) {
        nl_put_u16(buf, OVS_NAT_ATTR_PROTO_MAX, nat->proto_max);
    }
    if (nat->persistent) {
        nl_put_flag(buf, OVS_NAT_ATTR_PERSISTENT);
    }
    if (nat->proto_hash) {
        nl_put_flag(buf, OVS_NAT_ATTR_PROTO_HASH);
    }
    if (nat->proto_random) {
        nl_put_flag(buf, OVS_NAT_ATTR_PROTO_RANDOM);
    }
    nl_nest_end(buf, ofs);
}

static void
put_ct(struct nl_buf *buf, const struct odp_action_ct *ct)
{
    size_t ofs = nl_nest_begin(buf, OVS_ACTION_ATTR_CT);

    if (ct->commit) {
        nl_put_flag(buf, OVS_CT_ATTR_COMMIT);
    }
    if (ct->force_commit) {
        nl_put_flag(buf, OVS_CT_ATTR_FORCE_COMMIT);
    }
    if (ct->has_zone) {
        nl_put_u16(buf, OVS_CT_ATTR_ZONE, ct->zone);
    }
    if (ct->has_mark) {
        uint32_t m[2] = { ct->mark, ct->mark_mask };

        nl_put_unspec(buf, OVS_CT_ATTR_MARK, m, sizeof m);
    }
    if (ct->has_labels) {
        uint8_t l[32];

        memcpy(l, &ct->labels, 16);
        memcpy(l + 16, &ct->labels_mask, 16);
        nl_put_unspec(buf, OVS_CT_ATTR_LABELS, l, sizeof l);
    }
    if (ct->helper[0]) {
        nl_put_string(buf, OVS_CT_ATTR_HELPER, ct->helper);
    }
    if (ct->timeout[0]) {
        nl_put_string(buf, OVS_CT_ATTR_TIMEOUT, ct->timeout);
    }
    if (ct->has_eventmask) {
        nl_put_u32(buf, OVS_CT_ATTR_EVENTMASK, ct->eventmask);
    }
    if (ct->has_nat) {
        put_nat(buf, &ct->nat);
    }
    nl_nest_end(buf, ofs);
}

int
odp_action_put(struct nl_buf *buf, const struct odp_action *a)
{
    size_t ofs;

    switch (a->type) {
    case OVS_ACTION_ATTR_OUTPUT:
        nl_put_u32(buf, a->type, a->u.output);
        break;
    case OVS_ACTION_ATTR_USERSPACE: {
        const struct odp_action_userspace *u = &a->u.userspace;

        ofs = nl_nest_begin(buf, a->type);
        nl_put_u32(buf, OVS_USERSPACE_ATTR_PID, u->pid);
        if (u->userdata) {
            nl_put_unspec(buf, OVS_USERSPACE_ATTR_USERDATA, u->userdata,
                          u->userdata_len);
        }
        if (u->has_egress_tun_port) {
            nl_put_u32(buf, OVS_USERSPACE_ATTR_EGRESS_TUN_PORT,
                       u->egress_tun_port);
        }
        if (u->actions) {
            nl_put_flag(buf, OVS_USERSPACE_ATTR_ACTIONS);
        }
        nl_nest_end(buf, ofs);
        break;
    }
    case OVS_ACTION_ATTR_SET:
    case OVS_ACTION_ATTR_SET_MASKED:
        put_set(buf, a->type, &a->u.set);
        break;
    case OVS_ACTION_ATTR_PUSH_VLAN:
        nl_put_unspec(buf, a->type, &a->u.push_vlan,
                      sizeof a->u.push_vlan);
        break;
    case OVS_ACTION_ATTR_RECIRC:
        nl_put_u32(buf, a->type, a->u.recirc_id);
        break;
    case OVS_ACTION_ATTR_HASH:
        nl_put_unspec(buf, a->type, &a->u.hash, sizeof a->u.hash);
        break;
    case OVS_ACTION_ATTR_CT:
        put_ct(buf, &a->u.ct);
        break;
    case OVS_ACTION_ATTR_TRUNC:
        nl_put_u32(buf, a->type, a->u.trunc_max_len);
        break;
    case OVS_ACTION_ATTR_SAMPLE:
        ofs = nl_nest_begin(buf, a->type);
        nl_put_u32(buf, OVS_SAMPLE_ATTR_PROBABILITY,
                   a->u.sample.probability);
        nl_put_unspec(buf, OVS_SAMPLE_ATTR_ACTIONS,
                      a->u.sample.actions.data, a->u.sample.actions.len);
        nl_nest_end(buf, ofs);
        break;
    case OVS_ACTION_ATTR_CLONE:
        nl_put_unspec(buf, a->type, a->u.clone.data, a->u.clone.len);
        break;
    case OVS_ACTION_ATTR_CHECK_PKT_LEN:
        ofs = nl_nest_begin(buf, a->type);
        nl_put_u16(buf, OVS_CHECK_PKT_LEN_ATTR_PKT_LEN,
                   a->u.check_pkt_len.pkt_len);
        nl_put_unspec(buf, OVS_CHECK_PKT_LEN_ATTR_ACTIONS_IF_GREATER,
                      a->u.check_pkt_len.gt.data,
                      a->u.check_pkt_len.gt.len);
        nl_put_unspec(buf, OVS_CHECK_PKT_LEN_ATTR_ACTIONS_IF_LESS_EQUAL,
                      a->u.check_pkt_len.le.data,
                      a->u.check_pkt_len.le.len);
        nl_nest_end(buf, ofs);
        break;
    case ODP_ACTION_ATTR_DROP:
        nl_put_u32(buf, a->type, a->u.drop_reason);
        break;
    case OVS_ACTION_ATTR_POP_VLAN:
    case OVS_ACTION_ATTR_CT_CLEAR:
    default:
        nl_put_flag(buf, a->type);
        break;
    }
    return nl_buf_error(buf);
}

/* Shortcuts. */

int
odp_put_output(struct nl_buf *buf, odp_port_t port)
{
    return nl_put_u32(buf, OVS_ACTION_ATTR_OUTPUT, port);
}

int
odp_put_push_vlan(struct nl_buf *buf, ovs_be16 tpid, ovs_be16 tci)
{
    struct ovs_action_push_vlan push = {
        .vlan_tpid = tpid,
        .vlan_tci = tci,
    };

    return nl_put_unspec(buf, OVS_ACTION_ATTR_PUSH_VLAN, &push, sizeof push);
}

int
odp_put_pop_vlan(struct nl_buf *buf)
{
    return nl_put_flag(buf, OVS_ACTION_ATTR_POP_VLAN);
}

int
odp_put_recirc(struct nl_buf *buf, uint32_t recirc_id)
{
    return nl_put_u32(buf, OVS_ACTION_ATTR_RECIRC, recirc_id);
}

int
odp_put_set_tunnel(struct nl_buf *buf, const struct flow_tnl *tnl)
{
    size_t ofs = nl_nest_begin(buf, OVS_ACTION_ATTR_SET);

    odp_tun_key_put(buf, OVS_KEY_ATTR_TUNNEL, tnl, true);
    nl_nest_end(buf, ofs);
    return nl_buf_error(buf);
}

int
odp_put_userspace(struct nl_buf *buf, uint32_t pid, const void *userdata,
                  size_t userdata_len)
{
    struct odp_action a = { .type = OVS_ACTION_ATTR_USERSPACE };

    a.u.userspace.pid = pid;
    a.u.userspace.userdata = userdata;
    a.u.userspace.userdata_len = userdata_len;
    return odp_action_put(buf, &a);
}
