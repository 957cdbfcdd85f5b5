"""Pages for people: one's own API tokens; integrations and webhooks (admins); the single sign-on group mapping (HR)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from core.confirmation import Confirmation, confirmation_page, is_confirmed
from people import access

from . import selectors, services
from .forms import GroupMappingForm, IntegrationTokenForm, TokenForm, WebhookSubscriptionForm
from .models import ApiToken, GroupMapping, WebhookDelivery, WebhookSubscription


@login_required
def tokens(request):
    if not access.may_use_personal_tokens(request.user):
        raise Http404
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        made = services.personal_token_create(
            actor=request.user,
            name=form.cleaned_data["name"],
            access_level=form.cleaned_data["access"],
            expires_at=form.expires_at(),
        )
        return _show_once(request, made, "api:tokens")
    return render(
        request,
        "api/tokens.html",
        {
            "form": form,
            "made": request.session.pop(SHOWN_ONCE, None),
            "tokens": selectors.personal_tokens_of(request.user),
        },
    )


SHOWN_ONCE = "api.shown_once"  # the session key holding a new secret until the next page view


def _show_once(request, made, page):
    """The secret goes to the next page view only (then it is gone from the session): reloading the page,
    or going back, neither shows it again nor makes a second token."""
    request.session[SHOWN_ONCE] = {"name": made.token.name, "secret": made.secret}
    return redirect(page)


@login_required
def integrations(request):
    if not access.may_manage_integrations(request.user):
        raise Http404
    form = IntegrationTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        made = services.integration_token_create(
            actor=request.user,
            name=form.cleaned_data["name"],
            access_level=form.cleaned_data["access"],
            scopes=form.cleaned_data["scopes"],
            teams=list(form.cleaned_data["teams"]),
            expires_at=form.expires_at(),
        )
        return _show_once(request, made, "api:integrations")
    return render(
        request,
        "api/integrations.html",
        {
            "form": form,
            "made": request.session.pop(SHOWN_ONCE, None),
            "tokens": selectors.integration_tokens(),
            "integration": True,
        },
    )


@login_required
@require_POST
def token_revoke(request, pk):
    mine = selectors.personal_tokens_of(request.user)
    scope = ApiToken.objects.all() if access.may_manage_integrations(request.user) else mine
    token = get_object_or_404(scope, pk=pk)
    back = "api:tokens" if token.user_id == request.user.pk else "api:integrations"
    if not is_confirmed(request):
        return confirmation_page(
            request,
            Confirmation(
                title=_("Revoke the token “%(name)s”?") % {"name": token.name},
                consequence=_("Programs using it stop working at once. This cannot be undone."),
                confirm_label=_("Revoke"),
                cancel_url=reverse(back),
                danger=True,
            ),
        )
    if services.token_revoke(actor=request.user, token=token):
        messages.success(request, _("The token “%(name)s” was revoked.") % {"name": token.name})
    return redirect(back)


@login_required
def group_mappings(request):
    if not access.may_map_groups(request.user):
        raise Http404
    form = GroupMappingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.group_mapping_save(actor=request.user, mapping=form.instance)
        messages.success(
            request, _("The group “%(group)s” is mapped.") % {"group": form.instance.group}
        )
        return redirect("api:group_mappings")
    return render(
        request,
        "api/group_mappings.html",
        {"form": form, "mappings": selectors.group_mappings()},
    )


@login_required
@require_POST
def group_mapping_delete(request, pk):
    if not access.may_map_groups(request.user):
        raise Http404
    mapping = get_object_or_404(GroupMapping, pk=pk)
    if not is_confirmed(request):
        return confirmation_page(
            request,
            Confirmation(
                title=_("Remove the mapping of “%(group)s”?") % {"group": mapping.group},
                consequence=_(
                    "People keep their role and teams until their next sign-in or provisioning."
                ),
                confirm_label=_("Remove"),
                cancel_url=reverse("api:group_mappings"),
                danger=True,
            ),
        )
    services.group_mapping_delete(actor=request.user, mapping=mapping)
    messages.success(
        request, _("The mapping of “%(group)s” was removed.") % {"group": mapping.group}
    )
    return redirect("api:group_mappings")


@login_required
def webhooks(request):
    if not access.may_manage_integrations(request.user):
        raise Http404
    form = WebhookSubscriptionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        made = services.webhook_subscription_create(
            actor=request.user,
            name=form.cleaned_data["name"],
            url=form.cleaned_data["url"],
            event_kinds=form.cleaned_data["events"],
        )
        request.session[SHOWN_ONCE] = {"name": made.subscription.name, "secret": made.secret}
        return redirect("api:webhooks")
    return render(
        request,
        "api/webhooks.html",
        {
            "form": form,
            "made": request.session.pop(SHOWN_ONCE, None),
            "subscriptions": selectors.webhook_subscriptions(),
        },
    )


@login_required
@require_GET
def webhook_log(request, pk):
    if not access.may_manage_integrations(request.user):
        raise Http404
    subscription = get_object_or_404(WebhookSubscription, pk=pk)
    page = Paginator(selectors.webhook_deliveries(subscription), 50).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "api/webhook_log.html",
        {"subscription": subscription, "page": page, "resendable": services.RESENDABLE},
    )


@login_required
@require_POST
def webhook_end(request, pk):
    if not access.may_manage_integrations(request.user):
        raise Http404
    subscription = get_object_or_404(WebhookSubscription, pk=pk)
    if not is_confirmed(request):
        return confirmation_page(
            request,
            Confirmation(
                title=_("End the subscription “%(name)s”?") % {"name": subscription.name},
                consequence=_(
                    "No more events go to it, and deliveries still waiting are cancelled. "
                    "This cannot be undone."
                ),
                confirm_label=_("End subscription"),
                cancel_url=reverse("api:webhooks"),
                danger=True,
            ),
        )
    if services.webhook_subscription_end(actor=request.user, subscription=subscription):
        messages.success(
            request, _("The subscription “%(name)s” was ended.") % {"name": subscription.name}
        )
    return redirect("api:webhooks")


@login_required
@require_POST
def webhook_resend(request, pk):
    if not access.may_manage_integrations(request.user):
        raise Http404
    delivery = get_object_or_404(WebhookDelivery, pk=pk)
    if services.webhook_delivery_resend(actor=request.user, delivery=delivery):
        messages.success(request, _("The delivery is queued again, with the same id."))
    else:
        messages.info(request, _("This delivery cannot be sent again."))
    return redirect("api:webhook_log", pk=delivery.subscription_id)
