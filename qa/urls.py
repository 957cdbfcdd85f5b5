from django.urls import path

from . import views

app_name = "qa"

urlpatterns = [
    path("qa/", views.home, name="home"),
    path("qa/evaluations/new/", views.evaluation_start, name="evaluation_start"),
    path("qa/evaluations/<int:pk>/", views.evaluation_detail, name="evaluation"),
    path("qa/evaluations/<int:pk>/share/", views.evaluation_share, name="evaluation_share"),
    path("qa/evaluations/<int:pk>/delete/", views.evaluation_delete, name="evaluation_delete"),
    path(
        "qa/evaluations/<int:pk>/feedback/", views.evaluation_feedback, name="evaluation_feedback"
    ),
    path(
        "qa/evaluations/<int:pk>/acknowledge/",
        views.evaluation_acknowledge,
        name="evaluation_acknowledge",
    ),
    path(
        "qa/evaluations/<int:pk>/questions/<int:question>/dispute/",
        views.dispute_raise,
        name="dispute_raise",
    ),
    path(
        "qa/evaluations/<int:pk>/questions/<int:question>/goal/",
        views.goal_from_question,
        name="goal_from_question",
    ),
    path("qa/disputes/<int:pk>/decide/", views.dispute_decide, name="dispute_decide"),
    path("qa/disputes/", views.disputes, name="disputes"),
    path("qa/figures/", views.hr_figures, name="hr_figures"),
    path("qa/export.csv", views.export_csv, name="export_csv"),
    path("qa/export.xlsx", views.export_xlsx, name="export_xlsx"),
    path("qa/calibrations/", views.calibrations, name="calibrations"),
    path("qa/calibrations/new/", views.calibration_create, name="calibration_create"),
    path("qa/scorecards/", views.scorecards, name="scorecards"),
    path("qa/scorecards/new/", views.scorecard_create, name="scorecard_create"),
    path("qa/scorecards/<int:pk>/", views.scorecard_detail, name="scorecard"),
    path("qa/scorecards/<int:pk>/edit/", views.scorecard_edit, name="scorecard_edit"),
    path("qa/sampling/", views.sampling, name="sampling"),
    path("qa/sampling/<int:pk>/", views.draw_detail, name="draw"),
    path("qa/sampling/items/<int:pk>/replace/", views.sample_replace, name="sample_replace"),
    path("qa/calibrations/<int:pk>/", views.calibration_detail, name="calibration"),
    path("qa/calibrations/<int:pk>/reveal/", views.calibration_reveal, name="calibration_reveal"),
    path(
        "qa/calibrations/<int:pk>/benchmark/",
        views.calibration_benchmark,
        name="calibration_benchmark",
    ),
]
