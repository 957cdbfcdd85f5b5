"""Demo data of the plans app: a plan per year of history (earlier ones closed), goals in every status,
progress notes and actions, in the agent's language."""

from datetime import datetime, time, timedelta

from django.utils import timezone

from core.bulk import BulkWriter
from skills.models import Skill

from .models import Action, DevelopmentPlan, Goal, ProgressNote

# (English title, German title, skill, target level, English measure, German measure)
GOALS = [
    (
        "Calm escalations without handing over",
        "Eskalationen ohne Übergabe beruhigen",
        "de-escalation",
        4,
        "Fewer than one hand-over per week to the lead",
        "Weniger als eine Übergabe pro Woche an die Teamleitung",
    ),
    (
        "Shorter e-mail answers",
        "Kürzere E-Mail-Antworten",
        "email-writing",
        4,
        "QA score for written answers of 85 or more",
        "QA-Wert für schriftliche Antworten von 85 oder mehr",
    ),
    (
        "Learn the chat channel",
        "Den Chat-Kanal lernen",
        "chat-handling",
        3,
        "Handle two chats in parallel during one shift",
        "Zwei Chats parallel während einer Schicht bearbeiten",
    ),
    (
        "Become the team's tariff expert",
        "Tarif-Expertin oder -Experte des Teams werden",
        "tariffs",
        5,
        "Colleagues ask first; two knowledge articles written",
        "Das Team fragt zuerst; zwei Wissensartikel geschrieben",
    ),
    (
        "Document completely in the CRM",
        "Vollständig im CRM dokumentieren",
        "crm",
        3,
        "No missing call notes in the monthly check",
        "Keine fehlenden Gesprächsnotizen in der Monatsprüfung",
    ),
    (
        "Structure every call",
        "Jedes Gespräch strukturieren",
        "call-structure",
        4,
        "Opening, needs, solution and summary in nine of ten QA samples",
        "Begrüßung, Anliegen, Lösung und Zusammenfassung in neun von zehn QA-Stichproben",
    ),
]
STATUSES = [
    Goal.Status.OPEN,
    Goal.Status.IN_PROGRESS,
    Goal.Status.IN_PROGRESS,
    Goal.Status.ACHIEVED,
    Goal.Status.PROPOSED,
]
# (kind, English title, German title)
ACTIONS = [
    (
        Action.Kind.TRAINING,
        "Workshop: de-escalation on the phone",
        "Workshop: Deeskalation am Telefon",
    ),
    (
        Action.Kind.SHADOWING,
        "Shadow a senior colleague for two shifts",
        "Zwei Schichten bei erfahrenen Kolleg*innen hospitieren",
    ),
    (
        Action.Kind.MENTORING,
        "Fortnightly talk with a mentor",
        "Alle zwei Wochen ein Gespräch mit der Mentorin oder dem Mentor",
    ),
    (
        Action.Kind.SELF_STUDY,
        "E-learning: writing clear e-mails",
        "E-Learning: klare E-Mails schreiben",
    ),
    (
        Action.Kind.ON_THE_JOB,
        "Take over the team's tariff questions for a week",
        "Eine Woche lang die Tariffragen des Teams übernehmen",
    ),
]
PROGRESS = {
    "de": [
        "Gutes Gespräch am Montag: deutlich ruhiger geblieben.",
        "Zwei Eskalationen diese Woche ohne Hilfe gelöst.",
        "QA-Stichprobe besprochen, Zusammenfassung am Ende klappt jetzt.",
        "Noch unsicher bei Sondertarifen.",
    ],
    "en": [
        "Good call on Monday: stayed much calmer.",
        "Two escalations this week handled without help.",
        "Went through a QA sample; the summary at the end works now.",
        "Still unsure about special tariffs.",
    ],
}
TITLES = {"de": "Entwicklungsplan {year}", "en": "Development plan {year}"}


