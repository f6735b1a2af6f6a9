/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

#ifndef OFPBUF_H
#define OFPBUF_H 1

/* struct ofpbuf: a growable byte buffer for building OpenFlow messages.
 *
 * Why not struct ds or struct nl_buf: a ds is text (NUL-terminated, char),
 * and an nl_buf is a caller-owned fixed-size netlink buffer; an OpenFlow
 * encoder needs binary appends of unbounded size plus the ability to find a
 * header again by offset (to patch its length once the body is written),
 * which is all this provides.  Offsets, not pointers, must be kept across
 * appends because an append may move the data. */

#include <stddef.h>
#include <stdint.h>

struct ofpbuf {
    uint8_t *data;              /* Bytes 0 to 'size' - 1 are valid. */
    size_t size;                /* Bytes in use. */
    size_t allocated;           /* Bytes allocated at 'data'. */
};

#define OFPBUF_INITIALIZER { NULL, 0, 0 }

void ofpbuf_init(struct ofpbuf *);
void ofpbuf_uninit(struct ofpbuf *);
void ofpbuf_clear(struct ofpbuf *);

/* Appends 'n' bytes and returns a pointer to them: uninitialized, zeroed, or
 * copied from 'p'. */
void *ofpbuf_put_uninit(struct ofpbuf *, size_t n);
void *ofpbuf_put_zeros(struct ofpbuf *, size_t n);
void *ofpbuf_put(struct ofpbuf *, const void *p, size_t n);

/* Big-endian integer appends. */
void ofpbuf_put_u8(struct ofpbuf *, uint8_t);
void ofpbuf_put_be16(struct ofpbuf *, uint16_t host);
void ofpbuf_put_be32(struct ofpbuf *, uint32_t host);
void ofpbuf_put_be64(struct ofpbuf *, uint64_t host);

/* Appends zeros until the size is a multiple of 'align'. */
void ofpbuf_pad(struct ofpbuf *, size_t align);

/* Returns a pointer to offset 'ofs', valid until the next append. */
static inline void *
ofpbuf_at(const struct ofpbuf *b, size_t ofs)
{
    return b->data + ofs;
}

/* Stores 'host' big-endian at offset 'ofs' (which must be in the buffer). */
void ofpbuf_set_be16(struct ofpbuf *, size_t ofs, uint16_t host);

/* A read cursor over a byte range that the caller owns: every pull checks
 * the remaining length and fails (returns NULL or false) rather than read
 * past the end. */
struct ofp_cursor {
    const uint8_t *p;
    size_t left;
};

static inline void
ofp_cursor_init(struct ofp_cursor *c, const void *p, size_t n)
{
    c->p = p;
    c->left = n;
}

const void *ofp_cursor_pull(struct ofp_cursor *, size_t n);

/* Big-endian reads from 'p' (no alignment required). */
static inline uint16_t
ofp_get16(const void *p_)
{
    const uint8_t *p = p_;
    return (p[0] << 8) | p[1];
}

static inline uint32_t
ofp_get32(const void *p_)
{
    const uint8_t *p = p_;
    return ((uint32_t) p[0] << 24) | (p[1] << 16) | (p[2] << 8) | p[3];
}

static inline uint64_t
ofp_get64(const void *p_)
{
    const uint8_t *p = p_;
    return ((uint64_t) ofp_get32(p) << 32) | ofp_get32(p + 4);
}

/* Big-endian writes to 'p' (no alignment required). */
static inline void
ofp_set16(void *p_, uint16_t x)
{
    uint8_t *p = p_;
    p[0] = x >> 8;
    p[1] = x;
}

static inline void
ofp_set32(void *p_, uint32_t x)
{
    uint8_t *p = p_;
    ofp_set16(p, x >> 16);
    ofp_set16(p + 2, x);
}

static inline void
ofp_set64(void *p_, uint64_t x)
{
    uint8_t *p = p_;
    ofp_set32(p, x >> 32);
    ofp_set32(p + 4, x);
}

#define OFP_ROUND_UP(X, Y) (((X) + (Y) - 1) / (Y) * (Y))

/* Returns true if the 'n' bytes at 'p' are all zero. */
static inline int
ofp_is_zeros(const void *p_, size_t n)
{
    const uint8_t *p = p_;
    size_t i;

    for (i = 0; i < n; i++) {
        if (p[i]) {
            return 0;
        }
    }
    return 1;
}

#endif /* ofpbuf.h */
