/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

#include <config.h>
#include "netlink.h"

#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <string.h>
#include <linux/fib_rules.h>
#include <linux/rtnetlink.h>

#include "dynamic-string.h"
#include "util.h"
#include "vlog.h"

VLOG_DEFINE_THIS_MODULE(netlink);

/* Parse failures are expected on hostile input (the fuzzer feeds little
 * else), so they are logged at debug level only, and rate-limited. */
static struct vlog_rate_limit parse_rl = VLOG_RATE_LIMIT_INIT(10, 50);

/* A growable buffer never exceeds what nlmsg_len can express. */
#define NL_BUF_MAX ((size_t) UINT32_MAX)

/* Nested attributes deeper than this are printed in hex rather than
 * descended into, which bounds the printer's recursion. */
#define NL_FORMAT_MAX_DEPTH 16

/* The printer shows at most this many bytes of one payload in hex. */
#define NL_FORMAT_MAX_HEX 512

/* Buffers. */

/* Makes 'buf' a fixed buffer over the 'size' bytes at 'mem', which the
 * caller owns and which must stay valid as long as 'buf' is used. */
void
nl_buf_use(struct nl_buf *buf, void *mem, size_t size)
{
    buf->data = mem;
    buf->size = size;
    buf->used = 0;
    buf->msg_ofs = SIZE_MAX;
    buf->error = 0;
    buf->growable = false;
}

/* Makes 'buf' an empty growable buffer with room for 'size_hint' bytes to
 * begin with.  Free it with nl_buf_uninit(). */
void
nl_buf_init(struct nl_buf *buf, size_t size_hint)
{
    size_t size = MAX(size_hint, NLMSG_HDRLEN);

    nl_buf_use(buf, xmalloc(size), size);
    buf->growable = true;
}

/* Frees the memory of growable buffer 'buf'.  Does nothing to a fixed
 * buffer's memory, which belongs to its caller.  'buf' may be NULL. */
void
nl_buf_uninit(struct nl_buf *buf)
{
    if (buf && buf->growable) {
        free(buf->data);
        buf->data = NULL;
        buf->size = 0;
        buf->used = 0;
    }
}

/* Empties 'buf' and forgets its sticky error, keeping its memory. */
void
nl_buf_clear(struct nl_buf *buf)
{
    buf->used = 0;
    buf->msg_ofs = SIZE_MAX;
    buf->error = 0;
}

/* Returns the first error of a write to 'buf' since it was initialised or
 * cleared, or 0 if every write succeeded. */
int
nl_buf_error(const struct nl_buf *buf)
{
    return buf->error;
}

/* Records that a write did not fit and returns EMSGSIZE. */
static int
nl_buf_fail__(struct nl_buf *buf)
{
    if (!buf->error) {
        buf->error = EMSGSIZE;
    }
    return EMSGSIZE;
}

/* Makes sure 'n' more bytes fit in 'buf', growing it if it may.  Returns
 * 0 or EMSGSIZE (without recording it). */
static int
nl_buf_reserve__(struct nl_buf *buf, size_t n)
{
    size_t new_size;

    if (n <= buf->size - buf->used) {
        return 0;
    }
    if (!buf->growable || n > NL_BUF_MAX - buf->used) {
        return EMSGSIZE;
    }
    new_size = MAX(buf->size * 2, buf->used + n);
    new_size = MIN(new_size, NL_BUF_MAX);
    buf->data = xrealloc(buf->data, new_size);
    buf->size = new_size;
    return 0;
}

/* Sets the bytes used in 'buf' to 'used' and, when a message is being
 * built, its nlmsg_len to match. */
static void
nl_buf_set_used__(struct nl_buf *buf, size_t used)
{
    buf->used = used;
    if (buf->msg_ofs != SIZE_MAX) {
        if (buf->msg_ofs + NLMSG_HDRLEN <= used) {
            struct nlmsghdr *nlh = nl_buf_at(buf, buf->msg_ofs);

            nlh->nlmsg_len = used - buf->msg_ofs;
        } else {
            /* The message's own header was removed. */
            buf->msg_ofs = SIZE_MAX;
        }
    }
}

void *
nl_buf_put_uninit(struct nl_buf *buf, size_t n)
{
    void *p;

    if (nl_buf_reserve__(buf, n)) {
        nl_buf_fail__(buf);
        return NULL;
    }
    p = buf->data + buf->used;
    nl_buf_set_used__(buf, buf->used + n);
    return p;
}

int
nl_buf_put(struct nl_buf *buf, const void *data, size_t n)
{
    uint8_t *p;

    if (n > SIZE_MAX - NLA_ALIGNTO) {
        return nl_buf_fail__(buf);
    }
    p = nl_buf_put_uninit(buf, NLA_ALIGN(n));
    if (!p) {
        return EMSGSIZE;
    }
    if (data) {
        memcpy(p, data, n);
    } else {
        memset(p, 0, n);
    }
    memset(p + n, 0, NLA_ALIGN(n) - n);
    return 0;
}

/* Replaces the contents of 'dst' by the 'len' bytes at 'data', as they are
 * (no message is considered open afterwards).  Returns 0 or EMSGSIZE, in
 * which case 'dst' is left empty. */
int
nl_buf_copy(struct nl_buf *dst, const void *data, size_t len)
{
    void *p;

    nl_buf_clear(dst);
    p = nl_buf_put_uninit(dst, len);
    if (!p) {
        return EMSGSIZE;
    }
    memcpy(p, data, len);
    return 0;
}

/* Messages. */

