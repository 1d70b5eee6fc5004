"""Column titles as schools' systems write them, and what each one means to teacherdesk.

Titles are compared after `normalize`: case, accents, spaces, `_`, punctuation and camelCase do
not matter, and `#` reads as "number" — so `studentNumber`, `Student_Number`, `STUDENT NUMBER`
and `Student #` are one column. The tables name every variant seen in SIS, LMS and contact
exports (PowerSchool, Infinite Campus, Canvas-style `user_id`/`login_id`, "Contact 2 Cell Phone",
"Contact person #2 phone", "… is legal guardian", "… lives with").
"""

from __future__ import annotations

import re

from teacherdesk.text import fold

# camelCase and letter/digit boundaries: "homeroomName" → "homeroom Name", "contact1Phone" →
# "contact 1 Phone", "studentID" → "student ID", "SISStudentId" → "SIS Student Id".
_CAMEL = re.compile(
    r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])|(?<=[A-Za-z])(?=\d)|(?<=\d)(?=[A-Za-z])"
)


def normalize(header: str) -> str:
    """'Student #' → 'student number', 'studentNumber' → 'student number', 'E-mail' → 'e mail'.

    camelCase split, folded (no case, no accents), `_` and punctuation as spaces.
    """
    text = fold(_CAMEL.sub(" ", header)).replace("#", " number ")
    return " ".join(re.sub(r"[^0-9a-z]+", " ", text).split())


def _aliases(**groups: str) -> dict[str, str]:
    return {alias: name for name, words in groups.items() for alias in words.split("|")}


STUDENT_NUMBER = (
    "student number|student id|studentid|student no|student num|sis id|sis number|"
    "sis student id|student sis id|local id|local student id|student local id|pupil number|"
    "pupil id|stu id|student code|perm id|permanent id|student identifier|sis user id|"
    "student number id|stu number|student num id"
)
STUDENT_COLUMNS = _aliases(
    student_number=STUDENT_NUMBER + "|id|number|identifier|id number|user id|userid",
    first_name="first|first name|firstname|given|given name|givenname|student first name|"
    "student first|legal first name|forename|student given name|student firstname",
    last_name="last|last name|lastname|family|family name|familyname|surname|student last name|"
    "student last|legal last name|student surname|student family name|student lastname",
    full_name="name|student name|full name|student full name|student|pupil name|pupil|"
    "student name last first|name last first|last first|learner name|sortable name",
    preferred_name="preferred name|preferred first name|nickname|nick name|goes by|known as|"
    "preferred|student preferred name|chosen name|preferred given name|pref first name",
    pronouns="pronouns|pronoun|preferred pronouns|student pronouns",
    grade="grade|grade level|gradelevel|gr|year|year group|current grade|grade lvl|student grade|"
    "grd|grades|level",
    class_name="homeroom|home room|homeroom name|class|class name|period|section|course section|"
    "section name|course|form|tutor group|hr|advisory|homeroom section|class period|"
    "homeroom room|room",
    has_iep="iep|has iep|iep flag|iep status|sped|special education|special ed|iep y n|"
    "iep yes no|individualized education program|iep student",
    has_504="504|504 plan|has 504|section 504|504 flag|504 status|plan 504|504 y n|504 student",
    # Whether the student is still enrolled: words (active, withdrawn …) or a yes/no flag.
    status="status|enrollment status|enroll status|student status|account status|user status|"
    "enrollment state|enrolment status",
    active="active|is active|active flag|currently enrolled|enrolled",
    date_of_birth="birthdate|birth date|date of birth|dob|student birthdate|student birth date|"
    "student dob|student date of birth|birthday|born|date of birth mm dd yyyy",
    # known, but teacherdesk keeps no such field:
    ignored="middle|middle name|middle initial|student middle name|gender|sex|student email|"
    "email student|student phone|ethnicity|race|"
    "address|street|city|state|zip|zip code|postal code|school|school name|teacher|"
    "homeroom teacher|counselor|enrollment date|entry date|login id|login|username|user name|"
    "password|integration id|person id|short name|sis import id|exit date|withdrawal date|"
    "date last modified|last modified",
)

# Unprefixed columns about the family (attached to the first guardian, or to every guardian).
FAMILY_COLUMNS = _aliases(
    language="home language|primary language|language|language spoken at home|family language|"
    "preferred language|home language code|language at home|native language",
    interpreter="interpreter|interpreter needed|needs interpreter|interpreter required",
)

