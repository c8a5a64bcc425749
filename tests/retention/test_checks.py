"""Start-up checks: unusable Retention annotations stop start-up; unkept rules warn."""

from __future__ import annotations

from django.core.checks import Error, Warning
from django.db import models
from django.test.utils import isolate_apps

import pytest

from candid.notices.selectors import declaration_active
from candid.retention.annotations import retention_of
from candid.retention.checks import (
    Hints,
    annotation_messages,
    check_retention,
    rule_messages,
)

TESTAPP = type("Meta", (), {"app_label": "retention_testapp"})

APPLIED_RULES = [
    "share_link:collected",
    "rights_request:request_closed",
    "marketing_suppression:unsubscribed",
    "web_log:collected",
    "user.content.self_image:gallery_delivered",
    "user.content.private:last_activity",
    "user.device:collected",
    "user.device.ip_address:collected",
    "user.behavior.purchase_history:end_of_financial_year",
]


def test_the_project_has_no_retention_error_and_no_warning_for_applied_rules(db):
    """RET-01: the rules the studio models apply start cleanly; the rest warn."""
    # when
    messages = check_retention()
    # then
    assert {message.id for message in messages} <= {"candid.W700"}
    warned = {message.msg.split("'")[1] for message in messages}
    assert warned.isdisjoint(APPLIED_RULES)
    assert "user.name:account_closed" in warned


@isolate_apps("tests.retention.testapp")
def test_a_malformed_annotation_stops_start_up():
    # given
    class Thing(models.Model):  # noqa: DJ008
        Meta = TESTAPP
        at = models.DateTimeField()

        class Retention:
            record = "scrapbook"
            triggers = {"collected": "at"}

    # when
    found, messages = annotation_messages(Thing)
    # then
    assert found is None
    assert [(m.id, m.obj) for m in messages] == [("candid.E700", Thing)]
    assert messages[0].msg.startswith(
        "retention_testapp.Thing has a malformed Retention annotation: "
        "Retention.record 'scrapbook' is not a record type"
    )


@isolate_apps("tests.retention.testapp")
@pytest.mark.parametrize(
    ("retention", "message"),
    [
        ({"triggers": {"someday": "at"}}, "Retention.triggers names 'someday'"),
        ({"triggers": ["at"]}, "Retention.triggers must be a dict"),
        ({"triggers": {"collected": ""}}, "Retention.triggers['collected'] must be"),
        ({"files": "name"}, "Retention.files must be a set or tuple of names"),
        ({"delete_row_for": [3]}, "Retention.delete_row_for must be a set or tuple"),
    ],
)
def test_each_malformed_part_is_named(retention, message):
    # given
    Retention = type("Retention", (), retention)  # noqa: N806
    Thing = type(  # noqa: N806
        "Thing",
        (models.Model,),
        {
            "__module__": __name__,
            "at": models.DateTimeField(),
            "Retention": Retention,
            "Meta": TESTAPP,
        },
    )
    # when
    _, messages = annotation_messages(Thing)
    # then
    assert [m.id for m in messages] == ["candid.E700"]
    assert message in messages[0].msg


@isolate_apps("tests.retention.testapp")
def test_a_trigger_that_leads_to_no_date_and_files_that_hold_no_name_are_errors():
    # given
    class Thing(models.Model):  # noqa: DJ008
        Meta = TESTAPP
        at = models.DateTimeField()
        size = models.IntegerField()

        class Retention:
            triggers = {"collected": "size", "last_activity": "nowhere__at"}
            files = ("size",)

    # when
    _, messages = annotation_messages(Thing)
    # then
    assert [(m.id, m.msg) for m in messages] == [
        (
            "candid.E701",
            "retention_testapp.Thing.Retention.triggers['collected'] is unusable: "
            "trigger path 'size' ends at IntegerField 'size', not a date or datetime "
            "field.",
        ),
        (
            "candid.E701",
            "retention_testapp.Thing.Retention.triggers['last_activity'] is unusable: "
            "trigger path 'nowhere__at': retention_testapp.Thing has no field "
            "'nowhere'.",
        ),
        (
            "candid.E703",
            "retention_testapp.Thing.Retention.files is unusable: Retention.files "
            "names 'size', a IntegerField, not a field holding a storage name.",
        ),
    ]


@isolate_apps("tests.retention.testapp")
def test_a_category_rule_that_cannot_empty_a_field_stops_start_up(db):
    # given
    class Note(models.Model):  # noqa: DJ008
        Meta = TESTAPP
        at = models.DateTimeField()
        text = models.CharField(max_length=20)

        class PersonalData:
            subject = None
            fields = {"at": None, "text": "user.content.private"}

        class Retention:
            triggers = {"last_activity": "at"}

    declaration = declaration_active()
    # when
    messages = rule_messages(
        declaration, [(Note, retention_of(Note))], stored=frozenset()
    )
    # then
    assert [m for m in messages if m.id != "candid.W700"] == [
        Error(
            "Rule 'user.content.private:last_activity' (delete after 12 months) "
            "reaches retention_testapp.Note, but retention_testapp.Note.text cannot "
            "be emptied (it is neither nullable nor a text field that may be blank): "
            "the sweep could not remove that data.",
            hint=Hints.CANNOT_EMPTY,
            obj=Note,
            id="candid.E702",
        )
    ]


@isolate_apps("tests.retention.testapp")
def test_a_rule_for_data_candid_does_not_store_is_not_reported(db):
    # given
    declaration = declaration_active()
    # when
    messages = rule_messages(declaration, [], stored=frozenset({"user.name"}))
    # then
    assert [m.msg.split("'")[1] for m in messages] == [
        "user.name:account_closed",
        *_record_rules(declaration),
    ]
    assert messages[0] == Warning(
        "Rule 'user.name:account_closed' (delete after 30 days) is declared, but no "
        "model maps the trigger 'account_closed' for category 'user.name': nothing "
        "would apply it.",
        hint=Hints.NO_MODEL,
        id="candid.W700",
    )


def _record_rules(declaration) -> list[str]:
    return [f"{r.record}:{r.trigger}" for r in declaration.retention if r.record]


def test_a_financial_year_start_that_is_no_day_stops_start_up(db, settings):
    # given
    settings.CANDID_FINANCIAL_YEAR_START = "13-01"
    # when
    messages = [m for m in check_retention() if m.id != "candid.W700"]
    # then
    assert messages == [
        Error(
            "CANDID_FINANCIAL_YEAR_START must be MM-DD, e.g. 04-06, not '13-01': "
            "financial-year retention periods cannot be counted.",
            hint='Set it to the first day of the financial year, e.g. "04-06".',
            id="candid.E704",
        )
    ]


@isolate_apps("tests.retention.testapp")
def test_a_category_held_in_a_many_to_many_field_must_delete_the_row(db):
    # given
    class Album(models.Model):  # noqa: DJ008
        Meta = TESTAPP
        at = models.DateTimeField()
        people = models.ManyToManyField("self")

        class PersonalData:
            subject = None
            fields = {"at": None, "people": "user.content.private"}

        class Retention:
            triggers = {"last_activity": "at"}

    # when
    messages = rule_messages(
        declaration_active(), [(Album, retention_of(Album))], stored=frozenset()
    )
    # then
    assert [m.id for m in messages if m.id != "candid.W700"] == ["candid.E702"]
    assert "people is a many-to-many field" in messages[0].msg
