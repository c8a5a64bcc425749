"""Staff forms of the breach register: input only; the services decide."""

from __future__ import annotations

from django import forms

from candid.datamap.registry import registry
from candid.notices.selectors import declaration_active
from candid.registry.breaches.services import KINDS
from candid.registry.models import Audience, Exemption, RiskLevel

NO_NAMES = "Describe events, systems and categories; never name or quote a person."


def _when(label: str, required: bool = True) -> forms.DateTimeField:
    return forms.DateTimeField(
        label=label,
        required=required,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        help_text="UTC",
    )


def _text(label: str, required: bool = False) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=NO_NAMES,
    )


class BreachFactsForm(forms.Form):
    """What happened, what it touched, and what was done."""

    nature = _text("Nature of the breach: what happened", required=True)
    kinds = forms.MultipleChoiceField(
        label="What was breached",
        choices=[(k, k.capitalize()) for k in KINDS],
        widget=forms.CheckboxSelectMultiple,
    )
    data_categories = forms.MultipleChoiceField(
        label="Data categories affected",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    record_types = forms.MultipleChoiceField(
        label="Record types affected",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    window_start = _when("Affected records held from", required=False)
    window_end = _when("Affected records held until", required=False)
    likely_consequences = _text("Likely consequences for people")
    measures_taken = _text("Measures taken")
    measures_proposed = _text("Measures proposed")
    processor_key = forms.ChoiceField(label="Processor involved", required=False)
    processor_aware_at = _when("When the processor became aware", required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        declaration = declaration_active()
        self.fields["data_categories"].choices = [
            (c.key, f"{c.label} ({c.key})") for c in declaration.data_categories
        ]
        self.fields["record_types"].choices = [
            (e.model._meta.label, e.model._meta.label)
            for e in registry().entries
            if e.subject_path is not None and e.categories
        ]
        self.fields["processor_key"].choices = [("", "None")] + [
            (r.key, r.name) for r in declaration.recipients
        ]


class BreachRecordForm(BreachFactsForm):
    """A new breach: when it was found and when the studio became aware."""

    discovered_at = _when("Discovered at")
    aware_at = _when("Became aware at (starts the 72-hour clock)")

    field_order = ["discovered_at", "aware_at"]


class AssessForm(forms.Form):
    risk = forms.ChoiceField(label="Risk to people", choices=RiskLevel.choices)
    reason = _text("Reason for this assessment", required=True)
    exemption = forms.ChoiceField(
        label="Art. 34(3) exemption (high risk only)",
        required=False,
        choices=[("", "None"), *Exemption.choices],
    )


class AuthorityNotifiedForm(forms.Form):
    notified_at = _when("Notified the authority at")
    reference = forms.CharField(
        label="Authority's reference", required=False, max_length=200
    )
    delay_reasons = _text("Reasons for delay (required after 72 hours)")


class DraftForm(forms.Form):
    audience = forms.ChoiceField(choices=Audience.choices)
