from django import forms
from django.utils.translation import gettext_lazy as _

from .services import MAX_STATEMENT_LENGTH


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
