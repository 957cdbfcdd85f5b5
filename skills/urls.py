from django.urls import path

from . import views

app_name = "skills"

urlpatterns = [
    path("agents/<int:pk>/skills/rate/", views.rate, name="rate"),
    path("teams/<int:pk>/skills/", views.team_matrix, name="team_matrix"),
    path("teams/<int:pk>/skills.csv", views.team_matrix_csv, name="team_matrix_csv"),
    path("skills/matrix/", views.site_matrix, name="site_matrix"),
    path("skills/mix/", views.site_mix, name="site_mix"),
    path("skills/mix.csv", views.site_mix_csv, name="site_mix_csv"),
    path("skills/mix.xlsx", views.site_mix_xlsx, name="site_mix_xlsx"),
    path("me/career/", views.my_career, name="my_career"),
    path("me/career/<int:pk>/delete/", views.career_wish_delete, name="career_wish_delete"),
    path("career-wishes/", views.career_wishes, name="career_wishes"),
]
