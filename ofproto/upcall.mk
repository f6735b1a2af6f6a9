# ofproto/upcall.mk: see ofproto/upcall.h.
