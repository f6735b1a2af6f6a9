/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

/* Path-compressed binary tries of field prefixes, for the classifier's
 * prefix tracking (see cls-private.h for the contract). */

#include <config.h>

#include <string.h>
#include "cls-private.h"
#include "util.h"

struct cls_trie_node {
    uint8_t prefix[CLS_TRIE_MAX_BITS / 8];  /* Bits past 'plen' are 0. */
    uint8_t plen;
    unsigned int n_rules;                   /* Rules with this prefix. */
    struct cls_trie_node *edges[2];         /* By bit 'plen'. */
};

static inline unsigned int
get_bit(const uint8_t *key, unsigned int i)
{
    return (key[i / 8] >> (7 - i % 8)) & 1;
}

/* Returns the index of the first bit in ['from', 'to') where 'a' and 'b'
 * differ, or 'to' if they agree on all of them. */
static unsigned int
first_diff(const uint8_t *a, const uint8_t *b, unsigned int from,
           unsigned int to)
{
    unsigned int i = from;

    while (i < to) {
        unsigned int byte = i / 8;
        unsigned int shift = i % 8;
        uint8_t x = (uint8_t) ((a[byte] ^ b[byte]) << shift);

        if (x) {
            unsigned int d = i + __builtin_clz(x) - 24;
            return MIN(d, to);
        }
        i += 8 - shift;
    }
    return to;
}

/* Copies the first 'plen' bits of 'key' into 'dst', zeroing the rest. */
static void
copy_prefix(uint8_t *dst, const uint8_t *key, unsigned int plen)
{
    unsigned int full = plen / 8;

    memset(dst, 0, CLS_TRIE_MAX_BITS / 8);
    memcpy(dst, key, full);
    if (plen % 8) {
        dst[full] = key[full] & (uint8_t) (0xff << (8 - plen % 8));
    }
}

static struct cls_trie_node *
node_create(const uint8_t *key, unsigned int plen, unsigned int n_rules)
{
    struct cls_trie_node *node = xzalloc(sizeof *node);

    copy_prefix(node->prefix, key, plen);
    node->plen = plen;
    node->n_rules = n_rules;
    return node;
}

int
cls_prefix_len(const uint8_t *mask, unsigned int n)
{
    unsigned int i = 0;

    while (i < n && mask[i] == 0xff) {
        i++;
    }
    if (i == n) {
        return n * 8;
    }

    int plen = i * 8;
    uint8_t b = mask[i];
    while (b & 0x80) {
        plen++;
        b <<= 1;
    }
    if (b) {
        return -1;
    }
    for (i++; i < n; i++) {
        if (mask[i]) {
            return -1;
        }
    }
    return plen;
}

void
cls_trie_init(struct cls_trie *trie, unsigned int width)
{
    trie->root = NULL;
    trie->width = MIN(width, CLS_TRIE_MAX_BITS);
}

static void
node_destroy_recursive(struct cls_trie_node *node)
{
    if (node) {
        node_destroy_recursive(node->edges[0]);
        node_destroy_recursive(node->edges[1]);
        free(node);
    }
}

void
cls_trie_destroy(struct cls_trie *trie)
{
    if (trie) {
        node_destroy_recursive(trie->root);
        trie->root = NULL;
    }
}

bool
cls_trie_is_empty(const struct cls_trie *trie)
{
    return !trie->root;
}

void
cls_trie_insert(struct cls_trie *trie, const uint8_t *prefix,
                unsigned int plen)
{
    struct cls_trie_node **link = &trie->root;
    unsigned int depth = 0;

    for (;;) {
        struct cls_trie_node *node = *link;
        if (!node) {
            *link = node_create(prefix, plen, 1);
            return;
        }

        unsigned int common = MIN(node->plen, plen);
        unsigned int d = first_diff(node->prefix, prefix, depth, common);
        if (d < common) {
            /* The paths part at bit 'd': a branch node takes their place. */
            struct cls_trie_node *branch = node_create(prefix, d, 0);
            unsigned int bit = get_bit(prefix, d);

            branch->edges[bit] = node_create(prefix, plen, 1);
            branch->edges[!bit] = node;
            *link = branch;
            return;
        } else if (plen == node->plen) {
            node->n_rules++;
            return;
        } else if (plen < node->plen) {
            /* The new prefix is a proper prefix of 'node'. */
            struct cls_trie_node *parent = node_create(prefix, plen, 1);

            parent->edges[get_bit(node->prefix, plen)] = node;
            *link = parent;
            return;
        }
        depth = node->plen;
        link = &node->edges[get_bit(prefix, depth)];
    }
}

/* If 'node', at '*link', has no rules and fewer than two children, replaces
 * it by its child (or nothing). */
static void
node_compress(struct cls_trie_node **link)
{
    struct cls_trie_node *node = *link;

    if (node && !node->n_rules && (!node->edges[0] || !node->edges[1])) {
        *link = node->edges[0] ? node->edges[0] : node->edges[1];
        free(node);
    }
}

void
cls_trie_remove(struct cls_trie *trie, const uint8_t *prefix,
                unsigned int plen)
{
    struct cls_trie_node **link = &trie->root;
    struct cls_trie_node **parent_link = NULL;
    unsigned int depth = 0;

    for (;;) {
        struct cls_trie_node *node = *link;
        if (!node || node->plen > plen
            || first_diff(node->prefix, prefix, depth, node->plen)
               < node->plen) {
            return;             /* Not there: nothing to do. */
        }
        if (node->plen == plen) {
            if (node->n_rules) {
                node->n_rules--;
            }
            node_compress(link);
            if (parent_link) {
                node_compress(parent_link);
            }
            return;
        }
        depth = node->plen;
        parent_link = link;
        link = &node->edges[get_bit(prefix, depth)];
    }
}

void
cls_trie_lookup(const struct cls_trie *trie, const uint8_t *key,
                struct cls_trie_result *result)
{
    const struct cls_trie_node *node = trie->root;
    unsigned int depth = 0;

    memset(result->plens, 0, sizeof result->plens);
    while (node) {
        unsigned int d = first_diff(node->prefix, key, depth, node->plen);
        if (d < node->plen) {
            result->checkbits = d + 1;
            return;
        }
        if (node->n_rules) {
            result->plens[node->plen / 64] |= UINT64_C(1)
                                              << (node->plen % 64);
        }
        depth = node->plen;
        if (depth >= trie->width) {
            result->checkbits = trie->width;
            return;
        }
        node = node->edges[get_bit(key, depth)];
    }
    result->checkbits = MIN(depth + 1, trie->width);
}
