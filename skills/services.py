from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import CareerWish, RatingSource, Skill, SkillRating, TargetLevel


def _check_level(level):
    if level is None or not 1 <= int(level) <= 5:
        raise ValidationError(_("A level must be between 1 and 5."))


@transaction.atomic
def rating_record(*, agent, skill: Skill, level: int, source: str, rated_by, note: str = "") -> SkillRating:
    """Append a rating; earlier ratings stay as the skill's history."""
    _check_level(level)
    rating = SkillRating(
        agent=agent, skill=skill, level=level, source=source, rated_by=rated_by, note=note, rated_at=timezone.now()
    )
    rating.full_clean()
    rating.save()
    return rating


@transaction.atomic
def ratings_record_many(*, agent, levels: dict, source: str, rated_by, note: str = "") -> list[SkillRating]:
    """Record several ratings at once (skill → level); skills whose level did not change are skipped."""
    from .selectors import latest_by_source

    latest = latest_by_source([agent.pk])
    created = []
    for skill, level in levels.items():
        if level is None or latest.get((agent.pk, skill.pk, source)) == level:
            continue
        created.append(rating_record(agent=agent, skill=skill, level=level, source=source, rated_by=rated_by,
                                     note=note))
    return created


@transaction.atomic
def target_set(*, agent, skill: Skill, level: int | None, set_by) -> TargetLevel | None:
    """Set (or with None clear) the agent's target level in a skill."""
    if level is None:
        TargetLevel.objects.filter(agent=agent, skill=skill).delete()
        return None
    _check_level(level)
    target, _created = TargetLevel.objects.update_or_create(
        agent=agent, skill=skill, defaults={"level": level, "set_by": set_by}
    )
    return target


@transaction.atomic
def career_wish_save(*, wish: CareerWish, skills=None) -> CareerWish:
    wish.full_clean()
    wish.save()
    if skills is not None:
        wish.skills.set(skills)
    return wish



@transaction.atomic
def catalogue_load() -> int:
    """Load the shipped contact-center catalogue; existing skills (by code) are left as admins edited them."""
    from people.models import Channel

    from .catalogue import CATEGORIES, CHANNELS, SKILLS, level_texts
    from .models import SkillCategory, SkillLevel

    channels = Channel.objects.by_code()

    categories = {}
    for position, (code, name_en, name_de) in enumerate(CATEGORIES):
        categories[code], _created = SkillCategory.objects.get_or_create(
            code=code, defaults={"name_en": name_en, "name_de": name_de, "position": position}
        )
    created = 0
    for position, (category, code, name_en, name_de, anchors_en, anchors_de) in enumerate(SKILLS):
        skill, was_created = Skill.objects.get_or_create(
            code=code,
            defaults={"category": categories[category], "name_en": name_en, "name_de": name_de,
                      "description_en": anchors_en[1], "description_de": anchors_de[1], "position": position},
        )
        if was_created:
            created += 1
            skill.channels.set([channels[code] for code in CHANNELS.get(skill.code, ())])
            SkillLevel.objects.bulk_create(
                SkillLevel(skill=skill, level=level, description_en=en, description_de=de)
                for level, (en, de) in level_texts(anchors_en, anchors_de).items()
            )
    return created
