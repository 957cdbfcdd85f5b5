"""Forms of the qa pages: they check the shape of what is typed; the services check the rules."""

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.widgets import IsoDateInput, IsoDateTimeInput
from people import access
from people.forms import PlausibleDateField, PlausibleDateTimeField
from people.models import ChannelCode

from .models import Dispute, Question
from .scoring import NOT_APPLICABLE
from .selectors.scorecards import current_versions
from .services import AnswerInput

NA_LABEL = pgettext_lazy("answer", "N/A")
RADIO = forms.RadioSelect(attrs={"class": "form-check-input"})


class VersionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.scorecard.name


class AgentChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.email


class AgentMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.email


class StartForm(forms.Form):
    agent = AgentChoiceField(label=_("Agent"), queryset=None)
    version = VersionChoiceField(label=_("Scorecard"), queryset=None)
    channel = forms.ChoiceField(label=_("Channel"), choices=ChannelCode.choices)
    reference = forms.CharField(
        label=_("Interaction reference"),
        max_length=100,
        help_text=_("The id of the call or ticket in the ACD or ticket system."),
    )
    interaction_at = PlausibleDateTimeField(
        label=_("Date and time of the interaction"), widget=IsoDateTimeInput()
    )
    link = forms.URLField(
        label=_("Link to the recording or ticket"),
        max_length=500,
        required=False,
        assume_scheme="https",
    )
    duration_minutes = forms.IntegerField(
        label=_("Duration (minutes)"), min_value=0, max_value=24 * 60, required=False
    )

    def __init__(self, *args, evaluator, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agent"].queryset = access.agents_evaluable_by(evaluator).order_by(
            "first_name", "last_name", "pk"
        )
        self.fields["version"].queryset = current_versions()

    def service_arguments(self) -> dict:
        data = dict(self.cleaned_data)
        minutes = data.pop("duration_minutes")
        data["duration_seconds"] = minutes * 60 if minutes is not None else None
        return data


def answer_choices(question: Question) -> list[tuple[str, str]]:
    """The answers a question allows, as the radio buttons show them."""
    if question.kind == Question.KindChoice.YES_NO:
        choices = [("1", str(_("Yes"))), ("0", str(_("No")))]
    else:
        choices = [(str(v), str(v)) for v in question.answer_values()]
    if question.allows_na:
        choices.append((NOT_APPLICABLE, str(NA_LABEL)))
    return choices


def answer_label(question: Question, value, na: bool = False) -> str:
    """An answer in words: "Yes", "3 of 4 points", "4 of 5", "N/A"."""
    if na or value == NOT_APPLICABLE:
        return str(NA_LABEL)
    if value is None:
        return "–"
    if question.kind == Question.KindChoice.YES_NO:
        return str(_("Yes")) if int(value) else str(_("No"))
    if question.kind == Question.KindChoice.POINTS:
        return str(_("%(value)s of %(top)s points") % {"value": value, "top": question.top})
    return str(_("%(value)s of %(top)s") % {"value": value, "top": question.top})


def as_value(text: str):
    return NOT_APPLICABLE if text == NOT_APPLICABLE else int(text)


