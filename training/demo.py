"""Demo data of the training app: a course catalogue, sessions with enrollments, onboarding and mentoring."""

from datetime import datetime, time, timedelta

from django.utils import timezone

from people.models import MentorCheckIn, MentorPairing
from skills.models import Skill

from .models import Course, CourseSkill, Enrollment, OnboardingAssignment, OnboardingProgram, ProgramStep, Session

COURSES = [
    ("De-escalation on the phone", "Deeskalation am Telefon", "classroom", 8, False,
     "Recognise emotions, stay calm, steer the call.", "Emotionen erkennen, ruhig bleiben, das Gespräch lenken.",
     [("de-escalation", 4), ("tone-of-voice", 3)]),
    ("Writing clear e-mails", "Klare E-Mails schreiben", "e_learning", 3, False,
     "Short, friendly, solved in one go.", "Kurz, freundlich, auf einmal gelöst.", [("email-writing", 4), ("plain-language", 3)]),
    ("Chat for phone agents", "Chat für Telefon-Profis", "classroom", 6, False,
     "Two chats in parallel without losing anyone.", "Zwei Chats parallel, ohne jemanden zu verlieren.",
     [("chat-handling", 3), ("chat-tone", 3)]),
    ("Tariffs and contracts", "Tarife und Verträge", "e_learning", 4, True,
     "Everything about our tariffs.", "Alles über unsere Tarife.", [("tariffs", 3)]),
    ("CRM basics", "CRM-Grundlagen", "on_the_job", 4, True,
     "Find, document, hand over.", "Finden, dokumentieren, übergeben.", [("crm", 3), ("ticketing", 3)]),
    ("Shadowing a senior colleague", "Hospitation bei erfahrenen Kolleg*innen", "shadowing", 8, True,
     "Listen in on real calls for a day.", "Einen Tag bei echten Gesprächen zuhören.", [("call-structure", 2)]),
]


def seed(*, demo, rng, today):
    skills = {s.code: s for s in Skill.objects.all()}
    now = timezone.now()
    courses = []
    for title_en, title_de, fmt, hours, onboarding, desc_en, desc_de, raises in COURSES:
        course = Course.objects.create(title_en=title_en, title_de=title_de, format=fmt, duration_hours=hours,
                                       is_onboarding=onboarding, description_en=desc_en, description_de=desc_de)
        CourseSkill.objects.bulk_create(CourseSkill(course=course, skill=skills[code], level=level)
                                        for code, level in raises if code in skills)
        courses.append(course)
    sessions = []
    for n, course in enumerate(courses):
        for offset in (-30 - n, 10 + n * 3, 40 + n):
            starts = timezone.make_aware(datetime.combine(today + timedelta(days=offset), time(9, 0)))
            sessions.append(Session(course=course, starts_at=starts, trainer=rng.choice(["Maria Berg", "Tom Krüger"]),
                                    place=rng.choice(["Köln, Raum 3.12", "Leipzig, Schulungsraum", "Online (Teams)"]),
                                    capacity=8))
    sessions = Session.objects.bulk_create(sessions)
    enrollments = []
    pool = demo.agents[:120]
    for session in sessions:
        past = session.starts_at < now
        for agent in rng.sample(pool, min(len(pool), 6)):
            if agent == demo.agent:
                continue
            status = (Enrollment.Status.COMPLETED if rng.random() < 0.8 else Enrollment.Status.ATTENDED) if past \
                else rng.choice([Enrollment.Status.ENROLLED, Enrollment.Status.ENROLLED, Enrollment.Status.REQUESTED])
            enrollments.append(Enrollment(session=session, agent=agent, status=status,
                                          completed_on=session.starts_at.date() if status == "completed" else None,
                                          ratings_confirmed_at=now if status == "completed" else None))
    Enrollment.objects.bulk_create(enrollments, ignore_conflicts=True)
    _onboarding(demo, courses, rng, today)


def _onboarding(demo, courses, rng, today):
    program = OnboardingProgram.objects.create(name_en="Contact center onboarding", name_de="Onboarding Kundenservice",
                                               is_default=True)
    steps = [ProgramStep(program=program, week=1, title_en="Welcome talk with the lead",
                         title_de="Willkommensgespräch mit der Teamleitung")]
    steps += [ProgramStep(program=program, week=w, title_en=c.title_en, title_de=c.title_de, course=c)
              for w, c in enumerate([c for c in courses if c.is_onboarding], start=1)]
    steps += [ProgramStep(program=program, week=4, title_en="Check-in after four weeks",
                          title_de="Zwischengespräch nach vier Wochen")]
    steps = ProgramStep.objects.bulk_create(steps)
    from people.models import AgentProfile

    recent = set(AgentProfile.objects.filter(user__in=demo.agents, hire_date__gte=today - timedelta(days=60))
                 .values_list("user_id", flat=True))
    new_hires = [(i, a) for i, a in enumerate(demo.agents) if a.pk in recent]
    by_team = {}
    for i, agent in enumerate(demo.agents):
        by_team.setdefault(demo.teams[i % len(demo.teams)].pk, []).append(agent)
    for i, agent in new_hires[:60]:
        assignment = OnboardingAssignment.objects.create(agent=agent, program=program, start=today - timedelta(days=20))
        assignment.done_steps.add(*steps[: rng.randint(1, len(steps) - 1)])
        team_pk = demo.teams[i % len(demo.teams)].pk
        mentors = [a for a in by_team[team_pk] if a.pk not in {h.pk for _, h in new_hires}]
        if mentors:
            pairing = MentorPairing.objects.create(mentor=rng.choice(mentors[:3]), mentee=agent,
                                                   purpose=MentorPairing.Purpose.ONBOARDING, start=today - timedelta(days=18))
            MentorCheckIn.objects.create(pairing=pairing, author=pairing.mentor, held_on=today - timedelta(days=10),
                                         note="Erste Woche gut geschafft; Fragen zu Tarifen geklärt.")
