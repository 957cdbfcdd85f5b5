"""The register of processing, generated from the code's own settings.

What the works agreement and the data-protection impact assessment need as an
annex: which personal data the portal stores, why, who sees it, how long it is
kept and which features are switched on. Built from `personal_data.SOURCES`,
`settings.RETENTION_MONTHS` and the works-council switches, so it cannot drift
from what the code does.
"""

from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from people import features

from . import personal_data, retention


@dataclass
class Activity:
    app_label: str
    title: str
    purpose: str
    recipients: str
    retention: str
    data: list


ACTIVITIES = {
    "people": (
        _("Accounts, teams and mentoring"),
        _("Sign-in; who belongs to which team and who leads it, with history; mentor pairings."),
        _(
            "The person; their current team leads; mentor and mentee of a pairing; HR; administrators."
        ),
    ),
    "skills": (
        _("Skills, targets and career wishes"),
        _("Development: skill levels against targets, the team's skills matrix, career wishes."),
        _("The agent; their current team leads; HR."),
    ),
    "plans": (
        _("Development plans"),
        _("Goals and actions agreed between agent and lead."),
        _("The agent; their current team leads; a current mentor; HR."),
    ),
    "training": (
        _("Training and onboarding"),
        _("Course enrollments, attendance, onboarding, the calendar feed."),
        _("The agent; their current team leads; HR."),
    ),
    "kpis": (
        _("Key figures"),
        _("Coaching beside the numbers exported from the contact-center systems."),
        _("The agent and their current team lead; everyone else sees team aggregates only."),
    ),
    "feedback": (
        _("Coaching notes and upward feedback"),
        _("Behavioural feedback within the feedback window; the agents' feedback on their lead."),
        _(
            "An unshared note: its author alone. A shared note: the agent, their current lead, HR. "
            "Upward feedback: the lead and HR see aggregates of at least 3 answers per closed quarter."
        ),
    ),
    "reviews": (
        _("Quarterly reviews"),
        _("A review with every agent at least once a quarter."),
        _(
            "A draft: its author alone. Shared: the agent, their current lead, HR (exports for the "
            "personnel file)."
        ),
    ),
    "qa": (
        _("Quality evaluations of customer contacts"),
        _(
            "Coaching from evaluations of single recorded contacts against a scorecard, within the "
            "limits of the works agreement (a cap of evaluations per agent and month, contacts "
            "drawn at random with a stored seed); disputes; calibration of the evaluators."
        ),
        _(
            "A draft: its evaluator, and the agent in their own copy of personal data. Shared: the "
            "agent, their current leads, the QA specialists assigned to their team, HR. Calibration "
            "sessions: their owner, participants and HR, never the agent."
        ),
    ),
    "one_on_ones": (
        _("One-on-ones"),
        _(
            "Regular conversations between a lead and an agent: a shared agenda, shared notes, "
            "action items with owner and due date; private notes for their writer alone."
        ),
        _(
            "The lead and the agent of the series; a private note only its writer (also not HR or "
            "administrators); HR sees only how many agents of a team had a one-on-one lately, where "
            "the works agreement allows it."
        ),
    ),
    "briefings": (
        _("Team briefings"),
        _("Which agents confirmed a briefing and which questions they asked."),
        _("The team's lead; HR."),
    ),
    "objectives": (
        _("Service objectives and improvement proposals"),
        _(
            "The service's and each team's objectives with the team's progress from its key figures "
            "(never an individual's); which development goals serve them; agents' improvement "
            "proposals and the lead's answers."
        ),
        _(
            "Proposals: the team reads them without the author's name, its current lead with it; "
            "HR sees only how many. Goal links: the agent and whoever sees their plan."
        ),
    ),
    "notifications": (
        _("Reminders and notifications"),
        _("Reminding leads of feedback and reviews, exactly once."),
        _("The recipient; administrators see delivery state."),
    ),
    "reports": (
        _("Export log"),
        _("Accountability for exports of reviews."),
        _("HR; administrators."),
    ),
    "audit": (
        _("Access audit"),
        _("Who viewed, changed or exported whose records (never the content)."),
        _("The person the records are about; HR; administrators."),
    ),
    "privacy": (
        _("Statements"),
        _("The employee's own statement on a record about them (§83 BetrVG)."),
        _("Everyone who may see the record."),
    ),
    "api": (
        _("REST API and its clients"),
        _(
            "Programs of the person (personal access tokens) and systems set up by administrators "
            "(integration tokens: HR system, contact-center system, identity provider) read and "
            "write through the API what the token's account may see; every use is audited."
        ),
        _(
            "The token's owner; for integrations, the systems named under Settings → Integrations, "
            "limited to their endpoints and teams; administrators."
        ),
    ),
    "admin": (
        _("Administration log"),
        _("Changes made in the administration."),
        _("Administrators."),
    ),
}

RETENTION_OF_APP = {
    "feedback": ["coaching_notes", "unshared_notes"],
    "reviews": ["reviews"],
    "kpis": ["kpis"],
    "qa": ["qa_evaluations", "qa_calibrations", "qa_samples", "qa_quotas"],
    "audit": ["audit"],
    "objectives": ["objective_proposals"],
    "notifications": ["notifications"],
    "one_on_ones": ["one_on_ones"],
}


def retention_periods() -> list[tuple[str, str, int]]:
    return [
        (rule.label, rule.what_happens, settings.RETENTION_MONTHS[rule.key])
        for rule in retention.RULES
    ]


def _retention_text(app_label: str) -> str:
    rules = {rule.key: rule for rule in retention.RULES}
    keys = RETENTION_OF_APP.get(app_label, [])
    parts = [f"{rules[k].label}: {settings.RETENTION_MONTHS[k]} {_('months')}" for k in keys]
    parts.append(
        f"{_('Leavers')}: {settings.RETENTION_MONTHS['leavers']} {_('months after leaving')}"
    )
    return "; ".join(str(p) for p in parts)


def activities() -> list[Activity]:
    by_app: dict[str, list] = {}
    for source in personal_data.sources_available():
        model = apps.get_model(source.model)
        fields = [
            str(f.verbose_name)
            for f in model._meta.concrete_fields
            if not f.primary_key and f.name not in source.omit
        ]
        entry = (str(model._meta.verbose_name_plural), ", ".join(fields))
        if entry not in by_app.setdefault(model._meta.app_label, []):
            by_app[model._meta.app_label].append(entry)
    return [
        Activity(
            app_label=label,
            title=title,
            purpose=purpose,
            recipients=recipients,
            retention=_retention_text(label),
            data=by_app.get(label, []),
        )
        for label, (title, purpose, recipients) in ACTIVITIES.items()
        if label in by_app
    ]


def context() -> dict:
    return {
        "activities": activities(),
        "retention": retention_periods(),
        "features": features.states(),
        "min_group_size": features.min_group_size(),
    }
