"""Scorecards and their versions.

A scorecard is saved as a whole: its sections and questions are checked together before anything is
written, so nothing is ever half-saved. While its current version is unused (no evaluation, no
calibration) an edit replaces that version's content; once it is used, an edit makes the next
version and the old one stays with the evaluations that used it, so every score keeps pointing at
exactly what was asked. A scorecard that was used is retired, never deleted.
"""

import uuid
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from people import access
from people.models import Channel, ChannelCode, User

from .. import scoring
from ..models import Question, Scorecard, ScorecardVersion, Section
from ..selectors.scorecards import current_version, in_use_flag, version_in_use

HUNDRED = Decimal(100)


@dataclass
class QuestionInput:
    text_en: str
    text_de: str
    kind: str
    top: int = 1
    weight: Decimal = Decimal(1)
    allows_na: bool = False
    critical: str = ""
    skill_id: int | None = None
    guidance: dict = field(default_factory=dict)  # {"<answer>": {"en": ..., "de": ...}}
    lineage: uuid.UUID | None = None  # the question this one continues, across versions


@dataclass
class SectionInput:
    title_en: str
    title_de: str
    weight: Decimal
    is_bonus: bool = False
    questions: list[QuestionInput] = field(default_factory=list)


def _require_manager(user: User) -> None:
    if not access.may_manage_scorecards(user):
        raise ValidationError(_("You may not manage scorecards."))


def check_structure(channels: list[str], sections: list[SectionInput]) -> None:
    """Every rule a version must follow, all problems at once, before anything is written."""
    problems = []
    if not channels:
        problems.append(_("Choose at least one channel the scorecard applies to."))
    if set(channels) - set(ChannelCode.values):
        problems.append(_("Choose channels from the list."))
    regular = [s for s in sections if not s.is_bonus]
    if not regular:
        problems.append(_("A scorecard needs at least one regular (not bonus) section."))
    try:
        total = sum((Decimal(s.weight) for s in regular), Decimal(0))
    except (InvalidOperation, TypeError):
        total = None
    if regular and total != HUNDRED:
        problems.append(
            _("The weights of the regular sections add up to %(total)s; they must add up to 100.")
            % {"total": total if total is not None else "?"}
        )
    for number, section in enumerate(sections, start=1):
        problems.extend(_section_problems(number, section))
    if problems:
        raise ValidationError(problems)


def _section_problems(number: int, section: SectionInput) -> list[str]:
    problems = []
    name = section.title_en or section.title_de or str(number)
    if not (section.title_en.strip() and section.title_de.strip()):
        problems.append(
            _("Section %(number)s needs a title in English and in German.") % {"number": number}
        )
    if not Decimal(0) < Decimal(section.weight) <= HUNDRED:
        problems.append(
            _("The weight of section “%(name)s” must be above 0 and at most 100.") % {"name": name}
        )
    if not section.questions:
        problems.append(_("Section “%(name)s” has no questions.") % {"name": name})
    for question in section.questions:
        problems.extend(_question_problems(name, question))
    return problems


def _question_problems(section_name: str, question: QuestionInput) -> list[str]:
    problems = []
    label = question.text_en or question.text_de or "?"
    if not (question.text_en.strip() and question.text_de.strip()):
        problems.append(
            _("A question of section “%(name)s” needs its text in English and in German.")
            % {"name": section_name}
        )
    if question.kind not in {k.value for k in scoring.Kind}:
        problems.append(_("Question “%(text)s”: choose how it is answered.") % {"text": label})
        return problems
    lowest_top = {scoring.Kind.YES_NO: 1, scoring.Kind.SCALE: 2, scoring.Kind.POINTS: 1}[
        scoring.Kind(question.kind)
    ]
    if question.kind == scoring.Kind.YES_NO and question.top != 1:
        problems.append(
            _("Question “%(text)s”: a yes / no question has 1 as its highest answer.")
            % {"text": label}
        )
    if not lowest_top <= question.top <= 100:
        problems.append(
            _("Question “%(text)s”: the highest answer must be between %(low)s and 100.")
            % {"text": label, "low": lowest_top}
        )
    if not Decimal(0) < Decimal(question.weight) <= Decimal(1000):
        problems.append(
            _("Question “%(text)s”: the weight must be above 0 and at most 1000.") % {"text": label}
        )
    if question.critical not in {c.value for c in scoring.Critical}:
        problems.append(_("Question “%(text)s”: choose whether it is critical.") % {"text": label})
    lowest = 1 if question.kind == scoring.Kind.SCALE else 0
    allowed = {str(v) for v in range(lowest, question.top + 1)}
    if set(question.guidance) - allowed:
        problems.append(
            _("Question “%(text)s”: guidance is given for an answer the question does not have.")
            % {"text": label}
        )
    return problems


