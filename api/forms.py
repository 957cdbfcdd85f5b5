from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core import events
from people import access
from people.models import Team

from .models import ApiToken, GroupMapping, Scope
from .webhooks import url_problem

LIFETIMES = [
    ("30", _("30 days")),
    ("90", _("90 days")),
    ("365", _("1 year")),
]


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        help_text=_("What the token is for, e.g. “Reporting script”."),
    )
    access = forms.ChoiceField(
        label=_("Access"), choices=ApiToken.Access.choices, initial=ApiToken.Access.READ
    )
    lifetime = forms.ChoiceField(label=_("Valid for"), choices=LIFETIMES, initial="90")

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError(_("Give the token a name."))
        return name

    def expires_at(self):
        return timezone.now() + timedelta(days=int(self.cleaned_data["lifetime"]))


class IntegrationTokenForm(TokenForm):
    lifetime = forms.ChoiceField(
        label=_("Valid for"),
        choices=[*LIFETIMES, ("", _("Until revoked"))],
        initial="365",
        required=False,
    )
    scopes = forms.MultipleChoiceField(
        label=_("Endpoints"), choices=Scope.choices, widget=forms.CheckboxSelectMultiple
    )
    teams = forms.ModelMultipleChoiceField(
        label=_("Teams"),
        queryset=Team.objects.all(),
        required=False,
        help_text=_("Only these teams' people; choose none for every team."),
    )

    def expires_at(self):
        days = self.cleaned_data.get("lifetime")
        return timezone.now() + timedelta(days=int(days)) if days else None


class GroupMappingForm(forms.ModelForm):
    class Meta:
        model = GroupMapping
        fields = ["group", "role", "team", "team_role"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        mappable = access.mappable_roles()
        self.fields["role"].choices = [
            choice
            for choice in self.fields["role"].choices
            if not choice[0] or choice[0] in mappable
        ]

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("role") and not cleaned.get("team"):
            raise forms.ValidationError(_("Choose a role, a team, or both."))
        return cleaned


EVENT_LABELS = [
    (events.REVIEW_SHARED, _("A review was shared with the agent")),
    (events.FEEDBACK_DELIVERED, _("Feedback was delivered")),
    (events.TRAINING_COMPLETED, _("A training was completed")),
    (events.EVALUATION_SHARED, _("A quality evaluation was shared with the agent")),
]


class WebhookSubscriptionForm(forms.Form):
    name = forms.CharField(
        label=_("Name"), max_length=100, help_text=_("Which system receives it, e.g. “HR suite”.")
    )
    url = forms.URLField(
        label=_("Address"),
        max_length=500,
        assume_scheme="https",
        help_text=_("The receiver's https:// address; the portal posts JSON to it."),
    )
    events = forms.MultipleChoiceField(
        label=_("Events"), choices=EVENT_LABELS, widget=forms.CheckboxSelectMultiple
    )

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError(_("Give the subscription a name."))
        return name

    def clean_url(self):
        url = self.cleaned_data["url"]
        if problem := url_problem(url):
            raise forms.ValidationError(problem)
        return url
