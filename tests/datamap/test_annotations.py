"""Which models the data map covers, and how an annotation is inherited."""

from django.contrib.auth.models import User
from django.db import models

from candid.datamap.annotations import Annotation, annotation_of, is_candid_model
from tests.datamap.conftest import personal_data


def test_models_of_candid_apps_are_covered_and_django_contrib_is_not(model_factory):
    # given
    client = model_factory("Client", personal_data(None, {}))

    # when / then
    assert is_candid_model(client) is True
    assert is_candid_model(User) is False


def test_a_proxy_model_is_left_to_the_model_whose_table_it_shares(model_factory):
    # given
    client = model_factory("Client", personal_data(None, {}))
    meta = type("Meta", (), {"proxy": True, "app_label": "datamap"})
    proxy = type("ClientProxy", (client,), {"__module__": __name__, "Meta": meta})

    # when / then
    assert is_candid_model(proxy) is False


def test_an_abstract_base_annotates_the_fields_it_gives_its_children(isolated_apps):
    # given
    class Stamped(models.Model):
        created_at = models.DateTimeField()

        class PersonalData:
            subject = None
            fields = {"created_at": None}

        class Meta:
            abstract = True
            app_label = "datamap"

    class Page(Stamped):
        class Meta:
            app_label = "datamap"

        def __str__(self) -> str:
            return "page"

    # when
    annotation = annotation_of(Page)

    # then
    assert annotation == Annotation(subject=None, fields={"created_at": None})
