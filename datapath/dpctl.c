/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

#include <config.h>
#include "dpctl.h"
#include "dpctl-private.h"

#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <net/if.h>
#include <stdlib.h>
#include <string.h>
#include <linux/if_link.h>
#include <linux/rtnetlink.h>
#include "dpif.h"
#include "dynamic-string.h"
#include "match.h"
#include "netlink-socket.h"
#include "netlink.h"
#include "odp-format.h"
#include "timeval.h"
#include "unixctl.h"
#include "util.h"
#include "vlog.h"

VLOG_DEFINE_THIS_MODULE(dpctl);

/* Output helpers. */

void
dpctl_print(struct dpctl_params *p, const char *format, ...)
{
    va_list args;

    va_start(args, format);
    ds_put_format_valist(p->output, format, args);
    va_end(args);
}

int
dpctl_error(struct dpctl_params *p, int error, const char *kernel_msg,
            const char *format, ...)
{
    va_list args;

    ds_put_format(p->errors, "%s: ", program_name);
    va_start(args, format);
    ds_put_format_valist(p->errors, format, args);
    va_end(args);
    if (error) {
        ds_put_format(p->errors, " (%s)", ovs_retval_to_string(error));
    }
    if (kernel_msg && kernel_msg[0]) {
        ds_put_format(p->errors, " (kernel: %s)", kernel_msg);
    }
    ds_put_char(p->errors, '\n');
    return error;
}

int
dpctl_error_bare(struct dpctl_params *p, int error, const char *format, ...)
{
    va_list args;

    ds_put_format(p->errors, "%s: ", program_name);
    va_start(args, format);
    ds_put_format_valist(p->errors, format, args);
    va_end(args);
    ds_put_char(p->errors, '\n');
    return error;
}

void
dpctl_params_init(struct dpctl_params *p, struct ds *output,
                  struct ds *errors)
{
    memset(p, 0, sizeof *p);
    p->names = -1;
    p->output = output;
    p->errors = errors;
}

/* Datapath names and handles. */

/* Splits 'spec' ("dp0" or "system@dp0") into a malloc()'d type and name. */
static void
parse_dp_name(const char *spec, char **type, char **name)
{
    const char *at = strchr(spec, '@');

    if (at) {
        *type = xmemdup0(spec, at - spec);
        *name = xstrdup(at + 1);
    } else {
        *type = xstrdup(DPIF_DEFAULT_TYPE);
        *name = xstrdup(spec);
    }
}

/* Finds the only datapath of the default type and stores its name in
 * '*namep' (malloc()'d). */
static int
find_only_dp(struct dpctl_params *p, char **namep)
{
    char **names;
    size_t n;
    int error;

    error = dpif_enumerate(DPIF_DEFAULT_TYPE, &names, &n);
    if (error) {
        return dpctl_error(p, error, NULL, "failed to list datapaths");
    }
    if (n == 1) {
        *namep = xstrdup(names[0]);
    } else if (n == 0) {
        error = dpctl_error_bare(p, ENODEV, "no datapaths exist");
    } else {
        error = dpctl_error_bare(p, EINVAL,
                                 "multiple datapaths, specify one");
    }
    dpif_names_free(names, n);
    return error;
}

int
dpctl_open(struct dpctl_params *p, const char *spec, struct dpctl_dp *dp)
{
    char *type = NULL, *name = NULL, *msg = NULL;
    int error;

    dp->dpif = NULL;
    dp->owned = true;
    if (p->open_dpif) {
        error = p->open_dpif(spec, &dp->dpif, &dp->owned, &msg, p->aux);
        if (error) {
            if (spec) {
                dpctl_error(p, error, msg, "opening datapath %s failed",
                            spec);
            } else {
                dpctl_error(p, error, msg, "opening datapath");
            }
        }
        free(msg);
        return error;
    }

    if (!spec) {
        error = find_only_dp(p, &name);
        if (error) {
            return error;
        }
        type = xstrdup(DPIF_DEFAULT_TYPE);
    } else {
        parse_dp_name(spec, &type, &name);
    }
    error = dpif_open(type, name, &dp->dpif, &msg);
    if (error) {
        dpctl_error(p, error, msg, "opening datapath %s failed", name);
    } else if (p->offload_policy) {
        /* ovs-dpctl --offload: this process places flows in TC too. */
        error = dpif_set_offload(dp->dpif, true, p->offload_policy);
        if (error) {
            dpctl_error(p, error, NULL, "enabling offload (tc-policy %s)",
                        p->offload_policy);
            dpif_close(dp->dpif);
            dp->dpif = NULL;
        }
    }
    free(msg);
    free(type);
    free(name);
    return error;
}

