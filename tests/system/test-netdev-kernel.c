/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

/* test-netdev-kernel: a command-line driver for datapath/netdev.h,
 * tunnel-dev.h and ethtool-tunnel.h against a real kernel, used by
 * tests/system/netdev.sh and tunnel-dev.sh, which compare what it prints
 * with what iproute2 says.
 *
 *   show DEV|IFINDEX        one line of key=value pairs (netdev_query)
 *   get DEV                 the single-value getters, one per line
 *   set-mtu DEV MTU         \
 *   set-mac DEV MAC          | print "ok" or "error: TEXT (EXTACK)" and
 *   up DEV / down DEV       /  exit 1 on error
 *   exists DEV              "yes" or "no"
 *   ensure TYPE PORT        tunnel_dev_ensure: "ok ifindex=N name=NAME"
 *   verify TYPE PORT        tunnel_dev_verify: "ok", "missing", "wrong: WHY"
 *   remove TYPE PORT        tunnel_dev_remove: "ok"
 *   tunnel-info DEV         ethtool tunnel info of DEV, or "no table: ..."
 *   tunnel-dump             every device's tables: "N device(s)" + lines
 *   port-devices PORT       which devices' tables hold PORT
 *   monitor [RCVBUF]        prints "ready", then one line per link event
 *                           ("overflow" when notifications were lost),
 *                           until killed; RCVBUF shrinks its socket buffer
 *   batch                   reads commands like the above from stdin, one
 *                           per line, each output followed by "<<end rc=N>>"
 *
 * Logs go to stderr.  TYPE is vxlan, gre or geneve. */

#include <config.h>

#include <errno.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "datapath/ethtool-tunnel.h"
#include "datapath/netdev.h"
#include "datapath/tunnel-dev.h"
#include "dynamic-string.h"
#include "netlink-socket.h"
#include "packets.h"
#include "poll-loop.h"
#include "util.h"
#include "vlog.h"

/* Prints the outcome of a change: "ok", or the error and the kernel's
 * extended ack.  Returns the exit status. */
static int
report(int error, char *msg)
{
    if (error) {
        printf("error: %s (%s)\n", ovs_strerror(error),
               msg ? msg : "no extack");
    } else {
        printf("ok\n");
    }
    free(msg);
    return error ? 1 : 0;
}

/* Prints an error line if 'error' is nonzero; returns the exit status. */
static int
report_if_error(int error)
{
    if (error) {
        printf("error: %s\n", ovs_strerror(error));
        return 1;
    }
    return 0;
}

static struct netdev *
open_dev(const char *arg)
{
    struct netdev *netdev;
    int ifindex;
    int error;

    if (str_to_int(arg, 10, &ifindex)) {
        error = netdev_open_ifindex(NULL, ifindex, &netdev);
    } else {
        error = netdev_open(NULL, arg, &netdev);
    }
    if (error) {
        printf("error: cannot open %s: %s\n", arg, ovs_strerror(error));
        return NULL;
    }
    return netdev;
}

static int
cmd_show(const char *dev)
{
    struct netdev *netdev = open_dev(dev);
    struct ds ds = DS_EMPTY_INITIALIZER;
    struct netdev_info info;
    int error;

    if (!netdev) {
        return 1;
    }

    error = netdev_query(netdev, &info);
    if (!error) {
        netdev_info_format(&ds, &info);
        printf("%s min_mtu=%u max_mtu=%u\n", ds_cstr(&ds), info.min_mtu,
               info.max_mtu);
    }
    ds_destroy(&ds);
    netdev_close(netdev);
    return report_if_error(error);
}

static int
cmd_get(const char *dev)
{
    struct netdev *netdev = open_dev(dev);
    char kind[NETDEV_KIND_LEN];
    struct netdev_stats stats;
    unsigned int flags;
    struct eth_addr mac;
    bool carrier;
    int mtu;
    int error;

    if (!netdev) {
        return 1;
    }

    error = netdev_get_mtu(netdev, &mtu);
    if (!error) {
        printf("mtu=%d\n", mtu);
        error = netdev_get_flags(netdev, &flags);
    }
    if (!error) {
        printf("flags=0x%x\n", flags);
        error = netdev_get_carrier(netdev, &carrier);
    }
    if (!error) {
        printf("carrier=%s\n", carrier ? "yes" : "no");
        error = netdev_get_kind(netdev, kind);
    }
    if (!error) {
        printf("kind=%s\n", kind[0] ? kind : "-");
        error = netdev_get_mac(netdev, &mac);
    }
    if (!error) {
        printf("mac="ETH_ADDR_FMT"\n", ETH_ADDR_ARGS(mac));
        error = netdev_get_stats(netdev, &stats);
    }
    if (!error) {
        printf("rx_packets=%llu tx_packets=%llu\n",
               (unsigned long long) stats.rx_packets,
               (unsigned long long) stats.tx_packets);
        printf("ifindex=%d name=%s\n", netdev_get_ifindex(netdev),
               netdev_get_name(netdev));
    }
    netdev_close(netdev);
    return report_if_error(error);
}

