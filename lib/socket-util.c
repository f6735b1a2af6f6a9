/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

#include <config.h>
#include "socket-util.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/ip.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "dynamic-string.h"
#include "util.h"
#include "vlog.h"

VLOG_DEFINE_THIS_MODULE(socket_util);

/* The backlog of every listening socket. */
#define SOCK_LISTEN_BACKLOG 128

/* Parses 'port_string' as a TCP port into '*port'.  Port 0 is allowed only
 * if 'allow_zero'. */
static int
parse_port__(const char *port_string, bool allow_zero, uint16_t *port)
{
    unsigned int value;

    if (!str_to_uint(port_string, 10, &value) || value > UINT16_MAX
        || (!value && !allow_zero)) {
        return EINVAL;
    }
    *port = value;
    return 0;
}

/* Stores in '*ss' the IPv4 or IPv6 literal 'host' with 'port'.  Returns
 * false if 'host' is neither. */
static bool
parse_ip_literal__(const char *host, uint16_t port,
                   struct sockaddr_storage *ss)
{
    struct sockaddr_in *sin = (struct sockaddr_in *) ss;
    struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *) ss;

    memset(ss, 0, sizeof *ss);
    if (inet_pton(AF_INET, host, &sin->sin_addr) == 1) {
        sin->sin_family = AF_INET;
        sin->sin_port = htons(port);
        return true;
    }
    if (inet_pton(AF_INET6, host, &sin6->sin6_addr) == 1) {
        sin6->sin6_family = AF_INET6;
        sin6->sin6_port = htons(port);
        return true;
    }
    return false;
}

/* Looks up host name 'host' and stores its first address, with 'port', in
 * '*ss'. */
static int
resolve_host__(const char *host, uint16_t port, struct sockaddr_storage *ss)
{
    static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(5, 10);
    struct addrinfo hints = {0};
    struct addrinfo *result;
    int error;

    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    error = getaddrinfo(host, NULL, &hints, &result);
    if (error) {
        VLOG_WARN_RL(&rl, "%s: host name lookup failed (%s)",
                     host, gai_strerror(error));
        return (error == EAI_MEMORY ? ENOMEM
                : error == EAI_SYSTEM && errno ? errno
                : ENOENT);
    }

    error = ENOENT;
    for (const struct addrinfo *ai = result; ai; ai = ai->ai_next) {
        if ((ai->ai_family == AF_INET || ai->ai_family == AF_INET6)
            && ai->ai_addrlen <= sizeof *ss) {
            memset(ss, 0, sizeof *ss);
            memcpy(ss, ai->ai_addr, ai->ai_addrlen);
            if (ai->ai_family == AF_INET) {
                ((struct sockaddr_in *) ss)->sin_port = htons(port);
            } else {
                ((struct sockaddr_in6 *) ss)->sin6_port = htons(port);
            }
            error = 0;
            break;
        }
    }
    freeaddrinfo(result);
    return error;
}

int
sock_parse_active(const char *target, struct sockaddr_storage *ss)
{
    char *copy = xstrdup(target);
    const char *host;
    char *port_string;
    uint16_t port;
    int error;

    if (copy[0] == '[') {
        char *end = strchr(copy, ']');

        if (!end || end[1] != ':') {
            error = EINVAL;
            goto out_free_copy;
        }
        *end = '\0';
        host = copy + 1;
        port_string = end + 2;
    } else {
        char *colon = strrchr(copy, ':');

        if (!colon || memchr(copy, ':', colon - copy)) {
            /* No port, or an IPv6 address without the brackets that would
             * tell it apart from the port. */
            error = EINVAL;
            goto out_free_copy;
        }
        *colon = '\0';
        host = copy;
        port_string = colon + 1;
    }

    error = parse_port__(port_string, false, &port);
    if (error) {
        goto out_free_copy;
    }
    if (!host[0]) {
        error = EINVAL;
    } else if (!parse_ip_literal__(host, port, ss)) {
        error = resolve_host__(host, port, ss);
    }

out_free_copy:
    free(copy);
    return error;
}

int
sock_parse_passive(const char *target, struct sockaddr_storage *ss)
{
    char *copy = xstrdup(target);
    char *colon = strchr(copy, ':');
    const char *host = "0.0.0.0";
    uint16_t port;
    int error;

    if (colon) {
        size_t len;

        *colon = '\0';
        host = colon + 1;
        len = strlen(host);
        if (len >= 2 && host[0] == '[' && host[len - 1] == ']') {
            colon[len] = '\0';
            host++;
        } else if (!len) {
            host = "0.0.0.0";
        }
    }

    error = parse_port__(copy, true, &port);
    if (!error && !parse_ip_literal__(host, port, ss)) {
        error = EINVAL;
    }
    free(copy);
    return error;
}

