"""The weekly draw of interactions to evaluate (qa.sampling explains how), stored with its seed and its
inputs so that HR can repeat it; replacing a drawn interaction needs a reason."""

import random
import secrets
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from people import access
from people.models import User

from .. import sampling
from ..models import SampleDraw, SampleItem
from ..selectors.sampling import kpi_drops, month_usage

MAX_CAPACITY = 500


def check_limits(*, minimum: int, maximum: int, capacity: int) -> None:
    problems = {}
    if minimum < 0:
        problems["minimum"] = _("The minimum cannot be negative.")
    if maximum > settings.QA_MAX_PER_MONTH:
        problems["maximum"] = _(
            "The works agreement allows at most %(cap)s evaluations per agent and month."
        ) % {"cap": settings.QA_MAX_PER_MONTH}
    elif maximum < minimum:
        problems["maximum"] = _(
            "The cap (%(maximum)s) is below the minimum (%(minimum)s): every agent could not get "
            "their minimum without passing the cap."
        ) % {"maximum": maximum, "minimum": minimum}
    if not 0 <= capacity <= MAX_CAPACITY:
        problems["capacity"] = _("Plan between 0 and %(most)s evaluations for the week.") % {
            "most": MAX_CAPACITY
        }
    if problems:
        raise ValidationError(problems)


@transaction.atomic
def sample_draw(
    *, by: User, week: date, minimum: int, maximum: int, capacity: int, blind: bool = False
) -> SampleDraw:
    if not access.may_evaluate(by):
        raise ValidationError(
            _("Only team leads and QA specialists draw interactions to evaluate.")
        )
    check_limits(minimum=minimum, maximum=maximum, capacity=capacity)
    monday = week - timedelta(days=week.weekday())
    agents = list(
        access.agents_evaluable_by(by)
        .filter(is_active=True)
        .prefetch_related("profile__channels")
        .order_by("pk")
    )
    if not agents:
        raise ValidationError(_("There are no agents whose contacts you evaluate."))
    ids = [a.pk for a in agents]
    used = month_usage(ids, monday.replace(day=1))
    drops = kpi_drops(ids, monday)
    candidates = [
        sampling.Candidate(
            agent_id=agent.pk,
            used=used.get(agent.pk, 0),
            channels=tuple(sorted(_channels(agent))),
            weight=drops[agent.pk][0] if agent.pk in drops else Decimal(1),
            reason=drops[agent.pk][1] if agent.pk in drops else "",
        )
        for agent in agents
    ]
    seed = secrets.token_hex(8)
    parameters = {
        "minimum": minimum,
        "maximum": maximum,
        "capacity": capacity,
        "candidates": [
            {
                "agent_id": c.agent_id,
                "used": c.used,
                "channels": list(c.channels),
                "weight": str(c.weight),
                "reason": c.reason,
            }
            for c in candidates
        ],
    }
    draw = SampleDraw.objects.create(
        drawn_by=by, week=monday, seed=seed, parameters=parameters, blind=blind
    )
    picks = sampling.draw(
        seed=seed,
        monday=monday,
        candidates=candidates,
        minimum=minimum,
        maximum=maximum,
        capacity=capacity,
    )
    SampleItem.objects.bulk_create(_item(draw, pick) for pick in picks)
    return draw


def _channels(agent: User) -> set[str]:
    profile = getattr(agent, "profile", None)
    return {c.code for c in profile.channels.all()} if profile else set()


def _item(draw: SampleDraw, pick: sampling.Pick) -> SampleItem:
    reason = pick.reason
    if pick.owed:
        reason = "; ".join(filter(None, [_("below the monthly minimum"), reason]))
    return SampleItem(
        draw=draw,
        agent_id=pick.agent_id,
        channel=pick.channel,
        moment=timezone.make_aware(pick.moment),
        weight=pick.weight,
        reason=reason[:300],
    )


def repeat(draw: SampleDraw) -> list[sampling.Pick]:
    """The draw made again from its stored seed and inputs."""
    parameters = draw.parameters
    candidates = [
        sampling.Candidate(
            agent_id=c["agent_id"],
            used=c["used"],
            channels=tuple(c["channels"]),
            weight=Decimal(c["weight"]),
            reason=c["reason"],
        )
        for c in parameters.get("candidates", [])
    ]
    return sampling.draw(
        seed=draw.seed,
        monday=draw.week,
        candidates=candidates,
        minimum=parameters.get("minimum", 0),
        maximum=parameters.get("maximum", 0),
        capacity=parameters.get("capacity", 0),
    )


def repeats_exactly(draw: SampleDraw) -> bool:
    """Whether repeating the draw gives exactly the interactions it stored (replacements aside)."""
    stored = [
        (i.agent_id, i.channel, timezone.localtime(i.moment).replace(tzinfo=None))
        for i in draw.items.filter(replaces__isnull=True).order_by("pk")
    ]
    return stored == [(p.agent_id, p.channel, p.moment) for p in repeat(draw)]


@transaction.atomic
def sample_replace(*, by: User, item: SampleItem, reason: str) -> SampleItem:
    """Another moment for the same agent, drawn from the draw's seed; the reason is kept."""
    item = SampleItem.objects.select_for_update().select_related("draw").get(pk=item.pk)
    if not access.may_replace_drawn_interaction(by, item.draw):
        raise ValidationError(_("Only who made the draw replaces its interactions."))
    if item.replaced_at is not None or item.evaluation_id is not None:
        raise ValidationError(_("This interaction has been evaluated or replaced already."))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the interaction is replaced.")})
    rng = random.Random(f"{item.draw.seed}:{item.pk}")  # nosec B311  # a reproducible sample, not a secret
    day = item.draw.week + timedelta(days=rng.randrange(sampling.WORKING_DAYS))
    minutes = rng.randrange((sampling.LAST_HOUR - sampling.FIRST_HOUR) * 60)
    moment = datetime.combine(day, time(sampling.FIRST_HOUR)) + timedelta(minutes=minutes)
    item.replaced_at, item.replacement_reason = timezone.now(), reason[:300]
    item.save(update_fields=["replaced_at", "replacement_reason"])
    return SampleItem.objects.create(
        draw=item.draw,
        agent_id=item.agent_id,
        channel=item.channel,
        moment=timezone.make_aware(moment),
        weight=item.weight,
        reason=item.reason,
        replaces=item,
    )