/* Starts a new message in 'buf', after any already there, with an nlmsghdr
 * of type 'type' and flags 'flags'.  Its sequence number and port id are 0
 * here; the socket layer sets them, along with NLM_F_REQUEST and
 * NLM_F_ACK, when it sends the message. */
int
nl_msg_put_nlmsghdr(struct nl_buf *buf, uint16_t type, uint16_t flags)
{
    size_t pad = NLMSG_ALIGN(buf->used) - buf->used;
    struct nlmsghdr *nlh;
    uint8_t *p;

    if (nl_buf_reserve__(buf, pad + NLMSG_HDRLEN)) {
        return nl_buf_fail__(buf);
    }
    buf->msg_ofs = SIZE_MAX;    /* The previous message ends here. */
    p = nl_buf_put_uninit(buf, pad + NLMSG_HDRLEN);
    memset(p, 0, pad + NLMSG_HDRLEN);
    buf->msg_ofs = buf->used - NLMSG_HDRLEN;
    nlh = nl_buf_at(buf, buf->msg_ofs);
    nlh->nlmsg_len = NLMSG_HDRLEN;
    nlh->nlmsg_type = type;
    nlh->nlmsg_flags = flags;
    return 0;
}

/* Appends a genlmsghdr with command 'cmd' and version 'version'. */
int
nl_msg_put_genlmsghdr(struct nl_buf *buf, uint8_t cmd, uint8_t version)
{
    struct genlmsghdr genl = { .cmd = cmd, .version = version };

    return nl_buf_put(buf, &genl, sizeof genl);
}

/* Appends the 'len'-byte family header at 'hdr' (struct ifinfomsg, struct
 * tcmsg, struct ovs_header...), padded to 4 bytes. */
int
nl_msg_put_header(struct nl_buf *buf, const void *hdr, size_t len)
{
    return nl_buf_put(buf, hdr, len);
}

/* Returns the header of the message being built in 'buf', or NULL if there
 * is none.  Valid until the next write. */
struct nlmsghdr *
nl_msg_nlmsghdr(const struct nl_buf *buf)
{
    return (buf->msg_ofs == SIZE_MAX ? NULL
            : (struct nlmsghdr *) nl_buf_at(buf, buf->msg_ofs));
}

const void *
nl_msg_attrs(const struct nlmsghdr *nlh, size_t hdr_len, size_t *lenp)
{
    size_t len = nlh->nlmsg_len;
    size_t ofs;

    *lenp = 0;
    if (len < NLMSG_HDRLEN || hdr_len > len - NLMSG_HDRLEN) {
        return NULL;
    }
    /* The header's padding may be missing when nothing follows it. */
    ofs = MIN(NLMSG_HDRLEN + NLMSG_ALIGN(hdr_len), len);
    *lenp = len - ofs;
    return (const uint8_t *) nlh + ofs;
}

const struct genlmsghdr *
nl_msg_genlmsghdr(const struct nlmsghdr *nlh)
{
    return (nlh->nlmsg_len >= NLMSG_HDRLEN + GENL_HDRLEN
            ? (const struct genlmsghdr *) ((const uint8_t *) nlh
                                           + NLMSG_HDRLEN)
            : NULL);
}

/* Attribute writers. */

/* Appends attribute 'type' with the 'len' bytes at 'data' (zeros if 'data'
 * is NULL) as payload, padded to 4 bytes. */
int
nl_put_unspec(struct nl_buf *buf, uint16_t type, const void *data,
              size_t len)
{
    struct nlattr *nla;
    uint8_t *p;

    if (len > UINT16_MAX - NLA_HDRLEN) {
        return nl_buf_fail__(buf);
    }
    p = nl_buf_put_uninit(buf, NLA_HDRLEN + NLA_ALIGN(len));
    if (!p) {
        return EMSGSIZE;
    }
    nla = (struct nlattr *) p;
    nla->nla_len = NLA_HDRLEN + len;
    nla->nla_type = type;
    if (data) {
        memcpy(p + NLA_HDRLEN, data, len);
    } else {
        memset(p + NLA_HDRLEN, 0, len);
    }
    memset(p + NLA_HDRLEN + len, 0, NLA_ALIGN(len) - len);
    return 0;
}

int
nl_put_flag(struct nl_buf *buf, uint16_t type)
{
    return nl_put_unspec(buf, type, NULL, 0);
}

int
nl_put_u8(struct nl_buf *buf, uint16_t type, uint8_t value)
{
    return nl_put_unspec(buf, type, &value, sizeof value);
}

int
nl_put_u16(struct nl_buf *buf, uint16_t type, uint16_t value)
{
    return nl_put_unspec(buf, type, &value, sizeof value);
}

int
nl_put_u32(struct nl_buf *buf, uint16_t type, uint32_t value)
{
    return nl_put_unspec(buf, type, &value, sizeof value);
}

int
nl_put_u64(struct nl_buf *buf, uint16_t type, uint64_t value)
{
    return nl_put_unspec(buf, type, &value, sizeof value);
}

int
nl_put_be16(struct nl_buf *buf, uint16_t type, ovs_be16 value)
{
    return nl_put_unspec(buf, type, &value, sizeof value);
}

int
nl_put_be32(struct nl_buf *buf, uint16_t type, ovs_be32 value)
{
    return nl_put_unspec(buf, type, &value, sizeof value);
}

int
nl_put_be64(struct nl_buf *buf, uint16_t type, ovs_be64 value)
{
    return nl_put_unspec(buf, type, &value, sizeof value);
}

/* Appends 's' with its null terminator. */
int
nl_put_string(struct nl_buf *buf, uint16_t type, const char *s)
{
    return nl_put_unspec(buf, type, s, strlen(s) + 1);
}

