/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

#ifndef DATAPATH_TC_H
#define DATAPATH_TC_H 1

/* The TC flower codec: a flower rule as a C structure (struct tc_flower),
 * to and from the rtnetlink messages that install, delete, get and dump
 * it (RTM_NEWTFILTER, RTM_DELTFILTER, RTM_GETTFILTER), plus the few
 * transport helpers the offload engine needs (ensure the clsact qdisc,
 * send one rule, dump a chain).
 *
 * This file knows TC and netlink, nothing of OpenFlow, of datapath flows or
 * of offload policy: deciding what a flow becomes in TC is the offload
 * engine's job.
 *
 * Error convention: 0 or a positive errno value.  Decoders return EINVAL
 * for anything malformed or outside the declared policies, EOPNOTSUPP for a
 * well-formed rule that uses something this codec does not model (an
 * unknown action kind, for instance).
 *
 * Keys and masks.  'key' and 'mask' of a struct tc_flower have the same
 * shape.  A mask bit of 1 means "this key bit must match".  A field whose
 * mask is all zeros is not sent at all; a field whose mask is all ones is
 * sent without its mask attribute; on decode a missing mask attribute reads
 * back as all ones when the key attribute is present (exact match).
 * Fields flower matches only exactly (VLAN id/priority, ip_proto, eth type,
 * enc key id) still have a mask: it is all ones or all zeros.
 *
 * Byte order follows the types: ovs_be* fields are in network order, plain
 * integers in host order, as the kernel wants them on the wire. */

#include <netinet/in.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <net/if.h>
#include "netlink.h"
#include "types.h"

struct ds;
struct nln_socket;

/* Attribute numbers that the build host's headers may lack.  They are
 * facts of the kernel ABI; whether the running kernel knows them is for the
 * offload engine to probe. */
#ifdef HAVE_TCA_FLOWER_KEY_ENC_FLAGS
#define TC_FLOWER_KEY_ENC_FLAGS TCA_FLOWER_KEY_ENC_FLAGS
#define TC_FLOWER_KEY_ENC_FLAGS_MASK TCA_FLOWER_KEY_ENC_FLAGS_MASK
#else
#define TC_FLOWER_KEY_ENC_FLAGS 110
#define TC_FLOWER_KEY_ENC_FLAGS_MASK 111
#endif
#define TC_TUNNEL_KEY_NO_FRAG 14

/* Bits of TCA_FLOWER_KEY_ENC_FLAGS (kernel 6.11 and later). */
#define TC_ENC_FLAG_CSUM (1u << 2)
#define TC_ENC_FLAG_DONT_FRAGMENT (1u << 3)
#define TC_ENC_FLAG_OAM (1u << 4)
#define TC_ENC_FLAG_CRIT_OPT (1u << 5)

/* Geneve options in their wire format: back to back, each a 4-byte header
 * (class, type, length of the data in 4-byte words) and its data. */
#define TC_TUN_OPTS_MAX 252
struct tc_tun_opts {
    uint8_t len;                /* Bytes used in 'data'. */
    uint8_t data[TC_TUN_OPTS_MAX];
};

/* The tunnel a packet arrived from (flower's "enc_" keys). */
struct tc_flower_tunnel {
    ovs_be32 id;                /* Key id (VNI); exact. */
    ovs_be32 ipv4_src, ipv4_dst;
    struct in6_addr ipv6_src, ipv6_dst;
    ovs_be16 tp_src, tp_dst;    /* UDP ports. */
    uint8_t tos, ttl;
    ovs_be32 flags;             /* TC_ENC_FLAG_*. */
    struct tc_tun_opts opts;    /* Geneve. */
};

/* One VLAN header: [0] is the outer (TCA_FLOWER_KEY_VLAN_*), [1] the inner
 * (TCA_FLOWER_KEY_CVLAN_*).  'id' and 'prio' match exactly or not at all;
 * 'eth_type' is the type of what follows the tag. */
struct tc_flower_vlan {
    uint16_t id;
    uint8_t prio;
    ovs_be16 eth_type;
};

struct tc_flower_key {
    char indev[IFNAMSIZ];       /* Input device name, or empty; exact. */
    uint8_t eth_dst[6], eth_src[6];
    ovs_be16 eth_type;          /* The rule's protocol; exact.  For a VLAN
                                 * rule the outer TPID (the kernel dumps
                                 * the inner type; decode puts it back). */
    struct tc_flower_vlan vlan[2];

    uint8_t ip_proto;           /* Exact. */
    uint8_t ip_tos, ip_ttl;
    ovs_be32 frag_flags;        /* TCA_FLOWER_KEY_FLAGS_* in network order. */

    ovs_be32 ipv4_src, ipv4_dst;
    struct in6_addr ipv6_src, ipv6_dst;

    /* TCP, UDP or SCTP ports, by 'ip_proto'; for ICMP(v6) 'icmp_type'
     * and 'icmp_code' instead. */
    ovs_be16 tp_src, tp_dst;
    ovs_be16 tcp_flags;
    uint8_t icmp_type, icmp_code;

