"""Keys typed before a screen is ready wait for it, and every key arrives in the order typed.

The app holds keys while the screen they are meant for is still opening (the first screen after
launch, a form loading its student, a picker after `n`) and hands them over by queueing them
again. Keys the terminal delivered in the meantime are already queued behind the hold: they are
held in turn until the handed-over keys have been read, so a word never comes apart ("oirseSa").
A key the app acts on at once (F10, tab) waits for letters still queued for the field.
"""

from __future__ import annotations

from typing import Any

from textual import events
from textual.timer import Timer
from textual.widget import Widget

HOLD_KEYS_AT_MOST = 3.0  # seconds: keys held for an opening screen go on after this anyway
KEY_IN_FLIGHT_AT_MOST = 0.5  # seconds: the same for a key whose handling could not be followed
KEY_STEP_ROUNDS = 3  # times a key's follow-up waits behind a busy widget's messages before going on


TEXT_FIELDS = {"Input", "TextArea"}  # Textual's own, by name


def _is_text_field(widget: Widget | None) -> bool:
    """An Input or a TextArea (or one of ours made from them), told by class name, so that
    starting the app does not import those widgets before a screen uses them."""
    return any(
        cls.__name__ in TEXT_FIELDS and cls.__module__.startswith("textual.")
        for cls in type(widget).__mro__
    )


def _may_open_a_screen(key: events.Key, focused: Widget | None) -> bool:
    """Keys whose handling can open or close a screen: any key outside a text field, and keys in
    one that are not text (enter submits a picker's filter). Letters typed into a field go on
    at once (a burst of typing is never slowed)."""
    if not _is_text_field(focused):
        return True
    return not key.is_printable or key.key == "enter"


