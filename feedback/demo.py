"""Demo data of the feedback app: about two coaching notes a month over each agent's history, the open ones
in the inbox, and upward feedback each quarter; texts in the agent's language."""

from datetime import datetime, time, timedelta

from django.utils import timezone

from core.bulk import BulkWriter
from people.periods import Quarter
from skills.models import Skill

from .models import CoachingNote, UpwardFeedback, UpwardFeedbackParticipation
from .window import feedback_due_at

# kind, skills, then situation, effect and next step in English and in German
OBSERVATIONS = [
    (
        "praise",
        ["de-escalation", "call-structure"],
        (
            "Stayed calm with an angry caller about a double charge and named the next step clearly.",
            "The customer thanked them and did not ask for a supervisor.",
            "Keep summarising the next step at the end.",
        ),
        (
            "Blieb bei einem verärgerten Anrufer wegen einer doppelten Abbuchung ruhig und nannte klar den nächsten Schritt.",
            "Der Kunde bedankte sich und verlangte keine Teamleitung.",
            "Fassen Sie den nächsten Schritt weiter am Ende zusammen.",
        ),
    ),
    (
        "improvement",
        ["active-listening"],
        (
            "Interrupted the customer twice while they explained the router problem.",
            "The customer repeated themselves and sounded irritated.",
            "Let them finish, then paraphrase before asking.",
        ),
        (
            "Hat die Kundin zweimal unterbrochen, während sie das Routerproblem erklärte.",
            "Die Kundin wiederholte sich und klang gereizt.",
            "Ausreden lassen, dann mit eigenen Worten zusammenfassen und erst dann fragen.",
        ),
    ),
    (
        "improvement",
        ["plain-language", "tariffs"],
        (
            'Used internal tariff names ("Tarif S-Plus alt") the customer did not know.',
            "The customer was unsure what they had agreed to.",
            "Explain tariffs in the customer's words.",
        ),
        (
            "Verwendete interne Tarifnamen („Tarif S-Plus alt“), die der Kunde nicht kannte.",
            "Der Kunde war unsicher, worauf er sich eingelassen hatte.",
            "Tarife in den Worten der Kundschaft erklären.",
        ),
    ),
    (
        "praise",
        ["email-writing"],
        (
            "Warm, personal e-mail answer instead of the standard template to a long-standing customer.",
            "The customer replied with a thank-you and a 5-star rating.",
            "Keep personalising templates like this.",
        ),
        (
            "Herzliche, persönliche E-Mail-Antwort statt der Standardvorlage an eine langjährige Kundin.",
            "Die Kundin antwortete mit einem Dankeschön und fünf Sternen.",
            "Vorlagen weiter so persönlich anpassen.",
        ),
    ),
    (
        "improvement",
        ["chat-handling"],
        (
            "Ended the chat without checking whether the customer's question was answered.",
            "The customer opened a second chat ten minutes later.",
            "Ask 'Is there anything else?' before closing.",
        ),
        (
            "Beendete den Chat, ohne zu prüfen, ob die Frage des Kunden beantwortet war.",
            "Der Kunde öffnete zehn Minuten später einen zweiten Chat.",
            "Vor dem Schließen fragen: „Kann ich sonst noch helfen?“",
        ),
    ),
    (
        "praise",
        ["crm"],
        (
            "Documented the call completely in the CRM while talking.",
            "The colleague on the callback found everything at once.",
            "Keep documenting during the call.",
        ),
        (
            "Hat das Gespräch noch während des Telefonats vollständig im CRM dokumentiert.",
            "Die Kollegin beim Rückruf fand sofort alles.",
            "Weiter während des Gesprächs dokumentieren.",
        ),
    ),
]
COMMENTS = {
    "de": ["Danke, das nehme ich mit.", "Guter Hinweis!", "Das probiere ich gleich aus."],
    "en": ["Thanks, I'll try the paraphrasing.", "Good point!", "I'll try that right away."],
}
UPWARD_COMMENTS = {
    "de": [
        "Mehr Zeit für Einzelgespräche wäre schön.",
        "Feedback kommt schnell und ist konkret.",
        "",
    ],
    "en": [
        "More time for one-on-ones would be nice.",
        "Feedback comes quickly and is specific.",
        "",
    ],
}
NOTES_A_MONTH = 2
NOTE_SKILL = CoachingNote.skills.through


