"""The galleries back office: only assigned galleries, every view audited (IMG-06)."""

from __future__ import annotations

from django.contrib.auth.models import Group

import pytest

from candid.accounts.models import User
from candid.galleries.models import GalleryAssignment
from candid.galleries.services import gallery_create

from .conftest import audit_events, signed_in_browser


@pytest.fixture
def other_photographer(account_factory) -> User:
    staff = account_factory("max@studio.example", full_name="Max Other", is_staff=True)
    staff.groups.add(Group.objects.get(name="Photographer"))
    return User.objects.get(pk=staff.pk)


@pytest.fixture
def manager(account_factory) -> User:
    staff = account_factory("mia@studio.example", full_name="Mia Boss", is_staff=True)
    staff.groups.add(Group.objects.get(name="Studio manager"))
    return User.objects.get(pk=staff.pk)


def test_the_list_shows_only_assigned_galleries_and_records_each_shown(
    photographer, other_photographer, gallery, other_client
):
    # given
    theirs = gallery_create(
        staff=other_photographer, client=other_client, title="Wedding"
    )
    browser = signed_in_browser(photographer.email)
    # when
    response = browser.get("/admin/galleries/gallery/")
    # then
    assert response.status_code == 200
    page = response.content.decode()
    assert str(gallery.pk) in page
    assert str(theirs.pk) not in page
    (event,) = audit_events("gallery_viewed")
    assert event.subject_id == gallery.subject_id
    assert event.actor_id == str(photographer.pk)


def test_an_assigned_gallery_page_shows_its_images_and_records_the_view(
    photographer, image
):
    # given
    browser = signed_in_browser(photographer.email)
    # when
    response = browser.get(f"/admin/galleries/gallery/{image.gallery_id}/change/")
    # then
    assert response.status_code == 200
    assert f"/studio/galleries/images/{image.pk}/preview/" in response.content.decode()
    (event,) = audit_events("gallery_viewed")
    assert event.details == {"event": "gallery_viewed"}


def test_the_owner_is_refused_a_gallery_until_assigned(account_factory, gallery):
    """A superuser's role holds every permission; the assignment is still needed."""
    # given
    owner = account_factory("owner@studio.example", is_staff=True, is_superuser=True)
    browser = signed_in_browser(owner.email)
    url = f"/admin/galleries/gallery/{gallery.pk}/change/"
    assert browser.get(url).status_code == 404
    # when
    response = browser.post(
        "/admin/galleries/galleryassignment/add/",
        {"gallery": str(gallery.pk), "staff": str(owner.pk)},
    )
    # then
    assert response.status_code == 302
    assert browser.get(url).status_code == 200
    assert len(audit_events("staff_assigned")) == 2


def test_a_manager_assigns_a_photographer_in_the_back_office(
    manager, other_photographer, gallery
):
    # given
    browser = signed_in_browser(manager.email)
    # when
    response = browser.post(
        "/admin/galleries/galleryassignment/add/",
        {"gallery": str(gallery.pk), "staff": str(other_photographer.pk)},
    )
    # then
    assert response.status_code == 302
    assignment = GalleryAssignment.objects.get(staff=other_photographer)
    assert assignment.assigned_by == manager
    assert audit_events("staff_assigned")[-1].actor_id == str(manager.pk)


def test_a_client_account_is_not_offered_for_assignment(
    manager, client_account, gallery
):
    # given
    browser = signed_in_browser(manager.email)
    # when
    response = browser.post(
        "/admin/galleries/galleryassignment/add/",
        {"gallery": str(gallery.pk), "staff": str(client_account.pk)},
    )
    # then
    assert response.status_code == 200
    assert "Select a valid choice." in response.content.decode()
    assert GalleryAssignment.objects.count() == 1


def test_a_manager_unassigns_in_the_back_office(manager, other_photographer, gallery):
    # given
    browser = signed_in_browser(manager.email)
    browser.post(
        "/admin/galleries/galleryassignment/add/",
        {"gallery": str(gallery.pk), "staff": str(other_photographer.pk)},
    )
    assignment = GalleryAssignment.objects.get(staff=other_photographer)
    # when
    response = browser.post(
        f"/admin/galleries/galleryassignment/{assignment.pk}/delete/", {"post": "yes"}
    )
    # then
    assert response.status_code == 302
    assert not GalleryAssignment.objects.filter(staff=other_photographer).exists()
    assert len(audit_events("staff_unassigned")) == 1


def test_a_photographer_cannot_open_the_assignment_form(photographer, gallery):
    # given
    browser = signed_in_browser(photographer.email)
    # when
    response = browser.post(
        "/admin/galleries/galleryassignment/add/",
        {"gallery": str(gallery.pk), "staff": str(photographer.pk)},
    )
    # then
    assert response.status_code == 403
    assert GalleryAssignment.objects.count() == 1
