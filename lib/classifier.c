/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

/* The OpenFlow classifier: tuple space search with staged lookup, prefix
 * tries and L4 port tries.  See classifier.h for the contract and
 * cls-private.h for the data structures.
 *
 * Flows are handled as arrays of CLS_FLOW_U64S 64-bit words (struct flow
 * has no implicit padding and is 8-byte aligned).  A subtable keeps the
 * words its mask touches as "entries", grouped by lookup stage; a word that
 * straddles a stage boundary gets one entry per stage with the part of the
 * mask in that stage.  The hash of a rule or flow is built entry by entry,
 * so the hash after stage k is a prefix of the full computation: a subtable
 * stores the set of those partial hashes for its rules, and a lookup that
 * finds its partial hash missing can stop there, having looked only at the
 * fields of stages 0 to k. */

#include <config.h>

#include "classifier.h"

#include <stdlib.h>
#include <string.h>
#include "cls-private.h"
#include "hash.h"
#include "util.h"

BUILD_ASSERT_DECL(sizeof(struct flow) % sizeof(uint64_t) == 0);
BUILD_ASSERT_DECL(CLS_FLOW_U64S <= 255);

struct cls_field {
    size_t ofs;
    unsigned int n_bytes;
};

static const struct cls_field trie_fields[CLS_N_TRIES] = {
    [CLS_TRIE_NW_SRC] = { offsetof(struct flow, nw_src), 4 },
    [CLS_TRIE_NW_DST] = { offsetof(struct flow, nw_dst), 4 },
    [CLS_TRIE_IPV6_SRC] = { offsetof(struct flow, ipv6_src), 16 },
    [CLS_TRIE_IPV6_DST] = { offsetof(struct flow, ipv6_dst), 16 },
};

static const struct cls_field port_fields[CLS_N_PORTS] = {
    [CLS_PORT_TP_SRC] = { offsetof(struct flow, tp_src), 2 },
    [CLS_PORT_TP_DST] = { offsetof(struct flow, tp_dst), 2 },
};

/* Word access. */

static inline uint64_t
flow_u64(const struct flow *flow, unsigned int idx)
{
    uint64_t w;

    memcpy(&w, (const char *) flow + idx * sizeof w, sizeof w);
    return w;
}

static inline void
flow_u64_or(struct flow *flow, unsigned int idx, uint64_t bits)
{
    char *p = (char *) flow + idx * sizeof bits;
    uint64_t w;

    memcpy(&w, p, sizeof w);
    w |= bits;
    memcpy(p, &w, sizeof w);
}

static inline bool
map_has(const uint64_t *map, unsigned int idx)
{
    return (map[idx / 64] >> (idx % 64)) & 1;
}

/* Returns the position of word 'idx' among the words set in 'map'. */
static inline unsigned int
map_rank(const uint64_t *map, unsigned int idx)
{
    unsigned int rank = 0;

    for (unsigned int i = 0; i < idx / 64; i++) {
        rank += __builtin_popcountll(map[i]);
    }
    if (idx % 64) {
        rank += __builtin_popcountll(map[idx / 64]
                                     & ((UINT64_C(1) << (idx % 64)) - 1));
    }
    return rank;
}

/* Minimatch. */

static const uint64_t *
mm_values(const struct cls_minimatch *mm)
{
    return mm->words;
}

static const uint64_t *
mm_masks(const struct cls_minimatch *mm)
{
    return mm->words + mm->n;
}

/* Stores word 'idx' of 'mm' in '*value' and '*mask' (zeros if 'mm' does not
 * match any bit of that word). */
static inline void
mm_word(const struct cls_minimatch *mm, unsigned int idx,
        uint64_t *value, uint64_t *mask)
{
    if (map_has(mm->map, idx)) {
        unsigned int r = map_rank(mm->map, idx);
        *value = mm_values(mm)[r];
        *mask = mm_masks(mm)[r];
    } else {
        *value = *mask = 0;
    }
}

static void
mm_init(struct cls_minimatch *mm, const struct match *match)
{
    unsigned int n = 0;

    memset(mm->map, 0, sizeof mm->map);
    for (unsigned int i = 0; i < CLS_FLOW_U64S; i++) {
        if (flow_u64(&match->wc.masks, i)) {
            mm->map[i / 64] |= UINT64_C(1) << (i % 64);
            n++;
        }
    }
    mm->n = n;
    mm->words = xmalloc(2 * MAX(n, 1) * sizeof *mm->words);

    unsigned int j = 0;
    for (unsigned int i = 0; i < CLS_FLOW_U64S; i++) {
        uint64_t mask = flow_u64(&match->wc.masks, i);
        if (mask) {
            mm->words[j] = flow_u64(&match->flow, i) & mask;
            mm->words[n + j] = mask;
            j++;
        }
    }
}