socklen_t
sock_address_size(const struct sockaddr_storage *ss)
{
    return (ss->ss_family == AF_INET ? sizeof(struct sockaddr_in)
            : ss->ss_family == AF_INET6 ? sizeof(struct sockaddr_in6)
            : sizeof *ss);
}

int
sock_set_dscp(int fd, int family, uint8_t dscp)
{
    int tos = dscp << 2;

    if (dscp > 63) {
        return EINVAL;
    }
    if (family == AF_INET) {
        if (setsockopt(fd, IPPROTO_IP, IP_TOS, &tos, sizeof tos)) {
            return errno;
        }
    } else if (family == AF_INET6) {
        if (setsockopt(fd, IPPROTO_IPV6, IPV6_TCLASS, &tos, sizeof tos)) {
            return errno;
        }
    }
    return 0;
}

/* Creates a non-blocking, close-on-exec TCP socket for addresses of
 * 'family', with TCP_NODELAY and, if nonzero, 'dscp'. */
static int
open_tcp_socket__(int family, uint8_t dscp, int *fdp)
{
    int on = 1;
    int error;
    int fd;

    *fdp = -1;
    fd = socket(family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        return errno;
    }
    if (setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on)) {
        error = errno;
        goto out_close;
    }
    if (dscp) {
        error = sock_set_dscp(fd, family, dscp);
        if (error) {
            goto out_close;
        }
    }
    *fdp = fd;
    return 0;

out_close:
    close(fd);
    return error;
}

int
sock_open_tcp_active(const struct sockaddr_storage *ss, uint8_t dscp,
                     int *fdp)
{
    int error;
    int fd;

    error = open_tcp_socket__(ss->ss_family, dscp, &fd);
    if (error) {
        return error;
    }

    if (!connect(fd, (const struct sockaddr *) ss, sock_address_size(ss))) {
        error = 0;
    } else if (errno == EINPROGRESS) {
        error = EAGAIN;
    } else {
        /* EAGAIN from connect() means something else for TCP (no local
         * ports left); do not let it pass for "in progress". */
        error = errno == EAGAIN ? EADDRNOTAVAIL : errno;
        close(fd);
        fd = -1;
    }
    *fdp = fd;
    return error;
}

int
sock_open_tcp_passive(const struct sockaddr_storage *ss, uint8_t dscp,
                      int *fdp, uint16_t *bound_port)
{
    struct sockaddr_storage bound = {0};
    socklen_t bound_len = sizeof bound;
    int on = 1;
    int error;
    int fd;

    *bound_port = 0;
    error = open_tcp_socket__(ss->ss_family, dscp, &fd);
    if (error) {
        return error;
    }
    if (setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on)
        || bind(fd, (const struct sockaddr *) ss, sock_address_size(ss))
        || listen(fd, SOCK_LISTEN_BACKLOG)
        || getsockname(fd, (struct sockaddr *) &bound, &bound_len)) {
        error = errno;
        close(fd);
        *fdp = -1;
        return error;
    }
    *bound_port = sock_get_port(&bound);
    *fdp = fd;
    return 0;
}

/* Fills '*sun' and '*sun_len' with an address for 'path'.  A path too long
 * for 'sun_path' is reached through its directory: that directory is opened
 * with O_PATH, its descriptor stored in '*dirfdp' (for the caller to close
 * once bind() or connect() is done; otherwise '*dirfdp' is -1), and the
 * address becomes "/proc/self/fd/N/BASENAME", which the kernel resolves
 * through the descriptor. */
static int
make_unix_address__(const char *path, struct sockaddr_un *sun,
                    socklen_t *sun_len, int *dirfdp)
{
    const char *slash;
    char *dir;
    int dirfd;
    int n;

    *dirfdp = -1;
    memset(sun, 0, sizeof *sun);
    sun->sun_family = AF_UNIX;

    if (!path[0]) {
        return EINVAL;
    }
    if (strlen(path) < sizeof sun->sun_path) {
        ovs_strlcpy(sun->sun_path, path, sizeof sun->sun_path);
        goto out_set_len;
    }

    slash = strrchr(path, '/');
    if (!slash || !slash[1]) {
        return ENAMETOOLONG;
    }
    dir = slash == path ? xstrdup("/") : xmemdup0(path, slash - path);
    dirfd = open(dir, O_PATH | O_DIRECTORY | O_CLOEXEC);
    free(dir);
    if (dirfd < 0) {
        return errno;
    }

    n = snprintf(sun->sun_path, sizeof sun->sun_path, "/proc/self/fd/%d/%s",
                 dirfd, slash + 1);
    if (n < 0 || n >= sizeof sun->sun_path) {
        close(dirfd);
        return ENAMETOOLONG;
    }
    *dirfdp = dirfd;

out_set_len:
    *sun_len = offsetof(struct sockaddr_un, sun_path)
               + strlen(sun->sun_path) + 1;
    return 0;
}

