"""The family helper and linking guardians (domain.family): one order, one transaction."""

from __future__ import annotations

from contextlib import contextmanager

import pytest

from teacherdesk.domain.family import (
    family,
    guardians_by_student,
    in_order,
    link_guardian,
    save_guardian_details,
    unlink_guardian,
)
from teacherdesk.models import Guardian, Student


@pytest.fixture
def household(memory_store):
    store = memory_store
    ada = store.students.save(Student(first_name="Ada", last_name="Birch"))
    ben = store.students.save(Student(first_name="Ben", last_name="Birch"))
    zoe = store.guardians.save(Guardian(name="Zoë Birch", student_ids=[ada.id, ben.id]))
    eli = store.guardians.save(
        Guardian(name="Eli Birch", student_ids=[ada.id], lives_with_student=False)
    )
    amy = store.guardians.save(
        Guardian(name="amy Oak", student_ids=[ada.id], educational_rights=False)
    )
    return store, ada, ben, (zoe, eli, amy)


def names(guardians):
    return [g.name for g in guardians]


def test_a_family_is_in_the_order_to_reach_them(household):
    store, ada, ben, _ = household
    # educational rights first, then living with the student, then by name
    assert names(family(store, ada.id)) == ["Zoë Birch", "Eli Birch", "amy Oak"]
    assert names(family(store, ada.id, by="rights")) == ["Eli Birch", "Zoë Birch", "amy Oak"]
    # by name, accents and case aside (as on the roster)
    assert names(family(store, ada.id, by="name")) == ["amy Oak", "Eli Birch", "Zoë Birch"]
    assert names(family(store, ben.id)) == ["Zoë Birch"]
    assert family(store, "nobody") == []


def test_in_order_sorts_any_guardians():
    found = in_order([Guardian(name="Émile"), Guardian(name="Zed"), Guardian(name="adam")], "name")
    assert names(found) == ["adam", "Émile", "Zed"]


def test_guardians_by_student_groups_in_one_pass(household):
    _store, ada, ben, (zoe, eli, amy) = household
    grouped = guardians_by_student([zoe, eli, amy])
    assert names(grouped[ada.id]) == ["Zoë Birch", "Eli Birch", "amy Oak"]  # order given
    assert names(grouped[ben.id]) == ["Zoë Birch"]
    only = guardians_by_student([zoe, eli, amy], [ben.id, "no-guardians"])
    assert {k: names(v) for k, v in only.items()} == {ben.id: ["Zoë Birch"], "no-guardians": []}


@contextmanager
def watching_transactions(store, monkeypatch):
    """Record each guardian read, and whether a store transaction was open around it."""
    reads: list[bool] = []
    depth = [0]
    original_transaction, original_get = store.transaction, store.guardians.get

    @contextmanager
    def transaction():
        depth[0] += 1
        try:
            with original_transaction():
                yield
        finally:
            depth[0] -= 1

    def get(record_id):
        reads.append(depth[0] > 0)
        return original_get(record_id)

    monkeypatch.setattr(store, "transaction", transaction)
    monkeypatch.setattr(store.guardians, "get", get)
    yield reads


def test_link_reads_and_writes_in_one_transaction(household, monkeypatch):
    store, _ada, ben, (_zoe, eli, _amy) = household
    with watching_transactions(store, monkeypatch) as reads:
        linked = link_guardian(store, eli.id, ben.id, "stepfather")
    assert reads == [True]
    assert linked is not None
    stored = store.guardians.get(eli.id)
    assert ben.id in stored.student_ids and len(stored.student_ids) == 2
    assert stored.relationship_to(ben.id) == "stepfather"
    assert link_guardian(store, "gone", ben.id) is None


def test_link_twice_keeps_one_link(household):
    store, ada, _ben, (zoe, _eli, _amy) = household
    link_guardian(store, zoe.id, ada.id)
    assert store.guardians.get(zoe.id).student_ids.count(ada.id) == 1


def test_unlink_reads_and_writes_in_one_transaction(household, monkeypatch):
    store, ada, ben, (zoe, _eli, _amy) = household
    with watching_transactions(store, monkeypatch) as reads:
        unlinked = unlink_guardian(store, zoe.id, ben.id)
    assert reads == [True]
    assert unlinked is not None
    assert store.guardians.get(zoe.id).student_ids == [ada.id]  # the record stays
    assert names(family(store, ben.id)) == []
    assert unlink_guardian(store, "gone", ben.id) is None


def test_editing_a_guardian_keeps_links_made_meanwhile(household, monkeypatch):
    store, ada, ben, (_zoe, eli, _amy) = household
    edited = eli.model_copy(update={"email": "eli@example.org"})  # the form opened before …
    link_guardian(store, eli.id, ben.id)  # … a sibling was linked in another window
    with watching_transactions(store, monkeypatch) as reads:
        saved = save_guardian_details(store, edited, ada.id, ["name", "email", "relationship"])
    assert reads == [True]
    assert saved.email == "eli@example.org"
    assert set(store.guardians.get(eli.id).student_ids) == {ada.id, ben.id}
