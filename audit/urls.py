from django.urls import path

from . import views

app_name = "audit"

urlpatterns = [
    path("hr/audit/", views.audit_list, name="list"),
    path("hr/audit/export.csv", views.audit_export, name="export"),
    path("me/seen/", views.seen_my_data, name="seen_my_data"),
]
