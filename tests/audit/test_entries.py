"""An audit entry holds ids, keys, counts and booleans, never a personal value (SEC-07)."""

import datetime as dt
import uuid

import pytest

from candid.audit import events
from candid.audit.entries import (
    Actor,
    ActorKind,
    AuditEntry,
    ObjectReference,
    canonical_json,
)
from candid.audit.exceptions import AuditEntryInvalid
from candid.datamap.models import Subject
from tests.audit.conftest import NOW, SUBJECT


def entry(**overrides):
    return AuditEntry(
        **{"action": events.DATA_READ, "actor": Actor.staff(7), **overrides}
    )


def refusal(**overrides) -> str:
    with pytest.raises(AuditEntryInvalid) as refused:
        entry(**overrides)
    return str(refused.value)


def test_a_full_entry_is_kept_in_canonical_form():
    # when
    made = entry(
        action="data.changed",
        subject_id=str(SUBJECT),
        purpose="customer_support",
        categories=["user.name", "user.contact.email", "user.name"],
        objects=[("accounts.User", 12), ObjectReference("shop.Order", "7")],
        details={"fields": ("email", "name"), "count": 2, "by_staff": True},
        occurred_at=NOW,
    )

    # then
    assert made.action is events.DATA_CHANGED
    assert made.subject_id == SUBJECT
    assert made.categories == ("user.contact.email", "user.name")
    assert made.objects == (
        ObjectReference("accounts.User", "12"),
        ObjectReference("shop.Order", "7"),
    )
    assert made.details == {"fields": ["email", "name"], "count": 2, "by_staff": True}
    assert made.categories_json == '["user.contact.email","user.name"]'
    assert made.objects_json == (
        '[{"model":"accounts.User","pk":"12"},{"model":"shop.Order","pk":"7"}]'
    )
    assert made.details_json == (
        '{"by_staff":true,"count":2,"fields":["email","name"]}'
    )


def test_an_entry_with_nothing_but_an_action_and_an_actor_is_valid():
    # when
    made = entry(purpose=None, details=None)

    # then
    assert (made.subject_id, made.purpose, made.categories, made.objects) == (
        None,
        "",
        (),
        (),
    )
    assert (made.details, made.occurred_at) == ({}, None)
    assert (made.categories_json, made.objects_json, made.details_json) == (
        "[]",
        "[]",
        "{}",
    )


@pytest.mark.parametrize(
    ("actor", "kind", "actor_id"),
    [
        (Actor.staff(7), ActorKind.STAFF, "7"),
        (Actor.client(uuid.UUID(int=5)), ActorKind.CLIENT, str(uuid.UUID(int=5))),
        (Actor.system(), ActorKind.SYSTEM, ""),
        (Actor.system("retention"), ActorKind.SYSTEM, "retention"),
        (Actor.anonymous(), ActorKind.ANONYMOUS, ""),
        (Actor("anonymous", "v-3f2a"), ActorKind.ANONYMOUS, "v-3f2a"),
    ],
)
def test_an_actor_is_a_kind_and_an_id(actor, kind, actor_id):
    # then
    assert (actor.kind, actor.id) == (kind, actor_id)


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (
            lambda: Actor("robot", "1"),
            "actor kind must be one of staff, client, system, anonymous",
        ),
        (lambda: Actor.staff(""), "a staff actor needs an id"),
        (lambda: Actor.client(""), "a client actor needs an id"),
        (
            lambda: Actor.client("ada@example.com"),
            "actor id must be an integer, a UUID or a lowercase key of at most 100 characters",
        ),
        (
            lambda: Actor.staff("Ada Lovelace"),
            "actor id must be an integer, a UUID or a lowercase key of at most 100 characters",
        ),
        (lambda: Actor.staff(True), "actor id must be an id, not a boolean"),
    ],
)
def test_an_actor_without_an_id_or_named_by_a_person_is_refused(make, message):
    # when
    with pytest.raises(AuditEntryInvalid) as refused:
        make()

    # then
    assert str(refused.value) == message
    assert "ada" not in str(refused.value).lower()


def test_the_actor_must_be_an_actor():
    # then
    assert refusal(actor="staff:7") == (
        "actor must be an Actor, e.g. Actor.staff(user.pk)"
    )


def test_a_subject_id_that_is_not_a_uuid_is_refused():
    # then
    assert refusal(subject_id="ada@example.com") == (
        "subject_id must be a subject's UUID or None"
    )


@pytest.mark.parametrize("purpose", ["Customer support", "a@b", 5])
def test_a_purpose_that_is_not_a_key_is_refused(purpose):
    # then
    assert refusal(purpose=purpose) == "purpose must be a declared purpose key or None"


@pytest.mark.parametrize(
    ("categories", "message"),
    [
        ("user.name", "categories must be a list"),
        ({"user.name": 1}, "categories must be a list"),
        (5, "categories must be a list"),
        (["user.name"] * 51, "categories may hold at most 50 items"),
        (
            ["User Name"],
            "categories must be data category keys like 'user.contact.email'",
        ),
        ([7], "categories must be data category keys like 'user.contact.email'"),
        (
            ["user." + "x" * 100],
            "categories must be data category keys like 'user.contact.email'",
        ),
    ],
)
def test_categories_that_are_not_a_short_list_of_keys_are_refused(categories, message):
    # then
    assert refusal(categories=categories) == message


