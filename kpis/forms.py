from django import forms
from django.utils.translation import gettext_lazy as _

from . import parsing


class UploadForm(forms.Form):
    source = forms.CharField(label=_("Source system"), max_length=80, initial="ACD export",
                             help_text=_("The column mapping is saved per source for the next file."))
    file = forms.FileField(label=_("File (CSV or XLSX)"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > parsing.MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 50 MB. Please split it."))
        if not upload.name.lower().endswith((".csv", ".txt", ".xlsx")):
            raise forms.ValidationError(_("Please upload a CSV or XLSX file."))
        if upload.size == 0:
            raise forms.ValidationError(_("The file is empty."))
        return upload


class MappingForm(forms.Form):
    LABELS = {
        "agent": _("Agent (e-mail)"), "period_start": _("Period start"), "channel": _("Channel"),
        "contacts": _("Contacts handled"), "aht_seconds": _("Average handling time (s)"),
        "fcr": _("First-contact resolution"), "csat": _("Customer satisfaction"),
        "csat_answers": _("Satisfaction answers"), "qa_score": _("QA score"),
    }

    def __init__(self, *args, headers, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", "–")] + [(h, h) for h in headers]
        for name in parsing.FIELDS:
            self.fields[name] = forms.ChoiceField(label=self.LABELS[name], choices=choices,
                                                  required=name in parsing.REQUIRED)

    def mapping(self):
        return {name: self.cleaned_data.get(name, "") for name in parsing.FIELDS}
