/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

#ifndef OFP_FLOW_H
#define OFP_FLOW_H 1

/* Flow-table messages: FLOW_MOD (OpenFlow 1.0, NXT_FLOW_MOD, OpenFlow 1.3),
 * FLOW_REMOVED, and flow and aggregate statistics (standard and NXST_*),
 * in a version-independent form.
 *
 * A "protocol" is a version plus, for OpenFlow 1.0, the flow format that
 * NXT_SET_FLOW_FORMAT selected: the standard 40-byte match or NXM.  The
 * connection layer keeps it; decoders report the form a message came in.
 *
 * Cookies and counters here are host-order integers; matches are struct
 * match; actions and instructions are struct ofpacts (ofp-actions.h). */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "match.h"
#include "ofp-actions.h"
#include "ofp-errors.h"

struct ofpbuf;

enum ofp_protocol {
    OFP_PROTO_OF10,             /* OpenFlow 1.0, standard match. */
    OFP_PROTO_OF10_NXM,         /* OpenFlow 1.0, Nicira messages, NXM. */
    OFP_PROTO_OF13,             /* OpenFlow 1.3, OXM. */
};

uint8_t ofp_protocol_version(enum ofp_protocol);

/* FLOW_MOD commands and flags (OpenFlow 1.3 flag numbering). */
#define OFPFC_ADD 0
#define OFPFC_MODIFY 1
#define OFPFC_MODIFY_STRICT 2
#define OFPFC_DELETE 3
#define OFPFC_DELETE_STRICT 4

#define OFPFF_SEND_FLOW_REM (1 << 0)
#define OFPFF_CHECK_OVERLAP (1 << 1)
#define OFPFF_RESET_COUNTS (1 << 2)
#define OFPFF_NO_PKT_COUNTS (1 << 3)
#define OFPFF_NO_BYT_COUNTS (1 << 4)

#define OFPG_ANY 0xffffffff
#define OFPTT_ALL 0xff              /* All tables / table not given. */
#define OFP_DEFAULT_PRIORITY 0x8000

struct ofp_flow_mod {
    struct match match;
    uint16_t priority;
    uint64_t cookie;            /* For modify/delete: cookie to match... */
    uint64_t cookie_mask;       /* ...under this mask (0: any cookie). */
    uint64_t new_cookie;        /* Cookie of added or modified flows;
                                 * UINT64_MAX: leave unchanged. */
    uint8_t table_id;           /* OFPTT_ALL if not given. */
    uint8_t command;            /* OFPFC_*. */
    uint16_t idle_timeout;
    uint16_t hard_timeout;
    uint32_t buffer_id;
    ofp_port_t out_port;        /* OFPP_NONE: any. */
    uint32_t out_group;         /* OFPG_ANY: any. */
    uint16_t flags;             /* OFPFF_*. */
    struct ofpacts ofpacts;     /* Owned. */
};

void ofp_flow_mod_init(struct ofp_flow_mod *);
void ofp_flow_mod_uninit(struct ofp_flow_mod *);

/* Decodes a FLOW_MOD or NXT_FLOW_MOD.  If 'table_id_ext' (the connection
 * enabled NXT_FLOW_MOD_TABLE_ID), an OpenFlow 1.0 command's high byte is
 * the table id.  '*proto' tells which form it was.  'fm' must have been
 * initialized; it is reset first. */
enum ofperr ofp_decode_flow_mod(const void *msg, size_t len,
                                bool table_id_ext, struct ofp_flow_mod *fm,
                                enum ofp_protocol *proto);
void ofp_encode_flow_mod(struct ofpbuf *, const struct ofp_flow_mod *,
                         enum ofp_protocol, uint32_t xid);

/* FLOW_REMOVED. */
#define OFPRR_IDLE_TIMEOUT 0
#define OFPRR_HARD_TIMEOUT 1
#define OFPRR_DELETE 2

struct ofp_flow_removed {
    struct match match;
    uint64_t cookie;
    uint16_t priority;
    uint8_t reason;
    uint8_t table_id;           /* 1.3 only. */
    uint32_t duration_sec, duration_nsec;
    uint16_t idle_timeout, hard_timeout;
    uint64_t packet_count, byte_count;
};

/* OpenFlow 1.0 uses the standard message even for OFP_PROTO_OF10_NXM
 * (a match that the 40-byte format cannot express loses precision). */
void ofp_encode_flow_removed(struct ofpbuf *, const struct ofp_flow_removed *,
                             enum ofp_protocol, uint32_t xid);
enum ofperr ofp_decode_flow_removed(const void *msg, size_t len,
                                    struct ofp_flow_removed *);

/* FLOW and AGGREGATE statistics requests. */
struct ofp_flow_stats_request {
    bool aggregate;
    struct match match;
    uint64_t cookie, cookie_mask;
    ofp_port_t out_port;        /* OFPP_NONE: any. */
    uint32_t out_group;         /* OFPG_ANY: any. */
    uint8_t table_id;           /* OFPTT_ALL: all. */
};

void ofp_encode_flow_stats_request(struct ofpbuf *,
                                   const struct ofp_flow_stats_request *,
                                   enum ofp_protocol, uint32_t xid);
enum ofperr ofp_decode_flow_stats_request(const void *msg, size_t len,
                                          struct ofp_flow_stats_request *,
                                          enum ofp_protocol *);

/* One flow in a FLOW statistics reply. */
struct ofp_flow_stats {
    struct match match;
    uint8_t table_id;
    uint32_t duration_sec, duration_nsec;
    uint16_t priority, idle_timeout, hard_timeout;
    uint16_t flags;             /* 1.3. */
    int idle_age, hard_age;     /* NXST_FLOW only; -1 if unknown. */
    uint64_t cookie, packet_count, byte_count;
    struct ofpacts ofpacts;
};

/* Builds a reply: start, append each flow, finish with ofpmsg_finish(). */
size_t ofp_flow_stats_reply_start(struct ofpbuf *, enum ofp_protocol,
                                  uint32_t xid);
void ofp_flow_stats_reply_append(struct ofpbuf *,
                                 const struct ofp_flow_stats *,
                                 enum ofp_protocol);

/* Decodes a whole reply into a malloc'ed array (free with
 * ofp_flow_stats_free()). */
enum ofperr ofp_decode_flow_stats_reply(const void *msg, size_t len,
                                        struct ofp_flow_stats **,
                                        size_t *n);
void ofp_flow_stats_free(struct ofp_flow_stats *, size_t n);

/* AGGREGATE statistics reply. */
struct ofp_aggregate_stats {
    uint64_t packet_count, byte_count;
    uint32_t flow_count;
};

void ofp_encode_aggregate_reply(struct ofpbuf *,
                                const struct ofp_aggregate_stats *,
                                enum ofp_protocol, uint32_t xid);
enum ofperr ofp_decode_aggregate_reply(const void *msg, size_t len,
                                       struct ofp_aggregate_stats *);

#endif /* ofp-flow.h */