void
dpctl_close(struct dpctl_dp *dp)
{
    if (dp->owned) {
        dpif_close(dp->dpif);
    }
    dp->dpif = NULL;
}

/* Ports: the argument syntax "IFACE[,type=TYPE][,KEY=VALUE]...". */

struct iface_spec {
    char *buf;                  /* Owns the strings below. */
    const char *name;
    const char *type;           /* NULL if not given. */
    struct dpif_port_option *options;
    size_t n_options;
};

static int
parse_iface_spec(struct dpctl_params *p, const char *arg,
                 struct iface_spec *spec)
{
    char *save = NULL, *tok;

    memset(spec, 0, sizeof *spec);
    spec->buf = xstrdup(arg);
    spec->name = strtok_r(spec->buf, ",", &save);
    if (!spec->name || !spec->name[0]) {
        return dpctl_error_bare(p, EINVAL, "%s: missing interface name",
                                arg);
    }
    spec->options = xcalloc(strlen(arg), sizeof *spec->options);
    while ((tok = strtok_r(NULL, ",", &save)) != NULL) {
        char *eq = strchr(tok, '=');

        if (!eq || eq == tok) {
            return dpctl_error_bare(p, EINVAL,
                                    "%s: option '%s' is not KEY=VALUE",
                                    spec->name, tok);
        }
        *eq = '\0';
        if (!strcmp(tok, "type")) {
            spec->type = eq + 1;
        } else {
            spec->options[spec->n_options].key = tok;
            spec->options[spec->n_options].value = eq + 1;
            spec->n_options++;
        }
    }
    return 0;
}

static void
iface_spec_destroy(struct iface_spec *spec)
{
    free(spec->options);
    free(spec->buf);
}

static bool
type_is_system(const char *type)
{
    return !type || !type[0] || !strcmp(type, "system");
}

/* Adds each interface in 'args' to 'dpif'. */
static int
add_ifaces(struct dpctl_params *p, struct dpif *dpif, const char *dp_name,
           int n_args, const char *args[])
{
    int first_error = 0;

    for (int i = 0; i < n_args; i++) {
        struct iface_spec spec;
        int error = parse_iface_spec(p, args[i], &spec);

        if (!error) {
            error = dpif_port_add(dpif, spec.name,
                                  spec.type ? spec.type : "system",
                                  spec.options, spec.n_options, NULL);
            if (error == ENODEV) {
                dpctl_error(p, error, dpif_last_error_msg(dpif),
                            "%s: failed to open network device", spec.name);
            } else if (error) {
                dpctl_error(p, error, dpif_last_error_msg(dpif),
                            "adding %s to %s failed", spec.name, dp_name);
            }
        }
        iface_spec_destroy(&spec);
        if (error && !first_error) {
            first_error = error;
        }
    }
    return first_error;
}

static int
cmd_add_dp(int argc, const char *argv[], struct dpctl_params *p)
{
    char *type, *name, *msg = NULL;
    struct dpif *dpif;
    int error;

    parse_dp_name(argv[1], &type, &name);
    error = dpif_create_and_open(type, name, &dpif, &msg);
    if (error) {
        dpctl_error(p, error, msg, "add_dp");
    } else {
        error = add_ifaces(p, dpif, argv[1], argc - 2, argv + 2);
        dpif_close(dpif);
    }
    free(msg);
    free(type);
    free(name);
    return error;
}

static int
cmd_del_dp(int argc OVS_UNUSED, const char *argv[], struct dpctl_params *p)
{
    struct dpctl_dp dp;
    int error;

    error = dpctl_open(p, argv[1], &dp);
    if (error) {
        return error;
    }
    error = dpif_delete(dp.dpif);
    if (error) {
        dpctl_error(p, error, dpif_last_error_msg(dp.dpif), "del_dp");
    }
    dpctl_close(&dp);
    return error;
}

