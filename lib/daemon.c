/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

#include <config.h>
#include "daemon.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "dirs.h"
#include "fatal-signal.h"
#include "util.h"
#include "vlog.h"

VLOG_DEFINE_THIS_MODULE(daemon);

/* Configuration from the command line. */
static char *pidfile;           /* Absolute name, or NULL for none. */
static bool detach;             /* --detach. */
static bool chdir_root = true;  /* Not --no-chdir. */
static bool overwrite_pidfile;  /* --overwrite-pidfile. */

/* State. */
static bool started;            /* daemonize_start() has run. */
static bool completed;          /* daemonize_complete() has run. */
static int startup_fd = -1;     /* Child's end of the pipe to the parent. */
static int pidfile_fd = -1;     /* Open and locked for the process's life. */
static dev_t pidfile_dev;       /* Identity of the file we created, so that */
static ino_t pidfile_ino;       /* we never remove another daemon's. */

/* Returns 'name' made absolute relative to the run directory, to free. */
static char *
daemon_abs_in_rundir__(const char *name)
{
    return (name[0] == '/'
            ? xstrdup(name)
            : xasprintf("%s/%s", ovs_rundir(), name));
}

void
daemon_set_pidfile(const char *name)
{
    free(pidfile);
    pidfile = (name && name[0]
               ? daemon_abs_in_rundir__(name)
               : xasprintf("%s/%s.pid", ovs_rundir(), program_name));
}

const char *
daemon_get_pidfile(void)
{
    return pidfile;
}

void
daemon_set_detach(void)
{
    detach = true;
}

bool
daemon_get_detach(void)
{
    return detach;
}

void
daemon_set_no_chdir(void)
{
    chdir_root = false;
}

void
daemon_set_overwrite_pidfile(void)
{
    overwrite_pidfile = true;
}

void
daemon_set_monitor(void)
{
    VLOG_WARN("--monitor is not supported by this version and is ignored");
}

/* Describes a wait() 'status' in a static buffer. */
static const char *
daemon_describe_status__(int status)
{
    static char buf[128];

    if (WIFEXITED(status)) {
        snprintf(buf, sizeof buf, "exit status %d", WEXITSTATUS(status));
    } else if (WIFSIGNALED(status)) {
        snprintf(buf, sizeof buf, "killed by signal %d (%s)",
                 WTERMSIG(status), strsignal(WTERMSIG(status)));
    } else {
        snprintf(buf, sizeof buf, "wait status %d", status);
    }
    return buf;
}

/* The parent's side of --detach: waits until child 'pid' reports through
 * 'fd' that it has started, then exits without running exit handlers (the
 * files they would remove belong to the child now). */
static OVS_NO_RETURN void
daemon_wait_for_child__(int fd, pid_t pid)
{
    char byte;
    ssize_t n;
    int status;

    do {
        n = read(fd, &byte, 1);
    } while (n < 0 && errno == EINTR);
    if (n == 1) {
        _exit(0);
    }

    /* The child closed the pipe without reporting: it died. */
    while (waitpid(pid, &status, 0) < 0) {
        if (errno != EINTR) {
            ovs_error(errno, "waiting for daemon process %ld failed",
                      (long int) pid);
            _exit(1);
        }
    }
    ovs_error(0, "daemon process %ld failed to start (%s)",
              (long int) pid, daemon_describe_status__(status));
    _exit(1);
}

/* Forks; the parent never returns.  The child becomes a session leader and
 * keeps the write end of the startup pipe. */
static void
daemon_fork__(void)
{
    int fds[2];
    pid_t pid;

    if (pipe(fds)) {
        VLOG_FATAL("pipe failed (%s)", ovs_strerror(errno));
    }

    /* Nothing buffered must be written twice. */
    fflush(stdout);
    fflush(stderr);

    pid = fork();
    if (pid < 0) {
        VLOG_FATAL("fork failed (%s)", ovs_strerror(errno));
    } else if (pid > 0) {
        close(fds[1]);
        daemon_wait_for_child__(fds[0], pid);
    }

    close(fds[0]);
    startup_fd = fds[1];
    fcntl(startup_fd, F_SETFD, FD_CLOEXEC);
    if (setsid() < 0) {
        VLOG_WARN("setsid failed (%s)", ovs_strerror(errno));
    }
}

