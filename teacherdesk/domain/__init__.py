"""The rules of the work, one concern a module; no I/O beyond the store, no textual."""
