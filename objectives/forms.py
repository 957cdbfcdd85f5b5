from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core import dates
from core.widgets import IsoDateInput
from people.forms import PlausibleDateField
from people.models import Team
from skills.models import Skill

from .models import Proposal, ServiceObjective, TeamObjective

TEXT = {"rows": 3}


class ObjectiveForm(forms.ModelForm):
    class Meta:
        model = ServiceObjective
        fields = [
            "period_kind",
            "year",
            "number",
            "title_en",
            "title_de",
            "text_en",
            "text_de",
            "why_en",
            "why_de",
            "measure",
            "direction",
            "baseline",
            "target",
            "manual_unit_en",
            "manual_unit_de",
            "boundaries_en",
            "boundaries_de",
            "leeway_en",
            "leeway_de",
        ]
        widgets = {
            name: forms.Textarea(attrs=TEXT)
            for name in (
                "text_en",
                "text_de",
                "why_en",
                "why_de",
                "boundaries_en",
                "boundaries_de",
                "leeway_en",
                "leeway_de",
            )
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].widget.attrs.update(min=2000, max=2199)
        self.fields["number"].widget.attrs.update(min=1, max=4)
        if not self.instance.pk:
            self.initial.setdefault("year", timezone.localdate().year)
        # The service says which measure is missing, in words; the browser would only say "required".
        self.fields["measure"].required = False


class TeamObjectiveForm(forms.ModelForm):
    team = forms.ModelChoiceField(label=_("Team"), queryset=Team.objects.all())

    class Meta:
        model = TeamObjective
        fields = ["team", "title", "how", "target", "skills"]
        widgets = {"how": forms.Textarea(attrs=TEXT), "skills": forms.CheckboxSelectMultiple}

    def __init__(self, *args, teams, **kwargs):
        super().__init__(*args, **kwargs)
        # Any team may be posted; the service refuses a team the lead does not lead, with a message.
        self.fields["team"].choices = [(t.pk, t.name) for t in teams]
        self.fields["skills"].queryset = Skill.objects.filter(is_active=True)
        if self.instance.pk:
            self.fields["team"].disabled = True


class ReportForm(forms.Form):
    value = forms.FloatField(label=_("Figure"), min_value=-1e9, max_value=1e9)
    on = PlausibleDateField(label=_("As of"), widget=IsoDateInput(), span=dates.REPORTED)


class ProposalForm(forms.Form):
    text = forms.CharField(
        label=_("Your proposal"),
        help_text=_("For example: “Customers often ask about …; we could …”"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )


class AnswerForm(forms.Form):
    answer = forms.ChoiceField(
        label=_("Answer"),
        choices=[
            (Proposal.Answer.TAKEN_UP, Proposal.Answer.TAKEN_UP.label),
            (Proposal.Answer.NOT_NOW, Proposal.Answer.NOT_NOW.label),
        ],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Why"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )


class GoalLinkForm(forms.Form):
    team_objective = forms.ModelChoiceField(
        label=_("Serves the team objective"),
        queryset=TeamObjective.objects.all(),
        required=False,
        empty_label=_("— none —"),
    )

    def __init__(self, *args, team_objectives, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team_objective"].choices = [("", _("— none —"))] + [
            (t.pk, t.title) for t in team_objectives
        ]
