import csv
import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from core.spreadsheets import neutralise
from people import access

from . import presets, selectors, services
from .charts import trend_chart
from .forms import LinkForm, MappingForm, UploadForm
from .models import KpiImport
from .selectors import team_weekly_medians


def _import_or_404(user, pk) -> KpiImport:
    access.require_hr(user)
    return get_object_or_404(KpiImport.objects.select_related("source"), pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
def import_list(request):
    access.require_hr(request.user)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        kpi_import = services.kpi_import_receive(
            source_name=form.cleaned_data["source"],
            upload=form.cleaned_data["file"],
            sample=form.sample,
            user=request.user,
        )
        return redirect(kpi_import)
    page = Paginator(KpiImport.objects.select_related("source", "uploaded_by"), 20).get_page(
        request.GET.get("page")
    )
    return render(request, "kpis/imports.html", {"form": form, "page_obj": page})


@login_required
@require_http_methods(["GET", "POST"])
def import_detail(request, pk):
    kpi_import = _import_or_404(request.user, pk)
    if kpi_import.status != KpiImport.Status.UPLOADED:
        return render(request, "kpis/import_status.html", _status_context(kpi_import))
    form = MappingForm.for_import(kpi_import, request.POST if request.method == "POST" else None)
    preset, mapping, channel = form.choice()
    if form.is_bound and form.is_valid():
        services.kpi_import_remember_mapping(
            kpi_import=kpi_import, mapping=mapping, preset_name=preset.name, channel=channel
        )
    preview = selectors.sample_preview(kpi_import, preset=preset, mapping=mapping, channel=channel)
    action = form.action(preview)
    if action:
        services.kpi_import_start(
            kpi_import=kpi_import,
            mapping=mapping,
            preset_name=preset.name,
            channel=channel,
            confirm=action == "import",
        )
        return redirect(kpi_import)
    return render(
        request,
        "kpis/import_mapping.html",
        {
            "kpi_import": kpi_import,
            "form": form,
            "preview": preview,
            "preset": preset,
            "link_form": LinkForm(identifiers=preview["unmatched"]),
            "agents": selectors.agent_choices(),
        },
    )


def _status_context(kpi_import) -> dict:
    unmatched = [identifier for identifier, _rows in kpi_import.result.get("unmatched", [])]
    context = {
        "kpi_import": kpi_import,
        "preset": presets.PRESETS.get(kpi_import.preset),
        "first_errors": kpi_import.errors[:20],
    }
    if unmatched and kpi_import.status in (KpiImport.Status.FAILED, KpiImport.Status.CHECKED):
        context.update(
            link_form=LinkForm(identifiers=unmatched[:100]),
            agents=selectors.agent_choices(),
            unmatched_rows=dict(kpi_import.result.get("unmatched", [])),
        )
    return context


@login_required
@require_POST
def import_link(request, pk):
    """Link unmatched identifiers to agents (remembered for the source), then check the file again."""
    kpi_import = _import_or_404(request.user, pk)
    if kpi_import.status == KpiImport.Status.UPLOADED:
        identifiers = selectors.sample_preview(
            kpi_import,
            preset=presets.get(kpi_import.preset),
            mapping=kpi_import.result.get("mapping") or {},
            channel=kpi_import.channel,
        )["unmatched"]
    else:
        identifiers = [identifier for identifier, _rows in kpi_import.result.get("unmatched", [])][
            :100
        ]
    form = LinkForm(request.POST, identifiers=identifiers)
    if form.is_valid():
        linked = services.identifiers_link(kpi_import=kpi_import, links=form.links, by=request.user)
        messages.success(
            request,
            _("%(count)s agent(s) linked; they are recognised in every later file.")
            % {"count": linked},
        )
    else:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect(kpi_import)


@login_required
@require_POST
def import_confirm(request, pk):
    """Import a checked file (the worker reads it again and writes all rows or none)."""
    kpi_import = _import_or_404(request.user, pk)
    if kpi_import.status == KpiImport.Status.CHECKED:
        services.kpi_import_start(
            kpi_import=kpi_import,
            mapping=kpi_import.source.mapping,
            preset_name=kpi_import.preset,
            channel=kpi_import.channel,
            confirm=True,
        )
    return redirect(kpi_import)


@login_required
@require_POST
def import_remap(request, pk):
    """Back to the mapping page, for a file that was checked or failed."""
    kpi_import = _import_or_404(request.user, pk)
    services.kpi_import_reopen(kpi_import=kpi_import)
    return redirect(kpi_import)


@login_required
def import_status(request, pk):
    kpi_import = _import_or_404(request.user, pk)
    return render(
        request, "kpis/_import_progress.html", {"kpi_import": kpi_import, "polling": True}
    )


@login_required
def import_errors(request, pk):
    kpi_import = _import_or_404(request.user, pk)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow([_("Line"), _("Problem")])
    writer.writerows([number, neutralise(message)] for number, message in kpi_import.errors)
    if kpi_import.error_count > len(kpi_import.errors):
        writer.writerow(
            [
                "",
                _("… and %(count)s more problem(s) not listed.")
                % {"count": kpi_import.error_count - len(kpi_import.errors)},
            ]
        )
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="kpi-import-{kpi_import.pk}-errors.csv"'
    )
    return response


@login_required
def team_kpis(request, pk):

    team = access.get_team_or_404(request.user, pk)
    smallest = access.smallest_group_shown(request.user, team)
    weeks = [w for w in team_weekly_medians(team, timezone.localdate()) if w["agents"] >= smallest]
    for week in weeks:
        if week["qa_agents"] < smallest:  # the evaluations of fewer agents would describe a person
            week["qa_evaluations"] = None
    return render(
        request,
        "kpis/team.html",
        {
            "team": team,
            "weeks": weeks,
            "smallest_group": smallest,
            "chart": trend_chart(weeks, "aht_seconds"),
        },
    )
