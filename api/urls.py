from django.urls import include, path, re_path
from drf_spectacular.views import (
    SpectacularAPIView,
    SpectacularRedocView,
    SpectacularSwaggerSplitView,
)

from . import problems, saml, scim, sso, views

app_name = "api"

urlpatterns = [
    path("api/v1/", include(("api.v1.urls", "v1"))),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    path("api/redoc/", SpectacularRedocView.as_view(url_name="api:schema"), name="redoc"),
    path("settings/tokens/", views.tokens, name="tokens"),
    path("settings/tokens/<int:pk>/revoke/", views.token_revoke, name="token_revoke"),
    path("settings/integrations/", views.integrations, name="integrations"),
    path("settings/webhooks/", views.webhooks, name="webhooks"),
    path("settings/webhooks/<int:pk>/", views.webhook_log, name="webhook_log"),
    path("settings/webhooks/<int:pk>/end/", views.webhook_end, name="webhook_end"),
    path(
        "settings/webhooks/deliveries/<int:pk>/resend/",
        views.webhook_resend,
        name="webhook_resend",
    ),
    path("settings/single-sign-on/", views.group_mappings, name="group_mappings"),
    path(
        "settings/single-sign-on/<int:pk>/delete/",
        views.group_mapping_delete,
        name="group_mapping_delete",
    ),
    path("scim/v2/Users", scim.Users.as_view(), name="scim_users"),
    path("scim/v2/Users/<int:pk>", scim.UserDetail.as_view(), name="scim_user"),
    path("scim/v2/Groups", scim.Groups.as_view(), name="scim_groups"),
    path("scim/v2/Groups/<int:pk>", scim.GroupDetail.as_view(), name="scim_group"),
    path(
        "scim/v2/ServiceProviderConfig",
        scim.ServiceProviderConfig.as_view(),
        name="scim_service_provider_config",
    ),
    path("sso/oidc/start/", sso.oidc_start, name="sso_oidc_start"),
    path("sso/oidc/callback/", sso.oidc_callback, name="sso_oidc_callback"),
    path("sso/saml/login/", saml.saml_login, name="sso_saml_login"),
    path("sso/saml/acs/", saml.saml_acs, name="sso_saml_acs"),
    path("sso/saml/metadata/", saml.saml_metadata, name="sso_saml_metadata"),
    path("sso/saml/logout/", saml.saml_logout, name="sso_saml_logout"),
    path("sso/saml/ls/", saml.saml_logout_service, name="sso_saml_ls"),
    re_path(r"^api/(?P<rest>[\s\S]*)$", problems.not_found_view, name="not_found"),
]
