/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 *
 * Unit tests for lib/classifier.c and lib/cls-trie.c: the prefix trie on
 * its own, then each classifier feature on hand-made rule sets (priorities,
 * ties, versions, replace, exact find, overlap, iteration with targets, and
 * the narrowness of the megaflow mask for staged lookup, prefix tries and
 * port tries), then property tests against a brute-force reference: random
 * rule sets of thousands of rules with random masks and priorities, random
 * insertions and removals across versions, and for random flows (a) the
 * same winner as a linear scan and (b) a sufficient mask: flows that agree
 * with the looked-up flow on the returned mask get the same winner.
 *
 * The random tests use a fixed seed; CLS_TEST_SEED in the environment
 * overrides it.
 */

#include <config.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "classifier.h"
#include "cls-private.h"
#include "flow.h"
#include "match.h"
#include "packets.h"
#include "util.h"

/* A client rule, as ofproto would embed it. */
struct test_rule {
    int id;
    struct cls_rule cr;
};

static struct test_rule *
test_rule_create(int id, const struct match *match, int priority)
{
    struct test_rule *r = xzalloc(sizeof *r);

    r->id = id;
    cls_rule_init(&r->cr, match, priority);
    return r;
}

static void
test_rule_destroy(struct test_rule *r)
{
    cls_rule_destroy(&r->cr);
    free(r);
}

static int
rule_id(const struct cls_rule *cr)
{
    return cr ? CONTAINER_OF(cr, struct test_rule, cr)->id : -1;
}

static void
flow_ipv4(struct flow *flow, uint32_t src, uint32_t dst, uint8_t proto,
          uint16_t sport, uint16_t dport)
{
    memset(flow, 0, sizeof *flow);
    flow->in_port.ofp_port = 1;
    flow->dl_type = htons(ETH_TYPE_IP);
    flow->nw_src = htonl(src);
    flow->nw_dst = htonl(dst);
    flow->nw_proto = proto;
    flow->nw_ttl = 64;
    flow->tp_src = htons(sport);
    flow->tp_dst = htons(dport);
}

static const struct cls_rule *
lookup_wc(const struct classifier *cls, ovs_version_t version,
          const struct flow *flow, struct flow_wildcards *wc)
{
    flow_wildcards_init_catchall(wc);
    return classifier_lookup(cls, version, flow, wc);
}

/* Removes and destroys every rule in 'cls', then 'cls'. */
static void
destroy_all(struct classifier *cls)
{
    struct test_rule **rules = xmalloc((classifier_count(cls) + 1)
                                       * sizeof *rules);
    struct test_rule *r;
    size_t n = 0;

    CLS_FOR_EACH (r, cr, cls) {
        rules[n++] = r;
    }
    assert_int_equal(n, classifier_count(cls));
    for (size_t i = 0; i < n; i++) {
        assert_true(classifier_remove(cls, &rules[i]->cr));
        test_rule_destroy(rules[i]);
    }
    assert_true(classifier_is_empty(cls));
    classifier_destroy(cls);
    free(rules);
}

/* Trie. */

static void
test_trie(void **state OVS_UNUSED)
{
    struct cls_trie trie;
    struct cls_trie_result r;
    uint8_t p10[4] = { 10, 0, 0, 0 };
    uint8_t p10_1[4] = { 10, 1, 0, 0 };
    uint8_t p192[4] = { 192, 168, 0, 0 };
    uint8_t k;

    cls_trie_init(&trie, 32);
    assert_true(cls_trie_is_empty(&trie));
    cls_trie_insert(&trie, p10, 8);
    cls_trie_insert(&trie, p10_1, 16);
    cls_trie_insert(&trie, p10_1, 16);
    cls_trie_insert(&trie, p192, 16);

    uint8_t key1[4] = { 10, 1, 2, 3 };
    cls_trie_lookup(&trie, key1, &r);
    assert_true(cls_trie_result_has(&r, 8));
    assert_true(cls_trie_result_has(&r, 16));
    assert_false(cls_trie_result_has(&r, 24));

    uint8_t key2[4] = { 10, 2, 0, 0 };     /* 10.2 parts from 10.1 at 14. */
    cls_trie_lookup(&trie, key2, &r);
    assert_true(cls_trie_result_has(&r, 8));
    assert_false(cls_trie_result_has(&r, 16));
    assert_int_equal(r.checkbits, 15);

    uint8_t key3[4] = { 64, 0, 0, 0 };     /* Parts from both at bit 1. */
    cls_trie_lookup(&trie, key3, &r);
    assert_false(cls_trie_result_has(&r, 8));
    assert_false(cls_trie_result_has(&r, 16));
    assert_int_equal(r.checkbits, 2);

    /* One of the two 10.1/16 goes: still there; the second: gone. */
    cls_trie_remove(&trie, p10_1, 16);
    cls_trie_lookup(&trie, key1, &r);
    assert_true(cls_trie_result_has(&r, 16));
    cls_trie_remove(&trie, p10_1, 16);
    cls_trie_lookup(&trie, key1, &r);
    assert_true(cls_trie_result_has(&r, 8));
    assert_false(cls_trie_result_has(&r, 16));
    cls_trie_remove(&trie, p10, 8);
    cls_trie_remove(&trie, p192, 16);
    assert_true(cls_trie_is_empty(&trie));
    cls_trie_destroy(&trie);

    k = 0xf0;
    assert_int_equal(cls_prefix_len(&k, 1), 4);
    k = 0xf1;
    assert_int_equal(cls_prefix_len(&k, 1), -1);
    uint8_t m6[16] = { 0xff, 0xff, 0xff, 0xfe };
    assert_int_equal(cls_prefix_len(m6, 16), 31);
}

/* The trie against a list of prefixes, with random insertions and
 * removals: the matching lengths are exact, and every key that agrees with
 * the looked-up key on 'checkbits' bits gets the same lengths. */
static uint64_t trie_rng = 0x7e1e;

