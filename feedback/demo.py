"""Demo data of the feedback app: notes in every state over the last quarters, upward feedback."""

from datetime import timedelta

from django.utils import timezone

from people.periods import Quarter
from skills.models import Skill

from .models import CoachingNote, UpwardFeedback, UpwardFeedbackParticipation
from .window import feedback_due_at

OBSERVATIONS = [
    ("praise", "Stayed calm with an angry caller about a double charge and named the next step clearly.",
     "The customer thanked them and did not ask for a supervisor.", "Keep summarising the next step at the end.",
     ["de-escalation", "call-structure"]),
    ("improvement", "Interrupted the customer twice while they explained the router problem.",
     "The customer repeated themselves and sounded irritated.", "Let them finish, then paraphrase before asking.",
     ["active-listening"]),
    ("improvement", "Used internal tariff names (\"Tarif S-Plus alt\") the customer did not know.",
     "The customer was unsure what they had agreed to.", "Explain tariffs in the customer's words.",
     ["plain-language", "tariffs"]),
    ("praise", "Warm, personal e-mail answer instead of the standard template to a long-standing customer.",
     "The customer replied with a thank-you and a 5-star rating.", "Keep personalising templates like this.",
     ["email-writing"]),
    ("improvement", "Ended the chat without checking whether the customer's question was answered.",
     "The customer opened a second chat ten minutes later.", "Ask 'Is there anything else?' before closing.",
     ["chat-handling"]),
    ("praise", "Documented the call completely in the CRM while talking.",
     "The colleague on the callback found everything at once.", "Keep documenting during the call.", ["crm"]),
]
COMMENTS = ["Danke, das nehme ich mit.", "Thanks, I'll try the paraphrasing.", "Guter Hinweis!"]


def seed(*, demo, rng, today):
    by_code = {s.code: s for s in Skill.objects.all()}
    lead_of_team = dict(zip([t.pk for t in demo.teams], demo.leads))
    now = timezone.now()
    notes, note_skills = [], []
    for i, agent in enumerate(demo.agents):
        lead = lead_of_team[demo.teams[i % len(demo.teams)].pk]
        count = 6 if i < 200 else 2  # a full history for the demo-sized site, a light one for benchmarks
        for n in range(count):
            observed = now - timedelta(days=rng.randint(5, 270), hours=rng.randint(0, 8))
            notes.append(_past_note(agent, lead, observed, rng, n))
        if i % 3 == 0:  # what is still open in the inbox: due later, soon, and overdue
            for hours_ago in (rng.randint(2, 20), rng.randint(50, 70), rng.randint(80, 140)):
                notes.append(_open_note(agent, lead, now - timedelta(hours=hours_ago), rng, shared=hours_ago > 60))
    notes = CoachingNote.objects.bulk_create(notes, batch_size=5000)
    through = CoachingNote.skills.through
    for note in notes:
        for code in OBSERVATIONS[note._template][4]:
            if code in by_code:
                note_skills.append(through(coachingnote_id=note.pk, skill_id=by_code[code].pk))
    through.objects.bulk_create(note_skills, batch_size=5000)
    _upward(demo, rng)


def _fields(template, agent, lead, observed):
    kind, situation, effect, next_step, _skills = OBSERVATIONS[template]
    note = CoachingNote(agent=agent, author=lead, observed_at=observed, kind=kind, situation=situation,
                        effect=effect, next_step=next_step, feedback_due_at=feedback_due_at(observed),
                        channel="phone")
    note._template = template
    return note


def _past_note(agent, lead, observed, rng, n):
    note = _fields(rng.randrange(len(OBSERVATIONS)), agent, lead, observed)
    late = rng.random() < 0.2
    note.delivered_at = observed + timedelta(hours=rng.randint(80, 200) if late else rng.randint(1, 60))
    note.delivery_method = rng.choice(["in_person", "in_person", "call", "written"])
    note.shared_at = note.delivered_at
    if rng.random() < 0.7:
        note.acknowledged_at = note.delivered_at + timedelta(hours=rng.randint(1, 48))
        if rng.random() < 0.3:
            note.agent_comment = rng.choice(COMMENTS)
    return note


def _open_note(agent, lead, observed, rng, shared):
    note = _fields(rng.randrange(len(OBSERVATIONS)), agent, lead, observed)
    if shared:
        note.shared_at = observed + timedelta(hours=1)
    return note


def _upward(demo, rng):
    """Last quarter's answers (figures show only for closed quarters): three anonymous and one named per lead."""
    quarter = Quarter.current().previous()
    members = {}
    for i, agent in enumerate(demo.agents):
        members.setdefault(demo.teams[i % len(demo.teams)].pk, []).append(agent)
    answers, participations = [], []
    for team, lead in zip(demo.teams, demo.leads):
        agents = members.get(team.pk, [])
        for n in range(min(len(agents), 4)):
            answers.append(UpwardFeedback(
                lead=lead, author=None if n < 3 else agents[n], clarity=rng.randint(3, 5),
                support=rng.randint(2, 5), fairness=rng.randint(3, 5), quarter=quarter.label,
                given_on=quarter.first_day + timedelta(days=20 + n),
                comment="Mehr Zeit für Einzelgespräche wäre schön." if n == 0 else "",
            ))
            participations.append(UpwardFeedbackParticipation(agent=agents[n], lead=lead, quarter=quarter.label))
    UpwardFeedback.objects.bulk_create(answers, batch_size=5000)
    UpwardFeedbackParticipation.objects.bulk_create(participations, batch_size=5000, ignore_conflicts=True)
