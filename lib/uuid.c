/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

#include <config.h>
#include "uuid.h"

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

void
uuid_new_random(struct uuid *uuid)
{
    uuid_t bytes;

    uuid_generate_random(bytes);
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
