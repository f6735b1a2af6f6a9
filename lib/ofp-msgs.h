/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

#ifndef OFP_MSGS_H
#define OFP_MSGS_H 1

/* OpenFlow messages: classification, version negotiation, and codecs for
 * the messages other than flow tables (those are in ofp-flow.h).
 *
 * Every message has a version-independent enum ofptype.  ofptype_decode()
 * finds it from the header (and, for statistics and Nicira messages, the
 * sub-headers) through one table, so adding OpenFlow 1.4/1.5 means adding
 * rows there and, where a body differs, a per-version decoder.  Decoders
 * take a whole message (header included, 'len' bytes, as read off the
 * connection) and return 0 or an enum ofperr to send back; they check
 * every length, padding and reserved field and never read past 'len'.
 * Encoders append a complete message to a struct ofpbuf and never fail.
 *
 * Pointers that a decoder stores in a result ('data' members) point into
 * the message the caller passed in. */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "ofp-errors.h"
#include "packets.h"
#include "types.h"

struct ofpbuf;

/* Protocol versions (the header's version byte). */
#define OFP10_VERSION 0x01
#define OFP13_VERSION 0x04
#define OFP14_VERSION 0x05
#define OFP15_VERSION 0x06

/* Versions this codec speaks, as a bitmap (bit N = version N). */
#define OFP_SUPPORTED_VERSIONS ((1u << OFP10_VERSION) | (1u << OFP13_VERSION))

#define NX_VENDOR_ID 0x00002320     /* Nicira, in vendor/experimenter ids. */
#define ONF_VENDOR_ID 0x4f4e4600    /* ONF (bundles in OpenFlow 1.3). */
#define OFP_HEADER_LEN 8
#define OFP_DEFAULT_MISS_SEND_LEN 128
#define OFP_NO_BUFFER 0xffffffff

/* Multipart (statistics) message flag: more replies follow. */
#define OFPSF_REPLY_MORE 1

enum ofptype {
    OFPTYPE_HELLO,
    OFPTYPE_ERROR,
    OFPTYPE_ECHO_REQUEST,
    OFPTYPE_ECHO_REPLY,
    OFPTYPE_FEATURES_REQUEST,
    OFPTYPE_FEATURES_REPLY,
    OFPTYPE_GET_CONFIG_REQUEST,
    OFPTYPE_GET_CONFIG_REPLY,
    OFPTYPE_SET_CONFIG,
    OFPTYPE_PACKET_IN,
    OFPTYPE_FLOW_REMOVED,
    OFPTYPE_PORT_STATUS,
    OFPTYPE_PACKET_OUT,
    OFPTYPE_FLOW_MOD,           /* OFPT_FLOW_MOD or NXT_FLOW_MOD. */
    OFPTYPE_PORT_MOD,
    OFPTYPE_BARRIER_REQUEST,
    OFPTYPE_BARRIER_REPLY,
    OFPTYPE_ROLE_REQUEST,       /* OFPT_ROLE_REQUEST or NXT_ROLE_REQUEST. */
    OFPTYPE_ROLE_REPLY,
    OFPTYPE_DESC_STATS_REQUEST,
    OFPTYPE_DESC_STATS_REPLY,
    OFPTYPE_FLOW_STATS_REQUEST, /* Standard or NXST_FLOW. */
    OFPTYPE_FLOW_STATS_REPLY,
    OFPTYPE_AGGREGATE_STATS_REQUEST,    /* Standard or NXST_AGGREGATE. */
    OFPTYPE_AGGREGATE_STATS_REPLY,
    OFPTYPE_TABLE_STATS_REQUEST,
    OFPTYPE_TABLE_STATS_REPLY,
    OFPTYPE_PORT_STATS_REQUEST,
    OFPTYPE_PORT_STATS_REPLY,
    OFPTYPE_PORT_DESC_STATS_REQUEST,
    OFPTYPE_PORT_DESC_STATS_REPLY,
    OFPTYPE_TABLE_FEATURES_STATS_REQUEST,
    OFPTYPE_TABLE_FEATURES_STATS_REPLY,
    OFPTYPE_NXT_SET_FLOW_FORMAT,
    OFPTYPE_NXT_FLOW_MOD_TABLE_ID,
    OFPTYPE_NXT_SET_PACKET_IN_FORMAT,
    OFPTYPE_NXT_PACKET_IN,
    OFPTYPE_BUNDLE_CONTROL,     /* OpenFlow 1.3: ONF experimenter 2300. */
    OFPTYPE_BUNDLE_ADD_MESSAGE, /* OpenFlow 1.3: ONF experimenter 2301. */
    OFPTYPE_N_TYPES
};

