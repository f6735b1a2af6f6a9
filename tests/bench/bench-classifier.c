/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 *
 * Classifier benchmark: builds a typical L2/L3 ACL rule set of N rules,
 * then measures lookups per second through the classifier (with megaflow
 * mask) and through a linear scan of the same rules, checks that both
 * agree on the winning priority, and reports the average number of bits
 * the megaflow mask un-wildcards.
 *
 * Usage: bench-classifier [-t SECONDS] [-s SEED] [N...]
 * (default N: 1000 10000 100000, 0.5 s per measurement).
 */

#include <config.h>

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "classifier.h"
#include "flow.h"
#include "match.h"
#include "packets.h"
#include "util.h"

#define N_FLOWS 4096

static uint64_t rng_state = 0x0123456789abcdefULL;

static uint32_t
rnd(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return rng_state >> 11;
}

static double
now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static uint32_t
prefix_mask(int plen)
{
    return plen >= 32 ? UINT32_MAX : plen ? ~(UINT32_MAX >> plen) : 0;
}

/* A random flow of the benchmark's traffic. */
static void
traffic_flow(struct flow *f)
{
    static const uint16_t ports[] = { 22, 53, 80, 443, 3306, 8080 };

    memset(f, 0, sizeof *f);
    f->in_port.ofp_port = 1 + rnd() % 8;
    f->dl_src.ea[0] = 0x02;
    f->dl_src.ea[4] = rnd();
    f->dl_src.ea[5] = rnd();
    f->dl_dst.ea[0] = 0x02;
    f->dl_dst.ea[5] = rnd();
    switch (rnd() % 10) {
    case 0:
        f->dl_type = htons(ETH_TYPE_IPV6);
        f->ipv6_src.s6_addr[0] = 0x20;
        f->ipv6_src.s6_addr[1] = 0x01;
        f->ipv6_src.s6_addr[7] = rnd() % 64;
        f->ipv6_src.s6_addr[15] = rnd();
        f->ipv6_dst = f->ipv6_src;
        f->ipv6_dst.s6_addr[7] = rnd() % 64;
        break;
    case 1:
        f->dl_type = htons(ETH_TYPE_ARP);
        f->nw_proto = 1;
        break;
    default:
        f->dl_type = htons(ETH_TYPE_IP);
        break;
    }
    if (f->dl_type != htons(ETH_TYPE_ARP)) {
        f->nw_proto = rnd() % 4 ? 6 : 17;
        f->nw_ttl = 64;
        f->tp_src = htons(32768 + rnd() % 28000);
        f->tp_dst = htons(rnd() % 2 ? ports[rnd() % ARRAY_SIZE(ports)]
                          : rnd() % 65536);
    }
    f->nw_src = htonl(0xac100000 | (rnd() & 0xfffff));  /* 172.16/12 */
    f->nw_dst = htonl(0x0a000000 | (rnd() & 0xffffff)); /* 10/8 */
}

/* A random rule of a typical L2/L3 ACL, built on a random flow so that
 * traffic hits it sometimes. */
static void
acl_match(struct match *m)
{
    static const int src_plens[] = { 12, 16, 24, 32 };
    struct flow f;
    int kind = rnd() % 100;

    traffic_flow(&f);
    match_init_catchall(m);
    if (kind < 5) {
        /* L2: a MAC address on a port. */
        match_set_in_port_ofp(m, f.in_port.ofp_port);
        match_set_dl_src(m, f.dl_src);
        return;
    } else if (kind < 10) {
        match_set_dl_type(m, htons(ETH_TYPE_ARP));
        match_set_in_port_ofp(m, f.in_port.ofp_port);
        match_set_nw_dst_masked(m, f.nw_dst, htonl(prefix_mask(24)));
        return;
    } else if (kind < 20) {
        struct in6_addr mask = { .s6_addr = { 0xff, 0xff, 0xff, 0xff, 0xff,
                                              0xff, 0xff, 0xff } };
        match_set_dl_type(m, htons(ETH_TYPE_IPV6));
        match_set_ipv6_dst_masked(m, &f.ipv6_dst, &mask);
        match_set_nw_proto(m, 6);
        match_set_tp_dst(m, f.tp_dst);
        return;
    }

    match_set_dl_type(m, htons(ETH_TYPE_IP));
    if (kind < 30) {
        /* Subnet to subnet. */
        match_set_nw_src_masked(m, f.nw_src, htonl(prefix_mask(16)));
        match_set_nw_dst_masked(m, f.nw_dst, htonl(prefix_mask(24)));
    } else if (kind < 70) {
        /* Source range to a service on a host. */
        match_set_nw_src_masked(m, f.nw_src,
                                htonl(prefix_mask(src_plens[rnd() % 4])));
        match_set_nw_dst(m, f.nw_dst);
        match_set_nw_proto(m, f.nw_proto);
        match_set_tp_dst(m, f.tp_dst);
    } else if (kind < 90) {
        /* A service on a host, from anywhere. */
        match_set_nw_dst(m, f.nw_dst);
        match_set_nw_proto(m, f.nw_proto);
        match_set_tp_dst(m, f.tp_dst);
    } else {
        /* A blocked source subnet. */
        match_set_nw_src_masked(m, f.nw_src, htonl(prefix_mask(20)));
    }
}

