"""The audit log in the back office: staff may read it, nobody may change it (SEC-07)."""

from django.contrib import admin
from django.test import RequestFactory

import pytest

from candid.audit.admin import AuditEventAdmin
from candid.audit.models import AuditEvent


@pytest.fixture
def request_of_superuser(rf: RequestFactory):
    request = rf.get("/admin/audit/auditevent/")
    request.user = type("Superuser", (), {"is_active": True, "is_staff": True})()
    request.user.has_perm = lambda permission, obj=None: True
    return request


def test_the_audit_log_is_registered_in_the_back_office():
    # then
    assert isinstance(admin.site._registry[AuditEvent], AuditEventAdmin)


@pytest.mark.django_db
def test_even_a_superuser_may_only_view_audit_events(request_of_superuser, record):
    # given
    event_admin = admin.site._registry[AuditEvent]
    event = record()

    # then
    assert event_admin.has_view_permission(request_of_superuser, event) is True
    assert event_admin.has_add_permission(request_of_superuser) is False
    assert event_admin.has_change_permission(request_of_superuser, event) is False
    assert event_admin.has_delete_permission(request_of_superuser, event) is False
    assert event_admin.get_actions(request_of_superuser) == {}


def test_the_audit_model_grants_only_the_view_permission():
    # then
    assert AuditEvent._meta.default_permissions == ("view",)
