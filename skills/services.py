from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from core.bulk import BulkWriter
from people import access, features
from people.access import Need
from people.models import Channel, User

from .catalogue import CATEGORIES, CHANNELS, SKILLS, level_texts
from .models import (
    CareerWish,
    CurrentLevel,
    RatingSource,
    Skill,
    SkillCategory,
    SkillLevel,
    SkillRating,
    TargetLevel,
)
from .selectors import latest_by_source

CURRENT_FIELDS = [
    "level",
    "assessed_level",
    "self_level",
    "target",
    "rated_at",
    "derived_with_lead_ratings",
]


def _check_level(level: int | None) -> None:
    if level is None or not 1 <= int(level) <= 5:
        raise ValidationError(_("A level must be between 1 and 5."))


@transaction.atomic
def rating_record(
    *, agent: User, skill: Skill, level: int, source: str, rated_by: User, note: str = ""
) -> SkillRating:
    """Append a rating; earlier ratings stay as the skill's history."""
    rating = _rating_append(
        agent=agent, skill=skill, level=level, source=source, rated_by=rated_by, note=note
    )
    current_levels_refresh(agent_ids=[agent.pk], skill_ids=[skill.pk])
    return rating


def _require_may_rate(rated_by: User, agent: User, source: str) -> None:
    """An agent rates themselves; everyone else's ratings (a lead's, a completed training's) come from the
    agent's lead now."""
    if source == RatingSource.SELF:
        access.require(access.is_own(rated_by, agent.pk))
    else:
        access.require_rights(rated_by, agent, Need.COACH)


def _rating_append(
    *, agent: User, skill: Skill, level: int, source: str, rated_by: User, note: str
) -> SkillRating:
    _require_may_rate(rated_by, agent, source)
    _check_level(level)
    if source == RatingSource.LEAD and not features.is_on(features.LEAD_SKILL_RATINGS):
        raise ValidationError(_("Skill ratings by leads are switched off by the works agreement."))
    rating = SkillRating(
        agent=agent,
        skill=skill,
        level=level,
        source=source,
        rated_by=rated_by,
        note=note,
        rated_at=timezone.now(),
    )
    rating.full_clean()
    rating.save()
    return rating


@transaction.atomic
def ratings_record_many(
    *,
    agent: User,
    levels: dict[Skill, int | None],
    source: str,
    rated_by: User,
    note: str = "",
) -> list[SkillRating]:
    """Record several ratings at once (skill → level); skills whose level did not change are skipped."""

    latest = latest_by_source([agent.pk])
    created: list[SkillRating] = []
    for skill, level in levels.items():
        if level is None or latest.get((agent.pk, skill.pk, source)) == level:
            continue
        created.append(
            _rating_append(
                agent=agent, skill=skill, level=level, source=source, rated_by=rated_by, note=note
            )
        )
    if created:
        current_levels_refresh(agent_ids=[agent.pk], skill_ids=[r.skill_id for r in created])
    return created


@transaction.atomic
def target_set(*, agent: User, skill: Skill, level: int | None, set_by: User) -> TargetLevel | None:
    """Set (or with None clear) the agent's target level in a skill: their lead."""
    access.require_rights(set_by, agent, Need.COACH)
    if level is None:
        TargetLevel.objects.filter(agent=agent, skill=skill).delete()
        current_levels_refresh(agent_ids=[agent.pk], skill_ids=[skill.pk])
        return None
    _check_level(level)
    target, _created = TargetLevel.objects.update_or_create(
        agent=agent, skill=skill, defaults={"level": level, "set_by": set_by}
    )
    current_levels_refresh(agent_ids=[agent.pk], skill_ids=[skill.pk])
    return target


@transaction.atomic
def current_levels_refresh(
    *, agent_ids: Iterable[int], skill_ids: Iterable[int] | None = None
) -> None:
    """Derive the agents' CurrentLevel rows (for the given skills, or all) again from ratings and targets.

    Every service that writes a rating or a target calls this; so do the admin and data loads.
    """
    scope: dict[str, list[int]] = {"agent_id__in": list(agent_ids)}
    if skill_ids is not None:
        scope["skill_id__in"] = list(skill_ids)
    rows = _derive(SkillRating.objects.filter(**scope), TargetLevel.objects.filter(**scope))
    stale = [
        pk
        for pk, agent_id, skill_id in CurrentLevel.objects.filter(**scope).values_list(
            "pk", "agent_id", "skill_id"
        )
        if (agent_id, skill_id) not in rows
    ]
    if stale:
        CurrentLevel.objects.filter(pk__in=stale).delete()
    CurrentLevel.objects.bulk_create(
        rows.values(),
        update_conflicts=True,
        unique_fields=["agent", "skill"],
        update_fields=CURRENT_FIELDS,
        batch_size=1000,
    )


