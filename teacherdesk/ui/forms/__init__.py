"""Forms that edit a record: the shared base, then one form a file."""
