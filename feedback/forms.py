from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core import dates
from core.widgets import IsoDateTimeInput
from people import access
from people.forms import PlausibleDateTimeField, SavedDatesStay
from skills.models import Skill

from .models import CoachingNote
from .selectors import leads_open_for_upward_feedback

LOCAL_DATETIME = IsoDateTimeInput()
SCORES = [(n, str(n)) for n in range(1, 6)]


class NoteContentForm(forms.Form):
    """What a note says: for a new note, an edit and a correction alike."""

    kind = forms.ChoiceField(
        label=_("Praise or improvement"),
        choices=CoachingNote.Kind.choices,
        widget=forms.RadioSelect,
    )
    situation = forms.CharField(
        label=_("What happened"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The behaviour you observed: tone, body language, words."),
        max_length=4000,
    )
    effect = forms.CharField(
        label=_("Its effect"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=2000,
    )
    next_step = forms.CharField(
        label=_("What to keep or change"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=2000,
    )
    skills = forms.ModelMultipleChoiceField(
        label=_("Skills (optional)"),
        required=False,
        queryset=Skill.objects.filter(is_active=True).select_related("category"),
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )


class NoteForm(SavedDatesStay, NoteContentForm):
    field_order = [
        "agent",
        "observed_at",
        "channel",
        "kind",
        "situation",
        "effect",
        "next_step",
        "skills",
    ]

    agent = forms.ModelChoiceField(label=_("Agent"), queryset=None)
    observed_at = PlausibleDateTimeField(
        label=_("Observed at"), widget=LOCAL_DATETIME, span=dates.HAPPENED
    )
    channel = forms.ChoiceField(
        label=_("Channel"), choices=CoachingNote._meta.get_field("channel").choices
    )

    def __init__(self, *args, lead, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agent"].queryset = access.agents_coached_by(lead).order_by(
            "last_name", "first_name"
        )
        self.initial.setdefault(
            "observed_at", timezone.localtime().replace(second=0, microsecond=0)
        )

    def clean_observed_at(self):
        observed_at = self.cleaned_data["observed_at"]
        if observed_at > timezone.now():
            raise forms.ValidationError(_("An observation cannot be in the future."))
        return observed_at


class DeliverForm(forms.Form):
    method = forms.ChoiceField(
        label=_("How was the feedback given?"),
        choices=CoachingNote.Method.choices,
        widget=forms.RadioSelect,
    )
    delivered_at = PlausibleDateTimeField(label=_("When"), widget=LOCAL_DATETIME, span=dates.GIVEN)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault(
            "delivered_at", timezone.localtime().replace(second=0, microsecond=0)
        )


class AcknowledgeForm(forms.Form):
    comment = forms.CharField(
        label=_("Your comment (optional)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=2000,
    )


class _ReadOnceChoiceIterator(forms.models.ModelChoiceIterator):
    """The choices from the queryset as read once, not one new query each time the choices are asked for."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.queryset:
            yield self.choice(obj)


class _ReadOnceChoiceField(forms.ModelChoiceField):
    iterator = _ReadOnceChoiceIterator


class UpwardFeedbackForm(forms.Form):
    lead = _ReadOnceChoiceField(label=_("Team lead"), queryset=None)
    clarity = forms.TypedChoiceField(
        label=_("My lead's feedback is clear and specific"),
        choices=SCORES,
        coerce=int,
        widget=forms.RadioSelect,
        help_text=_("1 = not at all, 5 = fully"),
    )
    support = forms.TypedChoiceField(
        label=_("My lead supports my development"),
        choices=SCORES,
        coerce=int,
        widget=forms.RadioSelect,
    )
    fairness = forms.TypedChoiceField(
        label=_("My lead treats everyone fairly"),
        choices=SCORES,
        coerce=int,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("What should your lead keep or change?"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
    )
    anonymous = forms.BooleanField(
        label=_("Give this feedback anonymously"),
        required=False,
        help_text=_(
            "Your name is not stored with your answer. Your lead sees anonymous answers only after the "
            "quarter has ended, as averages, once at least three colleagues answered anonymously; "
            "your comment is then shown without your name, in random order."
        ),
    )

    def __init__(self, *args, agent, **kwargs):

        super().__init__(*args, **kwargs)
        self.fields["lead"].queryset = leads_open_for_upward_feedback(agent)
        leads = list(self.fields["lead"].queryset)  # read once: the page asks for them three times
        if len(leads) == 1:
            self.initial.setdefault("lead", leads[0])

    @property
    def open_leads(self) -> list:
        """The leads the agent may still answer on this quarter."""
        return list(self.fields["lead"].queryset)
