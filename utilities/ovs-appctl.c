/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

/* ovs-appctl: sends one command to a running daemon's control socket and
 * prints the answer. */

#include <config.h>

#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "daemon.h"
#include "dirs.h"
#include "jsonrpc.h"
#include "unixctl.h"
#include "util.h"
#include "vlog.h"

VLOG_DEFINE_THIS_MODULE(appctl);

/* Exit statuses.  Status 2 tells a script that the daemon answered with an
 * error, as opposed to not answering at all. */
enum {
    APPCTL_EXIT_FAILURE = 1,
    APPCTL_EXIT_SERVER_ERROR = 2
};

struct appctl_options {
    const char *target;         /* -t: program name or socket path. */
    int timeout;                /* -T: seconds, 0 for none. */
};

/* The message the SIGALRM handler prints; composed before the alarm is
 * armed, since a handler may not allocate. */
static char timeout_msg[512];
static size_t timeout_msg_len;

static OVS_NO_RETURN void appctl_usage(void);
static OVS_NO_RETURN void appctl_print_options(const struct option *);

static void
appctl_parse_options(int argc, char *argv[], struct appctl_options *opts)
{
    enum {
        VLOG_OPTION_ENUMS
    };
    static const struct option long_options[] = {
        {"target", required_argument, NULL, 't'},
        {"timeout", required_argument, NULL, 'T'},
        {"execute", no_argument, NULL, 'e'},
        {"help", no_argument, NULL, 'h'},
        {"option", no_argument, NULL, 'o'},
        {"version", no_argument, NULL, 'V'},
        VLOG_LONG_OPTIONS,
        {NULL, 0, NULL, 0},
    };

    opts->target = "ovs-vswitchd";
    opts->timeout = 0;

    for (;;) {
        /* A leading '+' stops at the command: what follows it are the
         * command's arguments, even if they start with '-'. */
        int c = getopt_long(argc, argv, "+t:T:ehoVv::", long_options, NULL);

        if (c == -1) {
            break;
        }
        switch (c) {
        case 't':
            opts->target = optarg;
            break;

        case 'T':
            if (!str_to_int(optarg, 10, &opts->timeout)
                || opts->timeout <= 0) {
                ovs_fatal(0, "value %s on -T or --timeout is invalid",
                          optarg);
            }
            break;

        case 'e':
            /* Obsolete spelling kept by old scripts; means nothing. */
            break;

        case 'h':
            appctl_usage();

        case 'o':
            appctl_print_options(long_options);

        case 'V':
            ovs_print_version();
            exit(EXIT_SUCCESS);

        VLOG_OPTION_HANDLERS

        case '?':
            exit(APPCTL_EXIT_FAILURE);

        default:
            OVS_NOT_REACHED();
        }
    }

    if (optind >= argc) {
        ovs_fatal(0, "at least one non-option argument is required "
                  "(use --help for help)");
    }
}

static void
appctl_usage(void)
{
    printf("%s, for querying and controlling a running daemon\n"
           "usage: %s [TARGET] COMMAND [ARG...]\n"
           "Targets:\n"
           "  -t, --target=TARGET  a program name, or with a slash the "
           "path of a\n"
           "                       control socket (default: ovs-vswitchd)\n"
           "                       pidfiles are looked up in %s\n"
           "Commands every daemon has:\n"
           "  list-commands      show the daemon's commands\n"
           "  version            show the daemon's version\n"
           "  vlog/list          show the logging levels\n"
           "  vlog/set SPEC      change logging levels; SPEC is\n"
           "                     [MODULE][:DESTINATION][:LEVEL] with\n"
           "                     DESTINATION one of console, syslog, file\n"
           "                     and LEVEL one of off, emer, err, warn,\n"
           "                     info, dbg\n"
           "  vlog/reopen        reopen the log file (after rotation)\n"
           "Other options:\n"
           "  -T, --timeout=SECS  give up after SECS seconds\n"
           "  -h, --help          show this help and exit\n"
           "  -V, --version       show %s's version and exit\n",
           program_name, program_name, ovs_rundir(), program_name);
    vlog_usage();
    exit(EXIT_SUCCESS);
}

