"""OneRoster 1.1 and 1.2 CSV bundles (a folder or a zip of users.csv, roles.csv, enrollments.csv …).

- Students are users whose role is `student`: from users.csv's `role` column (1.1) or from
  roles.csv (1.2). Parents, guardians and relatives become guardians, linked to students through
  `agentSourcedIds` on either side. Teachers, aides and administrators are not imported.
- A student's class is the title of each class they are enrolled in (enrollments.csv + classes.csv).
- 1.2 adds preferred names (`preferredGivenName`; early drafts and some vendors write
  `preferredFirstName`) and pronouns.
- manifest.csv says whether users.csv is `bulk` (the whole roster: a student it lacks has left
  and is archived), `delta` (only the records it lists change) or `absent` (refused: there is no
  roster in it). A record whose `status` is `tobedeleted` is archived, never deleted.
- Column names are read without regard to case, and common vendor misspellings are accepted
  (`agentSourceIds`, `dateModified`, `dataLastModified`, `sourceId` …).
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from teacherdesk.importing.csvtext import decode, read_rows
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
    grade_text,
    phone_problem,
    too_long,
)

GUARDIAN_ROLES = {"parent", "guardian", "relative"}
# Vendor spellings seen in the wild → the spec's column name (lower case).
COLUMN_ALIASES = {
    "agentsourceids": "agentsourcedids",
    "agentsourceid": "agentsourcedids",
    "agentsourcedid": "agentsourcedids",
    "agentids": "agentsourcedids",
    "datemodified": "datelastmodified",
    "datalastmodified": "datelastmodified",
    "lastmodified": "datelastmodified",
    "sourceid": "sourcedid",
    "sourcedids": "sourcedid",
    "usersourceid": "usersourcedid",
    "classsourceid": "classsourcedid",
    "orgsourceids": "orgsourcedids",
    "first name": "givenname",
    "firstname": "givenname",
    "lastname": "familyname",
    "preferredfirstname": "preferredgivenname",
    "preferredlastname": "preferredfamilyname",
    "grade": "grades",
}
DELETED = "tobedeleted"
MAX_CLASS_TEXT = 200


class Bundle:
    """The CSV files of a bundle by name, from a folder or a zip (maybe inside one subfolder)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.is_zip = path.is_file()
        self._names: dict[str, str] = {}
        if self.is_zip:
            try:
                self._zip = zipfile.ZipFile(path)
                members = [info.filename for info in self._zip.infolist() if not info.is_dir()]
            except (zipfile.BadZipFile, OSError) as error:
                raise NotARoster(f"{path} is not a zip file that can be read ({error})") from None
        else:
            members = [str(p.relative_to(path)) for p in path.rglob("*.csv") if p.is_file()]
        for member in sorted(members, key=lambda m: (m.count("/"), m)):
            name = PurePosixPath(member.replace("\\", "/")).name.lower()
            if name.endswith(".csv") and "__macosx" not in member.lower():
                self._names.setdefault(name, member)

    def has(self, name: str) -> bool:
        return name in self._names

    def text(self, name: str, warnings: list[str]) -> str | None:
        member = self._names.get(name)
        if member is None:
            return None
        try:
            raw = self._zip.read(member) if self.is_zip else (self.path / member).read_bytes()
        except (zipfile.BadZipFile, OSError, RuntimeError) as error:
            raise NotARoster(f"{name} in {self.path} cannot be read ({error})") from None
        return decode(raw, name, warnings)


@dataclass
class Row:
    where: str
    values: dict[str, str]

    def get(self, column: str) -> str:
        return cell(self.values.get(column.lower(), ""))

    @property
    def deleted(self) -> bool:
        return self.get("status").lower() == DELETED


def table(bundle: Bundle, name: str, warnings: list[str]) -> tuple[list[str], list[Row]] | None:
    text = bundle.text(name, warnings)
    if text is None:
        return None
    header, rows = read_rows(text, ",")
    columns = [column.strip().lower().replace("_", "") for column in header]
    columns = [COLUMN_ALIASES.get(column, column) for column in columns]
    return columns, [
        Row(f"{name} line {line}", dict(zip(columns, values, strict=False)))
        for line, values in rows
    ]


def is_bundle(path: Path) -> bool:
    if path.is_dir():
        return (path / "users.csv").is_file() or any(path.glob("*/users.csv"))
    return zipfile.is_zipfile(path)


