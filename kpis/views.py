import csv
import io


from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from people import access

from . import parsing, services
from .forms import MappingForm, UploadForm
from .models import KpiImport

PREVIEW_ROWS = 10


@login_required
@require_http_methods(["GET", "POST"])
def import_list(request):
    access.require_hr(request.user)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        kpi_import = KpiImport.objects.create(source=services.source_for(form.cleaned_data["source"]), file=upload,
                                              file_name=upload.name, uploaded_by=request.user)
        return redirect("kpis:import_detail", pk=kpi_import.pk)
    page = Paginator(KpiImport.objects.select_related("source", "uploaded_by"), 20).get_page(request.GET.get("page"))
    return render(request, "kpis/imports.html", {"form": form, "page_obj": page})


@login_required
@require_http_methods(["GET", "POST"])
def import_detail(request, pk):
    access.require_hr(request.user)
    kpi_import = get_object_or_404(KpiImport.objects.select_related("source"), pk=pk)
    if kpi_import.status != KpiImport.Status.UPLOADED:
        return render(request, "kpis/import_status.html", {"kpi_import": kpi_import})
    try:
        with kpi_import.file.open("rb") as handle:
            table = parsing.read_table(kpi_import.file_name, handle.read())
    except parsing.FileProblem as problem:
        kpi_import.status, kpi_import.message = KpiImport.Status.FAILED, str(problem)
        kpi_import.save(update_fields=["status", "message"])
        return render(request, "kpis/import_status.html", {"kpi_import": kpi_import})
    initial = kpi_import.source.mapping or parsing.guess_mapping(table.headers)
    form = MappingForm(request.POST or None, headers=table.headers, initial=initial)
    mapping = form.mapping() if form.is_bound and form.is_valid() else initial
    preview = parsing.validate(parsing.Table(table.headers, table.rows[:PREVIEW_ROWS]), mapping,
                               services.agents_by_email())
    if request.method == "POST" and form.is_valid() and "start" in request.POST:
        services.kpi_import_start(kpi_import=kpi_import, mapping=form.mapping())
        return redirect("kpis:import_detail", pk=kpi_import.pk)
    return render(request, "kpis/import_mapping.html", {
        "kpi_import": kpi_import, "form": form, "preview": preview, "rows": len(table.rows),
        "problems": parsing.check_mapping(table, mapping),
    })


@login_required
def import_status(request, pk):
    access.require_hr(request.user)
    kpi_import = get_object_or_404(KpiImport, pk=pk)
    return render(request, "kpis/_import_progress.html", {"kpi_import": kpi_import})


@login_required
def import_errors(request, pk):
    access.require_hr(request.user)
    kpi_import = get_object_or_404(KpiImport, pk=pk)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow([_("Line"), _("Problem")])
    writer.writerows(kpi_import.errors)
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="kpi-import-{kpi_import.pk}-errors.csv"'
    return response


@login_required
def team_kpis(request, pk):
    from django.utils import timezone

    from .selectors import team_weekly_medians

    from .charts import trend_chart

    team = access.get_team_or_404(request.user, pk)
    weeks = team_weekly_medians(team, timezone.localdate())
    return render(request, "kpis/team.html", {"team": team, "weeks": weeks, "chart": trend_chart(weeks, "aht_seconds")})