/* Prints the long and short options, for shell completion. */
static void
appctl_print_options(const struct option *options)
{
    for (const struct option *o = options; o->name; o++) {
        const char *arg = (o->has_arg == required_argument ? "=ARG"
                           : o->has_arg == optional_argument ? "=[ARG]"
                           : "");
        const char *short_arg = (o->has_arg == required_argument ? " ARG"
                                 : o->has_arg == optional_argument
                                 ? " [ARG]" : "");

        printf("--%s%s\n", o->name, arg);
        if (o->flag == NULL && o->val > 0 && o->val < 0x80) {
            printf("-%c%s\n", o->val, short_arg);
        }
    }
    exit(EXIT_SUCCESS);
}

/* SIGALRM handler for -T: reports the timeout and dies of the signal, so
 * that the exit status says what happened. */
static void
appctl_alarm_handler(int sig_nr)
{
    ssize_t n OVS_UNUSED = write(STDERR_FILENO, timeout_msg, timeout_msg_len);

    signal(sig_nr, SIG_DFL);
    raise(sig_nr);
}

static void
appctl_arm_timeout(const struct appctl_options *opts)
{
    struct sigaction sa = { .sa_handler = appctl_alarm_handler };

    if (!opts->timeout) {
        return;
    }

    snprintf(timeout_msg, sizeof timeout_msg,
             "%s: %s: timeout: no answer within %d seconds\n",
             program_name, opts->target, opts->timeout);
    timeout_msg_len = strlen(timeout_msg);

    sigemptyset(&sa.sa_mask);
    if (sigaction(SIGALRM, &sa, NULL)) {
        ovs_fatal(errno, "sigaction(SIGALRM) failed");
    }
    alarm(opts->timeout);
}

/* Returns the control socket for 'target', to free.  A target with a slash
 * is the socket itself; otherwise it names a program whose pidfile, in the
 * run directory, gives the pid that completes the socket's name. */
static char *
appctl_target_to_socket(const char *target)
{
    char *pidfile_name;
    char *socket_name;
    pid_t pid;
    int error;

    if (strchr(target, '/')) {
        if (target[0] == '/') {
            return xstrdup(target);
        } else {
            char *cwd = getcwd(NULL, 0);

            if (!cwd) {
                ovs_fatal(errno, "could not get the current directory");
            }
            socket_name = xasprintf("%s/%s", cwd, target);
            free(cwd);
            return socket_name;
        }
    }

    pidfile_name = xasprintf("%s/%s.pid", ovs_rundir(), target);
    error = read_pidfile(pidfile_name, &pid);
    if (error) {
        ovs_error(0, "cannot read pidfile \"%s\" (%s)", pidfile_name,
                  ovs_strerror(error));
        exit(APPCTL_EXIT_FAILURE);
    }
    free(pidfile_name);

    return xasprintf("%s/%s.%ld.ctl", ovs_rundir(), target, (long int) pid);
}

int
main(int argc, char *argv[])
{
    struct appctl_options opts;
    char *cmd_result, *cmd_error;
    struct jsonrpc *client;
    char *socket_name;
    int error;

    set_program_name(argv[0]);
    appctl_parse_options(argc, argv, &opts);
    appctl_arm_timeout(&opts);

    socket_name = appctl_target_to_socket(opts.target);
    error = unixctl_client_create(socket_name, &client);
    if (error) {
        ovs_error(0, "cannot connect to \"%s\" (%s)", socket_name,
                  ovs_retval_to_string(error));
        exit(APPCTL_EXIT_FAILURE);
    }

    error = unixctl_client_transact(client, argv[optind],
                                    argc - optind - 1, &argv[optind + 1],
                                    &cmd_result, &cmd_error);
    if (error) {
        ovs_error(0, "%s: transaction error (%s)", opts.target,
                  ovs_retval_to_string(error));
        exit(APPCTL_EXIT_FAILURE);
    }

    if (cmd_error) {
        size_t len = strlen(cmd_error);

        fflush(stdout);
        fputs(cmd_error, stderr);
        if (len && cmd_error[len - 1] != '\n') {
            putc('\n', stderr);
        }
        ovs_error(0, "%s: server returned an error", opts.target);
        exit(APPCTL_EXIT_SERVER_ERROR);
    }

    /* The body is the daemon's output, printed exactly as it came. */
    fputs(cmd_result, stdout);
    if (fflush(stdout) || ferror(stdout)) {
        ovs_error(errno, "error writing the output");
        exit(APPCTL_EXIT_FAILURE);
    }

    jsonrpc_close(client);
    free(cmd_result);
    free(socket_name);
    return 0;
}
