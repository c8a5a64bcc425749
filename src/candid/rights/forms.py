"""Request forms: what a requester may ask for, from the declaration's offer."""

from __future__ import annotations

from django import forms

from candid.notices.selectors import declaration_active
from candid.rights.models import RequestType

# Rights the declaration lists that are not requests to the studio.
_NOT_REQUESTS = frozenset({"complain", "non_discrimination"})


def _type_choices() -> list[tuple[str, str]]:
    offered = set(declaration_active().rights.offered) - _NOT_REQUESTS
    return [(value, label) for value, label in RequestType.choices if value in offered]


def _jurisdiction_choices() -> list[tuple[str, str]]:
    return [(j.code, j.code) for j in declaration_active().jurisdictions]


class _RequestFields(forms.Form):
    request_type = forms.ChoiceField(label="What would you like us to do?")
    jurisdiction = forms.ChoiceField(label="Where do you live?")
    details = forms.CharField(
        label="Anything that helps us find or correct your data (optional)",
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Please do not enter health or other sensitive details.",
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["request_type"].choices = _type_choices()
        self.fields["jurisdiction"].choices = _jurisdiction_choices()


class PublicRequestForm(_RequestFields):
    """The public form: anyone, by e-mail address, no account needed (DSR-01)."""

    email = forms.EmailField(label="Your e-mail address", max_length=254)
    agent_proof = forms.CharField(
        label="Asking for someone else? Describe your authority to act for them",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    field_order = ["email", "request_type", "jurisdiction", "details", "agent_proof"]


class AccountRequestForm(_RequestFields):
    """The privacy centre's form: the client re-enters their password (DSR-05)."""

    password = forms.CharField(
        label="Your password, to confirm it is you",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class CodeForm(forms.Form):
    code = forms.CharField(
        label="The code we e-mailed you",
        max_length=12,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}
        ),
    )
