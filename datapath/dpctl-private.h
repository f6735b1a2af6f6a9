/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

#ifndef DPCTL_PRIVATE_H
#define DPCTL_PRIVATE_H 1

/* Shared between the dpctl modules (dpctl.c: datapaths and ports;
 * dpctl-flows.c: flows).  Not for other users. */

#include <stdbool.h>
#include "compiler.h"
#include "dpctl.h"

struct dpif;

/* Appends formatted text to 'p->output'. */
void dpctl_print(struct dpctl_params *p, const char *format, ...)
    OVS_PRINTF_FORMAT(2, 3);

/* Appends the error line "PROGRAM: MESSAGE (STRERROR)" to 'p->errors'
 * ('error' 0 leaves out the parenthesis) followed, when 'kernel_msg' is
 * nonnull and not empty, by " (kernel: KERNEL_MSG)".  Returns 'error'. */
int dpctl_error(struct dpctl_params *p, int error, const char *kernel_msg,
                const char *format, ...)
    OVS_PRINTF_FORMAT(4, 5);

/* Appends the error line "PROGRAM: MESSAGE", without an error text, to
 * 'p->errors' and returns 'error'. */
int dpctl_error_bare(struct dpctl_params *p, int error,
                     const char *format, ...)
    OVS_PRINTF_FORMAT(3, 4);

/* An open datapath and whether dpctl must close it. */
struct dpctl_dp {
    struct dpif *dpif;
    bool owned;
};

/* Opens the datapath named 'spec' ("dp0", "system@dp0"; NULL for the only
 * one), printing an error message on failure. */
int dpctl_open(struct dpctl_params *p, const char *spec,
               struct dpctl_dp *dp);
void dpctl_close(struct dpctl_dp *dp);

/* The flow commands (dpctl-flows.c). */
int dpctl_cmd_dump_flows(int argc, const char *argv[], struct dpctl_params *);
int dpctl_cmd_add_flow(int argc, const char *argv[], struct dpctl_params *);
int dpctl_cmd_mod_flow(int argc, const char *argv[], struct dpctl_params *);
int dpctl_cmd_get_flow(int argc, const char *argv[], struct dpctl_params *);
int dpctl_cmd_del_flow(int argc, const char *argv[], struct dpctl_params *);
int dpctl_cmd_del_flows(int argc, const char *argv[], struct dpctl_params *);

#endif /* dpctl-private.h */