/* Expands 'mm' into 'values' and 'masks' (either may be NULL). */
static void
mm_expand(const struct cls_minimatch *mm, struct flow *values,
          struct flow *masks)
{
    unsigned int j = 0;

    if (values) {
        memset(values, 0, sizeof *values);
    }
    if (masks) {
        memset(masks, 0, sizeof *masks);
    }
    for (unsigned int i = 0; i < CLS_FLOW_U64S; i++) {
        if (map_has(mm->map, i)) {
            if (values) {
                flow_u64_or(values, i, mm_values(mm)[j]);
            }
            if (masks) {
                flow_u64_or(masks, i, mm_masks(mm)[j]);
            }
            j++;
        }
    }
}

static bool
mm_equal(const struct cls_minimatch *a, const struct cls_minimatch *b)
{
    return (!memcmp(a->map, b->map, sizeof a->map)
            && !memcmp(a->words, b->words, 2 * a->n * sizeof *a->words));
}

static bool
mask_equal(const struct cls_minimatch *mm, const struct cls_subtable *st)
{
    return (!memcmp(mm->map, st->map, sizeof st->map)
            && !memcmp(mm_masks(mm), st->mask_words,
                       st->n_words * sizeof *st->mask_words));
}

static uint32_t
mask_hash(const struct cls_minimatch *mm)
{
    uint32_t hash = 0;

    for (unsigned int i = 0; i < CLS_MAP_U64S; i++) {
        hash = hash_add64(hash, mm->map[i]);
    }
    for (unsigned int i = 0; i < mm->n; i++) {
        hash = hash_add64(hash, mm_masks(mm)[i]);
    }
    return hash_finish(hash, mm->n);
}

/* Rules. */

void
cls_rule_init(struct cls_rule *rule, const struct match *match,
              int priority)
{
    rule->priority = priority;
    rule->add_version = OVS_VERSION_MIN;
    rule->remove_version = OVS_VERSION_NOT_REMOVED;
    mm_init(&rule->match, match);
    rule->next = NULL;
    rule->node = NULL;
}

void
cls_rule_clone(struct cls_rule *dst, const struct cls_rule *src)
{
    struct match match;

    cls_rule_get_match(src, &match);
    cls_rule_init(dst, &match, src->priority);
}

void
cls_rule_destroy(struct cls_rule *rule)
{
    if (rule) {
        if (rule->node) {
            OVS_NOT_REACHED();
        }
        free(rule->match.words);
        rule->match.words = NULL;
    }
}

void
cls_rule_get_match(const struct cls_rule *rule, struct match *match)
{
    mm_expand(&rule->match, &match->flow, &match->wc.masks);
}

bool
cls_rule_equal(const struct cls_rule *a, const struct cls_rule *b)
{
    return a->priority == b->priority && mm_equal(&a->match, &b->match);
}

bool
cls_rule_is_catchall(const struct cls_rule *rule)
{
    return rule->match.n == 0;
}

bool
cls_rule_matches_flow(const struct cls_rule *rule, const struct flow *flow)
{
    const struct cls_minimatch *mm = &rule->match;
    unsigned int j = 0;

    for (unsigned int i = 0; i < CLS_FLOW_U64S; i++) {
        if (map_has(mm->map, i)) {
            if ((flow_u64(flow, i) & mm_masks(mm)[j]) != mm_values(mm)[j]) {
                return false;
            }
            j++;
        }
    }
    return true;
}

bool
cls_rule_is_loose_match(const struct cls_rule *rule,
                        const struct match *target)
{
    if (!target) {
        return true;
    }
    for (unsigned int i = 0; i < CLS_FLOW_U64S; i++) {
        uint64_t tmask = flow_u64(&target->wc.masks, i);
        if (tmask) {
            uint64_t value, mask;

            mm_word(&rule->match, i, &value, &mask);
            if ((mask & tmask) != tmask
                || (value & tmask) != (flow_u64(&target->flow, i) & tmask)) {
                return false;
            }
        }
    }
    return true;
}