/* What ofptype_decode() learned about a message. */
struct ofp_msg_info {
    enum ofptype type;
    uint8_t version;
    uint32_t xid;
    bool nicira;                /* NXT_* message or NXST_* statistics. */
    uint16_t stats_flags;       /* For statistics messages. */
    size_t header_len;          /* Bytes of headers before the body. */
};

/* Classifies the 'len'-byte message at 'msg'.  Errors: OFPBRC_BAD_LEN
 * (length field disagrees with 'len' or too short for its type),
 * OFPBRC_BAD_VERSION, OFPBRC_BAD_TYPE, OFPBRC_BAD_STAT,
 * OFPBRC_BAD_VENDOR, OFPBRC_BAD_SUBTYPE. */
enum ofperr ofptype_decode(const void *msg, size_t len,
                           struct ofp_msg_info *info);

/* Returns the name of 'type', e.g. "OFPT_FLOW_MOD". */
const char *ofptype_name(enum ofptype type);

/* Starts a message of 'type' in 'version' (with the Nicira form if
 * 'nicira' and the type has one) by appending its headers to 'b'.  Returns
 * the offset of the message in 'b', for ofpmsg_finish(). */
size_t ofpmsg_start(struct ofpbuf *b, enum ofptype type, uint8_t version,
                    bool nicira, uint32_t xid);

/* Sets the length of the message that starts at 'start' in 'b'. */
void ofpmsg_finish(struct ofpbuf *b, size_t start);

/* Appends a complete message that has only headers (requests with empty
 * bodies, barrier replies, ...). */
void ofpmsg_put_empty(struct ofpbuf *b, enum ofptype type, uint8_t version,
                      bool nicira, uint32_t xid);

/* HELLO and version negotiation. */

/* Appends a HELLO announcing 'versions' (a bitmap like
 * OFP_SUPPORTED_VERSIONS) with the highest of them in the header and, when
 * that is OpenFlow 1.3 or later, a version-bitmap element. */
void ofp_encode_hello(struct ofpbuf *, uint32_t versions, uint32_t xid);

/* Decodes a HELLO into the bitmap of versions the peer accepts: its bitmap
 * element if present, else every version up to the header's. */
enum ofperr ofp_decode_hello(const void *msg, size_t len,
                             uint32_t *versions);

/* Returns the highest version in both bitmaps, or 0 if none (then send
 * OFPHFC_INCOMPATIBLE). */
uint8_t ofp_negotiate_version(uint32_t ours, uint32_t theirs);

/* ECHO_REQUEST and ECHO_REPLY carry arbitrary data. */
void ofp_encode_echo(struct ofpbuf *, enum ofptype, uint8_t version,
                     uint32_t xid, const void *data, size_t len);
enum ofperr ofp_decode_echo(const void *msg, size_t len,
                            const uint8_t **data, size_t *data_len);

/* ERROR. */
struct ofp_error_msg {
    enum ofperr error;          /* 0 if the (type, code) is unknown to us. */
    struct ofperr_wire wire;    /* As received. */
    const uint8_t *data;        /* Usually the start of the bad request. */
    size_t data_len;
};

/* Appends an ERROR for 'error' in 'version' quoting 'request' ('len'
 * bytes, of which at most 64 are kept). */
void ofp_encode_error(struct ofpbuf *, enum ofperr error, uint8_t version,
                      uint32_t xid, const void *request, size_t len);
/* Like ofp_encode_error() but quotes the whole request, as stock Open
 * vSwitch does (as much as fits in one message). */
void ofp_encode_error_full(struct ofpbuf *, enum ofperr error,
                           uint8_t version, uint32_t xid,
                           const void *request, size_t len);
enum ofperr ofp_decode_error(const void *msg, size_t len,
                             struct ofp_error_msg *);

/* Ports (FEATURES_REPLY in 1.0, PORT_STATUS, PORT_DESC).
 *
 * 'config', 'state' and the feature bitmaps use the OpenFlow 1.3 bit
 * numbering whatever the version; the 1.0 codec converts. */
#define OFP_MAX_PORT_NAME_LEN 16

struct ofp_port {
    ofp_port_t port_no;
    struct eth_addr hw_addr;
    char name[OFP_MAX_PORT_NAME_LEN];  /* NUL-terminated. */
    uint32_t config;            /* OFPPC_*. */
    uint32_t state;             /* OFPPS_*. */
    uint32_t curr, advertised, supported, peer;    /* OFPPF_* (1.3). */
    uint32_t curr_speed, max_speed;                /* kbps. */
};

#define OFPPC_PORT_DOWN (1 << 0)
#define OFPPC_NO_RECV (1 << 2)
#define OFPPC_NO_FLOOD (1 << 4)         /* 1.0 only. */
#define OFPPC_NO_FWD (1 << 5)
#define OFPPC_NO_PACKET_IN (1 << 6)
#define OFPPS_LINK_DOWN (1 << 0)
#define OFPPS_BLOCKED (1 << 1)
#define OFPPS_LIVE (1 << 2)

