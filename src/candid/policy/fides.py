"""Write a declaration as Fides resources: systems and a dataset, in fideslang's YAML.

The studio is one system with one privacy declaration per purpose (data use, data
categories, data subjects, legal basis, retention, who else receives the data).
Each recipient is a system too, so the studio's egress and each recipient's ingress
name each other and a Fides data map can draw the flows. The dataset holds one
collection per group of data categories (`user.contact`, `user.device`), one field
per category, with its uses and how long it is kept.

Every resource is validated by fideslang's own models before it is written, so an
export that fideslang would refuse fails here instead.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

import yaml
from fideslang.models import Dataset, System

from candid.policy.schema import Declaration, Purpose, Recipient, RetentionRule

_LEGAL_BASES = {
    "consent": "Consent",
    "contract": "Contract",
    "legal_obligation": "Legal obligations",
    "legitimate_interests": "Legitimate interests",
}
_TRANSFER_BASES = {
    "adequacy": "Adequacy Decision",
    # The EU-US Data Privacy Framework is an adequacy decision (10 July 2023).
    "dpf": "Adequacy Decision",
    "scc": "SCCs",
    "idta": "SCCs",
    "uk_addendum": "SCCs",
    "bcr": "BCRs",
    "derogation": "Other",
}
_RESPONSIBILITIES = {"processor": "Processor"}
_ENDS = {
    "delete": "then deleted",
    "anonymise": "then anonymised",
    "keep": "kept under a legal obligation until then, then deleted",
}


def export_fides(declaration: Declaration) -> str:
    """Return the declaration as Fides `system` and `dataset` YAML that fideslang accepts."""
    studio = studio_key(declaration)
    systems = [_studio_system(declaration, studio)] + [
        _recipient_system(declaration, recipient, studio)
        for recipient in declaration.recipients
    ]
    manifest = {
        "system": [_validated(System, system) for system in systems],
        "dataset": [_validated(Dataset, _dataset(declaration, studio))],
    }
    return yaml.safe_dump(manifest, sort_keys=False, allow_unicode=True, width=88)


def studio_key(declaration: Declaration) -> str:
    """Return the studio's Fides key, made from its name ("Cinetrum Studio": cinetrum_studio)."""
    return re.sub(r"[^a-z0-9]+", "_", declaration.controller.name.lower()).strip("_")


def _validated(
    model: type[System] | type[Dataset], resource: dict[str, Any]
) -> dict[str, Any]:
    """Return the resource as fideslang reads it, keeping only the fields given."""
    return model.model_validate(resource).model_dump(mode="json", exclude_unset=True)


# The studio


def _studio_system(declaration: Declaration, studio: str) -> dict[str, Any]:
    controller = declaration.controller
    contact = controller.dpo or controller.privacy_lead
    system: dict[str, Any] = {
        "fides_key": studio,
        "name": controller.name,
        "description": controller.description,
        "system_type": "Service",
        "responsibility": ["Controller"],
        "legal_name": controller.legal_name or controller.name,
        "dpo": contact.email or controller.email,
        "data_security_practices": " ".join(declaration.security.measures),
        "uses_cookies": True,
        "uses_profiling": declaration.automated_decisions.used,
        "does_international_transfers": _transfers(declaration.recipients) != [],
        "legal_basis_for_transfers": _transfers(declaration.recipients),
        "dataset_references": [_dataset_key(studio)],
        "ingress": [{"fides_key": "user", "type": "user"}],
        "egress": [_flow(r.key, r.data_categories) for r in declaration.recipients],
        "privacy_declarations": [
            _purpose_declaration(declaration, purpose, studio)
            for purpose in declaration.purposes
        ],
    }
    if controller.postal_address:
        system["legal_address"] = controller.postal_address
    if controller.website.startswith(("https://", "http://")):
        system["privacy_policy"] = controller.website
    if not system["egress"]:
        del system["egress"]
    return system


def _transfers(recipients: Iterable[Recipient]) -> list[str]:
    bases = (_TRANSFER_BASES[r.transfer.mechanism] for r in recipients if r.transfer)
    return sorted(set(bases))


def _flow(key: str, categories: list[str]) -> dict[str, Any]:
    return {"fides_key": key, "type": "system", "data_categories": list(categories)}


