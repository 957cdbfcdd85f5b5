from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from audit import recorder
from core.confirmation import confirmation_page, is_confirmed
from core.site_figures import site_figure
from people import access
from people.forms import id_or_none
from people.models import MentorPairing
from plans.selectors import active_plan

from . import calendar, confirmations, selectors, services
from .forms import CheckInForm, ConfirmRatingsForm, EndPairingForm, EnrollForm, NewHireForm
from .models import CalendarFeed, Enrollment, Session


def _message_errors(request, error):
    messages.error(request, " ".join(error.messages))


@login_required
def catalogue(request):
    page = Paginator(selectors.upcoming_sessions(), 25).get_page(request.GET.get("page"))
    mine = set(
        Enrollment.objects.filter(agent=request.user)
        .exclude(status=Enrollment.Status.CANCELLED)
        .values_list("session_id", flat=True)
    )
    return render(
        request,
        "training/catalogue.html",
        {"page_obj": page, "courses": selectors.courses(), "mine": mine},
    )


@login_required
@require_http_methods(["GET", "POST"])
def session_detail(request, pk):
    session = get_object_or_404(Session.objects.select_related("course"), pk=pk)
    is_lead = access.is_team_lead(request.user)  # leads enroll their agents here
    form = EnrollForm(request.POST or None, lead=request.user) if is_lead else None
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            enrollment = services.enroll(
                lead=request.user, agent=form.cleaned_data["agent"], session=session
            )
            messages.success(
                request,
                _("%(agent)s: %(status)s.")
                % {"agent": enrollment.agent, "status": enrollment.get_status_display()},
            )
        except ValidationError as error:
            _message_errors(request, error)
        return redirect(session)
    enrollments = selectors.enrollments_visible_to(request.user).filter(session=session)
    return render(
        request,
        "training/session.html",
        {
            "session": session,
            "form": form,
            "enrollments": enrollments,
            "is_lead": is_lead,
            "taken": session.enrollments.filter(status__in=Enrollment.HOLDS_PLACE).count(),
            "mine": Enrollment.objects.filter(session=session, agent=request.user).first(),
            "started": session.starts_at <= timezone.now(),
        },
    )


@login_required
@require_POST
def session_request(request, pk):
    access.require_own_growth_pages(request.user)
    session = get_object_or_404(Session, pk=pk)
    try:
        services.request_to_join(agent=request.user, session=session)
        messages.success(request, _("Your request went to your lead."))
    except ValidationError as error:
        _message_errors(request, error)
    return redirect(session)


ACTIONS = {
    "approve": lambda request, e: services.approve(lead=request.user, enrollment=e),
    "attended": lambda request, e: services.mark_attended(enrollment=e, by=request.user),
    "complete": lambda request, e: services.complete(enrollment=e, by=request.user),
    "cancel": lambda request, e: services.cancel(enrollment=e, by=request.user),
}


def _coached_enrollment_or_404(user, pk) -> Enrollment:
    """An enrollment of an agent the user leads now; everyone else gets 404."""
    enrollment, _rights = access.access_record(
        user, selectors.enrollments_visible_to(user), pk, need=access.Need.COACH
    )
    return enrollment


@login_required
@require_POST
def enrollment_action(request, pk, action):
    access.require(action in ACTIONS)
    enrollment = _coached_enrollment_or_404(request.user, pk)
    confirmation = confirmations.enrollment_action(enrollment, action)
    if confirmation and not is_confirmed(request):
        return confirmation_page(request, confirmation)
    try:
        ACTIONS[action](request, enrollment)
        messages.success(
            request,
            _("%(agent)s: %(status)s.")
            % {"agent": enrollment.agent, "status": enrollment.get_status_display()},
        )
    except ValidationError as error:
        _message_errors(request, error)
    if action == "complete" and enrollment.status == Enrollment.Status.COMPLETED:
        return redirect("training:confirm_ratings", pk=enrollment.pk)
    return redirect(enrollment.session)


@login_required
@require_http_methods(["GET", "POST"])
def confirm_ratings(request, pk):
    enrollment = _coached_enrollment_or_404(request.user, pk)
    form = ConfirmRatingsForm(request.POST or None, proposals=services.proposed_ratings(enrollment))
    if request.method == "POST" and form.is_valid():
        try:
            services.confirm_ratings(enrollment=enrollment, by=request.user, levels=form.levels())
            messages.success(request, _("The new skill levels are recorded."))
            return redirect("agent_detail", pk=enrollment.agent_id)
        except ValidationError as error:
            _message_errors(request, error)
    return render(
        request, "training/confirm_ratings.html", {"enrollment": enrollment, "form": form}
    )


