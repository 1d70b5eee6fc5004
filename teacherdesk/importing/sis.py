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
from teacherdesk.importing.records import (
    ImportedGuardian,
    ImportedRoster,
    ImportedStudent,
    NotARoster,
    Progress,
    Skipped,
)
from teacherdesk.importing.values import (
    cell,
    email_problem,
    flag,
    phone_problem,
    split_full_name,
    too_long,
)
from teacherdesk.text import fold


def normalize(header: str) -> str:
    """'Student #' → 'student number', 'Parent/Guardian' → 'parent guardian', 'E-mail' → 'e mail'.

    Folded (no case, no accents), punctuation as spaces.
    """
    text = fold(header).replace("#", " number ")
    return " ".join(re.sub(r"[^0-9a-z]+", " ", text).split())


def _aliases(**groups: str) -> dict[str, str]:
    return {alias: name for name, words in groups.items() for alias in words.split("|")}


STUDENT_COLUMNS = _aliases(
    student_number="student number|student id|studentid|student no|student num|id|sis id|"
    "sis number|sis student id|student sis id|local id|local student id|student local id|"
    "pupil number|pupil id|number|stu id|student code|perm id|permanent id|student identifier|"
    "identifier|id number",
    first_name="first|first name|firstname|given|given name|givenname|student first name|"
    "student first|legal first name|forename|student given name|student firstname",
    last_name="last|last name|lastname|family|family name|familyname|surname|student last name|"
    "student last|legal last name|student surname|student family name|student lastname",
    full_name="name|student name|full name|student full name|student|pupil name|pupil|"
    "student name last first|name last first|last first|learner name",
    preferred_name="preferred name|preferred first name|nickname|nick name|goes by|known as|"
    "preferred|student preferred name|chosen name|preferred given name",
    pronouns="pronouns|pronoun|preferred pronouns|student pronouns",
    grade="grade|grade level|gradelevel|gr|year|year group|current grade|grade lvl|student grade|"
    "grd|grades|level",
    class_name="homeroom|home room|homeroom name|class|class name|period|section|course section|"
    "section name|course|form|tutor group|hr|advisory|homeroom section|class period|"
    "homeroom room|room",
    has_iep="iep|has iep|iep flag|iep status|sped|special education|special ed|iep y n|"
    "iep yes no|individualized education program|iep student",
    has_504="504|504 plan|has 504|section 504|504 flag|504 status|plan 504|504 y n|504 student",
    # known, but teacherdesk keeps no such field:
    ignored="middle|middle name|middle initial|student middle name|gender|sex|birthdate|"
    "birth date|date of birth|dob|student email|email student|student phone|ethnicity|race|"
    "address|street|city|state|zip|zip code|postal code|school|school name|teacher|"
    "homeroom teacher|counselor|enrollment date|entry date",
)

# Unprefixed columns about the family (attached to the first guardian, or to every guardian).
FAMILY_COLUMNS = _aliases(
    language="home language|primary language|language|language spoken at home|family language|"
    "preferred language|home language code|language at home|native language",
    interpreter="interpreter|interpreter needed|needs interpreter|interpreter required",
)

