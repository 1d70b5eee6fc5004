"""Errors the store raises, each worded for the teacher in front of the terminal."""

from __future__ import annotations


class StoreError(Exception):
    """Something about the data file that the teacher needs to hear in one sentence."""


class DamagedFileError(StoreError):
    """The file exists but is not a teacherdesk file we can read; it is left untouched."""


class NewerSchemaError(StoreError):
    """The file was written by a newer teacherdesk; it is left untouched."""


class StoreBusyError(StoreError):
    """Another teacherdesk held the file lock for too long."""


class NotADataFileError(StoreError):
    """The data path is a folder, a device, a pipe or a socket: refused before any read."""


class ReadOnlyYearError(StoreError):
    """A save was tried on a finished school year's file (they are read-only)."""


class RestrictedNoteError(StoreError):
    """Someone tried to change or delete another account's restricted note."""
