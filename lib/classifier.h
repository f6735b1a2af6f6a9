/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

#ifndef CLASSIFIER_H
#define CLASSIFIER_H 1

/* The OpenFlow classifier: one flow table's rules, and lookups that return
 * the highest-priority rule matching a packet together with the megaflow
 * mask that justifies the answer.
 *
 * Rules.  A rule (struct cls_rule, embedded by the client in its own rule
 * struct) is a struct match plus a priority; a higher priority wins.  The
 * client owns the memory of every rule: the classifier only links rules
 * into its own structures and never frees them.
 *
 * Lookup and megaflow masks.  classifier_lookup() returns the winning rule
 * and ORs into 'wc' every bit of the flow it had to examine to reach that
 * answer.  The guarantee is: for any flow F' that agrees with the looked-up
 * flow on every bit set in 'wc' afterwards, a lookup of F' in the same
 * classifier at the same version returns the same rule (or NULL likewise).
 * The mask is kept narrow with tuple space search (one hash table per
 * distinct rule mask, a "subtable", searched in order of the highest
 * priority each holds, stopping as soon as no later subtable can beat the
 * rule found), staged lookup (a subtable is probed metadata first, then L2,
 * L3 and L4, and a miss only un-wildcards the stages probed so far), prefix
 * tries on nw_src, nw_dst, ipv6_src and ipv6_dst (a miss un-wildcards only
 * the leading address bits needed to rule a subtable out) and per-subtable
 * tries on tp_src and tp_dst (likewise for L4 ports).  Tries apply to
 * subtables whose mask on the field is a CIDR prefix; other masks fall back
 * to plain staged lookup, which is always correct.
 *
 * Ties.  When several rules of the highest priority match a flow, the one
 * returned is deterministic for a given history of insertions and removals
 * but otherwise unspecified, as in OpenFlow.  (In this implementation:
 * subtables, one per distinct mask, are searched in decreasing order of the
 * highest priority each holds, then in the order they were created; the
 * first rule of the tie priority found wins, and among rules with the same
 * match and priority, the one inserted first.)
 *
 * Versions.  Each rule is visible in the versions [add_version,
 * remove_version).  classifier_insert() sets the first, and
 * cls_rule_make_invisible_in_version() the second; a lookup or iteration
 * at version V sees exactly the rules visible at V.  So a writer can stage
 * a batch of flow mods at version V + 1 (insertions and removals alike)
 * while lookups continue at V, then publish V + 1 by having readers use it,
 * and finally classifier_remove() the rules that are invisible in every
 * version still in use.  Rules that are invisible in the current version
 * still take part in internal bookkeeping (subtable priorities, tries),
 * which only makes masks a little wider, never wrong.
 *
 * Threading.  The classifier has no internal locks.  Lookups, iteration
 * and the other const functions only read it, so any number of threads may
 * run them at the same time.  Functions that take a non-const classifier
 * (insert, replace, remove, init, destroy) and
 * cls_rule_make_invisible_in_version()/cls_rule_restore_visibility() on a
 * rule in the classifier must be serialised by the caller against every
 * other call on the same classifier (for example with a rwlock: readers
 * for lookups, writer for modifications).  Freed memory is freed at once,
 * there is no deferred reclamation.
 *
 * Errors.  Nothing here fails except by running out of memory (which
 * aborts, as xmalloc() does). */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "flow.h"
#include "hmap.h"
#include "match.h"
#include "util.h"

/* Versions.  A lookup may use any version up to OVS_VERSION_MAX. */
typedef uint64_t ovs_version_t;
#define OVS_VERSION_MIN 0
#define OVS_VERSION_MAX (UINT64_MAX - 1)
#define OVS_VERSION_NOT_REMOVED UINT64_MAX  /* 'remove_version' of a rule
                                             * visible from its add version
                                             * on. */

/* A compact match: the 64-bit words of struct flow in which the mask is
 * nonzero ('map' has bit i set for word i), their masked values, then the
 * masks.  Private to the classifier. */
