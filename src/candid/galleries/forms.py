"""Input of galleries: share-link creation and unlocking."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils import timezone

EXPIRY_CHOICES = [("", "Default"), ("1", "1 day"), ("7", "7 days"), ("30", "30 days")]


class ShareLinkForm(forms.Form):
    recipient_label = forms.CharField(max_length=80, label="Who is this link for?")
    password = forms.CharField(
        min_length=8, widget=forms.PasswordInput, label="Password for this link"
    )
    days = forms.TypedChoiceField(
        choices=EXPIRY_CHOICES, coerce=int, empty_value=None, required=False
    )

    def clean(self) -> dict:
        data = super().clean()
        days = data.pop("days", None)
        data["expires_at"] = timezone.now() + dt.timedelta(days=days) if days else None
        return data


class UnlockForm(forms.Form):
    password = forms.CharField(widget=forms.PasswordInput, max_length=200)