int
nl_put_unless(struct nl_buf *buf, uint16_t type, const void *value,
              const void *dflt, size_t size)
{
    return (!memcmp(value, dflt, size) ? 0
            : nl_put_unspec(buf, type, value, size));
}

size_t
nl_nest_begin(struct nl_buf *buf, uint16_t type)
{
    size_t ofs = buf->used;

    return nl_put_unspec(buf, type, NULL, 0) ? SIZE_MAX : ofs;
}

int
nl_nest_end(struct nl_buf *buf, size_t ofs)
{
    struct nlattr *nla;
    size_t len;

    if (ofs == SIZE_MAX) {
        return buf->error ? buf->error : EMSGSIZE;
    }
    if (ofs > buf->used || buf->used - ofs < NLA_HDRLEN) {
        /* Not a nest of this buffer (or already cancelled): a bug in the
         * caller, reported rather than written through. */
        return nl_buf_fail__(buf);
    }
    len = buf->used - ofs;
    if (len > UINT16_MAX) {
        nl_nest_cancel(buf, ofs);
        return nl_buf_fail__(buf);
    }
    nla = nl_buf_at(buf, ofs);
    nla->nla_len = len;
    return 0;
}

void
nl_nest_cancel(struct nl_buf *buf, size_t ofs)
{
    if (ofs != SIZE_MAX && ofs <= buf->used) {
        nl_buf_set_used__(buf, ofs);
    }
}

/* Attribute readers. */

bool
nl_attrs_are_valid(const void *data, size_t len)
{
    const struct nlattr *nla;
    size_t left;

    NL_ATTR_FOR_EACH (nla, left, data, len) {
        continue;
    }
    return left == 0;
}

/* Copies up to 'size' bytes of the payload of 'nla' into 'dst', which is
 * zeroed first. */
static void
nl_attr_copy__(const struct nlattr *nla, void *dst, size_t size)
{
    memset(dst, 0, size);
    memcpy(dst, nl_attr_get(nla), MIN(size, nl_attr_get_size(nla)));
}

uint8_t
nl_attr_get_u8(const struct nlattr *nla)
{
    uint8_t value;

    nl_attr_copy__(nla, &value, sizeof value);
    return value;
}

uint16_t
nl_attr_get_u16(const struct nlattr *nla)
{
    uint16_t value;

    nl_attr_copy__(nla, &value, sizeof value);
    return value;
}

uint32_t
nl_attr_get_u32(const struct nlattr *nla)
{
    uint32_t value;

    nl_attr_copy__(nla, &value, sizeof value);
    return value;
}

uint64_t
nl_attr_get_u64(const struct nlattr *nla)
{
    uint64_t value;

    nl_attr_copy__(nla, &value, sizeof value);
    return value;
}

ovs_be16
nl_attr_get_be16(const struct nlattr *nla)
{
    return nl_attr_get_u16(nla);
}

ovs_be32
nl_attr_get_be32(const struct nlattr *nla)
{
    return nl_attr_get_u32(nla);
}

ovs_be64
nl_attr_get_be64(const struct nlattr *nla)
{
    return nl_attr_get_u64(nla);
}

uint64_t
nl_attr_get_uint(const struct nlattr *nla)
{
    bool net = nl_attr_has_net_byteorder(nla);

    switch (nl_attr_get_size(nla)) {
    case 1:
        return nl_attr_get_u8(nla);
    case 2:
        return net ? ntohs(nl_attr_get_u16(nla)) : nl_attr_get_u16(nla);
    case 4:
        return net ? ntohl(nl_attr_get_u32(nla)) : nl_attr_get_u32(nla);
    case 8:
        return net ? ntohll(nl_attr_get_u64(nla)) : nl_attr_get_u64(nla);
    default:
        return 0;
    }
}

void
nl_attr_get_or(const struct nlattr *attr, void *dst, const void *dflt,
               size_t size)
{
    if (attr) {
        nl_attr_copy__(attr, dst, size);
    } else {
        memcpy(dst, dflt, size);
    }
}

/* Policies. */

static const char *const nl_attr_kind_names[NL_A_N_KINDS] = {
    [NL_A_NO_ATTR] = "none",
    [NL_A_UNSPEC] = "unspec",
    [NL_A_U8] = "u8",
    [NL_A_U16] = "u16",
    [NL_A_U32] = "u32",
    [NL_A_U64] = "u64",
    [NL_A_BE16] = "be16",
    [NL_A_BE32] = "be32",
    [NL_A_BE64] = "be64",
    [NL_A_STRING] = "string",
    [NL_A_FLAG] = "flag",
    [NL_A_NESTED] = "nested",
};

/* The payload bounds of each kind when the policy gives none. */
static const struct {
    size_t min_len;
    size_t max_len;
    bool integer;
} nl_attr_kind_bounds[NL_A_N_KINDS] = {
    [NL_A_NO_ATTR] = { 0, SIZE_MAX, false },
    [NL_A_UNSPEC] = { 0, SIZE_MAX, false },
    [NL_A_U8] = { 1, 1, true },
    [NL_A_U16] = { 2, 2, true },
    [NL_A_U32] = { 4, 4, true },
    [NL_A_U64] = { 8, 8, true },
    [NL_A_BE16] = { 2, 2, true },
    [NL_A_BE32] = { 4, 4, true },
    [NL_A_BE64] = { 8, 8, true },
    [NL_A_STRING] = { 1, SIZE_MAX, false },
    [NL_A_FLAG] = { 0, 0, false },
    [NL_A_NESTED] = { 0, SIZE_MAX, false },
};

/* Checks attribute 'nla' against policy entry 'p'.  Returns NULL if it
 * conforms, else a description of what is wrong. */
