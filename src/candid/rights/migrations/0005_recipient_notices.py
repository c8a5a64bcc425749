"""Propagations pass on rectifications and restrictions too, not only erasures (Art. 19).

Each propagation now names its request and subject directly; an erasure's keeps
its job. Existing rows take both from their job.
"""

import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models

import candid.vault.fields


def _from_jobs(apps, schema_editor):
    Propagation = apps.get_model("rights", "Propagation")
    for propagation in Propagation.objects.select_related("job").iterator():
        propagation.request_id = propagation.job.request_id
        propagation.subject_id = propagation.job.subject_id
        propagation.created_at = propagation.job.created_at
        propagation.save(update_fields=["request", "subject_id", "created_at"])


class Migration(migrations.Migration):
    dependencies = [
        ("rights", "0004_erasure"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="propagation",
            name="rights_propagation_one_per_recipient",
        ),
        migrations.AddField(
            model_name="propagation",
            name="request",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="propagations",
                to="rights.request",
            ),
        ),
        migrations.AddField(
            model_name="propagation",
            name="subject_id",
            field=models.UUIDField(db_index=True, null=True),
        ),
        migrations.AddField(
            model_name="propagation",
            name="action",
            field=models.CharField(
                choices=[
                    ("erasure", "Erasure"),
                    ("rectification", "Rectification"),
                    ("restriction", "Restriction"),
                ],
                default="erasure",
                max_length=16,
            ),
        ),
        migrations.AddField(
            model_name="request",
            name="passed_on",
            field=candid.vault.fields.EncryptedJSONField(
                blank=True, null=True, subject_field="subject_id"
            ),
        ),
        migrations.AddField(
            model_name="propagation",
            name="created_at",
            field=models.DateTimeField(default=django.utils.timezone.now),
        ),
        migrations.AlterField(
            model_name="propagation",
            name="job",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="propagations",
                to="rights.erasurejob",
            ),
        ),
        migrations.RunPython(_from_jobs, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="propagation",
            name="request",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="propagations",
                to="rights.request",
            ),
        ),
        migrations.AlterField(
            model_name="propagation",
            name="subject_id",
            field=models.UUIDField(db_index=True),
        ),
        migrations.AlterField(
            model_name="propagation",
            name="state",
            field=models.CharField(
                choices=[
                    ("pending", "Pending"),
                    ("sent", "Asked; waiting for staff to attest"),
                    ("done", "Done at the recipient"),
                    ("attested", "Attested by staff"),
                    ("failed", "Failed; will be retried"),
                    (
                        "superseded",
                        "No longer needed: the person was erased since",
                    ),
                ],
                default="pending",
                max_length=16,
            ),
        ),
        migrations.AlterModelOptions(
            name="propagation",
            options={
                "permissions": [
                    (
                        "attest_propagation",
                        "Can attest that a recipient erased, corrected or "
                        "restricted a subject",
                    )
                ]
            },
        ),
        migrations.AddConstraint(
            model_name="propagation",
            constraint=models.UniqueConstraint(
                fields=("request", "recipient"),
                name="rights_propagation_one_per_request_recipient",
            ),
        ),
    ]
