"""Messages the app sends to its screens."""

from __future__ import annotations

from textual.message import Message


class DataChanged(Message):
    """Sent to the screens when saved data changed (here or in another teacherdesk)."""
