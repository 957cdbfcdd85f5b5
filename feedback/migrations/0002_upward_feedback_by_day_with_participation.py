"""Upward feedback keeps no time finer than the day, and one answer per agent, lead and quarter.

Existing answers: the timestamp becomes the local day and its quarter; named answers
record their participation (anonymous ones cannot: nothing links them to anyone).
"""

import uuid

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

BATCH = 1000


def _quarter_label(day) -> str:
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def truncate_to_the_day(apps, schema_editor):
    UpwardFeedback = apps.get_model("feedback", "UpwardFeedback")
    Participation = apps.get_model("feedback", "UpwardFeedbackParticipation")
    changed, participations = [], set()
    for answer in UpwardFeedback.objects.order_by().iterator(chunk_size=BATCH):
        answer.given_on = django.utils.timezone.localdate(answer.created_at)
        answer.quarter = _quarter_label(answer.given_on)
        changed.append(answer)
        if answer.author_id is not None:
            participations.add((answer.author_id, answer.lead_id, answer.quarter))
        if len(changed) >= BATCH:
            UpwardFeedback.objects.bulk_update(changed, ["given_on", "quarter"])
            changed = []
    UpwardFeedback.objects.bulk_update(changed, ["given_on", "quarter"])
    Participation.objects.bulk_create(
        [Participation(agent_id=agent, lead_id=lead, quarter=quarter) for agent, lead, quarter in participations],
        batch_size=BATCH, ignore_conflicts=True,
    )


class Migration(migrations.Migration):

    dependencies = [
        ("feedback", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="upwardfeedback",
            name="given_on",
            field=models.DateField(null=True, verbose_name="given on"),
        ),
        migrations.AddField(
            model_name="upwardfeedback",
            name="quarter",
            field=models.CharField(max_length=7, null=True, verbose_name="quarter"),
        ),
        migrations.CreateModel(
            name="UpwardFeedbackParticipation",
            fields=[
                ("id", models.UUIDField(default=uuid.uuid4, editable=False, primary_key=True, serialize=False)),
                ("quarter", models.CharField(max_length=7, verbose_name="quarter")),
                ("agent", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="+",
                                            to=settings.AUTH_USER_MODEL, verbose_name="agent")),
                ("lead", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="+",
                                           to=settings.AUTH_USER_MODEL, verbose_name="team lead")),
            ],
            options={
                "verbose_name": "upward feedback participation",
                "verbose_name_plural": "upward feedback participations",
                "constraints": [models.UniqueConstraint(fields=("agent", "lead", "quarter"),
                                                        name="one_upward_answer_per_lead_and_quarter")],
            },
        ),
        migrations.RunPython(truncate_to_the_day, migrations.RunPython.noop, elidable=False),
    ]
