/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

#ifndef RECONNECT_H
#define RECONNECT_H 1

/* The connection backoff state machine behind every reconnecting client.
 *
 * Pure: it does no I/O and reads no clock.  Every function that depends on
 * time takes the current monotonic time in milliseconds as 'now', so that a
 * unit test can drive it with any sequence of times.  The owner tells it
 * what happened (connecting, connected, connect_failed, disconnected,
 * activity) and asks reconnect_run() what to do next.
 *
 * States:
 *
 *   - VOID: disabled, or gave up after 'max_tries' attempts.  Nothing
 *     happens until reconnect_enable().
 *
 *   - BACKOFF: waiting 'backoff' ms after the last attempt or disconnection
 *     before the next attempt.  The first attempt after reconnect_enable()
 *     or reconnect_force_reconnect() waits 0 ms.
 *
 *   - CONNECTING: an attempt is in progress.  It times out after
 *     MAX(backoff, 1 s).
 *
 *   - ACTIVE: connected and the peer has been heard from within the probe
 *     interval.
 *
 *   - IDLE: connected, the peer has been silent for a probe interval, and a
 *     probe was asked for (RECONNECT_PROBE).  Another probe interval of
 *     silence drops the connection.
 *
 *   - RECONNECT: asked to reconnect while connected or connecting:
 *     reconnect_run() returns RECONNECT_DISCONNECT at once.  It no longer
 *     counts as connected.
 *
 * Backoff: a failed attempt (or a connection that dropped sooner than
 * MAX(backoff, min_backoff) after it was made) doubles the backoff, from
 * 'min_backoff' up to 'max_backoff'.  A connection that lasted longer
 * resets it, so the first attempt after it is immediate.
 *
 * The sequence number changes each time the connection is made or lost. */

#include <stdbool.h>

struct reconnect;

#define RECONNECT_DEFAULT_MIN_BACKOFF 1000
#define RECONNECT_DEFAULT_MAX_BACKOFF 8000
#define RECONNECT_DEFAULT_PROBE_INTERVAL 5000

enum reconnect_state {
    RECONNECT_S_VOID,
    RECONNECT_S_BACKOFF,
    RECONNECT_S_CONNECTING,
    RECONNECT_S_ACTIVE,
    RECONNECT_S_IDLE,
    RECONNECT_S_RECONNECT
};

enum reconnect_action {
    RECONNECT_NONE,             /* Nothing to do now. */
    RECONNECT_CONNECT,          /* Start a connection attempt. */
    RECONNECT_DISCONNECT,       /* Drop the connection (or the attempt). */
    RECONNECT_PROBE             /* Send something the peer must answer. */
};

/* Creates a reconnect state machine in state VOID (disabled) with the
 * default backoff, probe interval and no limit on tries. */
struct reconnect *reconnect_create(long long int now);
void reconnect_destroy(struct reconnect *);

/* A name for log messages (copied). */
void reconnect_set_name(struct reconnect *, const char *name);
const char *reconnect_get_name(const struct reconnect *);

/* Backoff bounds in milliseconds.  'min_backoff' is at least 1 and
 * 'max_backoff' at least 'min_backoff'. */
void reconnect_set_backoff(struct reconnect *, int min_backoff,
                           int max_backoff);
int reconnect_get_min_backoff(const struct reconnect *);
int reconnect_get_max_backoff(const struct reconnect *);

/* Inactivity probe interval in milliseconds; 0 disables probes.  Values
 * between 1 and 999 are raised to 1000. */
void reconnect_set_probe_interval(struct reconnect *, int probe_interval);
int reconnect_get_probe_interval(const struct reconnect *);

/* Limits the number of connection attempts: after 'max_tries' attempts have
 * failed (or connections dropped), the machine goes to VOID.  0 means no
 * limit.  Each RECONNECT_CONNECT counts as one try; a successful
 * connection does not give tries back. */
void reconnect_set_max_tries(struct reconnect *, unsigned int max_tries);
unsigned int reconnect_get_max_tries(const struct reconnect *);

void reconnect_enable(struct reconnect *, long long int now);
void reconnect_disable(struct reconnect *, long long int now);
bool reconnect_is_enabled(const struct reconnect *);

/* Drops the connection (if any) and tries again at once, without backoff.
 * Does nothing while disabled. */
void reconnect_force_reconnect(struct reconnect *, long long int now);

/* Events. */
void reconnect_connecting(struct reconnect *, long long int now);
void reconnect_connected(struct reconnect *, long long int now);

/* The attempt failed, or the connection was made but turned out unusable
 * (e.g. a protocol error): backoff grows, whatever the connection's age. */
void reconnect_connect_failed(struct reconnect *, long long int now,
                              int error);

/* The connection (or the attempt) ended with 'error' (0 for a requested
 * disconnection, EOF when the peer closed it). */
void reconnect_disconnected(struct reconnect *, long long int now,
                            int error);

/* Something was received from the peer. */
void reconnect_activity(struct reconnect *, long long int now);

/* What to do now. */
enum reconnect_action reconnect_run(struct reconnect *, long long int now);

/* Milliseconds until reconnect_run() may return something other than
 * RECONNECT_NONE, 0 if it may now, or -1 if no time will. */
int reconnect_timeout(const struct reconnect *, long long int now);

/* Registers reconnect_timeout() with the poll loop. */
void reconnect_wait(const struct reconnect *, long long int now);

/* State queries. */
enum reconnect_state reconnect_get_state(const struct reconnect *);
const char *reconnect_state_to_string(enum reconnect_state);
bool reconnect_is_connected(const struct reconnect *);
unsigned int reconnect_get_seqno(const struct reconnect *);
int reconnect_get_backoff(const struct reconnect *);
unsigned int reconnect_get_n_attempts(const struct reconnect *);
int reconnect_get_last_error(const struct reconnect *);

/* Milliseconds since the connection was made (0 if not connected). */
long long int reconnect_get_connection_duration(const struct reconnect *,
                                                long long int now);

#endif /* reconnect.h */
