"""Model fields that are not about people: a text with a limit the model itself enforces."""

from typing import Any

from django.core.validators import MaxLengthValidator
from django.db import models


class LimitedTextField(models.TextField):
    """A TextField with a length limit: `full_clean` refuses longer text, forms get `maxlength` (and the
    counter near the limit), and exports know the longest text they must carry.

    The limit is chosen per field (a talking point is shorter than a review's summary) and written
    next to it, so no text field of ours is unbounded (`tests/core/test_text_limits.py`)."""

    def __init__(self, *args: Any, max_length: int, **kwargs: Any) -> None:
        kwargs["max_length"] = max_length
        super().__init__(*args, **kwargs)

    @property
    def validators(self) -> list:
        return [*super().validators, MaxLengthValidator(self.max_length)]
