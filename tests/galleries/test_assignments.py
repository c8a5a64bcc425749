"""Only staff assigned to a client's job open that client's gallery (IMG-06).

The role is the first gate (what a staff member may do), the assignment the second
(for whom). A photographer of another session, a manager who assigns, and the owner
are all refused until assigned; every staff view is audited (SEC-07).
"""

from __future__ import annotations

from django.contrib.auth.models import Group
from django.test import Client

import pytest

from candid.accounts.models import User
from candid.audit.models import AuditEvent
from candid.galleries.access import access_image_by_id_for_staff
from candid.galleries.assignments import gallery_assign, gallery_unassign
from candid.galleries.exceptions import AccessDenied, AssignmentInvalid, GalleryNotFound
from candid.galleries.models import (
    GalleryAssignment,
    GalleryImage,
    ModelRelease,
    PortfolioEntry,
    ShownPerson,
)
from candid.galleries.releases import (
    person_tag,
    portfolio_add,
    release_sign,
    release_withdraw,
)
from candid.galleries.services import image_upload

from .conftest import audit_events, jpeg_with_metadata, signed_in_browser

TEXT = "I allow Cinetrum Studio to show these photographs in its portfolio."


@pytest.fixture
def other_photographer(account_factory) -> User:
    """A photographer of the studio who does not work on the client's session."""
    staff = account_factory("max@studio.example", full_name="Max Other", is_staff=True)
    staff.groups.add(Group.objects.get(name="Photographer"))
    return User.objects.get(pk=staff.pk)


@pytest.fixture
def manager(account_factory) -> User:
    staff = account_factory("mia@studio.example", full_name="Mia Boss", is_staff=True)
    staff.groups.add(Group.objects.get(name="Studio manager"))
    return User.objects.get(pk=staff.pk)


@pytest.fixture
def person(photographer, image) -> ShownPerson:
    return person_tag(
        staff=photographer, image_ids=[image.pk], name="Ana Lima", minor=False
    )


def staff_routes(image, person) -> list[tuple[str, str, dict]]:
    """Every studio route that opens or changes a client's gallery."""
    gallery = image.gallery_id
    return [
        ("get", f"/studio/galleries/{gallery}/upload/", {}),
        (
            "post",
            f"/studio/galleries/{gallery}/upload/",
            {"image": jpeg_with_metadata()},
        ),
        ("get", f"/studio/galleries/images/{image.pk}/preview/", {}),
        ("get", f"/studio/galleries/images/{image.pk}/original/", {}),
        ("get", f"/studio/galleries/images/{image.pk}/people/", {}),
        ("post", f"/studio/galleries/images/{image.pk}/people/", {"name": "Lia"}),
        ("get", f"/studio/galleries/people/{person.pk}/release/", {}),
        (
            "post",
            f"/studio/galleries/people/{person.pk}/release/",
            {
                "signer_name": "Ana Lima",
                "role": "self",
                "uses": ["portfolio"],
                "text_version": "2026-11",
                "text": TEXT,
            },
        ),
        ("post", f"/studio/galleries/images/{image.pk}/portfolio/", {}),
        ("get", f"/admin/galleries/gallery/{gallery}/change/", {}),
    ]


def test_every_staff_gallery_route_is_a_404_for_a_photographer_not_assigned(
    other_photographer, image, person
):
    # given
    browser = signed_in_browser(other_photographer.email)
    before = AuditEvent.objects.count()
    # when
    statuses = [
        getattr(browser, method)(url, data).status_code
        for method, url, data in staff_routes(image, person)
    ]
    # then
    assert statuses == [404] * 10
    assert GalleryImage.objects.count() == 1
    assert ShownPerson.objects.count() == 1
    assert ModelRelease.objects.count() == 0
    assert PortfolioEntry.objects.count() == 0
    assert AuditEvent.objects.count() == before


def test_the_photographer_assigned_by_a_manager_reaches_every_route(
    other_photographer, manager, image, person
):
    # given
    gallery_assign(
        by=manager, gallery_id=image.gallery_id, staff_id=other_photographer.pk
    )
    browser = signed_in_browser(other_photographer.email)
    # when
    statuses = [
        getattr(browser, method)(url, data).status_code
        for method, url, data in staff_routes(image, person)
    ]
    # then: pages 200, forms 302, the portfolio refusal 409 (nobody released it)
    assert statuses == [200, 302, 200, 200, 200, 302, 200, 302, 409, 200]


@pytest.mark.parametrize(
    ("caller", "status"),
    [
        ("anonymous", 404),
        ("client", 404),
        ("staff without the role", 404),
        ("role, not assigned", 404),
        ("manager, not assigned", 404),
        ("role and assigned", 200),
    ],
)
def test_staff_image_gate_needs_the_role_and_the_assignment(
    image,
    client_account,
    staff_factory,
    other_photographer,
    photographer,
    manager,
    caller,
    status,
):
    # given
    emails = {
        "client": client_account.email,
        "staff without the role": staff_factory().email,
        "role, not assigned": other_photographer.email,
        "manager, not assigned": manager.email,
        "role and assigned": photographer.email,
    }
    browser = Client() if caller == "anonymous" else signed_in_browser(emails[caller])
    # when
    response = browser.get(f"/studio/galleries/images/{image.pk}/preview/")
    # then
    assert response.status_code == status
    assert len(audit_events("image_viewed")) == (1 if status == 200 else 0)