/* FEATURES_REPLY. */
struct ofp_switch_features {
    uint64_t datapath_id;
    uint32_t n_buffers;
    uint8_t n_tables;
    uint8_t auxiliary_id;       /* 1.3. */
    uint32_t capabilities;      /* OFPC_*, the bits common to 1.0/1.3. */
    uint32_t actions;           /* 1.0: OFPAT10 bitmap. */
    struct ofp_port *ports;     /* 1.0 only; owned by the caller. */
    size_t n_ports;
};

#define OFPC_FLOW_STATS (1 << 0)
#define OFPC_TABLE_STATS (1 << 1)
#define OFPC_PORT_STATS (1 << 2)
#define OFPC_IP_REASM (1 << 5)
#define OFPC_QUEUE_STATS (1 << 6)

void ofp_encode_features_reply(struct ofpbuf *,
                               const struct ofp_switch_features *,
                               uint8_t version, uint32_t xid);
/* Decodes; on success '*sf' has 'ports' malloc'ed (free it). */
enum ofperr ofp_decode_features_reply(const void *msg, size_t len,
                                      struct ofp_switch_features *sf);

/* GET_CONFIG_REPLY / SET_CONFIG. */
struct ofp_switch_config {
    uint16_t flags;             /* OFPC_FRAG_*. */
    uint16_t miss_send_len;
};

#define OFPC_FRAG_MASK 3

void ofp_encode_switch_config(struct ofpbuf *, enum ofptype type,
                              const struct ofp_switch_config *,
                              uint8_t version, uint32_t xid);
enum ofperr ofp_decode_switch_config(const void *msg, size_t len,
                                     struct ofp_switch_config *);

/* PORT_STATUS. */
#define OFPPR_ADD 0
#define OFPPR_DELETE 1
#define OFPPR_MODIFY 2

void ofp_encode_port_status(struct ofpbuf *, uint8_t reason,
                            const struct ofp_port *, uint8_t version,
                            uint32_t xid);
enum ofperr ofp_decode_port_status(const void *msg, size_t len,
                                   uint8_t *reason, struct ofp_port *);

/* PORT_MOD. */
struct ofp_port_mod {
    ofp_port_t port_no;
    struct eth_addr hw_addr;
    uint32_t config;
    uint32_t mask;
    uint32_t advertise;         /* OFPPF_* (1.3 numbering). */
};

void ofp_encode_port_mod(struct ofpbuf *, const struct ofp_port_mod *,
                         uint8_t version, uint32_t xid);
enum ofperr ofp_decode_port_mod(const void *msg, size_t len,
                                struct ofp_port_mod *);

/* PORT_DESC reply: an array of ports. */
void ofp_encode_port_desc_reply(struct ofpbuf *, const struct ofp_port *,
                                size_t n, uint8_t version, uint32_t xid);
enum ofperr ofp_decode_port_desc_reply(const void *msg, size_t len,
                                       struct ofp_port **ports, size_t *n);

/* ROLE_REQUEST / ROLE_REPLY (OpenFlow 1.3 role numbering; NXT_ROLE_* in
 * 1.0). */
#define OFPCR_ROLE_NOCHANGE 0
#define OFPCR_ROLE_EQUAL 1
#define OFPCR_ROLE_MASTER 2
#define OFPCR_ROLE_SLAVE 3

struct ofp_role {
    uint32_t role;
    bool have_generation_id;
    uint64_t generation_id;
};

void ofp_encode_role(struct ofpbuf *, enum ofptype type,
                     const struct ofp_role *, uint8_t version, uint32_t xid);
enum ofperr ofp_decode_role(const void *msg, size_t len, struct ofp_role *);

/* PACKET_IN.  'match' holds the pipeline metadata (in_port, tun_id, regs,
 * metadata...) that 1.3 sends as OXM; in 1.0 only in_port travels. */
struct ofp_packet_in {
    uint32_t buffer_id;
    uint16_t total_len;
    uint8_t reason;             /* OFPR_*. */
    uint8_t table_id;
    uint64_t cookie;
    ofp_port_t in_port;
    ovs_be64 tun_id;
    const void *packet;
    size_t packet_len;
};

#define OFPR_NO_MATCH 0
#define OFPR_ACTION 1
#define OFPR_INVALID_TTL 2

void ofp_encode_packet_in(struct ofpbuf *, const struct ofp_packet_in *,
                          uint8_t version, uint32_t xid);
enum ofperr ofp_decode_packet_in(const void *msg, size_t len,
                                 struct ofp_packet_in *);

/* PACKET_OUT; 'ofpacts' is the action list (appended to by decoding). */
struct ofpacts;
struct ofp_packet_out {
    uint32_t buffer_id;
    ofp_port_t in_port;
    const void *packet;
    size_t packet_len;
};

