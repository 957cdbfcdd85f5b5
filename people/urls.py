from django.urls import path

from . import views

app_name = "people"

urlpatterns = [
    path("teams/<int:pk>/", views.team_detail, name="team_detail"),
]