static int
cmd_add_if(int argc, const char *argv[], struct dpctl_params *p)
{
    struct dpctl_dp dp;
    int error;

    error = dpctl_open(p, argv[1], &dp);
    if (!error) {
        error = add_ifaces(p, dp.dpif, argv[1], argc - 2, argv + 2);
        dpctl_close(&dp);
    }
    return error;
}

/* Reconfigures one port.  Tunnel ports keep their settings in the flows'
 * tunnel metadata, not in the port, so the only thing that can change is
 * nothing: set-if checks that the type matches and refuses options. */
static int
set_iface(struct dpctl_params *p, struct dpif *dpif, const char *dp_name,
          const char *arg)
{
    struct dpif_port port;
    struct iface_spec spec;
    int error;

    error = parse_iface_spec(p, arg, &spec);
    if (error) {
        goto out;
    }
    error = dpif_port_query_by_name(dpif, spec.name, &port);
    if (error) {
        dpctl_error(p, error, dpif_last_error_msg(dpif),
                    "%s: failed to query port in %s", spec.name, dp_name);
        goto out;
    }
    if (spec.type && strcmp(spec.type, port.type)
        && !(type_is_system(spec.type) && type_is_system(port.type))) {
        error = dpctl_error_bare(p, EINVAL,
                                 "%s: can't change type from %s to %s",
                                 spec.name, port.type, spec.type);
    } else if (spec.n_options) {
        error = dpctl_error_bare(p, EINVAL,
                                 "%s: can't change option %s of a %s port "
                                 "(delete and add it again)",
                                 spec.name, spec.options[0].key, port.type);
    }
    dpif_port_destroy(&port);
out:
    iface_spec_destroy(&spec);
    return error;
}

static int
cmd_set_if(int argc, const char *argv[], struct dpctl_params *p)
{
    struct dpctl_dp dp;
    int first_error = 0;
    int error;

    error = dpctl_open(p, argv[1], &dp);
    if (error) {
        return error;
    }
    for (int i = 2; i < argc; i++) {
        error = set_iface(p, dp.dpif, argv[1], argv[i]);
        if (error && !first_error) {
            first_error = error;
        }
    }
    dpctl_close(&dp);
    return first_error;
}

static int
cmd_del_if(int argc, const char *argv[], struct dpctl_params *p)
{
    struct dpctl_dp dp;
    int first_error = 0;
    int error;

    error = dpctl_open(p, argv[1], &dp);
    if (error) {
        return error;
    }
    for (int i = 2; i < argc; i++) {
        struct dpif_port port;
        char *name = xstrdup(argv[i]);
        char *comma = strchr(name, ',');

        if (comma) {
            *comma = '\0';
        }
        error = dpif_port_query_by_name(dp.dpif, name, &port);
        if (error == ENODEV || error == ENOENT) {
            dpctl_error_bare(p, 0, "no port named %s", name);
        } else if (error) {
            dpctl_error(p, error, dpif_last_error_msg(dp.dpif),
                        "%s: failed to query port in %s", name, argv[1]);
        } else {
            error = dpif_port_del(dp.dpif, port.port_no);
            if (error) {
                dpctl_error(p, error, dpif_last_error_msg(dp.dpif),
                            "deleting port %s from %s failed", name,
                            argv[1]);
            }
            dpif_port_destroy(&port);
        }
        if (error && !first_error) {
            first_error = error;
        }
        free(name);
    }
    dpctl_close(&dp);
    return first_error;
}

static int
cmd_dump_dps(int argc OVS_UNUSED, const char *argv[] OVS_UNUSED,
             struct dpctl_params *p)
{
    char **names;
    size_t n;
    int error;

    if (p->open_dpif) {
        struct dpctl_dp dp;

        error = dpctl_open(p, NULL, &dp);
        if (!error) {
            dpctl_print(p, "%s@%s\n", dpif_type(dp.dpif),
                        dpif_name(dp.dpif));
            dpctl_close(&dp);
        }
        return error;
    }
    error = dpif_enumerate(DPIF_DEFAULT_TYPE, &names, &n);
    if (error) {
        return dpctl_error(p, error, NULL, "failed to list datapaths");
    }
    for (size_t i = 0; i < n; i++) {
        dpctl_print(p, "%s@%s\n", DPIF_DEFAULT_TYPE, names[i]);
    }
    dpif_names_free(names, n);
    return 0;
}

