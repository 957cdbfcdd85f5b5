from rest_framework.routers import SimpleRouter

from . import kpis, people, records

router = SimpleRouter(use_regex_path=False)
router.register("people", people.PeopleViewSet, basename="people")
router.register("teams", people.TeamsViewSet, basename="teams")
router.register("key-figures", kpis.KpiRecordsViewSet, basename="key-figures")
router.register("coaching-notes", records.NotesViewSet, basename="coaching-notes")
router.register("reviews", records.ReviewsViewSet, basename="reviews")

urlpatterns = router.urls