static uint32_t
trie_rnd(void)
{
    trie_rng ^= trie_rng << 13;
    trie_rng ^= trie_rng >> 7;
    trie_rng ^= trie_rng << 17;
    return trie_rng >> 11;
}

static bool
prefix_matches(const uint8_t *prefix, unsigned int plen, const uint8_t *key)
{
    for (unsigned int i = 0; i < plen; i++) {
        if (((prefix[i / 8] ^ key[i / 8]) >> (7 - i % 8)) & 1) {
            return false;
        }
    }
    return true;
}

static void
trie_ref_lookup(uint8_t (*prefixes)[16], const unsigned int *plens,
                size_t n, const uint8_t *key, uint64_t *bitmap)
{
    memset(bitmap, 0, 3 * sizeof *bitmap);
    for (size_t i = 0; i < n; i++) {
        if (prefix_matches(prefixes[i], plens[i], key)) {
            bitmap[plens[i] / 64] |= UINT64_C(1) << (plens[i] % 64);
        }
    }
}

static void
random_key(uint8_t *key, unsigned int width)
{
    memset(key, 0, 16);
    for (unsigned int i = 0; i < width / 8; i++) {
        /* Few distinct values, so that prefixes share paths. */
        key[i] = i < 2 ? trie_rnd() % 4 : trie_rnd();
    }
}

static void
test_trie_random(void **state OVS_UNUSED)
{
    static const unsigned int widths[] = { 16, 32, 128 };

    for (size_t w = 0; w < ARRAY_SIZE(widths); w++) {
        unsigned int width = widths[w];
        uint8_t (*prefixes)[16] = xmalloc(400 * sizeof *prefixes);
        unsigned int *plens = xmalloc(400 * sizeof *plens);
        struct cls_trie trie;
        size_t n = 0;

        cls_trie_init(&trie, width);
        for (int step = 0; step < 3000; step++) {
            if (n < 400 && (n == 0 || trie_rnd() % 3)) {
                uint8_t key[16];
                unsigned int plen = 1 + trie_rnd() % width;

                random_key(key, width);
                memset(prefixes[n], 0, 16);
                for (unsigned int i = 0; i < plen; i++) {
                    prefixes[n][i / 8] |= key[i / 8] & (0x80 >> (i % 8));
                }
                plens[n] = plen;
                cls_trie_insert(&trie, prefixes[n], plen);
                n++;
            } else {
                size_t i = trie_rnd() % n;
                cls_trie_remove(&trie, prefixes[i], plens[i]);
                memcpy(prefixes[i], prefixes[n - 1], 16);
                plens[i] = plens[n - 1];
                n--;
            }

            uint8_t key[16], other[16];
            struct cls_trie_result r;
            uint64_t expected[3];

            random_key(key, width);
            cls_trie_lookup(&trie, key, &r);
            trie_ref_lookup(prefixes, plens, n, key, expected);
            assert_memory_equal(r.plens, expected, sizeof expected);
            assert_true(r.checkbits <= width);

            /* Same first 'checkbits' bits, random rest. */
            random_key(other, width);
            for (unsigned int i = 0; i < r.checkbits; i++) {
                uint8_t bit = 0x80 >> (i % 8);
                other[i / 8] = (other[i / 8] & ~bit) | (key[i / 8] & bit);
            }
            trie_ref_lookup(prefixes, plens, n, other, expected);
            assert_memory_equal(r.plens, expected, sizeof expected);
        }
        while (n) {
            n--;
            cls_trie_remove(&trie, prefixes[n], plens[n]);
        }
        assert_true(cls_trie_is_empty(&trie));
        cls_trie_destroy(&trie);
        free(prefixes);
        free(plens);
    }
}

/* Priorities and basic matching. */

static void
test_priorities(void **state OVS_UNUSED)
{
    struct classifier cls;
    struct flow_wildcards wc;
    struct match m;
    struct flow f;

    classifier_init(&cls);
    flow_ipv4(&f, 0x0a000001, 0x0a000002, 6, 1000, 80);
    assert_null(lookup_wc(&cls, 0, &f, &wc));
    assert_true(flow_wildcards_is_catchall(&wc));

    match_init_catchall(&m);
    classifier_insert(&cls, &test_rule_create(1, &m, 0)->cr, 0);
    match_set_dl_type(&m, htons(ETH_TYPE_IP));
    classifier_insert(&cls, &test_rule_create(2, &m, 10)->cr, 0);
    match_set_nw_dst_masked(&m, htonl(0x0a000000), htonl(0xff000000));
    classifier_insert(&cls, &test_rule_create(3, &m, 20)->cr, 0);
    match_set_tp_dst(&m, htons(80));
    match_set_nw_proto(&m, 6);
    classifier_insert(&cls, &test_rule_create(4, &m, 5)->cr, 0);
    assert_int_equal(classifier_count(&cls), 4);

    assert_int_equal(rule_id(lookup_wc(&cls, 0, &f, &wc)), 3);
    f.nw_dst = htonl(0x0b000001);
    assert_int_equal(rule_id(lookup_wc(&cls, 0, &f, &wc)), 2);
    f.dl_type = htons(ETH_TYPE_ARP);
    assert_int_equal(rule_id(lookup_wc(&cls, 0, &f, &wc)), 1);
    destroy_all(&cls);
}

/* Ties: between subtables with the same highest priority, the one created
 * first wins; with the same match, the rule inserted first.  A subtable
 * with a higher top priority is searched first even if it is newer. */