static const char *
nl_policy_check__(const struct nl_policy *p, const struct nlattr *nla)
{
    size_t len = nl_attr_get_size(nla);
    const uint8_t *payload = nl_attr_get(nla);
    size_t min_len, max_len;

    if (p->kind <= NL_A_NO_ATTR || p->kind >= NL_A_N_KINDS) {
        return "policy entry has an invalid kind";
    }
    min_len = p->min_len ? p->min_len : nl_attr_kind_bounds[p->kind].min_len;
    max_len = p->max_len ? p->max_len : nl_attr_kind_bounds[p->kind].max_len;
    if (len < min_len) {
        return "payload too short";
    }
    if (len > max_len) {
        return "payload too long";
    }
    if (nl_attr_has_nested_flag(nla)
        && p->kind != NL_A_NESTED && p->kind != NL_A_UNSPEC) {
        return "NLA_F_NESTED on an attribute that is not nested";
    }
    if (nl_attr_has_net_byteorder(nla)
        && !nl_attr_kind_bounds[p->kind].integer
        && p->kind != NL_A_UNSPEC) {
        return "NLA_F_NET_BYTEORDER on an attribute that is not a number";
    }
    if (p->kind == NL_A_STRING && (!len || payload[len - 1] != '\0')) {
        return "string without null terminator";
    }
    if (p->kind == NL_A_NESTED && !nl_attrs_are_valid(payload, len)) {
        return "malformed nested attributes";
    }
    return NULL;
}

int
nl_parse_attrs(const void *data, size_t len,
               const struct nl_policy policy[], size_t n_policy,
               const struct nlattr *attrs[])
{
    const struct nlattr *nla;
    size_t left;
    size_t i;

    memset(attrs, 0, n_policy * sizeof *attrs);
    NL_ATTR_FOR_EACH (nla, left, data, len) {
        uint16_t type = nl_attr_type(nla);
        const char *problem;

        if (type >= n_policy || policy[type].kind == NL_A_NO_ATTR) {
            continue;
        }
        problem = nl_policy_check__(&policy[type], nla);
        if (problem) {
            VLOG_DBG_RL(&parse_rl, "attribute %u (%s, %zu-byte payload): "
                        "%s", type, nl_attr_kind_names[policy[type].kind
                                                        % NL_A_N_KINDS],
                        nl_attr_get_size(nla), problem);
            goto error;
        }
        attrs[type] = nla;
    }
    if (left) {
        VLOG_DBG_RL(&parse_rl, "%zu malformed bytes at offset %zu of %zu "
                    "bytes of attributes", left, len - left, len);
        goto error;
    }
    for (i = 0; i < n_policy; i++) {
        if (policy[i].kind != NL_A_NO_ATTR && !policy[i].optional
            && !attrs[i]) {
            VLOG_DBG_RL(&parse_rl, "required attribute %zu missing", i);
            goto error;
        }
    }
    return 0;

error:
    memset(attrs, 0, n_policy * sizeof *attrs);
    return EINVAL;
}

int
nl_parse_nested(const struct nlattr *nla,
                const struct nl_policy policy[], size_t n_policy,
                const struct nlattr *attrs[])
{
    return nl_parse_attrs(nl_attr_get(nla), nl_attr_get_size(nla),
                          policy, n_policy, attrs);
}

int
nl_parse_msg(const void *msg, size_t len, size_t hdr_len,
             const struct nl_policy policy[], size_t n_policy,
             const struct nlattr *attrs[])
{
    const void *payload;
    size_t payload_len;

    memset(attrs, 0, n_policy * sizeof *attrs);
    if (!nl_msg_is_valid(msg, len)) {
        VLOG_DBG_RL(&parse_rl, "malformed netlink message header "
                    "(%zu bytes)", len);
        return EINVAL;
    }
    payload = nl_msg_attrs(msg, hdr_len, &payload_len);
    if (!payload) {
        VLOG_DBG_RL(&parse_rl, "netlink message too short for its "
                    "%zu-byte family header", hdr_len);
        return EINVAL;
    }
    return nl_parse_attrs(payload, payload_len, policy, n_policy, attrs);
}

/* Kernel errors and extended acks. */

void
nl_error_init(struct nl_error *err)
{
    *err = (struct nl_error) NL_ERROR_INITIALIZER;
}

/* Frees what 'err' holds and resets it.  'err' may be NULL. */
void
nl_error_uninit(struct nl_error *err)
{
    if (err) {
        free(err->msg);
        nl_error_init(err);
    }
}

/* Replaces '*err' by error 'error' with message 'msg' (copied; may be
 * NULL) and nothing else. */
void
nl_error_set(struct nl_error *err, int error, const char *msg)
{
    nl_error_uninit(err);
    err->error = error;
    err->msg = msg ? xstrdup(msg) : NULL;
}

/* Moves '*src' into '*dst' (whose old contents are freed) and leaves 'src'
 * initialised and empty. */
void
nl_error_move(struct nl_error *dst, struct nl_error *src)
{
    if (dst != src) {
        nl_error_uninit(dst);
        *dst = *src;
        nl_error_init(src);
    }
}

static const struct nl_policy nl_extack_policy[] = {
    [NLMSGERR_ATTR_MSG] = { .kind = NL_A_STRING, .optional = true },
    [NLMSGERR_ATTR_OFFS] = { .kind = NL_A_U32, .optional = true },
    [NLMSGERR_ATTR_COOKIE] = { .kind = NL_A_UNSPEC, .optional = true },
    [NLMSGERR_ATTR_POLICY] = { .kind = NL_A_NESTED, .optional = true },
    [NLMSGERR_ATTR_MISS_TYPE] = { .kind = NL_A_U32, .optional = true },
    [NLMSGERR_ATTR_MISS_NEST] = { .kind = NL_A_U32, .optional = true },
};

