/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

#ifndef NETLINK_H
#define NETLINK_H 1

/* Netlink messages and attributes: building them into buffers that the
 * caller owns, parsing them against policy tables, decoding the kernel's
 * error and extended-ack replies, and printing them for debugging.
 *
 * Nothing here does I/O; lib/netlink-socket.h sends and receives.  This file
 * knows no netlink family: the datapath and TC codecs bring their own policy
 * tables and constants from the uapi headers.
 *
 * Error convention: functions that can fail return 0 or a positive errno
 * value.  Kernel errors arrive as negative numbers on the wire and are
 * turned positive once, in nl_error_decode().
 *
 *
 * Buffers
 * =======
 *
 * A struct nl_buf is a byte buffer owned by its caller, in one of two forms:
 *
 *   - fixed: nl_buf_use() wraps memory the caller provides (often an array
 *     on the stack).  It never grows; a write that does not fit fails.
 *
 *   - growable: nl_buf_init() allocates on the heap and reallocates as
 *     needed; nl_buf_uninit() frees it.
 *
 * The memory must be aligned to at least 4 bytes (NLMSG_ALIGNTO), as every
 * pointer this file hands out into it points at a netlink header.  Use a
 * uint32_t or uint64_t array for a fixed buffer.
 *
 * Every write is bounds-checked.  A write that fails leaves the buffer
 * exactly as it was, returns EMSGSIZE and records EMSGSIZE as the buffer's
 * sticky error (nl_buf_error()), so that a series of writes can be checked
 * once at the end:
 *
 *     uint64_t stub[128];
 *     struct nl_buf buf;
 *     size_t opts;
 *
 *     nl_buf_use(&buf, stub, sizeof stub);
 *     nl_msg_put_nlmsghdr(&buf, RTM_NEWTFILTER, NLM_F_CREATE | NLM_F_EXCL);
 *     nl_msg_put_header(&buf, &tcm, sizeof tcm);
 *     nl_put_string(&buf, TCA_KIND, "flower");
 *     opts = nl_nest_begin(&buf, TCA_OPTIONS | NLA_F_NESTED);
 *     nl_put_be16(&buf, TCA_FLOWER_KEY_ETH_TYPE, htons(0x0800));
 *     nl_nest_end(&buf, opts);
 *     if (nl_buf_error(&buf)) {
 *         ...the message did not fit...
 *     }
 *
 * The pointers a buffer hands out (nl_buf_at(), nl_msg_nlmsghdr()) are
 * valid only until the next write, which may move a growable buffer; nests
 * are therefore named by offsets, not pointers.
 *
 * A buffer may hold several messages back to back (a batch, see
 * nln_batch()).  nl_msg_put_nlmsghdr() starts a new message; every later
 * write updates that message's nlmsg_len, so a message is always complete
 * and there is no "end message" call.  Attribute writes before any
 * nl_msg_put_nlmsghdr() build a bare attribute stream.
 *
 *
 * Parsing
 * =======
 *
 * A policy is an array of struct nl_policy indexed by attribute type.
 * nl_parse_attrs() walks an attribute stream, checks every attribute that
 * the policy knows against its type and length bounds, and fills an array,
 * also indexed by attribute type, with a pointer to each attribute found
 * (NULL for absent ones).  It fails with EINVAL on any malformation: a
 * truncated header, a length shorter than the header or running past the
 * end, bytes left over, a length out of bounds, a string without its null
 * terminator, a nested attribute whose payload is not itself a well-formed
 * attribute stream, or a required attribute that is missing.  Attributes
 * whose type is beyond the policy or has type NL_A_NO_ATTR are skipped, so
 * that newer kernels can add attributes.  When an attribute appears twice,
 * the last one counts, as in the kernel.
 *
 * The type used as index is the attribute type without the NLA_F_NESTED
 * and NLA_F_NET_BYTEORDER flags.  NLA_F_NESTED is accepted only where the
 * policy says NL_A_NESTED or NL_A_UNSPEC, NLA_F_NET_BYTEORDER only on
 * integers and NL_A_UNSPEC.  nl_attr_get_uint() honours
 * NLA_F_NET_BYTEORDER; the other getters return the bytes as they are.
 *
 * Input is never trusted: no function here reads outside the 'len' bytes it
 * is given, whatever they contain.  The data must be 4-byte aligned.
 *
 * Absent attributes and defaults are handled symmetrically: on the way in,
 * nl_attr_get_u32_or(attr, DFLT) yields DFLT when 'attr' is NULL; on the
 * way out, nl_put_u32_unless(buf, TYPE, value, DFLT) writes nothing when
 * 'value' equals DFLT.  (A TC mask that is all-ones, for instance, need not
 * be sent, and a missing one reads back as all-ones.) */

