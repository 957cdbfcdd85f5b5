from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core import dates
from core.widgets import IsoDateInput
from people.forms import PlausibleDateField

from .models import AccessEvent


class AuditFilterForm(forms.Form):
    person = forms.CharField(label=_("Whose records"), required=False, max_length=100)
    actor = forms.CharField(label=pgettext_lazy("audit", "By"), required=False, max_length=100)
    kind = forms.ChoiceField(
        label=pgettext_lazy("audit", "Action"),
        required=False,
        choices=[("", _("all"))] + AccessEvent.Kind.choices,
    )
    record = forms.ChoiceField(
        label=_("What"), required=False, choices=[("", _("all"))] + AccessEvent.Record.choices
    )
    date_from = PlausibleDateField(
        label=_("From"), required=False, widget=IsoDateInput(), span=dates.LOOKUP
    )
    date_to = PlausibleDateField(
        label=_("To"), required=False, widget=IsoDateInput(), span=dates.LOOKUP
    )

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            self.add_error("date_to", _("The end lies before the start."))
        return data