@transaction.atomic
def scorecard_create(
    *,
    by: User,
    name_en: str,
    name_de: str,
    description_en: str = "",
    description_de: str = "",
    channels: list[str],
    sections: list[SectionInput],
) -> Scorecard:
    """A new scorecard with its first version published at once."""
    _require_manager(by)
    check_structure(channels, sections)
    scorecard = Scorecard(
        name_en=name_en.strip(),
        name_de=name_de.strip(),
        description_en=description_en,
        description_de=description_de,
        created_by=by,
    )
    scorecard.full_clean()
    scorecard.save()
    version = ScorecardVersion.objects.create(scorecard=scorecard, number=1, created_by=by)
    _write_content(version, channels, sections)
    return scorecard


@transaction.atomic
def scorecard_edit(
    *,
    by: User,
    scorecard: Scorecard,
    name_en: str,
    name_de: str,
    description_en: str = "",
    description_de: str = "",
    channels: list[str],
    sections: list[SectionInput],
) -> ScorecardVersion:
    """Save the scorecard as edited: in place while its current version is unused, else as the next
    version (the old one stays with the evaluations that used it). Names change in place."""
    _require_manager(by)
    scorecard = Scorecard.objects.select_for_update().get(pk=scorecard.pk)
    if scorecard.is_retired:
        raise ValidationError(_("This scorecard is retired; it can no longer be changed."))
    check_structure(channels, sections)
    scorecard.name_en, scorecard.name_de = name_en.strip(), name_de.strip()
    scorecard.description_en, scorecard.description_de = description_en, description_de
    scorecard.full_clean()
    scorecard.save()
    version = current_version(scorecard)
    if version is None or version_in_use(version):
        number = version.number + 1 if version else 1
        version = ScorecardVersion.objects.create(scorecard=scorecard, number=number, created_by=by)
    else:
        version.sections.all().delete()
        version.created_by, version.created_at = by, timezone.now()
        version.save(update_fields=["created_by", "created_at"])
    _write_content(version, channels, sections)
    return version


def _write_content(
    version: ScorecardVersion, channels: list[str], sections: list[SectionInput]
) -> None:
    by_code = Channel.objects.by_code()
    version.channels.set([by_code[code] for code in channels])
    for position, section_input in enumerate(sections):
        section = Section(
            version=version,
            position=position,
            title_en=section_input.title_en.strip(),
            title_de=section_input.title_de.strip(),
            weight=section_input.weight,
            is_bonus=section_input.is_bonus,
        )
        section.full_clean()
        section.save()
        questions = []
        for number, q in enumerate(section_input.questions):
            question = Question(
                section=section,
                position=number,
                text_en=q.text_en.strip(),
                text_de=q.text_de.strip(),
                kind=q.kind,
                top=q.top,
                weight=q.weight,
                allows_na=q.allows_na,
                critical=q.critical,
                skill_id=q.skill_id,
                guidance=q.guidance,
                lineage=q.lineage or uuid.uuid4(),
            )
            question.full_clean(exclude=["section"])
            questions.append(question)
        Question.objects.bulk_create(questions)


@transaction.atomic
def scorecard_retire(*, by: User, scorecard: Scorecard) -> Scorecard:
    """No new evaluations with it; old ones keep it. A scorecard in use is retired, never deleted."""
    _require_manager(by)
    if scorecard.retired_at is None:
        scorecard.retired_at = timezone.now()
        scorecard.save(update_fields=["retired_at"])
    return scorecard


@transaction.atomic
def scorecard_reactivate(*, by: User, scorecard: Scorecard) -> Scorecard:
    _require_manager(by)
    scorecard.retired_at = None
    scorecard.save(update_fields=["retired_at"])
    return scorecard


@transaction.atomic
def scorecard_delete(*, by: User, scorecard: Scorecard) -> None:
    _require_manager(by)
    in_use = ScorecardVersion.objects.filter(scorecard=scorecard).filter(in_use_flag()).exists()
    if in_use:
        raise ValidationError(
            _("This scorecard has been used; it can only be retired, so that old scores stay true.")
        )
    scorecard.delete()


def structure_of(version: ScorecardVersion) -> list[SectionInput]:
    """A version's content as input for editing (or for a copy)."""
    return [
        SectionInput(
            title_en=s.title_en,
            title_de=s.title_de,
            weight=s.weight,
            is_bonus=s.is_bonus,
            questions=[
                QuestionInput(
                    text_en=q.text_en,
                    text_de=q.text_de,
                    kind=q.kind,
                    top=q.top,
                    weight=q.weight,
                    allows_na=q.allows_na,
                    critical=q.critical,
                    skill_id=q.skill_id,
                    guidance=q.guidance,
                    lineage=q.lineage,
                )
                for q in s.questions.all()
            ],
        )
        for s in version.sections.prefetch_related("questions")
    ]
