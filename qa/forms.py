"""Forms of the qa pages: they check the shape of what is typed; the services check the rules."""

from decimal import Decimal

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.widgets import IsoDateInput, IsoDateTimeInput
from people import access
from people.forms import PlausibleDateField, PlausibleDateTimeField
from people.models import ChannelCode

from .models import Dispute, Evaluation, Question
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


# The scorecard editor: a scorecard is edited as a whole (sections with their questions) and saved by
# qa.services.scorecard_create / scorecard_edit, which check the rules all at once. Rows are added by
# submitting the form with an "add" button (no script needed; nothing typed is lost); a row left empty
# is ignored and a row marked "remove" is dropped when saving.

MAX_SECTIONS = 12
MAX_QUESTIONS = 30
ADD_SECTION = "add_section"
ADD_QUESTION = "add_question"


def _count(data, key: str, default: int, most: int) -> int:
    try:
        return max(0, min(int(data.get(key, default)), most))
    except (TypeError, ValueError):
        return default


def parse_guidance(text: str) -> dict[str, str]:
    """Lines "answer: what it means" into {"answer": "what it means"}; ValueError names a bad line."""
    result = {}
    for line in (text or "").splitlines():
        if not line.strip():
            continue
        value, colon, meaning = line.partition(":")
        value = value.strip()
        if not colon or not value.lstrip("-").isdigit() or not meaning.strip():
            raise ValueError(line.strip())
        result[str(int(value))] = meaning.strip()
    return result


def guidance_text(guidance: dict, language: str) -> str:
    if not isinstance(guidance, dict):
        return ""
    lines = []
    for value in sorted(guidance, key=lambda v: int(v) if v.lstrip("-").isdigit() else 0):
        text = (guidance[value] or {}).get(language, "")
        if text:
            lines.append(f"{value}: {text}")
    return "\n".join(lines)


