/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

#ifndef UUID_H
#define UUID_H 1

/* Universally unique identifiers (RFC 4122), as OVSDB uses them for row
 * identities.
 *
 * A UUID is held as four 32-bit words in host byte order: parts[0] holds the
 * first 8 hexadecimal digits of the text form, parts[1] the next 8 (digits
 * 9-12 and 14-17 of the text), and so on, so that comparing the parts in
 * order as unsigned numbers gives the same order as comparing the text forms
 * of two UUIDs.
 *
 * The names here avoid libuuid's, which this module uses underneath: there is
 * no uuid_generate() or uuid_parse() of ours. */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct ds;

struct uuid {
    uint32_t parts[4];
};

/* Length of the text form "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx", without the
 * null terminator. */
#define UUID_LEN 36

/* Buffer size that holds the text form and its null terminator. */
#define UUID_BUFSIZE (UUID_LEN + 1)

/* printf() helpers: printf("uuid "UUID_FMT"\n", UUID_ARGS(&uuid)). */
#define UUID_FMT "%08x-%04x-%04x-%04x-%04x%08x"
#define UUID_ARGS(UUID)                             \
    ((unsigned int) (UUID)->parts[0]),              \
    ((unsigned int) ((UUID)->parts[1] >> 16)),      \
    ((unsigned int) ((UUID)->parts[1] & 0xffff)),   \
    ((unsigned int) ((UUID)->parts[2] >> 16)),      \
    ((unsigned int) ((UUID)->parts[2] & 0xffff)),   \
    ((unsigned int) (UUID)->parts[3])

/* Stores a new random (version 4) UUID in 'uuid'. */
void uuid_new_random(struct uuid *uuid);

/* Sets 'uuid' to the all-zero UUID. */
void uuid_zero(struct uuid *uuid);

/* Returns true if every bit of 'uuid' is zero. */
bool uuid_is_zero(const struct uuid *uuid);

/* Parses 's', which must be exactly the 36-character form with hyphens after
 * the 8th, 12th, 16th and 20th hexadecimal digits (either case), into
 * 'uuid'.  Returns true on success.  On failure returns false and sets 'uuid'
 * to zero. */
bool uuid_from_string(struct uuid *uuid, const char *s);

/* Like uuid_from_string() for the 'n' bytes at 's', which need not be
 * null-terminated.  Fails unless 'n' is UUID_LEN. */
bool uuid_from_buffer(struct uuid *uuid, const char *s, size_t n);

/* Writes the lower-case text form of 'uuid' and a null terminator into
 * 'buf' and returns 'buf'. */
char *uuid_to_string(const struct uuid *uuid, char buf[UUID_BUFSIZE]);

/* Appends the lower-case text form of 'uuid' to 'ds'. */
void uuid_format(struct ds *ds, const struct uuid *uuid);

/* Returns true if 'a' and 'b' are the same UUID. */
bool uuid_equals(const struct uuid *a, const struct uuid *b);

/* Returns a negative number, zero or a positive number as 'a' sorts before,
 * equal to, or after 'b' (the order of their text forms). */
int uuid_compare_3way(const struct uuid *a, const struct uuid *b);

/* Returns a hash of 'uuid' suitable for a hash map. */
uint32_t uuid_hash(const struct uuid *uuid);

#endif /* uuid.h */
