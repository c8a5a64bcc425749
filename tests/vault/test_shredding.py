"""Crypto-shredding: destroying a subject's key erases every copy of their data.

RET-05 and DSR-10: a backup of the main database taken before an erasure, restored
after it, still holds the erased subject's rows, but their encrypted fields cannot
be read, because the key they need lived only in the key store and is gone.
"""

from collections.abc import Callable
from typing import Any

from django.db import connections

import pytest

from candid.datamap.models import Subject
from candid.vault.cache import data_keys
from candid.vault.models import SubjectKey
from candid.vault.services import subject_key_destroy
from tests.vault.testapp.models import Contact

pytestmark = pytest.mark.django_db

TABLE = Contact._meta.db_table


def _backup_main_database() -> tuple[list[str], list[tuple[Any, ...]]]:
    """Copy every stored row of the data table, raw, as a database dump would."""
    with connections["default"].cursor() as cursor:
        cursor.execute(f"SELECT * FROM {TABLE}")  # noqa: S608
        columns = [column[0] for column in cursor.description]
        return columns, cursor.fetchall()


def _restore_main_database(backup: tuple[list[str], list[tuple[Any, ...]]]) -> None:
    columns, rows = backup
    placeholders = ", ".join(["%s"] * len(columns))
    with connections["default"].cursor() as cursor:
        cursor.execute(f"DELETE FROM {TABLE}")  # noqa: S608
        cursor.executemany(
            f"INSERT INTO {TABLE} ({', '.join(columns)}) VALUES ({placeholders})",  # noqa: S608
            rows,
        )


def _readable(subject: Subject) -> list[tuple[str | None, Any]]:
    contacts = Contact.objects.filter(subject=subject).order_by("label")
    return [(contact.email, contact.notes) for contact in contacts]


@pytest.fixture
def two_subjects(
    subject_factory: Callable[[], Subject], contact_factory: Callable[..., Contact]
) -> tuple[Subject, Subject]:
    erased, kept = subject_factory(), subject_factory()
    contact_factory(subject=erased, email="ada@example.com", notes={"a": 1}, label="1")
    contact_factory(subject=erased, email="ada@work.example", label="2")
    contact_factory(subject=kept, email="bob@example.com", notes=["b"], label="3")
    return erased, kept


def test_a_backup_restored_after_erasure_cannot_be_read(
    two_subjects: tuple[Subject, Subject],
) -> None:
    # given: a backup of the main database, taken before the erasure
    erased, kept = two_subjects
    backup = _backup_main_database()
    # when: the erasure shreds the key and deletes the rows; later the backup returns
    subject_key_destroy(subject_id=erased.id)
    Contact.objects.filter(subject=erased).delete()
    _restore_main_database(backup)
    data_keys.clear()  # a fresh process serves the restored database
    # then: the erased subject's rows are back, their fields are not
    assert Contact.objects.filter(subject=erased).count() == 2
    assert _readable(erased) == [(None, None), (None, None)]


def test_a_backup_restored_after_erasure_still_serves_everyone_else(
    two_subjects: tuple[Subject, Subject],
) -> None:
    # given
    erased, kept = two_subjects
    backup = _backup_main_database()
    # when
    subject_key_destroy(subject_id=erased.id)
    Contact.objects.filter(subject=erased).delete()
    _restore_main_database(backup)
    data_keys.clear()
    # then
    assert _readable(kept) == [("bob@example.com", ["b"])]


def test_the_restored_ciphertexts_are_the_ones_written_before_the_erasure(
    two_subjects: tuple[Subject, Subject],
) -> None:
    # given
    erased, _ = two_subjects
    backup = _backup_main_database()
    # when
    subject_key_destroy(subject_id=erased.id)
    _restore_main_database(backup)
    # then: nothing in the data changed; only the key is gone
    assert _backup_main_database() == backup


def test_the_key_store_keeps_the_erasure_time_and_no_key_material(
    two_subjects: tuple[Subject, Subject],
) -> None:
    # given
    erased, _ = two_subjects
    # when
    destroyed_at = subject_key_destroy(subject_id=erased.id)
    # then
    row = SubjectKey.objects.get(subject_id=erased.id)
    assert (row.destroyed_at, row.wrapped_key, row.master_key_id) == (
        destroyed_at,
        None,
        "",
    )


def test_the_key_store_lives_in_another_database_than_the_data() -> None:
    # when
    data_tables = set(connections["default"].introspection.table_names())
    key_tables = set(connections["keystore"].introspection.table_names())
    # then
    assert SubjectKey._meta.db_table in key_tables - data_tables
    assert TABLE in data_tables - key_tables
    assert key_tables == {"django_migrations", SubjectKey._meta.db_table}
    assert (
        connections["keystore"].settings_dict["NAME"]
        != (connections["default"].settings_dict["NAME"])
    )