void ofp_encode_packet_out(struct ofpbuf *, const struct ofp_packet_out *,
                           const struct ofpacts *, uint8_t version,
                           uint32_t xid);
enum ofperr ofp_decode_packet_out(const void *msg, size_t len,
                                  struct ofp_packet_out *,
                                  struct ofpacts *);

/* DESC stats reply. */
struct ofp_desc {
    char mfr_desc[256];
    char hw_desc[256];
    char sw_desc[256];
    char serial_num[32];
    char dp_desc[256];
};

void ofp_encode_desc_reply(struct ofpbuf *, const struct ofp_desc *,
                           uint8_t version, uint32_t xid);
enum ofperr ofp_decode_desc_reply(const void *msg, size_t len,
                                  struct ofp_desc *);

/* TABLE stats reply. */
struct ofp_table_stats {
    uint8_t table_id;
    char name[32];              /* 1.0 only. */
    uint32_t max_entries;       /* 1.0 only. */
    uint32_t active_count;
    uint64_t lookup_count;
    uint64_t matched_count;
};

void ofp_encode_table_stats_reply(struct ofpbuf *,
                                  const struct ofp_table_stats *, size_t n,
                                  uint8_t version, uint32_t xid);
/* Decodes into a malloc'ed array of '*n' entries. */
enum ofperr ofp_decode_table_stats_reply(const void *msg, size_t len,
                                         struct ofp_table_stats **,
                                         size_t *n);

/* PORT stats. */
struct ofp_port_stats {
    ofp_port_t port_no;
    uint64_t rx_packets, tx_packets, rx_bytes, tx_bytes;
    uint64_t rx_dropped, tx_dropped, rx_errors, tx_errors;
    uint64_t rx_frame_err, rx_over_err, rx_crc_err, collisions;
    uint32_t duration_sec, duration_nsec;   /* 1.3. */
};

void ofp_encode_port_stats_request(struct ofpbuf *, ofp_port_t port,
                                   uint8_t version, uint32_t xid);
enum ofperr ofp_decode_port_stats_request(const void *msg, size_t len,
                                          ofp_port_t *port);
void ofp_encode_port_stats_reply(struct ofpbuf *,
                                 const struct ofp_port_stats *, size_t n,
                                 uint8_t version, uint32_t xid);
/* Decodes into a malloc'ed array of '*n' entries. */
enum ofperr ofp_decode_port_stats_reply(const void *msg, size_t len,
                                        struct ofp_port_stats **,
                                        size_t *n);

/* TABLE_FEATURES reply (OpenFlow 1.3): one entry per table 0 to
 * 'n_tables' - 1, unnamed (as stock), with 'max_entries' each and the eight
 * required properties present but empty.  (Stock ovs-ofctl 3.1 rejects a
 * reply without entries, or entries without these properties, and then
 * refuses to send flow_mods.) */
void ofp_encode_table_features_reply(struct ofpbuf *, uint8_t n_tables,
                                     uint32_t max_entries, uint32_t xid);

/* TABLE_FEATURES request: the body (a list of table-features entries, to
 * set) is validated but not interpreted; '*n_tables' counts it. */
enum ofperr ofp_decode_table_features_request(const void *msg, size_t len,
                                              size_t *n_tables);

/* NXT_SET_FLOW_FORMAT / NXT_SET_PACKET_IN_FORMAT carry one 32-bit value;
 * NXT_FLOW_MOD_TABLE_ID one byte (0 or 1). */
#define NXFF_OPENFLOW10 0
#define NXFF_NXM 2
#define NXPIF_STANDARD 0
#define NXPIF_NXT_PACKET_IN 1

void ofp_encode_nx_u32(struct ofpbuf *, enum ofptype type, uint32_t value,
                       uint32_t xid);
void ofp_encode_flow_mod_table_id(struct ofpbuf *, bool enable,
                                  uint32_t xid);
/* Decodes any of the three into '*value'; OFPBRC_EPERM for an unknown
 * flow format, and for any packet-in format but NXPIF_STANDARD (the
 * Nicira packet-in formats are not implemented: a controller asking for
 * them gets this clean error and keeps standard packet-ins). */
enum ofperr ofp_decode_nx_setting(const void *msg, size_t len,
                                  uint32_t *value);

/* Message-level helpers shared with ofp-flow.c. */
enum ofperr ofpmsg_body(const void *msg, size_t len, enum ofptype expected,
                        struct ofp_msg_info *info, const uint8_t **body,
                        size_t *body_len);
void ofp_port_encode(struct ofpbuf *, const struct ofp_port *,
                     uint8_t version);
enum ofperr ofp_port_decode(const uint8_t *p, size_t len, uint8_t version,
                            struct ofp_port *);
size_t ofp_port_len(uint8_t version);

#endif /* ofp-msgs.h */