#include <linux/netlink.h>
#include <linux/genetlink.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "compiler.h"
#include "types.h"

struct ds;

/* Buffers. */

struct nl_buf {
    uint8_t *data;      /* Start of the memory. */
    size_t size;        /* Bytes available at 'data'. */
    size_t used;        /* Bytes written so far. */
    size_t msg_ofs;     /* Offset of the message being built, or SIZE_MAX
                         * when there is none (bare attribute stream). */
    int error;          /* Sticky: the first write failure, or 0. */
    bool growable;      /* 'data' is ours, on the heap, and may move. */
};

void nl_buf_use(struct nl_buf *, void *mem, size_t size);
void nl_buf_init(struct nl_buf *, size_t size_hint);
void nl_buf_uninit(struct nl_buf *);
void nl_buf_clear(struct nl_buf *);
int nl_buf_error(const struct nl_buf *);
int nl_buf_copy(struct nl_buf *dst, const void *data, size_t len);

/* Returns a pointer to offset 'ofs' of 'buf', valid until the next write. */
static inline void *
nl_buf_at(const struct nl_buf *buf, size_t ofs)
{
    return buf->data + ofs;
}

/* Reserves 'n' bytes at the end of 'buf' and returns them, not initialised,
 * or returns NULL (and records EMSGSIZE) when they do not fit. */
void *nl_buf_put_uninit(struct nl_buf *, size_t n);

/* Appends 'n' bytes of 'data' (zeros if 'data' is NULL) and pads with
 * zeros to a 4-byte boundary. */
int nl_buf_put(struct nl_buf *, const void *data, size_t n);

/* Messages. */

int nl_msg_put_nlmsghdr(struct nl_buf *, uint16_t type, uint16_t flags);
int nl_msg_put_genlmsghdr(struct nl_buf *, uint8_t cmd, uint8_t version);
int nl_msg_put_header(struct nl_buf *, const void *hdr, size_t len);
struct nlmsghdr *nl_msg_nlmsghdr(const struct nl_buf *);

/* Checks that 'data' starts with a whole netlink message: at least a
 * header, and a length that is no less than the header and no more than
 * 'left'. */
static inline bool
nl_msg_is_valid(const void *data, size_t left)
{
    const struct nlmsghdr *nlh = data;

    return (left >= NLMSG_HDRLEN
            && nlh->nlmsg_len >= NLMSG_HDRLEN
            && nlh->nlmsg_len <= left);
}

/* Steps past valid message 'nlh' (with its padding, when present) and
 * subtracts what it skipped from '*left'. */
static inline const struct nlmsghdr *
nl_msg_next__(const struct nlmsghdr *nlh, size_t *left)
{
    size_t step = NLMSG_ALIGN(nlh->nlmsg_len);

    if (step > *left) {
        step = *left;
    }
    *left -= step;
    return (const struct nlmsghdr *) ((const uint8_t *) nlh + step);
}

/* Iterates 'NLH' (const struct nlmsghdr *) over the messages in the 'LEN'
 * bytes at 'DATA', using 'LEFT' (size_t) as the count of bytes remaining.
 * Stops at the first malformed message; after the loop, 'LEFT' is nonzero
 * if the data did not end cleanly. */
#define NL_MSG_FOR_EACH(NLH, LEFT, DATA, LEN)                           \
    for ((NLH) = (const struct nlmsghdr *) (DATA), (LEFT) = (LEN);      \
         nl_msg_is_valid(NLH, LEFT);                                    \
         (NLH) = nl_msg_next__(NLH, &(LEFT)))

/* Returns the payload of 'nlh' after the nlmsghdr and a family header of
 * 'hdr_len' bytes (padded to 4), and its length in '*lenp', or NULL if the
 * message is too short to hold that header. */
const void *nl_msg_attrs(const struct nlmsghdr *, size_t hdr_len,
                         size_t *lenp);

/* Returns the genlmsghdr of generic netlink message 'nlh', or NULL if the
 * message is too short for one. */
const struct genlmsghdr *nl_msg_genlmsghdr(const struct nlmsghdr *);

/* Attribute writers.  'type' may carry NLA_F_NESTED or NLA_F_NET_BYTEORDER.
 * Each returns 0 or EMSGSIZE (see "Buffers" above). */

