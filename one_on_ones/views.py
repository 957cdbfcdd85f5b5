from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from core import once
from core.confirmation import act_once_confirmed, confirmation_page, is_confirmed
from people import access
from people.forms import add_service_errors

from . import confirmations, selectors, services
from .agenda_templates import TEMPLATES
from .forms import (
    ActionItemForm,
    NoteForm,
    PointEditForm,
    PointForm,
    PrivateNoteForm,
    SeriesForm,
    WhenForm,
)
from .models import ActionItem, SharedNote, TalkingPoint

HOME_PAGES = ("me", "lead_dashboard")  # where an action item is also ticked off


def _error(request, error: ValidationError) -> None:
    messages.error(request, " ".join(error.messages))


@login_required
def meeting_list(request):
    access.require(access.opens_one_on_ones(request.user))
    return render(
        request,
        "one_on_ones/list.html",
        {
            "meetings": selectors.meeting_list(request.user),
            "may_start": access.agents_for_one_on_ones(request.user).exists(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def series_create(request):
    agents = access.agents_for_one_on_ones(request.user).order_by("last_name", "first_name")
    access.require(agents.exists())
    form = SeriesForm(
        request.POST or None, agents=agents, initial={"agent": request.GET.get("agent")}
    )
    if request.method == "POST" and form.is_valid():
        try:
            series = services.series_start(lead=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The one-on-ones are planned."))
            return redirect(series.meetings.order_by("scheduled_at").first())
    return render(request, "one_on_ones/series_form.html", {"form": form})


@login_required
def meeting_detail(request, pk):
    page = selectors.meeting_page(request.user, pk)
    return render(
        request,
        "one_on_ones/meeting.html",
        {
            "page": page,
            "meeting": page.meeting,
            "rights": page.rights,
            "point_form": PointForm(),
            "submit_token": once.token(request),  # the written talking point only, not suggestions
            "note_form": NoteForm(),
            "private_form": PrivateNoteForm(
                initial={"text": page.private_note.text if page.private_note else ""}
            ),
            "action_form": ActionItemForm(meeting=page.meeting),
            "templates": TEMPLATES.values(),
        },
    )


def _meeting(request, pk):
    meeting, _rights = selectors.access_meeting(request.user, pk, need_change=True)
    return meeting


@login_required
@require_POST
def point_add(request, pk):
    meeting = _meeting(request, pk)
    if once.saved_before(request, "talking_point"):  # Back, then Add again: the point is there
        messages.info(request, _("This talking point was already added."))
        return redirect(meeting)
    form = PointForm(request.POST)
    if form.is_valid():
        try:
            point = services.point_add(
                meeting=meeting,
                by=request.user,
                text=form.cleaned_data["text"],
                source=form.cleaned_data["source"] or TalkingPoint.Source.NONE,
                source_id=form.cleaned_data["source_id"],
            )
        except ValidationError as error:
            _error(request, error)
        else:
            once.remember(request, "talking_point", point.pk)
    else:
        messages.error(request, _("Please write the talking point (at most 300 characters)."))
    return redirect(meeting)


@login_required
@require_POST
def template_apply(request, pk):
    meeting = _meeting(request, pk)
    try:
        services.agenda_template_apply(
            meeting=meeting, by=request.user, key=request.POST.get("template", "")
        )
    except ValidationError as error:
        _error(request, error)
    return redirect(meeting)


@login_required
@require_POST
def point_done(request, pk):
    visible = access.meetings_visible_to(
        request.user,
        TalkingPoint.objects.all(),
        lead_field="meeting__series__lead",
        agent_field="meeting__series__agent",
    )
    point = get_object_or_404(visible.select_related("meeting"), pk=pk)
    try:
        services.point_set_done(point=point, by=request.user, done=request.POST.get("done") == "1")
    except ValidationError as error:
        _error(request, error)
    return redirect(point.meeting)


@login_required
@require_POST
def shared_note_add(request, pk):
    meeting = _meeting(request, pk)
    form = NoteForm(request.POST)
    if form.is_valid():
        services.shared_note_add(meeting=meeting, by=request.user, text=form.cleaned_data["text"])
        messages.success(request, _("The note was added; both of you can read it."))
    else:
        messages.error(request, " ".join(form.errors.get("text", [])))
    return redirect(meeting)


@login_required
@require_POST
def private_note_save(request, pk):
    meeting = _meeting(request, pk)
    form = PrivateNoteForm(request.POST)
    if form.is_valid():
        services.private_note_save(meeting=meeting, by=request.user, text=form.cleaned_data["text"])
        messages.success(request, _("Your private note was saved. Only you can read it."))
    else:
        messages.error(request, " ".join(form.errors.get("text", [])))
    return redirect(meeting)


@login_required
@require_POST
def action_item_add(request, pk):
    meeting = _meeting(request, pk)
    form = ActionItemForm(request.POST, meeting=meeting)
    if form.is_valid():
        owner = (
            meeting.series.agent
            if form.cleaned_data["owner"] == meeting.series.agent_id
            else meeting.series.lead
        )
        try:
            services.action_item_add(
                meeting=meeting,
                by=request.user,
                text=form.cleaned_data["text"],
                owner=owner,
                due_on=form.cleaned_data["due_on"],
            )
        except ValidationError as error:
            _error(request, error)
        else:
            messages.success(request, _("The action item was added."))
    else:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect(meeting)


@login_required
@require_POST
def action_item_done(request, pk):
    visible = access.meetings_visible_to(
        request.user,
        ActionItem.objects.all(),
        lead_field="meeting__series__lead",
        agent_field="meeting__series__agent",
    )
    item = get_object_or_404(visible.select_related("meeting"), pk=pk)
    services.action_item_complete(item=item, by=request.user)
    messages.success(request, _("The action item is done."))
    back = request.POST.get("next")
    return redirect(back if back in HOME_PAGES else item.meeting)


@login_required
@require_http_methods(["GET", "POST"])
def meeting_move(request, pk):
    meeting = _meeting(request, pk)
    form = WhenForm(request.POST or None, initial={"scheduled_at": meeting.scheduled_at})
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_move(meeting=meeting, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The one-on-one was moved."))
            return redirect(meeting)
    return render(
        request, "one_on_ones/when_form.html", {"form": form, "meeting": meeting, "extra": False}
    )


@login_required
@require_http_methods(["GET", "POST"])
def meeting_extra(request, pk):
    meeting, rights = selectors.access_meeting(request.user, pk, need_change=True)
    access.require(rights.is_agent)
    form = WhenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            extra = services.meeting_request_extra(
                agent=request.user, meeting=meeting, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The extra one-on-one is planned; your lead sees it."))
            return redirect(extra)
    return render(
        request, "one_on_ones/when_form.html", {"form": form, "meeting": meeting, "extra": True}
    )


@login_required
@require_POST
def meeting_finish(request, pk):
    meeting = _meeting(request, pk)
    if not is_confirmed(request):
        open_points = meeting.points.filter(done=False).count()
        return confirmation_page(request, confirmations.finish(meeting, open_points))
    services.meeting_finish(meeting=meeting, by=request.user)
    messages.success(request, _("The one-on-one is finished; open points moved to the next one."))
    return redirect(meeting)


# Changing and deleting one's own entries: the writer alone, while they may change the meeting
# (people.access.may_change_own_entry); a talking point only while the meeting is open, an action
# item only until it is done.


def _visible(request, model):
    return access.meetings_visible_to(
        request.user,
        model.objects.select_related("meeting__series__lead", "meeting__series__agent"),
        lead_field="meeting__series__lead",
        agent_field="meeting__series__agent",
    )


def _own(request, model, pk, author_field):
    entry = get_object_or_404(_visible(request, model), pk=pk)
    _meeting, rights = selectors.access_meeting(request.user, entry.meeting_id)
    access.require(access.may_change_own_entry(request.user, rights, getattr(entry, author_field)))
    return entry


def _edit_page(request, form, entry, title):
    return render(
        request,
        "one_on_ones/entry_form.html",
        {"form": form, "meeting": entry.meeting, "title": title},
    )


def _saved(request, save, form) -> bool:
    try:
        save()
    except ValidationError as error:
        add_service_errors(form, error)
        return False
    messages.success(request, _("Your change was saved."))
    return True


def _delete(request, entry, title, delete):
    return act_once_confirmed(
        request,
        confirmations.delete(title, entry.meeting),
        delete,
        done=_("Deleted."),
        then=entry.meeting,
    )


@login_required
@require_http_methods(["GET", "POST"])
def point_edit(request, pk):
    point = _own(request, TalkingPoint, pk, "author_id")
    form = PointEditForm(request.POST or None, initial={"text": point.text})
    if request.method == "POST" and form.is_valid():
        save = partial(
            services.point_edit, point=point, by=request.user, text=form.cleaned_data["text"]
        )
        if _saved(request, save, form):
            return redirect(point.meeting)
    return _edit_page(request, form, point, _("Change the talking point"))


@login_required
@require_POST
def point_delete(request, pk):
    point = _own(request, TalkingPoint, pk, "author_id")
    return _delete(
        request,
        point,
        _("Delete the talking point “%(text)s”?") % {"text": point.text},
        partial(services.point_delete, point=point, by=request.user),
    )


@login_required
@require_http_methods(["GET", "POST"])
def shared_note_edit(request, pk):
    note = _own(request, SharedNote, pk, "author_id")
    form = NoteForm(request.POST or None, initial={"text": note.text})
    if request.method == "POST" and form.is_valid():
        save = partial(
            services.shared_note_edit, note=note, by=request.user, text=form.cleaned_data["text"]
        )
        if _saved(request, save, form):
            return redirect(note.meeting)
    return _edit_page(request, form, note, _("Change the shared note"))


@login_required
@require_POST
def shared_note_delete(request, pk):
    note = _own(request, SharedNote, pk, "author_id")
    return _delete(
        request,
        note,
        _("Delete this shared note?"),
        partial(services.shared_note_delete, note=note, by=request.user),
    )


@login_required
@require_http_methods(["GET", "POST"])
def action_item_edit(request, pk):
    item = _own(request, ActionItem, pk, "created_by_id")
    access.require(not item.is_done)
    series = item.meeting.series
    form = ActionItemForm(
        request.POST or None,
        meeting=item.meeting,
        initial={"text": item.text, "owner": item.owner_id, "due_on": item.due_on},
    )
    if request.method == "POST" and form.is_valid():
        owner = series.agent if form.cleaned_data["owner"] == series.agent_id else series.lead
        save = partial(
            services.action_item_edit,
            item=item,
            by=request.user,
            text=form.cleaned_data["text"],
            owner=owner,
            due_on=form.cleaned_data["due_on"],
        )
        if _saved(request, save, form):
            return redirect(item.meeting)
    return _edit_page(request, form, item, _("Change the action item"))


@login_required
@require_POST
def action_item_delete(request, pk):
    item = _own(request, ActionItem, pk, "created_by_id")
    return _delete(
        request,
        item,
        _("Delete the action item “%(text)s”?") % {"text": item.text},
        partial(services.action_item_delete, item=item, by=request.user),
    )
