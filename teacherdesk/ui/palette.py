"""Command palette: find any student by name, or by a family member's name, and open them."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from teacherdesk.text import fold

PALETTE_PLACEHOLDER = "A screen, a student or a family member's name…"


class StudentsProvider(Provider):
    """Type part of a student's (or preferred) name; enter opens the student."""

    async def startup(self) -> None:
        worker = self.app.run_worker(self._load, thread=True)
        self._students = await worker.wait()

    def _load(self) -> list[tuple[str, str, str]]:
        from teacherdesk.domain.family import guardians_by_student

        store = self.app.store
        students = store.students.all()
        families = guardians_by_student(store.guardians.all())
        self._families = [
            (s.id, g.name, f"family of {s.display_name}")
            for s in students
            if not s.archived
            for g in families.get(s.id, [])
        ]
        return [
            (s.id, s.display_name, f"grade {s.grade or '?'} · {s.class_name or 'no class'}")
            for s in sorted(students, key=lambda s: (fold(s.last_name), fold(s.first_name)))
            if not s.archived
        ]

    async def discover(self) -> Hits:
        for student_id, name, detail in self._students[:8]:
            yield DiscoveryHit(name, partial(self.app.open_student, student_id), help=detail)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(fold(query))
        for student_id, name, detail in self._students:
            score = matcher.match(fold(name))
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(name),
                    partial(self.app.open_student, student_id),
                    help=f"Open student · {detail}",
                )
        for student_id, name, detail in getattr(self, "_families", []):
            score = matcher.match(fold(name))
            if score > 0:
                yield Hit(
                    score * 0.9,  # a student of that name comes first
                    matcher.highlight(name),
                    partial(self.app.open_student, student_id),
                    help=f"Open the student · {detail}",
                )
