/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

/* The flow commands of dpctl: dump-flows, add-flow, mod-flow, get-flow,
 * del-flow, del-flows. */

#include <config.h>
#include "dpctl-private.h"

#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include "dpif.h"
#include "dynamic-string.h"
#include "match.h"
#include "netlink.h"
#include "odp-format.h"
#include "packets.h"
#include "timeval.h"
#include "util.h"

/* UFIDs: "ufid:" and 32 hexadecimal digits, dashes allowed between them,
 * printed as 8-4-4-4-12.  The four 32-bit words are those of the wire
 * form (OVS_FLOW_ATTR_UFID), in the order they appear there. */

static void
format_ufid(struct ds *ds, const ovs_u128 *ufid)
{
    ds_put_format(ds, "ufid:%08"PRIx32"-%04"PRIx32"-%04"PRIx32"-%04"PRIx32
                  "-%04"PRIx32"%08"PRIx32,
                  ufid->u32[0], ufid->u32[1] >> 16, ufid->u32[1] & 0xffff,
                  ufid->u32[2] >> 16, ufid->u32[2] & 0xffff, ufid->u32[3]);
}

/* If 's' starts with "ufid:", parses the UFID into '*ufid', stores in
 * '*endp' where the rest of 's' starts (after one comma or spaces) and
 * returns 1; returns 0 if there is no "ufid:", -1 if it is malformed. */
static int
parse_ufid(const char *s, ovs_u128 *ufid, const char **endp)
{
    int n_digits = 0;

    while (isspace((unsigned char) *s)) {
        s++;
    }
    if (strncmp(s, "ufid:", 5)) {
        *endp = s;
        return 0;
    }
    s += 5;
    memset(ufid, 0, sizeof *ufid);
    for (; *s && n_digits < 32; s++) {
        int v;

        if (*s == '-') {
            continue;
        } else if (isdigit((unsigned char) *s)) {
            v = *s - '0';
        } else if (isxdigit((unsigned char) *s)) {
            v = tolower((unsigned char) *s) - 'a' + 10;
        } else {
            break;
        }
        ufid->u32[n_digits / 8] = (ufid->u32[n_digits / 8] << 4) | v;
        n_digits++;
    }
    if (n_digits != 32 || isxdigit((unsigned char) *s)) {
        return -1;
    }
    while (isspace((unsigned char) *s)) {
        s++;
    }
    if (*s == ',') {
        s++;
    }
    while (isspace((unsigned char) *s)) {
        s++;
    }
    *endp = s;
    return 1;
}

/* Port names for --names. */

struct port_names {
    odp_port_t *numbers;
    char **names;
    size_t n;
};

static void
port_names_init(struct port_names *pn, struct dpif *dpif)
{
    struct dpif_port_dump dump;
    struct dpif_port port;
    size_t allocated = 0;

    memset(pn, 0, sizeof *pn);
    DPIF_PORT_FOR_EACH (&port, &dump, dpif) {
        if (pn->n >= allocated) {
            allocated = allocated ? 2 * allocated : 8;
            pn->numbers = xrealloc(pn->numbers,
                                   allocated * sizeof *pn->numbers);
            pn->names = xrealloc(pn->names, allocated * sizeof *pn->names);
        }
        pn->numbers[pn->n] = port.port_no;
        pn->names[pn->n] = xstrdup(port.name);
        pn->n++;
    }
}

static void
port_names_destroy(struct port_names *pn)
{
    for (size_t i = 0; i < pn->n; i++) {
        free(pn->names[i]);
    }
    free(pn->names);
    free(pn->numbers);
}

static const char *
port_names_find(const struct port_names *pn, uint32_t port_no)
{
    for (size_t i = 0; i < pn->n; i++) {
        if (odp_to_u32(pn->numbers[i]) == port_no) {
            return pn->names[i];
        }
    }
    return NULL;
}

/* Appends 'text' to 'ds', replacing each port number that stands alone as
 * an output action (a number at nesting depth 0, between the start or a
 * comma and a comma or the end) by its name, when 'pn' knows it. */
