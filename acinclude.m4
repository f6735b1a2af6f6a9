# ovs-tc's own configure checks.
#
# Copyright (c) 2026 The ovs-tc authors.
# Licensed under the Apache License, Version 2.0.

dnl OVS_TC_CHECK_PTHREAD: POSIX threads through the compiler's -pthread.
AC_DEFUN([OVS_TC_CHECK_PTHREAD], [
  save_CFLAGS=$CFLAGS
  CFLAGS="$CFLAGS -pthread"
  AC_SEARCH_LIBS([pthread_create], [pthread], [],
    [AC_MSG_ERROR([POSIX threads are required])])
  CFLAGS=$save_CFLAGS
  PTHREAD_CFLAGS=-pthread
  AC_SUBST([PTHREAD_CFLAGS])
])

dnl OVS_TC_UAPI_SYMBOL(HEADER, SYMBOL, REQUIRED)
dnl
dnl Checks that SYMBOL (a macro or an enumerator) is declared by the kernel
dnl uapi HEADER.  Defines HAVE_SYMBOL when it is.  When REQUIRED is "yes" a
dnl missing symbol stops configure with an error that names the header and
dnl the package that provides it.
AC_DEFUN([OVS_TC_UAPI_SYMBOL], [
  AC_CACHE_CHECK([whether <$1> declares $2], [ovs_tc_cv_uapi_$2],
    [AC_COMPILE_IFELSE(
       [AC_LANG_PROGRAM([[#include <sys/socket.h>
#include <$1>]], [[long long x = (long long) ($2); return (int) x;]])],
       [ovs_tc_cv_uapi_$2=yes], [ovs_tc_cv_uapi_$2=no])])
  if test "$ovs_tc_cv_uapi_$2" = yes; then
    AC_DEFINE([HAVE_$2], [1], [Define to 1 if <$1> declares $2.])
  elif test "$3" = yes; then
    AC_MSG_ERROR([the kernel header <$1> lacks $2, which ovs-tc requires.
Install newer kernel headers (Debian: linux-libc-dev from Linux 5.10 or later).])
  fi
])

dnl OVS_TC_CHECK_UAPI: the kernel interfaces the datapath and offload code
dnl use.  Required ones have been in Linux for years; optional ones are newer
dnl than the kernels we target and are also probed at run time.
AC_DEFUN([OVS_TC_CHECK_UAPI], [
  AC_CHECK_HEADERS([linux/pkt_cls.h linux/openvswitch.h linux/rtnetlink.h \
                    linux/tc_act/tc_tunnel_key.h linux/genetlink.h], [],
    [AC_MSG_ERROR([kernel uapi header $ac_header is missing (linux-libc-dev)])])
  OVS_TC_UAPI_SYMBOL([linux/tc_act/tc_tunnel_key.h], [TCA_TUNNEL_KEY_NO_CSUM], [yes])
  OVS_TC_UAPI_SYMBOL([linux/pkt_cls.h], [TCA_FLOWER_KEY_ENC_OPTS], [yes])
  OVS_TC_UAPI_SYMBOL([linux/pkt_cls.h], [TCA_FLOWER_KEY_CT_STATE], [yes])
  OVS_TC_UAPI_SYMBOL([linux/pkt_cls.h], [TCA_FLOWER_IN_HW_COUNT], [yes])
  OVS_TC_UAPI_SYMBOL([linux/pkt_cls.h], [TCA_FLOWER_KEY_ENC_FLAGS], [no])
  OVS_TC_UAPI_SYMBOL([linux/openvswitch.h], [OVS_KEY_ATTR_CT_STATE], [yes])
  OVS_TC_UAPI_SYMBOL([linux/openvswitch.h], [OVS_DP_F_DISPATCH_UPCALL_PER_CPU], [yes])
  if test "$ovs_tc_cv_uapi_TCA_FLOWER_KEY_ENC_FLAGS" != yes; then
    AC_MSG_NOTICE([TCA_FLOWER_KEY_ENC_FLAGS is not in these headers (Linux < 6.11): tunnel flag matching in TC will be unavailable])
  fi
])

dnl OVS_TC_ENABLE_WARNINGS: -Wall -Wextra always, plus what the compiler takes.
AC_DEFUN([OVS_TC_ENABLE_WARNINGS], [
  WARNING_FLAGS="-Wall -Wextra -Wno-sign-compare -Wno-unused-parameter -Wpointer-arith -Wformat-security -Wstrict-prototypes -Wmissing-prototypes -Wshadow=local -Wno-missing-field-initializers"
  AC_SUBST([WARNING_FLAGS])
])

dnl OVS_TC_ENABLE_WERROR: --enable-Werror turns warnings into errors (CI).
AC_DEFUN([OVS_TC_ENABLE_WERROR], [
  AC_ARG_ENABLE([Werror],
    [AS_HELP_STRING([--enable-Werror], [treat compiler warnings as errors])],
    [], [enable_Werror=no])
  AS_IF([test "$enable_Werror" = yes], [WARNING_FLAGS="$WARNING_FLAGS -Werror"])
])

dnl OVS_TC_ENABLE_SANITIZERS: --enable-sanitizers builds with ASan + UBSan.
AC_DEFUN([OVS_TC_ENABLE_SANITIZERS], [
  AC_ARG_ENABLE([sanitizers],
    [AS_HELP_STRING([--enable-sanitizers],
                    [build with AddressSanitizer and UndefinedBehaviorSanitizer])],
    [], [enable_sanitizers=no])
  SANITIZER_FLAGS=
  AS_IF([test "$enable_sanitizers" = yes],
    [SANITIZER_FLAGS="-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer"])
  AC_SUBST([SANITIZER_FLAGS])
])

dnl OVS_TC_CHECK_DIRS: run, log, database and configuration directories, with
dnl the same layout Open vSwitch uses below the configured prefix.  Each can
dnl be overridden at run time through OVS_RUNDIR, OVS_LOGDIR, OVS_DBDIR and
dnl OVS_SYSCONFDIR.
AC_DEFUN([OVS_TC_CHECK_DIRS], [
  AC_ARG_WITH([rundir],
    [AS_HELP_STRING([--with-rundir=DIR], [run files [LOCALSTATEDIR/run/openvswitch]])],
    [RUNDIR=$withval], [RUNDIR='${localstatedir}/run/openvswitch'])
  AC_ARG_WITH([logdir],
    [AS_HELP_STRING([--with-logdir=DIR], [log files [LOCALSTATEDIR/log/openvswitch]])],
    [LOGDIR=$withval], [LOGDIR='${localstatedir}/log/openvswitch'])
  AC_ARG_WITH([dbdir],
    [AS_HELP_STRING([--with-dbdir=DIR], [databases [SYSCONFDIR/openvswitch]])],
    [DBDIR=$withval], [DBDIR='${sysconfdir}/openvswitch'])
  AC_SUBST([RUNDIR])
  AC_SUBST([LOGDIR])
  AC_SUBST([DBDIR])
])

dnl OVS_TC_CHECK_FUZZER: a clang able to link libFuzzer targets.
AC_DEFUN([OVS_TC_CHECK_FUZZER], [
  AC_PATH_PROGS([CLANG], [clang clang-14], [no])
  have_fuzzer=no
  if test "$CLANG" != no; then
    AC_MSG_CHECKING([whether $CLANG links libFuzzer targets])
    echo 'int LLVMFuzzerTestOneInput(const char *d, unsigned long n) { return 0; }' > conftest-fuzz.c
    if $CLANG -fsanitize=fuzzer conftest-fuzz.c -o conftest-fuzz >&AS_MESSAGE_LOG_FD 2>&1; then
      have_fuzzer=yes
    fi
    rm -f conftest-fuzz conftest-fuzz.c
    AC_MSG_RESULT([$have_fuzzer])
  fi
  AM_CONDITIONAL([HAVE_FUZZER], [test "$have_fuzzer" = yes])
])
