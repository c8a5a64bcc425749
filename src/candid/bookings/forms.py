"""Input of bookings: each form checks its fields and nothing else."""

from __future__ import annotations

from django import forms

from candid.bookings.selectors import session_types_bookable
from candid.bookings.services import NOTES_MAX_LENGTH

SENSITIVE_HINT = (
    "Optional. Please do not enter health information or other sensitive details "
    "(such as religion, ethnicity or sexual life); tell us only what helps us prepare "
    "the session."
)


class BookingForm(forms.Form):
    """The session, its date and time, its place, and optional notes.

    There is no consent box of any kind: booking needs none (LAW-05). The notes carry
    the hint against sensitive details (LAW-09).
    """

    session_type = forms.ModelChoiceField(
        label="Session", queryset=session_types_bookable(), empty_label=None
    )
    starts_at = forms.DateTimeField(
        label="Date and time",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )
    place = forms.ChoiceField(label="Place")
    notes = forms.CharField(
        label="Notes for the photographer",
        required=False,
        max_length=NOTES_MAX_LENGTH,
        help_text=SENSITIVE_HINT,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        places = {
            place: place
            for session_type in session_types_bookable()
            for place in session_type.place_options
        }
        self.fields["place"].choices = sorted(places.items())
