/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

#include <config.h>

#include "ofpbuf.h"

#include <string.h>
#include "util.h"

void
ofpbuf_init(struct ofpbuf *b)
{
    b->data = NULL;
    b->size = 0;
    b->allocated = 0;
}

void
ofpbuf_uninit(struct ofpbuf *b)
{
    if (b) {
        free(b->data);
        ofpbuf_init(b);
    }
}

void
ofpbuf_clear(struct ofpbuf *b)
{
    b->size = 0;
}

void *
ofpbuf_put_uninit(struct ofpbuf *b, size_t n)
{
    void *p;

    if (b->allocated - b->size < n) {
        size_t want = b->allocated ? b->allocated * 2 : 64;

        while (want - b->size < n) {
            want *= 2;
        }
        b->data = xrealloc(b->data, want);
        b->allocated = want;
    }
    p = b->data + b->size;
    b->size += n;
    return p;
}

void *
ofpbuf_put_zeros(struct ofpbuf *b, size_t n)
{
    void *p = ofpbuf_put_uninit(b, n);

    memset(p, 0, n);
    return p;
}

void *
ofpbuf_put(struct ofpbuf *b, const void *src, size_t n)
{
    void *p = ofpbuf_put_uninit(b, n);

    if (n) {
        memcpy(p, src, n);
    }
    return p;
}

void
ofpbuf_put_u8(struct ofpbuf *b, uint8_t x)
{
    *(uint8_t *) ofpbuf_put_uninit(b, 1) = x;
}

void
ofpbuf_put_be16(struct ofpbuf *b, uint16_t x)
{
    uint8_t *p = ofpbuf_put_uninit(b, 2);

    p[0] = x >> 8;
    p[1] = x;
}

void
ofpbuf_put_be32(struct ofpbuf *b, uint32_t x)
{
    ofpbuf_put_be16(b, x >> 16);
    ofpbuf_put_be16(b, x);
}

void
ofpbuf_put_be64(struct ofpbuf *b, uint64_t x)
{
    ofpbuf_put_be32(b, x >> 32);
    ofpbuf_put_be32(b, x);
}

void
ofpbuf_pad(struct ofpbuf *b, size_t align)
{
    size_t rem = b->size % align;

    if (rem) {
        ofpbuf_put_zeros(b, align - rem);
    }
}

void
ofpbuf_set_be16(struct ofpbuf *b, size_t ofs, uint16_t x)
{
    b->data[ofs] = x >> 8;
    b->data[ofs + 1] = x;
}

const void *
ofp_cursor_pull(struct ofp_cursor *c, size_t n)
{
    const void *p;

    if (c->left < n) {
        return NULL;
    }
    p = c->p;
    c->p += n;
    c->left -= n;
    return p;
}
