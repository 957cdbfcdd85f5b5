from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from people.forms import EmailAuthenticationForm
from security.views import ThrottledPasswordResetView

from . import metrics, views

handler400 = "portal.views.error_400"
handler403 = "portal.views.error_403"
handler404 = "portal.views.error_404"
handler500 = "portal.maintenance.server_error"

urlpatterns = [
    path("", views.home, name="home"),
    path("me/", views.me, name="me"),
    path("agents/<int:pk>/", views.agent_detail, name="agent_detail"),
    path("dashboard/", views.lead_dashboard, name="lead_dashboard"),
    path("hr/", views.hr_overview, name="hr_overview"),
    path("healthz", views.healthz, name="healthz"),
    path("healthz/live", views.healthz_live, name="healthz_live"),
    path("i18n/setlang/", views.set_language, name="set_language"),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(
            authentication_form=EmailAuthenticationForm, redirect_authenticated_user=True
        ),
        name="login",
    ),
    path("accounts/password_reset/", ThrottledPasswordResetView.as_view(), name="password_reset"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("admin/", admin.site.urls),
    path("", include("people.urls")),
    path("", include("notifications.urls")),
    path("", include("skills.urls")),
    path("", include("plans.urls")),
    path("", include("training.urls")),
    path("", include("kpis.urls")),
    path("", include("feedback.urls")),
    path("", include("qa.urls")),
    path("", include("reviews.urls")),
    path("", include("reports.urls")),
    path("", include("briefings.urls")),
    path("", include("objectives.urls")),
    path("", include("one_on_ones.urls")),
    path("", include("security.urls")),
    path("", include("audit.urls")),
    path("", include("privacy.urls")),
    path("", include("api.urls")),
]

# Operations (issue 14): Prometheus scrapes with a bearer token (METRICS_TOKEN).
urlpatterns += [path("metrics", metrics.metrics, name="metrics")]
