"""Demo data of the training app: a course catalogue, sessions over the years with enrollments, onboarding,
mentoring with check-ins, and the skill ratings that completed trainings confirmed."""

from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.utils import timezone

from core.bulk import BulkWriter
from people.models import MentorCheckIn, MentorPairing
from skills.models import RatingSource, Skill, SkillRating

from .models import (
    Course,
    CourseSkill,
    Enrollment,
    OnboardingAssignment,
    OnboardingProgram,
    PairingFocusSkill,
    ProgramStep,
    Session,
)

COURSES = [
    (
        "De-escalation on the phone",
        "Deeskalation am Telefon",
        "classroom",
        8,
        False,
        "Recognise emotions, stay calm, steer the call.",
        "Emotionen erkennen, ruhig bleiben, das Gespräch lenken.",
        [("de-escalation", 4), ("tone-of-voice", 3)],
    ),
    (
        "Writing clear e-mails",
        "Klare E-Mails schreiben",
        "e_learning",
        3,
        False,
        "Short, friendly, solved in one go.",
        "Kurz, freundlich, auf einmal gelöst.",
        [("email-writing", 4), ("plain-language", 3)],
    ),
    (
        "Chat for phone agents",
        "Chat für Telefon-Profis",
        "classroom",
        6,
        False,
        "Two chats in parallel without losing anyone.",
        "Zwei Chats parallel, ohne jemanden zu verlieren.",
        [("chat-handling", 3), ("chat-tone", 3)],
    ),
    (
        "Tariffs and contracts",
        "Tarife und Verträge",
        "e_learning",
        4,
        True,
        "Everything about our tariffs.",
        "Alles über unsere Tarife.",
        [("tariffs", 3)],
    ),
    (
        "CRM basics",
        "CRM-Grundlagen",
        "on_the_job",
        4,
        True,
        "Find, document, hand over.",
        "Finden, dokumentieren, übergeben.",
        [("crm", 3), ("ticketing", 3)],
    ),
    (
        "Shadowing a senior colleague",
        "Hospitation bei erfahrenen Kolleg*innen",
        "shadowing",
        8,
        True,
        "Listen in on real calls for a day.",
        "Einen Tag bei echten Gesprächen zuhören.",
        [("call-structure", 2)],
    ),
]


TRAINERS = ["Maria Berg", "Tom Krüger", "Aylin Demir"]
PLACES = ["Köln, Raum 3.12", "Leipzig, Schulungsraum", "Online (Teams)"]
CAPACITY = 12
FILLED = CAPACITY - 2  # generated enrollments leave places free for what people book in the demo
TRAININGS_A_YEAR = 2
CHECK_INS = {
    "de": [
        "Erste Woche gut geschafft; Fragen zu Tarifen geklärt.",
        "Gemeinsam schwierige Anrufe nachgehört.",
        "Ziele für den nächsten Monat besprochen.",
        "Fortschritt im CRM sichtbar, weiter so.",
    ],
    "en": [
        "First week went well; tariff questions cleared up.",
        "Listened to difficult calls together.",
        "Agreed on goals for next month.",
        "Visible progress in the CRM, keep going.",
    ],
}
MENTEE_FEEDBACK = {"de": "Sehr hilfreich, danke!", "en": "Very helpful, thank you!"}


def seed(*, demo, rng, today):
    skills = {s.code: s for s in Skill.objects.all()}
    now = timezone.now()
    courses, raises = [], {}
    for title_en, title_de, fmt, hours, onboarding, desc_en, desc_de, course_raises in COURSES:
        course = Course.objects.create(
            title_en=title_en,
            title_de=title_de,
            format=fmt,
            duration_hours=hours,
            is_onboarding=onboarding,
            description_en=desc_en,
            description_de=desc_de,
        )
        raises[course.pk] = CourseSkill.objects.bulk_create(
            CourseSkill(course=course, skill=skills[code], level=level)
            for code, level in course_raises
            if code in skills
        )
        courses.append(course)
    with BulkWriter() as out:
        sessions = _Sessions(out, rng)
        _upcoming(out, sessions, demo, courses, rng, today)
        for i, agent in enumerate(demo.agents):
            if i == 0:
                continue  # the demo agent's trainings are what the journeys book
            _trainings(out, sessions, demo, i, agent, courses, raises, rng, today, now)
        mentors = _Mentors(demo, rng, today)
        _onboarding(out, demo, mentors, courses, rng, today)
        _skill_pairings(out, demo, mentors, skills, rng, today)
        _demo_agent_mentors(out, demo, mentors, skills, rng, today)


