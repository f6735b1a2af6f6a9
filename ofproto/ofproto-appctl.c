/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

/* Appctl commands of the switch core: bridge/dump-flows, dpif/show. */

#include <config.h>
#include "ofproto-private.h"
#include <stdlib.h>
#include <string.h>
#include "datapath/dpif.h"
#include "dynamic-string.h"
#include "timeval.h"
#include "unixctl.h"
#include "util.h"

/* Appends bridge/dump-flows output for 'ofproto' to 's': every rule of
 * every table, hidden ones included. */
static void
dump_flows(const struct ofproto *ofproto, struct ds *s)
{
    long long now = time_msec();

    for (size_t i = 0; i < OFPROTO_N_TABLES; i++) {
        struct rule *rule;

        if (classifier_is_empty(&ofproto->tables[i])) {
            continue;
        }
        CLS_FOR_EACH_TARGET (rule, cr, &ofproto->tables[i], NULL,
                             ofproto->tables_version) {
            ofproto_format_rule(rule, now, s);
            ds_put_char(s, '\n');
        }
    }
}

static void
bridge_dump_flows_cmd(struct unixctl_conn *conn, int argc,
                      const char *argv[], void *aux OVS_UNUSED)
{
    const struct ofproto *ofproto = ofproto_lookup(argv[argc - 1]);
    struct ds s = DS_EMPTY_INITIALIZER;

    if (!ofproto) {
        unixctl_command_reply_error(conn, "Unknown bridge");
        return;
    }
    dump_flows(ofproto, &s);
    unixctl_command_reply(conn, ds_cstr(&s));
    ds_destroy(&s);
}

static int
compare_names(const void *a_, const void *b_)
{
    const struct ofport *const *a = a_;
    const struct ofport *const *b = b_;

    return strcmp((*a)->name, (*b)->name);
}

static void
format_port_config(const struct ofport *port, struct ds *s)
{
    const struct ofport_tunnel *t = &port->tunnel;
    size_t start = s->length;

    if (port->peer) {
        ds_put_format(s, "peer=%s, ", port->peer);
    }
    if (port->is_tunnel) {
        if (t->dst_port && strcmp(port->type, "gre")
            && t->dst_port != (strcmp(port->type, "vxlan") ? 6081 : 4789)) {
            ds_put_format(s, "dst_port=%u, ", t->dst_port);
        }
        if (t->in_key_flow) {
            ds_put_cstr(s, "key=flow, ");
        } else if (t->in_key_present) {
            ds_put_format(s, "key=%llu, ",
                          (unsigned long long) ntohll(t->in_key));
        }
        if (t->local_ip_flow) {
            ds_put_cstr(s, "local_ip=flow, ");
        } else if (t->local_ip) {
            ds_put_format(s, "local_ip="IP_FMT", ", IP_ARGS(t->local_ip));
        }
        if (t->remote_ip_flow) {
            ds_put_cstr(s, "remote_ip=flow, ");
        } else {
            ds_put_format(s, "remote_ip="IP_FMT", ", IP_ARGS(t->remote_ip));
        }
    }
    if (s->length > start) {
        ds_truncate(s, s->length - 2);
    }
}

static void
show_bridge(const struct ofproto *ofproto, struct ds *s)
{
    size_t n = 0;
    struct ofport **ports = ofproto_sorted_ports(ofproto, &n);

    qsort(ports, n, sizeof *ports, compare_names);
    ds_put_format(s, "  %s:\n", ofproto->name);
    for (size_t i = 0; i < n; i++) {
        const struct ofport *port = ports[i];
        size_t before;

        ds_put_format(s, "    %s %u/", port->name, port->ofp_port);
        if (port->odp_port == ODPP_NONE) {
            ds_put_cstr(s, "none");
        } else {
            ds_put_format(s, "%u", port->odp_port);
        }
        ds_put_format(s, ": (%s", port->type);
        ds_put_cstr(s, ": ");
        before = s->length;
        format_port_config(port, s);
        if (s->length == before) {
            ds_truncate(s, before - 2);
        }
        ds_put_cstr(s, ")\n");
    }
    free(ports);
}

static int
compare_bridges(const void *a_, const void *b_)
{
    const struct ofproto *const *a = a_;
    const struct ofproto *const *b = b_;

    return strcmp((*a)->name, (*b)->name);
}

/* Appends the dpif/show lines of the bridges of datapath type 'type'. */
static void
show_type(const char *type, struct ds *s)
{
    struct ofproto **bridges = NULL;
    size_t n = 0, allocated = 0;
    struct dpif *dpif = ofproto_type_get_dpif(type);

    for (struct ofproto *p = ofproto_first(); p; p = ofproto_next(p)) {
        if (!strcmp(p->type, type)) {
            if (n >= allocated) {
                allocated = allocated ? 2 * allocated : 8;
                bridges = xrealloc(bridges, allocated * sizeof *bridges);
            }
            bridges[n++] = p;
        }
    }
    if (!n) {
        return;
    }
    if (dpif) {
        struct dpif_dp_stats st;

        memset(&st, 0, sizeof st);
        dpif_get_dp_stats(dpif, &st);
        ds_put_format(s, "%s@%s: hit:%"PRIu64" missed:%"PRIu64"\n",
                      dpif_type(dpif), dpif_name(dpif), st.n_hit,
                      st.n_missed);
    } else {
        ds_put_format(s, "%s@ovs-%s: hit:0 missed:0\n", type, type);
    }
    qsort(bridges, n, sizeof *bridges, compare_bridges);
    for (size_t i = 0; i < n; i++) {
        show_bridge(bridges[i], s);
    }
    free(bridges);
}

static void
dpif_show_cmd(struct unixctl_conn *conn, int argc OVS_UNUSED,
              const char *argv[] OVS_UNUSED, void *aux OVS_UNUSED)
{
    struct ds s = DS_EMPTY_INITIALIZER;

    show_type("dummy", &s);
    show_type("system", &s);
    unixctl_command_reply(conn, ds_cstr(&s));
    ds_destroy(&s);
}

void
ofproto_appctl_init(void)
{
    unixctl_command_register("bridge/dump-flows", "[--offload-stats] bridge",
                             1, 2, bridge_dump_flows_cmd, NULL);
    unixctl_command_register("dpif/show", "", 0, 0, dpif_show_cmd, NULL);
}
