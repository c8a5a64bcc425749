from django.db import models


class WebLogEntry(models.Model):
    """A web-server log line, written in time order, swept 30 days after (`web_log`).

    `at` is when the request came, `path` and `status` what it asked and got,
    `network` the caller's truncated address. No index but the primary key: the
    table is written in time order and swept by it (DESIGN, runtime).
    """

    id = models.BigAutoField(primary_key=True)
    at = models.DateTimeField()
    path = models.CharField(max_length=200)
    status = models.PositiveSmallIntegerField()
    network = models.CharField(max_length=48)

    class PersonalData:
        subject = None
        fields = {"at": None, "path": None, "status": None, "network": None}

    class Retention:
        record = "web_log"
        triggers = {"collected": "at"}

    def __str__(self) -> str:
        return f"Web log entry {self.id}"


class Attachment(models.Model):
    """A test record with a stored file, and a child row that protects it."""

    id = models.BigAutoField(primary_key=True)
    created_at = models.DateTimeField()
    file_name = models.CharField(max_length=200)

    class PersonalData:
        subject = None
        fields = {"created_at": None, "file_name": None}

    class Retention:
        record = "email_log"
        triggers = {"collected": "created_at"}
        files = ("file_name",)

    def __str__(self) -> str:
        return f"Attachment {self.id}"


class AttachmentUse(models.Model):
    """A row that protects its attachment from deletion."""

    attachment = models.ForeignKey(Attachment, on_delete=models.PROTECT)

    class PersonalData:
        subject = None
        fields = {"attachment": None}

    def __str__(self) -> str:
        return f"Attachment use {self.id}"


class Enquiry(models.Model):
    """A contact-form enquiry: a topic and a message, both emptied when anonymised."""

    id = models.BigAutoField(primary_key=True)
    received_at = models.DateTimeField()
    topic = models.CharField(max_length=40, blank=True)
    message = models.TextField(null=True, blank=True)  # noqa: DJ001

    class PersonalData:
        subject = None
        fields = {
            "received_at": None,
            "topic": "user.content.private",
            "message": "user.content.private",
        }

    class Retention:
        record = "contact_enquiry"
        triggers = {"collected": "received_at"}

    def __str__(self) -> str:
        return f"Enquiry {self.id}"
