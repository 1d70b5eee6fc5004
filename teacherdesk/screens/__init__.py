"""One screen per file: layout, bindings and routing of messages."""
