"""Demo data of the qa app: a QA specialist assigned to the first two teams, a "Telefon Basis" and a
"Chat" scorecard in German and English, some weeks of shared evaluations of the first team's agents,
an open dispute, and three calibration sessions with three evaluators each (the last one shows
alignment, alpha and leniency, and flags the question the evaluators keep reading differently).

Everything goes through the services, so the demo obeys the same rules as the portal (the monthly
cap, the channels a scorecard covers); only the moments are moved back afterwards."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from feedback.window import feedback_due_at
from people.models import Role, TeamMembership, User
from skills.models import Skill

from . import services
from .models import CalibrationSession, Evaluation, Question, ScoreVersion, Status
from .scoring import NOT_APPLICABLE
from .services import AnswerInput, QuestionInput, SectionInput

DEMO_QA_EMAIL = "qa@demo.example"
QA_TEAMS = 2  # the QA specialist's assignment: the first two teams
EVALUATED_AGENTS = 6  # of the first team
WEEKS = 6


def _guidance(*pairs):
    return {str(value): {"en": en, "de": de} for value, en, de in pairs}


def phone_sections(skills) -> list[SectionInput]:
    return [
        SectionInput(
            "Greeting",
            "Begrüßung",
            Decimal(20),
            questions=[
                QuestionInput(
                    "Greets with name and company",
                    "Begrüßt mit Namen und Firma",
                    "yes_no",
                    skill_id=skills.get("call-structure"),
                ),
                QuestionInput(
                    "Verifies the caller",
                    "Prüft die Identität der anrufenden Person",
                    "yes_no",
                    weight=Decimal(2),
                    critical="all",
                    guidance=_guidance(
                        (
                            0,
                            "Data protection: no verification, no account details.",
                            "Datenschutz: ohne Prüfung keine Auskunft zum Konto.",
                        ),
                    ),
                ),
            ],
        ),
        SectionInput(
            "Conversation",
            "Gesprächsführung",
            Decimal(50),
            questions=[
                QuestionInput(
                    "Listens actively",
                    "Hört aktiv zu",
                    "scale",
                    top=5,
                    skill_id=skills.get("active-listening"),
                    guidance=_guidance(
                        (1, "Interrupts repeatedly.", "Unterbricht mehrfach."),
                        (
                            5,
                            "Paraphrases before asking.",
                            "Fasst zusammen, bevor er oder sie fragt.",
                        ),
                    ),
                ),
                QuestionInput(
                    "Stays calm with an upset caller",
                    "Bleibt bei verärgerten Anrufenden ruhig",
                    "scale",
                    top=5,
                    allows_na=True,
                    skill_id=skills.get("de-escalation"),
                ),
                QuestionInput(
                    "Explains in plain language",
                    "Erklärt in einfachen Worten",
                    "points",
                    top=4,
                    skill_id=skills.get("plain-language"),
                ),
            ],
        ),
        SectionInput(
            "Closing",
            "Abschluss",
            Decimal(30),
            questions=[
                QuestionInput(
                    "Summarises the next step",
                    "Fasst den nächsten Schritt zusammen",
                    "yes_no",
                    skill_id=skills.get("call-structure"),
                ),
                QuestionInput(
                    "Documents the call in the CRM",
                    "Dokumentiert das Gespräch im CRM",
                    "yes_no",
                    critical="section",
                    skill_id=skills.get("crm"),
                ),
            ],
        ),
    ]


def chat_sections(skills) -> list[SectionInput]:
    """The chat scorecard of the browser journey: opening (25), solution (75) and a bonus of 5."""
    return [
        SectionInput(
            "Opening",
            "Eröffnung",
            Decimal(25),
            questions=[
                QuestionInput(
                    "Answers within the first minute",
                    "Antwortet innerhalb der ersten Minute",
                    "yes_no",
                ),
                QuestionInput(
                    "Tone",
                    "Tonalität",
                    "scale",
                    top=5,
                    skill_id=skills.get("chat-tone"),
                    guidance=_guidance(
                        (1, "Curt or cold.", "Knapp oder kühl."),
                        (3, "Polite, but standard phrases.", "Höflich, aber Standardfloskeln."),
                        (5, "Warm and personal.", "Freundlich und persönlich."),
                    ),
                ),
            ],
        ),
        SectionInput(
            "Solution",
            "Lösung",
            Decimal(75),
            questions=[
                QuestionInput(
                    "Solves the issue",
                    "Löst das Anliegen",
                    "yes_no",
                    weight=Decimal(2),
                    skill_id=skills.get("troubleshooting"),
                ),
                QuestionInput(
                    "Explains the next steps",
                    "Erklärt die nächsten Schritte",
                    "points",
                    top=4,
                    skill_id=skills.get("plain-language"),
                    guidance=_guidance(
                        (0, "No next step.", "Kein nächster Schritt."),
                        (
                            4,
                            "What happens, when, and what the customer does.",
                            "Was passiert, wann, und was die Kundschaft tun muss.",
                        ),
                    ),
                ),
                QuestionInput(
                    "Asks whether anything else is open before closing",
                    "Fragt vor dem Abschluss, ob noch etwas offen ist",
                    "yes_no",
                    skill_id=skills.get("chat-handling"),
                ),
            ],
        ),
        SectionInput(
            "Extra",
            "Extra",
            Decimal(5),
            is_bonus=True,
            questions=[
                QuestionInput(
                    "Offers a helpful tip beyond the question",
                    "Gibt einen hilfreichen Tipp über die Frage hinaus",
                    "yes_no",
                )
            ],
        ),
    ]


def _answers(rng, questions: list[Question], *, quality: float) -> dict[int, AnswerInput]:
    """Plausible answers: better agents answer higher more often."""
    answers = {}
    for question in questions:
        if question.allows_na and rng.random() < 0.2:
            answers[question.pk] = AnswerInput(NOT_APPLICABLE)
            continue
        lowest = 0 if question.kind != "scale" else 1
        good = rng.random() < quality
        if question.kind == "yes_no":
            value = 1 if good or question.critical == "all" else 0
        else:
            value = (
                rng.randint(max(lowest, question.top - 1), question.top)
                if good
                else rng.randint(lowest, max(lowest, question.top - 2))
            )
        answers[question.pk] = AnswerInput(
            value, improvement=not good and question.skill_id is not None
        )
    return answers


def _questions(scorecard) -> list[Question]:
    return list(
        Question.objects.filter(section__version__scorecard=scorecard)
        .select_related("section")
        .order_by("section__position", "position", "id")
    )


def seed(*, demo, rng, today):
    now = timezone.now()
    specialist = User.objects.create(
        email=DEMO_QA_EMAIL,
        first_name="Sabine",
        last_name="Krüger",
        role=Role.QA,
        password=demo.lead.password,
        preferred_language="de",
    )
    TeamMembership.objects.bulk_create(
        TeamMembership(
            team=team,
            user=specialist,
            kind=TeamMembership.Kind.QA,
            start=today - timedelta(days=400),
        )
        for team in demo.teams[:QA_TEAMS]
    )
    skills = dict(Skill.objects.values_list("code", "pk"))
    phone = services.scorecard_create(
        by=demo.hr,
        name_en="Phone basics",
        name_de="Telefon Basis",
        description_en="The basics of every customer call.",
        description_de="Die Grundlagen jedes Kundengesprächs.",
        channels=["phone"],
        sections=phone_sections(skills),
    )
    chat = services.scorecard_create(
        by=demo.hr,
        name_en="Chat",
        name_de="Chat",
        description_en="Chats from the first answer to the goodbye.",
        description_de="Chats von der ersten Antwort bis zur Verabschiedung.",
        channels=["chat"],
        sections=chat_sections(skills),
    )
    cards = [(phone, "phone", _questions(phone)), (chat, "chat", _questions(chat))]
    first_team = [a for i, a in enumerate(demo.agents) if demo.team_index(i) == 0][
        :EVALUATED_AGENTS
    ]
    evaluated = []
    for position, agent in enumerate(first_team):
        quality = 0.9 if position % 3 == 0 else 0.65
        for week in range(1, WEEKS + 1):
            if rng.random() < 0.35:
                continue
            card, channel, questions = cards[(week + position) % 2]
            evaluator = demo.lead if week % 2 else specialist
            moment = now - timedelta(days=7 * week - rng.randint(0, 3), hours=rng.randint(1, 8))
            evaluation = services.evaluation_start(
                evaluator=evaluator,
                agent=agent,
                version=card.versions.get(),
                reference=f"{'CALL' if channel == 'phone' else 'CHAT'}-{agent.pk}-{week}",
                channel=channel,
                interaction_at=moment,
            )
            services.evaluation_save_answers(
                by=evaluator,
                evaluation=evaluation,
                answers=_answers(rng, questions, quality=quality),
            )
            services.evaluation_share(by=evaluator, evaluation=evaluation)
            shared = moment + timedelta(days=1)
            has_items = evaluation.feedback_due_at is not None
            Evaluation.objects.filter(pk=evaluation.pk).update(
                shared_at=shared,
                created_at=moment,
                feedback_due_at=feedback_due_at(shared) if has_items else None,
                feedback_given_at=shared + timedelta(days=1) if has_items else None,
                feedback_method=Evaluation.FeedbackMethod.IN_PERSON if has_items else "",
                status=Status.ACKNOWLEDGED if week > 1 else Status.SHARED,
                acknowledged_at=shared + timedelta(hours=5) if week > 1 else None,
            )
            ScoreVersion.objects.filter(evaluation=evaluation).update(changed_at=shared)
            evaluated.append((agent, evaluation, questions))
    _open_dispute(demo, evaluated)
    _calibrations(demo, rng, specialist, chat, now)


def _open_dispute(demo, evaluated):
    """An agent other than the demo agent disputes one answer of their latest evaluation."""
    for agent, evaluation, questions in sorted(
        evaluated, key=lambda row: row[1].interaction_at, reverse=True
    ):
        if agent == demo.agent or evaluation.evaluator_id != demo.lead.pk:
            continue
        answers = {a.question_id: a for a in evaluation.answers.all()}
        for question in questions:
            given = answers.get(question.pk)
            if given and given.value is not None and question.kind == "scale" and given.value < 5:
                Evaluation.objects.filter(pk=evaluation.pk).update(shared_at=timezone.now())
                evaluation.refresh_from_db()
                services.dispute_raise(
                    by=agent,
                    evaluation=evaluation,
                    question=question,
                    reason="Der Kunde hat sich am Ende ausdrücklich bedankt.",
                    proposed=given.value + 1,
                )
                return
    raise AssertionError("The demo has no evaluation to dispute")  # pragma: no cover


CALIBRATION_ANSWERS = [  # per session: the three evaluators' answers per chat question (English text)
    {
        "Answers within the first minute": (1, 1, 1),
        "Tone": (4, 2, 5),
        "Solves the issue": (1, 1, 1),
        "Explains the next steps": (3, 3, 2),
        "Asks whether anything else is open before closing": (0, 1, 0),
        "Offers a helpful tip beyond the question": (0, 0, 0),
    },
    {
        "Answers within the first minute": (1, 1, 0),
        "Tone": (3, 5, 2),
        "Solves the issue": (1, 1, 1),
        "Explains the next steps": (2, 2, 2),
        "Asks whether anything else is open before closing": (1, 1, 1),
        "Offers a helpful tip beyond the question": (1, 0, 0),
    },
    {
        "Answers within the first minute": (1, 1, 1),
        "Tone": (5, 3, 2),
        "Solves the issue": (0, 1, 0),
        "Explains the next steps": (4, 3, 4),
        "Asks whether anything else is open before closing": (0, 0, 1),
        "Offers a helpful tip beyond the question": (0, 0, 1),
    },
]


def _calibrations(demo, rng, specialist, chat, now):
    """Three sessions of the chat scorecard, each with the demo lead (owner), a second lead and the QA
    specialist; the tone is read differently every time, so the last session flags it."""
    version = chat.versions.get()
    by_text = {q.text_en: q for q in _questions(chat)}
    evaluators = [demo.lead, demo.leads[1] if len(demo.leads) > 1 else demo.hr, specialist]
    for number, given in enumerate(CALIBRATION_ANSWERS, start=1):
        weeks_ago = len(CALIBRATION_ANSWERS) + 1 - number
        session = services.calibration_create(
            owner=demo.lead,
            version=version,
            title=f"Chat calibration {number}",
            reference=f"CHAT-CAL-{number}",
            channel="chat",
            interaction_at=now - timedelta(days=7 * weeks_ago + 1),
            evaluators=evaluators,
            agent=demo.agents[rng.randrange(len(demo.agents))],
        )
        for position, evaluator in enumerate(evaluators):
            services.calibration_submit(
                by=evaluator,
                session=session,
                answers={by_text[text].pk: values[position] for text, values in given.items()},
            )
        services.calibration_reveal(by=demo.lead, session=session)
        services.calibration_record_benchmark(
            by=demo.lead, session=session, source=CalibrationSession.BenchmarkSource.OWNER
        )
        moment = now - timedelta(days=7 * weeks_ago)
        CalibrationSession.objects.filter(pk=session.pk).update(
            created_at=moment - timedelta(days=1), revealed_at=moment, closed_at=moment
        )