void
cls_rule_make_invisible_in_version(struct cls_rule *rule,
                                   ovs_version_t version)
{
    rule->remove_version = version;
}

void
cls_rule_restore_visibility(struct cls_rule *rule)
{
    rule->remove_version = OVS_VERSION_NOT_REMOVED;
}

/* Stages. */

static enum cls_stage
byte_stage(size_t ofs)
{
    if (ofs < offsetof(struct flow, dl_dst)) {
        return CLS_STAGE_META;
    } else if (ofs < offsetof(struct flow, nw_src)) {
        return CLS_STAGE_L2;
    } else if (ofs < offsetof(struct flow, tp_src)) {
        return CLS_STAGE_L3;
    } else if (ofs < offsetof(struct flow, ct_nw_src)) {
        return CLS_STAGE_L4;
    } else {
        return CLS_STAGE_META;
    }
}

/* Returns the bits of flow word 'idx' that belong to 'stage'. */
static uint64_t
stage_word_mask(unsigned int idx, enum cls_stage stage)
{
    uint8_t bytes[8];
    uint64_t mask;

    for (unsigned int b = 0; b < 8; b++) {
        bytes[b] = byte_stage(idx * 8 + b) == stage ? 0xff : 0;
    }
    memcpy(&mask, bytes, sizeof mask);
    return mask;
}

/* Sets the first 'n_bits' bits of 'field' in 'wc'. */
static void
wc_set_prefix(struct flow_wildcards *wc, const struct cls_field *field,
              unsigned int n_bits)
{
    uint8_t *p = (uint8_t *) &wc->masks + field->ofs;

    memset(p, 0xff, n_bits / 8);
    if (n_bits % 8) {
        p[n_bits / 8] |= (uint8_t) (0xff << (8 - n_bits % 8));
    }
}

/* ORs entries 'from' to 'to' - 1 of 'st' into 'wc'. */
static void
wc_fold_entries(struct flow_wildcards *wc, const struct cls_subtable *st,
                unsigned int from, unsigned int to)
{
    if (wc) {
        for (unsigned int j = from; j < to; j++) {
            flow_u64_or(&wc->masks, st->entry_idx[j], st->entry_mask[j]);
        }
    }
}

/* Subtables. */

static void
subtable_init_entries(struct cls_subtable *st)
{
    int stage_index[CLS_N_STAGES];
    unsigned int n = 0;

    st->entry_idx = xmalloc(2 * MAX(st->n_words, 1) * sizeof *st->entry_idx);
    st->entry_mask = xmalloc(2 * MAX(st->n_words, 1)
                             * sizeof *st->entry_mask);
    st->n_stages = 0;
    for (int s = 0; s < CLS_N_STAGES; s++) {
        unsigned int start = n;
        unsigned int j = 0;

        for (unsigned int i = 0; i < CLS_FLOW_U64S; i++) {
            if (map_has(st->map, i)) {
                uint64_t m = st->mask_words[j++] & stage_word_mask(i, s);
                if (m) {
                    st->entry_idx[n] = i;
                    st->entry_mask[n] = m;
                    n++;
                }
            }
        }
        stage_index[s] = -1;
        if (n > start) {
            stage_index[s] = st->n_stages;
            st->stage_end[st->n_stages++] = n;
        }
    }
    st->n_entries = n;
    st->trie_stage = stage_index[CLS_STAGE_L3];
}

static void
subtable_init_tries(struct cls_subtable *st)
{
    struct flow masks;
    bool any = false;

    memset(&masks, 0, sizeof masks);
    unsigned int j = 0;
    for (unsigned int i = 0; i < CLS_FLOW_U64S; i++) {
        if (map_has(st->map, i)) {
            flow_u64_or(&masks, i, st->mask_words[j++]);
        }
    }

    for (int f = 0; f < CLS_N_TRIES; f++) {
        const uint8_t *m = (const uint8_t *) &masks + trie_fields[f].ofs;
        int plen = cls_prefix_len(m, trie_fields[f].n_bytes);
        st->trie_plen[f] = plen > 0 ? plen : 0;
        any = any || plen > 0;
    }
    if (!any) {
        st->trie_stage = -1;
    }
    for (int p = 0; p < CLS_N_PORTS; p++) {
        const uint8_t *m = (const uint8_t *) &masks + port_fields[p].ofs;
        int plen = cls_prefix_len(m, port_fields[p].n_bytes);
        st->port_plen[p] = plen > 0 ? plen : 0;
        cls_trie_init(&st->port_tries[p], port_fields[p].n_bytes * 8);
    }
}