/* "show". */

/* Network device statistics (struct rtnl_link_stats64), read over
 * rtnetlink: ovs-dpctl shows the device's own counters, as "ip -s link"
 * does, the overrun/frame/carrier/collision ones included. */
static int
get_link_stats(int ifindex, const char *name,
               struct rtnl_link_stats64 *stats)
{
    static const struct nl_policy policy[] = {
        [IFLA_STATS64] = { .kind = NL_A_UNSPEC,
                           .min_len = sizeof(struct rtnl_link_stats64),
                           .optional = true },
    };
    const struct nlattr *a[ARRAY_SIZE(policy)];
    struct ifinfomsg ifi = { .ifi_family = AF_UNSPEC, .ifi_index = ifindex };
    struct nln_socket *sock;
    struct nl_buf req, reply;
    int error;

    error = nln_socket_open(NETLINK_ROUTE, &sock);
    if (error) {
        return error;
    }
    nl_buf_init(&req, 128);
    nl_buf_init(&reply, 4096);
    nl_msg_put_nlmsghdr(&req, RTM_GETLINK, NLM_F_REQUEST);
    nl_msg_put_header(&req, &ifi, sizeof ifi);
    if (!ifindex) {
        nl_put_string(&req, IFLA_IFNAME, name);
    }
    error = nln_transact(sock, &req, &reply, NULL);
    if (!error && !reply.used) {
        error = EPROTO;
    }
    if (!error) {
        error = nl_parse_msg(reply.data, reply.used, sizeof ifi, policy,
                             ARRAY_SIZE(policy), a);
    }
    if (!error && !a[IFLA_STATS64]) {
        error = EOPNOTSUPP;
    }
    if (!error) {
        memcpy(stats, nl_attr_get(a[IFLA_STATS64]), sizeof *stats);
    }
    nl_buf_uninit(&req);
    nl_buf_uninit(&reply);
    nln_socket_close(sock);
    return error;
}

/* Appends " (1.2 KiB)" and the like for byte counts of 1 KiB or more. */
static void
print_human_size(struct dpctl_params *p, uint64_t n)
{
    static const char *const units[] = { "KiB", "MiB", "GiB", "TiB" };
    double scaled = n;
    int unit = -1;

    while (unit < 3 && scaled >= 1024.0) {
        scaled /= 1024.0;
        unit++;
    }
    if (unit >= 0) {
        dpctl_print(p, " (%.1f %s)", scaled, units[unit]);
    }
}

static void
show_port_stats(struct dpctl_params *p, const struct dpif_port *port)
{
    struct rtnl_link_stats64 s;

    if (get_link_stats(port->ifindex, port->name, &s)) {
        if (!port->has_stats) {
            return;
        }
        memset(&s, 0, sizeof s);
        s.rx_packets = port->stats.rx_packets;
        s.tx_packets = port->stats.tx_packets;
        s.rx_bytes = port->stats.rx_bytes;
        s.tx_bytes = port->stats.tx_bytes;
        s.rx_errors = port->stats.rx_errors;
        s.tx_errors = port->stats.tx_errors;
        s.rx_dropped = port->stats.rx_dropped;
        s.tx_dropped = port->stats.tx_dropped;
    }
    dpctl_print(p, "    RX packets:%llu errors:%llu dropped:%llu "
                "overruns:%llu frame:%llu\n",
                (unsigned long long) s.rx_packets,
                (unsigned long long) s.rx_errors,
                (unsigned long long) s.rx_dropped,
                (unsigned long long) s.rx_over_errors,
                (unsigned long long) s.rx_frame_errors);
    dpctl_print(p, "    TX packets:%llu errors:%llu dropped:%llu "
                "aborted:%llu carrier:%llu\n",
                (unsigned long long) s.tx_packets,
                (unsigned long long) s.tx_errors,
                (unsigned long long) s.tx_dropped,
                (unsigned long long) s.tx_aborted_errors,
                (unsigned long long) s.tx_carrier_errors);
    dpctl_print(p, "    collisions:%llu\n",
                (unsigned long long) s.collisions);
    dpctl_print(p, "    RX bytes:%llu", (unsigned long long) s.rx_bytes);
    print_human_size(p, s.rx_bytes);
    dpctl_print(p, "  TX bytes:%llu", (unsigned long long) s.tx_bytes);
    print_human_size(p, s.tx_bytes);
    dpctl_print(p, "\n");
}

