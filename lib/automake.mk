# lib/: building blocks with no switch policy.

noinst_LIBRARIES += lib/libovstc.a
lib_libovstc_a_CFLAGS = $(AM_CFLAGS)
lib_libovstc_a_SOURCES = \
	lib/compiler.h \
	lib/coverage.c \
	lib/coverage.h \
	lib/daemon.c \
	lib/daemon.h \
	lib/dirs.c \
	lib/dirs.h \
	lib/dynamic-string.c \
	lib/dynamic-string.h \
	lib/fatal-signal.c \
	lib/fatal-signal.h \
	lib/hash.c \
	lib/hash.h \
	lib/hmap.c \
	lib/hmap.h \
	lib/jsonrpc.c \
	lib/jsonrpc.h \
	lib/latch.c \
	lib/latch.h \
	lib/list.h \
	lib/poll-loop.c \
	lib/poll-loop.h \
	lib/socket-util.c \
	lib/socket-util.h \
	lib/stream.c \
	lib/stream.h \
	lib/stream-fd.c \
	lib/stream-provider.h \
	lib/stream-ssl.c \
	lib/stream-tcp.c \
	lib/stream-unix.c \
	lib/timeval.c \
	lib/timeval.h \
	lib/unixctl.c \
	lib/unixctl.h \
	lib/util.c \
	lib/util.h \
	lib/vlog.c \
	lib/vlog.h \
	lib/uuid.c \
	lib/uuid.h \
	lib/flow.c \
	lib/flow.h \
	lib/match.c \
	lib/match.h \
	lib/packets.c \
	lib/packets.h \
	lib/types.h \
	lib/netlink.c \
	lib/netlink.h \
	lib/netlink-socket.c \
	lib/netlink-socket.h \
	lib/odp-key.c \
	lib/odp-key.h \
	lib/odp-actions.c \
	lib/odp-actions.h \
	lib/odp-format.c \
	lib/odp-format.h