static struct cls_subtable *
subtable_create(struct classifier *cls, const struct cls_minimatch *mm)
{
    struct cls_subtable *st = xzalloc(sizeof *st);

    st->seq = cls->next_subtable_seq++;
    memcpy(st->map, mm->map, sizeof st->map);
    st->n_words = mm->n;
    st->mask_words = xmemdup(mm_masks(mm),
                             MAX(mm->n, 1) * sizeof *st->mask_words);
    subtable_init_entries(st);
    subtable_init_tries(st);
    for (int k = 0; k < CLS_N_STAGES - 1; k++) {
        hmap_init(&st->indices[k]);
    }
    hmap_init(&st->rules);

    hmap_insert(&cls->subtables_by_mask, &st->mask_node, mask_hash(mm));
    if (cls->n_subtables >= cls->allocated_subtables) {
        cls->allocated_subtables = MAX(8, 2 * cls->allocated_subtables);
        cls->subtables = xrealloc(cls->subtables,
                                  cls->allocated_subtables
                                  * sizeof *cls->subtables);
    }
    cls->subtables[cls->n_subtables++] = st;
    return st;
}

static void
subtable_destroy(struct classifier *cls, struct cls_subtable *st)
{
    for (size_t i = 0; i < cls->n_subtables; i++) {
        if (cls->subtables[i] == st) {
            memmove(&cls->subtables[i], &cls->subtables[i + 1],
                    (cls->n_subtables - i - 1) * sizeof *cls->subtables);
            cls->n_subtables--;
            break;
        }
    }
    hmap_remove(&cls->subtables_by_mask, &st->mask_node);

    struct cls_node *node;
    HMAP_FOR_EACH_POP (node, hmap_node, &st->rules) {
        for (struct cls_rule *r = node->rules; r; r = r->next) {
            r->node = NULL;
        }
        free(node);
    }
    hmap_destroy(&st->rules);
    for (int k = 0; k < CLS_N_STAGES - 1; k++) {
        struct cls_stage_entry *e;
        HMAP_FOR_EACH_POP (e, hmap_node, &st->indices[k]) {
            free(e);
        }
        hmap_destroy(&st->indices[k]);
    }
    for (int p = 0; p < CLS_N_PORTS; p++) {
        cls_trie_destroy(&st->port_tries[p]);
    }
    free(st->entry_idx);
    free(st->entry_mask);
    free(st->mask_words);
    free(st);
}

static struct cls_subtable *
subtable_find(const struct classifier *cls, const struct cls_minimatch *mm)
{
    struct cls_subtable *st;

    HMAP_FOR_EACH_WITH_HASH (st, mask_node, mask_hash(mm),
                             &cls->subtables_by_mask) {
        if (mask_equal(mm, st)) {
            return st;
        }
    }
    return NULL;
}

/* True if 'a' is searched before 'b'. */
static bool
subtable_before(const struct cls_subtable *a, const struct cls_subtable *b)
{
    return (a->max_priority > b->max_priority
            || (a->max_priority == b->max_priority && a->seq < b->seq));
}

/* Moves 'st' to its place in the lookup order after its 'max_priority'
 * changed. */
static void
subtable_reposition(struct classifier *cls, struct cls_subtable *st)
{
    struct cls_subtable **v = cls->subtables;
    size_t i = 0;

    while (v[i] != st) {
        i++;
    }
    while (i > 0 && subtable_before(st, v[i - 1])) {
        v[i] = v[i - 1];
        v[--i] = st;
    }
    while (i + 1 < cls->n_subtables && subtable_before(v[i + 1], st)) {
        v[i] = v[i + 1];
        v[++i] = st;
    }
}

/* Computes the entry values of 'rule' in 'st' into 'vals' and the hash
 * after each stage into 'hashes'. */
static void
subtable_rule_vals(const struct cls_subtable *st, const struct cls_rule *rule,
                   uint64_t *vals, uint32_t *hashes)
{
    uint32_t hash = 0;
    unsigned int j = 0;

    for (unsigned int k = 0; k < st->n_stages; k++) {
        for (; j < st->stage_end[k]; j++) {
            uint64_t value, mask;

            mm_word(&rule->match, st->entry_idx[j], &value, &mask);
            vals[j] = value & st->entry_mask[j];
            hash = hash_add64(hash, vals[j]);
        }
        hashes[k] = hash_finish(hash, j);
    }
    if (!st->n_stages) {
        hashes[0] = hash_finish(0, 0);
    }
}

