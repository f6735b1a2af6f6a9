# datapath/tc.mk: the TC flower codec (issue 7).
