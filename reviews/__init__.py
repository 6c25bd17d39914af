"""Ministry review, the responsibility framework, support envelopes, programmes, the ก.น.จ. agenda and
the central dashboard (issue 5; R1, R5, R15, R16)."""
