"""Quality evaluations of real customer contacts: scorecards and their versions, evaluations, disputes,
calibration sessions and the sampling that a works council can sign.

A scorecard is a name; what is scored lives in its versions. A version that an evaluation or a
calibration uses is never changed: editing it makes the next version (`qa.services.scorecard_edit`),
and a scorecard in use is retired, never deleted, so every old score stays true to what was asked.
"""

import uuid
from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from core.i18n import in_language
from people.models import Channel, ChannelCode
from skills.models import Skill

from . import scoring


class Scorecard(models.Model):
    name_en = models.CharField(_("name (English)"), max_length=120)
    name_de = models.CharField(_("name (German)"), max_length=120)
    description_en = models.TextField(_("description (English)"), blank=True, max_length=2000)
    description_de = models.TextField(_("description (German)"), blank=True, max_length=2000)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    retired_at = models.DateTimeField(_("retired at"), null=True, blank=True)

    class Meta:
        verbose_name = _("scorecard")
        verbose_name_plural = _("scorecards")
        ordering = ["name_en", "id"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("qa:scorecard", args=[self.pk])

    @property
    def name(self) -> str:
        return in_language(self, "name")

    @property
    def description(self) -> str:
        return in_language(self, "description")

    @property
    def is_retired(self) -> bool:
        return self.retired_at is not None


class ScorecardVersion(models.Model):
    """What a scorecard asked at one time: its sections, questions, weights and channels."""

    scorecard = models.ForeignKey(
        Scorecard, on_delete=models.CASCADE, related_name="versions", verbose_name=_("scorecard")
    )
    number = models.PositiveSmallIntegerField(_("version"))
    channels = models.ManyToManyField(
        Channel, related_name="+", verbose_name=_("channels it applies to")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("scorecard version")
        verbose_name_plural = _("scorecard versions")
        ordering = ["scorecard", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["scorecard", "number"], name="qa_one_number_per_version"
            ),
        ]

    def __str__(self):
        return f"{self.scorecard} · v{self.number}"


class Section(models.Model):
    version = models.ForeignKey(
        ScorecardVersion,
        on_delete=models.CASCADE,
        related_name="sections",
        verbose_name=_("scorecard version"),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    title_en = models.CharField(_("title (English)"), max_length=120)
    title_de = models.CharField(_("title (German)"), max_length=120)
    weight = models.DecimalField(
        _("weight"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(Decimal(100))],
        help_text=_(
            "Regular sections: their weights add up to 100. A bonus section: the most points it adds."
        ),
    )
    is_bonus = models.BooleanField(_("bonus section"), default=False)

    class Meta:
        verbose_name = _("scorecard section")
        verbose_name_plural = _("scorecard sections")
        ordering = ["version", "position", "id"]

    def __str__(self):
        return self.title

    @property
    def title(self) -> str:
        return in_language(self, "title")

    @property
    def spec(self) -> scoring.SectionSpec:
        return scoring.SectionSpec(self.pk, self.weight, self.is_bonus)


class Question(models.Model):
    class KindChoice(models.TextChoices):  # the values of scoring.Kind
        YES_NO = "yes_no", _("Yes / no")
        SCALE = "scale", _("Scale")
        POINTS = "points", _("Points")

    class CriticalChoice(models.TextChoices):  # the values of scoring.Critical
        NONE = "", _("Not critical")
        SECTION = "section", _("Fails its section")
        ALL = "all", _("Fails the whole evaluation")

    section = models.ForeignKey(
        Section, on_delete=models.CASCADE, related_name="questions", verbose_name=_("section")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    text_en = models.CharField(_("question (English)"), max_length=300)
    text_de = models.CharField(_("question (German)"), max_length=300)
    kind = models.CharField(_("answered by"), max_length=8, choices=KindChoice.choices)
    top = models.PositiveSmallIntegerField(
        _("highest answer"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_(
            "Yes / no: 1. A scale from 1 to this value (at least 2). Points from 0 to this."
        ),
    )
    weight = models.DecimalField(
        _("weight in its section"),
        max_digits=6,
        decimal_places=2,
        default=Decimal(1),
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(Decimal(1000))],
    )
    allows_na = models.BooleanField(_("N/A allowed"), default=False)
    critical = models.CharField(
        _("critical"), max_length=8, choices=CriticalChoice.choices, blank=True, default=""
    )
    skill = models.ForeignKey(
        Skill,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("skill"),
    )
    # Per possible answer, what it means: {"<answer>": {"en": "...", "de": "..."}}.
    guidance = models.JSONField(_("guidance per answer"), default=dict, blank=True)
    # The same question across versions: statistics over sessions follow it when its scorecard changes.
    lineage = models.UUIDField(_("lineage"), default=uuid.uuid4, editable=False, db_index=True)

    class Meta:
        verbose_name = _("scorecard question")
        verbose_name_plural = _("scorecard questions")
        ordering = ["section", "position", "id"]

    def __str__(self):
        return self.text

    @property
    def text(self) -> str:
        return in_language(self, "text")

    @property
    def spec(self) -> scoring.QuestionSpec:
        return scoring.QuestionSpec(
            self.pk,
            self.section_id,
            scoring.Kind(self.kind),
            self.weight,
            top=self.top,
            allows_na=self.allows_na,
            critical=scoring.Critical(self.critical),
        )

    def answer_values(self) -> list[int]:
        return list(range(self.spec.lowest, self.top + 1))

    def guidance_rows(self) -> list[tuple[str, str]]:
        """(answer, what it means) in the current language, for the evaluation form."""
        language = get_language() or "en"
        values = [str(v) for v in self.answer_values()]
        return [
            (value, text)
            for value in values
            if (text := self.guidance_for(value, "de" if language.startswith("de") else "en"))
        ]

    def guidance_for(self, value, language: str) -> str:
        entry = self.guidance.get(str(value), {}) if isinstance(self.guidance, dict) else {}
        other = "en" if language == "de" else "de"
        return entry.get(language) or entry.get(other) or ""


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SHARED = "shared", _("Shared")
    ACKNOWLEDGED = "acknowledged", _("Acknowledged")


SHARED_STATUSES = (Status.SHARED, Status.ACKNOWLEDGED)


class Evaluation(models.Model):
    """One customer interaction scored against a scorecard version; private to its evaluator until shared."""

    class FeedbackMethod(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        CALL = "call", _("Call")
        WRITTEN = "written", _("Written")

    agent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="qa_evaluations",
        verbose_name=_("agent"),
    )
    evaluator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="qa_evaluations_written",
        verbose_name=_("evaluator"),
    )
    version = models.ForeignKey(
        ScorecardVersion,
        on_delete=models.PROTECT,
        related_name="evaluations",
        verbose_name=_("scorecard version"),
    )
    reference = models.CharField(
        _("interaction reference"),
        max_length=100,
        help_text=_("The id of the call or ticket in the ACD or ticket system."),
    )
    channel = models.CharField(_("channel"), max_length=10, choices=ChannelCode.choices)
    interaction_at = models.DateTimeField(_("interaction date and time"))
    interaction_week = models.DateField(_("week of the interaction"), editable=False)
    link = models.URLField(_("link to the recording or ticket"), max_length=500, blank=True)
    duration_seconds = models.PositiveIntegerField(
        _("duration (seconds)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(24 * 60 * 60)],
    )
    blind = models.BooleanField(
        _("blind evaluation"),
        default=False,
        help_text=_("The evaluator does not see whose interaction it is until it is shared."),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    score = models.DecimalField(
        _("score (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    failed_all = models.BooleanField(_("failed by a critical question"), default=False)
    summary = models.TextField(_("summary"), blank=True, max_length=4000)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    shared_at = models.DateTimeField(_("shared at"), null=True, blank=True)
    acknowledged_at = models.DateTimeField(_("acknowledged at"), null=True, blank=True)
    agent_comment = models.TextField(_("agent's comment"), blank=True, max_length=4000)
    feedback_due_at = models.DateTimeField(_("feedback due"), null=True, blank=True)
    feedback_given_at = models.DateTimeField(_("feedback given at"), null=True, blank=True)
    feedback_method = models.CharField(
        _("how"), max_length=10, choices=FeedbackMethod.choices, blank=True
    )

    class Meta:
        verbose_name = _("quality evaluation")
        verbose_name_plural = _("quality evaluations")
        ordering = ["-interaction_at", "-id"]
        indexes = [
            models.Index(fields=["agent", "status", "interaction_at"]),
            models.Index(fields=["evaluator", "status"]),
            models.Index(fields=["interaction_week", "agent"]),
            models.Index(fields=["feedback_given_at", "feedback_due_at"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["agent", "channel", "reference"], name="qa_one_evaluation_per_interaction"
            ),
            models.CheckConstraint(
                condition=Q(score__isnull=True) | Q(score__gte=0), name="qa_score_not_negative"
            ),
        ]

    def __str__(self):
        return f"{self.reference} · {timezone.localtime(self.interaction_at):%Y-%m-%d %H:%M}"

    def get_absolute_url(self):
        return reverse("qa:evaluation", args=[self.pk])

    @property
    def is_shared(self) -> bool:
        return self.status in SHARED_STATUSES

    @property
    def dispute_days(self) -> int:
        return settings.QA_DISPUTE_DAYS

    @property
    def dispute_deadline(self):
        if self.shared_at is None:
            return None
        return self.shared_at + timedelta(days=settings.QA_DISPUTE_DAYS)


class Answer(models.Model):
    evaluation = models.ForeignKey(
        Evaluation, on_delete=models.CASCADE, related_name="answers", verbose_name=_("evaluation")
    )
    question = models.ForeignKey(
        Question, on_delete=models.PROTECT, related_name="answers", verbose_name=_("question")
    )
    value = models.SmallIntegerField(_("answer"), null=True, blank=True)
    not_applicable = models.BooleanField(_("N/A"), default=False)
    # The share of the question's points the answer earns (0 to 1), kept for SQL: low answers are
    # evidence on the skill profile. None for N/A.
    share = models.DecimalField(
        _("share of the points"), max_digits=5, decimal_places=4, null=True, blank=True
    )
    comment = models.TextField(_("comment"), blank=True, max_length=2000)
    improvement = models.BooleanField(
        _("to coach"),
        default=False,
        help_text=_("An improvement item: the feedback on it is due within the feedback window."),
    )

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        ordering = ["evaluation", "question__section__position", "question__position"]
        constraints = [
            models.UniqueConstraint(
                fields=["evaluation", "question"], name="qa_one_answer_per_question"
            ),
            models.CheckConstraint(
                condition=Q(not_applicable=False) | Q(value__isnull=True),
                name="qa_na_has_no_value",
            ),
        ]
        indexes = [models.Index(fields=["question", "share"])]

    def __str__(self):
        return f"{self.evaluation} · {self.question_id}"

    @property
    def scoring_value(self):
        return scoring.NOT_APPLICABLE if self.not_applicable else self.value


class ScoreVersion(models.Model):
    """Every score an evaluation had: when it was shared, and after each dispute decision."""

    evaluation = models.ForeignKey(
        Evaluation,
        on_delete=models.CASCADE,
        related_name="score_history",
        verbose_name=_("evaluation"),
    )
    number = models.PositiveSmallIntegerField(_("version"))
    score = models.DecimalField(
        _("score (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    answers = models.JSONField(_("answers"), default=dict)
    reason = models.CharField(_("reason"), max_length=300)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("changed by"),
    )
    changed_at = models.DateTimeField(_("changed at"), default=timezone.now)

    class Meta:
        verbose_name = _("score version")
        verbose_name_plural = _("score versions")
        ordering = ["evaluation", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["evaluation", "number"], name="qa_one_score_version_number"
            ),
        ]

    def __str__(self):
        return f"{self.evaluation} · {self.number}: {self.score}"


class Dispute(models.Model):
    """The agent disputes the answer to one question; someone decides it with a reason."""

    class State(models.TextChoices):
        OPEN = "open", pgettext_lazy("dispute state", "Open")
        ACCEPTED = "accepted", _("Accepted")
        PARTLY = "partly", _("Partly accepted")
        REJECTED = "rejected", _("Rejected")

    evaluation = models.ForeignKey(
        Evaluation, on_delete=models.CASCADE, related_name="disputes", verbose_name=_("evaluation")
    )
    question = models.ForeignKey(
        Question, on_delete=models.PROTECT, related_name="+", verbose_name=_("question")
    )
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="qa_disputes_raised",
        verbose_name=_("raised by"),
    )
    raised_at = models.DateTimeField(_("raised at"), default=timezone.now)
    reason = models.TextField(_("reason"), max_length=2000)
    original_value = models.SmallIntegerField(_("answer given"), null=True, blank=True)
    original_na = models.BooleanField(_("answered N/A"), default=False)
    proposed_value = models.SmallIntegerField(_("proposed answer"), null=True, blank=True)
    proposed_na = models.BooleanField(_("proposed N/A"), default=False)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.OPEN)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="qa_disputes_decided",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_reason = models.TextField(_("reason for the decision"), blank=True, max_length=2000)
    final_value = models.SmallIntegerField(_("answer after the decision"), null=True, blank=True)
    final_na = models.BooleanField(_("N/A after the decision"), default=False)

    class Meta:
        verbose_name = _("dispute")
        verbose_name_plural = _("disputes")
        ordering = ["-raised_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["evaluation", "question"], name="qa_one_dispute_per_question"
            ),
        ]
        indexes = [models.Index(fields=["state", "raised_at"])]

    def __str__(self):
        return f"{self.evaluation} · {self.question_id} ({self.state})"

    @property
    def is_open(self) -> bool:
        return self.state == self.State.OPEN


class CalibrationSession(models.Model):
    """Several evaluators score the same interaction blind; then the answers are revealed and a
    benchmark is recorded. Never shown to agents, never counted in anyone's scores."""

    class Phase(models.TextChoices):
        OPEN = "open", _("Collecting answers")
        REVEALED = "revealed", _("Revealed")
        CLOSED = "closed", _("Benchmark recorded")

    class BenchmarkSource(models.TextChoices):
        OWNER = "owner", _("The session owner's answers")
        CONSENSUS = "consensus", _("An agreed consensus")

    title = models.CharField(_("title"), max_length=120)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="qa_calibrations_owned",
        verbose_name=_("owner"),
    )
    version = models.ForeignKey(
        ScorecardVersion,
        on_delete=models.PROTECT,
        related_name="calibrations",
        verbose_name=_("scorecard version"),
    )
    agent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("agent of the interaction"),
    )
    reference = models.CharField(_("interaction reference"), max_length=100)
    channel = models.CharField(_("channel"), max_length=10, choices=ChannelCode.choices)
    interaction_at = models.DateTimeField(_("interaction date and time"))
    link = models.URLField(_("link to the recording or ticket"), max_length=500, blank=True)
    blind = models.BooleanField(
        _("hide the agent's name"),
        default=True,
        help_text=_("Participants never see whose interaction it is."),
    )
    phase = models.CharField(_("phase"), max_length=10, choices=Phase.choices, default=Phase.OPEN)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    revealed_at = models.DateTimeField(_("revealed at"), null=True, blank=True)
    benchmark_source = models.CharField(
        _("benchmark"), max_length=10, choices=BenchmarkSource.choices, blank=True
    )
    benchmark = models.JSONField(_("benchmark answers"), default=dict, blank=True)
    closed_at = models.DateTimeField(_("benchmark recorded at"), null=True, blank=True)

    class Meta:
        verbose_name = _("calibration session")
        verbose_name_plural = _("calibration sessions")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("qa:calibration", args=[self.pk])


class CalibrationParticipant(models.Model):
    session = models.ForeignKey(
        CalibrationSession,
        on_delete=models.CASCADE,
        related_name="participants",
        verbose_name=_("calibration session"),
    )
    evaluator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="qa_calibrations",
        verbose_name=_("evaluator"),
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    # Kept when the benchmark is recorded, for figures across sessions (see qa.calibration_stats).
    alignment = models.FloatField(_("alignment with the benchmark"), null=True, blank=True)
    leniency = models.FloatField(_("leniency (points)"), null=True, blank=True)

    class Meta:
        verbose_name = _("calibration participant")
        verbose_name_plural = _("calibration participants")
        ordering = ["session", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "evaluator"], name="qa_one_participation_per_session"
            ),
        ]

    def __str__(self):
        return f"{self.session} · {self.evaluator}"


