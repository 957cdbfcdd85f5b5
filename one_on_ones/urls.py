from django.urls import path

from . import views

app_name = "one_on_ones"

urlpatterns = [
    path("one-on-ones/", views.meeting_list, name="list"),
    path("one-on-ones/new/", views.series_create, name="series_create"),
    path("one-on-ones/<int:pk>/", views.meeting_detail, name="meeting"),
    path("one-on-ones/<int:pk>/points/", views.point_add, name="point_add"),
    path("one-on-ones/<int:pk>/template/", views.template_apply, name="template_apply"),
    path("one-on-ones/points/<int:pk>/done/", views.point_done, name="point_done"),
    path("one-on-ones/points/<int:pk>/edit/", views.point_edit, name="point_edit"),
    path("one-on-ones/points/<int:pk>/delete/", views.point_delete, name="point_delete"),
    path("one-on-ones/notes/<int:pk>/edit/", views.shared_note_edit, name="note_edit"),
    path("one-on-ones/notes/<int:pk>/delete/", views.shared_note_delete, name="note_delete"),
    path("one-on-ones/<int:pk>/notes/", views.shared_note_add, name="note_add"),
    path("one-on-ones/<int:pk>/private-note/", views.private_note_save, name="private_note"),
    path("one-on-ones/<int:pk>/actions/", views.action_item_add, name="action_add"),
    path("one-on-ones/actions/<int:pk>/done/", views.action_item_done, name="action_done"),
    path("one-on-ones/actions/<int:pk>/edit/", views.action_item_edit, name="action_edit"),
    path("one-on-ones/actions/<int:pk>/delete/", views.action_item_delete, name="action_delete"),
    path("one-on-ones/<int:pk>/move/", views.meeting_move, name="move"),
    path("one-on-ones/<int:pk>/extra/", views.meeting_extra, name="extra"),
    path("one-on-ones/<int:pk>/finish/", views.meeting_finish, name="finish"),
]
