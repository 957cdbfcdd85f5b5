from django import forms
from django.utils.translation import gettext_lazy as _

from core.widgets import IsoDateInput
from people.forms import PlausibleDateField

from .models import DataRequest
from .services import MAX_REFERENCE_LENGTH, MAX_STATEMENT_LENGTH


class StatementForm(forms.Form):
    text = forms.CharField(
        label=_("Your statement"),
        max_length=MAX_STATEMENT_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Your statement is kept with the record and shown wherever the record is shown, including "
            "exports for the personnel file. Nobody else can change or delete it. Your lead is notified."
        ),
    )


class PersonSearchForm(forms.Form):
    q = forms.CharField(label=_("Name or e-mail"), required=False, max_length=100)


class DataRequestForm(forms.Form):
    """HR records a person's request for a copy that reached them outside the portal."""

    received_on = PlausibleDateField(label=_("Request received on"), widget=IsoDateInput())
    channel = forms.ChoiceField(
        label=_("How it reached you"),
        choices=[c for c in DataRequest.Channel.choices if c[0] != DataRequest.Channel.PORTAL],
    )
    reference = forms.CharField(
        label=_("Reference"),
        required=False,
        max_length=MAX_REFERENCE_LENGTH,
        help_text=_("For example the letter's date or the ticket number."),
    )