class CalibrationAnswer(models.Model):
    participant = models.ForeignKey(
        CalibrationParticipant,
        on_delete=models.CASCADE,
        related_name="answers",
        verbose_name=_("participant"),
    )
    question = models.ForeignKey(
        Question, on_delete=models.PROTECT, related_name="+", verbose_name=_("question")
    )
    value = models.SmallIntegerField(_("answer"), null=True, blank=True)
    not_applicable = models.BooleanField(_("N/A"), default=False)
    comment = models.TextField(_("comment"), blank=True, max_length=2000)

    class Meta:
        verbose_name = _("calibration answer")
        verbose_name_plural = _("calibration answers")
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "question"], name="qa_one_calibration_answer_per_question"
            ),
        ]

    def __str__(self):
        return f"{self.participant} · {self.question_id}"

    @property
    def scoring_value(self):
        return scoring.NOT_APPLICABLE if self.not_applicable else self.value


class EvaluationQuota(models.Model):
    """How many evaluations of an agent's interactions of one month exist: the works agreement's cap is
    enforced by a conditional update of this row (`used < cap`), so two evaluators at once cannot pass it."""

    agent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("agent"),
    )
    month = models.DateField(_("month"))
    used = models.PositiveSmallIntegerField(_("evaluations"), default=0)

    class Meta:
        verbose_name = _("evaluation quota")
        verbose_name_plural = _("evaluation quotas")
        constraints = [
            models.UniqueConstraint(fields=["agent", "month"], name="qa_one_quota_per_month"),
        ]

    def __str__(self):
        return f"{self.agent} · {self.month:%Y-%m}: {self.used}"


