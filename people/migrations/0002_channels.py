from django.db import migrations

CODES = ["phone", "email", "chat", "social"]


def create_channels(apps, schema_editor):
    Channel = apps.get_model("people", "Channel")
    for code in CODES:
        Channel.objects.get_or_create(code=code)


class Migration(migrations.Migration):
    dependencies = [("people", "0001_initial")]
    operations = [migrations.RunPython(create_channels, migrations.RunPython.noop)]
