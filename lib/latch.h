/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

#ifndef LATCH_H
#define LATCH_H 1

/* A flag that one thread sets and another thread's event loop waits for:
 * the way to wake a poll_block() from outside its thread.  Async-signal-safe
 * to set, so also usable from signal handlers. */

#include <stdbool.h>

struct latch {
    int fds[2];
};

void latch_init(struct latch *);
void latch_destroy(struct latch *);
void latch_set(struct latch *);     /* Any thread. */
bool latch_poll(struct latch *);    /* Returns whether set, and clears it. */
bool latch_is_set(const struct latch *);
void latch_wait(const struct latch *);  /* Wakes poll_block() when set. */

#endif /* latch.h */