int
sock_open_unix_active(const char *path, int *fdp)
{
    struct sockaddr_un sun;
    socklen_t sun_len;
    int dirfd;
    int error;
    int fd;

    *fdp = -1;
    error = make_unix_address__(path, &sun, &sun_len, &dirfd);
    if (error) {
        return error;
    }

    fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        error = errno;
        goto out_close_dirfd;
    }
    if (connect(fd, (struct sockaddr *) &sun, sun_len)) {
        /* A Unix domain connect() either completes or fails at once; EAGAIN
         * means that the listener's backlog is full. */
        error = errno == EAGAIN ? ECONNREFUSED : errno;
        close(fd);
        goto out_close_dirfd;
    }
    *fdp = fd;

out_close_dirfd:
    if (dirfd >= 0) {
        close(dirfd);
    }
    return error;
}

int
sock_open_unix_passive(const char *path, int *fdp)
{
    struct sockaddr_un sun;
    socklen_t sun_len;
    struct stat st;
    int dirfd;
    int error;
    int fd;

    *fdp = -1;
    error = make_unix_address__(path, &sun, &sun_len, &dirfd);
    if (error) {
        return error;
    }

    /* A socket file left behind by a process that died would make bind()
     * fail.  Remove only sockets: anything else at 'path' is not ours. */
    if (!lstat(path, &st) && S_ISSOCK(st.st_mode) && unlink(path)
        && errno != ENOENT) {
        error = errno;
        goto out_close_dirfd;
    }

    fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        error = errno;
        goto out_close_dirfd;
    }
    /* The socket file bind() creates takes its mode from the socket (less
     * the umask): only the owner and its group may connect. */
    if (fchmod(fd, S_IRWXU | S_IRWXG)
        || bind(fd, (struct sockaddr *) &sun, sun_len)) {
        error = errno;
        close(fd);
        goto out_close_dirfd;
    }
    if (listen(fd, SOCK_LISTEN_BACKLOG)) {
        error = errno;
        close(fd);
        unlink(path);
        goto out_close_dirfd;
    }
    *fdp = fd;

out_close_dirfd:
    if (dirfd >= 0) {
        close(dirfd);
    }
    return error;
}

int
sock_get_error(int fd)
{
    socklen_t len;
    int error;

    len = sizeof error;
    if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &len)) {
        return errno;
    }
    return error;
}

int
sock_check_connection(int fd)
{
    struct pollfd pfd = { .fd = fd, .events = POLLOUT };
    int retval;
    int error;

    do {
        retval = poll(&pfd, 1, 0);
    } while (retval < 0 && errno == EINTR);

    if (retval < 0) {
        return errno;
    } else if (!retval) {
        return EAGAIN;
    }

    error = sock_get_error(fd);
    if (error) {
        return error;
    } else if (pfd.revents & (POLLERR | POLLHUP | POLLNVAL)) {
        return pfd.revents & POLLNVAL ? EBADF : ECONNRESET;
    }
    return 0;
}

void
sock_format_address(const struct sockaddr_storage *ss, struct ds *ds)
{
    char text[INET6_ADDRSTRLEN];

    if (ss->ss_family == AF_INET) {
        const struct sockaddr_in *sin = (const struct sockaddr_in *) ss;

        inet_ntop(AF_INET, &sin->sin_addr, text, sizeof text);
        ds_put_format(ds, "%s:%u", text, ntohs(sin->sin_port));
    } else if (ss->ss_family == AF_INET6) {
        const struct sockaddr_in6 *sin6 = (const struct sockaddr_in6 *) ss;

        inet_ntop(AF_INET6, &sin6->sin6_addr, text, sizeof text);
        ds_put_format(ds, "[%s]:%u", text, ntohs(sin6->sin6_port));
    } else {
        ds_put_format(ds, "(address family %d)", ss->ss_family);
    }
}

void
sock_format_passive(const struct sockaddr_storage *ss, uint16_t port,
                    struct ds *ds)
{
    char text[INET6_ADDRSTRLEN];

    if (ss->ss_family == AF_INET) {
        const struct sockaddr_in *sin = (const struct sockaddr_in *) ss;

        inet_ntop(AF_INET, &sin->sin_addr, text, sizeof text);
        ds_put_format(ds, "%u:%s", port, text);
    } else if (ss->ss_family == AF_INET6) {
        const struct sockaddr_in6 *sin6 = (const struct sockaddr_in6 *) ss;

        inet_ntop(AF_INET6, &sin6->sin6_addr, text, sizeof text);
        ds_put_format(ds, "%u:[%s]", port, text);
    } else {
        ds_put_format(ds, "%u", port);
    }
}

uint16_t
sock_get_port(const struct sockaddr_storage *ss)
{
    if (ss->ss_family == AF_INET) {
        return ntohs(((const struct sockaddr_in *) ss)->sin_port);
    } else if (ss->ss_family == AF_INET6) {
        return ntohs(((const struct sockaddr_in6 *) ss)->sin6_port);
    }
    return 0;
}
