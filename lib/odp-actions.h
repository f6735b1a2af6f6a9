/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

#ifndef ODP_ACTIONS_H
#define ODP_ACTIONS_H 1

/* Datapath actions: the OVS_ACTION_ATTR_* attributes of the kernel
 * openvswitch module, decoded one at a time into struct odp_action and
 * encoded back from it.
 *
 * An action list stays in its wire form (a stream of attributes) wherever
 * it is stored or passed on; struct odp_action is the view of one action
 * that the TC codec, the text format and the tests read and write.  Nested
 * action lists (sample, clone, check_pkt_len) are likewise kept as pointers
 * to their wire form.
 *
 * Errors follow odp-key.h: 0 or a positive errno value (EINVAL malformed,
 * EOPNOTSUPP valid but not supported here, EMSGSIZE buffer full), with an
 * optional malloc()'d message in '*errp'.
 *
 * Supported: output, userspace, set and set_masked (tunnel, skb_priority,
 * skb_mark, eth, ipv4, ipv6, tcp, udp, sctp), push_vlan, pop_vlan, sample,
 * recirc, hash, ct (with nat), trunc, ct_clear, clone, check_pkt_len, drop.
 * Refused with EOPNOTSUPP: MPLS, push/pop_eth, NSH, meter, dec_ttl. */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <netinet/in.h>
#include <linux/openvswitch.h>
#include "flow.h"
#include "odp-key.h"
#include "types.h"

struct nl_buf;
struct nlattr;

/* OVS_ACTION_ATTR_DROP (Linux 6.4+; not in every uapi header).  An empty
 * action list drops too, and is what "drop" means in the text syntax. */
#define ODP_ACTION_ATTR_DROP 24
#define ODP_ACTION_ATTR_MAX ODP_ACTION_ATTR_DROP

/* The symmetric L4 hash algorithm (Linux 5.13+; not in every uapi
 * header). */
#define ODP_HASH_ALG_SYM_L4 1

/* Deepest nesting of action lists accepted (sample inside clone...). */
#define ODP_ACTIONS_MAX_DEPTH 8

/* Longest ct helper or timeout policy name, with its null terminator. */
#define ODP_CT_NAME_LEN 32

struct odp_action_userspace {
    uint32_t pid;
    const void *userdata;       /* Not owned; NULL if absent. */
    size_t userdata_len;
    bool has_egress_tun_port;
    odp_port_t egress_tun_port;
    bool actions;               /* OVS_USERSPACE_ATTR_ACTIONS. */
};

/* A set or set_masked action.  'key_type' is an OVS_KEY_ATTR_*: for
 * OVS_KEY_ATTR_TUNNEL the value is 'tunnel' (never masked); otherwise 'key'
 * and 'mask' hold 'size' bytes laid out as the attribute's payload (see
 * odp_key_layout()).  An unmasked set has an all-ones 'mask'. */
struct odp_action_set {
    bool masked;
    uint16_t key_type;
    size_t size;
    uint8_t key[ODP_KEY_MAX_SIZE];
    uint8_t mask[ODP_KEY_MAX_SIZE];
    struct flow_tnl tunnel;
};

struct odp_action_nat {
    bool src, dst;              /* At most one is true. */
    bool ipv6;                  /* Addresses are IPv6. */
    bool has_ip_min, has_ip_max;
    struct in6_addr ip_min;     /* IPv4 in the first 4 bytes. */
    struct in6_addr ip_max;
    bool has_proto_min, has_proto_max;
    uint16_t proto_min, proto_max;
    bool persistent, proto_hash, proto_random;
};

struct odp_action_ct {
    bool commit;
    bool force_commit;
    bool has_zone;
    uint16_t zone;
    bool has_mark;
    uint32_t mark, mark_mask;
    bool has_labels;
    ovs_u128 labels, labels_mask;   /* Bytes as on the wire. */
    char helper[ODP_CT_NAME_LEN];   /* Empty if none. */
    char timeout[ODP_CT_NAME_LEN];  /* Empty if none. */
    bool has_eventmask;
    uint32_t eventmask;
    bool has_nat;
    struct odp_action_nat nat;
};

/* A nested action list in wire form, not owned. */
struct odp_action_list {
    const void *data;
    size_t len;
};

struct odp_action {
    uint16_t type;              /* OVS_ACTION_ATTR_* or ODP_ACTION_ATTR_*. */
    union {
        odp_port_t output;
        struct odp_action_userspace userspace;
        struct odp_action_set set;          /* SET, SET_MASKED. */
        struct ovs_action_push_vlan push_vlan;
        uint32_t recirc_id;
        struct ovs_action_hash hash;
        struct odp_action_ct ct;
        uint32_t trunc_max_len;
        struct {
            uint32_t probability;           /* Of UINT32_MAX. */
            struct odp_action_list actions;
        } sample;
        struct odp_action_list clone;
        struct {
            uint16_t pkt_len;
            struct odp_action_list gt;      /* Longer than 'pkt_len'. */
            struct odp_action_list le;      /* The others. */
        } check_pkt_len;
        uint32_t drop_reason;
    } u;
};

/* Decodes the single action 'nla' into '*action'.  Nested action lists are
 * checked for well-formed attributes only; odp_actions_validate() checks
 * them in depth. */
int odp_action_decode(const struct nlattr *nla, struct odp_action *action,
                      char **errp);

/* Appends 'action' to 'buf'.  Returns 0 or EMSGSIZE. */
int odp_action_put(struct nl_buf *buf, const struct odp_action *action);

/* Checks every action of the 'len' bytes at 'actions', nested lists
 * included. */
int odp_actions_validate(const void *actions, size_t len, char **errp);

/* Shortcuts for odp_action_put() of the common actions. */
int odp_put_output(struct nl_buf *, odp_port_t);
int odp_put_push_vlan(struct nl_buf *, ovs_be16 tpid, ovs_be16 tci);
int odp_put_pop_vlan(struct nl_buf *);
int odp_put_recirc(struct nl_buf *, uint32_t recirc_id);
int odp_put_set_tunnel(struct nl_buf *, const struct flow_tnl *);
int odp_put_userspace(struct nl_buf *, uint32_t pid, const void *userdata,
                      size_t userdata_len);

#endif /* odp-actions.h */