/* Returns a copy of kernel string 's' safe to log: control and non-ASCII
 * bytes become '?'. */
static char *
nl_sanitize_string__(const char *s)
{
    char *copy = xstrdup(s);
    char *p;

    for (p = copy; *p; p++) {
        if ((unsigned char) *p < 0x20 || (unsigned char) *p > 0x7e) {
            *p = '?';
        }
    }
    return copy;
}

/* Collects the extended-ack attributes in the 'len' bytes at 'tlvs' into
 * 'err'.  They only add detail, so malformed ones are ignored, not
 * fatal. */
static void
nl_error_decode_tlvs__(const void *tlvs, size_t len, struct nl_error *err)
{
    const struct nlattr *a[ARRAY_SIZE(nl_extack_policy)];

    if (nl_parse_attrs(tlvs, len, nl_extack_policy,
                       ARRAY_SIZE(nl_extack_policy), a)) {
        VLOG_DBG_RL(&parse_rl, "ignoring malformed extended ack");
        return;
    }
    if (a[NLMSGERR_ATTR_MSG]) {
        err->msg = nl_sanitize_string__(
            nl_attr_get_string(a[NLMSGERR_ATTR_MSG]));
    }
    if (a[NLMSGERR_ATTR_OFFS]) {
        err->offset = nl_attr_get_u32(a[NLMSGERR_ATTR_OFFS]);
        err->has_offset = true;
    }
    if (a[NLMSGERR_ATTR_MISS_TYPE]) {
        err->miss_type = nl_attr_get_u32(a[NLMSGERR_ATTR_MISS_TYPE]);
        err->has_miss_type = true;
    }
    if (a[NLMSGERR_ATTR_MISS_NEST]) {
        err->miss_nest = nl_attr_get_u32(a[NLMSGERR_ATTR_MISS_NEST]);
        err->has_miss_nest = true;
    }
}

int
nl_error_decode(const void *msg, size_t len, struct nl_error *err)
{
    const struct nlmsghdr *nlh = msg;
    const uint8_t *payload;
    size_t msg_len;
    size_t tlv_ofs;
    int32_t code;

    nl_error_init(err);
    if (!nl_msg_is_valid(msg, len)) {
        goto malformed;
    }
    msg_len = nlh->nlmsg_len;
    payload = (const uint8_t *) msg + NLMSG_HDRLEN;
    err->seq = nlh->nlmsg_seq;

    if (nlh->nlmsg_type == NLMSG_ERROR) {
        struct nlmsgerr nlerr;

        /* The error code, then the request's header, then (not capped)
         * the rest of the request, then (NLM_F_ACK_TLVS) the TLVs. */
        if (msg_len < NLMSG_HDRLEN + sizeof nlerr) {
            goto malformed;
        }
        memcpy(&nlerr, payload, sizeof nlerr);
        code = nlerr.error;
        if (nlh->nlmsg_flags & NLM_F_CAPPED) {
            tlv_ofs = NLMSG_HDRLEN + sizeof nlerr;
        } else {
            size_t echoed = nlerr.msg.nlmsg_len;

            if (echoed < NLMSG_HDRLEN
                || echoed > msg_len - NLMSG_HDRLEN - sizeof code) {
                goto malformed;
            }
            tlv_ofs = NLMSG_HDRLEN + NLMSG_ALIGN(sizeof code + echoed);
        }
    } else if (nlh->nlmsg_type == NLMSG_DONE) {
        if (msg_len < NLMSG_HDRLEN + sizeof code) {
            /* Some old families end dumps without an error code. */
            return 0;
        }
        memcpy(&code, payload, sizeof code);
        tlv_ofs = NLMSG_HDRLEN + NLMSG_ALIGN(sizeof code);
    } else {
        goto malformed;
    }

    /* The kernel sends 0 or a negative errno, never below -4095. */
    if (code > 0 || code < -4095) {
        goto malformed;
    }
    err->error = -code;

    if (nlh->nlmsg_flags & NLM_F_ACK_TLVS && tlv_ofs < msg_len) {
        nl_error_decode_tlvs__((const uint8_t *) msg + tlv_ofs,
                               msg_len - tlv_ofs, err);
    }
    return 0;

malformed:
    {
        uint32_t seq = err->seq;

        nl_error_uninit(err);
        err->seq = seq;
        err->error = EPROTO;
    }
    return EPROTO;
}

void
nl_error_format(struct ds *ds, const struct nl_error *err)
{
    ds_put_cstr(ds, err->error ? ovs_strerror(err->error) : "Success");
    if (err->msg) {
        ds_put_format(ds, err->error ? ": %s" : " (kernel warning: %s)",
                      err->msg);
    }
    if (err->has_offset) {
        ds_put_format(ds, " [attribute at offset %"PRIu32"]", err->offset);
    }
    if (err->has_miss_type) {
        ds_put_format(ds, " [missing attribute type %"PRIu32, err->miss_type);
        if (err->has_miss_nest) {
            ds_put_format(ds, " in nest at offset %"PRIu32, err->miss_nest);
        }
        ds_put_char(ds, ']');
    }
}

/* Debug printer. */

struct nl_type_info {
    uint16_t type;
    const char *name;
    size_t hdr_len;
};

#define RTNL_TYPE(NAME, HDR) { NAME, #NAME, sizeof(HDR) }

