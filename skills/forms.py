from functools import partial

from django import forms
from django.utils.translation import gettext_lazy as _

from core import dates
from core.widgets import IsoDateInput
from people.forms import PlausibleDateField, SavedDatesStay
from people.models import ChannelCode

from .models import CareerWish
from .selectors import categories

LEVEL_ERROR = _("A level must be between 1 and 5.")


def level_field(label, required=False):
    return forms.TypedChoiceField(
        label=label,
        widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
        choices=[("", "–")] + [(n, str(n)) for n in range(1, 6)],
        coerce=int,
        empty_value=None,
        required=required,
        error_messages={"invalid_choice": LEVEL_ERROR},
    )


class RatingsForm(forms.Form):
    """A level per skill (and for leads a target per skill), in one submission."""

    note = forms.CharField(label=_("Note (optional)"), max_length=500, required=False)

    def __init__(
        self,
        *args,
        skills,
        with_targets,
        initial_levels,
        initial_targets,
        with_levels=True,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.skills = list(skills)
        self.with_targets = with_targets
        self.with_levels = (
            with_levels  # off for a lead while the works agreement switches lead ratings off
        )
        for skill in self.skills:
            if with_levels:
                self.fields[f"level_{skill.pk}"] = level_field(_("Level"))
                self.initial[f"level_{skill.pk}"] = initial_levels.get(skill.pk)
            if with_targets:
                self.fields[f"target_{skill.pk}"] = level_field(_("Target"))
                self.initial[f"target_{skill.pk}"] = initial_targets.get(skill.pk)

    def rows(self):
        for skill in self.skills:
            target = self[f"target_{skill.pk}"] if self.with_targets else None
            yield skill, self[f"level_{skill.pk}"] if self.with_levels else None, target

    def levels(self):
        if not self.with_levels:
            return {}
        return {s: self.cleaned_data.get(f"level_{s.pk}") for s in self.skills}

    def targets(self):
        return {s: self.cleaned_data.get(f"target_{s.pk}") for s in self.skills}


class CareerWishForm(SavedDatesStay, forms.ModelForm):
    class Meta:
        model = CareerWish
        fields = ["kind", "details", "by_when", "skills"]
        field_classes = {"by_when": partial(PlausibleDateField, span=dates.WISH)}
        widgets = {
            "by_when": IsoDateInput(),
            "details": forms.Textarea(attrs={"rows": 3}),
            "skills": forms.CheckboxSelectMultiple,
        }


class MatrixFilterForm(forms.Form):
    TEAM_SKILLS, ALL_SKILLS = "team", "all"

    category = forms.ModelChoiceField(
        queryset=None, required=False, label=_("Skill category"), empty_label=_("All categories")
    )
    channel = forms.ChoiceField(required=False, label=_("Agents serving"))
    skills = forms.ChoiceField(
        required=False,
        label=_("Skills shown"),
        choices=[(TEAM_SKILLS, _("For the team's channel")), (ALL_SKILLS, _("All skills"))],
    )

    def __init__(self, *args, for_team=False, teams=None, **kwargs):
        """`teams`: on the site's matrix, the teams the viewer may narrow it to (a team filter)."""
        super().__init__(*args, **kwargs)
        if teams is not None:
            self.fields["team"] = forms.ModelChoiceField(
                queryset=teams, required=False, label=_("Team"), empty_label=_("All teams")
            )
        self.fields["category"].queryset = categories()
        self.fields["channel"].choices = [("", _("All channels"))] + list(ChannelCode.choices)
        if not for_team:
            del self.fields["skills"]
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-select"

    def all_skills(self) -> bool:
        return "skills" not in self.fields or (
            self.is_valid() and self.cleaned_data["skills"] == self.ALL_SKILLS
        )
