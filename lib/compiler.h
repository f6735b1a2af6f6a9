/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

#ifndef COMPILER_H
#define COMPILER_H 1

/* Attributes and annotations for GCC and clang. */

#define OVS_UNUSED __attribute__((__unused__))
#define OVS_NO_RETURN __attribute__((__noreturn__))
#define OVS_PRINTF_FORMAT(FMT, ARG1) \
    __attribute__((__format__(printf, FMT, ARG1)))
#define OVS_WARN_UNUSED_RESULT __attribute__((__warn_unused_result__))
#define OVS_LIKELY(X) __builtin_expect(!!(X), 1)
#define OVS_UNLIKELY(X) __builtin_expect(!!(X), 0)
#define OVS_TYPEOF(X) __typeof__(X)
#define OVS_CONSTRUCTOR(NAME) \
    static void NAME(void) __attribute__((__constructor__)); \
    static void NAME(void)

/* Thread-safety annotations, checked by clang's -Wthread-safety and ignored
 * by GCC. */
#if defined(__clang__)
#define OVS_LOCKABLE __attribute__((lockable))
#define OVS_GUARDED_BY(M) __attribute__((guarded_by(M)))
#define OVS_REQUIRES(...) __attribute__((exclusive_locks_required(__VA_ARGS__)))
#define OVS_ACQUIRES(...) __attribute__((exclusive_lock_function(__VA_ARGS__)))
#define OVS_RELEASES(...) __attribute__((unlock_function(__VA_ARGS__)))
#define OVS_EXCLUDED(...) __attribute__((locks_excluded(__VA_ARGS__)))
#else
#define OVS_LOCKABLE
#define OVS_GUARDED_BY(M)
#define OVS_REQUIRES(...)
#define OVS_ACQUIRES(...)
#define OVS_RELEASES(...)
#define OVS_EXCLUDED(...)
#endif

/* A compile-time assertion usable where a declaration is allowed. */
#define BUILD_ASSERT_DECL(EXPR) _Static_assert(EXPR, #EXPR)

#endif /* compiler.h */
