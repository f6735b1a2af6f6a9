/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

/* bench-dpif: datapath flow installation and dump rates through dpif.h
 * against the kernel openvswitch module (run it in the sandbox, see
 * tests/bench/dpif).
 *
 *   bench-dpif [--flows N] [--rounds R] [--dp NAME]
 *
 * Creates datapath NAME (default "bench"), then, with N distinct flows
 * (default 10,000) prepared beforehand in wire form with UFIDs, R times
 * (default 3):
 *
 *   single    puts them one request at a time (dpif_operate() of 1);
 *   dump      dumps them all (full dump, then terse);
 *   batched   after a flush, puts them in one dpif_operate() call;
 *
 * and prints, with the best time of each kind, one "name: value" line
 * per figure, then deletes the datapath.  Exit status 1 if any put failed or a dump missed flows. */

#include <config.h>

#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "datapath/dpif.h"
#include "dynamic-string.h"
#include "netlink.h"
#include "odp-format.h"
#include "util.h"
#include "vlog.h"

VLOG_DEFINE_THIS_MODULE(bench_dpif);

static double
now_sec(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

struct bench_flow {
    struct nl_buf key;
    struct nl_buf mask;
    ovs_u128 ufid;
    struct dpif_op op;
};

/* Prepares flow 'i': IPv4 to 10.(i>>16).(i>>8).(i) from port 1. */
static void
prepare_flow(struct bench_flow *f, unsigned int i, const struct nl_buf *acts)
{
    char *text, *msg;

    nl_buf_init(&f->key, 128);
    nl_buf_init(&f->mask, 128);
    text = xasprintf("in_port(1),eth(src=00:00:00:00:00:01,"
                     "dst=00:00:00:00:00:02),eth_type(0x0800),"
                     "ipv4(src=10.255.0.1,dst=10.%u.%u.%u,proto=17,"
                     "frag=no),udp(dst=%u)",
                     (i >> 16) & 0xff, (i >> 8) & 0xff, i & 0xff,
                     1000 + (i >> 24));
    msg = odp_key_parse(text, &f->key, &f->mask);
    if (msg) {
        ovs_fatal(0, "%s: %s", text, msg);
    }
    free(text);

    memset(&f->ufid, 0, sizeof f->ufid);
    f->ufid.u32[0] = 0xbe7c0000;
    f->ufid.u32[3] = i;

    memset(&f->op, 0, sizeof f->op);
    f->op.type = DPIF_OP_FLOW_PUT;
    f->op.u.flow_put.flags = DPIF_FP_CREATE;
    f->op.u.flow_put.key = f->key.data;
    f->op.u.flow_put.key_len = f->key.used;
    f->op.u.flow_put.mask = f->mask.data;
    f->op.u.flow_put.mask_len = f->mask.used;
    f->op.u.flow_put.ufid = &f->ufid;
    f->op.u.flow_put.actions = acts->data;
    f->op.u.flow_put.actions_len = acts->used;
}

/* Counts the failed operations of 'ops' and prints the first failure. */
static size_t
count_errors(struct dpif_op **ops, size_t n, const char *what)
{
    size_t n_errors = 0;

    for (size_t i = 0; i < n; i++) {
        if (ops[i]->error) {
            if (!n_errors) {
                fprintf(stderr, "%s: flow %zu: %s%s%s\n", what, i,
                        ovs_strerror(ops[i]->error),
                        ops[i]->error_msg ? ": " : "",
                        ops[i]->error_msg ? ops[i]->error_msg : "");
            }
            n_errors++;
        }
        free(ops[i]->error_msg);
        ops[i]->error_msg = NULL;
    }
    return n_errors;
}

static size_t
dump_count(struct dpif *dpif, bool terse, double *secs)
{
    struct dpif_flow_dump_options opts = { .terse = terse, .type = NULL };
    struct dpif_flow_dump *dump;
    struct dpif_flow flow;
    size_t n = 0;
    double t0 = now_sec();
    int error;

    dump = dpif_flow_dump_create(dpif, &opts);
    while (dpif_flow_dump_next(dump, &flow)) {
        n++;
    }
    error = dpif_flow_dump_destroy(dump);
    *secs = now_sec() - t0;
    if (error) {
        fprintf(stderr, "dump: %s\n", ovs_strerror(error));
    }
    return n;
}

/* Best times (seconds) and counts over the rounds. */
struct results {
    double single, batched, dump, terse, flush;
    size_t n_dumped, n_terse, n_check, n_errors;
};

static double
best(double old, double new, bool first)
{
    return first ? new : MIN(old, new);
}

/* One round: one request at a time, then all in one call, each into an
 * empty table.  The best time of each kind counts (the sandbox shares its
 * CPU with everything else on the machine).  Returns false if the table
 * did not end up with every flow. */
static bool
run_round(struct dpif *dpif, struct dpif_op **ops, unsigned int n_flows,
          struct results *r, bool first)
{
    double t0, secs;

    dpif_flow_flush(dpif);
    t0 = now_sec();
    for (unsigned int i = 0; i < n_flows; i++) {
        dpif_operate(dpif, &ops[i], 1);
    }
    r->single = best(r->single, now_sec() - t0, first);
    r->n_errors += count_errors(ops, n_flows, "single");

    r->n_dumped = dump_count(dpif, false, &secs);
    r->dump = best(r->dump, secs, first);
    r->n_terse = dump_count(dpif, true, &secs);
    r->terse = best(r->terse, secs, first);

    t0 = now_sec();
    dpif_flow_flush(dpif);
    r->flush = best(r->flush, now_sec() - t0, first);

    t0 = now_sec();
    dpif_operate(dpif, ops, n_flows);
    r->batched = best(r->batched, now_sec() - t0, first);
    r->n_errors += count_errors(ops, n_flows, "batched");
    r->n_check = dump_count(dpif, true, &secs);
    return r->n_check == n_flows;
}

int
main(int argc, char *argv[])
{
    static const struct option long_options[] = {
        {"flows", required_argument, NULL, 'n'},
        {"dp", required_argument, NULL, 'd'},
        {"rounds", required_argument, NULL, 'r'},
        {NULL, 0, NULL, 0},
    };
    const char *dp_name = "bench";
    unsigned int n_flows = 10000;
    struct bench_flow *flows;
    struct dpif_op **ops;
    struct nl_buf acts;
    struct dpif *dpif;
    struct results r;
    unsigned int n_rounds = 3;
    char *msg = NULL;
    int error, c;

    set_program_name(argv[0]);
    vlog_set_levels(NULL, VLF_CONSOLE, VLL_WARN);
    while ((c = getopt_long(argc, argv, "", long_options, NULL)) != -1) {
        switch (c) {
        case 'n':
            if (!str_to_uint(optarg, 10, &n_flows) || !n_flows) {
                ovs_fatal(0, "bad --flows %s", optarg);
            }
            break;
        case 'd':
            dp_name = optarg;
            break;
        case 'r':
            if (!str_to_uint(optarg, 10, &n_rounds) || !n_rounds) {
                ovs_fatal(0, "bad --rounds %s", optarg);
            }
            break;
        default:
            exit(EXIT_FAILURE);
        }
    }

    nl_buf_init(&acts, 64);
    msg = odp_actions_parse("2", &acts);
    if (msg) {
        ovs_fatal(0, "actions: %s", msg);
    }
    flows = xcalloc(n_flows, sizeof *flows);
    ops = xcalloc(n_flows, sizeof *ops);
    for (unsigned int i = 0; i < n_flows; i++) {
        prepare_flow(&flows[i], i, &acts);
        ops[i] = &flows[i].op;
    }

    error = dpif_create_and_open(NULL, dp_name, &dpif, &msg);
    if (error) {
        ovs_fatal(0, "creating datapath %s: %s%s%s", dp_name,
                  ovs_strerror(error), msg ? ": " : "", msg ? msg : "");
    }

    memset(&r, 0, sizeof r);
    for (unsigned int round = 0; round < n_rounds; round++) {
        if (!run_round(dpif, ops, n_flows, &r, !round)) {
            break;
        }
    }

    printf("rounds: %u (best of each)\n", n_rounds);
    printf("flows: %u\n", n_flows);
    printf("single-put-seconds: %.3f\n", r.single);
    printf("single-put-rate: %.0f flows/s\n", n_flows / r.single);
    printf("batched-put-seconds: %.3f\n", r.batched);
    printf("batched-put-rate: %.0f flows/s\n", n_flows / r.batched);
    printf("batched/single: %.2f\n", r.single / r.batched);
    printf("dump-seconds: %.3f (%zu flows, %.0f flows/s)\n", r.dump,
           r.n_dumped, r.n_dumped / r.dump);
    printf("terse-dump-seconds: %.3f (%zu flows)\n", r.terse, r.n_terse);
    printf("flush-seconds: %.3f\n", r.flush);
    printf("errors: %zu\n", r.n_errors);

    dpif_delete(dpif);
    dpif_close(dpif);
    for (unsigned int i = 0; i < n_flows; i++) {
        nl_buf_uninit(&flows[i].key);
        nl_buf_uninit(&flows[i].mask);
    }
    free(flows);
    free(ops);
    nl_buf_uninit(&acts);
    free(msg);

    if (r.n_errors || r.n_dumped != n_flows || r.n_terse != n_flows
        || r.n_check != n_flows) {
        fprintf(stderr, "bench-dpif: %zu errors, dumps saw %zu/%zu/%zu of "
                "%u flows\n", r.n_errors, r.n_dumped, r.n_terse, r.n_check,
                n_flows);
        return EXIT_FAILURE;
    }
    return EXIT_SUCCESS;
}
