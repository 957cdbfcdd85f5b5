"""Deliberately wrong: `make types` expects mypy to refuse this call to a service (a note's text
where the note belongs, a user's id where the user belongs). Not a test module; pytest skips it."""

from feedback.services import note_share


def share_the_wrong_way() -> None:
    note_share(note="Great call today", by=42)
