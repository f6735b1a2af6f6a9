/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

/* The datapath interface wrapper: provider lookup, argument checks,
 * counters and logging shared by every provider (dpif-provider.h). */

#include <config.h>
#include "dpif-provider.h"
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "dynamic-string.h"
#include "hash.h"
#include "netlink.h"
#include "odp-format.h"
#include "offload-provider.h"
#include "util.h"
#include "vlog.h"

VLOG_DEFINE_THIS_MODULE(dpif);

static struct vlog_rate_limit error_rl = VLOG_RATE_LIMIT_INIT(5, 20);
static struct vlog_rate_limit dbg_rl = VLOG_RATE_LIMIT_INIT(30, 300);

/* Providers.  The built-in ones are constant; test doubles register
 * themselves at run time. */
static const struct dpif_class *const base_classes[] = {
    &dpif_netlink_class,
};

#define MAX_EXTRA_CLASSES 8
static const struct dpif_class *extra_classes[MAX_EXTRA_CLASSES];

static const char *
normalize_type(const char *type)
{
    return type && type[0] ? type : DPIF_DEFAULT_TYPE;
}

static const struct dpif_class *
lookup_class(const char *type)
{
    size_t i;

    type = normalize_type(type);
    for (i = 0; i < ARRAY_SIZE(base_classes); i++) {
        if (!strcmp(base_classes[i]->type, type)) {
            return base_classes[i];
        }
    }
    for (i = 0; i < MAX_EXTRA_CLASSES; i++) {
        if (extra_classes[i] && !strcmp(extra_classes[i]->type, type)) {
            return extra_classes[i];
        }
    }
    return NULL;
}

int
dpif_register_provider(const struct dpif_class *class)
{
    size_t i;

    if (lookup_class(class->type)) {
        return EEXIST;
    }
    for (i = 0; i < MAX_EXTRA_CLASSES; i++) {
        if (!extra_classes[i]) {
            extra_classes[i] = class;
            return 0;
        }
    }
    return ENOSPC;
}

int
dpif_unregister_provider(const char *type)
{
    size_t i;

    for (i = 0; i < MAX_EXTRA_CLASSES; i++) {
        if (extra_classes[i] && !strcmp(extra_classes[i]->type, type)) {
            extra_classes[i] = NULL;
            return 0;
        }
    }
    return ENOENT;
}

/* Base of an instance. */

void
dpif_init(struct dpif *dpif, const struct dpif_class *class,
          const char *name)
{
    memset(dpif, 0, sizeof *dpif);
    dpif->class = class;
    dpif->name = xstrdup(name);
}

void
dpif_uninit(struct dpif *dpif)
{
    if (dpif) {
        free(dpif->name);
        free(dpif->error_msg);
        dpif->name = dpif->error_msg = NULL;
    }
}

void
dpif_set_error_msg(struct dpif *dpif, const char *msg)
{
    free(dpif->error_msg);
    dpif->error_msg = msg && msg[0] ? xstrdup(msg) : NULL;
}

static void
clear_error(struct dpif *dpif)
{
    dpif_set_error_msg(dpif, NULL);
}

const char *
dpif_last_error_msg(const struct dpif *dpif)
{
    return dpif ? dpif->error_msg : NULL;
}

void
dpif_format_error(struct ds *ds, const struct dpif *dpif, int error)
{
    const char *msg = dpif_last_error_msg(dpif);

    ds_put_cstr(ds, ovs_retval_to_string(error));
    if (msg) {
        ds_put_format(ds, " (kernel: %s)", msg);
    }
}

/* Logs failure 'error' of 'what' on 'dpif' (rate-limited; at DBG for
 * probes and for errors that are a normal answer). */
static void
log_failure(const struct dpif *dpif, const char *what, int error,
            const char *msg, bool quiet)
{
    if (!error) {
        return;
    }
    if (quiet) {
        VLOG_DBG_RL(&dbg_rl, "%s: %s failed: %s%s%s%s", dpif->name, what,
                    ovs_retval_to_string(error), msg ? " (kernel: " : "",
                    msg ? msg : "", msg ? ")" : "");
    } else {
        VLOG_WARN_RL(&error_rl, "%s: %s failed: %s%s%s%s", dpif->name, what,
                     ovs_retval_to_string(error), msg ? " (kernel: " : "",
                     msg ? msg : "", msg ? ")" : "");
    }
}

/* Life cycle. */

static int
do_open(const char *type, const char *name, bool create,
        struct dpif **dpifp, char **errp)
{
    const struct dpif_class *class = lookup_class(type);
    int error;

