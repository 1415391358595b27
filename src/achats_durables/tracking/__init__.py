"""Follow-up over years: comparing saved reports against the PCAET targets."""
