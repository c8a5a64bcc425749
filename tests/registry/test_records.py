"""The Art. 30 record: built from the declaration and the data map (PRC-04)."""

from __future__ import annotations

import csv
import io

from django.core.management import call_command
from django.utils.html import escape

import pytest

from candid.policy import load_declaration
from candid.registry.exports import stored_in
from candid.registry.records import SECTIONS, records_rows
from tests.conftest import POLICIES

from .conftest import DECLARATIONS


def command_output(*args: str) -> str:
    out = io.StringIO()
    call_command("records_of_processing", *args, stdout=out)
    return out.getvalue()


def test_record_covers_every_point_of_article_30_in_order():
    # given
    declaration = load_declaration(POLICIES / "cinetrum-studio.yaml")
    # when
    rows = records_rows(declaration=declaration, where_stored=lambda key: [])
    # then
    assert list(dict.fromkeys(row.section for row in rows)) == list(SECTIONS)


def test_record_names_where_each_category_is_stored_from_the_data_map():
    # given
    declaration = load_declaration(POLICIES / "cinetrum-studio.yaml")
    first = declaration.data_categories[0]
    # when
    rows = records_rows(
        declaration=declaration,
        where_stored=lambda key: ["shop.Order"] if key == first.key else [],
    )
    # then
    row = next(r for r in rows if r.section == "c" and r.item == first.label)
    assert row.detail == f"{first.key}; stored in: shop.Order"


def test_record_gives_the_erasure_time_limit_of_every_retention_rule():
    # given
    declaration = load_declaration(POLICIES / "cinetrum-studio.yaml")
    # when
    rows = records_rows(declaration=declaration, where_stored=lambda key: [])
    # then
    assert len([r for r in rows if r.section == "f"]) == len(declaration.retention)


@pytest.mark.django_db
def test_csv_record_has_a_header_and_one_line_per_row():
    # when
    lines = list(csv.reader(io.StringIO(command_output("--format", "csv"))))
    # then
    assert lines[0] == ["section", "heading", "item", "detail"]
    assert lines[1][:3] == ["a", SECTIONS["a"], "Controller"]


@pytest.mark.django_db
def test_command_writes_the_record_to_the_named_file(tmp_path):
    # given
    target = tmp_path / "record.html"
    # when
    call_command("records_of_processing", "--format", "html", "-o", str(target))
    # then
    assert "Records of processing (GDPR Article 30(1))" in target.read_text()


@pytest.mark.django_db
@pytest.mark.parametrize("policy", DECLARATIONS)
def test_prc04_every_purpose_and_recipient_appears_in_csv_and_html(settings, policy):
    # given
    settings.CANDID_POLICY_FILE = POLICIES / policy
    declaration = load_declaration(POLICIES / policy)
    names = [p.name for p in declaration.purposes]
    names += [r.name for r in declaration.recipients]
    # when
    csv_text = command_output("--format", "csv")
    html_text = command_output("--format", "html")
    # then
    assert [n for n in names if n not in csv_text] == []
    assert [n for n in names if escape(n) not in html_text] == []


def test_ca09_every_recipient_row_states_the_service_provider_contract_flag():
    # given
    declaration = load_declaration(POLICIES / "cinetrum-studio.yaml")
    # when
    rows = records_rows(declaration=declaration, where_stored=lambda key: [])
    # then
    flags = [r.detail.rsplit("; ", 1)[1] for r in rows if r.section == "d"]
    assert flags == [
        f"service-provider terms: {'yes' if r.contract.service_provider_terms else 'no'}"
        for r in declaration.recipients
    ]


def test_transfer_rows_name_the_mechanism_in_words():
    # given
    declaration = load_declaration(POLICIES / "cinetrum-studio.yaml")
    # when
    rows = records_rows(declaration=declaration, where_stored=lambda key: [])
    # then
    transfer = next(r for r in rows if r.section == "e")
    assert transfer.item == "Stripe"
    assert transfer.detail.startswith("EU-U.S. Data Privacy Framework: ")


def test_installed_data_map_says_where_e_mail_addresses_are_stored():
    # when
    places = stored_in("user.contact.email")
    # then
    assert "rights.Request" in places