static void
show_dp_stats(struct dpctl_params *p, struct dpif *dpif)
{
    struct dpif_dp_stats st;

    if (dpif_get_dp_stats(dpif, &st)) {
        return;
    }
    dpctl_print(p, "  lookups: hit:%"PRIu64" missed:%"PRIu64
                " lost:%"PRIu64"\n", st.n_hit, st.n_missed, st.n_lost);
    dpctl_print(p, "  flows: %"PRIu64"\n", st.n_flows);
    if (st.n_masks != UINT64_MAX) {
        uint64_t n_pkts = st.n_hit + st.n_missed;
        double per_pkt = (n_pkts && st.n_mask_hit != UINT64_MAX
                          ? (double) st.n_mask_hit / n_pkts : 0.0);

        dpctl_print(p, "  masks: hit:%"PRIu64" total:%"PRIu64
                    " hit/pkt:%.2f\n",
                    st.n_mask_hit == UINT64_MAX ? 0 : st.n_mask_hit,
                    st.n_masks, per_pkt);
        /* A kernel that does not count mask cache hits reports zero. */
        if (st.n_cache_hit != UINT64_MAX && st.n_cache_hit) {
            dpctl_print(p, "  cache: hit:%"PRIu64" hit-rate:%.2f%%\n",
                        st.n_cache_hit,
                        n_pkts ? 100.0 * st.n_cache_hit / n_pkts : 0.0);
        }
    }
    if (st.cache_size != UINT32_MAX) {
        dpctl_print(p, "  caches:\n");
        dpctl_print(p, "    masks-cache: size:%"PRIu32"\n", st.cache_size);
    }
}

static void
show_dpif(struct dpctl_params *p, struct dpif *dpif)
{
    struct dpif_port_dump dump;
    struct dpif_port port;

    dpctl_print(p, "%s@%s:\n", dpif_type(dpif), dpif_name(dpif));
    show_dp_stats(p, dpif);
    DPIF_PORT_FOR_EACH (&port, &dump, dpif) {
        dpctl_print(p, "  port %"PRIu32": %s", odp_to_u32(port.port_no),
                    port.name);
        if (!type_is_system(port.type)) {
            dpctl_print(p, " (%s)", port.type);
        }
        dpctl_print(p, "\n");
        if (p->print_statistics) {
            show_port_stats(p, &port);
        }
    }
}

static int
cmd_show(int argc, const char *argv[], struct dpctl_params *p)
{
    int first_error = 0;

    if (argc > 1) {
        for (int i = 1; i < argc; i++) {
            struct dpctl_dp dp;
            int error = dpctl_open(p, argv[i], &dp);

            if (!error) {
                show_dpif(p, dp.dpif);
                dpctl_close(&dp);
            } else if (!first_error) {
                first_error = error;
            }
        }
    } else if (p->open_dpif) {
        struct dpctl_dp dp;

        first_error = dpctl_open(p, NULL, &dp);
        if (!first_error) {
            show_dpif(p, dp.dpif);
            dpctl_close(&dp);
        }
    } else {
        char **names;
        size_t n;

        first_error = dpif_enumerate(DPIF_DEFAULT_TYPE, &names, &n);
        if (first_error) {
            return dpctl_error(p, first_error, NULL,
                               "failed to list datapaths");
        }
        for (size_t i = 0; i < n; i++) {
            struct dpif *dpif;
            char *msg = NULL;
            int error = dpif_open(DPIF_DEFAULT_TYPE, names[i], &dpif, &msg);

            if (!error) {
                show_dpif(p, dpif);
                dpif_close(dpif);
            } else {
                dpctl_error(p, error, msg, "opening datapath %s failed",
                            names[i]);
                if (!first_error) {
                    first_error = error;
                }
            }
            free(msg);
        }
        dpif_names_free(names, n);
    }
    return first_error;
}

