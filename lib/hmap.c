/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

#include <config.h>
#include "hmap.h"

/* The number of buckets is a power of two.  The table doubles when it holds
 * two nodes per bucket on average.  It never shrinks on removal, so that
 * HMAP_FOR_EACH_SAFE can remove nodes while it walks the buckets in order. */

void
hmap_init(struct hmap *hmap)
{
    hmap->buckets = NULL;
    hmap->mask = 0;
    hmap->n = 0;
}

void
hmap_destroy(struct hmap *hmap)
{
    if (hmap) {
        free(hmap->buckets);
        hmap_init(hmap);
    }
}

void
hmap_clear(struct hmap *hmap)
{
    if (hmap->buckets) {
        memset(hmap->buckets, 0, (hmap->mask + 1) * sizeof *hmap->buckets);
    }
    hmap->n = 0;
}

void
hmap_swap(struct hmap *a, struct hmap *b)
{
    struct hmap tmp = *a;

    *a = *b;
    *b = tmp;
}

static void
hmap_resize__(struct hmap *hmap, size_t n_buckets)
{
    struct hmap_node **buckets = xcalloc(n_buckets, sizeof *buckets);
    size_t new_mask = n_buckets - 1;

    for (size_t i = 0; hmap->buckets && i <= hmap->mask; i++) {
        struct hmap_node *node, *next;

        for (node = hmap->buckets[i]; node; node = next) {
            struct hmap_node **bucket = &buckets[node->hash & new_mask];

            next = node->next;
            node->next = *bucket;
            *bucket = node;
        }
    }
    free(hmap->buckets);
    hmap->buckets = buckets;
    hmap->mask = new_mask;
}

void
hmap_insert(struct hmap *hmap, struct hmap_node *node, size_t hash)
{
    struct hmap_node **bucket;

    if (!hmap->buckets) {
        hmap_resize__(hmap, 8);
    } else if (hmap->n >= 2 * (hmap->mask + 1)) {
        hmap_resize__(hmap, 2 * (hmap->mask + 1));
    }
    node->hash = hash;
    bucket = &hmap->buckets[hash & hmap->mask];
    node->next = *bucket;
    *bucket = node;
    hmap->n++;
}

void
hmap_remove(struct hmap *hmap, struct hmap_node *node)
{
    struct hmap_node **p = &hmap->buckets[node->hash & hmap->mask];

    while (*p != node) {
        p = &(*p)->next;
    }
    *p = node->next;
    hmap->n--;
}

static struct hmap_node *
hmap_first_from__(const struct hmap *hmap, size_t start)
{
    for (size_t i = start; hmap->buckets && i <= hmap->mask; i++) {
        if (hmap->buckets[i]) {
            return hmap->buckets[i];
        }
    }
    return NULL;
}

struct hmap_node *
hmap_first(const struct hmap *hmap)
{
    return hmap_first_from__(hmap, 0);
}

struct hmap_node *
hmap_next(const struct hmap *hmap, const struct hmap_node *node)
{
    return (node->next
            ? node->next
            : hmap_first_from__(hmap, (node->hash & hmap->mask) + 1));
}

struct hmap_node *
hmap_first_with_hash(const struct hmap *hmap, size_t hash)
{
    struct hmap_node *node;

    if (!hmap->buckets) {
        return NULL;
    }
    for (node = hmap->buckets[hash & hmap->mask]; node; node = node->next) {
        if (node->hash == hash) {
            return node;
        }
    }
    return NULL;
}

struct hmap_node *
hmap_next_with_hash(const struct hmap_node *node)
{
    size_t hash = node->hash;

    for (node = node->next; node; node = node->next) {
        if (node->hash == hash) {
            return (struct hmap_node *) node;
        }
    }
    return NULL;
}

struct hmap_node *
hmap_pop_from__(struct hmap *hmap, size_t *bucket)
{
    for (; hmap->buckets && *bucket <= hmap->mask; (*bucket)++) {
        struct hmap_node *node = hmap->buckets[*bucket];

        if (node) {
            hmap->buckets[*bucket] = node->next;
            hmap->n--;
            return node;
        }
    }
    return NULL;
}
