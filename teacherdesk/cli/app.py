"""Opening the Textual app from the command line."""

from __future__ import annotations

from teacherdesk.store import Store


def open_app(store: Store, **options: object) -> int:
    """The only place the command line imports textual."""
    from teacherdesk.ui.app import TeacherDesk

    app = TeacherDesk(store, **options)
    app.run()
    return app.return_code or 0
