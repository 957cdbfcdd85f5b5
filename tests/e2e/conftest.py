import os

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """The system's Chromium or Chrome, CHROMIUM, or Playwright's own (see tests/e2e/browser.py)."""
    from .browser import NoBrowser, find_chromium

    try:
        chromium = find_chromium()
    except NoBrowser as problem:
        pytest.fail(str(problem))
    if not chromium:
        pytest.fail("No browser for the browser tests: run `make test`, which finds or installs one.")
    return {**browser_type_launch_args, "executable_path": chromium, "args": CHROMIUM_ARGS}


@pytest.fixture
def demo(transactional_db):
    """The demo service center, as `make run` serves it."""
    from django.core.management import call_command

    call_command("seed_demo", verbosity=0, stdout=open(os.devnull, "w"))


@pytest.fixture
def sign_in(page, live_server):
    """Sign in through the login form; `language` sets the account's language first
    (the demo people work in German; None keeps what the account has)."""

    def _sign_in(email, password="demo1234", language="en"):
        if language:
            from people.models import User

            User.objects.filter(email=email).update(preferred_language=language)
        page.goto(f"{live_server.url}/accounts/login/")
        page.get_by_label("E-mail address").fill(email)
        page.get_by_label("Password").fill(password)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_load_state()
        return page

    return _sign_in


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    """A desktop screen: below 1400 px the navigation folds into the menu button."""
    return {**browser_context_args, "viewport": {"width": 1440, "height": 900}}
