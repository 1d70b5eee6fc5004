"""Item 9: a date outside 1900-2100 is refused by the models, so by every front end; humanized
words never say "in 7978 years"."""

from __future__ import annotations

import datetime as dt
import re
import typing

import pytest
from pydantic import BaseModel, ValidationError

from teacherdesk import models
from teacherdesk.domain.dates import humanize, since_in_words

MINIMAL = {
    models.FollowUp: {"due": dt.date(2026, 1, 1)},
    models.ContactNote: {"student_id": "s", "date": dt.date(2026, 1, 1)},
    models.AgreedAction: {"what": "call"},
    models.Conference: {"student_id": "s", "when": dt.datetime(2026, 1, 1, 16)},
    models.EngagementEvent: {"kind": "workshop", "title": "t", "date": dt.date(2026, 1, 1)},
    models.ParentalInput: {},
    models.IEP: {"student_id": "s", "meeting_date": dt.date(2026, 1, 1)},
    models.StudentInterview: {"student_id": "s"},
    models.Settings: {},
    models.Student: {"first_name": "A", "last_name": "B"},
    models.RecordsRequest: {"student_id": "s", "requested_on": dt.date(2026, 1, 1)},
}
AUDIT = {"created_at", "updated_at"}


def _date_fields():
    for model, base in MINIMAL.items():
        hints = typing.get_type_hints(model, include_extras=True)
        for name, hint in hints.items():
            text = repr(hint)
            if name not in AUDIT and ("datetime.date" in text or "datetime.datetime" in text):
                kind = "list" if text.startswith("list[") else "one"
                yield pytest.param(model, base, name, "datetime.datetime" in text, kind, id=name)


def test_every_model_with_dates_is_covered():
    covered = set(MINIMAL)
    for value in vars(models).values():
        if isinstance(value, type) and issubclass(value, BaseModel) and value is not models.Record:
            hints = typing.get_type_hints(value, include_extras=True)
            dated = [n for n, h in hints.items() if n not in AUDIT and "datetime.date" in repr(h)]
            assert not dated or value in covered, value


@pytest.mark.parametrize(("model", "base", "name", "is_time", "kind"), list(_date_fields()))
@pytest.mark.parametrize("year", [1, 1899, 2101, 9999])
def test_every_date_field_refuses_years_out_of_range(model, base, name, is_time, kind, year):
    def given(value):
        return [value] if kind == "list" else value  # a list of dates: each one is checked

    value = dt.datetime(year, 1, 1, 9) if is_time else dt.date(year, 1, 1)
    with pytest.raises(ValidationError, match="between 1900 and 2100"):
        model.model_validate({**base, name: given(value)})
    ok = dt.datetime(2100, 12, 31, 9) if is_time else dt.date(1900, 1, 1)
    model.model_validate({**base, name: given(ok)})


@pytest.mark.parametrize("when", ["9999-01-01", "1899-12-31", "0001-01-01", "2101-01-01"])
def test_note_with_a_far_date_exits_2_with_one_sentence(td, small_file, when):
    student = __import__("orjson").loads(td("--data", small_file, "roster", "--json").out)[0]
    ran = td("--data", small_file, "note", student["student_number"], "hi", "--date", when)
    assert ran.code == 2
    assert "between 1900 and 2100" in ran.sentence


def test_follow_up_due_far_away_is_refused(td, small_file):
    student = __import__("orjson").loads(td("--data", small_file, "roster", "--json").out)[0]
    ran = td("--data", small_file, "note", student["student_number"], "hi", "--due", "9999-01-01")
    assert ran.code == 2 and "due date" in ran.sentence


@pytest.mark.parametrize("years", [20, 100, 7978])
def test_humanized_words_never_count_thousands_of_years(years):
    base = dt.date(2026, 1, 1)
    far = dt.date(min(9999, 2026 + years), 1, 1)
    for words in (humanize(far, relative_to=base), since_in_words(far, relative_to=base)):
        assert re.findall(r"\d+", words) == ["10"], words  # "more than 10 years ahead"