#define CLS_FLOW_U64S (sizeof(struct flow) / sizeof(uint64_t))
#define CLS_MAP_U64S DIV_ROUND_UP(CLS_FLOW_U64S, 64)
struct cls_minimatch {
    uint64_t map[CLS_MAP_U64S];
    unsigned int n;             /* Number of words in 'map'. */
    uint64_t *words;            /* 'n' values, then 'n' masks. */
};

/* A rule.  The client may read 'priority' and the versions; every other
 * member is private.  A rule is in at most one classifier. */
struct cls_rule {
    int priority;
    ovs_version_t add_version;      /* First version where visible. */
    ovs_version_t remove_version;   /* First version where invisible. */
    struct cls_minimatch match;
    struct cls_rule *next;          /* Same match, lower priority or later
                                     * insertion. */
    struct cls_node *node;          /* NULL while not in a classifier. */
};

/* Initializes 'rule' to match 'match' at 'priority'.  The rule is not in
 * any classifier.  cls_rule_destroy() frees what this allocates. */
void cls_rule_init(struct cls_rule *rule, const struct match *match,
                   int priority);
/* Initializes 'dst' as a copy of 'src' (match and priority only). */
void cls_rule_clone(struct cls_rule *dst, const struct cls_rule *src);
/* Frees the memory 'rule' owns.  'rule' must not be in a classifier.
 * Accepts NULL. */
void cls_rule_destroy(struct cls_rule *rule);

/* Stores the match of 'rule' into 'match'. */
void cls_rule_get_match(const struct cls_rule *rule, struct match *match);
/* True if 'a' and 'b' have the same match and priority. */
bool cls_rule_equal(const struct cls_rule *a, const struct cls_rule *b);
bool cls_rule_is_catchall(const struct cls_rule *rule);
/* True if 'rule' matches the packet 'flow' (versions are not looked at). */
bool cls_rule_matches_flow(const struct cls_rule *rule,
                           const struct flow *flow);
/* True if 'rule' matches only packets 'target' matches: every bit 'target'
 * matches, 'rule' matches with the same value.  A NULL 'target' matches
 * everything. */
bool cls_rule_is_loose_match(const struct cls_rule *rule,
                             const struct match *target);

static inline bool
cls_rule_visible_in_version(const struct cls_rule *rule,
                            ovs_version_t version)
{
    return rule->add_version <= version && version < rule->remove_version;
}

/* Makes 'rule' invisible from 'version' on (and, if it was inserted at a
 * later version, in every version).  'version' must not be a version in
 * which lookups are already running if they must keep seeing 'rule'. */
void cls_rule_make_invisible_in_version(struct cls_rule *rule,
                                        ovs_version_t version);
/* Undoes cls_rule_make_invisible_in_version(), for a batch rolled back
 * before it was published. */
void cls_rule_restore_visibility(struct cls_rule *rule);

/* A classifier. */
struct classifier {
    struct hmap subtables_by_mask;  /* struct cls_subtable, by mask. */
    struct cls_subtable **subtables;    /* In lookup order. */
    size_t n_subtables;
    size_t allocated_subtables;
    size_t n_rules;
    uint64_t next_subtable_seq;
    struct cls_trie *tries;         /* CLS_N_TRIES address prefix tries. */
};

void classifier_init(struct classifier *cls);
/* Frees the classifier's internal memory.  Rules still in it are forgotten
 * (their memory is the client's: it must not use them with this classifier
 * any more, and must still cls_rule_destroy() them).  Accepts NULL. */
void classifier_destroy(struct classifier *cls);

/* Inserts 'rule', which must not be in any classifier, visible from
 * 'version' on.  Inserting a rule with the same match and priority as one
 * already visible in 'version' is allowed (see "Ties" above) but is
 * usually a mistake: see classifier_replace(). */
void classifier_insert(struct classifier *cls, struct cls_rule *rule,
                       ovs_version_t version);

/* Like classifier_insert(), but if a rule with the same match and priority
 * as 'rule' is visible in 'version', makes it invisible from 'version' on
 * and returns it (it stays in 'cls': the caller classifier_remove()s it
 * once no lookup at an older version can run).  Returns NULL otherwise. */
