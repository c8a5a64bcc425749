"""A client's page about a policy change: read it, acknowledge it, renew consents."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from candid.consent.exceptions import ConsentError
from candid.consent.models import (
    AcknowledgementSurface,
    Mechanism,
    NoticeAcknowledgement,
    Surface,
)
from candid.consent.scope import reconsent_pending_for
from candid.consent.services import consent_grant, notice_acknowledge
from candid.notices.changes import change_summary
from candid.notices.models import PolicyVersion
from candid.notices.recipients import subject_of_user
from candid.notices.selectors import declaration_of


def _subject(request: HttpRequest):
    subject_id = subject_of_user(request.user)
    if subject_id is None:
        raise Http404
    return subject_id


def _renewable(subject_id, version: PolicyVersion) -> list:
    declaration = declaration_of(version)
    keys = [
        p.purpose
        for p in reconsent_pending_for(subject_id)
        if p.version == version.version
    ]
    return [declaration.purpose(key) for key in keys]


@login_required
@require_GET
def policy_change(request: HttpRequest, version: str) -> HttpResponse:
    """Show what a version changes, with the client's consents to renew (NOT-03)."""
    subject_id = _subject(request)
    found = get_object_or_404(PolicyVersion, version=version)
    context = {
        "version": found,
        "summary": change_summary(found),
        "renew": _renewable(subject_id, found),
        "acknowledged": NoticeAcknowledgement.objects.filter(
            subject_id=subject_id, policy_version=found.version
        ).exists(),
    }
    return render(request, "notices/policy_change.html", context)


@login_required
@require_POST
def policy_acknowledge(request: HttpRequest, version: str) -> HttpResponse:
    """Record that the client read a version: an acknowledgement, never consent."""
    subject_id = _subject(request)
    found = get_object_or_404(PolicyVersion, version=version)
    notice_acknowledge(
        subject_id=subject_id,
        surface=AcknowledgementSurface.POLICY_CHANGE,
        policy_version=found.version,
        text_sha256=found.rendered_sha256,
    )
    messages.success(request, "Thank you: we recorded that you read this version.")
    return redirect("notices:policy-change", version=found.version)


@login_required
@require_POST
def policy_reconsent(request: HttpRequest, version: str, purpose: str) -> HttpResponse:
    """Record fresh consent to a purpose under the new version, ticked by the client."""
    subject_id = _subject(request)
    found = get_object_or_404(PolicyVersion, version=version)
    renewable = {p.key: p for p in _renewable(subject_id, found)}
    if purpose not in renewable or request.POST.get("consent") != "yes":
        messages.error(request, "Tick the box to give consent; nothing changed.")
        return redirect("notices:policy-change", version=found.version)
    declared = renewable[purpose]
    try:
        consent_grant(
            subject_id=subject_id,
            purpose=purpose,
            surface=Surface.PRIVACY_CENTRE,
            mechanism=Mechanism.CHECKBOX,
            policy_version=found.version,
            text=f"{declared.name}\n{declared.description}",
        )
    except ConsentError as error:
        messages.error(request, f"{error} Nothing changed.")
    else:
        messages.success(
            request, f"Thank you: your consent to {declared.name} is renewed."
        )
    return redirect("notices:policy-change", version=found.version)
