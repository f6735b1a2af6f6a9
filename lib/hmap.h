/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

#ifndef HMAP_H
#define HMAP_H 1

/* A hash map of nodes embedded in the structures it holds.  The map never
 * computes hashes: the caller passes the hash of each node on insertion and
 * looks nodes up by hash, comparing keys itself.  Several nodes may share a
 * hash (and a key). */

#include <stdbool.h>
#include <stddef.h>
#include "util.h"

struct hmap_node {
    size_t hash;
    struct hmap_node *next;     /* Next node in the same bucket. */
};

struct hmap {
    struct hmap_node **buckets; /* NULL while the map has never held one. */
    size_t mask;                /* Number of buckets minus one. */
    size_t n;                   /* Number of nodes. */
};

#define HMAP_INITIALIZER { NULL, 0, 0 }

void hmap_init(struct hmap *);
void hmap_destroy(struct hmap *);   /* Frees buckets, not the nodes. */
void hmap_clear(struct hmap *);     /* Forgets all nodes, frees nothing. */
void hmap_swap(struct hmap *, struct hmap *);

static inline size_t hmap_count(const struct hmap *hmap) { return hmap->n; }
static inline bool hmap_is_empty(const struct hmap *hmap)
{
    return hmap->n == 0;
}

void hmap_insert(struct hmap *, struct hmap_node *, size_t hash);
void hmap_remove(struct hmap *, struct hmap_node *);

struct hmap_node *hmap_first(const struct hmap *);
struct hmap_node *hmap_next(const struct hmap *, const struct hmap_node *);
struct hmap_node *hmap_first_with_hash(const struct hmap *, size_t hash);
struct hmap_node *hmap_next_with_hash(const struct hmap_node *);

/* Iteration over the structures containing the nodes.  'NODE' is a pointer
 * to the containing struct, 'MEMBER' its struct hmap_node member.  The _SAFE
 * form allows removing 'NODE' in the body; _POP removes each node before the
 * body runs. */
/* Evaluates 'PTR' exactly once: it may have side effects (see _POP). */
#define HMAP_ENTRY_(NODE, PTR, MEMBER)                                    \
    ({                                                                    \
        struct hmap_node *entry__ = (PTR);                                \
        entry__ ? CONTAINER_OF(entry__, OVS_TYPEOF(*(NODE)), MEMBER)      \
                : NULL;                                                   \
    })

#define HMAP_FOR_EACH(NODE, MEMBER, HMAP)                                 \
    for ((NODE) = HMAP_ENTRY_(NODE, hmap_first(HMAP), MEMBER);            \
         (NODE) != NULL;                                                  \
         (NODE) = HMAP_ENTRY_(NODE, hmap_next(HMAP, &(NODE)->MEMBER),     \
                              MEMBER))

#define HMAP_FOR_EACH_SAFE(NODE, NEXT, MEMBER, HMAP)                      \
    for ((NODE) = HMAP_ENTRY_(NODE, hmap_first(HMAP), MEMBER);            \
         (NODE) != NULL                                                   \
         && ((NEXT) = HMAP_ENTRY_(NODE, hmap_next(HMAP, &(NODE)->MEMBER), \
                                  MEMBER), 1);                            \
         (NODE) = (NEXT))

#define HMAP_FOR_EACH_WITH_HASH(NODE, MEMBER, HASH, HMAP)                 \
    for ((NODE) = HMAP_ENTRY_(NODE, hmap_first_with_hash(HMAP, HASH),     \
                              MEMBER);                                    \
         (NODE) != NULL;                                                  \
         (NODE) = HMAP_ENTRY_(NODE, hmap_next_with_hash(&(NODE)->MEMBER), \
                              MEMBER))

#define HMAP_FOR_EACH_POP(NODE, MEMBER, HMAP)                             \
    for (size_t bucket__ = 0;                                             \
         ((NODE) = HMAP_ENTRY_(NODE, hmap_pop_from__(HMAP, &bucket__),    \
                               MEMBER)) != NULL; )

/* Removes and returns the first node in bucket '*bucket' or after it,
 * advancing '*bucket' to where it was found, or returns NULL if none is
 * left.  The cursor keeps HMAP_FOR_EACH_POP linear in the table's size. */
struct hmap_node *hmap_pop_from__(struct hmap *, size_t *bucket);

#endif /* hmap.h */