static int
cmd_change(const char *cmd, const char *dev, const char *arg)
{
    struct netdev *netdev = open_dev(dev);
    char *msg = NULL;
    int error;

    if (!netdev) {
        return 1;
    }

    if (!strcmp(cmd, "set-mtu")) {
        int mtu;

        if (!arg || !str_to_int(arg, 10, &mtu)) {
            ovs_fatal(0, "set-mtu needs a number");
        }
        error = netdev_set_mtu(netdev, mtu, &msg);
    } else if (!strcmp(cmd, "set-mac")) {
        struct eth_addr mac;

        if (!arg || !eth_addr_from_string(arg, &mac)) {
            ovs_fatal(0, "set-mac needs a MAC address");
        }
        error = netdev_set_mac(netdev, mac, &msg);
    } else {
        error = netdev_set_up(netdev, !strcmp(cmd, "up"), &msg);
    }
    netdev_close(netdev);
    return report(error, msg);
}

static void
parse_tunnel(int argc, char *argv[], enum tunnel_dev_type *type,
             uint16_t *port)
{
    unsigned int n = 0;

    if (argc < 3 || !tunnel_dev_type_from_string(argv[2], type)
        || (argc > 3 && (!str_to_uint(argv[3], 10, &n) || n > 65535))) {
        ovs_fatal(0, "%s needs TYPE [PORT]", argv[1]);
    }
    *port = n;
}

static int
cmd_tunnel(int argc, char *argv[])
{
    enum tunnel_dev_type type;
    char name[IFNAMSIZ];
    char *msg = NULL;
    uint16_t port;
    int ifindex;
    int error;

    parse_tunnel(argc, argv, &type, &port);
    if (!strcmp(argv[1], "ensure")) {
        error = tunnel_dev_ensure(type, port, name, &ifindex, &msg);
        if (!error) {
            printf("ok ifindex=%d name=%s\n", ifindex, name);
            free(msg);
            return 0;
        }
        return report(error, msg);
    } else if (!strcmp(argv[1], "verify")) {
        error = tunnel_dev_verify(type, port, &msg);
        if (error == ENODEV) {
            printf("missing\n");
        } else if (error == EINVAL) {
            printf("wrong: %s\n", msg ? msg : "?");
        } else {
            return report(error, msg);
        }
        free(msg);
        return 0;
    } else {
        return report(tunnel_dev_remove(type, port, &msg), msg);
    }
}

static int
cmd_tunnel_info(const char *dev)
{
    struct ethtool_tunnel_info info;
    struct ds ds = DS_EMPTY_INITIALIZER;
    struct ethtool_tunnel *et;
    char *msg = NULL;
    int ifindex;
    int error;

    error = netdev_name_to_ifindex(NULL, dev, &ifindex);
    if (!error) {
        error = ethtool_tunnel_open(&et);
    }
    if (error) {
        return report_if_error(error);
    }
    error = ethtool_tunnel_get(et, ifindex, &info, &msg);
    if (error == EOPNOTSUPP) {
        printf("no table: %s (%s)\n", ovs_strerror(error),
               msg ? msg : "no extack");
        error = 0;
    } else if (!error) {
        ethtool_tunnel_info_format(&ds, &info);
        printf("%s\n", ds_cstr(&ds));
        ethtool_tunnel_info_uninit(&info);
    } else {
        printf("error: %s (%s)\n", ovs_strerror(error),
               msg ? msg : "no extack");
    }
    free(msg);
    ds_destroy(&ds);
    ethtool_tunnel_close(et);
    return error ? 1 : 0;
}

static int
cmd_tunnel_dump(void)
{
    struct ethtool_tunnel_info *infos;
    struct ethtool_tunnel *et;
    char *msg = NULL;
    size_t n, i;
    int error;

    error = ethtool_tunnel_open(&et);
    if (error) {
        return report_if_error(error);
    }
    error = ethtool_tunnel_dump(et, &infos, &n, &msg);
    if (error) {
        ethtool_tunnel_close(et);
        return report(error, msg);
    }
    printf("%zu device(s) with UDP tunnel port tables\n", n);
    for (i = 0; i < n; i++) {
        struct ds ds = DS_EMPTY_INITIALIZER;

        ethtool_tunnel_info_format(&ds, &infos[i]);
        printf("%s\n", ds_cstr(&ds));
        ds_destroy(&ds);
    }
    ethtool_tunnel_infos_free(infos, n);
    ethtool_tunnel_close(et);
    return 0;
}

