"""Input of client accounts: each form checks its fields and nothing else."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.utils import timezone

from candid.accounts.identity import email_normalise
from candid.accounts.services.choices import (
    acknowledgement_asked_at_sign_up,
    marketing_checkbox_text,
    marketing_purpose,
)

OLDEST_AGE = 130


class SignUpForm(forms.Form):
    """Name, e-mail, password, date of birth, and the separate, unticked choices.

    The date of birth is checked against the minimum age by the service and never
    stored. The marketing box is unticked and apart from everything else (LAW-03,
    NOT-05); the policy box, where the declaration asks for it, only acknowledges
    having read the policy (LAW-06).
    """

    full_name = forms.CharField(label="Full name", max_length=200)
    email = forms.EmailField(label="E-mail address", max_length=254)
    password1 = forms.CharField(
        label="Password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password2 = forms.CharField(
        label="Password again",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    date_of_birth = forms.DateField(
        label="Date of birth",
        help_text="Used only to check that you are old enough; we do not keep it.",
        widget=forms.DateInput(attrs={"type": "date", "autocomplete": "bday"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        purpose = marketing_purpose()
        if purpose is not None:
            self.fields["marketing"] = forms.BooleanField(
                label=marketing_checkbox_text(purpose),
                required=False,
                initial=False,
                help_text="Optional. You can change this at any time in your privacy centre.",
            )
        if acknowledgement_asked_at_sign_up():
            self.fields["acknowledge_policy"] = forms.BooleanField(
                label="I have read the privacy policy.",
                required=True,
                initial=False,
                help_text="This confirms you were informed; it is not consent to anything.",
            )

    def clean_email(self) -> str:
        return email_normalise(self.cleaned_data["email"])

    def clean_date_of_birth(self) -> dt.date:
        value = self.cleaned_data["date_of_birth"]
        today = timezone.localdate()
        if value > today:
            raise ValidationError("The date of birth cannot be in the future.")
        if value.year < today.year - OLDEST_AGE:
            raise ValidationError("Check the year of your date of birth.")
        return value

    def clean(self):
        cleaned = super().clean()
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", "The two passwords do not match.")
        elif first:
            try:
                password_validation.validate_password(first)
            except ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class SignInForm(forms.Form):
    """E-mail, password and the unticked "keep me logged in" box (seed 002)."""

    email = forms.EmailField(label="E-mail address", max_length=254)
    password = forms.CharField(
        label="Password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    remember = forms.BooleanField(
        label="Keep me logged in",
        required=False,
        initial=False,
        help_text=(
            "Only on this device and this browser. To stop, sign out on this browser."
        ),
    )


class PasswordResetRequestForm(forms.Form):
    """The address of the account whose password was forgotten."""

    email = forms.EmailField(
        label="E-mail address",
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


class SignUpConfirmForm(forms.Form):
    """The password chosen at sign-up: proof that the confirming person chose it."""

    password = forms.CharField(
        label="Password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class ProfileForm(forms.Form):
    """The profile fields the client edits themselves."""

    full_name = forms.CharField(label="Full name", max_length=200)
    email = forms.EmailField(label="E-mail address", max_length=254)
    phone = forms.CharField(
        label="Telephone number (optional)", max_length=40, required=False
    )

    def clean_email(self) -> str:
        return email_normalise(self.cleaned_data["email"])


class AddressForm(forms.Form):
    """One postal address."""

    recipient = forms.CharField(label="Name", max_length=200)
    lines = forms.CharField(
        label="Street address", max_length=500, widget=forms.Textarea(attrs={"rows": 3})
    )
    city = forms.CharField(label="Town or city", max_length=120)
    postal_code = forms.CharField(label="Postcode", max_length=20, required=False)
    country = forms.CharField(label="Country", max_length=80)


class ConsentToggleForm(forms.Form):
    """One consent purpose switched on or off from the privacy centre."""

    purpose = forms.CharField(max_length=64)
    granted = forms.TypedChoiceField(
        choices=[("on", "on"), ("off", "off")], coerce=lambda value: value == "on"
    )