static uint32_t
subtable_full_hash(const struct cls_subtable *st, const uint32_t *hashes)
{
    return hashes[st->n_stages ? st->n_stages - 1 : 0];
}

static struct cls_node *
subtable_find_node(const struct cls_subtable *st, const uint64_t *vals,
                   uint32_t hash)
{
    struct cls_node *node;

    HMAP_FOR_EACH_WITH_HASH (node, hmap_node, hash, &st->rules) {
        if (!memcmp(node->vals, vals, st->n_entries * sizeof *vals)) {
            return node;
        }
    }
    return NULL;
}

static void
stage_index_add(struct hmap *index, uint32_t hash)
{
    struct cls_stage_entry *e;

    HMAP_FOR_EACH_WITH_HASH (e, hmap_node, hash, index) {
        e->n++;
        return;
    }
    e = xmalloc(sizeof *e);
    e->n = 1;
    hmap_insert(index, &e->hmap_node, hash);
}

static void
stage_index_remove(struct hmap *index, uint32_t hash)
{
    struct cls_stage_entry *e;

    HMAP_FOR_EACH_WITH_HASH (e, hmap_node, hash, index) {
        if (!--e->n) {
            hmap_remove(index, &e->hmap_node);
            free(e);
        }
        return;
    }
}

static inline bool
stage_index_contains(const struct hmap *index, uint32_t hash)
{
    return hmap_first_with_hash(index, hash) != NULL;
}

/* Copies the bytes of 'field' of 'rule''s value into 'key'. */
static void
rule_field_bytes(const struct cls_rule *rule, const struct cls_field *field,
                 uint8_t *key)
{
    unsigned int first = field->ofs / 8;
    unsigned int last = (field->ofs + field->n_bytes - 1) / 8;
    uint64_t words[3];

    for (unsigned int i = first; i <= last; i++) {
        uint64_t mask;
        mm_word(&rule->match, i, &words[i - first], &mask);
    }
    memcpy(key, (const uint8_t *) words + (field->ofs - first * 8),
           field->n_bytes);
}

static void
rule_update_tries(struct classifier *cls, struct cls_subtable *st,
                  const struct cls_rule *rule, bool insert)
{
    uint8_t key[16];

    for (int f = 0; f < CLS_N_TRIES; f++) {
        if (st->trie_plen[f]) {
            rule_field_bytes(rule, &trie_fields[f], key);
            if (insert) {
                cls_trie_insert(&cls->tries[f], key, st->trie_plen[f]);
            } else {
                cls_trie_remove(&cls->tries[f], key, st->trie_plen[f]);
            }
        }
    }
    for (int p = 0; p < CLS_N_PORTS; p++) {
        if (st->port_plen[p]) {
            struct cls_trie *trie = &st->port_tries[p];
            rule_field_bytes(rule, &port_fields[p], key);
            if (insert) {
                cls_trie_insert(trie, key, st->port_plen[p]);
            } else {
                cls_trie_remove(trie, key, st->port_plen[p]);
            }
        }
    }
}

/* Classifier. */

void
classifier_init(struct classifier *cls)
{
    hmap_init(&cls->subtables_by_mask);
    cls->subtables = NULL;
    cls->n_subtables = 0;
    cls->allocated_subtables = 0;
    cls->n_rules = 0;
    cls->next_subtable_seq = 0;
    cls->tries = xmalloc(CLS_N_TRIES * sizeof *cls->tries);
    for (int f = 0; f < CLS_N_TRIES; f++) {
        cls_trie_init(&cls->tries[f], trie_fields[f].n_bytes * 8);
    }
}

void
classifier_destroy(struct classifier *cls)
{
    if (cls) {
        while (cls->n_subtables) {
            subtable_destroy(cls, cls->subtables[cls->n_subtables - 1]);
        }
        hmap_destroy(&cls->subtables_by_mask);
        free(cls->subtables);
        for (int f = 0; f < CLS_N_TRIES; f++) {
            cls_trie_destroy(&cls->tries[f]);
        }
        free(cls->tries);
        cls->tries = NULL;
        cls->n_rules = 0;
    }
}

