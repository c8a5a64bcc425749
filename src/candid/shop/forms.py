"""The shop's forms: input only; the services decide."""

from __future__ import annotations

from django import forms

from candid.shop.declared import COUNTRIES


class CheckoutForm(forms.Form):
    buyer_name = forms.CharField(label="Full name", max_length=200)
    address = forms.CharField(
        label="Billing address",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Needed for the invoice that tax law requires.",
    )
    country = forms.ChoiceField(
        label="Country", choices=[("", "Choose…"), *COUNTRIES.items()]
    )
    # COM-01: both unticked by default; both or neither.
    immediate_supply = forms.BooleanField(
        required=False,
        label="I ask for the download to be available immediately, before the 14-day "
        "withdrawal period ends.",
    )
    withdrawal_loss_acknowledged = forms.BooleanField(
        required=False,
        label="I acknowledge that I lose my right of withdrawal once the download "
        "begins.",
    )


class WaiverForm(forms.Form):
    immediate_supply = CheckoutForm.base_fields["immediate_supply"]
    withdrawal_loss_acknowledged = CheckoutForm.base_fields[
        "withdrawal_loss_acknowledged"
    ]


class ClaimForm(forms.Form):
    description = forms.CharField(
        label="What goes wrong with the file?",
        min_length=10,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="For example the software and version, and the message you see. "
        "Please no health or other sensitive details.",
    )
