/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 *
 * The driver behind tests/system/offload-*.sh: runs dpctl commands in one
 * process on one open datapath with the TC offload engine attached, as
 * "ovs-appctl dpctl/..." does in the daemon, so that what the engine
 * remembers (which flows are in TC, why the others are not) carries from
 * one command to the next.
 *
 *   test-offload-kernel POLICY DP CMD [; CMD]...
 *
 * POLICY is a tc-policy (none, skip_sw, skip_hw) or "off".  Each CMD is a
 * dpctl command line (leading -m and -s options allowed), or "!" followed
 * by a shell command, or "show" for dpif_offload_show(), or
 * "exclude DEV" to keep a port out of TC, or "explain FLOW ACTIONS" for
 * dpif_offload_explain() (datapath flow syntax, port numbers), or
 * "bench N IN OUT" to put N IPv4 flows from port IN to port OUT in
 * batches of 1,000 and time that and a type=tc dump.  Before
 * each command's output the driver prints a line "### CMD".  It runs them
 * all and exits with status 1 if any failed.
 */

#include <config.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "datapath/dpctl.h"
#include "datapath/dpif.h"
#include "dynamic-string.h"
#include "match.h"
#include "netlink.h"
#include "odp-actions.h"
#include "odp-format.h"
#include "timeval.h"
#include "util.h"
#include "vlog.h"

static struct dpif *the_dpif;

static int
open_dpif(const char *name OVS_UNUSED, struct dpif **dpifp, bool *owned,
          char **errp, void *aux OVS_UNUSED)
{
    *dpifp = the_dpif;
    *owned = false;
    *errp = NULL;
    return 0;
}

/* bench N IN OUT. */
static int
run_bench(int argc, const char *argv[])
{
    int n = argc == 4 ? atoi(argv[1]) : 0;
    uint32_t in = argc == 4 ? atoi(argv[2]) : 0;
    uint32_t out = argc == 4 ? atoi(argv[3]) : 0;
    struct dpif_op *ops = xcalloc(n ? n : 1, sizeof *ops);
    struct dpif_op **opp = xcalloc(n ? n : 1, sizeof *opp);
    struct match *matches = xcalloc(n ? n : 1, sizeof *matches);
    ovs_u128 *ufids = xcalloc(n ? n : 1, sizeof *ufids);
    uint64_t abuf[16];
    struct nl_buf actions;
    long long int start, placed_ms, dump_ms;
    int n_ok = 0, n_tc = 0;

    if (n <= 0) {
        fprintf(stderr, "usage: bench N IN OUT\n");
        return 1;
    }
    nl_buf_use(&actions, abuf, sizeof abuf);
    odp_put_output(&actions, out);
    for (int i = 0; i < n; i++) {
        struct match *m = &matches[i];

        match_init_catchall(m);
        match_set_in_port_odp(m, in);
        m->flow.dl_type = htons(0x0800);
        m->wc.masks.dl_type = OVS_BE16_MAX;
        m->wc.masks.nw_frag = 0xff;
        m->flow.nw_dst = htonl(0x0a800000 + i);
        m->wc.masks.nw_dst = OVS_BE32_MAX;
        ufids[i].u32[0] = i + 1;
        ufids[i].u32[1] = 0x62656e63;
        ops[i].type = DPIF_OP_FLOW_PUT;
        ops[i].u.flow_put.flags = DPIF_FP_CREATE;
        ops[i].u.flow_put.match = m;
        ops[i].u.flow_put.ufid = &ufids[i];
        ops[i].u.flow_put.actions = actions.data;
        ops[i].u.flow_put.actions_len = actions.used;
        opp[i] = &ops[i];
    }
    start = time_msec();
    for (int i = 0; i < n; i += 1000) {
        dpif_operate(the_dpif, opp + i, MIN(1000, n - i));
    }
    placed_ms = time_msec() - start;
    for (int i = 0; i < n; i++) {
        n_ok += !ops[i].error;
        free(ops[i].error_msg);
    }

    struct dpif_flow_dump_options opts = { .type = "tc" };
    struct dpif_flow_dump *dump;
    struct dpif_flow flow;

    start = time_msec();
    dump = dpif_flow_dump_create(the_dpif, &opts);
    while (dpif_flow_dump_next(dump, &flow)) {
        n_tc++;
    }
    dpif_flow_dump_destroy(dump);
    dump_ms = time_msec() - start;
    printf("bench: %d flows put (%d ok) in %lld ms; dump type=tc: %d flows "
           "in %lld ms\n", n, n_ok, placed_ms, n_tc, dump_ms);
    free(ufids);
    free(matches);
    free(opp);
    free(ops);
    return n_ok == n ? 0 : 1;
}