/* The linear reference. */
struct lin_rule {
    struct match match;
    int priority;
    unsigned int n_words;
    uint8_t words[CLS_FLOW_U64S];
};

static uint64_t
word(const struct flow *f, unsigned int i)
{
    uint64_t w;

    memcpy(&w, (const char *) f + 8 * i, 8);
    return w;
}

static int
linear_lookup(const struct lin_rule *rules, size_t n, const struct flow *f)
{
    int best = INT32_MIN;

    for (size_t i = 0; i < n; i++) {
        const struct lin_rule *r = &rules[i];
        if (r->priority <= best) {
            continue;
        }

        unsigned int k;
        for (k = 0; k < r->n_words; k++) {
            unsigned int w = r->words[k];
            if ((word(f, w) & word(&r->match.wc.masks, w))
                != word(&r->match.flow, w)) {
                break;
            }
        }
        if (k == r->n_words) {
            best = r->priority;
        }
    }
    return best;
}

/* Fills 'lin' and 'rules' with 'n_rules' rules and inserts them into
 * 'cls'; returns the seconds the insertions took. */
static double
build_rules(struct classifier *cls, struct cls_rule *rules,
            struct lin_rule *lin, size_t n_rules)
{
    double t0 = now();

    for (size_t i = 0; i < n_rules; i++) {
        struct lin_rule *l = &lin[i];

        if (i == 0) {
            match_init_catchall(&l->match);     /* Default rule. */
            l->priority = 0;
        } else {
            acl_match(&l->match);
            l->priority = 1 + rnd() % 1000;
        }
        l->n_words = 0;
        for (unsigned int w = 0; w < CLS_FLOW_U64S; w++) {
            if (word(&l->match.wc.masks, w)) {
                l->words[l->n_words++] = w;
            }
        }
        cls_rule_init(&rules[i], &l->match, l->priority);
        classifier_insert(cls, &rules[i], 0);
    }
    return now() - t0;
}

static void
make_flows(struct flow *flows, const struct lin_rule *lin, size_t n_rules)
{
    for (size_t i = 0; i < N_FLOWS; i++) {
        traffic_flow(&flows[i]);
        if (i % 2) {
            /* Half the traffic is aimed at a rule's match. */
            const struct lin_rule *l = &lin[rnd() % n_rules];
            for (unsigned int w = 0; w < CLS_FLOW_U64S; w++) {
                uint64_t m = word(&l->match.wc.masks, w);
                uint64_t v = word(&l->match.flow, w)
                             | (word(&flows[i], w) & ~m);
                memcpy((char *) &flows[i] + 8 * w, &v, 8);
            }
        }
    }
}

/* Fields whose share of the mask is reported. */
#define BENCH_FIELD(NAME) { #NAME, offsetof(struct flow, NAME), \
                            sizeof ((struct flow *) 0)->NAME }
static const struct {
    const char *name;
    size_t ofs, len;
} bench_fields[] = {
    BENCH_FIELD(in_port), BENCH_FIELD(dl_src), BENCH_FIELD(dl_type),
    BENCH_FIELD(nw_src), BENCH_FIELD(nw_dst), BENCH_FIELD(ipv6_dst),
    BENCH_FIELD(nw_proto), BENCH_FIELD(tp_dst),
};

static unsigned int
field_bits(const struct flow_wildcards *wc, size_t ofs, size_t len)
{
    unsigned int bits = 0;

    for (size_t i = 0; i < len; i++) {
        bits += __builtin_popcount(((const uint8_t *) &wc->masks)[ofs + i]);
    }
    return bits;
}

/* Checks the classifier against the linear scan on (up to 'n') flows and
 * returns the average megaflow mask width in bits, storing the average
 * per field of bench_fields[] in 'per_field'. */
