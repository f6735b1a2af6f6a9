/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

/* ovsdb-server: serves standalone database files to JSON-RPC clients
 * (RFC 7047), with the command line and control commands of Open
 * vSwitch's server. */

#include <config.h>

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "daemon.h"
#include "dirs.h"
#include "dynamic-string.h"
#include "fatal-signal.h"
#include "jsonrpc-server.h"
#include "ovsdb-error.h"
#include "poll-loop.h"
#include "server.h"
#include "stream.h"
#include "timeval.h"
#include "unixctl.h"
#include "util.h"
#include "vlog.h"

VLOG_DEFINE_THIS_MODULE(ovsdb_server);

struct server_options {
    char **db_files;
    size_t n_db_files;
    char **remotes;
    size_t n_remotes;
    char *unixctl_path;         /* --unixctl, or NULL for the default. */
    size_t max_backlog;         /* 0 for the default. */
};

struct server_ctx {
    struct ovsdb_server server;
    struct ovsdb_jsonrpc_server *jsonrpc;
    bool exiting;
};

static OVS_NO_RETURN void server_usage(void);

/* SSL options may name database columns ("db:DB,TABLE,COLUMN"), as init
 * scripts pass them; those we cannot follow and leave unset. */
static void
set_ssl_file(void (*setter)(const char *), const char *value)
{
    if (str_starts_with(value, "db:")) {
        VLOG_INFO("%s: SSL settings read from a database are not "
                  "supported, ignoring", value);
    } else {
        setter(value);
    }
}

static void
append_string(char ***array, size_t *n, const char *s)
{
    *array = xrealloc(*array, (*n + 1) * sizeof **array);
    (*array)[(*n)++] = xstrdup(s);
}

/* Returns 'name' made absolute against the current directory. */
static char *
abs_file_name(const char *name)
{
    char *cwd;
    char *abs;

    if (name[0] == '/') {
        return xstrdup(name);
    }
    cwd = getcwd(NULL, 0);
    if (!cwd) {
        ovs_fatal(errno, "getcwd failed");
    }
    abs = xasprintf("%s/%s", cwd, name);
    free(cwd);
    return abs;
}

static void
parse_options(int argc, char *argv[], struct server_options *opts)
{
    enum {
        OPT_REMOTE = 0x1200,
        OPT_UNIXCTL,
        OPT_BOOTSTRAP_CA_CERT,
        OPT_MAX_BACKLOG,
        OPT_IGNORED_ARG,
        OPT_IGNORED,
        DAEMON_OPTION_ENUMS,
        VLOG_OPTION_ENUMS
    };
    static const struct option long_options[] = {
        {"remote", required_argument, NULL, OPT_REMOTE},
        {"unixctl", required_argument, NULL, OPT_UNIXCTL},
        {"private-key", required_argument, NULL, 'p'},
        {"certificate", required_argument, NULL, 'c'},
        {"ca-cert", required_argument, NULL, 'C'},
        {"bootstrap-ca-cert", required_argument, NULL,
         OPT_BOOTSTRAP_CA_CERT},
        {"ssl-protocols", required_argument, NULL, OPT_IGNORED_ARG},
        {"ssl-ciphers", required_argument, NULL, OPT_IGNORED_ARG},
        {"disable-file-column-diff", no_argument, NULL, OPT_IGNORED},
        {"max-backlog", required_argument, NULL, OPT_MAX_BACKLOG},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        DAEMON_LONG_OPTIONS,
        VLOG_LONG_OPTIONS,
        {NULL, 0, NULL, 0},
    };
    unsigned int backlog;
    int i;

    *opts = (struct server_options) { 0 };
    for (;;) {
        int c = getopt_long(argc, argv, "hVv::p:c:C:", long_options, NULL);

        if (c == -1) {
            break;
        }
        switch (c) {
        case OPT_REMOTE:
            append_string(&opts->remotes, &opts->n_remotes, optarg);
            break;

        case OPT_UNIXCTL:
            free(opts->unixctl_path);
            opts->unixctl_path = xstrdup(optarg);
            break;

        case 'p':
            set_ssl_file(stream_ssl_set_private_key_file, optarg);
            break;

        case 'c':
            set_ssl_file(stream_ssl_set_certificate_file, optarg);
            break;

        case 'C':
        case OPT_BOOTSTRAP_CA_CERT:
            set_ssl_file(stream_ssl_set_ca_cert_file, optarg);
            break;

        case OPT_MAX_BACKLOG:
            if (!str_to_uint(optarg, 10, &backlog) || !backlog) {
                ovs_fatal(0, "--max-backlog: \"%s\" is not a positive "
                          "number of bytes", optarg);
            }
            opts->max_backlog = backlog;
            break;

        case OPT_IGNORED_ARG:
        case OPT_IGNORED:
            break;

        case 'h':
            server_usage();

        case 'V':
            ovs_print_version();
            exit(EXIT_SUCCESS);

        DAEMON_OPTION_HANDLERS
        VLOG_OPTION_HANDLERS

        case '?':
            exit(EXIT_FAILURE);

        default:
            OVS_NOT_REACHED();
        }
    }

    for (i = optind; i < argc; i++) {
        /* --detach changes directory, and compaction and conversion
         * create files next to the database by name. */
        char *name = abs_file_name(argv[i]);

        append_string(&opts->db_files, &opts->n_db_files, name);
        free(name);
    }
    if (!opts->n_db_files) {
        char *name = xasprintf("%s/conf.db", ovs_dbdir());

        append_string(&opts->db_files, &opts->n_db_files, name);
        free(name);
    }
}

