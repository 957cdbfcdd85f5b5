from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from core.spreadsheets import csv_stream
from people import access

from . import selectors
from .forms import AuditFilterForm

PAGE_SIZE = 50


def _filtered(request):
    form = AuditFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    return form, selectors.search(**{k: v for k, v in filters.items() if v})


@login_required
@require_safe
def audit_list(request):
    access.require_hr(request.user)
    form, events = _filtered(request)
    query = request.GET.copy()
    query.pop("page", None)
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request, "audit/list.html", {"form": form, "page_obj": page, "query": query.urlencode()}
    )


@login_required
@require_safe
@never_cache
def audit_export(request):
    access.require_hr(request.user)
    form, events = _filtered(request)
    header = [
        _("When"),
        pgettext("audit", "By"),
        _("Role"),
        pgettext("audit", "Action"),
        _("What"),
        _("Record number"),
        _("Whose records"),
    ]
    rows = (
        [
            timezone.localtime(e.at).isoformat(timespec="seconds"),
            e.actor_label or _("deleted account"),
            e.get_actor_role_display(),
            e.get_kind_display(),
            e.get_record_display(),
            e.object_id,
            e.subject,
        ]
        for e in events.iterator(chunk_size=2000)
    )
    response = StreamingHttpResponse(
        csv_stream(header, rows), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="access-audit.csv"'
    return response


@login_required
@require_safe
def seen_my_data(request):
    """Every person sees who opened their records."""
    page = Paginator(selectors.events_about(request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "audit/seen_my_data.html",
        {
            "page_obj": page,
            "events": selectors.name_records(
                selectors.merge_repeats(page.object_list), request.user
            ),
        },
    )
