from django.urls import path

from . import views

app_name = "reviews"

urlpatterns = [
    path("teams/<int:pk>/reviews/", views.team_completion, name="team_completion"),
    path("agents/<int:pk>/reviews/start/", views.review_start, name="start"),
    path("reviews/<int:pk>/", views.review_detail, name="detail"),
    path("reviews/<int:pk>/edit/", views.review_edit, name="edit"),
    path("reviews/<int:pk>/share/", views.review_share, name="share"),
    path(
        "reviews/<int:pk>/request-self-assessment/",
        views.review_request_self_assessment,
        name="request_self",
    ),
    path("reviews/<int:pk>/self-assessment/", views.review_self_assess, name="self_assess"),
    path("reviews/<int:pk>/acknowledge/", views.review_acknowledge, name="acknowledge"),
]
