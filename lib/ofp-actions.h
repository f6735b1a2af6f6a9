/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

#ifndef OFP_ACTIONS_H
#define OFP_ACTIONS_H 1

/* OpenFlow actions and instructions, version-independent.
 *
 * A decoded action list is a flat array of struct ofpact (struct
 * ofpacts).  OpenFlow 1.3 instructions are actions too: OFPACT_GOTO_TABLE,
 * OFPACT_WRITE_METADATA, OFPACT_CLEAR_ACTIONS, and OFPACT_WRITE_ACTIONS
 * whose 'n_nested' following entries form the action set it writes; the
 * actions of an apply-actions instruction are simply the top-level entries.
 * An OpenFlow 1.0 list thus looks like an OpenFlow 1.3 apply-actions, and
 * translation never sees a wire format.
 *
 * Decoders return 0 or an enum ofperr; encoders never fail but convert an
 * action a version lacks to its nearest equivalent (e.g. OpenFlow 1.0
 * set_vlan_vid becomes set_field in 1.3) or to a Nicira action. */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "ofp-errors.h"
#include "ofp-fields.h"
#include "types.h"

struct ofpbuf;

enum ofpact_type {
    OFPACT_OUTPUT,              /* port, max_len */
    OFPACT_ENQUEUE,             /* port, queue */
    OFPACT_CONTROLLER,          /* max_len, controller_id, reason */
    OFPACT_OUTPUT_REG,          /* src (field, ofs, n_bits), max_len */
    OFPACT_SET_VLAN_VID,        /* u16: VID (OpenFlow 1.0 form) */
    OFPACT_SET_VLAN_PCP,        /* u8 */
    OFPACT_STRIP_VLAN,          /* OpenFlow 1.0 strip_vlan / 1.3 pop_vlan */
    OFPACT_PUSH_VLAN,           /* u16: ethertype */
    OFPACT_SET_ETH_SRC,         /* mac */
    OFPACT_SET_ETH_DST,         /* mac */
    OFPACT_SET_IPV4_SRC,        /* be32 */
    OFPACT_SET_IPV4_DST,        /* be32 */
    OFPACT_SET_IP_TOS,          /* u8: DSCP bits in place */
    OFPACT_SET_L4_SRC,          /* u16 */
    OFPACT_SET_L4_DST,          /* u16 */
    OFPACT_SET_FIELD,           /* field, value, mask, reg_load form? */
    OFPACT_REG_MOVE,            /* src, dst */
    OFPACT_RESUBMIT,            /* port, table (0xff: current) */
    OFPACT_SET_TUNNEL,          /* u64: tun_id, 'tunnel64' */
    OFPACT_NOTE,                /* note bytes */
    OFPACT_DEC_TTL,
    OFPACT_SET_IP_TTL,          /* u8 */
    OFPACT_COPY_TTL_OUT,
    OFPACT_COPY_TTL_IN,
    OFPACT_SET_MPLS_TTL,        /* u8 */
    OFPACT_DEC_MPLS_TTL,
    OFPACT_PUSH_MPLS,           /* u16: ethertype */
    OFPACT_POP_MPLS,            /* u16: ethertype */
    OFPACT_SET_QUEUE,           /* u32 */
    OFPACT_GROUP,               /* u32 */

    /* Instructions (OpenFlow 1.1+). */
    OFPACT_CLEAR_ACTIONS,
    OFPACT_WRITE_ACTIONS,       /* n_nested */
    OFPACT_WRITE_METADATA,      /* u64 metadata, u64 mask (host order) */
    OFPACT_GOTO_TABLE,          /* u8 table */
    OFPACT_N_TYPES
};

/* A sub-field: bits 'ofs' to 'ofs' + 'n_bits' - 1 of a field. */
struct mf_subfield {
    const struct mf_field *field;
    unsigned int ofs;
    unsigned int n_bits;
};

#define OFPACT_NOTE_MAX 256

struct ofpact {
    enum ofpact_type type;
    union {
        struct {
            ofp_port_t port;
            uint16_t max_len;
            uint32_t queue;         /* OFPACT_ENQUEUE. */
        } output;
        struct {
            uint16_t max_len;
            uint16_t controller_id;
            uint8_t reason;
        } controller;
        struct {
            struct mf_subfield src;
            uint16_t max_len;
        } output_reg;
        struct {
            const struct mf_field *field;
            union mf_value value;
            union mf_value mask;
            bool reg_load;          /* Came as (encode as) NXAST_REG_LOAD. */
        } set_field;
        struct {
            struct mf_subfield src;
            struct mf_subfield dst;
        } reg_move;
        struct {
            ofp_port_t in_port;
            uint8_t table;          /* 0xff: the current table. */
            bool with_table;        /* NXAST_RESUBMIT_TABLE. */
        } resubmit;
        struct {
            uint64_t tun_id;
            bool tunnel64;
        } tunnel;
        struct {
            uint16_t len;
            uint8_t data[OFPACT_NOTE_MAX];
        } note;
        struct {
            uint64_t metadata;
            uint64_t mask;
        } write_metadata;
        struct eth_addr mac;
        ovs_be32 ipv4;
        uint8_t u8;
        uint16_t u16;
        uint32_t u32;
        size_t n_nested;            /* OFPACT_WRITE_ACTIONS. */
    };
};

struct ofpacts {
    struct ofpact *acts;
    size_t n;
    size_t allocated;
};

#define OFPACTS_INITIALIZER { NULL, 0, 0 }

void ofpacts_init(struct ofpacts *);
void ofpacts_uninit(struct ofpacts *);
struct ofpact *ofpacts_put(struct ofpacts *, enum ofpact_type);
bool ofpacts_equal(const struct ofpacts *, const struct ofpacts *);

/* OpenFlow 1.0 action list of 'len' bytes at 'p', appended to 'out'. */
enum ofperr ofpacts_decode_of10(const void *p, size_t len,
                                struct ofpacts *out);
void ofpacts_encode_of10(const struct ofpacts *, struct ofpbuf *);
/* True if OpenFlow 1.0 (with Nicira extensions) can carry every action of
 * the list; otherwise only OpenFlow 1.3 can (ovs-ofctl then needs -O). */
bool ofpacts_fit_of10(const struct ofpacts *);

/* OpenFlow 1.3 action list (the body of an apply/write-actions
 * instruction, or of a packet-out). */
enum ofperr ofpacts_decode_of13(const void *p, size_t len,
                                struct ofpacts *out);
void ofpacts_encode_of13(const struct ofpacts *, size_t start, size_t n,
                         struct ofpbuf *);

/* OpenFlow 1.3 instruction list. */
enum ofperr ofpinsts_decode_of13(const void *p, size_t len,
                                 struct ofpacts *out);
void ofpinsts_encode_of13(const struct ofpacts *, struct ofpbuf *);

#endif /* ofp-actions.h */