@login_required
def needs(request):
    access.require_team_overviews(request.user)
    agents = access.agents_in_figures_of(request.user)
    if access.is_hr_or_admin(request.user):
        needs = site_figure("training-needs", lambda: selectors.training_needs(agents))
    else:
        needs = selectors.training_needs(agents)
    return render(request, "training/needs.html", {"needs": needs, "shown": selectors.SHOWN_AGENTS})


@login_required
@require_http_methods(["GET", "POST"])
def new_hire(request):
    access.require_team_overviews(request.user)
    form = NewHireForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            agent = services.new_hire_create(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("%(agent)s is set up with an onboarding program. Now choose a mentor.")
                % {"agent": agent},
            )
            return redirect("training:mentor_suggestions", pk=agent.pk)
    return render(request, "training/new_hire.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def mentor_suggestions(request, pk):
    mentee = access.get_agent_or_404(request.user, pk)
    access.require(access.may_arrange_mentoring_for(request.user, mentee))
    if request.method == "POST":
        mentor = get_object_or_404(
            access.possible_mentors(), pk=id_or_none(request.POST.get("mentor"))
        )
        if not is_confirmed(request):
            return confirmation_page(request, confirmations.pairing_create(mentor, mentee))
        try:
            purpose = request.POST.get("purpose")
            if purpose not in MentorPairing.Purpose.values:
                purpose = MentorPairing.Purpose.ONBOARDING
            pairing = services.pairing_create(
                by=request.user, mentor=mentor, mentee=mentee, purpose=purpose
            )
            messages.success(
                request,
                _("%(mentor)s now mentors %(mentee)s.") % {"mentor": mentor, "mentee": mentee},
            )
            return redirect("training:pairing", pk=pairing.pk)
        except ValidationError as error:
            _message_errors(request, error)
    return render(
        request,
        "training/mentor_suggestions.html",
        {
            "mentee": mentee,
            "suggestions": selectors.mentor_suggestions(mentee),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def pairing_detail(request, pk):
    pairing = get_object_or_404(access.pairings_visible_to(request.user), pk=pk)
    recorder.record(request, pairing.mentee_id, recorder.Record.PAIRING, object_id=pairing.pk)
    form = CheckInForm(request.POST or None, initial={"held_on": timezone.localdate()})
    if request.method == "POST" and access.takes_part_in(request.user, pairing) and form.is_valid():
        try:
            services.check_in_add(pairing=pairing, author=request.user, **form.cleaned_data)
        except ValidationError as error:
            _message_errors(request, error)
        else:
            messages.success(request, _("The check-in was saved."))
        return redirect("training:pairing", pk=pairing.pk)
    return render(
        request,
        "training/pairing.html",
        {
            "pairing": pairing,
            "form": form if access.may_record_check_in(request.user, pairing) else None,
            "check_ins": pairing.check_ins.select_related("author"),
            "is_mentee": request.user.pk == pairing.mentee_id,
            "plan": active_plan(pairing.mentee) if request.user.pk == pairing.mentor_id else None,
            "end_form": EndPairingForm(),
        },
    )


@login_required
@require_POST
def pairing_end(request, pk):
    pairing = get_object_or_404(access.pairings_endable_by(request.user), pk=pk)
    form = EndPairingForm(request.POST)
    if form.is_valid() and not is_confirmed(request):
        return confirmation_page(request, confirmations.pairing_end(pairing))
    if form.is_valid():
        rating = form.cleaned_data["rating"] if request.user.pk == pairing.mentee_id else None
        try:
            services.pairing_end(
                pairing=pairing,
                by=request.user,
                rating=rating,
                feedback=form.cleaned_data["feedback"],
            )
        except ValidationError as error:
            _message_errors(request, error)
        else:
            messages.success(request, _("The mentoring has ended. Thank you!"))
    return redirect("training:pairing", pk=pairing.pk)


@login_required
@require_http_methods(["GET", "POST"])
def calendar_link(request):
    feed, _created = CalendarFeed.objects.get_or_create(user=request.user)
    if request.method == "POST" and not is_confirmed(request):
        return confirmation_page(request, confirmations.calendar_link_renewal())
    if request.method == "POST":
        feed.delete()
        feed = CalendarFeed.objects.create(user=request.user)
        messages.success(request, _("A new calendar link was made; the old one no longer works."))
        return redirect("training:calendar")
    url = request.build_absolute_uri(f"/calendar/{feed.token}.ics")
    return render(request, "training/calendar.html", {"url": url})


def calendar_feed(request, token):
    """No login (calendar programs cannot sign in): the secret token is the key."""
    feed = get_object_or_404(
        CalendarFeed.objects.select_related("user"), token=token, user__is_active=True
    )
    response = HttpResponse(calendar.feed(feed.user), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="team-portal.ics"'
    return response