static void
test_ties(void **state OVS_UNUSED)
{
    struct classifier cls;
    struct flow_wildcards wc;
    struct match ma, mb;
    struct flow f;

    classifier_init(&cls);
    flow_ipv4(&f, 0x0a000001, 0x0a000002, 17, 53, 53);
    match_init_catchall(&ma);
    match_set_nw_src(&ma, f.nw_src);
    match_init_catchall(&mb);
    match_set_tp_dst(&mb, f.tp_dst);

    struct test_rule *a = test_rule_create(1, &ma, 7);
    struct test_rule *b = test_rule_create(2, &mb, 7);
    struct test_rule *a2 = test_rule_create(3, &ma, 7);
    classifier_insert(&cls, &a->cr, 0);
    classifier_insert(&cls, &b->cr, 0);
    assert_int_equal(rule_id(lookup_wc(&cls, 0, &f, &wc)), 1);

    /* Same match and priority: the earlier insertion wins. */
    classifier_insert(&cls, &a2->cr, 0);
    assert_int_equal(rule_id(lookup_wc(&cls, 0, &f, &wc)), 1);
    assert_true(classifier_remove(&cls, &a->cr));
    assert_int_equal(rule_id(lookup_wc(&cls, 0, &f, &wc)), 3);

    /* Emptying a's subtable makes b's the oldest. */
    assert_true(classifier_remove(&cls, &a2->cr));
    classifier_insert(&cls, &a->cr, 0);
    assert_int_equal(rule_id(lookup_wc(&cls, 0, &f, &wc)), 2);
    assert_false(classifier_remove(&cls, &a2->cr));
    test_rule_destroy(a2);

    /* A higher-priority rule that does not match 'f' moves a's subtable
     * ahead of b's, so a wins the tie again. */
    match_set_tp_src(&ma, htons(9));
    struct test_rule *c = test_rule_create(4, &ma, 100);
    classifier_insert(&cls, &c->cr, 0);
    assert_int_equal(rule_id(lookup_wc(&cls, 0, &f, &wc)), 2);
    match_init_catchall(&ma);
    match_set_nw_src(&ma, htonl(0x01010101));
    struct test_rule *d = test_rule_create(5, &ma, 100);
    classifier_insert(&cls, &d->cr, 0);
    assert_int_equal(rule_id(lookup_wc(&cls, 0, &f, &wc)), 1);
    destroy_all(&cls);
}

/* Versions, replace and exact find. */
static void
test_versions(void **state OVS_UNUSED)
{
    struct classifier cls;
    struct flow_wildcards wc;
    struct match m;
    struct flow f;

    classifier_init(&cls);
    flow_ipv4(&f, 0x0a000001, 0x0a000002, 6, 1000, 80);
    match_init_catchall(&m);
    match_set_nw_dst(&m, f.nw_dst);

    struct test_rule *a = test_rule_create(1, &m, 100);
    classifier_insert(&cls, &a->cr, 1);
    assert_null(lookup_wc(&cls, 0, &f, &wc));
    assert_int_equal(rule_id(lookup_wc(&cls, 1, &f, &wc)), 1);
    assert_int_equal(rule_id(lookup_wc(&cls, 5, &f, &wc)), 1);

    /* A flow mod batch at version 3: 'a' replaced by 'b'. */
    struct test_rule *b = test_rule_create(2, &m, 100);
    assert_ptr_equal(classifier_replace(&cls, &b->cr, 3), &a->cr);
    assert_int_equal(classifier_count(&cls), 2);
    assert_int_equal(rule_id(lookup_wc(&cls, 2, &f, &wc)), 1);
    assert_int_equal(rule_id(lookup_wc(&cls, 3, &f, &wc)), 2);
    assert_ptr_equal(classifier_find_rule_exactly(&cls, &m, 100, 2),
                     &a->cr);
    assert_ptr_equal(classifier_find_rule_exactly(&cls, &m, 100, 3),
                     &b->cr);
    assert_null(classifier_find_rule_exactly(&cls, &m, 99, 3));
    assert_null(classifier_find_rule_exactly(&cls, &m, 100, 0));

    /* Deletion at version 4, rolled back, then done and published. */
    cls_rule_make_invisible_in_version(&b->cr, 4);
    assert_null(lookup_wc(&cls, 4, &f, &wc));
    assert_int_equal(rule_id(lookup_wc(&cls, 3, &f, &wc)), 2);
    cls_rule_restore_visibility(&b->cr);
    assert_int_equal(rule_id(lookup_wc(&cls, 4, &f, &wc)), 2);
    cls_rule_make_invisible_in_version(&b->cr, 4);

    /* Once version 2 is no longer used, 'a' can go for good. */
    assert_true(classifier_remove(&cls, &a->cr));
    test_rule_destroy(a);
    assert_null(lookup_wc(&cls, 2, &f, &wc));
    assert_int_equal(rule_id(lookup_wc(&cls, 3, &f, &wc)), 2);
    assert_null(lookup_wc(&cls, 4, &f, &wc));

    /* A replace with nothing to replace. */
    struct test_rule *c = test_rule_create(3, &m, 50);
    assert_null(classifier_replace(&cls, &c->cr, 4));
    assert_int_equal(rule_id(lookup_wc(&cls, 4, &f, &wc)), 3);
    assert_int_equal(rule_id(lookup_wc(&cls, 3, &f, &wc)), 2);
    destroy_all(&cls);
}

static void
test_overlaps(void **state OVS_UNUSED)
{
    struct classifier cls;
    struct match m;

    classifier_init(&cls);
    match_init_catchall(&m);
    match_set_dl_type(&m, htons(ETH_TYPE_IP));
    match_set_nw_dst_masked(&m, htonl(0x0a000000), htonl(0xff000000));
    struct test_rule *a = test_rule_create(1, &m, 10);
    classifier_insert(&cls, &a->cr, 0);

    /* Overlaps: 10.1/16 at the same priority. */
    match_set_nw_dst_masked(&m, htonl(0x0a010000), htonl(0xffff0000));
    struct test_rule *b = test_rule_create(2, &m, 10);
    assert_true(classifier_rule_overlaps(&cls, &b->cr, 0));
    /* Not at another priority. */
    struct test_rule *c = test_rule_create(3, &m, 11);
    assert_false(classifier_rule_overlaps(&cls, &c->cr, 0));
    /* Not 11/8. */
    match_set_nw_dst_masked(&m, htonl(0x0b000000), htonl(0xff000000));
    struct test_rule *d = test_rule_create(4, &m, 10);
    assert_false(classifier_rule_overlaps(&cls, &d->cr, 0));
    /* Not against an invisible rule; and a rule does not overlap
     * itself. */
    cls_rule_make_invisible_in_version(&a->cr, 1);
    assert_false(classifier_rule_overlaps(&cls, &b->cr, 1));
    assert_false(classifier_rule_overlaps(&cls, &a->cr, 0));

    test_rule_destroy(b);
    test_rule_destroy(c);
    test_rule_destroy(d);
    destroy_all(&cls);
}

