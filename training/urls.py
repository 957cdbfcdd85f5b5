from django.urls import path

from . import views

app_name = "training"

urlpatterns = [
    path("training/", views.catalogue, name="catalogue"),
    path("training/sessions/<int:pk>/", views.session_detail, name="session"),
    path("training/sessions/<int:pk>/request/", views.session_request, name="request"),
    path("training/enrollments/<int:pk>/ratings/", views.confirm_ratings, name="confirm_ratings"),
    path(
        "training/enrollments/<int:pk>/<slug:action>/",
        views.enrollment_action,
        name="enrollment_action",
    ),
    path("training/needs/", views.needs, name="needs"),
    path("training/new-hire/", views.new_hire, name="new_hire"),
    path("agents/<int:pk>/mentors/", views.mentor_suggestions, name="mentor_suggestions"),
    path("mentoring/<int:pk>/", views.pairing_detail, name="pairing"),
    path("mentoring/<int:pk>/end/", views.pairing_end, name="pairing_end"),
    path("calendar/", views.calendar_link, name="calendar"),
    path("calendar/<str:token>.ics", views.calendar_feed, name="feed"),
]
