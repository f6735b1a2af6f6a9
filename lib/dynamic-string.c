/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

#include <config.h>
#include "dynamic-string.h"

#include <string.h>
#include <time.h>
#include "util.h"

void
ds_init(struct ds *ds)
{
    ds->string = NULL;
    ds->length = 0;
    ds->allocated = 0;
}

void
ds_clear(struct ds *ds)
{
    ds->length = 0;
    if (ds->string) {
        ds->string[0] = '\0';
    }
}

void
ds_truncate(struct ds *ds, size_t new_length)
{
    if (ds->length > new_length) {
        ds->length = new_length;
        ds->string[new_length] = '\0';
    }
}

void
ds_reserve(struct ds *ds, size_t min_length)
{
    if (min_length > ds->allocated || !ds->string) {
        size_t allocated = MAX(ds->allocated * 2, min_length);

        allocated = MAX(allocated, 8);
        ds->string = xrealloc(ds->string, allocated + 1);
        ds->allocated = allocated;
        ds->string[ds->length] = '\0';
    }
}

char *
ds_put_uninit(struct ds *ds, size_t n)
{
    char *p;

    ds_reserve(ds, ds->length + n);
    p = &ds->string[ds->length];
    ds->length += n;
    ds->string[ds->length] = '\0';
    return p;
}

void
ds_put_char(struct ds *ds, char c)
{
    *ds_put_uninit(ds, 1) = c;
}

void
ds_put_char_multiple(struct ds *ds, char c, size_t n)
{
    memset(ds_put_uninit(ds, n), c, n);
}

void
ds_put_buffer(struct ds *ds, const char *buffer, size_t n)
{
    if (n) {
        memcpy(ds_put_uninit(ds, n), buffer, n);
    } else {
        ds_reserve(ds, ds->length);
    }
}

void
ds_put_cstr(struct ds *ds, const char *s)
{
    ds_put_buffer(ds, s, strlen(s));
}

void
ds_put_and_free_cstr(struct ds *ds, char *s)
{
    ds_put_cstr(ds, s);
    free(s);
}

void
ds_put_format_valist(struct ds *ds, const char *format, va_list args)
{
    size_t available;
    va_list args2;
    int needed;

    ds_reserve(ds, ds->length + 64);
    available = ds->allocated - ds->length + 1;
    va_copy(args2, args);
    needed = vsnprintf(&ds->string[ds->length], available, format, args);
    if (needed < 0) {
        /* An encoding error: keep the string as it was. */
        ds->string[ds->length] = '\0';
    } else if ((size_t) needed < available) {
        ds->length += needed;
    } else {
        ds_reserve(ds, ds->length + needed);
        available = ds->allocated - ds->length + 1;
        vsnprintf(&ds->string[ds->length], available, format, args2);
        ds->length += needed;
    }
    va_end(args2);
}

void
ds_put_format(struct ds *ds, const char *format, ...)
{
    va_list args;

    va_start(args, format);
    ds_put_format_valist(ds, format, args);
    va_end(args);
}

void
ds_put_iso8601_msec(struct ds *ds, long long int when)
{
    time_t seconds = when / 1000;
    struct tm tm;

    gmtime_r(&seconds, &tm);
    ds_put_format(ds, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ",
                  tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                  tm.tm_hour, tm.tm_min, tm.tm_sec, (int) (when % 1000));
}

void
ds_chomp(struct ds *ds, int c)
{
    while (ds->length > 0 && ds->string[ds->length - 1] == (char) c) {
        ds->string[--ds->length] = '\0';
    }
}

int
ds_last(const struct ds *ds)
{
    return ds->length > 0 ? (unsigned char) ds->string[ds->length - 1] : EOF;
}

char *
ds_cstr(struct ds *ds)
{
    if (!ds->string) {
        ds_reserve(ds, 0);
    }
    return ds->string;
}

const char *
ds_cstr_ro(const struct ds *ds)
{
    return ds->string ? ds->string : "";
}

char *
ds_steal_cstr(struct ds *ds)
{
    char *s = ds_cstr(ds);

    ds_init(ds);
    return s;
}

void
ds_destroy(struct ds *ds)
{
    if (ds) {
        free(ds->string);
        ds_init(ds);
    }
}

void
ds_swap(struct ds *a, struct ds *b)
{
    struct ds tmp = *a;

    *a = *b;
    *b = tmp;
}
