/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

#ifndef FATAL_SIGNAL_H
#define FATAL_SIGNAL_H 1

/* Orderly death on SIGTERM, SIGINT, SIGHUP and SIGALRM.
 *
 * The signal handler itself only records which signal arrived and wakes the
 * event loop through a latch.  The main loop calls fatal_signal_run(), which
 * (outside signal context, so it may do anything) runs the registered hooks,
 * removes the registered files, and then lets the signal kill the process
 * with its default action, so that the parent sees the true cause of death.
 * A main loop that blocks must include fatal_signal_wait() in its poll set.
 *
 * Registered files are also removed, and hooks marked 'run_at_exit' run,
 * when the process exits normally through exit().
 *
 * SIGPIPE is ignored: a peer that goes away shows up as EPIPE instead.
 *
 * Nothing is installed until the first call to any function below, so a
 * program that never calls them keeps the default dispositions. */

#include <stdbool.h>

/* Installs the handlers.  Idempotent; the other functions call it. */
void fatal_signal_init(void);

/* Registers 'cb' to be called with 'aux' when a fatal signal is handled by
 * fatal_signal_run() and, if 'run_at_exit' is true, at normal exit.  Hooks
 * run in the reverse order of registration, before files are unlinked. */
void fatal_signal_add_hook(void (*cb)(void *aux), void *aux,
                           bool run_at_exit);

/* Registers 'file' (copied) for removal at death or exit.  Registering the
 * same name twice registers it once. */
void fatal_signal_add_file_to_unlink(const char *file);

/* Forgets 'file' without removing it. */
void fatal_signal_remove_file_to_unlink(const char *file);

/* Removes 'file' now and forgets it.  Returns 0 or a positive errno (ENOENT
 * when the file was already gone). */
int fatal_signal_unlink_file_now(const char *file);

/* If a fatal signal has arrived, cleans up and dies of it; else returns. */
void fatal_signal_run(void);

/* Makes the next poll_block() wake up when a fatal signal arrives. */
void fatal_signal_wait(void);

/* Returns the signal number recorded by the handler but not yet acted on,
 * or 0. */
int fatal_signal_pending(void);

#endif /* fatal-signal.h */