static void
test_iteration(void **state OVS_UNUSED)
{
    struct classifier cls;
    struct test_rule *r;
    struct match m, target;
    int n;

    classifier_init(&cls);
    for (int i = 0; i < 64; i++) {
        match_init_catchall(&m);
        match_set_dl_type(&m, htons(ETH_TYPE_IP));
        match_set_nw_dst_masked(&m, htonl(0x0a000000 | (i << 16)),
                                htonl(i % 2 ? 0xffff0000 : 0xff000000));
        if (i % 3 == 0) {
            match_set_tp_dst(&m, htons(i));
        }
        classifier_insert(&cls, &test_rule_create(i, &m, i)->cr,
                          i < 32 ? 1 : 2);
    }
    n = 0;
    CLS_FOR_EACH (r, cr, &cls) {
        n++;
    }
    assert_int_equal(n, 64);

    n = 0;
    CLS_FOR_EACH_TARGET (r, cr, &cls, NULL, 1) {
        assert_true(r->id < 32);
        n++;
    }
    assert_int_equal(n, 32);

    /* Target 10.5/16: odd rules with i == 5 only (even ones are /8, less
     * specific). */
    match_init_catchall(&target);
    match_set_nw_dst_masked(&target, htonl(0x0a050000), htonl(0xffff0000));
    n = 0;
    CLS_FOR_EACH_TARGET (r, cr, &cls, &target, 2) {
        assert_int_equal(r->id, 5);
        n++;
    }
    assert_int_equal(n, 1);

    /* Target 10/8: every rule is at least that specific. */
    match_set_nw_dst_masked(&target, htonl(0x0a000000), htonl(0xff000000));
    n = 0;
    CLS_FOR_EACH_TARGET (r, cr, &cls, &target, 2) {
        n++;
    }
    assert_int_equal(n, 64);

    /* Target tp_dst=0: only rule 0 matches tp_dst and has value 0. */
    match_init_catchall(&target);
    match_set_tp_dst(&target, htons(0));
    n = 0;
    CLS_FOR_EACH_TARGET (r, cr, &cls, &target, 2) {
        assert_int_equal(r->id, 0);
        n++;
    }
    assert_int_equal(n, 1);
    destroy_all(&cls);
}

/* Narrowness of the megaflow masks. */

static void
test_mask_prefix_trie(void **state OVS_UNUSED)
{
    struct classifier cls;
    struct flow_wildcards wc;
    struct match m;
    struct flow f;

    classifier_init(&cls);
    match_init_catchall(&m);
    match_set_dl_type(&m, htons(ETH_TYPE_IP));
    match_set_nw_dst_masked(&m, htonl(0x0a000000), htonl(0xff000000));
    classifier_insert(&cls, &test_rule_create(1, &m, 10)->cr, 0);

    /* 192.168.1.1 parts from 10/8 at its first bit. */
    flow_ipv4(&f, 0x0a000001, 0xc0a80101, 6, 1000, 80);
    assert_null(lookup_wc(&cls, 0, &f, &wc));
    assert_int_equal(ntohl(wc.masks.nw_dst), 0x80000000);
    assert_int_equal(wc.masks.tp_src, 0);
    assert_int_equal(wc.masks.tp_dst, 0);
    assert_int_equal(wc.masks.nw_src, 0);

    /* 11.0.0.1 parts from 10/8 at bit 7: 8 bits. */
    f.nw_dst = htonl(0x0b000001);
    assert_null(lookup_wc(&cls, 0, &f, &wc));
    assert_int_equal(ntohl(wc.masks.nw_dst), 0xff000000);

    /* A hit un-wildcards the rule's mask, no more. */
    f.nw_dst = htonl(0x0a010203);
    assert_int_equal(rule_id(lookup_wc(&cls, 0, &f, &wc)), 1);
    assert_int_equal(ntohl(wc.masks.nw_dst), 0xff000000);
    assert_int_equal(wc.masks.dl_type, htons(0xffff));
    assert_int_equal(wc.masks.tp_src, 0);
    assert_int_equal(wc.masks.in_port.ofp_port, 0);
    destroy_all(&cls);
}

static void
test_mask_ipv6_trie(void **state OVS_UNUSED)
{
    struct classifier cls;
    struct flow_wildcards wc;
    struct in6_addr a = { .s6_addr = { 0x20, 0x01, 0x0d, 0xb8 } };
    struct in6_addr mask = { .s6_addr = { 0xff, 0xff, 0xff, 0xff } };
    struct match m;
    struct flow f;

    classifier_init(&cls);
    match_init_catchall(&m);
    match_set_dl_type(&m, htons(ETH_TYPE_IPV6));
    match_set_ipv6_src_masked(&m, &a, &mask);
    classifier_insert(&cls, &test_rule_create(1, &m, 10)->cr, 0);

    memset(&f, 0, sizeof f);
    f.dl_type = htons(ETH_TYPE_IPV6);
    f.ipv6_src.s6_addr[0] = 0xfe;       /* fe80::, parts at bit 0. */
    f.ipv6_src.s6_addr[1] = 0x80;
    assert_null(lookup_wc(&cls, 0, &f, &wc));
    assert_int_equal(wc.masks.ipv6_src.s6_addr[0], 0x80);
    for (int i = 1; i < 16; i++) {
        assert_int_equal(wc.masks.ipv6_src.s6_addr[i], 0);
    }
    destroy_all(&cls);
}

