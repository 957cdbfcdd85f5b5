from django.urls import path

from . import session_views, views

app_name = "security"

urlpatterns = [
    path("accounts/two-factor/", views.setup, name="setup"),
    path("accounts/two-factor/qr.svg", views.setup_qr, name="setup_qr"),
    path("accounts/two-factor/verify/", views.verify, name="verify"),
    path("accounts/session/keepalive/", session_views.keepalive, name="keepalive"),
]