class ScorecardEditorForm(forms.Form):
    name_en = forms.CharField(label=_("Name (English)"), max_length=120)
    name_de = forms.CharField(label=_("Name (German)"), max_length=120)
    description_en = forms.CharField(
        label=_("Description (English)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    description_de = forms.CharField(
        label=_("Description (German)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    channels = forms.MultipleChoiceField(
        label=_("Channels it applies to"),
        choices=ChannelCode.choices,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, data=None, *, skills=(), layout=(1, [1]), lineages=(), **kwargs):
        """`layout` is (sections, [questions of each]) for a new form; a posted form reads its own
        counts (within MAX_SECTIONS and MAX_QUESTIONS). `lineages` are the questions of the
        version being edited that a row may continue."""
        super().__init__(data, **kwargs)
        self.lineages = {str(value) for value in lineages}
        source = data if data is not None else self.initial
        sections = _count(source, "sections", layout[0], MAX_SECTIONS)
        self.layout = []
        for s in range(sections):
            fallback = layout[1][s] if s < len(layout[1]) else 1
            self.layout.append(_count(source, f"s{s}-questions", fallback, MAX_QUESTIONS))
        skill_choices = [("", "–"), *((str(pk), name) for pk, name in skills)]
        for s, questions in enumerate(self.layout):
            self._section_fields(s)
            for q in range(questions):
                self._question_fields(f"s{s}-q{q}", skill_choices)

    def _section_fields(self, s: int) -> None:
        self.fields[f"s{s}-title_en"] = forms.CharField(
            label=_("Section title (English)"), max_length=120, required=False
        )
        self.fields[f"s{s}-title_de"] = forms.CharField(
            label=_("Section title (German)"), max_length=120, required=False
        )
        self.fields[f"s{s}-weight"] = forms.DecimalField(
            label=_("Weight"),
            max_digits=5,
            decimal_places=2,
            min_value=0,
            max_value=100,
            required=False,
            help_text=_("Regular sections add up to 100; a bonus section: the most it adds."),
        )
        self.fields[f"s{s}-is_bonus"] = forms.BooleanField(label=_("Bonus section"), required=False)
        self.fields[f"s{s}-remove"] = forms.BooleanField(
            label=_("Remove this section"), required=False
        )

    def _question_fields(self, p: str, skill_choices) -> None:
        self.fields[f"{p}-text_en"] = forms.CharField(
            label=_("Question (English)"), max_length=300, required=False
        )
        self.fields[f"{p}-text_de"] = forms.CharField(
            label=_("Question (German)"), max_length=300, required=False
        )
        self.fields[f"{p}-kind"] = forms.ChoiceField(
            label=_("Answered by"),
            choices=Question.KindChoice.choices,
            initial="yes_no",
            required=False,
        )
        self.fields[f"{p}-top"] = forms.IntegerField(
            label=_("Highest answer"), min_value=1, max_value=100, initial=1, required=False
        )
        self.fields[f"{p}-weight"] = forms.DecimalField(
            label=_("Weight"),
            max_digits=6,
            decimal_places=2,
            min_value=Decimal("0.01"),
            max_value=1000,
            initial=1,
            required=False,
        )
        self.fields[f"{p}-allows_na"] = forms.BooleanField(label=_("N/A allowed"), required=False)
        self.fields[f"{p}-critical"] = forms.ChoiceField(
            label=_("Critical"), choices=Question.CriticalChoice.choices, required=False
        )
        self.fields[f"{p}-skill"] = forms.ChoiceField(
            label=_("Skill"), choices=skill_choices, required=False
        )
        self.fields[f"{p}-guidance_en"] = forms.CharField(
            label=_("Guidance (English)"),
            max_length=3000,
            required=False,
            widget=forms.Textarea(attrs={"rows": 2}),
            help_text=_("One line per answer: the answer, a colon, what it means (“1: Warm”)."),
        )
        self.fields[f"{p}-guidance_de"] = forms.CharField(
            label=_("Guidance (German)"),
            max_length=3000,
            required=False,
            widget=forms.Textarea(attrs={"rows": 2}),
        )
        self.fields[f"{p}-lineage"] = forms.UUIDField(required=False, widget=forms.HiddenInput)
        self.fields[f"{p}-remove"] = forms.BooleanField(
            label=_("Remove this question"), required=False
        )

    @staticmethod
    def initial_from(scorecard, version, structure) -> tuple[dict, tuple[int, list[int]]]:
        """The form's initial values and layout for a scorecard's current content."""
        initial = {
            "name_en": scorecard.name_en,
            "name_de": scorecard.name_de,
            "description_en": scorecard.description_en,
            "description_de": scorecard.description_de,
            "channels": [c.code for c in version.channels.all()] if version else [],
        }
        for s, section in enumerate(structure):
            initial |= {
                f"s{s}-title_en": section.title_en,
                f"s{s}-title_de": section.title_de,
                f"s{s}-weight": section.weight,
                f"s{s}-is_bonus": section.is_bonus,
            }
            for q, question in enumerate(section.questions):
                p = f"s{s}-q{q}"
                initial |= {
                    f"{p}-text_en": question.text_en,
                    f"{p}-text_de": question.text_de,
                    f"{p}-kind": question.kind,
                    f"{p}-top": question.top,
                    f"{p}-weight": question.weight,
                    f"{p}-allows_na": question.allows_na,
                    f"{p}-critical": question.critical,
                    f"{p}-skill": str(question.skill_id or ""),
                    f"{p}-guidance_en": guidance_text(question.guidance, "en"),
                    f"{p}-guidance_de": guidance_text(question.guidance, "de"),
                    f"{p}-lineage": question.lineage,
                }
        layout = (len(structure) or 1, [len(s.questions) or 1 for s in structure] or [1])
        return initial, layout

    @classmethod
    def with_added_row(cls, data, action: str, **kwargs):
        """The posted form again, unbound, with one more section or one more question in a section."""
        initial = {key: data.getlist(key) if key == "channels" else data.get(key) for key in data}
        initial.pop("csrfmiddlewaretoken", None)
        sections = _count(data, "sections", 1, MAX_SECTIONS)
        if action == ADD_SECTION and sections < MAX_SECTIONS:
            initial["sections"] = sections + 1
            initial[f"s{sections}-questions"] = 1
        elif action.startswith(f"{ADD_QUESTION}:"):
            s = _count({"s": action.partition(":")[2]}, "s", -1, sections - 1)
            if 0 <= s < sections:
                current = _count(data, f"s{s}-questions", 1, MAX_QUESTIONS)
                initial[f"s{s}-questions"] = min(current + 1, MAX_QUESTIONS)
        return cls(None, initial=initial, **kwargs)

    def _empty_question(self, p: str) -> bool:
        data = self.cleaned_data
        return not (data.get(f"{p}-text_en") or data.get(f"{p}-text_de"))

    def clean(self):
        cleaned = super().clean()
        for s, questions in enumerate(self.layout):
            for q in range(questions):
                p = f"s{s}-q{q}"
                for language in ("en", "de"):
                    key = f"{p}-guidance_{language}"
                    try:
                        parse_guidance(cleaned.get(key, ""))
                    except ValueError as line:
                        self.add_error(
                            key,
                            _(
                                "Write one answer per line: the answer, a colon and what it means. "
                                "This line is not: “%(line)s”."
                            )
                            % {"line": str(line)[:80]},
                        )
        return cleaned

    def sections(self):
        """The sections and questions typed, as the services take them (empty and removed rows left out)."""
        from .services import QuestionInput, SectionInput

        data = self.cleaned_data
        result = []
        for s, questions in enumerate(self.layout):
            if data.get(f"s{s}-remove"):
                continue
            rows = []
            for q in range(questions):
                p = f"s{s}-q{q}"
                if data.get(f"{p}-remove") or self._empty_question(p):
                    continue
                guidance: dict = {}
                for language in ("en", "de"):
                    for value, text in parse_guidance(data.get(f"{p}-guidance_{language}")).items():
                        guidance.setdefault(value, {})[language] = text
                lineage = data.get(f"{p}-lineage")
                skill = data.get(f"{p}-skill")
                rows.append(
                    QuestionInput(
                        text_en=data.get(f"{p}-text_en", ""),
                        text_de=data.get(f"{p}-text_de", ""),
                        kind=data.get(f"{p}-kind") or "",
                        top=data.get(f"{p}-top") or 1,
                        weight=data.get(f"{p}-weight") or Decimal(0),
                        allows_na=data.get(f"{p}-allows_na", False),
                        critical=data.get(f"{p}-critical", ""),
                        skill_id=int(skill) if skill else None,
                        guidance=guidance,
                        lineage=lineage if lineage and str(lineage) in self.lineages else None,
                    )
                )
            title_en, title_de = data.get(f"s{s}-title_en", ""), data.get(f"s{s}-title_de", "")
            if not (rows or title_en or title_de):
                continue
            result.append(
                SectionInput(
                    title_en=title_en,
                    title_de=title_de,
                    weight=data.get(f"s{s}-weight") or Decimal(0),
                    is_bonus=data.get(f"s{s}-is_bonus", False),
                    questions=rows,
                )
            )
        return result

    def rows(self):
        """For the template: [(section fields, [question fields, ...]), ...] as bound fields."""
        out = []
        for s, questions in enumerate(self.layout):
            section = {
                name: self[f"s{s}-{name}"]
                for name in ("title_en", "title_de", "weight", "is_bonus", "remove")
            }
            items = [
                {
                    name: self[f"s{s}-q{q}-{name}"]
                    for name in (
                        "text_en",
                        "text_de",
                        "kind",
                        "top",
                        "weight",
                        "allows_na",
                        "critical",
                        "skill",
                        "guidance_en",
                        "guidance_de",
                        "lineage",
                        "remove",
                    )
                }
                for q in range(questions)
            ]
            out.append((s, section, items))
        return out


class ReplaceForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is this interaction replaced?"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Kept with the draw, for HR and the works council (e.g. “the call was a test”)."
        ),
    )


class FeedbackGivenForm(forms.Form):
    method = forms.ChoiceField(
        label=_("How was the feedback given?"),
        choices=Evaluation.FeedbackMethod.choices,
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    given_at = PlausibleDateTimeField(
        label=_("When"),
        widget=IsoDateTimeInput(attrs={"class": "form-control"}),
        required=False,
        help_text=_("Empty: now."),
    )