static void
server_usage(void)
{
    printf("%s: Open vSwitch database server (ovs-tc)\n"
           "usage: %s [OPTIONS] [DATABASE...]\n"
           "Serves each DATABASE file (OVSDB log format); with none,\n"
           "serves %s/conf.db.\n",
           program_name, program_name, ovs_dbdir());
    printf("\nWhere clients connect (repeat --remote for several):\n"
           "  --remote=REMOTE         connections from REMOTE: punix:PATH,"
           "\n"
           "                          ptcp:PORT[:IP] or pssl:PORT[:IP]\n");
    stream_usage("JSON-RPC", false, true);
    daemon_usage();
    vlog_usage();
    printf("\nOther options:\n"
           "  --unixctl=SOCKET        ovs-appctl socket to create instead "
           "of the default\n"
           "  --max-backlog=BYTES     drop clients with more unsent output"
           "\n"
           "  -h, --help              show this help and exit\n"
           "  -V, --version           show the version and exit\n");
    exit(EXIT_SUCCESS);
}

/* Control commands. */

static void
cmd_exit(struct unixctl_conn *conn, int argc OVS_UNUSED,
         const char *argv[] OVS_UNUSED, void *ctx_)
{
    struct server_ctx *ctx = ctx_;

    ctx->exiting = true;
    unixctl_command_reply(conn, NULL);
}

static void
cmd_compact(struct unixctl_conn *conn, int argc, const char *argv[],
            void *ctx_)
{
    struct server_ctx *ctx = ctx_;
    struct ovsdb_server_db *db;
    struct ds errors = DS_EMPTY_INITIALIZER;
    int n = 0;

    LIST_FOR_EACH (db, node, &ctx->server.dbs) {
        struct ovsdb_error *error;
        int i;

        if (!db->file) {
            continue;
        }
        for (i = 1; i < argc && strcmp(argv[i], db->name); i++) {
            continue;
        }
        if (argc > 1 && i >= argc) {
            continue;
        }
        n++;
        error = ovsdb_server_compact(db);
        if (error) {
            char *s = ovsdb_error_to_string(error);

            ds_put_format(&errors, "%s: compaction failed (%s)\n",
                          db->name, s);
            free(s);
            ovsdb_error_destroy(error);
        }
    }

    if (errors.length) {
        unixctl_command_reply_error(conn, ds_cstr(&errors));
    } else if (argc > 1 && !n) {
        unixctl_command_reply_error(conn, "no database by that name");
    } else {
        unixctl_command_reply(conn, NULL);
    }
    ds_destroy(&errors);
}

static void
cmd_list_dbs(struct unixctl_conn *conn, int argc OVS_UNUSED,
             const char *argv[] OVS_UNUSED, void *ctx_)
{
    struct server_ctx *ctx = ctx_;
    struct ds ds = DS_EMPTY_INITIALIZER;
    struct ovsdb_server_db *db;

    LIST_FOR_EACH (db, node, &ctx->server.dbs) {
        ds_put_format(&ds, "%s\n", db->name);
    }
    unixctl_command_reply(conn, ds_cstr(&ds));
    ds_destroy(&ds);
}

static void
cmd_add_remote(struct unixctl_conn *conn, int argc OVS_UNUSED,
               const char *argv[], void *ctx_)
{
    struct server_ctx *ctx = ctx_;
    int error = ovsdb_jsonrpc_server_add_remote(ctx->jsonrpc, argv[1]);

    if (error && error != EEXIST) {
        char *s = xasprintf("%s: %s", argv[1], ovs_strerror(error));

        unixctl_command_reply_error(conn, s);
        free(s);
    } else {
        unixctl_command_reply(conn, NULL);
    }
}

static void
cmd_remove_remote(struct unixctl_conn *conn, int argc OVS_UNUSED,
                  const char *argv[], void *ctx_)
{
    struct server_ctx *ctx = ctx_;

    if (ovsdb_jsonrpc_server_remove_remote(ctx->jsonrpc, argv[1])) {
        unixctl_command_reply(conn, NULL);
    } else {
        unixctl_command_reply_error(conn, "no such remote");
    }
}