static double
check_and_measure_masks(const struct classifier *cls,
                        const struct lin_rule *lin, size_t n_rules,
                        const struct flow *flows, size_t n,
                        double *per_field)
{
    unsigned long field_sum[ARRAY_SIZE(bench_fields)] = { 0 };
    unsigned long bits = 0;

    for (size_t i = 0; i < n; i++) {
        struct flow_wildcards wc;

        flow_wildcards_init_catchall(&wc);
        const struct cls_rule *r = classifier_lookup(cls, 0, &flows[i], &wc);
        int best = linear_lookup(lin, n_rules, &flows[i]);
        if (!r || r->priority != best) {
            ovs_fatal(0, "classifier and linear scan disagree");
        }
        for (unsigned int w = 0; w < CLS_FLOW_U64S; w++) {
            bits += __builtin_popcountll(word(&wc.masks, w));
        }
        for (size_t k = 0; k < ARRAY_SIZE(bench_fields); k++) {
            field_sum[k] += field_bits(&wc, bench_fields[k].ofs,
                                       bench_fields[k].len);
        }
    }
    for (size_t k = 0; k < ARRAY_SIZE(bench_fields); k++) {
        per_field[k] = (double) field_sum[k] / n;
    }
    return (double) bits / n;
}

/* Classifier throughput, with a megaflow mask as xlate would ask. */
static double
measure_classifier(const struct classifier *cls, const struct flow *flows,
                   double seconds)
{
    unsigned long n = 0;
    double t0 = now(), t;

    do {
        for (size_t i = 0; i < N_FLOWS; i++) {
            struct flow_wildcards wc;

            flow_wildcards_init_catchall(&wc);
            classifier_lookup(cls, 0, &flows[i], &wc);
        }
        n += N_FLOWS;
        t = now() - t0;
    } while (t < seconds);
    return n / t;
}

static double
measure_linear(const struct lin_rule *lin, size_t n_rules,
               const struct flow *flows, double seconds)
{
    volatile int sink = 0;
    unsigned long n = 0;
    double t0 = now(), t;

    do {
        for (size_t i = 0; i < 64; i++) {
            sink += linear_lookup(lin, n_rules, &flows[(n + i) % N_FLOWS]);
        }
        n += 64;
        t = now() - t0;
    } while (t < seconds);
    return n / t;
}

static void
bench(size_t n_rules, double seconds)
{
    struct classifier cls;
    struct cls_rule *rules = xmalloc(n_rules * sizeof *rules);
    struct lin_rule *lin = xmalloc(n_rules * sizeof *lin);
    struct flow *flows = xmalloc(N_FLOWS * sizeof *flows);

    classifier_init(&cls);
    double t_insert = build_rules(&cls, rules, lin, n_rules);
    make_flows(flows, lin, n_rules);
    /* The linear scan is slow on big sets: check fewer flows there. */
    double per_field[ARRAY_SIZE(bench_fields)];
    double mask_bits = check_and_measure_masks(
        &cls, lin, n_rules, flows, n_rules > 20000 ? 256 : N_FLOWS,
        per_field);
    double cls_rate = measure_classifier(&cls, flows, seconds);
    double lin_rate = measure_linear(lin, n_rules, flows, seconds);

    printf("%8zu %10zu %14.0f %14.0f %9.1fx %10.1f %10.3f\n",
           n_rules, cls.n_subtables, cls_rate, lin_rate,
           cls_rate / lin_rate, mask_bits, t_insert);
    printf("#   mask bits by field:");
    for (size_t k = 0; k < ARRAY_SIZE(bench_fields); k++) {
        printf(" %s %.1f", bench_fields[k].name, per_field[k]);
    }
    printf("\n");
    fflush(stdout);

    for (size_t i = 0; i < n_rules; i++) {
        classifier_remove(&cls, &rules[i]);
        cls_rule_destroy(&rules[i]);
    }
    classifier_destroy(&cls);
    free(rules);
    free(lin);
    free(flows);
}

int
main(int argc, char *argv[])
{
    static const size_t defaults[] = { 1000, 10000, 100000 };
    double seconds = 0.5;
    int i;

    set_program_name(argv[0]);
    for (i = 1; i < argc && argv[i][0] == '-'; i++) {
        if (!strcmp(argv[i], "-t") && i + 1 < argc) {
            seconds = atof(argv[++i]);
        } else if (!strcmp(argv[i], "-s") && i + 1 < argc) {
            rng_state = strtoull(argv[++i], NULL, 0) | 1;
        } else {
            ovs_fatal(0, "usage: %s [-t SECONDS] [-s SEED] [N...]",
                      program_name);
        }
    }

    printf("# Typical L2/L3 ACL; lookups/s with megaflow mask vs. a linear "
           "scan;\n# mask = average un-wildcarded bits of %zu-bit flows; "
           "insert = seconds to insert all rules.\n", 8 * sizeof(struct flow));
    printf("%8s %10s %14s %14s %10s %10s %10s\n", "rules", "subtables",
           "classifier/s", "linear/s", "ratio", "mask bits", "insert s");
    if (i == argc) {
        for (size_t k = 0; k < ARRAY_SIZE(defaults); k++) {
            bench(defaults[k], seconds);
        }
    } else {
        for (; i < argc; i++) {
            bench(strtoul(argv[i], NULL, 0), seconds);
        }
    }
    return 0;
}