void
classifier_insert(struct classifier *cls, struct cls_rule *rule,
                  ovs_version_t version)
{
    uint64_t vals[2 * CLS_FLOW_U64S];
    uint32_t hashes[CLS_N_STAGES];

    if (rule->node) {
        OVS_NOT_REACHED();
    }
    rule->add_version = version;
    rule->remove_version = OVS_VERSION_NOT_REMOVED;
    rule->next = NULL;

    struct cls_subtable *st = subtable_find(cls, &rule->match);
    if (!st) {
        st = subtable_create(cls, &rule->match);
    }

    subtable_rule_vals(st, rule, vals, hashes);
    uint32_t hash = subtable_full_hash(st, hashes);
    struct cls_node *node = subtable_find_node(st, vals, hash);
    if (!node) {
        node = xmalloc(sizeof *node + st->n_entries * sizeof *vals);
        node->subtable = st;
        node->rules = rule;
        memcpy(node->vals, vals, st->n_entries * sizeof *vals);
        hmap_insert(&st->rules, &node->hmap_node, hash);
        for (unsigned int k = 0; k + 1 < st->n_stages; k++) {
            stage_index_add(&st->indices[k], hashes[k]);
        }
    } else {
        struct cls_rule **link = &node->rules;
        while (*link && (*link)->priority >= rule->priority) {
            link = &(*link)->next;
        }
        rule->next = *link;
        *link = rule;
    }
    rule->node = node;
    rule_update_tries(cls, st, rule, true);

    cls->n_rules++;
    if (!st->n_rules++ || rule->priority > st->max_priority) {
        st->max_priority = rule->priority;
        st->max_count = 1;
        subtable_reposition(cls, st);
    } else if (rule->priority == st->max_priority) {
        st->max_count++;
    }
}

struct cls_rule *
classifier_replace(struct classifier *cls, struct cls_rule *rule,
                   ovs_version_t version)
{
    struct cls_rule *old = NULL;
    struct cls_subtable *st = subtable_find(cls, &rule->match);

    if (st) {
        uint64_t vals[2 * CLS_FLOW_U64S];
        uint32_t hashes[CLS_N_STAGES];

        subtable_rule_vals(st, rule, vals, hashes);
        struct cls_node *node = subtable_find_node(
            st, vals, subtable_full_hash(st, hashes));
        for (struct cls_rule *r = node ? node->rules : NULL; r;
             r = r->next) {
            if (r->priority == rule->priority
                && cls_rule_visible_in_version(r, version)) {
                old = r;
                cls_rule_make_invisible_in_version(r, version);
                break;
            }
        }
    }
    classifier_insert(cls, rule, version);
    return old;
}

static void
subtable_recompute_max(struct cls_subtable *st)
{
    struct cls_node *node;

    st->max_priority = INT32_MIN;
    st->max_count = 0;
    HMAP_FOR_EACH (node, hmap_node, &st->rules) {
        for (struct cls_rule *r = node->rules; r; r = r->next) {
            if (r->priority > st->max_priority) {
                st->max_priority = r->priority;
                st->max_count = 1;
            } else if (r->priority == st->max_priority) {
                st->max_count++;
            }
        }
    }
}

bool
classifier_remove(struct classifier *cls, struct cls_rule *rule)
{
    struct cls_node *node = rule->node;

    if (!node) {
        return false;
    }

    struct cls_subtable *st = node->subtable;
    struct cls_rule **link = &node->rules;
    while (*link != rule) {
        link = &(*link)->next;
    }
    *link = rule->next;
    rule->next = NULL;
    rule->node = NULL;

    if (!node->rules) {
        uint64_t vals[2 * CLS_FLOW_U64S];
        uint32_t hashes[CLS_N_STAGES];

        subtable_rule_vals(st, rule, vals, hashes);
        for (unsigned int k = 0; k + 1 < st->n_stages; k++) {
            stage_index_remove(&st->indices[k], hashes[k]);
        }
        hmap_remove(&st->rules, &node->hmap_node);
        free(node);
    }
    rule_update_tries(cls, st, rule, false);

    cls->n_rules--;
    if (!--st->n_rules) {
        subtable_destroy(cls, st);
    } else if (rule->priority == st->max_priority && !--st->max_count) {
        subtable_recompute_max(st);
        subtable_reposition(cls, st);
    }
    return true;
}

/* Lookup. */

struct trie_ctx {
    bool done;
    struct cls_trie_result result;
};