    *dpifp = NULL;
    if (errp) {
        *errp = NULL;
    }
    if (!name || !name[0]) {
        name = DPIF_DEFAULT_NAME;
    }
    if (!class) {
        VLOG_WARN("%s: unknown datapath type \"%s\"", name,
                  normalize_type(type));
        return EAFNOSUPPORT;
    }
    error = class->open(class, name, create, dpifp, errp);
    if (error) {
        *dpifp = NULL;
        if (error != ENODEV || create) {
            VLOG_WARN("%s: failed to %s datapath: %s%s%s%s", name,
                      create ? "create" : "open",
                      ovs_retval_to_string(error),
                      errp && *errp ? " (kernel: " : "",
                      errp && *errp ? *errp : "",
                      errp && *errp ? ")" : "");
        }
        return error;
    }
    VLOG_DBG("%s: opened datapath of type %s", name, class->type);
    return 0;
}

int
dpif_open(const char *type, const char *name, struct dpif **dpifp,
          char **errp)
{
    return do_open(type, name, false, dpifp, errp);
}

int
dpif_create_and_open(const char *type, const char *name,
                     struct dpif **dpifp, char **errp)
{
    return do_open(type, name, true, dpifp, errp);
}

void
dpif_close(struct dpif *dpif)
{
    if (dpif) {
        dpif_offload_close(dpif);
        dpif->class->close(dpif);
    }
}

int
dpif_delete(struct dpif *dpif)
{
    int error;

    clear_error(dpif);
    if (dpif->offload) {
        /* The TC rules live on the port devices, which outlive the
         * datapath: remove them with it. */
        dpif->offload->class->flush(dpif->offload);
    }
    error = dpif->class->destroy ? dpif->class->destroy(dpif) : EOPNOTSUPP;
    if (error) {
        log_failure(dpif, "delete", error, dpif->error_msg, false);
    } else {
        VLOG_INFO("%s: deleted datapath", dpif->name);
    }
    return error;
}

const char *
dpif_name(const struct dpif *dpif)
{
    return dpif->name;
}

const char *
dpif_type(const struct dpif *dpif)
{
    return dpif->class->type;
}

int
dpif_enumerate(const char *type, char ***namesp, size_t *n_namesp)
{
    const struct dpif_class *class = lookup_class(type);

    *namesp = NULL;
    *n_namesp = 0;
    if (!class) {
        return EAFNOSUPPORT;
    }
    return class->enumerate ? class->enumerate(class, namesp, n_namesp) : 0;
}

void
dpif_names_free(char **names, size_t n_names)
{
    size_t i;

    for (i = 0; i < n_names; i++) {
        free(names[i]);
    }
    free(names);
}

/* Features and statistics. */

int
dpif_get_features(struct dpif *dpif, struct dpif_features *features)
{
    memset(features, 0, sizeof *features);
    clear_error(dpif);
    return dpif->class->get_features(dpif, features);
}

int
dpif_get_dp_stats(struct dpif *dpif, struct dpif_dp_stats *stats)
{
    int error;

    memset(stats, 0, sizeof *stats);
    clear_error(dpif);
    error = dpif->class->get_stats(dpif, stats);
    log_failure(dpif, "get_stats", error, dpif->error_msg, false);
    return error;
}

/* Ports. */

void
dpif_port_destroy(struct dpif_port *port)
{
    if (port) {
        free(port->name);
        free(port->type);
        port->name = port->type = NULL;
    }
}

void
dpif_port_clone(struct dpif_port *dst, const struct dpif_port *src)
{
    *dst = *src;
    dst->name = src->name ? xstrdup(src->name) : NULL;
    dst->type = src->type ? xstrdup(src->type) : NULL;
}

int
dpif_port_add(struct dpif *dpif, const char *name, const char *type,
              const struct dpif_port_option options[], size_t n_options,
              odp_port_t *port_nop)
{
    odp_port_t port_no = port_nop ? *port_nop : ODPP_NONE;
    int error;

    clear_error(dpif);
    error = dpif->class->port_add(dpif, name, type ? type : "", options,
                                  n_options, &port_no);
    if (!error) {
        dpif_offload_port_changed(dpif, port_no);
        VLOG_DBG("%s: added %s as port %"PRIu32, dpif->name, name, port_no);
        if (port_nop) {
            *port_nop = port_no;
        }
    } else {
        char *what = xasprintf("adding %s", name);
        log_failure(dpif, what, error, dpif->error_msg, error == EEXIST);
        free(what);
    }
    return error;
}

