import uuid

from django.utils import timezone

import pytest

from candid.datamap.models import Subject


@pytest.mark.django_db
def test_a_new_subject_gets_a_random_id_and_is_not_erased():
    # given
    before = timezone.now()

    # when
    subject = Subject.objects.create()

    # then
    stored = Subject.objects.get()
    assert stored.id == subject.id
    assert stored.id.version == 4
    assert before <= stored.created_at <= timezone.now()
    assert stored.erased_at is None


def test_a_subject_is_named_by_its_id_only():
    # given
    subject = Subject(id=uuid.UUID("0b8f3a4e-3f0e-4a8e-9a47-6f1f0cbb2f7d"))

    # when / then
    assert str(subject) == "Subject 0b8f3a4e-3f0e-4a8e-9a47-6f1f0cbb2f7d"