static void
test_mask_staged(void **state OVS_UNUSED)
{
    struct classifier cls;
    struct flow_wildcards wc;
    struct match m;
    struct flow f;

    classifier_init(&cls);
    match_init_catchall(&m);
    match_set_in_port_ofp(&m, 7);
    match_set_dl_type(&m, htons(ETH_TYPE_IP));
    match_set_nw_src_masked(&m, htonl(0x01020300), htonl(0xffffff0f));
    match_set_tp_src_masked(&m, htons(0x0100), htons(0xff01));
    classifier_insert(&cls, &test_rule_create(1, &m, 10)->cr, 0);

    /* Wrong in_port: only in_port is examined. */
    flow_ipv4(&f, 0x01020304, 0x0a000001, 6, 1000, 80);
    assert_null(lookup_wc(&cls, 0, &f, &wc));
    assert_int_equal(wc.masks.in_port.ofp_port, UINT32_MAX);
    assert_int_equal(wc.masks.dl_type, 0);
    assert_int_equal(wc.masks.nw_src, 0);
    assert_int_equal(wc.masks.tp_src, 0);

    /* Right in_port, wrong dl_type: metadata and L2. */
    f.in_port.ofp_port = 7;
    f.dl_type = htons(ETH_TYPE_ARP);
    assert_null(lookup_wc(&cls, 0, &f, &wc));
    assert_int_equal(wc.masks.dl_type, htons(0xffff));
    assert_int_equal(wc.masks.nw_src, 0);
    assert_int_equal(wc.masks.tp_src, 0);

    /* Wrong nw_src (a non-prefix mask, so no trie): up to L3. */
    f.dl_type = htons(ETH_TYPE_IP);
    f.nw_src = htonl(0x01020404);
    assert_null(lookup_wc(&cls, 0, &f, &wc));
    assert_int_equal(ntohl(wc.masks.nw_src), 0xffffff0f);
    assert_int_equal(wc.masks.tp_src, 0);
    destroy_all(&cls);
}

static void
test_mask_port_trie(void **state OVS_UNUSED)
{
    struct classifier cls;
    struct flow_wildcards wc;
    struct match m;
    struct flow f;

    classifier_init(&cls);
    match_init_catchall(&m);
    match_set_dl_type(&m, htons(ETH_TYPE_IP));
    match_set_nw_dst(&m, htonl(0x0a000001));
    match_set_nw_proto(&m, 6);
    match_set_tp_dst(&m, htons(80));
    classifier_insert(&cls, &test_rule_create(1, &m, 10)->cr, 0);
    match_set_tp_dst(&m, htons(443));
    classifier_insert(&cls, &test_rule_create(2, &m, 10)->cr, 0);

    /* Port 22 (0x0016) follows 80 (0x0050), not 443 (0x01bb), at bit 7,
     * and parts from 80 at bit 9: 10 bits of tp_dst and nothing else are
     * needed. */
    flow_ipv4(&f, 0x0b000001, 0x0a000001, 6, 40000, 22);
    assert_null(lookup_wc(&cls, 0, &f, &wc));
    assert_int_equal(ntohs(wc.masks.tp_dst), 0xffc0);
    assert_int_equal(wc.masks.nw_dst, 0);
    assert_int_equal(wc.masks.tp_src, 0);

    f.tp_dst = htons(443);
    assert_int_equal(rule_id(lookup_wc(&cls, 0, &f, &wc)), 2);
    assert_int_equal(wc.masks.tp_dst, htons(0xffff));
    destroy_all(&cls);
}

/* Property tests against a brute-force reference. */

static uint64_t rng_state;

static uint32_t
rnd(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return rng_state >> 11;
}

static uint32_t
rnd_n(uint32_t n)
{
    return rnd() % n;
}

static bool
chance(int percent)
{
    return rnd_n(100) < (uint32_t) percent;
}

static void
rng_seed(void)
{
    const char *s = getenv("CLS_TEST_SEED");

    rng_state = s ? strtoull(s, NULL, 0) : 0x5eed0fc1a55ULL;
    if (!rng_state) {
        rng_state = 1;
    }
}

static const uint32_t ip_bases[] = {
    0x0a000000, 0x0a010000, 0x0a010200, 0xc0a80000, 0xac100000, 0x08080808,
};
static const uint16_t port_pool[] = { 22, 53, 80, 443, 8080, 1024, 0 };

static uint32_t
rnd_ip(void)
{
    return ip_bases[rnd_n(ARRAY_SIZE(ip_bases))] | (rnd() & 0x3ff);
}

static uint16_t
rnd_port(void)
{
    return chance(60) ? port_pool[rnd_n(ARRAY_SIZE(port_pool))] : rnd();
}

static uint32_t
rnd_ip_mask(void)
{
    static const int plens[] = { 8, 16, 22, 24, 32 };
    int plen;

    if (chance(5)) {
        return rnd() | 0x80000000;      /* Not a prefix, most likely. */
    }
    plen = chance(70) ? plens[rnd_n(ARRAY_SIZE(plens))] : 1 + rnd_n(32);
    return plen == 32 ? UINT32_MAX : ~(UINT32_MAX >> plen);
}

static uint16_t
rnd_port_mask(void)
{
    switch (rnd_n(5)) {
    case 0: return 0xff00;
    case 1: return 0xfff0;
    case 2: return 0x00ff;              /* Not a prefix. */
    case 3: return ~(0xffff >> (1 + rnd_n(16)));
    default: return 0xffff;
    }
}

static void
rnd_in6(struct in6_addr *a)
{
    memset(a, 0, sizeof *a);
    a->s6_addr[0] = 0x20;
    a->s6_addr[1] = 0x01;
    a->s6_addr[2] = rnd_n(3);
    a->s6_addr[15] = rnd_n(4);
}

