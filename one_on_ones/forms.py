from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.widgets import IsoDateInput, IsoDateTimeInput
from people.forms import PlausibleDateField, PlausibleDateTimeField

from .models import NOTE_LENGTH, POINT_LENGTH, Cadence, TalkingPoint


def _next_slot():
    """Tomorrow at 10:00, local time: a plausible first proposal."""
    tomorrow = timezone.localdate() + timezone.timedelta(days=1)
    return timezone.make_aware(timezone.datetime.combine(tomorrow, timezone.datetime.min.time()))


class SeriesForm(forms.Form):
    agent = forms.ModelChoiceField(label=_("Agent"), queryset=None)
    every_days = forms.TypedChoiceField(label=_("How often"), choices=Cadence.choices, coerce=int)
    first_at = PlausibleDateTimeField(label=_("First one-on-one"), widget=IsoDateTimeInput())
    duration_minutes = forms.IntegerField(
        label=_("Duration (minutes)"), min_value=15, max_value=180, initial=30
    )

    def __init__(self, *args, agents, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agent"].queryset = agents
        self.fields["every_days"].initial = settings.ONE_ON_ONE_DEFAULT_CADENCE_DAYS
        self.fields["first_at"].initial = (_next_slot() + timezone.timedelta(hours=10)).replace(
            tzinfo=None
        )


class WhenForm(forms.Form):
    scheduled_at = PlausibleDateTimeField(label=_("Date and time"), widget=IsoDateTimeInput())


class PointForm(forms.Form):
    text = forms.CharField(label=_("Talking point"), max_length=POINT_LENGTH, required=False)
    source = forms.ChoiceField(
        choices=TalkingPoint.Source.choices, required=False, widget=forms.HiddenInput
    )
    source_id = forms.IntegerField(
        min_value=1, max_value=2**63 - 1, required=False, widget=forms.HiddenInput
    )


class PointEditForm(forms.Form):
    text = forms.CharField(label=_("Talking point"), max_length=POINT_LENGTH)


class NoteForm(forms.Form):
    prefix = "note"  # the meeting page holds four forms: each its own field ids
    text = forms.CharField(
        label=_("Shared note"),
        max_length=NOTE_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class PrivateNoteForm(forms.Form):
    prefix = "private"
    text = forms.CharField(
        label=_("Private note (only you ever see it)"),
        max_length=NOTE_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ActionItemForm(forms.Form):
    prefix = "action"
    text = forms.CharField(label=_("Action item"), max_length=POINT_LENGTH)
    owner = forms.TypedChoiceField(
        label=pgettext_lazy("action item", "Owner"), coerce=int, choices=()
    )
    due_on = PlausibleDateField(label=_("Due date"), required=False, widget=IsoDateInput())

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        series = meeting.series
        self.fields["owner"].choices = [
            (series.agent_id, series.agent),
            (series.lead_id, series.lead),
        ]
