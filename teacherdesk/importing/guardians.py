"""The guardians of an import: rows naming one person merged, then matched with the store."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from teacherdesk.domain.problems import error_clause
from teacherdesk.importing.plan import ImportPlan, updated
from teacherdesk.importing.records import ImportedGuardian, ImportedRoster
from teacherdesk.importing.values import phone_key
from teacherdesk.models import Guardian, PhoneNumber
from teacherdesk.text import fold


@dataclass
class Draft:
    """One guardian of the file, after merging the rows that name the same person."""

    first: ImportedGuardian
    student_ids: list[str]
    fields: dict[str, Any]
    phones: list[tuple[str, str]]
    defaults: dict[str, Any]
    relationships: dict[str, str] = field(default_factory=dict)  # student id → as the row says

    def __post_init__(self) -> None:
        self._note_relationship(self.first, self.student_ids)

    def merge(self, other: ImportedGuardian, student_ids: list[str]) -> None:
        self.student_ids += [s for s in student_ids if s not in self.student_ids]
        for name, value in other.fields.items():
            self.fields.setdefault(name, value)
        _add_phones(self.phones, other.phones)
        self._note_relationship(other, student_ids)

    def _note_relationship(self, row: ImportedGuardian, student_ids: list[str]) -> None:
        if relationship := row.fields.get("relationship", ""):
            for student_id in student_ids:
                self.relationships.setdefault(student_id, relationship)

    def tokens(self) -> set[str]:
        return _contact_tokens(self.fields.get("email", ""), [n for _l, n in self.phones])


def _contact_tokens(email: str, numbers: list[str]) -> set[str]:
    tokens = {f"phone:{phone_key(n)}" for n in numbers if len(phone_key(n)) >= 7}
    if email:
        tokens.add(f"email:{email.casefold()}")
    return tokens


def _add_phones(phones: list[tuple[str, str]], more: list[tuple[str, str]]) -> None:
    have = {phone_key(number) for _label, number in phones}
    for label, number in more:
        if phone_key(number) not in have:
            phones.append((label, number))
            have.add(phone_key(number))


def _has_phone(phones: list[tuple[str, str]], number: str) -> bool:
    return any(phone_key(n) == phone_key(number) for _label, n in phones)


def _drafts(roster: ImportedRoster, ids_by_key: dict[str, str]) -> list[Draft]:
    drafts: list[Draft] = []
    by_sourced: dict[str, Draft] = {}
    by_token: dict[tuple[str, str], Draft] = {}
    for guardian in roster.guardians:
        student_ids = [ids_by_key[k] for k in guardian.student_keys if k in ids_by_key]
        if not student_ids:
            continue  # their student was skipped (and reported)
        name = fold(guardian.name)
        sourced = guardian.fields.get("sourced_id", "")
        tokens = _contact_tokens(guardian.fields.get("email", ""), [n for _l, n in guardian.phones])
        tokens |= {f"student:{s}" for s in student_ids}
        if sourced:
            draft = by_sourced.get(sourced)
        else:
            draft = next((by_token[(name, t)] for t in tokens if (name, t) in by_token), None)
        if draft is None:
            draft = Draft(
                guardian,
                student_ids,
                dict(guardian.fields),
                list(guardian.phones),
                dict(guardian.defaults),
            )
            drafts.append(draft)
            if sourced:
                by_sourced[sourced] = draft
        else:
            draft.merge(guardian, student_ids)
        if not sourced:
            for token in tokens | draft.tokens():
                by_token.setdefault((name, token), draft)
    return drafts


def plan_guardians(
    plan: ImportPlan,
    guardians: list[Guardian],
    roster: ImportedRoster,
    ids_by_key: dict[str, str],
) -> None:
    by_sourced = {g.sourced_id: g for g in guardians if g.sourced_id}
    by_student_name: dict[tuple[str, str], Guardian] = {}
    by_name_token: dict[tuple[str, str], Guardian] = {}
    for guardian in guardians:
        name = fold(guardian.name)
        for student_id in guardian.student_ids:
            by_student_name.setdefault((student_id, name), guardian)
        for token in _contact_tokens(guardian.email, [p.number for p in guardian.phones]):
            by_name_token.setdefault((name, token), guardian)
    working: dict[str, Guardian] = {}  # stored id → the version with this file's changes so far
    originals: dict[str, Guardian] = {}
    for draft in _drafts(roster, ids_by_key):
        match = _match_guardian(draft, by_sourced, by_student_name, by_name_token)
        try:
            if match is None:
                plan.new_guardians.append(_new_guardian(draft))
                continue
            originals.setdefault(match.id, match)
            working[match.id] = _merged_guardian(working.get(match.id, match), draft)
        except ValidationError as error:
            plan.warnings.append(
                f"{draft.first.where}: {draft.first.name} left out ({error_clause(error)})."
            )
    for guardian_id, after in working.items():
        update = updated(originals[guardian_id], after.model_dump())
        if update is None:
            plan.unchanged_guardians += 1
        else:
            plan.updated_guardians.append(update)


def _match_guardian(
    draft: Draft,
    by_sourced: dict[str, Guardian],
    by_student_name: dict[tuple[str, str], Guardian],
    by_name_token: dict[tuple[str, str], Guardian],
) -> Guardian | None:
    sourced = draft.fields.get("sourced_id")
    if sourced and sourced in by_sourced:
        return by_sourced[sourced]
    name = fold(draft.first.name)
    for student_id in draft.student_ids:
        found = by_student_name.get((student_id, name))
        if found is not None and not (sourced and found.sourced_id and found.sourced_id != sourced):
            return found
    for token in draft.tokens():
        found = by_name_token.get((name, token))
        if found is not None and not (sourced and found.sourced_id and found.sourced_id != sourced):
            return found
    return None


def _new_guardian(draft: Draft) -> Guardian:
    data = dict(draft.defaults) | dict(draft.fields)
    data["name"] = draft.first.name
    data["student_ids"] = list(draft.student_ids)
    data["phones"] = [PhoneNumber(label=label, number=n) for label, n in draft.phones]
    return _per_child(Guardian.model_validate(data), draft)


def _per_child(guardian: Guardian, draft: Draft) -> Guardian:
    """Keep, per student, a relationship that differs from the guardian's default."""
    if not draft.relationships:
        return guardian
    for student_id, relationship in draft.relationships.items():
        guardian = guardian.with_relationship(student_id, relationship)
    return guardian


def _merged_guardian(current: Guardian, draft: Draft) -> Guardian:
    data = current.model_dump()
    data.update(draft.fields)
    if draft.fields.get("sourced_id"):
        data["name"] = draft.first.name  # the same person by id: the file's spelling wins
    data["student_ids"] = list(current.student_ids) + [
        s for s in draft.student_ids if s not in current.student_ids
    ]
    # Numbers the file brings that we did not have go first (the file is newer); none is removed.
    stored = [(p.label, p.number) for p in current.phones]
    phones: list[tuple[str, str]] = []
    _add_phones(phones, [(label, n) for label, n in draft.phones if not _has_phone(stored, n)])
    _add_phones(phones, stored)
    data["phones"] = [{"label": label, "number": n} for label, n in phones]
    return _per_child(Guardian.model_validate(data), draft)
