from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from core import dates

from .periods import EARLIEST_YEAR, LATEST_YEAR


class EmailAuthenticationForm(AuthenticationForm):
    """Django's login form, asking for the e-mail address."""

    username = forms.EmailField(
        label=_("E-mail address"),
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )
    error_messages = {
        "invalid_login": _("The e-mail address or the password is not correct. Please try again."),
        "inactive": _("This account is inactive."),
    }


def add_service_errors(form, error) -> None:
    """Show a service's ValidationError on the form: field errors on their fields, the rest on top."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


# Dates people can mean (see people.periods): anything outside is a typo or an attack, and would
# overflow date arithmetic (year 1 minus a time-zone offset, year 9999 plus a feedback window).


def _plausible_year(value):
    if value is not None and not EARLIEST_YEAR <= value.year <= LATEST_YEAR:
        raise forms.ValidationError(
            _("Please enter a date between %(first)s and %(last)s."),
            code="implausible_date",
            params={"first": EARLIEST_YEAR, "last": LATEST_YEAR},
        )


class _Spanned:
    """A date field whose dates lie within a span around today (`core.dates`): a refusal names the date
    and the edge it crossed."""

    saved = None  # the value the record has now (`SavedDatesStay`): it stays acceptable

    def __init__(self, *args, span: dates.Span = dates.WIDE, **kwargs):
        self.span = span
        super().__init__(*args, **kwargs)

    def run_validators(self, value):
        super().run_validators(value)  # the years people can mean first (year 1 cannot be compared)
        if value is not None and not _same_day(value, self.saved):
            reason = dates.outside(value, *self.span.window())
            if reason:
                raise forms.ValidationError(reason, code="implausible_date")


def _same_day(value, saved) -> bool:
    return saved is not None and dates.day_of(value) == dates.day_of(saved)


class SavedDatesStay:
    """A form that edits a record: a date it already has stays acceptable, even once it lies outside
    the field's span (a goal due last year can still be renamed)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():  # type: ignore[attr-defined]
            if isinstance(field, _Spanned):
                field.saved = self.initial.get(name)  # type: ignore[attr-defined]


class PlausibleDateField(_Spanned, forms.DateField):
    default_validators = [_plausible_year]


class PlausibleDateTimeField(_Spanned, forms.DateTimeField):
    default_validators = [_plausible_year]

    def to_python(self, value):
        # Reject the year before making the value aware: year 1 in Europe/Berlin is before datetime.min in UTC.
        try:
            return super().to_python(value)
        except OverflowError as error:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from error


MAX_ID = 2**63 - 1


def id_or_none(value) -> int | None:
    """An id from a query string or a posted field: ASCII digits within the database's range, else None."""
    text = str(value or "").strip()
    if not (text.isascii() and text.isdigit()):
        return None
    number = int(text)
    return number if 0 < number <= MAX_ID else None