/* Returns true if the prefix tries prove that 'st' has no rule matching
 * 'flow', after un-wildcarding in 'wc' the address bits that proof used. */
static bool
check_tries(const struct classifier *cls, const struct cls_subtable *st,
            const struct flow *flow, struct flow_wildcards *wc,
            struct trie_ctx *ctx)
{
    for (int f = 0; f < CLS_N_TRIES; f++) {
        unsigned int plen = st->trie_plen[f];
        if (!plen) {
            continue;
        }
        if (!ctx[f].done) {
            cls_trie_lookup(&cls->tries[f],
                            (const uint8_t *) flow + trie_fields[f].ofs,
                            &ctx[f].result);
            ctx[f].done = true;
        }
        if (!cls_trie_result_has(&ctx[f].result, plen)) {
            if (wc) {
                wc_set_prefix(wc, &trie_fields[f],
                              MIN(plen, ctx[f].result.checkbits));
            }
            return true;
        }
    }
    return false;
}

/* Like check_tries(), for the L4 port tries of 'st'. */
static bool
check_port_tries(const struct cls_subtable *st, const struct flow *flow,
                 struct flow_wildcards *wc)
{
    for (int p = 0; p < CLS_N_PORTS; p++) {
        unsigned int plen = st->port_plen[p];
        if (plen) {
            struct cls_trie_result r;

            cls_trie_lookup(&st->port_tries[p],
                            (const uint8_t *) flow + port_fields[p].ofs, &r);
            if (!cls_trie_result_has(&r, plen)) {
                if (wc) {
                    wc_set_prefix(wc, &port_fields[p],
                                  MIN(plen, r.checkbits));
                }
                return true;
            }
        }
    }
    return false;
}

static const struct cls_rule *
subtable_lookup(const struct classifier *cls, const struct cls_subtable *st,
                ovs_version_t version, const struct flow *flow,
                struct flow_wildcards *wc, struct trie_ctx *tries)
{
    uint32_t hash = 0;
    unsigned int j = 0;

    for (unsigned int k = 0; k < st->n_stages; k++) {
        if ((int) k == st->trie_stage
            && check_tries(cls, st, flow, wc, tries)) {
            return NULL;
        }
        for (; j < st->stage_end[k]; j++) {
            hash = hash_add64(hash, (flow_u64(flow, st->entry_idx[j])
                                     & st->entry_mask[j]));
        }
        if (k + 1 < st->n_stages
            && !stage_index_contains(&st->indices[k],
                                     hash_finish(hash, j))) {
            wc_fold_entries(wc, st, 0, j);
            return NULL;
        }
    }
    hash = hash_finish(hash, j);

    const struct cls_node *node;
    HMAP_FOR_EACH_WITH_HASH (node, hmap_node, hash, &st->rules) {
        unsigned int e;
        for (e = 0; e < st->n_entries; e++) {
            if ((flow_u64(flow, st->entry_idx[e]) & st->entry_mask[e])
                != node->vals[e]) {
                break;
            }
        }
        if (e == st->n_entries) {
            for (const struct cls_rule *r = node->rules; r; r = r->next) {
                if (cls_rule_visible_in_version(r, version)) {
                    wc_fold_entries(wc, st, 0, st->n_entries);
                    return r;
                }
            }
            break;
        }
    }
    if (!check_port_tries(st, flow, wc)) {
        wc_fold_entries(wc, st, 0, st->n_entries);
    }
    return NULL;
}

const struct cls_rule *
classifier_lookup(const struct classifier *cls, ovs_version_t version,
                  const struct flow *flow, struct flow_wildcards *wc)
{
    struct trie_ctx tries[CLS_N_TRIES];
    const struct cls_rule *best = NULL;

    for (int f = 0; f < CLS_N_TRIES; f++) {
        tries[f].done = false;
    }
    for (size_t i = 0; i < cls->n_subtables; i++) {
        const struct cls_subtable *st = cls->subtables[i];

        if (best && best->priority >= st->max_priority) {
            break;
        }

        const struct cls_rule *rule = subtable_lookup(cls, st, version, flow,
                                                      wc, tries);
        if (rule && (!best || rule->priority > best->priority)) {
            best = rule;
        }
    }
    return best;
}

