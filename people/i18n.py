"""Content written in both languages (field_en, field_de), shown in the reader's language."""

from django.utils.translation import get_language


def in_language(obj, field: str) -> str:
    """The reader's language where the author wrote it, else the other one."""
    first, second = ("de", "en") if (get_language() or "en").startswith("de") else ("en", "de")
    return getattr(obj, f"{field}_{first}") or getattr(obj, f"{field}_{second}")
