"""Demo data of the plans app: plans with goals in every status, progress notes and actions."""

from datetime import timedelta

from django.utils import timezone

from skills.models import Skill

from .models import Action, DevelopmentPlan, Goal, ProgressNote

GOALS = [
    ("Calm escalations without handing over", "de-escalation", 4, "Fewer than one hand-over per week to the lead"),
    ("Shorter e-mail answers", "email-writing", 4, "QA score for written answers of 85 or more"),
    ("Learn the chat channel", "chat-handling", 3, "Handle two chats in parallel during one shift"),
    ("Become the team's tariff expert", "tariffs", 5, "Colleagues ask first; two knowledge articles written"),
    ("Document completely in the CRM", "crm", 3, "No missing call notes in the monthly check"),
]
STATUSES = [Goal.Status.OPEN, Goal.Status.IN_PROGRESS, Goal.Status.IN_PROGRESS, Goal.Status.ACHIEVED,
            Goal.Status.PROPOSED]
ACTIONS = [
    (Action.Kind.TRAINING, "Workshop: de-escalation on the phone"),
    (Action.Kind.SHADOWING, "Shadow a senior colleague for two shifts"),
    (Action.Kind.MENTORING, "Fortnightly talk with a mentor"),
    (Action.Kind.SELF_STUDY, "E-learning: writing clear e-mails"),
    (Action.Kind.ON_THE_JOB, "Take over the team's tariff questions for a week"),
]


def seed(*, demo, rng, today):
    by_code = {s.code: s for s in Skill.objects.all()}
    lead_of_team = dict(zip([t.pk for t in demo.teams], demo.leads))
    now = timezone.now()
    plans = []
    for i, agent in enumerate(demo.agents):
        lead = lead_of_team[demo.teams[i % len(demo.teams)].pk]
        plans.append(DevelopmentPlan(agent=agent, created_by=lead, created_at=now - timedelta(days=rng.randint(20, 120))))
    plans = DevelopmentPlan.objects.bulk_create(plans, batch_size=2000)
    goals, actions = [], []
    for i, plan in enumerate(plans):
        picks = [0, 1] if i == 0 else rng.sample(range(len(GOALS)), 2)
        for n, pick in enumerate(picks):
            title, code, level, measure = GOALS[pick]
            status = Goal.Status.IN_PROGRESS if i == 0 and n == 0 else STATUSES[rng.randrange(len(STATUSES))]
            goals.append(Goal(plan=plan, title=title, skill=by_code.get(code), target_level=level,
                              success_measure=measure, due_on=today + timedelta(days=rng.randint(20, 150)),
                              status=status, proposed_by=plan.agent if status == Goal.Status.PROPOSED else plan.created_by,
                              created_at=plan.created_at))
        kind, title = ACTIONS[rng.randrange(len(ACTIONS))]
        done = rng.random() < 0.4
        actions.append(Action(plan=plan, kind=kind, title=title,
                              due_on=today + timedelta(days=rng.randint(5, 60)),
                              completed_on=today - timedelta(days=rng.randint(1, 20)) if done else None))
    goals = Goal.objects.bulk_create(goals, batch_size=5000)
    Action.objects.bulk_create(actions, batch_size=5000)
    notes = [
        ProgressNote(goal=goal, author=goal.plan.created_by, created_at=now - timedelta(days=rng.randint(1, 15)),
                     text="Gutes Gespräch am Montag: deutlich ruhiger geblieben." if rng.random() < 0.5
                     else "Two escalations this week handled without help.")
        for goal in goals
        if goal.status == Goal.Status.IN_PROGRESS
    ]
    ProgressNote.objects.bulk_create(notes, batch_size=5000)