/* The command table. */

enum dpctl_mode { DP_RO, DP_RW };

struct dpctl_command {
    const char *name;
    const char *usage;
    int min_args;
    int max_args;
    int (*handler)(int argc, const char *argv[], struct dpctl_params *);
    enum dpctl_mode mode;
};

static const struct dpctl_command all_commands[] = {
    { "add-dp", "dp [iface...]", 1, INT_MAX, cmd_add_dp, DP_RW },
    { "del-dp", "dp", 1, 1, cmd_del_dp, DP_RW },
    { "add-if", "dp iface...", 2, INT_MAX, cmd_add_if, DP_RW },
    { "set-if", "dp iface...", 2, INT_MAX, cmd_set_if, DP_RW },
    { "del-if", "dp iface...", 2, INT_MAX, cmd_del_if, DP_RW },
    { "dump-dps", "", 0, 0, cmd_dump_dps, DP_RO },
    { "show", "[dp...]", 0, INT_MAX, cmd_show, DP_RO },
    { "dump-flows", "[dp] [filter=..] [type=..]", 0, 3, dpctl_cmd_dump_flows,
      DP_RO },
    { "add-flow", "[dp] flow actions", 2, 3, dpctl_cmd_add_flow, DP_RW },
    { "mod-flow", "[dp] flow actions", 2, 3, dpctl_cmd_mod_flow, DP_RW },
    { "get-flow", "[dp] ufid", 1, 2, dpctl_cmd_get_flow, DP_RO },
    { "del-flow", "[dp] flow", 1, 2, dpctl_cmd_del_flow, DP_RW },
    { "del-flows", "[dp]", 0, 1, dpctl_cmd_del_flows, DP_RW },
};

static const struct dpctl_command *
find_command(const char *name)
{
    for (size_t i = 0; i < ARRAY_SIZE(all_commands); i++) {
        if (!strcmp(all_commands[i].name, name)) {
            return &all_commands[i];
        }
    }
    return NULL;
}

int
dpctl_run_command(int argc, const char *argv[], struct dpctl_params *p)
{
    const struct dpctl_command *cmd;
    int n_args = argc - 1;

    if (argc < 1) {
        dpctl_error_bare(p, 0, "missing command name; use --help for help");
        return EINVAL;
    }
    cmd = find_command(argv[0]);
    if (!cmd) {
        return dpctl_error_bare(p, EINVAL,
                                "unknown command '%s'; use --help for help",
                                argv[0]);
    }
    if (n_args < cmd->min_args) {
        return dpctl_error_bare(p, EINVAL,
                                "'%s' command requires at least %d "
                                "arguments", cmd->name, cmd->min_args);
    }
    if (n_args > cmd->max_args) {
        return dpctl_error_bare(p, EINVAL,
                                "'%s' command takes at most %d arguments",
                                cmd->name, cmd->max_args);
    }
    if (cmd->mode == DP_RW && p->read_only) {
        return dpctl_error_bare(p, EPERM,
                                "'%s' command does not work in read only "
                                "mode", cmd->name);
    }
    return cmd->handler(argc, argv, p);
}

void
dpctl_usage(struct ds *ds)
{
    ds_put_cstr(ds,
"  add-dp DP [IFACE...]       create datapath DP, with ports IFACE...\n"
"  del-dp DP                  destroy datapath DP\n"
"  add-if DP IFACE...         add each IFACE as a port of DP\n"
"  set-if DP IFACE...         check or reconfigure each IFACE of DP\n"
"  del-if DP IFACE...         remove each IFACE from DP\n"
"  dump-dps                   list the datapaths\n"
"  show [DP...]               show each DP (all without DP)\n"
"  dump-flows [DP] [filter=FLOW] [type=TYPE]\n"
"                             list the flows of DP\n"
"  add-flow [DP] FLOW ACTIONS install a flow (fails if it exists)\n"
"  mod-flow [DP] FLOW ACTIONS set the actions of FLOW in DP\n"
"  get-flow [DP] ufid:UFID    show the flow named UFID\n"
"  del-flow [DP] FLOW         delete FLOW (or ufid:UFID) from DP\n"
"  del-flows [DP]             delete every flow of DP\n"
"IFACE is NAME[,type=TYPE][,KEY=VALUE]...: TYPE is system (default),\n"
"internal, tap, vxlan, gre or geneve; vxlan and geneve take dst_port.\n"
"FLOW may start with ufid:UFID.  DP may be left out of the flow\n"
"commands when there is only one datapath.\n");
}

