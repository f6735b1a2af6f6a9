/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

#ifndef DPIF_PROVIDER_H
#define DPIF_PROVIDER_H 1

/* The contract between the datapath interface (dpif.c, the wrapper that
 * clients call through dpif.h) and each datapath implementation (a
 * "provider": dpif-netlink.c for the kernel openvswitch module, test
 * doubles in unit tests).
 *
 *
 * Errors
 * ======
 *
 * Every callback that can fail returns 0 or a positive errno value, never
 * -1 with errno on the side.  A provider reports a kernel's (or its own)
 * explanation of a failure with dpif_set_error_msg() on the dpif, or in
 * 'op->error_msg' for an operation of ->operate().  Providers do not log
 * failures of the calls they are given and keep no counters of them: the
 * wrapper does that once for every provider (dpif.c).  They may log what
 * only they can see (a feature probe's result, once, at INFO; a malformed
 * kernel message, rate-limited).
 *
 *
 * Life cycle
 * ==========
 *
 * ->open() allocates the provider's own struct, which embeds struct dpif
 * as its member 'up', calls dpif_init() on 'up' and returns it; on failure
 * it frees everything it allocated and stores nothing.  ->close() releases
 * the instance: it calls dpif_uninit() and frees the struct; it cannot
 * fail.  ->destroy() deletes the datapath itself and leaves the instance
 * to be closed.  All state (probe results, sockets, port and flow maps)
 * lives in the instance, never in file-scope variables, so that a program
 * or a test can hold several instances, even of the same datapath.
 *
 * Every callback is synchronous: when it returns, the datapath has done
 * what was asked (or refused it).  Only upcall reception is event driven
 * (->recv() returns EAGAIN when nothing is queued, ->recv_wait() arranges
 * a wake-up).
 *
 *
 * Ownership
 * =========
 *
 * Pointers a callback receives stay the caller's; a provider that keeps
 * something copies it.  struct dpif_port members written by a query are
 * malloc()'d and become the caller's (freed with dpif_port_destroy());
 * those written by ->port_dump_next() stay the provider's until the next
 * call or ->port_dump_done().  struct dpif_flow pointers point into the
 * buffer the caller passed (get) or into the dump (dump_next, valid until
 * the next call).
 *
 *
 * Flow placement (offload)
 * ========================
 *
 * DESIGN.md "Where a datapath flow lives": a datapath flow may live in the
 * kernel datapath or in TC flower.  That decision belongs to an offload
 * provider (datapath/offload-provider.h), consulted by the wrapper, not by
 * each dpif provider: when 'dpif->offload' is set (dpif_set_offload()),
 * dpif.c offers every flow put to it first and gives the provider here
 * only the flows that the offload engine declined (remembering why), sends
 * deletes and gets to whichever holds the flow, and merges dumps, marking
 * each flow's dpif_flow_attrs.  Without an engine every flow goes to the
 * provider, which reports its flows with 'dp_layer' "ovs".  A provider
 * must therefore not assume that it sees every flow the client put. */

#include "dpif.h"

struct dpif_offload;

/* The base of every provider's instance. */
struct dpif {
    const struct dpif_class *class;
    char *name;                 /* Datapath name, "ovs-system". */
    char *error_msg;            /* Last failure's explanation, or NULL. */
    struct dpif_counters counters;  /* Kept by dpif.c. */
    struct dpif_offload *offload;   /* The offload engine, or NULL. */
};

/* For providers: initialises and releases the base of an instance. */
void dpif_init(struct dpif *, const struct dpif_class *, const char *name);
void dpif_uninit(struct dpif *);

/* For providers: records the explanation of the current call's failure
 * (copied; NULL or "" clears it). */
void dpif_set_error_msg(struct dpif *, const char *msg);

/* The base of a provider's flow dump, embedded as 'up'. */
struct dpif_flow_dump {
    struct dpif *dpif;
    bool terse;
    bool offload_merged;        /* A dpif-offload.c dump of both places. */
};

static inline void
dpif_flow_dump_init(struct dpif_flow_dump *dump, struct dpif *dpif,
                    const struct dpif_flow_dump_options *opts)
{
    dump->dpif = dpif;
    dump->terse = opts && opts->terse;
    dump->offload_merged = false;
}

struct dpif_class {
    /* The type name, as given to dpif_open() ("system"). */
    const char *type;

    /* Stores the names of the existing datapaths of this type (see
     * dpif_enumerate()).  May be NULL: none can be listed. */
    int (*enumerate)(const struct dpif_class *, char ***namesp,
                     size_t *n_namesp);