def seed(*, demo, rng, today):
    by_code = {s.code: s for s in Skill.objects.all()}
    with BulkWriter() as out:
        for i, agent in enumerate(demo.agents):
            german = agent.preferred_language == "de"
            starts = _plan_starts(demo.since(i), today, rng)
            for n, started in enumerate(starts):
                active = n == len(starts) - 1
                closed = None if active else starts[n + 1]
                lead = demo.lead_of(i, started)
                plan = out.add(
                    DevelopmentPlan(
                        agent=agent,
                        created_by=lead,
                        created_at=_at(started),
                        title=TITLES["de" if german else "en"].format(year=started.year),
                        status=DevelopmentPlan.Status.ACTIVE
                        if active
                        else DevelopmentPlan.Status.CLOSED,
                        closed_at=_at(closed) if closed else None,
                    )
                )
                picks = (
                    [3, 1]
                    if i == 0 and active
                    else rng.sample(range(len(GOALS)), rng.choice([2, 2, 3]))
                )
                for g, pick in enumerate(picks):
                    if active:
                        status = (
                            Goal.Status.IN_PROGRESS
                            if i == 0 and g == 0
                            else STATUSES[rng.randrange(len(STATUSES))]
                        )
                    else:
                        status = Goal.Status.ACHIEVED if rng.random() < 0.7 else Goal.Status.DROPPED
                    _goal(
                        out,
                        plan,
                        GOALS[pick],
                        by_code,
                        status,
                        german,
                        started,
                        closed or today,
                        rng,
                        today,
                    )
                kind, title_en, title_de = ACTIONS[rng.randrange(len(ACTIONS))]
                done = not active or rng.random() < 0.4
                due = (
                    (closed or today) - timedelta(days=rng.randint(5, 60))
                    if not active
                    else today + timedelta(days=rng.randint(5, 60))
                )
                out.add(
                    Action(
                        plan=plan,
                        kind=kind,
                        title=title_de if german else title_en,
                        due_on=due,
                        completed_on=min(due, today - timedelta(days=rng.randint(1, 20)))
                        if done
                        else None,
                    )
                )


def _plan_starts(first, today, rng) -> list:
    """A plan a year, the last one still active and at least three weeks old."""
    starts, day = [], first + timedelta(days=rng.randint(7, 30))
    while day < today - timedelta(days=365):
        starts.append(day)
        day += timedelta(days=365)
    starts.append(max(first, min(day, today - timedelta(days=rng.randint(20, 120)))))
    if len(starts) > 1 and starts[-1] <= starts[-2]:
        starts.pop()
    return starts


def _goal(out, plan, spec, by_code, status, german, started, ends, rng, today):
    title_en, title_de, code, level, measure_en, measure_de = spec
    done = status in (Goal.Status.ACHIEVED, Goal.Status.DROPPED)
    due = (
        ends - timedelta(days=rng.randint(0, 30))
        if done
        else today + timedelta(days=rng.randint(20, 150))
    )
    goal = out.add(
        Goal(
            plan=plan,
            title=title_de if german else title_en,
            skill=by_code.get(code),
            target_level=level,
            success_measure=measure_de if german else measure_en,
            due_on=due,
            status=status,
            proposed_by=plan.agent if status == Goal.Status.PROPOSED else plan.created_by,
            created_at=plan.created_at,
        )
    )
    if status in (Goal.Status.IN_PROGRESS, Goal.Status.ACHIEVED):
        texts = PROGRESS["de" if german else "en"]
        span = max(1, (min(ends, today) - started).days)
        for _n in range(rng.randint(1, 3)):
            out.add(
                ProgressNote(
                    goal=goal,
                    author=plan.created_by,
                    text=rng.choice(texts),
                    created_at=_at(started + timedelta(days=rng.randint(1, span))),
                )
            )


def _at(day):
    return timezone.make_aware(datetime.combine(day, time(10, 0)))
