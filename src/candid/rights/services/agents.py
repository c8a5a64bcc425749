"""Requests made by an authorised agent for someone else (DSR-05, CCPA regs §7063).

The request records who the agent is and their proof of authority: a document
they upload, stored encrypted under the data subject's key, or staff's attestation
of a proof they saw (a letter, a power of attorney). The person the data is about
still confirms their own address and data points, as §7063(a) allows the studio
to require. The request is verified only once staff with `rights.confirm_agent`
have confirmed the proof; viewing the document and confirming it are audited.
"""

from __future__ import annotations

import datetime as dt
import io
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import BinaryIO

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.views.decorators.debug import sensitive_variables

from candid.audit.access import staff_holds
from candid.audit.entries import Actor
from candid.notices.selectors import declaration_active
from candid.rights import conf, events
from candid.rights.exceptions import (
    AgentProofInvalid,
    RequestInvalid,
    TransitionRefused,
)
from candid.rights.models import Request, VerificationOutcome
from candid.vault.files import decrypted_chunks, encrypt_file, encrypted_file_open

CONFIRM_PERMISSION = "rights.confirm_agent"
# PDF, JPEG and PNG: what a scanned letter or a photo of one is.
_SIGNATURES = {b"%PDF-": "pdf", b"\xff\xd8\xff": "jpg", b"\x89PNG\r\n\x1a\n": "png"}
PROOF_TYPES = "Upload the proof as a PDF, JPEG or PNG file."


@dataclass(frozen=True)
class AgentClaim:
    """Who says they act for the person, and their proof.

    `proof` describes it (or is staff's attestation); `document` is an uploaded
    file, read once when the request is stored.
    """

    name: str
    email: str
    proof: str = ""
    document: BinaryIO | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        _validate(self)


@sensitive_variables("claim")
def _validate(claim: AgentClaim) -> None:
    if claim.email.strip():
        try:
            validate_email(claim.email.strip())
        except ValidationError:
            raise RequestInvalid("Enter the agent's valid e-mail address.") from None
    if claim.document is None and not claim.proof.strip():
        raise RequestInvalid(
            "A request for someone else needs the agent's proof of authority."
        )


def _document_bytes(document: BinaryIO) -> bytes:
    content = document.read(conf.agent_proof_max_bytes() + 1)
    if not content:
        raise AgentProofInvalid("The proof document is empty.")
    if len(content) > conf.agent_proof_max_bytes():
        limit = conf.agent_proof_max_bytes() // 2**20
        raise AgentProofInvalid(f"The proof document is larger than {limit} MiB.")
    if not any(content.startswith(magic) for magic in _SIGNATURES):
        raise AgentProofInvalid(PROOF_TYPES)
    return content


def agent_document_read(claim: AgentClaim) -> bytes | None:
    """Return the uploaded document's bytes, or raise AgentProofInvalid."""
    return None if claim.document is None else _document_bytes(claim.document)


@sensitive_variables("claim", "document")
def agent_claim_attach(
    request: Request, claim: AgentClaim, document: bytes | None
) -> None:
    """Record the agent and their proof on an unsaved request; store the document."""
    request.on_behalf = True
    request.agent_name = claim.name.strip() or None
    request.agent_email = claim.email.strip() or None
    request.agent_proof = claim.proof.strip() or None
    if document is not None:
        request.agent_proof_file = _document_store(
            request, request.subject_id, document
        )


def _associated_data(request: Request) -> bytes:
    return f"rights.request:{request.id}:agent_proof".encode()


def _document_store(request: Request, subject_id: uuid.UUID, document: bytes) -> str:
    encrypted = io.BytesIO()
    encrypt_file(
        subject_id=subject_id,
        src=io.BytesIO(document),
        dst=encrypted,
        associated_data=_associated_data(request),
    )
    encrypted.seek(0)
    name = f"rights/agent-proofs/{uuid.uuid4().hex}.bin"
    return default_storage.save(name, encrypted)


def agent_proof_rebind(request: Request, *, old_subject_id: uuid.UUID) -> None:
    """Re-encrypt the proof document under the request's new subject's key.

    Called when a requester is matched to the account their data belongs to; the
    old copy is deleted.
    """
    if not request.agent_proof_file:
        return
    old_name = request.agent_proof_file
    with default_storage.open(old_name, "rb") as stream:
        plaintext = b"".join(
            decrypted_chunks(
                subject_id=old_subject_id,
                src=stream,
                associated_data=_associated_data(request),
            )
        )
    request.agent_proof_file = _document_store(request, request.subject_id, plaintext)
    transaction.on_commit(lambda: default_storage.delete(old_name))


def agent_proof_open(*, request_id: uuid.UUID, staff: object) -> Iterator[bytes]:
    """Return the decrypted proof document for staff holding `rights.confirm_agent`.

    Anyone else, an unknown request and a request without a document all get the
    same TransitionRefused. The read is recorded (SEC-05).
    """
    request = Request.objects.filter(pk=request_id).first()
    if (
        not staff_holds(staff, CONFIRM_PERMISSION)
        or request is None
        or not request.agent_proof_file
    ):
        raise TransitionRefused("There is no proof document to show.")
    events.record(
        events.agent_proof_viewed,
        request=request,
        actor=Actor.staff(staff.pk),  # type: ignore[attr-defined]
        fields=["agent_proof_file"],
    )
    return encrypted_file_open(
        storage=default_storage,
        name=request.agent_proof_file,
        subject_id=request.subject_id,
        associated_data=_associated_data(request),
    )


def agent_authority_confirm(
    *, request_id: uuid.UUID, staff: object, now: dt.datetime | None = None
) -> Request:
    """Record that staff checked the agent's proof; verify the request if it is done.

    Needs `rights.confirm_agent`. The person's own identity check still counts:
    until it is done the request waits for it (CCPA regs §7063(a)).
    """
    from candid.rights.services.verification import request_verified

    now = now or timezone.now()
    if not staff_holds(staff, CONFIRM_PERMISSION):
        raise TransitionRefused("Only staff allowed to confirm agents can do this.")
    with transaction.atomic():
        request = Request.objects.select_for_update().get(pk=request_id)
        _check_confirmable(request)
        request.agent_confirmed_at = now
        request.agent_confirmed_by_id = staff.pk  # type: ignore[attr-defined]
        request.save(update_fields=["agent_confirmed_at", "agent_confirmed_by"])
        actor = Actor.staff(staff.pk)  # type: ignore[attr-defined]
        events.record(
            events.agent_confirmed,
            request=request,
            actor=actor,
            document=bool(request.agent_proof_file),
        )
        if request.verification_outcome == VerificationOutcome.VERIFIED:
            request_verified(
                request, actor=actor, declaration=declaration_active(), now=now
            )
    return request


def _check_confirmable(request: Request) -> None:
    if not request.on_behalf:
        raise TransitionRefused("This request was not made by an agent.")
    if request.agent_confirmed_at is not None:
        raise TransitionRefused("The agent's authority is already confirmed.")
    if not request.open:
        raise TransitionRefused(f"This request is already {request.state}.")
