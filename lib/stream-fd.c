/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

/* The stream and pstream implementation shared by every kind that is a
 * plain socket: "tcp:", "unix:", "ptcp:", "punix:".  Their classes only
 * parse names and open sockets, then hand the socket to this file. */

#include <config.h>

#include <errno.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include "poll-loop.h"
#include "socket-util.h"
#include "stream-provider.h"
#include "util.h"

/* Active streams. */

struct stream_fd {
    struct stream up;
    int fd;
};

static const struct stream_class stream_fd_class;

static struct stream_fd *
stream_fd_cast(struct stream *stream)
{
    if (stream->class != &stream_fd_class) {
        OVS_NOT_REACHED();
    }
    return CONTAINER_OF(stream, struct stream_fd, up);
}

struct stream *
stream_fd_create(char *name, int fd, int connect_status)
{
    struct stream_fd *s = xzalloc(sizeof *s);

    stream_init(&s->up, &stream_fd_class, connect_status, name);
    s->fd = fd;
    return &s->up;
}

static void
stream_fd_close(struct stream *stream)
{
    struct stream_fd *s = stream_fd_cast(stream);

    close(s->fd);
    free(s);
}

static int
stream_fd_connect(struct stream *stream)
{
    struct stream_fd *s = stream_fd_cast(stream);

    return sock_check_connection(s->fd);
}

static int
stream_fd_recv(struct stream *stream, void *buffer, size_t n,
               size_t *n_received)
{
    struct stream_fd *s = stream_fd_cast(stream);
    ssize_t retval;

    *n_received = 0;
    do {
        retval = recv(s->fd, buffer, n, 0);
    } while (retval < 0 && errno == EINTR);

    if (retval > 0) {
        *n_received = retval;
        return 0;
    } else if (!retval) {
        return EOF;
    } else {
        return errno == EWOULDBLOCK ? EAGAIN : errno;
    }
}

static int
stream_fd_send(struct stream *stream, const void *buffer, size_t n,
               size_t *n_sent)
{
    struct stream_fd *s = stream_fd_cast(stream);
    ssize_t retval;

    *n_sent = 0;
    do {
        /* MSG_NOSIGNAL: a closed peer gives EPIPE, never SIGPIPE. */
        retval = send(s->fd, buffer, n, MSG_NOSIGNAL);
    } while (retval < 0 && errno == EINTR);

    if (retval > 0) {
        *n_sent = retval;
        return 0;
    } else if (!retval) {
        return EAGAIN;
    } else {
        return errno == EWOULDBLOCK ? EAGAIN : errno;
    }
}

static void
stream_fd_wait(struct stream *stream, enum stream_wait_type type)
{
    struct stream_fd *s = stream_fd_cast(stream);

    switch (type) {
    case STREAM_CONNECT:
    case STREAM_SEND:
        poll_fd_wait(s->fd, POLLOUT);
        break;
    case STREAM_RECV:
        poll_fd_wait(s->fd, POLLIN);
        break;
    default:
        OVS_NOT_REACHED();
    }
}

static const struct stream_class stream_fd_class = {
    .name = "fd",
    .open = NULL,
    .close = stream_fd_close,
    .connect = stream_fd_connect,
    .recv = stream_fd_recv,
    .send = stream_fd_send,
    .run = NULL,
    .run_wait = NULL,
    .wait = stream_fd_wait,
};

/* Passive streams. */

struct pstream_fd {
    struct pstream up;
    int fd;
    pstream_fd_accept_func *accept_cb;
    char *unlink_path;          /* Socket file to remove on close, or NULL. */
};

static const struct pstream_class pstream_fd_class;

static struct pstream_fd *
pstream_fd_cast(struct pstream *pstream)
{
    if (pstream->class != &pstream_fd_class) {
        OVS_NOT_REACHED();
    }
    return CONTAINER_OF(pstream, struct pstream_fd, up);
}

struct pstream *
pstream_fd_create(char *name, int fd, pstream_fd_accept_func *accept_cb,
                  char *unlink_path, uint16_t bound_port)
{
    struct pstream_fd *ps = xzalloc(sizeof *ps);

    pstream_init(&ps->up, &pstream_fd_class, name, bound_port);
    ps->fd = fd;
    ps->accept_cb = accept_cb;
    ps->unlink_path = unlink_path;
    return &ps->up;
}

static void
pstream_fd_close(struct pstream *pstream)
{
    struct pstream_fd *ps = pstream_fd_cast(pstream);

    close(ps->fd);
    if (ps->unlink_path) {
        unlink(ps->unlink_path);
        free(ps->unlink_path);
    }
    free(ps);
}

static int
pstream_fd_accept(struct pstream *pstream, struct stream **streamp)
{
    struct pstream_fd *ps = pstream_fd_cast(pstream);
    struct sockaddr_storage ss = {0};
    socklen_t ss_len = sizeof ss;
    int fd;

    *streamp = NULL;
    do {
        fd = accept4(ps->fd, (struct sockaddr *) &ss, &ss_len,
                     SOCK_NONBLOCK | SOCK_CLOEXEC);
    } while (fd < 0 && errno == EINTR);

    if (fd < 0) {
        /* A connection that the peer reset before we accepted it is not an
         * error of the listener. */
        return (errno == EWOULDBLOCK || errno == ECONNABORTED ? EAGAIN
                : errno);
    }
    return ps->accept_cb(fd, &ss, ss_len, streamp);
}

static void
pstream_fd_wait(struct pstream *pstream)
{
    struct pstream_fd *ps = pstream_fd_cast(pstream);

    poll_fd_wait(ps->fd, POLLIN);
}

static const struct pstream_class pstream_fd_class = {
    .name = "pfd",
    .listen = NULL,
    .close = pstream_fd_close,
    .accept = pstream_fd_accept,
    .wait = pstream_fd_wait,
};
