from django.urls import path

from . import views

app_name = "feedback"

urlpatterns = [
    path("feedback/", views.inbox, name="inbox"),
    path("feedback/new/", views.note_create, name="note_create"),
    path("feedback/notes/<int:pk>/", views.note_detail, name="note_detail"),
    path("feedback/notes/<int:pk>/edit/", views.note_edit, name="note_edit"),
    path("feedback/notes/<int:pk>/correct/", views.note_correct, name="note_correct"),
    path("feedback/notes/<int:pk>/share/", views.note_share, name="note_share"),
    path("feedback/notes/<int:pk>/deliver/", views.note_deliver, name="note_deliver"),
    path("feedback/notes/<int:pk>/acknowledge/", views.note_acknowledge, name="note_acknowledge"),
    path("agents/<int:pk>/feedback/", views.agent_notes, name="agent_notes"),
    path("feedback/upward/new/", views.upward_give, name="upward_give"),
    path("feedback/upward/", views.upward_received, name="upward_received"),
    path("hr/upward/", views.upward_by_lead, name="upward_by_lead"),
]