    ovs_be32 arp_sip, arp_tip;  /* When 'eth_type' is ARP. */
    uint8_t arp_op;
    uint8_t arp_sha[6], arp_tha[6];

    uint16_t ct_state;          /* TCA_FLOWER_KEY_CT_FLAGS_*. */
    uint16_t ct_zone;
    uint32_t ct_mark;
    uint8_t ct_labels[16];

    struct tc_flower_tunnel enc;
};

/* Actions. */

enum tc_action_type {
    TC_ACT_MIRRED,              /* Output: redirect or mirror. */
    TC_ACT_DROP,                /* gact drop. */
    TC_ACT_GOTO,                /* gact goto chain. */
    TC_ACT_VLAN_PUSH,
    TC_ACT_VLAN_POP,
    TC_ACT_VLAN_MODIFY,
    TC_ACT_TUNNEL_SET,
    TC_ACT_TUNNEL_UNSET,
    TC_ACT_PEDIT,
    TC_ACT_CSUM,
    TC_ACT_CT,
    TC_ACT_POLICE,
};

/* Counters that the kernel reports for an action. */
struct tc_flower_stats {
    uint64_t n_packets, n_bytes;        /* Total (software and hardware). */
    uint64_t n_hw_packets, n_hw_bytes;  /* The hardware part, if known. */
    bool has_hw;                        /* TCA_STATS_BASIC_HW present. */
    uint64_t lastuse_ms;                /* Milliseconds since last use... */
    bool has_lastuse;                   /* ...if this is true. */
    bool valid;                         /* Anything above is present. */
};

struct tc_pedit_key_ex {
    uint16_t htype;             /* TCA_PEDIT_KEY_EX_HDR_TYPE_*. */
    uint16_t cmd;               /* TCA_PEDIT_KEY_EX_CMD_*. */
    uint32_t off;               /* Byte offset in that header, 4-aligned. */
    ovs_be32 val;               /* Bits to write... */
    ovs_be32 mask;              /* ...where these are 1 (the kernel's
                                 * key mask is the complement). */
};

#define TC_PEDIT_MAX_KEYS 16

struct tc_action {
    enum tc_action_type type;
    union {
        struct {
            int eaction;        /* TCA_EGRESS_REDIR... */
            uint32_t ifindex;
        } mirred;
        uint32_t chain;         /* TC_ACT_GOTO. */
        struct {
            uint16_t id;        /* PUSH, MODIFY. */
            uint8_t prio;
            ovs_be16 proto;     /* ETH_P_8021Q or ETH_P_8021AD. */
        } vlan;
        struct {
            ovs_be32 id;        /* Key id (VNI), always sent. */
            ovs_be32 ipv4_src, ipv4_dst;
            struct in6_addr ipv6_src, ipv6_dst;
            ovs_be16 tp_dst;
            uint8_t tos, ttl;
            bool csum;          /* False: TCA_TUNNEL_KEY_NO_CSUM 1. */
            bool no_frag;       /* TCA_TUNNEL_KEY_NO_FRAG (kernel 6.10+). */
            struct tc_tun_opts opts;
        } tunnel;
        struct {
            uint8_t n_keys;
            struct tc_pedit_key_ex keys[TC_PEDIT_MAX_KEYS];
        } pedit;
        uint32_t csum_flags;    /* TCA_CSUM_UPDATE_FLAG_*. */
        struct {
            uint16_t flags;     /* TCA_CT_ACT_*. */
            uint16_t zone;
            uint32_t mark, mark_mask;
            uint8_t labels[16], labels_mask[16];
            ovs_be32 nat_ipv4_min, nat_ipv4_max;
            struct in6_addr nat_ipv6_min, nat_ipv6_max;
            ovs_be16 nat_port_min, nat_port_max;
        } ct;
        struct {
            uint64_t rate;      /* Bytes per second, or 0. */
            uint32_t burst;     /* Bytes. */
            uint64_t pkts_rate; /* Packets per second, or 0. */
            uint64_t pkts_burst;
        } police;
    };
    struct tc_flower_stats stats;      /* Decode only. */
};

#define TC_MAX_ACTIONS 16
#define TC_COOKIE_LEN 16

/* Where a rule lives and who it is. */
struct tc_id {
    uint32_t ifindex;           /* Device, or 0 if 'block' is used. */
    uint32_t block;             /* Shared block index, or 0. */
    uint32_t parent;            /* TC_INGRESS_PARENT usually. */
    uint32_t chain;
    uint16_t prio;
    ovs_be16 protocol;          /* Eth type, e.g. htons(ETH_P_IP). */
    uint32_t handle;            /* 0: let the kernel choose. */
};

/* TC_H_MAKE(TC_H_CLSACT, TC_H_MIN_INGRESS) and the egress counterpart. */
#define TC_INGRESS_PARENT 0xfffffff2u
#define TC_EGRESS_PARENT 0xfffffff3u

struct tc_flower {
    struct tc_id id;
    struct tc_flower_key key;
    struct tc_flower_key mask;

    size_t n_actions;
    struct tc_action actions[TC_MAX_ACTIONS];

