"""The back office of galleries: role and assignment gated, every view audited.

Staff see only the galleries of the jobs they are assigned to (IMG-06): the list
holds those alone, and any other gallery's page is a 404, as for an unknown one.
Opening a gallery passes the gate that records the view; the list records one view
per gallery it shows. Galleries are read-only here: photographers open and fill
them on the studio pages. Owners and managers holding
`galleries.add_galleryassignment` assign staff to galleries through the service,
which audits each change.
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.http import Http404
from django.urls import reverse
from django.utils.html import format_html

from candid.accounts.models import User
from candid.galleries import events
from candid.galleries.access import access_gallery_by_id_for_staff
from candid.galleries.assignments import gallery_assign, gallery_unassign
from candid.galleries.exceptions import GalleryError
from candid.galleries.models import Gallery, GalleryAssignment, GalleryImage


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class ImageInline(ReadOnlyInline):
    model = GalleryImage
    fields = ("id", "uploaded_at", "width", "height", "preview")
    readonly_fields = fields

    @admin.display(description="Preview")
    def preview(self, image: GalleryImage) -> str:
        # The studio route serves it through the gate that records each view.
        url = reverse("galleries:staff-image", args=[image.pk, "preview"])
        return format_html('<a href="{}">Open preview</a>', url)


class AssignmentInline(ReadOnlyInline):
    model = GalleryAssignment
    fields = ("staff", "assigned_by", "assigned_at")
    readonly_fields = fields


@admin.register(Gallery)
class GalleryAdmin(admin.ModelAdmin):
    list_display = ("id", "delivered_at", "expires_at")
    ordering = ("-delivered_at",)
    fields = ("id", "client", "title", "delivered_at", "expires_at")
    readonly_fields = fields
    inlines = [AssignmentInline, ImageInline]

    def get_queryset(self, request):
        """Only the galleries of jobs the staff member is assigned to (IMG-06)."""
        return super().get_queryset(request).filter(assignments__staff=request.user)

    def get_object(self, request, object_id, from_field=None):
        """Return the gallery through the gate, which records this view."""
        try:
            return access_gallery_by_id_for_staff(
                staff=request.user, gallery_id=object_id
            )
        except GalleryError:
            raise Http404 from None

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        changelist = getattr(response, "context_data", {}).get("cl")
        if changelist is not None:
            for gallery in changelist.result_list:
                events.gallery_viewed(gallery=gallery, staff_id=request.user.pk)
        return response

    def has_add_permission(self, request):
        # Galleries are opened on the studio page, for a client found by e-mail.
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        # Galleries expire or go through an erasure request, never a delete here.
        return False


@admin.register(GalleryAssignment)
class GalleryAssignmentAdmin(admin.ModelAdmin):
    list_display = ("id", "gallery", "staff", "assigned_by", "assigned_at")
    fields = ("gallery", "staff")
    ordering = ("-assigned_at",)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "staff":
            kwargs["queryset"] = User.objects.filter(is_staff=True, is_active=True)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        """Assign through the service, which checks the permission and audits it."""
        # The admin has checked the permission and the form offers only active
        # staff and existing galleries; the service checks both again.
        assignment = gallery_assign(
            by=request.user, gallery_id=obj.gallery_id, staff_id=obj.staff_id
        )
        obj.pk = assignment.pk
        obj.assigned_by = assignment.assigned_by
        obj.assigned_at = assignment.assigned_at
        obj._state.adding = False

    def delete_model(self, request, obj):
        gallery_unassign(by=request.user, assignment_id=obj.pk)

    def delete_queryset(self, request, queryset):
        for assignment in queryset:
            gallery_unassign(by=request.user, assignment_id=assignment.pk)
        self.message_user(request, "The staff members lost access.", messages.SUCCESS)

    def has_change_permission(self, request, obj=None):
        # An assignment is made or taken away, never edited.
        return False
