"""A SIS roster export as CSV: one row per student, guardians in columns beside them.

Headers are matched without regard to case, accents or punctuation across the variants schools'
systems write ("Student #", "Given Name", "Surname", "Student Name" as `Last, First`, "Grade
Level", "Homeroom", "Guardian 1 Name", "Parent/Guardian", "Contact 2 Cell Phone", "Home
Language" …). Columns it does not know are named in a warning, never guessed at.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from teacherdesk.importing.csvtext import read_rows
from teacherdesk.importing.headers import (
    CONTACT_ONLY,
    FAMILY_COLUMNS,
    FIRST_GUARDIAN_COLUMNS,
    GUARDIAN_FIELDS,
    GUARDIAN_PREFIX,
    STUDENT_COLUMNS,
    STUDENT_NUMBER,
    is_student_prefixed,
    leaving,
    normalize,
)
from teacherdesk.importing.records import (
    ImportedGuardian,
    ImportedRoster,
    ImportedStudent,
    NotARoster,
    Progress,
    Skipped,
)
from teacherdesk.importing.values import (
    birth_date,
    cell,
    email_problem,
    flag,
    grade_text,
    phone_problem,
    split_full_name,
    too_long,
)


@dataclass
class GuardianColumns:
    group: str  # "1", "2", "mother" …
    columns: dict[str, list[int]] = field(default_factory=dict)  # field → column indexes
    relationship: str = ""  # from the prefix: "mother"

    def add(self, name: str, index: int) -> None:
        self.columns.setdefault(name, []).append(index)


@dataclass
class Layout:
    student: dict[str, int] = field(default_factory=dict)
    family: dict[str, int] = field(default_factory=dict)
    guardians: dict[str, GuardianColumns] = field(default_factory=dict)
    not_imported: list[str] = field(default_factory=list)
    # Unprefixed contact columns ("Relationship", "Email"): the first guardian's, if any.
    first_guardian: list[tuple[str, int]] = field(default_factory=list)
    # Name columns not about the student by their title ("First Name", not "Student First Name").
    plain_names: dict[str, int] = field(default_factory=dict)
    explicit_number: bool = False  # "Student Number", not a bare "ID"

    @property
    def has_names(self) -> bool:
        s = self.student
        return "full_name" in s or ("first_name" in s and "last_name" in s)

    @property
    def named_groups(self) -> list[GuardianColumns]:
        return [g for g in self.guardians.values() if _has_name(g)]


def _guardian_group(match: re.Match[str]) -> tuple[str, str]:
    order, who, number, _rest = match.groups()
    if who in ("mother", "father"):
        return who, who
    if number:
        return number, ""
    return ("2" if order in ("secondary", "second") else "1"), ""


def layout_of(header: list[str]) -> Layout:
    layout = Layout()
    explicit = set(STUDENT_NUMBER.split("|"))
    for index, title in enumerate(header):
        key = normalize(title)
        if not key:
            continue
        if key in STUDENT_COLUMNS:
            name = STUDENT_COLUMNS[key]
            if name == "ignored":
                layout.not_imported.append(title)
                continue
            if name == "student_number" and key in explicit and not layout.explicit_number:
                layout.student["student_number"] = index  # beats an earlier bare "ID"
                layout.explicit_number = True
            layout.student.setdefault(name, index)
            if name in ("first_name", "last_name", "full_name") and not is_student_prefixed(key):
                layout.plain_names.setdefault(name, index)
            continue
        match = GUARDIAN_PREFIX.match(key)
        if match and match.group(4) in GUARDIAN_FIELDS:
            group, relationship = _guardian_group(match)
            columns = layout.guardians.setdefault(group, GuardianColumns(group, {}, relationship))
            columns.add(GUARDIAN_FIELDS[match.group(4)], index)
            continue
        if key in FAMILY_COLUMNS:
            layout.family.setdefault(FAMILY_COLUMNS[key], index)
        elif key in FIRST_GUARDIAN_COLUMNS:
            layout.first_guardian.append((FIRST_GUARDIAN_COLUMNS[key], index))
        else:
            layout.not_imported.append(title)
    if layout.first_guardian:
        if layout.guardians:
            first = min(layout.guardians.values(), key=lambda g: (not g.group.isdigit(), g.group))
            for name, index in layout.first_guardian:
                first.add(name, index)
        elif not _contacts_by_header(layout):
            layout.not_imported.extend(header[index] for _name, index in layout.first_guardian)
    return layout


def _contacts_by_header(layout: Layout) -> bool:
    """A contacts export by its columns: a student number, plain name columns and a column only
    a contact has (relationship, lives with, legal guardian), with no guardian name columns."""
    return (
        layout.explicit_number
        and bool(layout.plain_names)
        and not layout.named_groups
        and any(name in CONTACT_ONLY for name, _index in layout.first_guardian)
    )


def _contacts_by_rows(layout: Layout, rows: list[tuple[int, list[str]]]) -> bool:
    """One guardian name column and the same student (number and name) on several rows, each
    with another guardian: one row per guardian ("Student Number, Student Name, Parent Name")."""
    if not layout.explicit_number or len(layout.named_groups) != 1:
        return False
    group = layout.named_groups[0]
    number_at = layout.student["student_number"]
    name_at = [layout.student.get(n) for n in ("first_name", "last_name", "full_name")]
    guardian_at = [i for n in ("name", "first", "last") for i in group.columns.get(n, [])]
    seen: dict[tuple[str, ...], str] = {}
    for _line, row in rows:
        get = _getter(row)
        student = (get(number_at), *(get(i) for i in name_at))
        guardian = " ".join(get(i) for i in guardian_at).strip()
        if not student[0] or not guardian:
            continue
        if student in seen and seen[student] != guardian:
            return True
        seen.setdefault(student, guardian)
    return False


def contact_columns(layout: Layout) -> GuardianColumns:
    """The one guardian of each row of a contacts export: its name and everything about it."""
    if layout.named_groups:
        group = layout.named_groups[0]
    else:
        group = layout.guardians.get("1") or GuardianColumns("1")
        names = {"full_name": "name", "first_name": "first", "last_name": "last"}
        for name, index in layout.plain_names.items():
            group.add(names[name], index)
        for name, index in layout.first_guardian:
            group.add(name, index)
    return group


def read_sis(text: str, source: str, roster: ImportedRoster, progress: Progress | None) -> None:
    header, rows = read_rows(text)
    layout = layout_of(header)
    all_rows = list(rows)
    roster.rows = len(all_rows)
    if _contacts_by_header(layout) or _contacts_by_rows(layout, all_rows):
        _read_contacts(layout, header, all_rows, roster, progress)
        return
    if not layout.has_names:
        shown = ", ".join(column for column in header[:12] if column) or "none"
        raise NotARoster(
            f"{source} has no name columns teacherdesk recognises (it looks for First Name and "
            f"Last Name, or Student Name as 'Last, First'); its columns are: {shown}"
        )
    roster.kind = "SIS export"
    if layout.not_imported:
        roster.warnings.append("Columns not imported: " + ", ".join(layout.not_imported) + ".")
    guardian_groups = layout.named_groups
    for group in layout.guardians.values():
        if not _has_name(group):
            titles = [header[i] for indexes in group.columns.values() for i in indexes]
            roster.warnings.append(
                f"Columns not imported (no guardian name beside them): {', '.join(titles)}."
            )
    seen_numbers: dict[str, str] = {}
    unknown_status: set[str] = set()
    for done, (line, row) in enumerate(all_rows, 1):
        if progress is not None and done % 250 == 0:
            progress(done, len(all_rows))
        where = f"line {line}"
        get = _getter(row)
        student = _student(layout, get, where, roster, unknown_status)
        if student is None:
            continue
        number = student.fields.get("student_number", "")
        if number:
            if number in seen_numbers:
                roster.skipped.append(
                    Skipped(where, f"student number {number} is also on {seen_numbers[number]}")
                )
                continue
            seen_numbers[number] = where
        roster.students.append(student)
        for group in guardian_groups:
            guardian = _guardian(group, layout, get, where, student.key, roster)
            if guardian is not None:
                roster.guardians.append(guardian)
    if unknown_status:
        shown = ", ".join(sorted(unknown_status)[:5])
        roster.warnings.append(
            f"Status values not understood, so those students were left as they are: {shown}."
        )


def _read_contacts(
    layout: Layout,
    header: list[str],
    rows: list[tuple[int, list[str]]],
    roster: ImportedRoster,
    progress: Progress | None,
) -> None:
    """One row per guardian, linked to students already on the roster by student number."""
    roster.kind = "contacts export"
    roster.contacts = True
    group = contact_columns(layout)
    used = {i for indexes in group.columns.values() for i in indexes}
    used |= set(layout.family.values()) | {layout.student["student_number"]}
    shown = [title for index, title in enumerate(header) if index not in used and title]
    if shown:
        roster.warnings.append("Columns not imported: " + ", ".join(shown) + ".")
    number_at = layout.student["student_number"]
    for done, (line, row) in enumerate(rows, 1):
        if progress is not None and done % 250 == 0:
            progress(done, len(rows))
        where = f"line {line}"
        get = _getter(row)
        number = get(number_at)
        if not number:
            roster.skipped.append(Skipped(where, "no student number"))
            continue
        guardian = _guardian(group, layout, get, where, f"number:{number}", roster)
        if guardian is None:
            roster.skipped.append(Skipped(where, "no contact name"))
            continue
        roster.guardians.append(guardian)


def _has_name(group: GuardianColumns) -> bool:
    return "name" in group.columns or "first" in group.columns or "last" in group.columns


def _getter(row: list[str]) -> Callable[[int | None], str]:
    def get(index: int | None) -> str:
        return cell(row[index]) if index is not None and index < len(row) else ""

    return get


def _student(
    layout: Layout,
    get: Callable[[int | None], str],
    where: str,
    roster: ImportedRoster,
    unknown_status: set[str],
) -> ImportedStudent | None:
    columns = layout.student
    first, last = get(columns.get("first_name")), get(columns.get("last_name"))
    if "full_name" in columns and not (first and last):
        whole = get(columns["full_name"])
        split_first, split_last = split_full_name(whole) if whole else ("", "")
        first, last = first or split_first, last or split_last
    if not last:
        roster.skipped.append(Skipped(where, "no last name"))
        return None
    if not first:
        roster.skipped.append(Skipped(where, "no first name"))
        return None
    fields: dict[str, object] = {"first_name": first, "last_name": last}
    for name in ("student_number", "preferred_name", "pronouns", "grade", "class_name"):
        value = get(columns.get(name))
        if name == "grade":
            value = grade_text(value)  # "05" → "5", as OneRoster's grades are read
        if value:
            fields[name] = value
    for name, text in fields.items():
        if isinstance(text, str) and too_long(text):
            what = name.replace("_", " ")
            roster.skipped.append(Skipped(where, f"{what} is too long ({len(text)} characters)"))
            return None
    if "date_of_birth" in columns:
        text = get(columns["date_of_birth"])
        born = birth_date(text)
        if born is not None:
            fields["date_of_birth"] = born
        elif text:
            roster.warnings.append(f"{where}: birth date '{text[:20]}' is not a date; left out.")
    for name in ("has_iep", "has_504"):
        if name in columns:
            value = flag(get(columns[name]))
            if value is not None:
                fields[name] = value
    for column in ("status", "active"):
        text = get(columns.get(column))
        left = leaving(text, column=column)
        if left:
            fields["archived"] = True  # archived, never deleted: the notes stay
        elif left is None and text:
            unknown_status.add(text[:40])
    key = str(fields.get("student_number") or where)
    return ImportedStudent(where, key, fields)


def _guardian(
    group: GuardianColumns,
    layout: Layout,
    get: Callable[[int | None], str],
    where: str,
    student_key: str,
    roster: ImportedRoster,
) -> ImportedGuardian | None:
    def first_value(name: str) -> str:
        for index in group.columns.get(name, []):
            value = get(index)
            if value:
                return value
        return ""

    name = first_value("name") or " ".join(
        part for part in (first_value("first"), first_value("last")) if part
    )
    if not name:
        return None
    if too_long(name):
        roster.warnings.append(f"{where}: a guardian's name is too long; left out.")
        return None
    guardian = ImportedGuardian(where, name, [student_key])
    relationship = first_value("relationship") or group.relationship
    if relationship:
        guardian.fields["relationship"] = relationship[:200]
    email = first_value("email")
    if email:
        problem = email_problem(email)
        if problem:
            roster.warnings.append(f"{where}: {name}'s {problem}.")
        else:
            guardian.fields["email"] = email
    language = first_value("language") or get(layout.family.get("language"))
    if language and not too_long(language):
        guardian.fields["preferred_language"] = language
    interpreter_text = first_value("interpreter") or get(layout.family.get("interpreter"))
    interpreter = flag(interpreter_text) if interpreter_text else None
    if interpreter is None and interpreter_text:
        interpreter = True  # a language named in the interpreter column means yes
    if interpreter is not None:
        guardian.fields["interpreter_needed"] = interpreter
    for name_ in ("lives_with_student", "educational_rights"):
        value = flag(first_value(name_))
        if value is not None:
            guardian.fields[name_] = value
        else:
            guardian.defaults[name_] = None  # "not recorded": the file does not say
    for column, label in (
        ("phone_phone", "phone"),
        ("phone_mobile", "mobile"),
        ("phone_home", "home"),
        ("phone_work", "work"),
    ):
        for index in group.columns.get(column, []):
            number = get(index)
            if not number:
                continue
            problem = phone_problem(number)
            if problem:
                roster.warnings.append(f"{where}: {name}'s {problem}.")
            else:
                guardian.phones.append((label, number))
    return guardian
