from django.urls import path

from . import views

app_name = "privacy"

urlpatterns = [
    path("me/data/", views.my_data, name="my_data"),
    path("me/data.json", views.my_data_json, name="my_data_json"),
    path("me/data.pdf", views.my_data_pdf, name="my_data_pdf"),
    path("hr/people/", views.hr_people, name="hr_people"),
    path(
        "hr/people/<int:pk>/data.json", views.hr_person_data, {"fmt": "json"}, name="hr_person_json"
    ),
    path("hr/people/<int:pk>/data.pdf", views.hr_person_data, {"fmt": "pdf"}, name="hr_person_pdf"),
    path("feedback/notes/<int:pk>/statement/", views.note_statement, name="note_statement"),
    path("reviews/<int:pk>/statement/", views.review_statement, name="review_statement"),
    path("privacy/works-council/", views.works_council, name="works_council"),
    path("privacy/register/", views.register_page, name="register"),
    path("privacy/register.md", views.register_markdown, name="register_md"),
    path("privacy/register.pdf", views.register_pdf, name="register_pdf"),
]
