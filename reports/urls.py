from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("hr/exports/", views.export_page, name="exports"),
    path("hr/exports/reviews.csv", views.reviews_csv, name="reviews_csv"),
    path("hr/exports/reviews.xlsx", views.reviews_xlsx, name="reviews_xlsx"),
    path("hr/exports/reviews.pdf", views.reviews_pdf, name="reviews_pdf"),
    path("hr/exports/reviews/<int:pk>.pdf", views.review_pdf, name="review_pdf"),
]
