/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

#ifndef STREAM_PROVIDER_H
#define STREAM_PROVIDER_H 1

/* The contract between stream.c and each kind of stream.
 *
 * Errors
 * ======
 *
 * Every callback that can fail returns 0 on success or a positive errno
 * value.  EAGAIN means "not yet, wait and try again"; a receive callback
 * returns EOF (negative) at a clean end of stream.  stream.c logs the
 * failures it sees, rate-limited; a provider logs only what stream.c cannot
 * know, such as the reason OpenSSL gives for a failed handshake, and
 * rate-limits that too.
 *
 * Life cycle of an active stream
 * ==============================
 *
 * stream_open() picks the class whose 'name' matches the part of the stream
 * name before the first ':' and calls its open() with the full name and the
 * part after the ':' ('suffix').  open() allocates the provider's own
 * structure, which embeds a struct stream as member 'up', initialises 'up'
 * with stream_init() (which takes ownership of the name it is given) and
 * stores &up in '*streamp'.  If open() fails it must have freed everything
 * and stored NULL.  open() must not block: a connection that is not
 * complete is reported through stream_init()'s 'connect_status' EAGAIN,
 * after which stream.c calls connect() until it returns something other
 * than EAGAIN.
 *
 * The class's open() may build a stream of a different class: "unix:" and
 * "tcp:" both produce instances of the shared fd class (stream-fd.c).  The
 * class that closes, reads and writes is always the one stored in
 * 'up.class'.
 *
 * stream.c calls recv() and send() only once the stream is connected.
 * close() releases everything the provider allocated, including the
 * structure itself, but not 'up.name', which stream.c frees.  close() is
 * called exactly once, whatever state the stream is in, and never with
 * NULL.
 *
 * Life cycle of a passive stream
 * ==============================
 *
 * The same, through struct pstream_class: listen() creates it (initialised
 * with pstream_init()), accept() produces new active streams that the
 * caller owns, close() releases it but not 'up.name'.
 *
 * Synchronisation
 * ===============
 *
 * All callbacks are non-blocking and none is thread-safe: a stream belongs
 * to one thread at a time. */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "stream.h"

/* Connection state of an active stream, kept by stream.c. */
enum stream_state {
    STREAM_S_CONNECTING,    /* connect() has yet to return 0. */
    STREAM_S_CONNECTED,     /* Ready for recv() and send(). */
    STREAM_S_DISCONNECTED   /* connect() failed; 'error' says why. */
};

/* The part of an active stream that stream.c owns.  Providers read 'name'
 * and never write any member after stream_init(). */
struct stream {
    const struct stream_class *class;
    char *name;                 /* e.g. "tcp:127.0.0.1:6640"; owned. */
    enum stream_state state;
    int error;                  /* Set once state is DISCONNECTED. */
};

/* Initialises 'stream' as an instance of 'class', taking ownership of
 * 'name' (allocated with malloc()).  'connect_status' is 0 if the stream is
 * already connected, EAGAIN if connect() must complete it, or an error that
 * leaves the stream disconnected. */
void stream_init(struct stream *stream, const struct stream_class *class,
                 int connect_status, char *name);

struct stream_class {
    /* The scheme: "tcp", "unix" or "ssl", matched against the stream name
     * up to its first ':'. */
    const char *name;

    /* Opens the stream named 'name', where 'suffix' points just past the
     * scheme and its ':'.  'dscp' is the DSCP value (0 to 63) to mark
     * outgoing IP packets with; 0 leaves the default.  Required for the
     * classes registered in stream.c, NULL for classes that only serve as
     * the 'class' of instances (the fd class). */
    int (*open)(const char *name, const char *suffix,
                struct stream **streamp, uint8_t dscp);

    /* Frees 'stream' and everything it owns except 'stream->name'.
     * Required. */
    void (*close)(struct stream *stream);

    /* Advances a connection in progress: 0 once connected, EAGAIN while in
     * progress, or an error.  May be NULL if every instance is created
     * connected. */
    int (*connect)(struct stream *stream);

    /* Receives up to 'n' bytes (at least 1) into 'buffer': 0 with
     * '*n_received' >= 1, EAGAIN, EOF or an error.  Required. */
    int (*recv)(struct stream *stream, void *buffer, size_t n,
                size_t *n_received);

    /* Sends up to 'n' bytes (at least 1) from 'buffer': 0 with '*n_sent' >=
     * 1, EAGAIN or an error.  A provider that buffers internally may count
     * bytes as sent once it has taken them; it then flushes them from
     * run().  Required. */
    int (*send)(struct stream *stream, const void *buffer, size_t n,
                size_t *n_sent);

    /* Does background work, such as flushing buffered output.  May be
     * NULL. */
    void (*run)(struct stream *stream);