class _Sessions:
    """Dated sessions created as enrollments need them: per course and month, filled up to FILLED places."""

    def __init__(self, out, rng):
        self.out, self.rng, self.open = out, rng, {}

    def create(self, course, starts):
        session = self.out.add(
            Session(
                course=course,
                starts_at=starts,
                trainer=self.rng.choice(TRAINERS),
                place=self.rng.choice(PLACES),
                capacity=CAPACITY,
            )
        )
        session.taken = 0
        return session

    def with_place(self, course, day: date, agent_sessions: set):
        key = (course.pk, day.year, day.month)
        session = self.open.get(key)
        if session is None or session.taken >= FILLED or session.pk in agent_sessions:
            starts_on = _weekday(
                date(day.year, day.month, 1) + timedelta(days=self.rng.randint(0, 24))
            )
            session = self.open[key] = self.create(course, _at(starts_on, 9))
        session.taken += 1
        return session


def _upcoming(out, sessions, demo, courses, rng, today):
    """A few sessions in the coming weeks with places left, the first ones of each course."""
    pool = demo.agents[1:120]
    for n, course in enumerate(courses):
        for offset in (10 + n * 3, 40 + n):
            session = sessions.create(course, _at(today + timedelta(days=offset), 9))
            for agent in rng.sample(pool, min(len(pool), 6)):
                status = rng.choice(
                    [
                        Enrollment.Status.ENROLLED,
                        Enrollment.Status.ENROLLED,
                        Enrollment.Status.REQUESTED,
                    ]
                )
                out.add(
                    Enrollment(
                        session=session,
                        agent=agent,
                        status=status,
                        created_at=timezone.now() - timedelta(days=rng.randint(1, 9)),
                    )
                )


def _trainings(out, sessions, demo, i, agent, courses, raises, rng, today, now):
    first = demo.since(i)
    span = (today - first).days + 60  # bookings reach two months ahead
    count = round(span / 365 * TRAININGS_A_YEAR * rng.uniform(0.5, 1.5))
    taken: set = set()
    for day in sorted(first + timedelta(days=rng.randint(0, span)) for _n in range(count)):
        course = courses[rng.randrange(len(courses))]
        session = sessions.with_place(course, day, taken)
        taken.add(session.pk)
        starts = session.starts_at
        if starts < now:
            roll = rng.random()
            status = (
                Enrollment.Status.COMPLETED
                if roll < 0.8
                else Enrollment.Status.ATTENDED
                if roll < 0.9
                else Enrollment.Status.CANCELLED
            )
        else:
            status = rng.choice(
                [
                    Enrollment.Status.ENROLLED,
                    Enrollment.Status.ENROLLED,
                    Enrollment.Status.REQUESTED,
                ]
            )
        completed = status == Enrollment.Status.COMPLETED
        confirmed = completed and rng.random() < 0.9
        finished = timezone.localdate(starts)
        out.add(
            Enrollment(
                session=session,
                agent=agent,
                status=status,
                created_at=starts - timedelta(days=21),
                completed_on=finished if completed else None,
                ratings_confirmed_at=starts + timedelta(days=2) if confirmed else None,
            )
        )
        if confirmed:
            lead = demo.lead_of(i, finished)
            out.add_all(
                SkillRating(
                    agent=agent,
                    skill_id=r.skill_id,
                    level=r.level,
                    source=RatingSource.TRAINING,
                    rated_by=lead,
                    rated_at=starts + timedelta(days=2),
                    note=course.title_en if agent.preferred_language == "en" else course.title_de,
                )
                for r in raises[course.pk]
            )


def _onboarding(out, demo, mentors, courses, rng, today):
    program = OnboardingProgram.objects.create(
        name_en="Contact center onboarding", name_de="Onboarding Kundenservice", is_default=True
    )
    steps = [
        ProgramStep(
            program=program,
            week=1,
            title_en="Welcome talk with the lead",
            title_de="Willkommensgespräch mit der Teamleitung",
        )
    ]
    steps += [
        ProgramStep(program=program, week=w, title_en=c.title_en, title_de=c.title_de, course=c)
        for w, c in enumerate([c for c in courses if c.is_onboarding], start=1)
    ]
    steps += [
        ProgramStep(
            program=program,
            week=4,
            title_en="Check-in after four weeks",
            title_de="Zwischengespräch nach vier Wochen",
        )
    ]
    steps = ProgramStep.objects.bulk_create(steps)
    done = OnboardingAssignment.done_steps.through
    for i, agent in enumerate(demo.agents):
        hired = demo.hired[i]
        if hired < demo.start or i == 0:
            continue
        recent = (today - hired).days <= 60
        assignment = out.add(OnboardingAssignment(agent=agent, program=program, start=hired))
        finished = steps[: rng.randint(1, len(steps) - 1)] if recent else steps
        out.add_all(
            done(onboardingassignment_id=assignment.pk, programstep_id=s.pk) for s in finished
        )
        mentor = mentors.pick(i, active=recent)
        if mentor is None:
            continue
        _pair(
            out,
            mentors,
            i,
            agent,
            mentor=mentor,
            purpose=MentorPairing.Purpose.ONBOARDING,
            start=hired + timedelta(days=2),
            ends=None if recent else hired + timedelta(days=90),
            created_by=demo.lead_of(i, hired),
            rating=None if recent else rng.choice([4, 5, 5]),
            feedback="" if recent else MENTEE_FEEDBACK[agent.preferred_language],
            rng=rng,
            today=today,
        )


