import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone


class GalleryAssignment(models.Model):
    """A staff member assigned to a client's job, e.g. the photographer of one session.

    Only staff assigned to a gallery open it and its images, whatever their role
    (IMG-06): the role says what they may do, the assignment says for whom.
    `assigned_by` is the owner or manager (permission
    `galleries.add_galleryassignment`) who assigned them, or the photographer who
    opened the gallery for their own session.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    gallery = models.ForeignKey(
        "galleries.Gallery", on_delete=models.CASCADE, related_name="assignments"
    )
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    assigned_at = models.DateTimeField(default=timezone.now)

    class PersonalData:
        # Who works on whose job: staff and gallery ids, no client value.
        subject = "gallery__subject"
        fields = {
            "id": None,
            "gallery": None,
            "staff": None,
            "assigned_by": None,
            "assigned_at": None,
        }

    class Meta:
        ordering = ["assigned_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["gallery", "staff"], name="galleries_one_assignment_per_staff"
            )
        ]

    def __str__(self) -> str:
        return f"Assignment {self.id}"
