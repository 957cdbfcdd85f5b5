from django.urls import path

from . import views

app_name = "objectives"

urlpatterns = [
    path("objectives/", views.objective_list, name="list"),
    path("objectives/new/", views.objective_edit, name="create"),
    path("objectives/mine/", views.heading, name="mine"),
    path("objectives/export.csv", views.objectives_csv, name="csv"),
    path("objectives/export.xlsx", views.objectives_xlsx, name="xlsx"),
    path("objectives/<int:pk>/", views.objective_detail, name="detail"),
    path("objectives/<int:pk>/edit/", views.objective_edit, name="edit"),
    path("objectives/<int:pk>/publish/", views.objective_publish, name="publish"),
    path("objectives/<int:pk>/confirm/", views.objective_confirm, name="confirm"),
    path("objectives/<int:pk>/teams/new/", views.team_objective_create, name="team_create"),
    path("objectives/team/<int:pk>/", views.team_objective_detail, name="team_objective"),
    path("objectives/team/<int:pk>/edit/", views.team_objective_edit, name="team_edit"),
    path("objectives/team/<int:pk>/agree/", views.team_objective_agree, name="agree"),
    path("objectives/team/<int:pk>/report/", views.team_objective_report, name="report"),
    path("objectives/team/<int:pk>/proposals/", views.proposal_create, name="propose"),
    path("objectives/proposals/<int:pk>/answer/", views.proposal_answer, name="answer"),
    path("objectives/goals/<int:pk>/link/", views.goal_link, name="link_goal"),
]