/* Returns the pid of a process that holds a lock on 'fd' conflicting with a
 * write lock, or 0 if none does (or it cannot be told). */
static pid_t
daemon_lock_holder__(int fd)
{
    struct flock lck = {
        .l_type = F_WRLCK,
        .l_whence = SEEK_SET,
    };

    if (fcntl(fd, F_GETLK, &lck) || lck.l_type == F_UNLCK) {
        return 0;
    }
    return lck.l_pid;
}

/* Removes the pidfile at exit, if it is still the one we created. */
static void
daemon_remove_pidfile__(void *aux OVS_UNUSED)
{
    struct stat s;

    if (pidfile && !stat(pidfile, &s)
        && s.st_dev == pidfile_dev && s.st_ino == pidfile_ino) {
        unlink(pidfile);
    }
}

/* Tries once to open, lock and fill in the pidfile.  Returns 0 on success,
 * EAGAIN if the file changed under us (try again), EEXIST with '*holderp'
 * set if a live process holds the lock, or another positive errno. */
static int
daemon_try_pidfile__(pid_t *holderp)
{
    struct flock lck = {
        .l_type = F_WRLCK,
        .l_whence = SEEK_SET,
    };
    struct stat by_fd, by_name;
    char buf[32];
    int error = 0;
    int len;
    int fd;

    *holderp = 0;
    fd = open(pidfile, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) {
        return errno;
    }

    if (fcntl(fd, F_SETLK, &lck)) {
        error = errno;
        if (error == EAGAIN || error == EACCES) {
            *holderp = daemon_lock_holder__(fd);
            error = EEXIST;
        }
        goto out_close;
    }

    /* The previous owner may have removed the name between our open() and
     * our lock; then we hold a lock on a file nobody can find. */
    if (fstat(fd, &by_fd) || stat(pidfile, &by_name)
        || by_fd.st_dev != by_name.st_dev || by_fd.st_ino != by_name.st_ino) {
        error = EAGAIN;
        goto out_close;
    }

    len = snprintf(buf, sizeof buf, "%ld\n", (long int) getpid());
    errno = 0;
    if (ftruncate(fd, 0) || write(fd, buf, len) != len) {
        error = errno ? errno : EIO;
        goto out_close;
    }

    pidfile_fd = fd;
    pidfile_dev = by_fd.st_dev;
    pidfile_ino = by_fd.st_ino;
    return 0;

out_close:
    close(fd);
    return error;
}

/* Creates and locks the pidfile, or dies trying. */
static void
daemon_make_pidfile__(void)
{
    int error = EAGAIN;
    pid_t holder = 0;

    for (int attempt = 0; attempt < 10 && error; attempt++) {
        error = daemon_try_pidfile__(&holder);
        if (error == EEXIST && overwrite_pidfile) {
            /* Take the name over from the running daemon: our file is a new
             * one, and the other daemon keeps its lock on the old one. */
            VLOG_WARN("%s: taking over from pid %ld", pidfile,
                      (long int) holder);
            if (unlink(pidfile) && errno != ENOENT) {
                VLOG_FATAL("%s: unlink failed (%s)", pidfile,
                           ovs_strerror(errno));
            }
            error = EAGAIN;
        } else if (error == EEXIST) {
            VLOG_FATAL("%s: already running as pid %ld, aborting",
                       pidfile, (long int) holder);
        } else if (error && error != EAGAIN) {
            VLOG_FATAL("%s: could not create pidfile (%s)", pidfile,
                       ovs_strerror(error));
        }
    }
    if (error) {
        VLOG_FATAL("%s: pidfile keeps changing, giving up", pidfile);
    }

    fatal_signal_add_hook(daemon_remove_pidfile__, NULL, true);
}

