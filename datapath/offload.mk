# datapath/offload.mk: the TC flower offload provider (issue 7).
