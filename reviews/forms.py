from django import forms
from django.forms import formset_factory
from django.utils.translation import gettext_lazy as _

from core import dates
from core.widgets import IsoDateInput
from people.forms import PlausibleDateField, SavedDatesStay
from skills.models import Skill


class ReviewForm(SavedDatesStay, forms.Form):
    held_on = PlausibleDateField(
        label=_("Meeting date"), required=False, widget=IsoDateInput(), span=dates.MEETING
    )
    summary = forms.CharField(
        label=_("Summary"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=6000,
    )
    strengths = forms.CharField(
        label=_("Strengths"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=4000,
    )

    def __init__(self, *args, meeting_window=None, **kwargs):
        super().__init__(*args, **kwargs)
        if meeting_window:
            first, last = meeting_window
            self.fields["held_on"].widget.attrs.update(min=first.isoformat(), max=last.isoformat())


class AreaForm(forms.Form):
    text = forms.CharField(label=_("Area to improve"), max_length=500, required=False)
    skill = forms.ModelChoiceField(
        label=_("Skill (optional)"), required=False, queryset=Skill.objects.filter(is_active=True)
    )

    def __init__(self, *args, skill_choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        if skill_choices is not None:
            self.fields["skill"].choices = skill_choices


class BaseAreaFormSet(forms.BaseFormSet):
    """Reads the skill list once for all its forms, however many areas the review has."""

    def get_form_kwargs(self, index):
        if not hasattr(self, "_skill_choices"):
            field = AreaForm.base_fields["skill"]
            self._skill_choices = [("", field.empty_label)] + [
                (s.pk, str(s)) for s in field.queryset.all()
            ]
        return {**super().get_form_kwargs(index), "skill_choices": self._skill_choices}


AreaFormSet = formset_factory(AreaForm, formset=BaseAreaFormSet, extra=2, max_num=10)


class ShareForm(forms.Form):
    confirmed = forms.BooleanField(
        label=_("I have talked about these areas with the agent before, or I share them knowingly"),
        required=False,
    )


class SelfAssessmentForm(forms.Form):
    self_assessment = forms.CharField(
        label=_("Your self-assessment"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=8000,
        help_text=_(
            "How did the quarter go for you? What went well, what would you like to work on?"
        ),
    )


class AcknowledgeForm(forms.Form):
    comment = forms.CharField(
        label=_("Your comment (optional)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=4000,
    )