int nl_put_unspec(struct nl_buf *, uint16_t type, const void *, size_t);
int nl_put_flag(struct nl_buf *, uint16_t type);
int nl_put_u8(struct nl_buf *, uint16_t type, uint8_t);
int nl_put_u16(struct nl_buf *, uint16_t type, uint16_t);
int nl_put_u32(struct nl_buf *, uint16_t type, uint32_t);
int nl_put_u64(struct nl_buf *, uint16_t type, uint64_t);
int nl_put_be16(struct nl_buf *, uint16_t type, ovs_be16);
int nl_put_be32(struct nl_buf *, uint16_t type, ovs_be32);
int nl_put_be64(struct nl_buf *, uint16_t type, ovs_be64);
int nl_put_string(struct nl_buf *, uint16_t type, const char *);

/* Writes the 'size' bytes at 'value' as attribute 'type', unless they equal
 * the 'size' bytes at 'dflt', in which case it writes nothing. */
int nl_put_unless(struct nl_buf *, uint16_t type, const void *value,
                  const void *dflt, size_t size);

static inline int
nl_put_u8_unless(struct nl_buf *buf, uint16_t type, uint8_t value,
                 uint8_t dflt)
{
    return nl_put_unless(buf, type, &value, &dflt, sizeof value);
}

static inline int
nl_put_u16_unless(struct nl_buf *buf, uint16_t type, uint16_t value,
                  uint16_t dflt)
{
    return nl_put_unless(buf, type, &value, &dflt, sizeof value);
}

static inline int
nl_put_u32_unless(struct nl_buf *buf, uint16_t type, uint32_t value,
                  uint32_t dflt)
{
    return nl_put_unless(buf, type, &value, &dflt, sizeof value);
}

static inline int
nl_put_u64_unless(struct nl_buf *buf, uint16_t type, uint64_t value,
                  uint64_t dflt)
{
    return nl_put_unless(buf, type, &value, &dflt, sizeof value);
}

/* Starts a nested attribute of type 'type' (pass NLA_F_NESTED in 'type' if
 * the family wants it) and returns its offset, to be given to
 * nl_nest_end() once the nested attributes are written, or SIZE_MAX if even
 * the header did not fit (nl_nest_end() then does nothing).
 *
 * nl_nest_end() fails with EMSGSIZE, removing the whole nest, if the nest
 * grew beyond the 65535 bytes an attribute length can express.
 * nl_nest_cancel() removes the nest and everything written after it. */
size_t nl_nest_begin(struct nl_buf *, uint16_t type);
int nl_nest_end(struct nl_buf *, size_t ofs);
void nl_nest_cancel(struct nl_buf *, size_t ofs);

/* Attribute readers. */

static inline uint16_t
nl_attr_type(const struct nlattr *nla)
{
    return nla->nla_type & NLA_TYPE_MASK;
}

static inline bool
nl_attr_has_nested_flag(const struct nlattr *nla)
{
    return (nla->nla_type & NLA_F_NESTED) != 0;
}

static inline bool
nl_attr_has_net_byteorder(const struct nlattr *nla)
{
    return (nla->nla_type & NLA_F_NET_BYTEORDER) != 0;
}

static inline const void *
nl_attr_get(const struct nlattr *nla)
{
    return (const uint8_t *) nla + NLA_HDRLEN;
}

/* Returns the payload length of 'nla', which must be valid (at least
 * NLA_HDRLEN long). */
static inline size_t
nl_attr_get_size(const struct nlattr *nla)
{
    return nla->nla_len - NLA_HDRLEN;
}

/* Checks that 'data' starts with a whole attribute within 'left' bytes. */
static inline bool
nl_attr_is_valid(const void *data, size_t left)
{
    const struct nlattr *nla = data;

    return (left >= NLA_HDRLEN
            && nla->nla_len >= NLA_HDRLEN
            && nla->nla_len <= left);
}

static inline const struct nlattr *
nl_attr_next__(const struct nlattr *nla, size_t *left)
{
    size_t step = NLA_ALIGN(nla->nla_len);

    if (step > *left) {
        step = *left;
    }
    *left -= step;
    return (const struct nlattr *) ((const uint8_t *) nla + step);
}

/* Iterates 'NLA' (const struct nlattr *) over the attributes in the 'LEN'
 * bytes at 'DATA', with 'LEFT' (size_t) counting the bytes remaining.
 * Stops at the first malformed attribute; 'LEFT' is then nonzero. */
#define NL_ATTR_FOR_EACH(NLA, LEFT, DATA, LEN)                          \
    for ((NLA) = (const struct nlattr *) (DATA), (LEFT) = (LEN);        \
         nl_attr_is_valid(NLA, LEFT);                                   \
         (NLA) = nl_attr_next__(NLA, &(LEFT)))

