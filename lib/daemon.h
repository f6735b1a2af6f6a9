/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

#ifndef DAEMON_H
#define DAEMON_H 1

/* Running as a daemon: the pidfile, detaching from the terminal, and the
 * command-line options that control both.
 *
 * A daemon parses its options, then calls daemonize_start(), which (with
 * --detach) forks and continues in the child, and creates the pidfile.  Once
 * the daemon is ready to serve (its unixctl socket exists), it calls
 * daemonize_complete(), which lets the waiting parent exit successfully.
 * If the child dies before that, the parent exits with a failure status, so
 * "daemon --detach && next-step" is reliable.
 *
 * The pidfile holds the daemon's pid followed by a new-line and carries an
 * fcntl() write lock on the whole file for the life of the process: a pid
 * in a file that no live process locks is stale.  This is also how
 * Open vSwitch's own ovs-appctl recognises a running daemon. */

#include <stdbool.h>
#include <sys/types.h>

/* Configuration.  daemon_set_pidfile(NULL) selects the default
 * <rundir>/<program>.pid; a relative 'name' is taken relative to the run
 * directory. */
void daemon_set_pidfile(const char *name);
const char *daemon_get_pidfile(void);       /* NULL if no pidfile. */
void daemon_set_detach(void);
bool daemon_get_detach(void);
void daemon_set_no_chdir(void);
void daemon_set_overwrite_pidfile(void);
void daemon_set_monitor(void);              /* Accepted, ignored. */

/* Life cycle, see above.  Both are fatal on error.  daemonize() does both
 * at once, for daemons that have nothing to set up in between. */
void daemonize_start(void);
void daemonize_complete(void);
void daemonize(void);

/* Reads the pidfile 'name' and stores its pid in '*pidp'.  Returns 0 if a
 * live process holds the file's lock and that process's pid is the one
 * written in the file, ESRCH if the pidfile is stale, or another positive
 * errno (ENOENT: no such file; EINVAL: unparsable contents). */
int read_pidfile(const char *name, pid_t *pidp);

/* Prints the daemon options for --help. */
void daemon_usage(void);

/* Command-line options, for getopt_long().  Use like VLOG_LONG_OPTIONS in
 * vlog.h:
 *
 *     enum { DAEMON_OPTION_ENUMS, VLOG_OPTION_ENUMS, ... };
 *     static const struct option long_options[] = {
 *         DAEMON_LONG_OPTIONS, VLOG_LONG_OPTIONS, ... };
 *     switch (c) { DAEMON_OPTION_HANDLERS VLOG_OPTION_HANDLERS ... }
 */
#define DAEMON_OPTION_ENUMS                     \
    OPT_DETACH = 0x1100,                        \
    OPT_NO_CHDIR,                               \
    OPT_OVERWRITE_PIDFILE,                      \
    OPT_PIDFILE,                                \
    OPT_MONITOR,                                \
    OPT_NO_SELF_CONFINEMENT

#define DAEMON_LONG_OPTIONS                                             \
    {"detach", no_argument, NULL, OPT_DETACH},                          \
    {"no-chdir", no_argument, NULL, OPT_NO_CHDIR},                      \
    {"overwrite-pidfile", no_argument, NULL, OPT_OVERWRITE_PIDFILE},    \
    {"pidfile", optional_argument, NULL, OPT_PIDFILE},                  \
    {"monitor", no_argument, NULL, OPT_MONITOR},                        \
    {"no-self-confinement", no_argument, NULL, OPT_NO_SELF_CONFINEMENT}

#define DAEMON_OPTION_HANDLERS                  \
    case OPT_DETACH:                            \
        daemon_set_detach();                    \
        break;                                  \
    case OPT_NO_CHDIR:                          \
        daemon_set_no_chdir();                  \
        break;                                  \
    case OPT_OVERWRITE_PIDFILE:                 \
        daemon_set_overwrite_pidfile();         \
        break;                                  \
    case OPT_PIDFILE:                           \
        daemon_set_pidfile(optarg);             \
        break;                                  \
    case OPT_MONITOR:                           \
        daemon_set_monitor();                   \
        break;                                  \
    case OPT_NO_SELF_CONFINEMENT:               \
        break;

#endif /* daemon.h */
