import re

from django import forms
from django.utils.translation import gettext_lazy as _

from people import access
from people.models import ChannelCode

from . import presets, reading


class UploadForm(forms.Form):
    source = forms.CharField(
        label=_("Source system"),
        max_length=80,
        initial=_("ACD export"),  # the default source name, in the page's language
        help_text=_("The column mapping is saved per source for the next file."),
    )
    file = forms.FileField(label=_("File (CSV or XLSX)"))

    def clean_file(self):
        """Refuse by size before reading anything; then read only the beginning for the sample."""
        upload = self.cleaned_data["file"]
        size = reading.limit("MAX_BYTES")
        if upload.size > size:
            raise forms.ValidationError(
                _("The file is larger than %(size)s MB. Please split it.")
                % {"size": size // (1024 * 1024)}
            )
        if upload.size == 0:
            raise forms.ValidationError(_("The file is empty."))
        try:
            upload.seek(0)
            self.sample = reading.read_sample(upload.name, upload)
        except reading.FileProblem as problem:
            raise forms.ValidationError(str(problem)) from None
        return upload


class MappingForm(forms.Form):
    """The export format, one channel for the whole file if needed, and a column per portal field."""

    preset = forms.ChoiceField(label=_("Export format"), required=False)
    file_channel = forms.ChoiceField(
        label=_("Channel for the whole file"),
        required=False,
        choices=[("", _("from the file"))] + list(ChannelCode.choices),
        help_text=_("Only needed when the file has no channel column."),
    )

    def __init__(self, *args, headers, preset: presets.Preset, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["preset"].choices = [(p.name, p.label) for p in presets.PRESETS.values()]
        found = preset.mapping_for(headers)
        composite = sorted({column for column in found.values() if " + " in column})
        choices = [("", "–")] + [(h, h) for h in headers] + [(c, c) for c in composite]
        for name in presets.FIELDS:
            self.fields[name] = forms.ChoiceField(
                label=presets.LABELS[name], choices=choices, required=False
            )

    @classmethod
    def for_import(cls, kpi_import, data):
        """Bound to a POST, except when HR switched the export format: then that format's columns, unbound."""
        headers = kpi_import.sample.get("headers", [])
        switching = data is not None and "preset_changed" in data
        preset = presets.get(data.get("preset") if switching else kpi_import.preset)
        mapping = (
            preset.mapping_for(headers) if switching else kpi_import.result.get("mapping") or {}
        )
        form = cls(
            None if switching else data,
            headers=headers,
            preset=preset,
            initial={**mapping, "preset": preset.name, "file_channel": kpi_import.channel},
        )
        form.fallback = (preset, mapping, kpi_import.channel)
        form.action_requested = next((a for a in ("check", "import") if data and a in data), None)
        return form

    def choice(self) -> tuple:
        """(preset, mapping, channel for the whole file) as chosen, or as stored when nothing was submitted."""
        if not (self.is_bound and self.is_valid()):
            return self.fallback
        preset = presets.get(self.cleaned_data["preset"] or self.fallback[0].name)
        return preset, self.mapping(), self.cleaned_data.get("file_channel", "")

    def action(self, preview: dict) -> str | None:
        """ "check" or "import" when asked for and possible: import only while the preview shows no problem."""
        if (
            not self.action_requested
            or not (self.is_bound and self.is_valid())
            or preview["problems"]
        ):
            return None
        if self.action_requested == "import" and preview["errors"]:
            return None
        return self.action_requested

    def mapping(self) -> dict:
        return {
            name: self.cleaned_data.get(name, "")
            for name in presets.FIELDS
            if self.cleaned_data.get(name)
        }


_EMAIL_IN_BRACKETS = re.compile(r"<([^<>@\s]+@[^<>\s]+)>\s*$")


class LinkForm(forms.Form):
    """One text field per unmatched identifier; the browser suggests agents as "Name <e-mail>"."""

    def __init__(self, *args, identifiers, **kwargs):
        super().__init__(*args, **kwargs)
        self.identifiers = list(identifiers)
        for index, identifier in enumerate(self.identifiers):
            self.fields[f"agent_{index}"] = forms.CharField(
                label=identifier,
                required=False,
                max_length=300,
                widget=forms.TextInput(
                    attrs={
                        "list": "kpi-agents",
                        "autocomplete": "off",
                        "placeholder": _("Type a name or e-mail"),
                    }
                ),
            )

    def clean(self):
        cleaned = super().clean()
        wanted = {}
        for index, identifier in enumerate(self.identifiers):
            text = (cleaned.get(f"agent_{index}") or "").strip()
            if text:
                wanted[identifier] = text
        emails = {}
        for identifier, text in wanted.items():
            match = _EMAIL_IN_BRACKETS.search(text)
            emails[identifier] = (match[1] if match else text).casefold()
        agents = dict(
            access.agents().filter(email__in=set(emails.values())).values_list("email", "pk")
        )
        self.links = {}
        for index, identifier in enumerate(self.identifiers):
            if identifier not in emails:
                continue
            agent = agents.get(emails[identifier])
            if agent is None:
                self.add_error(
                    f"agent_{index}",
                    _("No agent with this e-mail address. Choose one of the suggestions."),
                )
            else:
                self.links[identifier] = agent
        if not wanted:
            raise forms.ValidationError(_("Choose an agent for at least one identifier."))
        return cleaned
