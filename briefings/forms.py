from functools import partial

from django import forms
from django.contrib.auth import get_user_model
from django.forms import formset_factory
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core import dates
from core.widgets import IsoDateInput
from people.forms import PlausibleDateField, SavedDatesStay
from people.models import Team

from .models import Briefing


class BriefingForm(SavedDatesStay, forms.ModelForm):
    teams = forms.ModelMultipleChoiceField(
        label=_("For these teams"),
        queryset=Team.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    attachment = forms.FileField(
        label=_("Attachment (optional)"),
        required=False,
        help_text=_("PDF, images, Word, PowerPoint, Excel or text; at most 10 MB."),
    )

    class Meta:
        model = Briefing
        fields = [
            "title_en",
            "title_de",
            "context_en",
            "context_de",
            "changes_en",
            "changes_de",
            "applies_from",
            "teams",
        ]
        field_classes = {"applies_from": partial(PlausibleDateField, span=dates.APPLIES)}
        widgets = {
            "applies_from": IsoDateInput(),
            "context_en": forms.Textarea(attrs={"rows": 3}),
            "context_de": forms.Textarea(attrs={"rows": 3}),
            "changes_en": forms.Textarea(attrs={"rows": 3}),
            "changes_de": forms.Textarea(attrs={"rows": 3}),
        }


class PointForm(forms.Form):
    text_en = forms.CharField(
        label=_("Talking point (English)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=1000,
    )
    text_de = forms.CharField(
        label=_("Talking point (German)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=1000,
    )


PointFormSet = formset_factory(PointForm, extra=3, max_num=20)


class MeetingForm(forms.Form):
    held_on = PlausibleDateField(label=_("Date"), widget=IsoDateInput(), span=dates.HAPPENED)
    attendees = forms.ModelMultipleChoiceField(
        label=_("Who was there"), queryset=None, widget=forms.CheckboxSelectMultiple
    )
    briefings = forms.ModelMultipleChoiceField(
        label=_("Briefings covered"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    notes = forms.CharField(
        label=_("Notes"), widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=4000
    )

    def __init__(self, *args, agents, briefings, **kwargs):

        super().__init__(*args, **kwargs)
        self.fields["held_on"].widget.attrs["max"] = timezone.localdate().isoformat()
        # Any user may be posted; the service refuses people outside the team with a clear message.
        self.fields["attendees"].queryset = get_user_model().objects.all()
        self.fields["attendees"].choices = [(a.pk, str(a)) for a in agents]
        self.fields["briefings"].queryset = Briefing.objects.all()
        self.fields["briefings"].choices = [(b.pk, b.title) for b in briefings]


class QuestionForm(forms.Form):
    text = forms.CharField(
        label=_("Your question to your lead"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
    )


class AnswerForm(forms.Form):
    text = forms.CharField(
        label=_("Answer"), widget=forms.Textarea(attrs={"rows": 2}), max_length=4000
    )
