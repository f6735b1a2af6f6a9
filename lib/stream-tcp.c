/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

/* "tcp:HOST:PORT" and "ptcp:PORT[:IP]": TCP over IPv4 or IPv6, with
 * TCP_NODELAY, optional DSCP marking, and SO_REUSEADDR on listeners.  The
 * listening and accepting half is shared with "pssl:" (stream-ssl.c)
 * through pstream_tcp_listen() and stream_tcp_accepted(). */

#include <config.h>

#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "dynamic-string.h"
#include "socket-util.h"
#include "stream-provider.h"
#include "util.h"

static int
tcp_open(const char *name, const char *suffix, struct stream **streamp,
         uint8_t dscp)
{
    struct sockaddr_storage ss;
    int error;
    int fd;

    *streamp = NULL;
    error = sock_parse_active(suffix, &ss);
    if (error) {
        return error;
    }
    error = sock_open_tcp_active(&ss, dscp, &fd);
    if (error && error != EAGAIN) {
        return error;
    }
    *streamp = stream_fd_create(xstrdup(name), fd, error);
    return 0;
}

const struct stream_class tcp_stream_class = {
    .name = "tcp",
    .open = tcp_open,
    .close = NULL,              /* Instances are of the fd class. */
    .connect = NULL,
    .recv = NULL,
    .send = NULL,
    .run = NULL,
    .run_wait = NULL,
    .wait = NULL,
};

int
stream_tcp_accepted(int fd, const void *sa, size_t sa_len,
                    const char *scheme, char **namep)
{
    struct sockaddr_storage ss = {0};
    struct ds name = DS_EMPTY_INITIALIZER;
    int on = 1;

    *namep = NULL;
    if (setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on)) {
        int error = errno;

        close(fd);
        return error;
    }

    memcpy(&ss, sa, MIN(sa_len, sizeof ss));
    ds_put_format(&name, "%s:", scheme);
    sock_format_address(&ss, &name);
    *namep = ds_steal_cstr(&name);
    return 0;
}

/* Names a listener after what it actually listens on, so that "ptcp:0"
 * becomes e.g. "ptcp:41235:0.0.0.0". */
int
pstream_tcp_listen(const char *scheme, const char *suffix, uint8_t dscp,
                   pstream_fd_accept_func *accept_cb,
                   struct pstream **pstreamp)
{
    struct ds bound_name = DS_EMPTY_INITIALIZER;
    struct sockaddr_storage ss;
    uint16_t port;
    int error;
    int fd;

    *pstreamp = NULL;
    error = sock_parse_passive(suffix, &ss);
    if (error) {
        return error;
    }
    error = sock_open_tcp_passive(&ss, dscp, &fd, &port);
    if (error) {
        return error;
    }
    ds_put_format(&bound_name, "%s:", scheme);
    sock_format_passive(&ss, port, &bound_name);
    *pstreamp = pstream_fd_create(ds_steal_cstr(&bound_name), fd,
                                  accept_cb, NULL, port);
    return 0;
}

static int
ptcp_accept(int fd, const void *sa, size_t sa_len, struct stream **streamp)
{
    char *name;
    int error;

    *streamp = NULL;
    error = stream_tcp_accepted(fd, sa, sa_len, "tcp", &name);
    if (error) {
        return error;
    }
    *streamp = stream_fd_create(name, fd, 0);
    return 0;
}

static int
ptcp_listen(const char *name OVS_UNUSED, const char *suffix,
            struct pstream **pstreamp, uint8_t dscp)
{
    return pstream_tcp_listen("ptcp", suffix, dscp, ptcp_accept, pstreamp);
}

const struct pstream_class ptcp_pstream_class = {
    .name = "ptcp",
    .listen = ptcp_listen,
    .close = NULL,              /* Instances are of the fd class. */
    .accept = NULL,
    .wait = NULL,
};