static const struct nl_type_info rtnl_types[] = {
    RTNL_TYPE(RTM_NEWLINK, struct ifinfomsg),
    RTNL_TYPE(RTM_DELLINK, struct ifinfomsg),
    RTNL_TYPE(RTM_GETLINK, struct ifinfomsg),
    RTNL_TYPE(RTM_SETLINK, struct ifinfomsg),
    RTNL_TYPE(RTM_NEWADDR, struct ifaddrmsg),
    RTNL_TYPE(RTM_DELADDR, struct ifaddrmsg),
    RTNL_TYPE(RTM_GETADDR, struct ifaddrmsg),
    RTNL_TYPE(RTM_NEWROUTE, struct rtmsg),
    RTNL_TYPE(RTM_DELROUTE, struct rtmsg),
    RTNL_TYPE(RTM_GETROUTE, struct rtmsg),
    RTNL_TYPE(RTM_NEWNEIGH, struct ndmsg),
    RTNL_TYPE(RTM_DELNEIGH, struct ndmsg),
    RTNL_TYPE(RTM_GETNEIGH, struct ndmsg),
    RTNL_TYPE(RTM_NEWRULE, struct fib_rule_hdr),
    RTNL_TYPE(RTM_DELRULE, struct fib_rule_hdr),
    RTNL_TYPE(RTM_GETRULE, struct fib_rule_hdr),
    RTNL_TYPE(RTM_NEWQDISC, struct tcmsg),
    RTNL_TYPE(RTM_DELQDISC, struct tcmsg),
    RTNL_TYPE(RTM_GETQDISC, struct tcmsg),
    RTNL_TYPE(RTM_NEWTCLASS, struct tcmsg),
    RTNL_TYPE(RTM_DELTCLASS, struct tcmsg),
    RTNL_TYPE(RTM_GETTCLASS, struct tcmsg),
    RTNL_TYPE(RTM_NEWTFILTER, struct tcmsg),
    RTNL_TYPE(RTM_DELTFILTER, struct tcmsg),
    RTNL_TYPE(RTM_GETTFILTER, struct tcmsg),
    RTNL_TYPE(RTM_NEWACTION, struct tcamsg),
    RTNL_TYPE(RTM_DELACTION, struct tcamsg),
    RTNL_TYPE(RTM_GETACTION, struct tcamsg),
    RTNL_TYPE(RTM_NEWNSID, struct rtgenmsg),
    RTNL_TYPE(RTM_DELNSID, struct rtgenmsg),
    RTNL_TYPE(RTM_GETNSID, struct rtgenmsg),
    RTNL_TYPE(RTM_NEWCHAIN, struct tcmsg),
    RTNL_TYPE(RTM_DELCHAIN, struct tcmsg),
    RTNL_TYPE(RTM_GETCHAIN, struct tcmsg),
};

static const struct nl_type_info *
rtnl_type_info__(uint16_t type)
{
    size_t i;

    for (i = 0; i < ARRAY_SIZE(rtnl_types); i++) {
        if (rtnl_types[i].type == type) {
            return &rtnl_types[i];
        }
    }
    return NULL;
}

size_t
nl_rtnl_hdr_len(uint16_t type)
{
    const struct nl_type_info *info = rtnl_type_info__(type);

    return info ? info->hdr_len : SIZE_MAX;
}

const char *
nl_msg_type_name(int protocol, uint16_t type)
{
    switch (type) {
    case NLMSG_NOOP:
        return "NLMSG_NOOP";
    case NLMSG_ERROR:
        return "NLMSG_ERROR";
    case NLMSG_DONE:
        return "NLMSG_DONE";
    case NLMSG_OVERRUN:
        return "NLMSG_OVERRUN";
    }
    if (protocol == NETLINK_ROUTE) {
        const struct nl_type_info *info = rtnl_type_info__(type);

        return info ? info->name : NULL;
    }
    if (protocol == NETLINK_GENERIC && type == GENL_ID_CTRL) {
        return "GENL_ID_CTRL";
    }
    return NULL;
}

static void
nl_put_indent__(struct ds *ds, int indent)
{
    ds_put_char_multiple(ds, ' ', indent);
}

/* Appends the 'len' bytes at 'data' in hex, at most NL_FORMAT_MAX_HEX of
 * them. */
static void
nl_put_hex__(struct ds *ds, const void *data, size_t len)
{
    const uint8_t *p = data;
    size_t n = MIN(len, NL_FORMAT_MAX_HEX);
    size_t i;

    for (i = 0; i < n; i++) {
        ds_put_format(ds, "%s%02x", i ? " " : "", p[i]);
    }
    if (n < len) {
        ds_put_format(ds, " ...(%zu more)", len - n);
    }
}

/* Appends ' "text"' if the 'len' bytes at 'data' look like a
 * null-terminated string of printable characters (zero padding allowed
 * after the terminator). */
static void
nl_put_string_if_text__(struct ds *ds, const uint8_t *data, size_t len)
{
    size_t n = 0;
    size_t i;

    while (n < len && data[n] >= 0x20 && data[n] <= 0x7e) {
        n++;
    }
    if (!n || n >= len || n > NL_FORMAT_MAX_HEX) {
        return;
    }
    for (i = n; i < len; i++) {
        if (data[i]) {
            return;
        }
    }
    ds_put_format(ds, " \"%.*s\"", (int) n, (const char *) data);
}

/* A payload is shown as nested attributes when it says so (NLA_F_NESTED)
 * or, without the flag, when it is longer than a 64-bit number and parses
 * as well-formed attributes, which raw binary data rarely does. */