static void
rnd_in6_mask(struct in6_addr *m)
{
    static const int plens[] = { 16, 24, 64, 128 };
    int plen = chance(70) ? plens[rnd_n(ARRAY_SIZE(plens))] : 1 + rnd_n(128);

    memset(m, 0, sizeof *m);
    for (int i = 0; i < plen; i++) {
        m->s6_addr[i / 8] |= 0x80 >> (i % 8);
    }
}

/* A random flow from the same value pools as the rules. */
static void
rnd_flow(struct flow *f)
{
    static const uint16_t types[] = { ETH_TYPE_IP, ETH_TYPE_IP, ETH_TYPE_IP,
                                      ETH_TYPE_IPV6, ETH_TYPE_ARP };
    static const uint8_t protos[] = { 6, 17, 1, 6 };

    memset(f, 0, sizeof *f);
    f->in_port.ofp_port = 1 + rnd_n(4);
    f->dl_type = htons(types[rnd_n(ARRAY_SIZE(types))]);
    f->dl_src.ea[5] = rnd_n(4);
    f->dl_dst.ea[5] = rnd_n(4);
    f->dl_dst.ea[0] = chance(20) ? 1 : 0;
    if (chance(30)) {
        f->vlans[0].tpid = htons(ETH_TYPE_VLAN_8021Q);
        f->vlans[0].tci = htons(VLAN_CFI | (chance(50) ? 10 : 20));
    }
    f->nw_src = htonl(rnd_ip());
    f->nw_dst = htonl(rnd_ip());
    rnd_in6(&f->ipv6_src);
    rnd_in6(&f->ipv6_dst);
    f->nw_proto = protos[rnd_n(ARRAY_SIZE(protos))];
    f->nw_tos = rnd_n(4) << 2;
    f->tp_src = htons(rnd_port());
    f->tp_dst = htons(rnd_port());
    f->tcp_flags = htons(rnd_n(0x40));
    f->regs[0] = rnd_n(4);
}

static void
rnd_match(struct match *m)
{
    static const uint16_t types[] = { ETH_TYPE_IP, ETH_TYPE_IP, ETH_TYPE_IP,
                                      ETH_TYPE_IPV6, ETH_TYPE_ARP };
    struct flow f;

    rnd_flow(&f);
    match_init_catchall(m);
    if (chance(30)) {
        match_set_in_port_ofp(m, f.in_port.ofp_port);
    }
    if (chance(85)) {
        match_set_dl_type(m, htons(types[rnd_n(ARRAY_SIZE(types))]));
    }
    if (chance(10)) {
        match_set_dl_src(m, f.dl_src);
    }
    if (chance(10)) {
        struct eth_addr mc = { { 0x01, 0, 0, 0, 0, 0 } };
        match_set_dl_dst_masked(m, f.dl_dst, mc);
    }
    if (chance(10)) {
        match_set_vlan_vid(m, 0, chance(50) ? 10 : 20);
    }
    if (chance(50)) {
        match_set_nw_src_masked(m, f.nw_src, htonl(rnd_ip_mask()));
    }
    if (chance(60)) {
        match_set_nw_dst_masked(m, f.nw_dst, htonl(rnd_ip_mask()));
    }
    if (chance(15)) {
        struct in6_addr mask;
        rnd_in6_mask(&mask);
        match_set_ipv6_src_masked(m, &f.ipv6_src, &mask);
    }
    if (chance(15)) {
        struct in6_addr mask;
        rnd_in6_mask(&mask);
        match_set_ipv6_dst_masked(m, &f.ipv6_dst, &mask);
    }
    if (chance(50)) {
        match_set_nw_proto(m, f.nw_proto);
    }
    if (chance(5)) {
        match_set_nw_dscp(m, f.nw_tos);
    }
    if (chance(20)) {
        match_set_tp_src_masked(m, f.tp_src, htons(rnd_port_mask()));
    }
    if (chance(40)) {
        match_set_tp_dst_masked(m, f.tp_dst, htons(rnd_port_mask()));
    }
    if (chance(5)) {
        match_set_tcp_flags_masked(m, f.tcp_flags, htons(0x12));
    }
    if (chance(10)) {
        match_set_reg_masked(m, 0, f.regs[0], 0x3);
    }
}

/* The reference: a linear scan over plain copies of the rules, comparing
 * only the words where the mask is nonzero. */
struct ref_rule {
    struct match match;
    int priority;
    ovs_version_t add, remove;
    struct test_rule *rule;
    unsigned int n_words;
    uint8_t words[CLS_FLOW_U64S];
};

struct reference {
    struct ref_rule *rules;
    size_t n, allocated;
};

static uint64_t
word(const struct flow *f, unsigned int i)
{
    uint64_t w;
    memcpy(&w, (const char *) f + 8 * i, 8);
    return w;
}

static bool
ref_matches(const struct ref_rule *r, const struct flow *f)
{
    for (unsigned int k = 0; k < r->n_words; k++) {
        unsigned int i = r->words[k];
        if ((word(f, i) & word(&r->match.wc.masks, i))
            != word(&r->match.flow, i)) {
            return false;
        }
    }
    return true;
}

/* Returns the highest priority among the rules visible in 'version' that
 * match 'f', or INT32_MIN if none does. */
static int
ref_best_priority(const struct reference *ref, ovs_version_t version,
                  const struct flow *f)
{
    int best = INT32_MIN;

    for (size_t i = 0; i < ref->n; i++) {
        const struct ref_rule *r = &ref->rules[i];
        if (r->priority > best && r->add <= version && version < r->remove
            && ref_matches(r, f)) {
            best = r->priority;
        }
    }
    return best;
}

