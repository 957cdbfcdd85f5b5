"""The qa pages: thin views over qa.services and qa.selectors; who may see or do what is asked of the
policy (people.access); what a user may not see answers 404."""

import io
from datetime import date, timedelta
from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from audit import recorder
from core.confirmation import act_once_confirmed
from core.http import bad_request
from core.site_figures import cache_minutes, site_figure
from core.spreadsheets import csv_stream, neutralise
from people import access
from people.forms import add_service_errors, id_or_none

from . import alpha as alpha_module
from . import confirmations, services
from .forms import (
    AcknowledgeForm,
    AnswersForm,
    BenchmarkForm,
    CalibrationAnswersForm,
    CalibrationForm,
    DecideForm,
    DisputeForm,
    DrawForm,
    FeedbackGivenForm,
    ReplaceForm,
    ScorecardEditorForm,
    StartForm,
    answer_label,
    as_value,
)
from .models import CalibrationSession, Dispute, Question, SampleItem, Scorecard
from .selectors import calibration as calibration_selectors
from .selectors import evaluations as evaluation_selectors
from .selectors import reports
from .selectors import sampling as sampling_selectors
from .selectors import scorecards as scorecard_selectors
from .selectors.evaluations import questions_of

RECENT = 20


@login_required
def home(request):
    """The lead's, QA specialist's and HR's start into quality evaluations."""
    user = request.user
    access.require(access.may_see_qa_reports(user))
    visible = evaluation_selectors.visible_to(user)
    return render(
        request,
        "qa/home.html",
        {
            "may_evaluate": access.may_evaluate(user),
            "may_export": access.may_export_qa(user),
            "drafts": list(evaluation_selectors.drafts_of(user)[:RECENT]),
            "to_decide": list(reports.open_disputes_to_decide(user)[:RECENT]),
            "feedback_waiting": list(evaluation_selectors.feedback_waiting(user)[:RECENT]),
            "calibrations": reports.calibrations_to_answer(user),
            "recent": list(visible.exclude(status="draft").order_by("-shared_at", "-id")[:RECENT]),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def evaluation_start(request):
    access.require(access.may_evaluate(request.user))
    initial = {"channel": request.GET.get("channel", "")[:10]}
    if agent_id := id_or_none(request.GET.get("agent")):
        initial["agent"] = agent_id
    form = StartForm(request.POST or None, evaluator=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            evaluation = services.evaluation_start(
                evaluator=request.user, **form.service_arguments()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect(evaluation)
    return render(request, "qa/evaluation_start.html", {"form": form})


def _rows_with_labels(page):
    for section in page.sections:
        for row in section.rows:
            answer = row.answer
            row.label = (
                answer_label(row.question, answer.value, answer.not_applicable) if answer else "–"
            )
    return page


@login_required
@require_http_methods(["GET", "POST"])
def evaluation_detail(request, pk):
    """One evaluation: its evaluator fills in a draft here; everyone who may see it reads it."""
    evaluation, rights = evaluation_selectors.evaluation_for(request.user, pk)
    if not rights.is_evaluator and not rights.is_agent:
        recorder.record(
            request, evaluation.agent_id, recorder.Record.QA_EVALUATION, object_id=evaluation.pk
        )
    form = None
    if rights.may_edit:
        questions = questions_of(evaluation.version)
        form = AnswersForm(
            request.POST or None,
            questions=questions,
            initial=AnswersForm.initial_from(evaluation),
        )
        if request.method == "POST" and form.is_valid():
            try:
                services.evaluation_save_answers(
                    by=request.user,
                    evaluation=evaluation,
                    answers=form.answers(),
                    summary=form.cleaned_data["summary"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request, _("The evaluation was saved. Share it when it is complete.")
                )
                return redirect(evaluation)
    elif request.method == "POST":
        access.require(False)
    page = _rows_with_labels(evaluation_selectors.evaluation_page(evaluation, get_language()))
    decide_forms = {
        d.pk: DecideForm(question=d.question, prefix=f"d{d.pk}")
        for d in page.open_disputes
        if rights.may_decide_disputes
    }
    deadline = evaluation.dispute_deadline
    return render(
        request,
        "qa/evaluation_detail.html",
        {
            "evaluation": evaluation,
            "rights": rights,
            "form": form,
            "page": page,
            "decide_forms": decide_forms,
            "acknowledge_form": AcknowledgeForm(initial={"comment": evaluation.agent_comment}),
            "feedback_form": FeedbackGivenForm(),
            "may_dispute_now": rights.may_dispute
            and deadline is not None
            and not _deadline_passed(deadline),
            "coaches": access.can_coach(request.user, evaluation.agent)
            if not rights.is_agent and evaluation.status != "draft"
            else False,
        },
    )


def _deadline_passed(deadline) -> bool:
    return timezone.now() > deadline


@login_required
@require_POST
def evaluation_share(request, pk):
    evaluation, rights = evaluation_selectors.evaluation_for(request.user, pk)
    access.require(rights.may_edit)
    return act_once_confirmed(
        request,
        confirmations.share(evaluation),
        partial(services.evaluation_share, by=request.user, evaluation=evaluation),
        done=_("The evaluation is shared with %(agent)s.") % {"agent": evaluation.agent},
        then=evaluation,
    )


@login_required
@require_POST
def evaluation_delete(request, pk):
    """Its evaluator deletes a draft (after a confirm step); its place under the monthly cap is free."""
    evaluation, rights = evaluation_selectors.evaluation_for(request.user, pk)
    access.require(rights.may_edit)
    return act_once_confirmed(
        request,
        confirmations.delete(evaluation),
        partial(services.evaluation_delete, by=request.user, evaluation=evaluation),
        done=_("The draft evaluation is deleted."),
        then="qa:home",
        refused=evaluation,
    )


@login_required
@require_POST
def evaluation_feedback(request, pk):
    """Who coaches the agent records that the feedback on the improvement items was given."""
    evaluation, rights = evaluation_selectors.evaluation_for(request.user, pk)
    access.require(rights.may_record_feedback)
    form = FeedbackGivenForm(request.POST)
    if form.is_valid():
        try:
            services.evaluation_record_feedback(
                by=request.user,
                evaluation=evaluation,
                method=form.cleaned_data["method"],
                given_at=form.cleaned_data["given_at"],
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("The feedback on the improvement items is recorded."))
    else:
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
    return redirect(evaluation)


@login_required
@require_POST
def evaluation_acknowledge(request, pk):
    evaluation, rights = evaluation_selectors.evaluation_for(request.user, pk)
    access.require(rights.may_acknowledge)
    form = AcknowledgeForm(request.POST)
    if form.is_valid():
        services.evaluation_acknowledge(
            by=request.user, evaluation=evaluation, comment=form.cleaned_data["comment"]
        )
        messages.success(request, _("Thank you. Your lead sees that you have read the evaluation."))
    return redirect(evaluation)


def _question_of(evaluation, question_pk) -> Question:
    return get_object_or_404(
        Question.objects.select_related("section", "skill"),
        pk=question_pk,
        section__version_id=evaluation.version_id,
    )


@login_required
@require_http_methods(["GET", "POST"])
def dispute_raise(request, pk, question):
    evaluation, rights = evaluation_selectors.evaluation_for(request.user, pk)
    access.require(rights.may_dispute)
    question = _question_of(evaluation, question)
    given = evaluation.answers.filter(question=question).first()
    current = None
    if given is not None and given.scoring_value is not None:
        current = str(given.scoring_value)
    form = DisputeForm(request.POST or None, question=question, current=current)
    if request.method == "POST" and form.is_valid():
        try:
            services.dispute_raise(
                by=request.user,
                evaluation=evaluation,
                question=question,
                reason=form.cleaned_data["reason"],
                proposed=as_value(form.cleaned_data["proposed"]),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("Your dispute is recorded; you will see the decision here.")
            )
            return redirect(evaluation)
    return render(
        request,
        "qa/dispute_form.html",
        {
            "evaluation": evaluation,
            "question": question,
            "given": answer_label(question, given.value, given.not_applicable) if given else "–",
            "form": form,
        },
    )


@login_required
@require_POST
def dispute_decide(request, pk):
    dispute = get_object_or_404(
        Dispute.objects.select_related("question"),
        pk=pk,
        evaluation__in=evaluation_selectors.visible_to(request.user).values("pk"),
    )
    evaluation, rights = evaluation_selectors.evaluation_for(request.user, dispute.evaluation_id)
    access.require(rights.may_decide_disputes)
    form = DecideForm(request.POST, question=dispute.question, prefix=f"d{dispute.pk}")
    if form.is_valid():
        try:
            services.dispute_decide(
                by=request.user,
                dispute=dispute,
                outcome=form.cleaned_data["outcome"],
                reason=form.cleaned_data["reason"],
                value=form.value_or_none(),
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("The dispute is decided."))
    else:
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
    return redirect(evaluation)


@login_required
@require_POST
def goal_from_question(request, pk, question):
    evaluation, rights = evaluation_selectors.evaluation_for(request.user, pk)
    access.require(not rights.is_draft and access.can_coach(request.user, evaluation.agent))
    question = _question_of(evaluation, question)
    try:
        goal = services.goal_from_question(
            by=request.user, agent=evaluation.agent, question=question
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect(evaluation)
    messages.success(
        request,
        _("The goal “%(goal)s” is in the development plan of %(agent)s.")
        % {"goal": goal.title, "agent": evaluation.agent},
    )
    courses, mentors = evaluation_selectors.goal_suggestions(evaluation.agent, question.skill)
    suggestions = _("training %(courses)s; mentor %(mentors)s") % {
        "courses": ", ".join(f"“{c}”" for c in courses) or "–",
        "mentors": ", ".join(mentors) or "–",
    }
    messages.info(request, f"{_('Suggestions')}: {suggestions}")
    return redirect(evaluation)


@login_required
def calibrations(request):
    access.require(access.may_run_calibrations(request.user))
    sessions = (
        calibration_selectors.visible_to(request.user)
        .annotate(evaluator_count=Count("participants", distinct=True))
        .order_by("-created_at", "-id")[:50]
    )
    return render(request, "qa/calibrations.html", {"sessions": list(sessions)})


@login_required
@require_http_methods(["GET", "POST"])
def calibration_detail(request, pk):
    session, rights = calibration_selectors.session_for(request.user, pk)
    questions = questions_of(session.version)
    form = None
    if rights.may_answer:
        form = CalibrationAnswersForm(request.POST or None, questions=questions)
        if request.method == "POST" and form.is_valid():
            try:
                services.calibration_submit(
                    by=request.user,
                    session=session,
                    answers=form.answers(),
                    comments=form.comments(),
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request, _("Your answers are submitted; you now see the others' answers.")
                )
                return redirect(session)
    elif request.method == "POST":
        access.require(False)
    participants = calibration_selectors.participants_of(session)
    context = {
        "session": session,
        "rights": rights,
        "form": form,
        "participants": participants,
        "benchmark_form": BenchmarkForm(),
    }
    if rights.sees_others_answers:
        context.update(_results_context(session))
    return render(request, "qa/calibration_detail.html", context)


def _results_context(session: CalibrationSession) -> dict:
    results = calibration_selectors.results(session)
    names = {p.evaluator_id: p.evaluator for p in results.participants}
    by_evaluator_pk = {p.evaluator_id: p.pk for p in results.participants}
    question_figures = {f.question_id: f for f in results.figures.questions}
    rows = []
    for question in results.questions:
        figures = question_figures.get(question.pk)
        rows.append(
            {
                "question": question,
                "answers": [
                    answer_label(
                        question,
                        results.answers.get(by_evaluator_pk[e], {}).get(question.pk),
                    )
                    for e in names
                ],
                "benchmark": answer_label(question, results.benchmark.get(question.pk))
                if results.benchmark
                else None,
                "figures": figures,
                "alpha_meaning": _meaning(figures.alpha if figures else None),
            }
        )
    evaluators = [
        {
            "evaluator": names[f.evaluator_id],
            "alignment": f.alignment,
            "leniency": f.leniency,
            "trend": [mean for _session, mean in results.trends.get(f.evaluator_id, [])],
        }
        for f in results.figures.evaluators
    ]
    overall = [
        {"level": level, "value": value, "meaning": _meaning(value)}
        for level, value in results.figures.alpha.items()
    ]
    return {
        "names": list(names.values()),
        "rows": rows,
        "evaluators": evaluators,
        "overall_alpha": overall,
        "has_benchmark": bool(results.benchmark),
    }


def _meaning(value) -> str:
    return {
        "reliable": _("The evaluators agree well: their scores can be relied on."),
        "tentative": _("The evaluators agree only in part: draw tentative conclusions at most."),
        "unreliable": _(
            "The evaluators read this differently: the scores depend on who evaluates."
        ),
        "undefined": _("Not enough different answers to measure agreement."),
    }[alpha_module.meaning(value)]


@login_required
@require_POST
def calibration_reveal(request, pk):
    session, rights = calibration_selectors.session_for(request.user, pk)
    access.require(rights.may_reveal)
    return act_once_confirmed(
        request,
        confirmations.reveal(session),
        partial(services.calibration_reveal, by=request.user, session=session),
        done=_("The answers are revealed."),
        then=session,
    )


@login_required
@require_POST
def calibration_benchmark(request, pk):
    session, rights = calibration_selectors.session_for(request.user, pk)
    access.require(rights.may_record_benchmark)
    form = BenchmarkForm(request.POST)
    if form.is_valid():
        try:
            services.calibration_record_benchmark(
                by=request.user, session=session, source=form.cleaned_data["source"]
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("The benchmark is recorded."))
    return redirect(session)


@login_required
def disputes(request):
    """Open disputes, resolution times and acceptance per evaluator and question (leads, QA, HR)."""
    access.require(access.may_see_qa_reports(request.user))
    page = Paginator(reports.open_disputes(request.user), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "qa/disputes.html",
        {
            "page_obj": page,
            "figures": reports.dispute_figures(request.user),
            "to_decide": set(
                reports.open_disputes_to_decide(request.user).values_list("pk", flat=True)
            ),
        },
    )


@login_required
def hr_figures(request):
    """HR's figures of quality evaluations (loaded into the HR overview): aggregated in the database,
    as many queries for 50 agents as for 5, cached like the other site figures."""
    access.require(access.may_export_qa(request.user))
    return render(
        request,
        "qa/hr_figures.html",
        {"figures": site_figure("qa-hr-figures", reports.hr_figures), "minutes": cache_minutes()},
    )


@login_required
@require_http_methods(["GET", "POST"])
def calibration_create(request):
    access.require(access.may_run_calibrations(request.user))
    form = CalibrationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            session = services.calibration_create(owner=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The calibration is set up; the evaluators can answer."))
            return redirect(session)
    return render(request, "qa/calibration_form.html", {"form": form})


@login_required
def scorecards(request):
    access.require(access.may_see_qa_reports(request.user))
    return render(
        request,
        "qa/scorecards.html",
        {
            "scorecards": scorecard_selectors.scorecards_with_current(),
            "may_manage": access.may_manage_scorecards(request.user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def scorecard_detail(request, pk):
    """A scorecard's versions, each with its sections and questions; managers retire or reactivate it."""
    access.require(access.may_see_qa_reports(request.user))
    scorecard = get_object_or_404(Scorecard, pk=pk)
    may_manage = access.may_manage_scorecards(request.user)
    if request.method == "POST":
        access.require(may_manage)
        if request.POST.get("action") == "reactivate":
            services.scorecard_reactivate(by=request.user, scorecard=scorecard)
            messages.success(request, _("The scorecard can be used again."))
        else:
            services.scorecard_retire(by=request.user, scorecard=scorecard)
            messages.success(request, _("The scorecard is retired; its evaluations keep it."))
        return redirect(scorecard)
    return render(
        request,
        "qa/scorecard_detail.html",
        {
            "scorecard": scorecard,
            "versions": scorecard_selectors.versions_of(scorecard),
            "may_manage": may_manage,
        },
    )


def _skill_choices() -> list[tuple[int, str]]:
    from skills.models import Skill

    return [
        (skill.pk, skill.name)
        for skill in Skill.objects.filter(is_active=True).order_by("position", "pk")
    ]


@login_required
@require_http_methods(["GET", "POST"])
def scorecard_create(request):
    """A new scorecard, edited as a whole; its first version is published when saved."""
    access.require(access.may_manage_scorecards(request.user))
    return _scorecard_editor(request, None)


@login_required
@require_http_methods(["GET", "POST"])
def scorecard_edit(request, pk):
    """Edit a scorecard: in place while unused, else saved as its next version (the old one stays)."""
    access.require(access.may_manage_scorecards(request.user))
    scorecard = get_object_or_404(Scorecard, pk=pk)
    if scorecard.is_retired:
        messages.error(request, _("This scorecard is retired; it can no longer be changed."))
        return redirect(scorecard)
    return _scorecard_editor(request, scorecard)


def _scorecard_editor(request, scorecard):
    version = scorecard_selectors.current_version(scorecard) if scorecard else None
    structure = services.structure_of(version) if version else []
    initial, layout = (
        ScorecardEditorForm.initial_from(scorecard, version, structure)
        if scorecard
        else ({}, (1, [1]))
    )
    options = {
        "skills": _skill_choices(),
        "layout": layout,
        "lineages": [q.lineage for s in structure for q in s.questions],
    }
    action = request.POST.get("action", "") if request.method == "POST" else ""
    if action.startswith(("add_section", "add_question:")):
        form = ScorecardEditorForm.with_added_row(request.POST, action, **options)
    else:
        form = ScorecardEditorForm(request.POST or None, initial=initial, **options)
        if request.method == "POST" and form.is_valid():
            fields = {
                name: form.cleaned_data[name]
                for name in ("name_en", "name_de", "description_en", "description_de", "channels")
            }
            try:
                if scorecard is None:
                    scorecard = services.scorecard_create(
                        by=request.user, sections=form.sections(), **fields
                    )
                    messages.success(request, _("The scorecard is saved as version 1."))
                else:
                    saved = services.scorecard_edit(
                        by=request.user, scorecard=scorecard, sections=form.sections(), **fields
                    )
                    messages.success(
                        request,
                        _("The scorecard is saved as version %(number)s.")
                        % {"number": saved.number},
                    )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                return redirect(scorecard)
    return render(
        request,
        "qa/scorecard_form.html",
        {
            "scorecard": scorecard,
            "version": version,
            "in_use": version is not None and scorecard_selectors.version_in_use(version),
            "form": form,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def sampling(request):
    """Propose this week's interactions to evaluate, within the monthly minimum and the cap."""
    access.require(access.may_evaluate(request.user) or access.may_export_qa(request.user))
    form = DrawForm(request.POST or None) if access.may_evaluate(request.user) else None
    if request.method == "POST":
        access.require(form is not None)
        if form.is_valid():
            try:
                draw = services.sample_draw(by=request.user, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The interactions of the week are drawn."))
                return redirect(draw)
    draws = Paginator(sampling_selectors.draws_visible_to(request.user), 25).get_page(
        request.GET.get("page")
    )
    return render(request, "qa/sampling.html", {"form": form, "page_obj": draws})


@login_required
def draw_detail(request, pk):
    draw = get_object_or_404(sampling_selectors.draws_visible_to(request.user), pk=pk)
    items = sampling_selectors.items_of(draw)
    recorder.record_many(
        request,
        sorted({item.agent_id for item in items}),
        recorder.Record.QA_SAMPLE,
        object_id=draw.pk,
    )
    return render(
        request,
        "qa/draw.html",
        {
            "draw": draw,
            "items": items,
            "may_evaluate": access.may_evaluate(request.user),
            "may_replace": access.may_replace_drawn_interaction(request.user, draw),
            "sees_names": not draw.blind,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def sample_replace(request, pk):
    """Replace one drawn interaction by another moment of the same agent; the reason is kept."""
    item = get_object_or_404(
        SampleItem.objects.select_related("draw", "agent"),
        pk=pk,
        draw__in=sampling_selectors.draws_visible_to(request.user).values("pk"),
    )
    access.require(access.may_replace_drawn_interaction(request.user, item.draw))
    form = ReplaceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.sample_replace(by=request.user, item=item, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("The interaction is replaced; the reason is kept with the draw.")
            )
            return redirect(item.draw)
    return render(
        request,
        "qa/sample_replace.html",
        {"item": item, "draw": item.draw, "form": form, "sees_names": not item.draw.blind},
    )


def _period(request):
    """[from, to] from the query (ISO dates), by default the last three months; ValueError when wrong."""
    today = timezone.localdate()
    start_text, end_text = request.GET.get("date_from"), request.GET.get("date_to")
    start = date.fromisoformat(start_text) if start_text else today - timedelta(days=91)
    end = date.fromisoformat(end_text) if end_text else today
    if not (MIN_YEAR <= start.year <= today.year + 1 and MIN_YEAR <= end.year <= today.year + 1):
        raise ValueError(start_text)
    if end < start or (end - start).days > EXPORT_MAX_DAYS:
        raise ValueError(end_text)
    return start, end


MIN_YEAR = 2000
EXPORT_MAX_DAYS = 2 * 366


def _export(kind: str):
    @login_required
    def view(request):
        access.require(access.may_export_qa(request.user))
        try:
            start, end = _period(request)
        except ValueError:
            return bad_request(
                request,
                _(
                    "Choose a period of at most two years, from date_from to date_to, as "
                    "2026-04-01."
                ),
            )
        rows = reports.export_rows(request.user, start, end)
        columns = [str(c) for c in reports.export_columns()]
        if kind == "csv":
            response = HttpResponse(
                "".join(csv_stream(columns, rows)), content_type="text/csv; charset=utf-8"
            )
        else:
            response = HttpResponse(
                _xlsx(columns, rows),
                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            )
        name = f"quality-evaluations-{start:%Y-%m-%d}-{end:%Y-%m-%d}.{kind}"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        recorder.record_many(
            request,
            sorted(set(reports.export_agent_ids(request.user, start, end))),
            recorder.Record.QA_EXPORT,
            kind=recorder.Kind.EXPORT,
        )
        return response

    return view


def _xlsx(columns, rows) -> bytes:
    """A write-only workbook; every value is text, so nothing is evaluated as a formula."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("QA")
    sheet.append(columns)
    for row in rows:
        cells = []
        for value in row:
            cell = WriteOnlyCell(sheet, value=neutralise(value))
            cell.data_type = "s"
            cells.append(cell)
        sheet.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


export_csv = _export("csv")
export_xlsx = _export("xlsx")