int
dpif_port_del(struct dpif *dpif, odp_port_t port_no)
{
    int error;

    clear_error(dpif);
    error = dpif->class->port_del(dpif, port_no);
    dpif_offload_port_changed(dpif, port_no);
    if (!error) {
        VLOG_DBG("%s: port_del(%"PRIu32")", dpif->name, port_no);
    } else {
        char *what = xasprintf("deleting port %"PRIu32, port_no);
        log_failure(dpif, what, error, dpif->error_msg, error == ENOENT);
        free(what);
    }
    return error;
}

/* Takes the result of a port query into 'port' (if nonnull) when 'error'
 * is 0, otherwise frees it and leaves 'port' zeroed. */
static int
port_query_finish__(int error, struct dpif_port *tmp, struct dpif_port *port)
{
    if (!error && port) {
        *port = *tmp;
    } else {
        dpif_port_destroy(tmp);
        if (port) {
            memset(port, 0, sizeof *port);
        }
    }
    return error;
}

int
dpif_port_query_by_number(struct dpif *dpif, odp_port_t port_no,
                          struct dpif_port *port)
{
    struct dpif_port tmp = { .name = NULL };

    clear_error(dpif);
    return port_query_finish__(
        dpif->class->port_query_by_number(dpif, port_no, &tmp), &tmp, port);
}

int
dpif_port_query_by_name(struct dpif *dpif, const char *name,
                        struct dpif_port *port)
{
    struct dpif_port tmp = { .name = NULL };

    clear_error(dpif);
    return port_query_finish__(
        dpif->class->port_query_by_name(dpif, name, &tmp), &tmp, port);
}

uint32_t
dpif_port_get_pid(struct dpif *dpif, odp_port_t port_no)
{
    return (dpif->class->port_get_pid
            ? dpif->class->port_get_pid(dpif, port_no) : 0);
}

void
dpif_port_dump_start(struct dpif_port_dump *dump, struct dpif *dpif)
{
    dump->dpif = dpif;
    dump->state = NULL;
    clear_error(dpif);
    dump->error = dpif->class->port_dump_start(dpif, &dump->state);
    log_failure(dpif, "port dump", dump->error, dpif->error_msg, false);
}

bool
dpif_port_dump_next(struct dpif_port_dump *dump, struct dpif_port *port)
{
    struct dpif *dpif = dump->dpif;

    if (dump->error) {
        return false;
    }
    dump->error = dpif->class->port_dump_next(dpif, dump->state, port);
    if (dump->error == EOF) {
        return false;
    }
    log_failure(dpif, "port dump", dump->error, dpif->error_msg, false);
    return !dump->error;
}

int
dpif_port_dump_done(struct dpif_port_dump *dump)
{
    struct dpif *dpif = dump->dpif;

    if (dump->state) {
        int error = dpif->class->port_dump_done(dpif, dump->state);

        dump->state = NULL;
        if (!dump->error || dump->error == EOF) {
            dump->error = error;
        }
    }
    return dump->error == EOF ? 0 : dump->error;
}

/* Flows. */

static void
count_op(struct dpif *dpif, const struct dpif_op *op)
{
    struct dpif_counters *c = &dpif->counters;
    bool failed = op->error != 0;

    switch (op->type) {
    case DPIF_OP_FLOW_PUT:
        c->n_flow_puts++;
        c->n_flow_put_errors += failed;
        break;
    case DPIF_OP_FLOW_DEL:
        c->n_flow_dels++;
        c->n_flow_del_errors += failed;
        break;
    case DPIF_OP_FLOW_GET:
        c->n_flow_gets++;
        c->n_flow_get_errors += failed;
        break;
    case DPIF_OP_EXECUTE:
        c->n_executes++;
        c->n_execute_errors += failed;
        break;
    }
}

static const char *
op_name(enum dpif_op_type type)
{
    switch (type) {
    case DPIF_OP_FLOW_PUT:
        return "flow put";
    case DPIF_OP_FLOW_DEL:
        return "flow del";
    case DPIF_OP_FLOW_GET:
        return "flow get";
    case DPIF_OP_EXECUTE:
        return "execute";
    }
    return "operation";
}

/* Whether a failure of 'op' is an expected answer rather than a problem
 * worth a warning. */