    /* Opens datapath 'name', creating it first if 'create' is true (and
     * opening it if it exists already).  ENODEV if it does not exist and
     * 'create' is false; ENOENT if this type is not available on the
     * system.  On failure '*errp', if 'errp' is nonnull, may receive a
     * malloc()'d explanation. */
    int (*open)(const struct dpif_class *, const char *name, bool create,
                struct dpif **dpifp, char **errp);

    /* Releases the instance (see "Life cycle"). */
    void (*close)(struct dpif *);

    /* Deletes the datapath.  May be NULL: EOPNOTSUPP. */
    int (*destroy)(struct dpif *);

    /* Fills the features the datapath offers and uses. */
    int (*get_features)(struct dpif *, struct dpif_features *);

    /* Fills datapath statistics; unknown members as dpif.h says. */
    int (*get_stats)(struct dpif *, struct dpif_dp_stats *);

    /* Ports: as the dpif.h functions of the same names.  'type' is never
     * NULL (the wrapper turns NULL into "").  ->port_get_pid may be NULL
     * (0 for every port). */
    int (*port_add)(struct dpif *, const char *name, const char *type,
                    const struct dpif_port_option options[],
                    size_t n_options, odp_port_t *port_nop);
    int (*port_del)(struct dpif *, odp_port_t port_no);
    int (*port_query_by_number)(struct dpif *, odp_port_t port_no,
                                struct dpif_port *port);
    int (*port_query_by_name)(struct dpif *, const char *name,
                              struct dpif_port *port);
    uint32_t (*port_get_pid)(struct dpif *, odp_port_t port_no);

    /* Port dumps.  ->port_dump_start() stores its state in '*statep';
     * ->port_dump_next() returns 0 with the next port in 'port' (owned by
     * the state, see "Ownership"), EOF at the end, or an error that ends
     * the dump; ->port_dump_done() frees the state and is called once
     * whatever happened, unless ->port_dump_start() failed. */
    int (*port_dump_start)(struct dpif *, void **statep);
    int (*port_dump_next)(struct dpif *, void *state,
                          struct dpif_port *port);
    int (*port_dump_done)(struct dpif *, void *state);

    /* Deletes every flow. */
    int (*flow_flush)(struct dpif *);

    /* Flow dumps.  ->flow_dump_create() returns its own struct embedding
     * struct dpif_flow_dump as 'up' (initialised with
     * dpif_flow_dump_init()); it cannot fail: an error that prevents the
     * dump is kept and returned by ->flow_dump_destroy().
     * ->flow_dump_next() returns 0 with the next flow, EOF at the end, or
     * an error that ends the dump.  ->flow_dump_destroy() frees the dump
     * and returns the error that ended it, or EAGAIN for an inconsistent
     * dump. */
    struct dpif_flow_dump *(*flow_dump_create)(
        struct dpif *, const struct dpif_flow_dump_options *);
    int (*flow_dump_next)(struct dpif_flow_dump *, struct dpif_flow *);
    int (*flow_dump_destroy)(struct dpif_flow_dump *);

    /* Carries out the 'n' operations of 'ops', setting each one's 'error'
     * and 'error_msg' (NULL on entry).  The operations are independent;
     * a provider may send them together (the kernel provider puts them
     * into batches of netlink messages) but must report each one's own
     * result. */
    void (*operate)(struct dpif *, struct dpif_op **ops, size_t n);

    /* Upcalls (see dpif.h).  Each may be NULL, for a datapath that never
     * sends packets up: ->recv_set and ->handlers_set then give
     * EOPNOTSUPP, ->recv gives EAGAIN, the others do nothing. */
    int (*set_upcall_dispatch)(struct dpif *, enum dpif_upcall_dispatch);
    int (*recv_set)(struct dpif *, bool enable);
    int (*handlers_set)(struct dpif *, uint32_t n_handlers);
    int (*recv)(struct dpif *, uint32_t handler_id,
                struct dpif_upcall *upcall, struct nl_buf *buffer);
    void (*recv_wait)(struct dpif *, uint32_t handler_id);
    void (*recv_purge)(struct dpif *);
};

/* The kernel openvswitch module over generic netlink ("system"). */
extern const struct dpif_class dpif_netlink_class;

/* Makes 'class' available to dpif_open() under its type, in addition to the
 * built-in providers (for test doubles).  EEXIST if the type is taken. */
int dpif_register_provider(const struct dpif_class *class);
int dpif_unregister_provider(const char *type);

#endif /* dpif-provider.h */