static bool
nl_looks_nested__(const struct nlattr *nla)
{
    size_t len = nl_attr_get_size(nla);

    if (!len) {
        return false;
    }
    return (nl_attr_has_nested_flag(nla)
            || (len > 8 && nl_attrs_are_valid(nl_attr_get(nla), len)));
}

static void
nl_attrs_format__(struct ds *ds, const void *data, size_t len, int indent,
                  int depth)
{
    const struct nlattr *nla;
    size_t left;

    NL_ATTR_FOR_EACH (nla, left, data, len) {
        size_t plen = nl_attr_get_size(nla);

        nl_put_indent__(ds, indent);
        ds_put_format(ds, "attr %u len %u", nl_attr_type(nla), nla->nla_len);
        if (nl_attr_has_nested_flag(nla)) {
            ds_put_cstr(ds, " [NESTED]");
        }
        if (nl_attr_has_net_byteorder(nla)) {
            ds_put_cstr(ds, " [NET_BYTEORDER]");
        }
        if (depth < NL_FORMAT_MAX_DEPTH && nl_looks_nested__(nla)) {
            ds_put_cstr(ds, " nested:\n");
            nl_attrs_format__(ds, nl_attr_get(nla), plen, indent + 2,
                              depth + 1);
        } else {
            if (plen) {
                ds_put_cstr(ds, ": ");
                nl_put_hex__(ds, nl_attr_get(nla), plen);
                nl_put_string_if_text__(ds, nl_attr_get(nla), plen);
            }
            ds_put_char(ds, '\n');
        }
    }
    if (left) {
        nl_put_indent__(ds, indent);
        ds_put_format(ds, "malformed attribute (%zu bytes): ", left);
        nl_put_hex__(ds, (const uint8_t *) data + (len - left), left);
        ds_put_char(ds, '\n');
    }
}

void
nl_attrs_format(struct ds *ds, const void *data, size_t len, int indent)
{
    nl_attrs_format__(ds, data, len, indent, 0);
}

static void
nl_put_flags__(struct ds *ds, const struct nlmsghdr *nlh, int protocol)
{
    static const struct {
        uint16_t flag;
        const char *name;
    } low[] = {
        { NLM_F_REQUEST, "REQUEST" }, { NLM_F_MULTI, "MULTI" },
        { NLM_F_ACK, "ACK" }, { NLM_F_ECHO, "ECHO" },
        { NLM_F_DUMP_INTR, "DUMP_INTR" },
        { NLM_F_DUMP_FILTERED, "DUMP_FILTERED" },
    };
    uint16_t flags = nlh->nlmsg_flags;
    uint16_t rest = flags;
    const char *sep = "";
    size_t i;

    ds_put_format(ds, " flags 0x%x", flags);
    if (!flags) {
        return;
    }
    ds_put_cstr(ds, " [");
    for (i = 0; i < ARRAY_SIZE(low); i++) {
        if (flags & low[i].flag) {
            ds_put_format(ds, "%s%s", sep, low[i].name);
            sep = ",";
            rest &= ~low[i].flag;
        }
    }
    /* The upper flags mean different things by message kind. */
    if (nlh->nlmsg_type == NLMSG_ERROR || nlh->nlmsg_type == NLMSG_DONE) {
        if (rest & NLM_F_CAPPED) {
            ds_put_format(ds, "%sCAPPED", sep);
            sep = ",";
            rest &= ~NLM_F_CAPPED;
        }
        if (rest & NLM_F_ACK_TLVS) {
            ds_put_format(ds, "%sACK_TLVS", sep);
            sep = ",";
            rest &= ~NLM_F_ACK_TLVS;
        }
    } else if (protocol == NETLINK_ROUTE
               && nlh->nlmsg_type >= RTM_BASE
               && (nlh->nlmsg_type - RTM_BASE) % 4 == 2
               && (rest & NLM_F_DUMP) == NLM_F_DUMP) {
        ds_put_format(ds, "%sDUMP", sep);
        sep = ",";
        rest &= ~NLM_F_DUMP;
    } else if (protocol == NETLINK_ROUTE
               && nlh->nlmsg_type >= RTM_BASE
               && (nlh->nlmsg_type - RTM_BASE) % 4 == 0) {
        static const struct {
            uint16_t flag;
            const char *name;
        } new[] = {
            { NLM_F_REPLACE, "REPLACE" }, { NLM_F_EXCL, "EXCL" },
            { NLM_F_CREATE, "CREATE" }, { NLM_F_APPEND, "APPEND" },
        };

        for (i = 0; i < ARRAY_SIZE(new); i++) {
            if (rest & new[i].flag) {
                ds_put_format(ds, "%s%s", sep, new[i].name);
                sep = ",";
                rest &= ~new[i].flag;
            }
        }
    }
    if (rest) {
        ds_put_format(ds, "%s0x%x", sep, rest);
    }
    ds_put_char(ds, ']');
}

static void nl_msg_format__(struct ds *, const struct nlmsghdr *,
                            int protocol, size_t hdr_len, int indent,
                            bool top);