/* Iterates over the payload of nested attribute 'NESTED'. */
#define NL_NESTED_FOR_EACH(NLA, LEFT, NESTED)                           \
    NL_ATTR_FOR_EACH(NLA, LEFT, nl_attr_get(NESTED),                    \
                     nl_attr_get_size(NESTED))

/* Returns true if the 'len' bytes at 'data' are a sequence of well-formed
 * attributes and nothing else (the last one's padding may be missing). */
bool nl_attrs_are_valid(const void *data, size_t len);

/* Fixed-size getters.  They copy at most the payload's length, so a short
 * attribute reads as zero-extended rather than past its end; after a
 * successful nl_parse_attrs() the lengths are the policy's anyway. */
uint8_t nl_attr_get_u8(const struct nlattr *);
uint16_t nl_attr_get_u16(const struct nlattr *);
uint32_t nl_attr_get_u32(const struct nlattr *);
uint64_t nl_attr_get_u64(const struct nlattr *);
ovs_be16 nl_attr_get_be16(const struct nlattr *);
ovs_be32 nl_attr_get_be32(const struct nlattr *);
ovs_be64 nl_attr_get_be64(const struct nlattr *);

/* Returns the value of a 1-, 2-, 4- or 8-byte integer attribute in host
 * byte order: converted from network order when the attribute carries
 * NLA_F_NET_BYTEORDER, as is otherwise. */
uint64_t nl_attr_get_uint(const struct nlattr *);

/* Returns the string payload of 'nla'.  Only valid for an attribute that
 * passed an NL_A_STRING policy, which guarantees the null terminator. */
static inline const char *
nl_attr_get_string(const struct nlattr *nla)
{
    return nl_attr_get(nla);
}

/* Copies the 'size' bytes of 'attr' to 'dst' if 'attr' is nonnull, else
 * the 'size' bytes at 'dflt'.  The symmetric partner of nl_put_unless(). */
void nl_attr_get_or(const struct nlattr *attr, void *dst, const void *dflt,
                    size_t size);

static inline uint8_t
nl_attr_get_u8_or(const struct nlattr *attr, uint8_t dflt)
{
    return attr ? nl_attr_get_u8(attr) : dflt;
}

static inline uint16_t
nl_attr_get_u16_or(const struct nlattr *attr, uint16_t dflt)
{
    return attr ? nl_attr_get_u16(attr) : dflt;
}

static inline uint32_t
nl_attr_get_u32_or(const struct nlattr *attr, uint32_t dflt)
{
    return attr ? nl_attr_get_u32(attr) : dflt;
}

static inline uint64_t
nl_attr_get_u64_or(const struct nlattr *attr, uint64_t dflt)
{
    return attr ? nl_attr_get_u64(attr) : dflt;
}

static inline const char *
nl_attr_get_string_or(const struct nlattr *attr, const char *dflt)
{
    return attr ? nl_attr_get_string(attr) : dflt;
}

static inline bool
nl_attr_get_flag(const struct nlattr *attr)
{
    return attr != NULL;
}

/* Policies. */

enum nl_attr_kind {
    NL_A_NO_ATTR = 0,   /* Not in the policy: skipped when parsing. */
    NL_A_UNSPEC,        /* Any bytes; only 'min_len'/'max_len' apply. */
    NL_A_U8,
    NL_A_U16,
    NL_A_U32,
    NL_A_U64,
    NL_A_BE16,
    NL_A_BE32,
    NL_A_BE64,
    NL_A_STRING,        /* Null-terminated. */
    NL_A_FLAG,          /* No payload; presence is the value. */
    NL_A_NESTED,        /* Payload is a well-formed attribute stream. */
    NL_A_N_KINDS
};

/* One entry of a policy, at the index of the attribute type it describes.
 * 'min_len' and 'max_len' bound the payload in bytes (for a string,
 * counting the null terminator); 0 means the kind's own bound: the exact
 * size for integers and flags, at least 1 byte for a string, anything for
 * NL_A_UNSPEC and NL_A_NESTED. */
struct nl_policy {
    enum nl_attr_kind kind;
    size_t min_len;
    size_t max_len;
    bool optional;      /* If false, parsing fails when it is absent. */
};

/* Parses the 'len' bytes of attributes at 'data' against the 'n_policy'
 * entries of 'policy' into 'attrs' (which has 'n_policy' entries).  Returns
 * 0 or EINVAL; on error 'attrs' is all NULL. */
int nl_parse_attrs(const void *data, size_t len,
                   const struct nl_policy policy[], size_t n_policy,
                   const struct nlattr *attrs[]);

/* Parses the payload of nested attribute 'nla' the same way. */
int nl_parse_nested(const struct nlattr *nla,
                    const struct nl_policy policy[], size_t n_policy,
                    const struct nlattr *attrs[]);