static bool
op_failure_is_quiet(const struct dpif_op *op)
{
    switch (op->type) {
    case DPIF_OP_FLOW_PUT:
        return ((op->u.flow_put.flags & DPIF_FP_PROBE)
                || (op->error == EEXIST
                    && !(op->u.flow_put.flags & DPIF_FP_MODIFY)));
    case DPIF_OP_FLOW_DEL:
    case DPIF_OP_FLOW_GET:
        return op->error == ENOENT;
    case DPIF_OP_EXECUTE:
        return op->u.execute.probe;
    }
    return false;
}

static void
log_op(struct dpif *dpif, const struct dpif_op *op)
{
    if (op->error) {
        log_failure(dpif, op_name(op->type), op->error, op->error_msg,
                    op_failure_is_quiet(op));
    } else if (VLOG_IS_DBG_ENABLED() && op->type == DPIF_OP_FLOW_PUT
               && op->u.flow_put.match) {
        struct ds ds = DS_EMPTY_INITIALIZER;

        odp_match_format(&ds, op->u.flow_put.match, false);
        ds_put_cstr(&ds, ", actions:");
        odp_actions_format(&ds, op->u.flow_put.actions,
                           op->u.flow_put.actions_len);
        VLOG_DBG_RL(&dbg_rl, "%s: flow put %s", dpif->name, ds_cstr(&ds));
        ds_destroy(&ds);
    }
}

void
dpif_operate(struct dpif *dpif, struct dpif_op **ops, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) {
        ops[i]->error = 0;
        ops[i]->error_msg = NULL;
    }
    if (!n) {
        return;
    }
    dpif->counters.n_operate_calls++;

    /* Offload hook: the offload engine ('dpif->offload', dpif-provider.h
     * "Flow placement") takes the flow puts it can place in TC, and the
     * deletes and gets of flows it holds; the rest reach the provider. */
    if (dpif->offload) {
        dpif_offload_operate(dpif, ops, n);
    } else {
        dpif->class->operate(dpif, ops, n);
    }

    for (i = 0; i < n; i++) {
        count_op(dpif, ops[i]);
        log_op(dpif, ops[i]);
    }
}

/* Runs the single operation 'op' and moves its message into the dpif. */
static int
operate1(struct dpif *dpif, struct dpif_op *op)
{
    struct dpif_op *ops[1] = { op };

    clear_error(dpif);
    dpif_operate(dpif, ops, 1);
    if (op->error_msg) {
        dpif->error_msg = op->error_msg;
        op->error_msg = NULL;
    }
    return op->error;
}

int
dpif_flow_put(struct dpif *dpif, enum dpif_flow_put_flags flags,
              const struct match *match, const ovs_u128 *ufid,
              const void *actions, size_t actions_len,
              struct dpif_flow_stats *stats)
{
    struct dpif_op op = {
        .type = DPIF_OP_FLOW_PUT,
        .u.flow_put = {
            .flags = flags,
            .match = match,
            .ufid = ufid,
            .actions = actions,
            .actions_len = actions_len,
            .stats = stats,
        },
    };

    return operate1(dpif, &op);
}

int
dpif_flow_del(struct dpif *dpif, const struct match *match,
              const ovs_u128 *ufid, struct dpif_flow_stats *stats)
{
    struct dpif_op op = {
        .type = DPIF_OP_FLOW_DEL,
        .u.flow_del = {
            .match = match,
            .ufid = ufid,
            .stats = stats,
        },
    };

    return operate1(dpif, &op);
}

int
dpif_flow_get(struct dpif *dpif, const struct match *match,
              const ovs_u128 *ufid, struct nl_buf *buffer,
              struct dpif_flow *flow)
{
    struct dpif_op op = {
        .type = DPIF_OP_FLOW_GET,
        .u.flow_get = {
            .match = match,
            .ufid = ufid,
            .buffer = buffer,
            .flow = flow,
        },
    };

    return operate1(dpif, &op);
}

int
dpif_execute(struct dpif *dpif, struct dpif_execute *execute)
{
    struct dpif_op op = {
        .type = DPIF_OP_EXECUTE,
        .u.execute = *execute,
    };

    return operate1(dpif, &op);
}

int
dpif_flow_flush(struct dpif *dpif)
{
    int error;

    clear_error(dpif);
    /* Offload hook: the offload engine flushes its flows too. */
    error = (dpif->offload
             ? dpif_offload_flush(dpif)
             : dpif->class->flow_flush(dpif));
    log_failure(dpif, "flow flush", error, dpif->error_msg, false);
    return error;
}

