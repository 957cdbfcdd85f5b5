from django.urls import path

from . import views

app_name = "privacy"

urlpatterns = [
    path("me/data/", views.my_data, name="my_data"),
    path("me/data/copies/<int:pk>.json", views.my_copy, {"fmt": "json"}, name="my_copy_json"),
    path("me/data/copies/<int:pk>.pdf", views.my_copy, {"fmt": "pdf"}, name="my_copy_pdf"),
    path("hr/people/", views.hr_people, name="hr_people"),
    path("hr/people/<int:pk>/data-requests/", views.hr_person_requests, name="hr_person_requests"),
    path("feedback/notes/<int:pk>/statement/", views.note_statement, name="note_statement"),
    path("reviews/<int:pk>/statement/", views.review_statement, name="review_statement"),
    path("privacy/works-council/", views.works_council, name="works_council"),
    path("privacy/register/", views.register_page, name="register"),
    path("privacy/register.md", views.register_markdown, name="register_md"),
    path("privacy/register.pdf", views.register_pdf, name="register_pdf"),
]