def _ids(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


def read_oneroster(
    path: Path, source: str, roster: ImportedRoster, progress: Progress | None
) -> None:
    bundle = Bundle(path)
    warnings = roster.warnings
    users = table(bundle, "users.csv", warnings)
    if users is None:
        raise NotARoster(f"{source} has no users.csv, so it is not a OneRoster bundle")
    user_columns, user_rows = users
    missing = [c for c in ("sourcedid", "givenname", "familyname") if c not in user_columns]
    if missing:
        raise NotARoster(
            f"users.csv in {source} has no {', '.join(missing)} column, so it is not OneRoster"
        )
    roles_table = table(bundle, "roles.csv", warnings)
    manifest = _manifest(bundle, warnings)
    version = manifest.get("oneroster.version", "") or (
        "1.2" if roles_table is not None or "role" not in user_columns else "1.1"
    )
    roster.kind = f"OneRoster {version} {'zip' if bundle.is_zip else 'folder'}"
    roster.users_mode = _users_mode(manifest, source)
    roster.rows = len(user_rows)

    roles: dict[str, set[str]] = {}
    if roles_table is not None:
        for row in roles_table[1]:
            if not row.deleted and row.get("userSourcedId"):
                roles.setdefault(row.get("userSourcedId"), set()).add(row.get("role").lower())

    def roles_of(row: Row) -> set[str]:
        found = roles.get(row.get("sourcedId"))
        if found:
            return found
        return {role.lower() for role in _ids(row.get("role"))}

    classes = _classes(bundle, warnings)
    students: dict[str, ImportedStudent] = {}
    parents: list[tuple[Row, str]] = []
    staff: dict[str, int] = {}
    seen: dict[str, str] = {}
    for done, row in enumerate(user_rows, 1):
        if progress is not None and done % 250 == 0:
            progress(done, len(user_rows))
        sourced_id = row.get("sourcedId")
        user_roles = roles_of(row)
        family = "student" in user_roles or bool(user_roles & GUARDIAN_ROLES)
        if sourced_id and "student" in user_roles and not row.deleted:
            roster.present_ids.add(sourced_id)
        if row.deleted:
            if family or not user_roles:
                roster.skipped.append(Skipped(row.where, "marked tobedeleted"))
                if sourced_id:
                    roster.deleted_ids.append(sourced_id)
            continue
        if not sourced_id:
            if family:
                roster.skipped.append(Skipped(row.where, "no sourcedId"))
            continue
        if sourced_id in seen:
            if family:
                roster.skipped.append(
                    Skipped(row.where, f"sourcedId is also on {seen[sourced_id]}")
                )
            continue
        seen[sourced_id] = row.where
        if "student" in user_roles:
            student = _student(row, classes.get(sourced_id, []), roster)
            if student is not None:
                students[sourced_id] = student
        elif user_roles & GUARDIAN_ROLES:
            parents.append((row, sorted(user_roles & GUARDIAN_ROLES)[0]))
        elif user_roles:
            for role in user_roles:
                staff[role] = staff.get(role, 0) + 1
        else:
            warnings.append(f"{row.where}: no role; not imported.")

    _birth_dates(bundle, students, warnings)
    roster.students.extend(students.values())
    _guardians(parents, students, user_rows, roster)
    if staff:
        counts = ", ".join(f"{n} {role}" for role, n in sorted(staff.items()))
        warnings.append(f"Not imported (not students or families): {counts}.")


def _birth_dates(bundle: Bundle, students: dict[str, ImportedStudent], warnings: list[str]) -> None:
    """demographics.csv: one row per user, keyed by the user's sourcedId, with `birthDate`."""
    found = table(bundle, "demographics.csv", warnings)
    if found is None:
        return
    _columns, rows = found
    for row in rows:
        student = students.get(row.get("sourcedId"))
        text = row.get("birthDate")
        if student is None or row.deleted or not text:
            continue
        born = birth_date(text)
        if born is None:
            warnings.append(f"{row.where}: birthDate '{text[:20]}' is not a date; left out.")
        else:
            student.fields["date_of_birth"] = born


def _manifest(bundle: Bundle, warnings: list[str]) -> dict[str, str]:
    """manifest.csv as {propertyName: value}, names lower case ({} when there is none)."""
    manifest = table(bundle, "manifest.csv", warnings)
    if manifest is None:
        return {}
    found: dict[str, str] = {}
    for row in manifest[1]:
        name = (row.get("propertyName") or row.get("property")).lower()
        if name:
            found[name] = row.get("value").lower() if name.startswith("file.") else row.get("value")
    return found


def _users_mode(manifest: dict[str, str], source: str) -> str:
    mode = manifest.get("file.users", "")
    if mode == "absent":
        raise NotARoster(
            f"the manifest of {source} says its users file is absent, so it holds no roster"
        )
    return mode if mode in ("bulk", "delta") else ""


def _classes(bundle: Bundle, warnings: list[str]) -> dict[str, list[str]]:
    """Each student's class titles, homerooms first."""
    enrollments = table(bundle, "enrollments.csv", warnings)
    classes = table(bundle, "classes.csv", warnings)
    if enrollments is None or classes is None:
        return {}
    titles: dict[str, tuple[bool, str]] = {}
    for row in classes[1]:
        if not row.deleted and row.get("title"):
            homeroom = row.get("classType").lower() == "homeroom"
            titles[row.get("sourcedId")] = (not homeroom, row.get("title"))
    by_student: dict[str, list[tuple[bool, str]]] = {}
    for row in enrollments[1]:
        if row.deleted or row.get("role").lower() != "student":
            continue
        title = titles.get(row.get("classSourcedId"))
        if title is not None:
            found = by_student.setdefault(row.get("userSourcedId"), [])
            if title not in found:
                found.append(title)
    return {user: [title for _h, title in sorted(found)] for user, found in by_student.items()}


def _class_text(titles: list[str]) -> str:
    text = ""
    for title in titles:
        joined = f"{text}, {title}" if text else title
        if len(joined) > MAX_CLASS_TEXT:
            break
        text = joined
    return text


def _student(row: Row, class_titles: list[str], roster: ImportedRoster) -> ImportedStudent | None:
    first, last = row.get("givenName"), row.get("familyName")
    if not last:
        roster.skipped.append(Skipped(row.where, "no last name"))
        return None
    if not first:
        roster.skipped.append(Skipped(row.where, "no first name"))
        return None
    fields: dict[str, object] = {
        "first_name": first,
        "last_name": last,
        "sourced_id": row.get("sourcedId"),
    }
    optional = {
        "student_number": row.get("identifier"),
        "preferred_name": row.get("preferredGivenName"),
        "pronouns": row.get("pronouns"),
        "grade": grade_text(row.get("grades")),
        "class_name": _class_text(class_titles),
    }
    fields |= {name: value for name, value in optional.items() if value}
    if fields.get("preferred_name") == first:
        del fields["preferred_name"]
    for name, text in fields.items():
        if isinstance(text, str) and too_long(text):
            what = name.replace("_", " ")
            roster.skipped.append(
                Skipped(row.where, f"{what} is too long ({len(text)} characters)")
            )
            return None
    return ImportedStudent(row.where, row.get("sourcedId"), fields)


def _guardians(
    parents: list[tuple[Row, str]],
    students: dict[str, ImportedStudent],
    user_rows: list[Row],
    roster: ImportedRoster,
) -> None:
    # Links may be listed on either side: the parent's agentSourcedIds or the student's.
    listed_by_students: dict[str, list[str]] = {}
    for row in user_rows:
        sourced_id = row.get("sourcedId")
        if sourced_id in students and not row.deleted:
            for agent in _ids(row.get("agentSourcedIds")):
                listed_by_students.setdefault(agent, []).append(sourced_id)
    unlinked = 0
    delta = roster.users_mode == "delta"
    deleted = set(roster.deleted_ids)
    for row, role in parents:
        sourced_id = row.get("sourcedId")
        agents = _ids(row.get("agentSourcedIds"))
        # A delta lists a parent whose child is already on the roster from an earlier file.
        linked = [s for s in agents if s in students or (delta and s not in deleted)]
        linked += [s for s in listed_by_students.get(sourced_id, []) if s not in linked]
        name = " ".join(part for part in (row.get("givenName"), row.get("familyName")) if part)
        if not linked:
            unlinked += 1
            continue
        if not name or too_long(name):
            roster.skipped.append(
                Skipped(
                    row.where,
                    "a guardian with no name" if not name else "the guardian's name is too long",
                )
            )
            continue
        guardian = ImportedGuardian(row.where, name, linked, {"sourced_id": sourced_id})
        guardian.fields["relationship"] = role
        # OneRoster says nothing about rights or households: "not recorded", whatever the role.
        guardian.defaults |= {"educational_rights": None, "lives_with_student": None}
        email = row.get("email")
        if email:
            problem = email_problem(email)
            if problem:
                roster.warnings.append(f"{row.where}: {name}'s {problem}.")
            else:
                guardian.fields["email"] = email
        for column, label in (("phone", "phone"), ("sms", "mobile")):
            number = row.get(column)
            if not number:
                continue
            problem = phone_problem(number)
            if problem:
                roster.warnings.append(f"{row.where}: {name}'s {problem}.")
            elif number not in (n for _label, n in guardian.phones):
                guardian.phones.append((label, number))
        roster.guardians.append(guardian)
    if unlinked:
        roster.warnings.append(
            f"{unlinked} parents or guardians are not linked to any student in the file; left out."
        )
