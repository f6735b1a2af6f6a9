/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

#include <config.h>
#include "latch.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <unistd.h>
#include "poll-loop.h"
#include "util.h"

/* A latch is a non-blocking pipe: setting it writes a byte, polling it
 * drains the pipe.  write() is async-signal-safe. */

void
latch_init(struct latch *latch)
{
    if (pipe2(latch->fds, O_NONBLOCK | O_CLOEXEC)) {
        ovs_fatal(errno, "failed to create latch pipe");
    }
}

void
latch_destroy(struct latch *latch)
{
    if (latch) {
        close(latch->fds[0]);
        close(latch->fds[1]);
    }
}

void
latch_set(struct latch *latch)
{
    ssize_t retval;

    do {
        retval = write(latch->fds[1], "", 1);
    } while (retval < 0 && errno == EINTR);
    /* EAGAIN means the pipe is full, so the latch is already set. */
}

bool
latch_poll(struct latch *latch)
{
    char buffer[64];
    bool was_set = false;
    ssize_t n;

    while ((n = read(latch->fds[0], buffer, sizeof buffer)) > 0
           || (n < 0 && errno == EINTR)) {
        if (n > 0) {
            was_set = true;
        }
    }
    return was_set;
}

bool
latch_is_set(const struct latch *latch)
{
    struct pollfd pfd = { .fd = latch->fds[0], .events = POLLIN };
    int retval;

    do {
        retval = poll(&pfd, 1, 0);
    } while (retval < 0 && errno == EINTR);
    return retval > 0 && (pfd.revents & POLLIN);
}

void
latch_wait(const struct latch *latch)
{
    poll_fd_wait(latch->fds[0], POLLIN);
}