class SampleDraw(models.Model):
    """A week's random draw of interactions to evaluate; the seed is kept so the draw can be repeated
    and shown to the works council."""

    drawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("drawn by"),
    )
    drawn_at = models.DateTimeField(_("drawn at"), default=timezone.now)
    week = models.DateField(_("week"))
    seed = models.CharField(_("random seed"), max_length=32)
    parameters = models.JSONField(_("parameters"), default=dict)
    blind = models.BooleanField(_("blind evaluation"), default=False)

    class Meta:
        verbose_name = _("sample draw")
        verbose_name_plural = _("sample draws")
        ordering = ["-drawn_at", "-id"]

    def __str__(self):
        return f"{self.week:%Y-%m-%d} · {self.seed}"

    def get_absolute_url(self):
        return reverse("qa:draw", args=[self.pk])


class SampleItem(models.Model):
    """One interaction to evaluate: the agent's first contact in the channel after `moment`."""

    draw = models.ForeignKey(
        SampleDraw, on_delete=models.CASCADE, related_name="items", verbose_name=_("sample draw")
    )
    agent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("agent"),
    )
    channel = models.CharField(_("channel"), max_length=10, choices=ChannelCode.choices)
    moment = models.DateTimeField(_("first contact after"))
    weight = models.DecimalField(_("weight"), max_digits=6, decimal_places=2, default=Decimal(1))
    reason = models.CharField(_("why"), max_length=300, blank=True)
    evaluation = models.OneToOneField(
        Evaluation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="sample_item",
        verbose_name=_("evaluation"),
    )
    replaced_at = models.DateTimeField(_("replaced at"), null=True, blank=True)
    replacement_reason = models.CharField(_("reason for replacing"), max_length=300, blank=True)
    replaces = models.OneToOneField(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="replaced_by",
        verbose_name=_("replaces"),
    )

    class Meta:
        verbose_name = _("sampled interaction")
        verbose_name_plural = _("sampled interactions")
        ordering = ["draw", "moment", "id"]

    def __str__(self):
        return f"{self.agent} · {self.channel} · {timezone.localtime(self.moment):%Y-%m-%d %H:%M}"