FOCUS_SKILLS = ("de-escalation", "tariffs", "crm", "email-writing", "chat-handling")


def _skill_pairings(out, demo, mentors, skills, rng, today):
    """Now and then a strong colleague mentors someone in a skill for three months."""
    focus = [skills[c] for c in FOCUS_SKILLS if c in skills]
    for i, agent in enumerate(demo.agents):
        if i == 0:
            continue
        first = demo.since(i) + timedelta(days=120)
        for year_start in range(0, max(0, (today - first).days), 365):
            if rng.random() >= 0.1:
                continue
            start = first + timedelta(days=year_start + rng.randint(0, 300))
            if start > today - timedelta(days=7):
                continue
            active = start > today - timedelta(days=90)
            mentor = mentors.pick(i, active=active)
            if mentor is None:
                continue
            rating = None if active else rng.choice([3, 4, 5])
            _pair(
                out,
                mentors,
                i,
                agent,
                mentor=mentor,
                purpose=MentorPairing.Purpose.SKILL,
                start=start,
                ends=None if active else start + timedelta(days=90),
                created_by=demo.lead_of(i, start),
                rating=rating,
                focus=rng.choice(focus),
                rng=rng,
                today=today,
            )


class _Mentors:
    """Experienced colleagues of the same team, with at most MENTOR_CAPACITY active mentees each."""

    def __init__(self, demo, rng, today):
        self.demo, self.rng, self.active, self.mentored = demo, rng, {}, set()
        self.by_team: dict = {}
        for i, agent in enumerate(demo.agents):
            if i and (today - demo.hired[i]).days > 365:
                self.by_team.setdefault(demo.team_index(i), []).append(agent)

    def pick(self, i, *, active):
        candidates = [
            m for m in self.by_team.get(self.demo.team_index(i), [])[:6] if m != self.demo.agents[i]
        ]
        if active:
            candidates = [
                m for m in candidates if self.active.get(m.pk, 0) < settings.MENTOR_CAPACITY
            ]
        if not candidates:
            return None
        mentor = self.rng.choice(candidates)
        if active:
            self.active[mentor.pk] = self.active.get(mentor.pk, 0) + 1
        return mentor


def _demo_agent_mentors(out, demo, mentors, skills, rng, today):
    """The demo agent mentors a newer colleague, so that the mentor's side of the portal has something to show."""
    if not demo.agents or mentors.active.get(demo.agent.pk):
        return
    team = demo.team_index(0)
    colleagues = [
        i
        for i in range(1, len(demo.agents))
        if demo.team_index(i) == team and i not in mentors.mentored
    ]
    if not colleagues:
        return
    newest = max(colleagues, key=lambda i: demo.hired[i])
    start = max(demo.since(newest), today - timedelta(days=30))
    focus = [skills[c] for c in FOCUS_SKILLS if c in skills]
    mentors.active[demo.agent.pk] = 1
    _pair(
        out,
        mentors,
        newest,
        demo.agents[newest],
        mentor=demo.agent,
        purpose=MentorPairing.Purpose.SKILL,
        start=start,
        ends=None,
        created_by=demo.lead_of(newest, start),
        focus=rng.choice(focus) if focus else None,
        rng=rng,
        today=today,
    )


def _pair(
    out,
    mentors,
    i,
    mentee,
    *,
    mentor,
    purpose,
    start,
    ends,
    created_by,
    rng,
    today,
    rating=None,
    feedback="",
    focus=None,
):
    """One pairing (active while it has no end), its focus skill and its check-ins until today or its end."""
    if ends is None:
        mentors.mentored.add(i)
    pairing = out.add(
        MentorPairing(
            mentor=mentor,
            mentee=mentee,
            purpose=purpose,
            start=start,
            end=ends,
            status=MentorPairing.Status.ENDED if ends else MentorPairing.Status.ACTIVE,
            mentee_rating=rating,
            mentee_feedback=feedback,
            created_by=created_by,
        )
    )
    if focus is not None:
        out.add(PairingFocusSkill(pairing_id=pairing.pk, skill_id=focus.pk))
    _check_ins(out, pairing, mentee, min(today, ends or today), rng)


def _check_ins(out, pairing, mentee, until, rng):
    texts = CHECK_INS[mentee.preferred_language]
    day = pairing.start + timedelta(days=7)
    while day <= until:
        out.add(
            MentorCheckIn(
                pairing=pairing,
                author=rng.choice([pairing.mentor, mentee]),
                held_on=day,
                note=rng.choice(texts),
            )
        )
        day += timedelta(days=14)


def _weekday(day: date) -> date:
    return day + timedelta(days=max(0, 7 - day.weekday()) if day.weekday() >= 5 else 0)


def _at(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))
