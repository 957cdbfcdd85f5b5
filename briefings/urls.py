from django.urls import path

from . import views

app_name = "briefings"

urlpatterns = [
    path("briefings/", views.briefing_list, name="list"),
    path("briefings/new/", views.briefing_edit, name="create"),
    path("briefings/<int:pk>/", views.briefing_detail, name="detail"),
    path("briefings/<int:pk>/edit/", views.briefing_edit, name="edit"),
    path("briefings/<int:pk>/publish/", views.briefing_publish, name="publish"),
    path("briefings/<int:pk>/acknowledge/", views.briefing_acknowledge, name="acknowledge"),
    path("briefings/<int:pk>/read/", views.briefing_mark_read, name="mark_read"),
    path("briefings/<int:pk>/questions/", views.question_ask, name="ask"),
    path(
        "briefings/<int:pk>/attachments/<int:attachment_pk>/",
        views.attachment_download,
        name="attachment",
    ),
    path("briefings/questions/<int:pk>/answer/", views.question_answer, name="answer"),
    path("teams/<int:pk>/meetings/", views.meeting_list, name="meetings"),
    path("teams/<int:pk>/meetings/new/", views.meeting_create, name="meeting_create"),
]