def test_an_object_is_referred_to_by_its_model_label_and_pk():
    # given
    subject = Subject(id=SUBJECT)

    # when
    made = entry(objects=[subject])

    # then
    assert made.objects == (ObjectReference("datamap.Subject", str(SUBJECT)),)


@pytest.mark.parametrize(
    ("objects", "message"),
    [
        (
            ["accounts.User:12"],
            "objects must be model instances or (model label, pk) pairs",
        ),
        (
            [("accounts.User", 1, 2)],
            "objects must be model instances or (model label, pk) pairs",
        ),
        ([("users", 12)], "an object's model must be a label like 'shop.Order'"),
        ([(None, 12)], "an object's model must be a label like 'shop.Order'"),
        (
            [("accounts.User", "ada@example.com")],
            "the pk of accounts.User must be an integer, a UUID or a lowercase key of "
            "at most 100 characters",
        ),
        ([("accounts.User", 1)] * 101, "objects may hold at most 100 items"),
    ],
)
def test_objects_that_are_not_model_rows_are_refused(objects, message):
    # then
    assert refusal(objects=objects) == message


@pytest.mark.parametrize(
    "details",
    [
        {"subject": uuid.UUID(int=1)},
        {"ids": [1, 2, 3], "keys": ["user.name", "sha-256"], "none": None},
        {"count": 2**63 - 1, "negative": -(2**63), "done": False},
        {"digest": "ab" * 32},
    ],
)
def test_details_may_hold_ids_keys_counts_and_booleans(details):
    # when
    made = entry(details=details)

    # then
    assert set(made.details) == set(details)


@pytest.mark.parametrize(
    ("details", "message"),
    [
        (
            {"email": "ada@example.com"},
            "details['email'] holds a str that is not an id, key, count or boolean: "
            "the audit log holds no personal values",
        ),
        (
            {"name": "Ada Lovelace"},
            "details['name'] holds a str that is not an id, key, count or boolean: "
            "the audit log holds no personal values",
        ),
        (
            {"phone": "+44 7700 900123"},
            "details['phone'] holds a str that is not an id, key, count or boolean: "
            "the audit log holds no personal values",
        ),
        (
            {"amount": 12.5},
            "details['amount'] holds a float that is not an id, key, count or boolean: "
            "the audit log holds no personal values",
        ),
        (
            {"big": 2**63},
            "details['big'] holds a int that is not an id, key, count or boolean: "
            "the audit log holds no personal values",
        ),
        (
            {"address": {"city": "leeds"}},
            "details['address'] holds a dict that is not an id, key, count or boolean: "
            "the audit log holds no personal values",
        ),
        (
            {"names": ["ada", "Grace Hopper"]},
            "details['names'] holds a str that is not an id, key, count or boolean: "
            "the audit log holds no personal values",
        ),
        ({"ids": list(range(101))}, "details['ids'] may list at most 100 items"),
        (
            {f"key_{n}": n for n in range(21)},
            "details may hold at most 20 entries",
        ),
        ({"Email": 1}, "details keys must be lowercase identifiers like 'fields'"),
        ({1: 1}, "details keys must be lowercase identifiers like 'fields'"),
        (["count"], "details must be a dict of key to id, key, count or boolean"),
    ],
)
def test_details_holding_a_personal_value_are_refused_without_repeating_it(
    details, message
):
    # when
    text = refusal(details=details)

    # then
    assert text == message
    for value in ("ada@example.com", "Lovelace", "7700", "Hopper", "leeds"):
        assert value not in text


@pytest.mark.parametrize("moment", [dt.datetime(2026, 11, 23, 10, 0), "2026-11-23"])  # noqa: DTZ001
def test_a_time_without_a_timezone_is_refused(moment):
    # then
    assert refusal(occurred_at=moment) == (
        "occurred_at must be a timezone-aware datetime"
    )


def test_canonical_json_sorts_keys_drops_spaces_and_escapes_non_ascii():
    # then
    assert canonical_json({"b": [1, True, None], "a": "é\x1f"}) == (
        '{"a":"\\u00e9\\u001f","b":[1,true,null]}'
    )


@pytest.mark.parametrize(
    "details",
    [
        {},
        {"b": 1, "a": [None, True, False, -3, "x.y", str(uuid.UUID(int=9))]},
        {"fields": [], "count": 0, "z_last": "sha-256:ab"},
    ],
)
def test_the_entrys_json_texts_are_the_canonical_json_of_its_values(details):
    # when
    made = entry(
        categories=["user.name", "user.contact"],
        objects=[("shop.Order", 1), ("accounts.User", "u-2")],
        details=details,
    )

    # then
    assert made.categories_json == canonical_json(list(made.categories))
    assert made.objects_json == canonical_json([o.as_json() for o in made.objects])
    assert made.details_json == canonical_json(made.details)


def test_categories_may_come_as_any_collection_of_keys():
    # when
    made = entry(categories=(key for key in {"user.name", "user.device"}))

    # then
    assert made.categories == ("user.device", "user.name")
