"""Every sentence of every letter home, in English, keyed for translators (gettext msgctxt).

A catalog (`po/LANG.po`) translates each one; `{name}` placeholders are filled in by the letter
and must all appear, spelled the same, in every translation (`teacherdesk letters --check`).
Markdown is never part of a message: the letters add headings, lists and bold around them, and a
translation's own `*`, `#` or `<` is printed as written.

To add a letter: add its messages below under a new prefix, use
them through a `Translator` in its module, and add their translations to each `po/*.po` (run
`teacherdesk letters --template LANG` to get a catalog with the new messages to fill in). A
catalog that lacks a message prints that letter bilingual with English until it is filled.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Message:
    english: str
    note: str = ""  # what the placeholders are, for the translator


# What each placeholder holds (shown to translators with every message that uses it).
PLACEHOLDERS = {
    "child": "the student's first (or preferred) name",
    "student": "the student's full name",
    "names": "the names of the family members the letter is addressed to",
    "date": "a date, already written the way your language writes dates",
    "email": "the teacher's email address",
    "phone": "the teacher's phone number",
    "room": "the classroom's number or name",
    "language": "the name of a language",
    "text": "words the teacher typed, printed exactly as typed (never translated)",
    "time": "the meeting's time, as the teacher typed it (for example 3:30 pm)",
    "name": "a staff member's name, as the teacher typed it",
    "agency": "an agency's name, as the teacher typed it",
    "agencies": "the names of one or more agencies, as the teacher typed them",
}

MESSAGES: dict[str, Message] = {
    # -- every letter ---------------------------------------------------------------------------
    "letter.dear": Message("Dear {names},"),
    "letter.dear_family": Message("Dear family,"),
    "letter.family": Message("the family", "who a letter is for, when no name is on file"),
    "letter.teacher": Message("Your child's teacher", "signature when the teacher's name is unset"),
    "letter.room": Message("Room {room}"),
    "letter.phone": Message("Phone: {phone}"),
    "letter.email": Message("Email: {email}"),
    "letter.unreviewed": Message(
        "This letter has not yet been checked by a person who reads this language well, so the "
        "English letter is printed beside it. An interpreter can go through it with you: just "
        "ask us.",
        "printed at the top of a translated letter nobody has reviewed yet",
    ),
    "letter.interpreter": Message(
        "If it would help, an interpreter can go through this letter with you in your language: "
        "just ask us.",
        "printed when the family's language has no catalog (the letter is in English)",
    ),
    "letter.typed": Message(
        "Your child's teacher wrote, in English:",
        "introduces words the teacher typed, which are printed as typed and never translated",
    ),
    # -- the Parental Input request -------------------------------------------------------------
    "request.title.iep": Message("Your thoughts for {student}'s IEP"),
    "request.title.plan": Message("Your thoughts about {student}'s year"),
    "request.why.iep": Message(
        "Soon {child}'s IEP team will sit down to write {child}'s Individualized Education "
        "Program for the coming year. You know your child better than anyone, and we want your "
        "ideas to be part of the plan from the very start."
    ),
    "request.why.plan": Message(
        "We are planning how best to support {child} at school. You know your child better than "
        "anyone, and we want your ideas to be part of that plan from the very start."
    ),
    "request.intro": Message(
        "Please answer the five questions below in your own words. A few sentences are plenty; "
        "there are no wrong answers, and it is fine to skip a question."
    ),
    "request.return_by.iep": Message(
        "It is best returned by {date}, so that we have your ideas well before the IEP is written."
    ),
    "request.return_by.plan": Message(
        "It is best returned by {date}, so that we have your ideas well before we meet to plan."
    ),
    "request.interpreter.in": Message(
        "If you would rather talk it through in {language}, we will gladly arrange an interpreter."
    ),
    "request.interpreter": Message(
        "If you would rather talk it through, we will gladly arrange an interpreter."
    ),
    "request.strengths_needs.title": Message("Strengths and needs"),
    "request.strengths_needs.ask": Message(
        "What is {child} good at, and what do you enjoy about {child}? What is hard for {child}, "
        "or where would more help make a difference?"
    ),
    "request.social_behavioral.title": Message("Friends, feelings and behavior"),
    "request.social_behavioral.ask": Message(
        "How does {child} get along with other children and adults? Is there anything about "
        "{child}'s feelings or behavior that worries you?"
    ),
    "request.learning_style.title": Message("How {child} learns best"),
    "request.learning_style.ask": Message(
        "How does {child} learn best at home — by seeing, hearing, doing, moving, talking it "
        "through? What helps {child} stay with a task?"
    ),
    "request.testing_accommodations.title": Message("Help during tests"),
    "request.testing_accommodations.ask": Message(
        "What helps {child} show what they know on a test — for example extra time, a quiet room, "
        "or having the questions read aloud?"
    ),
    "request.classroom_accommodations.title": Message("Help in the classroom"),
    "request.classroom_accommodations.ask": Message(
        "What helps {child} do well in class — for example where they sit, breaks, written "
        "directions, or checking in with an adult?"
    ),
    "request.back": Message("How to send it back"),
    "request.back.folder": Message(
        "Write on this page and send it back to school in {child}'s folder."
    ),
    "request.back.email": Message("Reply by email to {email}."),
    "request.back.phone": Message("Call {phone}: we will write down what you say."),
    "request.back.other": Message(
        "In your child's teacher's words, in English: {text}",
        "{text} is how else families may reply, as the teacher typed it",
    ),
    "request.back.meeting": Message("Tell us at a meeting, if that is easier."),
    "request.thanks": Message("Thank you for everything you do for {child}."),
    "request.footer": Message("Confidential: prepared for {names} on {date}."),
    # -- the conference recap -------------------------------------------------------------------
    "recap.title": Message("Our conference about {child}"),
    "recap.thanks.one_on_one": Message("Thank you for meeting with me on {date}."),
    "recap.thanks.team": Message("Thank you for meeting with the team on {date}."),
    "recap.thanks.telephone": Message("Thank you for talking with me on the phone on {date}."),
    "recap.thanks.video": Message("Thank you for meeting with me by video on {date}."),
    "recap.thanks.email": Message(
        "Thank you for writing back and forth with me by email on {date}."
    ),
    "recap.purpose": Message(
        "Here is a short recap of what we talked about and what we agreed, so we all remember "
        "the same plan for {child}."
    ),
    "recap.celebrated": Message("What we celebrated"),
    "recap.celebrated.none": Message(
        "We did not write anything down here, but there is a lot to be proud of in {child}."
    ),
    "recap.working_on": Message("What we are working on"),
    "recap.agreed": Message("What we agreed: who does what, by when"),
    "recap.owner.together": Message("Together"),
    "recap.owner.family": Message("You (at home)"),
    "recap.owner.teacher": Message("Me", "the teacher, who writes the letter"),
    "recap.due": Message("by {date}"),
    "recap.done": Message("done {date}"),
    "recap.agreed.none": Message("We did not agree on any next steps this time."),
    "recap.next": Message("Next meeting"),
    "recap.next.on": Message("We plan to meet again on {date}."),
    "recap.next.none": Message(
        "We have not set a date yet; I will be in touch to find a time that suits you."
    ),
    "recap.closing": Message(
        "If anything here does not match what you remember, or you have a question, please get "
        "in touch. Thank you for working with me."
    ),
    "recap.footer": Message(
        "Written on {date} for {child}'s family. Private: please keep it for yourselves."
    ),
    "recap.banner": Message("Private: for {child}'s family."),
    # -- the good-news note ---------------------------------------------------------------------
    "news.title": Message("Good news about {child}"),
    "news.opening": Message("I wanted to share some good news about {child} with you."),
    "news.default": Message(
        "{child} worked hard and had a really good day at school, and I wanted you to know."
    ),
    "news.closing": Message(
        "Please tell {child} how proud we are. Thank you for everything you do at home."
    ),
    "news.footer": Message("Written on {date} for {child}'s family."),
    # -- the IEP meeting notice (34 CFR 300.322(b)) -----------------------------------------------
    "notice.title": Message("You are invited to {student}'s IEP meeting"),
    "notice.invite": Message(
        "You are an important member of {child}'s IEP team, and we would like you to be there."
    ),
    "notice.purpose.annual_review": Message(
        "We are meeting to review {child}'s IEP together: how the year has gone, and the plan "
        "for the next one."
    ),
    "notice.purpose.initial": Message(
        "We are meeting to write {child}'s first Individualized Education Program (IEP)."
    ),
    "notice.purpose.reevaluation": Message(
        "We are meeting to go over {child}'s re-evaluation and what it means for {child}'s IEP."
    ),
    "notice.purpose.amendment": Message(
        "We are meeting to talk about changes to {child}'s current IEP."
    ),
    "notice.purpose.transition": Message(
        "We are meeting to plan {child}'s transition: life after high school, and how school "
        "can prepare for it."
    ),
    "notice.purpose.default": Message(
        "We are meeting to talk about {child}'s Individualized Education Program (IEP)."
    ),
    "notice.when_where": Message("When and where", "a heading"),
    "notice.when": Message("When:", "a label, followed by the meeting's date and time"),
    "notice.where": Message("Where:", "a label, followed by the place as the teacher typed it"),
    "notice.join": Message(
        "To join by phone or video:", "a label, followed by a number or link the teacher typed"
    ),
    "notice.at": Message("{date}, {time}", "the meeting's day and time"),
    "notice.time_tbc": Message("{date} (time to be confirmed)"),
    "notice.at_school": Message("at school (we will confirm the room)"),
    "notice.other_time": Message(
        "If this time does not work for you, please tell us: we will find a time and place that "
        "suits us both, or you can join by phone or video."
    ),
    "notice.who": Message("Who will be there", "a heading"),
    "notice.who.staff": Message(
        "Staff from the school who work with your child (we will tell you who)"
    ),
    "notice.who.case_manager": Message("{name} (case manager)"),
    "notice.who.you": Message("You: {names}"),
    "notice.who.family": Message("You, the family"),
    "notice.who.student": Message("{child}, who is invited"),
    "notice.who.agency": Message("{agency} (invited, with your consent)"),
    "notice.bring": Message(
        "You are welcome to bring anyone who knows {child} well or has knowledge or special "
        "expertise about your child — a relative, a friend, a doctor, an advocate. Please let us "
        "know who is coming so we can plan the room."
    ),
    "notice.transition.title": Message("Planning for life after school", "a heading"),
    "notice.transition": Message(
        "At this meeting we will also talk about {child}'s goals for after high school — further "
        "education or training, work, and living on their own — and the transition services "
        "that will help {child} get there. {child} is invited to the meeting: this is {child}'s "
        "plan, and {child}'s own ideas matter most.",
        "printed when the student is 16 (or turns 16 while this IEP is in effect)",
    ),
    "notice.transition.agencies": Message(
        "With your consent we are also inviting {agencies}, who may provide or pay for "
        "transition services."
    ),
    "notice.interpreter.in": Message(
        "An interpreter in {language} will be at the meeting for you, free of charge."
    ),
    "notice.interpreter": Message("An interpreter will be at the meeting for you, free of charge."),
    "notice.reply": Message(
        "Please let us know whether you can come by returning the slip below, or by calling or "
        "emailing us. We look forward to seeing you.",
        "when the letter gives both the teacher's phone and email",
    ),
    "notice.reply.phone": Message(
        "Please let us know whether you can come by returning the slip below, or by calling us. "
        "We look forward to seeing you.",
        "when the letter gives the teacher's phone only",
    ),
    "notice.reply.email": Message(
        "Please let us know whether you can come by returning the slip below, or by emailing us. "
        "We look forward to seeing you.",
        "when the letter gives the teacher's email only",
    ),
    "notice.reply.room": Message(
        "Please let us know whether you can come by returning the slip below, or by stopping by "
        "room {room}. We look forward to seeing you.",
        "when the letter gives no phone and no email, only the room",
    ),
    "notice.reply.slip": Message(
        "Please let us know whether you can come by returning the slip below. We look forward to "
        "seeing you.",
        "when the letter gives no phone, no email and no room",
    ),
    "notice.reply.how": Message(
        "You can also reply this way: {text}",
        "{text} is how else families may reply, as the teacher typed it (English letter only)",
    ),
    "notice.regards": Message("With warm regards,", "before the teacher's signature"),
    "notice.slip": Message("Reply slip", "a heading: the part the family cuts off and returns"),
    "notice.slip.return": Message(
        "Please cut off and return to school in {child}'s folder, or tell us by phone or email."
    ),
    "notice.slip.return.folder": Message(
        "Please cut off and return to school in {child}'s folder.",
        "when the letter gives no phone and no email",
    ),
    "notice.slip.student": Message("Student:", "a label, followed by the student's name"),
    "notice.slip.meeting": Message("Meeting:", "a label, followed by the meeting's date and time"),
    "notice.slip.attend": Message("Yes, we can attend.", "a box the family ticks"),
    "notice.slip.another_time": Message(
        "We need another time. Times that suit us:", "a box the family ticks; a line follows"
    ),
    "notice.slip.phone_video": Message(
        "We would prefer to join by phone or video. Best number or email:",
        "a box the family ticks; a line follows",
    ),
    "notice.slip.name": Message("Name:", "a label, followed by a line to write on"),
    "notice.slip.signature": Message("Signature:", "a label, followed by a line to write on"),
    "notice.footer": Message("Confidential: prepared for {names} on {date}."),
}
