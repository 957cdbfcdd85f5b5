from django.urls import path

from . import views

app_name = "plans"

urlpatterns = [
    path("agents/<int:pk>/goals/new/", views.goal_create, name="goal_create"),
    path("agents/<int:pk>/actions/new/", views.action_create, name="action_create"),
    path("agents/<int:pk>/plans/", views.plan_history, name="plan_history"),
    path("agents/<int:pk>/plans/start/", views.plan_start, name="plan_start"),
    path("plans/<int:pk>/close/", views.plan_close, name="plan_close"),
    path("goals/<int:pk>/edit/", views.goal_edit, name="goal_edit"),
    path("goals/<int:pk>/accept/", views.goal_accept, name="goal_accept"),
    path("goals/<int:pk>/status/", views.goal_status, name="goal_status"),
    path("goals/<int:pk>/progress/", views.goal_progress, name="goal_progress"),
    path("actions/<int:pk>/done/", views.action_complete, name="action_complete"),
]