def test_an_assignment_without_the_role_opens_nothing(staff_factory, manager, image):
    # given
    clerk = staff_factory()
    gallery_assign(by=manager, gallery_id=image.gallery_id, staff_id=clerk.pk)
    # when / then
    with pytest.raises(AccessDenied):
        access_image_by_id_for_staff(staff=clerk, image_id=image.pk, kind="preview")


def test_opening_a_gallery_assigns_the_photographer_and_audits_it(
    photographer, gallery
):
    # then
    assignment = GalleryAssignment.objects.get()
    assert (assignment.gallery, assignment.staff) == (gallery, photographer)
    assert assignment.assigned_by == photographer
    (event,) = audit_events("staff_assigned")
    assert event.details == {
        "event": "staff_assigned",
        "staff_id": str(photographer.pk),
    }
    assert event.subject_id == gallery.subject_id


def test_a_manager_assigns_once_however_often_asked_and_the_log_names_ids_only(
    manager, other_photographer, gallery
):
    # when
    first = gallery_assign(
        by=manager, gallery_id=gallery.pk, staff_id=other_photographer.pk
    )
    second = gallery_assign(
        by=manager, gallery_id=gallery.pk, staff_id=other_photographer.pk
    )
    # then
    assert first == second
    assert GalleryAssignment.objects.filter(staff=other_photographer).count() == 1
    events = audit_events("staff_assigned")
    assert len(events) == 2  # the opener's own, then the manager's
    assert events[1].actor_id == str(manager.pk)
    assert "Max" not in str(events[1].details)


@pytest.mark.parametrize("assigner", ["photographer", "other_photographer"])
def test_attacker_photographer_cannot_assign_themselves(
    request, assigner, other_photographer, gallery
):
    # given
    staff = request.getfixturevalue(assigner)
    before = AuditEvent.objects.count()
    # when
    with pytest.raises(AccessDenied):
        gallery_assign(by=staff, gallery_id=gallery.pk, staff_id=other_photographer.pk)
    # then
    assert GalleryAssignment.objects.count() == 1
    assert AuditEvent.objects.count() == before


def test_only_active_staff_can_be_assigned(manager, client_account, gallery):
    # when
    with pytest.raises(AssignmentInvalid) as refused:
        gallery_assign(by=manager, gallery_id=gallery.pk, staff_id=client_account.pk)
    # then
    assert str(refused.value) == (
        "Only an active staff account can be assigned to a gallery."
    )
    assert GalleryAssignment.objects.count() == 1


def test_assigning_to_an_unknown_gallery_is_refused(manager, other_photographer):
    # when / then
    with pytest.raises(GalleryNotFound):
        gallery_assign(
            by=manager,
            gallery_id="00000000-0000-0000-0000-000000000000",
            staff_id=other_photographer.pk,
        )
    assert GalleryAssignment.objects.count() == 0


def test_unassigning_ends_access_at_once_and_is_audited(
    manager, other_photographer, image
):
    # given
    assignment = gallery_assign(
        by=manager, gallery_id=image.gallery_id, staff_id=other_photographer.pk
    )
    browser = signed_in_browser(other_photographer.email)
    url = f"/studio/galleries/images/{image.pk}/preview/"
    assert browser.get(url).status_code == 200
    # when
    gallery_unassign(by=manager, assignment_id=assignment.pk)
    gallery_unassign(by=manager, assignment_id=assignment.pk)
    # then
    assert browser.get(url).status_code == 404
    (event,) = audit_events("staff_unassigned")
    assert event.details["staff_id"] == str(other_photographer.pk)


def test_services_refuse_a_photographer_not_assigned(other_photographer, image, person):
    # given
    release = release_sign(
        staff=person.gallery.assignments.get().staff,
        person_id=person.pk,
        signer_name="Ana Lima",
        role="self",
        uses=["portfolio"],
        text=TEXT,
        text_version="2026-11",
    )
    # when / then
    with pytest.raises(AccessDenied):
        image_upload(
            staff=other_photographer,
            gallery_id=image.gallery_id,
            src=jpeg_with_metadata(),
        )
    with pytest.raises(AccessDenied):
        person_tag(
            staff=other_photographer, image_ids=[image.pk], name="Lia", minor=True
        )
    with pytest.raises(AccessDenied):
        release_sign(
            staff=other_photographer,
            person_id=person.pk,
            signer_name="Ana Lima",
            role="self",
            uses=["portfolio"],
            text=TEXT,
            text_version="2026-11",
        )
    with pytest.raises(AccessDenied):
        portfolio_add(staff=other_photographer, image_id=image.pk)
    with pytest.raises(GalleryNotFound):
        release_withdraw(release_id=release.pk, by=other_photographer)
    # then
    assert GalleryImage.objects.count() == 1
    assert ShownPerson.objects.count() == 1
    assert ModelRelease.objects.get().withdrawn_at is None
    assert PortfolioEntry.objects.count() == 0