static void
put_actions_with_names(struct ds *ds, const char *text,
                       const struct port_names *pn)
{
    int depth = 0;

    for (const char *s = text; *s;) {
        bool at_start = s == text || s[-1] == ',';
        size_t n_digits = strspn(s, "0123456789");

        if (!depth && at_start && n_digits
            && (s[n_digits] == ',' || !s[n_digits])) {
            unsigned long long v = strtoull(s, NULL, 10);
            const char *name = (v <= UINT32_MAX
                                ? port_names_find(pn, v) : NULL);

            if (name) {
                ds_put_cstr(ds, name);
            } else {
                ds_put_buffer(ds, s, n_digits);
            }
            s += n_digits;
            continue;
        }
        if (*s == '(') {
            depth++;
        } else if (*s == ')') {
            depth--;
        }
        ds_put_char(ds, *s++);
    }
}

/* Appends 'text' (a formatted key) to 'ds' with "in_port(N)" replaced by
 * "in_port(NAME)" when 'pn' knows port N. */
static void
put_key_with_names(struct ds *ds, const char *text,
                   const struct port_names *pn)
{
    const char *p = strstr(text, "in_port(");

    if (p) {
        const char *num = p + strlen("in_port(");
        size_t n_digits = strspn(num, "0123456789");

        if (n_digits && num[n_digits] == ')') {
            const char *name = port_names_find(pn, strtoul(num, NULL, 10));

            if (name) {
                ds_put_buffer(ds, text, num - text);
                ds_put_cstr(ds, name);
                ds_put_cstr(ds, num + n_digits);
                return;
            }
        }
    }
    ds_put_cstr(ds, text);
}

/* Flow statistics and lines. */

static void
format_tcp_flags(struct ds *ds, uint16_t flags)
{
    static const struct {
        uint16_t bit;
        char c;
    } letters[] = {
        { 0x002, 'S' }, { 0x001, 'F' }, { 0x008, 'P' }, { 0x004, 'R' },
        { 0x020, 'U' }, { 0x010, '.' }, { 0x040, 'E' }, { 0x080, 'C' },
        { 0x100, 'N' },
    };

    for (size_t i = 0; i < ARRAY_SIZE(letters); i++) {
        if (flags & letters[i].bit) {
            ds_put_char(ds, letters[i].c);
            flags &= ~letters[i].bit;
        }
    }
    if (flags) {
        ds_put_format(ds, "[%"PRIx16"]", flags);
    }
}

static void
format_flow_stats(struct ds *ds, const struct dpif_flow_stats *st)
{
    ds_put_format(ds, "packets:%"PRIu64", bytes:%"PRIu64", used:",
                  st->n_packets, st->n_bytes);
    if (st->used) {
        long long int age = time_msec() - st->used;

        ds_put_format(ds, "%.3fs", (age > 0 ? age : 0) / 1000.0);
    } else {
        ds_put_cstr(ds, "never");
    }
    if (st->tcp_flags) {
        ds_put_cstr(ds, ", flags:");
        format_tcp_flags(ds, st->tcp_flags);
    }
}

/* Appends the dump-flows line for 'f' (without a new-line). */
static void
format_flow(struct ds *ds, const struct dpif_flow *f, int verbosity,
            const struct port_names *pn)
{
    struct ds text = DS_EMPTY_INITIALIZER;

    if (verbosity > 0 && f->ufid_present) {
        format_ufid(ds, &f->ufid);
        ds_put_cstr(ds, ", ");
    }
    if (f->key) {
        odp_key_format(&text, f->key, f->key_len, f->mask, f->mask_len,
                       verbosity > 0);
    } else {
        odp_match_format(&text, &f->match, verbosity > 0);
    }
    if (pn) {
        put_key_with_names(ds, ds_cstr(&text), pn);
    } else {
        ds_put_buffer(ds, text.string, text.length);
    }
    ds_put_cstr(ds, ", ");
    format_flow_stats(ds, &f->stats);
    if (verbosity > 0 && f->attrs.offloaded) {
        ds_put_cstr(ds, ", offloaded:yes");
    }
    if (verbosity > 0 && f->attrs.dp_layer) {
        ds_put_format(ds, ", dp:%s", f->attrs.dp_layer);
    }
    if (verbosity > 0 && f->attrs.dp_layer
        && !strcmp(f->attrs.dp_layer, "tc")) {
        /* Ours: the hardware state of a TC rule. */
        if (f->attrs.offloaded) {
            ds_put_format(ds, ", in_hw:%"PRIu32, f->attrs.in_hw_count);
        } else {
            ds_put_cstr(ds, ", not_in_hw");
        }
    }
    if (verbosity > 0 && f->attrs.reason) {
        /* Ours: why the offload engine left the flow in the kernel
         * datapath, with the detail (field, action, kernel message). */
        ds_put_format(ds, ", offload-reason:%s", f->attrs.reason);
        if (f->attrs.reason_msg) {
            ds_put_format(ds, "(\"%s\")", f->attrs.reason_msg);
        }
    }
    ds_put_cstr(ds, ", actions:");
    ds_clear(&text);
    odp_actions_format(&text, f->actions, f->actions_len);
    if (pn) {
        put_actions_with_names(ds, ds_cstr(&text), pn);
    } else {
        ds_put_buffer(ds, text.string, text.length);
    }
    ds_destroy(&text);
}

