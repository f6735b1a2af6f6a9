/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

/* "unix:PATH" and "punix:PATH": Unix domain stream sockets.  A relative
 * PATH is taken relative to the run directory (dirs.h), as Open vSwitch
 * does, so "unix:ovsdb-server.123.ctl" names a file there.  Paths longer
 * than the kernel's 108-byte limit work (see socket-util.c). */

#include <config.h>

#include <errno.h>
#include <unistd.h>

#include "dirs.h"
#include "socket-util.h"
#include "stream-provider.h"
#include "util.h"

/* Returns 'suffix' as an absolute file name, to free. */
static char *
unix_abs_path__(const char *suffix)
{
    return (suffix[0] == '/'
            ? xstrdup(suffix)
            : xasprintf("%s/%s", ovs_rundir(), suffix));
}

static int
unix_open(const char *name, const char *suffix, struct stream **streamp,
          uint8_t dscp OVS_UNUSED)
{
    char *path;
    int error;
    int fd;

    *streamp = NULL;
    if (!suffix[0]) {
        return EINVAL;
    }

    path = unix_abs_path__(suffix);
    error = sock_open_unix_active(path, &fd);
    free(path);
    if (!error) {
        *streamp = stream_fd_create(xstrdup(name), fd, 0);
    }
    return error;
}

const struct stream_class unix_stream_class = {
    .name = "unix",
    .open = unix_open,
    .close = NULL,              /* Instances are of the fd class. */
    .connect = NULL,
    .recv = NULL,
    .send = NULL,
    .run = NULL,
    .run_wait = NULL,
    .wait = NULL,
};

static int
punix_accept(int fd, const void *sa OVS_UNUSED, size_t sa_len OVS_UNUSED,
             struct stream **streamp)
{
    static unsigned int next_id;
    unsigned int id = __atomic_fetch_add(&next_id, 1, __ATOMIC_RELAXED);

    /* Clients rarely bind their sockets, so the peer address says nothing;
     * number the connections instead. */
    *streamp = stream_fd_create(xasprintf("unix#%u", id), fd, 0);
    return 0;
}

static int
punix_listen(const char *name, const char *suffix, struct pstream **pstreamp,
             uint8_t dscp OVS_UNUSED)
{
    char *path;
    int error;
    int fd;

    *pstreamp = NULL;
    if (!suffix[0]) {
        return EINVAL;
    }

    path = unix_abs_path__(suffix);
    error = sock_open_unix_passive(path, &fd);
    if (error) {
        free(path);
        return error;
    }
    *pstreamp = pstream_fd_create(xstrdup(name), fd, punix_accept, path, 0);
    return 0;
}

const struct pstream_class punix_pstream_class = {
    .name = "punix",
    .listen = punix_listen,
    .close = NULL,              /* Instances are of the fd class. */
    .accept = NULL,
    .wait = NULL,
};