static void
ref_add(struct classifier *cls, struct reference *ref, int id,
        const struct match *match, int priority, ovs_version_t version)
{
    if (ref->n >= ref->allocated) {
        ref->allocated = MAX(64, 2 * ref->allocated);
        ref->rules = xrealloc(ref->rules, ref->allocated * sizeof *ref->rules);
    }

    struct ref_rule *r = &ref->rules[ref->n++];
    r->match = *match;
    r->priority = priority;
    r->add = version;
    r->remove = OVS_VERSION_NOT_REMOVED;
    r->rule = test_rule_create(id, match, priority);
    r->n_words = 0;
    for (unsigned int i = 0; i < CLS_FLOW_U64S; i++) {
        if (word(&match->wc.masks, i)) {
            r->words[r->n_words++] = i;
        }
    }
    classifier_insert(cls, &r->rule->cr, version);
}

/* Removes from 'cls' and 'ref' the rules invisible in every version from
 * 'version' on. */
static void
ref_expire(struct classifier *cls, struct reference *ref,
           ovs_version_t version)
{
    size_t j = 0;

    for (size_t i = 0; i < ref->n; i++) {
        struct ref_rule *r = &ref->rules[i];
        if (r->remove <= version) {
            assert_true(classifier_remove(cls, &r->rule->cr));
            test_rule_destroy(r->rule);
        } else {
            ref->rules[j++] = *r;
        }
    }
    ref->n = j;
    assert_int_equal(classifier_count(cls), ref->n);
}

static const struct ref_rule *
ref_find(const struct reference *ref, const struct cls_rule *cr)
{
    for (size_t i = 0; i < ref->n; i++) {
        if (&ref->rules[i].rule->cr == cr) {
            return &ref->rules[i];
        }
    }
    return NULL;
}

/* Builds a flow that agrees with 'f' on the bits of 'wc' and takes the
 * others from a random flow (or random bits). */
static void
agreeing_flow(const struct flow *f, const struct flow_wildcards *wc,
              struct flow *g)
{
    struct flow other;

    rnd_flow(&other);
    if (chance(25)) {
        for (size_t i = 0; i < sizeof other; i++) {
            ((uint8_t *) &other)[i] = rnd();
        }
    }
    for (unsigned int i = 0; i < CLS_FLOW_U64S; i++) {
        uint64_t m = word(&wc->masks, i);
        uint64_t w = (word(f, i) & m) | (word(&other, i) & ~m);
        memcpy((char *) g + 8 * i, &w, 8);
    }
    flow_clear_padding(g);
}

static int n_hits;

/* Looks up a random flow at 'version' and checks the winner and the mask;
 * returns the number of mask bits. */
static unsigned int
check_one_lookup(const struct classifier *cls, const struct reference *ref,
                 ovs_version_t version, bool unique_priorities)
{
    struct flow_wildcards wc;
    struct flow f, g;

    rnd_flow(&f);
    if (chance(50) && ref->n) {
        /* Make it hit some rule, at least as far as that rule goes. */
        const struct ref_rule *r = &ref->rules[rnd_n(ref->n)];
        agreeing_flow(&r->match.flow, &r->match.wc, &f);
    }

    const struct cls_rule *win = lookup_wc(cls, version, &f, &wc);
    n_hits += win != NULL;
    assert_ptr_equal(classifier_lookup(cls, version, &f, NULL), win);
    int best = ref_best_priority(ref, version, &f);
    if (!win) {
        assert_int_equal(best, INT32_MIN);
    } else {
        const struct ref_rule *wr = ref_find(ref, win);
        assert_non_null(wr);
        assert_int_equal(win->priority, best);
        assert_true(wr->add <= version && version < wr->remove);
        assert_true(ref_matches(wr, &f));
        if (unique_priorities) {
            /* Only one rule has priority 'best', so it is the one. */
            for (size_t i = 0; i < ref->n; i++) {
                if (ref->rules[i].priority == best) {
                    assert_ptr_equal(&ref->rules[i], wr);
                }
            }
        }
    }

    /* Sufficiency of the mask. */
    for (int k = 0; k < 3; k++) {
        struct flow_wildcards wc2;

        agreeing_flow(&f, &wc, &g);
        assert_ptr_equal(lookup_wc(cls, version, &g, &wc2), win);
        int best2 = ref_best_priority(ref, version, &g);
        if (!win) {
            assert_int_equal(best2, INT32_MIN);
        } else {
            assert_int_equal(best2, win->priority);
            assert_true(ref_matches(ref_find(ref, win), &g));
        }
    }

    unsigned int bits = 0;
    for (unsigned int i = 0; i < CLS_FLOW_U64S; i++) {
        bits += __builtin_popcountll(word(&wc.masks, i));
    }
    return bits;
}

static void
ref_destroy(struct classifier *cls, struct reference *ref)
{
    ref_expire(cls, ref, OVS_VERSION_NOT_REMOVED);
    free(ref->rules);
    classifier_destroy(cls);
}

/* Unique priorities, one version: the winner is exactly the reference's. */
static void
test_random_unique(void **state OVS_UNUSED)
{
    struct classifier cls;
    struct reference ref = { NULL, 0, 0 };
    enum { N = 3000 };
    int *prios = xmalloc(N * sizeof *prios);
    unsigned long total_bits = 0;
    int n_lookups = 1500;

    rng_seed();
    classifier_init(&cls);
    for (int i = 0; i < N; i++) {
        prios[i] = i;
    }
    for (int i = N - 1; i > 0; i--) {
        int j = rnd_n(i + 1), t = prios[i];
        prios[i] = prios[j];
        prios[j] = t;
    }
    for (int i = 0; i < N; i++) {
        struct match m;
        rnd_match(&m);
        ref_add(&cls, &ref, i, &m, prios[i], 0);
    }
    n_hits = 0;
    for (int i = 0; i < n_lookups; i++) {
        total_bits += check_one_lookup(&cls, &ref, 0, true);
    }
    print_message("%d rules, %d of %d lookups hit, average megaflow mask "
                  "%lu bits\n", N, n_hits, n_lookups, total_bits / n_lookups);
    assert_true(n_hits > n_lookups / 4);
    ref_destroy(&cls, &ref);
    free(prios);
}

/* Few distinct priorities (many ties), batches of insertions and removals
 * staged at the next version while the current one is checked. */
