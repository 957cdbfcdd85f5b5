"""The ledger row gets two deliveries: the bell (rung once, at the claim) and the e-mail (its own
state, attempts, backoff and budget); claims name the sweep that holds them."""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import F


def states_from_the_old_columns(apps, schema_editor):
    """Sent rows rang the bell and sent the mail together; unsent ones start afresh."""
    ledger = apps.get_model("notifications", "ReminderLedger")
    ledger.objects.filter(email_sent_at__isnull=False).update(
        email_state="sent", notified_at=F("email_sent_at"), email_last_attempt_at=F("email_sent_at"))
    ledger.objects.filter(email_sent_at__isnull=True).update(
        email_state="pending", email_attempts=0, claimed_until=None, email_due_since=F("created_at"),
        email_next_attempt_at=F("created_at"))


class Migration(migrations.Migration):

    dependencies = [
        ('notifications', '0001_initial'),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='reminderledger',
            options={'ordering': ['-created_at', '-id'], 'verbose_name': 'reminder', 'verbose_name_plural': 'reminder ledger'},
        ),
        migrations.RenameField(model_name='reminderledger', old_name='attempts', new_name='email_attempts'),
        migrations.RenameField(model_name='reminderledger', old_name='last_error', new_name='email_last_error'),
        migrations.RenameField(model_name='reminderledger', old_name='sent_at', new_name='email_sent_at'),
        migrations.AlterField(
            model_name='reminderledger',
            name='email_attempts',
            field=models.PositiveSmallIntegerField(default=0, verbose_name='e-mail attempts'),
        ),
        migrations.AlterField(
            model_name='reminderledger',
            name='email_last_error',
            field=models.TextField(blank=True, verbose_name='last e-mail error'),
        ),
        migrations.AlterField(
            model_name='reminderledger',
            name='email_sent_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='e-mail sent at'),
        ),
        migrations.AddField(
            model_name='notification',
            name='reminder',
            field=models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='notification', to='notifications.reminderledger', verbose_name='reminder'),
        ),
        migrations.AddField(
            model_name='reminderledger',
            name='claimed_by',
            field=models.CharField(blank=True, default='', max_length=32, verbose_name='claimed by'),
        ),
        migrations.AddField(
            model_name='reminderledger',
            name='email_due_since',
            field=models.DateTimeField(blank=True, null=True, verbose_name='e-mail due since'),
        ),
        migrations.AddField(
            model_name='reminderledger',
            name='email_last_attempt_at',
            field=models.DateTimeField(blank=True, db_index=True, null=True, verbose_name='last e-mail attempt'),
        ),
        migrations.AddField(
            model_name='reminderledger',
            name='email_next_attempt_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='next e-mail attempt'),
        ),
        migrations.AddField(
            model_name='reminderledger',
            name='email_state',
            field=models.CharField(choices=[('pending', 'pending'), ('sending', 'being sent'), ('sent', 'sent'), ('given_up', 'given up'), ('unconfirmed', 'unconfirmed'), ('cancelled', 'no longer due')], default='pending', max_length=12, verbose_name='e-mail'),
        ),
        migrations.AddField(
            model_name='reminderledger',
            name='notified_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='bell notification at'),
        ),
        migrations.RunPython(states_from_the_old_columns, migrations.RunPython.noop),
        migrations.AddIndex(
            model_name='reminderledger',
            index=models.Index(fields=['email_state', 'email_next_attempt_at'], name='ledger_email_due'),
        ),
        migrations.AddIndex(
            model_name='reminderledger',
            index=models.Index(fields=['claimed_by'], name='ledger_claimed_by'),
        ),
    ]
