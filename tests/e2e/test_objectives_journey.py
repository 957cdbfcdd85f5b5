"""Issue 29's journey: HR publishes an FCR objective, the demo lead adds the team's part, HR agrees it,
the demo agent sees both with the team's progress on /me/, links a goal and proposes an improvement,
and the lead answers; the team's skills matrix shows the team mix and a what-if."""

import pytest
from django.utils import timezone
from django.utils.text import capfirst
from playwright.sync_api import expect

from people.periods import Quarter

pytestmark = pytest.mark.e2e

TITLE = {"de": "Anliegen beim ersten Kontakt lösen", "en": "Solve it at the first contact"}
TEAM_PART = "Am Ende jedes Gesprächs fragen, ob alles geklärt ist"
PROPOSAL = "Kund*innen fragen oft nach der Rechnungskopie; ein Link im Kundenportal würde helfen."


def test_hr_publishes_the_lead_adds_the_teams_part_the_agent_follows_and_proposes(
    demo, sign_in, sign_out, live_server, page, lang, t
):
    quarter = Quarter.containing(timezone.localdate())
    sign_in("hr@demo.example")
    page.goto(f"{live_server.url}/hr/")
    page.get_by_role("link", name=t("New objective")).click()
    page.locator("#id_number").fill(str(quarter.number))
    page.locator("#id_year").fill(str(quarter.year))
    page.get_by_label(capfirst(t("title (English)"))).fill(TITLE["en"])
    page.get_by_label(capfirst(t("title (German)"))).fill(TITLE["de"])
    page.get_by_label(capfirst(t("leeway agents have (German)"))).fill(
        "Kulanz bis 25 Euro ohne Rückfrage."
    )
    page.get_by_label(capfirst(t("measure"))).select_option("fcr")
    page.get_by_label(capfirst(t("where we start"))).fill("70")
    page.locator("#id_target").fill("60")
    page.get_by_role("button", name=t("Save")).click()
    # The wrong direction is refused with a message, and nothing is saved.
    expect(page.locator(".alert a[href='#id_target']")).to_contain_text(
        t(
            "The target lies in the wrong direction: with “%(direction)s” it must be beyond "
            "where we start (%(baseline)s).",
            direction=t("at least (higher is better)"),
            baseline="70",
        )
    )
    page.locator("#id_target").fill("80")
    page.get_by_role("button", name=t("Save")).click()
    expect(page.get_by_text(t("The objective was saved."))).to_be_visible()
    page.get_by_role("button", name=t("Publish")).click()
    page.get_by_role("dialog").get_by_role("button", name=t("Publish the objective")).click()
    expect(
        page.get_by_text(t("The objective is published. Leads can now add their team's part."))
    ).to_be_visible()
    sign_out()

    sign_in("lead@demo.example")
    page.goto(f"{live_server.url}/dashboard/")
    page.get_by_role(
        "link", name=t("The service's objectives, your teams' part and their progress")
    ).click()
    page.get_by_role("link", name=TITLE[lang]).click()
    page.get_by_role("link", name=t("Add your team's part")).click()
    page.locator("#id_title").fill(TEAM_PART)
    page.get_by_role("button", name=t("Save")).click()
    expect(
        page.get_by_text(t("Your team's part was saved. HR agrees it before the team sees it."))
    ).to_be_visible()
    sign_out()

    sign_in("hr@demo.example")
    page.goto(f"{live_server.url}/objectives/")
    page.get_by_role("link", name=TEAM_PART).click()
    page.get_by_role("button", name=t("Agree")).click()
    expect(page.get_by_text(t("The team's part is agreed; its agents see it now."))).to_be_visible()
    sign_out()

    sign_in("agent@demo.example")
    page.goto(f"{live_server.url}/me/")
    heading = page.locator("#objectives-heading")
    expect(heading.get_by_text(TITLE[lang])).to_be_visible()
    expect(heading.get_by_role("link", name=TEAM_PART)).to_be_visible()
    expect(heading.get_by_text("Kulanz bis 25 Euro ohne Rückfrage.")).to_be_visible()
    expect(
        heading.locator("p").filter(has_text=t("80.0 %" if lang == "en" else "80,0 %")).first
    ).to_be_visible()
    ours = heading.locator("article").filter(has_text=TITLE[lang])
    ours.get_by_role("button", name=t("Confirm reading")).click()
    page.get_by_role("button", name=t("Confirm reading")).click()  # the confirm step
    expect(
        page.get_by_text(t("Thank you: you confirmed that you have read the objective."))
    ).to_be_visible()
    page.goto(f"{live_server.url}/me/")
    heading = page.locator("#objectives-heading")
    expect(
        heading.locator("article").filter(has_text=TITLE[lang]).get_by_role("button")
    ).to_have_count(0)
    goal = heading.locator("form").filter(has=page.get_by_role("combobox")).first
    goal.get_by_role("combobox").select_option(label=TEAM_PART)
    goal.get_by_role("button", name=t("Link")).click()
    expect(
        page.get_by_text(t("Your goal now shows which team objective it serves."))
    ).to_be_visible()
    expect(
        page.locator("#objectives-heading").get_by_text(
            t("Your goals that contribute"), exact=False
        )
    ).to_be_visible()
    page.locator("#objectives-heading").get_by_role("link", name=TEAM_PART).click()
    page.get_by_label(t("Your proposal")).fill(PROPOSAL)
    page.get_by_role("button", name=t("Propose")).click()
    expect(
        page.get_by_text(t("Thank you: your proposal went to your lead and your team."))
    ).to_be_visible()
    sign_out()

    sign_in("lead@demo.example")
    page.goto(f"{live_server.url}/objectives/")
    page.get_by_role("link", name=TEAM_PART).click()
    proposal = page.locator("li").filter(has_text=PROPOSAL)
    proposal.get_by_label(t("Taken up")).check()
    proposal.get_by_label(t("Why")).fill("Wir fragen die IT nach dem Link.")
    proposal.get_by_role("button", name=t("Answer")).click()
    expect(page.get_by_text(t("Your answer was saved; the team sees it."))).to_be_visible()
    expect(page.locator("li").filter(has_text=PROPOSAL).get_by_text(t("Taken up"))).to_be_visible()

    page.goto(f"{live_server.url}/teams/{team_pk()}/skills/")
    mix = page.locator("#team-mix")
    expect(mix.get_by_role("heading", name=t("Single points of failure"))).to_be_visible()
    expect(mix.get_by_role("heading", name=t("Skills nobody holds"))).to_be_visible()
    mix.get_by_label(t("If this person is absent")).select_option(label="Jonas Weber")
    mix.get_by_role("button", name=t("Show what breaks")).click()
    expect(page.locator("#what-if")).to_contain_text("Jonas Weber")


def team_pk() -> int:
    from people.models import Team

    return Team.objects.get(name="Privatkunden Telefon").pk
