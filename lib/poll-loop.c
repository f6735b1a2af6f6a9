/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

#include <config.h>
#include "poll-loop.h"

#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdbool.h>
#include "fatal-signal.h"
#include "timeval.h"
#include "util.h"
#include "vlog.h"

VLOG_DEFINE_THIS_MODULE(poll_loop);

/* What one thread's loop waits for in the current iteration.  A file
 * descriptor registered twice gets one pollfd with the union of events. */
struct poll_loop {
    struct pollfd *pollfds;
    size_t n_pollfds;
    size_t allocated;
    long long int timeout_when;     /* LLONG_MAX: no timer. */
};

static __thread struct poll_loop loop = { NULL, 0, 0, LLONG_MAX };

/* Frees a thread's pollfd array when the thread exits.  The key's value is
 * the thread's 'loop', set when the array is first allocated. */
static pthread_key_t loop_key;
static pthread_once_t loop_key_once = PTHREAD_ONCE_INIT;

static void
poll_loop_thread_exit__(void *loop_)
{
    struct poll_loop *l = loop_;

    free(l->pollfds);
    l->pollfds = NULL;
    l->allocated = l->n_pollfds = 0;
}

static void
poll_loop_create_key__(void)
{
    pthread_key_create(&loop_key, poll_loop_thread_exit__);
}

void
poll_fd_wait(int fd, short int events)
{
    for (size_t i = 0; i < loop.n_pollfds; i++) {
        if (loop.pollfds[i].fd == fd) {
            loop.pollfds[i].events |= events;
            return;
        }
    }
    if (loop.n_pollfds >= loop.allocated) {
        if (!loop.pollfds) {
            pthread_once(&loop_key_once, poll_loop_create_key__);
            pthread_setspecific(loop_key, &loop);
        }
        loop.allocated = loop.allocated ? 2 * loop.allocated : 16;
        loop.pollfds = xrealloc(loop.pollfds,
                                loop.allocated * sizeof *loop.pollfds);
    }
    loop.pollfds[loop.n_pollfds++] = (struct pollfd) {
        .fd = fd, .events = events
    };
}

void
poll_timer_wait_until(long long int when)
{
    if (when < loop.timeout_when) {
        loop.timeout_when = when;
    }
}

void
poll_timer_wait(long long int msec)
{
    long long int now = time_msec();

    poll_timer_wait_until(msec <= 0 ? now
                          : msec >= LLONG_MAX - now ? LLONG_MAX
                          : now + msec);
}

void
poll_immediate_wake(void)
{
    poll_timer_wait_until(LLONG_MIN);
}

void
poll_block(void)
{
    static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(10, 10);
    int timeout;
    int retval;

    /* A fatal signal (SIGTERM and the like) must end even a loop that is
     * blocked waiting for something else, such as a client waiting for a
     * reply. */
    fatal_signal_wait();

    if (loop.timeout_when == LLONG_MAX) {
        timeout = -1;
    } else {
        long long int now = time_msec();

        if (loop.timeout_when <= now) {
            timeout = 0;
        } else {
            long long int remaining = loop.timeout_when - now;

            timeout = remaining > INT_MAX ? INT_MAX : (int) remaining;
        }
    }

    retval = poll(loop.pollfds, loop.n_pollfds, timeout);
    if (retval < 0 && errno != EINTR) {
        VLOG_ERR_RL(&rl, "poll: %s", ovs_strerror(errno));
    }

    loop.n_pollfds = 0;
    loop.timeout_when = LLONG_MAX;

    fatal_signal_run();
}
