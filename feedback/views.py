from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from audit import recorder
from core import once
from core.confirmation import confirmation_page, is_confirmed
from core.http import bad_request
from core.i18n import local_datetime
from people import access
from people.forms import add_service_errors, id_or_none
from people.models import User
from people.periods import Quarter
from people.selectors import current_leads_of_agent

from . import confirmations, selectors, services
from .forms import AcknowledgeForm, DeliverForm, NoteContentForm, NoteForm, UpwardFeedbackForm

QUARTERS_SHOWN = 4
UPWARD_QUARTERS_SHOWN = 4


@login_required
def inbox(request):
    access.require_lead_pages(request.user)
    page = selectors.inbox_page(request.user, request.GET.get("page"), 25)
    context = {"page_obj": page, "show_timeliness": access.sees_lead_timeliness(request.user)}
    if context["show_timeliness"]:
        quarters = Quarter.current().last(QUARTERS_SHOWN)
        visible = selectors.notes_visible_to(request.user)  # the policy built once for both figures
        context["mine"] = selectors.timeliness_by_quarter(
            visible.filter(author=request.user), quarters
        )
        context["teams"] = selectors.timeliness_by_team(
            visible, access.teams_visible_to(request.user), quarters
        )
    return render(request, "feedback/inbox.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def note_create(request):
    access.require_lead_pages(request.user)
    initial = {"agent": agent_id} if (agent_id := id_or_none(request.GET.get("agent"))) else {}
    form = NoteForm(request.POST or None, lead=request.user, initial=initial)
    if request.method == "POST" and (earlier := once.saved_before(request, "note")):
        messages.info(request, _("This note was already saved; here it is."))
        return redirect("feedback:note_detail", pk=earlier)
    if request.method == "POST" and form.is_valid():
        try:
            note = services.note_create(author=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            once.remember(request, "note", note.pk)
            messages.success(
                request,
                _("The note was saved. Feedback is due by %(due)s.")
                % {"due": local_datetime(note.feedback_due_at)},
            )
            return redirect(note)
    return render(
        request,
        "feedback/note_form.html",
        {"form": form, "note": None, "submit_token": once.token(request)},
    )


def _own_note_or_404(user, pk):
    """The user's own note about an agent they still coach: nobody else edits, shares or delivers it."""
    note, _rights = selectors.access_note(user, pk, need_change=True)
    return note


@login_required
@require_http_methods(["GET", "POST"])
def note_edit(request, pk):
    note = _own_note_or_404(request.user, pk)
    if note.is_locked:
        messages.info(request, services.LOCKED)
        return redirect("feedback:note_correct", pk=note.pk)
    initial = {
        f: getattr(note, f)
        for f in ("agent", "observed_at", "channel", "kind", "situation", "effect", "next_step")
    }
    initial["skills"] = list(note.skills.all())
    form = NoteForm(request.POST or None, lead=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "agent"}
        try:
            services.note_update(note=note, by=request.user, **data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The note was saved."))
            return redirect(note)
    return render(request, "feedback/note_form.html", {"form": form, "note": note})


@login_required
@require_http_methods(["GET", "POST"])
def note_correct(request, pk):
    """An acknowledged note stays as the agent read it; the lead writes a linked correction."""
    note = _own_note_or_404(request.user, pk)
    if not note.is_locked:
        return redirect("feedback:note_edit", pk=note.pk)
    form = NoteContentForm(
        request.POST or None,
        initial={
            "kind": note.kind,
            "situation": note.situation,
            "effect": note.effect,
            "next_step": note.next_step,
            "skills": list(note.skills.all()),
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            correction = services.note_correct(note=note, author=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("The correction is saved and shared with %(agent)s.") % {"agent": note.agent},
            )
            return redirect(correction)
    return render(request, "feedback/note_correct.html", {"form": form, "note": note})


@login_required
def note_detail(request, pk):
    note, rights = selectors.access_note(request.user, pk)
    recorder.record(request, note.agent_id, recorder.Record.NOTE, object_id=note.pk)
    return render(
        request,
        "feedback/note_detail.html",
        {
            "note": note,
            "can_coach": rights.may_change,
            "is_agent": rights.is_about_viewer,
            "history": selectors.note_history(request.user, note),
            "deliver_form": DeliverForm(),
            "acknowledge_form": AcknowledgeForm(initial={"comment": note.agent_comment}),
        },
    )


@login_required
@require_POST
def note_share(request, pk):
    note = _own_note_or_404(request.user, pk)
    if not is_confirmed(request):
        return confirmation_page(request, confirmations.share(note))
    services.note_share(note=note, by=request.user)
    messages.success(request, _("The note is now shared with %(agent)s.") % {"agent": note.agent})
    return redirect(note)


@login_required
@require_http_methods(["GET", "POST"])
def note_deliver(request, pk):
    note = _own_note_or_404(request.user, pk)
    form = DeliverForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.note_deliver(note=note, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("The feedback is recorded as given and shared with the agent.")
            )
            return redirect(note)
    return render(request, "feedback/note_deliver.html", {"note": note, "form": form})


@login_required
@require_POST
def note_acknowledge(request, pk):
    note, rights = selectors.access_note(request.user, pk)
    access.require(rights.is_about_viewer)
    form = AcknowledgeForm(request.POST)
    if form.is_valid() and not note.acknowledged_at and not is_confirmed(request):
        return confirmation_page(request, confirmations.acknowledge(note))
    if form.is_valid():
        services.note_acknowledge(note=note, by=request.user, comment=form.cleaned_data["comment"])
        messages.success(request, _("Thank you. Your lead sees that you have read the feedback."))
    return redirect(note)


@login_required
def agent_notes(request, pk):
    agent, rights = access.access_agent(request.user, pk)
    notes = selectors.with_last_change(selectors.notes_visible_to(request.user).filter(agent=agent))
    recorder.record(request, agent, recorder.Record.NOTES)
    page = Paginator(notes, 25).get_page(request.GET.get("page"))
    return render(
        request,
        "feedback/agent_notes.html",
        {"agent": agent, "page_obj": page, "is_agent": rights.is_self},
    )


@login_required
@require_http_methods(["GET", "POST"])
def upward_give(request):
    access.require(access.may_give_upward_feedback(request.user))
    form = UpwardFeedbackForm(request.POST or None, agent=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.upward_feedback_give(author=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Thank you for your feedback."))
            return redirect("me")
    return render(
        request,
        "feedback/upward_form.html",
        {
            "form": form,
            "minimum": selectors.min_anonymous(),
            "quarter": Quarter.current(),
            "has_lead": bool(form.open_leads) or current_leads_of_agent(request.user).exists(),
        },
    )


@login_required
def upward_received(request):
    access.require(access.sees_upward_feedback_received(request.user))
    page = Paginator(selectors.named_upward_feedback(request.user), 25).get_page(
        request.GET.get("page")
    )
    quarters = selectors.closed_quarters(UPWARD_QUARTERS_SHOWN)
    return render(
        request,
        "feedback/upward_received.html",
        {
            "page_obj": page,
            "quarters": [
                (q, selectors.upward_figures(request.user, q, with_comments=True)) for q in quarters
            ],
            "current": Quarter.current(),
            "minimum": selectors.min_anonymous(),
        },
    )


def _closed_quarter(request) -> Quarter:
    """The quarter asked for (the last closed one by default); only closed quarters have figures."""
    label = request.GET.get("quarter")
    quarter = Quarter.parse(label) if label else Quarter.current().previous()
    if not selectors.quarter_is_closed(quarter):
        raise ValueError(label)
    return quarter


@login_required
def upward_by_lead(request):
    access.require(access.sees_upward_feedback_by_lead(request.user))
    try:
        quarter = _closed_quarter(request)
    except ValueError:
        return bad_request(
            request, _("Figures exist only for quarters that have ended. Use the form Q3 2026.")
        )
    leads = access.team_leads().filter(is_active=True)
    page = Paginator(leads.order_by("last_name", "first_name"), 50).get_page(
        request.GET.get("page")
    )
    rows = selectors.upward_by_lead(
        User.objects.filter(pk__in=[lead.pk for lead in page.object_list]), quarter
    )
    return render(
        request,
        "feedback/upward_by_lead.html",
        {
            "rows": rows,
            "page_obj": page,
            "minimum": selectors.min_anonymous(),
            "quarter": quarter,
            "quarters": selectors.closed_quarters(UPWARD_QUARTERS_SHOWN),
        },
    )
