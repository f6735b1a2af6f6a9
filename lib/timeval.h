/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

#ifndef TIMEVAL_H
#define TIMEVAL_H 1

/* Monotonic time for timers and wall-clock time for logs. */

long long int time_msec(void);        /* Monotonic, milliseconds. */
long long int time_usec(void);        /* Monotonic, microseconds. */
long long int time_wall_msec(void);   /* Since the epoch, milliseconds. */

#endif /* timeval.h */
