"""Persistence: TinyDB made crash-safe and multi-process-safe (see DESIGN.md §4)."""

from teacherdesk.store.database import DATA_ENV, Store, default_data_path, login_name
from teacherdesk.store.errors import (
    DamagedFileError,
    NewerSchemaError,
    NotADataFileError,
    StoreBusyError,
    StoreError,
)

__all__ = [
    "DATA_ENV",
    "DamagedFileError",
    "NewerSchemaError",
    "NotADataFileError",
    "Store",
    "StoreBusyError",
    "StoreError",
    "default_data_path",
    "login_name",
]
