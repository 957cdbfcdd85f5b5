"""Load test: team leads, agents and HR doing their daily journeys (`make loadtest`).

Each simulated person is a demo account that repeats what its role does on a working day.
`make loadtest` hands over signed-in sessions of the seeded people in LOADTEST_USERS (JSON:
{"cookie": name, "people": {"lead": [[email, session key], ...], "agent": ..., "hr": ...}});
without it the well-known demo logins sign in through the login form.
"""

import itertools
import json
import os
import random
import re
from datetime import datetime

from locust import HttpUser, between, task

PASSWORD = os.environ.get("LOADTEST_PASSWORD", "demo1234")
DEFAULT_PEOPLE = {
    "lead": [["lead@demo.example", None]],
    "agent": [["agent@demo.example", None]],
    "hr": [["hr@demo.example", None]],
}


def _accounts():
    """Per role, an endless round of (e-mail, session key or None to sign in with the password)."""
    path = os.environ.get("LOADTEST_USERS")
    data = (
        json.loads(open(path, encoding="utf-8").read())
        if path
        else {"cookie": "sessionid", "people": DEFAULT_PEOPLE}
    )
    return data["cookie"], {
        role: itertools.cycle(people) for role, people in data["people"].items()
    }


SESSION_COOKIE, ACCOUNTS = _accounts()
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def ids(pattern, html):
    return sorted(set(re.findall(pattern, html)))


class Person(HttpUser):
    abstract = True
    role = ""
    wait_time = between(1, 4)
    # LOADTEST_ONE_OF_EACH=true: exactly one lead, one agent and one HR person (the smoke test).
    fixed_count = 1 if os.environ.get("LOADTEST_ONE_OF_EACH") == "true" else 0

    def on_start(self):
        self.email, session = next(ACCOUNTS[self.role])
        if session:
            self.client.cookies.set(SESSION_COOKIE, session)
            return
        page = self.client.get("/accounts/login/", name="login form")
        self.client.post(
            "/accounts/login/",
            {
                "csrfmiddlewaretoken": CSRF.search(page.text).group(1),
                "username": self.email,
                "password": PASSWORD,
            },
            name="sign in",
        )

    def page(self, url, name=None):
        return self.client.get(url, name=name or url)


class Lead(Person):
    """A team lead: dashboard, feedback inbox, the team's matrix and reviews, a coaching note."""

    role = "lead"
    weight = 4

    def on_start(self):
        super().on_start()
        dashboard = self.page("/dashboard/").text
        self.teams = ids(r"/teams/(\d+)/", dashboard) or ["0"]
        form = self.page("/feedback/new/", name="/feedback/new/ (form)").text
        agent_select = re.search(r'<select name="agent".*?</select>', form, re.DOTALL)
        self.agents = ids(r'<option value="(\d+)"', agent_select.group(0)) if agent_select else []

    @task(4)
    def dashboard(self):
        self.page("/dashboard/")

    @task(4)
    def inbox(self):
        self.page("/feedback/")

    @task(2)
    def skills_matrix(self):
        self.page(f"/teams/{random.choice(self.teams)}/skills/", name="/teams/[id]/skills/")

    @task(2)
    def team_reviews(self):
        self.page(f"/teams/{random.choice(self.teams)}/reviews/", name="/teams/[id]/reviews/")

    @task(3)
    def agent_page(self):
        if self.agents:
            self.page(f"/agents/{random.choice(self.agents)}/", name="/agents/[id]/")

    @task(1)
    def write_a_coaching_note(self):
        if not self.agents:
            return
        form = self.page("/feedback/new/", name="/feedback/new/ (form)").text
        self.client.post(
            "/feedback/new/",
            {
                "csrfmiddlewaretoken": CSRF.search(form).group(1),
                "agent": random.choice(self.agents),
                "observed_at": datetime.now().strftime("%Y-%m-%dT%H:%M"),
                "channel": "phone",
                "kind": "praise",
                "situation": "Calmed an upset caller and summarised the next steps clearly.",
                "effect": "The caller thanked her and closed the complaint.",
                "next_step": "Keep summarising at the end of each call.",
            },
            name="/feedback/new/ (save)",
        )


class Agent(Person):
    """An agent: their growth plan, trainings, briefings, notifications."""

    role = "agent"
    weight = 10

    def on_start(self):
        super().on_start()
        self.page("/me/")

    @task(5)
    def growth_plan(self):
        self.page("/me/")

    @task(2)
    def trainings(self):
        self.page("/training/")

    @task(2)
    def briefings(self):
        self.page("/briefings/")

    @task(2)
    def notifications(self):
        self.page("/notifications/")

    @task(1)
    def upward_feedback_form(self):
        self.page("/feedback/upward/new/")


class HR(Person):
    """HR: the overview, the site skills matrix, training needs, exports."""

    role = "hr"
    weight = 1

    def on_start(self):
        super().on_start()
        self.page("/hr/")

    @task(3)
    def overview(self):
        self.page("/hr/")

    @task(2)
    def site_skills_matrix(self):
        self.page("/skills/matrix/")

    @task(1)
    def training_needs(self):
        self.page("/training/needs/")

    @task(1)
    def exports(self):
        self.page("/hr/exports/")

    @task(1)
    def upward_feedback(self):
        self.page("/hr/upward/")
