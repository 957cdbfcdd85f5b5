# The agent's own index duplicated the leading column of the unique key (agent, period, period start,
# channel), which serves every query by agent; dropping it saves one index entry per written row.
# Only the index goes: the foreign key stays as it is (Django's AlterField would drop and re-add it,
# checking the whole table again).

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

INDEX = "kpis_kpirecord_agent_id_e5252a03"


class Migration(migrations.Migration):
    dependencies = [
        ("kpis", "0003_kpi_record_changed_at"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.RunSQL(
                    f"DROP INDEX IF EXISTS {INDEX}",
                    reverse_sql=f"CREATE INDEX {INDEX} ON kpis_kpirecord (agent_id)",
                ),
            ],
            state_operations=[
                migrations.AlterField(
                    model_name="kpirecord",
                    name="agent",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="kpi_records",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="agent",
                    ),
                ),
            ],
        ),
    ]
