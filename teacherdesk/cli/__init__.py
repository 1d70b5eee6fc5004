"""The `teacherdesk` command line: the parser and one module per command."""

from teacherdesk.cli.main import main

__all__ = ["main"]
