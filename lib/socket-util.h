/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

#ifndef SOCKET_UTIL_H
#define SOCKET_UTIL_H 1

/* Socket helpers for the stream providers: parsing "HOST:PORT" and
 * "PORT[:IP]", opening TCP and Unix domain sockets without blocking, DSCP
 * marking, and formatting addresses.
 *
 * Every function returns 0 or a positive errno value.  Functions that open
 * a socket store it in '*fdp' on success and -1 on failure; the sockets are
 * non-blocking and close-on-exec. */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>
#include "compiler.h"

struct ds;

/* Parses 'target', of the form "HOST:PORT", where HOST is an IPv4 address,
 * an IPv6 address in square brackets ("[::1]:6640") or a host name (looked
 * up with getaddrinfo(), which may block), into '*ss'.  The port is
 * required. */
int sock_parse_active(const char *target, struct sockaddr_storage *ss);

/* Parses 'target', of the form "PORT[:IP]", into '*ss'.  An empty or absent
 * IP means every IPv4 address; IPv6 addresses may be given with or without
 * square brackets.  Port 0 lets the kernel choose. */
int sock_parse_passive(const char *target, struct sockaddr_storage *ss);

/* Starts a TCP connection to '*ss'.  Returns 0 if it completed at once,
 * EAGAIN if it is in progress (see sock_check_connection()), or an error.
 * In the first two cases '*fdp' is the socket. */
int sock_open_tcp_active(const struct sockaddr_storage *ss, uint8_t dscp,
                         int *fdp);

/* Opens a TCP socket listening on '*ss' and stores in '*bound_port' the
 * port actually bound (useful when '*ss' asks for port 0). */
int sock_open_tcp_passive(const struct sockaddr_storage *ss, uint8_t dscp,
                          int *fdp, uint16_t *bound_port);

/* Connects a Unix domain stream socket to 'path', which may be longer than
 * 'sun_path'.  Returns 0 or an error; a listener whose backlog is full
 * gives ECONNREFUSED rather than EAGAIN. */
int sock_open_unix_active(const char *path, int *fdp);

/* Creates a Unix domain stream socket listening at 'path' (which may be
 * longer than 'sun_path'), first removing a stale socket file there. */
int sock_open_unix_passive(const char *path, int *fdp);

/* Checks a connection started by sock_open_tcp_active(): 0 once
 * established, EAGAIN while in progress, or the error that ended it. */
int sock_check_connection(int fd);

/* Returns the pending error on socket 'fd' (SO_ERROR), clearing it. */
int sock_get_error(int fd);

/* Sets the DSCP bits (0 to 63) of IP packets sent on 'fd', whose address
 * family is 'family'.  Does nothing for other families. */
int sock_set_dscp(int fd, int family, uint8_t dscp);

/* Appends the address in '*ss' to 'ds': "1.2.3.4:80" or "[::1]:80". */
void sock_format_address(const struct sockaddr_storage *ss, struct ds *ds);

/* Appends 'port' and the IP address in '*ss' to 'ds' in the form a passive
 * name takes them: "6640:0.0.0.0" or "6640:[::1]". */
void sock_format_passive(const struct sockaddr_storage *ss, uint16_t port,
                         struct ds *ds);

/* Returns the port in '*ss' in host byte order, or 0 if not IP. */
uint16_t sock_get_port(const struct sockaddr_storage *ss);

/* Returns the size of the address in '*ss' for bind() and connect(). */
socklen_t sock_address_size(const struct sockaddr_storage *ss);

#endif /* socket-util.h */
