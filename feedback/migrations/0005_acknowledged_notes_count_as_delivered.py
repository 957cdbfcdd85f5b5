"""Notes the agent acknowledged without a recorded delivery count as given in writing when shared."""

from django.db import migrations
from django.db.models import F


def forwards(apps, schema_editor):
    CoachingNote = apps.get_model("feedback", "CoachingNote")
    CoachingNote.objects.filter(
        acknowledged_at__isnull=False, delivered_at__isnull=True, shared_at__isnull=False
    ).update(delivered_at=F("shared_at"), delivery_method="written")


class Migration(migrations.Migration):
    dependencies = [("feedback", "0004_merge_20261126_1233")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
