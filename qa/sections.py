"""What the qa app adds to the shared pages (see portal/sections.py): the agent's evaluations on the
agent page and `/me/`, and on `/me/` the shared ones that wait for the agent's acknowledgement (read
with the section, so "For you" costs no query of its own)."""

from django.utils.translation import gettext as _

from core.contracts import MAIN, ForYouItem, Section
from people import access

from .selectors import evaluations as selectors

RECENT = 5


def agent_page(viewer, agent, rights):
    if not access.qa_is_on():
        return []
    evaluations = selectors.on_agent_page(viewer, agent, recent=RECENT)
    waiting = (
        [
            ForYouItem(
                kind="qa_evaluation",
                label=_("Quality evaluation to acknowledge"),
                title=f"{e.version.scorecard} · {e.get_channel_display()} · {e.reference}",
                when=e.shared_at,
                url=e.get_absolute_url(),
                action=_("Read and acknowledge"),
            )
            for e in evaluations
            if selectors.awaits_acknowledgement(e)
        ]
        if rights.is_self
        else []
    )
    return [
        Section(
            template="qa/_agent_section.html",
            order=45,
            column=MAIN,
            context={
                "agent": agent,
                "evaluations": evaluations[: max(RECENT, len(waiting))],
                "may_evaluate": rights.can_coach and access.may_evaluate(viewer),
            },
            waiting=waiting,
        )
    ]
