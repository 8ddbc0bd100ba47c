"""What is not domain, used by every app and using none: plain-row bulk writes (bulk), the guarded
HTTP client (fetch, with its address rule and pinned connections), calling settings' hooks."""
