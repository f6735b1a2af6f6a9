/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

#include <config.h>
#include "fatal-signal.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "latch.h"
#include "util.h"
#include "vlog.h"

VLOG_DEFINE_THIS_MODULE(fatal_signal);

/* The signals that end the process through fatal_signal_run(). */
static const int fatal_signals[] = { SIGTERM, SIGINT, SIGHUP, SIGALRM };

/* The first fatal signal received and not yet acted on, or 0.  Written by
 * the handler, read by fatal_signal_run(). */
static volatile sig_atomic_t pending_signal;

/* Set by the handler to wake the event loop. */
static struct latch wakeup;

struct fatal_signal_hook {
    void (*cb)(void *aux);
    void *aux;
    bool run_at_exit;
};

/* Registered hooks and files.  'mutex' guards them; it is never held while
 * a hook runs, so that hooks may register or forget files themselves. */
static pthread_mutex_t mutex = PTHREAD_MUTEX_INITIALIZER;
static struct fatal_signal_hook *hooks;
static size_t n_hooks, allocated_hooks;
static char **files;
static size_t n_files, allocated_files;

/* Whether cleanup has already happened (it runs at most once). */
static bool cleaned_up;

static pthread_once_t init_once = PTHREAD_ONCE_INIT;

static void fatal_signal_handler__(int sig_nr);
static void fatal_signal_atexit__(void);
static void fatal_signal_cleanup__(bool at_exit);

static void
fatal_signal_do_init__(void)
{
    latch_init(&wakeup);

    for (size_t i = 0; i < ARRAY_SIZE(fatal_signals); i++) {
        int sig_nr = fatal_signals[i];
        struct sigaction old_sa;

        if (sigaction(sig_nr, NULL, &old_sa)) {
            ovs_fatal(errno, "sigaction(%d) failed", sig_nr);
        }
        /* Only take signals that still have their default action: respect
         * one the invoker chose to ignore, as nohup does with SIGHUP, and
         * one the program handles itself, such as ovs-appctl's SIGALRM for
         * -T.  The event loop initialises this module lazily, so a program
         * may well have installed its handler first. */
        if (!(old_sa.sa_flags & SA_SIGINFO)
            && old_sa.sa_handler == SIG_DFL) {
            struct sigaction sa = { .sa_handler = fatal_signal_handler__ };

            sigemptyset(&sa.sa_mask);
            sa.sa_flags = SA_RESTART;
            if (sigaction(sig_nr, &sa, NULL)) {
                ovs_fatal(errno, "sigaction(%d) failed", sig_nr);
            }
        }
    }

    if (signal(SIGPIPE, SIG_IGN) == SIG_ERR) {
        ovs_fatal(errno, "signal(SIGPIPE) failed");
    }

    atexit(fatal_signal_atexit__);
}

void
fatal_signal_init(void)
{
    pthread_once(&init_once, fatal_signal_do_init__);
}

/* Runs in signal context: only async-signal-safe work here.
 *
 * A second fatal signal before fatal_signal_run() acted on the first kills
 * the process at once, without cleanup: a process stuck outside its main
 * loop must still yield to a repeated ^C or SIGTERM. */
static void
fatal_signal_handler__(int sig_nr)
{
    int save_errno = errno;

    if (pending_signal) {
        signal(sig_nr, SIG_DFL);
        raise(sig_nr);          /* Delivered when this handler returns. */
    } else {
        pending_signal = sig_nr;
        latch_set(&wakeup);
    }
    errno = save_errno;
}

void
fatal_signal_add_hook(void (*cb)(void *aux), void *aux, bool run_at_exit)
{
    fatal_signal_init();

    pthread_mutex_lock(&mutex);
    if (n_hooks >= allocated_hooks) {
        allocated_hooks = allocated_hooks ? 2 * allocated_hooks : 8;
        hooks = xrealloc(hooks, allocated_hooks * sizeof *hooks);
    }
    hooks[n_hooks++] = (struct fatal_signal_hook) {
        .cb = cb,
        .aux = aux,
        .run_at_exit = run_at_exit,
    };
    pthread_mutex_unlock(&mutex);
}

/* Returns the index of 'file' in 'files', or SIZE_MAX.  The caller holds
 * 'mutex'. */
static size_t
fatal_signal_find_file__(const char *file)
{
    for (size_t i = 0; i < n_files; i++) {
        if (!strcmp(files[i], file)) {
            return i;
        }
    }
    return SIZE_MAX;
}

void
fatal_signal_add_file_to_unlink(const char *file)
{
    fatal_signal_init();

    pthread_mutex_lock(&mutex);
    if (fatal_signal_find_file__(file) == SIZE_MAX) {
        if (n_files >= allocated_files) {
            allocated_files = allocated_files ? 2 * allocated_files : 8;
            files = xrealloc(files, allocated_files * sizeof *files);
        }
        files[n_files++] = xstrdup(file);
    }
    pthread_mutex_unlock(&mutex);
}

void
fatal_signal_remove_file_to_unlink(const char *file)
{
    size_t idx;

    pthread_mutex_lock(&mutex);
    idx = fatal_signal_find_file__(file);
    if (idx != SIZE_MAX) {
        free(files[idx]);
        files[idx] = files[--n_files];
    }
    pthread_mutex_unlock(&mutex);
}

int
fatal_signal_unlink_file_now(const char *file)
{
    int error = unlink(file) ? errno : 0;

    if (error && error != ENOENT) {
        VLOG_WARN("could not unlink \"%s\" (%s)", file, ovs_strerror(error));
    }
    fatal_signal_remove_file_to_unlink(file);
    return error;
}

/* Runs the hooks ('at_exit': only those that asked for it) and removes the
 * registered files, once per process. */
static void
fatal_signal_cleanup__(bool at_exit)
{
    struct fatal_signal_hook *snapshot = NULL;
    size_t n_snapshot;

    pthread_mutex_lock(&mutex);
    if (cleaned_up) {
        pthread_mutex_unlock(&mutex);
        return;
    }
    cleaned_up = true;
    n_snapshot = n_hooks;
    if (n_snapshot) {
        snapshot = xmemdup(hooks, n_snapshot * sizeof *hooks);
    }
    pthread_mutex_unlock(&mutex);

    for (size_t i = n_snapshot; i-- > 0;) {
        if (!at_exit || snapshot[i].run_at_exit) {
            snapshot[i].cb(snapshot[i].aux);
        }
    }
    free(snapshot);

    pthread_mutex_lock(&mutex);
    for (size_t i = 0; i < n_files; i++) {
        unlink(files[i]);
        free(files[i]);
    }
    n_files = 0;
    pthread_mutex_unlock(&mutex);
}

static void
fatal_signal_atexit__(void)
{
    fatal_signal_cleanup__(true);
}

void
fatal_signal_run(void)
{
    int sig_nr = pending_signal;
    sigset_t set;

    if (!sig_nr) {
        return;
    }

    VLOG_WARN("terminating with signal %d (%s)", sig_nr, strsignal(sig_nr));
    fatal_signal_cleanup__(false);

    /* Die of the signal itself, with its default action. */
    signal(sig_nr, SIG_DFL);
    sigemptyset(&set);
    sigaddset(&set, sig_nr);
    pthread_sigmask(SIG_UNBLOCK, &set, NULL);
    raise(sig_nr);

    /* Not reached, unless the default action does not terminate. */
    _exit(128 + sig_nr);
}

void
fatal_signal_wait(void)
{
    fatal_signal_init();
    latch_wait(&wakeup);
}

int
fatal_signal_pending(void)
{
    return pending_signal;
}
