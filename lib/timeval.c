/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

#include <config.h>
#include "timeval.h"

#include <time.h>

static long long int
clock_usec__(clockid_t id)
{
    struct timespec ts;

    clock_gettime(id, &ts);
    return (long long int) ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

long long int
time_usec(void)
{
    return clock_usec__(CLOCK_MONOTONIC);
}

long long int
time_msec(void)
{
    return time_usec() / 1000;
}

long long int
time_wall_msec(void)
{
    return clock_usec__(CLOCK_REALTIME) / 1000;
}