const struct cls_rule *
classifier_find_rule_exactly(const struct classifier *cls,
                             const struct match *match, int priority,
                             ovs_version_t version)
{
    const struct cls_rule *found = NULL;
    struct cls_rule tmp;

    cls_rule_init(&tmp, match, priority);
    struct cls_subtable *st = subtable_find(cls, &tmp.match);
    if (st) {
        uint64_t vals[2 * CLS_FLOW_U64S];
        uint32_t hashes[CLS_N_STAGES];

        subtable_rule_vals(st, &tmp, vals, hashes);
        struct cls_node *node = subtable_find_node(
            st, vals, subtable_full_hash(st, hashes));
        for (struct cls_rule *r = node ? node->rules : NULL; r;
             r = r->next) {
            if (r->priority == priority
                && cls_rule_visible_in_version(r, version)) {
                found = r;
                break;
            }
        }
    }
    cls_rule_destroy(&tmp);
    return found;
}

/* True if some packet matches both 'a' and 'b'. */
static bool
rules_overlap(const struct cls_rule *a, const struct cls_rule *b)
{
    for (unsigned int i = 0; i < CLS_FLOW_U64S; i++) {
        if (map_has(a->match.map, i) && map_has(b->match.map, i)) {
            uint64_t av, am, bv, bm;

            mm_word(&a->match, i, &av, &am);
            mm_word(&b->match, i, &bv, &bm);
            if ((av ^ bv) & am & bm) {
                return false;
            }
        }
    }
    return true;
}

bool
classifier_rule_overlaps(const struct classifier *cls,
                         const struct cls_rule *rule, ovs_version_t version)
{
    for (size_t i = 0; i < cls->n_subtables; i++) {
        const struct cls_subtable *st = cls->subtables[i];
        const struct cls_node *node;

        if (st->max_priority < rule->priority) {
            break;
        }
        HMAP_FOR_EACH (node, hmap_node, &st->rules) {
            for (const struct cls_rule *r = node->rules; r; r = r->next) {
                if (r != rule && r->priority == rule->priority
                    && cls_rule_visible_in_version(r, version)
                    && rules_overlap(r, rule)) {
                    return true;
                }
            }
        }
    }
    return false;
}

/* Iteration. */

static bool
cursor_subtable_ok(const struct cls_cursor *c, const struct cls_subtable *st)
{
    if (!c->target) {
        return true;
    }
    for (unsigned int i = 0; i < CLS_FLOW_U64S; i++) {
        uint64_t tmask = flow_u64(&c->target->wc.masks, i);
        if (tmask) {
            uint64_t mask = 0;
            if (map_has(st->map, i)) {
                mask = st->mask_words[map_rank(st->map, i)];
            }
            if ((mask & tmask) != tmask) {
                return false;
            }
        }
    }
    return true;
}

static bool
cursor_rule_ok(const struct cls_cursor *c, const struct cls_rule *rule)
{
    return ((c->version == CLS_ANY_VERSION
             || cls_rule_visible_in_version(rule, c->version))
            && cls_rule_is_loose_match(rule, c->target));
}

/* Finds the first acceptable rule starting at 'rule', then at the position
 * saved in 'c'. */
static void
cursor_scan(struct cls_cursor *c, struct cls_rule *rule)
{
    const struct classifier *cls = c->cls;

    for (;;) {
        for (; rule; rule = rule->next) {
            if (cursor_rule_ok(c, rule)) {
                c->rule = rule;
                return;
            }
        }
        if (c->subtable_idx >= cls->n_subtables) {
            c->rule = NULL;
            return;
        }

        const struct cls_subtable *st = cls->subtables[c->subtable_idx];
        struct hmap_node *hn;
        if (!c->node) {
            hn = cursor_subtable_ok(c, st) ? hmap_first(&st->rules) : NULL;
        } else {
            hn = hmap_next(&st->rules, &c->node->hmap_node);
        }
        if (hn) {
            c->node = CONTAINER_OF(hn, struct cls_node, hmap_node);
            rule = c->node->rules;
        } else {
            c->subtable_idx++;
            c->node = NULL;
        }
    }
}

struct cls_cursor
cls_cursor_start(const struct classifier *cls, const struct match *target,
                 ovs_version_t version)
{
    struct cls_cursor c = {
        .cls = cls,
        .target = target,
        .version = version,
        .subtable_idx = 0,
        .node = NULL,
        .rule = NULL,
    };

    cursor_scan(&c, NULL);
    return c;
}

void
cls_cursor_advance(struct cls_cursor *c)
{
    if (c->rule) {
        cursor_scan(c, c->rule->next);
    }
}
