"""The two ways a command stops early; main() turns each into its exit code and one sentence."""

from __future__ import annotations


class UsageProblem(Exception):
    """The command line or its input is wrong (exit 2)."""


class WorkFailed(Exception):
    """The work could not be done (exit 1)."""
