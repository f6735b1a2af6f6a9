/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

#ifndef LIST_H
#define LIST_H 1

/* A circular doubly linked list with a sentinel head, embedded in the
 * structures it links. */

#include <stdbool.h>
#include <stddef.h>
#include "util.h"

struct ovs_list {
    struct ovs_list *prev;
    struct ovs_list *next;
};

#define OVS_LIST_INITIALIZER(LIST) { LIST, LIST }

static inline void
ovs_list_init(struct ovs_list *list)
{
    list->next = list->prev = list;
}

/* Inserts 'elem' just before 'before'. */
static inline void
ovs_list_insert(struct ovs_list *before, struct ovs_list *elem)
{
    elem->prev = before->prev;
    elem->next = before;
    before->prev->next = elem;
    before->prev = elem;
}

static inline void
ovs_list_push_front(struct ovs_list *list, struct ovs_list *elem)
{
    ovs_list_insert(list->next, elem);
}

static inline void
ovs_list_push_back(struct ovs_list *list, struct ovs_list *elem)
{
    ovs_list_insert(list, elem);
}

/* Unlinks 'elem' and returns the element that followed it. */
static inline struct ovs_list *
ovs_list_remove(struct ovs_list *elem)
{
    elem->prev->next = elem->next;
    elem->next->prev = elem->prev;
    return elem->next;
}

static inline bool
ovs_list_is_empty(const struct ovs_list *list)
{
    return list->next == list;
}

static inline struct ovs_list *
ovs_list_front(const struct ovs_list *list)
{
    return list->next;
}

static inline struct ovs_list *
ovs_list_back(const struct ovs_list *list)
{
    return list->prev;
}

/* Removes and returns the first element.  'list' must not be empty. */
static inline struct ovs_list *
ovs_list_pop_front(struct ovs_list *list)
{
    struct ovs_list *front = list->next;

    ovs_list_remove(front);
    return front;
}

static inline size_t
ovs_list_size(const struct ovs_list *list)
{
    size_t n = 0;

    for (const struct ovs_list *e = list->next; e != list; e = e->next) {
        n++;
    }
    return n;
}

/* Iteration.  'ITER' is a pointer to the containing struct, 'MEMBER' the
 * name of its struct ovs_list member.  The _SAFE form allows removal of
 * 'ITER' in the loop body; _POP removes each element before the body. */
#define LIST_ENTRY_(ITER, NODE, MEMBER) \
    CONTAINER_OF(NODE, OVS_TYPEOF(*(ITER)), MEMBER)

#define LIST_FOR_EACH(ITER, MEMBER, LIST)                                \
    for ((ITER) = LIST_ENTRY_(ITER, (LIST)->next, MEMBER);               \
         &(ITER)->MEMBER != (LIST);                                      \
         (ITER) = LIST_ENTRY_(ITER, (ITER)->MEMBER.next, MEMBER))

#define LIST_FOR_EACH_SAFE(ITER, NEXT, MEMBER, LIST)                     \
    for ((ITER) = LIST_ENTRY_(ITER, (LIST)->next, MEMBER);               \
         &(ITER)->MEMBER != (LIST)                                       \
         && ((NEXT) = LIST_ENTRY_(ITER, (ITER)->MEMBER.next, MEMBER), 1); \
         (ITER) = (NEXT))

#define LIST_FOR_EACH_POP(ITER, MEMBER, LIST)                            \
    while (!ovs_list_is_empty(LIST)                                      \
           && ((ITER) = LIST_ENTRY_(ITER, ovs_list_pop_front(LIST),      \
                                    MEMBER), 1))

#endif /* list.h */
