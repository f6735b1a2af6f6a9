/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

#include <config.h>
#include "uuid.h"

#include <errno.h>
#include <pthread.h>
#include <string.h>
#include <sys/random.h>
#include <uuid/uuid.h>
#include "dynamic-string.h"
#include "hash.h"
#include "util.h"

/* Converts the 16 bytes of a libuuid 'uuid_t' (network order, as RFC 4122
 * lays them out) into our four host-order words. */
static void
uuid_from_bytes__(struct uuid *uuid, const unsigned char bytes[16])
{
    for (int i = 0; i < 4; i++) {
        const unsigned char *p = &bytes[i * 4];

        uuid->parts[i] = ((uint32_t) p[0] << 24) | ((uint32_t) p[1] << 16)
                         | ((uint32_t) p[2] << 8) | (uint32_t) p[3];
    }
}

/* Random bytes for uuid_new_random(), drawn from the kernel a page at a
 * time: libuuid's uuid_generate_random() makes a getrandom() call (and
 * more) for every UUID, which was a third of the time ovsdb-server spent
 * inserting 10,000 rows.  Each thread has its own buffer; a forked child
 * drops the one it inherited so parent and child never hand out the same
 * bytes. */
#define UUID_POOL_SIZE 4096
struct uuid_pool {
    unsigned char bytes[UUID_POOL_SIZE];
    size_t used;                /* Bytes already handed out. */
};
static __thread struct uuid_pool *uuid_pool;
static pthread_once_t uuid_atfork_once = PTHREAD_ONCE_INIT;

static void
uuid_pool_forget__(void)
{
    if (uuid_pool) {
        uuid_pool->used = UUID_POOL_SIZE;
    }
}

static void
uuid_register_atfork__(void)
{
    pthread_atfork(NULL, NULL, uuid_pool_forget__);
}

static void
uuid_pool_fill__(struct uuid_pool *pool)
{
    size_t n = 0;

    while (n < sizeof pool->bytes) {
        ssize_t retval = getrandom(pool->bytes + n, sizeof pool->bytes - n, 0);
        if (retval > 0) {
            n += retval;
        } else if (retval < 0 && errno != EINTR) {
            /* Only possible without a kernel random source: fall back to
             * libuuid, which has fallbacks of its own. */
            for (; n < sizeof pool->bytes; n += sizeof(uuid_t)) {
                uuid_t bytes;

                uuid_generate_random(bytes);
                memcpy(pool->bytes + n, bytes, sizeof bytes);
            }
        }
    }
    pool->used = 0;
}

void
uuid_new_random(struct uuid *uuid)
{
    BUILD_ASSERT_DECL(UUID_POOL_SIZE % 16 == 0);
    unsigned char bytes[16];

    pthread_once(&uuid_atfork_once, uuid_register_atfork__);
    if (!uuid_pool) {
        uuid_pool = xmalloc(sizeof *uuid_pool);
        uuid_pool->used = UUID_POOL_SIZE;
    }
    if (uuid_pool->used >= UUID_POOL_SIZE) {
        uuid_pool_fill__(uuid_pool);
    }
    memcpy(bytes, uuid_pool->bytes + uuid_pool->used, sizeof bytes);
    memset(uuid_pool->bytes + uuid_pool->used, 0, sizeof bytes);
    uuid_pool->used += sizeof bytes;

    /* RFC 4122 version 4 (random) and variant bits. */
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    uuid_from_bytes__(uuid, bytes);
}

void
uuid_zero(struct uuid *uuid)
{
    for (int i = 0; i < 4; i++) {
        uuid->parts[i] = 0;
    }
}

bool
uuid_is_zero(const struct uuid *uuid)
{
    return !(uuid->parts[0] | uuid->parts[1] | uuid->parts[2]
             | uuid->parts[3]);
}

/* Returns the value of hexadecimal digit 'c', or -1 if 'c' is not one. */
static int
hex_digit_value__(char c)
{
    if (c >= '0' && c <= '9') {
        return c - '0';
    } else if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    } else if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

bool
uuid_from_buffer(struct uuid *uuid, const char *s, size_t n)
{
    int n_digits = 0;

    uuid_zero(uuid);
    if (n != UUID_LEN) {
        return false;
    }
    for (size_t i = 0; i < n; i++) {
        if (i == 8 || i == 13 || i == 18 || i == 23) {
            if (s[i] != '-') {
                goto error;
            }
        } else {
            int value = hex_digit_value__(s[i]);

            if (value < 0) {
                goto error;
            }
            uuid->parts[n_digits / 8] = (uuid->parts[n_digits / 8] << 4)
                                        | (uint32_t) value;
            n_digits++;
        }
    }
    return true;

error:
    uuid_zero(uuid);
    return false;
}

bool
uuid_from_string(struct uuid *uuid, const char *s)
{
    return uuid_from_buffer(uuid, s, strnlen(s, UUID_LEN + 1));
}

char *
uuid_to_string(const struct uuid *uuid, char buf[UUID_BUFSIZE])
{
    snprintf(buf, UUID_BUFSIZE, UUID_FMT, UUID_ARGS(uuid));
    return buf;
}

void
uuid_format(struct ds *ds, const struct uuid *uuid)
{
    ds_put_format(ds, UUID_FMT, UUID_ARGS(uuid));
}

bool
uuid_equals(const struct uuid *a, const struct uuid *b)
{
    return (a->parts[0] == b->parts[0] && a->parts[1] == b->parts[1]
            && a->parts[2] == b->parts[2] && a->parts[3] == b->parts[3]);
}

int
uuid_compare_3way(const struct uuid *a, const struct uuid *b)
{
    for (int i = 0; i < 4; i++) {
        if (a->parts[i] != b->parts[i]) {
            return a->parts[i] < b->parts[i] ? -1 : 1;
        }
    }
    return 0;
}

uint32_t
uuid_hash(const struct uuid *uuid)
{
    uint32_t hash = 0;

    for (int i = 0; i < 4; i++) {
        hash = hash_add(hash, uuid->parts[i]);
    }
    return hash_finish(hash, 16);
}