GUARDIAN_PREFIX = re.compile(
    r"^(?:(primary|secondary|first|second)\s+)?"
    r"(parent guardian|guardian parent|contact person|family contact|parent|guardian|contact|"
    r"mother|father)"
    r"\s*(?:number\s*)?(\d*)\s*(.*)$"
)
LIVES_WITH = (
    "lives with student|lives with|resides with student|lives with child|lives with flg|"
    "lives with flag|lives with student flag|resides with|resides with child|lives in household|"
    "lives with student y n|lives with y n"
)
# A legal guardian or custodial parent holds the student's educational rights unless a court
# said otherwise; a file that says "no" here is as close as an export comes to saying so.
EDUCATIONAL_RIGHTS = (
    "educational rights|education rights|ed rights|educational rights holder|legal guardian|"
    "is legal guardian|legal guardian flag|legal guardian flg|is guardian|guardian flag|"
    "has custody|custody|custodial|is custodial|custodial parent|rights holder|"
    "educational decision maker|education decision maker|legal guardian y n"
)
GUARDIAN_FIELDS = _aliases(
    name="|name|full name|names|guardian|parent",
    first="first name|first|given name|firstname",
    last="last name|last|surname|family name|lastname",
    relationship="relationship|relation|relationship to student|type|role|rel|"
    "relationship type|relationship to child|relation to student",
    phone_phone="phone|phone number|telephone|tel|primary phone|contact phone|phone 1|number",
    phone_home="home phone|home|home number|home telephone|home tel",
    phone_mobile="cell|cell phone|mobile|mobile phone|cellphone|cell number|mobile number|"
    "phone 2|sms",
    phone_work="work phone|work|work number|business phone|daytime phone|work telephone",
    email="email|e mail|email address|mail|e mail address",
    language="language|home language|primary language|preferred language|language spoken",
    interpreter="interpreter|interpreter needed|needs interpreter",
    lives_with_student=LIVES_WITH,
    educational_rights=EDUCATIONAL_RIGHTS,
)
# Unprefixed contact columns that belong to the first guardian of the row.
FIRST_GUARDIAN_COLUMNS = _aliases(
    relationship="relationship|relation|relationship to student|relationship type|"
    "relationship to child|relation to student",
    phone_phone="phone|phone number|telephone|primary phone|contact phone|family phone",
    phone_home="home phone|home number|home telephone",
    phone_mobile="cell|cell phone|mobile|mobile phone|cellphone|cell number|mobile number",
    phone_work="work phone|work number|business phone|daytime phone",
    email="email|e mail|email address|e mail address|family email",
    lives_with_student=LIVES_WITH,
    educational_rights=EDUCATIONAL_RIGHTS,
)
# Columns only a contacts export has beside a name: the name is then the contact's, not a
# student's.
CONTACT_ONLY = {"relationship", "lives_with_student", "educational_rights"}


def is_student_prefixed(key: str) -> bool:
    """'student first name', 'pupil name': a column about the student in a contacts export."""
    return key.split(" ", 1)[0] in ("student", "pupil", "learner", "stu", "legal")


# --- enrollment status ---------------------------------------------------------------------------

ACTIVE_WORDS = {
    "active",
    "a",
    "enrolled",
    "current",
    "registered",
    "pre registered",
    "preregistered",
    "pending",
    "new",
    "yes",
    "y",
    "true",
}
INACTIVE_WORDS = {
    "inactive",
    "i",
    "deleted",
    "d",
    "tobedeleted",
    "to be deleted",
    "withdrawn",
    "withdrew",
    "withdraw",
    "w",
    "transferred",
    "transferred out",
    "transfer",
    "graduated",
    "graduate",
    "left",
    "exited",
    "exit",
    "dropped",
    "completed",
    "no show",
    "not enrolled",
    "unenrolled",
    "no",
    "n",
    "false",
}


def leaving(value: str, *, column: str) -> bool | None:
    """Whether a status cell says the student has left: True, False, or None (unknown/empty).

    PowerSchool writes Enroll_Status as a number: 0 active, -1 pre-registered, 2 transferred
    out, 3 graduated. An `active` column is a yes/no flag.
    """
    text = " ".join(re.sub(r"[^0-9a-z\-]+", " ", fold(value)).split())
    if not text:
        return None
    if column == "active":
        if text in ("1", "yes", "y", "true", "x", "active"):
            return False
        if text in ("0", "no", "n", "false", "inactive"):
            return True
        return None
    if re.fullmatch(r"-?\d+", text):
        return int(text) not in (0, -1)
    text = text.replace("-", " ")
    if text in INACTIVE_WORDS:
        return True
    if text in ACTIVE_WORDS:
        return False
    return None
