"""Changes made through the Django admin are audited like any other change."""

from django.contrib.admin.models import DELETION, LogEntry
from django.db.models.signals import post_save
from django.dispatch import receiver

from .models import AccessEvent
from .recorder import write_now


def _subject_of(entry: LogEntry):
    model = entry.content_type.model_class() if entry.content_type_id else None
    if model is None or entry.action_flag == DELETION:
        return None
    from django.contrib.auth import get_user_model

    if model is get_user_model():
        return int(entry.object_id) if str(entry.object_id).isdigit() else None
    field_names = {f.name for f in model._meta.concrete_fields}
    for person_field in ("agent", "user", "mentee", "lead"):
        if person_field in field_names:
            return (
                model._default_manager.filter(pk=entry.object_id)
                .values_list(f"{person_field}_id", flat=True)
                .first()
            )
    return None


@receiver(post_save, sender=LogEntry, dispatch_uid="audit_admin_changes")
def audit_admin_change(sender, instance: LogEntry, created, **kwargs):
    if not created:
        return
    subject_id = _subject_of(instance)
    if subject_id is None or subject_id == instance.user_id:
        return
    write_now(
        [
            AccessEvent(
                actor_id=instance.user_id,
                actor_role=getattr(instance.user, "role", ""),
                subject_id=subject_id,
                kind=AccessEvent.Kind.CHANGE,
                record=AccessEvent.Record.ADMIN,
                object_id=str(instance.object_id)[:40],
            )
        ]
    )