/* Parses the attributes of the message at the start of the 'len' bytes at
 * 'msg', after its nlmsghdr and 'hdr_len' bytes of family header (for
 * example GENL_HDRLEN + sizeof(struct ovs_header), or sizeof(struct
 * tcmsg)).  Checks the nlmsghdr first. */
int nl_parse_msg(const void *msg, size_t len, size_t hdr_len,
                 const struct nl_policy policy[], size_t n_policy,
                 const struct nlattr *attrs[]);

/* Kernel errors and extended acks. */

/* What the kernel said about one request: an NLMSG_ERROR message (an ack
 * when 'error' is 0) or the NLMSG_DONE that ends a dump. */
struct nl_error {
    int error;              /* 0 or a positive errno value. */
    char *msg;              /* NLMSGERR_ATTR_MSG, malloc'd, or NULL.  With
                             * 'error' 0 the kernel's text is a warning. */
    uint32_t offset;        /* NLMSGERR_ATTR_OFFS: the offending
                             * attribute's byte offset in the request... */
    bool has_offset;        /* ...if this is true. */
    uint32_t miss_type;     /* NLMSGERR_ATTR_MISS_TYPE: type of a missing
                             * required attribute... */
    bool has_miss_type;     /* ...if this is true. */
    uint32_t miss_nest;     /* NLMSGERR_ATTR_MISS_NEST: offset of the nest
                             * it was missing from... */
    bool has_miss_nest;     /* ...if this is true. */
    uint32_t seq;           /* nlmsg_seq of the reply (the request's). */
};

#define NL_ERROR_INITIALIZER { 0, NULL, 0, false, 0, false, 0, false, 0 }

void nl_error_init(struct nl_error *);
void nl_error_uninit(struct nl_error *);
void nl_error_set(struct nl_error *, int error, const char *msg);
void nl_error_move(struct nl_error *dst, struct nl_error *src);

/* Decodes the NLMSG_ERROR or NLMSG_DONE message at the start of the 'len'
 * bytes at 'msg' into '*err' (which it initialises first; uninitialise it
 * afterwards in every case), turning the kernel's negative errno into a
 * positive one and collecting the extended-ack attributes.  Copes with
 * both capped acks (NLM_F_CAPPED: the request is not echoed) and uncapped
 * ones (the request is echoed between the error code and the TLVs).
 * Returns 0, or EPROTO if the message is neither of those types or is
 * malformed; then '*err' holds EPROTO too.  A bare NLMSG_DONE without the
 * error code, as old kernels send, decodes as success. */
int nl_error_decode(const void *msg, size_t len, struct nl_error *err);

/* Appends a one-line description of '*err' to 'ds', for example
 * "Invalid argument (kernel: Parent Qdisc doesn't exists; attribute at
 * offset 36)". */
void nl_error_format(struct ds *, const struct nl_error *);

/* Debug printer. */

/* For nl_msg_format(): find the family header's length by protocol and
 * message type. */
#define NL_HDR_LEN_AUTO SIZE_MAX

/* Appends to 'ds' a description of every message in the 'len' bytes at
 * 'data', one line per header and one per attribute, nested attributes
 * indented below their parent, payloads in hex.  'protocol' (NETLINK_ROUTE,
 * NETLINK_GENERIC, or -1 if unknown) supplies names for message types and
 * the length of rtnetlink family headers; 'hdr_len' is the family header's
 * length (after the nlmsghdr, including any genlmsghdr), or
 * NL_HDR_LEN_AUTO to use what 'protocol' says (for generic netlink, a
 * genlmsghdr plus, if the attributes only parse after one, a 4-byte family
 * header such as struct ovs_header).  Never reads beyond 'len' bytes;
 * anything malformed is shown in hex and named as such. */
void nl_msg_format(struct ds *, const void *data, size_t len, int protocol,
                   size_t hdr_len);

/* Appends a description of the attribute stream of 'len' bytes at 'data',
 * each line indented by 'indent' spaces. */
void nl_attrs_format(struct ds *, const void *data, size_t len, int indent);

/* Returns a name for message type 'type' of 'protocol' ("NLMSG_ERROR",
 * "RTM_NEWLINK", ...), or NULL if it has none. */
const char *nl_msg_type_name(int protocol, uint16_t type);

/* Returns the length of the family header of rtnetlink message type
 * 'type' (sizeof(struct ifinfomsg) for RTM_NEWLINK...), or SIZE_MAX for a
 * type it does not know. */
size_t nl_rtnl_hdr_len(uint16_t type);

#endif /* netlink.h */
