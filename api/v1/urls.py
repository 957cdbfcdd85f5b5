from rest_framework.routers import SimpleRouter

from . import growth, kpis, people, records

router = SimpleRouter(use_regex_path=False)
router.register("people", people.PeopleViewSet, basename="people")
router.register("teams", people.TeamsViewSet, basename="teams")
router.register("key-figures", kpis.KpiRecordsViewSet, basename="key-figures")
router.register("coaching-notes", records.NotesViewSet, basename="coaching-notes")
router.register("reviews", records.ReviewsViewSet, basename="reviews")

router.register("skills", growth.SkillsViewSet, basename="skills")
router.register("skill-ratings", growth.RatingsViewSet, basename="skill-ratings")
router.register("skill-targets", growth.TargetsViewSet, basename="skill-targets")
router.register("goals", growth.GoalsViewSet, basename="goals")
router.register("courses", growth.CoursesViewSet, basename="courses")
router.register("enrollments", growth.EnrollmentsViewSet, basename="enrollments")
router.register("briefings", growth.BriefingsViewSet, basename="briefings")
router.register(
    "briefing-acknowledgements",
    growth.AcknowledgementsViewSet,
    basename="briefing-acknowledgements",
)

urlpatterns = router.urls