static bool
use_names(const struct dpctl_params *p)
{
    return p->names < 0 ? p->verbosity > 0 : p->names > 0;
}

/* dump-flows [DP] [filter=FLOW] [type=TYPE] */
int
dpctl_cmd_dump_flows(int argc, const char *argv[], struct dpctl_params *p)
{
    struct dpif_flow_dump_options opts = { .terse = false, .type = NULL };
    const char *dp_spec = NULL, *filter_s = NULL;
    struct match filter;
    struct port_names pn;
    struct dpif_flow_dump *dump;
    struct dpif_flow flow;
    struct ds line = DS_EMPTY_INITIALIZER;
    struct dpctl_dp dp;
    int error;

    for (int i = 1; i < argc; i++) {
        if (str_starts_with(argv[i], "filter=")) {
            filter_s = argv[i] + strlen("filter=");
        } else if (str_starts_with(argv[i], "type=")) {
            opts.type = argv[i] + strlen("type=");
            if (!dpif_flow_dump_type_valid(opts.type)) {
                return dpctl_error_bare(p, EINVAL,
                                        "Failed to parse type (%s)",
                                        opts.type);
            }
        } else if (!dp_spec) {
            dp_spec = argv[i];
        } else {
            return dpctl_error_bare(p, EINVAL, "invalid argument '%s'",
                                    argv[i]);
        }
    }
    if (filter_s) {
        char *msg = odp_match_parse(filter_s, &filter);

        if (msg) {
            dpctl_error_bare(p, EINVAL, "failed to parse filter (%s)", msg);
            free(msg);
            return EINVAL;
        }
    }

    error = dpctl_open(p, dp_spec, &dp);
    if (error) {
        return error;
    }
    if (use_names(p)) {
        port_names_init(&pn, dp.dpif);
    }
    dump = dpif_flow_dump_create(dp.dpif, &opts);
    while (dpif_flow_dump_next(dump, &flow)) {
        if (filter_s && (flow.match_error
                         || !match_matches_flow(&filter,
                                                &flow.match.flow))) {
            continue;
        }
        ds_clear(&line);
        format_flow(&line, &flow, p->verbosity, use_names(p) ? &pn : NULL);
        dpctl_print(p, "%s\n", ds_cstr(&line));
    }
    error = dpif_flow_dump_destroy(dump);
    if (error) {
        dpctl_error(p, error, dpif_last_error_msg(dp.dpif),
                    "dumping flows");
    }
    if (use_names(p)) {
        port_names_destroy(&pn);
    }
    ds_destroy(&line);
    dpctl_close(&dp);
    return error;
}

/* A flow named on the command line: a UFID, a key and mask, or both. */
struct flow_arg {
    bool has_ufid;
    ovs_u128 ufid;
    bool has_key;
    struct nl_buf key;
    struct nl_buf mask;
};

/* If 'key' has "in_port(NAME)" with a port name rather than a number,
 * returns a malloc()'d copy with the number of port NAME of 'dpif'
 * instead, or NULL with an error message if there is no such port.
 * Otherwise returns a plain copy. */
static char *
resolve_in_port(struct dpctl_params *p, struct dpif *dpif, const char *key)
{
    const char *start = strstr(key, "in_port(");
    struct dpif_port port;
    const char *name, *end;
    char *name_copy, *result;
    int error;

    if (!start) {
        return xstrdup(key);
    }
    name = start + strlen("in_port(");
    end = strchr(name, ')');
    if (!end || end == name || isdigit((unsigned char) *name)) {
        return xstrdup(key);
    }
    name_copy = xmemdup0(name, end - name);
    error = dpif_port_query_by_name(dpif, name_copy, &port);
    if (error) {
        dpctl_error_bare(p, EINVAL, "parsing flow key (in_port(%s): no "
                         "such port)", name_copy);
        free(name_copy);
        return NULL;
    }
    result = xasprintf("%.*s%"PRIu32"%s", (int) (name - key), key,
                       odp_to_u32(port.port_no), end);
    dpif_port_destroy(&port);
    free(name_copy);
    return result;
}

