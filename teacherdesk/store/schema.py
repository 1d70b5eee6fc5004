"""The layout of the data file, its schema version and the forward migrations.

The file is a JSON object of tables (TinyDB's layout); each table maps our record ids to
documents. The `_meta` table carries the schema version. A migration takes the whole data of
version N and returns version N + 1; the store backs the file up before running any.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from teacherdesk.store.errors import DamagedFileError, NewerSchemaError

SCHEMA_VERSION = 2
META_TABLE = "_meta"
META_ID = "schema"

TABLES = (
    "students",
    "guardians",
    "contacts",
    "conferences",
    "events",
    "ieps",
    "interviews",
    "settings",
    "records_requests",
    "drafts",
)

Data = dict[str, dict[str, Any]]


def _from_unversioned(data: Data) -> Data:
    """Version 0: a plain TinyDB file of our tables without `_meta` (early builds, hand-made)."""
    return data


def _restricted_text_out(data: Data) -> Data:
    """Version 1 kept restricted notes' text in the shared file: move it out, into a pending
    table that the store writes to each author's own 0600 file before it writes this file."""
    from teacherdesk.store.restricted import PENDING_TABLE, PRIVATE_MARK, split

    pending = dict(data.get(PENDING_TABLE) or {})
    contacts = data.get("contacts") or {}
    for note_id, doc in list(contacts.items()):
        if doc.get("restricted") and not doc.get(PRIVATE_MARK):
            shared, secret = split(doc)
            pending[note_id] = secret | {"author": doc.get("created_by") or doc.get("updated_by")}
            contacts[note_id] = shared
    if pending:
        data[PENDING_TABLE] = pending
    return data


# MIGRATIONS[n] turns version n into version n + 1.
MIGRATIONS: dict[int, Callable[[Data], Data]] = {0: _from_unversioned, 1: _restricted_text_out}


def new_data() -> Data:
    return {META_TABLE: {META_ID: {"version": SCHEMA_VERSION}}}


def check_shape(data: object) -> Data:
    """Refuse anything that is not an object of tables of documents."""
    if not isinstance(data, dict):
        raise DamagedFileError("it is not a teacherdesk data file (the top level is not an object)")
    for name, table in data.items():
        if not isinstance(table, dict) or not all(isinstance(doc, dict) for doc in table.values()):
            raise DamagedFileError(f"its table '{name}' is not a set of records")
    unknown = set(data) - set(TABLES) - {META_TABLE}
    if unknown and META_TABLE not in data:
        raise DamagedFileError("it is not a teacherdesk data file")
    return data


def version_of(data: Data) -> int:
    if not data:
        return SCHEMA_VERSION  # an empty database is written fresh
    meta = data.get(META_TABLE, {}).get(META_ID)
    if meta is None:
        return 0
    version = meta.get("version")
    if not isinstance(version, int) or version < 0:
        raise DamagedFileError("its schema version is missing or not a number")
    return version


def check_not_newer(data: Data) -> int:
    version = version_of(data)
    if version > SCHEMA_VERSION:
        raise NewerSchemaError(
            f"it was written by a newer teacherdesk (schema {version}; this one reads up to "
            f"{SCHEMA_VERSION}); please upgrade teacherdesk"
        )
    return version


def migrate(data: Data) -> Data:
    """Run every migration from the file's version up to ours."""
    version = check_not_newer(data)
    while version < SCHEMA_VERSION:
        data = MIGRATIONS[version](data)
        version += 1
        # other `_meta` documents (a past year's label, a close under way) stay as they were
        data[META_TABLE] = {**data.get(META_TABLE, {}), META_ID: {"version": version}}
    return data
