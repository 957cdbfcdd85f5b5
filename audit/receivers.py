"""Changes and deletions made through the Django admin are audited like any other change.

The admin writes its log entry before it deletes (one entry per object, also for the bulk "delete
selected" action), so the person a deleted record was about is still there to be read. Deleting a
person's account itself leaves no event: the events about them go with them; the events of what
they did keep their name and role (`keep_the_actors_name`).

Reads in the admin are audited too: a person's record opened (its page, history or deletion
page), and every person a list page shows (`record_admin_read`, from AuditMiddleware).
"""

from django.contrib.admin.models import DELETION, LogEntry
from django.contrib.auth import get_user_model
from django.db.models.signals import post_save, pre_delete
from django.dispatch import receiver

from .models import AccessEvent
from .recorder import write_now


def _subject_of(entry: LogEntry):
    model = entry.content_type.model_class() if entry.content_type_id else None
    if model is None:
        return None
    if model is get_user_model():
        if entry.action_flag == DELETION:
            return None
        return int(entry.object_id) if str(entry.object_id).isdigit() else None
    path = next((p for p in PERSON_PATHS if _leads_to_a_user(model, p)), None)
    if path is None:
        return None
    return model._default_manager.filter(pk=entry.object_id).values_list(path, flat=True).first()


# Where a record's person is found, first match wins: the record's own field, or its parent's.
PERSON_PATHS = (
    "agent",
    "user",
    "mentee",
    "lead",
    "plan__agent",
    "goal__plan__agent",
    "pairing__mentee",
    "note__agent",
    "review__agent",
)


def _leads_to_a_user(model, path: str) -> bool:
    for name in path.split("__"):
        field = next((f for f in model._meta.concrete_fields if f.name == name), None)
        if field is None or not field.is_relation:
            return False
        model = field.related_model
    return model is get_user_model()


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
                kind=(
                    AccessEvent.Kind.DELETE
                    if instance.action_flag == DELETION
                    else AccessEvent.Kind.CHANGE
                ),
                record=AccessEvent.Record.ADMIN,
                object_id=str(instance.object_id)[:40],
            )
        ]
    )


@receiver(pre_delete, dispatch_uid="audit_keep_the_actors_name")
def keep_the_actors_name(sender, instance, **kwargs):
    """Before an account goes, its name is written on the events of what it did (the role is there)."""
    if sender is not get_user_model():
        return
    AccessEvent.objects.filter(actor_id=instance.pk, actor_name="").update(
        actor_name=str(instance)[:300]
    )


ADMIN_DETAIL_PAGES = {"change": "original", "history": "object", "delete": "object"}


def admin_read_subjects(request, response) -> tuple[list, str]:
    """The people whose records an admin page shows, and the record number for a single record."""
    match = getattr(request, "resolver_match", None)
    context = getattr(response, "context_data", None)
    if match is None or match.namespace != "admin" or not context or request.method != "GET":
        return [], ""
    page = match.url_name.rsplit("_", 1)[-1] if match.url_name else ""
    if page in ADMIN_DETAIL_PAGES:
        instance = context.get(ADMIN_DETAIL_PAGES[page])
        if instance is None or instance.pk is None:
            return [], ""
        return _people_of(type(instance), [instance.pk]), str(instance.pk)[:40]
    if page == "changelist" and context.get("cl") is not None:
        results = list(context["cl"].result_list)
        if results:
            return _people_of(type(results[0]), [r.pk for r in results]), ""
    return [], ""


def _people_of(model, pks: list) -> list:
    if model is get_user_model():
        return list(pks)
    path = next((p for p in PERSON_PATHS if _leads_to_a_user(model, p)), None)
    if path is None:
        return []
    rows = model._default_manager.filter(pk__in=pks).values_list(path, flat=True)
    return sorted({pk for pk in rows if pk is not None})