def seed(*, demo, rng, today):
    skill_ids = {s.code: s.pk for s in Skill.objects.all()}
    now = timezone.now()
    with BulkWriter() as out:
        for i, agent in enumerate(demo.agents):
            first = demo.since(i)
            span = (today - first).days - 5
            for _n in range(round(max(0, span) / 30.4 * NOTES_A_MONTH * rng.uniform(0.7, 1.3))):
                observed = _working_hours(first + timedelta(days=rng.randint(0, span)), rng)
                _add(out, _past_note(demo, i, agent, observed, rng), skill_ids)
            if (
                i // len(demo.teams) % 3 == 0
            ):  # open in the inbox (due later, soon, overdue), in every team
                for hours_ago in (rng.randint(2, 20), rng.randint(50, 70), rng.randint(80, 140)):
                    note = _open_note(
                        demo, i, agent, now - timedelta(hours=hours_ago), rng, shared=hours_ago > 60
                    )
                    _add(out, note, skill_ids)
        _upward(out, demo, rng, today)


def _add(out, note, skill_ids):
    template = note.pop("template")
    note_id = out.row(CoachingNote, **note)
    for code in OBSERVATIONS[template][1]:
        if code in skill_ids:
            out.row(NOTE_SKILL, coachingnote_id=note_id, skill_id=skill_ids[code])


def _working_hours(day, rng):
    while day.weekday() >= 5:
        day -= timedelta(days=1)
    return timezone.make_aware(datetime.combine(day, time(rng.randint(8, 17), rng.randint(0, 59))))


def _note(demo, i, agent, observed, rng) -> dict:
    template = rng.randrange(len(OBSERVATIONS))
    kind, _skills, english, german = OBSERVATIONS[template]
    situation, effect, next_step = german if agent.preferred_language == "de" else english
    channels = demo.channels[i]
    return {
        "template": template,
        "agent_id": agent.pk,
        "author_id": demo.lead_of(i, observed.date()).pk,
        "observed_at": observed,
        "kind": kind,
        "situation": situation,
        "effect": effect,
        "next_step": next_step,
        "feedback_due_at": feedback_due_at(observed),
        "created_at": observed + timedelta(minutes=20),
        "channel": channels[0] if rng.random() < 0.8 else channels[-1],
    }


def _past_note(demo, i, agent, observed, rng) -> dict:
    note = _note(demo, i, agent, observed, rng)
    late = rng.random() < 0.2
    note["delivered_at"] = note["shared_at"] = delivered = observed + timedelta(
        hours=rng.randint(80, 200) if late else rng.randint(1, 60)
    )
    note["delivery_method"] = rng.choice(["in_person", "in_person", "call", "written"])
    if rng.random() < 0.7:
        note["acknowledged_at"] = delivered + timedelta(hours=rng.randint(1, 48))
        if rng.random() < 0.3:
            note["agent_comment"] = rng.choice(COMMENTS[agent.preferred_language])
    return note


def _open_note(demo, i, agent, observed, rng, shared) -> dict:
    note = _note(demo, i, agent, observed, rng)
    if shared:
        note["shared_at"] = observed + timedelta(hours=1)
    return note


def _upward(out, demo, rng, today):
    """Each closed quarter some agents rate their lead, most of them anonymously (one answer per agent, lead
    and quarter); last quarter every lead has three anonymous answers and a named one, so the figures show."""
    last = Quarter.current().previous()
    answered = set()
    members = demo.members()
    for team, lead in zip(demo.teams, demo.leads, strict=False):
        for n, agent in enumerate(members.get(team.pk, [])[:4]):
            comment = UPWARD_COMMENTS[agent.preferred_language][0] if n == 0 else ""
            _answer(
                out,
                answered,
                lead,
                agent,
                last,
                anonymous=n < 3,
                rng=rng,
                comment=comment,
                given_on=last.first_day + timedelta(days=20 + n),
            )
    for i, agent in enumerate(demo.agents):
        quarter = Quarter.containing(demo.since(i) + timedelta(days=60))
        while quarter <= last:
            if rng.random() < 0.35:
                given_on = quarter.first_day + timedelta(days=rng.randint(10, 80))
                _answer(
                    out,
                    answered,
                    demo.lead_of(i, given_on),
                    agent,
                    quarter,
                    anonymous=rng.random() < 0.6,
                    rng=rng,
                    comment=rng.choice(UPWARD_COMMENTS[agent.preferred_language]),
                    given_on=given_on,
                )
            quarter = quarter.next()


def _answer(out, answered, lead, agent, quarter, *, anonymous, rng, comment, given_on):
    if (agent.pk, lead.pk, quarter.label) in answered:
        return
    answered.add((agent.pk, lead.pk, quarter.label))
    out.row(
        UpwardFeedback,
        lead_id=lead.pk,
        author_id=None if anonymous else agent.pk,
        quarter=quarter.label,
        clarity=rng.randint(3, 5),
        support=rng.randint(2, 5),
        fairness=rng.randint(3, 5),
        comment=comment,
        given_on=given_on,
    )
    out.row(UpwardFeedbackParticipation, agent_id=agent.pk, lead_id=lead.pk, quarter=quarter.label)
