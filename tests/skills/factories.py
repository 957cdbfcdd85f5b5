import factory

from skills.models import RatingSource, Skill, SkillCategory, SkillRating, TargetLevel


class SkillCategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SkillCategory

    code = factory.Sequence(lambda n: f"category-{n}")
    name_en = factory.Sequence(lambda n: f"Category {n}")
    name_de = factory.Sequence(lambda n: f"Bereich {n}")


class SkillFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Skill

    category = factory.SubFactory(SkillCategoryFactory)
    code = factory.Sequence(lambda n: f"skill-{n}")
    name_en = factory.Sequence(lambda n: f"Skill {n}")
    name_de = factory.Sequence(lambda n: f"Kompetenz {n}")


class _KeepsCurrentLevels:
    """Ratings and targets made by a factory bypass the services, so refresh what the services keep."""

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        from skills.services import current_levels_refresh

        obj = super()._create(model_class, *args, **kwargs)
        current_levels_refresh(agent_ids=[obj.agent_id], skill_ids=[obj.skill_id])
        return obj


class RatingFactory(_KeepsCurrentLevels, factory.django.DjangoModelFactory):
    class Meta:
        model = SkillRating

    skill = factory.SubFactory(SkillFactory)
    level = 3
    source = RatingSource.LEAD


class TargetFactory(_KeepsCurrentLevels, factory.django.DjangoModelFactory):
    class Meta:
        model = TargetLevel

    skill = factory.SubFactory(SkillFactory)
    level = 4