def current_levels_follow_works_agreement() -> int:
    """Derive every CurrentLevel again if any row was derived under the other state of the lead-ratings
    switch; runs after every `migrate` (each start and deploy), so a changed works agreement applies at once."""
    with_lead = features.is_on(features.LEAD_SKILL_RATINGS)
    if not CurrentLevel.objects.exclude(derived_with_lead_ratings=with_lead).exists():
        return 0
    return current_levels_rebuild()


@transaction.atomic
def current_levels_rebuild() -> int:
    """Derive every CurrentLevel row again (after a bulk load such as the demo); returns the number of rows."""
    rows = _derive(SkillRating.objects.all(), TargetLevel.objects.all())
    CurrentLevel.objects.all().delete()
    with BulkWriter() as out:
        for row in rows.values():
            out.add(row)
    return len(rows)


def _derive(
    ratings: QuerySet[SkillRating], targets: QuerySet[TargetLevel]
) -> dict[tuple[int, int], CurrentLevel]:
    """(agent id, skill id) → an unsaved CurrentLevel: the latest rating of each kind, and the target.

    While the works agreement switches lead ratings off, they count for nothing (they stay stored)."""
    rows: dict[tuple[int, int], CurrentLevel] = {}
    with_lead = features.is_on(features.LEAD_SKILL_RATINGS)
    if not with_lead:
        ratings = ratings.exclude(source=RatingSource.LEAD)
    history = ratings.order_by("agent_id", "skill_id", "rated_at", "id").values_list(
        "agent_id", "skill_id", "source", "level", "rated_at"
    )
    for agent_id, skill_id, source, level, rated_at in history.iterator(chunk_size=20_000):
        row = rows.get((agent_id, skill_id))
        if row is None:
            row = rows[agent_id, skill_id] = CurrentLevel(
                agent_id=agent_id, skill_id=skill_id, derived_with_lead_ratings=with_lead
            )
        if source == RatingSource.SELF:
            row.self_level = level
        else:
            row.assessed_level = level
        row.rated_at = rated_at
    for agent_id, skill_id, level in targets.values_list("agent_id", "skill_id", "level").iterator(
        chunk_size=20_000
    ):
        row = rows.get((agent_id, skill_id))
        if row is None:
            row = rows[agent_id, skill_id] = CurrentLevel(
                agent_id=agent_id, skill_id=skill_id, derived_with_lead_ratings=with_lead
            )
        row.target = level
    for row in rows.values():
        row.level = row.assessed_level if row.assessed_level is not None else row.self_level
    return rows


@transaction.atomic
def career_wish_save(
    *, wish: CareerWish, by: User, skills: Iterable[Skill] | None = None
) -> CareerWish:
    """An agent states where they want to go next; the wish is theirs alone to write."""
    access.require(access.is_own(by, wish.agent_id) and access.is_agent(by))
    wish.full_clean()
    wish.save()
    if skills is not None:
        wish.skills.set(skills)
    return wish


@transaction.atomic
def career_wish_delete(*, wish: CareerWish, by: User) -> None:
    access.require(access.is_own(by, wish.agent_id))
    wish.delete()


@transaction.atomic
def catalogue_load() -> int:
    """Load the shipped contact-center catalogue; existing skills (by code) are left as admins edited them."""

    channels = Channel.objects.by_code()

    categories: dict[str, SkillCategory] = {}
    for position, (code, name_en, name_de) in enumerate(CATEGORIES):
        categories[code], _created = SkillCategory.objects.get_or_create(
            code=code, defaults={"name_en": name_en, "name_de": name_de, "position": position}
        )
    created = 0
    for position, (category, code, name_en, name_de, anchors_en, anchors_de) in enumerate(SKILLS):
        skill, was_created = Skill.objects.get_or_create(
            code=code,
            defaults={
                "category": categories[category],
                "name_en": name_en,
                "name_de": name_de,
                "description_en": anchors_en[1],
                "description_de": anchors_de[1],
                "position": position,
            },
        )
        if was_created:
            created += 1
            skill.channels.set([channels[code] for code in CHANNELS.get(skill.code, ())])
            SkillLevel.objects.bulk_create(
                SkillLevel(skill=skill, level=level, description_en=en, description_de=de)
                for level, (en, de) in level_texts(anchors_en, anchors_de).items()
            )
    return created