class HoldsKeys:
    """For the App (before `App` in its bases): `on_event` holds keys; screens call
    `release_held_keys` when ready, forms that load first `hold_keys_until_next_screen`."""

    # Provided by textual.App.
    focused: Widget | None
    screen: Any
    set_timer: Any
    post_message: Any

    def init_held_keys(self) -> None:
        self._held_keys: list[events.Key] = []  # typed before the screen was ready for them
        self._hold_timer: Timer | None = None
        self._opening = False  # a screen is loading in a thread: hold keys for it
        self._key_in_flight = False  # a key for a list or screen is not handled yet
        self._keys_sent = 0  # keys followed so far (see _wait_until_handled)
        self._waiting_key: events.Key | None = None  # waits for letters queued before it
        self._replaying = 0  # held keys handed over (queued again) and not yet read
        self._kept_again = 0  # of those, how many were held once more (they go first)

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key) and not event.is_forwarded and self._hold(event):
            return
        await super().on_event(event)  # type: ignore[misc]

    def _hold(self, key: events.Key) -> bool:
        """Hold `key` while the screen it is meant for is still opening: typed before, it would
        reach no field at all. Priority keys (tab, F-keys) are held too, so everything is handed
        over in order. True: held (handed over later)."""
        replayed = getattr(key, "replayed", False)
        if replayed:
            self._replaying -= 1
        first_in_line = replayed or not (self._held_keys or self._replaying)
        if first_in_line and self._keys_can_go():
            focused = self.focused
            if self._would_overtake(key, focused):
                self._keep(key, replayed)  # goes on once the letters before it have landed
                self._waiting_key = key
                self._wait_until_handled(focused)  # type: ignore[arg-type]
                held = True
            else:
                if _may_open_a_screen(key, focused):
                    self._wait_until_handled(focused or self.screen)
                held = False
        else:
            self._keep(key, replayed)
            if self._hold_timer is None:  # never hold for long: a busy screen gets them anyway
                self._hold_timer = self.set_timer(HOLD_KEYS_AT_MOST, self._let_keys_go)
            held = True
        if replayed and not self._replaying:
            self._kept_again = 0  # every handed-over key read: the ones typed after them next
            if self._held_keys and self._keys_can_go():
                self._let_keys_go()
        return held

    def _keep(self, key: events.Key, replayed: bool) -> None:
        if replayed:  # ahead of keys typed after it that were held meanwhile
            self._held_keys.insert(self._kept_again, key)
            self._kept_again += 1
        else:
            self._held_keys.append(key)

    def _would_overtake(self, key: events.Key, focused: Widget | None) -> bool:
        """F10, tab, F-keys are acted on by the app the moment it reads them, while letters
        typed just before may still wait in the field's queue (a burst, or held keys handed
        over at once): F10 then saved the form without its summary. Such a key waits for them,
        once."""
        if key.is_printable or getattr(key, "waited_for_field", False) or focused is None:
            return False
        return not focused._message_queue.empty()

    def _wait_until_handled(self, widget: Widget) -> None:
        """A key for a list or a screen (`n`, enter on a row or in a picker's filter) may open or
        close a screen, but that happens only once the key and the messages it causes (an Input's
        Submitted) have bubbled up: hold the keys after it until then. A callback is queued
        behind the key at each step up, and queued again while that widget still has messages
        waiting (a few times at most); the last step is the app's. The way up is walked twice:
        a key the focused widget has a binding for (enter in an Input) is handled only when it
        reaches the app, and what that binding posts climbs the same way after it."""
        self._key_in_flight = True
        self._keys_sent += 1
        sent = self._keys_sent  # a later key's wait is not ended by this one's timer
        chain = list(widget.ancestors_with_self)
        steps = [*chain, *chain]

        def step(index: int, rounds: int = 0) -> None:
            while index < len(steps):
                pump = steps[index]
                if rounds < KEY_STEP_ROUNDS and not pump._message_queue.empty():
                    if pump.call_later(step, index, rounds + 1):
                        return
                elif pump.call_later(step, index + 1):
                    return
                index, rounds = index + 1, 0  # that widget has closed (a dialog that just left)
            self._key_landed(sent)

        step(0)
        # Never wait long on it (a step can be dropped by a screen closing under it).
        self.set_timer(KEY_IN_FLIGHT_AT_MOST, lambda: self._key_landed(sent))

    def _key_landed(self, sent: int) -> None:
        if self._key_in_flight and sent == self._keys_sent:
            self._key_in_flight = False
            if self._keys_can_go():  # the key may have opened a screen that is loading now
                self._let_keys_go()

    def _keys_can_go(self) -> bool:
        if self._opening or self._key_in_flight:
            return False
        try:
            screen = self.screen
        except Exception:  # no screen yet: the app is still starting
            return False
        if screen.id == "_default":  # Textual's placeholder before the first mode is shown
            return False
        return getattr(screen, "keys_ready", True)  # not ours (the palette): always ready

    def hold_keys_until_next_screen(self) -> None:
        """A screen opens after a load in a thread (the contact form): keys typed meanwhile
        are for it, not for the screen still on view."""
        self._opening = True
        if self._hold_timer is None:
            self._hold_timer = self.set_timer(HOLD_KEYS_AT_MOST, self._let_keys_go)

    def release_held_keys(self) -> None:
        """A screen became ready: hand it the keys typed so far (in order)."""
        self._opening = False
        if self._keys_can_go():
            self._let_keys_go()

    def _let_keys_go(self) -> None:
        self._opening = False
        if self._hold_timer is not None:
            self._hold_timer.stop()
            self._hold_timer = None
        if self._replaying:  # keys handed over earlier are still queued: the last one read
            return  # hands these over (queued now, they would go before it)
        held, self._held_keys = self._held_keys, []
        self._kept_again = 0
        self._replaying += len(held)
        for key in held:  # queued again: a key that opens a screen holds the rest once more
            again = events.Key(key.key, key.character)
            again.set_sender(self)  # type: ignore[arg-type]  # as the driver sends it
            again.replayed = True  # type: ignore[attr-defined]
            if key is self._waiting_key:
                again.waited_for_field = True  # type: ignore[attr-defined]
                self._waiting_key = None
            self.post_message(again)
