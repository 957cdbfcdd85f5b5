from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from audit import recorder
from core.confirmation import confirmation_page, is_confirmed
from core.http import bad_request
from feedback.selectors import notes_in_period
from kpis.selectors import kpi_snapshot
from people import access
from people.forms import add_service_errors
from people.periods import Quarter
from people.selectors import current_agents_of
from plans.selectors import plan_progress
from skills.models import RatingSource
from skills.selectors import rating_changes

from . import confirmations, selectors, services
from .forms import AcknowledgeForm, AreaFormSet, ReviewForm, SelfAssessmentForm, ShareForm
from .models import Review


def _quarter(request):
    label = request.GET.get("quarter")
    return Quarter.parse(label) if label else Quarter.current()


@login_required
def team_completion(request, pk):
    team = access.get_team_or_404(request.user, pk)
    try:
        quarter = _quarter(request)
    except ValueError:
        return bad_request(request, _("Unknown quarter. Use the form Q3 2026."))
    rows = selectors.team_completion(request.user, team, quarter, current_agents_of(team))
    held = sum(1 for _agent, review in rows if review and review.is_held)
    return render(
        request,
        "reviews/team_completion.html",
        {
            "team": team,
            "quarter": quarter,
            "rows": rows,
            "held": held,
            "quarters": Quarter.current().last(4),
            "can_review": access.leads_team_now(request.user, team),
        },
    )


@login_required
@require_POST
def review_start(request, pk):
    agent = access.get_coached_agent_or_404(request.user, pk)
    try:
        quarter = (
            Quarter.parse(request.POST.get("quarter", ""))
            if request.POST.get("quarter")
            else Quarter.current()
        )
        review = services.review_start(reviewer=request.user, agent=agent, quarter=quarter)
    except (ValueError, ValidationError) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
        return redirect("agent_detail", pk=agent.pk)
    return redirect("reviews:edit", pk=review.pk)


def _coached_review_or_404(user, pk) -> Review:
    """The user's own review of an agent they still coach: nobody else edits or shares it."""
    return get_object_or_404(selectors.reviews_changeable_by(user), pk=pk)


def _quarter_context(viewer, review: Review, *, show_kpis: bool) -> dict:
    """Everything of the quarter the lead should see while writing: no surprises."""
    quarter = review.cycle.quarter
    ratings = rating_changes(review.agent, quarter.start, quarter.end)
    sources = {
        value: str(label) for value, label in RatingSource.choices
    }  # translated once, not per rating
    for rating in ratings:
        rating.source_label = sources.get(rating.source, rating.source)
    return {
        "notes": notes_in_period(viewer, review.agent, quarter.start, quarter.end),
        "rating_changes": ratings,
        "plan": plan_progress(review.agent),
        "kpis": kpi_snapshot(review.agent, quarter.first_day, quarter.next().first_day)
        if show_kpis
        else None,
    }


@login_required
@require_http_methods(["GET", "POST"])
def review_edit(request, pk):
    review, rights = selectors.access_review(request.user, pk, need_change=True)
    recorder.record(request, review.agent_id, recorder.Record.REVIEW, object_id=review.pk)
    if review.status == Review.Status.ACKNOWLEDGED:
        messages.error(
            request, _("This review was acknowledged; its content can no longer be changed.")
        )
        return redirect(review)
    form = ReviewForm(
        request.POST or None,
        meeting_window=review.meeting_window,
        initial={
            "summary": review.summary,
            "strengths": review.strengths,
            "held_on": review.held_on,
        },
    )
    areas = AreaFormSet(
        request.POST or None,
        prefix="areas",
        initial=[{"text": a.text, "skill": a.skill_id} for a in review.areas.all()],
    )
    if request.method == "POST" and form.is_valid() and areas.is_valid():
        try:
            services.review_update(
                review=review,
                by=request.user,
                **form.cleaned_data,
                areas=[
                    (f.cleaned_data.get("text", ""), f.cleaned_data.get("skill"))
                    for f in areas.forms
                    if f.cleaned_data
                ],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The review was saved."))
            return redirect(review)
    show_kpis = rights.agent.sees_individual_kpis
    return render(
        request,
        "reviews/review_edit.html",
        {
            "review": review,
            "form": form,
            "areas": areas,
            **_quarter_context(request.user, review, show_kpis=show_kpis),
        },
    )


@login_required
def review_detail(request, pk):
    review, rights = selectors.access_review(request.user, pk)  # areas in a second query
    can_coach = rights.may_change
    show_kpis = rights.agent.sees_individual_kpis  # asked once, used twice
    recorder.record(request, review.agent_id, recorder.Record.REVIEW, object_id=review.pk)
    is_draft = review.status == Review.Status.DRAFT
    return render(
        request,
        "reviews/review_detail.html",
        {
            "review": review,
            "can_coach": can_coach,
            "is_agent": rights.is_about_viewer,
            "surprises": services.surprises(review, review.areas.all())
            if can_coach and is_draft
            else [],
            "share_form": ShareForm(),
            "acknowledge_form": AcknowledgeForm(),
            "show_kpis": show_kpis,
            **(_quarter_context(request.user, review, show_kpis=show_kpis) if can_coach else {}),
        },
    )


@login_required
@require_POST
def review_share(request, pk):
    review = _coached_review_or_404(request.user, pk)
    form = ShareForm(request.POST)
    form.is_valid()
    surprises_confirmed = form.cleaned_data.get("confirmed", False)
    try:
        if not is_confirmed(request):
            services.review_check_shareable(review=review, confirmed=surprises_confirmed)
            return confirmation_page(request, confirmations.share(review))
        services.review_share(review=review, by=request.user, confirmed=surprises_confirmed)
        messages.success(
            request, _("The review is shared with %(agent)s.") % {"agent": review.agent}
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(review)


@login_required
@require_POST
def review_request_self_assessment(request, pk):
    review = _coached_review_or_404(request.user, pk)
    if not is_confirmed(request):
        return confirmation_page(request, confirmations.request_self_assessment(review))
    services.review_request_self_assessment(review=review, by=request.user)
    messages.success(
        request, _("%(agent)s was asked for a self-assessment.") % {"agent": review.agent}
    )
    return redirect(review)


def _own_review_or_404(user, pk) -> Review:
    """The agent's own review: drafts too, so the self-assessment can be written before the meeting."""
    return get_object_or_404(selectors.own_reviews(user), pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
def review_self_assess(request, pk):
    review = _own_review_or_404(request.user, pk)
    form = SelfAssessmentForm(
        request.POST or None, initial={"self_assessment": review.self_assessment}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.review_self_assess(
                review=review, by=request.user, text=form.cleaned_data["self_assessment"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your self-assessment was saved. Your lead can read it."))
            return redirect("me") if review.status == Review.Status.DRAFT else redirect(review)
    return render(request, "reviews/self_assessment.html", {"review": review, "form": form})


@login_required
@require_POST
def review_acknowledge(request, pk):
    review = _own_review_or_404(request.user, pk)
    form = AcknowledgeForm(request.POST)
    if form.is_valid() and not is_confirmed(request):
        return confirmation_page(request, confirmations.acknowledge(review))
    if form.is_valid():
        try:
            services.review_acknowledge(
                review=review, by=request.user, comment=form.cleaned_data["comment"]
            )
            messages.success(request, _("Thank you. The review is acknowledged."))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
    return redirect("reviews:detail", pk=review.pk)