/* ovs-appctl dpctl/... */

struct dpctl_unixctl_aux {
    dpctl_open_dpif_func *open_dpif;
    void *aux;
    const struct dpctl_command *cmd;
};

/* Parses the leading option arguments of an appctl request into 'p';
 * returns the index of the first non-option argument, or -1 after an
 * error message. */
static int
parse_appctl_options(int argc, const char *argv[], struct dpctl_params *p)
{
    int i;

    for (i = 1; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
        const char *opt = argv[i];

        if (!strcmp(opt, "--")) {
            return i + 1;
        } else if (!strcmp(opt, "-s") || !strcmp(opt, "--statistics")) {
            p->print_statistics = true;
        } else if (!strcmp(opt, "-m") || !strcmp(opt, "--more")) {
            p->verbosity++;
        } else if (!strcmp(opt, "--names")) {
            p->names = 1;
        } else if (!strcmp(opt, "--no-names")) {
            p->names = 0;
        } else if (!strcmp(opt, "--clear")) {
            p->zero_statistics = true;
        } else if (!strcmp(opt, "--may-create")) {
            p->may_create = true;
        } else if (opt[1] != '-' && strspn(opt + 1, "sm") == strlen(opt + 1)) {
            for (const char *c = opt + 1; *c; c++) {
                if (*c == 's') {
                    p->print_statistics = true;
                } else {
                    p->verbosity++;
                }
            }
        } else {
            ds_put_format(p->errors, "unknown option \"%s\"\n", opt);
            return -1;
        }
    }
    return i;
}

static void
dpctl_unixctl_handler(struct unixctl_conn *conn, int argc,
                      const char *argv[], void *aux_)
{
    struct dpctl_unixctl_aux *aux = aux_;
    struct ds output = DS_EMPTY_INITIALIZER;
    struct ds errors = DS_EMPTY_INITIALIZER;
    struct dpctl_params p;
    int first, error;

    dpctl_params_init(&p, &output, &errors);
    p.is_appctl = true;
    p.open_dpif = aux->open_dpif;
    p.aux = aux->aux;

    first = parse_appctl_options(argc, argv, &p);
    if (first < 0) {
        error = EINVAL;
    } else {
        /* Rebuild argv with the command name first. */
        int n = argc - first + 1;
        const char **args = xmalloc(n * sizeof *args);

        args[0] = aux->cmd->name;
        memcpy(&args[1], &argv[first], (n - 1) * sizeof *args);
        error = dpctl_run_command(n, args, &p);
        free(args);
    }
    if (error) {
        ds_put_buffer(&errors, ds_cstr(&output), output.length);
        unixctl_command_reply_error(conn, ds_cstr(&errors));
    } else {
        unixctl_command_reply(conn, ds_cstr(&output));
    }
    ds_destroy(&output);
    ds_destroy(&errors);
}

void
dpctl_unixctl_register(dpctl_open_dpif_func *open_dpif, void *aux)
{
    for (size_t i = 0; i < ARRAY_SIZE(all_commands); i++) {
        const struct dpctl_command *cmd = &all_commands[i];
        struct dpctl_unixctl_aux *a = xmalloc(sizeof *a);
        char *name = xasprintf("dpctl/%s", cmd->name);
        char *usage = xasprintf("[-s] [-m] [--names] %s", cmd->usage);

        a->open_dpif = open_dpif;
        a->aux = aux;
        a->cmd = cmd;
        /* Options come as extra leading arguments, so no upper bound. */
        unixctl_command_register(name, usage, cmd->min_args, INT_MAX,
                                 dpctl_unixctl_handler, a);
        free(name);
        free(usage);
    }
}
