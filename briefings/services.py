import os
from collections.abc import Collection
from datetime import date

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core import dates
from people import access
from people.access import Need
from people.models import Team, TeamMembership, User

from .models import (
    Acknowledgement,
    Attachment,
    Briefing,
    Question,
    Reading,
    TalkingPoint,
    TeamMeeting,
)
from .selectors import briefings_visible_to

MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
ATTACHMENT_TYPES = {".pdf", ".png", ".jpg", ".jpeg", ".docx", ".pptx", ".xlsx", ".txt"}


@transaction.atomic
def briefing_save(
    *,
    briefing: Briefing,
    teams: Collection[Team],
    points: list[tuple[str, str]],
    author: User | None = None,
) -> Briefing:
    """Save a briefing with its teams and ordered talking points (English, German)."""
    if not teams:
        raise ValidationError({"teams": _("Choose at least one team the briefing is for.")})
    if not (briefing.title_en or briefing.title_de):
        raise ValidationError(
            {"title_en": _("Give the briefing a title in at least one language.")}
        )
    if briefing.author_id is None:
        briefing.author = author
    briefing.full_clean(exclude=["teams"])
    briefing.save()
    briefing.teams.set(teams)
    briefing.points.all().delete()
    talking_points = [
        TalkingPoint(briefing=briefing, position=n, text_en=en, text_de=de)
        for n, (en, de) in enumerate(points)
        if en or de
    ]
    for point in talking_points:
        point.clean_fields()  # each point's limit, before anything is written
    TalkingPoint.objects.bulk_create(talking_points)
    return briefing


@transaction.atomic
def briefing_publish(*, briefing: Briefing) -> Briefing:
    if not briefing.points.exists():
        raise ValidationError(
            _("A briefing needs at least one talking point before it is published.")
        )
    briefing.status, briefing.published_at = Briefing.Status.PUBLISHED, timezone.now()
    briefing.save(update_fields=["status", "published_at"])
    return briefing


def attachment_add(*, briefing: Briefing, upload: UploadedFile) -> Attachment:
    name = upload.name or ""  # a file without a name has no allowed extension either
    if (upload.size or 0) > MAX_ATTACHMENT_BYTES:
        raise ValidationError(_("An attachment may be at most 10 MB."))
    if os.path.splitext(name)[1].lower() not in ATTACHMENT_TYPES:
        raise ValidationError(_("Attach PDF, images, Word, PowerPoint, Excel or text files only."))
    return Attachment.objects.create(briefing=briefing, file=upload, name=os.path.basename(name))


@transaction.atomic
def meeting_record(
    *,
    lead: User,
    team: Team,
    held_on: date,
    attendees: Collection[User],
    briefings: Collection[Briefing],
    notes: str = "",
) -> TeamMeeting:
    if not access.leads_team_now(lead, team):
        raise ValidationError(_("You can only record meetings of teams you lead."))
    if held_on > timezone.localdate():
        raise ValidationError(
            {
                "held_on": _(
                    "A team meeting is recorded once it has taken place: the date cannot be "
                    "in the future."
                )
            }
        )
    dates.recorded_in_time(held_on, field="held_on")
    members = set(
        TeamMembership.objects.current(held_on)
        .members()
        .filter(team=team)
        .values_list("user_id", flat=True)
    )
    strangers = [a for a in attendees if a.pk not in members]
    if strangers:
        raise ValidationError(
            {
                "attendees": _("These people are not in the team: %(names)s")
                % {"names": ", ".join(str(a) for a in strangers)}
            }
        )
    foreign = [
        b
        for b in briefings
        if b.status != Briefing.Status.PUBLISHED or not b.teams.filter(pk=team.pk).exists()
    ]
    if foreign:
        raise ValidationError(
            {
                "briefings": _("These briefings are not addressed to this team: %(titles)s")
                % {"titles": ", ".join(str(b) for b in foreign)}
            }
        )
    meeting = TeamMeeting.objects.create(team=team, lead=lead, held_on=held_on, notes=notes)
    meeting.attendees.set(attendees)
    meeting.briefings.set(briefings)
    return meeting


def _require_reaches(agent: User, briefing: Briefing) -> None:
    """An agent confirms and asks about the briefings that reach them, for themselves."""
    access.require_own_growth_pages(agent)
    access.require(briefings_visible_to(agent).filter(pk=briefing.pk).exists())


def acknowledge(*, agent: User, briefing: Briefing) -> Acknowledgement:
    _require_reaches(agent, briefing)
    try:
        with transaction.atomic():
            return Acknowledgement.objects.create(agent=agent, briefing=briefing)
    except IntegrityError:
        return Acknowledgement.objects.get(agent=agent, briefing=briefing)


def mark_read(*, agent: User, briefing: Briefing) -> Reading:
    """The agent read the briefing and wants it out of "For you", without confirming it."""
    _require_reaches(agent, briefing)
    try:
        with transaction.atomic():
            return Reading.objects.create(agent=agent, briefing=briefing)
    except IntegrityError:
        return Reading.objects.get(agent=agent, briefing=briefing)


@transaction.atomic
def question_ask(*, agent: User, briefing: Briefing, text: str) -> Question:
    _require_reaches(agent, briefing)
    if not text.strip():
        raise ValidationError(_("Please write your question."))
    return Question.objects.create(agent=agent, briefing=briefing, text=text.strip())


@transaction.atomic
def question_answer(*, question: Question, by: User, text: str) -> Question:
    """The asking agent's lead answers."""
    access.require_rights(by, question.agent, Need.COACH)
    if not text.strip():
        raise ValidationError(_("Please write an answer."))
    question.answer, question.answered_by, question.answered_at = text.strip(), by, timezone.now()
    question.save(update_fields=["answer", "answered_by", "answered_at"])
    return question
