"""What the skills app adds to the shared pages (see portal/sections.py)."""

from core.contracts import MAIN, Section

from . import selectors


def agent_page(viewer, agent, rights):
    rows = selectors.skill_profile(agent, viewer)
    return [
        Section(
            template="skills/_agent_skills.html",
            order=10,
            column=MAIN,
            context={
                "agent": agent,
                "rows": rows,
                "rated": any(r.current or r.target or r.qa_low for r in rows),
                "is_self": rights.is_self,
                "can_coach": rights.can_coach,
                "can_rate": rights.can_note,
                "wishes": list(selectors.career_wishes_of(agent, with_skills=False)),
            },
        )
    ]


def lead_dashboard(viewer, teams):
    return [
        Section(
            template="skills/_lead_thin_skills.html",
            order=10,
            column=MAIN,
            context={"teams": selectors.thinnest_skills_by_team(teams)},
        )
    ]
