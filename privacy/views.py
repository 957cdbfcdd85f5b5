from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from audit import recorder
from core.confirmation import confirmation_page, is_confirmed
from people import access, features
from people.forms import add_service_errors

from . import confirmations, personal_data, register, selectors, services
from .forms import DataRequestForm, PersonSearchForm, StatementForm


def _attachment(content, content_type, filename):
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _stamp():
    return timezone.localdate().isoformat()


@login_required
def my_data(request):
    """What the portal stores about the user, counted; their copies, and a button to ask for one."""
    if request.method == "POST":
        services.copy_request(actor=request.user, person=request.user)
        messages.success(
            request,
            _("Your copy is being prepared. You will be notified when it is ready to download."),
        )
        return redirect("privacy:my_data")
    categories = personal_data.counts(request.user)
    return render(
        request,
        "privacy/my_data.html",
        {"categories": categories, "copies": selectors.copies_of(request.user)},
    )


@login_required
@require_safe
@never_cache
def my_copy(request, pk, fmt):
    """The person's own copy: nobody else downloads it, not HR, not an administrator."""
    data_request = selectors.copy_or_404(request.user, pk)
    services.copy_handed_over(data_request=data_request, by=request.user)
    stamp = timezone.localdate(data_request.ready_at).isoformat()
    if fmt == "pdf":
        return _attachment(bytes(data_request.pdf_copy), "application/pdf", f"my-data-{stamp}.pdf")
    return _attachment(
        bytes(data_request.json_copy), "application/json; charset=utf-8", f"my-data-{stamp}.json"
    )


@login_required
@require_safe
def hr_people(request):
    access.require_hr(request.user)
    form = PersonSearchForm(request.GET or None)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    page = Paginator(selectors.people_for_hr(query), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "privacy/hr_people.html",
        {"form": form, "page_obj": page, "query": f"q={query}" if query else ""},
    )


@login_required
def hr_person_requests(request, pk):
    """HR records a person's request for a copy and follows its status; the content goes to the
    person alone."""
    person = selectors.person_for_hr_or_404(request.user, pk)
    form = DataRequestForm(
        request.POST or None, initial={"received_on": timezone.localdate().isoformat()}
    )
    if request.method == "POST" and form.is_valid():
        try:
            data_request = services.copy_request(
                actor=request.user, person=person, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            recorder.record(
                request,
                person,
                recorder.Record.DATA_EXPORT,
                kind=recorder.Kind.REQUEST,
                object_id=data_request.pk,
            )
            messages.success(
                request,
                _(
                    "The request is recorded. The copy is prepared and handed to %(person)s alone; "
                    "they are notified."
                )
                % {"person": person},
            )
            return redirect("privacy:hr_person_requests", pk=person.pk)
    return render(
        request,
        "privacy/hr_person_requests.html",
        {
            "person": person,
            "form": form,
            "requests": selectors.requests_followed_by(request.user, person),
        },
    )


def _statement(request, record, template_record):
    form = StatementForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and not is_confirmed(request):
        return confirmation_page(request, confirmations.statement_add(record))
    if request.method == "POST" and form.is_valid():
        try:
            services.statement_add(
                author=request.user, record=record, text=form.cleaned_data["text"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your statement was added to the record."))
            return redirect(record.get_absolute_url())
    return render(
        request,
        "privacy/statement_form.html",
        {"form": form, "record": record, "kind": template_record},
    )


@login_required
def note_statement(request, pk):
    return _statement(request, selectors.note_for_statement(request.user, pk), "note")


@login_required
def review_statement(request, pk):
    return _statement(request, selectors.review_for_statement(request.user, pk), "review")


@login_required
@require_safe
def works_council(request):
    access.require_hr(request.user)
    return render(
        request,
        "privacy/works_council.html",
        {
            "features": features.states(),
            "min_group_size": features.min_group_size(),
            "retention": register.retention_periods(),
        },
    )


@login_required
@require_safe
def register_page(request):
    return render(request, "privacy/register.html", register.context())


@login_required
@require_safe
def register_markdown(request):
    text = render_to_string("privacy/register.md", register.context(), request=request)
    return _attachment(
        text, "text/markdown; charset=utf-8", f"register-of-processing-{_stamp()}.md"
    )


@login_required
@require_safe
def register_pdf(request):
    from weasyprint import HTML

    html = render_to_string("privacy/register_pdf.html", register.context(), request=request)
    pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
    return _attachment(pdf, "application/pdf", f"register-of-processing-{_stamp()}.pdf")
