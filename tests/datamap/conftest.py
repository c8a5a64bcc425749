"""Small test models in an isolated app registry, and the declaration they are checked against."""

from collections.abc import Callable, Iterator
from typing import Any

from django.apps.registry import Apps
from django.conf import settings
from django.db import models
from django.test.utils import isolate_apps

import pytest

from candid.policy import Declaration, load_declaration


class EncryptedStandInField(models.TextField):
    """Stands in for a vault field: the data map only reads `encrypted`."""

    encrypted = True


def personal_data(subject: str | None, fields: dict[str, str | None]) -> type:
    """Return a `PersonalData` inner class with this subject path and field map."""
    return type("PersonalData", (), {"subject": subject, "fields": fields})


ModelFactory = Callable[..., type[models.Model]]


@pytest.fixture
def isolated_apps() -> Iterator[Apps]:
    with isolate_apps("candid.datamap") as apps:
        yield apps


@pytest.fixture
def model_factory(isolated_apps: Apps) -> ModelFactory:
    """Make a model of the datamap app that only the isolated registry knows."""

    def make(
        name: str,
        annotation: type | None = None,
        /,
        *,
        meta: dict[str, Any] | None = None,
        **fields: models.Field,
    ) -> type[models.Model]:
        attrs: dict[str, Any] = {
            "__module__": __name__,
            "Meta": type("Meta", (), {"app_label": "datamap", **(meta or {})}),
            **fields,
        }
        if annotation is not None:
            attrs["PersonalData"] = annotation
        return type(name, (models.Model,), attrs)

    return make


@pytest.fixture
def declaration() -> Declaration:
    return load_declaration(settings.CANDID_POLICY_FILE)