GUARDIAN_PREFIX = re.compile(
    r"^(?:(primary|secondary|first|second)\s+)?"
    r"(parent guardian|guardian parent|parent|guardian|contact|family contact|mother|father)"
    r"\s*(\d*)\s*(.*)$"
)
GUARDIAN_FIELDS = _aliases(
    name="|name|full name|names|guardian|parent",
    first="first name|first|given name|firstname",
    last="last name|last|surname|family name|lastname",
    relationship="relationship|relation|relationship to student|type|role|rel",
    phone_phone="phone|phone number|telephone|tel|primary phone|contact phone|phone 1|number",
    phone_home="home phone|home|home number|home telephone|home tel",
    phone_mobile="cell|cell phone|mobile|mobile phone|cellphone|cell number|mobile number|"
    "phone 2|sms",
    phone_work="work phone|work|work number|business phone|daytime phone|work telephone",
    email="email|e mail|email address|mail|e mail address",
    language="language|home language|primary language|preferred language|language spoken",
    interpreter="interpreter|interpreter needed|needs interpreter",
    lives_with_student="lives with student|lives with|resides with student|lives with child",
    educational_rights="educational rights|education rights|ed rights|educational rights holder",
)
# Unprefixed contact columns that belong to the first guardian of the row.
FIRST_GUARDIAN_COLUMNS = _aliases(
    relationship="relationship|relation|relationship to student",
    phone_phone="phone|phone number|telephone|primary phone|contact phone|family phone",
    phone_home="home phone|home number|home telephone",
    phone_mobile="cell|cell phone|mobile|mobile phone|cellphone|cell number|mobile number",
    phone_work="work phone|work number|business phone|daytime phone",
    email="email|e mail|email address|e mail address|family email",
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

    @property
    def has_names(self) -> bool:
        s = self.student
        return "full_name" in s or ("first_name" in s and "last_name" in s)


def _guardian_group(match: re.Match[str]) -> tuple[str, str]:
    order, who, number, _rest = match.groups()
    if who in ("mother", "father"):
        return who, who
    if number:
        return number, ""
    return ("2" if order in ("secondary", "second") else "1"), ""


def layout_of(header: list[str]) -> Layout:
    layout = Layout()
    pending_first: list[tuple[str, int]] = []
    for index, title in enumerate(header):
        key = normalize(title)
        if not key:
            continue
        if key in STUDENT_COLUMNS:
            name = STUDENT_COLUMNS[key]
            if name != "ignored":
                layout.student.setdefault(name, index)
            else:
                layout.not_imported.append(title)
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
            pending_first.append((FIRST_GUARDIAN_COLUMNS[key], index))
        else:
            layout.not_imported.append(title)
    if pending_first:
        if layout.guardians:
            first = min(layout.guardians.values(), key=lambda g: (not g.group.isdigit(), g.group))
            for name, index in pending_first:
                first.add(name, index)
        else:
            layout.not_imported.extend(header[index] for _name, index in pending_first)
    return layout


def read_sis(text: str, source: str, roster: ImportedRoster, progress: Progress | None) -> None:
    header, rows = read_rows(text)
    layout = layout_of(header)
    if not layout.has_names:
        shown = ", ".join(column for column in header[:12] if column) or "none"
        raise NotARoster(
            f"{source} has no name columns teacherdesk recognises (it looks for First Name and "
            f"Last Name, or Student Name as 'Last, First'); its columns are: {shown}"
        )
    if layout.not_imported:
        roster.warnings.append("Columns not imported: " + ", ".join(layout.not_imported) + ".")
    guardian_groups = [g for g in layout.guardians.values() if _has_name(g)]
    for group in layout.guardians.values():
        if not _has_name(group):
            titles = [header[i] for indexes in group.columns.values() for i in indexes]
            roster.warnings.append(
                f"Columns not imported (no guardian name beside them): {', '.join(titles)}."
            )
    seen_numbers: dict[str, str] = {}
    all_rows = list(rows)
    roster.rows = len(all_rows)
    for done, (line, row) in enumerate(all_rows, 1):
        if progress is not None and done % 250 == 0:
            progress(done, len(all_rows))
        where = f"line {line}"
        get = _getter(row)
        student = _student(layout, get, where, roster)
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


def _has_name(group: GuardianColumns) -> bool:
    return "name" in group.columns or "first" in group.columns or "last" in group.columns


def _getter(row: list[str]) -> Callable[[int | None], str]:
    def get(index: int | None) -> str:
        return cell(row[index]) if index is not None and index < len(row) else ""

    return get


def _student(
    layout: Layout, get: Callable[[int | None], str], where: str, roster: ImportedRoster
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
        if value:
            fields[name] = value
    for name, text in fields.items():
        if isinstance(text, str) and too_long(text):
            what = name.replace("_", " ")
            roster.skipped.append(Skipped(where, f"{what} is too long ({len(text)} characters)"))
            return None
    for name in ("has_iep", "has_504"):
        if name in columns:
            value = flag(get(columns[name]))
            if value is not None:
                fields[name] = value
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