def _purpose_declaration(
    declaration: Declaration, purpose: Purpose, studio: str
) -> dict[str, Any]:
    """Return one privacy declaration: what the studio does for this purpose."""
    receivers = [r for r in declaration.recipients if purpose.key in r.purposes]
    third_parties = [r for r in receivers if r.role != "processor"]
    item: dict[str, Any] = {
        "name": purpose.name,
        "data_use": purpose.data_use,
        "data_categories": list(purpose.data_categories),
        "data_subjects": list(purpose.data_subjects),
        "legal_basis_for_processing": _LEGAL_BASES.get(purpose.legal_basis or ""),
        "flexible_legal_basis_for_processing": False,
        "retention_period": _retention_text(declaration, purpose.data_categories),
        "dataset_references": [_dataset_key(studio)],
        "ingress": ["user"],
        "data_shared_with_third_parties": bool(third_parties),
    }
    if receivers:
        item["egress"] = [r.key for r in receivers]
    if third_parties:
        item["third_parties"] = ", ".join(r.name for r in third_parties)
        item["shared_categories"] = sorted(
            {c for r in third_parties for c in r.data_categories}
            & set(purpose.data_categories)
        )
    if purpose.legitimate_interest:
        assessment = purpose.legitimate_interest
        item["impact_assessment_location"] = (
            f"Legitimate interests assessment of {assessment.assessed_on:%Y-%m-%d} "
            f"by {assessment.assessed_by}, kept by {declaration.controller.name}"
        )
    return item


def _retention_text(declaration: Declaration, categories: Iterable[str]) -> str:
    rules = {rule.category: rule for rule in declaration.retention if rule.category}
    parts = [f"{key}: {_kept(rules[key])}" for key in categories if key in rules]
    return "; ".join(parts)


def _kept(rule: RetentionRule) -> str:
    return f"{rule.period} (counted from: {rule.trigger}), {_ENDS[rule.action]}"


# The recipients


def _recipient_system(
    declaration: Declaration, recipient: Recipient, studio: str
) -> dict[str, Any]:
    system: dict[str, Any] = {
        "fides_key": recipient.key,
        "name": recipient.name,
        "description": recipient.service,
        "system_type": "Third Party",
        "responsibility": [_RESPONSIBILITIES.get(recipient.role, "Controller")],
        "does_international_transfers": recipient.transfer is not None,
        "legal_basis_for_transfers": _transfers([recipient]),
        "ingress": [_flow(studio, recipient.data_categories)],
        "privacy_declarations": [
            _received(purpose, recipient, studio)
            for purpose in declaration.purposes
            if purpose.key in recipient.purposes
            and set(purpose.data_categories) & set(recipient.data_categories)
        ],
    }
    if recipient.privacy_policy_url:
        system["privacy_policy"] = recipient.privacy_policy_url
    if recipient.role == "joint_controller":
        system["joint_controller_info"] = declaration.controller.name
    return system


def _received(purpose: Purpose, recipient: Recipient, studio: str) -> dict[str, Any]:
    """Return what a recipient does with the studio's data for one purpose."""
    return {
        "name": purpose.name,
        "data_use": purpose.data_use,
        "data_categories": [
            c for c in purpose.data_categories if c in recipient.data_categories
        ],
        "data_subjects": list(purpose.data_subjects),
        "ingress": [studio],
    }


# The dataset


def _dataset_key(studio: str) -> str:
    return f"{studio}_personal_data"


def _dataset(declaration: Declaration, studio: str) -> dict[str, Any]:
    groups: dict[str, list[dict[str, Any]]] = {}
    for category in declaration.data_categories:
        groups.setdefault(_group(category.key), []).append(
            _field(declaration, category.key, category.label)
        )
    return {
        "fides_key": _dataset_key(studio),
        "name": f"{declaration.controller.name} personal data",
        "description": (
            f"The personal data {declaration.controller.name} declares in its privacy "
            f"policy, version {declaration.policy.version} of "
            f"{declaration.policy.effective_date:%Y-%m-%d}."
        ),
        "collections": [
            {"name": name, "fields": fields} for name, fields in groups.items()
        ],
    }


def _group(key: str) -> str:
    """Return the category's group: `user.contact.email` is in `contact`."""
    parts = key.split(".")
    return parts[1] if len(parts) > 1 else parts[0]


def _field(declaration: Declaration, key: str, label: str) -> dict[str, Any]:
    uses = [p.data_use for p in declaration.purposes if key in p.data_categories]
    rules = [r for r in declaration.retention if r.category == key]
    kept = "".join(f" Kept {_kept(rule)}." for rule in rules)
    return {
        "name": key.removeprefix("user.").replace(".", "_"),
        "description": f"{label}.{kept}",
        "data_categories": [key],
        "data_uses": sorted(set(uses)),
    }
