/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

#include <config.h>

#include "reconnect.h"

#include <limits.h>
#include <stdio.h>
#include "poll-loop.h"
#include "util.h"
#include "vlog.h"

VLOG_DEFINE_THIS_MODULE(reconnect);

/* The shortest time an attempt may take before it counts as failed. */
#define RECONNECT_MIN_CONNECT_TIMEOUT 1000

struct reconnect {
    char *name;
    int min_backoff;
    int max_backoff;
    int probe_interval;
    unsigned int max_tries;     /* 0: no limit. */

    enum reconnect_state state;
    long long int state_entered;
    int backoff;                /* Current backoff, ms. */
    long long int last_activity;
    long long int last_connected;
    unsigned int n_attempts;    /* RECONNECT_CONNECT actions taken. */
    unsigned int seqno;
    int last_error;
};

struct reconnect *
reconnect_create(long long int now)
{
    struct reconnect *r = xzalloc(sizeof *r);

    r->name = xstrdup("void");
    r->min_backoff = RECONNECT_DEFAULT_MIN_BACKOFF;
    r->max_backoff = RECONNECT_DEFAULT_MAX_BACKOFF;
    r->probe_interval = RECONNECT_DEFAULT_PROBE_INTERVAL;
    r->state = RECONNECT_S_VOID;
    r->state_entered = now;
    r->last_activity = now;
    return r;
}

void
reconnect_destroy(struct reconnect *r)
{
    if (r) {
        free(r->name);
        free(r);
    }
}

void
reconnect_set_name(struct reconnect *r, const char *name)
{
    free(r->name);
    r->name = xstrdup(name ? name : "void");
}

const char *
reconnect_get_name(const struct reconnect *r)
{
    return r->name;
}

void
reconnect_set_backoff(struct reconnect *r, int min_backoff, int max_backoff)
{
    r->min_backoff = MAX(min_backoff, 1);
    r->max_backoff = MAX(max_backoff, r->min_backoff);
    if (r->backoff > r->max_backoff) {
        r->backoff = r->max_backoff;
    }
}

int
reconnect_get_min_backoff(const struct reconnect *r)
{
    return r->min_backoff;
}

int
reconnect_get_max_backoff(const struct reconnect *r)
{
    return r->max_backoff;
}

void
reconnect_set_probe_interval(struct reconnect *r, int probe_interval)
{
    r->probe_interval = probe_interval > 0 ? MAX(probe_interval, 1000) : 0;
}

int
reconnect_get_probe_interval(const struct reconnect *r)
{
    return r->probe_interval;
}

void
reconnect_set_max_tries(struct reconnect *r, unsigned int max_tries)
{
    r->max_tries = max_tries;
}

unsigned int
reconnect_get_max_tries(const struct reconnect *r)
{
    return r->max_tries;
}

static void
reconnect_transition__(struct reconnect *r, long long int now,
                       enum reconnect_state state)
{
    bool was_connected = reconnect_is_connected(r);

    if (state != r->state) {
        VLOG_DBG("%s: %s -> %s", r->name,
                 reconnect_state_to_string(r->state),
                 reconnect_state_to_string(state));
    }
    r->state = state;
    r->state_entered = now;
    if (was_connected != reconnect_is_connected(r)) {
        r->seqno++;
    }
}

static bool
reconnect_tries_left__(const struct reconnect *r)
{
    return !r->max_tries || r->n_attempts < r->max_tries;
}

/* Enters BACKOFF for the current backoff, or VOID if no tries are left. */
static void
reconnect_backoff__(struct reconnect *r, long long int now)
{
    if (reconnect_tries_left__(r)) {
        reconnect_transition__(r, now, RECONNECT_S_BACKOFF);
    } else {
        VLOG_INFO("%s: giving up after %u attempts", r->name,
                  r->n_attempts);
        reconnect_transition__(r, now, RECONNECT_S_VOID);
    }
}

static void
reconnect_grow_backoff__(struct reconnect *r)
{
    if (r->backoff < r->min_backoff) {
        r->backoff = r->min_backoff;
    } else if (r->backoff >= r->max_backoff / 2) {
        r->backoff = r->max_backoff;
    } else {
        r->backoff *= 2;
    }
}

void
reconnect_enable(struct reconnect *r, long long int now)
{
    if (r->state == RECONNECT_S_VOID) {
        r->backoff = 0;
        r->n_attempts = 0;
        reconnect_transition__(r, now, RECONNECT_S_BACKOFF);
    }
}

void
reconnect_disable(struct reconnect *r, long long int now)
{
    if (r->state != RECONNECT_S_VOID) {
        reconnect_transition__(r, now, RECONNECT_S_VOID);
    }
}

bool
reconnect_is_enabled(const struct reconnect *r)
{
    return r->state != RECONNECT_S_VOID;
}

void
reconnect_force_reconnect(struct reconnect *r, long long int now)
{
    switch (r->state) {
    case RECONNECT_S_VOID:
        break;
    case RECONNECT_S_BACKOFF:
        r->backoff = 0;
        r->state_entered = now;
        break;
    case RECONNECT_S_CONNECTING:
    case RECONNECT_S_ACTIVE:
    case RECONNECT_S_IDLE:
        reconnect_transition__(r, now, RECONNECT_S_RECONNECT);
        break;
    case RECONNECT_S_RECONNECT:
        break;
    }
}

void
reconnect_connecting(struct reconnect *r, long long int now)
{
    if (r->state != RECONNECT_S_CONNECTING) {
        reconnect_transition__(r, now, RECONNECT_S_CONNECTING);
    }
}

void
reconnect_connected(struct reconnect *r, long long int now)
{
    if (!reconnect_is_connected(r)) {
        VLOG_DBG("%s: connected", r->name);
        r->last_error = 0;
        r->last_connected = now;
        r->last_activity = now;
        reconnect_transition__(r, now, RECONNECT_S_ACTIVE);
    }
}

