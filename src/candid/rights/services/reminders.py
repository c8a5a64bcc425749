"""Remind the privacy lead of requests coming due, once per due date (issue 6)."""

from __future__ import annotations

import datetime as dt

from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from candid.audit.entries import Actor
from candid.mail import conf as mail_conf
from candid.notices.selectors import declaration_active
from candid.rights import events
from candid.rights.models import Request
from candid.rights.selectors import requests_due_before

ACTOR = Actor.system("rights_remind")


def requests_remind(*, days_ahead: int = 7, now: dt.datetime | None = None) -> int:
    """E-mail the privacy lead the open requests due within `days_ahead` days.

    Each request is reminded once per due date, so running it twice sends nothing
    new, and an extended request is reminded again before its new date. The
    message names request ids, types and dates, never the requester. Return how
    many requests were in it; 0 if the declaration names no privacy-lead e-mail.
    """
    today = timezone.localdate(now or timezone.now())
    address = declaration_active().controller.privacy_lead.email
    if not address:
        return 0
    with transaction.atomic():
        claimed = [
            request
            for request in requests_due_before(
                day=today + dt.timedelta(days=days_ahead)
            )
            if _claim(request)
        ]
        if claimed:
            _send(address, claimed, today)
            for request in claimed:
                events.record(events.reminder_sent, request=request, actor=ACTOR)
    return len(claimed)


def _claim(request: Request) -> bool:
    # A conditional update: of two concurrent runs, only one claims a request.
    updated = (
        Request.objects.filter(pk=request.pk)
        .exclude(reminded_for=request.due_on)
        .update(reminded_for=request.due_on)
    )
    return updated == 1


def _send(address: str, requests: list[Request], today: dt.date) -> None:
    body = render_to_string(
        "rights/email/reminder.txt", {"requests": requests, "today": today}
    )
    send_mail(
        subject=f"{len(requests)} privacy request(s) due soon",
        message=body,
        from_email=mail_conf.from_service(),
        recipient_list=[address],
    )
