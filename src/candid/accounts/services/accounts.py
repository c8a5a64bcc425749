"""Open an account: the age gate, the account with its data subject, the first choices."""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.views.decorators.debug import sensitive_variables

from candid.accounts import events
from candid.accounts.age import age_on
from candid.accounts.exceptions import AccountError, AccountExists, SignupUnderage
from candid.accounts.identity import email_index, email_normalise
from candid.accounts.models import UnderageSignupDay, User
from candid.accounts.services import choices
from candid.datamap.models import Subject
from candid.notices.selectors import declaration_active


@sensitive_variables("email", "password", "full_name")
def account_create(
    *,
    email: str,
    password: str | None,
    full_name: str = "",
    is_staff: bool = False,
    is_superuser: bool = False,
    now: dt.datetime | None = None,
) -> User:
    """Create an account and its data subject, the profile encrypted under its key.

    One account per address: the blind index is unique, so a concurrent second
    sign-up with the same address fails with AccountExists and leaves nothing behind
    (SEC-04). A ValidationError is raised for a malformed address.
    """
    now = now or timezone.now()
    index = email_index(email)
    try:
        with transaction.atomic():
            if User.objects.filter(email_index=index).exists():
                raise AccountExists
            user = User(
                subject=Subject.objects.create(created_at=now),
                email=email_normalise(email),
                email_index=index,
                full_name=full_name.strip(),
                is_staff=is_staff,
                is_superuser=is_superuser,
                date_joined=now,
            )
            user.set_password(password)  # None gives an unusable password.
            user.save()
    except IntegrityError:
        raise AccountExists from None
    events.account_created(user=user, staff=is_staff)
    return user


@sensitive_variables("email", "password", "full_name", "date_of_birth")
def account_sign_up(
    *,
    full_name: str,
    email: str,
    password: str,
    date_of_birth: dt.date,
    marketing_opt_in: bool,
    policy_acknowledged: bool = False,
    now: dt.datetime | None = None,
) -> User:
    """Open a client account if the person is old enough, with their own choices.

    The date of birth is used only to compare the age with the declaration's
    minimum age and is never stored. Under that age, nothing entered is kept and no
    account is made; only the day's refusal counter goes up (KID-01). The policy
    shown is recorded as acknowledged, never as consent (LAW-06), and marketing
    e-mail is consented to only if the separate, unticked box was ticked (LAW-03).
    """
    now = now or timezone.now()
    sign_up_allowed(
        date_of_birth=date_of_birth, policy_acknowledged=policy_acknowledged, now=now
    )
    with transaction.atomic():
        user = account_create(
            email=email, password=password, full_name=full_name, now=now
        )
        choices.policy_acknowledge_at_sign_up(user=user, now=now)
        if marketing_opt_in:
            choices.marketing_opt_in_at_sign_up(user=user, now=now)
    return user


@sensitive_variables("date_of_birth")
def sign_up_allowed(
    *, date_of_birth: dt.date, policy_acknowledged: bool, now: dt.datetime
) -> None:
    """Refuse a sign-up without the acknowledgement asked for, or under age.

    Under age, only the day's refusal counter goes up (KID-01); call it outside any
    transaction the refusal would roll back.
    """
    if choices.acknowledgement_asked_at_sign_up() and not policy_acknowledged:
        raise AccountError("Confirm that you have read the privacy policy.")
    minimum_age = declaration_active().accounts.minimum_age
    today = timezone.localdate(now)
    if age_on(date_of_birth=date_of_birth, today=today) < minimum_age:
        underage_refusal_count(day=today)
        raise SignupUnderage(minimum_age=minimum_age)


def underage_refusal_count(*, day: dt.date) -> None:
    """Add one to the day's count of refused under-age sign-ups, and store nothing else."""
    row, created = UnderageSignupDay.objects.get_or_create(
        day=day, defaults={"refused": 1}
    )
    if not created:
        UnderageSignupDay.objects.filter(pk=row.pk).update(refused=F("refused") + 1)
