from django.urls import path

from . import views

app_name = "kpis"

urlpatterns = [
    path("kpis/imports/", views.import_list, name="imports"),
    path("teams/<int:pk>/kpis/", views.team_kpis, name="team"),
    path("kpis/imports/<int:pk>/", views.import_detail, name="import_detail"),
    path("kpis/imports/<int:pk>/status/", views.import_status, name="import_status"),
    path("kpis/imports/<int:pk>/link/", views.import_link, name="import_link"),
    path("kpis/imports/<int:pk>/import/", views.import_confirm, name="import_confirm"),
    path("kpis/imports/<int:pk>/remap/", views.import_remap, name="import_remap"),
    path("kpis/imports/<int:pk>/errors.csv", views.import_errors, name="import_errors"),
]
