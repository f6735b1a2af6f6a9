/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

#ifndef CLS_PRIVATE_H
#define CLS_PRIVATE_H 1

/* Internals of the classifier (classifier.c) and its prefix tries
 * (cls-trie.c).  Nothing outside those files includes this. */

#include <stdbool.h>
#include <stdint.h>
#include "classifier.h"
#include "hmap.h"

/* Prefix tries.
 *
 * A cls_trie holds a multiset of bit-string prefixes of a field up to
 * 'width' bits (at most 128), most significant bit of the first byte
 * first.  Prefixes are stored path-compressed: each node holds a whole
 * prefix (bits past its length zero) and how many rules have exactly that
 * prefix; a node with no rules exists only where two branches part.
 *
 * cls_trie_lookup() walks the trie with a full-width key and reports which
 * stored prefix lengths match the key ('plens', bit L set if some stored
 * prefix of length L is a prefix of the key) and 'checkbits', a number of
 * leading key bits such that every key sharing them has the same set of
 * matching lengths: the walk left the trie at bit 'checkbits' - 1.  So to
 * prove that no stored prefix of length L matches the key, for every key
 * agreeing with it on some bits, the first MIN(L, checkbits) bits are
 * enough. */
#define CLS_TRIE_MAX_BITS 128

struct cls_trie_node;

struct cls_trie {
    struct cls_trie_node *root;
    unsigned int width;         /* Bits in a full key. */
};

struct cls_trie_result {
    uint64_t plens[3];          /* Bit L: a prefix of length L matches. */
    unsigned int checkbits;     /* Key bits that decided 'plens'. */
};

void cls_trie_init(struct cls_trie *trie, unsigned int width);
void cls_trie_destroy(struct cls_trie *trie);
void cls_trie_insert(struct cls_trie *trie, const uint8_t *prefix,
                     unsigned int plen);
void cls_trie_remove(struct cls_trie *trie, const uint8_t *prefix,
                     unsigned int plen);
void cls_trie_lookup(const struct cls_trie *trie, const uint8_t *key,
                     struct cls_trie_result *result);
bool cls_trie_is_empty(const struct cls_trie *trie);

static inline bool
cls_trie_result_has(const struct cls_trie_result *r, unsigned int plen)
{
    return (r->plens[plen / 64] >> (plen % 64)) & 1;
}

/* Returns the length of the CIDR prefix that the 'n' bytes at 'mask' form,
 * or -1 if they are not a prefix (ones then zeros). */
int cls_prefix_len(const uint8_t *mask, unsigned int n);

/* Fields with a classifier-wide prefix trie. */
enum cls_trie_field {
    CLS_TRIE_NW_SRC,
    CLS_TRIE_NW_DST,
    CLS_TRIE_IPV6_SRC,
    CLS_TRIE_IPV6_DST,
    CLS_N_TRIES
};

/* L4 port fields with a per-subtable trie. */
enum cls_port_field {
    CLS_PORT_TP_SRC,
    CLS_PORT_TP_DST,
    CLS_N_PORTS
};

/* Lookup stages, in probe order. */
enum cls_stage {
    CLS_STAGE_META,             /* Metadata, conntrack, pipeline, tunnel. */
    CLS_STAGE_L2,
    CLS_STAGE_L3,
    CLS_STAGE_L4,
    CLS_N_STAGES
};

/* A set of partial (staged) hashes, with a count of rules for each. */
struct cls_stage_entry {
    struct hmap_node hmap_node;
    unsigned int n;
};

/* The rules of a subtable that share one masked value: 'rules' is a list
 * through cls_rule 'next', by decreasing priority, then insertion order. */
struct cls_node {
    struct hmap_node hmap_node;     /* In cls_subtable 'rules'. */
    struct cls_subtable *subtable;
    struct cls_rule *rules;
    uint64_t vals[];                /* One per subtable entry. */
};

/* The rules that share one mask. */
struct cls_subtable {
    struct hmap_node mask_node;     /* In classifier 'subtables_by_mask'. */
    uint64_t seq;                   /* Creation order, for ties. */
    int max_priority;
    unsigned int max_count;         /* Rules with 'max_priority'. */
    size_t n_rules;

    /* The mask, as a minimatch mask ('mask.map', 'mask.n', masks only)... */
    uint64_t map[CLS_MAP_U64S];
    unsigned int n_words;
    uint64_t *mask_words;

    /* ...and split into stages: entries 'stage_end[k - 1]' (or 0) to
     * 'stage_end[k] - 1' are stage k of the 'n_stages' nonempty ones.  A
     * flow word can have one entry in each of two stages, with disjoint
     * masks, where a stage boundary falls inside it. */
    unsigned int n_entries;
    uint8_t *entry_idx;             /* Flow word index. */
    uint64_t *entry_mask;
    unsigned int n_stages;
    unsigned int stage_end[CLS_N_STAGES];
    int trie_stage;                 /* Stage before which tries are
                                     * checked, -1 if none. */

    /* Partial hashes of the rules for stages 0 to 'n_stages' - 2. */
    struct hmap indices[CLS_N_STAGES - 1];

    /* The rules: struct cls_node, by hash of all entries. */
    struct hmap rules;

    /* Prefix lengths of the fields with a trie, 0 if the mask does not
     * match the field or is not a prefix. */
    uint8_t trie_plen[CLS_N_TRIES];
    uint8_t port_plen[CLS_N_PORTS];
    struct cls_trie port_tries[CLS_N_PORTS];
};

#endif /* cls-private.h */
