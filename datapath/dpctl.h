/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

#ifndef DPCTL_H
#define DPCTL_H 1

/* The datapath management commands ("add-dp", "show", "dump-flows", ...),
 * shared by two front ends:
 *
 *   - the ovs-dpctl program, which opens datapaths itself through dpif.h;
 *
 *   - a daemon that serves them as "ovs-appctl dpctl/COMMAND ..." on its
 *     control socket (dpctl_unixctl_register()), where datapaths are found
 *     through the daemon's own callback.
 *
 * The command syntax and the output text are those of Open vSwitch's
 * ovs-dpctl (see utilities/ovs-dpctl.8).  A command writes its normal
 * output into 'output' and its error messages into 'errors' of struct
 * dpctl_params; nothing goes to stdout or stderr directly. */

#include <stdbool.h>
#include "compiler.h"

struct dpif;
struct ds;

/* How a front end finds a datapath.  Called with the datapath name the
 * user gave ("dp0", "system@dp0") or NULL for "the only datapath";
 * returns 0 and stores a dpif in '*dpifp', or a positive errno value
 * (with an optional malloc()'d explanation in '*errp').  'owned' tells
 * dpctl whether it must dpif_close() the handle when done. */
typedef int dpctl_open_dpif_func(const char *name, struct dpif **dpifp,
                                 bool *owned, char **errp, void *aux);

struct dpctl_params {
    /* Options. */
    bool print_statistics;      /* -s, --statistics. */
    int verbosity;              /* -m, --more (each one adds 1). */
    int names;                  /* --names 1, --no-names 0, default -1. */
    bool may_create;            /* --may-create. */
    bool zero_statistics;       /* --clear. */
    bool read_only;             /* --read-only: refuse changes. */
    bool is_appctl;             /* Called as ovs-appctl dpctl/... */
    const char *offload_policy; /* Ours (ovs-dpctl --offload[=POLICY]):
                                 * NULL, or the tc-policy ("none",
                                 * "skip_sw", "skip_hw") with which the
                                 * datapaths dpctl opens itself place flows
                                 * in TC (dpif_set_offload()). */

    /* Where datapaths come from: NULL means dpif_open() of the name
     * given (and the only existing "system" datapath if none). */
    dpctl_open_dpif_func *open_dpif;
    void *aux;

    /* Output and error text (both must be initialized by the caller). */
    struct ds *output;
    struct ds *errors;
};

/* Initializes 'p' with default options, no callback, and the given
 * output and error buffers. */
void dpctl_params_init(struct dpctl_params *p, struct ds *output,
                       struct ds *errors);

/* Runs the command in 'argv[0]' with arguments 'argv[1]' to
 * 'argv[argc - 1]'.  Returns 0 on success or a positive errno value;
 * either way 'p->errors' may hold messages, one per line, each starting
 * with the program name (as ovs-dpctl prints them). */
int dpctl_run_command(int argc, const char *argv[], struct dpctl_params *p);

/* Appends the usage text of the commands to 'ds'. */
void dpctl_usage(struct ds *ds);

/* Registers every "dpctl/COMMAND" with unixctl for a daemon that owns its
 * datapaths: 'open_dpif' (with 'aux') finds them.  Options are given as
 * leading arguments ("ovs-appctl dpctl/dump-flows -m"). */
void dpctl_unixctl_register(dpctl_open_dpif_func *open_dpif, void *aux);

#endif /* dpctl.h */
