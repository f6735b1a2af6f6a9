/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

#include <config.h>
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <string.h>
#include <unistd.h>

const char *program_name = "ovs-tc";

void
set_program_name(const char *argv0)
{
    const char *slash = strrchr(argv0, '/');
    const char *base = slash ? slash + 1 : argv0;

    /* libtool wraps uninstalled programs as "lt-NAME". */
    if (str_starts_with(base, "lt-")) {
        base += 3;
    }
    program_name = base;
}

const char *
ovs_get_program_version(void)
{
    return PACKAGE_VERSION;
}

void
ovs_print_version(void)
{
    printf("%s (ovs-tc) %s\n", program_name, PACKAGE_VERSION);
}

void
out_of_memory(void)
{
    ovs_fatal(0, "virtual memory exhausted");
}

void *
xmalloc(size_t size)
{
    void *p = malloc(size ? size : 1);

    if (!p) {
        out_of_memory();
    }
    return p;
}

void *
xcalloc(size_t count, size_t size)
{
    void *p = count && size ? calloc(count, size) : calloc(1, 1);

    if (!p) {
        out_of_memory();
    }
    return p;
}

void *
xzalloc(size_t size)
{
    return xcalloc(1, size);
}

void *
xrealloc(void *pointer, size_t size)
{
    void *p = realloc(pointer, size ? size : 1);

    if (!p) {
        out_of_memory();
    }
    return p;
}

void *
xmemdup(const void *data, size_t size)
{
    void *p = xmalloc(size);

    if (size) {
        memcpy(p, data, size);
    }
    return p;
}

char *
xmemdup0(const char *data, size_t length)
{
    char *p = xmalloc(length + 1);

    if (length) {
        memcpy(p, data, length);
    }
    p[length] = '\0';
    return p;
}

char *
xstrdup(const char *string)
{
    return xmemdup0(string, strlen(string));
}

char *
xvasprintf(const char *format, va_list args)
{
    va_list args2;
    int needed;
    char *s;

    va_copy(args2, args);
    needed = vsnprintf(NULL, 0, format, args);
    if (needed < 0) {
        needed = 0;
    }
    s = xmalloc(needed + 1);
    vsnprintf(s, needed + 1, format, args2);
    va_end(args2);
    return s;
}

char *
xasprintf(const char *format, ...)
{
    va_list args;
    char *s;

    va_start(args, format);
    s = xvasprintf(format, args);
    va_end(args);
    return s;
}

static void
report_error__(int err_no, const char *format, va_list args)
{
    int save_errno = errno;

    fprintf(stderr, "%s: ", program_name);
    vfprintf(stderr, format, args);
    if (err_no) {
        fprintf(stderr, " (%s)", ovs_retval_to_string(err_no));
    }
    putc('\n', stderr);
    errno = save_errno;
}

void
ovs_fatal(int err_no, const char *format, ...)
{
    va_list args;

    va_start(args, format);
    report_error__(err_no, format, args);
    va_end(args);
    exit(EXIT_FAILURE);
}

void
ovs_error(int err_no, const char *format, ...)
{
    va_list args;

    va_start(args, format);
    report_error__(err_no, format, args);
    va_end(args);
}

const char *
ovs_strerror(int error)
{
    static __thread char buffer[128];
    int save_errno = errno;
    const char *s;

    /* glibc's strerror_r() is the GNU variant: it may return a static
     * string instead of filling 'buffer'. */
    s = strerror_r(error, buffer, sizeof buffer);
    errno = save_errno;
    return s;
}

const char *
ovs_retval_to_string(int retval)
{
    return (!retval ? "Success"
            : retval == EOF ? "End of file"
            : ovs_strerror(retval));
}

bool
str_to_llong(const char *s, int base, long long *value)
{
    char *tail;
    int save_errno = errno;
    long long x;

    errno = 0;
    x = strtoll(s, &tail, base);
    if (errno || tail == s || *tail != '\0') {
        errno = save_errno;
        *value = 0;
        return false;
    }
    errno = save_errno;
    *value = x;
    return true;
}

bool
str_to_int(const char *s, int base, int *value)
{
    long long x;

    if (!str_to_llong(s, base, &x) || x < INT_MIN || x > INT_MAX) {
        *value = 0;
        return false;
    }
    *value = x;
    return true;
}

bool
str_to_uint(const char *s, int base, unsigned int *value)
{
    long long x;

    if (!str_to_llong(s, base, &x) || x < 0 || x > UINT_MAX) {
        *value = 0;
        return false;
    }
    *value = x;
    return true;
}

void
ovs_strlcpy(char *dst, const char *src, size_t size)
{
    size_t n = strnlen(src, size - 1);

    memcpy(dst, src, n);
    dst[n] = '\0';
}

bool
str_starts_with(const char *string, const char *prefix)
{
    return !strncmp(string, prefix, strlen(prefix));
}

int
set_nonblocking(int fd)
{
    int flags = fcntl(fd, F_GETFL, 0);

    if (flags == -1 || fcntl(fd, F_SETFL, flags | O_NONBLOCK) == -1) {
        return errno;
    }
    return 0;
}
