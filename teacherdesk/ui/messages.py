"""Messages the app sends to its screens."""

from __future__ import annotations

from textual.message import Message


class DataChanged(Message):
    """Posted to a screen when saved data changed, here or in another teacherdesk (at once to the
    screens of the mode on view, to the others when next shown: see screens/base.py)."""
