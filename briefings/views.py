from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from core.confirmation import confirmation_page, is_confirmed
from people import access
from people.forms import add_service_errors
from people.selectors import current_agents_of

from . import confirmations, selectors, services
from .forms import AnswerForm, BriefingForm, MeetingForm, PointFormSet, QuestionForm
from .models import Briefing, Question

TEAMS_PER_PAGE = 25


@login_required
def briefing_list(request):
    briefings = selectors.for_list(selectors.briefings_visible_to(request.user))
    page = Paginator(briefings, 25).get_page(request.GET.get("page"))
    return render(
        request,
        "briefings/list.html",
        {
            "page_obj": page,
            "acknowledged": selectors.acknowledged_ids(request.user, page.object_list),
            "can_write": access.is_hr_or_admin(request.user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def briefing_edit(request, pk=None):
    access.require_hr(request.user)
    briefing = get_object_or_404(Briefing, pk=pk) if pk else Briefing()
    form = BriefingForm(request.POST or None, request.FILES or None, instance=briefing)
    points = PointFormSet(
        request.POST or None,
        prefix="points",
        initial=[{"text_en": p.text_en, "text_de": p.text_de} for p in briefing.points.all()]
        if pk
        else None,
    )
    if request.method == "POST" and form.is_valid() and points.is_valid():
        try:
            with transaction.atomic():
                saved = services.briefing_save(
                    briefing=form.save(commit=False),
                    teams=form.cleaned_data["teams"],
                    author=request.user,
                    points=[
                        (f.cleaned_data.get("text_en", ""), f.cleaned_data.get("text_de", ""))
                        for f in points.forms
                        if f.cleaned_data
                    ],
                )
                if form.cleaned_data.get("attachment"):
                    services.attachment_add(briefing=saved, upload=form.cleaned_data["attachment"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The briefing was saved."))
            return redirect(saved)
    return render(
        request, "briefings/form.html", {"form": form, "points": points, "briefing": briefing}
    )


@login_required
@require_POST
def briefing_publish(request, pk):
    access.require_hr(request.user)
    briefing = get_object_or_404(Briefing, pk=pk)
    if not is_confirmed(request):
        return confirmation_page(request, confirmations.publish(briefing))
    try:
        services.briefing_publish(briefing=briefing)
        messages.success(
            request,
            _("The briefing is published. The leads of its teams see it on their dashboard."),
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(briefing)


@login_required
def briefing_detail(request, pk):
    visible = selectors.briefings_visible_to(request.user).prefetch_related(
        None
    )  # its teams are paginated below
    briefing = get_object_or_404(visible.prefetch_related("points", "attachments"), pk=pk)
    user = request.user
    teams = (
        briefing.teams.all()
        if access.is_hr_or_admin(user)
        else briefing.teams.filter(pk__in=access.teams_visible_to(user))
    )
    pages = access.pages_open_to(user)
    is_agent = pages.own_growth  # agents confirm briefings and ask; the others follow coverage
    page = Paginator(teams.order_by("name"), TEAMS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "briefings/detail.html",
        {
            "briefing": briefing,
            "is_agent": is_agent,
            "is_lead": pages.lead,
            "acknowledged": is_agent
            and briefing.pk in selectors.acknowledged_ids(user, [briefing]),  # only agents confirm
            "coverage": selectors.coverage(briefing, page.object_list) if not is_agent else [],
            "summary": selectors.coverage_summary(briefing, teams, page.paginator.count)
            if not is_agent
            else None,
            "page_obj": page,
            "questions": selectors.questions_for(user, briefing),
            "question_form": QuestionForm(),
            "answer_form": AnswerForm(),
        },
    )


def _visible_briefing(user, pk):
    return get_object_or_404(selectors.briefings_visible_to(user), pk=pk)


@login_required
@require_POST
def briefing_acknowledge(request, pk):
    access.require_own_growth_pages(request.user)
    briefing = _visible_briefing(request.user, pk)
    services.acknowledge(agent=request.user, briefing=briefing)
    messages.success(request, _("Thank you for confirming that you have read the briefing."))
    return redirect(briefing)


@login_required
@require_POST
def briefing_mark_read(request, pk):
    access.require_own_growth_pages(request.user)
    briefing = _visible_briefing(request.user, pk)
    services.mark_read(agent=request.user, briefing=briefing)
    messages.success(
        request,
        _("“%(title)s” is marked as read. You can still confirm it on the briefing's page.")
        % {"title": briefing.title},
    )
    return redirect("me")


@login_required
@require_POST
def question_ask(request, pk):
    access.require_own_growth_pages(request.user)
    briefing = _visible_briefing(request.user, pk)
    form = QuestionForm(request.POST)
    if form.is_valid():
        services.question_ask(agent=request.user, briefing=briefing, text=form.cleaned_data["text"])
        messages.success(request, _("Your question went to your lead."))
    else:
        messages.error(request, _("Please write your question."))
    return redirect(briefing)


@login_required
@require_POST
def question_answer(request, pk):
    question = get_object_or_404(Question.objects.select_related("briefing", "agent"), pk=pk)
    if not access.can_coach(request.user, question.agent):
        raise Http404
    form = AnswerForm(request.POST)
    if form.is_valid():
        services.question_answer(question=question, by=request.user, text=form.cleaned_data["text"])
        messages.success(request, _("Your answer was saved."))
    return redirect(question.briefing)


@login_required
def attachment_download(request, pk, attachment_pk):
    briefing = _visible_briefing(request.user, pk)
    attachment = get_object_or_404(briefing.attachments, pk=attachment_pk)
    return FileResponse(attachment.file.open("rb"), as_attachment=True, filename=attachment.name)


@login_required
@require_http_methods(["GET", "POST"])
def meeting_create(request, pk):
    team = access.get_team_or_404(request.user, pk)
    access.require(access.leads_team_now(request.user, team))
    agents = list(current_agents_of(team))
    open_briefings = dict(selectors.open_briefings_for([team])).get(team, [])
    form = MeetingForm(
        request.POST or None,
        agents=agents,
        briefings=open_briefings,
        initial={"held_on": timezone.localdate(), "briefings": [b.pk for b in open_briefings]},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_record(lead=request.user, team=team, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The team meeting was recorded."))
            return redirect("briefings:meetings", pk=team.pk)
    return render(request, "briefings/meeting_form.html", {"team": team, "form": form})


@login_required
def meeting_list(request, pk):
    team = access.get_team_or_404(request.user, pk)
    meetings = team.meetings.prefetch_related("briefings", "attendees").select_related("lead")
    page = Paginator(meetings, 20).get_page(request.GET.get("page"))
    return render(
        request,
        "briefings/meetings.html",
        {
            "team": team,
            "page_obj": page,
            "can_record": access.leads_team_now(request.user, team),
        },
    )