/* Prints the body of NLMSG_ERROR or NLMSG_DONE message 'nlh'. */
static void
nl_format_error__(struct ds *ds, const struct nlmsghdr *nlh, int protocol,
                  int indent, bool top)
{
    struct nl_error err;

    nl_put_indent__(ds, indent + 2);
    if (nl_error_decode(nlh, nlh->nlmsg_len, &err)) {
        ds_put_cstr(ds, "malformed: ");
        nl_put_hex__(ds, (const uint8_t *) nlh + NLMSG_HDRLEN,
                     nlh->nlmsg_len - NLMSG_HDRLEN);
        ds_put_char(ds, '\n');
        goto out;
    }
    ds_put_format(ds, "error %d: ", err.error);
    nl_error_format(ds, &err);
    ds_put_char(ds, '\n');

    if (nlh->nlmsg_type == NLMSG_ERROR) {
        const struct nlmsghdr *req = (const struct nlmsghdr *)
            ((const uint8_t *) nlh + NLMSG_HDRLEN + sizeof(int));

        if (nlh->nlmsg_flags & NLM_F_CAPPED || !top) {
            /* Only the request's header is there (or, in an echo inside
             * an echo, which the kernel never sends, it is not worth
             * more). */
            nl_put_indent__(ds, indent + 2);
            ds_put_format(ds, "request: len %u type %u flags 0x%x seq %u "
                          "pid %u\n", req->nlmsg_len, req->nlmsg_type,
                          req->nlmsg_flags, req->nlmsg_seq, req->nlmsg_pid);
        } else {
            /* nl_error_decode() checked the echo's length. */
            nl_put_indent__(ds, indent + 2);
            ds_put_cstr(ds, "request:\n");
            nl_msg_format__(ds, req, protocol, NL_HDR_LEN_AUTO, indent + 4,
                            false);
        }
    }

out:
    nl_error_uninit(&err);
}

/* Guesses the family header length of generic netlink message 'nlh': the
 * genlmsghdr, followed by a 4-byte family header (struct ovs_header, for
 * one) when the attributes only make sense after one. */
static size_t
nl_genl_hdr_len__(const struct nlmsghdr *nlh)
{
    const void *attrs;
    size_t len;

    attrs = nl_msg_attrs(nlh, GENL_HDRLEN, &len);
    if (attrs && !nl_attrs_are_valid(attrs, len)) {
        attrs = nl_msg_attrs(nlh, GENL_HDRLEN + 4, &len);
        if (attrs && nl_attrs_are_valid(attrs, len)) {
            return GENL_HDRLEN + 4;
        }
    }
    return GENL_HDRLEN;
}

/* Prints valid message 'nlh'. */
static void
nl_msg_format__(struct ds *ds, const struct nlmsghdr *nlh, int protocol,
                size_t hdr_len, int indent, bool top)
{
    const char *name = nl_msg_type_name(protocol, nlh->nlmsg_type);
    const uint8_t *payload = (const uint8_t *) nlh + NLMSG_HDRLEN;
    size_t payload_len = nlh->nlmsg_len - NLMSG_HDRLEN;
    const void *attrs;
    size_t attrs_len;

    nl_put_indent__(ds, indent);
    ds_put_format(ds, "nlmsg len %u type %u", nlh->nlmsg_len,
                  nlh->nlmsg_type);
    if (name) {
        ds_put_format(ds, " (%s)", name);
    }
    nl_put_flags__(ds, nlh, protocol);
    ds_put_format(ds, " seq %u pid %u\n", nlh->nlmsg_seq, nlh->nlmsg_pid);

    if (nlh->nlmsg_type == NLMSG_ERROR || nlh->nlmsg_type == NLMSG_DONE) {
        nl_format_error__(ds, nlh, protocol, indent, top);
        return;
    }
    if (nlh->nlmsg_type < NLMSG_MIN_TYPE) {
        if (payload_len) {
            nl_put_indent__(ds, indent + 2);
            nl_put_hex__(ds, payload, payload_len);
            ds_put_char(ds, '\n');
        }
        return;
    }

    if (hdr_len == NL_HDR_LEN_AUTO) {
        hdr_len = (protocol == NETLINK_ROUTE ? nl_rtnl_hdr_len(nlh->nlmsg_type)
                   : protocol == NETLINK_GENERIC ? nl_genl_hdr_len__(nlh)
                   : SIZE_MAX);
    }
    attrs = hdr_len == SIZE_MAX ? NULL : nl_msg_attrs(nlh, hdr_len,
                                                      &attrs_len);
    if (!attrs) {
        if (payload_len) {
            nl_put_indent__(ds, indent + 2);
            ds_put_cstr(ds, hdr_len == SIZE_MAX ? "payload: "
                        : "payload shorter than its family header: ");
            nl_put_hex__(ds, payload, payload_len);
            ds_put_char(ds, '\n');
        }
        return;
    }

    if (protocol == NETLINK_GENERIC && hdr_len >= GENL_HDRLEN) {
        const struct genlmsghdr *genl = (const void *) payload;

        nl_put_indent__(ds, indent + 2);
        ds_put_format(ds, "genl cmd %u version %u", genl->cmd,
                      genl->version);
        if (hdr_len > GENL_HDRLEN) {
            ds_put_cstr(ds, " header: ");
            nl_put_hex__(ds, payload + GENL_HDRLEN, hdr_len - GENL_HDRLEN);
        }
        ds_put_char(ds, '\n');
    } else if (hdr_len) {
        nl_put_indent__(ds, indent + 2);
        ds_put_format(ds, "header (%zu bytes): ", hdr_len);
        nl_put_hex__(ds, payload, hdr_len);
        ds_put_char(ds, '\n');
    }
    nl_attrs_format__(ds, attrs, attrs_len, indent + 2, 0);
}

void
nl_msg_format(struct ds *ds, const void *data, size_t len, int protocol,
              size_t hdr_len)
{
    const struct nlmsghdr *nlh;
    size_t left;

    NL_MSG_FOR_EACH (nlh, left, data, len) {
        nl_msg_format__(ds, nlh, protocol, hdr_len, 0, true);
    }
    if (left) {
        ds_put_format(ds, "malformed message (%zu bytes): ", left);
        nl_put_hex__(ds, (const uint8_t *) data + (len - left), left);
        ds_put_char(ds, '\n');
    }
}
