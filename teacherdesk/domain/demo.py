"""A fictional class for trying teacherdesk, and for benchmarks at any size.

Every name is invented and obviously so (surnames from a storybook, phone numbers in the 555-01xx
range reserved for fiction, email at example.org). Dates are laid around `today` so that every
screen has something due, overdue and upcoming.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from teacherdesk.domain.contact_rules import OUTCOMES_OF
from teacherdesk.domain.family import guardians_by_student
from teacherdesk.domain.school_days import school_year
from teacherdesk.models import (
    IEP,
    AgreedAction,
    Attendance,
    Channel,
    Conference,
    ConferenceFormat,
    ConferenceStatus,
    ContactNote,
    Direction,
    EngagementEvent,
    EventKind,
    FollowUp,
    Guardian,
    InputMethod,
    InterviewWording,
    MeetingPurpose,
    MeetingReply,
    Outcome,
    ParentalInput,
    PhoneNumber,
    Purpose,
    Settings,
    Student,
    StudentInterview,
    label,
)
from teacherdesk.store import Store

FIRST_NAMES = [
    "Zoë",
    "Mateo",
    "Amara",
    "Kenji",
    "Saoirse",
    "Tomás",
    "Priya",
    "Oluwaseun",
    "Freya",
    "Dmitri",
    "Aiyana",
    "Björn",
    "Leilani",
    "Ravi",
    "Inès",
    "Kwame",
    "Mei",
    "Santiago",
    "Anouk",
    "Emeka",
    "Ingrid",
    "Yusuf",
    "Noor",
    "Caoimhe",
    "Hana",
    "Joaquín",
    "Elif",
    "Tariq",
    "Solène",
    "Ayo",
]
STORYBOOK_SURNAMES = [
    "Quillfeather",
    "Brightwater",
    "Thistledown",
    "Marblecloud",
    "Applewhistle",
    "Fernhollow",
    "Pebbleton",
    "Moonbrook",
    "Wrenfield",
    "Lanternby",
    "Puddingstone",
    "Copperkettle",
    "Honeysett",
    "Willowmere",
    "Starling-Oakes",
    "Bramblewick",
    "Tumbleweed",
    "Saltmarsh",
    "Inkwell",
    "Gingerfoot",
    "Cloudberry",
    "Dandelion",
    "Riverstone",
    "Whistledown",
]
GUARDIAN_FIRST = [
    "Marisol",
    "Abebe",
    "Yuki",
    "Colm",
    "Fatima",
    "Rosalind",
    "Desmond",
    "Ngozi",
    "Lars",
    "Imelda",
    "Hamid",
    "Beatrix",
    "Kofi",
    "Svetlana",
    "Ignacio",
    "Wilhelmina",
    "Tevita",
    "Aroha",
    "Bao",
]
LANGUAGES = ["English"] * 6 + ["Spanish", "Vietnamese", "Somali", "Arabic", "Tagalog"]
# Neutral words, so an invented first name never clashes with the relationship.
RELATIONSHIPS = [
    "parent",
    "parent",
    "grandparent",
    "aunt or uncle",
    "stepparent",
    "guardian",
    "foster parent",
]
BEST_TIMES = ["after 5 pm", "mornings before 8", "lunchtime", "weekends", "any time"]
CLASSES = ["Room 12", "Room 14", "Period 2", "Period 5"]
SUMMARIES = {
    Purpose.POSITIVE: [
        "Shared that {name} helped a classmate with fractions without being asked.",
        "Called to say {name} led the morning meeting with real confidence.",
        "Sent a note home: {name}'s science journal was the most careful in class.",
    ],
    Purpose.CONCERN: [
        "{name} has missed three homework assignments; asked how evenings are going.",
        "Talked about {name} seeming tired and withdrawn after lunch.",
    ],
    Purpose.INFORMATION: [
        "Shared the field trip permission form and the date of the book fair.",
        "Explained the new reading log and how to check it in the school app.",
    ],
    Purpose.ATTENDANCE: ["Checked in about two late arrivals this week; bus route changed."],
    Purpose.BEHAVIOR: [
        "Discussed a playground disagreement; {name} apologised and we made a plan."
    ],
    Purpose.ACADEMIC: ["Went over {name}'s reading assessment; suggested 15 minutes a night."],
    Purpose.IEP: ["Reminded the family about the IEP meeting and asked for their input form."],
}
UNREACHED = {
    Outcome.LEFT_MESSAGE: "Left a message asking the family to call back ({about}).",
    Outcome.NO_ANSWER: "No answer; will try again another day ({about}).",
    Outcome.BOUNCED: "The message bounced; checking the family's contact details ({about}).",
}
ANSWERS = {
    "strengths": "drawing comics and helping my friends with math",
    "needs": "reading long chapters without losing my place",
    "helps_me_learn": "when the teacher shows an example first and I can use headphones",
    "gets_in_my_way": "noise in the hallway and when directions are only said out loud",
    "academic_goal": "read a whole chapter book by myself by spring",
    "behavior_goal": "ask for a break instead of putting my head down",
    "team_should_know": "I try hard even when it doesn't look like it",
}


@dataclass
class DemoSize:
    students: int = 24
    notes: int = 120
    seed: int = 7
    # With years > 1, `notes` is per school year: this year's, then as many in each earlier
    # year (a teacher in their tenth year). The caller may then close the finished years.
    years: int = 1

    @property
    def conferences(self) -> int:
        return max(6, round(self.notes * 0.15))

    @property
    def ieps(self) -> int:
        return max(2, round(self.students * 0.22))


def _phone(rng: random.Random) -> str:
    return f"555-01{rng.randrange(100):02d}"


def build_demo(store: Store, size: DemoSize | None = None, *, today: dt.date | None = None) -> None:
    """Fill an empty store with a fictional class (callers check emptiness and --force)."""
    size = size or DemoSize()
    rng = random.Random(size.seed)
    today = today or dt.date.today()
    step = max(1, size.students // size.ieps)
    iep_indices = set(list(range(1, size.students, step))[: size.ieps])
    students: list[Student] = []
    for index in range(size.students):
        first = FIRST_NAMES[index % len(FIRST_NAMES)]
        last = STORYBOOK_SURNAMES[(index * 7 + index // len(FIRST_NAMES)) % len(STORYBOOK_SURNAMES)]
        students.append(
            Student(
                first_name=first,
                last_name=last,
                preferred_name="Zo" if first == "Zoë" and index == 0 else "",
                pronouns=rng.choice(["she/her", "he/him", "they/them", ""]),
                grade=str(rng.choice([3, 4, 5])),
                class_name=CLASSES[index % len(CLASSES)],
                student_number=f"{100000 + index}",
                has_iep=index in iep_indices,
                has_504=index % 11 == 4,
            )
        )
        grade = int(students[-1].grade)  # born so as to be in that grade (no rng: same class)
        students[-1].date_of_birth = dt.date(
            today.year - grade - 6 + (index % 12 >= 8), index % 12 + 1, index * 7 % 28 + 1
        )
    guardians = _families(students, rng)
    by_student = guardians_by_student(guardians, [s.id for s in students])

    notes = [_note(rng, students, by_student, today) for _ in range(size.notes)]
    notes += _past_notes(rng, students, by_student, today, size)
    conferences = [_conference(rng, students, by_student, today) for _ in range(size.conferences)]
    events = _events(rng, students, by_student, today)
    iep_students = [student for student in students if student.has_iep]
    # Alternate received / not yet received, so the IEP screen shows late and met deadlines.
    ieps = [_iep(s, by_student[s.id], today, n) for n, s in enumerate(iep_students)]
    notes = _meeting_attempts(ieps[:2], by_student, notes, today)
    interviews = [_interview(s, today) for n, s in enumerate(students) if s.has_iep and n < 20]

    with store.transaction():
        store.settings.save(
            Settings(
                teacher_name="Ms. Rowan Example",
                school="Lantern Hill Elementary (demo)",
                # Fictional: 555-01xx numbers and example.org are reserved for made-up uses.
                teacher_phone="555-0100",
                teacher_email="rowan.example@example.org",
                room="Room 12",
                term_start=today - dt.timedelta(days=80),
                term_end=today + dt.timedelta(days=40),
            )
        )
        store.students.add_many(students)
        store.guardians.add_many(guardians)
        store.contacts.add_many(notes)
        store.conferences.add_many(conferences)
        store.events.add_many(events)
        store.ieps.add_many(ieps)
        store.interviews.add_many(interviews)


def _families(students: list[Student], rng: random.Random) -> list[Guardian]:
    """One or two guardians each; every seventh student is the sibling of the one before."""
    guardians: list[Guardian] = []
    previous: list[Guardian] = []
    for index, student in enumerate(students):
        if index % 7 == 6 and previous:
            student.last_name = students[index - 1].last_name
            for guardian in previous:
                guardian.student_ids.append(student.id)
            continue
        count = 2 if index % 3 else 1
        previous = []
        for number in range(count):
            language = rng.choice(LANGUAGES)
            guardian = Guardian(
                name=f"{rng.choice(GUARDIAN_FIRST)} {student.last_name}",
                student_ids=[student.id],
                relationship=RELATIONSHIPS[(index + number) % len(RELATIONSHIPS)],
                phones=[PhoneNumber(label="mobile", number=_phone(rng))],
                email=f"family{index}.{number}@example.org",
                preferred_language=language,
                interpreter_needed=language != "English" and rng.random() < 0.6,
                preferred_channel=rng.choice(
                    [Channel.PHONE, Channel.TEXT, Channel.EMAIL, Channel.APP]
                ),
                best_time=rng.choice(BEST_TIMES),
                educational_rights=number == 0 or rng.random() < 0.7,
                lives_with_student=number == 0 or rng.random() < 0.8,
            )
            previous.append(guardian)
            guardians.append(guardian)
    return guardians


def _note(rng, students, by_student, today: dt.date) -> ContactNote:
    student = rng.choice(students)
    family = by_student[student.id]
    purpose = rng.choices(list(SUMMARIES), weights=[5, 3, 3, 1, 1, 2, 1])[0]
    day = today - dt.timedelta(days=int(rng.expovariate(1 / 25)))
    follow_up = None
    if purpose in (Purpose.CONCERN, Purpose.BEHAVIOR, Purpose.ACADEMIC) and rng.random() < 0.6:
        due = day + dt.timedelta(days=rng.randint(3, 14))
        done = due - dt.timedelta(days=1) if due < today - dt.timedelta(days=5) else None
        follow_up = FollowUp(what="Check in on how the plan is going", due=due, done_on=done)
    guardian_id = rng.choice(family).id if family else None
    channel = rng.choice(list(Channel))
    direction = rng.choices(list(Direction), weights=[3, 1])[0]
    outcome = rng.choices(list(Outcome), weights=[6, 2, 2, 1])[0]
    summary = rng.choice(SUMMARIES[purpose]).format(name=student.display_name)
    # The note reads as what happened: a call is a phone call, a note home a letter, and a
    # call nobody answered says so rather than what would have been said.
    if summary.startswith("Called"):
        channel = Channel.PHONE
    elif summary.startswith("Sent a note home"):
        channel, outcome = Channel.LETTER, Outcome.REACHED
    if outcome not in OUTCOMES_OF[channel]:  # no "in person, bounced"
        outcome = Outcome.REACHED
    if outcome != Outcome.REACHED:
        summary = UNREACHED[outcome].format(about=label(purpose))
    return ContactNote(
        student_id=student.id,
        guardian_id=guardian_id,
        date=day,
        channel=channel,
        direction=direction,
        purpose=purpose,
        outcome=outcome,
        summary=summary,
        follow_up=follow_up,
        restricted=purpose == Purpose.BEHAVIOR and rng.random() < 0.3,
    )


def _past_notes(rng, students, by_student, today: dt.date, size: DemoSize) -> list[ContactNote]:
    """`size.notes` notes in each of the `size.years - 1` school years before this one."""
    from teacherdesk.store.years import year_start  # the store's notion of a school year

    begins = year_start(today)
    notes = []
    for back in range(1, size.years):
        first = year_start(begins - dt.timedelta(days=365 * back - 30))
        for _ in range(size.notes):
            note = _note(rng, students, by_student, today)
            day = first + dt.timedelta(days=rng.randrange(365))
            follow_up = note.follow_up
            if follow_up is not None:  # long done
                due = day + dt.timedelta(days=rng.randint(3, 14))
                follow_up = follow_up.model_copy(update={"due": due, "done_on": due})
            notes.append(note.model_copy(update={"date": day, "follow_up": follow_up}))
    return notes


def _weekday(day: dt.date) -> dt.date:
    """Schools meet families on school days: a weekend date moves to the Friday before."""
    return day - dt.timedelta(days=max(0, day.weekday() - 4))


def _conference(rng, students, by_student, today: dt.date) -> Conference:
    student = rng.choice(students)
    family = by_student[student.id]
    offset = rng.randint(-60, 21)
    day = _weekday(today + dt.timedelta(days=offset))
    offset = (day - today).days
    when = dt.datetime.combine(day, dt.time(15 + offset % 3, 30))
    held = offset < 0
    actions = []
    if held:
        actions = [
            AgreedAction(
                what="Send home a weekly reading log",
                owner="teacher",
                due=when.date() + dt.timedelta(days=7),
                done_on=when.date() + dt.timedelta(days=5) if offset < -20 else None,
            ),
            AgreedAction(what="Practice spelling words on Sundays", owner="family"),
        ]
    form = rng.choice(list(ConferenceFormat))
    # An interpreter comes to a spoken conference; an e-mail one is written in the language.
    spoken = form != ConferenceFormat.EMAIL
    return Conference(
        student_id=student.id,
        when=when,
        format=form,
        status=ConferenceStatus.HELD if held else ConferenceStatus.PLANNED,
        guardian_ids=[guardian.id for guardian in family[:2]],
        staff=["Ms. Rowan Example"] + (["Mr. Ollie Counselor"] if rng.random() < 0.3 else []),
        interpreter_needed=spoken and any(g.interpreter_needed for g in family),
        interpreter_language=next(
            (g.preferred_language for g in family if g.interpreter_needed and spoken), ""
        ),
        celebrations=f"{student.display_name} is reading more fluently." if held else "",
        concerns="Homework is often unfinished on Mondays." if held else "",
        actions=actions,
        next_conference=when.date() + dt.timedelta(days=90) if held else None,
    )


def _events(rng, students, by_student, today: dt.date) -> list[EngagementEvent]:
    plans = [
        (EventKind.OPEN_HOUSE_FALL, "Fall open house", -70),
        (EventKind.CLASS_MEETING, "Class meeting: reading at home", -30),
        (EventKind.WORKSHOP, "Family math night workshop", -12),
        (EventKind.ADVISORY_GROUP, "Parent advisory group", 9),
        (EventKind.VOLUNTEER, "Library helpers", -5),
        (EventKind.OPEN_HOUSE_SPRING, "Spring open house", 120),
    ]
    events = []
    for kind, title, offset in plans:
        attendance = []
        if offset < 0:
            for student in rng.sample(students, k=max(1, len(students) // 3)):
                family = by_student[student.id]
                volunteered = kind == EventKind.VOLUNTEER or rng.random() < 0.15
                attendance.append(
                    Attendance(
                        student_id=student.id,
                        guardian_id=family[0].id if family else None,
                        volunteered=volunteered,
                        role=rng.choice(["shelving books", "snacks", "reading buddy"])
                        if volunteered
                        else "",
                        minutes=rng.choice([30, 45, 60, 90]) if volunteered else None,
                    )
                )
        events.append(
            EngagementEvent(
                kind=kind,
                title=title,
                date=today + dt.timedelta(days=offset),
                description=f"{title} for families of {CLASSES[0]} and {CLASSES[1]}.",
                attendance=attendance,
            )
        )
    return events


def _iep(student: Student, family: list[Guardian], today: dt.date, n: int) -> IEP:
    meeting = today + dt.timedelta(days=18 + 9 * (n % 5))
    received = n % 2 == 1
    parental = ParentalInput(
        requested_on=today - dt.timedelta(days=30),
        requested_how=InputMethod.PAPER,
        received_on=today - dt.timedelta(days=6) if received else None,
        received_how=InputMethod.MEETING if received else None,
        strengths_needs="Kind, funny and loves building things. Needs help starting homework."
        if received
        else "",
        social_behavioral="Gets upset when plans change suddenly." if received else "",
        learning_style="Learns best by doing and seeing pictures." if received else "",
        testing_accommodations="Extra time and a quiet room." if received else "",
        classroom_accommodations="Seat near the front; written directions." if received else "",
        entered_by="Ms. Rowan Example" if received else "",
    )
    return IEP(
        student_id=student.id,
        meeting_date=meeting,
        case_manager="Ms. Juniper Casefile",
        team=["Ms. Rowan Example", "Mr. Ollie Counselor", "Dr. Pip Speechwell"],
        parental_input=parental,
    )


def _meeting_attempts(ieps, by_student, notes, today: dt.date) -> list[ContactNote]:
    """Two meetings with a notice sent and attempts logged: the first has reached nobody yet by
    phone (one more attempt needed, by another channel), the second has the family's yes."""
    plans = [
        (MeetingPurpose.ANNUAL_REVIEW, None, [(3, Channel.PHONE, Outcome.NO_ANSWER),
                                              (1, Channel.PHONE, Outcome.LEFT_MESSAGE)]),
        (MeetingPurpose.ANNUAL_REVIEW, MeetingReply.CAN_ATTEND,
         [(1, Channel.PHONE, Outcome.REACHED)]),
    ]  # fmt: skip
    meeting_ids = {iep.student_id for iep in ieps}
    # Random IEP notes would blur the story these two meetings tell: they become information.
    kept = [
        note.model_copy(update={"purpose": Purpose.INFORMATION})
        if note.student_id in meeting_ids and note.purpose == Purpose.IEP
        else note
        for note in notes
    ]
    added: list[ContactNote] = []
    for iep, (purpose, reply, attempts) in zip(ieps, plans, strict=False):
        family = by_student[iep.student_id]
        needs_interpreter = any(g.interpreter_needed for g in family)
        iep.meeting_purpose = purpose
        iep.meeting_time = "3:30 pm"
        iep.meeting_place = "Room 12, Lantern Hill Elementary"
        iep.meeting_date = _weekday(iep.meeting_date)
        iep.meeting_call = "555-0100, code 4411"
        iep.notice_sent_on = _weekday(today - dt.timedelta(days=4))
        iep.notice_sent_how = Channel.LETTER
        iep.interpreter_booked_on = today - dt.timedelta(days=2) if needs_interpreter else None
        if reply is not None:
            iep.family_reply, iep.family_reply_on = reply, today - dt.timedelta(days=1)
        for days_ago, channel, outcome in attempts:
            added.append(
                ContactNote(
                    student_id=iep.student_id,
                    guardian_id=family[0].id if family else None,
                    date=today - dt.timedelta(days=days_ago),
                    channel=channel,
                    purpose=Purpose.IEP,
                    outcome=outcome,
                    summary="Phoned about the meeting in the notice; asked whether the time suits.",
                )
            )
    # The attempts take the place of the last random notes: --notes N still writes N notes.
    room = min(len(added), len(kept))
    return kept[: len(kept) - room] + added[:room]


def _interview(student: Student, today: dt.date) -> StudentInterview:
    return StudentInterview(
        student_id=student.id,
        school_year=school_year(today),
        wording=InterviewWording.ELEMENTARY,
        answers=dict(list(ANSWERS.items())[:5]),
    )
