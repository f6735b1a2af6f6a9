/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

#ifndef POLL_LOOP_H
#define POLL_LOOP_H 1

/* The event loop.  Each thread runs its own: in one iteration every module
 * does its work ("run"), then registers what it waits for ("wait") with the
 * functions below, then the thread calls poll_block(), which sleeps until
 * one of the registered events happens and forgets them all.
 *
 * Another thread wakes a sleeping loop through a latch (latch.h). */

#include <poll.h>

/* Wakes the next poll_block() when 'fd' is ready for 'events' (POLLIN,
 * POLLOUT, or both). */
void poll_fd_wait(int fd, short int events);

/* Wakes the next poll_block() after 'msec' milliseconds (0 or negative: at
 * once), or at monotonic time 'when' (time_msec() scale). */
void poll_timer_wait(long long int msec);
void poll_timer_wait_until(long long int when);

/* Makes the next poll_block() return at once. */
void poll_immediate_wake(void);

/* Sleeps until a registered event, then clears the registrations. */
void poll_block(void);

#endif /* poll-loop.h */
