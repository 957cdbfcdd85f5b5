from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from audit import recorder
from core.http import bad_request
from people import access
from people.forms import id_or_none
from people.models import Team
from people.periods import Quarter
from reviews.selectors import reviews_visible_to

from . import exports, selectors
from .models import ExportLog


class BadExportRequest(Exception):
    pass


def _filters(request):
    """Quarter (required), team and status from the query string; raises BadExportRequest with a message."""
    try:
        quarter = Quarter.parse(request.GET.get("quarter", ""))
    except ValueError as error:
        raise BadExportRequest(_("Unknown quarter. Use the form Q3 2026.")) from error
    team = None
    if request.GET.get("team"):
        team = (
            Team.objects.filter(pk=id_or_none(request.GET["team"])).first()
            if id_or_none(request.GET["team"])
            else None
        )
        if team is None:
            raise BadExportRequest(_("Unknown team."))
    status = request.GET.get("status") or None
    if status and status not in selectors.EXPORTED_STATUSES:
        raise BadExportRequest(_("Unknown status."))
    return quarter, team, status


def _log(request, kind, quarter, team, status):
    ExportLog.objects.create(
        user=request.user,
        kind=kind,
        parameters={"quarter": quarter.label, "team": team.pk if team else None, "status": status},
    )


def _then(lines, after):
    yield from lines
    after()


def _filename(quarter, team, extension):
    suffix = f"-team-{team.pk}" if team else ""
    return f"reviews-{quarter.label}{suffix}.{extension}"


@login_required
def export_page(request):
    access.require_hr(request.user)
    return render(
        request,
        "reports/exports.html",
        {
            "quarters": Quarter.current().last(6)[::-1],
            "teams": Team.objects.order_by("name"),
            "statuses": [(status.value, status.label) for status in selectors.EXPORTED_STATUSES],
            "recent": ExportLog.objects.select_related("user")[:10],
        },
    )


def _export(kind):
    def view(request):
        access.require_hr(request.user)
        try:
            quarter, team, status = _filters(request)
        except BadExportRequest as error:
            return bad_request(request, str(error))
        reviews = selectors.review_export_queryset(request.user, quarter, team=team, status=status)

        def record():  # the export log and the audit trail, once the export exists
            _log(request, kind, quarter, team, status)
            recorder.record_many(
                request,
                set(reviews.values_list("agent_id", flat=True)),
                recorder.Record.REVIEW_EXPORT,
                kind=recorder.Kind.EXPORT,
            )
            if (
                response.streaming
            ):  # the middleware wrote the request's events before the stream ended
                recorder.write_pending(request)

        if kind == "reviews.csv":
            # Streamed: logged once the last line has been produced, so a failed export leaves no log row.
            response = StreamingHttpResponse(
                _then(
                    exports.csv_stream(selectors.COLUMNS, selectors.review_rows(reviews)), record
                ),
                content_type="text/csv; charset=utf-8",
            )
        elif kind == "reviews.xlsx":
            response = HttpResponse(
                exports.xlsx_bytes(
                    selectors.COLUMNS, selectors.review_rows(reviews), title=quarter.label
                ),
                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            )
        else:
            response = HttpResponse(
                exports.pdf_bytes(
                    "reports/reviews_pdf.html",
                    {
                        "reviews": list(selectors.review_rows(reviews)),
                        "quarter": quarter,
                        "team": team,
                    },
                    request.build_absolute_uri("/"),
                ),
                content_type="application/pdf",
            )
        response["Content-Disposition"] = (
            f'attachment; filename="{_filename(quarter, team, kind.split(".")[1])}"'
        )
        if not response.streaming:
            record()
        return response

    return login_required(view)


reviews_csv = _export("reviews.csv")
reviews_xlsx = _export("reviews.xlsx")
reviews_pdf = _export("reviews.pdf")


@login_required
def review_pdf(request, pk):
    access.require_hr(request.user)
    review = get_object_or_404(reviews_visible_to(request.user), pk=pk)
    quarter = review.cycle.quarter
    rows = list(
        selectors.review_rows(
            selectors.review_export_queryset(request.user, quarter).filter(pk=review.pk)
        )
    )
    response = HttpResponse(
        exports.pdf_bytes(
            "reports/reviews_pdf.html",
            {
                "reviews": rows,
                "quarter": quarter,
                "team": None,
            },
            request.build_absolute_uri("/"),
        ),
        content_type="application/pdf",
    )
    response["Content-Disposition"] = (
        f'attachment; filename="review-{review.pk}-{quarter.label}.pdf"'
    )
    _log(request, "review.pdf", quarter, None, None)
    recorder.record(
        request,
        review.agent_id,
        recorder.Record.REVIEW_EXPORT,
        kind=recorder.Kind.EXPORT,
        object_id=review.pk,
    )
    return response