static void
cmd_list_remotes(struct unixctl_conn *conn, int argc OVS_UNUSED,
                 const char *argv[] OVS_UNUSED, void *ctx_)
{
    struct server_ctx *ctx = ctx_;
    struct ds ds = DS_EMPTY_INITIALIZER;

    ovsdb_jsonrpc_server_list_remotes(ctx->jsonrpc, &ds);
    unixctl_command_reply(conn, ds_cstr(&ds));
    ds_destroy(&ds);
}

static void
cmd_reconnect(struct unixctl_conn *conn, int argc OVS_UNUSED,
              const char *argv[] OVS_UNUSED, void *ctx_)
{
    struct server_ctx *ctx = ctx_;

    ovsdb_jsonrpc_server_reconnect(ctx->jsonrpc);
    unixctl_command_reply(conn, NULL);
}

static void
register_commands(struct server_ctx *ctx)
{
    unixctl_command_register("exit", "", 0, 0, cmd_exit, ctx);
    unixctl_command_register("ovsdb-server/compact", "[DB]...", 0, INT_MAX,
                             cmd_compact, ctx);
    unixctl_command_register("ovsdb-server/list-dbs", "", 0, 0,
                             cmd_list_dbs, ctx);
    unixctl_command_register("ovsdb-server/add-remote", "REMOTE", 1, 1,
                             cmd_add_remote, ctx);
    unixctl_command_register("ovsdb-server/remove-remote", "REMOTE", 1, 1,
                             cmd_remove_remote, ctx);
    unixctl_command_register("ovsdb-server/list-remotes", "", 0, 0,
                             cmd_list_remotes, ctx);
    unixctl_command_register("ovsdb-server/reconnect", "", 0, 0,
                             cmd_reconnect, ctx);
}

static void
open_databases(struct server_ctx *ctx, const struct server_options *opts)
{
    size_t i;

    for (i = 0; i < opts->n_db_files; i++) {
        struct ovsdb_error *error;

        error = ovsdb_server_add_db(&ctx->server, opts->db_files[i], NULL);
        if (error) {
            ovs_fatal(0, "%s", ovsdb_error_to_string(error));
        }
    }
}

static void
add_remotes(struct server_ctx *ctx, const struct server_options *opts)
{
    size_t i;

    for (i = 0; i < opts->n_remotes; i++) {
        int error = ovsdb_jsonrpc_server_add_remote(ctx->jsonrpc,
                                                    opts->remotes[i]);

        if (error && error != EEXIST) {
            ovs_fatal(error, "%s: could not listen", opts->remotes[i]);
        }
    }
}

static void
free_options(struct server_options *opts)
{
    size_t i;

    for (i = 0; i < opts->n_db_files; i++) {
        free(opts->db_files[i]);
    }
    for (i = 0; i < opts->n_remotes; i++) {
        free(opts->remotes[i]);
    }
    free(opts->db_files);
    free(opts->remotes);
    free(opts->unixctl_path);
}

int
main(int argc, char *argv[])
{
    struct server_options opts;
    struct unixctl_server *unixctl;
    struct server_ctx ctx = { .exiting = false };
    int error;

    set_program_name(argv[0]);
    parse_options(argc, argv, &opts);
    fatal_signal_init();
    vlog_init();

    daemonize_start();

    ovsdb_server_init(&ctx.server);
    open_databases(&ctx, &opts);
    ctx.jsonrpc = ovsdb_jsonrpc_server_create(&ctx.server);
    if (opts.max_backlog) {
        ovsdb_jsonrpc_server_set_max_backlog(ctx.jsonrpc, opts.max_backlog);
    }
    add_remotes(&ctx, &opts);

    error = unixctl_server_create(opts.unixctl_path, &unixctl);
    if (error) {
        ovs_fatal(error, "could not create the control socket");
    }
    register_commands(&ctx);
    daemonize_complete();
    VLOG_INFO("%s (ovs-tc) %s", program_name, ovs_get_program_version());

    while (!ctx.exiting) {
        fatal_signal_run();
        unixctl_server_run(unixctl);
        ovsdb_jsonrpc_server_run(ctx.jsonrpc);
        ovsdb_server_run(&ctx.server);
        if (ctx.exiting) {
            break;
        }
        unixctl_server_wait(unixctl);
        ovsdb_jsonrpc_server_wait(ctx.jsonrpc);
        ovsdb_server_wait(&ctx.server);
        fatal_signal_wait();
        poll_block();
    }

    VLOG_INFO("exiting on request");
    ovsdb_jsonrpc_server_destroy(ctx.jsonrpc);
    unixctl_server_destroy(unixctl);
    ovsdb_server_destroy(&ctx.server);
    free_options(&opts);
    return 0;
}