static void
test_random_versions(void **state OVS_UNUSED)
{
    struct classifier cls;
    struct reference ref = { NULL, 0, 0 };
    ovs_version_t cur = 1;
    int next_id = 0;

    rng_seed();
    classifier_init(&cls);
    for (int i = 0; i < 2000; i++) {
        struct match m;
        rnd_match(&m);
        ref_add(&cls, &ref, next_id++, &m, rnd_n(40), cur);
    }
    for (int round = 0; round < 6; round++) {
        /* Stage a batch at cur + 1. */
        for (int i = 0; i < 300; i++) {
            struct ref_rule *r = &ref.rules[rnd_n(ref.n)];
            if (r->remove == OVS_VERSION_NOT_REMOVED && r->add <= cur) {
                r->remove = cur + 1;
                cls_rule_make_invisible_in_version(&r->rule->cr, cur + 1);
            }
        }
        for (int i = 0; i < 300; i++) {
            struct match m;
            rnd_match(&m);
            ref_add(&cls, &ref, next_id++, &m, rnd_n(40), cur + 1);
        }
        for (int i = 0; i < 150; i++) {
            check_one_lookup(&cls, &ref, cur, false);
            check_one_lookup(&cls, &ref, cur + 1, false);
        }

        /* Publish, then drop what no version in use can see. */
        cur++;
        ref_expire(&cls, &ref, cur);
        for (int i = 0; i < 100; i++) {
            check_one_lookup(&cls, &ref, cur, false);
        }
    }

    /* Iteration with targets agrees with the reference too. */
    for (int k = 0; k < 20; k++) {
        struct match target;
        struct test_rule *tr;
        size_t n = 0, expected = 0;

        rnd_match(&target);
        CLS_FOR_EACH_TARGET (tr, cr, &cls, &target, cur) {
            assert_true(cls_rule_is_loose_match(&tr->cr, &target));
            n++;
        }
        for (size_t i = 0; i < ref.n; i++) {
            const struct ref_rule *r = &ref.rules[i];
            bool loose = true;
            for (unsigned int w = 0; w < CLS_FLOW_U64S; w++) {
                uint64_t tm = word(&target.wc.masks, w);
                if ((word(&r->match.wc.masks, w) & tm) != tm
                    || (word(&r->match.flow, w) & tm)
                       != word(&target.flow, w)) {
                    loose = false;
                }
            }
            expected += loose && r->add <= cur && cur < r->remove;
        }
        assert_int_equal(n, expected);
    }
    ref_destroy(&cls, &ref);
}

/* Many small rule sets: with few subtables the masks are narrow, so a
 * mask missing a bit it needs shows up. */
static void
test_random_small(void **state OVS_UNUSED)
{
    rng_seed();
    for (int iter = 0; iter < 400; iter++) {
        struct classifier cls;
        struct reference ref = { NULL, 0, 0 };
        int n = 1 + rnd_n(25);
        struct match shapes[3];

        /* Few masks, so that subtables hold several rules. */
        for (size_t i = 0; i < ARRAY_SIZE(shapes); i++) {
            rnd_match(&shapes[i]);
        }
        classifier_init(&cls);
        for (int i = 0; i < n; i++) {
            struct match m;
            struct flow f;

            rnd_flow(&f);
            match_init(&m, &f, &shapes[rnd_n(ARRAY_SIZE(shapes))].wc);
            ref_add(&cls, &ref, i, &m, rnd_n(iter % 2 ? 4 : 1000), 0);
        }
        for (int i = 0; i < 30; i++) {
            check_one_lookup(&cls, &ref, 0, false);
        }
        ref_destroy(&cls, &ref);
    }
}

/* Exact find and overlap against the reference. */
static void
test_random_find_overlap(void **state OVS_UNUSED)
{
    struct classifier cls;
    struct reference ref = { NULL, 0, 0 };

    rng_seed();
    classifier_init(&cls);
    for (int i = 0; i < 500; i++) {
        struct match m;
        rnd_match(&m);
        ref_add(&cls, &ref, i, &m, rnd_n(8), 0);
    }
    for (size_t i = 0; i < ref.n; i++) {
        const struct ref_rule *r = &ref.rules[i];
        const struct cls_rule *found = classifier_find_rule_exactly(
            &cls, &r->match, r->priority, 0);
        assert_non_null(found);
        assert_true(cls_rule_equal(found, &r->rule->cr));

        bool overlap = false;
        for (size_t j = 0; j < ref.n && !overlap; j++) {
            const struct ref_rule *s = &ref.rules[j];
            if (j == i || s->priority != r->priority) {
                continue;
            }
            overlap = true;
            for (unsigned int w = 0; w < CLS_FLOW_U64S; w++) {
                uint64_t m = (word(&r->match.wc.masks, w)
                              & word(&s->match.wc.masks, w));
                if ((word(&r->match.flow, w) ^ word(&s->match.flow, w))
                    & m) {
                    overlap = false;
                    break;
                }
            }
        }
        assert_int_equal(classifier_rule_overlaps(&cls, &r->rule->cr, 0),
                         overlap);

        struct match back;
        cls_rule_get_match(&r->rule->cr, &back);
        assert_true(match_equal(&back, &r->match));
    }
    ref_destroy(&cls, &ref);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_trie),
        cmocka_unit_test(test_trie_random),
        cmocka_unit_test(test_priorities),
        cmocka_unit_test(test_ties),
        cmocka_unit_test(test_versions),
        cmocka_unit_test(test_overlaps),
        cmocka_unit_test(test_iteration),
        cmocka_unit_test(test_mask_prefix_trie),
        cmocka_unit_test(test_mask_ipv6_trie),
        cmocka_unit_test(test_mask_staged),
        cmocka_unit_test(test_mask_port_trie),
        cmocka_unit_test(test_random_unique),
        cmocka_unit_test(test_random_versions),
        cmocka_unit_test(test_random_small),
        cmocka_unit_test(test_random_find_overlap),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