/* Parses flow argument 's' (in_port may name a port of 'dpif'). */
static int
parse_flow_arg(struct dpctl_params *p, struct dpif *dpif, const char *s,
               bool need_key, struct flow_arg *fa)
{
    const char *rest;
    int r;

    memset(fa, 0, sizeof *fa);
    nl_buf_init(&fa->key, 256);
    nl_buf_init(&fa->mask, 256);
    r = parse_ufid(s, &fa->ufid, &rest);
    if (r < 0) {
        return dpctl_error_bare(p, EINVAL, "failed to parse UFID in '%s'",
                                s);
    }
    fa->has_ufid = r > 0;
    if (*rest) {
        char *text = resolve_in_port(p, dpif, rest);
        char *msg;

        if (!text) {
            return EINVAL;
        }
        msg = odp_key_parse(text, &fa->key, &fa->mask);
        free(text);
        if (msg) {
            dpctl_error_bare(p, EINVAL, "parsing flow key (%s)", msg);
            free(msg);
            return EINVAL;
        }
        fa->has_key = true;
    } else if (need_key || !fa->has_ufid) {
        return dpctl_error_bare(p, EINVAL, "missing flow key");
    }
    return 0;
}

static void
flow_arg_destroy(struct flow_arg *fa)
{
    nl_buf_uninit(&fa->key);
    nl_buf_uninit(&fa->mask);
}

/* Runs the one operation 'op' on 'dpif'; on failure prints 'what' with
 * the error and the kernel's message. */
static int
run_op(struct dpctl_params *p, struct dpif *dpif, struct dpif_op *op,
       const char *what)
{
    struct dpif_op *ops[1] = { op };
    int error;

    op->error = 0;
    op->error_msg = NULL;
    dpif_operate(dpif, ops, 1);
    error = op->error;
    if (error) {
        dpctl_error(p, error, op->error_msg, "%s", what);
    }
    free(op->error_msg);
    op->error_msg = NULL;
    return error;
}

static int
put_flow(int argc, const char *argv[], struct dpctl_params *p,
         enum dpif_flow_put_flags flags)
{
    const char *dp_spec = argc > 3 ? argv[1] : NULL;
    struct dpif_flow_stats stats;
    struct nl_buf actions;
    struct flow_arg fa;
    struct dpctl_dp dp;
    struct dpif_op op;
    char *msg;
    int error;

    nl_buf_init(&actions, 256);
    memset(&fa, 0, sizeof fa);
    error = dpctl_open(p, dp_spec, &dp);
    if (error) {
        goto out;
    }
    error = parse_flow_arg(p, dp.dpif, argv[argc - 2], true, &fa);
    if (error) {
        goto close;
    }
    msg = odp_actions_parse(argv[argc - 1], &actions);
    if (msg) {
        error = dpctl_error_bare(p, EINVAL, "parsing actions (%s)", msg);
        free(msg);
        goto close;
    }

    memset(&op, 0, sizeof op);
    memset(&stats, 0, sizeof stats);
    op.type = DPIF_OP_FLOW_PUT;
    op.u.flow_put.flags = flags;
    op.u.flow_put.key = fa.key.data;
    op.u.flow_put.key_len = fa.key.used;
    op.u.flow_put.mask = fa.mask.data;
    op.u.flow_put.mask_len = fa.mask.used;
    op.u.flow_put.ufid = fa.has_ufid ? &fa.ufid : NULL;
    op.u.flow_put.actions = actions.data;
    op.u.flow_put.actions_len = actions.used;
    op.u.flow_put.stats = &stats;
    error = run_op(p, dp.dpif, &op, "updating flow table");
    if (!error && p->print_statistics) {
        struct ds ds = DS_EMPTY_INITIALIZER;

        format_flow_stats(&ds, &stats);
        dpctl_print(p, "%s\n", ds_cstr(&ds));
        ds_destroy(&ds);
    }
close:
    dpctl_close(&dp);
out:
    flow_arg_destroy(&fa);
    nl_buf_uninit(&actions);
    return error;
}

/* add-flow [DP] FLOW ACTIONS */
int
dpctl_cmd_add_flow(int argc, const char *argv[], struct dpctl_params *p)
{
    return put_flow(argc, argv, p, DPIF_FP_CREATE);
}

