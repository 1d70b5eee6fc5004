"""Type on a list to filter it: the Roster and Contacts screens share this key routing."""

from __future__ import annotations

from textual import events
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input


def route_key(screen: Screen, event: events.Key, filter_input: Input, table: Widget) -> None:
    """Letters typed on `table` that are not keys of `screen` go into `filter_input`.

    Focus moves after the key is handled, so once typing has started (`screen._typing`) every
    printable key goes to the filter, even a bound letter or a space; `down` in the filter goes
    back to the list.
    """
    if filter_input.has_focus:
        screen._typing = False
        if event.key == "down":
            table.focus()
            event.stop()
        return
    if not table.has_focus or not event.is_printable or not event.character:
        return
    if not screen._typing and (event.key in screen.active_bindings or event.character == " "):
        return
    screen._typing = True
    filter_input.focus()
    filter_input.insert_text_at_cursor(event.character)
    event.stop()
    event.prevent_default()