struct dpif_flow_dump *
dpif_flow_dump_create(struct dpif *dpif,
                      const struct dpif_flow_dump_options *opts)
{
    /* Offload hook: with an offload engine, the dump merges the flows of
     * both places, filtered by 'opts->type'. */
    clear_error(dpif);
    if (dpif->offload) {
        return dpif_offload_dump_create(dpif, opts);
    }
    return dpif->class->flow_dump_create(dpif, opts);
}

bool
dpif_flow_dump_next(struct dpif_flow_dump *dump, struct dpif_flow *flow)
{
    struct dpif *dpif = dump->dpif;
    int error = (dump->offload_merged
                 ? dpif_offload_dump_next(dump, flow)
                 : dpif->class->flow_dump_next(dump, flow));

    if (error && error != EOF) {
        log_failure(dpif, "flow dump", error, dpif->error_msg, false);
    }
    return !error;
}

int
dpif_flow_dump_destroy(struct dpif_flow_dump *dump)
{
    struct dpif *dpif;
    int error;

    if (!dump) {
        return 0;
    }
    dpif = dump->dpif;
    error = (dump->offload_merged
             ? dpif_offload_dump_destroy(dump)
             : dpif->class->flow_dump_destroy(dump));
    if (error && error != EAGAIN) {
        log_failure(dpif, "flow dump", error, dpif->error_msg, false);
    }
    return error;
}

void
dpif_flow_hash(const void *key, size_t key_len, ovs_u128 *ufid)
{
    uint32_t h = hash_bytes(key, key_len, 0);
    int i;

    /* Four 32-bit hashes chained through their basis make 128 bits. */
    for (i = 0; i < 4; i++) {
        ufid->u32[i] = h;
        h = hash_bytes(key, key_len, h + 0x9e3779b9u * (i + 1));
    }
}

/* Upcalls. */

int
dpif_set_upcall_dispatch(struct dpif *dpif,
                         enum dpif_upcall_dispatch mode)
{
    clear_error(dpif);
    return (dpif->class->set_upcall_dispatch
            ? dpif->class->set_upcall_dispatch(dpif, mode)
            : mode == DPIF_DISPATCH_AUTO ? 0 : EOPNOTSUPP);
}

int
dpif_recv_set(struct dpif *dpif, bool enable)
{
    int error;

    clear_error(dpif);
    error = (dpif->class->recv_set
             ? dpif->class->recv_set(dpif, enable) : EOPNOTSUPP);
    log_failure(dpif, enable ? "enabling upcalls" : "disabling upcalls",
                error, dpif->error_msg, false);
    return error;
}

int
dpif_handlers_set(struct dpif *dpif, uint32_t n_handlers)
{
    int error;

    if (!n_handlers) {
        return EINVAL;
    }
    clear_error(dpif);
    error = (dpif->class->handlers_set
             ? dpif->class->handlers_set(dpif, n_handlers) : EOPNOTSUPP);
    log_failure(dpif, "setting handlers", error, dpif->error_msg, false);
    return error;
}

int
dpif_recv(struct dpif *dpif, uint32_t handler_id, struct dpif_upcall *upcall,
          struct nl_buf *buffer)
{
    int error;

    if (!dpif->class->recv) {
        return EAGAIN;
    }
    error = dpif->class->recv(dpif, handler_id, upcall, buffer);
    if (!error) {
        dpif_flow_hash(upcall->key, upcall->key_len, &upcall->ufid);
        /* Handler threads may count at the same time. */
        __atomic_add_fetch(&dpif->counters.n_upcalls, 1, __ATOMIC_RELAXED);
        if (VLOG_IS_DBG_ENABLED()) {
            struct ds ds = DS_EMPTY_INITIALIZER;

            odp_key_format(&ds, upcall->key, upcall->key_len, NULL, 0,
                           false);
            VLOG_DBG_RL(&dbg_rl, "%s: %s upcall: %s", dpif->name,
                        upcall->type == DPIF_UC_MISS ? "miss" : "action",
                        ds_cstr(&ds));
            ds_destroy(&ds);
        }
    } else if (error != EAGAIN) {
        log_failure(dpif, "upcall receive", error, NULL, false);
    }
    return error;
}

void
dpif_recv_wait(struct dpif *dpif, uint32_t handler_id)
{
    if (dpif->class->recv_wait) {
        dpif->class->recv_wait(dpif, handler_id);
    }
}

void
dpif_recv_purge(struct dpif *dpif)
{
    if (dpif->class->recv_purge) {
        dpif->class->recv_purge(dpif);
    }
}

void
dpif_get_counters(const struct dpif *dpif, struct dpif_counters *counters)
{
    *counters = dpif->counters;
}
