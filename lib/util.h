/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

#ifndef UTIL_H
#define UTIL_H 1

/* Small utilities every layer uses: checked allocation, fatal errors, error
 * strings, program name and version, string-to-number conversions.
 *
 * Error convention for the whole project: a function that can fail returns 0
 * on success or a positive errno value, or EOF (which is negative) for a
 * clean end of stream.  ovs_retval_to_string() turns any of them into text. */

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "compiler.h"

#define ARRAY_SIZE(ARRAY) (sizeof (ARRAY) / sizeof (ARRAY)[0])

/* Given 'POINTER' to member 'MEMBER' of a struct of type 'STRUCT', returns
 * the struct. */
#define CONTAINER_OF(POINTER, STRUCT, MEMBER) \
    ((STRUCT *) (void *) ((char *) (POINTER) - offsetof(STRUCT, MEMBER)))

#ifndef MIN
#define MIN(X, Y) ((X) < (Y) ? (X) : (Y))
#endif
#ifndef MAX
#define MAX(X, Y) ((X) > (Y) ? (X) : (Y))
#endif
#define DIV_ROUND_UP(X, Y) (((X) + ((Y) - 1)) / (Y))

#define OVS_NOT_REACHED() abort()

/* Program name (basename of argv[0], without a libtool "lt-" prefix) and
 * version.  set_program_name() must be called first thing in main(). */
extern const char *program_name;
void set_program_name(const char *argv0);
const char *ovs_get_program_version(void);

/* Prints "PROGRAM (ovs-tc) VERSION" on stdout, the --version output. */
void ovs_print_version(void);

/* Allocation that never returns NULL: out of memory is fatal. */
void *xmalloc(size_t size);
void *xcalloc(size_t count, size_t size);
void *xzalloc(size_t size);
void *xrealloc(void *pointer, size_t size);
void *xmemdup(const void *data, size_t size);
char *xstrdup(const char *string);
char *xmemdup0(const char *data, size_t length);
char *xasprintf(const char *format, ...) OVS_PRINTF_FORMAT(1, 2);
char *xvasprintf(const char *format, va_list args) OVS_PRINTF_FORMAT(1, 0);
OVS_NO_RETURN void out_of_memory(void);

/* Reports an error on stderr as "PROGRAM: MESSAGE" followed, when 'err_no'
 * is nonzero, by ": " and its text.  ovs_fatal() then exits with status 1. */
OVS_NO_RETURN void ovs_fatal(int err_no, const char *format, ...)
    OVS_PRINTF_FORMAT(2, 3);
void ovs_error(int err_no, const char *format, ...) OVS_PRINTF_FORMAT(2, 3);

/* Thread-safe strerror(): the returned string stays valid until the calling
 * thread calls ovs_strerror() again. */
const char *ovs_strerror(int error);

/* Text for a return value that follows the project convention: "Success"
 * for 0, "End of file" for EOF, else ovs_strerror(). */
const char *ovs_retval_to_string(int retval);

/* Strict conversions: the whole string must be a number in range. */
bool str_to_int(const char *s, int base, int *value);
bool str_to_llong(const char *s, int base, long long *value);
bool str_to_uint(const char *s, int base, unsigned int *value);

/* Copies at most 'size' - 1 bytes of 'src' into 'dst' and terminates it.
 * 'size' must be at least 1. */
void ovs_strlcpy(char *dst, const char *src, size_t size);

/* Returns true if 'string' starts with 'prefix'. */
bool str_starts_with(const char *string, const char *prefix);

/* Puts 'fd' in non-blocking mode.  Returns 0 or a positive errno. */
int set_nonblocking(int fd);

#endif /* util.h */
