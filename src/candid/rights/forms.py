"""Request forms: what a requester may ask for, from the declaration's offer."""

from __future__ import annotations

from django import forms

from candid.notices.selectors import declaration_active
from candid.rights.identity import data_points
from candid.rights.models import KnowScope, RequestType
from candid.rights.services.data_points import DECLARATION

# Rights the declaration lists that are not requests to the studio.
_NOT_REQUESTS = frozenset({"complain", "non_discrimination"})


def _type_choices() -> list[tuple[str, str]]:
    offered = set(declaration_active().rights.offered) - _NOT_REQUESTS
    return [(value, label) for value, label in RequestType.choices if value in offered]


def _jurisdiction_choices() -> list[tuple[str, str]]:
    return [(j.code, j.code) for j in declaration_active().jurisdictions]


class _RequestFields(forms.Form):
    request_type = forms.ChoiceField(label="What would you like us to do?")
    scope = forms.ChoiceField(
        label="For a request to know (California): what would you like to know?",
        required=False,
        choices=[("", "-")] + list(KnowScope.choices),
    )
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
    """The public form: anyone, by e-mail address, no account needed (DSR-01).

    An authorised agent fills in their own name and address and gives a proof of
    authority; the e-mail address is then that of the person the data is about,
    who confirms it themselves (DSR-05, CCPA regs §7063).
    """

    email = forms.EmailField(
        label="Your e-mail address",
        help_text="If you ask for someone else: the address of that person.",
        max_length=254,
    )
    agent_name = forms.CharField(
        label="Asking for someone else? Your name, as their authorised agent",
        required=False,
        max_length=200,
    )
    agent_email = forms.EmailField(
        label="Your e-mail address, as their agent", required=False, max_length=254
    )
    agent_proof = forms.CharField(
        label="Your authority to act for them",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    agent_document = forms.FileField(
        label="The signed permission or power of attorney (PDF, JPEG or PNG)",
        required=False,
    )

    field_order = [
        "email",
        "request_type",
        "scope",
        "jurisdiction",
        "details",
        "agent_name",
        "agent_email",
        "agent_proof",
        "agent_document",
    ]

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        proof = declaration_active().rights.verification.authorised_agent_proof
        self.fields["agent_proof"].help_text = f"We accept: {proof}"

    def clean(self) -> dict:
        data = super().clean()
        agent_given = any(
            data.get(name)
            for name in ("agent_name", "agent_email", "agent_proof", "agent_document")
        )
        if agent_given and not data.get("agent_name"):
            self.add_error("agent_name", "Give your name as the person's agent.")
        if agent_given and not (data.get("agent_proof") or data.get("agent_document")):
            self.add_error(
                "agent_document", "Upload or describe your authority to act for them."
            )
        return data


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


class DataPointsForm(forms.Form):
    """The questions a requester answers after the code, and the CCPA declaration.

    Every registered question is offered to everyone; the requester answers at
    least `required` of them (DSR-05).
    """

    def __init__(
        self,
        *args: object,
        required: int,
        declaration: bool,
        correction: bool = False,
        **kwargs: object,
    ) -> None:
        super().__init__(*args, **kwargs)
        if correction:
            self.fields["correcting"] = forms.ChoiceField(
                label="Is one of these details the one you want corrected?",
                help_text="We check your identity with the other details.",
                required=False,
                choices=[("", "No")] + [(p.key, p.label) for p in data_points()],
            )
        for point in data_points():
            self.fields[f"point_{point.key}"] = forms.CharField(
                label=point.label,
                help_text=point.help_text,
                required=False,
                max_length=200,
                widget=forms.TextInput(attrs={"type": point.input_type}),
            )
        if declaration:
            self.fields["declared"] = forms.BooleanField(
                label=DECLARATION, required=False
            )
            self.fields["signature"] = forms.CharField(
                label="Your full name, as your signature",
                required=False,
                max_length=200,
            )
        self.required_points = required

    def answers(self) -> dict[str, str]:
        """Return the answers by data point key."""
        return {
            name.removeprefix("point_"): value
            for name, value in self.cleaned_data.items()
            if name.startswith("point_")
        }