    /* Arranges for poll_block() to wake when run() has work to do.  May be
     * NULL, and must be if 'run' is. */
    void (*run_wait)(struct stream *stream);

    /* Arranges for poll_block() to wake when the operation 'type' can make
     * progress.  stream.c calls it with STREAM_CONNECT while the stream is
     * connecting, and with STREAM_RECV or STREAM_SEND only once it is
     * connected.  Required. */
    void (*wait)(struct stream *stream, enum stream_wait_type type);
};

/* The part of a passive stream that stream.c owns. */
struct pstream {
    const struct pstream_class *class;
    char *name;                 /* e.g. "ptcp:6640:0.0.0.0"; owned. */
    uint16_t bound_port;        /* TCP port listened on, or 0. */
};

/* Initialises 'pstream' as an instance of 'class', taking ownership of
 * 'name' (allocated with malloc()).  'bound_port' is the TCP port actually
 * bound, or 0 for kinds without ports. */
void pstream_init(struct pstream *pstream, const struct pstream_class *class,
                  char *name, uint16_t bound_port);

struct pstream_class {
    /* The scheme: "ptcp", "punix" or "pssl". */
    const char *name;

    /* Starts listening as 'name', 'suffix' pointing past the scheme's ':'.
     * Outgoing packets of accepted IP connections are marked with 'dscp'
     * when nonzero.  Required for the registered classes, NULL for
     * instance-only classes. */
    int (*listen)(const char *name, const char *suffix,
                  struct pstream **pstreamp, uint8_t dscp);

    /* Frees 'pstream' and everything it owns except 'pstream->name'.
     * Required. */
    void (*close)(struct pstream *pstream);

    /* Accepts one pending connection: 0 with a new stream in '*streamp',
     * which the caller owns, EAGAIN if none is pending, or another error.
     * Required. */
    int (*accept)(struct pstream *pstream, struct stream **streamp);

    /* Arranges for poll_block() to wake when accept() has a connection to
     * return.  Required. */
    void (*wait)(struct pstream *pstream);
};

/* The registered classes (stream-tcp.c, stream-unix.c, stream-ssl.c). */
extern const struct stream_class tcp_stream_class;
extern const struct stream_class unix_stream_class;
extern const struct stream_class ssl_stream_class;
extern const struct pstream_class ptcp_pstream_class;
extern const struct pstream_class punix_pstream_class;
extern const struct pstream_class pssl_pstream_class;

/* The shared implementation over a connected or connecting socket
 * (stream-fd.c), used by "tcp:" and "unix:" and their passive forms. */

/* Creates a stream named 'name' (ownership taken) over socket 'fd'
 * (ownership taken; it is closed on failure too), whose connection status
 * is 'connect_status' as for stream_init().  Always succeeds. */
struct stream *stream_fd_create(char *name, int fd, int connect_status);

/* Called by an fd pstream for each accepted socket 'fd', whose peer has
 * address 'sa' of 'sa_len' bytes.  Must create a stream for it (taking
 * ownership of 'fd' even on failure) in '*streamp' and return 0, or return
 * an error. */
typedef int pstream_fd_accept_func(int fd, const void *sa, size_t sa_len,
                                   struct stream **streamp);

/* Creates a passive stream named 'name' (ownership taken) over listening
 * socket 'fd' (ownership taken), which calls 'accept_cb' for each new
 * connection.  If 'unlink_path' is nonnull, it is a file (ownership taken)
 * that closing the pstream removes: the socket file of a "punix:".
 * Always succeeds. */
struct pstream *pstream_fd_create(char *name, int fd,
                                  pstream_fd_accept_func *accept_cb,
                                  char *unlink_path, uint16_t bound_port);

/* TCP plumbing shared by "tcp:"/"ptcp:" and "ssl:"/"pssl:"
 * (stream-tcp.c). */

/* Opens a TCP listener on 'suffix', of the form "PORT[:IP]", marking
 * outgoing packets with 'dscp', and stores in '*pstreamp' an fd pstream
 * named "'scheme':PORT:IP" after the port and address actually bound, which
 * calls 'accept_cb' for each new connection.  Returns 0 or a positive errno
 * value, with '*pstreamp' NULL. */
int pstream_tcp_listen(const char *scheme, const char *suffix, uint8_t dscp,
                       pstream_fd_accept_func *accept_cb,
                       struct pstream **pstreamp);

/* Prepares socket 'fd', just accepted from the peer whose address 'sa' is
 * 'sa_len' bytes long, for use as a TCP stream: turns on TCP_NODELAY and
 * stores in '*namep' the stream's name, "'scheme':" followed by the peer
 * address, which the caller must free.  Returns 0 or a positive errno
 * value; on failure 'fd' is closed and '*namep' is NULL. */
int stream_tcp_accepted(int fd, const void *sa, size_t sa_len,
                        const char *scheme, char **namep);

#endif /* stream-provider.h */
