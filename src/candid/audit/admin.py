from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from candid.audit.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """The audit log, to read only: nobody adds, changes or deletes an event here."""

    list_display = [
        "sequence",
        "occurred_at",
        "action",
        "actor_kind",
        "actor_id",
        "subject_id",
        "purpose",
    ]
    list_filter = ["action", "actor_kind"]
    search_fields = ["=subject_id", "=actor_id", "=action"]
    ordering = ["-sequence"]
    actions = None

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
