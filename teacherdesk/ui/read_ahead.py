"""What the app asks of Today's read-ahead (the command line forks it: cli/today_ahead.py).

The interface never forks; it is handed a reader and asks it for the view: `wait` in one thread
until it comes, `ready` without waiting (which gives the reader up if it is not done), `stop`
when the app ends. The view found has `identity` (what it was read from), `view` and `skipped`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Protocol

WAIT_SECONDS = 3.0  # the longest Today waits for the reader's view before building its own
# After the first frame, the app reads the file itself whether or not the reader has answered
# (a reader on a busy core or a slow share costs the teacher at most this).
PATIENCE_SECONDS = 1.0


class TodayReadAhead(Protocol):
    today: dt.date

    def wait(self, seconds: float) -> Any | None: ...

    def ready(self) -> Any | None: ...

    def stop(self) -> None: ...
