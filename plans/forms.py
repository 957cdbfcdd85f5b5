from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core import dates
from core.widgets import IsoDateInput
from people.forms import PlausibleDateField, SavedDatesStay
from skills.forms import level_field
from skills.models import Skill

from .models import Action, Goal


class GoalForm(SavedDatesStay, forms.Form):
    title = forms.CharField(label=_("Goal"), max_length=200)
    skill = forms.ModelChoiceField(
        label=_("Skill (optional)"),
        queryset=Skill.objects.filter(is_active=True).select_related("category"),
        required=False,
    )
    target_level = level_field(_("Target level (optional)"))
    success_measure = forms.CharField(
        label=_("How success is measured"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=1000,
    )
    due_on = PlausibleDateField(
        label=_("Due date"), required=False, widget=IsoDateInput(), span=dates.DUE
    )


class ActionForm(SavedDatesStay, forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Action.Kind.choices)
    title = forms.CharField(label=pgettext_lazy("development plan", "Action"), max_length=200)
    goal = forms.ModelChoiceField(
        label=_("For goal (optional)"), queryset=Goal.objects.none(), required=False
    )
    due_on = PlausibleDateField(
        label=_("Due date"), required=False, widget=IsoDateInput(), span=dates.DUE
    )

    def __init__(self, *args, plan=None, **kwargs):
        super().__init__(*args, **kwargs)
        if plan is not None:
            self.fields["goal"].queryset = plan.goals.all()


class ProgressNoteForm(forms.Form):
    text = forms.CharField(
        label=_("Progress"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )


class GoalStatusForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), choices=[c for c in Goal.Status.choices if c[0] != Goal.Status.PROPOSED]
    )
