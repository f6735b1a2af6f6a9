/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

#ifndef OFCTL_H
#define OFCTL_H 1

/* Internals shared by the source files of ovs-ofctl. */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "compiler.h"
#include "ofp-flow.h"
#include "ofp-msgs.h"
#include "ofp-parse.h"

struct ofpbuf;
struct vconn;

/* Command-line settings. */
extern uint32_t ofctl_versions;     /* Allowed OpenFlow versions. */
extern bool ofctl_strict;
extern bool ofctl_bundle;
extern bool ofctl_no_stats;
extern int ofctl_names;             /* -1 default, 0 --no-names, 1 --names */
extern const char *ofctl_sort_field;    /* NULL: no sorting. */
extern bool ofctl_sort_reverse;

/* Connections (ovs-ofctl.c). */
struct vconn *ofctl_open(const char *target);
void ofctl_burn_xids(struct vconn *, int n);
struct ofpbuf *ofctl_new_msg(void);
void ofctl_transact_noreply(struct vconn *, struct ofpbuf **, size_t n);
void ofctl_check_reply(const struct ofpbuf *, enum ofptype expected);
enum ofp_protocol ofctl_dump_protocol(struct vconn *);

/* A switch's ports, for names. */
struct ofctl_ports {
    struct ofp_port *ports;
    size_t n;
};
void ofctl_fetch_ports(struct vconn *, struct ofctl_ports *);
void ofctl_ports_destroy(struct ofctl_ports *);
bool ofctl_port_by_name(const char *name, ofp_port_t *port, void *ports);

/* Flow tables (ofctl-flows.c). */
struct ofctl_flow {
    struct ofp_flow_mod fm;     /* Match, priority, table, actions... */
};

/* Reads flows from 'file' ("-" for stdin) into a malloc'ed array. */
void ofctl_read_flows(const char *file, int default_command,
                      const struct ofp_parse_ports *,
                      struct ofp_flow_mod **fmsp, size_t *np);
void ofctl_free_flows(struct ofp_flow_mod *, size_t n);
void ofctl_send_flow_mods(struct vconn *, struct ofp_flow_mod *, size_t n);
void ofctl_dump_flows_raw(struct vconn *, const char *filter,
                          const struct ofp_parse_ports *,
                          struct ofp_flow_stats **fssp, size_t *np);

void ofctl_cmd_replace_flows(int argc, char *argv[]);
void ofctl_cmd_diff_flows(int argc, char *argv[]);

#endif /* ofctl.h */