    /* The cookie of the first action (the datapath flow's UFID). */
    uint8_t cookie[TC_COOKIE_LEN];
    bool has_cookie;

    uint32_t flags;             /* TCA_CLS_FLAGS_SKIP_HW / SKIP_SW; on
                                 * decode also IN_HW / NOT_IN_HW. */

    /* Decode only. */
    uint32_t in_hw_count;
    bool has_in_hw_count;
    struct tc_flower_stats stats;      /* Of the first action that has them. */
    bool terse;                 /* Came from a terse dump: no keys, and
                                 * of the actions only stats and cookie
                                 * (their 'type's are meaningless). */
};

/* Encoding. */

/* Appends to 'buf' a complete RTM_NEWTFILTER message for 'flower', ready
 * for nln_request() or nln_batch(): flags NLM_F_CREATE plus NLM_F_EXCL, or
 * plus NLM_F_REPLACE if 'replace'.  Returns 0, EMSGSIZE (no room), or
 * EINVAL ('flower' not expressible: a partial mask on a field flower
 * matches only exactly, malformed geneve options, too many actions...).
 * On error 'buf' is left as it was. */
int tc_flower_put_new(struct nl_buf *, const struct tc_flower *,
                      bool replace);

/* Appends a RTM_DELTFILTER or RTM_GETTFILTER for the rule 'id'. */
int tc_put_del(struct nl_buf *, const struct tc_id *);
int tc_put_get(struct nl_buf *, const struct tc_id *);

/* Appends a dump request (RTM_GETTFILTER, to be sent with nln_dump_start())
 * for the rules of 'id' (device or block, parent, and 'chain' when
 * 'chain' is not UINT32_MAX).  With 'terse', asks for TCA_DUMP_FLAGS_TERSE. */
int tc_put_dump(struct nl_buf *, const struct tc_id *, bool terse);

/* Appends the flower attributes of 'flower' (keys, masks, flags, actions)
 * at the current position: the body of TCA_OPTIONS. */
int tc_flower_put_options(struct nl_buf *, const struct tc_flower *);
int tc_flower_put_keys(struct nl_buf *, const struct tc_flower_key *key,
                       const struct tc_flower_key *mask);
int tc_flower_put_actions(struct nl_buf *, const struct tc_flower *);

/* Decoding. */

/* Decodes 'nlh' (an RTM_NEWTFILTER from a dump or a get, 'len' bytes at
 * most) into 'flower'.  Returns 0, EINVAL or EOPNOTSUPP; ENOENT if the
 * message is a filter of another kind than flower, or a chain-only entry
 * without options. */
int tc_flower_decode(const struct nlmsghdr *, size_t len,
                     struct tc_flower *);

int tc_flower_parse_keys(const struct nlattr *attrs[],
                         struct tc_flower_key *key,
                         struct tc_flower_key *mask);
int tc_flower_parse_actions(const struct nlattr *act,
                            struct tc_flower *);
extern const struct nl_policy tc_flower_policy[];
extern const size_t tc_flower_policy_len;

/* Geneve options, shared by flower keys and tunnel_key actions (both
 * number the option nest 1 and class, type, data 1, 2, 3): writes 'opts'
 * as nest 'type', or parses 'nest' into 'opts'.  Internal to the codec. */
int tc_put_geneve_opts(struct nl_buf *, uint16_t type,
                       const struct tc_tun_opts *);
int tc_parse_geneve_opts(const struct nlattr *nest, struct tc_tun_opts *);

/* Pedit helpers. */

/* Adds to 'action' (a TC_ACT_PEDIT) the keys that write the 'n' bytes at
 * 'value' under 'mask' at byte 'offset' of header 'htype'.  Returns
 * EINVAL if that needs more than TC_PEDIT_MAX_KEYS keys. */
int tc_pedit_add_set(struct tc_action *, uint16_t htype, uint32_t offset,
                     const void *value, const void *mask, size_t n);

/* Formatting. */

/* Appends a one-line description of 'flower' to 'ds'. */
void tc_flower_format(struct ds *, const struct tc_flower *);

/* Transport. */

/* Makes sure device 'ifindex' has a clsact qdisc (creates it if missing;
 * an existing clsact or ingress qdisc is fine).  'err' as nln_request(). */
int tc_ensure_clsact(struct nln_socket *, uint32_t ifindex,
                     struct nl_error *err);
/* Removes the clsact qdisc of 'ifindex' (and with it every rule). */
int tc_del_clsact(struct nln_socket *, uint32_t ifindex,
                  struct nl_error *err);

/* Installs 'flower' and, if 'handlep' is nonnull, stores the handle the
 * kernel chose (from the NLM_F_ECHO reply). */
int tc_flower_install(struct nln_socket *, const struct tc_flower *,
                      bool replace, uint32_t *handlep, struct nl_error *);
int tc_flower_delete(struct nln_socket *, const struct tc_id *,
                     struct nl_error *);
int tc_flower_get(struct nln_socket *, const struct tc_id *,
                  struct tc_flower *, struct nl_error *);

#endif /* datapath/tc.h */