class AnswersForm(forms.Form):
    """Per question an answer, a comment and whether it is to coach; the summary of the evaluation."""

    summary = forms.CharField(
        label=_("Summary"),
        widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"}),
        max_length=4000,
        required=False,
    )

    def __init__(self, *args, questions, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        for question in questions:
            self.fields[f"q{question.pk}"] = forms.ChoiceField(
                label=question.text,
                choices=answer_choices(question),
                widget=RADIO,
                required=False,
            )
            self.fields[f"c{question.pk}"] = forms.CharField(
                label=_("Comment"),
                widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"}),
                max_length=2000,
                required=False,
            )
            self.fields[f"i{question.pk}"] = forms.BooleanField(
                label=_("To coach"),
                required=False,
                widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
            )

    def rows(self):
        """(question, answer field, comment field, to-coach field) for the template."""
        return [(q, self[f"q{q.pk}"], self[f"c{q.pk}"], self[f"i{q.pk}"]) for q in self.questions]

    def answers(self) -> dict:
        data = self.cleaned_data
        return {
            q.pk: AnswerInput(
                as_value(data[f"q{q.pk}"]) if data[f"q{q.pk}"] else None,
                comment=data[f"c{q.pk}"],
                improvement=data[f"i{q.pk}"],
            )
            for q in self.questions
        }

    @staticmethod
    def initial_from(evaluation) -> dict:
        initial = {"summary": evaluation.summary}
        for answer in evaluation.answers.all():
            value = answer.scoring_value
            initial[f"q{answer.question_id}"] = "" if value is None else str(value)
            initial[f"c{answer.question_id}"] = answer.comment
            initial[f"i{answer.question_id}"] = answer.improvement
        return initial


class AcknowledgeForm(forms.Form):
    comment = forms.CharField(
        label=_("Your comment (optional)"),
        widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"}),
        max_length=4000,
        required=False,
    )


class DisputeForm(forms.Form):
    proposed = forms.ChoiceField(label=_("The answer you propose"), widget=RADIO)
    reason = forms.CharField(
        label=_("Why"),
        widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"}),
        max_length=2000,
    )

    def __init__(self, *args, question, current=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["proposed"].choices = [
            (value, answer_label(question, as_value(value)))
            for value, _label in answer_choices(question)
            if value != current
        ]


OUTCOMES = [
    (Dispute.State.ACCEPTED, _("Accept: the proposed answer")),
    (Dispute.State.PARTLY, _("Partly accept: another answer")),
    (Dispute.State.REJECTED, _("Reject: the answer stays")),
]


class DecideForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Decision"), choices=OUTCOMES, widget=RADIO)
    value = forms.ChoiceField(
        label=_("Answer when partly accepted"),
        required=False,
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"}),
        max_length=2000,
    )

    def __init__(self, *args, question, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["value"].choices = [("", "–")] + [
            (value, answer_label(question, as_value(value)) if question.kind == "yes_no" else value)
            for value, _label in answer_choices(question)
        ]

    def value_or_none(self):
        value = self.cleaned_data.get("value")
        return as_value(value) if value else None


class CalibrationAnswersForm(forms.Form):
    """All answers of one participant at once; comments optional."""

    def __init__(self, *args, questions, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        for question in questions:
            self.fields[f"q{question.pk}"] = forms.ChoiceField(
                label=question.text,
                choices=answer_choices(question),
                widget=RADIO,
            )
            self.fields[f"c{question.pk}"] = forms.CharField(
                label=_("Comment"),
                widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"}),
                max_length=2000,
                required=False,
            )

    def rows(self):
        return [(q, self[f"q{q.pk}"], self[f"c{q.pk}"], None) for q in self.questions]

    def answers(self) -> dict:
        return {q.pk: as_value(self.cleaned_data[f"q{q.pk}"]) for q in self.questions}

    def comments(self) -> dict:
        return {q.pk: self.cleaned_data[f"c{q.pk}"] for q in self.questions}


class BenchmarkForm(forms.Form):
    source = forms.ChoiceField(
        label=_("Benchmark"),
        choices=[("owner", _("My own answers"))],
        widget=RADIO,
        initial="owner",
    )


class CalibrationForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=120)
    version = VersionChoiceField(label=_("Scorecard"), queryset=None)
    channel = forms.ChoiceField(label=_("Channel"), choices=ChannelCode.choices)
    reference = forms.CharField(label=_("Interaction reference"), max_length=100)
    interaction_at = PlausibleDateTimeField(
        label=_("Date and time of the interaction"), widget=IsoDateTimeInput()
    )
    link = forms.URLField(
        label=_("Link to the recording or ticket"),
        max_length=500,
        required=False,
        assume_scheme="https",
    )
    evaluators = AgentMultipleChoiceField(
        label=_("Evaluators"), queryset=None, widget=forms.CheckboxSelectMultiple
    )
    blind = forms.BooleanField(
        label=_("Hide the agent's name from the participants"), required=False, initial=True
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].queryset = current_versions()
        self.fields["evaluators"].queryset = access.calibration_candidates().order_by(
            "first_name", "last_name", "pk"
        )


class DrawForm(forms.Form):
    week = PlausibleDateField(
        label=_("Week (any day of it)"), widget=IsoDateInput(), initial=timezone.localdate
    )
    minimum = forms.IntegerField(
        label=_("At least, per agent and month"),
        min_value=0,
        max_value=100,
        initial=settings.QA_MIN_PER_MONTH,
    )
    maximum = forms.IntegerField(
        label=_("At most, per agent and month"),
        min_value=0,
        max_value=100,
        initial=settings.QA_MAX_PER_MONTH,
    )
    capacity = forms.IntegerField(
        label=_("Evaluations you can do this week"), min_value=1, max_value=500, initial=10
    )
    blind = forms.BooleanField(
        label=_("Blind evaluation: hide whose interaction it is until shared"), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["maximum"].help_text = _("The works agreement's cap is %(cap)s.") % {
            "cap": settings.QA_MAX_PER_MONTH
        }