void
reconnect_connect_failed(struct reconnect *r, long long int now, int error)
{
    if (r->state == RECONNECT_S_VOID || r->state == RECONNECT_S_BACKOFF) {
        return;
    }
    r->last_error = error;
    if (r->state == RECONNECT_S_RECONNECT) {
        r->backoff = 0;
    } else {
        reconnect_grow_backoff__(r);
    }
    reconnect_backoff__(r, now);
}

void
reconnect_disconnected(struct reconnect *r, long long int now, int error)
{
    if (r->state == RECONNECT_S_VOID || r->state == RECONNECT_S_BACKOFF) {
        return;
    }
    if (r->state == RECONNECT_S_RECONNECT) {
        /* Asked for: reconnect at once. */
        r->last_error = error;
        r->backoff = 0;
    } else if (reconnect_is_connected(r)) {
        long long int lasted = now - r->last_connected;

        r->last_error = error;
        if (lasted >= MAX(r->backoff, r->min_backoff)) {
            r->backoff = 0;
        } else {
            reconnect_grow_backoff__(r);
        }
    } else {
        r->last_error = error;
        reconnect_grow_backoff__(r);
    }
    reconnect_backoff__(r, now);
}

void
reconnect_activity(struct reconnect *r, long long int now)
{
    r->last_activity = now;
    if (r->state == RECONNECT_S_IDLE) {
        reconnect_transition__(r, now, RECONNECT_S_ACTIVE);
    }
}

/* When the current state ends by itself, or LLONG_MAX if never. */
static long long int
reconnect_deadline__(const struct reconnect *r)
{
    switch (r->state) {
    case RECONNECT_S_VOID:
        return LLONG_MAX;
    case RECONNECT_S_BACKOFF:
        return r->state_entered + r->backoff;
    case RECONNECT_S_CONNECTING:
        return r->state_entered + MAX(r->backoff,
                                      RECONNECT_MIN_CONNECT_TIMEOUT);
    case RECONNECT_S_ACTIVE:
        if (r->probe_interval) {
            return (MAX(r->last_activity, r->state_entered)
                    + r->probe_interval);
        }
        return LLONG_MAX;
    case RECONNECT_S_IDLE:
        return (r->probe_interval ? r->state_entered + r->probe_interval
                : LLONG_MAX);
    case RECONNECT_S_RECONNECT:
        return r->state_entered;
    }
    OVS_NOT_REACHED();
}

enum reconnect_action
reconnect_run(struct reconnect *r, long long int now)
{
    if (now < reconnect_deadline__(r)) {
        return RECONNECT_NONE;
    }
    switch (r->state) {
    case RECONNECT_S_VOID:
        return RECONNECT_NONE;
    case RECONNECT_S_BACKOFF:
        r->n_attempts++;
        return RECONNECT_CONNECT;
    case RECONNECT_S_CONNECTING:
        VLOG_INFO("%s: connection attempt timed out", r->name);
        return RECONNECT_DISCONNECT;
    case RECONNECT_S_ACTIVE:
        VLOG_DBG("%s: idle %d ms, sending inactivity probe", r->name,
                 (int) (now - MAX(r->last_activity, r->state_entered)));
        reconnect_transition__(r, now, RECONNECT_S_IDLE);
        return RECONNECT_PROBE;
    case RECONNECT_S_IDLE:
        VLOG_WARN("%s: no response to inactivity probe after %.3g seconds, "
                  "disconnecting", r->name, r->probe_interval / 1000.0);
        return RECONNECT_DISCONNECT;
    case RECONNECT_S_RECONNECT:
        return RECONNECT_DISCONNECT;
    }
    OVS_NOT_REACHED();
}

int
reconnect_timeout(const struct reconnect *r, long long int now)
{
    long long int deadline = reconnect_deadline__(r);

    if (deadline == LLONG_MAX) {
        return -1;
    } else if (deadline <= now) {
        return 0;
    } else {
        long long int ms = deadline - now;

        return ms > INT_MAX ? INT_MAX : (int) ms;
    }
}

void
reconnect_wait(const struct reconnect *r, long long int now)
{
    int timeout = reconnect_timeout(r, now);

    if (timeout >= 0) {
        poll_timer_wait(timeout);
    }
}

enum reconnect_state
reconnect_get_state(const struct reconnect *r)
{
    return r->state;
}

const char *
reconnect_state_to_string(enum reconnect_state state)
{
    switch (state) {
    case RECONNECT_S_VOID:
        return "VOID";
    case RECONNECT_S_BACKOFF:
        return "BACKOFF";
    case RECONNECT_S_CONNECTING:
        return "CONNECTING";
    case RECONNECT_S_ACTIVE:
        return "ACTIVE";
    case RECONNECT_S_IDLE:
        return "IDLE";
    case RECONNECT_S_RECONNECT:
        return "RECONNECT";
    }
    return "<invalid>";
}

bool
reconnect_is_connected(const struct reconnect *r)
{
    return r->state == RECONNECT_S_ACTIVE || r->state == RECONNECT_S_IDLE;
}

unsigned int
reconnect_get_seqno(const struct reconnect *r)
{
    return r->seqno;
}

int
reconnect_get_backoff(const struct reconnect *r)
{
    return r->backoff;
}

unsigned int
reconnect_get_n_attempts(const struct reconnect *r)
{
    return r->n_attempts;
}

int
reconnect_get_last_error(const struct reconnect *r)
{
    return r->last_error;
}

long long int
reconnect_get_connection_duration(const struct reconnect *r,
                                  long long int now)
{
    return reconnect_is_connected(r) ? now - r->last_connected : 0;
}