struct cls_rule *classifier_replace(struct classifier *cls,
                                    struct cls_rule *rule,
                                    ovs_version_t version);

/* Removes 'rule' from 'cls' at once, whatever its versions.  Returns true
 * if it was in 'cls', false (doing nothing) if it was in no classifier. */
bool classifier_remove(struct classifier *cls, struct cls_rule *rule);

/* Returns the highest-priority rule visible in 'version' that matches
 * 'flow', or NULL.  If 'wc' is nonnull, ORs into it the bits of 'flow' that
 * decided the answer (see "Lookup and megaflow masks" above); the caller
 * initializes it, usually with flow_wildcards_init_catchall(). */
const struct cls_rule *classifier_lookup(const struct classifier *cls,
                                         ovs_version_t version,
                                         const struct flow *flow,
                                         struct flow_wildcards *wc);

/* Returns the rule visible in 'version' whose match is exactly 'match'
 * with 'priority', or NULL. */
const struct cls_rule *classifier_find_rule_exactly(
    const struct classifier *cls, const struct match *match, int priority,
    ovs_version_t version);

/* Returns true if a rule other than 'rule', visible in 'version', has the
 * priority of 'rule' and matches at least one packet that 'rule' matches
 * (OpenFlow's OFPFF_CHECK_OVERLAP).  'rule' need not be in 'cls'. */
bool classifier_rule_overlaps(const struct classifier *cls,
                              const struct cls_rule *rule,
                              ovs_version_t version);

/* Number of rules in 'cls', in all versions. */
static inline size_t
classifier_count(const struct classifier *cls)
{
    return cls->n_rules;
}

static inline bool
classifier_is_empty(const struct classifier *cls)
{
    return cls->n_rules == 0;
}

/* Iteration.
 *
 * CLS_FOR_EACH(RULE, MEMBER, CLS) visits every rule in CLS, whatever its
 * versions.  CLS_FOR_EACH_TARGET(RULE, MEMBER, CLS, TARGET, VERSION) visits
 * the rules visible in VERSION that are at least as specific as the struct
 * match *TARGET (cls_rule_is_loose_match(), which is what OpenFlow's loose
 * modify, delete and flow statistics requests select); a NULL TARGET
 * selects every rule visible in VERSION.  RULE is a pointer to the client's
 * struct that embeds a struct cls_rule as MEMBER.  The order is
 * unspecified.  The body may change the visibility of rules
 * (cls_rule_make_invisible_in_version()) but must not insert or remove
 * rules: collect them and do that after the loop. */
#define CLS_ANY_VERSION UINT64_MAX  /* For cls_cursor_start(): any rule. */

struct cls_cursor {
    const struct classifier *cls;
    const struct match *target;
    ovs_version_t version;
    size_t subtable_idx;
    struct cls_node *node;
    struct cls_rule *rule;      /* Current rule, NULL at the end. */
};

struct cls_cursor cls_cursor_start(const struct classifier *cls,
                                   const struct match *target,
                                   ovs_version_t version);
void cls_cursor_advance(struct cls_cursor *cursor);

#define CLS_CURSOR_ASSIGN__(RULE, CURSOR, MEMBER)                       \
    ((CURSOR).rule                                                      \
     ? ((RULE) = CONTAINER_OF((CURSOR).rule, OVS_TYPEOF(*(RULE)),       \
                              MEMBER), true)                            \
     : false)

#define CLS_FOR_EACH_TARGET(RULE, MEMBER, CLS, TARGET, VERSION)         \
    for (struct cls_cursor cursor__ = cls_cursor_start(CLS, TARGET,     \
                                                       VERSION);        \
         CLS_CURSOR_ASSIGN__(RULE, cursor__, MEMBER);                   \
         cls_cursor_advance(&cursor__))

#define CLS_FOR_EACH(RULE, MEMBER, CLS)                                 \
    CLS_FOR_EACH_TARGET(RULE, MEMBER, CLS, NULL, CLS_ANY_VERSION)

#endif /* classifier.h */
