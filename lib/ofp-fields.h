/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

#ifndef OFP_FIELDS_H
#define OFP_FIELDS_H 1

/* OpenFlow match fields: one table of descriptors that maps every field
 * OpenFlow can match or set to its place in struct flow, its NXM and OXM
 * headers, width and prerequisites.  The NXM/OXM codec (ofp-match.c), the
 * set_field/reg_load actions and the flow-syntax parser all go through it.
 *
 * Values travel as a union mf_value: the field's bytes in network byte
 * order, 'n_bytes' long, whatever order struct flow keeps the field in. */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "flow.h"

struct match;

/* NXM/OXM header: class (16 bits), field (7), has-mask (1), length (8). */
#define OFP_FIELD_HDR(CLASS, FIELD, LEN) \
    (((uint32_t) (CLASS) << 16) | ((FIELD) << 9) | (LEN))
#define OFP_HDR_CLASS(H) ((H) >> 16)
#define OFP_HDR_FIELD(H) (((H) >> 9) & 0x7f)
#define OFP_HDR_HASMASK(H) (((H) >> 8) & 1)
#define OFP_HDR_LENGTH(H) ((H) & 0xff)
/* The header without its has-mask bit and with the length of the value. */
#define OFP_HDR_UNMASKED(H) \
    (OFP_HDR_HASMASK(H) \
     ? (((H) & 0xfffffe00) | (OFP_HDR_LENGTH(H) / 2)) : (H))
#define OFP_HDR_MASKED(H) \
    (((H) & 0xfffffe00) | 0x100 | (OFP_HDR_LENGTH(H) * 2))

#define NXM_CLASS_OF 0x0000         /* NXM_OF_*: OpenFlow 1.0 fields. */
#define NXM_CLASS_NX 0x0001         /* NXM_NX_*: Nicira extensions. */
#define OXM_CLASS_OPENFLOW_BASIC 0x8000
#define OXM_CLASS_EXPERIMENTER 0xffff

enum mf_id {
    MFF_DP_HASH,
    MFF_RECIRC_ID,
    MFF_IN_PORT,                /* 16-bit, NXM. */
    MFF_IN_PORT_OXM,            /* 32-bit, OXM. */
    MFF_ETH_SRC,
    MFF_ETH_DST,
    MFF_ETH_TYPE,
    MFF_VLAN_TCI,
    MFF_VLAN_VID,
    MFF_VLAN_PCP,
    MFF_IPV4_SRC,
    MFF_IPV4_DST,
    MFF_IPV6_SRC,
    MFF_IPV6_DST,
    MFF_IPV6_LABEL,
    MFF_IP_FRAG,
    MFF_IP_TOS,                 /* NXM_OF_IP_TOS: DSCP bits in place. */
    MFF_IP_DSCP,                /* OXM: DSCP shifted right 2. */
    MFF_IP_ECN,
    MFF_IP_TTL,
    MFF_IP_PROTO,
    MFF_TCP_SRC,
    MFF_TCP_DST,
    MFF_TCP_FLAGS,
    MFF_UDP_SRC,
    MFF_UDP_DST,
    MFF_SCTP_SRC,
    MFF_SCTP_DST,
    MFF_ICMPV4_TYPE,
    MFF_ICMPV4_CODE,
    MFF_ICMPV6_TYPE,
    MFF_ICMPV6_CODE,
    MFF_ND_TARGET,
    MFF_ND_SLL,
    MFF_ND_TLL,
    MFF_ARP_OP,
    MFF_ARP_SPA,
    MFF_ARP_TPA,
    MFF_ARP_SHA,
    MFF_ARP_THA,
    MFF_TUN_ID,
    MFF_TUN_FLAGS,
    MFF_TUN_SRC,
    MFF_TUN_DST,
    MFF_TUN_IPV6_SRC,
    MFF_TUN_IPV6_DST,
    MFF_TUN_GBP_ID,
    MFF_TUN_GBP_FLAGS,
    MFF_REG0,
    MFF_REG15 = MFF_REG0 + FLOW_N_REGS - 1,
    MFF_PKT_MARK,
    MFF_CT_STATE,
    MFF_CT_ZONE,
    MFF_CT_MARK,
    MFF_CT_LABEL,
    MFF_METADATA,
    MFF_N_IDS
};

/* What must already be matched for a field to be meaningful. */
enum mf_prereq {
    MFP_NONE,
    MFP_VLAN,                   /* A VLAN tag present. */
    MFP_ARP,                    /* ARP or RARP. */
    MFP_IPV4,
    MFP_IPV6,
    MFP_IP_ANY,
    MFP_TCP,
    MFP_UDP,
    MFP_SCTP,
    MFP_ICMPV4,
    MFP_ICMPV6,
    MFP_ND,                     /* ICMPv6 type 135 or 136. */
    MFP_ND_SOLICIT,             /* ICMPv6 type 135. */
    MFP_ND_ADVERT,              /* ICMPv6 type 136. */
};

/* Which encodings emit a field when it is matched (decoding accepts either
 * header in either encoding). */
#define MF_FMT_NXM (1 << 0)
#define MF_FMT_OXM (1 << 1)
#define MF_FMT_BOTH (MF_FMT_NXM | MF_FMT_OXM)

struct mf_field {
    enum mf_id id;
    const char *name;           /* As in the flow syntax, e.g. "tun_id". */
    uint32_t nxm_header;        /* Unmasked NXM header, or 0. */
    uint32_t oxm_header;        /* Unmasked OXM header, or 0. */
    unsigned int n_bytes;       /* Width on the wire. */
    unsigned int n_bits;        /* Significant bits (the low ones). */
    bool maskable;
    bool writable;              /* May be set by set_field/reg_load. */
    enum mf_prereq prereq;
    int formats;                /* MF_FMT_*. */
};

#define MF_MAX_BYTES 16

union mf_value {
    uint8_t b[MF_MAX_BYTES];
    ovs_be16 be16;
    ovs_be32 be32;
    ovs_be64 be64;
};

const struct mf_field *mf_from_id(enum mf_id);
const struct mf_field *mf_from_name(const char *);

/* Returns the field whose NXM or OXM header has the class and field number
 * of 'header' (has-mask bit and length are not compared), or NULL. */
const struct mf_field *mf_from_header(uint32_t header);

/* Reads field 'mf' of 'flow' (which may also be a mask, wc->masks) into
 * 'value'. */
void mf_get(const struct mf_field *mf, const struct flow *flow,
            union mf_value *value);

/* Writes 'value' into field 'mf' of 'flow' (or of a mask), leaving every
 * other bit of 'flow' alone. */
void mf_put(const struct mf_field *mf, const union mf_value *value,
            struct flow *flow);

/* Matches 'value' under 'mask' on field 'mf' of 'match' (a NULL 'mask'
 * means exact), keeping the match normalized. */
void mf_set_match(const struct mf_field *mf, const union mf_value *value,
                  const union mf_value *mask, struct match *match);

/* Returns true if the 'mf->n_bytes' bytes of 'v' are all zero / are all the
 * field's significant bits. */
bool mf_value_is_zero(const struct mf_field *mf, const union mf_value *v);
bool mf_value_is_exact(const struct mf_field *mf, const union mf_value *v);

/* Returns true if 'v' has no bit set above the field's 'n_bits' (and, for
 * ARP opcodes and similar narrowed fields, fits struct flow). */
bool mf_value_is_valid(const struct mf_field *mf, const union mf_value *v);

/* Returns true if 'match' satisfies the prerequisites of 'mf'. */
bool mf_prereqs_ok(const struct mf_field *mf, const struct match *match);

#endif /* ofp-fields.h */
