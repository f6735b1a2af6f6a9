/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

/* ovs-vswitchd: the switch daemon.  Options, daemonizing, logging, the
 * control socket and the main loop; the bridges themselves are in
 * bridge.c. */

#include <config.h>

#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bridge.h"
#include "coverage.h"
#include "daemon.h"
#include "dirs.h"
#include "fatal-signal.h"
#include "ofproto/ofproto.h"
#include "poll-loop.h"
#include "stream.h"
#include "unixctl.h"
#include "util.h"
#include "vlog.h"

VLOG_DEFINE_THIS_MODULE(vswitchd);

struct vswitchd_options {
    char *remote;               /* The database, e.g. "unix:PATH". */
    char *unixctl_path;         /* --unixctl, or NULL for the default. */
    enum bridge_dummy_mode dummy;   /* --enable-dummy[=override]. */
};

/* Set by the "exit" command; the main loop then stops. */
struct vswitchd_exit_state {
    bool exiting;
    bool cleanup;               /* "exit --cleanup". */
};

static OVS_NO_RETURN void vswitchd_usage(void);

static void
vswitchd_parse_options(int argc, char *argv[], struct vswitchd_options *opts)
{
    enum {
        OPT_UNIXCTL = 0x1200,
        OPT_ENABLE_DUMMY,
        OPT_DISABLE_SYSTEM,
        DAEMON_OPTION_ENUMS,
        VLOG_OPTION_ENUMS
    };
    static const struct option long_options[] = {
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {"unixctl", required_argument, NULL, OPT_UNIXCTL},
        {"enable-dummy", optional_argument, NULL, OPT_ENABLE_DUMMY},
        {"disable-system", no_argument, NULL, OPT_DISABLE_SYSTEM},
        DAEMON_LONG_OPTIONS,
        VLOG_LONG_OPTIONS,
        STREAM_SSL_LONG_OPTIONS,
        {NULL, 0, NULL, 0},
    };

    *opts = (struct vswitchd_options) { 0 };

    for (;;) {
        int c = getopt_long(argc, argv, "hVv::p:c:C:", long_options, NULL);

        if (c == -1) {
            break;
        }
        switch (c) {
        case 'h':
            vswitchd_usage();

        case 'V':
            ovs_print_version();
            exit(EXIT_SUCCESS);

        case OPT_UNIXCTL:
            free(opts->unixctl_path);
            opts->unixctl_path = xstrdup(optarg);
            break;

        case OPT_ENABLE_DUMMY:
            if (!optarg || !strcmp(optarg, "system")) {
                opts->dummy = BRIDGE_DUMMY_ENABLE;
            } else if (!strcmp(optarg, "override")) {
                opts->dummy = BRIDGE_DUMMY_OVERRIDE;
            } else {
                ovs_fatal(0, "--enable-dummy: unknown argument \"%s\" "
                          "(use \"override\" or nothing)", optarg);
            }
            break;

        case OPT_DISABLE_SYSTEM:
            /* Accepted for compatibility: there is no other datapath to
             * disable it in favour of. */
            break;

        DAEMON_OPTION_HANDLERS
        VLOG_OPTION_HANDLERS
        STREAM_SSL_OPTION_HANDLERS

        case '?':
            exit(EXIT_FAILURE);

        default:
            OVS_NOT_REACHED();
        }
    }

    argc -= optind;
    argv += optind;
    if (argc > 1) {
        ovs_fatal(0, "at most one non-option argument accepted; "
                  "use --help for usage");
    }
    opts->remote = (argc == 1
                    ? xstrdup(argv[0])
                    : xasprintf("unix:%s/db.sock", ovs_rundir()));
}

static void
vswitchd_usage(void)
{
    printf("%s: the ovs-tc switch daemon\n"
           "usage: %s [OPTIONS] [DATABASE]\n"
           "DATABASE is where ovsdb-server listens for the switch's "
           "configuration\n"
           "(default: \"unix:%s/db.sock\").\n",
           program_name, program_name, ovs_rundir());
    stream_usage("DATABASE", true, false);
    daemon_usage();
    vlog_usage();
    printf("\nOther options:\n"
           "  --enable-dummy[=override]  allow datapath type \"dummy\"; "
           "with\n"
           "                          \"override\", put every bridge on "
           "it\n"
           "  --unixctl=SOCKET        control socket, \"none\" for none\n"
           "                          (default: %s/%s.PID.ctl)\n"
           "  -h, --help              show this help and exit\n"
           "  -V, --version           show the version and exit\n",
           ovs_rundir(), program_name);
    exit(EXIT_SUCCESS);
}

static void
vswitchd_unixctl_exit(struct unixctl_conn *conn, int argc,
                      const char *argv[], void *state_)
{
    struct vswitchd_exit_state *state = state_;

    if (argc > 1 && strcmp(argv[1], "--cleanup")) {
        char *error = xasprintf("exit: unknown option \"%s\" "
                                "(only --cleanup is accepted)", argv[1]);

        unixctl_command_reply_error(conn, error);
        free(error);
        return;
    }

    state->exiting = true;
    state->cleanup = argc > 1;
    unixctl_command_reply(conn, NULL);
}

int
main(int argc, char *argv[])
{
    struct vswitchd_exit_state exit_state = { 0 };
    struct vswitchd_options opts;
    struct unixctl_server *unixctl;
    int error;

    set_program_name(argv[0]);
    vswitchd_parse_options(argc, argv, &opts);
    fatal_signal_init();
    vlog_init();

    daemonize_start();
    error = unixctl_server_create(opts.unixctl_path, &unixctl);
    if (error) {
        ovs_fatal(error, "could not create the control socket");
    }
    unixctl_command_register("exit", "[--cleanup]", 0, 1,
                             vswitchd_unixctl_exit, &exit_state);
    coverage_init();
    ofproto_init();
    bridge_init(opts.remote, opts.dummy);
    daemonize_complete();

    VLOG_INFO("%s (ovs-tc) %s", program_name, ovs_get_program_version());
    VLOG_INFO("database is %s", opts.remote);

    while (!exit_state.exiting) {
        fatal_signal_run();
        bridge_run();
        unixctl_server_run(unixctl);
        coverage_run();
        if (exit_state.exiting) {
            break;
        }
        bridge_wait();
        unixctl_server_wait(unixctl);
        coverage_wait();
        fatal_signal_wait();
        poll_block();
    }

    bridge_exit(exit_state.cleanup);
    VLOG_INFO("exiting on request%s",
              exit_state.cleanup ? " (with --cleanup)" : "");
    unixctl_server_destroy(unixctl);
    free(opts.remote);
    free(opts.unixctl_path);
    return 0;
}