/* mod-flow [--may-create] [--clear] [DP] FLOW ACTIONS */
int
dpctl_cmd_mod_flow(int argc, const char *argv[], struct dpctl_params *p)
{
    enum dpif_flow_put_flags flags = DPIF_FP_MODIFY;

    if (p->may_create) {
        flags |= DPIF_FP_CREATE;
    }
    if (p->zero_statistics) {
        flags |= DPIF_FP_ZERO_STATS;
    }
    return put_flow(argc, argv, p, flags);
}

/* get-flow [DP] ufid:UFID */
int
dpctl_cmd_get_flow(int argc, const char *argv[], struct dpctl_params *p)
{
    const char *dp_spec = argc > 2 ? argv[1] : NULL;
    struct port_names pn;
    struct dpif_flow flow;
    struct nl_buf buffer;
    struct dpctl_dp dp;
    struct dpif_op op;
    const char *rest;
    ovs_u128 ufid;
    int error;

    if (parse_ufid(argv[argc - 1], &ufid, &rest) != 1 || *rest) {
        return dpctl_error_bare(p, EINVAL, "failed to parse ufid");
    }
    error = dpctl_open(p, dp_spec, &dp);
    if (error) {
        return error;
    }
    nl_buf_init(&buffer, 1024);
    memset(&op, 0, sizeof op);
    op.type = DPIF_OP_FLOW_GET;
    op.u.flow_get.ufid = &ufid;
    op.u.flow_get.buffer = &buffer;
    op.u.flow_get.flow = &flow;
    error = run_op(p, dp.dpif, &op, "getting flow");
    if (!error) {
        struct ds ds = DS_EMPTY_INITIALIZER;

        if (use_names(p)) {
            port_names_init(&pn, dp.dpif);
        }
        format_flow(&ds, &flow, p->verbosity, use_names(p) ? &pn : NULL);
        dpctl_print(p, "%s\n", ds_cstr(&ds));
        ds_destroy(&ds);
        if (use_names(p)) {
            port_names_destroy(&pn);
        }
    }
    nl_buf_uninit(&buffer);
    dpctl_close(&dp);
    return error;
}

/* del-flow [DP] FLOW|ufid:UFID */
int
dpctl_cmd_del_flow(int argc, const char *argv[], struct dpctl_params *p)
{
    const char *dp_spec = argc > 2 ? argv[1] : NULL;
    struct dpif_flow_stats stats;
    struct flow_arg fa;
    struct dpctl_dp dp;
    struct dpif_op op;
    int error;

    memset(&fa, 0, sizeof fa);
    error = dpctl_open(p, dp_spec, &dp);
    if (error) {
        goto out;
    }
    error = parse_flow_arg(p, dp.dpif, argv[argc - 1], false, &fa);
    if (error) {
        goto close;
    }
    memset(&op, 0, sizeof op);
    memset(&stats, 0, sizeof stats);
    op.type = DPIF_OP_FLOW_DEL;
    if (fa.has_ufid) {
        op.u.flow_del.ufid = &fa.ufid;
    } else {
        op.u.flow_del.key = fa.key.data;
        op.u.flow_del.key_len = fa.key.used;
    }
    op.u.flow_del.stats = &stats;
    error = run_op(p, dp.dpif, &op, "deleting flow");
    if (error == ENOENT && !fa.has_ufid) {
        /* A hint, on the standard output as stock ovs-dpctl has it. */
        dpctl_print(p, "Perhaps you need to specify a UFID?\n");
    }
    if (!error && p->print_statistics) {
        struct ds ds = DS_EMPTY_INITIALIZER;

        format_flow_stats(&ds, &stats);
        dpctl_print(p, "%s\n", ds_cstr(&ds));
        ds_destroy(&ds);
    }
close:
    dpctl_close(&dp);
out:
    flow_arg_destroy(&fa);
    return error;
}

/* del-flows [DP] */
int
dpctl_cmd_del_flows(int argc, const char *argv[], struct dpctl_params *p)
{
    struct dpctl_dp dp;
    int error;

    error = dpctl_open(p, argc > 1 ? argv[1] : NULL, &dp);
    if (error) {
        return error;
    }
    error = dpif_flow_flush(dp.dpif);
    if (error) {
        dpctl_error(p, error, dpif_last_error_msg(dp.dpif),
                    "deleting all flows");
    }
    dpctl_close(&dp);
    return error;
}