static int
run_one(int argc, const char *argv[])
{
    struct ds output = DS_EMPTY_INITIALIZER;
    struct ds errors = DS_EMPTY_INITIALIZER;
    struct dpctl_params p;
    int error, i = 0;

    if (!strcmp(argv[0], "!")) {
        struct ds cmd = DS_EMPTY_INITIALIZER;

        for (i = 1; i < argc; i++) {
            ds_put_format(&cmd, "%s ", argv[i]);
        }
        fflush(stdout);
        error = system(ds_cstr(&cmd));
        ds_destroy(&cmd);
        return error ? 1 : 0;
    }
    if (!strcmp(argv[0], "show")) {
        dpif_offload_show(the_dpif, &output);
        fputs(ds_cstr(&output), stdout);
        ds_destroy(&output);
        return 0;
    }
    if (!strcmp(argv[0], "bench")) {
        return run_bench(argc, argv);
    }
    if (!strcmp(argv[0], "explain") && argc == 3) {
        struct match match;
        struct nl_buf actions;
        char *err = odp_match_parse(argv[1], &match);

        nl_buf_init(&actions, 256);
        if (!err) {
            err = odp_actions_parse(argv[2], &actions);
        }
        if (err) {
            fprintf(stderr, "explain: %s\n", err);
            free(err);
            nl_buf_uninit(&actions);
            return 1;
        }
        dpif_offload_explain(the_dpif, &match, actions.data, actions.used,
                             &output);
        fputs(ds_cstr(&output), stdout);
        ds_destroy(&output);
        nl_buf_uninit(&actions);
        return 0;
    }
    if (!strcmp(argv[0], "exclude") && argc == 2) {
        return dpif_set_offload_port(the_dpif, argv[1], false) ? 1 : 0;
    }

    dpctl_params_init(&p, &output, &errors);
    p.open_dpif = open_dpif;
    for (i = 0; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
        for (const char *c = argv[i] + 1; *c; c++) {
            if (*c == 'm') {
                p.verbosity++;
            } else if (*c == 's') {
                p.print_statistics = true;
            }
        }
    }
    error = dpctl_run_command(argc - i, argv + i, &p);
    fputs(ds_cstr(&output), stdout);
    fputs(ds_cstr(&errors), stderr);
    ds_destroy(&output);
    ds_destroy(&errors);
    return error ? 1 : 0;
}

int
main(int argc, char *argv[])
{
    const char *policy, *dp;
    char *errmsg = NULL;
    int status = 0, error;

    set_program_name(argv[0]);
    if (argc < 3) {
        ovs_fatal(0, "usage: %s POLICY DP [CMD [; CMD]...]", argv[0]);
    }
    policy = argv[1];
    dp = argv[2];
    error = dpif_open(NULL, dp, &the_dpif, &errmsg);
    if (error) {
        ovs_fatal(0, "opening %s: %s%s%s", dp, ovs_strerror(error),
                  errmsg ? ": " : "", errmsg ? errmsg : "");
    }
    if (strcmp(policy, "off")) {
        error = dpif_set_offload(the_dpif, true, policy);
        if (error) {
            ovs_fatal(0, "enabling offload: %s", ovs_strerror(error));
        }
    }

    for (int i = 3; i < argc; ) {
        int j = i;
        struct ds title = DS_EMPTY_INITIALIZER;

        while (j < argc && strcmp(argv[j], ";")) {
            ds_put_format(&title, "%s%s", j > i ? " " : "", argv[j]);
            j++;
        }
        if (j > i) {
            printf("### %s\n", ds_cstr(&title));
            if (run_one(j - i, (const char **) argv + i) && !status) {
                status = 1;
            }
            fflush(stdout);
        }
        ds_destroy(&title);
        i = j + 1;
    }
    dpif_close(the_dpif);
    return status;
}