static int
cmd_port_devices(const char *arg)
{
    struct ds ds = DS_EMPTY_INITIALIZER;
    struct ethtool_tunnel *et;
    unsigned int port;
    int error;

    if (!str_to_uint(arg, 10, &port) || port > 65535) {
        ovs_fatal(0, "port-devices needs a UDP port");
    }
    error = ethtool_tunnel_open(&et);
    if (error) {
        return report_if_error(error);
    }
    error = ethtool_tunnel_describe_port(et, port, &ds);
    printf("%s\n", ds_cstr(&ds));
    ds_destroy(&ds);
    ethtool_tunnel_close(et);
    return error ? 1 : 0;
}

static int
cmd_monitor(const char *rcvbuf)
{
    struct netdev_monitor *mon;
    unsigned int bytes;
    int error;

    error = netdev_monitor_create(&mon);
    if (error) {
        return report_if_error(error);
    }
    if (rcvbuf) {
        if (!str_to_uint(rcvbuf, 10, &bytes)) {
            ovs_fatal(0, "monitor: bad receive buffer size %s", rcvbuf);
        }
        netdev_monitor_set_rcvbuf_for_testing(mon, bytes);
    }
    printf("ready\n");
    fflush(stdout);
    for (;;) {
        struct netdev_event event;

        while (!(error = netdev_monitor_run(mon, &event))) {
            struct ds ds = DS_EMPTY_INITIALIZER;

            netdev_event_format(&ds, &event);
            printf("%s\n", ds_cstr(&ds));
            fflush(stdout);
            ds_destroy(&ds);
        }
        if (error == ENOBUFS) {
            printf("overflow\n");
            fflush(stdout);
        } else if (error != EAGAIN) {
            printf("error: %s\n", ovs_strerror(error));
            break;
        }
        netdev_monitor_wait(mon);
        poll_block();
    }
    netdev_monitor_destroy(mon);
    return 1;
}

/* Runs command 'argv[1]' with its arguments.  Returns the exit status. */
static int
run_command(int argc, char *argv[])
{
    const char *cmd = argv[1];

    if (!strcmp(cmd, "show") && argc == 3) {
        return cmd_show(argv[2]);
    } else if (!strcmp(cmd, "get") && argc == 3) {
        return cmd_get(argv[2]);
    } else if ((!strcmp(cmd, "set-mtu") || !strcmp(cmd, "set-mac"))
               && argc == 4) {
        return cmd_change(cmd, argv[2], argv[3]);
    } else if ((!strcmp(cmd, "up") || !strcmp(cmd, "down")) && argc == 3) {
        return cmd_change(cmd, argv[2], NULL);
    } else if (!strcmp(cmd, "exists") && argc == 3) {
        printf("%s\n", netdev_exists(NULL, argv[2]) ? "yes" : "no");
        return 0;
    } else if (!strcmp(cmd, "ensure") || !strcmp(cmd, "verify")
               || !strcmp(cmd, "remove")) {
        return cmd_tunnel(argc, argv);
    } else if (!strcmp(cmd, "tunnel-info") && argc == 3) {
        return cmd_tunnel_info(argv[2]);
    } else if (!strcmp(cmd, "tunnel-dump") && argc == 2) {
        return cmd_tunnel_dump();
    } else if (!strcmp(cmd, "port-devices") && argc == 3) {
        return cmd_port_devices(argv[2]);
    } else if (!strcmp(cmd, "monitor") && argc <= 3) {
        return cmd_monitor(argc == 3 ? argv[2] : NULL);
    }
    printf("error: unknown command or wrong arguments: %s\n", cmd);
    return 2;
}

/* Reads commands from stdin, one per line (words separated by spaces, no
 * quoting), and runs each, following its output with a line "<<end rc=N>>"
 * so that a script can drive one long-lived process: every fork and exec
 * is expensive in the sandbox. */
static int
run_batch(void)
{
    char line[1024];

    while (fgets(line, sizeof line, stdin)) {
        char *args[16];
        char *save = NULL;
        char *word;
        int n = 1;

        args[0] = (char *) program_name;
        for (word = strtok_r(line, " \t\n", &save); word && n < 15;
             word = strtok_r(NULL, " \t\n", &save)) {
            args[n++] = word;
        }
        args[n] = NULL;
        if (n > 1) {
            int rc = run_command(n, args);

            fflush(stderr);
            printf("<<end rc=%d>>\n", rc);
            fflush(stdout);
        }
    }
    return 0;
}

int
main(int argc, char *argv[])
{
    set_program_name(argv[0]);
    setvbuf(stdout, NULL, _IOLBF, 0);
    if (argc < 2) {
        ovs_fatal(0, "usage: %s COMMAND [ARG...] (see the source)",
                  argv[0]);
    }
    if (!strcmp(argv[1], "batch") && argc == 2) {
        return run_batch();
    }
    return run_command(argc, argv);
}
