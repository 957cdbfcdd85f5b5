from django import forms
from django.utils.translation import gettext_lazy as _

from core import dates
from core.widgets import IsoDateInput
from people import access
from people.forms import PlausibleDateField
from people.models import User
from skills.forms import level_field

from .models import OnboardingProgram


class EnrollForm(forms.Form):
    agent = forms.ModelChoiceField(label=_("Agent"), queryset=None)

    def __init__(self, *args, lead, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agent"].queryset = access.agents_coached_by(lead).order_by(
            "last_name", "first_name"
        )


class ConfirmRatingsForm(forms.Form):
    def __init__(self, *args, proposals, **kwargs):
        super().__init__(*args, **kwargs)
        self.proposals = proposals
        for skill, _current, proposed in proposals:
            self.fields[f"skill_{skill.pk}"] = level_field(skill.name)
            self.initial[f"skill_{skill.pk}"] = proposed

    def levels(self):
        return {
            skill: self.cleaned_data.get(f"skill_{skill.pk}") for skill, _c, _p in self.proposals
        }


class NewHireForm(forms.Form):
    team = forms.ModelChoiceField(label=_("Team"), queryset=None)
    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    email = forms.EmailField(label=_("E-mail address"))
    hire_date = PlausibleDateField(
        label=_("First working day"), widget=IsoDateInput(), span=dates.FIRST_DAY
    )
    program = forms.ModelChoiceField(
        label=_("Onboarding program"), queryset=OnboardingProgram.objects.all(), required=False
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = access.teams_visible_to(user)
        self.initial.setdefault(
            "program", OnboardingProgram.objects.filter(is_default=True).first()
        )

    def clean_email(self):

        email = self.cleaned_data["email"].lower()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(_("Someone with this e-mail address exists already."))
        return email


class CheckInForm(forms.Form):
    held_on = PlausibleDateField(label=_("Date"), widget=IsoDateInput(), span=dates.CHECK_IN)
    note = forms.CharField(
        label=_("Short note"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )


class EndPairingForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("How helpful was the mentoring?"),
        coerce=int,
        required=False,
        choices=[("", "–")] + [(n, str(n)) for n in range(1, 6)],
        empty_value=None,
    )
    feedback = forms.CharField(
        label=_("Your feedback (optional)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=2000,
    )
