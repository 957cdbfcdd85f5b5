"""The timestamp of upward feedback is gone; the day and the quarter replace it (see 0002).

A migration of its own so PostgreSQL alters the table after the data step has committed.
"""

import django.utils.timezone
from django.db import migrations, models

import feedback.models


class Migration(migrations.Migration):

    dependencies = [
        ("feedback", "0002_upward_feedback_by_day_with_participation"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="upwardfeedback",
            options={"ordering": ["-given_on"], "verbose_name": "upward feedback",
                     "verbose_name_plural": "upward feedback"},
        ),
        migrations.RemoveField(model_name="upwardfeedback", name="created_at"),
        migrations.AlterField(
            model_name="upwardfeedback",
            name="given_on",
            field=models.DateField(default=django.utils.timezone.localdate, verbose_name="given on"),
        ),
        migrations.AlterField(
            model_name="upwardfeedback",
            name="quarter",
            field=models.CharField(db_index=True, default=feedback.models.current_quarter_label, max_length=7,
                                   verbose_name="quarter"),
        ),
    ]
