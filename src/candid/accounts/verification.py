"""What accounts offer the rights kernel to check a requester against (DSR-05).

Registered in `AccountsConfig.ready()` with candid.rights.identity: the subject an
e-mail address belongs to (through the blind index, never a scan of addresses), the
last four digits of the phone number in the profile, and the postcode of an address
in the profile. Each comparison decrypts the client's own fields and answers only
yes or no; nothing is stored or shown.
"""

from __future__ import annotations

import re
import uuid

from django.utils.crypto import constant_time_compare
from django.views.decorators.debug import sensitive_variables

from candid.accounts.identity import email_index_or_none
from candid.accounts.models import Address, User
from candid.rights.identity import DataPoint

PHONE_DIGITS = 4


@sensitive_variables("raw_email")
def subject_by_email(raw_email: str) -> uuid.UUID | None:
    """Return the data subject of the active account with this address, or None."""
    index = email_index_or_none(raw_email)
    if index is None:
        return None
    return (
        User.objects.filter(email_index=index, is_active=True)
        .values_list("subject_id", flat=True)
        .first()
    )


@sensitive_variables("raw_answer")
def phone_matches(subject_id: uuid.UUID, raw_answer: str) -> bool:
    """Say whether the answer is the last four digits of the client's phone number."""
    answer = re.sub(r"\D", "", raw_answer)
    if len(answer) != PHONE_DIGITS:
        return False
    for user in User.objects.filter(subject_id=subject_id):
        stored = re.sub(r"\D", "", user.phone or "")
        if len(stored) >= PHONE_DIGITS and constant_time_compare(
            stored[-PHONE_DIGITS:], answer
        ):
            return True
    return False


def _postcode(value: str) -> str:
    return re.sub(r"[\s-]", "", value).upper()


@sensitive_variables("raw_answer")
def postcode_matches(subject_id: uuid.UUID, raw_answer: str) -> bool:
    """Say whether the answer is the postcode of one of the client's addresses."""
    answer = _postcode(raw_answer)
    if not answer:
        return False
    return any(
        constant_time_compare(_postcode(address.postal_code or ""), answer)
        for address in Address.objects.filter(subject_id=subject_id)
        if address.postal_code
    )


PHONE = DataPoint(
    key="phone_last_digits",
    label="The last 4 digits of the phone number in your account",
    help_text="For example 4321.",
    matches=phone_matches,
)
POSTCODE = DataPoint(
    key="postcode",
    label="The postcode of an address in your account",
    help_text="For example BA1 1AA.",
    matches=postcode_matches,
)
