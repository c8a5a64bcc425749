"""The back office of retention: legal holds (placed and released), sweep cursors.

A hold is placed through the add form and released with an action, each calling
one service; holds are never edited or deleted, so their history stays whole.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest

from candid.retention.exceptions import RetentionError
from candid.retention.models import LegalHold, SweepCursor
from candid.retention.services import (
    hold_target_checked,
    legal_hold_place,
    legal_hold_release,
)


class LegalHoldForm(forms.ModelForm):
    class Meta:
        model = LegalHold
        fields = [
            "kind",
            "reason",
            "record_model",
            "record_pk",
            "subject_id",
            "starts_at",
            "ends_at",
        ]
        help_texts = {
            "record_model": 'A model label, e.g. "galleries.GalleryImage".',
            "record_pk": "The record's key.",
            "subject_id": "Or hold every record of this subject.",
        }

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        try:
            hold_target_checked(
                record_model=cleaned.get("record_model", ""),
                record_pk=cleaned.get("record_pk", ""),
                subject_id=cleaned.get("subject_id"),
            )
        except RetentionError as error:
            raise forms.ValidationError(str(error)) from None
        return cleaned


@admin.register(LegalHold)
class LegalHoldAdmin(admin.ModelAdmin):
    form = LegalHoldForm
    list_display = ["id", "kind", "held", "starts_at", "ends_at", "released_at"]
    list_filter = ["kind", ("released_at", admin.EmptyFieldListFilter)]
    actions = ["release"]

    @admin.display(description="Holds")
    def held(self, hold: LegalHold) -> str:
        if hold.subject_id:
            return f"Subject {hold.subject_id}"
        return f"{hold.record_model} #{hold.record_pk}"

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        if obj is None:
            return []
        return [field.name for field in LegalHold._meta.fields]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def save_model(self, request: HttpRequest, obj: LegalHold, form: Any, change: bool):
        if change:
            return
        data = form.cleaned_data
        hold = legal_hold_place(
            staff=request.user,
            kind=data["kind"],
            reason=data["reason"],
            record_model=data.get("record_model", ""),
            record_pk=data.get("record_pk", ""),
            subject_id=data.get("subject_id"),
            starts_at=data.get("starts_at"),
            ends_at=data.get("ends_at"),
        )
        obj.pk = hold.pk

    @admin.action(description="Release the selected holds", permissions=["release"])
    def release(self, request: HttpRequest, queryset: QuerySet[LegalHold]) -> None:
        released = 0
        for hold in queryset:
            try:
                legal_hold_release(staff=request.user, hold_id=hold.pk)
            except RetentionError as error:
                self.message_user(request, f"Hold {hold.pk}: {error}", messages.ERROR)
            else:
                released += 1
        self.message_user(request, f"{released} hold(s) released.")

    def has_release_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("retention.release_legalhold")


@admin.register(SweepCursor)
class SweepCursorAdmin(admin.ModelAdmin):
    list_display = ["target", "last_pk", "pass_started_at", "finished_at", "acted"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
