from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from people import access
from people.forms import add_service_errors, id_or_none
from people.models import Role, User
from people.periods import Quarter

from . import selectors, services
from .forms import AcknowledgeForm, DeliverForm, NoteForm, UpwardFeedbackForm

QUARTERS_SHOWN = 4


def _require_lead(user):
    if user.role != Role.LEAD:
        raise Http404




@login_required
def inbox(request):
    _require_lead(request.user)
    page = Paginator(selectors.inbox(request.user), 25).get_page(request.GET.get("page"))
    quarters = Quarter.current().last(QUARTERS_SHOWN)
    mine = selectors.timeliness_by_quarter(selectors.notes_visible_to(request.user).filter(author=request.user),
                                           quarters)
    teams = selectors.timeliness_by_team(selectors.notes_visible_to(request.user),
                                         access.teams_visible_to(request.user), quarters)
    return render(request, "feedback/inbox.html", {"page_obj": page, "mine": mine, "teams": teams})


@login_required
@require_http_methods(["GET", "POST"])
def note_create(request):
    _require_lead(request.user)
    initial = {"agent": agent_id} if (agent_id := id_or_none(request.GET.get("agent"))) else {}
    form = NoteForm(request.POST or None, lead=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            note = services.note_create(author=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The note was saved. Feedback is due by %(due)s.") % {
                "due": note.feedback_due_at.astimezone().strftime("%Y-%m-%d %H:%M")})
            return redirect(note)
    return render(request, "feedback/note_form.html", {"form": form, "note": None})


def _own_note_or_404(user, pk):
    """A note about an agent the user currently coaches."""
    note = get_object_or_404(selectors.notes_visible_to(user), pk=pk)
    if not access.can_coach(user, note.agent):
        raise Http404
    return note


@login_required
@require_http_methods(["GET", "POST"])
def note_edit(request, pk):
    note = _own_note_or_404(request.user, pk)
    initial = {f: getattr(note, f) for f in ("agent", "observed_at", "channel", "kind", "situation", "effect",
                                             "next_step")}
    initial["skills"] = list(note.skills.all())
    form = NoteForm(request.POST or None, lead=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "agent"}
        try:
            services.note_update(note=note, **data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The note was saved."))
            return redirect(note)
    return render(request, "feedback/note_form.html", {"form": form, "note": note})


@login_required
def note_detail(request, pk):
    note = get_object_or_404(selectors.notes_visible_to(request.user), pk=pk)
    is_agent = request.user.pk == note.agent_id
    return render(request, "feedback/note_detail.html", {
        "note": note,
        "can_coach": access.can_coach(request.user, note.agent),
        "is_agent": is_agent,
        "deliver_form": DeliverForm(),
        "acknowledge_form": AcknowledgeForm(initial={"comment": note.agent_comment}),
    })


@login_required
@require_POST
def note_share(request, pk):
    note = _own_note_or_404(request.user, pk)
    services.note_share(note=note)
    messages.success(request, _("The note is now shared with %(agent)s.") % {"agent": note.agent})
    return redirect(note)


@login_required
@require_http_methods(["GET", "POST"])
def note_deliver(request, pk):
    note = _own_note_or_404(request.user, pk)
    form = DeliverForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.note_deliver(note=note, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The feedback is recorded as given and shared with the agent."))
            return redirect(note)
    return render(request, "feedback/note_deliver.html", {"note": note, "form": form})


@login_required
@require_POST
def note_acknowledge(request, pk):
    note = get_object_or_404(selectors.notes_visible_to(request.user), pk=pk, agent=request.user)
    form = AcknowledgeForm(request.POST)
    if form.is_valid():
        services.note_acknowledge(note=note, comment=form.cleaned_data["comment"])
        messages.success(request, _("Thank you. Your lead sees that you have read the feedback."))
    return redirect(note)


@login_required
def agent_notes(request, pk):
    agent = access.get_agent_or_404(request.user, pk)
    notes = selectors.notes_visible_to(request.user).filter(agent=agent)
    page = Paginator(notes, 25).get_page(request.GET.get("page"))
    return render(request, "feedback/agent_notes.html", {"agent": agent, "page_obj": page})


@login_required
@require_http_methods(["GET", "POST"])
def upward_give(request):
    if request.user.role != Role.AGENT:
        raise Http404
    form = UpwardFeedbackForm(request.POST or None, agent=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.upward_feedback_give(author=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Thank you for your feedback."))
            return redirect("me")
    return render(request, "feedback/upward_form.html", {"form": form})


@login_required
def upward_received(request):
    _require_lead(request.user)
    named = request.user.upward_feedback_received.filter(author__isnull=False).select_related("author")
    page = Paginator(named, 25).get_page(request.GET.get("page"))
    return render(request, "feedback/upward_received.html", {
        "page_obj": page,
        "anonymous": selectors.upward_summary(request.user, anonymous_only=True),
        "minimum": selectors.MIN_ANONYMOUS,
    })


@login_required
def upward_by_lead(request):
    access.require_hr(request.user)
    leads = User.objects.filter(role=Role.LEAD, is_active=True)
    page = Paginator(leads.order_by("last_name", "first_name"), 50).get_page(request.GET.get("page"))
    rows = selectors.upward_by_lead(User.objects.filter(pk__in=[lead.pk for lead in page.object_list]))
    return render(request, "feedback/upward_by_lead.html", {"rows": rows, "page_obj": page,
                                                            "minimum": selectors.MIN_ANONYMOUS})
