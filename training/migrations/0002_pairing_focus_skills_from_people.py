"""The mentor pairing's focus skills move from `people` (an M2M to `skills.Skill`) to `training`.

Databases created before the move have the table `people_mentorpairing_focus_skills` (people's
migration 0003 once created it); its rows are copied into `training_pairingfocusskill` and the old
table is dropped. Databases created after the move never had it.
"""

import django.db.models.deletion
from django.db import migrations, models

OLD_TABLE = "people_mentorpairing_focus_skills"


def copy_and_drop_the_old_table(apps, schema_editor):
    connection = schema_editor.connection
    if OLD_TABLE not in connection.introspection.table_names():
        return
    quote = connection.ops.quote_name
    new_table = apps.get_model("training", "PairingFocusSkill")._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {quote(new_table)} (pairing_id, skill_id) "  # nosec B608  # fixed table names
            f"SELECT mentorpairing_id, skill_id FROM {quote(OLD_TABLE)}"
        )
    schema_editor.execute(f"DROP TABLE {quote(OLD_TABLE)}")


class Migration(migrations.Migration):

    dependencies = [
        ("people", "0003_mentorpairing_mentorcheckin_and_more"),
        ("skills", "0005_current_level_follows_lead_ratings_switch"),
        ("training", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="PairingFocusSkill",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("pairing", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="focus_skill_links", to="people.mentorpairing", verbose_name="pairing")),
                ("skill", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="+", to="skills.skill", verbose_name="skill")),
            ],
            options={
                "verbose_name": "focus skill",
                "verbose_name_plural": "focus skills",
                "constraints": [models.UniqueConstraint(fields=("pairing", "skill"), name="one_focus_per_pairing_skill")],
            },
        ),
        migrations.RunPython(copy_and_drop_the_old_table, migrations.RunPython.noop),
    ]
