/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

#ifndef DYNAMIC_STRING_H
#define DYNAMIC_STRING_H 1

/* A growable, always null-terminated string.
 *
 * 'string' is NULL until something is put into the string, so use
 * ds_cstr() (never NULL) to read it. */

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include "compiler.h"

struct ds {
    char *string;       /* Null-terminated; NULL when nothing allocated. */
    size_t length;      /* Bytes used, not counting the null terminator. */
    size_t allocated;   /* Bytes allocated, not counting the terminator. */
};

#define DS_EMPTY_INITIALIZER { NULL, 0, 0 }

void ds_init(struct ds *);
void ds_clear(struct ds *);
void ds_truncate(struct ds *, size_t new_length);
void ds_reserve(struct ds *, size_t min_length);
char *ds_put_uninit(struct ds *, size_t n);
void ds_put_char(struct ds *, char c);
void ds_put_char_multiple(struct ds *, char c, size_t n);
void ds_put_buffer(struct ds *, const char *buffer, size_t n);
void ds_put_cstr(struct ds *, const char *s);
void ds_put_and_free_cstr(struct ds *, char *s);
void ds_put_format(struct ds *, const char *format, ...)
    OVS_PRINTF_FORMAT(2, 3);
void ds_put_format_valist(struct ds *, const char *format, va_list)
    OVS_PRINTF_FORMAT(2, 0);

/* Appends 'when' (milliseconds since the epoch) formatted as
 * 2026-11-23T07:41:35.187Z, in UTC. */
void ds_put_iso8601_msec(struct ds *, long long int when);

/* Removes trailing occurrences of 'c'. */
void ds_chomp(struct ds *, int c);
int ds_last(const struct ds *);

char *ds_cstr(struct ds *);
const char *ds_cstr_ro(const struct ds *);
char *ds_steal_cstr(struct ds *);
void ds_destroy(struct ds *);
void ds_swap(struct ds *, struct ds *);

#endif /* dynamic-string.h */
