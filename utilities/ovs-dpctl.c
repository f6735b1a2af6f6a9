/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

/* ovs-dpctl: manages datapaths directly through the kernel (no daemon):
 * the command-line front end of datapath/dpctl.h. */

#include <config.h>

#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "datapath/dpctl.h"
#include "dynamic-string.h"
#include "util.h"
#include "vlog.h"

VLOG_DEFINE_THIS_MODULE(ovs_dpctl);

static void
usage(void)
{
    struct ds ds = DS_EMPTY_INITIALIZER;

    printf("%s: manage Linux kernel datapaths (ovs-tc)\n"
           "usage: %s [OPTIONS] COMMAND [ARG...]\n",
           program_name, program_name);
    dpctl_usage(&ds);
    fputs(ds_cstr(&ds), stdout);
    ds_destroy(&ds);
    printf("\nOptions:\n"
           "  -s, --statistics      show port or flow statistics\n"
           "  -m, --more            more detail (dump-flows, get-flow)\n"
           "  --names, --no-names   show port names (default with -m)\n"
           "  --may-create          mod-flow: create a missing flow\n"
           "  --clear               mod-flow: zero the flow's statistics\n"
           "  --read-only           refuse commands that change anything\n"
           "  --offload[=POLICY]    place flows in TC flower too (ours;\n"
           "                        POLICY none, skip_sw or skip_hw)\n"
           "  -t, --timeout=SECS    give up after SECS seconds\n"
           "  -h, --help            show this help and exit\n"
           "  -V, --version         show the version and exit\n");
    vlog_usage();
    exit(EXIT_SUCCESS);
}

static void
parse_options(int argc, char *argv[], struct dpctl_params *p)
{
    enum {
        OPT_CLEAR = UCHAR_MAX + 1,
        OPT_MAY_CREATE,
        OPT_READ_ONLY,
        OPT_NAMES,
        OPT_NO_NAMES,
        OPT_OFFLOAD,
        VLOG_OPTION_ENUMS
    };
    static const struct option long_options[] = {
        {"statistics", no_argument, NULL, 's'},
        {"more", no_argument, NULL, 'm'},
        {"names", no_argument, NULL, OPT_NAMES},
        {"no-names", no_argument, NULL, OPT_NO_NAMES},
        {"clear", no_argument, NULL, OPT_CLEAR},
        {"may-create", no_argument, NULL, OPT_MAY_CREATE},
        {"read-only", no_argument, NULL, OPT_READ_ONLY},
        {"offload", optional_argument, NULL, OPT_OFFLOAD},
        {"timeout", required_argument, NULL, 't'},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        VLOG_LONG_OPTIONS,
        {NULL, 0, NULL, 0},
    };

    for (;;) {
        int c = getopt_long(argc, argv, "smt:hVv::", long_options, NULL);
        int timeout;

        if (c == -1) {
            break;
        }
        switch (c) {
        case 's':
            p->print_statistics = true;
            break;
        case 'm':
            p->verbosity++;
            break;
        case OPT_NAMES:
            p->names = 1;
            break;
        case OPT_NO_NAMES:
            p->names = 0;
            break;
        case OPT_CLEAR:
            p->zero_statistics = true;
            break;
        case OPT_MAY_CREATE:
            p->may_create = true;
            break;
        case OPT_READ_ONLY:
            p->read_only = true;
            break;
        case OPT_OFFLOAD:
            p->offload_policy = optarg ? optarg : "none";
            break;
        case 't':
            if (!str_to_int(optarg, 10, &timeout) || timeout <= 0) {
                ovs_fatal(0, "value %s on -t or --timeout is invalid",
                          optarg);
            }
            alarm(timeout);
            break;
        case 'h':
            usage();
            break;
        case 'V':
            ovs_print_version();
            exit(EXIT_SUCCESS);
        VLOG_OPTION_HANDLERS
        case '?':
            exit(EXIT_FAILURE);
        default:
            abort();
        }
    }
}

int
main(int argc, char *argv[])
{
    struct ds output = DS_EMPTY_INITIALIZER;
    struct ds errors = DS_EMPTY_INITIALIZER;
    struct dpctl_params p;
    int error;

    set_program_name(argv[0]);
    /* A command's own error message says what failed; the modules' INFO
     * chatter (netlink features, datapath features) would only add noise
     * to every run.  -v still turns it on. */
    vlog_set_levels(NULL, VLF_CONSOLE, VLL_WARN);
    dpctl_params_init(&p, &output, &errors);
    parse_options(argc, argv, &p);

    error = dpctl_run_command(argc - optind, (const char **) argv + optind,
                              &p);
    fputs(ds_cstr(&output), stdout);
    fflush(stdout);
    fputs(ds_cstr(&errors), stderr);
    ds_destroy(&output);
    ds_destroy(&errors);
    return error ? EXIT_FAILURE : EXIT_SUCCESS;
}
