import uuid

from django.db import models

from candid.vault.fields import EncryptedJSONField, EncryptedTextField


class Contact(models.Model):
    """A studio-like row: a foreign key to its Subject and two encrypted fields."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    subject = models.ForeignKey(
        "datamap.Subject", on_delete=models.PROTECT, related_name="+"
    )
    email = EncryptedTextField(subject_field="subject", null=True, blank=True)
    notes = EncryptedJSONField(subject_field="subject", null=True, blank=True)
    label = models.CharField(max_length=40, blank=True)

    class PersonalData:
        subject = "subject"
        fields = {
            "id": None,
            "subject": None,
            "email": "user.contact.email",
            "notes": "user.content.private",
            "label": None,
        }

    def __str__(self) -> str:
        return f"Contact {self.id}"


class Enquiry(models.Model):
    """A kernel-like row: a plain indexed subject id, no foreign key."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    subject_id = models.UUIDField(db_index=True)
    message = EncryptedTextField(subject_field="subject_id")

    class PersonalData:
        subject = "subject_id"
        fields = {"id": None, "subject_id": None, "message": "user.content.private"}

    def __str__(self) -> str:
        return f"Enquiry {self.id}"
