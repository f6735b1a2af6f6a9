/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

#ifndef HASH_H
#define HASH_H 1

/* Non-cryptographic hashing for hash tables: the 32-bit MurmurHash3 mixing
 * steps (a public-domain algorithm), written here in our own words. */

#include <stddef.h>
#include <stdint.h>

static inline uint32_t
hash_rot(uint32_t x, int k)
{
    return (x << k) | (x >> (32 - k));
}

/* Mixes 32 bits of 'data' into 'hash'. */
static inline uint32_t
hash_add(uint32_t hash, uint32_t data)
{
    data *= 0xcc9e2d51;
    data = hash_rot(data, 15);
    data *= 0x1b873593;
    hash ^= data;
    hash = hash_rot(hash, 13);
    return hash * 5 + 0xe6546b64;
}

static inline uint32_t
hash_add64(uint32_t hash, uint64_t data)
{
    return hash_add(hash_add(hash, data), data >> 32);
}

/* Final avalanche; 'final' is usually the number of bytes hashed. */
static inline uint32_t
hash_finish(uint32_t hash, uint32_t final)
{
    hash ^= final;
    hash ^= hash >> 16;
    hash *= 0x85ebca6b;
    hash ^= hash >> 13;
    hash *= 0xc2b2ae35;
    hash ^= hash >> 16;
    return hash;
}

static inline uint32_t
hash_int(uint32_t x, uint32_t basis)
{
    return hash_finish(hash_add(basis, x), 4);
}

uint32_t hash_bytes(const void *data, size_t n, uint32_t basis);
uint32_t hash_string(const char *s, uint32_t basis);

static inline uint32_t
hash_pointer(const void *p, uint32_t basis)
{
    return hash_finish(hash_add64(basis, (uintptr_t) p), 8);
}

#endif /* hash.h */