void
daemonize_start(void)
{
    if (started) {
        return;
    }
    started = true;

    if (detach) {
        daemon_fork__();
    }
    if (pidfile) {
        daemon_make_pidfile__();
    }
}

/* Points standard input, output and error at /dev/null. */
static void
daemon_close_standard_fds__(void)
{
    int fd = open("/dev/null", O_RDWR);

    if (fd < 0) {
        VLOG_WARN("could not open /dev/null (%s)", ovs_strerror(errno));
        return;
    }
    fflush(stdout);
    fflush(stderr);
    for (int i = 0; i < 3; i++) {
        if (fd != i) {
            dup2(fd, i);
        }
    }
    if (fd > 2) {
        close(fd);
    }
}

void
daemonize_complete(void)
{
    daemonize_start();
    if (completed) {
        return;
    }
    completed = true;

    if (detach) {
        char byte = 0;
        ssize_t n;

        do {
            n = write(startup_fd, &byte, 1);
        } while (n < 0 && errno == EINTR);
        close(startup_fd);
        startup_fd = -1;

        if (chdir_root && chdir("/")) {
            VLOG_WARN("could not change directory to / (%s)",
                      ovs_strerror(errno));
        }
        daemon_close_standard_fds__();
    }
}

void
daemonize(void)
{
    daemonize_start();
    daemonize_complete();
}

/* Parses the pid in 'buf' (a null-terminated pidfile's contents). */
static int
daemon_parse_pid__(const char *buf, pid_t *pidp)
{
    char *end;
    long int pid;

    errno = 0;
    pid = strtol(buf, &end, 10);
    if (errno || end == buf || pid <= 0 || pid > INT_MAX
        || (*end && strcmp(end, "\n"))) {
        return EINVAL;
    }
    *pidp = pid;
    return 0;
}

int
read_pidfile(const char *name, pid_t *pidp)
{
    struct flock lck = {
        .l_type = F_WRLCK,
        .l_whence = SEEK_SET,
    };
    char buf[32];
    struct stat s;
    ssize_t n;
    int error;
    int fd;

    *pidp = 0;

    /* Our own lock is invisible to F_GETLK, and closing any descriptor of
     * the file would drop it, so answer for our own pidfile directly. */
    if (pidfile_fd >= 0 && !stat(name, &s)
        && s.st_dev == pidfile_dev && s.st_ino == pidfile_ino) {
        *pidp = getpid();
        return 0;
    }

    fd = open(name, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        return errno;
    }

    if (fcntl(fd, F_GETLK, &lck)) {
        error = errno;
        goto out_close;
    }
    if (lck.l_type == F_UNLCK) {
        error = ESRCH;
        goto out_close;
    }

    do {
        n = read(fd, buf, sizeof buf - 1);
    } while (n < 0 && errno == EINTR);
    if (n < 0) {
        error = errno;
        goto out_close;
    }
    buf[n] = '\0';

    error = daemon_parse_pid__(buf, pidp);
    if (!error && *pidp != lck.l_pid) {
        error = ESRCH;
    }
    if (error) {
        *pidp = 0;
    }

out_close:
    close(fd);
    return error;
}

void
daemon_usage(void)
{
    printf("\nDaemon options:\n"
           "  --detach                "
           "go to the background once initialised\n"
           "  --no-chdir              "
           "with --detach, keep the working directory\n"
           "  --pidfile[=FILE]        "
           "write and lock a pidfile\n"
           "                          (default: %s/%s.pid)\n"
           "  --overwrite-pidfile     "
           "with --pidfile, take over from a running daemon\n"
           "  --monitor               "
           "accepted for compatibility; has no effect\n",
           ovs_rundir(), program_name);
}
